import Foundation
import GapAnalysis
import SurveyModel
import TestSurveys
import Testing

@testable import Reporting

/// The map of the municipalities (issue 25, point 1): the shipped geometry's invariants, and
/// the maps on the county's and a municipality's page, on a hand-made tally of the county
/// survey (`Surveys/kalmar-primarvard.yaml`).
@Suite struct MapTests {
  /// Kalmar län's municipalities by SCB's code, as `../shared/geo/SOURCES.md` lists them.
  static let kalmarCodes = [
    "0821": "Högsby", "0834": "Torsås", "0840": "Mörbylånga", "0860": "Hultsfred", "0861": "Mönsterås",
    "0862": "Emmaboda", "0880": "Kalmar", "0881": "Nybro", "0882": "Oskarshamn", "0883": "Västervik",
    "0884": "Vimmerby", "0885": "Borgholm",
  ]

  /// The shipped file holds all 290 municipalities, Kalmar län's 12 by their names, and
  /// neighbours share vertices. Reference (python3 over the shipped file, parsing the
  /// path data independently, and shapely over the WGS 84 source): 290 codes; Kalmar (0880)
  /// and Nybro (0881) touch in the source and share 15 vertices in the file; Kalmar and
  /// Västervik (0883) do not meet and share none; Kalmar län's outlines span x 5207…6282
  /// and y −64470…−62295 (units of 100 m).
  @Test func theShippedGeometry() throws {
    let shapes = MunicipalityShapes.shipped.byCode
    #expect(shapes.count == 290)
    #expect(shapes.keys.allSatisfy { $0.count == 4 && $0.allSatisfy(\.isASCII) && Int($0) != nil })
    for (code, name) in Self.kalmarCodes { #expect(shapes[code]?.name == name, "\(code)") }
    func vertices(_ code: String) -> Set<MunicipalityShapes.Point> { Set((shapes[code]?.rings ?? []).joined()) }
    #expect(vertices("0880").intersection(vertices("0881")).count == 15)
    #expect(vertices("0880").intersection(vertices("0883")).isEmpty)
    let county = Self.kalmarCodes.keys.compactMap { shapes[$0] }
    let box = try #require(MunicipalityShapes.bounds(county))
    #expect(box.x == 5207 && box.x + box.width == 6282 && box.y == -64470 && box.y + box.height == -62295)
  }

  static let countySurvey: Survey = {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Surveys/kalmar-primarvard.yaml").standardized.path
    return try! SurveyLoader.load(path: path)
  }()

  /// Respondents who answer every paired item `current` → `desired`, no dimension known.
  static func add(_ tally: inout Tally, _ survey: Survey, _ m: Int?, _ current: Int16, _ desired: Int16, times: Int) {
    let values = survey.slots.map { slot -> Int16 in
      slot.role == .current ? current : slot.role == .desired ? desired : Response.missing
    }
    for _ in 0..<times {
      tally.add(
        Response(municipality: m, dimensions: Array(repeating: nil, count: survey.dimensions.count), values: values))
    }
  }

  /// Kalmar (index 0): 12 respondents with gap 3 (2 → 5) on every item. Högsby (9): 3
  /// respondents, below the minimum of 5, so hidden. Every other municipality: 6 with gap 1
  /// (3 → 4) and 6 with gap 0 (4 → 4), a mean of 0,5. Ten county-wide respondents (gap 1),
  /// so that the county minus the shown municipalities does not reveal Högsby. Kalmar
  /// against the rest: all 12 gaps above every other gap, Mann–Whitney p far below 0,05 on
  /// every item, the roll-up's interval 3 ± 0 above the county's: supported, larger (▲).
  /// Nybro (or any other shown municipality) against the rest: not supported (no mark).
  /// Reference, per item (scipy 1.17, `mannwhitneyu(..., method='asymptotic')`):
  ///   Kalmar [3]*12 vs [0]*60+[1]*73 → U = 1596, p = 1,6e-10
  ///   Nybro [0]*6+[1]*6 vs [3]*12+[0]*54+[1]*67 → U = 687, p = 0,38
  static func results(_ survey: Survey) -> GapResults {
    var tally = Tally(layout: TallyLayout(survey: survey))
    add(&tally, survey, 0, 2, 5, times: 12)
    add(&tally, survey, 9, 3, 4, times: 3)
    for m in 1..<12 where m != 9 {
      add(&tally, survey, m, 3, 4, times: 6)
      add(&tally, survey, m, 4, 4, times: 6)
    }
    add(&tally, survey, nil, 3, 4, times: 10)
    return Analysis.run(tally)
  }

  /// The part of a page between two markers.
  static func part(_ page: String, from start: String, to end: String) -> String {
    guard let a = page.range(of: start), let b = page.range(of: end, range: a.upperBound..<page.endIndex) else {
      return ""
    }
    return String(page[a.lowerBound..<b.upperBound])
  }

  static func count(_ text: some StringProtocol, _ needle: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  /// The county's page: one map per section (8: each has paired items) and development area (4), each with the 12
  /// municipalities; Högsby hatched and saying why; Kalmar ▲ with its value in its name; a
  /// table with the same figures; the map right after the first screen.
  @Test func theCountySMap() throws {
    let survey = Self.countySurvey
    let page = GapReports(results: Self.results(survey), files: []).county()
    let section = Self.part(page, from: "<section id=\"kommunkarta\">", to: "</section>")
    #expect(Self.count(section, "<figure class=\"map\">") == 12)
    let first = Self.part(section, from: "<figure class=\"map\">", to: "</figure>")
    #expect(Self.count(first, "<path d=\"M") == 12)
    #expect(first.contains("<figcaption id=\"karta-1\">Invånarnas behov</figcaption>"))
    #expect(Self.count(section, "<path d=\"M") == 144)
    #expect(
      first.contains(
        "fill=\"url(#karta-1-dold)\" class=\"hidden\" role=\"img\" aria-label=\"Högsby: dold: färre än 5 svarande, eller en siffra som annars skulle avslöja en sådan grupp\"><title>Högsby: dold: färre än 5 svarande, eller en siffra som annars skulle avslöja en sådan grupp</title>"
      ))
    #expect(Self.count(section, "class=\"hidden\"") == 12)
    // Gap 3,0 lies in the last colour class (≥ 2,25), #08519c; the others' 0,5 in the second.
    #expect(
      first.contains(
        "fill=\"#08519c\" role=\"img\" aria-label=\"Kalmar: gap 3,0, statistiskt säkerställt större än i resten av länet\""
      ))
    #expect(first.contains("fill=\"#c6dbef\" role=\"img\" aria-label=\"Nybro: gap 0,5\""))
    #expect(Self.count(section, "class=\"map-mark\">▲</text>") == 12)
    #expect(!section.contains("▼</text>"))
    #expect(!section.contains("class=\"own"))
    #expect(section.contains("<details><summary>Kartornas siffror som tabell</summary>"))
    #expect(
      section.contains(
        "<tr><th scope=\"row\">Invånarnas behov</th><td class=\"num\">3,0 <span aria-hidden=\"true\">▲</span>"))
    #expect(section.contains("Kommungränser: SCB, Digitala gränser (CC0). Källa: SCB."))
    // After the first screen, before the rest of the report.
    let map = try #require(page.range(of: "<section id=\"kommunkarta\">"))
    let toc = try #require(page.range(of: "<nav class=\"toc\""))
    let heatmap = try #require(page.range(of: "<section id=\"karta\">"))
    #expect(toc.upperBound < map.lowerBound && map.upperBound < heatmap.lowerBound)
  }

  /// Torsås's page: the same maps with Torsås outlined (drawn last, on top) in each.
  @Test func aMunicipalitySMapOutlinesItself() throws {
    let survey = Self.countySurvey
    let torsas = try #require(survey.county.municipalities.firstIndex { $0.name == "Torsås" })
    let page = GapReports(results: Self.results(survey), files: []).municipality(torsas)
    let section = Self.part(page, from: "<section id=\"kommunkarta\">", to: "</section>")
    #expect(Self.count(section, "<figure class=\"map\">") == 12)
    #expect(Self.count(section, "class=\"own\" role=\"img\" aria-label=\"Torsås: gap 0,5\"") == 12)
    #expect(Self.count(section, "class=\"own") == 12)
    #expect(section.contains("Torsås har svart kant."))
    let first = Self.part(section, from: "<figure class=\"map\">", to: "</figure>")
    let lastPath = try #require(first.components(separatedBy: "<path d=\"M").last)
    #expect(lastPath.contains("aria-label=\"Torsås:"))
  }

  /// A survey whose municipality codes are not SCB's gets no map, and one sentence saying so.
  @Test func noMapWithoutSCBCodes() throws {
    var survey = try SurveyLoader.load(yaml: TestSurveys.mini, path: "mini.yaml")
    let page = { (s: Survey) in
      GapReports(results: Analysis.run(Tally(layout: TallyLayout(survey: s))), files: []).county()
    }
    #expect(page(survey).contains("<svg viewBox="))
    survey.county.municipalities[1].code = "K2"
    let section = Self.part(page(survey), from: "<section id=\"kommunkarta\">", to: "</section>")
    #expect(
      section
        == "<section id=\"kommunkarta\"><h2>Gapet på kartan</h2><p>Här finns ingen karta, eftersom enkätens kommunkoder inte är SCB:s fyrsiffriga kommunkoder.</p></section>"
    )
  }
}
