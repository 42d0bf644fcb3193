import GapAnalysis
import SurveyModel

/// Mellanrum: where the two declared groups see the current state differently.
extension GapReports {
  /// The flagged organisational gaps of one municipality, or (nil) of the county and
  /// every municipality.
  func significant(_ g: OrganisationalGap) -> Bool { (g.pAdjusted ?? 1) < results.settings.significanceLevel }

  func organisationalGaps(municipality m: Int?) -> HTML {
    // The survey says which two groups to compare; without that there is no such part.
    guard let declared = survey.mellanrum else {
      return """
        <section id="mellanrum"><h2>\(f.t("Mellanrum", "Gaps between organisations"))</h2>
        <p class="note">\(f.t("Enkätdefinitionen anger inga två grupper att jämföra (report: mellanrum), så rapporten visar inga mellanrum.", "The survey definition names no two groups to compare (report: mellanrum), so the report shows no gaps between organisations."))</p>
        </section>
        """
    }
    // The thresholds as the analysis used them.
    let threshold = f.number(
      results.settings.mellanrumThreshold,
      results.settings.mellanrumThreshold.rounded() == results.settings.mellanrumThreshold ? 0 : 1)
    let level = f.number(results.settings.significanceLevel, 2)
    let groupValues = survey.dimensions[declared.dimension].values
    let (firstLabel, secondLabel) = (groupValues[declared.first].label, groupValues[declared.second].label)
    let rows = results.organisationalGaps.filter {
      (m == nil || $0.municipality == m) && !$0.suppressed && $0.regionCurrentMean != nil
    }
    // The county-wide comparison first, then the municipalities in the county's order;
    // within a place the significant differences first, then by size.
    .sorted {
      let a = ($0.municipality.map { -$0 - 1 } ?? 0, significant($0) ? 1 : 0, abs($0.difference ?? 0), -$0.item)
      let b = ($1.municipality.map { -$0 - 1 } ?? 0, significant($1) ? 1 : 0, abs($1.difference ?? 0), -$1.item)
      return a > b
    }
    let shown = rows.filter(\.flagged)
    let placeHeader: HTML = m == nil ? "<th scope=\"col\">\(f.t("Var", "Where"))</th>" : ""
    let tableRows = shown.map { g -> HTML in
      let place: HTML =
        m == nil
        ? "<td>\(g.municipality.map { survey.county.municipalities[$0].name } ?? f.t("Hela länet", "The whole county"))</td>"
        : ""
      // A large difference that is not significant says so in words; a significant one stands out.
      let verdict: HTML =
        significant(g)
        ? "<span class=\"verdict\">\(f.t("statistiskt säkerställd", "significant"))</span>"
        : "<span class=\"verdict weak\">\(f.t("inte säkerställd", "not significant"))</span>"
      return
        "<tr\(significant(g) ? " class=\"significant\"" as HTML : "")>\(place)<th scope=\"row\">\(itemOf(g.item).text)</th><td class=\"num\">\(f.number(g.regionCurrentMean)) <span class=\"n\">n=\(count(g.regionN))</span></td><td class=\"num\">\(f.number(g.municipalityCurrentMean)) <span class=\"n\">n=\(count(g.municipalityN))</span></td><td class=\"num\">\(f.signed(g.difference))</td><td class=\"num\">\(f.p(g.pAdjusted)) \(verdict)</td></tr>"
    }
    let suppressedCount = results.organisationalGaps.filter { (m == nil || $0.municipality == m) && $0.suppressed }
      .count
    // Say why nothing is shown: no difference found, or none that could be shown.
    let compared = rows.count
    let noneShown =
      compared == 0
      ? f.t(
        "Ingen jämförelse kan visas: region- eller kommungruppen är för liten (färre än \(results.minimumGroupSize) svarande) eller saknas.",
        "No comparison can be shown: the region or the municipality group is too small (fewer than \(results.minimumGroupSize) respondents) or missing."
      )
      : f.t(
        "Av \(compared) jämförda påståenden skiljer sig inget så mycket eller så säkert.",
        "Of \(compared) items compared, none differs that much or that surely.")
    return """
      <section id="mellanrum"><h2>\(f.t("Mellanrum: där region och kommun ser olika på nuläget", "Gaps between organisations: where region and municipality see today differently"))</h2>
      <p>\(f.t("Påståenden där svarande från \(firstLabel) och från \(secondLabel) skattar nuläget minst \(threshold) skalsteg olika, eller där skillnaden är statistiskt säkerställd (justerat p-värde under \(level): p-värdet justerat för att många påståenden prövas samtidigt). Här kan ansvar falla mellan organisationerna.", "Items where respondents from \(firstLabel) and from \(secondLabel) rate today at least \(threshold) scale point\(results.settings.mellanrumThreshold == 1 ? "" : "s") apart, or where the difference is statistically significant (adjusted p below \(level): the p-value adjusted for testing many items at once). Here responsibility can fall between the organisations."))</p>
      \(shown.isEmpty ? "<p>\(noneShown)</p>" as HTML : """
      <table tabindex=0><caption>\(f.t("Nuläge enligt region och kommun", "Today according to region and municipality"))</caption>
      <thead><tr>\(placeHeader)<th scope="col">\(f.t("Påstående", "Item"))</th><th scope="col">\(firstLabel)</th><th scope="col">\(secondLabel)</th><th scope="col">\(f.t("Skillnad", "Difference"))</th><th scope="col">\(f.t("Justerat p-värde", "Adjusted p"))</th></tr></thead>
      <tbody>\(tableRows)</tbody></table>
      """)
      \(suppressedCount > 0 ? "<p class=\"note\">\(f.t("\(suppressedCount) jämförelser visas inte: för få svarande i någon av grupperna.", "\(suppressedCount) comparisons are not shown: too few respondents in one of the groups."))</p>" as HTML : "")
      </section>
      """
  }
}
