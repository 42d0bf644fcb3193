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
