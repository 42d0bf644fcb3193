import Foundation
import GapAnalysis
import Ingest
import LibCSV
import Reporting
import RoundStore
import SourceDiagnostics
import SurveyModel

/// What a command did: the lines to print, the files written and the exit status. Every
/// subcommand is one of these library calls, so that tests can run it without a process.
public struct RunOutcome: Sendable {
  public var lines: [String] = []
  public var written: [String] = []
  public var files: [FileReport] = []
  public var exitCode: Int32 = 0

  public init() {}
}

/// Exit statuses, as `kartlagg --help` documents them.
public enum ExitStatus {
  public static let success: Int32 = 0
  /// Data errors that stopped a report (an invalid survey, a file not imported, no files).
  public static let dataError: Int32 = 1
  /// Some rows were rejected, but the reports were written.
  public static let rowsRejected: Int32 = 2
  public static let badInvocation: Int32 = 64
}

/// Feeds accepted respondents into a tally.
struct TallyConsumer: ResponseConsumer, Sendable {
  var tally: Tally
  mutating func consume(_ response: Response) { tally.add(response) }
}

extension Runs {
  /// Reads the exports concurrently, each into a tally of its own, and merges the tallies
  /// of the files that were imported: what `report`, the benchmark and the report tests
  /// all do.
  public static func tally(
    _ files: [String], survey: Survey, layout: TallyLayout, options: IngestOptions = IngestOptions(),
    keepTexts: Bool = false
  ) async throws(IngestError) -> (reports: [FileReport], tally: Tally) {
    let results = try await tallies(files, survey: survey, layout: layout, options: options, keepTexts: keepTexts)
    var tally = Tally(layout: layout, keepTexts: keepTexts)
    for result in results { if let part = result.consumer { tally.merge(part.tally) } }
    return (results.map(\.report), tally)
  }

  /// Each export's own tally (nil for a file that was not imported), for the store.
  static func tallies(
    _ files: [String], survey: Survey, layout: TallyLayout, options: IngestOptions, keepTexts: Bool = false
  ) async throws(IngestError) -> [FileResult<TallyConsumer>] {
    try await Ingest.files(files, plan: IngestPlan(survey: survey), options: options) {
      TallyConsumer(tally: Tally(layout: layout, keepTexts: keepTexts))
    }
  }
}

public enum Runs {
  /// The files named on the command line: a directory means every `.csv` in it.
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

  /// The language a run speaks: the one asked for, else the survey's (Swedish unless it is `en`).
  static func language(_ asked: String?, _ survey: Survey) -> String {
    asked ?? survey.language.code
  }

  static func loadSurvey(_ path: String, language asked: String? = nil, into outcome: inout RunOutcome) -> Survey? {
    do {
      // The definition and its YAML 1.1 portability warnings are two parses of the same
      // text, read once (a file too large is refused unread): both at once.
      let text = try SurveyLoader.text(path: path)
      let (loaded, warnings) = concurrently(
        { Result { try SurveyLoader.load(yaml: text, path: path) } },
        { YAMLPortability.warnings(yaml: text, path: path).map(\.description) })
      let survey = try loaded.get()
      outcome.lines += warnings
      // An omission the reports will show, said once here too.
      if survey.mellanrum.isEmpty {
        outcome.lines.append(
          Diagnostic(
            file: path, severity: .note,
            message: Said.noMellanrum.text(language(asked, survey))
          ).description)
      }
      if survey.heatmapTag == nil && !survey.tagVocabularies.isEmpty {
        outcome.lines.append(
          Diagnostic(file: path, severity: .note, message: Said.noHeatmap.text(language(asked, survey))).description)
      }
      return survey
    } catch let error as SurveyLoadError {
      outcome.lines += error.diagnostics.map(\.description)
    } catch {
      outcome.lines.append(Diagnostic(file: path, message: "\(error)").description)
    }
    outcome.exitCode = ExitStatus.dataError
    return nil
  }

