import SurveyModel
import TestSurveys
import Testing

@testable import GapAnalysis

/// The respondents a section or a tag value counts: those with a complete pair (current
/// and desired both on the scale) in at least one of its items. `Tally.add` marks the
/// complete pairs 64 items at a time, so the survey here has 70 paired items, in three
/// sections, and tags on both sides of item 64:
///
/// - section `s0`: items 0–29; `s1`: items 30–64; `s2`: items 65–69;
/// - tag value `a`: items 0, 64 and 65; tag value `b`: item 66 only.
///
/// The expected counts below follow from those memberships by hand.
@Suite struct TallyGroupTests {
  static func survey() throws -> Survey {
    // Built line by line: an interpolated block would lose the YAML's indentation.
    var lines = [
      "kartlagg: 1", "id: sjuttio", "title: Sjuttio", "language: sv", "min_group_size: 5",
      "county:", "  name: Kalmar län", "  county_wide: { code: \"0800\", name: Hela länet }", "  municipalities:",
      "    - { code: \"0880\", name: Kalmar }",
    ]
    lines += TestSurveys.scale.split(separator: "\n").map(String.init)
    lines += [
      "tags:", "  - id: omrade", "    label: Område", "    values:", "      - { id: a, label: A }",
      "      - { id: b, label: B }", "respondents:", "  municipality: { column: kommun }", "sections:",
    ]
    for (id, items) in [("s0", 0..<30), ("s1", 30..<65), ("s2", 65..<70)] {
      lines += ["  - id: \(id)", "    title: Avsnitt \(id)", "    items:"]
      for i in items {
        lines += ["      - id: p\(i)", "        text: Påstående \(i)", "        scale: instamning"]
        if [0, 64, 65].contains(i) { lines.append("        tags: { omrade: a }") }
        if i == 66 { lines.append("        tags: { omrade: b }") }
        lines += ["        current: { column: p\(i)_nu }", "        desired: { column: p\(i)_onskat }"]
      }
    }
    return try SurveyLoader.load(yaml: lines.joined(separator: "\n") + "\n", language: .sv)
  }

  /// A respondent of Kalmar with the given (item, current, desired) answers; every other
  /// slot unanswered.
  static func response(_ survey: Survey, _ answers: [(Int, Int16?, Int16?)]) -> Response {
    var values = [Int16](repeating: Response.missing, count: survey.slots.count)
    let layout = TallyLayout(survey: survey)
    for (i, current, desired) in answers {
      let item = layout.paired[i]
      if let current { values[item.currentSlot] = current }
      if let desired { values[item.desiredSlot] = desired }
    }
    return Response(municipality: 0, dimensions: [], values: values)
  }

  @Test func sectionsAndTagsCountCompletePairsOnBothSidesOfItem64() throws {
    let survey = try Self.survey()
    let layout = TallyLayout(survey: survey)
    #expect(layout.paired.count == 70)
    var tally = Tally(layout: layout)
    // 1: item 65 only (s2, a).  2: item 64 only (s1, a).  3: item 66's current only and
    // item 1's desired only: no complete pair, counted nowhere.  4: items 0 and 66 (s0,
    // s2, a, b).  5: item 69, and 70 on item 30 (off the scale, so not complete): s2.
    // 6: every item (all three sections, a and b).
    tally.add(Self.response(survey, [(65, 3, 4)]))
    tally.add(Self.response(survey, [(64, 1, 5)]))
    tally.add(Self.response(survey, [(66, 2, nil), (1, nil, 5)]))
    tally.add(Self.response(survey, [(0, 5, 5), (66, 1, 1)]))
    tally.add(Self.response(survey, [(69, 4, 2), (30, 70, 3)]))
    tally.add(Self.response(survey, (0..<70).map { ($0, 2, 3) }))
    let kalmar = [layout.cell(municipality: 0, dimensions: [])]
    let sections = (0..<3).map { tally.sectionRespondents($0, cells: kalmar) }
    #expect(sections == [2, 2, 4])  // s0: 4, 6; s1: 2, 6; s2: 1, 4, 5, 6
    let tags = layout.tagValues.indices.map { tally.tagRespondents($0, cells: kalmar) }
    #expect(tags == [4, 2])  // a: 1, 2, 4, 6; b: 4, 6
    #expect(tally.respondentCount == 6)
  }
}
