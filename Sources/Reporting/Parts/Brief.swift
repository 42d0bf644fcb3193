import GapAnalysis
import SurveyModel

/// The first screen of every report, a brief a leader reads in five minutes: three messages
/// drawn from the figures, one chart, the response rate and the headline of the rating and
/// choice questions. The county's opens with the change when there is an earlier round,
/// else with the largest supported gaps by development area and priority group; a
/// municipality's opens with "we against the county". Every claim in it carries the
/// verdict the analysis gave (`Verdict`): what the test does not support is marked or left
/// out, and what cannot be compared is said to be so.
extension GapReports {
  /// The tag vocabularies the brief speaks through: the survey's `report: brief:`, else its
  /// first two.
  var briefVocabularies: [Int] {
    survey.briefTags.isEmpty ? Array(survey.tagVocabularies.indices.prefix(2)) : survey.briefTags
  }

  /// A lens row's figures for the brief: the gap, its conservative interval and whether the
  /// interval lies above zero.
  struct BriefFigure {
    var row: LensRow
    var gap: Double
    var interval: (low: Double, high: Double)?
    var supported: Bool
  }

  func briefFigures(_ scope: Scope, vocabulary v: Int) -> [BriefFigure] {
    tagRows(vocabulary: v).compactMap { row in
      guard let gap = rollUp(scope, row.group)?.gapMean else { return nil }
      let interval = results.interval(scope, group: row.group)
      return BriefFigure(row: row, gap: gap, interval: interval, supported: (interval?.low ?? 0) > 0)
    }
  }

  func brief(_ scope: Scope) -> HTML {
    var messages: [HTML] = []
    if let m = scope.municipality {
      messages.append(againstTheCountyMessage(m))
      if let change = changeMessage(scope) { messages.append(change) }
      messages.append(largestGapsMessage(scope))
      messages.append(mellanrumMessage(scope))
    } else {
      if let change = changeMessage(scope) { messages.append(change) }
      messages.append(largestGapsMessage(scope))
      messages.append(mellanrumMessage(scope))
      if messages.count < 3 { messages.append(strengthsMessage(scope)) }
    }
    let few = fewComparableNote(scope)
    let rounds = roundsChart(scope)
    // The county opens with the change when there is an earlier round.
    let chart = scope.municipality.map { againstTheCountyChart($0) } ?? (rounds == "" ? countyChart() : "")
    return """
      <section id="i-korthet" class="brief" aria-labelledby="i-korthet-h">
      <h2 id="i-korthet-h">\(f.t(.inBrief))</h2>
      \(few)
      \(facts(scope))
      <ol class="messages">\(messages.prefix(3).map { "<li>\($0)</li>" as HTML })</ol>
      \(chart)
      \(rounds)
      \(groupsMovedDifferently(scope))
      \(headlines(scope))
      \(survey.purpose.map { "<p class=\"purpose\"><strong>\(f.t(.whatWeAsk)):</strong> \($0)</p>" as HTML } ?? "")
      <p class="note">\(f.t(.theAppendixHolds))</p>
      </section>
      """
  }

  /// "Largest gaps": per brief vocabulary, its values whose gap is supported, largest first
  /// (at most two), and the largest supported single statement.
  func largestGapsMessage(_ scope: Scope) -> HTML {
    var parts: [String] = []
    for v in briefVocabularies {
      let vocabulary = survey.tagVocabularies[v].label.lowercased()
      // The values above the vocabulary's average (at most two, and any tied with the last
      // at the shown precision); where all are level, the largest.
      let figures = briefFigures(scope, vocabulary: v)
      let average = figures.map(\.gap).reduce(0, +) / Double(max(1, figures.count))
      let ranked = figures.filter(\.supported).sorted {
        ($0.gap, -$0.row.members.count) > ($1.gap, -$1.row.members.count)
      }
      var supported = Array(ranked.filter { $0.gap > average }.prefix(2))
      if supported.isEmpty, let top = ranked.first { supported = [top] }
      if let last = supported.last {
        supported += ranked.dropFirst(supported.count).filter { f.number($0.gap) == f.number(last.gap) }
      }
      parts.append(
        supported.isEmpty
          ? f.t(.noSupportedGapPer(vocabulary: vocabulary))
          : f.t(
            .largestIn(
              vocabulary: vocabulary,
              list: supported.map { "\($0.row.label) \(f.number($0.gap))" }.joined(separator: f.t(.listSeparator))))
      )
    }
    if let p = results.priorities[scope]?.first, let g = results.item(scope, p) {
      parts.append(f.t(.largestSingleStatement(item: itemOf(p).text, gap: f.number(g.gapMean))))
    }
    let points = results.pairedItems.first?.points ?? []
    let scale: HTML =
      points.isEmpty ? "" : " (\(f.t(.gapOnTheScale(low: points.first!, high: points.last!))))"
    return "<strong>\(f.t(.largestGaps))\(scale):</strong> \(parts.joined(separator: " "))"
  }

