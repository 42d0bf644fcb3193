import Foundation
import GapAnalysis
import Ingest
import SeededRandom
import SurveyModel
// The helpers every test target shares (repositoryRoot, processes, golden files, the
// `threads` tag), for every file of this target.
@_exported import TestSupport
import TestSurveys
import Testing

func analysisSurvey() throws -> Survey { try SurveyLoader.load(yaml: TestSurveys.mini, path: "mini.yaml") }

/// A response: item a answered (current, desired), item b and the free text not.
func response(_ m: Int?, _ organisation: Int?, _ current: Int, _ desired: Int, choice: Int? = nil) -> Response {
  Response(
    municipality: m, dimensions: [organisation],
    values: [
      Int16(current), Int16(desired), Response.missing, Response.missing, choice.map(Int16.init) ?? Response.missing,
    ])
}

@Suite struct AnalysisTests {
  /// The reference samples of StatisticsTests as two municipalities: Kalmar (a) and
  /// Högsby (b); Mörbylånga has nobody. Expected figures are scipy's (see there) or by hand.
  @Test(.tags(.threads)) func itemGapsAndComparisons() throws {
    let layout = TallyLayout(survey: try analysisSurvey())
    var tally = Tally(layout: layout)
    for (c, d) in zip(StatisticsTests.currentA, StatisticsTests.desiredA) { tally.add(response(0, 0, c, d)) }
    for (c, d) in zip(StatisticsTests.currentB, StatisticsTests.desiredB) { tally.add(response(1, 1, c, d)) }
    let results = Analysis.run(tally)
    let kalmar = try #require(results.item(Scope(municipality: 0), 0))
    #expect(kalmar.n == 23)
    close(kalmar.currentMean, 2.608695652173913)
    close(kalmar.desiredMean, 3.869565217391304)
    close(kalmar.gapMean, 1.2608695652173914)
    close(kalmar.gapCILow, 0.786851618286279)
    close(kalmar.gapCIHigh, 1.7348875121485037)
    close(kalmar.pairedT?.p, 1.5234721213816096e-05)
    close(kalmar.wilcoxon?.p, 0.00023597558226216028)
    #expect(kalmar.currentQuartiles == [2, 3, 3])
    // By hand: 4 of 23 rate the current state 4 or 5.
    #expect(kalmar.currentTopTwo?.count == 4 && kalmar.currentTopTwo?.n == 23)
    // Pooled county: gaps sum to 29 (Kalmar) + 17 (Högsby) over 54 respondents.
    close(results.item(.county, 0)?.gapMean, 46.0 / 54)
    // Unweighted: the mean of 29/23 and 17/31, over 2 municipalities (Mörbylånga has none).
    close(results.municipalityAverage[0].gapMean, (29.0 / 23 + 17.0 / 31) / 2)
    #expect(results.municipalityAverage[0].municipalities == 2)
    // Kalmar against the rest of the county (Högsby alone): scipy's Welch and Mann–Whitney.
    let row = try #require(results.comparisons.first { $0.municipality == 0 && $0.item == 0 })
    close(row.difference, 29.0 / 23 - 46.0 / 54)
    close(row.welch?.p, 0.00855923632273723)
    close(row.mannWhitney?.p, 0.0031323571214465305)
    close(row.effectSize, 2 * 514.5 / (23 * 31) - 1)
    #expect(row.rank == 1)
    // The only tested item of Kalmar: BH leaves a single p as it is.
    close(row.pAdjusted, 0.0031323571214465305)
    #expect(row.significant)
    #expect(results.comparisons.first { $0.municipality == 1 && $0.item == 0 }?.rank == 2)
    #expect(results.comparisons.first { $0.municipality == 2 && $0.item == 0 }?.rank == nil)
    // Kalmar's gap is clearly positive: a priority; item b has no answers.
    #expect(results.priorities[Scope(municipality: 0)] == [0])
    #expect(results.item(Scope(municipality: 0), 1)?.suppressed == true)
  }

