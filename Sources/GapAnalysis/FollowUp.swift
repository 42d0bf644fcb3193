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
}

/// The plan's joint follow-up: every item figure of this run against an earlier one.
public enum FollowUp {
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
