import Foundation
import SurveyModel
import Synchronization

/// `map` on every core, in order, on threads of its own: the calling thread and one more per
/// further core, which take the next index in turn, joined before it returns. Not Dispatch's
/// `concurrentPerform`: on Linux its workers are the threads of Swift's global executor,
/// which in the server also serve every request, and a scope's figures held them (a
/// published page waited up to 2 s behind an import's analysis: Benchmarks/RESULTS-server.md).
/// Threads started here inherit the caller's niceness, so the server's engine, which runs
/// below the requests, keeps its analysis there too. Reporting writes a workbook's sheets
/// with it.
package func concurrentMap<T: Sendable, R: Sendable>(_ input: [T], _ transform: @Sendable (T) -> R) -> [R] {
  let workers = min(input.count, ProcessInfo.processInfo.activeProcessorCount)
  guard workers > 1 else { return input.map(transform) }
  let shared = MapState<R>(input.count)
  return withoutActuallyEscaping(transform) { transform in
    // Each result is stored under a lock: the transforms (a scope's or an item's figures)
    // take far longer than the store.
    let work = {
      while true {
        let i = shared.next.add(1, ordering: .relaxed).oldValue
        guard i < input.count else { return }
        let result = transform(input[i])
        shared.results.withLock { $0[i] = result }
      }
    }
    // Joined before `transform` stops being valid: no thread holds it after this scope.
    let threads = (1..<workers).compactMap { _ in startThread(work) }
    work()
    for thread in threads { joinThread(thread) }
    return shared.results.withLock { $0.map { $0! } }
  }
}

/// What `concurrentMap`'s threads share: the next index and the results.
private final class MapState<R: Sendable>: Sendable {
  let next = Atomic<Int>(0)
  let results: Locked<[R?]>
  init(_ count: Int) { results = Locked(Array(repeating: nil, count: count)) }
}

/// A thread's body, passed to it as its one argument.
private final class ThreadBody {
  let run: () -> Void
  init(_ run: @escaping () -> Void) { self.run = run }
}

#if canImport(Glibc)
  private typealias ThreadHandle = pthread_t
#else
  private typealias ThreadHandle = pthread_t?
#endif

/// A POSIX thread (8 MB of stack, like the main thread's, for the analysis' recursion) that
/// runs `body`; nil if none could be made (the caller's thread then does all the work).
private func startThread(_ body: @escaping () -> Void) -> ThreadHandle? {
  var attributes = pthread_attr_t()
  pthread_attr_init(&attributes)
  defer { pthread_attr_destroy(&attributes) }
  pthread_attr_setstacksize(&attributes, 8 << 20)
  let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
  var thread: ThreadHandle
  #if canImport(Glibc)
    thread = 0
  #else
    thread = nil
  #endif
  let made = pthread_create(
    &thread, &attributes,
    { context in
      Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue().run()
      return nil
    }, context)
  guard made == 0 else {
    Unmanaged<ThreadBody>.fromOpaque(context).release()
    return nil
  }
  return thread
}

private func joinThread(_ thread: ThreadHandle) {
  #if canImport(Glibc)
    pthread_join(thread, nil)
  #else
    if let thread { pthread_join(thread, nil) }
  #endif
}

/// Turns a tally into every figure of the reports (`GapResults`). The definitions are in
/// docs/statistics.md.
public enum Analysis {
  /// `minimumGroupSize` overrides the survey's own; the other settings are the defaults.
  public static func run(_ tally: Tally, minimumGroupSize: Int? = nil) -> GapResults {
    // A report may raise its survey's minimum, never lower it.
    let own = tally.layout.survey.minimumGroupSize
    return run(tally, settings: AnalysisSettings(minimumGroupSize: max(own, minimumGroupSize ?? own)))
  }

