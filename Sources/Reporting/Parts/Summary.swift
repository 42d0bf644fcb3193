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
        "<li>\(itemOf(p).text) <span class=\"figure\">\(f.t(.gap)) \(f.number(g?.gapMean)) (\(f.number(g?.gapCILow))–\(f.number(g?.gapCIHigh)))</span></li>"
    }
    let strengths = (results.strengths[scope] ?? []).prefix(shown).map { p -> HTML in
      let g = results.item(scope, p)
      return
        "<li>\(itemOf(p).text) <span class=\"figure\">\(f.t(.today)) \(f.number(g?.currentMean)), \(f.t(.gap)) \(f.number(g?.gapMean))</span></li>"
    }
    let scale = results.pairedItems.first?.points ?? [1, 5]
    let middle = f.number(Double((scale.first ?? 1) + (scale.last ?? 5)) / 2, 1)
    return """
      <section id="sammanfattning" class="summary" aria-labelledby="sammanfattning-h">
      <h2 id="sammanfattning-h">\(f.t(.summary))</h2>
      \(facts(scope))
      <div class="summary-grid">
      <article><h3>\(f.t(.largestGaps))</h3>
      \(gaps.isEmpty ? "<p>\(f.t(.noGapIsSignificantlyAboveZero))</p>" as HTML : "<ol>\(gaps)</ol>")
      <p class="note">\(f.t(.significantGapsLargestFirstInBrackets))</p></article>
      <article><h3>\(f.t(.strengths))</h3>
      \(strengths.isEmpty ? "<p>\(f.t(.noItemHasBothTodayAbove))</p>" as HTML : "<ol>\(strengths)</ol>")
      <p class="note">\(f.t(.todayAtLeastTheMiddleOf(middle: middle, smallGap: f.number(results.settings.smallGap, 0))))</p></article>
      \(summaryMellanrum(scope))
      </div>
      \(readingGuide(scope))
      </section>
      """
  }

  /// Period, respondents and response rate, as a list of facts.
  func facts(_ scope: Scope) -> HTML {
    var facts: [(String, String)] = []
    if let period = survey.period { facts.append((f.t(.period), period)) }
    facts.append((f.t(.respondents2), count(results.respondents[scope]).text))
    if let rate = responseRate(scope) { facts.append((f.t(.responseRate), rate)) }
    if scope.isCounty {
      let answered = survey.county.municipalities.indices.filter { m in
        files.contains { $0.acceptedPerMunicipality[m] > 0 }
      }
      facts.append(
        (
          f.t(.municipalitiesWithAnswers),
          f.t(.of2(answeredCount: answered.count, municipalitiesCount: survey.county.municipalities.count))
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
        facts.append((f.t(.responseRateOf(group: value.label)), f.t(.of(n: n, asked: asked, rate: rate(n, asked)))))
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
    return f.t(.ofInvited(rate: rate(n, asked), n: n, asked: asked))
  }

  /// The largest flagged mellanrum of the place (the county: the county-wide comparison
  /// first, then the municipalities').
  func summaryMellanrum(_ scope: Scope) -> HTML {
    let title: HTML = "<h3>\(f.t(.largestGapsBetweenOrganisations))</h3>"
    guard let declared = survey.mellanrum else {
      return
        "<article>\(title)<p>\(f.t(.theSurveyNamesNoTwoGroups))</p></article>"
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
      let place = g.municipality.map { survey.county.municipalities[$0].name } ?? f.t(.theWholeCounty)
      let placeText: HTML = scope.isCounty ? "<strong>\(place)</strong>: " : ""
      return
        "<li>\(placeText)\(itemOf(g.item).text) <span class=\"figure\">\(values[declared.first].label) \(f.number(g.regionCurrentMean)), \(values[declared.second].label) \(f.number(g.municipalityCurrentMean))</span></li>"
    }
    let empty = f.t(
      .noItemsWhereAndClearlySee(values: values[declared.first].label, values2: values[declared.second].label))
    return """
      <article>\(title)
      \(items.isEmpty ? "<p>\(empty)</p>" as HTML : "<ol>\(items)</ol>")
      <p class="note">\(f.t(.todayAccordingToAndWhereResponsibility(values: values[declared.first].label, values2: values[declared.second].label)))</p></article>
      """
  }

  func readingGuide(_ scope: Scope) -> HTML {
    let scale = results.pairedItems.first?.points ?? [1, 5]
    let municipalityLine: HTML =
      scope.isCounty
      ? ""
      : "<li>\(f.t(.atAnItemTheMunicipalityS))</li>"
    return """
      <h3>\(f.t(.howToReadTheReport))</h3>
      <ul class="guide">
      <li>\(f.t(.everyItemIsRatedTwiceOn2(scale: scale.first ?? 1, scale2: scale.last ?? 5)))</li>
      <li>\(f.t(.significantMeansChanceIsUnlikelyTo(significanceLevel: f.number(results.settings.significanceLevel, 2))))</li>
      \(municipalityLine)
      <li>\(f.t(.meansTheFigureIsNotShown(minimumGroupSize: results.minimumGroupSize)))</li>
      </ul>
      """
  }
}