  /// Checks a definition and, if given, exports against it; writes nothing. It speaks
  /// `language`, else the survey's.
  public static func validate(
    survey surveyPath: String, inputs: [String], municipalities: [String: String] = [:], language asked: String? = nil,
    sheet: String? = nil
  ) async -> RunOutcome {
    var outcome = RunOutcome()
    guard let survey = loadSurvey(surveyPath, language: asked, into: &outcome) else { return outcome }
    let language = language(asked, survey)
    outcome.lines.append(
      Said.surveyValid(
        path: surveyPath, id: survey.id, sections: survey.sections.count, items: survey.items.count,
        columns: survey.slots.count
      ).text(language))
    do {
      let files = try expand(inputs)
      var options = IngestOptions()
      options.municipalities = municipalities
      options.language = Language(code: language) ?? .sv
      options.sheet = sheet
      let results = try await Ingest.files(files, plan: IngestPlan(survey: survey), options: options) {
        DiscardingConsumer()
      }
      outcome.files = results.map(\.report)
    } catch {
      outcome.lines.append(Diagnostic(file: "", message: "\(error)").description)
      outcome.exitCode = ExitStatus.dataError
      return outcome
    }
    outcome.lines += Diagnostics.lines(for: outcome.files, language: language, details: "")
    outcome.exitCode = status(outcome.files, strict: false)
    return outcome
  }

