import Foundation
import Ingest
import SurveyModel
import TestSurveys
import Testing

/// A blank municipality cell (issue 23 point 7): the respondent answered the county's
/// survey and is kept, in the group "okänd kommun" (municipality −1,
/// `Response.unknownMunicipality`); `required: true` on the municipality column, or
/// `--strict` (`rejectsBlankMunicipality`), rejects the row as before. Counts by hand from
/// the rows written here; the mini survey has Kalmar, Högsby and Mörbylånga.
@Suite struct BlankMunicipalityTests {
  static let text = "respondent_id,kommun,a_nu\n1,Kalmar,3\n2,,4\n3, ,2\n4,Kalmr,5\n5,Högsby,1\n"

  @Test func aBlankMunicipalityIsOkändKommun() throws {
    let (report, responses) = try ingest(Self.text, plan: try miniPlan())
    // Rows 2 and 3 are blank (one a lone space); row 4 is misspelled and stays rejected.
    #expect((report.read, report.accepted, report.rejected) == (5, 4, 1))
    #expect(report.rejectedRows.map(\.reason) == [.unknownMunicipality(value: "Kalmr", suggestion: "Kalmar")])
    #expect(responses.map(\.municipality) == [0, -1, -1, 1])
    #expect(responses.map { $0.value(0) } == [3, 4, 2, 1])
    // Kalmar, Högsby, Mörbylånga, county-wide, okänd kommun.
    #expect(report.acceptedPerMunicipality == [1, 1, 0, 0, 2])
    #expect(report.unknownMunicipality == 2)
    #expect(report.isBalanced)
  }

  @Test func requiredOrStrictRejectsTheBlankRow() throws {
    let yaml = TestSurveys.mini.replacingOccurrences(
      of: "  municipality: { column: kommun, question: \"Vilken kommun arbetar du i?\" }\n",
      with: "  municipality: { column: kommun, question: \"Vilken kommun arbetar du i?\", required: true }\n")
    #expect(yaml != TestSurveys.mini)
    let required = IngestPlan(survey: try SurveyLoader.load(yaml: yaml, path: "required.yaml"))
    var strict = IngestOptions.english
    strict.rejectsBlankMunicipality = true
    for (plan, options) in [(required, IngestOptions.english), (try miniPlan(), strict)] {
      let (report, responses) = try ingest(Self.text, plan: plan, options: options, name: "x.csv")
      #expect((report.read, report.accepted, report.rejected) == (5, 2, 3))
      #expect(responses.map(\.municipality) == [0, 1])
      #expect(report.acceptedPerMunicipality == [1, 1, 0, 0, 0])
      let rows = report.rejectedRows
      #expect(rows.map(\.line) == [3, 4, 5])
      #expect(rows.map(\.column) == [2, 2, 2])
      #expect(rows.prefix(2).allSatisfy { $0.reason == .missingMunicipality })
      #expect(rows[0].message(inEnglish: true).contains("the municipality is missing"))
    }
  }

  /// A file whose municipality comes from its name or `--municipality` has no blank
  /// municipality: an empty cell in a municipality column it also has says nothing.
  @Test func aFileOfOneMunicipalityHasNoBlankOnes() throws {
    var options = IngestOptions.english
    options.municipalities = ["y.csv": "Högsby"]
    let (report, responses) = try ingest(
      "respondent_id,kommun,a_nu\n1,,3\n2,Högsby,4\n", plan: try miniPlan(), options: options, name: "y.csv")
    #expect((report.accepted, report.unknownMunicipality) == (2, 0))
    #expect(responses.map(\.municipality) == [1, 1])
  }
}
