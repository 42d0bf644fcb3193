import Foundation
import Ingest
import LibCSV
import Reporting
import SurveyModel
import TestSurveys
import Testing

let countySurveyPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().appendingPathComponent("Surveys/kalmar-primarvard.yaml").path

/// The documents made from a definition alone: the export template and the codebook.
@Suite struct SurveyDocumentsTests {
  /// Read back through LibCSV in both dialects. The count is by hand from the definition:
  /// id, kommun, organisation, niva (4) + 57 paired × 2 + 1 choice + 1 rating + 8 free text.
  @Test(arguments: CSVOutputFormat.allCases)
  func templateHasTheDefinitionsColumnsInOrder(format: CSVOutputFormat) throws {
    let survey = try SurveyLoader.load(path: countySurveyPath)
    let bytes = SurveyDocuments.template(for: survey, format: format)
    let reader = try CSVReader(bytes: bytes)
    var rows: [[String]] = []
    try reader.forEachRecord { rows.append($0.strings()) }
    #expect(rows.count == 2)
    let header = try #require(rows.first)
    // The second row: what each column asks and takes, read off the definition by hand
    // (lines 36-44 and 134 of Surveys/kalmar-primarvard.yaml).
    let described = rows[1]
    #expect(described.count == header.count)
    #expect(described.allSatisfy { $0.hasSuffix("]") && $0.contains(" [") })
    #expect(
      described[4]
        == "Vi känner till behoven hos invånare med komplexa behov i vårt område – Nuläge [1–5: Stämmer inte alls … Stämmer helt; eller Vet ej]"
    )
    #expect(header.count == 4 + 57 * 2 + 1 + 1 + 8)
    #expect(
      Array(header.prefix(6)) == [
        "respondent_id", "kommun", "organisation", "niva", "behov_komplexa_nu", "behov_komplexa_onskat",
      ])
    #expect(header.last == "princ_fritext")
    #expect(header == survey.templateColumns)
    #expect(reader.dialect.delimiter == (format == .rfc4180 ? .comma : .semicolon))
  }

  @Test func codebookEscapesEveryTextFromTheDefinition() throws {
    let hostile = #"<script>alert(1)</script>"#
    let attribute = #""><img src=x onerror=alert(1)>"#
    let yaml = TestSurveys.mini
      .replacingOccurrences(of: "title: Mini", with: "title: '\(hostile)'")
      .replacingOccurrences(of: "text: Vi delar information", with: "text: '\(attribute)'")
      .replacingOccurrences(of: "label: Stämmer helt", with: "label: '& <b>'")
      .replacingOccurrences(of: "{ id: kommun, label: Kommun }", with: "{ id: kommun, label: '\(hostile)' }")
    let survey = try SurveyLoader.load(yaml: yaml)
    let html = SurveyDocuments.codebook(for: survey)
    #expect(!html.contains("<script>"))
    #expect(!html.contains("<img"))
    #expect(!html.contains("<b>"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
    #expect(html.contains("&amp; &lt;b&gt;"))
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"sv\">"))
  }

  /// Every column, whole (a long name may break after an underscore, `<wbr>`, which a copy
  /// of the text leaves out).
  @Test func codebookListsEveryColumn() throws {
    let survey = try SurveyLoader.load(path: countySurveyPath)
    let html = SurveyDocuments.codebook(for: survey).replacingOccurrences(of: "<wbr>", with: "")
    for column in survey.templateColumns { #expect(html.contains("<code>\(column)</code>"), "\(column)") }
  }

  /// One row per statement, its current and desired columns in it side by side, so that
  /// the county survey's codebook prints on about 6 A4 pages rather than 29: the items'
  /// table has a row per section and per item, by hand from the definition 8 sections +
  /// 67 items = 75 (`kartlagg validate` says "8 avsnitt, 67 påståenden och frågor"), where
  /// it had one per answer column (124) besides. Tags are short labels: the value ids.
  @Test func codebookHasOneRowPerStatement() throws {
    let survey = try SurveyLoader.load(path: countySurveyPath)
    let html = SurveyDocuments.codebook(for: survey)
    let table = try #require(html.range(of: "<table tabindex=0 class=\"items\">"))
    let end = try #require(html.range(of: "</table>", range: table.upperBound..<html.endIndex))
    let items = html[table.upperBound..<end.lowerBound]
    #expect(items.components(separatedBy: "<tr").count - 1 == 1 + 75)
    let row = try #require(items.split(separator: "\n").first { $0.contains("behov_<wbr>komplexa_<wbr>nu") })
    #expect(row.contains("behov_<wbr>komplexa_<wbr>onskat"))
    #expect(row.contains("<span class=\"tag\" title=\"Nivå: Mikro – teamet runt personen\">mikro</span>"))
  }

  /// The printable questionnaire: every statement once, with a box per answer, hand-counted
  /// from the definition: 57 paired statements × 2 × (5 points + Vet ej + Ej aktuellt) +
  /// 1 rating × (5 points + Vet ej) = 804 answer boxes; 13 municipality boxes (12 and Hela
  /// länet), 4 organisations, 3 levels and the choice's Ja, Nej, Vet ej = 23 option boxes;
  /// 8 free-text questions with their lines.
  @Test func questionnaireHasABoxForEveryAnswer() throws {
    let survey = try SurveyLoader.load(path: countySurveyPath)
    let html = SurveyDocuments.questionnaire(for: survey)
    #expect(html.components(separatedBy: "<td class=\"box").count - 1 == 804)
    #expect(html.components(separatedBy: "<span class=\"box\"").count - 1 == 23)
    #expect(html.components(separatedBy: "<div class=\"free\">").count - 1 == 8)
    for (_, item) in survey.items {
      let text = item.text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
      #expect(html.contains(">\(text)<"), "\(item.id)")
    }
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"sv\">"))
  }

  @Test func questionnaireEscapesEveryTextFromTheDefinition() throws {
    let hostile = #"<script>alert(1)</script>"#
    let yaml = TestSurveys.mini
      .replacingOccurrences(of: "title: Mini", with: "title: '\(hostile)'")
      .replacingOccurrences(of: "text: Vi delar information", with: "text: '\(hostile)'")
      .replacingOccurrences(of: "label: Stämmer helt", with: "label: '& <b>'")
      .replacingOccurrences(of: "{ id: kommun, label: Kommun }", with: "{ id: kommun, label: '\(hostile)' }")
    let html = SurveyDocuments.questionnaire(for: try SurveyLoader.load(yaml: yaml))
    #expect(!html.contains("<script>"))
    #expect(!html.contains("<b>"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("&amp; &lt;b&gt;"))
  }

  /// kartlagg's own import takes the template's second row for a header row: a filled-in
  /// template reads as one respondent, with the header on lines 1 and 2.
  @Test(arguments: CSVOutputFormat.allCases)
  func aFilledTemplateImports(format: CSVOutputFormat) throws {
    let survey = try SurveyLoader.load(path: countySurveyPath)
    var bytes = SurveyDocuments.template(for: survey, format: format)
    var encoder = CSVEncoder(format: format, writeByteOrderMark: false)
    var row = Array(repeating: CSVCell.empty, count: survey.templateColumns.count)
    row[0] = "1"
    row[1] = "Torsås"
    row[4] = "4"
    row[5] = "Vet ej"
    encoder.append(row: row)
    bytes += encoder.bytes
    var consumer = CollectingConsumer()
    let report = try Ingest.data(bytes, name: "mall.csv", plan: IngestPlan(survey: survey), into: &consumer)
    #expect(report.headerLines == [1, 2])
    #expect((report.read, report.accepted, report.rejected, report.problemCount) == (1, 1, 0, 0))
    #expect(consumer.responses.first?.values[0] == 4)
    #expect(consumer.responses.first?.values[1] == Response.missing)
  }
}