  /// Region (current 4–5) and municipality (current 1–2) see item a differently.
  @Test func organisationalGap() throws {
    let layout = TallyLayout(survey: try analysisSurvey())
    var tally = Tally(layout: layout)
    let region = [4, 5, 4, 4, 5, 4]
    let kommun = [2, 1, 2, 2, 1, 2, 2]
    for c in region { tally.add(response(0, 0, c, 5)) }
    for c in kommun { tally.add(response(0, 1, c, 5)) }
    let results = Analysis.run(tally)
    let gap = try #require(results.organisationalGaps.first { $0.municipality == 0 && $0.item == 0 })
    // By hand: 26/6 − 12/7.
    close(gap.difference, 26.0 / 6 - 12.0 / 7)
    #expect(gap.flagged)
    #expect(gap.firstN == 6 && gap.secondN == 7 && gap.pair == 0)
  }

  @Test func rollUpsWeighItemsEqually() throws {
    let layout = TallyLayout(survey: try analysisSurvey())
    var tally = Tally(layout: layout)
    // Item a: gap 2 for 6 respondents; item b: gap 1 for 10 others.
    for _ in 0..<6 { tally.add(response(0, 0, 2, 4)) }
    for _ in 0..<10 {
      tally.add(
        Response(
          municipality: 0, dimensions: [1], values: [Response.missing, Response.missing, 3, 4, Response.missing]))
    }
    let results = Analysis.run(tally)
    let section = try #require(results.rollUps[.county]?.first { $0.group == .section(0) })
    // (2 + 1) / 2, not (6·2 + 10·1) / 16.
    close(section.gapMean, 1.5)
    #expect(section.items == 2 && section.respondents == 16)
    let tag = try #require(results.rollUps[.county]?.first { $0.group == .tag(0) })
    close(tag.gapMean, 2)
    #expect(tag.respondents == 6)
  }

  /// Strengths, by hand: on the 1–5 scale the middle is 3 and the small-gap line 1.
  @Test func strengthsAreHighNowAndSmallGap() throws {
    let layout = TallyLayout(survey: try analysisSurvey())
    var tally = Tally(layout: layout)
    // Item a, 6 respondents: current 4, desired 5: current 4 ≥ 3 and gap 1, not below 1.
    // Item b, 6 others: current (3, 4, 4, 4, 4, 3) mean 22/6 = 3.67, desired 4: gap 2/6 = 0.33.
    for _ in 0..<6 { tally.add(response(0, 0, 4, 5)) }
    for c in [3, 4, 4, 4, 4, 3] {
      tally.add(
        Response(
          municipality: 0, dimensions: [1], values: [Response.missing, Response.missing, Int16(c), 4, Response.missing])
      )
    }
    let results = Analysis.run(tally)
    #expect(results.strengths[.county] == [1])
    // A wider small-gap line (1.5) takes item a too, first: its current state (4) is higher.
    let wider = Analysis.run(tally, settings: AnalysisSettings(minimumGroupSize: 5, smallGap: 1.5))
    #expect(wider.strengths[.county] == [0, 1])
    #expect(wider.settings.smallGap == 1.5)
  }

  @Test func choiceShares() throws {
    let layout = TallyLayout(survey: try analysisSurvey())
    var tally = Tally(layout: layout)
    for i in 0..<23 { tally.add(response(0, 0, 3, 4, choice: i < 7 ? 0 : 1)) }
    let shares = try #require(Analysis.run(tally).answerShares[.county]?.first)
    #expect(shares.n == 23)
    // scipy's Wilson interval for 7 of 23 (StatisticsTests).
    close(shares.shares?[0].low, 0.15604024453214022)
    close(shares.shares?[0].high, 0.508657562687592)
  }

