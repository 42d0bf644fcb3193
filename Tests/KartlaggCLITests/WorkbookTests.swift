import Foundation
import KartlaggCLI
import Testing

/// The county's report from its exports as workbooks and SPSS files gives an items.csv
/// byte-identical to the one from the CSV files. The copies are the example exports written
/// as workbooks by openpyxl and by LibreOffice Calc (Tests/IngestTests/Fixtures/xlsx/
/// make_xlsx.py) and as SPSS files by pyreadstat (Fixtures/sav/make_sav.py), kept as made.
/// That each copy reads as the same respondents as its CSV file, file by file, is
/// IngestTests' CopiedExportTests's; here one report reads the three kinds of copy together
/// (one a municipality, taken in turn), end to end as a user runs it.
@Suite struct WorkbookTests {
  /// The examples' 13 copies, the k-th file by name from the openpyxl workbooks when k % 3
  /// is 0, from the SPSS files when 1 (Torsås's compressed .zsav among them, k = 10) and
  /// from the LibreOffice workbooks when 2.
  static func mixedCopies() throws -> [String] {
    let fixtures = repositoryRoot + "/Tests/IngestTests/Fixtures/"
    let names = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/Surveys/examples")
      .filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) }.sorted()
    return names.enumerated().map { k, name in
      switch k % 3 {
      case 0: fixtures + "xlsx/openpyxl/" + name + ".xlsx"
      case 1: fixtures + "sav/examples/" + name + (name == "torsas" ? ".zsav" : ".sav")
      default: fixtures + "xlsx/libreoffice/" + name + ".xlsx"
      }
    }
  }

  /// The CSV files' items.csv is the county's one run's (`CountyRun`).
  @Test func sameItemsAsFromCSV() async throws {
    let fromCSV = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try CountyRun.get().folder + "/csv/items.csv")))
    #expect(fromCSV.count > 100_000)
    let inputs = try Self.mixedCopies()
    #expect(inputs.count == 13)
    #expect(Set(inputs.map { ($0 as NSString).pathExtension }) == ["xlsx", "sav", "zsav"])
    let out = try temporaryDirectory("copies")
    defer {
      try? FileManager.default.removeItem(atPath: out)
      try? FileManager.default.removeItem(atPath: out + "-arbetsfiler")
    }
    var request = Runs.ReportRequest(survey: countySurvey, inputs: inputs)
    request.output = out
    request.quiet = true
    let outcome = await Runs.report(request)
    #expect(outcome.exitCode == 2, "\(outcome.lines.suffix(5))")
    #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: out + "/csv/items.csv"))) == fromCSV)
  }
}
