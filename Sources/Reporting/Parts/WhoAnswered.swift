import GapAnalysis
import SurveyModel

/// Who answered: respondents per municipality and group, and the rows read and rejected.
extension GapReports {
  func whoAnswered() -> HTML {
    var rows: [HTML] = []
    let places: [(String, Scope)] =
      survey.county.municipalities.indices.map { (survey.county.municipalities[$0].name, Scope(municipality: $0)) }
    // The response rate beside the total, where the survey says how many were invited.
    let invited = survey.county.municipalities.map(\.invited) + [survey.county.countyWide.invited]
    let showsRate = invited.contains { $0 != nil }
    var header: [HTML] = [
      "<th scope=\"col\">\(f.t(.municipality))</th><th scope=\"col\">\(f.t(.respondents2))</th>"
    ]
    if showsRate { header.append("<th scope=\"col\">\(f.t(.responseRate))</th>") }
    for dimension in survey.dimensions {
      for value in dimension.values { header.append("<th scope=\"col\">\(value.label)</th>") }
      header.append("<th scope=\"col\">\(dimension.label): \(f.t(.unknown))</th>")
    }
    // One row: a place's total, then each dimension's groups (unknown last), by `figure`.
    func row(_ name: String, place: Int?, invited: Int?, _ figure: (Scope) -> Int?) -> HTML {
      var scopes = [Scope(municipality: place)]
      for (d, dimension) in survey.dimensions.enumerated() {
        for v in 0...dimension.values.count { scopes.append(Scope(municipality: place, dimension: d, value: v)) }
      }
      var cells = scopes.map { "<td class=\"num\">\(count(figure($0)))</td>" as HTML }
      if showsRate {
        let total = figure(scopes[0])
        let rate = total.flatMap { n in invited.flatMap { $0 > 0 ? self.rate(n, $0) : nil } } ?? "–"
        cells.insert("<td class=\"num\">\(rate)</td>", at: 1)
      }
      return "<tr><th scope=\"row\">\(name)</th>\(cells)</tr>"
    }
    for (name, scope) in places {
      let asked = survey.county.municipalities[scope.municipality!].invited?.total
      rows.append(row(name, place: scope.municipality, invited: asked) { results.respondents[$0] })
    }
    // The respondents whose municipality cell was blank: a group of the county, suppressed
    // like any other, and a row only when the run has any.
    let unknown = Response.unknownMunicipality
    let anyUnknown = files.contains { $0.unknownMunicipality > 0 }
    if anyUnknown {
      rows.append(row(f.t(.countyWithoutMunicipality), place: unknown, invited: nil) { results.respondents[$0] })
    }
    // County-wide respondents: the county (or a county group) minus its municipalities and
    // okänd kommun, shown only where every term is shown (then the figure can be derived
    // anyway, and the suppression has made sure it is not a small group).
    rows.append(
      row(
        f.t(.countyWide), place: nil,
        invited: survey.county.countyWide.invited?.total
      ) { county in
        guard var rest = results.respondents[county] else { return nil }
        for m in Array(survey.county.municipalities.indices) + [unknown] {
          let part = Scope(municipality: m, dimension: county.dimension, value: county.value)
          // Okänd kommun is empty (and so hidden) in a run without blank municipalities.
          guard let n = results.respondents[part] ?? (m == unknown && !anyUnknown ? 0 : nil) else { return nil }
          rest -= n
        }
        return rest
      })
    let everyone = invited.allSatisfy { $0 != nil } ? invited.reduce(0) { $0 + $1!.total } : nil
    rows.append(row(f.t(.theWholeCountyEveryone), place: nil, invited: everyone) { results.respondents[$0] })
    let totals = (
      read: files.reduce(0) { $0 + $1.read }, accepted: files.reduce(0) { $0 + $1.accepted },
      rejected: files.reduce(0) { $0 + $1.rejected }
    )
    var reasons: [String: Int] = [:]
    for file in files { reasons.merge(file.rejectedReasons, uniquingKeysWith: +) }
    let reasonRows = reasons.keys.sorted().map { code -> HTML in
      "<li>\(reasonLabel(code)): \(reasons[code]!)</li>"
    }
    return """
      <section id="svarande"><h2>\(f.t(.whoAnswered))</h2>
      <table tabindex=0><caption>\(f.t(.respondentsPerMunicipalityAndGroup))</caption>
      <thead><tr>\(header)</tr></thead><tbody>\(rows)</tbody></table>
      <p>\(f.t(.rowsInTheExports)): \(totals.read); \(f.t(.accepted)): \(totals.accepted); \(f.t(.rejected)): \(totals.rejected) (\(f.t(.theRejectedRowsAndTheAccounting))).</p>
      <ul>\(reasonRows)</ul>
      </section>
      """
  }

  func reasonLabel(_ code: String) -> String {
    switch code {
    case "missing_municipality": return f.t(.municipalityMissing)
    case "unknown_municipality": return f.t(.unknownMunicipality)
    case "duplicate_respondent": return f.t(.duplicateOfAnEarlierAnswer)
    case "field_count": return f.t(.wrongNumberOfFields)
    case "file_not_imported": return f.t(.theFileCouldNotBeRead)
    case "municipality_not_allowed": return f.t(.notTheOrganisationsMunicipality)
    default: return f.t(.otherReason) + " (\(code))"
    }
  }
}