  /// Every scope of a survey's results, in report order: the county, each dimension's
  /// values and, last, its unknown value (a group like any other); then each municipality
  /// and its groups; then "okänd kommun" (the respondents whose municipality cell was
  /// blank) and its groups, a place like a municipality but for the pages, ranks, the
  /// municipalities' average and municipality against county, which it has no part in.
  public static func scopes(of survey: Survey) -> [Scope] {
    var scopes: [Scope] = [.county]
    for (d, dimension) in survey.dimensions.enumerated() {
      for v in 0...dimension.values.count { scopes.append(Scope(dimension: d, value: v)) }
    }
    for m in Array(survey.county.municipalities.indices) + [Response.unknownMunicipality] {
      scopes.append(Scope(municipality: m))
      for (d, dimension) in survey.dimensions.enumerated() {
        for v in 0...dimension.values.count { scopes.append(Scope(municipality: m, dimension: d, value: v)) }
      }
    }
    return scopes.sorted()
  }

  public static func run(_ tally: Tally, settings: AnalysisSettings) -> GapResults {
    var settings = settings
    settings.minimumGroupSize = max(1, settings.minimumGroupSize)
    return Computation(tally: tally, minimum: settings.minimumGroupSize, earlier: settings.earlier).results(
      settings: settings)
  }
}

private struct Computation {
  let tally: Tally
  let layout: TallyLayout
  let minimum: Int
  let scopes: [Scope]
  let cells: [Scope: [Int]]
  /// Each scope's cells, in `scopes` order (what `DisclosureControl` works on).
  let scopeCells: [[Int]]
  let detail: [Int]
  let splits: [DisclosureControl.Split]
  /// The cells of county-wide respondents (no municipality).
  let countyWideCells: [Int]
  /// The round's earlier publications (`AnalysisSettings.earlier`), and per publication the
  /// index in `scopes` of each of its scopes.
  let earlier: [Publication]
  let earlierScopes: [[Int?]]

  init(tally: Tally, minimum: Int, earlier: [Publication] = []) {
    self.tally = tally
    layout = tally.layout
    self.minimum = max(1, minimum)
    let survey = layout.survey
    self.scopes = Analysis.scopes(of: survey)
    let sorted = self.scopes
    var cells: [Scope: [Int]] = [:]
    for cell in 0..<layout.cellCount {
      let (m, dims) = layout.describe(cell: cell)
      cells[.county, default: []].append(cell)
      if let m { cells[Scope(municipality: m), default: []].append(cell) }
      for (d, v) in dims.enumerated() {
        let value = v ?? survey.dimensions[d].values.count
        cells[Scope(dimension: d, value: value), default: []].append(cell)
        if let m { cells[Scope(municipality: m, dimension: d, value: value), default: []].append(cell) }
      }
    }
    self.cells = cells
    scopeCells = sorted.map { cells[$0] ?? [] }
    // A municipality's groups, then the county's groups, then municipalities, then the county.
    detail = sorted.map { ($0.dimension == nil ? 0 : 2) + ($0.municipality == nil ? 0 : 1) }
    // Totals and their parts: a place by each dimension's groups; the county by
    // municipalities and okänd kommun (county-wide respondents uncovered); a county group
    // by the same places' groups.
    let index = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
    let parts = Array(survey.county.municipalities.indices) + [Response.unknownMunicipality]
    let places = [nil] + parts.map(Optional.some)
    let layout = tally.layout
    let countyWide = (0..<layout.cellCount).filter { layout.describe(cell: $0).municipality == nil }
    countyWideCells = countyWide
    var splits: [DisclosureControl.Split] = [
      .init(total: index[.county]!, parts: parts.map { index[Scope(municipality: $0)]! }, remainder: countyWide)
    ]
    for (d, dimension) in survey.dimensions.enumerated() {
      for place in places {
        splits.append(
          .init(
            total: index[Scope(municipality: place)]!,
            parts: (0...dimension.values.count).map { index[Scope(municipality: place, dimension: d, value: $0)]! },
            remainder: []))
      }
      for v in 0...dimension.values.count {
        let group = Scope(dimension: d, value: v)
        splits.append(
          .init(
            total: index[group]!,
            parts: parts.map { index[Scope(municipality: $0, dimension: d, value: v)]! },
            remainder: countyWide.filter { (cells[group] ?? []).contains($0) }))
      }
    }
    self.splits = splits
    self.earlier = earlier
    let ids = Dictionary(sorted.enumerated().map { ($1.id(in: survey), $0) }, uniquingKeysWith: { a, _ in a })
    earlierScopes = earlier.map { $0.scopes.map { ids[$0] } }
  }

