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
  }

  public static func series(_ results: GapResults, round: String, earlier: [(name: String, results: GapResults)])
    -> Series
  {
    var values: [Scope: [[Double?]]] = [:]
    let rounds = earlier.map { EarlierRound($0.results) }
    for scope in results.scopes {
      let id = scope.id(in: results.survey)
      values[scope] = results.items[scope]!.map { now in
        let item = results.pairedItems[now.item]
        var row: [Double?] = rounds.map { $0.figure(of: item, in: id)?.gap.gapMean }
        row.append(now.suppressed ? nil : now.gapMean)
        return row
      }
    }
    return Series(rounds: earlier.map(\.name) + [round], values: values)
  }

  public static func notCompared(_ results: GapResults, since previous: GapResults) -> NotCompared {
    var out = NotCompared()
    var then: [String: ReportedItem] = [:]
    for item in previous.pairedItems { then[item.id] = item }
    let now = Set(results.pairedItems.map(\.id))
    for item in results.pairedItems {
      if let old = then[item.id] {
        if old.points != item.points { out.scaleChanged.append(item.text) }
      } else {
        out.added.append(item.text)
      }
    }
    out.removed = previous.pairedItems.filter { !now.contains($0.id) }.map(\.text)
    return out
  }

  /// Every item's change since an earlier round analysed in full (`previous`): matched by
  /// the item's id and the scope's stable id; an item whose scale changed, or that either
  /// round lacks, is not compared. A change is given only where both rounds show the
  /// figure (neither suppressed), so it reveals no group hidden in either round. The test
  /// is Welch's between the two rounds' gaps, from their means, standard deviations and
  /// n (scipy's `ttest_ind_from_stats(…, equal_var=False)`), BH-adjusted over the report.
  public static func changes(_ results: GapResults, since previous: GapResults) -> [Scope: [ItemChange]] {
    let survey = results.survey
    let earlier = EarlierRound(previous)
    var out: [Scope: [ItemChange]] = [:]
    var tested: [(Scope, Int)] = []
    for scope in results.scopes {
      out[scope] = results.items[scope]!.map { now in
        var change = ItemChange(scope: scope, item: now.item)
        let item = results.pairedItems[now.item]
        guard let (thenScope, then) = earlier.figure(of: item, in: scope.id(in: survey)), !now.suppressed,
          let n1 = now.n, let n0 = then.n, let m1 = now.gapMean, let m0 = then.gapMean
        else { return change }
        change.baseline = BaselineFigure(
          scopeType: thenScope.type(in: previous.survey), scope: thenScope.name(in: previous.survey), item: item.id,
          n: n0, currentMean: then.currentMean, desiredMean: then.desiredMean, gapMean: m0)
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
      for (k, c) in out[scope]!.enumerated() where c.welch != nil { tested.append((scope, k)) }
    }
    let adjusted = StatisticalTests.benjaminiHochberg(tested.map { out[$0.0]![$0.1].welch?.p })
    for ((scope, k), p) in zip(tested, adjusted) {
      out[scope]![k].pAdjusted = p
      out[scope]![k].significant = (p ?? 1) < results.settings.significanceLevel
    }
    return out
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

/// An earlier round's figures, found by the stable ids of a later round's items and
/// scopes (`ReportedItem.id`, `Scope.id(in:)`).
struct EarlierRound {
  let results: GapResults
  private let items: [String: Int]
  private let scopes: [String: Scope]

  init(_ results: GapResults) {
    self.results = results
    var items: [String: Int] = [:]
    for (p, item) in results.pairedItems.enumerated() { items[item.id] = p }
    self.items = items
    var scopes: [String: Scope] = [:]
    for scope in results.scopes { scopes[scope.id(in: results.survey)] = scope }
    self.scopes = scopes
  }

  /// The earlier round's figure of `item` in the scope with stable id `scopeID`: nil when
  /// that round lacks the item or the scope, the item's scale changed, or the figure is
  /// not shown.
  func figure(of item: ReportedItem, in scopeID: String) -> (scope: Scope, gap: ItemGap)? {
    guard let p = items[item.id], results.pairedItems[p].points == item.points, let scope = scopes[scopeID],
      let gap = results.item(scope, p), !gap.suppressed
    else { return nil }
    return (scope, gap)
  }
}
