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
    let heads = [
      f.t(.municipalitySToday), f.t(.municipalitySGap), f.t(.countyGap), f.t(.municipalitiesAverage),
      f.t(.difference), f.t(.adjustedP), f.t(.rank),
    ]
    let tableRows = rows.map { c -> HTML in
      // The arrow for the eye, the words for a screen reader.
      let larger = (c.difference ?? 0) > 0
      let mark: HTML =
        c.significant
        ? " <span aria-hidden=\"true\">\(larger ? "▲" : "▼")</span><span class=\"sr-only\">\(larger ? f.t(.significantlyLargerThanInTheRest) : f.t(.significantlySmallerThanInTheRest))</span>"
        : ""
      let cells: [HTML] = [
        "<td class=\"num\">\(f.number(results.item(Scope(municipality: m), c.item)?.currentMean))</td>",
        "<td class=\"num\">\(f.number(c.gapMean)) <span class=\"n\">n=\(count(c.n))</span></td>",
        "<td class=\"num\">\(f.number(c.countyGapMean))</td>",
        "<td class=\"num\">\(f.number(c.municipalityAverageGapMean))</td>",
        "<td class=\"num\">\(f.signed(c.difference))\(mark)</td>", "<td class=\"num\">\(f.p(c.pAdjusted))</td>",
        "<td class=\"num\">\(c.rank.map(String.init) ?? "–")</td>",
      ]
      return
        "<tr\(c.significant ? " class=\"significant\"" as HTML : "")><th scope=\"row\">\(itemOf(c.item).text)</th>\(labelled(cells, heads))</tr>"
    }
    return """
      <section id="jamforelse"><h2>\(f.t(.comparedWithTheCounty))</h2>
      <p>\(f.t(.theMunicipalitySGapPerItem))</p>
      <p>\(f.t(.significantDifferencesFromTheRestOfTheCounty)): \(different.count)</p>
      <table tabindex=0 class="stack"><caption>\(f.t(.theMunicipalityAndTheCounty))</caption>
      <thead><tr><th scope="col">\(f.t(.item))</th>\(heads.map { "<th scope=\"col\">\($0)</th>" as HTML })</tr></thead>
      <tbody>\(tableRows)</tbody></table></section>
      """
  }
}