  /// The scopes whose figures must not be shown, given the counts per cell behind them
  /// (one or more measures published together): those under the minimum, and enough
  /// others that no hidden scope and no small group can be derived from the shown ones.
  ///
  /// `key` names the measures in a `Publication` (`respondents`, `paired/<id>` …): the
  /// round's earlier publications of them are protected together with this one, and the
  /// returned `MeasureSet` is what this one shows of them.
  func suppressed(_ key: String, _ measures: [[Int]], alone: Bool = false) -> (
    hidden: Set<Scope>, shown: Publication.MeasureSet
  ) {
    var before: [DisclosureControl.Earlier] = []
    for (publication, indices) in zip(earlier, earlierScopes) where !alone {
      guard let set = publication.measures[key], set.counts.count == measures.count else { continue }
      let shown = Set(zip(indices, set.shown).compactMap { index, shown in shown ? index : nil })
      // A round reported again and again unchanged adds one publication, not many.
      if let same = before.firstIndex(where: { $0.counts == set.counts && $0.shown == shown }) {
        before[same].minimum = min(before[same].minimum, publication.minimumGroupSize)
        continue
      }
      before.append(DisclosureControl.Earlier(counts: set.counts, shown: shown, minimum: publication.minimumGroupSize))
    }
    let hidden = DisclosureControl.protect(
      scopes: scopeCells, measures: measures, minimum: minimum, detail: detail, splits: splits, earlier: before)
    return (
      Set(hidden.map { scopes[$0] }),
      Publication.MeasureSet(counts: measures, shown: scopes.indices.map { !hidden.contains($0) })
    )
  }

