import GapAnalysis
import SeededRandom
import SurveyModel
import TestSurveys
import Testing

/// The disclosure verifier for two publications of one round. It knows every respondent of
/// both (the test made them, each with an identity) and reads only what each publication
/// shows: which scopes show a figure. The attacker's finest groups are a finest group of
/// `DisclosureVerifier` (municipality × organisation × level) split by who is in it: counted
/// by both publications, by the first only (replaced or removed since), by the second only
/// (late, or corrected since). The first publication's shown scopes cover the first two, the
/// second's the first and the last. It proves, by exact Gaussian elimination modulo
/// 1 000 000 007 (`DisclosureVerifier.Basis`, which shares no code with `DisclosureControl`),
/// that no union of these groups holding 1 … m − 1 respondents, m the smaller of the two
/// minimums, lies in the row space of both publications' shown scopes, for the respondent
/// counts, item a's complete pairs and current raters, and the roll-ups' respondents.
struct JointVerifier {
  let survey: Survey
  let first: [Int: Person]
  let second: [Int: Person]
  let results: (GapResults, GapResults)

  struct Atom: Hashable, Comparable {
    var group: DisclosureVerifier.Atom
    /// 0: in both, 1: the first only, 2: the second only.
    var version: Int

    static func < (a: Atom, b: Atom) -> Bool {
      (a.group.municipality ?? 99, a.group.organisation, a.group.level, a.version) < (
        b.group.municipality ?? 99, b.group.organisation, b.group.level, b.version
      )
    }
  }

