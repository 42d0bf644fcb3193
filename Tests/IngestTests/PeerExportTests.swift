import Foundation
import Ingest
import SurveyModel
import Testing

/// Real exports nobody here wrote (Fixtures/peers, see SOURCES.md there), mapped onto
/// small definitions (Fixtures/qualtrics.yaml, Fixtures/googleforms.yaml). Every expected
/// figure was read off the files by hand or counted with Python's csv module, as quoted.
/// Reads a fixture export against a fixture definition.
func runFixture(_ file: String, _ definition: String) throws -> (FileReport, [Response]) {
  let plan = IngestPlan(survey: try SurveyLoader.load(path: fixturePath(definition)))
  var consumer = CollectingConsumer()
  let report = try Ingest.file(fixturePath(file), plan: plan, options: .english, into: &consumer)
  return (report, consumer.responses)
}

@Suite struct PeerExportTests {
  func run(_ file: String, _ definition: String) throws -> (FileReport, [Response]) { try runFixture(file, definition) }

  /// Current Qualtrics: ids, German question texts, ImportId row; one respondent
  /// (line 4: `…,R_2YPOQ602ER1jkf1,…,DE,2,Hello World!,`).
  @Test func qualtrics() throws {
    let (report, responses) = try run("peers/qualtrics/sample.csv", "qualtrics.yaml")
    #expect(report.headerLines == [1, 2, 3])
    #expect(report.preambleRecords == 0)
    #expect((report.read, report.accepted, report.rejected, report.problemCount) == (1, 1, 0, 0))
    let r = try #require(responses.first)
    #expect(r.respondentID == "R_2YPOQ602ER1jkf1")
    #expect(r.municipality == 0)  // "DE"
    #expect(r.value(0) == 2)
    #expect(r.text(slot: 1) == "Hello World!")
    // Of the 20 columns, ResponseId, UserLanguage, Q1 and Q2 match; the other 16 (15
    // metadata columns and "Q2 - Topics") are listed once, as a warning.
    let unmatched = report.diagnostics.filter { $0.message.contains("match nothing") }
    #expect(unmatched.count == 1)
    #expect(unmatched.first?.message.hasPrefix("16 columns match nothing") == true)
  }

  /// Legacy Qualtrics: BOM, a `V1…` row above the names, a trailing comma on every line
  /// (line 3: `R_2YPOQ602ER1jkf1,Standard-Antwortsatz,…,1,2,Hello World!,…,-1,`).
  @Test func qualtricsLegacy() throws {
    let (report, responses) = try run("peers/qualtrics/sample_legacy.csv", "qualtrics.yaml")
    #expect(report.dialect?.encoding.hadByteOrderMark == true)
    #expect(report.headerLines == [1, 2])
    #expect((report.read, report.accepted, report.rejected) == (1, 1, 0))
    let r = try #require(responses.first)
    #expect(r.respondentID == "R_2YPOQ602ER1jkf1")
    #expect(r.municipality == 1)  // "Standard-Antwortsatz"
    #expect(r.value(0) == 2)
    #expect(r.text(slot: 1) == "Hello World!")
    // The empty 16th column from the trailing comma is not reported as a column.
    let unmatched = try #require(report.diagnostics.first { $0.message.contains("match nothing") })
    #expect(unmatched.message.hasPrefix("11 columns match nothing"))
  }

  /// Google Forms, spring 2024. Counted with:
  ///
  ///     python3 -c "import csv,collections
  ///     d=list(csv.reader(open('googleforms_DS-4002-sp24-survey-results.csv',newline='',encoding='utf-8')))[1:]
  ///     print(len(d), collections.Counter(r[3] for r in d), collections.Counter(r[1] for r in d),
  ///           sum(1 for r in d if r[2].strip()))"
  ///     91 Counter({'Undergraduate': 86, 'Graduate': 5}) Counter({'No': 61, 'Yes': 30}) 81
  @Test func googleForms() throws {
    let (report, responses) = try run(
      "peers/google-forms/googleforms_DS-4002-sp24-survey-results.csv", "googleforms.yaml")
    #expect(report.headerLines == [1])
    #expect((report.read, report.accepted, report.rejected, report.problemCount) == (91, 91, 0, 0))
    #expect(report.acceptedPerMunicipality == [86, 5, 0, 0])
    #expect(responses.filter { $0.value(0) == 0 }.count == 30)  // Yes
    #expect(responses.filter { $0.value(0) == 1 }.count == 61)  // No
    #expect(responses.filter { $0.text(slot: 2) != nil }.count == 81)
    // Line 5 holds the fourth respondent, whose rationale is quoted with commas inside.
    #expect(responses[3].text(slot: 2)?.hasPrefix("If a sandwich has meat in it, it is sliced.") == true)
    // "Do you like hot dogs?" is not in this file: a warning, and unanswered.
    #expect(report.diagnostics.contains { $0.severity == .warning && $0.message.contains("'Do you like hot dogs?'") })
    #expect(responses.allSatisfy { $0.value(1) == nil })
  }

  /// A form export of unknown origin; 168 lines hold 158 records (answers with line
  /// breaks). Counted with:
  ///
  ///     python3 -c "import csv,collections
  ///     d=list(csv.reader(open('unknown-tool_DS-4002-fa23-survey-results.csv',newline='',encoding='utf-8')))[1:]
  ///     print(len(d), collections.Counter(r[1] for r in d), collections.Counter(r[0] for r in d),
  ///           sum(1 for r in d if r[2].strip()))"
  ///     158 Counter({'No': 93, 'Yes': 65}) Counter({'Yes': 128, 'No': 30}) 85
  @Test func unknownFormTool() throws {
    let (report, responses) = try run(
      "peers/google-forms/unknown-tool_DS-4002-fa23-survey-results.csv", "googleforms.yaml")
    #expect((report.read, report.accepted, report.rejected, report.problemCount) == (158, 158, 0, 0))
    #expect(report.acceptedPerMunicipality == [158, 0, 0, 0])
    #expect(responses.filter { $0.value(0) == 1 }.count == 93)
    #expect(responses.filter { $0.value(0) == 0 }.count == 65)
    #expect(responses.filter { $0.value(1) == 0 }.count == 128)
    #expect(responses.filter { $0.text(slot: 2) != nil }.count == 85)
  }
}

