import Foundation
import Ingest
import LibCSV
import SeededRandom
import SourceDiagnostics
import Spreadsheet
import SurveyModel
import TestSurveys
import Testing

/// Workbooks read as exports: every cell kind, the format's limits, and every way a file
/// can be bad. The workbooks are made by Fixtures/xlsx/make_edge_cases.py (raw XML parts)
/// and make_xlsx.py (openpyxl, LibreOffice), kept as they were made.
@Suite struct XLSXTests {
  func edge(_ name: String) -> String { fixturePath("xlsx/edge/" + name) }

  /// The CSV a sheet streams as, whole.
  func csv(_ path: String, sheet: String? = nil) throws -> String {
    let source = try SheetSource(path: path, sheet: sheet, language: .en)
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
      if n == 0 { break }
      bytes += buffer[..<n]
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Each cell kind, as make_edge_cases.py wrote it: rich-text runs joined and the
  /// phonetic guide left out; 3.0 is 3; serial 46279 is 2026-09-14 (45658 is 2025-01-01,
  /// and 621 days later) and its fraction ,4326967593 is 37 385 s, 10:23:05; row 3 was
  /// skipped; a line break in a cell is a space; each row is padded to the header's 7
  /// columns (A–G).
  @Test(.tags(.threads)) func everyCellKind() throws {
    let lines = try csv(edge("cells.xlsx")).split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[0] == "Stämmer delvis,,inline & <text>,,3,3,2.5")
    #expect(lines[1] == "TRUE,FALSE,#N/A,2026-09-14,2026-09-14 10:23:05,Stämmer delvis!,Stämmer delvis")
    #expect(lines[2] == "")
    #expect(lines[3] == ",-7,\"två rader, \"\"citat\"\"\",,,,")
    #expect(lines.count == 5 && lines[4] == "")
  }

