/// One respondent's answers, as `Ingest` produces them and `GapAnalysis` consumes them.
///
/// Answers are indexed by the survey's `slots`: `values[k]` is the scale value (paired and
/// rating items) or the option index (choice items) of slot `k`, or `Response.missing`.
/// Free-text answers are kept only for text slots that were answered, in slot order.
public struct Response: Sendable, Equatable {
  public static let missing = Int16.min

  /// `municipality` of a respondent whose municipality cell was blank: counted in the
  /// county and in the group "okänd kommun", which is no municipality.
  public static let unknownMunicipality = -1

  /// Index into `county.municipalities`, nil for a county-wide respondent, or
  /// `Response.unknownMunicipality` when the municipality cell was blank.
  public var municipality: Int?
  /// Value index per survey dimension (same order as `Survey.dimensions`), nil if unknown.
  public var dimensions: [Int?]
  /// The id cell, trimmed; nil when blank, or when the importer was not asked to keep ids
  /// (`IngestOptions.keepsRespondentIDs`).
  public var respondentID: String?
  public var values: [Int16]
  /// The answered free-text slots. An array, not a dictionary: a respondent answers a few,
  /// and the importer reuses one `Response` for every row, which an array empties for free.
  public var texts: [TextAnswer]

  public init(
    municipality: Int?, dimensions: [Int?], respondentID: String? = nil, values: [Int16], texts: [TextAnswer] = []
  ) {
    self.municipality = municipality
    self.dimensions = dimensions
    self.respondentID = respondentID
    self.values = values
    self.texts = texts
  }

  /// The free-text answer of slot `k`, if given.
  public func text(slot k: Int) -> String? { texts.first { $0.slot == k }?.text }
}

/// A free-text answer and the slot it answers.
public struct TextAnswer: Sendable, Equatable {
  public var slot: Int
  public var text: String

  public init(slot: Int, text: String) {
    self.slot = slot
    self.text = text
  }
}
