import SurveyModel

/// What the test says of a figure or a claim about it, decided once here for every figure
/// that a view may colour, list or put in words; a view only draws it (docs/statistics.md,
/// "Verdicts").
public enum Verdict: Sendable, Equatable {
  /// The test supports it: a gap whose 95 % interval lies above zero, a difference or a
  /// change significant after Benjamini–Hochberg.
  case supported
  /// Shown, but the test does not support it.
  case notSupported
  /// Not compared at all: a group below the minimum, or hidden to protect one.
  case cannotBeCompared
}

/// The figures of one paired item in one scope. Every figure is nil when the scope has
/// too few respondents for the item (`suppressed`), so that no report can show it.
public struct ItemGap: Sendable {
  public var scope: Scope
  /// Index into `GapResults.pairedItems` (in the order of `TallyLayout.paired`).
  public var item: Int
  public var suppressed: Bool
  /// Respondents who answered both current and desired (nil when suppressed).
  public var n: Int?
  public var currentMean: Double?
  public var desiredMean: Double?
  public var gapMean: Double?
  public var gapSD: Double?
  public var gapCILow: Double?
  public var gapCIHigh: Double?
  /// Quartiles (0.25, 0.5, 0.75), numpy's linear method.
  public var currentQuartiles: [Double]?
  public var desiredQuartiles: [Double]?
  /// Share at the two highest scale points, with its Wilson interval.
  public var currentTopTwo: Proportion?
  public var desiredTopTwo: Proportion?
  /// Paired tests of gap ≠ 0.
  public var pairedT: TestResult?
  public var wilcoxon: TestResult?
  /// Current state among everyone who rated it (paired or not).
  public var currentAnswered: Int?
  public var currentAllMean: Double?
  /// The answer distributions (pairwise complete), for the diverging bars.
  public var currentCounts: [Int]?
  public var desiredCounts: [Int]?

  /// Whether the figure rests on few respondents (fewer than twice the minimum) or on a
  /// wide interval (over one scale point): drawn pale, never in a strong colour.
  public var imprecise = false

  /// A gap whose confidence interval lies above zero.
  public var isClearlyPositive: Bool { (gapCILow ?? 0) > 0 }

  /// Whether there is a gap: its interval lies above zero.
  public var verdict: Verdict { suppressed ? .cannotBeCompared : isClearlyPositive ? .supported : .notSupported }
}

/// A roll-up: the mean of the item gap means of a section or a tag value, each item
/// weighing the same.
public struct RollUp: Sendable {
  public enum Group: Hashable, Sendable {
    case section(Int)
    /// Index into `GapResults.tagValues` (in the order of `TallyLayout.tagValues`).
    case tag(Int)
  }

  public var scope: Scope
  public var group: Group
  public var suppressed: Bool
  public var gapMean: Double?
  public var currentMean: Double?
  public var desiredMean: Double?
  /// Items whose figures went into the mean (suppressed items are left out).
  public var items: Int
  /// Respondents with a complete pair in at least one of the group's items.
  public var respondents: Int?
}

/// A municipality against the county, for one item.
public struct MunicipalityComparison: Sendable {
  public var municipality: Int
  public var item: Int
  public var n: Int?
  public var gapMean: Double?
  /// All county respondents pooled.
  public var countyGapMean: Double?
  /// The unweighted mean of the municipalities' gap means (suppressed ones left out).
  public var municipalityAverageGapMean: Double?
  public var difference: Double?
  /// Against the rest of the county (this municipality's respondents left out).
  public var welch: TestResult?
  public var mannWhitney: TestResult?
  /// Benjamini–Hochberg over the items of this municipality, of the Mann–Whitney p.
  public var pAdjusted: Double?
  /// Rank-biserial correlation: positive when this municipality's gaps tend to be larger.
  public var effectSize: Double?
  /// 1 = the largest gap among the municipalities with a figure.
  public var rank: Int?
  public var significant: Bool

  /// Whether this municipality's gap differs from the rest of the county's.
  public var verdict: Verdict { gapMean == nil ? .cannotBeCompared : significant ? .supported : .notSupported }
}

