/// One cell to write. Text is guarded against formula injection; numbers are not, and
/// are written with the dialect's decimal separator.
public enum CSVCell: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
  case text(String)
  /// A number rounded to `fractionDigits` decimals; NaN and infinities are written empty.
  case number(Double, fractionDigits: Int)
  case integer(Int)
  /// A figure (a mean, a share, a difference): RFC 4180 writes it so that it reads back as
  /// the same double (the shortest such text); Swedish Excel rounds it to 4 decimals.
  case measure(Double)
  /// A p-value: RFC 4180 as a measure; Swedish Excel to 2 significant digits, never
  /// rounded to 0 (`0,00012`, `3,1E-09`).
  case probability(Double)
  case empty

  public init(stringLiteral value: String) { self = .text(value) }
  public init(integerLiteral value: Int) { self = .integer(value) }

  /// An optional figure or p-value: nil (or NaN, an infinity) is an empty cell.
  public static func measure(_ value: Double?) -> CSVCell { value.map(CSVCell.measure) ?? .empty }
  public static func probability(_ value: Double?) -> CSVCell { value.map(CSVCell.probability) ?? .empty }

  /// An optional number: nil is an empty cell.
  public static func number(_ value: Double?, _ fractionDigits: Int) -> CSVCell {
    value.map { .number($0, fractionDigits: fractionDigits) } ?? .empty
  }
}
