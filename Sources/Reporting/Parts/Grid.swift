import GapAnalysis
import SurveyModel

/// A section declared as a grid (`report: grid:`): its statements as rows × columns of two
/// tag vocabularies' values instead of a long dumbbell chart. Each cell holds the current
/// state and the gap, coloured by the gap's size and hatched when the figure is uncertain
/// (`ItemGap.verdict`, `ItemGap.imprecise`), and on a municipality's page ▲/▼ where its gap
/// differs from the rest of the county's with support (`MunicipalityComparison`). The
/// section's choice or rating questions tagged with a row's value only stand beside that
/// row.
extension GapReports {
  func grids(_ scope: Scope) -> HTML {
    HTML.join(survey.grids.map { grid(scope, $0) })
  }

  /// The paired item (index into `GapResults.pairedItems`) in each cell of a grid, by row
  /// and column value, and the single items (into `GapResults.singleItems`) beside each row.
  func gridCells(_ grid: Survey.Grid) -> (cells: [[Int?]], beside: [[Int]]) {
    let rows = survey.gridVocabularies[grid.rows]
    let columns = survey.gridVocabularies[grid.columns]
    var tags: [String: [String: [String]]] = [:]
    for item in survey.sections[grid.section].items { tags[item.id] = item.tags }
    func has(_ id: String, _ vocabulary: TagVocabulary, _ value: String) -> Bool {
      tags[id]?[vocabulary.id]?.contains(value) ?? false
    }
    let cells = rows.values.map { r in
      columns.values.map { c in
        results.pairedItems.indices.first { p in
          let item = results.pairedItems[p]
          return item.section == grid.section && has(item.id, rows, r.id) && has(item.id, columns, c.id)
        }
      }
    }
    let beside = rows.values.map { r in
      results.singleItems.indices.filter { s in
        let item = results.singleItems[s]
        return item.section == grid.section && has(item.id, rows, r.id) && (tags[item.id]?[columns.id] ?? []).isEmpty
      }
    }
    return (cells, beside)
  }

  func grid(_ scope: Scope, _ grid: Survey.Grid) -> HTML {
    let section = survey.sections[grid.section]
    let rows = survey.gridVocabularies[grid.rows]
    let columns = survey.gridVocabularies[grid.columns]
    let (cells, beside) = gridCells(grid)
    let hasBeside = beside.contains { !$0.isEmpty }
    let points = cells.lazy.flatMap { $0 }.compactMap { $0 }.first.map { results.pairedItems[$0].points } ?? []
    let heads = columns.values.map(\.label) + (hasBeside ? [f.t(.alsoAsked)] : [])

    func cell(_ p: Int?) -> HTML {
      guard let p, let g = results.item(scope, p), !g.suppressed, let gap = g.gapMean else {
        return "<td class=\"num suppressed\">–</td>"
      }
      let certain = g.verdict == .supported && !g.imprecise
      var mark: HTML = ""
      if let m = scope.municipality,
        let comparison = results.comparisons.first(where: { $0.municipality == m && $0.item == p }),
        comparison.verdict == .supported, let difference = comparison.difference, difference != 0
      {
        let larger = difference > 0
        mark =
          " <span class=\"mark\" aria-hidden=\"true\">\(larger ? "▲" : "▼")</span><span class=\"sr-only\">\(larger ? f.t(.significantlyLargerThanInTheRest) : f.t(.significantlySmallerThanInTheRest))</span>"
      }
      let uncertain: HTML = certain ? "" : "<span class=\"sr-only\"> (\(f.t(.uncertainGap)))</span>"
      return
        "<td class=\"num heat h\(Charts.gapClass(gap))\(certain ? "" : " weak")\"><span class=\"sr-only\">\(f.t(.today2)) </span><span class=\"now\">\(f.number(g.currentMean))</span> <span class=\"n\">\(f.t(.gap)) \(f.number(gap))\(uncertain)</span>\(mark)</td>"
    }

    func besideCell(_ singles: [Int]) -> HTML {
      let parts = singles.map { s -> HTML in
        let item = results.singleItems[s]
        guard let shares = results.answerShares[scope]?.first(where: { $0.item == s }), !shares.suppressed,
          let values = shares.shares
        else {
          return "<span class=\"beside-q\">\(item.text)</span> –"
        }
        let answers = zip(item.answers, values).map { answer, share in
          "\(item.isChoice ? answer.label : answer.id) \(f.percent(share.share))"
        }
        return
          "<span class=\"beside-q\">\(item.text)</span> \(answers.joined(separator: ", ")) <span class=\"n\">n = \(count(shares.n))</span>"
      }
      return "<td class=\"beside\">\(HTML.join(parts, separator: "<br>"))</td>"
    }

    let body = rows.values.indices.map { r -> HTML in
      let row = cells[r].map(cell) + (hasBeside ? [besideCell(beside[r])] : [])
      return "<tr><th scope=\"row\">\(rows.values[r].label)</th>\(labelled(row, heads))</tr>"
    }
    let marks: HTML = scope.municipality == nil ? "" : " \(f.t(.gridMarks))"
    return """
      <section id="rutnat-\(section.id)"><h2>\(section.title)</h2>
      <p>\(f.t(.gridReads(low: points.first ?? 1, high: points.last ?? 5)))\(marks)</p>
      <table tabindex=0 class="stack agreements"><caption>\(section.title): \(rows.label.lowercased()) × \(columns.label.lowercased())</caption>
      <thead><tr><th scope="col">\(rows.label)</th>\(heads.map { "<th scope=\"col\">\($0)</th>" as HTML })</tr></thead>
      <tbody>\(body)</tbody></table>
      </section>
      """
  }
}