  func problems() -> [String] {
    let plain = DisclosureVerifier(survey: survey, people: [], results: results.0)
    let minimum = min(results.0.minimumGroupSize, results.1.minimumGroupSize)
    var out: [String] = []
    let measures: [(String, (Person) -> Bool, (GapResults, Scope) -> Bool)] = [
      ("respondents", { _ in true }, { $0.respondents[$1] != nil }),
      ("item a, complete pairs", { $0.current && $0.desired }, { $0.item($1, 0)?.suppressed == false }),
      ("item a, current rated", { $0.current }, { $0.item($1, 0)?.suppressed == false }),
      ("roll-up respondents", { $0.current && $0.desired }, { $0.rollUps[$1]?.first?.suppressed == false }),
    ]
    for (name, counts, isShown) in measures {
      var weights: [Atom: Int] = [:]
      for id in Set(first.keys).union(second.keys) {
        let a = first[id].flatMap { counts($0) ? plain.atom($0) : nil }
        let b = second[id].flatMap { counts($0) ? plain.atom($0) : nil }
        if let a, let b, a == b {
          weights[Atom(group: a, version: 0), default: 0] += 1
          continue
        }
        if let a { weights[Atom(group: a, version: 1), default: 0] += 1 }
        if let b { weights[Atom(group: b, version: 2), default: 0] += 1 }
      }
      let atoms = weights.keys.sorted()
      func row(_ scope: Scope, publication: Int) -> [Int] {
        atoms.map { ($0.version == 0 || $0.version == publication) && plain.contains(scope, $0.group) ? 1 : 0 }
      }
      let rows =
        results.0.scopes.filter { isShown(results.0, $0) }.map { row($0, publication: 1) }
        + results.1.scopes.filter { isShown(results.1, $0) }.map { row($0, publication: 2) }
      let basis = DisclosureVerifier.Basis(rows, width: atoms.count)
      let small = atoms.indices.filter { weights[atoms[$0]]! < minimum }
      func search(_ from: Int, _ chosen: [Int], _ total: Int) {
        for i in from..<small.count {
          let next = total + weights[atoms[small[i]]]!
          guard next < minimum else { continue }
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
}

@Suite struct PublicationTests {
  static let survey = try! SurveyLoader.load(yaml: TestSurveys.crossed, path: "crossed.yaml")

  static func tally(_ people: [Person]) -> Tally {
    var tally = Tally(layout: TallyLayout(survey: survey))
    for (i, p) in people.enumerated() {
      let c = Int16(1 + i % 3)
      tally.add(
        Response(
          municipality: p.municipality, dimensions: [p.organisation, p.level],
          values: [p.current ? c : Response.missing, p.desired ? c + 1 : Response.missing]))
    }
    return tally
  }

  /// The first publication, then the second beside it; both verified, alone and together.
  @discardableResult
  static func verify(_ first: [Person], _ second: [Person], minimums: (Int, Int) = (5, 5)) throws -> (
    GapResults, GapResults
  ) {
    let one = Analysis.run(tally(first), settings: AnalysisSettings(minimumGroupSize: minimums.0))
    let two = Analysis.run(
      tally(second), settings: AnalysisSettings(minimumGroupSize: minimums.1, earlier: [one.publication]))
    for (people, results) in [(first, one), (second, two)] {
      let alone = DisclosureVerifier(survey: survey, people: people, results: results).problems()
      #expect(alone.isEmpty, "\(alone.prefix(5))")
    }
    let ids = { (people: [Person]) in Dictionary(uniqueKeysWithValues: people.enumerated().map { ($0, $1) }) }
    let joint = JointVerifier(survey: survey, first: ids(first), second: ids(second), results: (one, two)).problems()
    #expect(joint.isEmpty, "\(joint.prefix(5))")
    return (one, two)
  }

  /// A county of four municipalities, each group well above the minimum.
  static var county: [Person] {
    DisclosureTests.people([
      (0, 0, 0, 9), (0, 1, 1, 8), (0, 1, 0, 7), (1, 0, 0, 6), (1, 1, 1, 9), (2, 0, 1, 8), (2, 1, 0, 10),
      (3, 1, 1, 7), (3, 0, 0, 6), (nil, 0, 2, 6),
    ])
  }

  /// Without the earlier publication, one late respondent gives their answers away by
  /// difference (the verifier finds it: the test can fail); with it, nothing does.
  @Test func oneLateRespondent() throws {
    let second = Self.county + [Person(municipality: 1, organisation: 1, level: 1)]
    let one = Analysis.run(Self.tally(Self.county), settings: AnalysisSettings(minimumGroupSize: 5))
    let blind = Analysis.run(Self.tally(second), settings: AnalysisSettings(minimumGroupSize: 5))
    let ids = { (people: [Person]) in Dictionary(uniqueKeysWithValues: people.enumerated().map { ($0, $1) }) }
    let leak = JointVerifier(survey: Self.survey, first: ids(Self.county), second: ids(second), results: (one, blind))
    #expect(!leak.problems().isEmpty)

    let (_, two) = try Self.verify(Self.county, second)
    // The late respondent's municipality and the county moved by one: hidden, and said so.
    #expect(two.respondents[Scope(municipality: 1)] == nil)
    #expect(two.heldBack.contains(Scope(municipality: 1)))
    #expect(two.respondents[Scope(municipality: 2)] == 8 + 10)
  }

  @Test func twoLateRespondentsInTwoMunicipalities() throws {
    try Self.verify(
      Self.county,
      Self.county + [
        Person(municipality: 1, organisation: 1, level: 1), Person(municipality: 2, organisation: 0, level: 1),
      ])
  }

  /// A corrected file: two respondents of Kalmar had left item a's desired state blank, one
  /// had the wrong organisation.
  @Test func aCorrectedFile() throws {
    var first = Self.county
    first[0].desired = false
    first[1].desired = false
    first[2].organisation = 1
    try Self.verify(first, Self.county)
  }

  /// A whole municipality's file arriving late moves every scope by 0 or by at least the
  /// minimum: the county is still published.
  @Test func aLateFileOfOneMunicipality() throws {
    let late = Self.county.filter { $0.municipality != 3 }
    let (_, two) = try Self.verify(late, Self.county)
    #expect(two.respondents[.county] == Self.county.count)
    #expect(two.heldBack.isEmpty)
  }

  /// The second publication raised the minimum (`--min-group 7`), or the first had.
  @Test(arguments: [(5, 7), (7, 5)]) func anotherMinimum(minimums: (Int, Int)) throws {
    try Self.verify(Self.county, Self.county + [Person(municipality: 0, organisation: 0, level: 0)], minimums: minimums)
  }

  /// Re-published without a change: the same figures, nothing held back.
  @Test func republishedUnchanged() throws {
    let (one, two) = try Self.verify(Self.county, Self.county)
    #expect(one.respondents == two.respondents && two.heldBack.isEmpty)
  }

  /// Many shapes, seeded: a round of 0–9 per finest group, then 1–6 late respondents and a
  /// few corrected ones.
  @Test(arguments: 0..<12) func randomRepublications(seed: Int) throws {
    var random = SplitMix64(seed: UInt64(seed) &* 104_729 &+ 7)
    var first: [Person] = []
    for m in [0, 1, 2, 3, nil] as [Int?] {
      for o in [0, 1, nil] as [Int?] {
        for l in [0, 1, 2] as [Int?] where random.next() % 2 == 0 {
          for _ in 0..<Int(random.next() % 10) {
            let side = random.next() % 8
            first.append(Person(municipality: m, organisation: o, level: l, current: side != 0, desired: side != 1))
          }
        }
      }
    }
    var second = first
    for _ in 0..<(1 + Int(random.next() % 6)) {
      second.append(
        Person(
          municipality: Int(random.next() % 4), organisation: Int(random.next() % 2), level: Int(random.next() % 3)))
    }
    for _ in 0..<Int(random.next() % 3) where !second.isEmpty {
      let i = Int(random.next() % UInt64(first.count))
      second[i].desired.toggle()
    }
    try Self.verify(first, second)
  }

  /// A publication's bytes give it back whole.
  @Test func encodedAndDecoded() throws {
    let results = Analysis.run(Self.tally(Self.county))
    let decoded = try Publication(encoded: results.publication.encoded())
    #expect(decoded == results.publication)
    #expect(decoded.measures["respondents"]?.counts.first?.reduce(0, +) == Self.county.count)
    #expect(throws: Publication.DecodingError.self) { try Publication(encoded: Array("KPB1".utf8) + [200]) }
  }

  /// A report may raise its survey's minimum, never lower it.
  @Test func theSurveysMinimumIsAFloor() {
    #expect(Analysis.run(Self.tally(Self.county), minimumGroupSize: 2).minimumGroupSize == 5)
    #expect(Analysis.run(Self.tally(Self.county), minimumGroupSize: 8).minimumGroupSize == 8)
  }
}
