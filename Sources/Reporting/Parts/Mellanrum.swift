import GapAnalysis
import SurveyModel

/// Mellanrum: where the two groups of each declared pair (region against kommun, mikro
/// against makro, …) see the current state differently. Each pair states its county-wide
/// verdict in words first, then lists the places' differences.
extension GapReports {
  /// The labels of a declared pair's two groups.
  func pairLabels(_ k: Int) -> (first: String, second: String) {
    let pair = survey.mellanrum[k]
    let values = survey.dimensions[pair.dimension].values
    return (values[pair.first].label, values[pair.second].label)
  }

  /// A pair's verdict in one place (nil: the whole county), in words: what the test
  /// supports, that nothing is, or that the groups cannot be compared and why.
  func mellanrumVerdictText(pair k: Int, municipality m: Int?) -> String {
    let (a, b) = pairLabels(k)
    let place = m.map { survey.county.municipalities[$0].name } ?? f.t(.theWholeCounty).lowercased()
    let verdict = results.mellanrum(pair: k, municipality: m)
    switch verdict.verdict {
    case .cannotBeCompared:
      return f.t(
        .mellanrumIn(
          place: place, text: f.t(.cannotBeComparedHere(first: a, second: b, minimum: results.minimumGroupSize))))
    case .notSupported:
      return f.t(
        .mellanrumIn(place: place, text: f.t(.noSupportedMellanrumIn(first: a, second: b, compared: verdict.compared))))
    case .supported:
      let clearest = verdict.supported[0]
      return f.t(
        .mellanrumIn(
          place: place,
          text: f.t(
            .supportedMellanrumIn(
              first: a, second: b, count: verdict.supported.count, compared: verdict.compared,
              item: itemOf(clearest.item).text, firstMean: f.number(clearest.firstCurrentMean),
              secondMean: f.number(clearest.secondCurrentMean)))))
    }
  }

  /// A pair's verdicts in the municipalities, gathered once for the page and the brief:
  /// the supported ones as a list ("Borgholm (1 påstående)"; empty when none), how many
  /// municipalities can be compared, and how many cannot.
  func municipalitiesOfPair(_ k: Int) -> (supported: String, compared: Int, notCompared: Int) {
    let verdicts = survey.county.municipalities.indices.map { ($0, results.mellanrum(pair: k, municipality: $0)) }
    let compared = verdicts.filter { $0.1.verdict != .cannotBeCompared }.count
    let list = verdicts.filter { $0.1.verdict == .supported }.map {
      "\(survey.county.municipalities[$0.0].name) (\(f.t(.statements(count: $0.1.supported.count))))"
    }
    return (list.joined(separator: f.t(.listSeparator)), compared, verdicts.count - compared)
  }

  /// The municipalities' verdicts of a pair, in words: where the test supports a
  /// difference (with how many statements), else that none is supported; and in how many
  /// the groups cannot be compared.
  func mellanrumMunicipalitiesText(pair k: Int) -> String {
    let (list, compared, notCompared) = municipalitiesOfPair(k)
    var parts: [String] = []
    if !list.isEmpty {
      parts.append(f.t(.mellanrumInMunicipalities(list: list)))
    } else if compared > 0 {
      parts.append(f.t(.noMellanrumInMunicipalities(compared: compared)))
    }
    if notCompared > 0 {
      parts.append(f.t(.mellanrumNotComparedInMunicipalities(count: notCompared, minimum: results.minimumGroupSize)))
    }
    return parts.joined(separator: " ")
  }

  /// The part: every declared pair, of one municipality, or (nil) of the county and every
  /// municipality.
  func organisationalGaps(municipality m: Int?) -> HTML {
    // The survey says which groups to compare; without that there is no such part.
    guard !survey.mellanrum.isEmpty else {
      return """
        <section id="mellanrum"><h2>\(f.t(.gapsBetweenOrganisations))</h2>
        <p class="note">\(f.t(.theSurveyDefinitionNamesNoTwo))</p>
        </section>
        """
    }
    let pairs = survey.mellanrum.indices.map { mellanrumPair($0, municipality: m) }
    return """
      <section id="mellanrum"><h2>\(f.t(.mellanrumWhereTwoGroupsSeeTodayDifferently))</h2>
      \(pairs)
      </section>
      """
  }

