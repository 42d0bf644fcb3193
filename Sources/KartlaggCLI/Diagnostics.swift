import Ingest
import KartlaggRun
import SourceDiagnostics

/// What a run found, printed compiler-style: a summary line per file, then its findings
/// (`exports/nybro.csv:48:12: error: …`), every one, but at most `cap` rejected rows and
/// `cap` answer problems per file, with a count of the rest and where they all are.
public enum Diagnostics {
  public static func lines(for files: [FileReport], language: Language, details: String, cap: Int = 10) -> [String] {
    output(for: files, language: language, details: details, cap: cap).map(\.text)
  }

  /// The lines, each with its stream: a file's summary is a result (standard output), its
  /// findings diagnostics (standard error).
  public static func output(for files: [FileReport], language: Language, details: String, cap: Int = 10)
    -> [RunOutcome.Line]
  {
    var out: [RunOutcome.Line] = []
    func say(_ s: Said) -> String { s.text(language) }
    for f in files {
      var summary = "\(f.file): "
      if Diagnostic.isSheet(f.file) {
        summary += say(.sheet)
      } else if Ingest.isSPSS(f.file) {
        summary += say(.spssFile)
      } else if let d = f.dialect {
        summary += say(
          .fileDialect(
            encoding: "\(d.encoding.encoding)", byteOrderMark: d.encoding.hadByteOrderMark,
            delimiter: "\(d.delimiter.character)"))
      }
      if !f.headerLines.isEmpty {
        summary +=
          f.headerLines.count == 1
          ? say(.headerOnLine(f.headerLines[0]))
          : say(.headerOnLines(f.headerLines.map(String.init).joined(separator: ", ")))
      }
      summary += say(.counts(read: f.read, accepted: f.accepted, rejected: f.rejected, problems: f.problemCount))
      if f.unknownGroup > 0 { summary += say(.inUnknownGroup(f.unknownGroup)) }
      if f.unknownMunicipality > 0 { summary += say(.inUnknownMunicipality(f.unknownMunicipality)) }
      if let assignment = f.municipalityFromFile {
        summary += say(.allIn(municipality: assignment.municipality, fromFileName: assignment.source == .fileName))
      }
      if !f.imported { summary += say(.notImported) }
      out.append(RunOutcome.Line(summary, .output))
      if let failure = f.failure { out.append(RunOutcome.Line(failure.description, .error)) }
      // An error that stopped the file is in its failure already: printed once.
      out += f.diagnostics.filter { d in
        d != f.failure && !(d.severity == .error && f.failure?.message.contains(d.message) == true)
      }.map { RunOutcome.Line($0.description, .error) }
      let shownRows = f.failure == nil ? f.firstRejectedRows(cap) : []
      let shownCount = f.failure == nil ? f.rejectedRowCount : 0
      for row in shownRows {
        out.append(
          RunOutcome.Line(
            Diagnostic(
              file: f.file, line: row.line, column: row.column,
              message: row.reason.message(language: language)
            ).description, .error))
      }
      if shownCount > cap {
        out.append(RunOutcome.Line(say(.moreRejected(count: shownCount - cap, folder: details)), .error))
      }
      for p in f.problems.prefix(cap) {
        out.append(
          RunOutcome.Line(
            Diagnostic(
              file: f.file, line: p.line, column: p.column, severity: .warning,
              message: say(.column(name: p.columnName, message: p.message(language: language)))
            ).description, .error))
      }
      if f.problems.count > cap {
        out.append(RunOutcome.Line(say(.moreProblems(count: f.problems.count - cap, folder: details)), .error))
      }
    }
    return out
  }
}
