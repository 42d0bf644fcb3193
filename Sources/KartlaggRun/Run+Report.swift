import Foundation
import GapAnalysis
import Ingest
import LibCSV
import Reporting
import RoundStore
import SourceDiagnostics
import SurveyModel

/// What `Run.report` is asked to report: export files, or a round of the store.
public struct ReportRequest: Sendable {
  /// The survey definition's path; nil with `round`: the one the round was imported with.
  public var survey: String?
  /// Export files, or directories of them (none with `round`).
  public var inputs: [String]
  /// A round of the store to report instead of files, and which store (nil: the
  /// workspace's).
  public var round: String?
  public var store: String?
  /// The report folder: what may be published, replaced whole.
  public var output = "Reports"
  /// Where the working files go: `.standard` is `<output>-arbetsfiler`; `.none` writes
  /// none (the result holds them).
  public var working = WorkingPlace.standard
  /// An earlier run's `items.csv`, for follow-up.
  public var baseline: String?
  /// The published CSV files' dialect.
  public var format = CSVOutputFormat.rfc4180
  /// The reports' language; nil: the survey's.
  public var language: Language?
  /// `--municipality`, `--sheet`, `--strict`.
  public var exports = ExportOptions()
  /// Raises the survey's minimum group size (never lowers it).
  public var minimumGroupSize: Int?
  /// A draft: not recorded as a publication of the round, and every page says so.
  public var draft = false
  /// Show free-text answers in the HTML reports.
  public var includeComments = false
  /// Makes the progress callback once the files (how many) and the run's language are
  /// known.
  public var progress: (@Sendable (_ files: Int, _ language: Language) -> RunProgress)?
  /// Called with a folder's path and the run's language when another run holds the
  /// folder and this one waits.
  public var waiting: (@Sendable (_ folder: String, _ language: Language) -> Void)?

  public init(survey: String?, inputs: [String]) {
    self.survey = survey
    self.inputs = inputs
  }
}

/// What `Run.report` did.
public struct ReportResult: RunResult {
  public var language = Language.fallback
  public var messages: [RunMessage] = []
  public var status = RunStatus.success
  /// The survey as reported (a stored round's with its own period and invited counts).
  public var survey: Survey?
  /// Per file its accounting (a stored round's as its import kept it).
  public var files: [FileReport] = []
  /// The merged tally and the results, when the run got that far.
  public var tally: Tally?
  /// The results the reports show.
  public var results: GapResults?
  /// The published files, relative to the report folder, when they were written.
  public var published: [String] = []
  /// Every file written, with its path (the working files first).
  public var written: [String] = []
  /// The working files, whether written or not.
  public var working: WorkingFiles?
  /// The working folder asked for (named even when the run stopped before writing it:
  /// `written` lists what was written); nil with `WorkingPlace.none`.
  public var workingFolder: String?
  /// The date the publication was recorded in the store (a stored round's, not a draft's).
  public var recorded: String?
  /// Scopes hidden only because an earlier publication of the round stands beside this one.
  public var heldBack: [Scope] = []
  public var accountingFolder: String { workingFolder ?? "" }
}

extension Run {
  /// Reads every export (or a stored round), analyses them, and writes two sets of files:
  /// under `output` what may be published (the HTML reports, the codebook, the summary
  /// CSVs and workbook), and in the working folder what may not (the accounting, rejected
  /// rows and answer problems, verbatim). Each set replaces the previous one whole or not
  /// at all (`ReportSet`), nothing is written when the run stops on a data error, and a
  /// stored round's publication is recorded before the sets are swapped in.
  public static func report(_ request: ReportRequest) async -> ReportResult {
    var result = ReportResult()
    var log = Log()
    result.language = request.language ?? .fallback
    let workingFolder: String? =
      switch request.working {
      case .none: nil
      case .standard:
        (request.output.hasSuffix("/") ? String(request.output.dropLast()) : request.output) + "-arbetsfiler"
      case .folder(let path): path
      }
    result.workingFolder = workingFolder
    await reportSteps(request, workingFolder: workingFolder, &result, &log)
    result.messages = log.messages
    result.status = log.status
    return result
  }

