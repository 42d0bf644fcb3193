import GapAnalysis
import SurveyModel
import Testing

/// Small groups: no figure rests on fewer than 5 respondents, and none can be recovered
/// by subtracting shown figures from each other.
@Suite struct SuppressionTests {
  /// Kalmar's region respondents are 4.
  static func tally() throws -> Tally {
    let layout = TallyLayout(survey: try analysisSurvey())
    var tally = Tally(layout: layout)
    let groups = [(0, 0, 4), (0, 1, 12), (1, 0, 6), (1, 1, 6), (2, 0, 7), (2, 1, 5)]
    for (m, o, n) in groups {
      for i in 0..<n { tally.add(response(m, o, 1 + i % 3, 5)) }
    }
    return tally
  }

  @Test func smallGroupIsSuppressedEverywhere() throws {
    let results = Analysis.run(try Self.tally())
    let kalmarRegion = Scope(municipality: 0, dimension: 0, value: 0)
    let item = try #require(results.item(kalmarRegion, 0))
    #expect(item.suppressed && item.n == nil && item.gapMean == nil && item.currentMean == nil)
    #expect(results.respondents[kalmarRegion] == nil)
    #expect(results.organisationalGaps.first { $0.municipality == 0 && $0.item == 0 }?.suppressed == true)
    #expect(results.rollUps[kalmarRegion]?.allSatisfy(\.suppressed) == true)
    // Kalmar − its municipality respondents would give its region: they must go too. (Which
    // further groups must go depends on the order the totals are checked in; the next test
    // checks that whatever is hidden cannot be recovered.)
    let hidden = Set(results.scopes.filter { results.item($0, 0)?.suppressed == true })
    #expect(hidden.isSuperset(of: [kalmarRegion, Scope(municipality: 0, dimension: 0, value: 1)]))
    // The totals stay: the county and every municipality.
    #expect(hidden.isDisjoint(with: [.county, Scope(municipality: 0), Scope(municipality: 1), Scope(municipality: 2)]))
  }

  /// Independently of how kartlagg chooses what to hide: every shown figure of item a is
  /// a sum over cells (municipality × organisation); a hidden scope can be recovered
  /// exactly when its cells' indicator lies in the span of the shown scopes' indicators.
  /// Gaussian elimination says it never does, for figures and for respondent counts.
  @Test func noHiddenFigureIsALinearCombinationOfShownOnes() throws {
    let tally = try Self.tally()
    let results = Analysis.run(tally)
    let layout = tally.layout
    // Cells that hold respondents, each as (municipality, organisation).
    var cells: [(Int?, Int?)] = []
    for m in [0, 1, 2] { for o in [0, 1] { cells.append((m, o)) } }
    func indicator(_ s: Scope) -> [Double] {
      cells.map { cell in
        (s.municipality == nil || s.municipality == cell.0) && (s.dimension == nil || s.value == cell.1) ? 1 : 0
      }
    }
    for hiddenOf in [
      { (s: Scope) in results.item(s, 0)?.suppressed ?? true }, { (s: Scope) in results.respondents[s] == nil },
    ] {
      let shown = results.scopes.filter { !hiddenOf($0) }.map(indicator)
      for scope in results.scopes where hiddenOf(scope) && indicator(scope).contains(1) {
        #expect(rank(shown + [indicator(scope)]) > rank(shown), "\(scope.name(in: layout.survey)) can be recovered")
      }
    }
  }

  func rank(_ rows: [[Double]]) -> Int {
    var m = rows
    var rank = 0
    let columns = m.first?.count ?? 0
    for c in 0..<columns {
      guard let pivot = (rank..<m.count).first(where: { abs(m[$0][c]) > 1e-9 }) else { continue }
      m.swapAt(rank, pivot)
      for r in 0..<m.count where r != rank && abs(m[r][c]) > 1e-9 {
        let f = m[r][c] / m[rank][c]
        for k in 0..<columns { m[r][k] -= f * m[rank][k] }
      }
      rank += 1
    }
    return rank
  }
}
