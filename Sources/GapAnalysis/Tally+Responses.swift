import Ingest
import SurveyModel

/// A tally receives the responses Ingest reads: one tally per file, merged afterwards.
extension Tally: ResponseConsumer {
  public mutating func consume(_ response: Response) { add(response) }
}

extension Tally {
  /// The tallies of `parts` added into one of `layout` (the one place tallies are merged:
  /// a run's files, a stored round's files, an import's working files). `keepTexts`: the
  /// sum keeps the parts' free text.
  public static func merged(_ parts: some Sequence<Tally>, layout: TallyLayout, keepTexts: Bool = false) -> Tally {
    var sum = Tally(layout: layout, keepTexts: keepTexts)
    for part in parts { sum.merge(part) }
    return sum
  }
}
