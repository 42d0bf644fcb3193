import Foundation
import Ingest
import SourceDiagnostics
import SurveyModel
import TestSurveys
import Testing

/// Columns whose headers repeat each other, an answer named by its column's position, and
/// a file with no row at all (issue 23).
@Suite struct RepeatedColumnTests {
  /// `mini` with the current answer of item a given by its position instead of its header.
  func positionPlan(_ position: String) throws -> IngestPlan {
    let yaml = TestSurveys.mini.replacingOccurrences(
      of: "current: { column: a_nu, question: Vi möts regelbundet – Nuläge }",
      with: "current: { column: { position: \(position) } }")
    #expect(yaml != TestSurveys.mini)
    return IngestPlan(survey: try SurveyLoader.load(yaml: yaml, path: "mini.yaml"))
  }

  /// Three identical headers for one answer: one message naming all three columns, and
  /// advice that can work when the texts are identical (the position, as a number and as
  /// a letter), not "its exact header text".
  @Test func identicalHeadersAreSaidOnceWithTheirPositions() throws {
    let text = "kommun,a_nu,a_nu,a_nu,a_onskat\nKalmar,2,3,4,5\n"
    let (report, responses) = try ingest(text, plan: try miniPlan(), name: "r.csv")
    #expect(responses.isEmpty)
    let failure = try #require(report.failure)
    let said = report.diagnostics.filter { $0.message.contains("both hold 'a_nu'") }
    #expect(said.count == 1, "\(said)")
    #expect(
      failure.message.contains(
        "columns 2 ('a_nu') and 3 ('a_nu') both hold 'a_nu'; give the one you mean by its place in the survey definition, counted from 1 as a spreadsheet does: `column: { position: 2 }` (or its letter, `{ position: B }`), or remove or rename the others (and column 4 too)"
      ), "\(failure.message)")
    #expect(!failure.message.contains("exact header text"))
    #expect(failure.message.components(separatedBy: "both hold 'a_nu'").count == 2)
  }

  /// The advice works: `column: { position: 3 }` (and its letter, C) reads the third
  /// column whatever its header says, and the other identical headers are ignored.
  @Test func anAnswerNamedByItsPosition() throws {
    let text = "kommun,a_nu,a_nu,a_nu,a_onskat\nKalmar,2,3,4,5\nHögsby,1,5,2,4\n"
    for position in ["3", "C"] {
      let (report, responses) = try ingest(text, plan: try positionPlan(position), name: "p.csv")
      #expect(report.failure == nil, "\(String(describing: report.failure))")
      #expect(report.accepted == 2)
      // Slot 0 is a_nu (column 3 by hand: 3, then 5), slot 1 a_onskat (5, then 4).
      #expect(responses.map { $0.value(0) } == [3, 5])
      #expect(responses.map { $0.value(1) } == [5, 4])
    }
  }

  /// A position that is no column's number or letters is refused where it is written.
  @Test func aBadPositionIsRefused() throws {
    #expect(throws: SurveyLoadError.self) { try positionPlan("0") }
    #expect(throws: SurveyLoadError.self) { try positionPlan("c3") }
    #expect(AnswerLocation.position(letters: "AB") == 28)
    #expect(AnswerLocation.letters(of: 28) == "AB")
  }

  /// A file with no record at all says it is empty, not that "none of the first 0 records
  /// names a column".
  @Test func anEmptyFileIsSaidToBeEmpty() throws {
    for language in [Language.en, .sv] {
      var options = IngestOptions.english
      options.language = language
      let (report, _) = try ingest("", plan: try miniPlan(), options: options, name: "tom.csv")
      let failure = try #require(report.failure)
      #expect(!failure.message.contains("first 0"), "\(failure.message)")
      #expect(!failure.message.contains("första 0"), "\(failure.message)")
      #expect(
        failure.message.contains(
          language == .en ? "the file (or the sheet) is empty" : "filen (eller bladet) är tom"), "\(failure.message)")
    }
  }

  /// A shortened list says how many more in the run's language: 14 unknown columns, 12
  /// shown. Before, a Swedish run said "… and 2 more".
  @Test func aShortenedListFollowsTheRunsLanguage() throws {
    let extra = (1...14).map { "x\($0)" }
    let text =
      (["kommun", "a_nu", "a_onskat"] + extra).joined(separator: ",") + "\nKalmar,2,3"
      + String(
        repeating: ",", count: 14) + "\n"
    for (language, tail) in [(Language.sv, "15 'x12' och 2 till"), (.en, "15 'x12' and 2 more")] {
      var options = IngestOptions.english
      options.language = language
      let (report, _) = try ingest(text, plan: try miniPlan(), options: options, name: "extra.csv")
      let unmatched = report.diagnostics.first { $0.message.contains("'x1'") }
      #expect(unmatched?.message.hasSuffix(tail) == true, "\(String(describing: unmatched))")
    }
  }
}
