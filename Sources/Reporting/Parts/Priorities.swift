import GapAnalysis
import SurveyModel

/// Priorities and strengths: the chart of every item's gap against the mellanrum of the
/// survey's first declared pair (two quantities neither of which is computed from the
/// other), the priorities beside it (at most `listed.priorities` supported gaps, largest
/// first, under the development areas and priority groups they belong to, numbered as in
/// the chart) and the strengths (high today, small gap).
extension GapReports {
  /// How many priorities and strengths the page lists (the CSV files hold them all).
  static let listed = (priorities: 8, strengths: 8)

  /// A heading of the priority list and the listed items under it (indices into
  /// `results.priorities[scope]`, that is, ranks from 0).
  struct PriorityGroup {
    /// nil: the items under none of the brief's lens values.
    var group: RollUp.Group?
    var label: String
    var ranks: [Int]
  }

  /// The listed priorities (the largest supported gaps, at most `listed.priorities`), each
  /// under the first of the brief's lens values (`briefVocabularies`, in their order, each
  /// vocabulary's values in theirs) whose items include it; an item under none of them
  /// under "other statements", last. Within a heading, largest gap first.
  func priorityGroups(_ scope: Scope) -> [PriorityGroup] {
    let listed = Array((results.priorities[scope] ?? []).prefix(Self.listed.priorities))
    let lenses = briefVocabularies.flatMap { tagRows(vocabulary: $0) }
    var groups = lenses.map { PriorityGroup(group: $0.group, label: $0.label, ranks: []) }
    var other = PriorityGroup(group: nil, label: f.t(.priorityOtherStatements), ranks: [])
    for (rank, p) in listed.enumerated() {
      if let g = lenses.firstIndex(where: { $0.members.contains(p) }) {
        groups[g].ranks.append(rank)
      } else {
        other.ranks.append(rank)
      }
    }
    return (groups + [other]).filter { !$0.ranks.isEmpty }
  }

  /// The mellanrum of the survey's first declared pair for an item in the scope's place:
  /// |first − second current mean|; nil where it cannot be compared.
  func priorityMellanrum(_ scope: Scope, item p: Int) -> Double? {
    guard !survey.mellanrum.isEmpty, scope.dimension == nil else { return nil }
    let row = results.organisationalGaps.first { $0.pair == 0 && $0.municipality == scope.municipality && $0.item == p }
    guard let row, row.verdict != .cannotBeCompared, let d = row.difference else { return nil }
    return abs(d)
  }

