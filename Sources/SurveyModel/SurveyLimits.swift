/// The largest survey kartlagg accepts. Every limit is checked when a definition is loaded,
/// with an error at the line that breaks it, so that no accepted definition can make a run
/// crash or grow without bound: a tally's memory is `cells × counters per cell × 5 bytes`,
/// at most `maximumTallyCounters × 5` bytes (80 MiB), whatever the data.
public enum SurveyLimits {
  /// Scale point values lie in this range (answers are stored as 16-bit integers).
  public static let pointValues = -1000...1000
  /// A scale has at most this many points (a paired item keeps points² counts per cell).
  public static let maximumPoints = 21
  /// Municipalities in one county (Sweden's largest region has 49).
  public static let maximumMunicipalities = 60
  /// Respondent dimensions, and values per dimension.
  public static let maximumDimensions = 4
  public static let maximumDimensionValues = 12
  /// Sections (the tally marks, per respondent, the sections answered as bits of a word).
  public static let maximumSections = 64
  /// `min_group_size`: complementary suppression searches every union of up to
  /// `min_group_size − 1` groups (docs/statistics.md).
  public static let minimumGroupSizes = 1...10
  /// `invited:` per place or group (more than any Swedish municipality's population).
  public static let maximumInvited = 10_000_000
  /// Cells of the tally: (municipalities + county-wide + okänd kommun) × Π (values + unknown).
  public static let maximumCells = 2048
  /// Counters of a whole tally: cells × Σ over items (points² + 2·points, or points).
  public static let maximumTallyCounters = 1 << 24

  /// The tally's cells and counters for a definition.
  public static func tallySize(_ survey: Survey) -> (cells: Int, counters: Int) {
    // The places: each municipality, the county-wide, okänd kommun (a blank municipality).
    let cells = survey.dimensions.reduce(survey.county.municipalities.count + 2) { $0 * ($1.values.count + 1) }
    var perCell = 0
    for (_, item) in survey.items {
      switch item.kind {
      case .paired(let scale, _, _):
        let k = survey.scale(id: scale)?.points.count ?? 0
        perCell += k * k + 2 * k
      case .rating(let scale, _): perCell += survey.scale(id: scale)?.points.count ?? 0
      case .choice(let options, _, _): perCell += options.count
      case .text: break
      }
    }
    return (cells, cells * perCell)
  }
}
