import GapAnalysis
import SurveyModel

/// Priorities and strengths: the priority matrix with every shown item, the numbered
/// priorities (significant gaps, largest first) and the lettered strengths (high today,
/// small gap) beside it.
extension GapReports {
  /// How many priorities and strengths the page lists (the CSV files hold them all).
  static let listed = (priorities: 15, strengths: 8)

  func priorities(_ scope: Scope) -> HTML {
    let all = results.priorities[scope] ?? []
    let list = Array(all.prefix(Self.listed.priorities))
    let allStrengths = results.strengths[scope] ?? []
    let strengths = Array(allStrengths.prefix(Self.listed.strengths))
    let letters = strengths.indices.map { String(UnicodeScalar(UInt8(65 + $0))) }
    var points: [Charts.MatrixPoint] = []
    for p in results.pairedItems.indices {
      guard let g = results.item(scope, p), !g.suppressed, let c = g.currentMean, let gap = g.gapMean else { continue }
      if let i = list.firstIndex(of: p) {
        points.append(.init(mark: "\(i + 1)", current: c, gap: gap, kind: .priority))
      } else if let i = strengths.firstIndex(of: p) {
        points.append(.init(mark: letters[i], current: c, gap: gap, kind: .strength))
      } else {
        points.append(.init(mark: "", current: c, gap: gap, kind: .other))
      }
    }
    let scale = results.pairedItems.first?.points ?? [1, 5]
    let smallGap = f.number(results.settings.smallGap, 0)
    let quadrants = [
      f.t(.lowTodayLargeGapStartHere),
      f.t(.highTodayLargeGapBuildOn),
      f.t(.lowTodaySmallGapKeepWatch),
      f.t(.highTodaySmallGapKeep),
    ]
    let description = f.t(.everyItemByTodaySLevel(smallGap: smallGap))
    let matrix =
      points.isEmpty
      ? "" as HTML
      : Charts.matrix(
        id: "matris-\(scope.municipality.map { "\($0)" } ?? "lan")",
        title: f.t(.priorityMatrix),
        description: description, points: points, low: scale.first ?? 1, high: scale.last ?? 5,
        smallGap: results.settings.smallGap, quadrants: quadrants,
        axes: (f.t(.todayMean), f.t(.gapDesiredToday)), f: f)
    let items = list.enumerated().map { i, p -> HTML in
      let g = results.item(scope, p)
      return
        "<li value=\"\(i + 1)\">\(itemOf(p).text) <span class=\"n\">\(f.t(.gap)) \(f.number(g?.gapMean)) (\(f.number(g?.gapCILow))–\(f.number(g?.gapCIHigh))), n=\(count(g?.n))</span></li>"
    }
    let strengthItems = strengths.enumerated().map { i, p -> HTML in
      let g = results.item(scope, p)
      return
        "<li><span class=\"letter\" aria-hidden=\"true\">\(letters[i])</span> \(itemOf(p).text) <span class=\"n\">\(f.t(.today)) \(f.number(g?.currentMean)), \(f.t(.gap)) \(f.number(g?.gapMean)), n=\(count(g?.n))</span></li>"
    }
    func more(_ shown: Int, _ all: Int, _ file: String) -> HTML {
      guard all > shown else { return "" }
      return
        "<p class=\"note\">\(f.t(.theFirstOfAllOfThem(shown: shown, all: all))) <a href=\"\(root(scope))csv/\(file)\">csv/\(file)</a>.</p>"
    }
    return """
      <section id="prioriteringar"><h2>\(f.t(.prioritiesAndStrengths))</h2>
      <p>\(f.t(.prioritiesItemsWhoseGapIsSignificantly(smallGap: smallGap)))</p>
      <div class="priorities"><figure tabindex=0>\(matrix)<figcaption>\(description)</figcaption></figure>
      <div class="lists">
      <h3>\(f.t(.priorities))</h3>
      \(items.isEmpty ? "<p>\(f.t(.noGapIsSignificantlyAboveZero))</p>" as HTML : "<ol>\(items)</ol>")
      \(more(list.count, all.count, "priorities.csv"))
      <h3>\(f.t(.strengths))</h3>
      \(strengthItems.isEmpty ? "<p>\(f.t(.noItemsWithBothAHigh))</p>" as HTML : "<ul class=\"strengths\">\(strengthItems)</ul>")
      \(more(strengths.count, allStrengths.count, "strengths.csv"))
      </div></div>
      </section>
      """
  }
}