  func results(settings: AnalysisSettings) -> GapResults {
    let survey = layout.survey
    // Respondents per scope, suppressed like any figure.
    let respondentCells = (0..<layout.cellCount).map { tally.respondents(cells: [$0]) }
    var published: [String: Publication.MeasureSet] = [:]
    let (hiddenRespondents, shownRespondents) = suppressed("respondents", [respondentCells])
    published["respondents"] = shownRespondents
    // The places hidden only because an earlier publication of the round is beside this one.
    let heldBack =
      earlier.isEmpty
      ? [] : hiddenRespondents.subtracting(suppressed("respondents", [respondentCells], alone: true).hidden).sorted()
    var respondents: [Scope: Int] = [:]
    for scope in scopes where !hiddenRespondents.contains(scope) {
      respondents[scope] = tally.respondents(cells: cells[scope] ?? [])
    }

    // Item gaps.
    // An item's figures rest on its complete pairs, and its current state among everyone
    // who rated it (answered and mellanrum): both are protected by one choice of scopes.
    let byItem = concurrentMap(Array(layout.paired.indices)) { p in
      let perCell = (0..<layout.cellCount).map { tally.pairedCounts(p, cells: [$0]) }
      return suppressed("paired/" + layout.paired[p].id, [perCell.map(\.current.n), perCell.map(\.currentAll.n)])
    }
    let hiddenByItem = byItem.map(\.hidden)
    for (p, entry) in zip(layout.paired, byItem) { published["paired/" + p.id] = entry.shown }
    // Each scope's figures are independent of the others': computed on every core.
    let perScope: [([PairedCounts], [ItemGap])] = concurrentMap(scopes) { scope in
      let counts = layout.paired.indices.map { tally.pairedCounts($0, cells: cells[scope] ?? []) }
      let gaps = layout.paired.indices.map { p in
        itemGap(scope, p, counts[p], suppressed: hiddenByItem[p].contains(scope))
      }
      return (counts, gaps)
    }
    var items: [Scope: [ItemGap]] = [:]
    var countsByScope: [Scope: [PairedCounts]] = [:]
    for (scope, computed) in zip(scopes, perScope) {
      countsByScope[scope] = computed.0
      items[scope] = computed.1
    }

    // Roll-ups by section and by tag value.
    var rollUps: [Scope: [RollUp]] = [:]
    var groups: [(RollUp.Group, [Int])] = []
    for s in survey.sections.indices {
      let members = layout.paired.indices.filter { layout.paired[$0].section == s }
      if !members.isEmpty { groups.append((.section(s), members)) }
    }
    for t in layout.tagValues.indices {
      let members = layout.paired.indices.filter { layout.paired[$0].tagValues.contains(t) }
      if !members.isEmpty { groups.append((.tag(t), members)) }
    }
    // The respondents behind each group are a count of their own, protected like any other.
    let byGroup = concurrentMap(groups.map(\.0)) { group in
      suppressed("group/" + groupID(group), [(0..<layout.cellCount).map { behind(group, cells: [$0]) }])
    }
    let hiddenByGroup = byGroup.map(\.hidden)
    for (group, entry) in zip(groups, byGroup) { published["group/" + groupID(group.0)] = entry.shown }
    for scope in scopes {
      let scopeItems = items[scope]!
      let scopeCells = cells[scope] ?? []
      rollUps[scope] = zip(groups, hiddenByGroup).map { entry, hidden in
        let (group, members) = entry
        // The unweighted mean of the shown items' means, summed in the items' order.
        var shown = 0
        var (gap, current, desired) = (0.0, 0.0, 0.0)
        for p in members where !scopeItems[p].suppressed {
          shown += 1
          if let v = scopeItems[p].gapMean { gap += v }
          if let v = scopeItems[p].currentMean { current += v }
          if let v = scopeItems[p].desiredMean { desired += v }
        }
        let suppressed = shown == 0 || hidden.contains(scope)
        let k = Double(shown)
        return RollUp(
          scope: scope, group: group, suppressed: suppressed, gapMean: suppressed ? nil : gap / k,
          currentMean: suppressed ? nil : current / k, desiredMean: suppressed ? nil : desired / k,
          items: suppressed ? 0 : shown, respondents: suppressed ? nil : behind(group, cells: scopeCells))
      }
    }

    // County averages: pooled (the county scope) and the municipalities' unweighted mean.
    let municipalities = survey.county.municipalities.indices
    let municipalityAverage: [(gapMean: Double?, municipalities: Int)] = layout.paired.indices.map { p in
      let means = municipalities.compactMap { items[Scope(municipality: $0)]![p].gapMean }
      return (means.isEmpty ? nil : means.reduce(0, +) / Double(means.count), means.count)
    }

    // Each municipality against the rest of the county.
    var comparisons: [MunicipalityComparison] = []
    for m in municipalities {
      let scope = Scope(municipality: m)
      var rows: [MunicipalityComparison] = layout.paired.indices.map { p in
        let own = items[scope]![p]
        var row = MunicipalityComparison(
          municipality: m, item: p, n: own.n, gapMean: own.gapMean, countyGapMean: items[.county]![p].gapMean,
          municipalityAverageGapMean: municipalityAverage[p].gapMean, significant: false)
        guard !own.suppressed, let gap = own.gapMean else { return row }
        row.difference = row.countyGapMean.map { gap - $0 }
        let rest = (countsByScope[.county]![p] - countsByScope[scope]![p]).gap
        row.welch = StatisticalTests.welch(countsByScope[scope]![p].gap, rest)
        if let mw = StatisticalTests.mannWhitney(countsByScope[scope]![p].gap, rest) {
          row.mannWhitney = mw.test
          row.effectSize = mw.rankBiserial
        }
        return row
      }
      let adjusted = StatisticalTests.benjaminiHochberg(rows.map { $0.mannWhitney?.p })
      for i in rows.indices {
        rows[i].pAdjusted = adjusted[i]
        rows[i].significant = (adjusted[i] ?? 1) < settings.significanceLevel
      }
      comparisons += rows
    }
    for p in layout.paired.indices {
      let ranked = comparisons.indices.filter { comparisons[$0].item == p && comparisons[$0].gapMean != nil }
        .sorted {
          (comparisons[$0].gapMean!, -comparisons[$0].municipality) > (
            comparisons[$1].gapMean!, -comparisons[$1].municipality
          )
        }
      for (r, i) in ranked.enumerated() { comparisons[i].rank = r + 1 }
    }

    // Mellanrum: the current state as each declared pair's two groups see it (region
    // against kommun, mikro against makro, …). Per place, Benjamini–Hochberg over the
    // rows of every pair together: a place's page states them all.
    var byPlace: [[OrganisationalGap]] = []
    for place in [nil] + municipalities.map(Optional.some) {
      var rows: [OrganisationalGap] = []
      for (k, pair) in survey.mellanrum.enumerated() {
        let a = Scope(municipality: place, dimension: pair.dimension, value: pair.first)
        let b = Scope(municipality: place, dimension: pair.dimension, value: pair.second)
        rows += layout.paired.indices.map { p in
          let hidden = hiddenByItem[p].contains(a) || hiddenByItem[p].contains(b)
          var row = OrganisationalGap(pair: k, municipality: place, item: p, flagged: false, suppressed: hidden)
          guard !hidden else { return row }
          let ca = countsByScope[a]![p].currentAll
          let cb = countsByScope[b]![p].currentAll
          row.firstN = ca.n
          row.secondN = cb.n
          row.firstCurrentMean = ca.mean
          row.secondCurrentMean = cb.mean
          if let x = ca.mean, let y = cb.mean { row.difference = x - y }
          row.welch = StatisticalTests.welch(ca, cb)
          return row
        }
      }
      let adjusted = StatisticalTests.benjaminiHochberg(rows.map { $0.welch?.p })
      for i in rows.indices {
        rows[i].pAdjusted = adjusted[i]
        rows[i].significant = !rows[i].suppressed && (adjusted[i] ?? 1) < settings.significanceLevel
        rows[i].flagged =
          !rows[i].suppressed
          && (abs(rows[i].difference ?? 0) >= settings.mellanrumThreshold || rows[i].significant)
      }
      byPlace.append(rows)
    }
    // Pair by pair, each the county first, then the municipalities in the county's order.
    let organisationalGaps = survey.mellanrum.indices.flatMap { k in byPlace.flatMap { $0.filter { $0.pair == k } } }

    // Priorities: clearly positive gaps, largest first.
    var priorities: [Scope: [Int]] = [:]
    for scope in scopes {
      let list = items[scope]!.filter { !$0.suppressed && $0.isClearlyPositive }
      priorities[scope] = list.sorted { ($0.gapMean!, -$0.item) > ($1.gapMean!, -$1.item) }.map(\.item)
    }

    // Strengths: what works already. A current state at or above the scale's middle and a
    // gap below the small-gap line (the priority matrix's "keep" quadrant), highest
    // current state first.
    var strengths: [Scope: [Int]] = [:]
    for scope in scopes {
      let list = items[scope]!.filter { g in
        let points = layout.paired[g.item].points
        let middle = Double((points.first ?? 0) + (points.last ?? 0)) / 2
        guard !g.suppressed, let current = g.currentMean, let gap = g.gapMean else { return false }
        return current >= middle && gap < settings.smallGap
      }
      strengths[scope] = list.sorted {
        ($0.currentMean!, -$0.gapMean!, -$0.item) > ($1.currentMean!, -$1.gapMean!, -$1.item)
      }
      .map(\.item)
    }

    // Rating and choice items: shares with Wilson intervals.
    var answerShares: [Scope: [AnswerShares]] = [:]
    var hiddenSingles: [Set<Scope>] = []
    for s in layout.singles.indices {
      let perCell = (0..<layout.cellCount).map { tally.singleCounts(s, cells: [$0]).reduce(0, +) }
      let (hidden, shown) = suppressed("single/" + layout.singles[s].id, [perCell])
      hiddenSingles.append(hidden)
      published["single/" + layout.singles[s].id] = shown
    }
    for scope in scopes {
      answerShares[scope] = layout.singles.indices.map { s in
        let counts = tally.singleCounts(s, cells: cells[scope] ?? [])
        let n = counts.reduce(0, +)
        let hidden = hiddenSingles[s].contains(scope)
        return AnswerShares(
          scope: scope, item: s, suppressed: hidden, n: hidden ? nil : n,
          shares: hidden ? nil : counts.map { StatisticalTests.wilson($0, of: n)! })
      }
    }

    // Free text: a municipality's when its respondent count is shown; the county-wide
    // respondents' when they are at least the minimum (the county page pools only these,
    // so that no hidden municipality's texts are left over by difference).
    var textPlaces = Set<Int?>(municipalities.filter { respondents[Scope(municipality: $0)] != nil })
    if tally.respondents(cells: countyWideCells) >= minimum { textPlaces.insert(nil) }

    let catalogue = GapResults.catalogue(layout)
    var results = GapResults(
      layout: layout, settings: settings, pairedItems: catalogue.paired, singleItems: catalogue.singles,
      tagValues: catalogue.tags, scopes: scopes, respondents: respondents, items: items,
      rollUps: rollUps, comparisons: comparisons, organisationalGaps: organisationalGaps, priorities: priorities,
      strengths: strengths,
      answerShares: answerShares, municipalityAverage: municipalityAverage,
      textPlaces: textPlaces,
      publication: Publication(
        minimumGroupSize: minimum, cellCount: layout.cellCount, scopes: scopes.map { $0.id(in: survey) },
        measures: published),
      heldBack: heldBack)
    if tally.keepsTexts { results.freeText = FreeText(texts: tally.texts, places: textPlaces) }
    return results
  }

