import GapAnalysis
import RoundStore

/// A file of the round reported whose answers a file of another round holds too: one
/// file's respondents are all among the other's (`Tally.lies(within:)`), as when last
/// year's export is imported again, whole or with a few rows more or less. Each round's
/// publication is protected on its own, but the two rounds' figures could be subtracted
/// from each other to show the few respondents between the two files, so such a round is
/// not published (docs/statistics.md, "A file from another round").
public struct RoundRepeat: Sendable, Equatable {
  public var round: String
  public var file: String
  public var otherRound: String
  public var otherFile: String

  public init(round: String, file: String, otherRound: String, otherFile: String) {
    self.round = round
    self.file = file
    self.otherRound = otherRound
    self.otherFile = otherFile
  }
}

extension RoundStore {
  /// The first file of `round` (`files`, its records) that shares its answers with a file
  /// of another round, in the order of the other rounds' names, then of the files' names;
  /// nil when none does. A file of another round whose tally does not fit `layout` (another
  /// definition's) is not compared. Each other file is decoded once and then let go: the
  /// memory is this round's tallies, one other round's stored bytes and one more tally.
  func repeatOfAnotherRound(round: String, files: [FileRecord], layout: TallyLayout) throws -> RoundRepeat? {
    let own: [(name: String, tally: Tally)] = files.compactMap { record in
      var tally = Tally(layout: layout)
      guard (try? tally.add(encoded: record.tally)) != nil, tally.respondentCount > 0 else { return nil }
      return (record.name, tally)
    }
    guard !own.isEmpty else { return nil }
    for other in try roundNames() where other != round {
      guard let (_, records) = try self.round(other) else { continue }
      for record in records.sorted(by: { $0.name < $1.name }) {
        var tally = Tally(layout: layout)
        guard (try? tally.add(encoded: record.tally)) != nil else { continue }
        if let mine = own.first(where: { $0.tally.lies(within: tally) || tally.lies(within: $0.tally) }) {
          return RoundRepeat(round: round, file: mine.name, otherRound: other, otherFile: record.name)
        }
      }
    }
    return nil
  }
}
