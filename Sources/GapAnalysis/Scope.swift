import SurveyModel

/// A group of respondents a figure is about: the county, a municipality, or a value of a
/// respondent dimension (organisation, level …) in the county or in a municipality.
public struct Scope: Hashable, Sendable, Comparable {
  /// nil for the county as a whole.
  public var municipality: Int?
  /// A dimension and one of its values, or nil for everyone in the place. The value
  /// `dimension.values.count` is the respondents whose value is blank or unknown: a group
  /// of its own, shown and suppressed like any other.
  public var dimension: Int?
  public var value: Int?

  /// The name of the unknown value's group in the CSV files' `scope` column.
  public static let unknownValueID = "okänd"

  public init(municipality: Int? = nil, dimension: Int? = nil, value: Int? = nil) {
    self.municipality = municipality
    self.dimension = dimension
    self.value = value
  }

  public static let county = Scope()

  public var isCounty: Bool { municipality == nil && dimension == nil }

  /// Stable names for the CSV outputs: `scope_type` is `county`, `municipality`,
  /// `county:<dimension id>` or `municipality:<dimension id>`; `scope` names the place
  /// and the value ("Kalmar", "Kalmar / region").
  public func type(in survey: Survey) -> String {
    let place = municipality == nil ? "county" : "municipality"
    guard let dimension else { return place }
    return place + ":" + survey.dimensions[dimension].id
  }

  /// A stable id that survives a renamed municipality or value label: `county`, the
  /// municipality's code, and for a group `/<dimension id>/<value id>` after either
  /// ("0880/organisation/region", "county/niva/okänd").
  public func id(in survey: Survey) -> String {
    let place = municipality.map { survey.county.municipalities[$0].code } ?? "county"
    guard let dimension, let value else { return place }
    let values = survey.dimensions[dimension].values
    return place + "/" + survey.dimensions[dimension].id + "/"
      + (value < values.count ? values[value].id : Self.unknownValueID)
  }

  public func name(in survey: Survey) -> String {
    let place = municipality.map { survey.county.municipalities[$0].name } ?? survey.county.name
    guard let dimension, let value else { return place }
    let values = survey.dimensions[dimension].values
    return place + " / " + (value < values.count ? values[value].id : Self.unknownValueID)
  }

  /// Whether this is the group of respondents whose value of the dimension is unknown.
  public func isUnknownValue(in survey: Survey) -> Bool {
    guard let dimension, let value else { return false }
    return value == survey.dimensions[dimension].values.count
  }

  /// County first, then municipalities in the definition's order; within each, everyone
  /// before the dimension groups.
  public static func < (a: Scope, b: Scope) -> Bool {
    func key(_ s: Scope) -> [Int] { [s.municipality ?? -1, s.dimension ?? -1, s.value ?? -1] }
    return key(a).lexicographicallyPrecedes(key(b))
  }
}
