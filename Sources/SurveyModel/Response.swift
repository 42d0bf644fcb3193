/// One respondent's answers, as `Ingest` produces them and `GapAnalysis` consumes them.
///
/// Answers are indexed by the survey's `slots`: `values[k]` is the scale value (paired and
/// rating items) or the option index (choice items) of slot `k`, or `Response.missing`.
/// Free-text answers are kept only for text slots that were answered.
public struct Response: Sendable, Equatable {
  public static let missing = Int16.min

  /// Index into `county.municipalities`, or nil for a county-wide respondent.
  public var municipality: Int?
  /// Value index per survey dimension (same order as `Survey.dimensions`), nil if unknown.
  public var dimensions: [Int?]
  public var respondentID: String?
  public var values: [Int16]
  public var texts: [Int: String]

  public init(
    municipality: Int?, dimensions: [Int?], respondentID: String? = nil, values: [Int16], texts: [Int: String] = [:]
  ) {
    self.municipality = municipality
    self.dimensions = dimensions
    self.respondentID = respondentID
    self.values = values
    self.texts = texts
  }
}
