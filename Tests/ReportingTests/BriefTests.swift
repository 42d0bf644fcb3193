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
    #expect(kalmar.contains("<td class=\"rank band b2\">plats 1 av 3</td>"))
    #expect(kalmar.contains("<strong>Jämfört med resten av länet:</strong> större gap än i resten av länet"))
    #expect(reports.municipality(2).contains("<td class=\"rank band b0\">plats 3 av 3</td>"))
    let hogsby = reports.municipality(1)
    #expect(hogsby.contains("<td class=\"rank\">plats 2 av 3</td>"))
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
        "<strong>Mellanrum:</strong> I hela länet: inga statistiskt säkerställda skillnader i nuläget mellan Region Kalmar län och Kommun; 1 påstående kan jämföras."
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
}
