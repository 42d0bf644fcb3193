/// One figure of an earlier run, as its `items.csv` holds it (read by whoever reads CSV;
/// this module does not).
public struct BaselineFigure: Sendable, Equatable {
  /// `Scope.type(in:)` and `Scope.name(in:)` of the earlier run.
  public var scopeType: String
  public var scope: String
  /// The item's id in the survey definition.
  public var item: String
  /// `Scope.id(in:)` of the earlier run, when its items.csv has `scope_id`; then matching
  /// is by it, so a renamed municipality or label still matches.
  public var scopeID: String? = nil
  public var n: Int?
  public var currentMean: Double?
  public var desiredMean: Double?
  public var gapMean: Double?

  public init(
    scopeType: String, scope: String, item: String, n: Int?, currentMean: Double?, desiredMean: Double?,
    gapMean: Double?
  ) {
    self.scopeType = scopeType
    self.scope = scope
    self.item = item
    self.n = n
    self.currentMean = currentMean
    self.desiredMean = desiredMean
    self.gapMean = gapMean
  }
}

/// How a figure changed since the baseline: now minus then, nil where either is missing
/// or suppressed.
public struct ItemChange: Sendable, Equatable {
  public var scope: Scope
  public var item: Int
  public var baseline: BaselineFigure?
  public var nChange: Int?
  public var currentChange: Double?
  public var desiredChange: Double?
  public var gapChange: Double?
  /// Between two rounds of the store (`FollowUp.changes(_:since previous:)`): the 95 %
  /// Welch interval of the gap's change, Welch's test between the two rounds'
  /// respondents (independent samples), its p adjusted by Benjamini–Hochberg over every
  /// change of the report, and whether that is below the significance level.
  public var gapChangeLow: Double? = nil
  public var gapChangeHigh: Double? = nil
  public var welch: TestResult? = nil
  public var pAdjusted: Double? = nil
  public var significant = false

  /// Whether the gap changed: significant between stored rounds; a change against a
  /// `--baseline` file, which has no spreads, is never tested.
  public var verdict: Verdict { gapChange == nil ? .cannotBeCompared : significant ? .supported : .notSupported }
}

/// How a section or a lens value (a roll-up's group) changed since an earlier round: over
/// the group's items whose change is given (both rounds show them), the mean gap then and
/// now, and how many of them changed significantly either way.
public struct GroupChange: Sendable, Equatable {
  public var scope: Scope
  /// nil: every item of the scope (`FollowUp.scopeChange`).
  public var group: RollUp.Group?
  /// The group's items whose change is given.
  public var items: Int
  public var gapThen: Double?
  public var gapNow: Double?
  /// gapNow − gapThen: the mean of the items' changes.
  public var gapChange: Double?
  /// Items whose gap is significantly smaller, and larger, than in the earlier round.
  public var smaller = 0
  public var larger = 0

  /// The change's conservative 95 % interval: ± 1,96 × the mean of its items' standard
  /// errors (from their Welch intervals), at least as wide as the true one; nil when the
  /// changes are not tested.
  public var changeLow: Double? = nil
  public var changeHigh: Double? = nil

  public init(scope: Scope, group: RollUp.Group?, items: Int) {
    self.scope = scope
    self.group = group
    self.items = items
  }

  /// Whether the group's gap changed (a group has no test of its own): supported when its
  /// conservative interval excludes zero and its items agree (at least one changed
  /// significantly that way, none the other way).
  public var verdict: Verdict {
    guard let change = gapChange else { return .cannotBeCompared }
    guard let low = changeLow, let high = changeHigh else { return .notSupported }
    return (smaller > 0 && larger == 0 && change < 0 && high < 0)
      || (larger > 0 && smaller == 0 && change > 0 && low > 0)
      ? .supported : .notSupported
  }
}

