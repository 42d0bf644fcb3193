import GapAnalysis
import RoundStore
import SurveyModel

/// Two rounds that share respondents so that subtracting one's figures from the other's
/// would give away a group of 1 … m − 1 respondents: last year's export imported again (in
/// any format or order, with rows added, removed, changed or moved between files), or
/// published last year and since deleted from the store. Each round's publication is
/// protected on its own; the two together would not be, so such a round is not published
/// (docs/statistics.md, "Respondents shared by two rounds").
public struct RoundRepeat: Sendable, Equatable {
  /// The round reported, and the file of it that holds the most of the shared respondents.
  public var round: String
  public var file: String
  /// The other round, and the date of its publication when it is what it published that
  /// the report was compared with (nil: its files in the store now).
  public var otherRound: String
  public var otherPublished: String?
  /// Respondents the two rounds have in common (the same answers in the same group).
  public var shared: Int
  /// The few respondents by which a group of the two rounds differs, and where the group is
  /// (municipalities' names, "länsövergripande", "okänd kommun"). Empty for a file of a
  /// store made before store format 11 found by its counts alone (`Tally.lies(within:)`).
  public var difference: Int
  public var places: [String]
  /// False when the rounds' algebra was too large to search: a group could not be ruled
  /// out in `places`, and `difference` is 0.
  public var proven: Bool

  public init(
    round: String, file: String, otherRound: String, otherPublished: String? = nil, shared: Int = 0,
    difference: Int = 0, places: [String] = [], proven: Bool = true
  ) {
    self.round = round
    self.file = file
    self.otherRound = otherRound
    self.otherPublished = otherPublished
    self.shared = shared
    self.difference = difference
    self.places = places
    self.proven = proven
  }
}