  /// The mellanrum of every declared pair, each pair's county-wide verdict in words first,
  /// then the municipality's (on the county's page: the municipalities'). Only what the
  /// test supports is claimed, and "cannot be compared" where the groups are too small,
  /// never "no differences".
  func mellanrumMessage(_ scope: Scope) -> HTML {
    func title(_ text: HTML) -> HTML { "<strong>\(f.t(.mellanrumHeading)):</strong> \(text)" }
    guard !survey.mellanrum.isEmpty else { return title("\(f.t(.theSurveyNamesNoTwoGroups))") }
    let pairs = survey.mellanrum.indices.map { k -> HTML in
      let (a, b) = pairLabels(k)
      var parts = [briefMellanrumText(pair: k, municipality: nil)]
      if let m = scope.municipality {
        parts.append(briefMellanrumText(pair: k, municipality: m))
      } else {
        let (list, compared, notCompared) = municipalitiesOfPair(k)
        if !list.isEmpty {
          parts.append(f.t(.briefMellanrumInMunicipalities(list: list)))
        } else if compared > 0 {
          parts.append(f.t(.briefMellanrumNoneInMunicipalities(compared: compared)))
        }
        if notCompared > 0 { parts.append(f.t(.briefMellanrumNotCompared(count: notCompared))) }
      }
      return "<em>\(f.t(.briefPair(first: a, second: b))):</em> \(parts.joined(separator: "; "))."
    }
    return title(HTML.join(pairs, separator: " "))
  }

  /// A pair's verdict in one place (nil: the whole county), short: what the test supports,
  /// that nothing is, or that the groups cannot be compared.
  func briefMellanrumText(pair k: Int, municipality m: Int?) -> String {
    let (a, b) = pairLabels(k)
    let place = m.map { survey.county.municipalities[$0].name } ?? f.t(.theWholeCounty).lowercased()
    let verdict = results.mellanrum(pair: k, municipality: m)
    switch verdict.verdict {
    case .cannotBeCompared:
      return f.t(.briefMellanrumCannot(place: place, minimum: results.minimumGroupSize))
    case .notSupported:
      return f.t(.briefMellanrumNone(place: place, compared: f.t(.statements(count: verdict.compared))))
    case .supported:
      let clearest = verdict.supported[0]
      return f.t(
        .briefMellanrumSupported(
          place: place, count: verdict.supported.count, compared: verdict.compared, item: itemOf(clearest.item).text,
          first: a, firstMean: f.number(clearest.firstCurrentMean), second: b,
          secondMean: f.number(clearest.secondCurrentMean)))
    }
  }

  /// What works already: the strengths, a description and no claim of a test.
  func strengthsMessage(_ scope: Scope) -> HTML {
    let list = (results.strengths[scope] ?? []).prefix(2).map { p -> String in
      let g = results.item(scope, p)
      return "\(itemOf(p).text) (\(f.t(.today)) \(f.number(g?.currentMean)), \(f.t(.gap)) \(f.number(g?.gapMean)))"
    }
    let text = list.isEmpty ? f.t(.noItemHasBothTodayAbove) : list.joined(separator: f.t(.listSeparator))
    return "<strong>\(f.t(.strengths)):</strong> \(text)"
  }

