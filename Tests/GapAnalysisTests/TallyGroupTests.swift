import SurveyModel
import TestSurveys
import Testing

@testable import GapAnalysis

/// The respondents a section or a tag value counts: those with a complete pair (current
/// and desired both on the scale) in at least one of its items. `Tally.add` marks the
/// complete pairs 64 items at a time, and the tag values as bits up to 128 (the rest one
/// by one), so the survey here has 70 paired items, in three sections, and 130 tag
/// values, used on both sides of item 64 and of tag values 64 and 128:
///
/// - section `s0`: items 0–29; `s1`: items 30–64; `s2`: items 65–69;
/// - tag value `v0`: items 0, 64 and 65; `v1`: item 66; `v65`: item 69; `v129`: item 67;
///   no other item carries one.
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
    lines += ["tags:", "  - id: omrade", "    label: Område", "    values:"]
    lines += (0..<130).map { "      - { id: v\($0), label: V\($0) }" }
    lines += ["respondents:", "  municipality: { column: kommun }", "sections:"]
    let tagged = [0: "v0", 64: "v0", 65: "v0", 66: "v1", 69: "v65", 67: "v129"]
    for (id, items) in [("s0", 0..<30), ("s1", 30..<65), ("s2", 65..<70)] {
      lines += ["  - id: \(id)", "    title: Avsnitt \(id)", "    items:"]
      for i in items {
        lines += ["      - id: p\(i)", "        text: Påstående \(i)", "        scale: instamning"]
        if let tag = tagged[i] { lines.append("        tags: { omrade: \(tag) }") }
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
    // 1: item 65 only (s2, v0).  2: item 64 only (s1, v0).  3: item 66's current only and
    // item 1's desired only: no complete pair, counted nowhere.  4: items 0 and 66 (s0,
    // s2, v0, v1).  5: item 69, and 70 on item 30 (off the scale, so not complete): s2,
    // v65.  6: every item (all three sections; v0, v1, v65 and v129).
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
    // v0: 1, 2, 4, 6; v1: 4, 6; v65: 5, 6; v129: 6; the others none.
    var expected = [Int](repeating: 0, count: 130)
    (expected[0], expected[1], expected[65], expected[129]) = (4, 2, 2, 1)
    #expect(tags == expected)
    #expect(tally.respondentCount == 6)
  }
}
