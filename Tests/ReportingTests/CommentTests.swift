import GapAnalysis
import Reporting
import SurveyModel
import Testing

/// Free text is shown only from groups at or above the minimum (3 in the fixture survey).
@Suite struct CommentTests {
  /// Kalmar: 6 respondents, 3 comments (one given twice). Högsby: 2 respondents, 1 comment.
  /// County-wide: 3 respondents, 1 comment. County − Kalmar leaves Högsby with the
  /// county-wide 3, so Kalmar stays shown.
  static func pages() throws -> (county: String, kalmar: String, hogsby: String, results: GapResults) {
    let survey = try SurveyLoader.load(path: fixturePath("survey.yaml"))
    var tally = Tally(layout: TallyLayout(survey: survey), keepTexts: true)
    func add(_ m: Int?, _ o: Int, _ text: String?) {
      tally.add(
        Response(
          municipality: m, dimensions: [o], values: [2, 4, 3, 5, 0, Response.missing],
          texts: text.map { [TextAnswer(slot: 5, text: $0)] } ?? []))
    }
    for (o, text) in [(0, "Bra möten"), (0, "Bra möten"), (0, nil), (1, "Mer samverkan"), (1, nil), (1, nil)] {
      add(0, o, text)
    }
    add(1, 0, "Hemligt i Högsby")
    add(1, 1, nil)
    for text in ["Länsövergripande", nil, nil] { add(nil, 0, text) }
    let results = Analysis.run(tally)
    let reports = GapReports(results: results, files: [], comments: { tally.texts(municipality: $0, section: $1) })
    return (reports.county(), reports.municipality(0), reports.municipality(1), results)
  }

  @Test func onlyGroupsAtTheMinimumShowTheirText() throws {
    let (county, kalmar, hogsby, results) = try Self.pages()
    #expect(results.respondents[Scope(municipality: 1)] == nil)
    #expect(results.respondents[Scope(municipality: 0)] == 6)
    #expect(results.textPlaces == [0, nil])
    // Kalmar's page: its 3 comments, the repeated one once with its number.
    #expect(kalmar.contains("<li>Bra möten <span class=\"count\">(2)</span></li>"))
    #expect(kalmar.contains("<li>Mer samverkan</li>"))
    #expect(kalmar.contains("Fritextsvar (3)</summary>"))
    // Högsby's page says that comments exist but shows none.
    #expect(!hogsby.contains("Hemligt"))
    #expect(hogsby.contains("Det finns fritextsvar, men de visas inte: färre än 3 svarande i kommunen."))
    // The county pools Kalmar and the county-wide respondents, never Högsby.
    #expect(!county.contains("Hemligt"))
    #expect(county.contains("<li>Länsövergripande</li>"))
    #expect(county.contains("<li>Mer samverkan</li>"))
  }
}