  /// The change since the previous round, supported changes only; nil without one.
  func changeMessage(_ scope: Scope) -> HTML? {
    guard let followUp, let rows = followUp[scope], rows.contains(where: { $0.welch != nil }) else { return nil }
    let compared = rows.filter { $0.gapChange != nil }
    let smaller = compared.filter { $0.verdict == .supported && ($0.gapChange ?? 0) < 0 }
      .sorted { ($0.gapChange!, $0.item) < ($1.gapChange!, $1.item) }
    let larger = compared.filter { $0.verdict == .supported && ($0.gapChange ?? 0) > 0 }
      .sorted { ($0.gapChange!, -$0.item) > ($1.gapChange!, -$1.item) }
    let previous = series?.rounds.dropLast().last
    let title = f.t(.changeSince(round: previous ?? f.t(.thePreviousRound)))
    guard !smaller.isEmpty || !larger.isEmpty else {
      return "<strong>\(title):</strong> \(f.t(.noSupportedChange(compared: compared.count)))"
    }
    var text = f.t(.supportedChanges(smaller: smaller.count, larger: larger.count, compared: compared.count))
    func example(_ c: ItemChange) -> String {
      "\(itemOf(c.item).text) (\(f.number(c.baseline?.gapMean)) → \(f.number(results.item(scope, c.item)?.gapMean)))"
    }
    if let best = smaller.first { text = text + " " + f.t(.mostImproved(example: example(best))).uppercasedFirst }
    if let worst = larger.first { text = text + " " + f.t(.mostWorsened(example: example(worst))) }
    // Since the first mapping, which the plan's step 5 follows up against.
    if let first = series?.rounds.first, (series?.rounds.count ?? 0) > 2, let since = changesSinceFirst?[scope] {
      let supported = since.filter { $0.verdict == .supported }
      let best = supported.filter { ($0.gapChange ?? 0) < 0 }.min {
        ($0.gapChange!, $0.item) < ($1.gapChange!, $1.item)
      }
      let worst = supported.filter { ($0.gapChange ?? 0) > 0 }.max {
        ($0.gapChange!, -$0.item) < ($1.gapChange!, -$1.item)
      }
      var parts: [String] = []
      if let best { parts.append(f.t(.mostImproved(example: example(best)))) }
      // The first after the colon in lower case, the next a sentence of its own.
      if let worst { parts.append(f.t(.mostWorsened(example: example(worst))).lowercasedFirst) }
      parts = parts.enumerated().map { $0 == 0 ? $1 : $1.uppercasedFirst }
      text +=
        " " + f.t(.sinceTheFirst(round: first)) + " "
        + (parts.isEmpty ? f.t(.noSupportedChangeSinceTheFirst) : parts.joined(separator: " "))
    }
    return "<strong>\(title):</strong> \(text)"
  }

  /// A municipality against the rest of the county: the areas where the test supports a
  /// difference, either way; "cannot be compared" where it cannot.
  func againstTheCountyMessage(_ m: Int) -> HTML {
    let rows = sectionRows() + briefVocabularies.flatMap { tagRows(vocabulary: $0) }
    let verdicts = rows.map { ($0, results.comparison(municipality: m, group: $0.group)) }
    func title(_ text: String) -> HTML { "<strong>\(f.t(.againstTheRestOfTheCounty)):</strong> \(text)" }
    let comparable = verdicts.filter { $0.1.verdict != .cannotBeCompared }
    guard !comparable.isEmpty else {
      return title(f.t(.tooFewToCompareWithTheCounty(minimum: results.minimumGroupSize)))
    }
    // Each area with how many of its statements differ: the test is per statement.
    func named(_ entry: (LensRow, GroupComparison), _ count: Int) -> String {
      "\(entry.0.label) (\(f.t(.statementsOf(count: count, of: entry.0.members.count))))"
    }
    let larger = comparable.filter { $0.1.direction > 0 }.map { named($0, $0.1.larger) }
    let smaller = comparable.filter { $0.1.direction < 0 }.map { named($0, $0.1.smaller) }
    var text = ""
    if larger.isEmpty && smaller.isEmpty {
      text = text + f.t(.noSupportedDifferenceFromTheCounty(areas: comparable.count))
      // A statement may differ where no whole area does: said, never left out.
      let statements = results.comparisons.filter { $0.municipality == m && $0.significant }
        .sorted { (abs($0.difference ?? 0), -$0.item) > (abs($1.difference ?? 0), -$1.item) }
      if let clearest = statements.first {
        text +=
          " "
          + f.t(
            .statementsDifferFromTheCounty(
              count: statements.count, item: itemOf(clearest.item).text, gap: f.number(clearest.gapMean),
              county: f.number(clearest.countyGapMean)))
      }
      if let n = results.respondents[Scope(municipality: m)], n < 30 {
        text += " " + f.t(.onlyLargeDifferencesShow(respondents: n))
      }
    } else {
      if !larger.isEmpty {
        text = text + f.t(.largerThanTheCountyIn(list: larger.joined(separator: f.t(.listSeparator))))
      }
      if !smaller.isEmpty {
        text =
          text + (larger.isEmpty ? "" : " ")
          + f.t(.smallerThanTheCountyIn(list: smaller.joined(separator: f.t(.listSeparator))))
      }
    }
    if let caught = caughtUp(m) { text = text + " " + caught }
    return title(text)
  }

