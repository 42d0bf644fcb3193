import GapAnalysis
import SurveyModel
import TestSurveys
import Testing

/// Respondents whose municipality cell was blank ("okänd kommun", issue 23 point 7): they
/// count in the county and in a group of their own, which is no municipality. Expected
/// values by hand from the samples of StatisticsTests (Kalmar: gaps summing to 29 over 23,
/// Högsby: 17 over 31).
@Suite struct UnknownMunicipalityTests {
  /// `Response.unknownMunicipality`, written out: the tests state the value they expect.
  static let blank = -1

  func close(_ a: Double?, _ b: Double, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a != nil && abs(a! - b) < 1e-9, "\(String(describing: a)) is not \(b)", sourceLocation: sourceLocation)
  }

  @Test func countedInTheCountyAndInAGroupOfTheirOwn() throws {
    let survey = try analysisSurvey()
    var tally = Tally(layout: TallyLayout(survey: survey))
    for (c, d) in zip(StatisticsTests.currentA, StatisticsTests.desiredA) { tally.add(response(0, 0, c, d)) }
    for (c, d) in zip(StatisticsTests.currentB, StatisticsTests.desiredB) { tally.add(response(1, 1, c, d)) }
    // Six without a municipality, all region, each current 1 and desired 5: gap 4.
    for _ in 0..<6 { tally.add(response(Self.blank, 0, 1, 5)) }
    let results = Analysis.run(tally)
    let unknown = Scope(municipality: Self.blank)

    // The county: 23 + 31 + 6 respondents, gaps 29 + 17 + 24.
    #expect(results.respondents[.county] == 60)
    close(results.item(.county, 0)?.gapMean, 70.0 / 60)
    // Their own group, shown (6 ≥ 5), with its own figures.
    #expect(results.respondents[unknown] == 6)
    #expect(results.item(unknown, 0)?.n == 6)
    close(results.item(unknown, 0)?.gapMean, 4)
    #expect(results.respondents[Scope(municipality: Self.blank, dimension: 0, value: 0)] == 6)
    // Its names in the CSV files, and its place: after every municipality.
    #expect(unknown.id(in: survey) == "okänd_kommun")
    #expect(unknown.type(in: survey) == "unknown_municipality")
    #expect(unknown.name(in: survey) == "okänd kommun")
    let group = Scope(municipality: Self.blank, dimension: 0, value: 1)
    #expect(group.id(in: survey) == "okänd_kommun/organisation/kommun")
    #expect(group.type(in: survey) == "unknown_municipality:organisation")
    #expect(group.name(in: survey) == "okänd kommun / kommun")
    #expect(results.scopes.suffix(4).map { $0.id(in: survey) }.first == "okänd_kommun")

    // No municipality: not in the municipalities' average (still Kalmar's and Högsby's),
    // no row in municipality against county, no rank, no mellanrum, no free text.
    close(results.municipalityAverage[0].gapMean, (29.0 / 23 + 17.0 / 31) / 2)
    #expect(results.municipalityAverage[0].municipalities == 2)
    #expect(!results.comparisons.contains { $0.municipality == Self.blank })
    #expect(results.comparisons.filter { $0.item == 0 }.compactMap(\.rank).sorted() == [1, 2])
    #expect(!results.organisationalGaps.contains { $0.municipality == Self.blank })
    #expect(!results.textPlaces.contains(Self.blank))
    // Kalmar against the rest of the county, which holds okänd kommun: 29/23 − 70/60.
    let kalmar = try #require(results.comparisons.first { $0.municipality == 0 && $0.item == 0 })
    close(kalmar.countyGapMean, 70.0 / 60)
    close(kalmar.difference, 29.0 / 23 - 70.0 / 60)
  }

  /// Fewer than the minimum without a municipality: their group is hidden, and so is
  /// whatever would give it away (the county minus the municipalities is okänd kommun plus
  /// the county-wide, which no scope shows apart).
  @Test func aSmallGroupIsHidden() throws {
    var tally = Tally(layout: TallyLayout(survey: try analysisSurvey()))
    for _ in 0..<12 { tally.add(response(0, 0, 2, 4)) }
    for _ in 0..<9 { tally.add(response(1, 1, 3, 4)) }
    for _ in 0..<2 { tally.add(response(Self.blank, 1, 1, 5)) }
    let results = Analysis.run(tally)
    #expect(results.respondents[.county] == 23)
    #expect(results.respondents[Scope(municipality: Self.blank)] == nil)
    #expect(results.item(Scope(municipality: Self.blank), 0)?.suppressed == true)
    // The county's kommun group (9 + 2) minus Högsby's (9) would give the two: one of
    // them is hidden.
    let countyKommun = results.respondents[Scope(dimension: 0, value: 1)]
    let hogsbyKommun = results.respondents[Scope(municipality: 1, dimension: 0, value: 1)]
    #expect(countyKommun == nil || hogsbyKommun == nil)
  }

  /// A tally stored before okänd kommun was a place ("KTL1", the mini survey's 4 places ×
  /// 3 organisation values = 12 cells, 72 counts a cell: items a and b 25 + 10 each, c 2),
  /// written out by hand from the format in TallyEncoding.swift: one Högsby respondent
  /// (place 1) of kommun (value 1), cell 1·4 + 1 = 5, rating a 2 now and 4 desired (count
  /// 5·72 + 1·5 + 3 = 368); one county-wide respondent (place 3) of no organisation (value
  /// 2), cell 2·4 + 3 = 11, rating a's current state 3 alone (count 11·72 + 25 + 2 = 819).
  /// Högsby's respondent has a complete pair in section 0 and tag 0.
  static let olderBytes: [UInt8] =
    Array("KTL1".utf8) + [12, 72, 1, 1]
    + [2, 0xF0, 0x02, 1, 0xC2, 0x03, 1]  // counters: 368 (LEB128 F0 02), 819 = 368 + 450 + 1 (C2 03)
    + [2, 5, 1, 5, 1]  // respondents: cells 5 and 11
    + [1, 5, 1]  // per section: cell 5
    + [1, 5, 1]  // per tag: cell 5

  @Test func anOlderTallyStillMergesAndReports() throws {
    let layout = TallyLayout(survey: try analysisSurvey())
    let older = try Tally(layout: layout, encoded: Self.olderBytes)
    var same = Tally(layout: layout)
    same.add(response(1, 1, 2, 4))
    same.add(
      Response(
        municipality: nil, dimensions: [nil],
        values: [3, Response.missing, Response.missing, Response.missing, Response.missing]))
    #expect(older == same)
    // Written again, it is today's layout, and reads back the same.
    let bytes = older.encoded()
    #expect(Array(bytes.prefix(4)) == Array("KTL2".utf8))
    #expect(try Tally(layout: layout, encoded: bytes) == same)
    // Merged with a tally of today that has okänd kommun, it reports them all.
    var now = Tally(layout: layout)
    for _ in 0..<5 { now.add(response(Self.blank, 0, 2, 5)) }
    for _ in 0..<7 { now.add(response(0, 0, 2, 3)) }
    try now.add(encoded: Self.olderBytes)
    #expect(now.respondentCount == 14)
    let results = Analysis.run(now)
    // The county holds everyone (7 + 5 + 1 + 1), and the complete pairs of item a of all
    // but the county-wide respondent, who rated the current state alone.
    #expect(results.respondents[.county] == 14)
    #expect(results.item(.county, 0)?.n == 13)
    // Bytes of the older layout for another definition are still refused.
    var wrong = Self.olderBytes
    wrong[4] = 15
    #expect(throws: Tally.DecodingError.self) { try Tally(layout: layout, encoded: wrong) }
  }

  /// A publication recorded before okänd kommun was a place (cells and scope ids written
  /// out by hand for the mini survey: the county and its 3 groups, then each municipality
  /// and its 3 groups) is moved onto today's cells; okänd kommun was empty then and shown
  /// nowhere.
  @Test func anOlderPublicationIsMovedOntoTodaysCells() throws {
    let layout = TallyLayout(survey: try analysisSurvey())
    var ids: [String] = []
    for place in ["county", "0880", "0821", "0840"] {
      ids += [place] + ["region", "kommun", "okänd"].map { place + "/organisation/" + $0 }
    }
    var counts = [Int](repeating: 0, count: 12)
    counts[5] = 7  // Högsby, kommun
    counts[11] = 6  // county-wide, no organisation
    let shown = ids.indices.map { $0 % 3 == 0 }
    let older = Publication(
      minimumGroupSize: 5, cellCount: 12, scopes: ids,
      measures: ["respondents": .init(counts: [counts], shown: shown)])
    let fitted = try #require(older.fitted(to: layout))
    #expect(fitted.cellCount == 15)
    var moved = [Int](repeating: 0, count: 15)
    moved[1 * 5 + 1] = 7
    moved[2 * 5 + 3] = 6
    #expect(fitted.measures["respondents"]?.counts == [moved])
    #expect(
      fitted.scopes
        == ids + ["okänd_kommun"] + ["region", "kommun", "okänd"].map { "okänd_kommun/organisation/" + $0 })
    #expect(fitted.measures["respondents"]?.shown == shown + [false, false, false, false])
    // Today's publication is itself; one of another definition is nil.
    let today = Analysis.run(Tally(layout: layout)).publication
    #expect(today.fitted(to: layout) == today)
    var other = older
    other.scopes[1] = "county/organisation/privat"
    #expect(other.fitted(to: layout) == nil)
  }
}
