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
      f.t("Lågt nu, stort gap: börja här", "Low today, large gap: start here"),
      f.t("Högt nu, stort gap: bygg vidare", "High today, large gap: build on"),
      f.t("Lågt nu, litet gap: bevaka", "Low today, small gap: keep watch"),
      f.t("Högt nu, litet gap: behåll", "High today, small gap: keep"),
    ]
    let description = f.t(
      "Varje påstående efter nuläge (vågrätt, medelvärde på skalan) och gap (lodrätt, önskat läge minus nuläge). Blå numrerade punkter: prioriteringarna i listan. Gröna punkter med bokstav: styrkorna. Små grå punkter: övriga påståenden. Linjerna delar vid skalans mitt och vid gapet \(smallGap).",
      "Every item by today's level (across, mean on the scale) and gap (up, desired minus today). Blue numbered points: the priorities of the list. Green lettered points: the strengths. Small grey points: the other items. The lines divide at the middle of the scale and at a gap of \(smallGap)."
    )
    let matrix =
      points.isEmpty
      ? "" as HTML
      : Charts.matrix(
        id: "matris-\(scope.municipality.map { "\($0)" } ?? "lan")",
        title: f.t("Prioriteringsmatris", "Priority matrix"),
        description: description, points: points, low: scale.first ?? 1, high: scale.last ?? 5,
        smallGap: results.settings.smallGap, quadrants: quadrants,
        axes: (f.t("Nuläge (medelvärde)", "Today (mean)"), f.t("Gap (önskat − nuläge)", "Gap (desired − today)")), f: f)
    let items = list.enumerated().map { i, p -> HTML in
      let g = results.item(scope, p)
      return
        "<li value=\"\(i + 1)\">\(itemOf(p).text) <span class=\"n\">\(f.t("gap", "gap")) \(f.number(g?.gapMean)) (\(f.number(g?.gapCILow))–\(f.number(g?.gapCIHigh))), n=\(count(g?.n))</span></li>"
    }
    let strengthItems = strengths.enumerated().map { i, p -> HTML in
      let g = results.item(scope, p)
      return
        "<li><span class=\"letter\" aria-hidden=\"true\">\(letters[i])</span> \(itemOf(p).text) <span class=\"n\">\(f.t("nuläge", "today")) \(f.number(g?.currentMean)), \(f.t("gap", "gap")) \(f.number(g?.gapMean)), n=\(count(g?.n))</span></li>"
    }
    func more(_ shown: Int, _ all: Int, _ file: String) -> HTML {
      guard all > shown else { return "" }
      return
        "<p class=\"note\">\(f.t("De \(shown) första av \(all); alla finns i", "The first \(shown) of \(all); all of them are in")) <a href=\"\(root(scope))csv/\(file)\">csv/\(file)</a>.</p>"
    }
    return """
      <section id="prioriteringar"><h2>\(f.t("Prioriteringar och styrkor", "Priorities and strengths"))</h2>
      <p>\(f.t("Prioriteringar: påståenden vars gap är statistiskt säkerställt större än noll, största först; underlaget till nästa steg i planen, hur vi agerar tillsammans. Styrkor: det som redan fungerar, med nuläge minst vid skalans mitt och gap under \(smallGap) skalsteg.", "Priorities: items whose gap is significantly above zero, largest first; the input to the plan's next step, how to act together. Strengths: what works already, with today at least at the middle of the scale and a gap below \(smallGap) scale point."))</p>
      <div class="priorities"><figure tabindex=0>\(matrix)<figcaption>\(description)</figcaption></figure>
      <div class="lists">
      <h3>\(f.t("Prioriteringar", "Priorities"))</h3>
      \(items.isEmpty ? "<p>\(f.t("Inget gap är statistiskt säkerställt större än noll.", "No gap is significantly above zero."))</p>" as HTML : "<ol>\(items)</ol>")
      \(more(list.count, all.count, "priorities.csv"))
      <h3>\(f.t("Styrkor", "Strengths"))</h3>
      \(strengthItems.isEmpty ? "<p>\(f.t("Inga påståenden med både högt nuläge och litet gap.", "No items with both a high today and a small gap."))</p>" as HTML : "<ul class=\"strengths\">\(strengthItems)</ul>")
      \(more(strengths.count, allStrengths.count, "strengths.csv"))
      </div></div>
      </section>
      """
  }
}
