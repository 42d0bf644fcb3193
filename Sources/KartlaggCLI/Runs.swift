import Foundation
import GapAnalysis
import Ingest
import KartlaggRun
import LibCSV
import SourceDiagnostics
import SurveyModel
import Synchronization

/// What a command did: the lines to print (each with the stream it goes to), the files
/// written and the exit status. Every subcommand is one of these library calls, so that
/// tests can run it without a process.
public struct RunOutcome: Sendable {
  /// Where a line is printed: results to standard output, diagnostics and errors to
  /// standard error.
  public enum Stream: Sendable, Equatable {
    case output
    case error
  }

  /// One line and its stream.
  public struct Line: Sendable, Equatable {
    public var text: String
    public var stream: Stream

    public init(_ text: String, _ stream: Stream) {
      self.text = text
      self.stream = stream
    }
  }

  /// Every line, in the order the run said them.
  public var output: [Line] = []
  public var written: [String] = []
  public var files: [FileReport] = []
  public var exitCode: Int32 = 0

  public init() {}

  /// The lines' texts, in order, whatever their stream (set: all to standard output).
  public var lines: [String] {
    get { output.map(\.text) }
    set { output = newValue.map { Line($0, .output) } }
  }

  /// The lines of one stream.
  public func lines(_ stream: Stream) -> [String] { output.filter { $0.stream == stream }.map(\.text) }

  mutating func say(_ text: String, _ stream: Stream = .output) { output.append(Line(text, stream)) }
}

/// Exit statuses, as `kartlagg --help` documents them.
public enum ExitStatus {
  public static let success: Int32 = 0
  /// Data errors that stopped a report (an invalid survey, a file not imported, no files).
  public static let dataError: Int32 = 1
  /// Some rows were rejected, but the reports were written.
  public static let rowsRejected: Int32 = 2
  public static let badInvocation: Int32 = 64

  /// The exit status of a run that ended so.
  public static func of(_ status: RunStatus) -> Int32 {
    switch status {
    case .success: success
    case .rowsRejected: rowsRejected
    case .dataError: dataError
    case .badInvocation: badInvocation
    }
  }
}

/// The commands as library calls: each calls `KartlaggRun` and formats its typed result
/// into the lines `kartlagg` prints.
public enum Runs {
  /// The files named on the command line: a directory means every export in it.
  public static func expand(_ inputs: [String]) throws -> [String] { try Run.expand(inputs) }

  /// Reads the exports concurrently and merges their tallies (`Run.tally`).
  public static func tally(
    _ files: [String], survey: Survey, layout: TallyLayout, options: IngestOptions = IngestOptions(),
    keepTexts: Bool = false
  ) async throws(IngestError) -> (reports: [FileReport], tally: Tally) {
    try await Run.tally(files, survey: survey, layout: layout, options: options, keepTexts: keepTexts)
  }

  /// A run's result as the lines to print: each message in the run's language, the
  /// accounting where the run put it, results to standard output and the rest to
  /// standard error.
  static func outcome(_ result: some RunResult) -> RunOutcome {
    var outcome = RunOutcome()
    let language = result.language
    for message in result.messages {
      switch message {
      case .said(let said): outcome.say(said.text(language), stream(of: said))
      case .diagnostic(let diagnostic): outcome.say(diagnostic.description, .error)
      case .problem(let problem): for line in problem.lines(language) { outcome.say(line, .error) }
      case .accounting:
        outcome.output += Diagnostics.output(for: result.files, language: language, details: result.accountingFolder)
      }
    }
    outcome.files = result.files
    outcome.exitCode = ExitStatus.of(result.status)
    return outcome
  }

  /// The lines in the run's words that are diagnostics rather than results.
  static func stream(of said: Said) -> RunOutcome.Stream {
    switch said {
    case .noReportWritten, .noCommentsKept, .waiting: .error
    case .imported(_, _, .duplicate): .error
    default: .output
    }
  }

  /// Checks a definition and, if given, exports against it; writes nothing. It speaks
  /// `language`, else the survey's.
  public static func validate(
    survey surveyPath: String, inputs: [String], municipalities: [String: String] = [:],
    language asked: Language? = nil,
    sheet: String? = nil
  ) async -> RunOutcome {
    var request = ValidateRequest(survey: surveyPath, inputs: inputs)
    request.exports = ExportOptions(municipalities: municipalities, sheet: sheet)
    request.language = asked
    return outcome(await Run.validate(request))
  }

