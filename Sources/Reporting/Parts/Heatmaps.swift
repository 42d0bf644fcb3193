import GapAnalysis
import SurveyModel

/// The county's heat maps: gap per municipality and section, and per declared tag.
extension GapReports {
  func heatmaps() -> HTML {
    func table(caption: String, groups: [(RollUp.Group, String)]) -> HTML {
      let head = groups.map { "<th scope=\"col\">\($0.1)</th>" as HTML }
      var rows: [HTML] = []
      for m in survey.county.municipalities.indices + [-1] {
        let scope = m < 0 ? Scope.county : Scope(municipality: m)
        let name = m < 0 ? f.t(.countyEveryone) : survey.county.municipalities[m].name
        let cells = groups.map { group, _ -> HTML in
          let r = results.rollUps[scope]?.first { $0.group == group }
          return gapCell(
            r?.gapMean, suppressed: r?.suppressed ?? true, n: r?.respondents,
            certain: !results.imprecise(scope, group: group))
        }
        rows.append("<tr><th scope=\"row\">\(name)</th>\(labelled(cells, groups.map(\.1)))</tr>")
      }
      // The same figures transposed for a phone: each area a block of its municipalities.
      let places =
        survey.county.municipalities.indices.map { (Scope(municipality: $0), survey.county.municipalities[$0].name) }
        + [(Scope.county, f.t(.countyEveryone))]
      let transposed = groups.map { group, label -> HTML in
        let cells = places.map { scope, _ -> HTML in
          let r = results.rollUps[scope]?.first { $0.group == group }
          return gapCell(
            r?.gapMean, suppressed: r?.suppressed ?? true, n: r?.respondents,
            certain: !results.imprecise(scope, group: group))
        }
        return "<tr><th scope=\"row\">\(label)</th>\(labelled(cells, places.map(\.1)))</tr>"
      }
      return """
        <div class="heat-wide"><table tabindex=0 class="heatmap stack"><caption>\(caption)</caption>
        <thead><tr><th scope="col">\(f.t(.municipality))</th>\(head)</tr></thead><tbody>\(rows)</tbody></table></div>
        <div class="heat-phone"><table tabindex=0 class="heatmap stack"><caption>\(caption)</caption>
        <thead><tr><th scope="col">\(f.t(.area))</th>\(places.map { "<th scope=\"col\">\($0.1)</th>" as HTML })</tr></thead><tbody>\(transposed)</tbody></table></div>
        """
    }
    let sectionGroups = survey.sections.indices.compactMap { s -> (RollUp.Group, String)? in
      results.rollUps[.county]?.contains { $0.group == .section(s) } == true
        ? (.section(s), survey.sections[s].title) : nil
    }
    var areaGroups: [(RollUp.Group, String)] = []
    if let v = survey.heatmapTag {
      for (t, tag) in results.tagValues.enumerated() where tag.vocabulary == v {
        areaGroups.append((.tag(t), tag.label))
      }
    }
    var out: HTML = """
      <section id="karta"><h2>\(f.t(.theGapsAcrossTheCounty))</h2>
      <p>\(f.t(.theMeanOfTheItemsGaps))</p>
      \(table(caption: f.t(.gapPerMunicipalityAndSection), groups: sectionGroups))
      """
    if !areaGroups.isEmpty {
      out =
        out
        + table(
          caption: f.t(.gapPerMunicipalityAndDevelopmentArea),
          groups: areaGroups)
    }
    return out + "</section>"
  }
}
