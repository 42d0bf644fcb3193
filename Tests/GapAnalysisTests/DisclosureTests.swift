import GapAnalysis
import SeededRandom
import SurveyModel
import TestSurveys
import Testing

/// One synthetic respondent: where it belongs and whether it answered item a's current
/// and desired state.
struct Person {
  var municipality: Int?
  var organisation: Int?
  var level: Int?
  var current: Bool = true
  var desired: Bool = true
}

/// The disclosure verifier. It knows every respondent (the test made them) and reads only
/// what the results publish: which scopes show a figure. Every published figure of a scope
/// is a sum over the respondents in it, so what can be derived from the published figures
/// is the row space of the shown scopes' indicators over the finest groups (municipality or
/// county-wide × organisation × level, unknown values included). It proves, by exact
/// Gaussian elimination modulo the prime 1 000 000 007, that
///
/// - no hidden scope with anyone in it lies in that row space, and
/// - no union of finest groups holding 1 … minimum − 1 respondents does (every such union
///   is enumerated),
///
/// for the respondent counts, for item a's complete pairs, for everyone who rated item a's
/// current state, and for the respondents behind the roll-ups. Empty finest groups are
/// left out of the algebra, as if the attacker knew which they are.
///
/// It shares no code with `DisclosureControl` (a different prime, a different search).
struct DisclosureVerifier {
  let survey: Survey
  let people: [Person]
  let results: GapResults

  struct Atom: Hashable {
    var municipality: Int?
    var organisation: Int
    var level: Int
  }

  func atom(_ p: Person) -> Atom {
    Atom(municipality: p.municipality, organisation: p.organisation ?? 3, level: p.level ?? 3)
  }

  func contains(_ scope: Scope, _ a: Atom) -> Bool {
    if let m = scope.municipality, m != a.municipality { return false }
    guard let d = scope.dimension, let v = scope.value else { return true }
    return (d == 0 ? a.organisation : a.level) == v
  }

  /// Problems found: the scopes or groups that can be derived.
  func problems() -> [String] {
    var out: [String] = []
    let measures: [(String, (Person) -> Bool, (Scope) -> Bool)] = [
      ("respondents", { _ in true }, { results.respondents[$0] != nil }),
      ("item a, complete pairs", { $0.current && $0.desired }, { results.item($0, 0)?.suppressed == false }),
      ("item a, current rated", { $0.current }, { results.item($0, 0)?.suppressed == false }),
      ("roll-up respondents", { $0.current && $0.desired }, { results.rollUps[$0]?.first?.suppressed == false }),
    ]
    for (name, counts, isShown) in measures {
      var weights: [Atom: Int] = [:]
      for p in people where counts(p) { weights[atom(p), default: 0] += 1 }
      let atoms = weights.keys.sorted {
        ($0.municipality ?? 99, $0.organisation, $0.level) < ($1.municipality ?? 99, $1.organisation, $1.level)
      }
      func indicator(_ scope: Scope) -> [Int] { atoms.map { contains(scope, $0) ? 1 : 0 } }
      let shown = results.scopes.filter(isShown).map(indicator)
      let basis = Basis(shown, width: atoms.count)
      for scope in results.scopes where !isShown(scope) {
        let v = indicator(scope)
        if v.contains(1) && basis.spans(v) { out.append("\(name): \(scope.name(in: survey)) can be derived") }
      }
      // Every union of small finest groups with 1 … minimum − 1 respondents.
      let small = atoms.indices.filter { weights[atoms[$0]]! < results.minimumGroupSize }
      func search(_ from: Int, _ chosen: [Int], _ total: Int) {
        for i in from..<small.count {
          let next = total + weights[atoms[small[i]]]!
          guard next < results.minimumGroupSize else { continue }
          let union = chosen + [small[i]]
          var v = [Int](repeating: 0, count: atoms.count)
          for a in union { v[a] = 1 }
          if basis.spans(v) {
            out.append("\(name): a group of \(next) can be derived: \(union.map { atoms[$0] })")
          }
          search(i + 1, union, next)
        }
      }
      search(0, [], 0)
    }
    return out
  }