  static func status(_ files: [FileReport], strict: Bool) -> Int32 {
    if files.contains(where: { !$0.imported }) { return ExitStatus.dataError }
    if files.contains(where: { $0.rejected > 0 }) { return strict ? ExitStatus.dataError : ExitStatus.rowsRejected }
    return ExitStatus.success
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
    public var language: String?
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
  public static let publishedNames: Set<String> = [
    "index.html", "kommun", "codebook.html", "questionnaire.html", "csv",
  ]
  public static let workingNames: Set<String> = ["accounting.csv", "rejected.csv", "problems.csv", "LASMIG.txt"]

  static func workingFolder(_ request: ReportRequest) -> String {
    request.working ?? (request.output.hasSuffix("/") ? String(request.output.dropLast()) : request.output)
      + "-arbetsfiler"
  }

  /// Reads every export, analyses them, and writes two sets of files: under `output` what
  /// may be published (the HTML reports, the codebook, the summary CSVs), and in the
  /// working folder what may not (the accounting, rejected rows and answer problems,
  /// verbatim). Each set replaces the previous one whole or not at all (`ReportSet`), and
  /// nothing is written when the run stops on a data error.
  public static func report(_ request: ReportRequest) async -> RunOutcome {
    var outcome = RunOutcome()
    // A stored round is followed up on the rounds before it: their figures are read while
    // this round is read and analysed.
    let earlierRounds = request.round.flatMap { round in
      request.baseline != nil
        ? nil
        : Task.detached { [store = request.store] in
          Runs.earlierRounds(round: round, store: store)
        }
    }
    var survey: Survey
    if let path = request.survey {
      guard let loaded = loadSurvey(path, language: request.language, into: &outcome) else { return outcome }
      survey = loaded
    } else {
      // A stored round is reported with the definition it was imported with.
      let asked = request.language ?? "sv"
      guard let round = request.round else {
        outcome.lines.append(Said.Workspace.noSurvey.text(asked))
        outcome.exitCode = ExitStatus.badInvocation
        return outcome
      }
      guard let text = storedDefinition(round: round, store: request.store, language: asked, &outcome) else {
        return outcome
      }
      do {
        survey = try SurveyLoader.load(yaml: text)
      } catch {
        outcome.lines.append(Said.store(RoundStore.Failure(description: "round \(round): \(error)")).text(asked))
        outcome.exitCode = ExitStatus.dataError
        return outcome
      }
    }
    let language = language(request.language, survey)
    if request.round != nil && !request.inputs.isEmpty {
      outcome.lines.append(Said.Workspace.filesAndRound.text(language))
      outcome.exitCode = ExitStatus.badInvocation
      return outcome
    }
    if let round = request.round, request.survey == nil {
      outcome.lines.append(Said.Workspace.surveyFromStore(round: round).text(language))
    }
    // A stored round is reported with its own period and invited counts, where it has them.
    var naming = ReportNaming(period: survey.period)
    if let round = request.round {
      var own: RoundStore.RoundNaming?
      if let store = openStore(request.store, language: language, &outcome) {
        do {
          own = try store.naming(round: round)
        } catch {
          outcome.lines.append(Said.store(error).text(language))
          outcome.exitCode = ExitStatus.dataError
        }
      }
      if outcome.exitCode != ExitStatus.success { return outcome }
      (survey, naming) = Runs.survey(survey, as: own, round: round)
    }
    if let minimum = request.minimumGroupSize, minimum < survey.minimumGroupSize {
      outcome.lines.append(Said.minimumBelowSurvey(given: minimum, own: survey.minimumGroupSize).text(language))
      outcome.exitCode = ExitStatus.badInvocation
      return outcome
    }
    let layout = TallyLayout(survey: survey)
    let tally: Tally
    // A stored round's earlier publications, protected together with this one.
    var earlierPublications: [Publication] = []
    var earlierPublicationDates: [String] = []
    if let round = request.round {
      guard
        let stored = storedRound(
          round, survey: survey, surveyPath: request.survey, layout: layout, store: request.store,
          comments: request.includeComments, language: language, &outcome)
      else { return outcome }
      (outcome.files, tally) = stored
      guard let publications = publications(of: round, layout: layout, store: request.store, language, &outcome)
      else { return outcome }
      earlierPublications = publications.map(\.publication)
      for date in publications.map({ String($0.date.prefix(10)) }) where !earlierPublicationDates.contains(date) {
        earlierPublicationDates.append(date)
      }
    } else {
      do {
        let files = try expand(request.inputs)
        guard !files.isEmpty else {
          outcome.lines.append(Said.noExportFiles(request.inputs.joined(separator: ", ")).text(language))
          outcome.exitCode = ExitStatus.dataError
          return outcome
        }
        let progress = Progress(files: files.count, quiet: request.quiet, language: language)
        var options = IngestOptions()
        options.municipalities = request.municipalities
        options.language = Language(code: language) ?? .sv
        options.sheet = request.sheet
        options.rejectsBlankMunicipality = request.strict
        options.progress = { progress.update(file: $0, rows: $1, finished: $2) }
        (outcome.files, tally) = try await Runs.tally(
          files, survey: survey, layout: layout, options: options, keepTexts: request.includeComments)
        progress.finish()
      } catch {
        outcome.lines.append(Diagnostic(file: "", message: "\(error)").description)
        outcome.exitCode = ExitStatus.dataError
        return outcome
      }
    }
    let workingFolder = workingFolder(request)
    outcome.lines += Diagnostics.lines(for: outcome.files, language: language, details: workingFolder)
    // A stored round's rows were rejected at its import, which said so and kept them in
    // its working files: this report rejects none.
    outcome.exitCode = request.round == nil ? status(outcome.files, strict: request.strict) : ExitStatus.success
    // A stored round's blank municipalities were counted at import; --strict refuses them.
    let unknownMunicipality = outcome.files.reduce(0) { $0 + $1.unknownMunicipality }
    if let round = request.round, request.strict, unknownMunicipality > 0 {
      outcome.lines.append(Said.blankMunicipalityStored(round: round, count: unknownMunicipality).text(language))
      outcome.exitCode = ExitStatus.dataError
    }
    if outcome.exitCode == ExitStatus.dataError {
      outcome.lines.append(Said.noReportWritten.text(language))
      return outcome
    }
    var analysis = Analysis.run(
      tally,
      settings: AnalysisSettings(
        minimumGroupSize: max(survey.minimumGroupSize, request.minimumGroupSize ?? 0), earlier: earlierPublications))
    // What these figures are of: the store's round, or the survey's id and period.
    let identity = request.round ?? CSVSummaries.round(of: survey)
    var followUp: [Scope: [ItemChange]]?
    // A stored round is followed up against the rounds before it, from their figures
    // (an earlier --baseline file, when given, takes their place).
    var groupChanges: [Scope: [GroupChange]]?
    var earlier: [(name: String, figures: RoundFigures)]?
    switch await earlierRounds?.value {
    case .success(let rounds?):
      earlier = rounds
      (followUp, groupChanges) = Runs.changes(analysis, earlier: rounds)
    case .failure(let failure):
      // A damaged earlier round: no report, rather than one without its follow-up.
      outcome.lines.append(Said.store(failure).text(language))
      outcome.exitCode = ExitStatus.dataError
      outcome.lines.append(Said.noReportWritten.text(language))
      return outcome
    case .success(nil), nil: break
    }
    if let round = request.round {
      // What the report is of and what it follows up, named on every page and here.
      outcome.lines.append(
        Said.reporting(round: round, period: naming.period, periodIsTheSurveys: naming.periodIsTheSurveys).text(
          language))
      if let earlier, let compared = earlier.last {
        let periods = (try? RoundStore.open(at: storePath(request.store) ?? "")).map { store in
          { (name: String) in (try? store.naming(round: name))?.flatMap(\.period) }
        }
        naming.compared = ReportNaming.Round(name: compared.name, period: periods?(compared.name) ?? nil)
        if earlier.count > 1, let first = earlier.first {
          naming.first = ReportNaming.Round(name: first.name, period: periods?(first.name) ?? nil)
        }
        outcome.lines.append(Said.followsUp(round: compared.name, first: naming.first?.name).text(language))
      }
    }
    analysis.naming = naming
    if let baseline = request.baseline {
      do {
        let (figures, round) = try Baseline.readWithRound(baseline)
        // The same round again is the same people: no follow-up, but a second publication.
        if round == identity {
          outcome.lines.append(Said.sameRoundBaseline(path: baseline, round: identity).text(language))
          outcome.exitCode = ExitStatus.dataError
          outcome.lines.append(Said.noReportWritten.text(language))
          return outcome
        }
        let changes = FollowUp.changes(analysis, since: figures)
        followUp = changes
        groupChanges = FollowUp.groupChanges(analysis, changes)
      } catch let error as Baseline.ReadError {
        outcome.lines += error.description.split(separator: "\n").map(String.init)
        outcome.exitCode = ExitStatus.dataError
        outcome.lines.append(Said.noReportWritten.text(language))
        return outcome
      } catch {
        outcome.lines.append(Diagnostic(file: baseline, message: "\(error)").description)
        outcome.exitCode = ExitStatus.dataError
        outcome.lines.append(Said.noReportWritten.text(language))
        return outcome
      }
    }
    var summaries = CSVSummaries(
      results: analysis, files: outcome.files, format: request.format, followUp: followUp, groupChanges: groupChanges,
      language: Language(code: language) ?? .sv)
    summaries.round = identity
    summaries.draft = request.draft
    let tables = summaries.publishedTables()
    // The workbook (its compression takes longest) beside the CSV files and the pages, on
    // two cores: both only read the finished results and tables. The pages, and what only
    // they show of the earlier rounds (their lines, the items not compared), are made on
    // the pages' side.
    let excel = ExcelSummaries(summaries: summaries, title: survey.title, tables: tables)
    let files = outcome.files
    let (workbook, (csv, html)) = concurrently(
      { Result { () throws(ExcelSummaries.Failure) in try excel.bytes() } },
      {
        var pages = GapReports(
          results: analysis, files: files, language: Language(code: language) ?? .sv,
          comments: request.includeComments ? { tally.texts(municipality: $0, section: $1, item: $2) } : nil,
          followUp: followUp)
        pages.groupChanges = groupChanges
        pages.draft = request.draft
        pages.heldBackSince = earlierPublications.isEmpty ? nil : earlierPublicationDates
        if let round = request.round, let earlier {
          (pages.notCompared, pages.series) = Runs.history(analysis, round: round, earlier: earlier)
          // The first mapping, which the plan's step 5 follows up against.
          if earlier.count > 1 { pages.changesSinceFirst = FollowUp.changes(analysis, since: earlier[0].figures) }
        }
        return (summaries.published(tables), pages.all())
      })
    var published = csv.map { ("csv/" + $0.name, $0.bytes) }
    switch workbook {
    case .success(let bytes): published.append(("csv/kartlagg.xlsx", bytes))
    case .failure(let error):
      outcome.lines.append(Diagnostic(file: request.output + "/csv/kartlagg.xlsx", message: "\(error)").description)
      outcome.exitCode = ExitStatus.dataError
      outcome.lines.append(Said.noReportWritten.text(language))
      return outcome
    }
    published.append(("codebook.html", Array(SurveyDocuments.codebook(for: survey).utf8)))
    published.append(("questionnaire.html", Array(SurveyDocuments.questionnaire(for: survey).utf8)))
    for (path, text) in html { published.append((path, Array(text.utf8))) }
    // A stored round keeps no row: its working files are its accounting only (the rejected
    // rows and answer problems are in its import's working folder).
    var working = summaries.workingInMemory().map { (path: $0.name, bytes: $0.bytes) }
      .filter { request.round == nil || $0.path == "accounting.csv" }
    working.append(("LASMIG.txt", Array(workingReadme(language).utf8)))
    // The rejected rows are read back from where ingest kept them and written as a
    // stream: a file may hold millions of them.
    let rejected: [ReportSet.Streamed] =
      request.round == nil ? [("rejected.csv", { try summaries.writeRejected($0) })] : []
    let waiting: (String) -> Void = { folder in
      FileHandle.standardError.write(
        Data((Said.waiting(folder).text(language) + "\n").utf8))
    }
    do {
      // A stored round's publication is recorded before the sets are swapped in, and the
      // record removed if that fails: a killed run leaves at most a record of more than
      // was published, never a publication without its record.
      var recorded: (store: RoundStore, id: Int64, date: String)?
      if let round = request.round, !request.draft {
        recorded = try recordPublication(analysis, round: round, store: request.store)
      }
      // Everything is made before anything is replaced; both folders are checked and both
      // new sets written before either is swapped in whole.
      do {
        try ReportSet.replace(
          [
            // The working folder is named after --out unless --work names it.
            (
              ReportSet(path: workingFolder, owned: workingNames, option: request.working == nil ? "--out" : "--work"),
              working
            ),
            (ReportSet(path: request.output, owned: publishedNames, option: "--out"), published),
          ], streamed: [workingFolder: rejected], waiting: waiting)
      } catch {
        if let recorded { try? recorded.store.removePublication(id: recorded.id) }
        throw error
      }
      let workingPaths = working.prefix(1).map(\.path) + rejected.map(\.path) + working.dropFirst().map(\.path)
      outcome.written += workingPaths.map { workingFolder + "/" + $0 }
      outcome.written += published.map { request.output + "/" + $0.0 }
      if let round = request.round, let recorded {
        outcome.lines.append(Said.publicationRecorded(round: round, date: recorded.date).text(language))
      }
    } catch let error as ReportSet.Failure {
      outcome.lines.append(Said.folder(error).text(language))
      outcome.exitCode = ExitStatus.dataError
      return outcome
    } catch let failure as RoundStore.Failure {
      outcome.lines.append("error: \(failure.description)")
      outcome.exitCode = ExitStatus.dataError
      return outcome
    } catch {
      outcome.lines.append(Diagnostic(file: request.output, message: "\(error)").description)
      outcome.exitCode = ExitStatus.dataError
      return outcome
    }
    let respondents = tally.respondentCount
    let imported = outcome.files.filter(\.imported).count
    outcome.lines.append(
      Said.wrote(
        respondents: respondents, files: imported, written: outcome.written.count, output: request.output,
        working: workingFolder
      ).text(language))
    if request.draft { outcome.lines.append(Said.draftNotRecorded.text(language)) }
    if !analysis.heldBack.isEmpty {
      outcome.lines.append(
        Said.heldBack(
          scopes: analysis.heldBack.map { $0.name(in: survey) }.joined(separator: ", "),
          minimum: analysis.minimumGroupSize, since: earlierPublicationDates.joined(separator: ", ")
        ).text(language))
    }
    outcome.lines.append(Said.countyReport(request.output).text(language))
    outcome.lines.append(Said.workingFiles(workingFolder).text(language))
    let rejectedCount = outcome.files.reduce(0) { $0 + $1.rejected }
    if rejectedCount > 0 {
      if let round = request.round, let store = storePath(request.store) {
        // A round imported before import kept its working files (store format 6) has none.
        let path = importWorkingFolder(store: store, round: round) + "/rejected.csv"
        outcome.lines.append(
          (FileManager.default.fileExists(atPath: path)
            ? Said.Workspace.rejectedAtImport(count: rejectedCount, round: round, path: path)
            : Said.Workspace.rejectedAtImportNotKept(count: rejectedCount, round: round)).text(language))
      } else if request.round == nil {
        outcome.lines.append(
          Said.Workspace.rejectedRows(count: rejectedCount, path: workingFolder + "/rejected.csv").text(language))
      }
    }
    return outcome
  }

  /// The empty export template: written to `output`, or returned for standard output. An
  /// `output` ending in `.xlsx` gets the template as an Excel workbook
  /// (`SurveyDocuments.templateWorkbook`: instructions, drop-down lists), anything else the
  /// CSV template in `format`.
  public static func template(survey surveyPath: String, format: CSVOutputFormat, output: String?) -> (
    RunOutcome, [UInt8]?
  ) {
    let workbook = output.map { ($0 as NSString).pathExtension.lowercased() == "xlsx" } ?? false
    return document(surveyPath, output) { survey throws(ExcelSummaries.Failure) in
      let n = survey.templateColumns.count
      return (
        workbook
          ? try SurveyDocuments.templateWorkbook(for: survey) : SurveyDocuments.template(for: survey, format: format),
        Said.columns(n).text(language(nil, survey))
      )
    }
  }

  /// The codebook: written to `output`, or returned for standard output.
  public static func codebook(survey surveyPath: String, output: String?) -> (RunOutcome, [UInt8]?) {
    document(surveyPath, output) { survey in
      (Array(SurveyDocuments.codebook(for: survey).utf8), Said.theCodebook.text(language(nil, survey)))
    }
  }

  /// The printable questionnaire: written to `output`, or returned for standard output.
  public static func questionnaire(survey surveyPath: String, output: String?) -> (RunOutcome, [UInt8]?) {
    document(surveyPath, output) { survey in
      (Array(SurveyDocuments.questionnaire(for: survey).utf8), Said.theQuestionnaire.text(language(nil, survey)))
    }
  }

  /// A document made from the survey alone, written atomically to `output` when one is given.
  private static func document(
    _ surveyPath: String, _ output: String?,
    make: (Survey) throws(ExcelSummaries.Failure) -> (bytes: [UInt8], what: String)
  ) -> (RunOutcome, [UInt8]?) {
    var outcome = RunOutcome()
    guard let survey = loadSurvey(surveyPath, into: &outcome) else { return (outcome, nil) }
    do {
      let (bytes, what) = try make(survey)
      guard let output else { return (outcome, bytes) }
      try AtomicFile.write(bytes, to: output)
      outcome.written.append(output)
      outcome.lines.append(Said.wroteDocument(path: output, what: what).text(language(nil, survey)))
    } catch {
      outcome.lines.append(Diagnostic(file: output ?? surveyPath, message: "\(error)").description)
      outcome.exitCode = ExitStatus.dataError
    }
    return (outcome, nil)
  }
}

/// `first` and `second` at once, on two threads; both have finished when it returns. For
/// work that only reads values nobody changes meanwhile (the report's results and tables).
func concurrently<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
  nonisolated(unsafe) var a: A?
  nonisolated(unsafe) var b: B?
  withoutActuallyEscaping(first) { first in
    withoutActuallyEscaping(second) { second in
      nonisolated(unsafe) let (f, g) = (first, second)
      DispatchQueue.concurrentPerform(iterations: 2) { i in
        if i == 0 { a = f() } else { b = g() }
      }
    }
  }
  return (a!, b!)
}

