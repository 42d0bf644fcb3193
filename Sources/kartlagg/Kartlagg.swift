import ArgumentParser
import Foundation
import KartlaggCLI
import KartlaggRun
import LibCSV
import SourceDiagnostics
import SurveyModel

/// The `kartlagg` command: argument parsing, printing and exit codes; each subcommand is
/// one call into `KartlaggCLI`.
@main
struct Kartlagg: AsyncParsableCommand {
  /// Before the first thread: malloc's arenas limited to the cores (`ProcessTuning`).
  static func main() async {
    ProcessTuning.limitMallocArenas()
    await main(nil)
  }

  static let configuration = CommandConfiguration(
    commandName: "kartlagg",
    abstract: "Gap reports from GAP-analysis survey exports (primary-care collaboration, Kalmar län).",
    discussion: """
      Exit codes: 0 success; 1 data errors that stopped a report (an invalid survey, a file \
      that could not be imported); 2 some rows rejected, reports written (they are in the \
      working folder, Reports-arbetsfiler/rejected.csv by default, or for import \
      arbetsfiler/ROUND/rejected.csv beside the store; --strict makes that an error); 64 a bad \
      invocation.

      Results (each file's summary, what was written or imported) go to standard output; \
      diagnostics and errors (rejected rows, answer problems, warnings, what stopped a run) to \
      standard error.

      Bounds: for any input, whatever its shape, a run's peak memory stays within 200 MB \
      plus the survey's tally (at most 80 MiB, SurveyLimits), and its time is linear in the \
      input. Rejected rows go to a temporary file as they are found; a workbook's shared \
      strings are kept compactly, at most 64 MiB of text and 4 Mi (4194304) strings (more is \
      refused as it unpacks); a survey definition over 1 MiB is refused unread.
      """,
    version: "0.4.0",
    subcommands: [
      Report.self, Validate.self, Template.self, Codebook.self, Questionnaire.self, Init.self, Import.self, Rounds.self,
      Delete.self,
    ])
}

struct SurveyOption: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The survey definition.", valueName: "S.yaml"))
  var survey: String
}

// The dialects are LibCSV's own, named on the command line by their raw values.
extension CSVOutputFormat: ExpressibleByArgument {}

/// The options of every command that reads exports: `--municipality FILE=NAME`
/// (repeatable) and `--sheet`, turned into `ExportOptions` in one place.
struct ExportOptionGroup: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "A file that is one municipality's export: FILE (its path or name) = the municipality's name, spelling or code. Repeatable; decides over a municipality column and the file name.",
      valueName: "FILE=NAME"))
  var municipality: [String] = []
  @Option(
    name: .long,
    help:
      "The sheet to read of each .xlsx workbook (default: the answer sheet of a kartlagg template, else the first sheet)."
  ) var sheet: String?

  func assignments(language: Language? = nil) throws -> [String: String] {
    var out: [String: String] = [:]
    for entry in municipality {
      guard let equals = entry.lastIndex(of: "="), equals != entry.startIndex,
        entry.index(after: equals) != entry.endIndex
      else {
        throw usage(
          language, sv: "--municipality tar FIL=NAMN (till exempel torsas.csv=Torsås), inte '\(entry)'",
          en: "--municipality takes FILE=NAME (for example torsas.csv=Torsås), not '\(entry)'")
      }
      out[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
    }
    return out
  }

  /// The export options of a run (`strict`: `report --strict`).
  func options(language: Language?, strict: Bool = false) throws -> ExportOptions {
    ExportOptions(municipalities: try assignments(language: language), sheet: sheet, strict: strict)
  }
}

/// Prints a document made for standard output (when no file was named), then the outcome.
func emit(_ outcome: RunOutcome, document: [UInt8]?) throws {
  if let document { FileHandle.standardOutput.write(Data(document)) }
  try emit(outcome)
}