/// The plan's joint follow-up: every item figure of this run against an earlier one.
public enum FollowUp {
  /// The paired items two rounds do not compare, by their text: new in this round, gone
  /// since the earlier one, and on a scale that changed.
  public struct NotCompared: Sendable, Equatable {
    public var added: [String] = []
    public var removed: [String] = []
    public var scaleChanged: [String] = []

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && scaleChanged.isEmpty }
  }

  /// Each item's gap in every round up to this one, oldest first (nil where a round lacks
  /// the item, its scale changed, or the figure is not shown).
  public struct Series: Sendable, Equatable {
    public var rounds: [String]
    /// values[scope][item] — one value per round.
    public var values: [Scope: [[Double?]]]
    /// groups[scope][k]: the gap of `rollUps[scope][k]`'s group as each round showed it.
    public var groups: [Scope: [[Double?]]] = [:]
  }

  public static func series(_ results: GapResults, round: String, earlier: [(name: String, figures: RoundFigures)])
    -> Series
  {
    var values: [Scope: [[Double?]]] = [:]
    var groups: [Scope: [[Double?]]] = [:]
    // Each earlier round's indices of this round's items, groups and scopes, found once.
    let groupIDs = (results.rollUps[.county] ?? []).map { results.groupID($0.group) }
    let aligned = earlier.map { round in
      let e = EarlierRound(round.figures)
      return (
        figures: round.figures, items: results.pairedItems.map { e.index(of: $0) },
        groups: groupIDs.map { e.groupIndex($0) },
        scopes: results.scopes.map { e.scopeIndex($0.id(in: results.survey)) }
      )
    }
    for (k, scope) in results.scopes.enumerated() {
      values[scope] = results.items[scope]!.map { now in
        var row: [Double?] = aligned.map { a in
          guard let s = a.scopes[k], let p = a.items[now.item] else { return nil }
          return a.figures.figures[s][p]?.gapMean
        }
        row.append(now.suppressed ? nil : now.gapMean)
        return row
      }
      groups[scope] = results.rollUps[scope]!.enumerated().map { g, now in
        var row: [Double?] = aligned.map { a in
          guard let s = a.scopes[k], let j = a.groups[g] else { return nil }
          return a.figures.rollUps[s][j]
        }
        row.append(now.suppressed ? nil : now.gapMean)
        return row
      }
    }
    return Series(rounds: earlier.map(\.name) + [round], values: values, groups: groups)
  }

  public static func notCompared(_ results: GapResults, since previous: RoundFigures) -> NotCompared {
    var out = NotCompared()
    var then: [String: RoundFigures.Item] = [:]
    for item in previous.items { then[item.id] = item }
    let now = Set(results.pairedItems.map(\.id))
    for item in results.pairedItems {
      if let old = then[item.id] {
        if old.points != item.points { out.scaleChanged.append(item.text) }
      } else {
        out.added.append(item.text)
      }
    }
    out.removed = previous.items.filter { !now.contains($0.id) }.map(\.text)
    return out
  }

  /// Every item's change since an earlier round analysed in full (`previous`): matched by
  /// the item's id and the scope's stable id; an item whose scale changed, or that either
  /// round lacks, is not compared. A change is given only where both rounds show the
  /// figure (neither suppressed), so it reveals no group hidden in either round. The test
  /// is Welch's between the two rounds' gaps, from their means, standard deviations and
  /// n (scipy's `ttest_ind_from_stats(…, equal_var=False)`), BH-adjusted over the report.
  public static func changes(_ results: GapResults, since previous: GapResults) -> [Scope: [ItemChange]] {
    changes(results, since: RoundFigures(previous))
  }

  /// The same, from the figures an earlier round shows (`RoundFigures`).
  public static func changes(_ results: GapResults, since previous: RoundFigures) -> [Scope: [ItemChange]] {
    let survey = results.survey
    let earlier = EarlierRound(previous)
    // Each scope's changes are independent of the others': on every core.
    let computed: [[ItemChange]] = concurrentMap(results.scopes) { scope in
      results.items[scope]!.map { now in
        var change = ItemChange(scope: scope, item: now.item)
        let item = results.pairedItems[now.item]
        guard let (thenScope, then) = earlier.figure(of: item, in: scope.id(in: survey)), !now.suppressed,
          let n1 = now.n, let m1 = now.gapMean
        else { return change }
        let (n0, m0) = (then.n, then.gapMean)
        change.baseline = BaselineFigure(
          scopeType: thenScope.type, scope: thenScope.name, item: item.id, n: n0, currentMean: then.currentMean,
          desiredMean: then.desiredMean, gapMean: m0)
        change.nChange = n1 - n0
        change.currentChange = now.currentMean.flatMap { a in then.currentMean.map { a - $0 } }
        change.desiredChange = now.desiredMean.flatMap { a in then.desiredMean.map { a - $0 } }
        change.gapChange = m1 - m0
        if let s1 = now.gapSD, let s0 = then.gapSD, n1 >= 2, n0 >= 2 {
          let v1 = s1 * s1 / Double(n1)
          let v0 = s0 * s0 / Double(n0)
          if v1 + v0 > 0 {
            let se = (v1 + v0).squareRoot()
            let df = (v1 + v0) * (v1 + v0) / (v1 * v1 / Double(n1 - 1) + v0 * v0 / Double(n0 - 1))
            let t = (m1 - m0) / se
            let q = Distributions.tQuantile(0.975, df: df)
            change.welch = TestResult(statistic: t, p: Distributions.tTwoSided(t, df: df))
            change.gapChangeLow = m1 - m0 - q * se
            change.gapChangeHigh = m1 - m0 + q * se
          }
        }
        return change
      }
    }
    var out: [Scope: [ItemChange]] = [:]
    var tested: [(Scope, Int)] = []
    for (scope, changes) in zip(results.scopes, computed) {
      out[scope] = changes
      for (k, c) in changes.enumerated() where c.welch != nil { tested.append((scope, k)) }
    }
    let adjusted = StatisticalTests.benjaminiHochberg(tested.map { out[$0.0]![$0.1].welch?.p })
    for ((scope, k), p) in zip(tested, adjusted) {
      out[scope]![k].pAdjusted = p
      out[scope]![k].significant = (p ?? 1) < results.settings.significanceLevel
    }
    return out
  }

  /// Each section's and lens value's change (`GroupChange`), from the items' `changes`.
  /// A group whose roll-up is hidden in this round, or in `previous` when the earlier
  /// round is known in full, has no figures: the change reveals no group hidden in either.
  public static func groupChanges(
    _ results: GapResults, _ changes: [Scope: [ItemChange]], since previous: RoundFigures? = nil
  ) -> [Scope: [GroupChange]] {
    let earlier = previous.map(EarlierRound.init)
    var members: [RollUp.Group: Set<Int>] = [:]
    for rollUp in results.rollUps[.county] ?? [] { members[rollUp.group] = Set(results.members(of: rollUp.group)) }
    var out: [Scope: [GroupChange]] = [:]
    for scope in results.scopes {
      let id = scope.id(in: results.survey)
      let items = changes[scope] ?? []
      out[scope] = results.rollUps[scope]!.map { rollUp in
        let change = GroupChange(scope: scope, group: rollUp.group, items: 0)
        guard !rollUp.suppressed,
          earlier.map({ $0.rollUp(results.groupID(rollUp.group), in: id) != nil }) ?? true
        else { return change }
        return aggregate(items.filter { members[rollUp.group]?.contains($0.item) == true }, into: change, results)
      }
    }
    return out
  }

  /// Each scope's change over all its items whose change is given, as for a group: the
  /// follow-up of each organisation and level at a glance. Items are shown one by one in
  /// both rounds, so their mean reveals nothing hidden.
  public static func scopeChange(_ results: GapResults, _ changes: [Scope: [ItemChange]], in scope: Scope)
    -> GroupChange
  {
    aggregate(changes[scope] ?? [], into: GroupChange(scope: scope, group: nil, items: 0), results)
  }

  /// Whether groups of respondents moved differently, with support: two of `groups` (the
  /// values of one respondent dimension, as `scopeChange` gives them) whose conservative
  /// change intervals do not overlap. Two 95 % intervals that do not overlap is a stricter
  /// test than one of the difference itself, so what it finds is supported; groups whose
  /// changes are not tested, or not given, never count.
  public static func movedDifferently(_ groups: [GroupChange]) -> Bool {
    let intervals = groups.compactMap { g -> (Double, Double)? in
      guard g.gapChange != nil, let low = g.changeLow, let high = g.changeHigh else { return nil }
      return (low, high)
    }
    guard let lowestHigh = intervals.map(\.1).min(), let highestLow = intervals.map(\.0).max() else { return false }
    return lowestHigh < highestLow
  }

  /// `change` with the figures of the items of `candidates` whose change is given.
  static func aggregate(_ candidates: [ItemChange], into change: GroupChange, _ results: GapResults) -> GroupChange {
    var change = change
    let compared = candidates.filter { c in
      c.gapChange != nil && results.item(change.scope, c.item)?.gapMean != nil && c.baseline?.gapMean != nil
    }
    guard !compared.isEmpty else { return change }
    let k = Double(compared.count)
    change.items = compared.count
    change.gapNow = compared.map { results.item(change.scope, $0.item)!.gapMean! }.reduce(0, +) / k
    change.gapThen = compared.map { $0.baseline!.gapMean! }.reduce(0, +) / k
    change.gapChange = change.gapNow! - change.gapThen!
    change.smaller = compared.filter { $0.significant && $0.gapChange! < 0 }.count
    change.larger = compared.filter { $0.significant && $0.gapChange! > 0 }.count
    let errors = compared.compactMap { c -> Double? in
      guard let low = c.gapChangeLow, let high = c.gapChangeHigh else { return nil }
      return (high - low) / (2 * 1.96)
    }
    if errors.count == compared.count {
      let se = errors.reduce(0, +) / k
      (change.changeLow, change.changeHigh) = (change.gapChange! - 1.96 * se, change.gapChange! + 1.96 * se)
    }
    return change
  }

  public static func changes(_ results: GapResults, since baseline: [BaselineFigure]) -> [Scope: [ItemChange]] {
    let survey = results.survey
    var byName: [String: BaselineFigure] = [:]
    var byID: [String: BaselineFigure] = [:]
    for figure in baseline {
      byName[figure.scopeType + "\u{1F}" + figure.scope + "\u{1F}" + figure.item] = figure
      if let id = figure.scopeID, !id.isEmpty { byID[id + "\u{1F}" + figure.item] = figure }
    }
    var out: [Scope: [ItemChange]] = [:]
    for scope in results.scopes {
      out[scope] = results.items[scope]!.map { now in
        let id = results.layout.paired[now.item].id
        // By stable ids when the earlier run wrote them; by names for older files.
        let then =
          byID.isEmpty
          ? byName[scope.type(in: survey) + "\u{1F}" + scope.name(in: survey) + "\u{1F}" + id]
          : byID[scope.id(in: survey) + "\u{1F}" + id]
        func change(_ a: Double?, _ b: Double?) -> Double? {
          guard let a, let b else { return nil }
          return a - b
        }
        return ItemChange(
          scope: scope, item: now.item, baseline: then,
          nChange: now.n.flatMap { n in then?.n.map { n - $0 } },
          currentChange: change(now.currentMean, then?.currentMean),
          desiredChange: change(now.desiredMean, then?.desiredMean), gapChange: change(now.gapMean, then?.gapMean))
      }
    }
    return out
  }
}

