import GapAnalysis
import SurveyModel

/// The follow-up against a baseline.
extension GapReports {
  /// The follow-up against a baseline: every item's gap then and now.
  func changes(_ scope: Scope) -> HTML {
    guard let followUp, let rows = followUp[scope] else { return "" }
    let shown = rows.filter { $0.gapChange != nil }
    let tableRows = shown.map { c -> HTML in
      let now = results.item(scope, c.item)
      return
        "<tr><th scope=\"row\">\(itemOf(c.item).text)</th><td class=\"num\">\(f.number(c.baseline?.gapMean)) <span class=\"n\">n=\(count(c.baseline?.n))</span></td><td class=\"num\">\(f.number(now?.gapMean)) <span class=\"n\">n=\(count(now?.n))</span></td><td class=\"num\">\(f.signed(c.gapChange))</td><td class=\"num\">\(f.signed(c.currentChange))</td></tr>"
    }
    return """
      <section id="uppfoljning"><h2>\(f.t(.followUp))</h2>
      <p>\(f.t(.theGapNowAndAtThe))</p>
      \(shown.isEmpty ? "<p>\(f.t(.noComparableFigures))</p>" as HTML : """
      <table tabindex=0><caption>\(f.t(.changeSinceThePreviousMapping))</caption>
      <thead><tr><th scope="col">\(f.t(.item))</th><th scope="col">\(f.t(.gapThen))</th><th scope="col">\(f.t(.gapNow))</th><th scope="col">\(f.t(.changeOfTheGap))</th><th scope="col">\(f.t(.changeOfToday))</th></tr></thead>
      <tbody>\(tableRows)</tbody></table>
      """)
      </section>
      """
  }
}