/// Prints the outcome's lines: results to standard output, diagnostics and errors to
/// standard error, each line's control characters shown visibly. Consecutive lines of one
/// stream are written at once; the two streams are unbuffered, so that a terminal shows
/// them in the order said.
func emit(_ outcome: RunOutcome) throws {
  var pending: (stream: RunOutcome.Stream, text: String)?
  func flush() {
    guard let (stream, text) = pending else { return }
    (stream == .output ? FileHandle.standardOutput : FileHandle.standardError).write(Data(text.utf8))
    pending = nil
  }
  for line in outcome.output {
    if pending?.stream != line.stream { flush() }
    pending = (line.stream, (pending?.text ?? "") + Terminal.visible(line.text) + "\n")
  }
  flush()
  if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
}

struct Report: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Read exports and write the reports.",
    discussion: """
      Example: kartlagg report --survey Surveys/kalmar-primarvard.yaml Surveys/examples --out Reports
               kartlagg report --round 2026 --out Reports   (a round of the store)
      A directory means every export in it: .csv, .xlsx, .xlsm, .sav, .zsav and .por files (an old .xls is refused with what to do). Prints \
      what it found in each file, every rejected row and answer problem (the first 10 of each \
      per file, on standard error; all of them are in the working folder, \
      Reports-arbetsfiler/rejected.csv and problems.csv), then where the reports are. A report of a stored round rejects no row: \
      its files' rejected rows are in the working folder of their import.
      """)

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The survey definition (with --round, default: the one the round was imported with).", valueName: "S.yaml"))
  var survey: String?
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Where the reports go: the folder that may be shared. Replaced whole by each run; a folder holding files kartlagg did not write (in csv/ or kommun/ too) is refused.",
      valueName: "DIR"))
  var out = "Reports"
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Where the working files go (accounting, rejected rows and answer problems, verbatim: not to be shared; default: DIR-arbetsfiler).",
      valueName: "WORKDIR"))
  var work: String?
  @Option(
    name: .long,
    help: ArgumentHelp(
      "An earlier run's items.csv, for follow-up: every figure's change since then.", valueName: "OLD/csv/items.csv"))
  var baseline: String?
  @Option(
    name: .long,
    help: "rfc4180 (default: ',', decimal point) or excel-sv (';', decimal comma, BOM: opens in a Swedish Excel).")
  var csvDialect = CSVOutputFormat.rfc4180
  @Option(
    name: .long,
    help:
      "Language of the reports and of what kartlagg prints: sv or en (default: the survey's language; Swedish for a survey that cannot be read).",
    transform: Language.argument)
  var language: Language?
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Smallest group shown (default: the survey's min_group_size). It may raise the survey's minimum, never lower it; earlier rounds are always shown as they were published.",
      valueName: "N"))
  var minGroup: Int?
  @Flag(
    name: .long,
    help:
      "A draft: with --round, not recorded in the store as a publication of the round; every page and printed page header says \"Utkast – får inte spridas\"."
  )
  var draft = false
  @Flag(
    name: .long,
    help:
      "Treat any rejected row as an error: exit 1 and write nothing. A blank municipality is then a rejected row too (otherwise the group \"okänd kommun\")."
  )
  var strict = false
  @Flag(name: .long, help: "Show free-text answers in the HTML reports (they are left out by default).")
  var includeComments = false
  @Flag(name: .long, help: "No progress display (shown on a terminal only).") var quiet = false
  @Option(name: .long, help: "Report this round of the store instead of files (see `kartlagg import`).")
  var round: String?
  @Option(
    name: .long, help: ArgumentHelp("The store (default: kartlagg.sqlite here or above).", valueName: "PATH"))
  var store: String?
  @OptionGroup var exports: ExportOptionGroup
  @Argument(
    help: ArgumentHelp(
      "Export files (.csv, .xlsx, .xlsm, .sav, .zsav, .por), or directories of them.", valueName: "FILE_OR_DIR"))
  var inputs: [String] = []

  func validate() throws {
    if round == nil && inputs.isEmpty {
      throw usage(
        language, sv: "ange exportfiler, eller --round för att rapportera en omgång i lagret",
        en: "give export files, or --round to report a stored round")
    }
    if let minGroup, !SurveyLimits.minimumGroupSizes.contains(minGroup) {
      let (low, high) = (SurveyLimits.minimumGroupSizes.lowerBound, SurveyLimits.minimumGroupSizes.upperBound)
      throw usage(
        language, sv: "--min-group ska vara från \(low) till \(high)", en: "--min-group must be from \(low) to \(high)")
    }
  }

  func run() async throws {
    var request = Runs.ReportRequest(survey: survey, inputs: inputs)
    request.output = out
    request.working = work
    request.baseline = baseline
    request.format = csvDialect
    request.language = language
    request.round = round
    request.store = store
    request.minimumGroupSize = minGroup
    request.draft = draft
    request.strict = strict
    request.includeComments = includeComments
    request.quiet = quiet
    let options = try exports.options(language: language, strict: strict)
    (request.municipalities, request.sheet) = (options.municipalities, options.sheet)
    try emit(await Runs.report(request))
  }
}