  /// "Mötesplatser: 2026 största gapet i länet, 2,3 mot länets 1,0; 2028 i nivå med länet,
  /// 0,1 mot 0,0": a group whose gap was the largest of the municipalities in the first
  /// round and is now not told apart from the rest of the county.
  func caughtUp(_ m: Int) -> String? {
    guard let series, series.rounds.count > 1, let groups = results.rollUps[.county]?.map(\.group) else { return nil }
    var sentences: [String] = []
    let rows = sectionRows() + briefVocabularies.flatMap { tagRows(vocabulary: $0) }
    for row in rows {
      guard let k = groups.firstIndex(of: row.group),
        let own = series.groups[Scope(municipality: m)]?[k], let first = own.first ?? nil,
        let county = series.groups[.county]?[k], let countyFirst = county.first ?? nil,
        let now = own.last ?? nil, let countyNow = county.last ?? nil
      else { continue }
      let others = survey.county.municipalities.indices.compactMap {
        series.groups[Scope(municipality: $0)]?[k].first ?? nil
      }
      // The largest in the first round by a material margin (half a scale point above the
      // county), and now within a fifth of a point of it, with no supported difference.
      guard others.count >= 3, first >= (others.max() ?? .infinity), first - countyFirst >= 0.5,
        abs(now - countyNow) <= 0.2, now < first,
        results.comparison(municipality: m, group: row.group).verdict == .notSupported
      else { continue }
      sentences.append(
        f.t(
          .caughtUp(
            area: row.label, firstRound: series.rounds[0], first: f.number(first), countyFirst: f.number(countyFirst),
            round: series.rounds.last!, now: f.number(now), countyNow: f.number(countyNow))))
    }
    return sentences.isEmpty ? nil : sentences.prefix(3).joined(separator: " ")
  }

  /// Said once, at the top, when most of a place's figures cannot be shown.
  func fewComparableNote(_ scope: Scope) -> HTML {
    guard scope.municipality != nil else { return "" }
    let gaps = results.items[scope] ?? []
    let hidden = gaps.filter(\.suppressed).count
    guard hidden * 2 > gaps.count else { return "" }
    return
      "<p class=\"few\">\(f.t(.mostFiguresHidden(hidden: hidden, of: gaps.count, minimum: results.minimumGroupSize)))</p>"
  }

  /// The county's chart: each brief vocabulary's values, their gap and conservative
  /// interval on one fitted scale; a gap the interval does not put above zero drawn pale.
  func countyChart() -> HTML {
    var rows: [Charts.DotRow] = []
    for v in briefVocabularies {
      rows.append(Charts.DotRow(heading: survey.tagVocabularies[v].label))
      for figure in briefFigures(.county, vocabulary: v) {
        rows.append(
          Charts.DotRow(
            label: figure.row.label, value: figure.gap, interval: figure.interval,
            style: figure.supported ? .strong : .pale,
            words: f.t(
              .gapWithInterval(
                gap: f.number(figure.gap), low: f.number(figure.interval?.low), high: f.number(figure.interval?.high)))
              + (figure.supported ? "" : " (\(f.t(.notSupported)))")))
      }
    }
    return Charts.dots(
      title: f.t(
        .gapPerBriefLens(
          lenses: briefVocabularies.map { survey.tagVocabularies[$0].label.lowercased() }.joined(separator: f.t(.and)))),
      note: f.t(.theIntervalIsConservative), rows: rows, markers: [], f: f)
  }

