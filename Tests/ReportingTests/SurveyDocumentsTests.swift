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

  @Test func codebookListsEveryColumn() throws {
    let survey = try SurveyLoader.load(path: countySurveyPath)
    let html = SurveyDocuments.codebook(for: survey)
    for column in survey.templateColumns { #expect(html.contains("<code>\(column)</code>"), "\(column)") }
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