struct Validate: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a survey definition and exports against it; writes nothing.",
    discussion: """
      Example: kartlagg validate --survey Surveys/kalmar-primarvard.yaml exports/
      A directory means every export in it: .csv, .xlsx, .xlsm, .sav, .zsav and .por files (an old .xls is refused with what to do).
      """)

  @OptionGroup var survey: SurveyOption
  @OptionGroup var exports: ExportOptionGroup
  @Option(
    name: .long,
    help:
      "Language of what kartlagg prints: sv or en (default: the survey's language; Swedish for a survey that cannot be read).",
    transform: Language.argument)
  var language: Language?
  @Argument(
    help: ArgumentHelp(
      "Export files (.csv, .xlsx, .xlsm, .sav, .zsav, .por), or directories of them.", valueName: "FILE_OR_DIR"))
  var inputs: [String] = []

  func run() async throws {
    let options = try exports.options(language: language)
    try emit(
      await Runs.validate(
        survey: survey.survey, inputs: inputs, municipalities: options.municipalities, language: language,
        sheet: options.sheet))
  }
}

struct Template: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write an empty export in kartlagg's own layout, for answers collected in a spreadsheet.",
    discussion: """
      An --out ending in .xlsx writes an Excel workbook: instructions first, then the answer sheet with \
      the questions, the column names, and a drop-down list for every answer; kartlagg reads it back \
      filled in as it is. Anything else writes CSV.

      Examples: kartlagg template --survey Surveys/kalmar-primarvard.yaml --out mall.xlsx
                kartlagg template --survey Surveys/kalmar-primarvard.yaml --csv-dialect excel-sv --out mall.csv
      """)

  @OptionGroup var survey: SurveyOption
  @Option(name: .long, help: "rfc4180 or excel-sv (for a CSV template).") var csvDialect = CSVOutputFormat.rfc4180
  @Option(name: .long, help: ArgumentHelp("The file to write (default: standard output).", valueName: "F")) var out:
    String?

  func run() async throws {
    let (outcome, bytes) = await Runs.template(survey: survey.survey, format: csvDialect, output: out)
    try emit(outcome, document: bytes)
  }
}

struct Codebook: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write the survey's codebook (HTML): every column, question, scale and tag.",
    discussion: "Example: kartlagg codebook --survey Surveys/kalmar-primarvard.yaml --out kodbok.html")

  @OptionGroup var survey: SurveyOption
  @Option(name: .long, help: ArgumentHelp("The file to write (default: standard output).", valueName: "F")) var out:
    String?

  func run() async throws {
    let (outcome, html) = await Runs.codebook(survey: survey.survey, output: out)
    try emit(outcome, document: html)
  }
}

