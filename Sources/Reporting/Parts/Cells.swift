import GapAnalysis
import SurveyModel

/// Small pieces every part uses: a count, a coloured gap cell, an item, the path to the root.
extension GapReports {
  func count(_ n: Int?) -> HTML { n.map { "\($0)" } ?? "–" }

  func gapCell(_ gap: Double?, suppressed: Bool, n: Int?, certain: Bool = true) -> HTML {
    guard !suppressed, let gap else { return "<td class=\"num suppressed\">–</td>" }
    let c = Charts.gapClass(gap)
    let weak: HTML = certain ? "" : " weak"
    let nText: HTML = n.map { " <span class=\"n\">n=\($0)</span>" } ?? ""
    return "<td class=\"num heat h\(c)\(weak)\">\(f.number(gap))\(nText)</td>"
  }

  func itemOf(_ p: Int) -> ReportedItem { results.pairedItems[p] }

  func root(_ scope: Scope) -> String { scope.municipality == nil ? "" : "../" }
}
