import Foundation
import Ingest
import SurveyModel
import TestSurveys
import Testing

/// Answers as tools write them. Every expected value is the scale point the cell names,
/// read off the mini survey's scale by hand (1 Stämmer inte alls … 5 Stämmer helt).
@Suite struct DecodingTests {
  /// One row per case: the cell in `a_nu`, and the value it must give (nil = not answered).
  static let numberCases: [(String, Int?)] = [
    ("3", 3), ("3.0", 3), ("\"3,0\"", 3), ("3.0000000000", 3), (" 4 ", 4), ("+5", 5), ("\"1\"", 1),
    ("Stämmer delvis", 3), ("  stämmer DELVIS ", 3), ("Stammer delvis", 3), ("3 - Stämmer delvis", 3),
    ("3. Stämmer delvis", 3), ("5 – Stämmer helt", 5), ("Vet ej", nil), ("vet ej", nil), ("Ej aktuellt", nil),
    ("-99", nil), ("-1", nil), (".", nil), ("..", nil), ("", nil), ("   ", nil), ("\u{00A0}2\u{00A0}", 2),
  ]

  @Test(arguments: numberCases)
  func readsAnswer(cell: String, expected: Int?) throws {
    let (report, responses) = try ingest("respondent_id,kommun,a_nu\n1,Kalmar,\(cell)\n", plan: try miniPlan())
    #expect(report.accepted == 1)
    #expect(report.problemCount == 0, "\(report.problems)")
    #expect(responses.first?.value(0) == expected)
  }

  static let problemCases: [(String, String)] = [
    ("7", "outside_scale"), ("0", "outside_scale"), ("-3", "outside_scale"), ("2.5", "not_on_scale"),
    ("\"2,5\"", "not_on_scale"), ("ja", "not_on_scale"), ("4 - Stämmer delvis", "label_mismatch"),
    ("6 - Stämmer helt", "outside_scale"), ("3..", "not_on_scale"),
  ]

  /// A value outside the scale is not guessed: the answer is missing and a problem names
  /// the line, the column and the value.
  @Test(arguments: problemCases)
  func refusesToGuess(cell: String, code: String) throws {
    let (report, responses) = try ingest(
      "respondent_id,kommun,a_nu,a_onskat\n1,Kalmar,\(cell),5\n", plan: try miniPlan(), name: "x.csv")
    #expect(report.accepted == 1)
    #expect(responses.first?.value(0) == nil)
    #expect(responses.first?.value(1) == 5)
    let problem = try #require(report.problems.first)
    #expect(report.problemCount == 1)
    #expect(problem.reason.code == code)
    #expect((problem.file, problem.line, problem.column, problem.columnName) == ("x.csv", 2, 3, "a_nu"))
    #expect(problem.value == cell.replacingOccurrences(of: "\"", with: ""))
  }

  static let municipalityCases: [(String, Int?)] = [
    ("Kalmar", 0), ("Kalmar kommun", 0), ("KALMAR", 0), ("kalmar", 0), ("0880", 0), ("880", 0),
    ("Högsby kn", 1), ("Hogsby", 1), ("0821", 1), ("Morbylanga", 2), ("Mörbylånga kommun", 2),
    ("MÖRBYLÅNGA", 2), ("Hela länet", nil), ("Länsövergripande", nil), ("0800", nil),
  ]

  @Test(arguments: municipalityCases)
  func findsMunicipality(cell: String, index: Int?) throws {
    let (report, responses) = try ingest("kommun,a_nu\n\(cell),3\n", plan: try miniPlan())
    #expect(report.accepted == 1, "\(report.rejectedRows.map { $0.reason })")
    #expect(responses.first?.municipality == index)
    // The last count is the county-wide one.
    #expect(report.acceptedPerMunicipality[index ?? 3] == 1)
  }