struct Questionnaire: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Write the printable questionnaire (HTML): the questions as a respondent sees them, for answers on paper.",
    discussion: "Example: kartlagg questionnaire --survey Surveys/kalmar-primarvard.yaml --out enkat.html")

  @OptionGroup var survey: SurveyOption
  @Option(name: .long, help: ArgumentHelp("The file to write (default: standard output).", valueName: "F")) var out:
    String?

  func run() async throws {
    let (outcome, html) = await Runs.questionnaire(survey: survey.survey, output: out)
    try emit(outcome, document: html)
  }
}

struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Make a new workspace: Surveys/ with the county survey, an empty exports/, the store kartlagg.sqlite and a README.",
    discussion: "Example: kartlagg init gap-2026   (its README.md walks through reporting and importing rounds)")

  @Argument(help: ArgumentHelp("The directory (default: the current one).", valueName: "DIR")) var directory = "."
  @Option(
    name: .long, help: "Language of what kartlagg prints: sv or en (default: sv, the county survey's).",
    transform: Language.argument)
  var language: Language?

  func run() throws {
    try emit(Runs.initialize(directory, language: language ?? .fallback))
  }
}

struct Import: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Add exports to a round of the workspace's store (kartlagg.sqlite).",
    discussion: """
      Example: kartlagg import --survey Surveys/kalmar-primarvard.yaml --round 2026 exports/
      A file is known by its name within a round: importing it again replaces what it brought; \
      the same content is a no-op; the same content under another name is refused. The \
      import's working files (accounting, rejected rows and answer problems, verbatim: not to \
      be shared) replace the round's working folder, arbetsfiler/ROUND/ beside the store. Only the \
      tallies and the provenance are stored, never a respondent's answers or id, and free text \
      only with --keep-comments (apart from the figures; `kartlagg delete --comments` removes it).
      A later import into a round needs the same survey definition only in what the figures \
      depend on (items, scales, answer locations, dimensions, municipalities and their codes); \
      titles, report settings, period and invited may change. A round may have its own period \
      and invited counts (--period, --invited, or later `kartlagg rounds --round R`); without \
      them its reports use the survey's.
      """)

  @OptionGroup var survey: SurveyOption
  @Option(name: .long, help: "The round, such as 2026 (not blank, no control characters).") var round: String
  @Option(
    name: .long,
    help: ArgumentHelp(
      "When the round ran, as its reports print it (\"september–oktober 2028\"); default: the survey's period.",
      valueName: "TEXT"))
  var period: String?
  @Option(
    name: .long,
    help: ArgumentHelp(
      "How many each municipality invited this round, for the response rate: a CSV with the columns kommun (name or code), optionally organisation, and inbjudna; default: the survey's invited.",
      valueName: "FILE.csv"))
  var invited: String?
  @Option(name: .long, help: ArgumentHelp("The store (default: kartlagg.sqlite here or above).", valueName: "PATH"))
  var store: String?
  @Option(
    name: .long,
    help:
      "Language of what kartlagg prints: sv or en (default: the survey's language; Swedish for a survey that cannot be read).",
    transform: Language.argument)
  var language: Language?
  @OptionGroup var exports: ExportOptionGroup
  @Flag(
    name: .long,
    help: """
      Keep the free-text answers too, in the store's comment table (apart from the figures), \
      for `report --include-comments`. Remove them with `kartlagg delete --comments`.
      """)
  var keepComments = false
  @Argument(
    help: ArgumentHelp(
      "Export files (.csv, .xlsx, .xlsm, .sav, .zsav, .por), or directories of them.", valueName: "FILE_OR_DIR"))
  var inputs: [String]

  func run() async throws {
    let options = try exports.options(language: language)
    try emit(
      await Runs.importRound(
        survey: survey.survey, round: round, inputs: inputs, municipalities: options.municipalities, store: store,
        language: language, keepComments: keepComments, period: period, invited: invited, sheet: options.sheet))
  }
}