  /// Tallies of any partition of the responses, merged in any order, equal the tally of
  /// all of them.
  @Test func mergeIsAssociativeAndCommutative() throws {
    let layout = TallyLayout(survey: try analysisSurvey())
    var rng = SplitMix64(seed: 5)
    var all = Tally(layout: layout, keepTexts: true)
    var responses: [Response] = []
    for _ in 0..<600 {
      let m: Int? = rng.next() % 7 == 0 ? nil : Int(rng.next() % 3)
      let o: Int? = rng.next() % 9 == 0 ? nil : Int(rng.next() % 2)
      func v() -> Int16 { rng.next() % 10 == 0 ? Response.missing : Int16(1 + rng.next() % 5) }
      var r = Response(municipality: m, dimensions: [o], values: [v(), v(), v(), v(), Int16(rng.next() % 2)])
      if rng.next() % 4 == 0 { r.texts = [TextAnswer(slot: 0, text: "t\(rng.next() % 5)")] }
      responses.append(r)
      all.add(r)
    }
    for _ in 0..<30 {
      let parts = 1 + Int(rng.next() % 6)
      var tallies = Array(repeating: Tally(layout: layout, keepTexts: true), count: parts)
      for r in responses { tallies[Int(rng.next() % UInt64(parts))].add(r) }
      tallies.shuffle(using: &rng)
      // Left to right, and as a balanced tree.
      let left = tallies.dropFirst().reduce(tallies[0], +)
      var tree = tallies
      while tree.count > 1 {
        tree = stride(from: 0, to: tree.count, by: 2).map { i in i + 1 < tree.count ? tree[i] + tree[i + 1] : tree[i] }
      }
      #expect(left == all)
      #expect(tree[0] == all)
    }
  }

  func close(_ a: Double?, _ b: Double, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(
      a != nil && abs(a! - b) <= 1e-9 * max(1, abs(b)), "\(String(describing: a)) vs \(b)",
      sourceLocation: sourceLocation)
  }
}

/// Counts past 255 carry from the byte counters into the high ones, and merge right.
@Suite struct LargeCountTests {
  @Test func countsPastOneByte() throws {
    let layout = TallyLayout(survey: try analysisSurvey())
    var a = Tally(layout: layout)
    var b = Tally(layout: layout)
    for i in 0..<1000 { a.add(response(0, 0, 2, 4 + i % 2)) }
    for _ in 0..<300 { b.add(response(0, 0, 2, 4)) }
    let results = Analysis.run(a + b)
    let item = try #require(results.item(.county, 0))
    // By hand: 1300 pairs; desired 4 for 500 + 300, 5 for 500: mean (800·4 + 500·5)/1300.
    #expect(item.n == 1300)
    #expect(item.desiredCounts == [0, 0, 0, 800, 500])
    #expect(abs(item.desiredMean! - (800.0 * 4 + 500 * 5) / 1300) < 1e-12)
  }
}

@Suite struct FollowUpTests {
  @Test func changesSinceABaseline() throws {
    let layout = TallyLayout(survey: try analysisSurvey())
    var tally = Tally(layout: layout)
    // Kalmar now: 6 respondents, current 2, desired 5 (gap 3).
    for _ in 0..<6 { tally.add(response(0, 0, 2, 5)) }
    let results = Analysis.run(tally)
    let baseline = [
      BaselineFigure(
        scopeType: "municipality", scope: "Kalmar", item: "a", n: 10, currentMean: 1.5, desiredMean: 4.5, gapMean: 3.0),
      BaselineFigure(
        scopeType: "county", scope: "Kalmar län", item: "a", n: 20, currentMean: 3, desiredMean: 4, gapMean: 1),
    ]
    let changes = FollowUp.changes(results, since: baseline)
    let kalmar = try #require(changes[Scope(municipality: 0)]?.first)
    // By hand: 6 − 10, 2 − 1.5, 5 − 4.5, 3 − 3.
    #expect(kalmar.nChange == -4 && kalmar.currentChange == 0.5 && kalmar.desiredChange == 0.5 && kalmar.gapChange == 0)
    #expect(changes[.county]?.first?.gapChange == 2)
    // Högsby has no figure now and none then.
    #expect(changes[Scope(municipality: 1)]?.first?.gapChange == nil)
  }
}