  /// The report's steps, in order; a problem ends them.
  private static func reportSteps(
    _ request: ReportRequest, workingFolder: String?, _ result: inout ReportResult, _ log: inout Log
  ) async {
    // A stored round is followed up on the rounds before it: their figures are read while
    // this round is read and analysed.
    async let earlierRounds = offPool { () -> Result<EarlierRounds?, RoundStore.Failure>? in
      guard let round = request.round, request.baseline == nil else { return nil }
      return Run.earlierRounds(round: round, store: request.store)
    }
    var survey: Survey
    if let path = request.survey {
      guard let (loaded, _) = await loadSurvey(path, language: request.language, into: &log) else { return }
      survey = loaded
    } else {
      // A stored round is reported with the definition it was imported with.
      guard let round = request.round else { return log.problem(.noSurvey) }
      let stored = await definition(round: round, store: request.store, language: result.language)
      guard let definition = stored.value else {
        log.messages += stored.messages
        log.status = stored.status
        return
      }
      do {
        survey = try SurveyLoader.load(yaml: definition.text, language: request.language)
      } catch {
        return log.problem(.storedSurveyUnreadable(round: round, reason: error))
      }
    }
    let language = language(request.language, survey)
    result.language = language
    if request.round != nil && !request.inputs.isEmpty { return log.problem(.filesAndRound) }
    if let round = request.round, request.survey == nil { log.said(.workspace(.surveyFromStore(round: round))) }
    // A stored round is reported with its own period and invited counts, where it has them.
    var naming = ReportNaming(period: survey.period)
    if let round = request.round {
      let own = await withStore(request.store, language: language) {
        (store: RoundStore, _: inout Log) throws -> RoundStore.RoundNaming?? in .some(try store.naming(round: round))
      }
      guard let value = own.value else {
        log.messages += own.messages
        log.status = own.status
        return
      }
      (survey, naming) = Run.survey(survey, as: value, round: round)
    }
    result.survey = survey
    if let minimum = request.minimumGroupSize, minimum < survey.minimumGroupSize {
      return log.problem(.minimumBelowSurvey(given: minimum, own: survey.minimumGroupSize))
    }
    let layout = TallyLayout(survey: survey)
    let tally: Tally
    // A stored round's earlier publications, protected together with this one.
    var earlierPublications: [Publication] = []
    // A stored round's respondents' prints, kept with its publication.
    var roundPrints: RowPrints?
    var roundRecords: [RoundStore.FileRecord] = []
    var earlierPublicationDates: [String] = []
    if let round = request.round {
      let surveyNow = survey
      let stored = await withStore(request.store, language: language) {
        (store: RoundStore, log: inout Log) throws -> (
          RoundStore.StoredTally, [(date: String, publication: Publication)]
        )? in
        guard let (definition, records) = try store.round(round) else {
          throw RunProblem.noRound(round: round, rounds: try store.roundNames())
        }
        // Only what the figures depend on must be the same; report settings, the period and
        // the invited counts may have changed since the import (the report uses them as given now).
        guard surveyNow.id == definition.surveyID,
          (definition.identity ?? figureIdentity(ofStored: definition.text)) == surveyNow.figureIdentity
        else { throw RunProblem.otherDefinition(round: round, survey: request.survey ?? "") }
        if request.includeComments, try store.comments(round: round).isEmpty {
          log.said(.noCommentsKept(round: round))
        }
        let stored: RoundStore.StoredTally
        do {
          stored = try store.tally(
            of: records, round: round, survey: surveyNow, layout: layout, comments: request.includeComments)
        } catch let failure as RoundStore.Failure {
          throw failure
        } catch {
          throw RunProblem.input(Diagnostic(file: "", message: message(of: error, in: language)))
        }
        do {
          return (stored, try store.publications(round: round, layout: layout))
        } catch {
          throw RunProblem.publicationsUnreadable(round: round, reason: error)
        }
      }
      log.messages += stored.messages
      guard let (files, publications) = stored.value else {
        log.status = stored.status
        return
      }
      (result.files, tally) = (files.files, files.tally)
      roundPrints = files.prints
      roundRecords = files.records
      earlierPublications = publications.map(\.publication)
      for date in publications.map({ String($0.date.prefix(10)) }) where !earlierPublicationDates.contains(date) {
        earlierPublicationDates.append(date)
      }
    } else {
      do {
        let files = try expand(request.inputs)
        guard !files.isEmpty else { return log.problem(.noExportFiles(inputs: request.inputs)) }
        (result.files, tally) = try await Run.tally(
          files, survey: survey, layout: layout,
          options: request.exports.ingestOptions(
            language: language, progress: request.progress?(files.count, language)),
          keepTexts: request.includeComments)
      } catch {
        return log.problem(.input(Diagnostic(file: "", message: message(of: error, in: language))))
      }
    }
    result.tally = tally
    log.messages.append(.accounting)
    // A stored round's rows were rejected at its import, which said so and kept them in
    // its working files: this report rejects none.
    log.status = request.round == nil ? status(result.files, strict: request.exports.strict) : .success
    // A stored round's blank municipalities were counted at import; --strict refuses them.
    let unknownMunicipality = result.files.reduce(0) { $0 + $1.unknownMunicipality }
    if let round = request.round, request.exports.strict, unknownMunicipality > 0 {
      log.problem(.blankMunicipalityStored(round: round, count: unknownMunicipality))
    }
    if log.status == .dataError { return log.said(.noReportWritten) }
    let settings = AnalysisSettings(
      minimumGroupSize: max(survey.minimumGroupSize, request.minimumGroupSize ?? 0), earlier: earlierPublications)
    var analysis = await offPool { Analysis.run(tally, settings: settings) }
    // Respondents another round holds too would let the two rounds be subtracted: a
    // publication is refused, a draft (never spread) only warned of. Compared with what
    // this report shows (the analysis' suppression) and what the other rounds showed.
    if let round = request.round {
      // The scopes whose respondents it shows: the measure every respondent counts once in,
      // as each atom of the search does (a scope shown for some other measure, an item's,
      // is protected by that measure's own suppression).
      let publication = analysis.publication
      let (reported, records) = (tally, roundRecords)
      let shown = publication.measures["respondents"]?.shown ?? publication.shownAnywhere
      let checked = await withStore(request.store, language: language) {
        (store: RoundStore, _: inout Log) throws -> RoundRepeat?? in
        .some(
          try store.repeatOfAnotherRound(
            round: round, files: records, tally: reported, minimum: settings.minimumGroupSize, shown: shown))
      }
      guard let found = checked.value else {
        log.messages += checked.messages
        log.status = checked.status
        return log.said(.noReportWritten)
      }
      if let found {
        guard request.draft else {
          log.problem(.repeatsAnotherRound(found))
          return log.said(.noReportWritten)
        }
        log.said(.repeatsAnotherRound(found, draft: true))
      }
    }
    // What these figures are of: the store's round, or the survey's id and period.
    let identity = request.round ?? CSVSummaries.round(of: survey)
    var followUp: [Scope: [ItemChange]]?
    // A stored round is followed up against the rounds before it, from their figures
    // (an earlier --baseline file, when given, takes their place).
    var groupChanges: [Scope: [GroupChange]]?
    var earlier: EarlierRounds?
    switch await earlierRounds {
    case .success(let rounds?):
      earlier = rounds
      (followUp, groupChanges) = Run.changes(analysis, earlier: rounds)
    case .failure(let failure):
      // A damaged earlier round: no report, rather than one without its follow-up.
      log.problem(.store(failure))
      return log.said(.noReportWritten)
    case .success(nil), nil: break
    }
    if let round = request.round {
      // What the report is of and what it follows up, named on every page and here.
      log.said(.reporting(round: round, period: naming.period, periodIsTheSurveys: naming.periodIsTheSurveys))
      if let earlier, let compared = earlier.last {
        let names = [compared.name] + (earlier.count > 1 ? [earlier[0].name] : [])
        let periods = await offPool { () -> [String: String?] in
          guard let store = try? RoundStore.open(at: storePath(request.store) ?? "") else { return [:] }
          return Dictionary(names.map { ($0, (try? store.naming(round: $0))?.flatMap(\.period)) }) { a, _ in a }
        }
        naming.compared = ReportNaming.Round(name: compared.name, period: periods[compared.name] ?? nil)
        if earlier.count > 1, let first = earlier.first {
          naming.first = ReportNaming.Round(name: first.name, period: periods[first.name] ?? nil)
        }
        log.said(.followsUp(round: compared.name, first: naming.first?.name))
      }
    }
    analysis.naming = naming
    if let baseline = request.baseline {
      do {
        let (figures, round) = try Baseline.readWithRound(baseline)
        // The same round again is the same people: no follow-up, but a second publication.
        if round == identity {
          log.problem(.sameRoundBaseline(path: baseline, round: identity))
          return log.said(.noReportWritten)
        }
        let changes = FollowUp.changes(analysis, since: figures)
        followUp = changes
        groupChanges = FollowUp.groupChanges(analysis, changes)
      } catch let error as Baseline.ReadError {
        log.problem(.baseline(error.description.split(separator: "\n").map(String.init)))
        return log.said(.noReportWritten)
      } catch {
        log.problem(.input(Diagnostic(file: baseline, message: message(of: error, in: language))))
        return log.said(.noReportWritten)
      }
    }
    result.results = analysis
    var summaries = CSVSummaries(
      results: analysis, files: result.files, format: request.format, followUp: followUp,
      groupChanges: groupChanges, language: language)
    summaries.round = identity
    summaries.draft = request.draft
    let made = await publishedFiles(
      PublishedInput(
        request: request, survey: survey, analysis: analysis, summaries: summaries, followUp: followUp,
        groupChanges: groupChanges, earlier: earlier,
        heldBackSince: earlierPublications.isEmpty ? nil : earlierPublicationDates))
    let published: [(path: String, bytes: [UInt8])]
    switch made {
    case .success(let files): published = files
    case .failure(let error):
      log.problem(
        .written(Diagnostic(file: request.output + "/csv/kartlagg.xlsx", message: message(of: error, in: language))))
      return log.said(.noReportWritten)
    }
    // A stored round keeps no row: its working files are its accounting only (the rejected
    // rows and answer problems are in its import's working folder).
    let working = WorkingFiles(summaries, accountingOnly: request.round != nil, language: language)
    result.working = working
    let shown = analysis
    let prints = roundPrints
    let written = await offPool { () -> Result<String?, Error> in
      Result {
        try publish(
          request, analysis: shown, prints: prints, published: published, working: working,
          workingFolder: workingFolder, language: language)
      }
    }
    switch written {
    case .success(let date):
      result.recorded = date
      result.published = published.map(\.path)
      if let workingFolder { result.written += working.paths.map { workingFolder + "/" + $0 } }
      result.written += published.map { request.output + "/" + $0.path }
    case .failure(let error as ReportSet.Failure): return log.problem(.folder(error))
    case .failure(let failure as RoundStore.Failure): return log.problem(.publicationNotRecorded(failure))
    case .failure(let problem as RunProblem): return log.problem(problem)
    case .failure(let error):
      return log.problem(.written(Diagnostic(file: request.output, message: message(of: error, in: language))))
    }
    if let round = request.round, let date = result.recorded {
      log.said(.publicationRecorded(round: round, date: date))
    }
    log.said(
      .wrote(
        respondents: tally.respondentCount, files: result.files.filter(\.imported).count,
        written: result.written.count, output: request.output, working: workingFolder ?? ""))
    if request.draft { log.said(.draftNotRecorded) }
    result.heldBack = analysis.heldBack
    if !analysis.heldBack.isEmpty {
      log.said(
        .heldBack(
          scopes: analysis.heldBack.map { $0.name(in: survey) }.joined(separator: ", "),
          minimum: analysis.minimumGroupSize, since: earlierPublicationDates.joined(separator: ", ")))
    }
    log.said(.countyReport(request.output, draft: request.draft))
    if let workingFolder { log.said(.workingFiles(workingFolder)) }
    let rejectedCount = result.files.reduce(0) { $0 + $1.rejected }
    if rejectedCount > 0 {
      if let round = request.round, let store = storePath(request.store) {
        // A round imported before import kept its working files (store format 6) has none.
        let path = importWorkingFolder(store: store, round: round) + "/rejected.csv"
        log.said(
          .workspace(
            FileManager.default.fileExists(atPath: path)
              ? .rejectedAtImport(count: rejectedCount, round: round, path: path)
              : .rejectedAtImportNotKept(count: rejectedCount, round: round)))
      } else if request.round == nil, let workingFolder {
        log.said(.workspace(.rejectedRows(count: rejectedCount, path: workingFolder + "/rejected.csv")))
      }
    }
  }

