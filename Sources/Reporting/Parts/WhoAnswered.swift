import GapAnalysis
import SurveyModel

/// Who answered: respondents per municipality and group, and the rows read and rejected.
extension GapReports {
  func whoAnswered() -> HTML {
    var rows: [HTML] = []
    let places: [(String, Scope)] =
      survey.county.municipalities.indices.map { (survey.county.municipalities[$0].name, Scope(municipality: $0)) }
    var header: [HTML] = [
      "<th scope=\"col\">\(f.t(.municipality))</th><th scope=\"col\">\(f.t(.respondents2))</th>"
    ]
    for dimension in survey.dimensions {
      for value in dimension.values { header.append("<th scope=\"col\">\(value.label)</th>") }
      header.append("<th scope=\"col\">\(dimension.label): \(f.t(.unknown))</th>")
    }
    // One row: a place's total, then each dimension's groups (unknown last), by `figure`.
    func row(_ name: String, place: Int?, _ figure: (Scope) -> Int?) -> HTML {
      var scopes = [Scope(municipality: place)]
      for (d, dimension) in survey.dimensions.enumerated() {
        for v in 0...dimension.values.count { scopes.append(Scope(municipality: place, dimension: d, value: v)) }
      }
      let cells = scopes.map { "<td class=\"num\">\(count(figure($0)))</td>" as HTML }
      return "<tr><th scope=\"row\">\(name)</th>\(cells)</tr>"
    }
    for (name, scope) in places {
      rows.append(row(name, place: scope.municipality) { results.respondents[$0] })
    }
    // County-wide respondents: the county (or a county group) minus its municipalities,
    // shown only where every term is shown (then the figure can be derived anyway, and the
    // suppression has made sure it is not a small group).
    rows.append(
      row("\(survey.county.countyWide.name) (\(f.t(.countyWide)))", place: nil) { county in
        guard var rest = results.respondents[county] else { return nil }
        for m in survey.county.municipalities.indices {
          let part = Scope(municipality: m, dimension: county.dimension, value: county.value)
          guard let n = results.respondents[part] else { return nil }
          rest -= n
        }
        return rest
      })
    rows.append(row(f.t(.theWholeCountyEveryone), place: nil) { results.respondents[$0] })
    let totals = (
      read: files.reduce(0) { $0 + $1.read }, accepted: files.reduce(0) { $0 + $1.accepted },
      rejected: files.reduce(0) { $0 + $1.rejected }
    )
    var reasons: [String: Int] = [:]
    for file in files { for row in file.rejectedRows { reasons[row.reason.code, default: 0] += 1 } }
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
    default: return f.t(.otherReason) + " (\(code))"
    }
  }
}
