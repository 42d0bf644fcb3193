import GapAnalysis
import SurveyModel
import TestSurveys
import Testing

@testable import Reporting

/// The first screen never claims more than its test (issue 22), on hand-made tallies of the
/// `mini` survey (Kalmar, Högsby, Mörbylånga; organisation region/kommun; minimum 5).
@Suite struct BriefTests {
  static let survey = try! SurveyLoader.load(yaml: TestSurveys.mini, path: "mini.yaml")

  /// Item a's current and desired state, item b unanswered.
  static func add(_ tally: inout Tally, _ m: Int?, _ o: Int, _ current: Int, _ desired: Int, times: Int = 1) {
    for _ in 0..<times {
      tally.add(
        Response(
          municipality: m, dimensions: [o],
          values: [Int16(current), Int16(desired), Response.missing, Response.missing, Response.missing]))
    }
  }

  /// Kalmar: 6 respondents with gap 4 (1 → 5); Mörbylånga: 6 with gap 0 (3 → 3); Högsby:
  /// 6 of each. Högsby's gaps are distributed exactly as the rest's (6 fours, 6 zeros):
  /// Mann–Whitney p = 1, not supported, whatever its rank (2 of 3). Kalmar against the rest
  /// (6 fours, 12 zeros): U = 6 × 12 + ½ × 6 × 6 = 90 against a mean of 54, tie-corrected
  /// sd 13,0, z = 2,77, p = 0,006: supported, larger; Mörbylånga the mirror image, smaller.
  static func ranked() -> GapResults {
    var tally = Tally(layout: TallyLayout(survey: survey))
    for o in [0, 1] {
      add(&tally, 0, o, 1, 5, times: 3)
      add(&tally, 2, o, 3, 3, times: 3)
      add(&tally, 1, o, 1, 5, times: 3)
      add(&tally, 1, o, 3, 3, times: 3)
    }
    return Analysis.run(tally)
  }