  /// What the published files are made of.
  struct PublishedInput: Sendable {
    var request: ReportRequest
    var survey: Survey
    var analysis: GapResults
    var summaries: CSVSummaries
    var followUp: [Scope: [ItemChange]]?
    var groupChanges: [Scope: [GroupChange]]?
    var earlier: EarlierRounds?
    var heldBackSince: [String]?
  }

  /// The published files, relative to the report folder, each made off the cooperative
  /// pool: first the workbook's sheets, at once on every core (`ExcelSummaries.filled()`);
  /// then its compression, which takes longest, beside the CSV files, the pages and the
  /// survey's codebook and questionnaire. Every step only reads the finished results and
  /// tables. The pages, and what only they show of the earlier rounds (their lines, the
  /// items not compared), are made on the pages' side.
  static func publishedFiles(_ input: PublishedInput) async -> Result<
    [(path: String, bytes: [UInt8])], ExcelSummaries.Failure
  > {
    let tables = input.summaries.publishedTables()
    let excel = ExcelSummaries(summaries: input.summaries, title: input.survey.title, tables: tables)
    let book: FilledWorkbook
    switch await offPool({ Result { () throws(ExcelSummaries.Failure) in try excel.filled() } }) {
    case .success(let filled): book = filled
    case .failure(let failure): return .failure(failure)
    }
    async let workbook = offPool { Result { () throws(ExcelSummaries.Failure) in try book.bytes() } }
    async let documents = offPool {
      () -> (csv: [(name: String, bytes: [UInt8])], pages: [(path: String, bytes: [UInt8])]) in
      var pages = GapReports(
        results: input.analysis, files: input.summaries.files, language: input.summaries.language,
        followUp: input.followUp)
      pages.groupChanges = input.groupChanges
      pages.draft = input.request.draft
      pages.heldBackSince = input.heldBackSince
      if let round = input.request.round, let earlier = input.earlier {
        (pages.notCompared, pages.series) = Run.history(input.analysis, round: round, earlier: earlier)
        // The first mapping, which the plan's step 5 follows up against.
        if earlier.count > 1 { pages.changesSinceFirst = FollowUp.changes(input.analysis, since: earlier[0].figures) }
      }
      let survey: [(path: String, bytes: [UInt8])] = [
        ("codebook.html", Array(SurveyDocuments.codebook(for: input.survey).utf8)),
        ("questionnaire.html", Array(SurveyDocuments.questionnaire(for: input.survey).utf8)),
      ]
      return (input.summaries.published(tables), survey + pages.all().map { ($0.path, Array($0.text.utf8)) })
    }
    let (csv, pages) = await documents
    var published = csv.map { (path: "csv/" + $0.name, bytes: $0.bytes) }
    switch await workbook {
    case .success(let bytes): published.append(("csv/kartlagg.xlsx", bytes))
    case .failure(let error): return .failure(error)
    }
    return .success(published + pages)
  }

