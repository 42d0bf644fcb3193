import GapAnalysis
import SurveyModel

/// The first page: a summary that works on its own, printed as one A4 page. Who answered
/// (with the response rate where the survey gives `invited`), when, the largest gaps, the
/// clearest strengths, the largest mellanrum and how to read it all.
extension GapReports {
  /// How many items each list of the summary shows.
  static let summaryLength = 5

  func summary(_ scope: Scope) -> HTML {
    let shown = Self.summaryLength
    let gaps = (results.priorities[scope] ?? []).prefix(shown).map { p -> HTML in
      let g = results.item(scope, p)
      return
        "<li>\(itemOf(p).text) <span class=\"figure\">\(f.t("gap", "gap")) \(f.number(g?.gapMean)) (\(f.number(g?.gapCILow))–\(f.number(g?.gapCIHigh)))</span></li>"
    }
    let strengths = (results.strengths[scope] ?? []).prefix(shown).map { p -> HTML in
      let g = results.item(scope, p)
      return
        "<li>\(itemOf(p).text) <span class=\"figure\">\(f.t("nuläge", "today")) \(f.number(g?.currentMean)), \(f.t("gap", "gap")) \(f.number(g?.gapMean))</span></li>"
    }
    let scale = results.pairedItems.first?.points ?? [1, 5]
    let middle = f.number(Double((scale.first ?? 1) + (scale.last ?? 5)) / 2, 1)
    return """
      <section id="sammanfattning" class="summary" aria-labelledby="sammanfattning-h">
      <h2 id="sammanfattning-h">\(f.t("Sammanfattning", "Summary"))</h2>
      \(facts(scope))
      <div class="summary-grid">
      <article><h3>\(f.t("Störst gap", "Largest gaps"))</h3>
      \(gaps.isEmpty ? "<p>\(f.t("Inget gap är statistiskt säkerställt större än noll.", "No gap is significantly above zero."))</p>" as HTML : "<ol>\(gaps)</ol>")
      <p class="note">\(f.t("Statistiskt säkerställda gap, största först; inom parentes 95 % konfidensintervall.", "Significant gaps, largest first; in brackets the 95 % confidence interval."))</p></article>
      <article><h3>\(f.t("Styrkor", "Strengths"))</h3>
      \(strengths.isEmpty ? "<p>\(f.t("Inget påstående har både nuläge över skalans mitt och litet gap.", "No item has both today above the middle of the scale and a small gap."))</p>" as HTML : "<ol>\(strengths)</ol>")
      <p class="note">\(f.t("Nuläge minst \(middle) (skalans mitt) och gap under \(f.number(results.settings.smallGap, 0)) skalsteg: det som redan fungerar.", "Today at least \(middle) (the middle of the scale) and a gap below \(f.number(results.settings.smallGap, 0)) scale point: what works already."))</p></article>
      \(summaryMellanrum(scope))
      </div>
      \(readingGuide(scope))
      </section>
      """
  }

  /// Period, respondents and response rate, as a list of facts.
  func facts(_ scope: Scope) -> HTML {
    var facts: [(String, String)] = []
    if let period = survey.period { facts.append((f.t("Period", "Period"), period)) }
    facts.append((f.t("Svarande", "Respondents"), count(results.respondents[scope]).text))
    if let rate = responseRate(scope) { facts.append((f.t("Svarsfrekvens", "Response rate"), rate)) }
    if scope.isCounty {
      let answered = survey.county.municipalities.indices.filter { m in
        files.contains { $0.acceptedPerMunicipality[m] > 0 }
      }
      facts.append(
        (
          f.t("Kommuner med svar", "Municipalities with answers"),
          f.t(
            "\(answered.count) av \(survey.county.municipalities.count)",
            "\(answered.count) of \(survey.county.municipalities.count)")
        ))
    }
    // Per group of the dimension the survey counts the invited by, where each is shown.
    if let m = scope.municipality, let invited = survey.county.municipalities[m].invited,
      let (d, counts) = invited.byGroup
    {
      for (v, value) in survey.dimensions[d].values.enumerated() {
        guard let asked = counts[v], asked > 0,
          let n = results.respondents[Scope(municipality: m, dimension: d, value: v)]
        else { continue }
        facts.append((value.label, f.t("\(n) av \(asked) (\(rate(n, asked)))", "\(n) of \(asked) (\(rate(n, asked)))")))
      }
    }
    let items = facts.map { "<div><dt>\($0.0)</dt><dd>\($0.1)</dd></div>" as HTML }
    return "<dl class=\"facts\">\(items)</dl>"
  }

  func rate(_ n: Int, _ of: Int) -> String { f.percent(Double(n) / Double(of)) }

