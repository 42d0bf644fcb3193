import GapAnalysis
import SurveyModel
import TestSurveys
import Testing

/// The verdict the analysis attaches to each figure (issue 22): supported, not supported or
/// cannot be compared, on hand-made tallies of the `mini` survey (minimum 5). Every
/// expectation is worked out by hand in its comment.
@Suite struct VerdictTests {
  /// Kalmar: 6 respondents, region, current 1 desired 5: every gap 4, sd 0, so the interval
  /// is the point 4 and lies above zero (supported). Mörbylånga: 6 respondents whose gaps are
  /// −1, 1, −1, 1, −1, 1: mean 0, the interval reaches zero (not supported). Högsby: nobody,
  /// below the minimum (cannot be compared; a group of 1 … 4 would also hide one of the others
  /// by complementary suppression, which `PublicationTests` and `DisclosureTests` cover).
  static func results() throws -> GapResults {
    var tally = Tally(layout: TallyLayout(survey: try analysisSurvey()))
    for _ in 0..<6 { tally.add(response(0, 0, 1, 5)) }
    for i in 0..<6 { tally.add(response(2, 1, 3, i % 2 == 0 ? 2 : 4)) }
    return Analysis.run(tally)
  }

  @Test func itemGaps() throws {
    let results = try Self.results()
    #expect(results.item(Scope(municipality: 0), 0)?.verdict == .supported)
    #expect(results.item(Scope(municipality: 2), 0)?.verdict == .notSupported)
    #expect(results.item(Scope(municipality: 1), 0)?.verdict == .cannotBeCompared)
  }

  /// Against the rest of the county: Kalmar's gaps are all 4, the rest's (Mörbylånga's six)
  /// −1 and 1: Mann–Whitney with 6 against 6 where every one of Kalmar's is larger gives
  /// p = 2/C(12,6) = 0,0022, significant after BH over the one item with a figure (item b
  /// has none): supported, and larger. Högsby: cannot.
  @Test func municipalitiesAgainstTheCounty() throws {
    let results = try Self.results()
    let kalmar = try #require(results.comparisons.first { $0.municipality == 0 && $0.item == 0 })
    #expect(kalmar.verdict == .supported && (kalmar.difference ?? 0) > 0)
    let hogsby = try #require(results.comparisons.first { $0.municipality == 1 && $0.item == 0 })
    #expect(hogsby.verdict == .cannotBeCompared)
    // The section holding item a: one supported item, larger, and Kalmar's mean 4 above
    // the county's (24 + 0)/12 = 2.
    let section = results.comparison(municipality: 0, group: .section(0))
    #expect(section.verdict == .supported && section.direction == 1 && section.larger == 1)
    #expect(results.comparison(municipality: 1, group: .section(0)).verdict == .cannotBeCompared)
  }

