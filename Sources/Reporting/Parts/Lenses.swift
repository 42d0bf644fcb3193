import GapAnalysis
import SurveyModel

/// Every lens of the survey in one view: the sections and each tag vocabulary's values as
/// rows (a row group per lens), the place's respondents as a whole and by each respondent
/// dimension (organisation, level) as columns. A group's cell is marked ▲/▼ only where it
/// differs from all of the place's respondents with statistical support
/// (`GapResults.againstAll`); a column hidden throughout is left out and named below; the
/// certainty rule decides each cell's colour. On a municipality's page the county's figure
/// stands beside its own.
extension GapReports {
  func lenses(_ scope: Scope) -> HTML {
    var views: [(title: String, rows: [LensRow])] = [(f.t(.sections), sectionRows())]
    for (v, vocabulary) in survey.tagVocabularies.enumerated() {
      let rows = tagRows(vocabulary: v)
      if !rows.isEmpty { views.append((vocabulary.label, rows)) }
    }
    let allRows = views.flatMap(\.rows)
    var columns: [(label: String, scope: Scope)] = [(f.t(.all), scope)]
    if !scope.isCounty { columns.append((f.t(.county), .county)) }
    var hiddenColumns: [String] = []
    for (d, dimension) in survey.dimensions.enumerated() {
      for (v, value) in dimension.values.enumerated() {
        let group = Scope(municipality: scope.municipality, dimension: d, value: v)
        let label = "\(dimension.label): \(value.label)"
        // A column with no figure at all says nothing but "–": named once instead.
        if allRows.allSatisfy({ rollUp(group, $0.group) == nil }) {
          hiddenColumns.append(label)
        } else {
          columns.append((label, group))
        }
      }
    }
    let heads = columns.map(\.label)
    // Every group cell with a figure is one of the view's tests (Bonferroni over them).
    let tests = allRows.reduce(0) { sum, row in
      sum + columns.filter { $0.scope.dimension != nil && rollUp($0.scope, row.group) != nil }.count
    }
    let bodies = views.map { view -> HTML in
      let rows = view.rows.map { row -> HTML in
        let cells = columns.map { column -> HTML in
          let r = rollUp(column.scope, row.group)
          // All respondents (and the county beside a municipality) in the gap's colour; a
          // group plain, unless it differs from all with support: then marked.
          guard column.scope.dimension != nil else {
            return gapCell(
              r?.gapMean, suppressed: r == nil, n: r?.respondents,
              certain: !results.imprecise(column.scope, group: row.group))
          }
          guard let r, let gap = r.gapMean else { return "<td class=\"num suppressed\">–</td>" }
          let n: HTML = r.respondents.map { " <span class=\"n\">n=\($0)</span>" } ?? ""
          let against = results.againstAll(column.scope, group: row.group, tests: tests)
          guard against.verdict == .supported else { return "<td class=\"num\">\(f.number(gap))\(n)</td>" }
          let larger = against.direction > 0
          return
            "<td class=\"num differs \(larger ? "up" : "down")\">\(f.number(gap)) <span aria-hidden=\"true\">\(larger ? "▲" : "▼")</span><span class=\"sr-only\">\(larger ? f.t(.largerThanAllWithSupport) : f.t(.smallerThanAllWithSupport))</span>\(n)</td>"
        }
        return "<tr><th scope=\"row\">\(row.label)</th>\(labelled(cells, heads))</tr>"
      }
      return
        "<tbody><tr class=\"group\"><th scope=\"rowgroup\" colspan=\"\(heads.count + 1)\">\(view.title)</th></tr>\(rows)</tbody>"
    }
    let dimensions = survey.dimensions.map { $0.label.lowercased() }
    let byWhat =
      dimensions.count > 1
      ? dimensions.dropLast().joined(separator: ", ") + f.t(.and) + dimensions.last!
      : dimensions.first ?? ""
    let names = [f.t(.sections)] + survey.tagVocabularies.map(\.label)
    let lensList = (names.dropLast().joined(separator: ", ") + f.t(.and) + (names.last ?? "")).lowercased()
    let place = scope.municipality.map { survey.county.municipalities[$0].name } ?? survey.county.name
    let hiddenNote: HTML =
      hiddenColumns.isEmpty
      ? ""
      : "<p class=\"note\">\(f.t(.columnsHiddenThroughout(list: hiddenColumns.joined(separator: f.t(.listSeparator)), minimum: results.minimumGroupSize)))</p>"
    return """
      <section id="linser"><h2>\(f.t(.perLenses(list: lensList)))</h2>
      <p>\(f.t(.theMeanGapInForEach(place: place, byWhat: byWhat)))</p>
      <p>\(f.t(.lensMarksNote))</p>
      <table tabindex=0 class="heatmap stack lenses" id="linsvy"><caption>\(f.t(.gapPerAndGroup(view: lensList)))</caption>
      <thead><tr><th scope="col">\(f.t(.area))</th>\(heads.map { "<th scope=\"col\">\($0)</th>" as HTML })</tr></thead>
      \(bodies)</table>
      \(hiddenNote)
      </section>
      """
  }
}
