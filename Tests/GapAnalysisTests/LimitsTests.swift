import GapAnalysis
import SurveyModel
import TestSurveys
import Testing

/// The limits of SurveyLimits: every definition beyond them is refused at its line, and
/// every definition within them tallies within the stated memory bound.
@Suite struct LimitsTests {
  func diagnostics(_ yaml: String) -> [SurveyDiagnostic] {
    do {
      _ = try SurveyLoader.load(yaml: yaml, path: "limits.yaml", language: .en)
      return []
    } catch let error as SurveyLoadError {
      return error.diagnostics
    } catch {
      return [SurveyDiagnostic(file: "limits.yaml", line: 0, column: 0, severity: .error, message: "\(error)")]
    }
  }

  // TestSurveys.mini's lines, as they stand in it.
  static let fivePoints = TestSurveys.scalePoints
  static let threeMunicipalities = [("0880", "Kalmar"), ("0821", "Högsby"), ("0840", "Mörbylånga")]
    .map { "    - { code: \"\($0)\", name: \($1) }" }.joined(separator: "\n")
  static func municipalities(_ n: Int) -> String {
    (0..<n).map { "    - { code: \"\(10_000 + $0)\", name: K\($0) }" }.joined(separator: "\n")
  }

  func scale(_ values: [Int]) -> String {
    TestSurveys.mini.replacingOccurrences(
      of: Self.fivePoints, with: values.map { "      - { value: \($0), label: P\($0) }" }.joined(separator: "\n"))
  }

  /// Scale points of −2⁶³ and 2⁶³ − 1 once overflowed the answer decoder; 1 000 000 and a
  /// 1..1000 scale made memory grow with the square of the range.
  @Test(arguments: [[Int.min, 1], [1, Int.max], [1, 1_000_000]])
  func pointValuesOutOfRange(values: [Int]) {
    let found = diagnostics(scale(values))
    #expect(found.contains { $0.message.contains("must be from -1000 to 1000") && $0.line > 0 }, "\(found)")
  }

  @Test func tooManyPoints() {
    let found = diagnostics(scale(Array(1...1000)))
    #expect(found.contains { $0.message.contains("at most 21 points, not 1000") }, "\(found)")
  }

  @Test func tenThousandMunicipalities() {
    let yaml = TestSurveys.mini.replacingOccurrences(of: Self.threeMunicipalities, with: Self.municipalities(10_000))
    let found = diagnostics(yaml)
    // Line 10, column 5: the list's first entry (counted by hand in TestSurveys.mini).
    #expect(
      found.contains { $0.message.contains("at most 60 municipalities, not 10000") && ($0.line, $0.column) == (10, 5) })
    // By hand: 10 002 places (with the county-wide and okänd kommun) × 3 organisation
    // cells = 30 006 cells.
    #expect(found.contains { $0.message.contains("too large to tally: 30006 cells") })
  }

  @Test func minimumGroupSizeOutOfRange() {
    let found = diagnostics(TestSurveys.mini.replacingOccurrences(of: "min_group_size: 5", with: "min_group_size: 11"))
    #expect(contains(found, "min_group_size must be from 1 to 10, not 11"))
  }

  func contains(_ found: [SurveyDiagnostic], _ text: String) -> Bool { found.contains { $0.message.contains(text) } }

  /// The largest definition within every limit: 60 municipalities, 4 dimensions of values
  /// whose cells stay within 2 048, and 21-point scales. Its tally is within 2²⁴ counters
  /// (80 MiB at 5 bytes a counter), and the loader's size is the tally's real size.
  @Test func largestAcceptedDefinitionStaysWithinTheMemoryBound() throws {
    // (60 + 2) × (3 + 1) × (4 + 1) = 1 240 cells ≤ 2 048 (the places: 60 municipalities,
    // the county-wide and okänd kommun).
    var yaml = scale(Array(1...21))
    yaml = yaml.replacingOccurrences(of: Self.threeMunicipalities, with: Self.municipalities(60))
    yaml = yaml.replacingOccurrences(
      of: "        - { id: kommun, label: Kommun }",
      with: [
        "        - { id: kommun, label: Kommun }", "        - { id: privat, label: Privat }", "    - id: niva",
        "      label: Nivå", "      column: niva", "      values:", "        - { id: mikro, label: Mikro }",
        "        - { id: meso, label: Meso }", "        - { id: makro, label: Makro }",
        "        - { id: politik, label: Politik }",
      ].joined(separator: "\n"))
    let survey = try SurveyLoader.load(yaml: yaml, path: "largest.yaml")
    let size = SurveyLimits.tallySize(survey)
    // By hand: 62 × 4 × 5 = 1 240 cells; two paired items of 21 points (441 + 42 each) and
    // a two-option choice: 968 counters a cell.
    #expect(size.cells == 1240)
    #expect(size.counters == 1240 * 968)
    #expect(size.counters <= SurveyLimits.maximumTallyCounters)
    let layout = TallyLayout(survey: survey)
    #expect(layout.cellCount == size.cells)
  }

  @Test func tooManyDimensionValuesIsRefused() {
    let values = (0..<12).map { "        - { id: v\($0), label: V\($0) }" }.joined(separator: "\n")
    let yaml = TestSurveys.mini.replacingOccurrences(of: "        - { id: kommun, label: Kommun }", with: values)
    let found = diagnostics(yaml)
    #expect(found.contains { $0.message.contains("at most 12 values, not 13") }, "\(found)")
  }

  /// Sections were once counted as bits of one 64-bit word, and those past 64 silently
  /// left out of the roll-ups; a 65th is now an error.
  @Test func sixtyFiveSectionsAreRefused() {
    let sections = (0..<65).map { s in
      [
        "  - id: s\(s)", "    title: S\(s)", "    items:", "      - id: i\(s)", "        text: I\(s)",
        "        scale: instamning", "        current: { column: i\(s)_nu }",
        "        desired: { column: i\(s)_onskat }",
      ].joined(separator: "\n")
    }
    let start = TestSurveys.mini.range(of: "sections:\n")!
    let yaml = String(TestSurveys.mini[..<start.upperBound]) + sections.joined(separator: "\n") + "\n"
    #expect(contains(diagnostics(yaml), "a survey has at most 64 sections, not 65"))
    let sixtyFour = String(TestSurveys.mini[..<start.upperBound]) + sections.prefix(64).joined(separator: "\n") + "\n"
    #expect(diagnostics(sixtyFour).isEmpty)
  }
}
