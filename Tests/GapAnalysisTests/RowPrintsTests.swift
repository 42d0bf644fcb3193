import SurveyModel
import Testing

@testable import GapAnalysis

/// Respondents' prints (docs/statistics.md, "Respondents shared by two rounds") and the
/// search for a group that subtracting two rounds would give away. The mini survey
/// (Kalmar, Högsby, Mörbylånga; organisation region or kommun; minimum 5).
@Suite struct RowPrintsTests {
  static func tally(_ responses: [Response], limit: Int? = nil) throws -> Tally {
    var tally = Tally(layout: TallyLayout(survey: try analysisSurvey()), keepPrints: true)
    if let limit { tally.printLimit = limit }
    for r in responses { tally.add(r) }
    return tally
  }

  /// Kalmar's region 8, its kommun 9, Högsby's kommun 6, Mörbylånga's region 7: answers
  /// that vary with the respondent's number (no two alike within a group of 4 or fewer).
  static func round(plus extra: [Response] = []) -> [Response] {
    var out: [Response] = []
    var i = 0
    for (m, o, n) in [(0, 0, 8), (0, 1, 9), (1, 1, 6), (2, 0, 7)] {
      for _ in 0..<n {
        i += 1
        out.append(response(m, o, 1 + i % 5, 1 + (i / 5) % 5, choice: i % 2))
      }
    }
    return out + extra
  }

  /// The same respondents in another order are the same prints; an answer the tally does
  /// not count (6 on a 1–5 scale) changes nothing; one counted answer changed is one
  /// respondent less in common and two in the difference (the old and the new).
  @Test func aPrintIsTheCountedAnswers() throws {
    let layout = try Self.tally([]).layout
    let a = RowPrints(try Self.tally(Self.round()))
    let b = RowPrints(try Self.tally(Self.round().reversed()))
    #expect(a == b && a.count == 30)
    var offScale = Self.round()
    offScale[0].values[2] = 6  // item b's current, off the scale: not counted
    #expect(RowPrints(try Self.tally(offScale)) == a)
    var changed = Self.round()
    changed[0].values[0] = changed[0].values[0] == 5 ? 4 : changed[0].values[0] + 1
    let (shared, difference) = RowPrints(try Self.tally(changed)).compared(with: a, layout: layout)
    #expect(shared.reduce(0, +) == 29 && difference.reduce(0, +) == 2)
    // Both in Kalmar's region cell.
    let cell = try #require(difference.firstIndex { $0 > 0 })
    #expect(layout.cellKey(cell) == "0880\u{1F}region")
    #expect(difference[cell] == 2)
  }

  @Test func encodedAndReadBack() throws {
    let prints = RowPrints(try Self.tally(Self.round()))
    let bytes = prints.encoded()
    #expect(try RowPrints(encoded: bytes) == prints)
    #expect(throws: Tally.DecodingError.self) { try RowPrints(encoded: Array(bytes.dropLast())) }
    #expect(throws: Tally.DecodingError.self) { try RowPrints(encoded: bytes + [0]) }
    #expect(throws: Tally.DecodingError.self) { try RowPrints(encoded: Array("KRP0".utf8) + bytes.dropFirst(4)) }
  }

  /// Past the limit no print is kept, and a merge past it keeps none either.
  @Test func printsAreBounded() throws {
    let under = try Self.tally(Array(Self.round().prefix(3)), limit: 3)
    #expect(!under.printsDropped && RowPrints(under).count == 3)
    let over = try Self.tally(Array(Self.round().prefix(4)), limit: 3)
    #expect(over.printsDropped && RowPrints(over).count == 0)
    var merged = under
    merged.merge(under)
    #expect(merged.printsDropped && RowPrints(merged).count == 0)
  }

  /// By hand: a round and the same round with one late respondent in Kalmar's kommun
  /// differ by 1 there, and the county, Kalmar and every kommun scope (each of at least 5)
  /// give it away: found, in that cell. Five late respondents there differ by 5: nothing
  /// found. The same round twice differs by no one: nothing found.
  @Test func aSmallDifferenceIsFound() throws {
    let before = RowPrints(try Self.tally(Self.round()))
    let oneLate = try Self.tally(Self.round(plus: [response(0, 1, 1, 5, choice: 1)]))
    let layout = oneLate.layout
    let (shared, difference) = RowPrints(oneLate).compared(with: before, layout: layout)
    #expect(shared.reduce(0, +) == 30)
    let group = try #require(Analysis.differenceLeak(oneLate, difference: difference, minimum: 5))
    #expect(group.proven)
    #expect(group.respondents == 1)
    let cells = group.cells
    #expect(cells.map { layout.cellKey($0) } == ["0880\u{1F}kommun"])
    // Past the search's budget the same difference is not searched: a group is not ruled
    // out, in the cells of the part not searched, and none is claimed.
    let unsearched = try #require(Analysis.differenceLeak(oneLate, difference: difference, minimum: 5, budget: 0))
    #expect(!unsearched.proven && unsearched.respondents == 0)
    #expect(unsearched.cells.map { layout.cellKey($0) } == ["0880\u{1F}kommun"])
    let fiveLate = try Self.tally(Self.round(plus: (0..<5).map { response(0, 1, 1 + $0, 5, choice: 1) }))
    let five = RowPrints(fiveLate).compared(with: before, layout: layout).difference
    #expect(five.reduce(0, +) == 5)
    #expect(Analysis.differenceLeak(fiveLate, difference: five, minimum: 5) == nil)
    let same = try Self.tally(Self.round())
    let none = RowPrints(same).compared(with: before, layout: layout).difference
    #expect(none.allSatisfy { $0 == 0 })
    #expect(Analysis.differenceLeak(same, difference: none, minimum: 5) == nil)
  }
}