  /// "62 % (337 of 540 invited)", where the respondents are shown and the invited known:
  /// for the county only when every place states them.
  func responseRate(_ scope: Scope) -> String? {
    guard let n = results.respondents[scope] else { return nil }
    let asked: Int?
    if let m = scope.municipality {
      asked = survey.county.municipalities[m].invited?.total
    } else {
      let all = survey.county.municipalities.map(\.invited) + [survey.county.countyWide.invited]
      asked = all.allSatisfy { $0 != nil } ? all.reduce(0) { $0 + $1!.total } : nil
    }
    guard let asked, asked > 0 else { return nil }
    return f.t("\(rate(n, asked)) (\(n) av \(asked) inbjudna)", "\(rate(n, asked)) (\(n) of \(asked) invited)")
  }

  /// The largest flagged mellanrum of the place (the county: the county-wide comparison
  /// first, then the municipalities').
  func summaryMellanrum(_ scope: Scope) -> HTML {
    let title: HTML = "<h3>\(f.t("Största mellanrum", "Largest gaps between organisations"))</h3>"
    guard let declared = survey.mellanrum else {
      return
        "<article>\(title)<p>\(f.t("Enkäten anger inga två grupper att jämföra.", "The survey names no two groups to compare."))</p></article>"
    }
    let values = survey.dimensions[declared.dimension].values
    let rows = results.organisationalGaps.filter {
      $0.flagged && (scope.isCounty || $0.municipality == scope.municipality)
    }
    .sorted {
      ($0.municipality == nil ? 1 : 0, abs($0.difference ?? 0), -$0.item)
        > ($1.municipality == nil ? 1 : 0, abs($1.difference ?? 0), -$1.item)
    }
    .prefix(Self.summaryLength)
    let items = rows.map { g -> HTML in
      let place = g.municipality.map { survey.county.municipalities[$0].name } ?? f.t("Hela länet", "The whole county")
      let placeText: HTML = scope.isCounty ? "<strong>\(place)</strong>: " : ""
      return
        "<li>\(placeText)\(itemOf(g.item).text) <span class=\"figure\">\(values[declared.first].label) \(f.number(g.regionCurrentMean)), \(values[declared.second].label) \(f.number(g.municipalityCurrentMean))</span></li>"
    }
    let empty = f.t(
      "Inga påståenden där \(values[declared.first].label) och \(values[declared.second].label) ser tydligt olika på nuläget, bland dem som kan visas.",
      "No items where \(values[declared.first].label) and \(values[declared.second].label) clearly see today differently, among those that can be shown."
    )
    return """
      <article>\(title)
      \(items.isEmpty ? "<p>\(empty)</p>" as HTML : "<ol>\(items)</ol>")
      <p class="note">\(f.t("Nuläget enligt \(values[declared.first].label) och \(values[declared.second].label); där ansvar kan falla mellan organisationerna.", "Today according to \(values[declared.first].label) and \(values[declared.second].label); where responsibility can fall between the organisations."))</p></article>
      """
  }

  func readingGuide(_ scope: Scope) -> HTML {
    let scale = results.pairedItems.first?.points ?? [1, 5]
    let municipalityLine: HTML =
      scope.isCounty
      ? ""
      : "<li>\(f.t("▲ vid ett påstående: kommunens gap är statistiskt säkerställt större än i resten av länet; ▼: mindre.", "▲ at an item: the municipality's gap is significantly larger than in the rest of the county; ▼: smaller."))</li>"
    return """
      <h3>\(f.t("Så läser du rapporten", "How to read the report"))</h3>
      <ul class="guide">
      <li>\(f.t("Varje påstående skattas två gånger på skalan \(scale.first ?? 1)–\(scale.last ?? 5): hur det är i dag (nuläge) och hur det borde vara (önskat läge). Gapet är önskat läge minus nuläge: ju större gap, desto längre kvar.", "Every item is rated twice on the scale \(scale.first ?? 1)–\(scale.last ?? 5): how it is today and how it should be. The gap is desired minus today: the larger the gap, the further to go."))</li>
      <li>\(f.t("Statistiskt säkerställt betyder att slumpen sannolikt inte förklarar skillnaden (95 % konfidensintervall, eller justerat p-värde under \(f.number(results.settings.significanceLevel, 2))).", "Significant means chance is unlikely to explain the difference (95 % confidence interval, or adjusted p below \(f.number(results.settings.significanceLevel, 2)))."))</li>
      \(municipalityLine)
      <li>\(f.t("– betyder att siffran inte visas: färre än \(results.minimumGroupSize) svarande, eller en siffra som skulle avslöja en sådan grupp.", "– means the figure is not shown: fewer than \(results.minimumGroupSize) respondents, or a figure that would give such a group away."))</li>
      </ul>
      """
  }
}
