/// One cell to write. Text is guarded against formula injection; numbers are not, and
/// are written with the dialect's decimal separator.
public enum CSVCell: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
  case text(String)
  /// A number rounded to `fractionDigits` decimals; NaN and infinities are written empty.
  case number(Double, fractionDigits: Int)
  case integer(Int)
  case empty

  public init(stringLiteral value: String) { self = .text(value) }
  public init(integerLiteral value: Int) { self = .integer(value) }

  /// An optional number: nil is an empty cell.
  public static func number(_ value: Double?, _ fractionDigits: Int) -> CSVCell {
    value.map { .number($0, fractionDigits: fractionDigits) } ?? .empty
  }
}
