/// The delimiters kartlagg recognises when it sniffs a file.
public enum CSVDelimiter: UInt8, Sendable, CaseIterable, CustomStringConvertible {
  case comma = 0x2C
  case semicolon = 0x3B
  case tab = 0x09
  case pipe = 0x7C

  public var character: Character { Character(Unicode.Scalar(rawValue)) }

  public var description: String {
    switch self {
    case .comma: return "','"
    case .semicolon: return "';'"
    case .tab: return "tab"
    case .pipe: return "'|'"
    }
  }
}

/// How a file was read: what the reader found out or was told.
public struct CSVDialect: Sendable, Equatable, CustomStringConvertible {
  public var encoding: DetectedEncoding
  public var delimiter: CSVDelimiter
  /// Whether the delimiter came from an Excel `sep=` first line.
  public var declaredBySepLine: Bool
  /// Whether the delimiter was forced by the caller rather than sniffed.
  public var forced: Bool
  /// The most common number of fields among the first records (the header's width in a
  /// well-formed file); 0 for an empty file.
  public var typicalFieldCount: Int

  public var description: String {
    "\(encoding), avgränsare \(delimiter)" + (declaredBySepLine ? " (från sep=-raden)" : "")
  }
}