  /// A rank is drawn neutral unless the test supports a difference: Kalmar's is coloured
  /// larger (band b2), Mörbylånga's smaller (b0), Högsby's is plain.
  @Test func noColouredRankWithoutSupport() {
    let reports = GapReports(results: Self.ranked(), files: [])
    let kalmar = reports.municipality(0)
    #expect(kalmar.contains(" class=\"rank band b2\">plats 1 av 3</td>"))
    #expect(kalmar.contains("<strong>Jämfört med resten av länet:</strong> större gap än i resten av länet"))
    #expect(reports.municipality(2).contains(" class=\"rank band b0\">plats 3 av 3</td>"))
    let hogsby = reports.municipality(1)
    #expect(hogsby.contains(" class=\"rank\">plats 2 av 3</td>"))
    #expect(!hogsby.contains("class=\"rank band"))
    #expect(
      hogsby.contains("inget av de 2 avsnitten och områdena skiljer sig statistiskt säkerställt från resten av länet"))
  }

  /// A mellanrum at or above the threshold (1 scale point) but not significant is not listed
  /// on the first screen. Kalmar: region current 1, 2, 3, 4, 5 (mean 3), kommun 1, 1, 1, 5, 2
  /// (mean 2): a difference of 1,0, flagged by the threshold; Welch t = 1/√(2,5/5 + 3/5) =
  /// 0,95, p ≈ 0,37. The county's comparison is the same people: not supported either.
  @Test func anUnsupportedMellanrumIsNotListed() {
    var tally = Tally(layout: TallyLayout(survey: Self.survey))
    for c in [1, 2, 3, 4, 5] { Self.add(&tally, 0, 0, c, 5) }
    for c in [1, 1, 1, 5, 2] { Self.add(&tally, 0, 1, c, 5) }
    let results = Analysis.run(tally)
    let flagged = results.organisationalGaps.filter { $0.municipality == 0 && $0.item == 0 }
    #expect(flagged.first?.flagged == true && (flagged.first?.pAdjusted ?? 0) > 0.05)
    let page = GapReports(results: results, files: []).county()
    #expect(
      page.contains(
        "<strong>Mellanrum:</strong> <em>Region Kalmar län mot Kommun:</em> i hela länet ingen statistiskt säkerställd skillnad (1 påstående)"
      ))
  }

  /// Where the groups are too small to compare, the first screen says so and why, never
  /// "no differences": Högsby has 4 region and 6 kommun respondents.
  @Test func whatCannotBeComparedIsSaidSo() {
    var tally = Tally(layout: TallyLayout(survey: Self.survey))
    Self.add(&tally, 0, 0, 2, 4, times: 8)
    Self.add(&tally, 0, 1, 3, 4, times: 8)
    Self.add(&tally, 1, 0, 2, 4, times: 4)
    Self.add(&tally, 1, 1, 3, 4, times: 6)
    Self.add(&tally, 2, 0, 2, 4, times: 7)
    Self.add(&tally, 2, 1, 3, 4, times: 7)
    let page = GapReports(results: Analysis.run(tally), files: []).municipality(1)
    #expect(
      page.contains(
        "I Högsby: Region Kalmar län och Kommun kan inte jämföras här: en av grupperna har färre än 5 svarande"))
    #expect(!page.contains("I Högsby: inga statistiskt säkerställda skillnader"))
  }
  /// The group table stands on the first screen only where groups moved differently. Item
  /// a, both rounds: kommun's gaps 4, 3, 4, 3, 4, 3 (mean 3,5, sd 0,548) in Kalmar. Region:
  /// the same in the first round, then 1, 0, 1, 0, 1, 0 (mean 0,5). Region's change −3,0,
  /// Welch SE √(0,3/6 + 0,3/6) = 0,316, t(10) = 2,228: −3,70 to −2,30; kommun's 0,0, −0,70 to
  /// 0,70. The intervals do not overlap: region and kommun moved differently, and the brief
  /// shows them with those figures. With kommun improving alike (its second round as
  /// region's), they moved alike, and the brief shows no group table.
  @Test func theGroupTableOnlyWhereGroupsMovedDifferently() {
    func round(regionImproved: Bool, kommunImproved: Bool) -> GapResults {
      var tally = Tally(layout: TallyLayout(survey: Self.survey))
      for (o, improved) in [(0, regionImproved), (1, kommunImproved)] {
        for k in 0..<6 { Self.add(&tally, 0, o, improved ? 4 + k % 2 : 1 + k % 2, 5) }
      }
      return Analysis.run(tally)
    }
    let first = round(regionImproved: false, kommunImproved: false)
    let apart = round(regionImproved: true, kommunImproved: false)
    let reports = GapReports(results: apart, files: [], followUp: FollowUp.changes(apart, since: first))
    let page = reports.county()
    #expect(page.contains("<caption>Grupperna av svarande har rört sig olika sedan förra omgången</caption>"))
    #expect(page.contains("<th scope=\"row\">Region Kalmar län</th><td data-label=\"Gap då\" class=\"num\">3,50</td>"))
    #expect(page.contains("<td data-label=\"Förändring av gapet\" class=\"num\">−3,00</td>"))
    #expect(page.contains("−3,70 till −2,30"))
    #expect(page.contains("−0,70 till 0,70"))
    let alike = round(regionImproved: true, kommunImproved: true)
    let same = GapReports(results: alike, files: [], followUp: FollowUp.changes(alike, since: first)).county()
    #expect(same.contains("Förändring sedan förra omgången"))
    #expect(!same.contains("rört sig olika"))
  }

  /// Every cell of a table that stacks on a phone carries its column's head, in order.
  @Test func stackedTablesLabelEveryCell() throws {
    let pages = [
      GapReports(results: Self.ranked(), files: []).county(),
      GapReports(results: Self.ranked(), files: []).municipality(0),
    ]
    var tables = 0
    for page in pages {
      for table in page.components(separatedBy: "<table ").dropFirst()
      where table.hasPrefix("tabindex=0 class=\"stack") || table.contains("class=\"heatmap stack") {
        tables += 1
        let head = table.components(separatedBy: "</thead>")[0]
        let heads = head.components(separatedBy: "<th scope=\"col\">").dropFirst().map {
          $0.components(separatedBy: "</th>")[0]
        }
        let body = table.components(separatedBy: "</table>")[0].components(separatedBy: "</thead>")[1]
        for row in body.components(separatedBy: "<tr").dropFirst()
        where !row.contains("scope=\"rowgroup\"") && !row.contains("scope=\"colgroup\"") {
          let labels = row.components(separatedBy: "<td data-label=\"").dropFirst().map {
            $0.components(separatedBy: "\"")[0]
          }
          #expect(!row.contains("<td>") && !row.contains("<td class"), "a cell without its column's head")
          // The heads but the row head's own column, in order.
          let expected = heads.indices.map { r in Array(heads[..<r] + heads[(r + 1)...]) }
          #expect(expected.contains(labels), "\(labels) against \(heads)")
        }
      }
    }
    #expect(tables >= 4)
  }
  /// The lens view marks a group only where it differs from all with support, and names a
  /// column that is hidden throughout. Kalmar: region's gaps 4, 3, … (ten, mean 3,5),
  /// kommun's 3, 2, … (ten, 2,5): all 3,0; the view compares 2 groups × 2 rows (section
  /// Mötesplatser and the tag value samordning, item a alone) = 4 tests, so Student's t at
  /// 1 − 0,05/4/2 (python3 -c "from scipy import stats; print(stats.t.ppf(1-0.05/4/2, 39),
  /// stats.t.ppf(1-0.05/4/2, 9))" prints 2.618863731860828 3.1109348231794756): ten each,
  /// SE √(2,5/9)/√10 = 0,1667, half-width 0,519: region 2,98 to 4,02 reaches 3,0, not
  /// marked. Forty each (the same shares), sd √(10/39) = 0,506, SE 0,0801, half-width 0,210:
  /// region 3,29 to 3,71 lies above 3,0, marked ▲; kommun 2,29 to 2,71, ▼. Only region
  /// answering: the kommun column is hidden throughout and named once.
  @Test func theLensViewMarksOnlySupportedGroups() {
    func results(_ each: Int, kommun: Bool = true) -> GapResults {
      var tally = Tally(layout: TallyLayout(survey: Self.survey))
      for k in 0..<each {
        Self.add(&tally, 0, 0, k % 2 == 0 ? 1 : 2, 5)
        if kommun { Self.add(&tally, 0, 1, k % 2 == 0 ? 2 : 3, 5) }
      }
      return Analysis.run(tally)
    }
    let few = GapReports(results: results(10), files: []).municipality(0)
    #expect(!few.contains("class=\"num differs"))
    let many = GapReports(results: results(40), files: []).municipality(0)
    #expect(many.contains("class=\"num differs up\">3,5 <span aria-hidden=\"true\">▲</span>"))
    #expect(many.contains("class=\"num differs down\">2,5 <span aria-hidden=\"true\">▼</span>"))
    let alone = GapReports(results: results(10, kommun: false), files: []).municipality(0)
    #expect(alone.contains("Visas inte, för få svarande (färre än 5) i varje område: Organisation: Kommun."))
    #expect(!alone.contains("data-label=\"Organisation: Kommun\""))
  }
}
