import GapAnalysis
import LibCSV

/// Reads an earlier run's `items.csv` (either dialect) as the baseline for follow-up.
public enum Baseline {
  public struct ReadError: Error, CustomStringConvertible {
    public var description: String
  }

  public static func read(_ path: String) throws -> [BaselineFigure] {
    let reader = try CSVReader(path: path)
    var header: [String: Int]?
    var figures: [BaselineFigure] = []
    var failure: ReadError?
    var problems: [String] = []
    try reader.forEachRecord { record in
      guard failure == nil else { return }
      guard let columns = header else {
        var map: [String: Int] = [:]
        for (i, name) in record.strings().enumerated() { map[name] = i }
        let needed = ["scope_type", "scope", "item", "n", "current_mean", "desired_mean", "gap_mean"]
        let missing = needed.filter { map[$0] == nil }
        if !missing.isEmpty {
          failure = ReadError(
            description:
              "\(path):\(record.line): error: not an items.csv of kartlagg: no column \(missing.map { "'\($0)'" }.joined(separator: ", "))"
          )
        }
        header = map
        return
      }
      func text(_ name: String) -> String {
        guard let i = columns[name], i < record.count else { return "" }
        return record.string(at: i)
      }
      func problem(_ name: String, _ what: String) {
        problems.append(
          "\(path):\(record.line):\((columns[name] ?? 0) + 1): error: column '\(name)' holds '\(text(name))', not \(what); give an items.csv that kartlagg wrote"
        )
      }
      // Either dialect: a decimal point or a decimal comma. A mean lies within any scale
      // kartlagg accepts; a count is a whole number that a run can hold.
      func number(_ name: String) -> Double? {
        let raw = text(name)
        guard !raw.isEmpty else { return nil }
        guard let v = Double(raw.replacingOccurrences(of: ",", with: ".")), v.isFinite, abs(v) <= 10_000 else {
          problem(name, "a mean")
          return nil
        }
        return v
      }
      var n: Int?
      if !text("n").isEmpty {
        if let v = Int(text("n")), (0...1_000_000_000).contains(v) {
          n = v
        } else {
          problem("n", "a count from 0 to 1 000 000 000")
        }
      }
      figures.append(
        BaselineFigure(
          scopeType: text("scope_type"), scope: text("scope"), item: text("item"), n: n,
          currentMean: number("current_mean"), desiredMean: number("desired_mean"), gapMean: number("gap_mean")))
    }
    if let failure { throw failure }
    if !problems.isEmpty {
      let shown = problems.prefix(20).joined(separator: "\n")
      throw ReadError(description: shown + (problems.count > 20 ? "\n… and \(problems.count - 20) more" : ""))
    }
    return figures
  }
}