/// The mellanrum compares the two groups the survey declares, whatever their ids; a
/// survey that declares none gets none.
@Suite struct DeclaredMellanrumTests {
  func run(_ yaml: String) throws -> GapResults {
    let layout = TallyLayout(survey: try SurveyLoader.load(yaml: yaml, path: "m.yaml"))
    var tally = Tally(layout: layout)
    for i in 0..<12 { tally.add(response(0, 0, 1 + i % 2, 5)) }
    for i in 0..<12 { tally.add(response(0, 1, 4 + i % 2, 5)) }
    return Analysis.run(tally)
  }

  @Test func anotherCountysDimension() throws {
    let yaml = TestSurveys.mini
      .replacingOccurrences(of: "- id: organisation", with: "- id: huvudman")
      .replacingOccurrences(of: "dimension: organisation", with: "dimension: huvudman")
    let results = try run(yaml)
    let kalmar = try #require(results.organisationalGaps.first { $0.municipality == 0 && $0.item == 0 })
    // By hand: region 1,2 alternating → mean 1.5; kommun 4,5 → 4.5; difference −3.
    #expect(kalmar.difference == -3)
  }

  @Test func noDeclarationNoMellanrum() throws {
    let yaml = TestSurveys.mini.replacingOccurrences(
      of: "  mellanrum: { dimension: organisation, between: [region, kommun] }\n", with: "")
    #expect(yaml != TestSurveys.mini)
    #expect(try run(yaml).organisationalGaps.isEmpty)
  }
}

/// A tally as bytes and back (`TallyEncoding`), for the store of survey rounds.
@Suite struct TallyEncodingTests {
  /// 500 seeded random responses in three municipalities and county-wide: the decoded
  /// tally equals the original counter by counter, and so does every figure.
  @Test func roundTrip() throws {
    let layout = TallyLayout(survey: try analysisSurvey())
    var tally = Tally(layout: layout)
    var random = SplitMix64(seed: 15)
    for _ in 0..<500 {
      let m = Int(random.next() % 4)
      tally.add(
        response(
          m == 3 ? nil : m, Int(random.next() % 2), 1 + Int(random.next() % 5), 1 + Int(random.next() % 5),
          choice: Int(random.next() % 2)))
    }
    let bytes = tally.encoded()
    let decoded = try Tally(layout: layout, encoded: bytes)
    #expect(decoded == tally)
    #expect(decoded.respondentCount == 500)
    #expect(Analysis.run(decoded).items[.county]?[0].gapMean == Analysis.run(tally).items[.county]?[0].gapMean)
  }

  /// Cut short, made for another layout, or past its end: each an error.
  @Test func refusesWhatDoesNotFit() throws {
    let layout = TallyLayout(survey: try analysisSurvey())
    var tally = Tally(layout: layout)
    tally.add(response(0, 0, 2, 4))
    let bytes = tally.encoded()
    #expect(throws: Tally.DecodingError.self) { try Tally(layout: layout, encoded: Array(bytes.dropLast())) }
    #expect(throws: Tally.DecodingError.self) { try Tally(layout: layout, encoded: bytes + [0]) }
    #expect(throws: Tally.DecodingError.self) {
      try Tally(layout: layout, encoded: Array("KTL0".utf8) + bytes.dropFirst(4))
    }
    let other = TallyLayout(survey: try SurveyLoader.load(yaml: TestSurveys.crossed))
    #expect(throws: Tally.DecodingError.self) { try Tally(layout: other, encoded: bytes) }
  }
}

/// The change between two rounds analysed in full (the store's follow-up).
@Suite struct RoundChangeTests {
  func close(_ a: Double?, _ b: Double, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(
      a.map { abs($0 - b) <= 1e-9 * max(1, abs(b)) } == true, "\(String(describing: a)) ≠ \(b)",
      sourceLocation: sourceLocation)
  }

