import Foundation
import GapAnalysis
import Ingest
import RoundStore
import SourceDiagnostics
import SurveyModel

/// The run as a library: a request in, a typed result out, and nothing printed. The command
/// line (`kartlagg`) formats the results into lines; the web service publishes them. Every
/// function here is safe to call from any task: blocking work (the analysis on every core,
/// the workbook, the folders' writes, SQLite) runs off the cooperative pool (`offPool`).
///
/// - `validate(_:)`: a survey definition and exports checked against it; nothing written.
/// - `importFiles(_:)`: exports added to a round of the store.
/// - `report(_:)`: the reports of exports or of a stored round, published as one set.
/// - `rounds(store:)`, `delete(round:file:store:)`, `deleteComments(round:store:)`,
///   `definition(round:store:)`, `setNaming(_:)`: the store.
/// - `document(_:survey:)`: the template, the codebook, the questionnaire.
public enum Run {}

/// How a run ended: the command line's exit status, a web service's answer.
public enum RunStatus: Sendable, Equatable {
  case success
  /// Some rows were rejected; everything else was done (the reports written, the files imported).
  case rowsRejected
  /// A data error stopped the run, or a file was not imported: a report writes nothing then.
  case dataError
  /// The request itself cannot be done as asked (files and a round, a minimum below the survey's).
  case badInvocation
}

/// One thing a run has to say, in the order it happened: the command line prints them in
/// this order, each in the run's language.
public enum RunMessage: Sendable {
  /// A line in the run's own words (what was done, where things are).
  case said(Said)
  /// A compiler-style message about an input (the survey's portability warnings, its notes).
  case diagnostic(Diagnostic)
  /// What stopped the run, or refused one of its parts.
  case problem(RunProblem)
  /// The accounting of the result's files belongs here: per file its summary and findings.
  case accounting
}

/// What every result has: the language the run spoke, what it said, and how it ended.
public protocol RunResult: Sendable {
  /// The language of the run: the one asked for, else the survey's.
  var language: Language { get }
  /// Everything the run had to say, in order.
  var messages: [RunMessage] { get }
  var status: RunStatus { get }
  /// The accounting of these files is what `RunMessage.accounting` stands for.
  var files: [FileReport] { get }
  /// The folder the accounting's "the rest are in" lines name; empty when none was written.
  var accountingFolder: String { get }
}

extension RunResult {
  /// None, unless a result wrote its working files (a report's).
  public var accountingFolder: String { "" }

  /// The problems among the messages, in order.
  public var problems: [RunProblem] {
    messages.compactMap { if case .problem(let problem) = $0 { problem } else { nil } }
  }
}

/// The options of every command that reads exports (`--municipality`, `--sheet`,
/// `--strict`), turned into Ingest's options in one place (`ingestOptions`).
public struct ExportOptions: Sendable {
  /// Files that are one municipality's export: a file's path or name → the municipality's
  /// name, spelling or code.
  public var municipalities: [String: String]
  /// The sheet to read of each workbook; nil: the answer sheet of a kartlagg template,
  /// else the first.
  public var sheet: String?
  /// Any rejected row is an error, and a blank municipality is a rejected row.
  public var strict: Bool
  /// Files of an organisation that answers for some municipalities only: a file's path or
  /// name → their names; a row of another municipality is rejected (kartlagg-server).
  public var allowedMunicipalities: [String: [String]] = [:]

  public init(municipalities: [String: String] = [:], sheet: String? = nil, strict: Bool = false) {
    self.municipalities = municipalities
    self.sheet = sheet
    self.strict = strict
  }

  /// Ingest's options for a run speaking `language`, with an optional progress callback
  /// (file, rows so far, finished).
  public func ingestOptions(
    language: Language, progress: (@Sendable (_ file: String, _ rows: Int, _ finished: Bool) -> Void)? = nil
  ) -> IngestOptions {
    var options = IngestOptions()
    options.municipalities = municipalities
    options.allowedMunicipalities = allowedMunicipalities
    options.language = language
    options.sheet = sheet
    options.rejectsBlankMunicipality = strict
    options.progress = progress
    return options
  }
}