extension RoundStore {
  /// The first other round (in name order) that the round reported shares respondents with
  /// so that the two together give a group of 1 … m − 1 away (`Analysis.sharedLeak`, then
  /// `Analysis.differenceLeak`): compared with its
  /// files in the store (as this report shows its scopes, `shown`), with each of its
  /// publications (as both showed them), and last with all other rounds together (their
  /// latest publications, else their files: a round that is two earlier ones and a late
  /// respondent); nil when there is none. `files` are the round's records and `tally` their
  /// merged tally. A file without prints (stored before format 11, or too large), on either
  /// side, is compared by its counts instead: found when one file's counts all lie within
  /// the other's.
  func repeatOfAnotherRound(
    round: String, files: [FileRecord], tally: Tally, minimum: Int, shown: [Bool]
  ) throws -> RoundRepeat? {
    let layout = tally.layout
    let own: [(name: String, tally: Tally, prints: RowPrints?)] = files.compactMap { record in
      var part = Tally(layout: layout)
      guard (try? part.add(encoded: record.tally)) != nil, part.respondentCount > 0 else { return nil }
      return (record.name, part, record.rowPrints.flatMap { try? RowPrints(encoded: $0) })
    }
    guard !own.isEmpty else { return nil }
    let mine = own.allSatisfy({ $0.prints != nil }) ? own.reduce(into: RowPrints()) { $0.merge($1.prints!) } : nil
    func compare(
      _ theirs: RowPrints, other: String, published: String?, minimum: Int, shownTheirs: [Bool]
    ) -> RoundRepeat? {
      guard let mine else { return nil }
      // Cell by cell (a changed answer: the old and the new differ, in a scope both show),
      // then respondent by respondent (rows moved to other groups; scopes of either round).
      var found = Analysis.sharedLeak(
        mine, theirs, tally: tally, minimum: minimum, shownMine: shown, shownTheirs: shownTheirs)
      if found == nil {
        let (sharedCells, difference) = mine.compared(with: theirs, layout: layout)
        let common = sharedCells.reduce(0, +)
        let both = zip(shown, shownTheirs).map { $0 && $1 }
        if common > 0, let group = Analysis.differenceLeak(tally, difference: difference, minimum: minimum, shown: both)
        {
          found = (common, group)
        }
      }
      guard let found else { return nil }
      // The file holding the most of the shared respondents, each file compared once.
      let file = own.map { ($0, $0.prints!.compared(with: theirs, layout: layout).shared.reduce(0, +)) }
        .max { $0.1 < $1.1 }!.0
      return RoundRepeat(
        round: round, file: file.name, otherRound: other, otherPublished: published, shared: found.shared,
        difference: found.group.respondents, places: Self.places(found.group.cells, layout), proven: found.group.proven)
    }
    // Every other round's latest prints (its last publication's, else its files'), for the
    // comparison with all of them together.
    var latest: [(round: String, prints: RowPrints)] = []
    for other in try roundNames() where other != round {
      guard let (_, records) = try self.round(other) else { continue }
      // Its files now: by prints where every file has them, else file by file by counts.
      let theirs = records.map { $0.rowPrints.flatMap { try? RowPrints(encoded: $0) } }
      var newest: RowPrints?
      let published = try publications(round: other)
      let lastPrinted = published.last?.rowPrints.flatMap { try? RowPrints(encoded: $0) }
      if mine != nil && theirs.allSatisfy({ $0 != nil }) {
        let merged = theirs.reduce(into: RowPrints()) { $0.merge($1!) }
        newest = merged
        // Files as their round last published them are compared below, as that
        // publication showed them; other files as both would show them.
        if merged != lastPrinted {
          // As both would show them: this report, and the other round's figures as its own
          // suppression left them (what a follow-up reads of it).
          let figures = try self.figures(round: other).flatMap { try? RoundFigures(encoded: $0.bytes) }
          let theirShown = figures.map { Self.shownAnywhere($0, layout) } ?? shown
          if let found = compare(merged, other: other, published: nil, minimum: minimum, shownTheirs: theirShown) {
            return found
          }
        }
      } else {
        for record in records.sorted(by: { $0.name < $1.name }) {
          var part = Tally(layout: layout)
          guard (try? part.add(encoded: record.tally)) != nil else { continue }
          if let mineFile = own.first(where: { $0.tally.lies(within: part) || part.lies(within: $0.tally) }) {
            return RoundRepeat(round: round, file: mineFile.name, otherRound: other)
          }
        }
      }
      // What it published, though its files may have changed or gone since: as both show.
      for publication in published {
        guard let bytes = publication.rowPrints, let printed = try? RowPrints(encoded: bytes) else { continue }
        newest = printed
        let fitted = (try? Publication(encoded: publication.shown))?.fitted(to: layout)
        let theirShown = fitted.flatMap { $0.measures["respondents"]?.shown ?? $0.shownAnywhere } ?? shown
        if let found = compare(
          printed, other: other, published: String(publication.date.prefix(10)),
          minimum: max(minimum, publication.minimumGroupSize), shownTheirs: theirShown)
        {
          return found
        }
      }
      if let newest { latest.append((other, newest)) }
    }
    if latest.count > 1 {
      let all = latest.reduce(into: RowPrints()) { $0.merge($1.prints) }
      return compare(
        all, other: latest.map(\.round).joined(separator: " + "), published: nil, minimum: minimum, shownTheirs: shown)
    }
    return nil
  }

  /// Per scope of `layout`'s analysis: whether `figures` show any figure of it (matched by
  /// the scope's id; a scope they do not have is not shown).
  static func shownAnywhere(_ figures: RoundFigures, _ layout: TallyLayout) -> [Bool] {
    var shown: [String: Bool] = [:]
    for (s, scope) in figures.scopes.enumerated() {
      shown[scope.id] =
        figures.figures[s].contains { $0 != nil } || figures.rollUps[s].contains { $0 != nil }
    }
    let survey = layout.survey
    return Analysis.scopes(of: survey).map { shown[$0.id(in: survey)] ?? false }
  }

  /// The places of `cells`, in the county's order: municipalities by name, then the
  /// county-wide respondents and okänd kommun.
  static func places(_ cells: [Int], _ layout: TallyLayout) -> [String] {
    let county = layout.survey.county.municipalities
    var indices = Set<Int>()
    var countyWide = false
    var unknown = false
    for cell in cells {
      switch layout.describe(cell: cell).municipality {
      case nil: countyWide = true
      case Response.unknownMunicipality?: unknown = true
      case let m?: indices.insert(m)
      }
    }
    return indices.sorted().map { county[$0].name } + (countyWide ? ["länsövergripande"] : [])
      + (unknown ? ["okänd kommun"] : [])
  }
}
