import GapAnalysis
import SurveyModel

/// The follow-up against a baseline.
extension GapReports {
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
    let tableRows = shown.map { c -> HTML in
      let now = results.item(scope, c.item)
      var testCells: HTML = ""
      if tested {
        // A smaller gap is an improvement.
        let mark: HTML =
          c.significant
          ? " <span aria-hidden=\"true\">\((c.gapChange ?? 0) < 0 ? "▼" : "▲")</span><span class=\"sr-only\">\((c.gapChange ?? 0) < 0 ? f.t(.significantlySmallerGap) : f.t(.significantlyLargerGap))</span>"
          : ""
        testCells =
          "<td class=\"num\">\(f.number(c.gapChangeLow)) – \(f.number(c.gapChangeHigh))</td><td class=\"num\">\(f.p(c.pAdjusted))\(mark)</td>"
      }
      var seriesCell: HTML = ""
      if let series {
        let values = series.values[scope]?[c.item] ?? []
        seriesCell = "<td>\(Charts.sparkline(values, rounds: series.rounds, label: f.t(.gapPerRound), f: f))</td>"
      }
      return
        "<tr\(c.significant ? " class=\"significant\"" as HTML : "")><th scope=\"row\">\(itemOf(c.item).text)</th>\(seriesCell)<td class=\"num\">\(f.number(c.baseline?.gapMean)) <span class=\"n\">n=\(count(c.baseline?.n))</span></td><td class=\"num\">\(f.number(now?.gapMean)) <span class=\"n\">n=\(count(now?.n))</span></td><td class=\"num\">\(f.signed(c.gapChange))</td>\(testCells)<td class=\"num\">\(f.signed(c.currentChange))</td></tr>"
    }
    let seriesHeader: HTML = series == nil ? "" : "<th scope=\"col\">\(f.t(.gapPerRound))</th>"
    let testHeaders: HTML =
      tested
      ? "<th scope=\"col\">\(f.t(.n95ConfidenceInterval))</th><th scope=\"col\">\(f.t(.adjustedP))</th>" : ""
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
      <p>\(f.t(.theGapNowAndAtThe))</p>
      \(testNote)
      \(notComparedNote)
      \(shown.isEmpty ? "<p>\(f.t(.noComparableFigures))</p>" as HTML : """
      <table tabindex=0><caption>\(f.t(.changeSinceThePreviousMapping))</caption>
      <thead><tr><th scope="col">\(f.t(.item))</th>\(seriesHeader)<th scope="col">\(f.t(.gapThen))</th><th scope="col">\(f.t(.gapNow))</th><th scope="col">\(f.t(.changeOfTheGap))</th>\(testHeaders)<th scope="col">\(f.t(.changeOfToday))</th></tr></thead>
      <tbody>\(tableRows)</tbody></table>
      """)
      </section>
      """
  }
}