/// Progress of the files being read: file, rows so far, finished.
public typealias RunProgress = @Sendable (_ file: String, _ rows: Int, _ finished: Bool) -> Void

/// Where a run's working files (the accounting, the rejected rows and answer problems,
/// verbatim: never to be shared) go.
public enum WorkingPlace: Sendable, Equatable {
  /// Not written: the result holds them as values (`WorkingFiles`).
  case none
  /// The command line's folder: a report's `<output>-arbetsfiler`, an import's
  /// `arbetsfiler/<round>/` beside the store.
  case standard
  /// This folder.
  case folder(String)
}

/// The folders' names a report owns.
extension Run {
  /// The top-level names a report folder owns; anything else in it is carried over.
  public static let publishedNames: Set<String> = [
    "index.html", "kommun", "codebook.html", "questionnaire.html", "csv",
  ]
  /// The names a working folder owns.
  public static let workingNames: Set<String> = ["accounting.csv", "rejected.csv", "problems.csv", "LASMIG.txt"]

  /// The files named: a directory means every export in it (.csv, .xlsx, .xlsm, .sav,
  /// .zsav, .por).
  public static func expand(_ inputs: [String]) throws -> [String] {
    var out: [String] = []
    for input in inputs {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue {
        out += try Ingest.exportFiles(in: input)
      } else {
        out.append(input)
      }
    }
    return out
  }

  /// The language a run speaks: the one asked for, else the survey's (`Survey.language`).
  public static func language(_ asked: Language?, _ survey: Survey) -> Language {
    asked ?? survey.language
  }

  /// Reads the exports concurrently, each into a tally of its own, and merges the tallies
  /// of the files that were imported: what `report`, the benchmark and the report tests
  /// all do.
  public static func tally(
    _ files: [String], survey: Survey, layout: TallyLayout, options: IngestOptions = IngestOptions(),
    keepTexts: Bool = false
  ) async throws(IngestError) -> (reports: [FileReport], tally: Tally) {
    let results = try await tallies(files, survey: survey, layout: layout, options: options, keepTexts: keepTexts)
    return (
      results.map(\.report), Tally.merged(results.compactMap(\.consumer), layout: layout, keepTexts: keepTexts)
    )
  }

  /// Each export's own tally (nil for a file that was not imported), for the store.
  /// An import keeps each respondent's print too (`keepPrints`, `RowPrints`).
  static func tallies(
    _ files: [String], survey: Survey, layout: TallyLayout, options: IngestOptions, keepTexts: Bool = false,
    keepPrints: Bool = false
  ) async throws(IngestError) -> [FileResult<Tally>] {
    // The free-text answers are made into strings only for a tally that keeps them.
    var options = options
    options.keepsTexts = keepTexts
    return try await Ingest.files(files, plan: IngestPlan(survey: survey), options: options) {
      Tally(layout: layout, keepTexts: keepTexts, keepPrints: keepPrints)
    }
  }