  /// A mellanrum (issue 22, point 7), region against kommun: Högsby has nobody and Kalmar
  /// no kommun respondents, so neither can be compared, row by row and as a pair. The
  /// county: region's six all rate today 1, kommun's six all 3, a difference of −2, but
  /// neither group varies, so Welch's t is undefined and there is no test: shown (flagged by
  /// the 1-point threshold) but not supported, and so is the pair county-wide.
  @Test func mellanrum() throws {
    let results = try Self.results()
    for m in [0, 1] {
      #expect(
        results.organisationalGaps.filter { $0.municipality == m }.allSatisfy { $0.verdict == .cannotBeCompared })
      #expect(results.mellanrum(pair: 0, municipality: m).verdict == .cannotBeCompared)
    }
    let county = try #require(results.organisationalGaps.first { $0.municipality == nil && $0.item == 0 })
    #expect(county.difference == -2 && county.welch == nil && county.flagged && county.verdict == .notSupported)
    let pair = results.mellanrum(pair: 0, municipality: nil)
    #expect(pair.verdict == .notSupported && pair.compared == 1 && pair.supported.isEmpty)
  }

  /// A roll-up's conservative interval: Kalmar's section is item a alone (b has no
  /// answers), sd 0, so the interval is the point 4; Mörbylånga's: gaps ±1, sd √(6/5),
  /// SE √(6/5)/√6 = 0,4472, with Student's t for its 6 respondents:
  ///
  ///     python3 -c "from scipy import stats; import math; t=stats.t.ppf(0.975,5); print(t, t*math.sqrt(1.2/6))"
  ///     2.5705818356363146 1.1495991452417982
  @Test func conservativeIntervals() throws {
    let results = try Self.results()
    let kalmar = try #require(results.interval(Scope(municipality: 0), group: .section(0)))
    #expect(abs(kalmar.low - 4) < 1e-12 && abs(kalmar.high - 4) < 1e-12)
    let morbylanga = try #require(results.interval(Scope(municipality: 2), group: .section(0)))
    #expect(abs(morbylanga.high - 1.1495991452417982) < 1e-9)
    #expect(abs(morbylanga.low + morbylanga.high) < 1e-12)
    #expect(results.interval(Scope(municipality: 1), group: .section(0)) == nil)
  }

  /// Few respondents or a wide interval: Kalmar's 6 are fewer than twice the minimum; the
  /// county's 12 are not, but their gaps (six 4s, six ±1s: sd 2,26) give an interval of
  /// 2 ± 2,201 × 2,26/√12, 2,9 wide. Twenty respondents of gap 1 are neither.
  @Test func imprecision() throws {
    let results = try Self.results()
    #expect(results.item(Scope(municipality: 0), 0)?.imprecise == true)
    #expect(results.item(.county, 0)?.imprecise == true)
    var tally = Tally(layout: TallyLayout(survey: try analysisSurvey()))
    for _ in 0..<20 { tally.add(response(0, 0, 3, 4)) }
    #expect(Analysis.run(tally).item(.county, 0)?.imprecise == false)
  }

  /// Groups moved differently only where two of them have change intervals that do not
  /// overlap (by hand): −0,6 (−0,9 to −0,3) against +0,2 (−0,1 to 0,5): −0,3 < −0,1, so
  /// yes. −0,6 (−0,9 to −0,3) against −0,1 (−0,4 to 0,2): the intervals share −0,4 to
  /// −0,3, so no, although one change is supported and the other not. A group whose change
  /// is not tested (no interval) or not given never counts.
  @Test func groupsMovedDifferently() {
    func change(_ value: Double?, _ low: Double?, _ high: Double?) -> GroupChange {
      var c = GroupChange(scope: .county, group: nil, items: 3)
      c.gapChange = value
      (c.changeLow, c.changeHigh) = (low, high)
      return c
    }
    let improved = change(-0.6, -0.9, -0.3)
    #expect(FollowUp.movedDifferently([improved, change(0.2, -0.1, 0.5)]))
    #expect(FollowUp.movedDifferently([change(0.2, -0.1, 0.5), change(0, -0.3, 0.3), improved]))
    #expect(!FollowUp.movedDifferently([improved, change(-0.1, -0.4, 0.2)]))
    #expect(!FollowUp.movedDifferently([improved, change(0.2, nil, nil)]))
    #expect(!FollowUp.movedDifferently([improved, change(nil, 0.1, 0.5)]))
    #expect(!FollowUp.movedDifferently([improved]))
    #expect(!FollowUp.movedDifferently([]))
  }
  /// A group against all of its place (the lens view). Kalmar: region's gaps 4, 3, … (ten,
  /// mean 3,5), kommun's 3, 2, … (ten, mean 2,5): all 3,0. Each group's sd √(2,5/9), SE
  /// 0,1667; with t(9) at 95 % and at the Bonferroni coverage for 100 tests:
  ///
  ///     python3 -c "from scipy import stats; import math
  ///     se=math.sqrt(2.5/9)/math.sqrt(10)
  ///     for q in (0.975, 1-0.05/100/2):
  ///       t=stats.t.ppf(q,9); print(q, t, 3.5-t*se, 2.5+t*se)"
  ///     0.975 2.262157162798205 3.1229738062002994 2.8770261937997006
  ///     0.99975 5.290653840306525 2.6182243599489126 3.3817756400510874
  ///
  /// One test: region's interval lies above 3,0 (larger), kommun's below (smaller). One of
  /// 100: both reach 3,0, not supported. Högsby has nobody: cannot be compared.
  @Test func aGroupAgainstAllOfItsPlace() throws {
    var tally = Tally(layout: TallyLayout(survey: try analysisSurvey()))
    for k in 0..<10 {
      tally.add(response(0, 0, k % 2 == 0 ? 1 : 2, 5))
      tally.add(response(0, 1, k % 2 == 0 ? 2 : 3, 5))
    }
    let results = Analysis.run(tally)
    let region = Scope(municipality: 0, dimension: 0, value: 0)
    let kommun = Scope(municipality: 0, dimension: 0, value: 1)
    let interval = try #require(results.interval(region, group: .section(0)))
    #expect(abs(interval.low - 3.1229738062002994) < 1e-9)
    #expect(results.againstAll(region, group: .section(0), tests: 1) == (.supported, 1))
    #expect(results.againstAll(kommun, group: .section(0), tests: 1) == (.supported, -1))
    #expect(results.againstAll(region, group: .section(0), tests: 100) == (.notSupported, 0))
    #expect(results.againstAll(kommun, group: .section(0), tests: 100) == (.notSupported, 0))
    let hogsby = Scope(municipality: 1, dimension: 0, value: 0)
    #expect(results.againstAll(hogsby, group: .section(0), tests: 1) == (.cannotBeCompared, 0))
  }
}
