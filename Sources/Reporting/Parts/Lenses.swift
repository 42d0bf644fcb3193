import GapAnalysis
import SurveyModel

/// Every lens of the survey as a view: sections and each tag vocabulary as rows, the
/// place's respondents as a whole and by each respondent dimension (organisation, level)
/// as columns. On a municipality's page the county's figure stands beside its own.
extension GapReports {
  func lenses(_ scope: Scope) -> HTML {
    var views: [(id: String, title: String, rows: [LensRow])] = [("avsnitt", f.t(.sections), sectionRows())]
    for (v, vocabulary) in survey.tagVocabularies.enumerated() {
      let rows = tagRows(vocabulary: v)
      if !rows.isEmpty { views.append((vocabulary.id, vocabulary.label, rows)) }
    }
    var columns: [(label: String, scope: Scope)] = [(f.t(.all), scope)]
    if !scope.isCounty { columns.append((f.t(.county), .county)) }
    for (d, dimension) in survey.dimensions.enumerated() {
      for (v, value) in dimension.values.enumerated() {
        columns.append(
          ("\(dimension.label): \(value.label)", Scope(municipality: scope.municipality, dimension: d, value: v)))
      }
    }
    let head = columns.map { "<th scope=\"col\">\($0.label)</th>" as HTML }
    let tables = views.map { view -> HTML in
      let rows = view.rows.map { row -> HTML in
        let cells = columns.map { column -> HTML in
          let r = rollUp(column.scope, row.group)
          return gapCell(
            r?.gapMean, suppressed: r == nil, n: r?.respondents,
            certain: !results.imprecise(column.scope, group: row.group))
        }
        return "<tr><th scope=\"row\">\(row.label)</th>\(labelled(cells, columns.map(\.label)))</tr>"
      }
      return """
        <table tabindex=0 class="heatmap stack" id="lins-\(view.id)"><caption>\(f.t(.gapPerAndGroup(view: view.title.lowercased())))</caption>
        <thead><tr><th scope="col">\(view.title)</th>\(head)</tr></thead><tbody>\(rows)</tbody></table>
        """
    }
    let dimensions = survey.dimensions.map { $0.label.lowercased() }
    let byWhat =
      dimensions.count > 1
      ? dimensions.dropLast().joined(separator: ", ") + f.t(.and) + dimensions.last!
      : dimensions.first ?? ""
    let names = [f.t(.sections)] + survey.tagVocabularies.map(\.label)
    let lensList = (names.dropLast().joined(separator: ", ") + f.t(.and) + (names.last ?? "")).lowercased()
    let place = scope.municipality.map { survey.county.municipalities[$0].name } ?? survey.county.name
    return """
      <section id="linser"><h2>\(f.t(.perLenses(list: lensList)))</h2>
      <p>\(f.t(.theMeanGapInForEach(place: place, byWhat: byWhat)))</p>
      \(tables)
      </section>
      """
  }
}