  /// A municipality's chart: each section and brief lens value, its gap with the
  /// conservative interval, the county's gap, the municipalities' average and, when there
  /// is one, its own previous round; coloured only where the test supports a difference
  /// from the rest of the county.
  func againstTheCountyChart(_ m: Int) -> HTML {
    let scope = Scope(municipality: m)
    let groups = results.rollUps[.county]?.map(\.group) ?? []
    var rows: [Charts.DotRow] = []
    var blocks = [(f.t(.sections), sectionRows())]
    blocks += briefVocabularies.map { (survey.tagVocabularies[$0].label, tagRows(vocabulary: $0)) }
    for (heading, lensRows) in blocks {
      rows.append(Charts.DotRow(heading: heading))
      for row in lensRows {
        let own = rollUp(scope, row.group)?.gapMean
        let comparison = results.comparison(municipality: m, group: row.group)
        var markers: [(Charts.Marker, Double)] = []
        if let county = rollUp(.county, row.group)?.gapMean { markers.append((.county, county)) }
        if let average = municipalityAverage(row.group)?.mean { markers.append((.average, average)) }
        var previousText = ""
        if let series, series.rounds.count > 1, let k = groups.firstIndex(of: row.group),
          let values = series.groups[scope]?[k], values.count > 1, let previous = values[values.count - 2]
        {
          markers.append((.previous, previous))
          previousText = "; \(series.rounds[series.rounds.count - 2]) \(f.number(previous))"
        }
        let style: Charts.DotStyle =
          comparison.direction > 0 ? .larger : comparison.direction < 0 ? .smaller : .neutral
        let verdictText =
          comparison.verdict == .cannotBeCompared
          ? f.t(.cannotBeCompared)
          : comparison.direction > 0
            ? f.t(.supportedLarger) : comparison.direction < 0 ? f.t(.supportedSmaller) : f.t(.noSupportedDifference)
        let interval = results.interval(scope, group: row.group)
        rows.append(
          Charts.DotRow(
            label: row.label, value: own, interval: interval, style: style, markers: markers,
            words: own == nil
              ? f.t(.fewerThanTheMinimumGroupSize)
              : f.t(.gapWithInterval(gap: f.number(own), low: f.number(interval?.low), high: f.number(interval?.high)))
                + "; \(f.t(.countyGap)) \(f.number(rollUp(.county, row.group)?.gapMean))"
                + "; \(f.t(.municipalitiesAverage)) \(f.number(municipalityAverage(row.group)?.mean))\(previousText); \(verdictText)"
          ))
      }
    }
    var legend: [Charts.Marker] = [.county, .average]
    if let series, series.rounds.count > 1 { legend.append(.previous) }
    return Charts.dots(
      title: f.t(.theMunicipalitySGapAgainstTheCounty), note: f.t(.theIntervalIsConservativeMunicipality), rows: rows,
      markers: legend, f: f)
  }

