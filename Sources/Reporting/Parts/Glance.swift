import GapAnalysis
import SurveyModel

/// A municipality against the county at a glance: each section and each value of the
/// heat-map lens as a row, with the municipality's gap, the county's, the municipalities'
/// average, the municipality's position among the municipalities (coloured as Kolada
/// colours relative position, and saying so) and how many of the row's items differ
/// significantly from the rest of the county.
extension GapReports {
  /// A group of items the glance and the lens views show as one row.
  struct LensRow {
    var group: RollUp.Group
    var label: String
    var members: [Int]
  }

  func sectionRows() -> [LensRow] {
    survey.sections.enumerated().compactMap { s, section in
      let members = results.pairedItems.indices.filter { results.pairedItems[$0].section == s }
      return members.isEmpty ? nil : LensRow(group: .section(s), label: section.title, members: members)
    }
  }

  func tagRows(vocabulary v: Int) -> [LensRow] {
    results.tagValues.enumerated().compactMap { t, tag in
      guard tag.vocabulary == v else { return nil }
      let members = results.pairedItems.indices.filter { results.pairedItems[$0].tags.contains(t) }
      return members.isEmpty
        ? nil : LensRow(group: .tag(t), label: tag.label, members: members)
    }
  }

  func rollUp(_ scope: Scope, _ group: RollUp.Group) -> RollUp? {
    results.rollUps[scope]?.first { $0.group == group && !$0.suppressed && $0.gapMean != nil }
  }

  /// The municipalities' unweighted mean of a group's gap, over those with a figure.
  func municipalityAverage(_ group: RollUp.Group) -> (mean: Double, municipalities: Int)? {
    let means = survey.county.municipalities.indices.compactMap { rollUp(Scope(municipality: $0), group)?.gapMean }
    return means.isEmpty ? nil : (means.reduce(0, +) / Double(means.count), means.count)
  }

  /// Where a municipality's gap stands among the municipalities with a figure.
  func position(_ m: Int, _ group: RollUp.Group) -> (rank: Int, of: Int)? {
    guard let own = rollUp(Scope(municipality: m), group)?.gapMean else { return nil }
    let all = survey.county.municipalities.indices.compactMap { rollUp(Scope(municipality: $0), group)?.gapMean }
    return Self.rank(own, among: all)
  }

  /// A rank among the municipalities in the one direction the whole report uses: 1 is the
  /// largest gap (ties share the better rank). No rank among fewer than 3.
  static func rank(_ own: Double, among all: [Double]) -> (rank: Int, of: Int)? {
    guard all.count >= 3 else { return nil }
    return (all.filter { $0 > own }.count + 1, all.count)
  }

  func glance(_ m: Int) -> HTML {
    let scope = Scope(municipality: m)
    var rows = sectionRows()
    if let v = survey.heatmapTag { rows += tagRows(vocabulary: v) }
    let sectionCount = sectionRows().count
    let lens = survey.heatmapTag.map { survey.tagVocabularies[$0].label.lowercased() }
    let perArea =
      lens.map { f.t(.perSectionAnd(value: $0)) } ?? f.t(.perSection)
    let heads = [
      f.t(.municipalitySGap), f.t(.countyGap), f.t(.municipalitiesAverage), f.t(.positionAmongTheMunicipalities),
      f.t(.itemsThatDifferFromTheRest),
    ]
    let tableRows = rows.enumerated().map { i, row -> HTML in
      let own = rollUp(scope, row.group)
      let county = rollUp(.county, row.group)
      let average = municipalityAverage(row.group)
      let comparison = results.comparison(municipality: m, group: row.group)
      let (larger, smaller) = (comparison.larger, comparison.smaller)
      // The rank is drawn neutral; only a difference the test supports has a colour.
      let positionCell: HTML
      if let p = position(m, row.group) {
        let colour: HTML = comparison.direction > 0 ? " band b2" : comparison.direction < 0 ? " band b0" : ""
        positionCell = "<td class=\"rank\(colour)\">\(f.t(.placeOf(rank: p.rank, of: p.of)))</td>"
      } else {
        positionCell = "<td class=\"suppressed\">–</td>"
      }
      let differs: HTML =
        larger + smaller == 0
        ? "<td>\(f.t(.none))</td>"
        : "<td>\(larger > 0 ? "<span aria-hidden=\"true\">▲</span> \(larger) \(f.t(.larger))" as HTML : "")\(larger > 0 && smaller > 0 ? ", " : "")\(smaller > 0 ? "<span aria-hidden=\"true\">▼</span> \(smaller) \(f.t(.smaller))" as HTML : "")</td>"
      let groupStart: HTML =
        i == sectionCount && i > 0
        ? "<tr class=\"group\"><th scope=\"colgroup\" colspan=\"\(heads.count + 1)\">\(survey.heatmapTag.map { survey.tagVocabularies[$0].label } ?? "")</th></tr>"
        : ""
      let cells: [HTML] = [
        gapCell(
          own?.gapMean, suppressed: own == nil, n: own?.respondents,
          certain: !results.imprecise(scope, group: row.group)),
        "<td class=\"num\">\(f.number(county?.gapMean))</td>", "<td class=\"num\">\(f.number(average?.mean))</td>",
        positionCell, differs,
      ]
      return "\(groupStart)<tr><th scope=\"row\">\(row.label)</th>\(labelled(cells, heads))</tr>"
    }
    return """
      <section id="overblick"><h2>\(f.t(.theMunicipalityAgainstTheCounty))</h2>
      <p>\(f.t(.theMeanGapDesiredMinusToday(perArea: perArea)))</p>
      <table tabindex=0 class="glance"><caption>\(f.t(.municipalityGapsAgainstTheCountyPerArea))</caption>
      <thead><tr><th scope="col">\(f.t(.area))</th>\(heads.map { "<th scope=\"col\">\($0)</th>" as HTML })</tr></thead>
      <tbody>\(tableRows)</tbody></table>
      </section>
      """
  }
}