  /// `GapResults.groupID(_:)`, before there are results.
  func groupID(_ group: RollUp.Group) -> String {
    let survey = layout.survey
    switch group {
    case .section(let s): return "section/" + survey.sections[s].id
    case .tag(let t):
      let (vocabulary, value) = (layout.tagValues[t].vocabulary, layout.tagValues[t].value)
      return "tag/" + survey.tagVocabularies[vocabulary].id + "/" + survey.tagVocabularies[vocabulary].values[value].id
    }
  }

  func behind(_ group: RollUp.Group, cells: [Int]) -> Int {
    switch group {
    case .section(let s): tally.sectionRespondents(s, cells: cells)
    case .tag(let t): tally.tagRespondents(t, cells: cells)
    }
  }

  func itemGap(_ scope: Scope, _ p: Int, _ counts: PairedCounts, suppressed: Bool) -> ItemGap {
    var gap = ItemGap(scope: scope, item: p, suppressed: suppressed)
    guard !suppressed else { return gap }
    let current = counts.current
    let desired = counts.desired
    let gaps = counts.gap
    gap.n = current.n
    gap.currentMean = current.mean
    gap.desiredMean = desired.mean
    gap.gapMean = gaps.mean
    gap.gapSD = gaps.standardDeviation
    if let t = StatisticalTests.oneSampleT(gaps) {
      gap.pairedT = t.test
      gap.gapCILow = t.low
      gap.gapCIHigh = t.high
    }
    gap.wilcoxon = StatisticalTests.wilcoxonPratt(gaps)
    gap.imprecise = current.n < 2 * minimum || (gap.gapCIHigh ?? 0) - (gap.gapCILow ?? 0) > 1.0
    gap.currentQuartiles = [0.25, 0.5, 0.75].compactMap { current.quantile($0) }
    gap.desiredQuartiles = [0.25, 0.5, 0.75].compactMap { desired.quantile($0) }
    let top = layout.paired[p].points.suffix(2).first ?? 0
    gap.currentTopTwo = StatisticalTests.wilson(current.count(atLeast: top), of: current.n)
    gap.desiredTopTwo = StatisticalTests.wilson(desired.count(atLeast: top), of: desired.n)
    let all = counts.currentAll
    gap.currentAnswered = all.n
    gap.currentAllMean = all.mean
    gap.currentCounts = current.counts
    gap.desiredCounts = desired.counts
    return gap
  }
}