/// The template as an Excel workbook (`kartlagg template --out mall.xlsx`).
@Suite struct TemplateWorkbookTests {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("fill_template.py").path

  /// Runs `python3 fill_template.py` (openpyxl) and returns what it printed.
  func fill(_ template: String, _ filled: String, _ expected: String, respondents: Int) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", Self.script, template, filled, expected, String(respondents)]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(
      process.terminationStatus == 0,
      "fill_template.py needs python3 and openpyxl (make html5lib installs it): \(output)")
    return output
  }

  /// The round trip: the template written, filled in by fill_template.py through openpyxl
  /// as a spreadsheet would (every entry of every drop-down list chosen by someone, some
  /// cells left empty, the workbook saved anew), then read by kartlagg without `--sheet`.
  /// Every respondent is accepted, no answer is a problem, and every cell reads as the
  /// entry put there means by the survey definition, worked out here from the definition
  /// alone: a scale entry "3 – Stämmer delvis" is 3 (its leading number), a no-answer label
  /// or an empty cell is missing, a choice is its option's place among the options, the
  /// municipality its place among the municipalities (the county-wide name: none), a
  /// dimension its value's place, free text as written.
  ///
  /// fill_template.py's output for the county survey:
  ///     40 respondents, 128 columns, 119 with a list (827 entries) written to …/ifylld.xlsx
  /// By hand from the definition: 128 columns (as the CSV template's), all but the id and
  /// the 8 free-text columns with a list; its entries 13 (12 municipalities and Hela
  /// länet) + 4 organisations + 3 levels + 114 × 7 (instamning's 5 points, Vet ej, Ej
  /// aktuellt) + 3 (Ja, Nej, Vet ej) + 6 (viktighet's 5 points, Vet ej) = 827.
  @Test func templateWorkbookRoundTrip() throws {
    let survey = try SurveyLoader.load(path: countySurveyPath)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kartlagg-template-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let template = folder.appendingPathComponent("mall.xlsx").path
    let filled = folder.appendingPathComponent("ifylld.xlsx").path
    let expectedPath = folder.appendingPathComponent("ifyllt.csv").path
    try Data(SurveyDocuments.templateWorkbook(for: survey)).write(to: URL(fileURLWithPath: template))
    let said = try fill(template, filled, expectedPath, respondents: 40)
    #expect(said.hasPrefix("40 respondents, 128 columns, 119 with a list (827 entries)"), "\(said)")

    var consumer = CollectingConsumer()
    var options = IngestOptions()
    options.keepsRespondentIDs = true
    let report = try Ingest.file(filled, plan: IngestPlan(survey: survey), options: options, into: &consumer)
    #expect(report.failure == nil, "\(String(describing: report.failure))")
    #expect(report.headerLines == [1, 2])
    #expect((report.read, report.accepted, report.rejected, report.problemCount) == (40, 40, 0, 0))
    #expect(report.problems.map { "\($0.line):\($0.column) \($0.value)" } == [])

    let reader = try CSVReader(path: expectedPath)
    var table: [[String]] = []
    try reader.forEachRecord { table.append($0.strings()) }
    let codes = table.removeFirst()
    #expect(codes == survey.templateColumns)
    #expect(consumer.responses.count == table.count)
    let fixed = codes.count - survey.slots.count
    for (r, (row, response)) in zip(table, consumer.responses).enumerated() {
      #expect(response.respondentID == row[0])
      let m = survey.county.municipalities.firstIndex { $0.name == row[1] }
      #expect(response.municipality == m, "respondent \(r + 1): \(row[1])")
      for (d, dimension) in survey.dimensions.enumerated() {
        #expect(response.dimensions[d] == dimension.values.firstIndex { $0.label == row[2 + d] })
      }
      for (k, slot) in survey.slots.enumerated() {
        let cell = row[fixed + k]
        let item = survey.sections[slot.section].items[slot.item]
        switch item.kind {
        case .paired, .rating:
          let number = Int16(cell.prefix { $0.isNumber })
          #expect(response.values[k] == number ?? Response.missing, "respondent \(r + 1) \(codes[fixed + k]): \(cell)")
        case .choice(let options, _, _):
          let option = options.firstIndex { $0.label == cell }.map(Int16.init)
          #expect(response.values[k] == option ?? Response.missing, "respondent \(r + 1) \(codes[fixed + k]): \(cell)")
        case .text:
          #expect(response.text(slot: k) == (cell.isEmpty ? nil : cell))
        }
      }
    }
  }
}
