/// The two CSV dialects kartlagg writes.
public enum CSVOutputFormat: String, Sendable, CaseIterable, CustomStringConvertible {
  /// RFC 4180: UTF-8 without BOM, `,`, CRLF (both formats end lines with CRLF), `.` as decimal point, quotes only where needed.
  case rfc4180 = "rfc4180"
  /// What a Swedish Excel opens right with a double-click: UTF-8 with BOM, `;`, CRLF and
  /// decimal comma. Never a `sep=` line: it makes Excel ignore the BOM.
  case excelSwedish = "excel-sv"

  public var description: String { rawValue }

  public var delimiter: UInt8 { self == .rfc4180 ? UInt8(ascii: ",") : UInt8(ascii: ";") }
  public var decimalSeparator: UInt8 { self == .rfc4180 ? UInt8(ascii: ".") : UInt8(ascii: ",") }
  public var writesByteOrderMark: Bool { self == .excelSwedish }
}

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

/// Neutralises text that a spreadsheet would run as a formula.
///
/// A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return (or the
/// full-width `＝ ＋ － ＠`, which Excel also reads as formula signs) gets a leading
/// apostrophe, as OWASP's CSV-injection guidance recommends: the spreadsheet shows the
/// text as it is and runs nothing.
public enum FormulaGuard {
  static let triggers: Set<Unicode.Scalar> = [
    "=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}",
  ]

  public static func isDangerous(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first else { return false }
    return triggers.contains(first)
  }

  public static func neutralise(_ text: String) -> String {
    isDangerous(text) ? "'" + text : text
  }
}