struct Rounds: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the store's rounds, their files, provenance and totals; or set a round's period and invited.",
    discussion: """
      Example: kartlagg rounds --round 2028 --period "september–oktober 2028" --invited inbjudna-2028.csv
      """)

  @Option(name: .long, help: ArgumentHelp("The store (default: kartlagg.sqlite here or above).", valueName: "PATH"))
  var store: String?
  @Option(
    name: .long,
    help: "Language of what kartlagg prints: sv or en (default: sv, the county survey's language).",
    transform: Language.argument)
  var language: Language?
  @Option(name: .long, help: "The round whose --period or --invited to set, without importing.") var round: String?
  @Option(name: .long, help: ArgumentHelp("The round's own period, as its reports print it.", valueName: "TEXT"))
  var period: String?
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The round's own invited counts: a CSV with the columns kommun, optionally organisation, and inbjudna.",
      valueName: "FILE.csv"))
  var invited: String?

  func validate() throws {
    if round == nil && (period != nil || invited != nil) {
      throw usage(
        language, sv: "--period och --invited gäller en omgång: ange --round också",
        en: "--period and --invited set a round's: give --round too")
    }
    if round != nil && period == nil && invited == nil {
      throw usage(
        language, sv: "--round behöver --period eller --invited (eller båda): vad som ska ändras",
        en: "--round needs --period or --invited (or both): what to set")
    }
  }

  func run() async throws {
    if let round {
      try emit(
        await Runs.renameRound(round, period: period, invited: invited, store: store, language: language ?? .fallback))
    } else {
      try emit(await Runs.listRounds(store: store, language: language ?? .fallback))
    }
  }
}

struct Delete: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Delete a round, one file's data from a round, or the kept comments, in the store.",
    discussion: """
      Examples: kartlagg delete --round 2026 --file torsas.csv
                kartlagg delete --comments          (every kept comment, of every round)
      """)

  @Option(name: .long, help: "The round.") var round: String?
  @Option(name: .long, help: "Only this file's data (its name as imported).") var file: String?
  @Flag(name: .long, help: "Only the kept comments (free text), of every round or of --round; the figures stay.")
  var comments = false
  @Option(name: .long, help: ArgumentHelp("The store (default: kartlagg.sqlite here or above).", valueName: "PATH"))
  var store: String?
  @Option(
    name: .long,
    help: "Language of what kartlagg prints: sv or en (default: sv, the county survey's language).",
    transform: Language.argument)
  var language: Language?

  func validate() throws {
    if comments && file != nil {
      throw usage(
        language, sv: "--comments och --file: kommentarerna tas bort per omgång eller alla",
        en: "--comments and --file: the comments go with a round or all")
    }
    if !comments && round == nil {
      throw usage(
        language, sv: "ange --round (och --file), eller --comments", en: "give --round (and --file), or --comments")
    }
  }

  func run() async throws {
    if comments {
      try emit(await Runs.deleteComments(round: round, store: store, language: language ?? .fallback))
    } else {
      try emit(await Runs.deleteFromStore(round: round!, file: file, store: store, language: language ?? .fallback))
    }
  }
}

/// A usage error in the run's language: English only when `--language en` is given (the
/// county survey, and so kartlagg's default, is Swedish).
func usage(_ language: Language?, sv: String, en: String) -> ValidationError {
  ValidationError(language == .en ? en : sv)
}

/// `--language sv|en`, parsed once here into the run's `Language`; nil (not given) is the
/// survey's.
extension Language: ExpressibleByArgument {
  public init?(argument: String) { self.init(code: argument) }

  /// The language `--language` names, or the usage error in both languages (no language
  /// is known yet); ArgumentParser names the option and the value before it.
  static func argument(_ text: String) throws -> Language {
    guard let language = Language(argument: text) else {
      throw ValidationError("ange sv eller en (give sv or en)")
    }
    return language
  }
}