  /// Reduced row echelon form modulo q.
  struct Basis {
    static let q = 1_000_000_007
    var rows: [[Int]] = []
    var pivots: [Int] = []

    static func power(_ a: Int, _ e: Int) -> Int {
      var (r, b, e) = (1, a % q, e)
      while e > 0 {
        if e & 1 == 1 { r = r * b % q }
        b = b * b % q
        e >>= 1
      }
      return r
    }

    init(_ input: [[Int]], width: Int) {
      var m = input
      var r = 0
      for c in 0..<width {
        guard let p = (r..<m.count).first(where: { m[$0][c] % Self.q != 0 }) else { continue }
        m.swapAt(r, p)
        let inv = Self.power((m[r][c] % Self.q + Self.q) % Self.q, Self.q - 2)
        m[r] = m[r].map { ($0 % Self.q + Self.q) % Self.q * inv % Self.q }
        for i in m.indices where i != r && m[i][c] != 0 {
          let f = m[i][c]
          m[i] = zip(m[i], m[r]).map { (($0 - f * $1) % Self.q + Self.q) % Self.q }
        }
        pivots.append(c)
        r += 1
      }
      rows = Array(m.prefix(r))
    }

    func spans(_ vector: [Int]) -> Bool {
      var v = vector
      for (row, c) in zip(rows, pivots) where v[c] != 0 {
        let f = v[c]
        v = zip(v, row).map { (($0 - f * $1) % Self.q + Self.q) % Self.q }
      }
      return v.allSatisfy { $0 == 0 }
    }
  }
}

@Suite struct DisclosureTests {
  static func run(_ people: [Person]) throws -> (Survey, GapResults) {
    let survey = try SurveyLoader.load(yaml: TestSurveys.crossed, path: "crossed.yaml")
    var tally = Tally(layout: TallyLayout(survey: survey))
    for (i, p) in people.enumerated() {
      let c = Int16(1 + i % 3)
      tally.add(
        Response(
          municipality: p.municipality, dimensions: [p.organisation, p.level],
          values: [p.current ? c : Response.missing, p.desired ? c + 1 : Response.missing]))
    }
    return (survey, Analysis.run(tally))
  }

  static func people(_ groups: [(Int?, Int?, Int?, Int)]) -> [Person] {
    groups.flatMap { m, o, l, n in (0..<n).map { _ in Person(municipality: m, organisation: o, level: l) } }
  }

  static func verify(_ people: [Person]) throws -> GapResults {
    let (survey, results) = try run(people)
    let problems = DisclosureVerifier(survey: survey, people: people, results: results).problems()
    #expect(problems.isEmpty, "\(problems.prefix(5))")
    return results
  }

  /// Kalmar: 8 region, 9 municipality, 1 with no organisation. Kalmar − its two groups would
  /// give that one person; the unknown value is a group of its own and hidden.
  @Test func unknownOrganisation() throws {
    let results = try Self.verify(
      Self.people([(0, 0, 0, 8), (0, 1, 1, 9), (0, nil, 0, 1), (1, 1, 0, 12), (1, 0, 1, 7)]))
    let unknown = Scope(municipality: 0, dimension: 0, value: 3)
    #expect(results.respondents[unknown] == nil)
    #expect(results.item(unknown, 0)?.suppressed == true)
    #expect(results.scopes.contains(unknown))
    #expect(unknown.name(in: results.survey) == "Kalmar / okänd")
  }

  /// Högsby: 2 region + 2 municipality beside 9 private. Hiding the two small groups alone
  /// would give their sum, 4, by subtraction.
  @Test func twoSmallPartsOfOneParent() throws {
    let results = try Self.verify(
      Self.people([(1, 0, 0, 2), (1, 1, 0, 2), (1, 2, 0, 9), (0, 0, 0, 10), (0, 1, 0, 10), (0, 2, 0, 10)]))
    let shownGroups = (0..<3).filter { results.respondents[Scope(municipality: 1, dimension: 0, value: $0)] != nil }
    // The private providers' 9 cannot stay shown beside a shown Högsby.
    #expect(shownGroups.isEmpty || results.respondents[Scope(municipality: 1)] == nil)
  }