/// A group that two rounds sharing respondents may give away: its cells and how many
/// respondents it holds, or, when not `proven`, the cells of a part of the scopes' algebra
/// whose unions are too many to search (`DisclosureControl.Audit.unionBudget`), where one
/// could not be ruled out (then `respondents` is 0).
public struct SharedGroup: Sendable, Equatable {
  public var cells: [Int]
  public var respondents: Int
  public var proven: Bool
}

extension SharedGroup {
  /// What an audit of two rounds found, its atoms named by `cells` and weighed by `weight`;
  /// nil when nothing.
  init?(_ finding: DisclosureControl.Audit.Finding, cells: ([Int]) -> [Int], weight: (Int) -> Int) {
    switch finding {
    case .none: return nil
    case .leak(let atoms):
      self.init(cells: cells(atoms), respondents: atoms.reduce(0) { $0 + weight($1) }, proven: true)
    case .tooMany(let atoms): self.init(cells: cells(atoms), respondents: 0, proven: false)
    }
  }
}

extension Analysis {
  /// Two rounds that share respondents (`RowPrints.compared`): the cells of a group of
  /// 1 … `minimum` − 1 respondents that the two rounds differ by and that subtracting the
  /// other round's figures from this one's would give away; nil when there is none.
  /// `difference` is per cell of `tally`'s layout the respondents in one round but not the
  /// other (the cells where the rounds differ by none cancel out of every difference).
  /// `budget`: the most steps the search may take (nil: `DisclosureControl.Audit.unionBudget`).
  /// `shown`, per scope in `scopes(of:)`'s order: whether both rounds show any figure of it;
  /// nil: every scope of `tally` with at least `minimum` respondents, more than any
  /// publication shows, so that the answer errs on the side of finding a group
  /// (docs/statistics.md, "Respondents shared by two rounds").
  public static func differenceLeak(
    _ tally: Tally, difference: [Int], minimum: Int, shown: [Bool]? = nil, budget: Int? = nil
  ) -> SharedGroup? {
    let computation = Computation(tally: tally, minimum: minimum)
    let scopes = computation.scopeCells
    let hidden = Set(
      scopes.indices.filter { s in
        shown.map { s >= $0.count || !$0[s] } ?? (tally.respondents(cells: scopes[s]) < computation.minimum)
      })
    let audit = DisclosureControl.Audit(
      scopes: scopes, counts: difference, hidden: hidden, minimum: computation.minimum,
      budget: budget ?? DisclosureControl.Audit.unionBudget)
    let cells = difference.indices.filter { difference[$0] > 0 }
    return SharedGroup(audit.smallUnionLeak(), cells: { $0.map { cells[$0] } }, weight: { difference[cells[$0]] })
  }
}