  /// Records a stored round's publication (not a draft's) and replaces both folders: the
  /// record is made before the sets are swapped in, and removed if that fails, so that a
  /// killed run leaves at most a record of more than was published, never a publication
  /// without its record. The record's date, when one was made. Blocking: run off the pool.
  static func publish(
    _ request: ReportRequest, analysis: GapResults, prints: RowPrints?, published: [(path: String, bytes: [UInt8])],
    working: WorkingFiles, workingFolder: String?, language: Language
  ) throws -> String? {
    var recorded: (store: RoundStore, id: Int64, date: String)?
    if let round = request.round, !request.draft {
      recorded = try recordPublication(analysis, prints: prints, round: round, store: request.store)
    }
    // Everything is made before anything is replaced; both folders are checked and both
    // new sets written before either is swapped in whole.
    var sets: [(set: ReportSet, files: [(path: String, bytes: [UInt8])])] = []
    var streamed: [String: [ReportSet.Streamed]] = [:]
    if let workingFolder {
      // The working folder is named after --out unless --work names it.
      let (set, files, rows) = working.set(workingFolder, option: request.working == .standard ? "--out" : "--work")
      sets.append((set, files))
      streamed[workingFolder] = rows
    }
    sets.append((ReportSet(path: request.output, owned: publishedNames, option: "--out"), published))
    do {
      try ReportSet.replace(sets, streamed: streamed, waiting: { request.waiting?($0, language) })
    } catch {
      if let recorded { try? recorded.store.removePublication(id: recorded.id) }
      throw error
    }
    return recorded?.date
  }