/// A municipality's section or lens value against the rest of the county (a roll-up has no
/// test of its own): different with support when its conservative interval
/// (`GapResults.interval`) lies wholly on one side of the county's figure and its items
/// agree (at least one differs significantly that way, none the other way); otherwise not
/// supported, whatever a single statement says.
public struct GroupComparison: Sendable, Equatable {
  public var verdict: Verdict
  /// Items significantly larger (▲) and smaller (▼) than in the rest of the county.
  public var larger: Int
  public var smaller: Int
  /// +1: the municipality's gaps are larger; −1: smaller; 0: no supported direction.
  public var direction: Int { verdict == .supported ? (larger >= smaller ? 1 : -1) : 0 }
}

/// How the two groups of a declared mellanrum pair (`Survey.mellanrum`: region against
/// kommun, mikro against makro, …) see the current state of one item, in one place.
public struct OrganisationalGap: Sendable {
  /// Index into `Survey.mellanrum`: which pair of groups.
  public var pair: Int
  /// nil: the county as a whole.
  public var municipality: Int?
  public var item: Int
  /// The pair's first group: its respondents who rated the current state, and their mean.
  public var firstN: Int?
  public var firstCurrentMean: Double?
  /// The pair's second group.
  public var secondN: Int?
  public var secondCurrentMean: Double?
  /// First minus second.
  public var difference: Double?
  public var welch: TestResult?
  /// Benjamini–Hochberg over the place's rows of every declared pair together.
  public var pAdjusted: Double?
  /// Significant after adjustment.
  public var significant = false
  /// Significant, or a difference of at least `AnalysisSettings.mellanrumThreshold`: the
  /// rows the reports list (a large difference that is not significant is marked so).
  public var flagged: Bool
  /// Either group is hidden (below the minimum, or to protect such a group).
  public var suppressed: Bool

  public init(pair: Int, municipality: Int?, item: Int, flagged: Bool, suppressed: Bool) {
    self.pair = pair
    self.municipality = municipality
    self.item = item
    self.flagged = flagged
    self.suppressed = suppressed
  }

  /// Whether the two groups see the current state differently: cannot be compared when
  /// either group is hidden or has no answer to the item.
  public var verdict: Verdict {
    suppressed || difference == nil ? .cannotBeCompared : significant ? .supported : .notSupported
  }
}

/// A declared mellanrum pair in one place, over its items: supported when at least one
/// item's difference is, cannot be compared when no item can be.
public struct MellanrumVerdict: Sendable {
  public var verdict: Verdict
  /// The supported rows, the largest difference first.
  public var supported: [OrganisationalGap]
  /// How many items could be compared.
  public var compared: Int
}

/// Shares of the answers of a rating or choice item in one scope.
public struct AnswerShares: Sendable {
  public var scope: Scope
  /// Index into `GapResults.singleItems` (in the order of `TallyLayout.singles`).
  public var item: Int
  public var suppressed: Bool
  public var n: Int?
  /// Per scale point or option, in order.
  public var shares: [Proportion]?
}

/// What a report needs to know about an item, so that it needs nothing from the tally's
/// layout: its stable id, its question text, its section and its answers.
public struct ReportedItem: Sendable {
  /// The item's id in the survey definition (stable between runs).
  public var id: String
  /// The statement or question, as the survey words it.
  public var text: String
  /// Index into `Survey.sections`.
  public var section: Int
  /// Scale point values, ascending (a choice item: option indices 0..<count).
  public var points: [Int]
  /// Each answer's id and label, in `points` order.
  public var answers: [(id: String, label: String)]
  /// Flat tag-value indices (`GapResults.tagValues`) the item carries.
  public var tags: [Int]
  public var isChoice: Bool
}

/// A value of a tag vocabulary (a lens), flattened across vocabularies.
public struct ReportedTag: Sendable {
  /// Index into `Survey.tagVocabularies`, and into its values.
  public var vocabulary: Int
  public var value: Int
  public var label: String
}