  /// Numbers in a date style that no ISO 8601 date writes are the numbers as written,
  /// never a crash (1e15 days overflowed the conversion to seconds). The dates beside
  /// them, by Python's datetime (`date(1899, 12, 30) + timedelta(days=n)`): 2958465 is
  /// 9999-12-31, −693593 0001-01-01, 46279 2026-09-14; 2958466 and −693594 are
  /// "OverflowError: date value out of range" there (years 10000 and 0). A whole number
  /// below 10¹⁵ is written without decimals (200000000000000), 1e15 in the shortest form
  /// that reads back (Python's `repr(1e15)`: `1000000000000000.0`), the rest as written.
  @Test func numbersInADateStyleThatAreNoDate() throws {
    let lines = try csv(edge("dates.xlsx")).split(separator: "\n")
    #expect(lines.count == 2)
    #expect(
      lines[1]
        == "1000000000000000.0,-1000000000000000.0,200000000000000,2958466,-693594,NaN,INF,-inf,9999-12-31,0001-01-01,2026-09-14"
    )
  }

  /// The same sheet read as an export: a column of such "dates" is read to its end, and
  /// the run goes on.
  @Test func aDateOutOfRangeDoesNotStopTheRun() throws {
    var consumer = CollectingConsumer()
    let report = try Ingest.file(
      edge("dates.xlsx"), plan: IngestPlan(survey: try countySurvey()), options: .english, into: &consumer)
    #expect(report.read == report.accepted + report.rejected)
  }

  @Test func sheetByNameAndItsLabel() throws {
    let source = try SheetSource(path: edge("cells.xlsx"), sheet: "Blad1", language: .en)
    #expect(source.label == edge("cells.xlsx") + "[Blad1]")
    #expect(throws: SpreadsheetError.self) { try SheetSource(path: edge("cells.xlsx"), sheet: "Blad2", language: .en) }
    do {
      _ = try SheetSource(path: edge("cells.xlsx"), sheet: "Blad2", language: .en)
    } catch {
      #expect(error.message == "the workbook has no sheet 'Blad2'; its sheets: Blad1")
    }
  }

  /// Letters as Excel writes them, worked out by hand: index 25 is Z, 26 AA, 51 AZ
  /// (26 + 25), 701 ZZ (26 + 26·26 − 1), 702 AAA.
  @Test func columnLetters() {
    #expect([0, 25, 26, 51, 701, 702].map(Diagnostic.columnLetters) == ["A", "Z", "AA", "AZ", "ZZ", "AAA"])
    #expect(
      Diagnostic(file: "a.xlsx[Blad1]", line: 7, column: 52, message: "m").description == "a.xlsx[Blad1]:7:AZ: error: m"
    )
    #expect(Diagnostic(file: "a.csv", line: 7, column: 52, message: "m").description == "a.csv:7:52: error: m")
  }

  /// A header of 702 columns k0…k701 and a row with "x" in Z, AZ and ZZ: read through the
  /// mini survey's plan, whose columns are not there, so every header cell is ignored and
  /// named; the sheet's width is right past Z, AZ and ZZ.
  @Test func wideSheetsKeepTheirColumns() throws {
    let lines = try csv(edge("wide.xlsx")).split(separator: "\n")
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
    #expect(header.count == 702 && header[701] == "k701")
    let row = lines[1].split(separator: ",", omittingEmptySubsequences: false)
    #expect(row.count == 702)
    #expect(row.indices.filter { row[$0] == "x" } == [25, 51, 701])
  }

  /// The same sheet read as an export of the mini survey with its answer columns renamed
  /// k25, k51 and k701 (and the organisation k0): the three "x" are answer problems, named
  /// by the sheet's row and their column letters.
  @Test func diagnosticsNameColumnsInLetters() throws {
    let yaml = TestSurveys.mini.replacingOccurrences(of: "column: a_nu", with: "column: k25")
      .replacingOccurrences(of: "column: a_onskat", with: "column: k51")
      .replacingOccurrences(of: "column: b_nu", with: "column: k701")
      .replacingOccurrences(of: "column: organisation", with: "column: k0")
    let plan = IngestPlan(survey: try SurveyLoader.load(yaml: yaml))
    var options = IngestOptions.english
    options.municipalities = [edge("wide.xlsx"): "Kalmar"]
    var consumer = CollectingConsumer()
    let report = try Ingest.file(edge("wide.xlsx"), plan: plan, options: options, into: &consumer)
    let places = report.problems.map {
      Diagnostic(file: report.file, line: $0.line, column: $0.column, message: "").description
    }
    #expect(
      places.contains(edge("wide.xlsx") + "[Blad1]:2:Z: error: "),
      "\(places) \(report.diagnostics) \(report.rejectedRows) \(report.failure as Any)")
    #expect(places.contains(edge("wide.xlsx") + "[Blad1]:2:AZ: error: "))
    #expect(places.contains(edge("wide.xlsx") + "[Blad1]:2:ZZ: error: "))
  }

  /// The last cell the format allows, XFD1048576 (column 16 384, row 1 048 576): read,
  /// as line 1 048 576 with 16 383 empty fields before it.
  @Test func theFormatsLastCell() throws {
    let text = try csv(edge("limits.xlsx"))
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 1_048_577 && lines[1_048_575].hasSuffix(",sista"))
    #expect(lines[1_048_575].count == 16_383 + "sista".count)
  }

  /// What a bad file says: the file and what would fix it.
  @Test(arguments: [
    (
      "old.xls",
      "an old Excel file (.xls, BIFF) that kartlagg does not read; open it in Excel and save it as .xlsx or .csv"
    ),
    ("encrypted.xlsx", "the workbook is password-protected (encrypted)"),
    ("truncated.xlsx", "the workbook is damaged or cut short"),
  ])
  func refusedWhole(name: String, message: String) throws {
    var consumer = CollectingConsumer()
    let report = try Ingest.file(
      edge(name), plan: IngestPlan(survey: countySurvey()), options: .english, into: &consumer)
    #expect(!report.imported)
    #expect(
      report.failure?.message.hasPrefix("the file is not imported: " + message) == true,
      "\(String(describing: report.failure))")
    #expect(report.failure?.file == edge(name))
  }

  /// Problems found while the sheet streams: the zip bomb stops at the ratio limit (300 MB
  /// of spaces in 300 kB), the others at their place.
  @Test(
    .tags(.threads),
    arguments: [
      ("bomb.xlsx", "xl/worksheets/sheet1.xml unpacks to more than"),
      ("malformed.xlsx", "xl/worksheets/sheet1.xml is not well-formed XML (line 1: "),
      ("beyond.xlsx", "a cell at row 1048577, column 1 lies beyond the format's limits"),
      ("badshared.xlsx", "the cell refers to shared string 7, which does not exist"),
    ])
  func refusedWhileReading(name: String, message: String) throws {
    var consumer = CollectingConsumer()
    let report = try Ingest.file(
      edge(name), plan: IngestPlan(survey: countySurvey()), options: .english, into: &consumer)
    #expect(!report.imported)
    #expect(report.failure?.message.contains(message) == true, "\(String(describing: report.failure))")
    #expect(report.failure?.file == edge(name) + "[Blad1]")
    #expect(report.read == report.accepted + report.rejected)
  }

  /// A Microsoft Forms export (Id, Start time, Completion time, Email, Name, then the
  /// questions' texts, answers as words): 3 respondents, Torsås twice and Kalmar once, no
  /// definition change. The timestamps are dates, not answers.
  @Test func microsoftFormsExport() throws {
    var consumer = CollectingConsumer()
    let survey = try countySurvey()
    let report = try Ingest.file(
      edge("forms.xlsx"), plan: IngestPlan(survey: survey), options: .english, into: &consumer)
    #expect(report.imported, "\(report.diagnostics)")
    #expect((report.read, report.accepted, report.rejected) == (3, 3, 0))
    let torsas = try #require(survey.county.municipalities.firstIndex { $0.name == "Torsås" })
    let kalmar = try #require(survey.county.municipalities.firstIndex { $0.name == "Kalmar" })
    #expect(consumer.responses.map(\.municipality) == [torsas, torsas, kalmar])
    // Kommunen → kommun (1), Region → region (0), Privat → privat (2); Mikronivå, Enhetschef, Ledning.
    #expect(consumer.responses.map { $0.dimensions[0] } == [1, 0, 2])
    #expect(consumer.responses.map { $0.dimensions[1] } == [0, 1, 2])
  }

  /// An untouched Microsoft Forms workbook (Fixtures/xlsx/make_edge_cases.py,
  /// forms_untouched): the anonymous form's Email and Name are shared-string cells with no
  /// value (`<x:c r="E2" s="0" t="s" />`), which are empty. The reference is openpyxl
  /// 3.1.5's reading, `python3 -c 'import openpyxl; …iter_rows(values_only=True)'`, kept
  /// in Fixtures/xlsx/edge/forms-untouched.openpyxl.txt:
  ///
  ///     rows: 4 respondents: 3
  ///     ('Id', 'Start time', 'Completion time', 'Email', 'Name', 'Vilken kommun …', …)
  ///     (1, datetime.datetime(2026, 9, 14, 2, 24), datetime.datetime(2026, 9, 14, 2, 38, 24), None, None, 'Torsås', 'Kommunen', 'Mikronivå')
  ///     (2, datetime.datetime(2026, 9, 14, 4, 48), datetime.datetime(2026, 9, 14, 5, 2, 24), None, None, 'Torsås', 'Region', 'Enhetschef')
  ///     (3, datetime.datetime(2026, 9, 14, 7, 12), datetime.datetime(2026, 9, 14, 7, 26, 24), None, None, 'Kalmar', 'Privat', 'Ledning')
  @Test func untouchedMicrosoftFormsWorkbook() throws {
    let lines = try csv(edge("forms-untouched.xlsx")).split(separator: "\n", omittingEmptySubsequences: false)
    #expect(
      Array(lines) == [
        "Id,Start time,Completion time,Email,Name,"
          + "\"Vilken kommun arbetar du i, eller gäller ditt svar hela länet?\","
          + "Vilken organisation arbetar du i?,På vilken nivå arbetar du?",
        "1,2026-09-14 02:24:00,2026-09-14 02:38:24,,,Torsås,Kommunen,Mikronivå",
        "2,2026-09-14 04:48:00,2026-09-14 05:02:24,,,Torsås,Region,Enhetschef",
        "3,2026-09-14 07:12:00,2026-09-14 07:26:24,,,Kalmar,Privat,Ledning",
        "",
      ])
    var consumer = CollectingConsumer()
    let survey = try countySurvey()
    let report = try Ingest.file(
      edge("forms-untouched.xlsx"), plan: IngestPlan(survey: survey), options: .english, into: &consumer)
    #expect(report.imported, "\(report.diagnostics)")
    #expect((report.read, report.accepted, report.rejected) == (3, 3, 0))
    let torsas = try #require(survey.county.municipalities.firstIndex { $0.name == "Torsås" })
    let kalmar = try #require(survey.county.municipalities.firstIndex { $0.name == "Kalmar" })
    #expect(consumer.responses.map(\.municipality) == [torsas, torsas, kalmar])
  }

  /// A cell's fault names its cell: badshared.xlsx's A1 refers to a shared string that
  /// does not exist, said at `[Blad1]:1:A` with what to do.
  @Test func aCellsFaultNamesItsCell() throws {
    var consumer = CollectingConsumer()
    let report = try Ingest.file(
      edge("badshared.xlsx"), plan: IngestPlan(survey: countySurvey()), options: .english, into: &consumer)
    let failure = try #require(report.failure)
    #expect((failure.line, failure.column) == (1, 1))
    #expect(failure.description.hasPrefix(edge("badshared.xlsx") + "[Blad1]:1:A: error: "))
    #expect(failure.message.contains("export it again"))
  }

  /// Seeded damage: bytes flipped and the archive cut at random places. Each file is read
  /// whole with its accounting balanced, or refused whole; none crashes.
  @Test(arguments: 0..<24)
  func damagedArchives(seed: Int) throws {
    var random = SplitMix64(seed: UInt64(seed))
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixturePath("xlsx/openpyxl/torsas.xlsx"))))
    if seed % 2 == 0 {
      for _ in 0..<(1 + Int(random.next() % 8)) {
        bytes[Int(random.next() % UInt64(bytes.count))] ^= UInt8(1 + random.next() % 255)
      }
    } else {
      bytes = Array(bytes[..<Int(random.next() % UInt64(bytes.count))])
    }
    let path = NSTemporaryDirectory() + "kartlagg-damaged-\(seed)-\(getpid()).xlsx"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    var consumer = CollectingConsumer()
    let report = try Ingest.file(path, plan: IngestPlan(survey: countySurvey()), options: .english, into: &consumer)
    #expect(report.read == report.accepted + report.rejected)
    // A file refused whole says so at its name, in words, never as a raw error.
    if let failure = report.failure {
      #expect(failure.file.hasPrefix(path))
      #expect(
        failure.message.hasPrefix("the file is not imported: ")
          || failure.message.hasPrefix("the file cannot be read: "),
        "\(failure.message)")
    }
  }
}

/// The sheet a workbook names `kartlagg_answers` (kartlagg's template) is read when no
/// `--sheet` is given; the name's reference, as Excel writes it, names the sheet.
@Suite struct AnswerSheetNameTests {
  @Test(arguments: [
    ("Svar!$A$1", "Svar"), ("=Svar!$A$1", "Svar"), ("'Kim''s svar'!$A$1", "Kim's svar"),
    ("'Svar 2'!$A$1:$B$2", "Svar 2"), ("$A$1", nil), ("'Svar!$A$1", nil), ("!A1", nil),
  ])
  func sheetNameInAReference(reference: String, name: String?) {
    #expect(Workbook.sheetName(inReference: reference) == name)
  }
}
