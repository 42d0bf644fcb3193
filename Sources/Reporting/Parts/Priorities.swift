import GapAnalysis
import SurveyModel

/// Priorities: the priority matrix and its list.
extension GapReports {
  func priorities(_ scope: Scope) -> HTML {
    let all = results.priorities[scope] ?? []
    let list = Array(all.prefix(15))
    let points = list.enumerated().compactMap { i, p -> (number: Int, current: Double, gap: Double, certain: Bool)? in
      guard let g = results.item(scope, p), let c = g.currentMean, let gap = g.gapMean else { return nil }
      return (i + 1, c, gap, g.isClearlyPositive)
    }
    let scale = results.layout.paired.first?.points ?? [1, 5]
    let quadrants = [
      f.t("Lågt nu, stort gap: börja här", "Low today, large gap: start here"),
      f.t("Högt nu, stort gap: bygg vidare", "High today, large gap: build on"),
      f.t("Lågt nu, litet gap: bevaka", "Low today, small gap: keep watch"),
      f.t("Högt nu, litet gap: behåll", "High today, small gap: keep"),
      f.t("Nuläge", "Today"), f.t("Gap", "Gap"),
    ]
    let description = f.t(
      "Varje prioriterat påstående (numrerat som i listan) efter nuläge (vågrätt) och gap (lodrätt). Linjerna delar vid skalans mitt och vid gapet 1.",
      "Each priority item (numbered as in the list) by today's level (across) and gap (up). The lines divide at the middle of the scale and at a gap of 1."
    )
    let matrix =
      points.isEmpty
      ? "" as HTML
      : Charts.matrix(
        id: "matris", title: f.t("Prioriteringsmatris", "Priority matrix"), description: description, points: points,
        low: scale.first ?? 1, high: scale.last ?? 5, quadrants: quadrants)
    let items = list.enumerated().map { i, p -> HTML in
      let g = results.item(scope, p)
      return
        "<li value=\"\(i + 1)\">\(itemOf(p).text) — \(f.t("gap", "gap")) \(f.number(g?.gapMean)) (\(f.number(g?.gapCILow))–\(f.number(g?.gapCIHigh)), n=\(count(g?.n)))</li>"
    }
    return """
      <section id="prioriteringar"><h2>\(f.t("Prioriteringar", "Priorities"))</h2>
      <p>\(f.t("Påståenden vars gap säkert är större än noll, största först: underlaget till nästa steg i planen, hur vi agerar tillsammans.", "Items whose gap is surely above zero, largest first: the input to the plan's next step, how to act together."))</p>
      <div class="priorities"><figure>\(matrix)<figcaption>\(description)</figcaption></figure>
      <ol>\(items)</ol></div>
      \(all.count > list.count ? "<p class=\"note\">\(f.t("De \(list.count) största av \(all.count); alla finns i", "The \(list.count) largest of \(all.count); all of them are in")) <a href=\"\(root(scope))csv/priorities.csv\">csv/priorities.csv</a>.</p>" as HTML : "")
      </section>
      """
  }
}
