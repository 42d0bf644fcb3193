import SeededRandom
import Testing

@testable import GapAnalysis

/// The two searches for a small union (`DisclosureControl.Audit.smallUnionLeak`: by the
/// row space's basis and by meet in the middle, each component of the space on its own)
/// against every union, enumerated one by one and checked by `DisclosureVerifier.Basis`
/// (another prime, another elimination, no code shared), on seeded random shapes; and the
/// search's budget, past which a scope is hidden instead of searched.
@Suite struct UnionSearchTests {
  /// A random audit: 6 … 20 cells of 0 … 12 respondents (0: empty; half the shapes mostly
  /// 1 … 4), scopes that are random sets of cells, some hidden, sometimes rows of an
  /// earlier publication beside them, and a minimum of 3 … 10.
  struct Shape {
    var counts: [Int]
    var scopes: [[Int]]
    var hidden: Set<Int>
    var fixed: [[Int]]
    var minimum: Int

    init(seed: Int) {
      var random = SplitMix64(seed: UInt64(seed) &* 6_364_136_223 &+ 17)
      func below(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
      let cells = 6 + below(15)
      let largest = below(2) == 0 ? 4 : 12
      counts = (0..<cells).map { _ in below(4) == 0 ? 0 : 1 + below(largest) }
      minimum = 3 + below(8)
      func someCells() -> [Int] { (0..<cells).filter { _ in below(3) == 0 } }
      scopes = [Array(0..<cells)] + (0..<(4 + below(11))).map { _ in someCells() }
      hidden = Set(scopes.indices.filter { _ in below(4) == 0 })
      fixed = below(3) == 0 ? (0..<(1 + below(3))).map { _ in someCells() } : []
    }

    /// Atom = non-empty cell, in order (as the audit numbers them).
    var atoms: [Int] { counts.indices.filter { counts[$0] > 0 } }

    func indicator(_ cells: [Int]) -> [Int] {
      let inside = Set(cells)
      return atoms.map { inside.contains($0) ? 1 : 0 }
    }

    /// Every union of atoms of 1 … minimum − 1 respondents that the shown scopes give away
    /// and the fixed rows alone do not, enumerated one by one.
    func unionsGivenAway() -> [[Int]] {
      let rows = scopes.indices.filter { !hidden.contains($0) }.map { indicator(scopes[$0]) } + fixed.map(indicator)
      let space = DisclosureVerifier.Basis(rows, width: atoms.count)
      let before = DisclosureVerifier.Basis(fixed.map(indicator), width: atoms.count)
      let weight = atoms.map { counts[$0] }
      var found: [[Int]] = []
      func grow(_ from: Int, _ union: [Int], _ total: Int) {
        for a in from..<atoms.count where total + weight[a] < minimum {
          let next = union + [a]
          var v = [Int](repeating: 0, count: atoms.count)
          for b in next { v[b] = 1 }
          if space.spans(v) && !before.spans(v) { found.append(next) }
          grow(a + 1, next, total + weight[a])
        }
      }
      grow(0, [], 0)
      return found
    }

    func audit(budget: Int = DisclosureControl.Audit.unionBudget) -> DisclosureControl.Audit {
      DisclosureControl.Audit(
        scopes: scopes, counts: counts, hidden: hidden, minimum: minimum, fixed: fixed, budget: budget)
    }
  }

  /// Each search finds a union exactly when there is one, and what it finds is one.
  @Test(arguments: 0..<200) func bothSearchesFindWhatEveryUnionShows(seed: Int) {
    let shape = Shape(seed: seed)
    let unions = Set(shape.unionsGivenAway())
    for method in [DisclosureControl.Audit.Method.basis, .halves, .cheaper] {
      switch shape.audit().smallUnionLeak(method) {
      case .none:
        #expect(unions.isEmpty, "seed \(seed), \(method): none found, but \(unions.first!) is given away")
      case .leak(let atoms):
        #expect(unions.contains(atoms.sorted()), "seed \(seed), \(method): \(atoms) is not a union given away")
      case .tooMany:
        Issue.record("seed \(seed), \(method): a shape of at most 20 cells is within the budget")
      }
    }
  }

  /// The shapes hold both answers often enough for the comparison to mean something.
  @Test func theShapesHoldUnionsAndNone() {
    let found = (0..<200).map { Shape(seed: $0).unionsGivenAway().isEmpty }
    #expect(found.filter { $0 }.count >= 40)
    #expect(found.filter { !$0 }.count >= 40)
  }

  /// Past the budget a component is not searched but returned, and `protect` hides scopes
  /// until what is shown was searched: with a budget of no steps, until no component is
  /// left with a small pivot. What it then shows gives nothing away, and it hides more
  /// than the exhaustive search needs on some shapes.
  @Test func aComponentTooLargeToSearchIsHiddenNotShown() {
    var hidMore = 0
    for seed in 0..<60 {
      var shape = Shape(seed: seed)
      shape.fixed = []
      let detail = [Int](repeating: 0, count: shape.scopes.count)
      let searched = DisclosureControl.protect(
        scopes: shape.scopes, measures: [shape.counts], minimum: shape.minimum, detail: detail)
      let budgeted = DisclosureControl.protect(
        scopes: shape.scopes, measures: [shape.counts], minimum: shape.minimum, detail: detail, budget: 0)
      for hidden in [searched, budgeted] {
        var shown = shape
        shown.hidden = hidden
        #expect(shown.unionsGivenAway().isEmpty, "seed \(seed): a small union is given away")
        let space = DisclosureVerifier.Basis(
          shape.scopes.indices.filter { !hidden.contains($0) }.map { shape.indicator(shape.scopes[$0]) },
          width: shape.atoms.count)
        for s in hidden {
          let v = shape.indicator(shape.scopes[s])
          #expect(!(v.contains(1) && space.spans(v)), "seed \(seed): hidden scope \(s) can be derived")
        }
      }
      if budgeted.count > searched.count { hidMore += 1 }
    }
    #expect(hidMore > 0)
  }

  /// The budget is what decides: an audit with small pivots and unions to search returns
  /// its component when the budget is smaller than both searches.
  @Test func aComponentPastTheBudgetIsReturned() throws {
    let shape = try #require((0..<200).map { Shape(seed: $0) }.first { !$0.unionsGivenAway().isEmpty })
    guard case .tooMany(let part) = shape.audit(budget: 0).smallUnionLeak() else {
      Issue.record("a budget of no steps searched")
      return
    }
    #expect(!part.isEmpty)
    guard case .leak = shape.audit().smallUnionLeak() else {
      Issue.record("the same shape within the budget found nothing")
      return
    }
  }

  /// The steps counted: sets of 1 … size atoms weighing less than the minimum, by hand.
  /// Weights 1, 1, 2, 5 below 4, sets of at most 2: {1}, {1}, {2}, {1,1}, {1,2}, {1,2} = 6.
  @Test func stepsAreCountedByHand() {
    #expect(DisclosureControl.Audit.sets([1, 1, 2, 5], below: 4, size: 2) == 6)
    // Of at most 3: also {1, 1, 2}? It weighs 4, not below 4: still 6.
    #expect(DisclosureControl.Audit.sets([1, 1, 2, 5], below: 4, size: 3) == 6)
    // Below 5: {1},{1},{2},{1,1},{1,2},{1,2},{1,1,2} = 7.
    #expect(DisclosureControl.Audit.sets([1, 1, 2, 5], below: 5, size: 3) == 7)
  }
}
