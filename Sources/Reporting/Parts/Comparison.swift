import GapAnalysis
import SurveyModel

/// A municipality against the county, item by item.
extension GapReports {
  func comparison(_ m: Int) -> HTML {
    // Where the municipality differs most first: the significant differences, then by size.
    let rows = results.comparisons.filter { $0.municipality == m && $0.gapMean != nil }
      .sorted {
        ($0.significant ? 1 : 0, abs($0.difference ?? 0), -$0.item) > (
          $1.significant ? 1 : 0, abs($1.difference ?? 0), -$1.item
        )
      }
    let different = rows.filter(\.significant)
    let tableRows = rows.map { c -> HTML in
      // The arrow for the eye, the words for a screen reader.
      let larger = (c.difference ?? 0) > 0
      let mark: HTML =
        c.significant
        ? " <span aria-hidden=\"true\">\(larger ? "▲" : "▼")</span><span class=\"sr-only\">\(larger ? f.t("statistiskt säkerställt större än i resten av länet", "significantly larger than in the rest of the county") : f.t("statistiskt säkerställt mindre än i resten av länet", "significantly smaller than in the rest of the county"))</span>"
        : ""
      return
        "<tr\(c.significant ? " class=\"significant\"" as HTML : "")><th scope=\"row\">\(itemOf(c.item).text)</th><td class=\"num\">\(f.number(c.gapMean)) <span class=\"n\">n=\(count(c.n))</span></td><td class=\"num\">\(f.number(c.countyGapMean))</td><td class=\"num\">\(f.number(c.municipalityAverageGapMean))</td><td class=\"num\">\(f.signed(c.difference))\(mark)</td><td class=\"num\">\(f.p(c.pAdjusted))</td><td class=\"num\">\(c.rank.map(String.init) ?? "–")</td></tr>"
    }
    return """
      <section id="jamforelse"><h2>\(f.t("Jämfört med länet", "Compared with the county"))</h2>
      <p>\(f.t("Kommunens gap per påstående bredvid länets (alla svarande) och kommunmedelvärdet (varje kommun väger lika). Skillnaden prövas mot resten av länet (utan kommunens egna svar). ▲ betyder att kommunens gap är statistiskt säkerställt större än i resten av länet, ▼ att det är statistiskt säkerställt mindre; p-värdet är justerat för att många påståenden prövas samtidigt. Rang 1 är största gapet bland kommunerna. Påståendena står med de statistiskt säkerställda skillnaderna först, sedan efter skillnadens storlek.", "The municipality's gap per item beside the county's (all respondents) and the municipalities' average (each weighing the same). The difference is tested against the rest of the county (the municipality's own answers left out). ▲ means the municipality's gap is significantly larger than in the rest of the county, ▼ significantly smaller; the p-value is adjusted for testing many items at once. Rank 1 is the largest gap among the municipalities. The significant differences come first, then the items by the size of the difference."))</p>
      <p>\(f.t("Statistiskt säkerställda skillnader mot resten av länet", "Significant differences from the rest of the county")): \(different.count)</p>
      <table tabindex=0><caption>\(f.t("Kommunen och länet", "The municipality and the county"))</caption>
      <thead><tr><th scope="col">\(f.t("Påstående", "Item"))</th><th scope="col">\(f.t("Kommunens gap", "Municipality's gap"))</th><th scope="col">\(f.t("Länets gap", "County gap"))</th><th scope="col">\(f.t("Kommunmedel", "Municipalities' average"))</th><th scope="col">\(f.t("Skillnad", "Difference"))</th><th scope="col">\(f.t("Justerat p-värde", "Adjusted p"))</th><th scope="col">\(f.t("Rang", "Rank"))</th></tr></thead>
      <tbody>\(tableRows)</tbody></table></section>
      """
  }
}
