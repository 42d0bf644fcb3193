import LibCSV
import SourceDiagnostics
import SurveyModel

/// What the import of one export file found: its dialect, its header, the accounting of
/// every record, and each row rejected and each answer that could not be read.
///
/// The accounting holds `read == accepted + rejected` for every file; `Ingest` checks it
/// and stops the run loudly if it ever does not (`IngestError.accountingMismatch`).
public struct FileReport: Sendable {
  /// The path as it was given.
  public var file: String
  /// Encoding, delimiter; nil when the file could not be opened or sniffed.
  public var dialect: CSVDialect?
  /// The physical lines of the header rows (one, or two or three for Qualtrics and
  /// SurveyMonkey exports); empty when no header was found.
  public var headerLines: [Int] = []
  /// Records before the header (titles, agency notes).
  public var preambleRecords = 0
  /// Records after the header whose every cell is empty or blank (`;;;;` lines).
  public var blankRecords = 0
  /// Lines after the last respondent that carry one text only (sources, notes).
  public var footnoteRecords = 0
  /// Respondent rows: every record after the header that is not blank or a footnote.
  public var read = 0
  public var accepted = 0
  public var rejected = 0
  /// Accepted respondents with a blank or unknown value in some dimension: they count in
  /// that dimension's group of unknown values.
  public var unknownGroup = 0
  /// Set when the file itself says whose export it is: every respondent belongs there.
  public var municipalityFromFile: Assignment?

  /// A whole file's municipality, and what said so.
  public struct Assignment: Sendable, Equatable {
    public enum Source: String, Sendable { case commandLine = "--municipality", fileName = "the file name" }
    public var municipality: String
    public var source: Source

    public init(municipality: String, source: Source) {
      self.municipality = municipality
      self.source = source
    }
  }
  /// Accepted respondents per municipality index (`county.municipalities`), then the
  /// county-wide respondents, then those whose municipality cell was blank ("okänd kommun").
  public var acceptedPerMunicipality: [Int]
  /// Accepted respondents whose municipality cell was blank: they count in the county and
  /// in the group "okänd kommun".
  public var unknownMunicipality: Int { acceptedPerMunicipality.last ?? 0 }

  /// Answers that could not be read (each is counted as not answered): one for each of
  /// `problems` as the file is read (`record(_:)`).
  public var problemCount = 0
  /// Rejected rows per reason code: one for each row `keep(_:)` is given.
  public var rejectedReasons: [String: Int] = [:]
  /// Column-level findings: unmatched columns, missing answers, a file that failed.
  public var diagnostics: [IngestDiagnostic] = []
  /// The first rejected rows, verbatim, with the reason: all of them for a file with few,
  /// else as many as fit `rejectedRowsInMemory` and `rejectedBytesInMemory`; the rest are
  /// in `rejectedSpill`, in the order found (`forEachRejectedRow` reads them all).
  public var rejectedRows: [RejectedRow] = []
  /// The rejected rows after `rejectedRows`, in a temporary file.
  public var rejectedSpill: RejectedRowSpill?
  /// Why some rejected rows could not be kept (the temporary file could not be written).
  var notKept: String?
  /// Bytes the rows in `rejectedRows` hold (an estimate: their text and 16 bytes a cell).
  var rejectedBytes = 0
  public static let rejectedRowsInMemory = 1000
  public static let rejectedBytesInMemory = 1 << 20

  /// Every rejected row that was kept, in memory or in the temporary file.
  public var rejectedRowCount: Int { rejectedRows.count + (rejectedSpill?.count ?? 0) }

  /// The most cells of a rejected row.
  public var widestRejectedRow: Int {
    max(rejectedRows.map(\.cells.count).max() ?? 0, rejectedSpill?.widest ?? 0)
  }

  /// Keeps a rejected row: in memory while few and small ones have been, else in the
  /// temporary file (in memory only if no temporary file can be made).
  mutating func keep(_ row: RejectedRow) throws {
    rejectedReasons[row.reason.code, default: 0] += 1
    if rejectedSpill == nil {
      let bytes = row.cells.reduce(64) { $0 + 16 + $1.utf8.count }
      if rejectedRows.count < Self.rejectedRowsInMemory && rejectedBytes + bytes <= Self.rejectedBytesInMemory {
        rejectedRows.append(row)
        rejectedBytes += bytes
        return
      }
      rejectedSpill = RejectedRowSpill()
    }
    if let rejectedSpill {
      try rejectedSpill.append(row)
    } else {
      rejectedRows.append(row)
    }
  }

