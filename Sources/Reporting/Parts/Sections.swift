import GapAnalysis
import SurveyModel

/// Section by section: the dumbbell chart, its table, the answer distributions and free text.
extension GapReports {
  /// `charts` false: the tables without the dumbbells (a municipality's appendix, whose
  /// brief already draws it against the county, so that it prints no longer than the
  /// county's report). A section drawn as a grid (`grids`) has no dumbbell here either.
  func sections(_ scope: Scope, reference: Scope?, charts: Bool = true) -> HTML {
    var out: [HTML] = ["<section id=\"avsnitt\"><h2>\(f.t(.sectionBySection))</h2>"]
    for lensRow in sectionRows() {
      guard case .section(let s) = lensRow.group else { continue }
      let section = survey.sections[s]
      let members = lensRow.members
      // A section drawn as a grid among the report's parts keeps only its table here.
      let gridded = survey.grids.contains { $0.section == s }
      let points = results.pairedItems[members[0]].points
      let rows = members.map { p -> Charts.Row in
        let g = results.item(scope, p)
        let r = reference.flatMap { results.item($0, p) }
        return Charts.Row(
          label: itemOf(p).text, current: g?.currentMean, desired: g?.desiredMean, n: g?.n,
          certain: g?.isClearlyPositive ?? false, reference: r.map { ($0.currentMean, $0.desiredMean) })
      }
      let ticks = reference == nil ? "" : f.t(.countyValuesMarkedWithTicks)
      let description = f.t(
        .todayAndDesiredPerItemOnTheScale(points: points.first ?? 1, points2: points.last ?? 5, ticks: ticks))
      let chart = Charts.dumbbell(
        id: "avsnitt-\(section.id)", title: section.title, description: description, rows: rows,
        low: points.first ?? 1, high: points.last ?? 5, f: f)
      // The county shows both county figures: pooled (the columns before) and the
      // municipalities' unweighted average, with how many municipalities it rests on.
      func averageCell(_ p: Int) -> [HTML] {
        guard scope.isCounty else { return [] }
        let average = results.municipalityAverage[p]
        return [
          "<td class=\"num\">\(f.number(average.gapMean)) <span class=\"n\">\(average.municipalities == 1 ? f.t(.n1Municipality) : f.t(.municipalities(municipalities: average.municipalities)))</span></td>"
        ]
      }
      var heads = [f.t(.today2), f.t(.desired), f.t(.gap2), f.t(.n95ConfidenceInterval), "n"]
      if scope.isCounty { heads.append(f.t(.municipalitiesAverageGap)) }
      let tableRows = members.map { p -> HTML in
        let g = results.item(scope, p)
        let cells: [HTML] =
          [
            "<td class=\"num\">\(f.number(g?.currentMean))</td>", "<td class=\"num\">\(f.number(g?.desiredMean))</td>",
            gapCell(g?.gapMean, suppressed: g?.suppressed ?? true, n: nil, certain: g?.isClearlyPositive ?? false),
            "<td class=\"num\">\(f.t(.from(low: f.number(g?.gapCILow), high: f.number(g?.gapCIHigh))))</td>",
            "<td class=\"num\">\(count(g?.n))</td>",
          ] + averageCell(p)
        return "<tr><th scope=\"row\">\(itemOf(p).text)</th>\(labelled(cells, heads))</tr>"
      }
      let bars = members.flatMap { p -> [(label: String, counts: [Int])] in
        guard let g = results.item(scope, p), let c = g.currentCounts, let d = g.desiredCounts else { return [] }
        // The statement itself, shortened to the label column (the table gives it whole).
        let text = itemOf(p).text
        let short = text.count > 28 ? String(text.prefix(27)).trimmingCharacters(in: .whitespaces) + "…" : text
        return [(short + " · " + f.t(.today3), c), (short + " · " + f.t(.desired2), d)]
      }
      out.append(
        """
        <article class="section"><h3>\(section.title)</h3>\(section.description.map { "<p>\($0)</p>" as HTML } ?? "")
        \(charts && !gridded ? "<figure tabindex=0>\(chart)<figcaption>\(description)</figcaption></figure>" as HTML : "")
        <table tabindex=0 class="stack"><caption>\(f.t(.theFiguresOfTheChart)): \(section.title)</caption>
        <thead><tr><th scope="col">\(f.t(.item))</th>\(heads.map { "<th scope=\"col\">\($0)</th>" as HTML })</tr></thead>
        <tbody>\(tableRows)</tbody></table>
        \(bars.isEmpty ? "" : distributionBlock(section, bars, points.count))
        \(commentBlock(scope, s))
        </article>
        """)
    }
    out.append("</section>")
    return HTML.join(out)
  }

