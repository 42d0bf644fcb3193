import SourceDiagnostics

/// A problem that stops a CSV file from being read further.
///
/// Messages are compiler-style (`exports/nybro.csv:48: error: …`), name the place, and say
/// what would fix the file.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Kind: Sendable, Equatable {
    /// A quoted field was still open at the end of the file (`CSV_STRICT_FINI`).
    case unterminatedQuote
    /// A closing quote was followed by something other than a delimiter or line end.
    case characterAfterClosingQuote(String)
    /// A quote character appeared inside a field that did not start with a quote.
    case quoteInUnquotedField
    /// A single field grew past the reader's limit, nearly always an unterminated quote.
    case fieldTooLarge(limit: Int)
    /// libcsv could not grow its buffer.
    case outOfMemory
    /// The file could not be opened or read.
    case io(String)
  }

  public var kind: Kind
  /// The file's name as the user gave it, or nil for in-memory input.
  public var path: String?
  /// The physical line (1-based) where the problem is; 0 for a file that could not be read.
  public var line: Int
  /// The physical line where the field or record holding the problem starts.
  public var fieldStartLine: Int
  /// The offset in bytes from the start of the file.
  public var byteOffset: Int

  public init(kind: Kind, path: String?, line: Int, fieldStartLine: Int, byteOffset: Int) {
    self.kind = kind
    self.path = path
    self.line = line
    self.fieldStartLine = fieldStartLine
    self.byteOffset = byteOffset
  }

  /// What is wrong, in words, without the location prefix.
  public var reason: String {
    switch kind {
    case .unterminatedQuote:
      return "unterminated quoted field starting at line \(fieldStartLine)"
        + " (the file ends inside it); add the closing quote (\") where the field ends"
    case .characterAfterClosingQuote(let c):
      return "unexpected \(c) after the closing quote of a field starting at line"
        + " \(fieldStartLine), byte \(byteOffset); a quote inside a quoted field must be doubled (\"\")"
    case .quoteInUnquotedField:
      return "quote character inside an unquoted field at line \(line), byte \(byteOffset);"
        + " enclose the field in quotes and double the quotes inside it"
    case .fieldTooLarge(let limit):
      return "field starting at line \(fieldStartLine) is larger than \(limit >> 20) MiB,"
        + " which nearly always means an unterminated quote; check the quotes from that line on"
    case .outOfMemory:
      return "out of memory while reading the field starting at line \(fieldStartLine)"
    case .io(let message):
      return message
    }
  }

  /// Compiler style; an I/O error has no line (0) and names the file alone.
  public var description: String { Diagnostic(file: path ?? "", line: line, message: reason).description }
}