  /// Each rejected row, in the order found, one at a time.
  public func forEachRejectedRow(_ body: (RejectedRow) throws -> Void) throws {
    for row in rejectedRows { try body(row) }
    try rejectedSpill?.forEach(file: file, body)
  }

  /// The first `n` rejected rows.
  public func firstRejectedRows(_ n: Int) -> [RejectedRow] {
    guard rejectedRows.count < n, let rejectedSpill else { return Array(rejectedRows.prefix(n)) }
    var rows = rejectedRows
    struct Enough: Error {}
    do {
      try rejectedSpill.forEach(file: file) {
        rows.append($0)
        if rows.count == n { throw Enough() }
      }
    } catch {}
    return rows
  }
  /// Answer problems, each naming the row and the column.
  public var problems: [AnswerProblem] = []

  /// Records an answer problem: kept, and counted in `problemCount`.
  mutating func record(_ problem: AnswerProblem) {
    problems.append(problem)
    problemCount += 1
  }
  /// Set when the file could not be imported at all (unreadable, broken quoting, no
  /// usable header); its respondents then count as rejected and none reaches the analysis.
  public var failure: IngestDiagnostic?

  public init(file: String, municipalityCount: Int) {
    self.file = file
    acceptedPerMunicipality = Array(repeating: 0, count: municipalityCount + 2)
  }

  /// Whether the file's respondents take part in the analysis.
  public var imported: Bool { failure == nil }

  /// Whether the accounting adds up.
  public var isBalanced: Bool { read == accepted + rejected && rejected == rejectedRowCount && notKept == nil }
}

/// A finding about a whole file or one of its columns.
public typealias IngestDiagnostic = Diagnostic

/// A row that was not taken as a respondent, kept exactly as it was read.
public struct RejectedRow: Sendable, Equatable {
  public var file: String
  /// The physical line on which the row starts.
  public var line: Int
  /// 1-based column of the cell that caused the rejection, 0 if none.
  public var column: Int
  public var reason: RejectReason
  /// The row's cells as the file held them (decoded to text, unquoted).
  public var cells: [String]
}

/// Why a row was rejected.
public enum RejectReason: Sendable, Equatable, Localized {
  case missingMunicipality
  case unknownMunicipality(value: String, suggestion: String?)
  case duplicateRespondent(id: String, firstLine: Int)
  case fieldCount(found: Int, expected: Int)
  /// The whole file was not imported; `reason` says why.
  case fileNotImported(reason: String)
  /// The row's municipality is none of those the uploading organisation answers for.
  case municipalityNotAllowed(municipality: String, allowed: String)

  /// A short stable code for the CSV outputs.
  public var code: String {
    switch self {
    case .missingMunicipality: return "missing_municipality"
    case .unknownMunicipality: return "unknown_municipality"
    case .duplicateRespondent: return "duplicate_respondent"
    case .fieldCount: return "field_count"
    case .fileNotImported: return "file_not_imported"
    case .municipalityNotAllowed: return "municipality_not_allowed"
    }
  }

  /// The reason in words, in `language`.
  public func message(language: Language) -> String { text(language) }

  public var swedish: String {
    switch self {
    case .missingMunicipality:
      return "kommun saknas; fyll i kommunens namn eller kod"
    case .unknownMunicipality(let value, let suggestion):
      return "okänd kommun '\(value)'\(Suggestion.hint(suggestion, language: .sv)); använd kommunens namn eller kod"
    case .duplicateRespondent(let id, let firstLine):
      return "svars-id '\(id)' förekommer redan på rad \(firstLine) (dubblett)"
    case .fieldCount(let found, let expected):
      return
        "raden har \(found) fält men rubrikraden \(expected); ett avgränsningstecken eller citattecken saknas eller är för mycket"
    case .fileNotImported(let reason):
      return "filen importerades inte: \(reason)"
    case .municipalityNotAllowed(let municipality, let allowed):
      return
        "\(municipality) är inte en av organisationens kommuner (\(allowed)); rätta kommunkolumnen, eller låt \(municipality)s uppladdare skicka raden"
    }
  }

  public var english: String {
    switch self {
    case .missingMunicipality:
      return "the municipality is missing; fill in its name or code"
    case .unknownMunicipality(let value, let suggestion):
      return
        "unknown municipality '\(value)'\(Suggestion.hint(suggestion, language: .en)); use the municipality's name or code"
    case .duplicateRespondent(let id, let firstLine):
      return "respondent id '\(id)' is a duplicate of line \(firstLine)"
    case .fieldCount(let found, let expected):
      return "the row has \(found) fields but the header \(expected); a delimiter or quote is missing or extra"
    case .fileNotImported(let reason):
      return "the file was not imported: \(reason)"
    case .municipalityNotAllowed(let municipality, let allowed):
      return
        "\(municipality) is not one of the organisation's municipalities (\(allowed)); correct the municipality column, or let \(municipality)'s uploader send the row"
    }
  }
}

