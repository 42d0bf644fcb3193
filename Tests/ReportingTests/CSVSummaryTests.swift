import Foundation
import GapAnalysis
import Ingest
import LibCSV
import Reporting
import SurveyModel
// The helpers every test target shares (repositoryRoot, processes, golden files), for every
// file of this target.
@_exported import TestSupport
import Testing

func fixturePath(_ relative: String) -> String {
  Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(relative).path
}

/// Reads the fixture exports as `kartlagg report` will: ingest, tally, analyse.
func goldenRun() async throws -> (GapResults, [FileReport]) {
  let survey = try SurveyLoader.load(path: fixturePath("survey.yaml"))
  let layout = TallyLayout(survey: survey)
  let files = [fixturePath("exports/hogsby.csv"), fixturePath("exports/kalmar.csv")]
  // One file after the other, each into the tally (as `kartlagg report` does on every core).
  var tally = Tally(layout: layout)
  var reports: [FileReport] = []
  for file in files {
    var part = Tally(layout: layout)
    reports.append(try Ingest.file(file, plan: IngestPlan(survey: survey), into: &part))
    tally.merge(part)
  }
  // Report file names relative to the fixtures, so that the golden files do not depend on
  // where the repository is.
  let relative = reports.map { r -> FileReport in
    var report = r
    let name = "exports/" + (report.file as NSString).lastPathComponent
    report.file = name
    report.rejectedRows = report.rejectedRows.map {
      var row = $0; row.file = name; return row
    }
    report.problems = report.problems.map {
      var p = $0; p.file = name; return p
    }
    return report
  }
  return (Analysis.run(tally), relative)
}

/// The CSV summaries of a small fixture, compared whole with golden files.
///
/// After a deliberate change, re-record them with
///
///     KARTLAGG_RECORD_GOLDEN=1 swift test --filter CSVSummaryTests
///
/// and read the diff (`git diff Tests/ReportingTests/Fixtures/golden`) before committing.
@Suite struct CSVSummaryTests {
  @Test(arguments: [
    "items.csv", "sections.csv", "municipality_vs_county.csv", "mellanrum.csv", "priorities.csv", "strengths.csv",
    "answers.csv", "accounting.csv", "rejected.csv", "problems.csv",
  ])
  func matchesGoldenFile(name: String) async throws {
    let (results, files) = try await goldenRun()
    let bytes = try #require((try CSVSummaries(results: results, files: files).all()).first { $0.name == name }?.bytes)
    let difference = Golden.difference(bytes, name)
    #expect(difference == nil, "\(difference ?? "")")
  }

  /// Figures worked out by hand from the fixture exports.
  @Test func figuresByHand() async throws {
    let (results, files) = try await goldenRun()
    // kalmar.csv: 9 rows, "Kalmr" rejected; "7" in a_nu is a problem (row 9 counts).
    let kalmar = try #require(files.first { $0.file == "exports/kalmar.csv" })
    #expect((kalmar.read, kalmar.accepted, kalmar.rejected, kalmar.problemCount) == (9, 8, 1, 1))
    // hogsby.csv: the formula is a declared spelling of Högsby (to carry it into the
    // outputs); the script is no municipality, so its row alone is rejected.
    let hogsby = try #require(files.first { $0.file == "exports/hogsby.csv" })
    #expect((hogsby.read, hogsby.accepted, hogsby.rejected) == (7, 6, 1))
    // Kalmar, item mote_a, pairs (current, desired) of accepted rows with both answered:
    // (2,5) (3,4) (1,4) (2,5) (2,4) (3,5) (1,3) → gaps 3 1 3 3 2 2 2 = 16 over 7.
    let a = try #require(results.item(Scope(municipality: 0), 0))
    #expect(a.n == 7)
    #expect(abs(a.gapMean! - 16.0 / 7) < 1e-12)
  }

  /// Text from input or definition that a spreadsheet would run is neutralised.
  @Test func formulasAreNeutralised() async throws {
    let (results, files) = try await goldenRun()
    let all = (try CSVSummaries(results: results, files: files).all())
    for (name, bytes) in all {
      let (_, records) = try readRecords(bytes)
      for record in records {
        for cell in record where cell.contains("HYPERLINK") {
          #expect(cell.hasPrefix("'"), "\(name): \(cell)")
        }
      }
    }
    // The item whose text is a formula appears, neutralised, in items.csv.
    let items = String(decoding: all.first { $0.name == "items.csv" }!.bytes, as: UTF8.self)
    #expect(items.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\") hemsjukvårdsavtalet\""))
  }

  /// Choice answers: Kalmar's rutin, counted by hand in Fixtures/exports/kalmar.csv (the 8
  /// accepted rows: Ja on rows 1, 2, 5, 7, 9, Nej on 3, 4, 6): 5 of 8. The Wilson interval
  /// is scipy's:
  ///
  ///     >>> binomtest(5, 8).proportion_ci(method="wilson")
  ///     ConfidenceInterval(low=0.3057423946026273, high=0.8631557141764027)
  @Test func choiceAnswersWithWilsonIntervals() async throws {
    let (results, files) = try await goldenRun()
    let (_, records) = try readRecords(
      (try CSVSummaries(results: results, files: files).all()).first { $0.name == "answers.csv" }!.bytes)
    let ja = try #require(
      records.first { $0[0] == "municipality" && $0[1] == "Kalmar" && $0[3] == "rutin" && $0[5] == "ja" })
    #expect(ja[7] == "8" && ja[8] == "5" && ja[12] == "false")
    let share = try #require(Double(ja[9]))
    let low = try #require(Double(ja[10]))
    let high = try #require(Double(ja[11]))
    #expect(share == 0.625)
    #expect(abs(low - 0.3057423946026273) < 1e-12 && abs(high - 0.8631557141764027) < 1e-12)
  }

  @Test func swedishExcelDialect() async throws {
    let (results, files) = try await goldenRun()
    let bytes = (try CSVSummaries(results: results, files: files, format: .excelSwedish).all()).first {
      $0.name == "items.csv"
    }!.bytes
    #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
    let (dialect, records) = try readRecords(bytes)
    #expect(dialect.delimiter == .semicolon)
    // Kalmar's gap mean for mote_a is 16/7 = 2.2857 (4 decimals), with a decimal comma.
    let row = try #require(records.first { $0[0] == "municipality" && $0[1] == "Kalmar" && $0[3] == "mote_a" })
    #expect(row[8] == "2,2857")
  }

  func readRecords(_ bytes: [UInt8]) throws -> (CSVDialect, [[String]]) {
    let reader = try CSVReader(bytes: bytes, name: "summary.csv")
    var records: [[String]] = []
    try reader.forEachRecord { records.append($0.strings()) }
    return (reader.dialect, records)
  }
}
