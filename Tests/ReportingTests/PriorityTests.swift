import GapAnalysis
import SurveyModel
import TestSurveys
import Testing

@testable import Reporting

/// The priority list and chart (issue 25, point 3) on hand-made tallies: ten paired items
/// i0…i9 on 1–5, three tag vocabularies of which the brief names two (`omrade`, then
/// `grupp`; `annat`, declared first, is not a brief lens), organisation region/kommun as
/// the mellanrum pair, minimum group 5.
@Suite struct PriorityTests {
  /// Item i → its tags. i8 is the ninth largest gap (left out of at most 8), i9 has no gap.
  static let tags = [
    "{ omrade: a }", "{ grupp: x }", "{ omrade: b, grupp: x }", "{ annat: y }", "{ omrade: a }", "{ omrade: b }",
    "{ omrade: a }", "{ omrade: b }", "{ omrade: a }", "{ omrade: a }",
  ]

  static let items = tags.indices.map { i in
    "      - id: i\(i)\n        text: Påstående \(i)\n        scale: instamning\n        tags: \(tags[i])\n"
      + "        current: { column: i\(i)_nu }\n        desired: { column: i\(i)_onskat }"
  }.joined(separator: "\n")

  static let yaml = """
    kartlagg: 1
    id: prio
    title: Prio
    language: sv
    min_group_size: 5
    county:
      name: Kalmar län
      county_wide: { code: "0800", name: Hela länet }
      municipalities:
        - { code: "0880", name: Kalmar }
        - { code: "0821", name: Högsby }
    \(TestSurveys.scale)
    tags:
      - id: annat
        label: Annat
        values:
          - { id: y, label: Annat Y }
      - id: omrade
        label: Område
        values:
          - { id: a, label: Område A }
          - { id: b, label: Område B }
      - id: grupp
        label: Grupp
        values:
          - { id: x, label: Grupp X }
    respondents:
      id: { column: respondent_id }
      municipality: { column: kommun }
      dimensions:
        - id: organisation
          label: Organisation
          column: organisation
          values:
            - { id: region, label: Region }
            - { id: kommun, label: Kommun }
    report:
      mellanrum: { dimension: organisation, between: [region, kommun] }
      brief: [omrade, grupp]
    sections:
      - id: s
        title: Avsnitt
        items:
    \(items)
    """

  /// Kalmar: 5 region respondents (j = 0…4) and 5 kommun (j = 5…9), every item answered.
  /// Item k: region's current state is 1; kommun's is 2 for its first k mod 6 respondents,
  /// else 1. Respondent j's gap is 3 for j < 10 − k, else 2 (item 9: 0, desired = current).
  /// Högsby: 6 kommun respondents and no region, current 1, desired 3: its pair cannot be
  /// compared. (A region group of 1–4 there would be hidden, and with it, to protect it,
  /// Kalmar's region group, which the county's would give away.)
  static func results() throws -> GapResults {
    let survey = try SurveyLoader.load(yaml: yaml, path: "prio.yaml")
    var tally = Tally(layout: TallyLayout(survey: survey))
    for j in 0..<10 {
      var values: [Int16] = []
      for k in 0..<10 {
        let current = j >= 5 && j - 5 < k % 6 ? 2 : 1
        let gap = k == 9 ? 0 : j < 10 - k ? 3 : 2
        values += [Int16(current), Int16(current + gap)]
      }
      tally.add(Response(municipality: 0, dimensions: [j < 5 ? 0 : 1], values: values))
    }
    for _ in 0..<6 {
      tally.add(Response(municipality: 1, dimensions: [1], values: Array(repeating: [1, 3], count: 10).flatMap { $0 }))
    }
    return Analysis.run(tally)
  }