  /// One pair: its county-wide verdict in words first (and on a municipality's page the
  /// municipality's), then the flagged differences, the significant ones first; a large
  /// difference that is not significant is marked so.
  func mellanrumPair(_ k: Int, municipality m: Int?) -> HTML {
    // The thresholds as the analysis used them.
    let threshold = f.number(
      results.settings.mellanrumThreshold,
      results.settings.mellanrumThreshold.rounded() == results.settings.mellanrumThreshold ? 0 : 1)
    let level = f.number(results.settings.significanceLevel, 2)
    let (firstLabel, secondLabel) = pairLabels(k)
    let ofPair = results.organisationalGaps.filter { $0.pair == k && (m == nil || $0.municipality == m) }
    let rows = ofPair.filter { $0.verdict != .cannotBeCompared }
      // The county-wide comparison first, then the municipalities in the county's order;
      // within a place the significant differences first, then by size.
      .sorted {
        let a = ($0.municipality.map { -$0 - 1 } ?? 0, $0.significant ? 1 : 0, abs($0.difference ?? 0), -$0.item)
        let b = ($1.municipality.map { -$0 - 1 } ?? 0, $1.significant ? 1 : 0, abs($1.difference ?? 0), -$1.item)
        return a > b
      }
    let shown = rows.filter(\.flagged)
    let placeHeader: HTML = m == nil ? "<th scope=\"col\">\(f.t(.whereText))</th>" : ""
    let heads = [firstLabel, secondLabel, f.t(.difference), f.t(.adjustedP)]
    let tableRows = shown.map { g -> HTML in
      let place: HTML =
        m == nil
        ? labelled(
          ["<td>\(g.municipality.map { survey.county.municipalities[$0].name } ?? f.t(.theWholeCounty))</td>"],
          [f.t(.whereText)])
        : ""
      // A large difference that is not significant says so in words; a significant one stands out.
      let verdict: HTML =
        g.verdict == .supported
        ? "<span class=\"verdict\">\(f.t(.significant))</span>"
        : "<span class=\"verdict weak\">\(f.t(.notSignificant))</span>"
      let cells: [HTML] = [
        "<td class=\"num\">\(f.number(g.firstCurrentMean)) <span class=\"n\">n=\(count(g.firstN))</span></td>",
        "<td class=\"num\">\(f.number(g.secondCurrentMean)) <span class=\"n\">n=\(count(g.secondN))</span></td>",
        "<td class=\"num\">\(f.signed(g.difference))</td>", "<td class=\"num\">\(f.p(g.pAdjusted)) \(verdict)</td>",
      ]
      return
        "<tr\(g.verdict == .supported ? " class=\"significant\"" as HTML : "")>\(place)<th scope=\"row\">\(itemOf(g.item).text)</th>\(labelled(cells, heads))</tr>"
    }
    let suppressedCount = ofPair.filter(\.suppressed).count
    // Say why nothing is shown: no difference found, or none that could be compared.
    let noneShown =
      rows.isEmpty
      ? f.t(.noComparisonCanBeMade(minimumGroupSize: results.minimumGroupSize))
      : f.t(.noneOfTheItemsComparedDiffers(compared: rows.count))
    let unit = results.settings.mellanrumThreshold == 1 ? f.t(.scalePoint) : f.t(.scalePoints)
    let pairName = f.t(.mellanrumPair(first: firstLabel, second: secondLabel))
    // The verdicts in words: the whole county first, then the place or the municipalities.
    var verdicts = [mellanrumVerdictText(pair: k, municipality: nil)]
    if let m {
      verdicts.append(mellanrumVerdictText(pair: k, municipality: m))
    } else {
      let municipalities = mellanrumMunicipalitiesText(pair: k)
      if !municipalities.isEmpty { verdicts.append(municipalities) }
    }
    return """
      <h3 id="mellanrum-\(k + 1)">\(pairName)</h3>
      <p>\(f.t(.mellanrumPairNote(first: firstLabel, second: secondLabel)))</p>
      <p class="verdicts">\(verdicts.joined(separator: " "))</p>
      <p>\(f.t(.itemsWhereTwoGroupsRateTodayApart(firstLabel: firstLabel, secondLabel: secondLabel, threshold: threshold, unit: unit, level: level)))</p>
      \(shown.isEmpty ? "<p>\(noneShown)</p>" as HTML : """
      <table tabindex=0 class="stack"><caption>\(pairName)</caption>
      <thead><tr>\(placeHeader)<th scope="col">\(f.t(.item))</th><th scope="col">\(firstLabel)</th><th scope="col">\(secondLabel)</th><th scope="col">\(f.t(.difference))</th><th scope="col">\(f.t(.adjustedP))</th></tr></thead>
      <tbody>\(tableRows)</tbody></table>
      """)
      \(suppressedCount > 0 ? "<p class=\"note\">\(f.t(.comparisonsAreNotShownTooFew(suppressedCount: suppressedCount)))</p>" as HTML : "")
      """
  }
}
