import GapAnalysis
import Ingest
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
    #expect(kalmar.contains("<h4>Fritextsvar (3)</h4>"))
    // Högsby's page says that comments exist but shows none.
    #expect(!hogsby.contains("Hemligt"))
    #expect(hogsby.contains("Det finns fritextsvar, men de visas inte: färre än 3 svarande i kommunen."))
    // The county pools Kalmar and the county-wide respondents, never Högsby.
    #expect(!county.contains("Hemligt"))
    #expect(county.contains("<li>Länsövergripande</li>"))
    #expect(county.contains("<li>Mer samverkan</li>"))
  }
}

/// "Who answered" has a row for the county-wide respondents, shown where it follows from
/// shown figures; a municipality with no answers gets one sentence.
@Suite struct WhoAnsweredTests {
  static func results(hogsby: Int) throws -> GapResults {
    let survey = try SurveyLoader.load(path: fixturePath("survey.yaml"))
    var tally = Tally(layout: TallyLayout(survey: survey))
    func add(_ m: Int?, _ o: Int) {
      tally.add(Response(municipality: m, dimensions: [o], values: [2, 4, 3, 5, 0, Response.missing]))
    }
    for o in [0, 0, 0, 1, 1, 1] { add(0, o) }
    for i in 0..<hogsby { add(1, i % 2) }
    for _ in 0..<4 { add(nil, 1) }
    return Analysis.run(tally)
  }

  /// By hand: 6 + 5 + 4 county-wide = 15; the county-wide 4 are all municipality staff.
  @Test func countyWideRow() throws {
    let page = GapReports(results: try Self.results(hogsby: 5), files: []).county()
    #expect(page.contains("Hela länet (länsövergripande)</th><td class=\"num\">4</td>"))
    #expect(page.contains("Hela länet (alla)</th><td class=\"num\">15</td>"))
  }

  /// Högsby's 2 are hidden, so county − municipalities would give them away with the
  /// county-wide 4: the row shows no figure.
  @Test func countyWideRowHiddenWhenATermIs() throws {
    let page = GapReports(results: try Self.results(hogsby: 2), files: []).county()
    #expect(page.contains("Hela länet (länsövergripande)</th><td class=\"num\">–</td>"))
  }

  @Test func aMunicipalityWithNoAnswers() throws {
    let results = try Self.results(hogsby: 5)
    var report = FileReport(file: "x.csv", municipalityCount: 2)
    report.acceptedPerMunicipality = [6, 0, 4]
    let page = GapReports(results: results, files: [report]).municipality(1)
    #expect(page.contains("Det finns inga svar från Högsby i de exporter som lästes in."))
    #expect(!page.contains("id=\"jamforelse\""))
  }
}
