import SourceDiagnostics

/// A survey definition: what was asked, on which scales, where each answer stands in an
/// export, and through which lenses (tags) the results are read. Loaded and validated by
/// `SurveyLoader`; immutable afterwards.
public struct Survey: Sendable {
  /// The newest format version this kartlagg understands.
  public static let formatVersion = 1

  public var id: String
  public var title: String
  /// The language the survey is written in (`language:`), and so the language of every
  /// run that is not told otherwise: `sv` or `en`; any other code is read as Swedish
  /// (`Language.fallback`).
  public var language: Language
  public var version: Int
  /// Groups with fewer respondents than this show no figure.
  public var minimumGroupSize: Int
  public var county: County
  public var scales: [Scale]
  public var tagVocabularies: [TagVocabulary]
  public var municipalityColumn: AnswerLocation
  /// `respondents: municipality: required: true`: a respondent whose municipality cell is
  /// blank is a rejected row. Otherwise (the default) such a respondent counts in the
  /// county and in the group "okänd kommun" (`Scope.unknownMunicipality`).
  public var municipalityRequired = false
  /// Organisation, level and any further declared dimensions, in declaration order.
  public var dimensions: [Dimension]
  public var respondentIDColumn: AnswerLocation?
  public var sections: [Section]
  /// The pairs of groups whose views of the current state make a *mellanrum* (`report:
  /// mellanrum:`), each within one respondent dimension, in declaration order; empty when
  /// the survey declares none.
  public var mellanrum: [Mellanrum] = []
  /// When the survey ran, as the survey says ("september–oktober 2026"); printed on every
  /// report page. Never taken from the clock, so that reports stay deterministic.
  public var period: String? = nil
  /// The tag vocabulary of the county report's second heat map (`report: heatmap:`), or
  /// nil when the survey declares none.
  public var heatmapTag: Int? = nil
  /// The tag vocabularies the first page speaks through (`report: brief:`): the largest
  /// gaps by development area and priority group. Empty: the first two vocabularies.
  public var briefTags: [Int] = []
  /// What the report is for and what it asks of its readers (`report: purpose:`), in the
  /// survey's words: the brief's last line, for the leader who asks "what do you want from
  /// me?". nil: the brief has no such line.
  public var purpose: String? = nil
  /// Sections drawn as a grid of two tag vocabularies' values (`report: grid:`).
  public var grids: [Grid] = []
  /// The tag vocabularies that only label a grid's rows and columns. They are not lenses:
  /// a tally does not count respondents by them and they are not part of
  /// `figureIdentity`, so a grid may be added or changed after a round was imported.
  /// Items keep their values in `Item.tags` like any other tag.
  public var gridVocabularies: [TagVocabulary] = []

  /// Indices: the dimension and two of its values, in the order "first minus second".
  /// A section drawn as rows × columns: the cell of row value r and column value c is the
  /// section's paired item tagged with both; an item tagged with a row value only (a
  /// choice question, say) stands beside its row.
  public struct Grid: Sendable, Equatable {
    /// Index into `sections`.
    public var section: Int
    /// Indices into `gridVocabularies`.
    public var rows: Int
    public var columns: Int

    public init(section: Int, rows: Int, columns: Int) {
      self.section = section
      self.rows = rows
      self.columns = columns
    }
  }

  public struct Mellanrum: Sendable, Equatable {
    public var dimension: Int
    public var first: Int
    public var second: Int

    public init(dimension: Int, first: Int, second: Int) {
      self.dimension = dimension
      self.first = first
      self.second = second
    }
  }

  /// Every answer column of the definition, in template order: the respondent id, the
  /// municipality, the other dimensions, then each item's answers section by section.
  public var slots: [AnswerSlot] {
    var result: [AnswerSlot] = []
    for (s, section) in sections.enumerated() {
      for (i, item) in section.items.enumerated() {
        for (r, location) in item.locations.enumerated() {
          result.append(AnswerSlot(section: s, item: i, role: item.roles[r], location: location))
        }
      }
    }
    return result
  }

  /// All items, with their section, in order.
  public var items: [(section: Section, item: Item)] {
    sections.flatMap { section in section.items.map { (section, $0) } }
  }

  public func scale(id: String) -> Scale? { scales.first { $0.id == id } }
  public func vocabulary(id: String) -> TagVocabulary? {
    tagVocabularies.first { $0.id == id } ?? gridVocabularies.first { $0.id == id }
  }
}

/// The county and its municipalities.
public struct County: Sendable {
  public var name: String
  public var municipalities: [Municipality]
  /// The value for answers that concern the whole county rather than one municipality.
  public var countyWide: Municipality
}

/// A municipality with its official name, its municipality code and the spellings that
/// exports use for it.
public struct Municipality: Sendable, Equatable {
  public var code: String
  public var name: String
  public var spellings: [String]
  /// How many were invited to answer, when the survey says (for the response rate).
  public var invited: Invited?

  public init(code: String, name: String, spellings: [String] = [], invited: Invited? = nil) {
    self.code = code
    self.name = name
    self.spellings = spellings
    self.invited = invited
  }
}

/// How many were invited: in all, and per value of one respondent dimension when the
/// survey gives it (`invited: 120`, or `invited: { organisation: { region: 40, kommun: 80 } }`,
/// whose total is the sum).
public struct Invited: Sendable, Equatable {
  public var total: Int
  /// The dimension (index into `Survey.dimensions`) and the number per value (nil where
  /// the survey gives none).
  public var byGroup: (dimension: Int, counts: [Int?])?