  /// What `kartlagg report` is asked to do.
  public struct ReportRequest: Sendable {
    /// The survey definition; nil with `round`: the one the round was imported with.
    public var survey: String?
    public var inputs: [String]
    public var output = "Reports"
    /// The analyst's working files (accounting, rejected rows, answer problems); nil:
    /// `<output>-arbetsfiler` beside the output.
    public var working: String?
    public var baseline: String?
    public var format = CSVOutputFormat.rfc4180
    /// The reports' language; nil: the survey's `language` (Swedish when it is neither sv
    /// nor en).
    public var language: Language?
    /// The sheet to read of each workbook (`--sheet`); nil: the first.
    public var sheet: String?
    /// Report a round of the store instead of files (`--round`), and which store.
    public var round: String?
    public var store: String?
    /// Raises the survey's minimum group size (never lowers it).
    public var minimumGroupSize: Int?
    /// A draft: not recorded as a publication of the round, and every page says so.
    public var draft = false
    public var strict = false
    /// Show free-text answers in the HTML reports.
    public var includeComments = false
    /// No progress display (it is shown only on a terminal anyway).
    public var quiet = true
    /// Files that are one municipality's export (`--municipality FILE=NAME`).
    public var municipalities: [String: String] = [:]

    public init(survey: String?, inputs: [String]) {
      self.survey = survey
      self.inputs = inputs
    }
  }

  /// The top-level names a report folder owns; anything else in it is carried over.
  public static let publishedNames = Run.publishedNames
  public static let workingNames = Run.workingNames

  /// Reads every export (or a stored round), analyses them and writes the report folder
  /// and the working folder (`Run.report`), then says what it did.
  public static func report(_ request: ReportRequest) async -> RunOutcome {
    var run = KartlaggRun.ReportRequest(survey: request.survey, inputs: request.inputs)
    run.round = request.round
    run.store = request.store
    run.output = request.output
    run.working = request.working.map { .folder($0) } ?? .standard
    run.baseline = request.baseline
    run.format = request.format
    run.language = request.language
    run.exports = ExportOptions(municipalities: request.municipalities, sheet: request.sheet, strict: request.strict)
    run.minimumGroupSize = request.minimumGroupSize
    run.draft = request.draft
    run.includeComments = request.includeComments
    // Progress on a terminal only, made once the files and the language are known, and
    // cleared before the summary is printed.
    let progress = ProgressShown()
    let quiet = request.quiet
    run.progress = { files, language in
      let shown = Progress(files: files, quiet: quiet, language: language)
      progress.shown.withLock { $0 = shown }
      return { shown.update(file: $0, rows: $1, finished: $2) }
    }
    run.waiting = { folder, language in
      FileHandle.standardError.write(Data((Said.waiting(folder).text(language) + "\n").utf8))
    }
    let result = await Run.report(run)
    progress.shown.withLock { $0?.finish() }
    var outcome = outcome(result)
    outcome.written = result.written
    return outcome
  }

  /// The empty export template: written to `output`, or returned for standard output. An
  /// `output` ending in `.xlsx` gets the template as an Excel workbook
  /// (`SurveyDocuments.templateWorkbook`: instructions, drop-down lists), anything else the
  /// CSV template in `format`.
  public static func template(survey surveyPath: String, format: CSVOutputFormat, output: String?) async -> (
    RunOutcome, [UInt8]?
  ) {
    let workbook = output.map { ($0 as NSString).pathExtension.lowercased() == "xlsx" } ?? false
    return await document(.template(workbook: workbook, format: format), surveyPath, output)
  }

  /// The codebook: written to `output`, or returned for standard output.
  public static func codebook(survey surveyPath: String, output: String?) async -> (RunOutcome, [UInt8]?) {
    await document(.codebook, surveyPath, output)
  }

  /// The printable questionnaire: written to `output`, or returned for standard output.
  public static func questionnaire(survey surveyPath: String, output: String?) async -> (RunOutcome, [UInt8]?) {
    await document(.questionnaire, surveyPath, output)
  }

  /// A document made from the survey alone, written atomically to `output` when one is given.
  private static func document(_ kind: SurveyDocument, _ surveyPath: String, _ output: String?) async -> (
    RunOutcome, [UInt8]?
  ) {
    let result = await Run.document(kind, survey: surveyPath, output: output)
    var outcome = outcome(result)
    guard let bytes = result.bytes, let what = result.what else { return (outcome, nil) }
    guard let output else { return (outcome, bytes) }
    do {
      try AtomicFile.write(bytes, to: output)
      outcome.written.append(output)
      outcome.say(Said.wroteDocument(path: output, what: what.text(result.language)).text(result.language))
    } catch {
      outcome.say(Diagnostic(file: output, message: message(of: error, in: result.language)).description, .error)
      outcome.exitCode = ExitStatus.dataError
    }
    return (outcome, nil)
  }
}

/// The progress display a report made, once it knew its files and language.
final class ProgressShown: Sendable {
  let shown = Mutex<Progress?>(nil)
}
