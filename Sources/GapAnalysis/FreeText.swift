/// The free-text answers a report may show, decided here by the minimum-group rule
/// (`GapResults.textPlaces`): a place's texts are shown only when its respondents are; the
/// texts of a place below the minimum are withheld, and only that there are some is known.
public struct FreeText: Sendable, Equatable {
  /// The texts that may be shown, sorted, per place (nil: the county-wide respondents),
  /// section and item.
  public private(set) var shown: [Tally.TextKey: [String]] = [:]
  /// Where there are texts that may not be shown (a place below the minimum).
  public private(set) var withheld: Set<Tally.TextKey> = []

  /// Sorts `texts` into those of `places` (shown) and the others (withheld).
  public init(texts: [Tally.TextKey: [String]], places: Set<Int?>) {
    for (key, list) in texts where !list.isEmpty {
      if places.contains(key.municipality) {
        shown[key] = list.sorted()
      } else {
        withheld.insert(key)
      }
    }
  }

  /// The texts of a place's item that may be shown, sorted; none when they are withheld.
  public func shown(municipality: Int?, section: Int, item: Int) -> [String] {
    shown[Tally.TextKey(municipality: municipality, section: section, item: item)] ?? []
  }

  /// Whether a place's item has texts that may not be shown.
  public func isWithheld(municipality: Int?, section: Int, item: Int) -> Bool {
    withheld.contains(Tally.TextKey(municipality: municipality, section: section, item: item))
  }
}
