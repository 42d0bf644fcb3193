/// A finding at a place in a file, written as compilers write them, so that editors and
/// terminals can jump to it: `exports/nybro.csv:48:12: error: …`.
///
/// The one format for every message kartlagg prints about its input: CSV errors, import
/// findings, rejected rows and answer problems, and survey definitions.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
  public enum Severity: String, Sendable { case error, warning, note }

  /// The file as the user named it; empty for input that has no name.
  public var file: String
  /// 1-based; 0 when the finding concerns the file as a whole.
  public var line: Int
  /// 1-based; 0 when it concerns no single column.
  public var column: Int
  public var severity: Severity
  public var message: String

  public init(file: String, line: Int = 0, column: Int = 0, severity: Severity = .error, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.severity = severity
    self.message = message
  }

  /// `file:line:column: severity: message`, leaving out what is 0; for input without a
  /// name, `line N: severity: message`. In a sheet of a workbook (`book.xlsx[Blad1]`) the
  /// line is the sheet's row and the column is written in letters, as Excel shows it
  /// (`book.xlsx[Blad1]:7:AZ`).
  public var description: String {
    var place = file.isEmpty ? (line > 0 ? "line \(line)" : "") : file
    if !file.isEmpty && line > 0 {
      place += ":\(line)"
      if column > 0 { place += ":" + (Self.isSheet(file) ? Self.columnLetters(column - 1) : "\(column)") }
    }
    return (place.isEmpty ? "" : place + ": ") + "\(severity.rawValue): \(message)"
  }

  /// Whether `file` names a sheet of a workbook: `path.xlsx[Sheet]` (or `.xlsm`).
  public static func isSheet(_ file: String) -> Bool {
    guard file.hasSuffix("]"), let open = file.lastIndex(of: "[") else { return false }
    let book = file[..<open].lowercased()
    return book.hasSuffix(".xlsx") || book.hasSuffix(".xlsm")
  }

  /// A 0-based column index in letters: 0 → A, 25 → Z, 26 → AA, 51 → AZ, 701 → ZZ, 702 → AAA.
  public static func columnLetters(_ index: Int) -> String {
    var n = index + 1
    var letters: [Character] = []
    while n > 0 {
      letters.append(Character(UnicodeScalar(UInt8(65 + (n - 1) % 26))))
      n = (n - 1) / 26
    }
    return String(letters.reversed())
  }
}
