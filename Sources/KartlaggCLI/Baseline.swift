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
    try reader.forEachRecord { record in
      guard failure == nil else { return }
      guard let columns = header else {
        var map: [String: Int] = [:]
        for (i, name) in record.strings().enumerated() { map[name] = i }
        let needed = ["scope_type", "scope", "item", "n", "current_mean", "desired_mean", "gap_mean"]
        let missing = needed.filter { map[$0] == nil }
        if !missing.isEmpty {
          failure = ReadError(
            description: "not an items.csv of kartlagg: no column \(missing.map { "'\($0)'" }.joined(separator: ", ")) on line \(record.line)")
        }
        header = map
        return
      }
      func text(_ name: String) -> String {
        guard let i = columns[name], i < record.count else { return "" }
        return record.string(at: i)
      }
      // Either dialect: a decimal point or a decimal comma.
      func number(_ name: String) -> Double? { Double(text(name).replacingOccurrences(of: ",", with: ".")) }
      figures.append(
        BaselineFigure(
          scopeType: text("scope_type"), scope: text("scope"), item: text("item"), n: Int(text("n")),
          currentMean: number("current_mean"), desiredMean: number("desired_mean"), gapMean: number("gap_mean")))
    }
    if let failure { throw failure }
    return figures
  }
}
