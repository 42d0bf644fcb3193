import GapAnalysis
import SurveyModel

/// The follow-up against a baseline.
extension GapReports {
  /// The follow-up's column heads: the rounds' names where the store names them ("Gap
  /// 2027", "Gap 2028"), else "then" and "now".
  var gapThen: String { results.naming.compared.map { f.t(.gapIn($0.name)) } ?? f.t(.gapThen) }
  var gapNow: String { results.naming.round.map { f.t(.gapIn($0.name)) } ?? f.t(.gapNow) }

  /// The follow-up against a baseline: every item's gap then and now.
  func changes(_ scope: Scope) -> HTML {
    guard let followUp, let rows = followUp[scope] else { return "" }
    // Between two stored rounds each change is tested: the interval, the adjusted p and
    // a mark for what changed significantly, significant changes first.
    let tested = rows.contains { $0.welch != nil }
    let shown = rows.filter { $0.gapChange != nil }.sorted {
      ($0.significant ? 1 : 0, abs($0.gapChange ?? 0), -$0.item) > (
        $1.significant ? 1 : 0, abs($1.gapChange ?? 0), -$1.item
      )
    }
    var heads = series == nil ? [] : [f.t(.gapPerRound)]
    heads += [gapThen, gapNow, f.t(.changeOfTheGap)]
    if tested { heads += [f.t(.ciUnadjusted), f.t(.adjustedP)] }
    heads.append(f.t(.changeOfToday))
    let tableRows = shown.map { c -> HTML in
      let now = results.item(scope, c.item)
      var cells: [HTML] = []
      if let series {
        let values = series.values[scope]?[c.item] ?? []
        cells.append(
          "<td class=\"spark\">\(Charts.sparkline(values, rounds: series.rounds, label: f.t(.gapPerRound), f: f))</td>")
      }
      cells += [
        "<td class=\"num\">\(f.number(c.baseline?.gapMean)) <span class=\"n\">n=\(count(c.baseline?.n))</span></td>",
        "<td class=\"num\">\(f.number(now?.gapMean)) <span class=\"n\">n=\(count(now?.n))</span></td>",
        "<td class=\"num\">\(f.signed(c.gapChange, 2))</td>",
      ]
      if tested {
        // A smaller gap is an improvement.
        let mark: HTML =
          c.significant
          ? " <span aria-hidden=\"true\">\((c.gapChange ?? 0) < 0 ? "▼" : "▲")</span><span class=\"sr-only\">\((c.gapChange ?? 0) < 0 ? f.t(.significantlySmallerGap) : f.t(.significantlyLargerGap))</span>"
          : ""
        cells += [
          "<td class=\"num\">\(f.t(.from(low: f.number(c.gapChangeLow, 2), high: f.number(c.gapChangeHigh, 2))))</td>",
          "<td class=\"num\">\(f.p(c.pAdjusted))\(mark)</td>",
        ]
      }
      cells.append("<td class=\"num\">\(f.signed(c.currentChange, 2))</td>")
      return
        "<tr\(c.significant ? " class=\"significant\"" as HTML : "")><th scope=\"row\">\(itemOf(c.item).text)</th>\(labelled(cells, heads))</tr>"
    }
    let testNote: HTML = tested ? "<p>\(f.t(.roundChangesAreTested))</p>" : ""
    // What the earlier round cannot be compared on, said rather than left out.
    var notes: [HTML] = []
    if let notCompared, !notCompared.isEmpty {
      for (texts, label) in [
        (notCompared.added, f.t(.newSinceThePreviousRound)), (notCompared.removed, f.t(.goneSinceThePreviousRound)),
        (notCompared.scaleChanged, f.t(.onAScaleThatChanged)),
      ] where !texts.isEmpty {
        notes.append("<li>\(label): \(texts.joined(separator: "; "))</li>")
      }
    }
    let notComparedNote: HTML =
      notes.isEmpty
      ? "" : "<p class=\"note\">\(f.t(.notComparedWithThePreviousRound))</p><ul class=\"note\">\(notes)</ul>"
    return """
      <section id="uppfoljning"><h2>\(f.t(.followUp))</h2>
      <p>\(f.t(.theGapNowAndAtThePreviousMapping))</p>
      \(testNote)
      \(notComparedNote)
      \(groupChanges(scope, tested: tested))
      \(lensChanges(scope, tested: tested))
      <h3>\(f.t(.changePerItem))</h3>
      \(shown.isEmpty ? "<p>\(f.t(.noComparableFigures))</p>" as HTML : """
      <table tabindex=0 class="stack"><caption>\(f.t(.changeSinceThePreviousMapping))</caption>
      <thead><tr><th scope="col">\(f.t(.item))</th>\(heads.map { "<th scope=\"col\">\($0)</th>" as HTML })</tr></thead>
      <tbody>\(tableRows)</tbody></table>
      """)
      </section>
      """
  }

  /// The follow-up through the lenses: each section and each value of every tag
  /// vocabulary, its mean gap then and now over the items both rounds compare, and (when
  /// the changes are tested) how many of its items changed significantly either way.
  func lensChanges(_ scope: Scope, tested: Bool) -> HTML {
    guard let changes = groupChanges?[scope], changes.contains(where: { $0.gapChange != nil }) else { return "" }
    let rollUps = results.rollUps[scope] ?? []
    var views: [(title: String, rows: [LensRow])] = [(f.t(.sections), sectionRows())]
    for (v, vocabulary) in survey.tagVocabularies.enumerated() {
      let rows = tagRows(vocabulary: v)
      if !rows.isEmpty { views.append((vocabulary.label, rows)) }
    }
    var heads = series == nil ? [] : [f.t(.gapPerRound)]
    heads += [gapThen, gapNow, f.t(.changeOfTheGap), f.t(.itemsCompared)]
    if tested { heads += [f.t(.significantlySmallerGaps), f.t(.significantlyLargerGaps)] }
    let columns = heads.count + 1
    let bodies = views.map { view -> HTML in
      let rows = view.rows.compactMap { row -> HTML? in
        guard let k = rollUps.firstIndex(where: { $0.group == row.group }) else { return nil }
        let c = changes[k]
        var cells: [HTML] = []
        if let series {
          let values = series.groups[scope]?[k] ?? []
          cells.append(
            "<td class=\"spark\">\(Charts.sparkline(values, rounds: series.rounds, label: f.t(.gapPerRound), f: f))</td>"
          )
        }
        cells += [
          "<td class=\"num\">\(f.number(c.gapThen))</td>", "<td class=\"num\">\(f.number(c.gapNow))</td>",
          "<td class=\"num\">\(f.signed(c.gapChange, 2))</td>",
          "<td class=\"num\">\(c.gapChange == nil ? "–" : String(c.items))</td>",
        ]
        if tested {
          cells += [
            "<td class=\"num\">\(c.gapChange == nil ? "–" : String(c.smaller))</td>",
            "<td class=\"num\">\(c.gapChange == nil ? "–" : String(c.larger))</td>",
          ]
        }
        return "<tr><th scope=\"row\">\(row.label)</th>\(labelled(cells, heads))</tr>"
      }
      return
        "<tbody><tr class=\"group\"><th scope=\"rowgroup\" colspan=\"\(columns)\">\(view.title)</th></tr>\(rows)</tbody>"
    }
    return """
      <h3>\(f.t(.changeThroughTheLenses))</h3>
      <p>\(f.t(.lensChangesExplained))</p>
      <table tabindex=0 class="lens-changes stack"><caption>\(f.t(.changeThroughTheLenses))</caption>
      <thead><tr><th scope="col">\(f.t(.area))</th>\(heads.map { "<th scope=\"col\">\($0)</th>" as HTML })</tr></thead>
      \(bodies)</table>
      """
  }

  /// The follow-up of each group of respondents of the place (organisation, level …): its
  /// mean gap then and now over every item both rounds compare, beside all respondents'.
  func groupChanges(_ scope: Scope, tested: Bool) -> HTML {
    guard let followUp else { return "" }
    var rows: [(label: String, scope: Scope)] = [(f.t(.all), scope)]
    for (d, dimension) in survey.dimensions.enumerated() {
      for (v, value) in dimension.values.enumerated() {
        rows.append(
          ("\(dimension.label): \(value.label)", Scope(municipality: scope.municipality, dimension: d, value: v)))
      }
    }
    guard FollowUp.scopeChange(results, followUp, in: scope).gapChange != nil else { return "" }
    var heads = [gapThen, gapNow, f.t(.changeOfTheGap), f.t(.itemsCompared)]
    if tested { heads += [f.t(.significantlySmallerGaps), f.t(.significantlyLargerGaps)] }
    let body = rows.map { row -> HTML in
      let c: GroupChange? = FollowUp.scopeChange(results, followUp, in: row.scope)
      let given = c?.gapChange != nil
      var cells: [HTML] = [
        "<td class=\"num\">\(f.number(c?.gapThen))</td>", "<td class=\"num\">\(f.number(c?.gapNow))</td>",
        "<td class=\"num\">\(f.signed(c?.gapChange, 2))</td>",
        "<td class=\"num\">\(given ? String(c!.items) : "–")</td>",
      ]
      if tested {
        cells += [
          "<td class=\"num\">\(given ? String(c!.smaller) : "–")</td>",
          "<td class=\"num\">\(given ? String(c!.larger) : "–")</td>",
        ]
      }
      return "<tr><th scope=\"row\">\(row.label)</th>\(labelled(cells, heads))</tr>"
    }
    return """
      <h3>\(f.t(.changePerGroup))</h3>
      <p>\(f.t(.groupChangesExplained))</p>
      <table tabindex=0 class="stack"><caption>\(f.t(.changePerGroup))</caption>
      <thead><tr><th scope="col">\(f.t(.respondentGroup))</th>\(heads.map { "<th scope=\"col\">\($0)</th>" as HTML })</tr></thead>
      <tbody>\(body)</tbody></table>
      """
  }
}