extension Analysis {
  /// Two rounds that may share respondents, by their prints (`RowPrints`): `mine`, the round
  /// reported (whose merged `tally` gives the scopes' cells), and `theirs`, another round (or several merged). A respondent of both is one
  /// print in each; it may sit in another cell in each (its level or municipality changed).
  /// Every respondent is an *atom* by its cell in each round (a cell of `layout`, or none):
  /// this round's scopes `shownMine` are rows over the atoms that may be hidden, the other
  /// round's `shownTheirs` rows that stay shown, and the suppression's algebra looks for a
  /// union of atoms of 1 … `minimum` − 1 respondents that the rows give away and the other
  /// round's alone do not (`DisclosureControl.Audit` with fixed rows, as for two publications
  /// of one round). Nil when the rounds share no one or nothing is given away; else how many
  /// they share, the respondents of the union found and its cells in this round (or the
  /// other's, for respondents only there). Cells whose key `layout` does not have are left
  /// out (docs/statistics.md, "Respondents shared by two rounds").
  public static func sharedLeak(
    _ mine: RowPrints, _ theirs: RowPrints, tally: Tally, minimum: Int, shownMine: [Bool],
    shownTheirs: [Bool]
  ) -> (shared: Int, group: SharedGroup)? {
    let layout = tally.layout
    var index: [String: Int] = [:]
    for cell in 0..<layout.cellCount { index[layout.cellKey(cell)] = cell }
    func byPrint(_ prints: RowPrints) -> [UInt64: [Int]] {
      var out: [UInt64: [Int]] = [:]
      for (key, list) in prints.cells {
        guard let cell = index[key] else { continue }
        for p in list { out[p, default: []].append(cell) }
      }
      return out
    }
    let a = byPrint(theirs)
    let b = byPrint(mine)
    // Atoms: (cell in theirs or -1, cell in mine or -1) → respondents. A print in both is
    // paired cell for cell where it can be, then in order.
    var atoms: [Int: Int] = [:]
    let width = layout.cellCount + 1
    func add(_ cellA: Int, _ cellB: Int, _ n: Int = 1) { atoms[(cellA + 1) * width + (cellB + 1), default: 0] += n }
    var shared = 0
    for (print, cellsB) in b {
      var restA = (a[print] ?? []).sorted()
      var restB: [Int] = []
      for cell in cellsB.sorted() {
        if let i = restA.firstIndex(of: cell) {
          restA.remove(at: i)
          add(cell, cell)
          shared += 1
        } else {
          restB.append(cell)
        }
      }
      for (cellA, cellB) in zip(restA, restB) {
        add(cellA, cellB)
        shared += 1
      }
      for cellB in restB.dropFirst(restA.count) { add(-1, cellB) }
      for cellA in restA.dropFirst(restB.count) { add(cellA, -1) }
    }
    for (print, cellsA) in a where b[print] == nil { for cell in cellsA { add(cell, -1) } }
    guard shared > 0 else { return nil }
    let keys = atoms.keys.sorted()
    let counts = keys.map { atoms[$0]! }
    let cellA = keys.map { $0 / width - 1 }
    let cellB = keys.map { $0 % width - 1 }
    let scopeCells = Computation(tally: tally, minimum: minimum).scopeCells
    func rows(_ cellOf: [Int]) -> [[Int]] {
      scopeCells.map { cells in
        let inScope = Set(cells)
        return keys.indices.filter { cellOf[$0] >= 0 && inScope.contains(cellOf[$0]) }
      }
    }
    let mineRows = rows(cellB)
    let theirRows = rows(cellA)
    let hidden = Set(mineRows.indices.filter { $0 >= shownMine.count || !shownMine[$0] })
    let fixed = theirRows.indices.filter { $0 < shownTheirs.count && shownTheirs[$0] }.map { theirRows[$0] }
    let audit = DisclosureControl.Audit(
      scopes: mineRows, counts: counts, hidden: hidden, minimum: max(1, minimum), fixed: fixed)
    func cells(_ atoms: [Int]) -> [Int] { Set(atoms.map { cellB[$0] >= 0 ? cellB[$0] : cellA[$0] }).sorted() }
    return SharedGroup(audit.smallUnionLeak(), cells: cells, weight: { counts[$0] }).map { (shared, $0) }
  }
}