extension Runs {
  /// The working files of `files` (accounting, answer problems; the rejected rows written
  /// as a stream), as a report writes them, for `import`: made from the files' reports alone.
  static func workingFiles(_ files: [FileReport], results tallies: [Tally], layout: TallyLayout, language: String)
    -> (files: [(path: String, bytes: [UInt8])], rejected: ReportSet.Streamed)
  {
    var tally = Tally(layout: layout)
    for part in tallies { tally.merge(part) }
    let summaries = CSVSummaries(results: Analysis.run(tally), files: files, language: Language(code: language) ?? .sv)
    return (
      summaries.workingInMemory().map { (path: $0.name, bytes: $0.bytes) },
      ("rejected.csv", { try summaries.writeRejected($0) })
    )
  }
}

/// What the working folder is, for whoever opens it: in the run's language first.
func workingReadme(_ language: String) -> String {
  language == "sv"
    ? workingReadmeSwedish + "\n" + workingReadmeEnglish : workingReadmeEnglish + "\n" + workingReadmeSwedish
}

let workingReadmeEnglish = """
  Working files from kartlagg – do not share them.

  accounting.csv  what was found in each export file: rows read, accepted and rejected
  rejected.csv    the rejected rows, verbatim (they may hold names, ids and free text)
  problems.csv    answers that could not be read, with the value from the export

  The reports that may be shared are in the report folder (index.html, kommun/, csv/,
  codebook.html, questionnaire.html). A report of a stored round (report --round) has its accounting only
  here: the rejected rows and answer problems of its files are in the working folder of
  their import (arbetsfiler/<round>/ beside the store).

  """

let workingReadmeSwedish = """
  Arbetsfiler från kartlagg – sprid dem inte.

  accounting.csv  redovisning per exportfil: lästa, godtagna och avvisade rader
  rejected.csv    avvisade rader ordagrant (kan innehålla namn, id och fritext)
  problems.csv    svar som inte kunde läsas, med värdet ur exporten

  Rapporterna som får delas ligger i rapportmappen (index.html, kommun/, csv/, codebook.html,
  questionnaire.html). En rapport av en omgång i lagret (report --round) har bara sin
  redovisning här: filernas avvisade rader och svarsproblem står i arbetsfilerna från
  importen (arbetsfiler/<omgång>/ bredvid lagret).

  """
