import GapAnalysis
import LibCSV
import Reporting
import SourceDiagnostics

/// Reads an earlier run's `items.csv` (either dialect) as the baseline for follow-up.
public enum Baseline {
  typealias Column = CSVSummaries.ItemsColumn

  public struct ReadError: Error, CustomStringConvertible {
    public var description: String
  }

  public static func read(_ path: String) throws -> [BaselineFigure] { try readWithRound(path).figures }

  /// The figures, and the round they are of when the file names it (its `round` column:
  /// kartlagg from this version on): the store's round, or a run from files' survey id
  /// and period (`CSVSummaries.round(of:)`).
  public static func readWithRound(_ path: String) throws -> (figures: [BaselineFigure], round: String?) {
    let reader = try CSVReader(path: path)
    var header: [String: Int]?
    var round: String?
    var figures: [BaselineFigure] = []
    var failure: ReadError?
    var problems: [String] = []
    try reader.forEachRecord { record in
      guard failure == nil else { return }
      guard let columns = header else {
        var map: [String: Int] = [:]
        for (i, name) in record.strings().enumerated() { map[name] = i }
        let needed: [Column] = [.scopeType, .scope, .item, .n, .currentMean, .desiredMean, .gapMean]
        let missing = needed.map(\.rawValue).filter { map[$0] == nil }
        if !missing.isEmpty {
          failure = ReadError(
            description:
              Diagnostic(
                file: path, line: record.line,
                message: "not an items.csv of kartlagg: no column \(missing.map { "'\($0)'" }.joined(separator: ", "))"
              ).description
          )
        }
        header = map
        return
      }
      func text(_ column: Column) -> String {
        guard let i = columns[column.rawValue], i < record.count else { return "" }
        return record.string(at: i)
      }
      if round == nil, let i = columns["round"], i < record.count { round = record.string(at: i) }
      func problem(_ column: Column, _ what: String) {
        problems.append(
          Diagnostic(
            file: path, line: record.line, column: (columns[column.rawValue] ?? 0) + 1,
            message:
              "column '\(column.rawValue)' holds '\(text(column))', not \(what); give an items.csv that kartlagg wrote"
          ).description
        )
      }
      // Either dialect: a decimal point or a decimal comma. A mean lies within any scale
      // kartlagg accepts; a count is a whole number that a run can hold.
      func number(_ column: Column) -> Double? {
        let raw = text(column)
        guard !raw.isEmpty else { return nil }
        guard let v = Double(raw.replacingOccurrences(of: ",", with: ".")), v.isFinite, abs(v) <= 10_000 else {
          problem(column, "a mean")
          return nil
        }
        return v
      }
      var n: Int?
      if !text(.n).isEmpty {
        if let v = Int(text(.n)), (0...1_000_000_000).contains(v) {
          n = v
        } else {
          problem(.n, "a count from 0 to 1 000 000 000")
        }
      }
      var figure = BaselineFigure(
        scopeType: text(.scopeType), scope: text(.scope), item: text(.item), n: n,
        currentMean: number(.currentMean), desiredMean: number(.desiredMean), gapMean: number(.gapMean))
      // Files of kartlagg before scope_id match by names.
      if columns[Column.scopeID.rawValue] != nil { figure.scopeID = text(.scopeID) }
      figures.append(figure)
    }
    if let failure { throw failure }
    if !problems.isEmpty {
      let shown = problems.prefix(20).joined(separator: "\n")
      throw ReadError(description: shown + (problems.count > 20 ? "\n… and \(problems.count - 20) more" : ""))
    }
    return (figures, round)
  }
}