  @Test func unknownMunicipalitySuggests() throws {
    let text = "respondent_id,kommun,a_nu\n1,Kalmr,3\n2,,4\n3,Stockholm,2\n"
    // A blank municipality is rejected only under --strict (else it is "okänd kommun").
    var strict = IngestOptions.english
    strict.rejectsBlankMunicipality = true
    let (report, _) = try ingest(text, plan: try miniPlan(), options: strict)
    #expect(report.read == 3 && report.rejected == 3 && report.accepted == 0)
    let reasons = report.rejectedRows.map(\.reason)
    #expect(reasons[0] == .unknownMunicipality(value: "Kalmr", suggestion: "Kalmar"))
    #expect(reasons[1] == .missingMunicipality)
    #expect(reasons[2] == .unknownMunicipality(value: "Stockholm", suggestion: nil))
    #expect(report.rejectedRows[0].message(inEnglish: true).contains("did you mean 'Kalmar'?"))
    #expect(report.rejectedRows[0].reason.message(language: .sv).contains("menade du 'Kalmar'?"))
    // Kept verbatim, with line and column.
    #expect(report.rejectedRows[2].cells == ["3", "Stockholm", "2"])
    #expect(report.rejectedRows.map(\.line) == [2, 3, 4])
    #expect(report.rejectedRows.map(\.column) == [2, 2, 2])
  }

  @Test func dimensionsBySpelling() throws {
    let text =
      "kommun,organisation\nKalmar,Region\nKalmar,region kalmar län\nKalmar,KOMMUN\nKalmar,\nKalmar,Landsting\n"
    let (report, responses) = try ingest(text, plan: try miniPlan())
    #expect(responses.map { $0.dimensions[0] } == [0, 0, 1, nil, nil])
    // An unknown value is a problem, not a rejection; the blank one is no problem (the
    // dimension is not required). Both respondents count in the group of unknown values.
    #expect(report.accepted == 5 && report.problemCount == 1)
    #expect(report.problems.first?.reason == .unknownDimensionValue(suggestion: nil))
    #expect(report.unknownGroup == 2)
  }

  /// A required dimension left blank or unknown once rejected the whole respondent, even
  /// from the county's figures. Now both are kept, in the group of unknown values, and
  /// each is an answer problem at its cell.
  @Test func requiredDimensionBlankOrUnknownKeepsTheRespondent() throws {
    let yaml = TestSurveys.mini.replacingOccurrences(
      of: "      column: organisation\n", with: "      column: organisation\n      required: true\n")
    #expect(yaml != TestSurveys.mini)
    let plan = IngestPlan(survey: try SurveyLoader.load(yaml: yaml, path: "required.yaml"))
    let text = "kommun,organisation,a_nu\nKalmar,Region,3\nKalmar,,4\nHögsby,Landstinget,5\n"
    let (report, responses) = try ingest(text, plan: plan)
    #expect((report.read, report.accepted, report.rejected, report.unknownGroup) == (3, 3, 0, 2))
    #expect(responses.map { $0.dimensions[0] } == [0, nil, nil])
    #expect(responses.map { $0.value(0) } == [3, 4, 5])
    #expect(report.problems.map(\.reason.code) == ["missing_dimension_value", "unknown_dimension_value"])
    #expect(report.problems.map { "\($0.line):\($0.column)" } == ["3:2", "4:2"])
  }

  @Test func choiceAndText() throws {
    let text = "kommun,c,d\nKalmar,Ja,\"Fler möten, tack\"\nKalmar,nej,\nKalmar,Vet ej,  \nKalmar,Kanske,x\n"
    let (report, responses) = try ingest(text, plan: try miniPlan())
    #expect(responses.map { $0.value(4) } == [0, 1, nil, nil])
    #expect(responses.map { $0.text(slot: 5) } == ["Fler möten, tack", nil, nil, "x"])
    #expect(report.problems.map(\.reason.code) == ["unknown_option"])
  }

  @Test func duplicateRespondent() throws {
    let text = "respondent_id,kommun,a_nu\nR1,Kalmar,3\nR2,Kalmar,4\nR1,Kalmar,5\n R2 ,Högsby,1\n"
    let (report, responses) = try ingest(text, plan: try miniPlan())
    #expect(responses.map { $0.value(0) } == [3, 4])
    #expect(
      report.rejectedRows.map(\.reason) == [
        .duplicateRespondent(id: "R1", firstLine: 2), .duplicateRespondent(id: "R2", firstLine: 3),
      ])
    #expect(report.rejectedRows[0].reason.message(language: .en) == "respondent id 'R1' is a duplicate of line 2")
    // Unless told otherwise.
    var allowing = IngestOptions(allowDuplicateRespondents: true)
    allowing.keepsRespondentIDs = true
    let (allowed, all) = try ingest(text, plan: try miniPlan(), options: allowing)
    #expect(allowed.accepted == 4 && all.map(\.respondentID) == ["R1", "R2", "R1", "R2"])
  }
}

extension RejectedRow {
  func message(inEnglish: Bool) -> String { reason.message(language: inEnglish ? .en : .sv) }
}
