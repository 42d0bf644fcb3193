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

  /// A row's cells for a table of class `stack`, each carrying its column's head as
  /// `data-label`: a phone shows such a table as stacked rows, every value after the name
  /// of its column, instead of a table that scrolls sideways. `cells` are `<td>` elements
  /// kartlagg made, one per head.
  func labelled(_ cells: [HTML], _ heads: [String]) -> HTML {
    precondition(cells.count == heads.count, "one column head per cell")
    return HTML.join(
      zip(cells, heads).map { cell, head in
        precondition(cell.text.hasPrefix("<td"), "a table cell")
        return HTML(unescapedMarkup: "<td data-label=\"\(HTML.escape(head))\"" + cell.text.dropFirst(3))
      })
  }

  func itemOf(_ p: Int) -> ReportedItem { results.pairedItems[p] }

  func root(_ scope: Scope) -> String { scope.municipality == nil ? "" : "../" }
}
