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
        <section id="mellanrum"><h2>\(f.t(.gapsBetweenOrganisations))</h2>
        <p class="note">\(f.t(.theSurveyDefinitionNamesNoTwo))</p>
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
    let placeHeader: HTML = m == nil ? "<th scope=\"col\">\(f.t(.whereText))</th>" : ""
    let tableRows = shown.map { g -> HTML in
      let place: HTML =
        m == nil
        ? "<td>\(g.municipality.map { survey.county.municipalities[$0].name } ?? f.t(.theWholeCounty))</td>"
        : ""
      // A large difference that is not significant says so in words; a significant one stands out.
      let verdict: HTML =
        significant(g)
        ? "<span class=\"verdict\">\(f.t(.significant))</span>"
        : "<span class=\"verdict weak\">\(f.t(.notSignificant))</span>"
      return
        "<tr\(significant(g) ? " class=\"significant\"" as HTML : "")>\(place)<th scope=\"row\">\(itemOf(g.item).text)</th><td class=\"num\">\(f.number(g.regionCurrentMean)) <span class=\"n\">n=\(count(g.regionN))</span></td><td class=\"num\">\(f.number(g.municipalityCurrentMean)) <span class=\"n\">n=\(count(g.municipalityN))</span></td><td class=\"num\">\(f.signed(g.difference))</td><td class=\"num\">\(f.p(g.pAdjusted)) \(verdict)</td></tr>"
    }
    let suppressedCount = results.organisationalGaps.filter { (m == nil || $0.municipality == m) && $0.suppressed }
      .count
    // Say why nothing is shown: no difference found, or none that could be shown.
    let compared = rows.count
    let noneShown =
      compared == 0
      ? f.t(.noComparisonCanBeShownThe(minimumGroupSize: results.minimumGroupSize))
      : f.t(.ofItemsComparedNoneDiffersThat(compared: compared))
    let unit =
      results.settings.mellanrumThreshold == 1 ? f.t(.scalePoint) : f.t(.scalePoints)
    return """
      <section id="mellanrum"><h2>\(f.t(.gapsBetweenOrganisationsWhereRegionAnd))</h2>
      <p>\(f.t(.itemsWhereRespondentsFromAndFrom(firstLabel: firstLabel, secondLabel: secondLabel, threshold: threshold, unit: unit, level: level)))</p>
      \(shown.isEmpty ? "<p>\(noneShown)</p>" as HTML : """
      <table tabindex=0><caption>\(f.t(.todayAccordingToRegionAndMunicipality))</caption>
      <thead><tr>\(placeHeader)<th scope="col">\(f.t(.item))</th><th scope="col">\(firstLabel)</th><th scope="col">\(secondLabel)</th><th scope="col">\(f.t(.difference))</th><th scope="col">\(f.t(.adjustedP))</th></tr></thead>
      <tbody>\(tableRows)</tbody></table>
      """)
      \(suppressedCount > 0 ? "<p class=\"note\">\(f.t(.comparisonsAreNotShownTooFew(suppressedCount: suppressedCount)))</p>" as HTML : "")
      </section>
      """
  }
}
