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
        "<tr><td>\(itemOf(c.item).text)</td><td class=\"num\">\(f.number(c.baseline?.gapMean)) <span class=\"n\">n=\(count(c.baseline?.n))</span></td><td class=\"num\">\(f.number(now?.gapMean)) <span class=\"n\">n=\(count(now?.n))</span></td><td class=\"num\">\(f.signed(c.gapChange))</td><td class=\"num\">\(f.signed(c.currentChange))</td></tr>"
    }
    return """
      <section id="uppfoljning"><h2>\(f.t("Uppföljning", "Follow-up"))</h2>
      <p>\(f.t("Gapet nu och vid förra kartläggningen, och hur nuläget har ändrats (nu minus då). Ett minskande gap betyder att nuläget närmat sig det önskade.", "The gap now and at the previous mapping, and how today's level changed (now minus then). A shrinking gap means today has come closer to the desired state."))</p>
      \(shown.isEmpty ? "<p>\(f.t("Inga jämförbara siffror.", "No comparable figures."))</p>" as HTML : """
      <table tabindex=0><caption>\(f.t("Förändring sedan förra kartläggningen", "Change since the previous mapping"))</caption>
      <thead><tr><th scope="col">\(f.t("Påstående", "Item"))</th><th scope="col">\(f.t("Gap då", "Gap then"))</th><th scope="col">\(f.t("Gap nu", "Gap now"))</th><th scope="col">\(f.t("Förändring av gapet", "Change of the gap"))</th><th scope="col">\(f.t("Förändring av nuläget", "Change of today"))</th></tr></thead>
      <tbody>\(tableRows)</tbody></table>
      """)
      </section>
      """
  }
}