  public init(total: Int, byGroup: (dimension: Int, counts: [Int?])? = nil) {
    self.total = total
    self.byGroup = byGroup
  }

  public static func == (a: Invited, b: Invited) -> Bool {
    a.total == b.total && a.byGroup?.dimension == b.byGroup?.dimension && a.byGroup?.counts == b.byGroup?.counts
  }
}

/// An ordered answer scale, with the answers that mean no answer.
public struct Scale: Sendable {
  public var id: String
  public var points: [ScalePoint]
  /// Labels that mean no answer ("Vet ej", "Ej aktuellt"); blank always does.
  public var noAnswerLabels: [String]
  /// Codes export tools write for no answer (Qualtrics' -99, agencies' "." and "..").
  public var noAnswerCodes: [String]

  public var minimum: Int { points.map(\.value).min() ?? 0 }
  public var maximum: Int { points.map(\.value).max() ?? 0 }
}

public struct ScalePoint: Sendable, Equatable {
  public var value: Int
  public var label: String
}

/// A declared tag vocabulary, such as the county's four development areas.
public struct TagVocabulary: Sendable {
  public var id: String
  public var label: String
  public var values: [TagValue]
}

public struct TagValue: Sendable, Equatable {
  public var id: String
  public var label: String
}

/// A respondent dimension other than the municipality (organisation, level, …).
public struct Dimension: Sendable {
  public var id: String
  public var label: String
  public var location: AnswerLocation
  public var values: [DimensionValue]
  public var required: Bool
}

public struct DimensionValue: Sendable, Equatable {
  public var id: String
  public var label: String
  public var spellings: [String]
}

/// Where one answer stands in an export: a column name, its aliases, and the full
/// question text some tools put in the header.
public struct AnswerLocation: Sendable, Equatable {
  public var column: String
  public var aliases: [String]
  public var question: String?
  /// The column's place in the export, counted from 1 as a spreadsheet does
  /// (`column: { position: 12 }` or `{ position: L }`): for a header that repeats another's
  /// text. Then `column` is only its name in messages ("position 12"), and no header text
  /// of it names the answer.
  public var position: Int?

  public init(column: String, aliases: [String] = [], question: String? = nil, position: Int? = nil) {
    self.column = column
    self.aliases = aliases
    self.question = question
    self.position = position
  }

  /// Every header text that means this answer (none for a column given by its position,
  /// but its aliases and question text).
  public var headerNames: [String] { (position == nil ? [column] : []) + aliases + (question.map { [$0] } ?? []) }

  /// A spreadsheet's column letters (`A`, `L`, `AB`) as a position counted from 1.
  public static func position(letters: String) -> Int? {
    guard !letters.isEmpty, letters.count <= 3, letters.allSatisfy({ ("A"..."Z").contains($0) }) else { return nil }
    return letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 }
  }

  /// A position's spreadsheet letters (12: `L`).
  public static func letters(of position: Int) -> String {
    var n = position
    var out = ""
    while n > 0 {
      let r = (n - 1) % 26
      out = String(UnicodeScalar(UInt8(65 + r))) + out
      n = (n - 1) / 26
    }
    return out
  }
}

public struct Section: Sendable {
  public var id: String
  public var title: String
  public var description: String?
  public var items: [Item]
}

/// One question.
public struct Item: Sendable {
  public enum Kind: Sendable, Equatable {
    /// Rated twice on one scale: as it is today and as it should be.
    case paired(scale: String, current: AnswerLocation, desired: AnswerLocation)
    /// Rated once (for example importance).
    case rating(scale: String, answer: AnswerLocation)
    /// One of a set of options ("Ja", "Nej"), with labels that mean no answer.
    case choice(options: [ChoiceOption], noAnswerLabels: [String], answer: AnswerLocation)
    /// Free text.
    case text(answer: AnswerLocation)
  }

  public var id: String
  public var text: String
  public var kind: Kind
  /// Tag vocabulary id → value ids.
  public var tags: [String: [String]]

  public var locations: [AnswerLocation] {
    switch kind {
    case .paired(_, let current, let desired): return [current, desired]
    case .rating(_, let answer), .choice(_, _, let answer), .text(let answer): return [answer]
    }
  }

  public var roles: [AnswerRole] {
    switch kind {
    case .paired: return [.current, .desired]
    case .rating: return [.rating]
    case .choice: return [.choice]
    case .text: return [.text]
    }
  }

  public var scaleID: String? {
    switch kind {
    case .paired(let scale, _, _), .rating(let scale, _): return scale
    case .choice, .text: return nil
    }
  }

  public var kindName: String {
    switch kind {
    case .paired: return "paired"
    case .rating: return "rating"
    case .choice: return "choice"
    case .text: return "text"
    }
  }
}

public struct ChoiceOption: Sendable, Equatable {
  public var id: String
  public var label: String
  public var spellings: [String]
}

public enum AnswerRole: String, Sendable {
  case current, desired, rating, choice, text
}

/// One answer column of a survey, located by section and item index.
public struct AnswerSlot: Sendable {
  public var section: Int
  public var item: Int
  public var role: AnswerRole
  public var location: AnswerLocation
}

extension Survey {
  /// The columns of an empty export in kartlagg's own layout, in order: respondent id (if
  /// declared), municipality, the other dimensions, then every item's answers.
  public var templateColumns: [String] {
    var columns: [String] = []
    if let id = respondentIDColumn { columns.append(id.column) }
    columns.append(municipalityColumn.column)
    columns.append(contentsOf: dimensions.map(\.location.column))
    columns.append(contentsOf: slots.map(\.location.column))
    return columns
  }
}
