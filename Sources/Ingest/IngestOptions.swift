import LibCSV
import SourceDiagnostics
import SurveyModel

/// How exports are read.
public struct IngestOptions: Sendable {
  /// Accept a respondent id seen before in the same file (each row then counts).
  public var allowDuplicateRespondents = false
  /// How many records from the top are searched for the header.
  public var headerSearchRecords = 40
  /// How many lines with a single text may follow the last respondent as footnotes.
  public var maxFootnoteRecords = 20
  public var read = CSVReadOptions()
  /// Parse a file of at least `pipelineMinimumBytes` on a second thread while this one
  /// decodes (`RecordPipeline`). `Ingest.files` turns it off when it already keeps every
  /// core busy with a file of its own, for every file but the last to start.
  public var pipeline = true
  public var pipelineMinimumBytes = 4 << 20
  /// Set each `Response`'s `respondentID`, for a caller that looks at respondents one by
  /// one. Off by default: the tallies a report is made of do not keep ids, and making a
  /// million `String`s costs the decoding thread a few per cent of its time. Duplicates are
  /// found either way (`IDTable`, on the id's bytes).
  public var keepsRespondentIDs = false
  /// Set each `Response`'s free-text answers (`texts`). A report that does not show the
  /// comments (`--include-comments`) turns it off: nothing would keep the strings.
  public var keepsTexts = true
  /// Told, now and then (every 65 536 rows) and at the end of each file, how many rows of
  /// the file have been read, for a progress display.
  public var progress: (@Sendable (_ file: String, _ rows: Int, _ finished: Bool) -> Void)?
  /// Files that are one municipality's export: file (its path as given, or its name) →
  /// the municipality's name, spelling or code (`--municipality FILE=NAME`). This decides
  /// over a municipality column and over the file name.
  public var municipalities: [String: String] = [:]
  /// Files of an organisation that answers for some municipalities only (kartlagg-server's
  /// `user add --organisation NAME --municipalities "Kalmar,Nybro"`): a file's path or name →
  /// those municipalities' names, spellings or codes (the county's name allows county-wide
  /// respondents). A respondent whose municipality column names another is a rejected row
  /// (`municipalityNotAllowed`); a blank municipality is not another's and stays as it is.
  public var allowedMunicipalities: [String: [String]] = [:]
  /// The language of every message about the files, when the run speaks another than
  /// its survey's. Nil (the default): the survey's language (`Survey.language`), the one
  /// default of every stage, so that a run's messages speak its reports' language without
  /// being told twice.
  public var language: Language?
  /// Reject a respondent row whose municipality cell is blank, as `required: true` on the
  /// survey's municipality column does (`--strict`). Otherwise the respondent counts in
  /// the county and in the group "okänd kommun".
  public var rejectsBlankMunicipality = false
  /// The sheet of a workbook to read (`--sheet`); nil: its first sheet.
  public var sheet: String?
  /// For a stream kartlagg writes itself with a header of known rows (an SPSS file's
  /// names and labels, `SavSource`): the header is its first `headerRows` records,
  /// whatever they name, and every later record is a respondent, even one whose every
  /// cell is empty (a case that skipped every question). Nil: the header is searched for.
  var headerRows: Int?
  /// For an SPSS file: the code and the label of a cell that a value label spells
  /// (column from 0), so that a message quotes both (`SavSource.Spelling`).
  var valueSpelling: (@Sendable (_ column: Int, _ cell: String) -> (code: String, label: String)?)?

  /// The language of the messages about a file of `survey`: `language`, else the survey's.
  public func language(of survey: Survey) -> Language { language ?? survey.language }

  public init(allowDuplicateRespondents: Bool = false, read: CSVReadOptions = CSVReadOptions()) {
    self.allowDuplicateRespondents = allowDuplicateRespondents
    self.read = read
  }
}