  /// Kalmar's 23 respondents of StatisticsTests (sample A) in the first round and 31 others
  /// (sample B) in the second. scipy 1.17.1:
  ///
  ///     gA = desiredA − currentA; gB = desiredB − currentB
  ///     r = stats.ttest_ind(gB, gA, equal_var=False)
  ///     r.statistic, r.pvalue            → -2.798916673729227, 0.00855923632273723
  ///     r.confidence_interval(0.95)      → (-1.2307025472204622, -0.19426238966593334)
  ///     gB.mean() - gA.mean()            → -0.7124824684431978
  @Test func welchBetweenRounds() throws {
    let layout = TallyLayout(survey: try analysisSurvey())
    var first = Tally(layout: layout)
    for (c, d) in zip(StatisticsTests.currentA, StatisticsTests.desiredA) { first.add(response(0, 0, c, d)) }
    var second = Tally(layout: layout)
    for (c, d) in zip(StatisticsTests.currentB, StatisticsTests.desiredB) { second.add(response(0, 0, c, d)) }
    let changes = FollowUp.changes(Analysis.run(second), since: Analysis.run(first))
    let kalmar = try #require(changes[Scope(municipality: 0)]?.first { $0.item == 0 })
    close(kalmar.gapChange, -0.7124824684431978)
    close(kalmar.welch?.statistic, -2.798916673729227)
    close(kalmar.welch?.p, 0.00855923632273723)
    close(kalmar.gapChangeLow, -1.2307025472204622)
    close(kalmar.gapChangeHigh, -0.19426238966593334)
    #expect(kalmar.nChange == 31 - 23)
    // Item b has no answers in either round: not compared.
    #expect(changes[Scope(municipality: 0)]?.first { $0.item == 1 }?.gapChange == nil)
    // Högsby has nobody: nothing to compare, and so nothing counted in the adjustment.
    #expect(changes[Scope(municipality: 1)]?.allSatisfy { $0.welch == nil } == true)
  }

  /// A round's figures (what a later round's follow-up needs) read back from their bytes
  /// are the same figures; the same changes follow from them as from the full analysis;
  /// bytes cut short or of another kind are an error, and another version is not used.
  @Test func roundFiguresReadBack() throws {
    let layout = TallyLayout(survey: try analysisSurvey())
    var first = Tally(layout: layout)
    for (c, d) in zip(StatisticsTests.currentA, StatisticsTests.desiredA) { first.add(response(0, 0, c, d)) }
    for (c, d) in zip(StatisticsTests.currentB, StatisticsTests.desiredB) { first.add(response(1, 1, c, d)) }
    var second = Tally(layout: layout)
    for (c, d) in zip(StatisticsTests.currentB, StatisticsTests.desiredB) { second.add(response(0, 0, c, d)) }
    let earlier = Analysis.run(first)
    let figures = RoundFigures(earlier)
    let bytes = figures.encoded()
    #expect(try RoundFigures(encoded: bytes) == figures)
    // Kalmar's item a is shown (23 respondents) with sample A's figures (by hand: 29/23).
    let kalmar = try #require(figures.scopes.firstIndex { $0.name == "Kalmar" })
    #expect(figures.figures[kalmar][0]?.n == 23)
    close(figures.figures[kalmar][0]?.gapMean, 29.0 / 23)
    // What is hidden is not there: item b has no answers anywhere.
    #expect(figures.figures.allSatisfy { $0[1] == nil })
    let later = Analysis.run(second)
    #expect(
      FollowUp.changes(later, since: earlier)
        == FollowUp.changes(later, since: try #require(try RoundFigures(encoded: bytes))))
    #expect(throws: RoundFigures.DecodingError.self) { try RoundFigures(encoded: Array(bytes.dropLast())) }
    #expect(throws: RoundFigures.DecodingError.self) { try RoundFigures(encoded: bytes + [0]) }
    #expect(throws: RoundFigures.DecodingError.self) {
      try RoundFigures(encoded: Array("KTL1".utf8) + bytes.dropFirst(4))
    }
    var otherVersion = bytes
    otherVersion[4] = UInt8(RoundFigures.version + 1)
    #expect(try RoundFigures(encoded: otherVersion) == nil)
  }
}
