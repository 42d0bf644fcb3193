import Foundation
import KartlaggCLI
import LibCSV
import Testing

/// Issue 22, point 7: the county survey declares two mellanrum pairs, region against kommun
/// and mikro against makro, and every figure of both, county-wide and per municipality,
/// equals a recomputation from the raw exports with scipy. The reference is
/// `mellanrum_reference.py` (Welch from the answers, Benjamini–Hochberg per place over both
/// pairs' rows); its output is the fixture, made by
///
///     swift build && .build/debug/kartlagg report --survey Surveys/kalmar-primarvard.yaml \
///         Surveys/rounds/2027 --out /tmp/m2027 --quiet
///     python3 Tests/KartlaggCLITests/mellanrum_reference.py Surveys/kalmar-primarvard.yaml \
///         Surveys/rounds/2027 /tmp/m2027/csv/mellanrum.csv \
///         > Tests/KartlaggCLITests/Fixtures/mellanrum/mellanrum-2027.csv
///
/// (the report only says which rows are hidden; every figure is the script's own).
@Suite struct MellanrumReferenceTests {
  func table(_ path: String) throws -> [[String: String]] {
    var rows: [[String]] = []
    try CSVReader(path: path).forEachRecord { rows.append($0.strings()) }
    return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(rows[0], $0)) }
  }

  @Test func bothPairsAgainstScipy() async throws {
    let folder = try temporaryDirectory("mellanrum-2027")
    defer {
      try? FileManager.default.removeItem(atPath: folder)
      try? FileManager.default.removeItem(atPath: folder + "-arbetsfiler")
    }
    var request = Runs.ReportRequest(survey: countySurvey, inputs: [repositoryRoot + "/Surveys/rounds/2027"])
    request.output = folder
    let outcome = await Runs.report(request)
    #expect(outcome.exitCode == 0 || outcome.exitCode == 2, "\(outcome.lines.suffix(3))")
    let report = try table(folder + "/csv/mellanrum.csv")
    let reference = try table(
      repositoryRoot + "/Tests/KartlaggCLITests/Fixtures/mellanrum/mellanrum-2027.csv")

    func key(_ row: [String: String]) -> String {
      [row["dimension"], row["first_group"], row["second_group"], row["place"], row["item"]].map { $0 ?? "?" }
        .joined(separator: " ")
    }
    let shown = Dictionary(
      uniqueKeysWithValues: report.filter { $0["suppressed"] == "false" }.map { (key($0), $0) })
    #expect(shown.count == reference.count)
    // The level pair is there, county-wide and in municipalities.
    let levels = reference.filter { $0["dimension"] == "niva" }
    #expect(levels.contains { $0["place"] == "Kalmar län" })
    #expect(Set(levels.map { $0["place"]! }).count > 1)
    #expect(levels.allSatisfy { $0["first_group"] == "mikro" && $0["second_group"] == "makro" })

    func close(_ a: String?, _ b: String?, _ what: String) {
      if b == "" {
        #expect(a == "", "\(what): \(a ?? "nil") where scipy has none")
        return
      }
      guard let a, let b, let x = Double(a), let y = Double(b) else {
        Issue.record("\(what): \(a ?? "nil") against \(b ?? "nil")")
        return
      }
      #expect(abs(x - y) <= 1e-9 * abs(y) + 1e-12, "\(what): \(x) against scipy's \(y)")
    }
    let columns = [
      ("region_n", "first_n"), ("region_current_mean", "first_current_mean"), ("municipality_n", "second_n"),
      ("municipality_current_mean", "second_current_mean"), ("difference", "difference"), ("p_welch", "p_welch"),
      ("p_adjusted", "p_adjusted"),
    ]
    for expected in reference {
      let k = key(expected)
      guard let row = shown[k] else {
        Issue.record("\(k): not in the report")
        continue
      }
      for (ours, theirs) in columns { close(row[ours], expected[theirs], k + " " + ours) }
      #expect(row["verdict"] == expected["verdict"], "\(k)")
    }

    // The pages state the level pair's verdicts in words, from the reference's rows: the
    // county-wide one first, then the municipalities where the test supports a difference.
    let county = levels.filter { $0["place"] == "Kalmar län" }
    #expect(!county.contains { $0["verdict"] == "supported" })
    var supportedIn: [(String, Int)] = []
    for row in levels where row["place"] != "Kalmar län" && row["verdict"] == "supported" {
      if let i = supportedIn.firstIndex(where: { $0.0 == row["place"] }) {
        supportedIn[i].1 += 1
      } else {
        supportedIn.append((row["place"]!, 1))
      }
    }
    #expect(!supportedIn.isEmpty)
    let list = supportedIn.map { "\($0.0) (\($0.1) \($0.1 == 1 ? "påstående" : "påståenden"))" }
    let index = try String(contentsOfFile: folder + "/index.html", encoding: .utf8)
    #expect(
      index.contains(
        "<p class=\"verdicts\">I hela länet: inga statistiskt säkerställda skillnader i nuläget mellan Mikro och Makro; \(county.count) påståenden kan jämföras. I kommunerna: statistiskt säkerställda skillnader i \(list.joined(separator: "; "))."
      ))
    let kalmar = levels.filter { $0["place"] == "Kalmar" }
    let kalmarSupported = kalmar.filter { $0["verdict"] == "supported" }.count
    #expect(kalmarSupported > 0)
    let page = try String(contentsOfFile: folder + "/kommun/kalmar.html", encoding: .utf8)
    #expect(
      page.contains(
        "I Kalmar: Mikro och Makro bedömer nuläget olika, statistiskt säkerställt, i \(kalmarSupported) av \(kalmar.count) påståenden"
      ))
  }
}