  /// The groups of respondents (per organisation, per level …) whose gaps moved
  /// differently since the previous round, with support (`FollowUp.movedDifferently`):
  /// only those dimensions, each group's gap in both rounds and its change with its
  /// interval. Nothing where the groups moved alike or cannot be told apart.
  func groupsMovedDifferently(_ scope: Scope) -> HTML {
    guard let followUp else { return "" }
    let previous = series?.rounds.dropLast().last ?? results.naming.compared?.name ?? f.t(.thePreviousRound)
    let heads = [gapThen, gapNow, f.t(.changeOfTheGap), f.t(.n95ConfidenceInterval)]
    var bodies: [HTML] = []
    for (d, dimension) in survey.dimensions.enumerated() {
      let changes = dimension.values.indices.map {
        FollowUp.scopeChange(results, followUp, in: Scope(municipality: scope.municipality, dimension: d, value: $0))
      }
      guard FollowUp.movedDifferently(changes) else { continue }
      let rows = zip(dimension.values, changes).map { value, c -> HTML in
        let cells: [HTML] = [
          "<td class=\"num\">\(f.number(c.gapThen, 2))</td>", "<td class=\"num\">\(f.number(c.gapNow, 2))</td>",
          "<td class=\"num\">\(f.signed(c.gapChange, 2))</td>",
          "<td class=\"num\">\(c.changeLow == nil ? "–" : f.t(.from(low: f.number(c.changeLow, 2), high: f.number(c.changeHigh, 2))))</td>",
        ]
        return "<tr><th scope=\"row\">\(value.label)</th>\(labelled(cells, heads))</tr>"
      }
      bodies.append(
        "<tbody><tr class=\"group\"><th scope=\"rowgroup\" colspan=\"\(heads.count + 1)\">\(dimension.label)</th></tr>\(rows)</tbody>"
      )
    }
    guard !bodies.isEmpty else { return "" }
    return """
      <table tabindex=0 class="stack moved"><caption>\(f.t(.groupsMovedDifferently(round: previous)))</caption>
      <thead><tr><th scope="col">\(f.t(.respondentGroup))</th>\(heads.map { "<th scope=\"col\">\($0)</th>" as HTML })</tr></thead>
      \(bodies)</table>
      <p class="note">\(f.t(.groupsMovedDifferentlyNote))</p>
      """
  }

  /// The gap of each section and brief lens value in every round, on one fitted scale, ▼/▲
  /// where its change since the previous round is supported; nothing without rounds.
  func roundsChart(_ scope: Scope) -> HTML {
    guard let series, series.rounds.count > 1, let groups = results.rollUps[scope]?.map(\.group) else { return "" }
    var rows: [Charts.RoundsRow] = []
    let lensRows = sectionRows() + briefVocabularies.flatMap { tagRows(vocabulary: $0) }
    for row in lensRows {
      guard let k = groups.firstIndex(of: row.group), let values = series.groups[scope]?[k],
        values.contains(where: { $0 != nil })
      else { continue }
      let change = groupChanges?[scope]?.first { $0.group == row.group }
      let direction = change?.verdict == .supported ? ((change?.gapChange ?? 0) < 0 ? -1 : 1) : 0
      rows.append(Charts.RoundsRow(label: row.label, values: values, direction: direction))
    }
    guard !rows.isEmpty else { return "" }
    return Charts.rounds(
      title: f.t(.theGapInEveryRound), note: f.t(.roundsChartNote), rows: rows, rounds: series.rounds, f: f)
  }

  /// The headline of each rating and choice question: a rating's share at its two highest
  /// points, a choice's shares of its options, with their Wilson intervals in words.
  func headlines(_ scope: Scope) -> HTML {
    let items = (results.answerShares[scope] ?? []).compactMap { shares -> HTML? in
      let item = results.singleItems[shares.item]
      guard !shares.suppressed, let proportions = shares.shares, let n = shares.n, n > 0 else {
        return "<li>\(item.text) <span class=\"figure\">– (\(f.t(.fewerThanTheMinimumGroupSize)))</span></li>"
      }
      if item.isChoice {
        let parts = zip(item.answers, proportions).map { "\($0.label) \(f.percent($1.share))" }
        return "<li>\(item.text) <span class=\"figure\">\(parts.joined(separator: ", ")) (n = \(n))</span></li>"
      }
      let top = proportions.suffix(2).reduce(0) { $0 + $1.share }
      let labels = item.answers.suffix(2).map(\.label).joined(separator: f.t(.or))
      return
        "<li>\(item.text) <span class=\"figure\">\(f.t(.shareAnswering(share: f.percent(top), labels: labels))) (n = \(n))</span></li>"
    }
    guard !items.isEmpty else { return "" }
    return "<h3>\(f.t(.theQuestionsInShort))</h3><ul class=\"headlines\">\(items)</ul>"
  }
}

extension String {
  /// The first letter in upper case ("mest förbättrat" → "Mest förbättrat"), or lower case.
  var uppercasedFirst: String { prefix(1).uppercased() + dropFirst() }
  var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
