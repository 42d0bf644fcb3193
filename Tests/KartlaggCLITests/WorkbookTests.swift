import Foundation
import KartlaggCLI
import Testing

/// Every example export written as a workbook by openpyxl and by LibreOffice Calc
/// (Tests/IngestTests/Fixtures/xlsx/make_xlsx.py), and as an SPSS file by pyreadstat
/// (Fixtures/sav/make_sav.py), the files kept as made, gives a report whose items.csv is
/// byte-identical to the one from the CSV files.
@Suite struct WorkbookTests {
  func items(_ input: String, _ name: String) async throws -> [UInt8] {
    let out = try temporaryDirectory(name)
    defer {
      try? FileManager.default.removeItem(atPath: out)
      try? FileManager.default.removeItem(atPath: out + "-arbetsfiler")
    }
    var request = Runs.ReportRequest(survey: countySurvey, inputs: [input])
    request.output = out
    request.quiet = true
    let outcome = await Runs.report(request)
    #expect(outcome.exitCode == 2, "\(outcome.lines.suffix(5))")
    return [UInt8](try Data(contentsOf: URL(fileURLWithPath: out + "/csv/items.csv")))
  }

  /// The CSV files' items.csv is the county's one run's (`CountyRun`).
  @Test func sameItemsAsFromCSV() async throws {
    let fromCSV = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try CountyRun.get().folder + "/csv/items.csv")))
    #expect(fromCSV.count > 100_000)
    let fixtures = repositoryRoot + "/Tests/IngestTests/Fixtures/xlsx/"
    #expect(try await items(fixtures + "openpyxl", "openpyxl") == fromCSV)
    #expect(try await items(fixtures + "libreoffice", "libreoffice") == fromCSV)
    // And as SPSS files written by pyreadstat (Tests/IngestTests/Fixtures/sav/make_sav.py).
    #expect(try await items(repositoryRoot + "/Tests/IngestTests/Fixtures/sav/examples", "sav") == fromCSV)
  }
}
