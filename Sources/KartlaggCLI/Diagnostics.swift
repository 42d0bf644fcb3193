import Ingest
import SourceDiagnostics

/// What a run found, printed compiler-style: a summary line per file, then its findings
/// (`exports/nybro.csv:48:12: error: …`), every one, but at most `cap` rejected rows and
/// `cap` answer problems per file, with a count of the rest and where they all are.
public enum Diagnostics {
  public static func lines(for files: [FileReport], language: String, details: String, cap: Int = 10) -> [String] {
    var out: [String] = []
    for f in files {
      var summary = "\(f.file): "
      if let d = f.dialect {
        summary +=
          "\(d.encoding.encoding)\(d.encoding.hadByteOrderMark ? " with BOM" : ""), delimiter '\(d.delimiter.character)', "
      }
      if !f.headerLines.isEmpty {
        summary +=
          f.headerLines.count == 1
          ? "header on line \(f.headerLines[0]): "
          : "header on lines \(f.headerLines.map(String.init).joined(separator: ", ")): "
      }
      summary +=
        "\(f.read) read, \(f.accepted) accepted, \(f.rejected) rejected, \(f.problemCount) answer problem\(f.problemCount == 1 ? "" : "s")"
        + (f.unknownGroup > 0 ? ", \(f.unknownGroup) in a group 'unknown'" : "")
        + (f.municipalityFromFile.map { ", all in \($0.municipality) (from \($0.source.rawValue))" } ?? "")
      if !f.imported { summary += " — not imported" }
      out.append(summary)
      if let failure = f.failure { out.append(failure.description) }
      // An error that stopped the file is in its failure already: printed once.
      out += f.diagnostics.filter { d in
        d != f.failure && !(d.severity == .error && f.failure?.message.contains(d.message) == true)
      }.map(\.description)
      let shownRows = f.failure == nil ? f.rejectedRows : []
      for row in shownRows.prefix(cap) {
        out.append(
          Diagnostic(file: f.file, line: row.line, column: row.column, message: row.reason.message(language: language))
            .description)
      }
      if shownRows.count > cap {
        out.append(
          "… and \(shownRows.count - cap) more rejected rows\(details.isEmpty ? "" : " in \(details)/rejected.csv")")
      }
      for p in f.problems.prefix(cap) {
        out.append(
          Diagnostic(
            file: f.file, line: p.line, column: p.column, severity: .warning,
            message: "column '\(p.columnName)': \(p.message(language: language))"
          ).description)
      }
      if f.problems.count > cap {
        out.append(
          "… and \(f.problems.count - cap) more answer problems\(details.isEmpty ? "" : " in \(details)/problems.csv")")
      }
    }
    return out
  }
}