/// The thresholds one analysis ran with; the reports quote them, never their own copy.
public struct AnalysisSettings: Sendable, Equatable {
  /// Groups with fewer respondents are suppressed, and so is every figure that would
  /// give one away.
  public var minimumGroupSize: Int
  /// Below this (adjusted) p a difference is called statistically significant.
  public var significanceLevel: Double
  /// The difference (scale points) in the current state from which a mellanrum is
  /// flagged even when it is not significant.
  public var mellanrumThreshold: Double
  /// A gap below this (scale points) is small: the priority matrix's line, and the limit
  /// of a strength.
  public var smallGap: Double
  /// The round's earlier publications (from the store): nothing this analysis shows may,
  /// together with them, give away a group below the minimum (`Publication`).
  public var earlier: [Publication]

  public init(
    minimumGroupSize: Int, significanceLevel: Double = 0.05, mellanrumThreshold: Double = 1.0, smallGap: Double = 1.0,
    earlier: [Publication] = []
  ) {
    self.earlier = earlier
    self.minimumGroupSize = minimumGroupSize
    self.significanceLevel = significanceLevel
    self.mellanrumThreshold = mellanrumThreshold
    self.smallGap = smallGap
  }
}

/// Everything the reports show, computed from one tally.
public struct GapResults: Sendable {
  public let layout: TallyLayout
  public var survey: Survey { layout.survey }
  public let settings: AnalysisSettings
  /// What these figures are of and what they are compared with: the store's round and the
  /// rounds before it, or the survey's period for a report from files. Set by whoever ran
  /// the analysis (it knows the store); Reporting only shows it.
  public var naming = ReportNaming()
  /// Per paired item (the index `ItemGap.item` and the other figures use).
  public let pairedItems: [ReportedItem]
  /// Per rating or choice item (the index of `AnswerShares.item`).
  public let singleItems: [ReportedItem]
  /// Every tag value, flattened (the index of `RollUp.Group.tag`).
  public let tagValues: [ReportedTag]
  public var minimumGroupSize: Int { settings.minimumGroupSize }
  /// Scopes in report order.
  public let scopes: [Scope]
  /// Respondents per scope.
  public let respondents: [Scope: Int]
  /// items[scope][paired item index].
  public let items: [Scope: [ItemGap]]
  public let rollUps: [Scope: [RollUp]]
  public let comparisons: [MunicipalityComparison]
  public let organisationalGaps: [OrganisationalGap]
  /// Per scope: paired item indices with a clearly positive gap, largest gap first.
  public let priorities: [Scope: [Int]]
  /// Per scope: paired item indices whose current state is at or above the scale's middle
  /// and whose gap is below `settings.smallGap`, highest current state first.
  public let strengths: [Scope: [Int]]
  public let answerShares: [Scope: [AnswerShares]]
  /// The unweighted mean of the municipalities' gap means per item, and how many
  /// municipalities it rests on.
  public let municipalityAverage: [(gapMean: Double?, municipalities: Int)]
  /// Places whose free text may be shown: municipalities whose respondent count is shown
  /// (at or above the minimum, and not hidden to protect another group), and nil for the
  /// county-wide respondents when they are at least the minimum.
  public let textPlaces: Set<Int?>
  /// The free text the report may show, sorted by `textPlaces` (`FreeText`); nil when the
  /// tally kept none (a run without `--include-comments`).
  public var freeText: FreeText?
  /// What these results show, for the store's record of a publication.
  public let publication: Publication
  /// Scopes whose respondents are hidden only because an earlier publication of the same
  /// round stands beside this one (they changed by fewer than the minimum since).
  public let heldBack: [Scope]

  public func item(_ scope: Scope, _ item: Int) -> ItemGap? { items[scope]?[item] }

  /// A roll-up group's stable id between runs: `section/<id>` or `tag/<vocabulary>/<value>`.
  public func groupID(_ group: RollUp.Group) -> String {
    switch group {
    case .section(let s): "section/" + survey.sections[s].id
    case .tag(let t):
      "tag/" + survey.tagVocabularies[tagValues[t].vocabulary].id + "/"
        + survey.tagVocabularies[tagValues[t].vocabulary].values[tagValues[t].value].id
    }
  }