/// Exports made by hand in the tools' shapes (Fixtures/made, see its README), and the real
/// Qualtrics sample mapped by codes alone. Counts by Python's csv module:
///
///     for f, enc, d in [("qualtrics-side-by-side.csv", "utf-8", ","), ("limesurvey-codes.csv", "utf-8-sig", ";")]:
///         rows = list(csv.reader(open(f, newline="", encoding=enc), delimiter=d))
///         print(f, len(rows), [len(r) for r in rows])
///     qualtrics-side-by-side.csv 6 [9, 9, 9, 9, 9, 9]
///     limesurvey-codes.csv 3 [9, 9, 9]
@Suite struct MadeExportTests {
  func run(_ file: String, _ definition: String) throws -> (FileReport, [Response]) { try runFixture(file, definition) }

  /// Mapped by codes, the question-text row and the ImportId row are still header rows,
  /// not respondents.
  @Test func qualtricsMappedByCodes() throws {
    let (report, responses) = try run("peers/qualtrics/sample.csv", "qualtrics-codes.yaml")
    #expect(report.headerLines == [1, 2, 3])
    #expect((report.read, report.accepted, report.rejected) == (1, 1, 0))
    #expect(responses.first?.value(0) == 2)
  }

  /// A side-by-side matrix: current and desired share one question text; current is
  /// mapped by that text, desired by its code. Q2_-1 ("no basis for evaluation")
  /// normalises like Q2_1 and is set aside for it, with a warning.
  @Test func qualtricsSideBySide() throws {
    let (report, responses) = try run("made/qualtrics-side-by-side.csv", "made/made.yaml")
    #expect(report.imported)
    #expect(report.headerLines == [1, 2, 3])
    #expect((report.read, report.accepted, report.rejected, report.problemCount) == (3, 3, 0, 0))
    #expect(responses.map(\.respondentID) == ["R_1a", "R_2b", "R_3c"])
    #expect(responses.map(\.municipality) == [0, 1, 0])
    // Slots: a_nu, a_onskat, b_nu, b_onskat (read off the file by hand).
    #expect(
      responses.map { [$0.value(0), $0.value(1), $0.value(2), $0.value(3)] } == [
        [2, 5, 3, 4], [1, 4, nil, 5], [3, 3, nil, nil],
      ])
    let warning = try #require(report.diagnostics.first { $0.column == 8 })
    #expect(warning.severity == .warning && warning.line == 1)
    #expect(
      warning.message == "column 8 ('Q2_-1') is ignored: it is like 'b_nu', but column 7 ('Q2_1') matches it better")
  }

  /// LimeSurvey with question codes (`Q1[SQ002]`), BOM, `;`, every field quoted.
  @Test func limeSurveyCodes() throws {
    let (report, responses) = try run("made/limesurvey-codes.csv", "made/made.yaml")
    #expect(report.dialect?.delimiter == .semicolon)
    #expect(report.headerLines == [1])
    #expect((report.read, report.accepted, report.rejected) == (2, 2, 0))
    #expect(responses.map(\.municipality) == [0, 1])
    #expect(
      responses.map { [$0.value(0), $0.value(1), $0.value(2), $0.value(3)] } == [[nil, 5, 2, 4], [nil, 4, nil, 5]])
    let unmatched = try #require(report.diagnostics.first { $0.message.contains("match nothing") })
    #expect(unmatched.message.hasPrefix("4 columns match nothing"))
  }
}

extension MadeExportTests {
  /// Legacy Qualtrics whose question-text row names nearly nothing (the survey maps its
  /// codes): that row is the header's second line, never a respondent. Python's csv module
  /// (command in Fixtures/made/README.md) reads 3 respondents after the 2 header rows, with
  /// Q0, Q2_1, Q3_1 = Kalmar 3 5, Högsby 2 4, Kalmar 4 4.
  @Test func qualtricsLegacyQuestionTextRowIsHeader() throws {
    let (report, responses) = try run("made/qualtrics-legacy.csv", "made/made.yaml")
    #expect(report.headerLines == [1, 2])
    #expect((report.read, report.accepted, report.rejected) == (3, 3, 0), "\(report.diagnostics)")
    #expect(responses.map(\.municipality) == [0, 1, 0])
    #expect(responses.map { $0.value(2) } == [3, 2, 4])
    #expect(responses.map { $0.value(3) } == [5, 4, 4])
    #expect(responses.map(\.respondentID) == ["R_1a", "R_2b", "R_3c"])
  }

  /// Legacy Qualtrics mapped by codes: Q1 and Q2 stand in the `V1…` row, ResponseID and
  /// ResponseSet in the row under it; both rows are the header.
  @Test func qualtricsLegacyMappedByCodes() throws {
    let (report, responses) = try run("peers/qualtrics/sample_legacy.csv", "qualtrics-codes.yaml")
    #expect(report.headerLines == [1, 2])
    #expect((report.read, report.accepted, report.rejected) == (1, 1, 0))
    #expect(responses.first?.value(0) == 2)
    #expect(responses.first?.respondentID == "R_2YPOQ602ER1jkf1")
  }
}