  /// A survey definition loaded, its YAML portability warnings and the notes about what its
  /// reports will leave out, as messages; nil (with the problem) when it does not load. Its
  /// problems and warnings are said in `asked` (`--language`), else in the definition's own
  /// `language:`, else in Swedish (`SurveyLoader.load(yaml:path:language:)`).
  static func loadSurvey(_ path: String, language asked: Language?, into log: inout Log) async -> (Survey, String)? {
    let text: String
    do {
      // Before the definition is read its `language:` is unknown: `--language`, else
      // Swedish, the county's users' language (`SurveyLoader.text`).
      text = try SurveyLoader.text(path: path, language: asked ?? .fallback)
    } catch let error as SurveyLoadError {
      log.problem(.survey(error.diagnostics))
      return nil
    } catch {
      log.problem(.survey([Diagnostic(file: path, message: "\(error)")]))
      return nil
    }
    let survey: Survey
    let findings: [YAMLPortability.Finding]
    let key = ParsedSurvey.Key(path: path, text: text)
    if let parsed = ParsedSurvey.find(key) {
      (survey, findings) = (parsed.survey, parsed.portability)
    } else {
      // The definition and its YAML 1.1 portability warnings are two parses of the same
      // text: both at once.
      async let loaded = offPool { Result { try SurveyLoader.load(yaml: text, path: path, language: asked) } }
      async let portability = offPool { YAMLPortability.findings(yaml: text) }
      switch await loaded {
      case .success(let value): survey = value
      case .failure(let error as SurveyLoadError):
        log.problem(.survey(error.diagnostics))
        return nil
      case .failure(let error):
        log.problem(.survey([Diagnostic(file: path, message: "\(error)")]))
        return nil
      }
      findings = await portability
      ParsedSurvey.remember(ParsedSurvey(survey: survey, portability: findings), as: key)
    }
    let language = language(asked, survey)
    for finding in findings {
      log.messages.append(.diagnostic(finding.diagnostic(path: path, language: language)))
    }
    // An omission the reports will show, said once here too.
    if survey.mellanrum.isEmpty {
      log.messages.append(
        .diagnostic(Diagnostic(file: path, severity: .note, message: Said.noMellanrum.text(language))))
    }
    if survey.heatmapTag == nil && !survey.tagVocabularies.isEmpty {
      log.messages.append(
        .diagnostic(Diagnostic(file: path, severity: .note, message: Said.noHeatmap.text(language))))
    }
    return (survey, text)
  }

  /// The status of a run from its files: a file not imported is a data error; a rejected
  /// row too when `strict`, else rows rejected.
  static func status(_ files: [FileReport], strict: Bool) -> RunStatus {
    if files.contains(where: { !$0.imported }) { return .dataError }
    if files.contains(where: { $0.rejected > 0 }) { return strict ? .dataError : .rowsRejected }
    return .success
  }
}

/// A survey definition parsed in this process, by its path and its text: the server checks
/// every upload against the same definition, and its two YAML parses were most of a small
/// file's check (perf: about 60 % of `kartlagg validate` on a municipality's example). The
/// text is read each time, so an edited definition is parsed again; only a definition that
/// loads is kept, at most `limit` of them.
struct ParsedSurvey: Sendable {
  struct Key: Hashable, Sendable {
    var path: String
    var text: String
  }
  static let limit = 8
  /// Behind `Locked`, not `Mutex`: reports run at once (the server's, a test's) remember
  /// definitions at the same time, and Thread Sanitizer cannot see `Mutex` on Linux, so it
  /// reported this as a race (a false report, but one that fails `make test-thread`).
  private static let known = Locked<[Key: ParsedSurvey]>([:])

  var survey: Survey
  /// Its YAML portability warnings, said in each run's language when it is used.
  var portability: [YAMLPortability.Finding]

  static func find(_ key: Key) -> ParsedSurvey? { known.withLock { $0[key] } }

  /// Kept; when `limit` are kept already, those go first.
  static func remember(_ parsed: ParsedSurvey, as key: Key) {
    known.withLock { known in
      if known.count >= limit { known.removeAll() }
      known[key] = parsed
    }
  }
}

extension Run {
  /// The survey definition at `path`, from `ParsedSurvey` when its text was parsed before
  /// in this process; nil when it cannot be read or does not load. For a caller that needs
  /// only the definition (the server's language, municipalities and county).
  public static func survey(at path: String) -> Survey? {
    guard let text = try? SurveyLoader.text(path: path) else { return nil }
    let key = ParsedSurvey.Key(path: path, text: text)
    if let parsed = ParsedSurvey.find(key) { return parsed.survey }
    guard let survey = try? SurveyLoader.load(yaml: text, path: path) else { return nil }
    ParsedSurvey.remember(ParsedSurvey(survey: survey, portability: YAMLPortability.findings(yaml: text)), as: key)
    return survey
  }
}

/// A run's messages and status as it goes.
struct Log: Sendable {
  var messages: [RunMessage] = []
  var status = RunStatus.success

  mutating func said(_ said: Said) { messages.append(.said(said)) }

  /// A problem: the run's status becomes the problem's.
  mutating func problem(_ problem: RunProblem) {
    messages.append(.problem(problem))
    status = problem.status
  }
}