  /// Kalmar has 2 at macro level, Nybro 3: the county's macro figure minus the others'
  /// must not give either, nor their sum.
  @Test func smallCellsInTwoMunicipalitiesAtOneLevel() throws {
    _ = try Self.verify(
      Self.people([
        (0, 1, 2, 2), (2, 1, 2, 3), (0, 1, 0, 9), (2, 1, 0, 8), (0, 0, 1, 6), (2, 0, 1, 6), (1, 1, 2, 7), (1, 0, 0, 6),
      ]))
  }

  /// Högsby has exactly the minimum (5), Mörbylånga one fewer (4).
  @Test func municipalityAtTheMinimumAndOneBelow() throws {
    let results = try Self.verify(
      Self.people([(1, 1, 0, 5), (3, 1, 0, 4), (0, 0, 0, 11), (0, 1, 1, 12), (2, 2, 2, 9), (nil, 0, 2, 6)]))
    #expect(results.respondents[Scope(municipality: 3)] == nil)
    #expect(results.item(Scope(municipality: 3), 0)?.suppressed == true)
  }

  /// Respondents who rated only the current state count in the answered figures: a group
  /// whose complete pairs are too few is hidden even when its raters are many.
  @Test func currentOnlyRaters() throws {
    var people = Self.people([(0, 0, 0, 12), (0, 1, 0, 11), (1, 1, 1, 9)])
    for _ in 0..<3 { people.append(Person(municipality: 1, organisation: 0, level: 1, current: true, desired: false)) }
    people.append(Person(municipality: 1, organisation: 0, level: 1))
    _ = try Self.verify(people)
  }

  /// Many shapes, seeded: every finest group 0–9 respondents, sometimes unknown values,
  /// some respondents rating only one side.
  @Test(.tags(.threads), arguments: 0..<24) func randomShapes(seed: Int) throws {
    var random = SplitMix64(seed: UInt64(seed) &* 7919 &+ 11)
    var people: [Person] = []
    for m in [0, 1, 2, 3, nil] as [Int?] {
      for o in [0, 1, 2, nil] as [Int?] {
        for l in [0, 1, 2, nil] as [Int?] {
          let chance = (o == nil || l == nil) ? 5 : 2
          guard random.next() % UInt64(chance) == 0 else { continue }
          for _ in 0..<Int(random.next() % 10) {
            let side = random.next() % 8
            people.append(Person(municipality: m, organisation: o, level: l, current: side != 0, desired: side != 1))
          }
        }
      }
    }
    _ = try Self.verify(people)
  }

  /// Respondents whose municipality cell was blank (municipality −1, "okänd kommun"): 3 of
  /// them beside the municipalities and the county-wide. Their group is hidden, and nothing
  /// published gives them away, alone or with anyone else.
  @Test func blankMunicipalities() throws {
    let results = try Self.verify(
      Self.people([(0, 0, 0, 9), (0, 1, 1, 8), (1, 1, 0, 11), (nil, 0, 2, 6), (-1, 1, 0, 2), (-1, 0, 1, 1)]))
    #expect(results.respondents[Scope(municipality: -1)] == nil)
    #expect(results.scopes.contains(Scope(municipality: -1, dimension: 1, value: 0)))
  }

  /// The random shapes with okänd kommun as a fifth place.
  @Test(arguments: 0..<12) func randomShapesWithBlankMunicipalities(seed: Int) throws {
    var random = SplitMix64(seed: UInt64(seed) &* 104_729 &+ 3)
    var people: [Person] = []
    for m in [0, 1, 2, 3, nil, -1] as [Int?] {
      for o in [0, 1, 2, nil] as [Int?] {
        for l in [0, 1, 2, nil] as [Int?] {
          let chance = (o == nil || l == nil || m == -1) ? 4 : 2
          guard random.next() % UInt64(chance) == 0 else { continue }
          for _ in 0..<Int(random.next() % 9) {
            let side = random.next() % 8
            people.append(Person(municipality: m, organisation: o, level: l, current: side != 0, desired: side != 1))
          }
        }
      }
    }
    _ = try Self.verify(people)
  }
}
