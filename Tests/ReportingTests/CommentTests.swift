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
    let reports = GapReports(results: results, files: [])
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

/// Free text question by question: two questions in one section keep their answers apart,
/// each under its own text, and a repeated answer is counted once with its number.
@Suite struct CommentsByQuestionTests {
  @Test func eachQuestionItsOwnList() throws {
    let base = try String(contentsOfFile: fixturePath("survey.yaml"), encoding: .utf8)
    let yaml = base.replacingOccurrences(
      of: "        answer: { column: fritext }",
      with:
        "        answer: { column: fritext }\n      - id: saknas\n        kind: text\n        text: Vad saknas?\n        answer: { column: saknas }"
    )
    let survey = try SurveyLoader.load(yaml: yaml)
    var tally = Tally(layout: TallyLayout(survey: survey), keepTexts: true)
    // Kalmar, 6 respondents: "Övrigt" (slot 5) gets "Bra" twice; "Vad saknas?" (slot 6)
    // gets "Tid" and "Bra".
    let answers: [[TextAnswer]] = [
      [TextAnswer(slot: 5, text: "Bra"), TextAnswer(slot: 6, text: "Tid")],
      [TextAnswer(slot: 5, text: "Bra"), TextAnswer(slot: 6, text: "Bra")], [], [], [], [],
    ]
    for (i, texts) in answers.enumerated() {
      tally.add(
        Response(
          municipality: 0, dimensions: [i % 2], values: [2, 4, 3, 5, 0, Response.missing, Response.missing],
          texts: texts))
    }
    let results = Analysis.run(tally)
    let kalmar = GapReports(results: results, files: []).municipality(0)
    #expect(kalmar.contains("<h4>Fritextsvar (4)</h4>"))
    #expect(
      kalmar.contains(
        "<h5>Övrigt <span class=\"n\">(2 svar)</span></h5>\n<ul class=\"comments\"><li>Bra <span class=\"count\">(2)</span></li></ul>"
      ))
    #expect(
      kalmar.contains(
        "<h5>Vad saknas? <span class=\"n\">(2 svar)</span></h5>\n<ul class=\"comments\"><li>Bra</li><li>Tid</li></ul>"))
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
    #expect(page.contains("Länsövergripande verksamhet</th><td class=\"num\">4</td>"))
    #expect(page.contains("Totalt, hela länet</th><td class=\"num\">15</td>"))
  }

  /// Högsby's 2 are hidden, so county − municipalities would give them away with the
  /// county-wide 4: the row shows no figure.
  @Test func countyWideRowHiddenWhenATermIs() throws {
    let page = GapReports(results: try Self.results(hogsby: 2), files: []).county()
    #expect(page.contains("Länsövergripande verksamhet</th><td class=\"num\">–</td>"))
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