/// One answer that could not be read; it counts as not answered.
public struct AnswerProblem: Sendable, Equatable, Localized {
  public enum Reason: Sendable, Equatable {
    /// A number that is not a point of the scale (7 on 1–5, or 2.5).
    case outsideScale(minimum: Int, maximum: Int)
    /// Neither a number, a scale label nor a no-answer label or code.
    case notOnScale(minimum: Int, maximum: Int)
    /// A number whose label disagrees with the scale ("4 - Stämmer delvis").
    case labelMismatch(expected: String)
    /// Not one of a choice item's options.
    case unknownOption(suggestion: String?)
    /// A dimension value that is not declared (the respondent counts in the group of
    /// unknown values).
    case unknownDimensionValue(suggestion: String?)
    /// A required dimension left blank (the respondent counts in the group of unknown values).
    case missingDimensionValue
    /// A municipality cell that disagrees with the municipality the file was assigned to
    /// (the assignment stands).
    case municipalityContradictsFile(municipality: String, source: FileReport.Assignment.Source)

    public var code: String {
      switch self {
      case .outsideScale: return "outside_scale"
      case .notOnScale: return "not_on_scale"
      case .labelMismatch: return "label_mismatch"
      case .unknownOption: return "unknown_option"
      case .unknownDimensionValue: return "unknown_dimension_value"
      case .missingDimensionValue: return "missing_dimension_value"
      case .municipalityContradictsFile: return "municipality_contradicts_file"
      }
    }
  }

  public var file: String
  public var line: Int
  /// 1-based column.
  public var column: Int
  /// The column's header text.
  public var columnName: String
  /// The cell as written.
  public var value: String
  public var reason: Reason

  /// The problem in words, in `language`.
  public func message(language: Language) -> String { text(language) }

  public var swedish: String {
    switch reason {
    case .outsideScale(let minimum, let maximum):
      return "'\(value)' ligger utanför skalan \(minimum)–\(maximum); svaret räknas som ej besvarat"
    case .notOnScale(let minimum, let maximum):
      return
        "'\(value)' är varken en siffra \(minimum)–\(maximum), en etikett på skalan eller ett 'vet ej'-svar; svaret räknas som ej besvarat"
    case .labelMismatch(let expected):
      return
        "'\(value)': siffran och etiketten stämmer inte överens (skalans etikett är '\(expected)'); svaret räknas som ej besvarat"
    case .unknownOption(let suggestion):
      return
        "'\(value)' är inget av svarsalternativen\(Suggestion.hint(suggestion, language: .sv)); svaret räknas som ej besvarat"
    case .unknownDimensionValue(let suggestion):
      return "okänt värde '\(value)'\(Suggestion.hint(suggestion, language: .sv)); svaranden räknas i gruppen okänd"
    case .missingDimensionValue:
      return "värdet saknas; svaranden räknas i gruppen okänd"
    case .municipalityContradictsFile(let municipality, let source):
      let from = source == .fileName ? "filnamnet" : "--municipality"
      return
        "'\(value)' stämmer inte med filens kommun \(municipality) (enligt \(from)); svaranden räknas till \(municipality)"
    }
  }

  public var english: String {
    switch reason {
    case .outsideScale(let minimum, let maximum):
      return "'\(value)' is outside the scale \(minimum)–\(maximum); the answer counts as not given"
    case .notOnScale(let minimum, let maximum):
      return
        "'\(value)' is neither a number \(minimum)–\(maximum), a label of the scale nor a no-answer label; the answer counts as not given"
    case .labelMismatch(let expected):
      return
        "'\(value)': the number and the label disagree (the scale says '\(expected)'); the answer counts as not given"
    case .unknownOption(let suggestion):
      return
        "'\(value)' is not one of the options\(Suggestion.hint(suggestion, language: .en)); the answer counts as not given"
    case .unknownDimensionValue(let suggestion):
      return
        "unknown value '\(value)'\(Suggestion.hint(suggestion, language: .en)); the respondent counts in the group 'unknown'"
    case .missingDimensionValue:
      return "the value is missing; the respondent counts in the group 'unknown'"
    case .municipalityContradictsFile(let municipality, let source):
      let from = source == .fileName ? "the file name" : "--municipality"
      return
        "'\(value)' disagrees with the file's municipality \(municipality) (from \(from)); the respondent counts in \(municipality)"
    }
  }
}