/// An earlier round's figures, found by the stable ids of a later round's items, scopes
/// and groups (`ReportedItem.id`, `Scope.id(in:)`, `GapResults.groupID(_:)`).
struct EarlierRound {
  let figures: RoundFigures
  private let items: [String: Int]
  private let scopes: [String: Int]
  private let groups: [String: Int]

  init(_ figures: RoundFigures) {
    self.figures = figures
    var items: [String: Int] = [:]
    for (p, item) in figures.items.enumerated() { items[item.id] = p }
    self.items = items
    var scopes: [String: Int] = [:]
    for (s, scope) in figures.scopes.enumerated() { scopes[scope.id] = s }
    self.scopes = scopes
    var groups: [String: Int] = [:]
    for (k, group) in figures.groups.enumerated() { groups[group] = k }
    self.groups = groups
  }

  /// The earlier round's index of `item`: nil when it lacks the item or its scale changed.
  func index(of item: ReportedItem) -> Int? {
    guard let p = items[item.id], figures.items[p].points == item.points else { return nil }
    return p
  }

  func scopeIndex(_ scopeID: String) -> Int? { scopes[scopeID] }
  func groupIndex(_ groupID: String) -> Int? { groups[groupID] }

  /// The earlier round's figure of `item` in the scope with stable id `scopeID`: nil when
  /// that round lacks the item or the scope, the item's scale changed, or the figure is
  /// not shown.
  func figure(of item: ReportedItem, in scopeID: String) -> (
    scope: RoundFigures.ScopeInfo, figure: RoundFigures.Figure
  )? {
    guard let p = index(of: item), let s = scopes[scopeID], let figure = figures.figures[s][p] else { return nil }
    return (figures.scopes[s], figure)
  }

  /// The earlier round's mean gap of the group with stable id `groupID` in the scope with
  /// stable id `scopeID`: nil when that round lacks either or does not show it.
  func rollUp(_ groupID: String, in scopeID: String) -> Double? {
    guard let k = groups[groupID], let s = scopes[scopeID] else { return nil }
    return figures.rollUps[s][k]
  }
}
