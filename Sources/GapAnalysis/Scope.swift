import SurveyModel

/// A group of respondents a figure is about: the county, a municipality, the respondents
/// whose municipality cell was blank ("okänd kommun"), or a value of a respondent dimension
/// (organisation, level …) in the county or in one of these places.
public struct Scope: Hashable, Sendable, Comparable {
  /// nil for the county as a whole; `Response.unknownMunicipality` for "okänd kommun", a
  /// group of the county that is no municipality (no page, no rank, no part in the
  /// municipalities' average or in municipality against county).
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

  /// The respondents whose municipality cell was blank, everyone of them.
  public static let unknownMunicipality = Scope(municipality: Response.unknownMunicipality)

  /// The place's id, name and type in the CSV files for "okänd kommun".
  public static let unknownMunicipalityID = "okänd_kommun"
  public static let unknownMunicipalityName = "okänd kommun"
  public static let unknownMunicipalityType = "unknown_municipality"

  public var isCounty: Bool { municipality == nil && dimension == nil }

  /// Whether this is "okänd kommun" or one of its groups.
  public var isUnknownMunicipality: Bool { municipality == Response.unknownMunicipality }

  /// Stable names for the CSV outputs: `scope_type` is `county`, `municipality`,
  /// `unknown_municipality`, or one of these with `:<dimension id>` for a group;
  /// `scope` names the place and the value ("Kalmar", "Kalmar / region", "okänd kommun").
  public func type(in survey: Survey) -> String {
    let place =
      municipality == nil ? "county" : isUnknownMunicipality ? Self.unknownMunicipalityType : "municipality"
    guard let dimension else { return place }
    return place + ":" + survey.dimensions[dimension].id
  }

  /// A stable id that survives a renamed municipality or value label: `county`, the
  /// municipality's code or `okänd_kommun`, and for a group `/<dimension id>/<value id>`
  /// after either ("0880/organisation/region", "county/niva/okänd").
  public func id(in survey: Survey) -> String {
    let place =
      isUnknownMunicipality
      ? Self.unknownMunicipalityID : municipality.map { survey.county.municipalities[$0].code } ?? "county"
    guard let dimension, let value else { return place }
    let values = survey.dimensions[dimension].values
    return place + "/" + survey.dimensions[dimension].id + "/"
      + (value < values.count ? values[value].id : Self.unknownValueID)
  }

  public func name(in survey: Survey) -> String {
    let place =
      isUnknownMunicipality
      ? Self.unknownMunicipalityName
      : municipality.map { survey.county.municipalities[$0].name } ?? survey.county.name
    guard let dimension, let value else { return place }
    let values = survey.dimensions[dimension].values
    return place + " / " + (value < values.count ? values[value].id : Self.unknownValueID)
  }

  /// Whether this is the group of respondents whose value of the dimension is unknown.
  public func isUnknownValue(in survey: Survey) -> Bool {
    guard let dimension, let value else { return false }
    return value == survey.dimensions[dimension].values.count
  }

  /// County first, then municipalities in the definition's order, then "okänd kommun";
  /// within each, everyone before the dimension groups.
  public static func < (a: Scope, b: Scope) -> Bool {
    func key(_ s: Scope) -> [Int] {
      [s.isUnknownMunicipality ? Int.max : s.municipality ?? -1, s.dimension ?? -1, s.value ?? -1]
    }
    return key(a).lexicographicallyPrecedes(key(b))
  }
}
