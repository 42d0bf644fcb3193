import GapAnalysis
import SurveyModel

/// The largest gaps of a scope.
extension GapReports {
  func largestGaps(_ scope: Scope) -> HTML {
    let items = (results.items[scope] ?? []).filter { !$0.suppressed && $0.gapMean != nil }
      .sorted { ($0.gapMean!, -$0.item) > ($1.gapMean!, -$1.item) }.prefix(10)
    let rows = items.map { g -> HTML in
      let item = itemOf(g.item)
      return
        "<tr><td>\(item.text)</td><td class=\"num\">\(f.number(g.currentMean))</td><td class=\"num\">\(f.number(g.desiredMean))</td>\(gapCell(g.gapMean, suppressed: false, n: nil, certain: g.isClearlyPositive))<td class=\"num\">\(f.number(g.gapCILow)) – \(f.number(g.gapCIHigh))</td><td class=\"num\">\(count(g.n))</td></tr>"
    }
    return """
      <section id="storst"><h2>\(f.t("De största gapen", "The largest gaps"))</h2>
      <table><caption>\(f.t("De tio påståenden där önskat läge ligger längst från nuläget", "The ten items where desired is furthest from today"))</caption>
      <thead><tr><th scope="col">\(f.t("Påstående", "Item"))</th><th scope="col">\(f.t("Nuläge", "Today"))</th><th scope="col">\(f.t("Önskat", "Desired"))</th><th scope="col">\(f.t("Gap", "Gap"))</th><th scope="col">\(f.t("95 % konfidensintervall", "95 % confidence interval"))</th><th scope="col">n</th></tr></thead>
      <tbody>\(rows)</tbody></table></section>
      """
  }
}