  func distributionBlock(_ section: Section, _ bars: [(label: String, counts: [Int])], _ k: Int) -> HTML {
    let swatches = Charts.answerColours.map { "<span class=\"swatch\" style=\"background:\($0)\"></span>" as HTML }
    let description = f.t(.theShareOfAnswersAtEach)
    let k = bars.first?.counts.count ?? k
    let points = results.pairedItems.first { survey.sections[$0.section].id == section.id }?.points ?? Array(1...k)
    let head = points.map { "<th scope=\"col\">\($0)</th>" as HTML }
    let rows = bars.map { bar -> HTML in
      let n = bar.counts.reduce(0, +)
      let cells = bar.counts.map { c -> HTML in
        "<td class=\"num\">\(f.percent(n > 0 ? Double(c) / Double(n) : nil))</td>"
      }
      return
        "<tr><th scope=\"row\">\(bar.label)</th>\(labelled(cells + ["<td class=\"num\">\(n)</td>"], points.map(String.init) + ["n"]))</tr>"
    }
    return """
      <details><summary>\(f.t(.answerDistributions))</summary>
      <p>\(swatches) \(description)</p>
      \(Charts.distribution(id: "fordelning-\(section.id)", title: f.t(.answerDistributions) + ": " + section.title, description: description, bars: bars))
      <table tabindex=0 class="stack"><caption>\(f.t(.shareOfAnswersPerScalePoint)): \(section.title)</caption>
      <thead><tr><th scope="col">\(f.t(.item))</th>\(head)<th scope="col">n</th></tr></thead><tbody>\(rows)</tbody></table>
      </details>
      """
  }

  /// A section's free text, question by question, as `GapResults.freeText` lets it be
  /// shown (decided in GapAnalysis); identical answers once, with their number.
  func commentBlock(_ scope: Scope, _ s: Int) -> HTML {
    guard let freeText = results.freeText else { return "" }
    let places: [Int?] =
      scope.isCounty ? [nil] + survey.county.municipalities.indices.map(Optional.some) : [scope.municipality]
    var withheld = false
    var blocks: [HTML] = []
    var total = 0
    for (i, item) in survey.sections[s].items.enumerated() {
      guard case .text = item.kind else { continue }
      var counts: [String: Int] = [:]
      for place in places {
        if freeText.isWithheld(municipality: place, section: s, item: i) && !scope.isCounty { withheld = true }
        for text in freeText.shown(municipality: place, section: s, item: i) { counts[text, default: 0] += 1 }
      }
      guard !counts.isEmpty else { continue }
      let answers = counts.values.reduce(0, +)
      total += answers
      let list = counts.keys.sorted().map { text -> HTML in
        counts[text]! > 1 ? "<li>\(text) <span class=\"count\">(\(counts[text]!))</span></li>" : "<li>\(text)</li>"
      }
      blocks.append(
        """
        <h5>\(item.text) <span class="n">(\(answers) \(answers == 1 ? f.t(.oneAnswer) : f.t(.manyAnswers)))</span></h5>
        <ul class="comments">\(list)</ul>
        """)
    }
    if blocks.isEmpty {
      guard withheld else { return "" }
      return """
        <p class="note">\(f.t(.freeTextHiddenInSmallMunicipality(minimumGroupSize: results.minimumGroupSize)))</p>
        """
    }
    // Plain lists, not a disclosure widget: printed pages show them too.
    return """
      <h4>\(f.t(.freeTextAnswers)) (\(total))</h4>
      \(blocks)
      """
  }
}