  /// A municipality's roll-up group against the rest of the county (`GroupComparison`).
  public func comparison(municipality m: Int, group: RollUp.Group) -> GroupComparison {
    let members = Set(members(of: group))
    let rows = comparisons.filter { $0.municipality == m && members.contains($0.item) }
    let shown = rollUps[Scope(municipality: m)]?.first { $0.group == group }
    guard shown?.suppressed == false, rows.contains(where: { $0.gapMean != nil }) else {
      return GroupComparison(verdict: .cannotBeCompared, larger: 0, smaller: 0)
    }
    let larger = rows.filter { $0.significant && ($0.difference ?? 0) > 0 }.count
    let smaller = rows.filter { $0.significant && ($0.difference ?? 0) < 0 }.count
    let county = rollUps[.county]?.first { $0.group == group }?.gapMean
    let range = interval(Scope(municipality: m), group: group)
    let above = county.flatMap { c in range.map { $0.low > c } } ?? false
    let below = county.flatMap { c in range.map { $0.high < c } } ?? false
    let oneWay = (larger > 0 && smaller == 0 && above) || (smaller > 0 && larger == 0 && below)
    return GroupComparison(verdict: oneWay ? .supported : .notSupported, larger: larger, smaller: smaller)
  }

  /// A group of respondents (a scope with a dimension value) against all respondents of
  /// its place, on one roll-up (section or lens value), one of `tests` such comparisons
  /// shown together: supported when the group's conservative interval (`interval`), at the
  /// Bonferroni coverage 1 − 0.05/`tests`, lies wholly on one side of the place's figure;
  /// direction +1 larger, −1 smaller, 0 not supported. The group is part of the place, so
  /// the difference varies less than the group's own mean, and its interval alone is
  /// conservative. Cannot be compared when either figure is hidden.
  public func againstAll(_ scope: Scope, group: RollUp.Group, tests: Int) -> (verdict: Verdict, direction: Int) {
    let place = Scope(municipality: scope.municipality)
    guard scope.dimension != nil, let all = rollUps[place]?.first(where: { $0.group == group }), !all.suppressed,
      let figure = all.gapMean,
      let range = interval(scope, group: group, coverage: 1 - 0.05 / Double(max(1, tests)))
    else { return (.cannotBeCompared, 0) }
    if range.low > figure { return (.supported, 1) }
    if range.high < figure { return (.supported, -1) }
    return (.notSupported, 0)
  }

  /// A declared mellanrum pair (index into `Survey.mellanrum`) in one place (nil: the
  /// county as a whole), over its items.
  public func mellanrum(pair: Int, municipality: Int?) -> MellanrumVerdict {
    let rows = organisationalGaps.filter { $0.pair == pair && $0.municipality == municipality }
    let compared = rows.filter { $0.verdict != .cannotBeCompared }
    let supported = compared.filter { $0.verdict == .supported }
      .sorted { (abs($0.difference ?? 0), -$0.item) > (abs($1.difference ?? 0), -$1.item) }
    let verdict: Verdict = compared.isEmpty ? .cannotBeCompared : supported.isEmpty ? .notSupported : .supported
    return MellanrumVerdict(verdict: verdict, supported: supported, compared: compared.count)
  }

  /// A conservative 95 % interval of a roll-up's mean gap: its items' mean ± 1.96 × the
  /// mean of their standard errors, which is at least the standard error of a mean of
  /// correlated means (the items are answered by mostly the same people, whose covariances
  /// the tally does not hold). Nil when hidden.
  /// `coverage` other than 0.95 widens it for many tests at once (`againstAll`).
  public func interval(_ scope: Scope, group: RollUp.Group, coverage: Double = 0.95) -> (low: Double, high: Double)? {
    guard let rollUp = rollUps[scope]?.first(where: { $0.group == group }), !rollUp.suppressed,
      let mean = rollUp.gapMean
    else { return nil }
    // Each item's half-width with Student's t for its own respondents (a group of 5 is
    // t(4) = 2,78, not 1,96), so that few respondents widen the interval as they should.
    let halves = members(of: group).compactMap { p -> Double? in
      guard let g = item(scope, p), !g.suppressed, let sd = g.gapSD, let n = g.n, n > 1 else { return nil }
      return Distributions.tQuantile(1 - (1 - coverage) / 2, df: Double(n - 1)) * sd / Double(n).squareRoot()
    }
    guard !halves.isEmpty else { return nil }
    let half = halves.reduce(0, +) / Double(halves.count)
    return (mean - half, mean + half)
  }