  /// Kalmar's nine supported gaps, i0 3,0 down to i8 2,2 (k respondents of 10 with gap 2,
  /// the rest 3: 3 − k/10, every interval above zero), and i9 without a gap. The eight
  /// largest are listed, under the first brief lens value each belongs to (Område A: 1 i0,
  /// 5 i4, 7 i6; Område B: 3 i2, 6 i5, 8 i7; Grupp X: 2 i1; i3 has no brief lens: Övriga
  /// påståenden, last), i2 also named under Grupp X; i8 (ninth) and i9 (no gap) are not.
  @Test func atMostEightSupportedGapsUnderTheBriefsLenses() throws {
    let page = GapReports(results: try Self.results(), files: []).municipality(0)
    let section = try #require(page.components(separatedBy: "<section id=\"prioriteringar\">").last)
    let lists = try #require(section.components(separatedBy: "<h3>Styrkor</h3>").first)
    func entry(_ rank: Int, _ item: Int) -> String { "<li value=\"\(rank)\">Påstående \(item) " }
    let expected = [
      "<h4>Område A</h4>", entry(1, 0), entry(5, 4), entry(7, 6), "<h4>Område B</h4>", "<li value=\"3\">Påstående 2",
      entry(6, 5), entry(8, 7), "<h4>Grupp X</h4>", entry(2, 1), "<h4>Övriga påståenden</h4>", entry(4, 3),
    ]
    var rest = Substring(lists)
    for part in expected {
      let found = try #require(rest.range(of: part), "\(part) in order")
      rest = rest[found.upperBound...]
    }
    #expect(lists.components(separatedBy: "<li value=").count - 1 == 8)
    #expect(lists.contains("Påstående 2 <span class=\"n\">(även Grupp X)</span>"))
    #expect(!lists.contains("Påstående 8 ") && !lists.contains("Påstående 9 "))
    #expect(!lists.contains("Annat Y"))
    #expect(lists.contains("9 påståenden har ett statistiskt säkerställt gap; alla står i"))
  }

  /// The chart's two axes for two items, by hand. i0: every gap 3, gap 3,00; region and
  /// kommun both at 1: mellanrum 0,00. i5: 5 gaps of 3 and 5 of 2, gap 2,50 (sd √(10 · 0,5²/9)
  /// = 0,527, t₀.₉₇₅(9) = 2,262: 2,12–2,88); kommun all at 2 against region's 1: mellanrum
  /// 1,00. The axes run 0–1,5 across (half a point beyond the line at a mellanrum of 1;
  /// the largest is 1,0) and 0–3 up (the largest gap 3,0) on a plot 44 to 334 across and
  /// 260 up to 8: i0 at (44, 8), i5 at (44 + 290 · 1/1,5, 260 − 252 · 2,5/3) = (237,3, 50).
  /// Neither axis is the other's arithmetic: i0 and i5's gaps differ by 0,5, their
  /// mellanrum by 1,0.
  @Test func theChartCrossesTheGapWithTheMellanrum() throws {
    let page = GapReports(results: try Self.results(), files: []).municipality(0)
    #expect(page.contains("Påstående 0 <span class=\"n\">gap 3,0 (3,0–3,0), mellanrum Region–Kommun 0,0, n=10</span>"))
    #expect(page.contains("Påstående 5 <span class=\"n\">gap 2,5 (2,1–2,9), mellanrum Region–Kommun 1,0, n=10</span>"))
    #expect(page.contains("cx=\"44\" cy=\"8\""))
    #expect(page.contains("cx=\"237.3\" cy=\"50\""))
    #expect(page.contains("<title id=\"prioritet-0-t\">Gap och mellanrum mellan Region och Kommun</title>"))
  }

  /// Numbers never overlap: every two numbered circles' centres are at least two radii
  /// apart, and each lies inside the plot. (Kalmar's i0, i6 and i0's neighbours crowd the
  /// top-left corner.)
  @Test func numbersDoNotOverlap() throws {
    let page = GapReports(results: try Self.results(), files: []).municipality(0)
    let svg = try #require(
      page.components(separatedBy: "<svg id=\"prioritet-0\"").last?.components(separatedBy: "</svg>").first)
    let circles = svg.components(separatedBy: "<circle ").dropFirst().compactMap { c -> (Double, Double)? in
      guard c.contains("r=\"9\"") else { return nil }
      func attribute(_ name: String) -> Double? {
        c.components(separatedBy: "\(name)=\"").dropFirst().first?.components(separatedBy: "\"").first.flatMap(
          Double.init)
      }
      return attribute("cx").flatMap { x in attribute("cy").map { (x, $0) } }
    }
    #expect(circles.count == 8)
    for (a, p) in circles.enumerated() {
      #expect(p.0 >= 44 + 9 && p.0 <= 334 - 9 && p.1 >= 8 + 9 && p.1 <= 260 - 9)
      for q in circles[(a + 1)...] {
        #expect(((p.0 - q.0) * (p.0 - q.0) + (p.1 - q.1) * (p.1 - q.1)).squareRoot() >= 18)
      }
    }
  }

  /// Högsby has no region respondents: its mellanrum cannot be computed, so its page draws no chart (the county's pair is not drawn against
  /// Högsby's gaps) and says why, with a link to the county's chart.
  @Test func noChartWhereThePairCannotBeCompared() throws {
    let page = GapReports(results: try Self.results(), files: []).municipality(1)
    #expect(!page.contains("<svg id=\"prioritet-1\""))
    #expect(page.contains("I Högsby kan Region och Kommun inte jämföras för något påstående"))
    #expect(page.contains("<a href=\"../index.html#prioriteringar\">Länets diagram</a>"))
  }
}