  func priorities(_ scope: Scope) -> HTML {
    let all = results.priorities[scope] ?? []
    let list = Array(all.prefix(Self.listed.priorities))
    let groups = priorityGroups(scope)
    let allStrengths = results.strengths[scope] ?? []
    let strengths = Array(allStrengths.prefix(Self.listed.strengths))
    let smallGap = f.number(results.settings.smallGap, 0)
    let threshold = f.number(
      results.settings.mellanrumThreshold,
      results.settings.mellanrumThreshold.rounded() == results.settings.mellanrumThreshold ? 0 : 1)
    let pair = survey.mellanrum.isEmpty ? nil : pairLabels(0)
    var points: [Charts.PriorityPoint] = []
    var leftOut = 0
    for p in results.pairedItems.indices {
      guard let g = results.item(scope, p), !g.suppressed, let gap = g.gapMean else { continue }
      guard let m = priorityMellanrum(scope, item: p) else {
        leftOut += 1
        continue
      }
      points.append(
        .init(mark: list.firstIndex(of: p).map { $0 + 1 }, x: m, y: gap, supported: g.verdict == .supported))
    }
    let chart: HTML
    if let pair, !points.isEmpty {
      let description = f.t(
        .priorityChartDescription(first: pair.first, second: pair.second, smallGap: smallGap, threshold: threshold))
      let svg = Charts.priorityChart(
        id: "prioritet-\(scope.municipality.map { "\($0)" } ?? "lan")",
        title: f.t(.priorityChartTitle(first: pair.first, second: pair.second)), description: description,
        points: points, xLine: results.settings.mellanrumThreshold, yLine: results.settings.smallGap,
        fields: (
          f.t(.priorityFieldLargeGapSameView), f.t(.priorityFieldLargeGapViewsDiffer),
          f.t(.priorityFieldSmallGapSameView), f.t(.priorityFieldSmallGapViewsDiffer)
        ),
        axes: (f.t(.priorityAxisMellanrum), f.t(.priorityAxisGap)), f: f)
      let note: HTML = leftOut > 0 ? " \(f.t(.priorityChartLeftOut(count: leftOut)))" : ""
      chart = "<figure class=\"prioritychart\">\(svg)<figcaption>\(description)\(note)</figcaption></figure>"
    } else if let pair, let m = scope.municipality {
      let place = survey.county.municipalities[m].name
      chart =
        "<p class=\"note prioritychart\">\(f.t(.priorityChartNotComparable(place: place, first: pair.first, second: pair.second, minimum: results.minimumGroupSize))) <a href=\"\(root(scope))index.html#prioriteringar\">\(f.t(.priorityChartCountyLink))</a>.</p>"
    } else if pair == nil {
      chart = "<p class=\"note prioritychart\">\(f.t(.priorityChartNoPair))</p>"
    } else {
      chart = ""
    }
    func entry(_ rank: Int) -> HTML {
      let p = list[rank]
      let g = results.item(scope, p)
      var figures = [
        "\(f.t(.gap)) \(f.number(g?.gapMean)) (\(f.number(g?.gapCILow))–\(f.number(g?.gapCIHigh)))"
      ]
      if let pair, let m = priorityMellanrum(scope, item: p) {
        figures.append("\(f.t(.priorityMellanrum(first: pair.first, second: pair.second))) \(f.number(m))")
      }
      figures.append("n=\(count(g?.n))")
      // The item's other lens values of the brief, after the one it is listed under.
      let first = groups.first { $0.ranks.contains(rank) }?.group
      let others = briefVocabularies.flatMap { tagRows(vocabulary: $0) }
        .filter { $0.members.contains(p) && $0.group != first }.map(\.label)
      let also: HTML =
        others.isEmpty
        ? ""
        : " <span class=\"n\">(\(f.t(.priorityAlsoIn(list: others.joined(separator: f.t(.listSeparator))))))</span>"
      return
        "<li value=\"\(rank + 1)\">\(itemOf(p).text)\(also) <span class=\"n\">\(figures.joined(separator: ", "))</span></li>"
    }
    let lists = groups.map { group -> HTML in
      "<h4>\(group.label)</h4><ol>\(group.ranks.map(entry))</ol>"
    }
    let strengthItems = strengths.map { p -> HTML in
      let g = results.item(scope, p)
      return
        "<li>\(itemOf(p).text) <span class=\"n\">\(f.t(.today)) \(f.number(g?.currentMean)), \(f.t(.gap)) \(f.number(g?.gapMean)), n=\(count(g?.n))</span></li>"
    }
    func more(_ text: String, _ file: String) -> HTML {
      "<p class=\"note\">\(text) <a href=\"\(root(scope))csv/\(file)\">csv/\(file)</a>.</p>"
    }
    let lenses = briefVocabularies.map { survey.tagVocabularies[$0].label.lowercased() }.joined(separator: f.t(.and))
    return """
      <section id="prioriteringar"><h2>\(f.t(.prioritiesAndStrengths))</h2>
      <p>\(f.t(.prioritiesIntro(most: Self.listed.priorities, lenses: lenses, smallGap: smallGap)))</p>
      <div class="priorities">\(chart)
      <div class="lists">
      <h3>\(f.t(.priorities))</h3>
      \(lists.isEmpty ? "<p>\(f.t(.noGapIsSignificantlyAboveZero))</p>" as HTML : HTML.join(lists))
      \(all.count > list.count ? more(f.t(.priorityAllSupported(count: all.count)), "priorities.csv") : "")
      <h3>\(f.t(.strengths))</h3>
      \(strengthItems.isEmpty ? "<p>\(f.t(.noItemsWithBothAHigh))</p>" as HTML : "<ul class=\"strengths\">\(strengthItems)</ul>")
      \(allStrengths.count > strengths.count ? more(f.t(.theFirstOfAllOfThem(shown: strengths.count, all: allStrengths.count)), "strengths.csv") : "")
      </div></div>
      </section>
      """
  }
}