  /// Whether a roll-up's gap rests on few respondents (fewer than twice the minimum) or a
  /// wide conservative interval (over one scale point): drawn pale, never strong.
  public func imprecise(_ scope: Scope, group: RollUp.Group) -> Bool {
    guard let rollUp = rollUps[scope]?.first(where: { $0.group == group }), !rollUp.suppressed else { return true }
    if (rollUp.respondents ?? 0) < 2 * minimumGroupSize { return true }
    guard let (low, high) = interval(scope, group: group) else { return true }
    return high - low > 1.0
  }

  /// The paired items (indices) of a roll-up group.
  public func members(of group: RollUp.Group) -> [Int] {
    switch group {
    case .section(let s): pairedItems.indices.filter { pairedItems[$0].section == s }
    case .tag(let t): pairedItems.indices.filter { pairedItems[$0].tags.contains(t) }
    }
  }

  /// The items, sections and tag values of a layout, in its order.
  static func catalogue(_ layout: TallyLayout) -> (paired: [ReportedItem], singles: [ReportedItem], tags: [ReportedTag])
  {
    let survey = layout.survey
    func answers(_ item: Item, _ points: [Int]) -> [(id: String, label: String)] {
      switch item.kind {
      case .choice(let options, _, _): return options.map { ($0.id, $0.label) }
      case .paired(let id, _, _), .rating(let id, _):
        let labels = survey.scale(id: id)?.points ?? []
        return points.map { v in (String(v), labels.first { $0.value == v }?.label ?? String(v)) }
      default: return points.map { (String($0), String($0)) }
      }
    }
    let paired = layout.paired.map { p -> ReportedItem in
      let item = survey.sections[p.section].items[p.item]
      return ReportedItem(
        id: p.id, text: item.text, section: p.section, points: p.points, answers: answers(item, p.points),
        tags: p.tagValues, isChoice: false)
    }
    let singles = layout.singles.map { s -> ReportedItem in
      let item = survey.sections[s.section].items[s.item]
      return ReportedItem(
        id: s.id, text: item.text, section: s.section, points: s.points, answers: answers(item, s.points), tags: [],
        isChoice: s.isChoice)
    }
    let tags = layout.tagValues.map {
      ReportedTag(
        vocabulary: $0.vocabulary, value: $0.value, label: survey.tagVocabularies[$0.vocabulary].values[$0.value].label)
    }
    return (paired, singles, tags)
  }
}

/// What a report is of, and what it is compared with, for its pages, their printed headers
/// and the terminal: "Omgång 2028 · september–oktober 2028 · jämförs med 2027 (första
/// kartläggningen 2026)". Made from the store's rounds, never from a clock.
public struct ReportNaming: Sendable, Equatable {
  /// A round, named as the store names it, with its period when one is known.
  public struct Round: Sendable, Equatable {
    public var name: String
    public var period: String?

    public init(name: String, period: String? = nil) {
      self.name = name
      self.period = period
    }
  }

  /// The store's round reported; nil for a report from files.
  public var round: Round?
  /// The period the report is of: the round's own, else the survey's.
  public var period: String?
  /// The period is the survey definition's, not one the round was given.
  public var periodIsTheSurveys: Bool
  /// The round the follow-up compares with (the last one before), when there is one.
  public var compared: Round?
  /// The first round of the store (the first mapping), when it is neither this round nor
  /// the compared one.
  public var first: Round?

  public init(
    round: Round? = nil, period: String? = nil, periodIsTheSurveys: Bool = true, compared: Round? = nil,
    first: Round? = nil
  ) {
    self.round = round
    self.period = period
    self.periodIsTheSurveys = periodIsTheSurveys
    self.compared = compared
    self.first = first
  }
}
