import GapAnalysis
import SurveyModel

/// Every lens of the survey as a view: sections and each tag vocabulary as rows, the
/// place's respondents as a whole and by each respondent dimension (organisation, level)
/// as columns. On a municipality's page the county's figure stands beside its own.
extension GapReports {
  func lenses(_ scope: Scope) -> HTML {
    var views: [(id: String, title: String, rows: [LensRow])] = [("avsnitt", f.t("Avsnitt", "Sections"), sectionRows())]
    for (v, vocabulary) in survey.tagVocabularies.enumerated() {
      let rows = tagRows(vocabulary: v)
      if !rows.isEmpty { views.append((vocabulary.id, vocabulary.label, rows)) }
    }
    var columns: [(label: String, scope: Scope)] = [(f.t("Alla", "All"), scope)]
    if !scope.isCounty { columns.append((f.t("Länet", "County"), .county)) }
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
          return gapCell(r?.gapMean, suppressed: r == nil, n: r?.respondents)
        }
        return "<tr><th scope=\"row\">\(row.label)</th>\(cells)</tr>"
      }
      return """
        <table tabindex=0 class="heatmap" id="lins-\(view.id)"><caption>\(f.t("Gap per \(view.title.lowercased()) och grupp", "Gap per \(view.title.lowercased()) and group"))</caption>
        <thead><tr><th scope="col">\(view.title)</th>\(head)</tr></thead><tbody>\(rows)</tbody></table>
        """
    }
    let dimensions = survey.dimensions.map { $0.label.lowercased() }
    let byWhat =
      dimensions.count > 1
      ? dimensions.dropLast().joined(separator: ", ") + f.t(" och ", " and ") + dimensions.last!
      : dimensions.first ?? ""
    let place = scope.municipality.map { survey.county.municipalities[$0].name } ?? survey.county.name
    return """
      <section id="linser"><h2>\(f.t("Genom länets linser", "Through the county's lenses"))</h2>
      <p>\(f.t("Medelgapet i \(place) för varje avsnitt och varje värde av enkätens linser (utvecklingsområden, prioriterade grupper och övriga taggar), för alla svarande och uppdelat på \(byWhat). Varje påstående väger lika; n är svarande bakom siffran. – betyder för få svarande.", "The mean gap in \(place) for each section and each value of the survey's lenses (development areas, priority groups and other tags), for all respondents and by \(byWhat). Every item weighs the same; n is the respondents behind the figure. – means too few respondents."))</p>
      \(tables)
      </section>
      """
  }
}