  /// Records what `analysis` shows as a publication of `round`: the store and the record's id.
  static func recordPublication(_ analysis: GapResults, prints: RowPrints?, round: String, store given: String?)
    throws -> (
      store: RoundStore, id: Int64, date: String
    )
  {
    guard let path = storePath(given) else { throw RunProblem.noStore }
    let store = try RoundStore.open(at: path)
    let survey = analysis.survey
    var respondents: [String: Int] = [:]
    for (scope, n) in analysis.respondents { respondents[scope.id(in: survey)] = n }
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    var record = RoundStore.PublicationRecord(
      date: formatter.string(from: Date()), minimumGroupSize: analysis.minimumGroupSize, respondents: respondents,
      shown: analysis.publication.encoded(), figures: RoundFigures(analysis).encoded())
    record.rowPrints = prints?.encoded()
    return (store, try store.recordPublication(record, round: round), record.date)
  }

  /// The follow-up of a round against the rounds before it (`earlierRounds`): the changes
  /// since the last of them, of items and of groups (the tables and the pages need them).
  static func changes(_ analysis: GapResults, earlier: EarlierRounds) -> (
    changes: [Scope: [ItemChange]], groupChanges: [Scope: [GroupChange]]
  ) {
    let previous = earlier.last!.figures
    let changes = FollowUp.changes(analysis, since: previous)
    return (changes, FollowUp.groupChanges(analysis, changes, since: previous))
  }

  /// What the pages add to the changes: the items the last earlier round does not compare,
  /// and every round's gaps.
  static func history(_ analysis: GapResults, round: String, earlier: EarlierRounds) -> (
    notCompared: FollowUp.NotCompared, series: FollowUp.Series
  ) {
    (
      FollowUp.notCompared(analysis, since: earlier.last!.figures),
      FollowUp.series(analysis, round: round, earlier: earlier)
    )
  }
}
