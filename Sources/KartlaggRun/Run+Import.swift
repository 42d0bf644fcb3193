import Foundation
import GapAnalysis
import Ingest
import LibCSV
import Reporting
import RoundStore
import SourceDiagnostics
import SurveyModel

/// What `Run.importFiles` is asked to add to a round of the store.
public struct ImportRequest: Sendable {
  /// The survey definition's path.
  public var survey: String
  /// The round the files are added to (not blank, no control characters).
  public var round: String
  /// Export files, or directories of them.
  public var inputs: [String]
  /// `--municipality` and `--sheet` (an import is never strict: its rejected rows are kept
  /// in its working files).
  public var exports = ExportOptions()
  /// The store; nil: the workspace's (`kartlagg.sqlite` here or above).
  public var store: String?
  /// The language of the messages; nil: the survey's.
  public var language: Language?
  /// Keep the free-text answers too, in the store's comment table.
  public var keepComments = false
  /// The round's own period and invited counts (a CSV), set in the import's transaction.
  public var period: String?
  public var invited: String?
  /// Where the import's working files go: `.standard` is `arbetsfiler/<round>/` beside the
  /// store; `.none` writes none (the result holds them).
  public var working = WorkingPlace.standard
  /// Progress of the files being read.
  public var progress: RunProgress?

  public init(survey: String, round: String, inputs: [String]) {
    self.survey = survey
    self.round = round
    self.inputs = inputs
  }
}

/// What an import did with one file.
public struct ImportedFile: Sendable {
  /// The file's name in the round.
  public var name: String
  /// Added, replaced, unchanged, comments kept, or refused as a duplicate of another file.
  public var outcome: RoundStore.Outcome
}

/// The working files of a run, as values: the accounting and answer problems in memory,
/// the rejected rows written as a stream (a file may hold millions of them).
public struct WorkingFiles: Sendable {
  let summaries: CSVSummaries
  /// The files held in memory (`accounting.csv`, `problems.csv`, `LASMIG.txt`), in order.
  public let files: [(path: String, bytes: [UInt8])]
  /// Whether `rejected.csv` is one of them.
  public let hasRejected: Bool

  init(_ summaries: CSVSummaries, accountingOnly: Bool = false, language: Language) {
    self.summaries = summaries
    var files = summaries.workingInMemory().map { (path: $0.name, bytes: $0.bytes) }
      .filter { !accountingOnly || $0.path == "accounting.csv" }
    files.append(("LASMIG.txt", Array(workingReadme(language).utf8)))
    self.files = files
    hasRejected = !accountingOnly
  }

  /// Writes `rejected.csv`, a piece at a time.
  public func writeRejected(_ piece: ([UInt8]) throws -> Void) throws { try summaries.writeRejected(piece) }

  /// Every file's name, in the order written: the first in-memory one, the rejected rows,
  /// the others.
  public var paths: [String] {
    files.prefix(1).map(\.path) + (hasRejected ? ["rejected.csv"] : []) + files.dropFirst().map(\.path)
  }

  /// Replaces `folder` with these files, whole or not at all (`ReportSet`).
  func set(_ folder: String, option: String) -> (ReportSet, [(path: String, bytes: [UInt8])], [ReportSet.Streamed]) {
    (
      ReportSet(path: folder, owned: Run.workingNames, option: option), files,
      hasRejected ? [("rejected.csv", { try summaries.writeRejected($0) })] : []
    )
  }
}

/// What `Run.importFiles` did.
public struct ImportResult: RunResult {
  public var language = Language.fallback
  public var messages: [RunMessage] = []
  public var status = RunStatus.success
  /// The survey, when it loaded.
  public var survey: Survey?
  /// Per file read its accounting (rejected rows and answer problems included).
  public var files: [FileReport] = []
  /// Per imported file what the store did with it.
  public var imported: [ImportedFile] = []
  /// The working files, whether written or not.
  public var working: WorkingFiles?
  /// The folder they were written to; nil when they were not.
  public var workingFolder: String?
  /// Every file written, with its path.
  public var written: [String] = []
}

extension Run {
  /// Reads the files as `report` does and adds each one's tally and provenance to the
  /// round, in one transaction, with the round's figures for later rounds' follow-up.
  /// The working files (the rows the store never keeps) are written only where
  /// `request.working` says.
  public static func importFiles(_ request: ImportRequest) async -> ImportResult {
    var result = ImportResult()
    var log = Log()
    result.language = request.language ?? .fallback
    await importSteps(request, &result, &log)
    (result.messages, result.status) = (log.messages, log.status)
    return result
  }

  /// The import's steps, in order; a problem ends them.
  private static func importSteps(_ request: ImportRequest, _ result: inout ImportResult, _ log: inout Log) async {
    guard let (survey, text) = await loadSurvey(request.survey, language: request.language, into: &log) else {
      return
    }
    let language = language(request.language, survey)
    let round = request.round
    result.language = language
    result.survey = survey
    if let problem = RoundStore.problem(roundName: round) {
      log.problem(.badRoundName(name: round, reason: problem))
      return
    }
    // The round's own invited counts are read before anything is: a bad file changes nothing.
    var naming = RoundStore.NamingChange(period: request.period)
    if let invited = request.invited {
      do {
        naming.invited = try readInvited(invited, survey: survey, round: round, language: language)
      } catch {
        log.problem(error)
        return
      }
    }
    let store: RoundStore
    switch openStore(request.store) {
    case .success(let opened): store = opened
    case .failure(let problem):
      log.problem(problem)
      return
    }
    let layout = TallyLayout(survey: survey)
    let change = naming
    let files: [String]
    let results: [FileResult<Tally>]
    do {
      files = try expand(request.inputs)
      results = try await tallies(
        files, survey: survey, layout: layout,
        options: request.exports.ingestOptions(language: language, progress: request.progress),
        keepTexts: request.keepComments, keepPrints: true)
    } catch {
      log.problem(.input(Diagnostic(file: "", message: message(of: error, in: language))))
      return
    }
    result.files = results.map(\.report)
    log.messages.append(.accounting)
    let reports = result.files
    let stored = await offPool { () -> Result<([RoundStore.FileRecord], [RoundStore.Outcome]), Error> in
      Result {
        let records = try Self.records(files: files, results: results, layout: layout)
        // The round's figures for later rounds' follow-up, made in the import's transaction.
        let outcomes = try store.importFiles(
          records, round: round,
          definition: RoundStore.Definition(surveyID: survey.id, text: text, identity: survey.figureIdentity),
          naming: change, identify: figureIdentity(ofStored:)
        ) { tallies in
          guard let figures = RoundStore.roundFigures(tallies, survey: survey) else {
            throw RoundStore.Failure(.figuresDoNotFit(round: round), path: store.path)
          }
          return (figures.minimumGroupSize, figures.encoded())
        }
        return (records, outcomes)
      }
    }
    let records: [RoundStore.FileRecord]
    let outcomes: [RoundStore.Outcome]
    switch stored {
    case .success(let done): (records, outcomes) = done
    case .failure(let failure as RoundStore.Failure):
      log.problem(.store(failure))
      return
    case .failure(let problem as RunProblem):
      log.problem(problem)
      return
    case .failure(let error):
      log.problem(.input(Diagnostic(file: "", message: message(of: error, in: language))))
      return
    }
    result.imported = zip(records, outcomes).map { ImportedFile(name: $0.name, outcome: $1) }
    // What the import did with each file comes last, after where its working files are.
    var said: [Said] = result.imported.map { .imported(file: $0.name, round: round, outcome: $0.outcome) }
    if request.keepComments {
      let kept = zip(records, outcomes).filter { [.added, .replaced, .commentsKept].contains($0.1) }
        .reduce(0) { $0 + $1.0.comments.count }
      said.append(.commentsKept(kept))
    }
    // The rows the store does not keep (rejected rows, answer problems, verbatim) and the
    // accounting, replaced whole in the round's working folder when there is one.
    let analysis = await offPool { Analysis.run(Tally.merged(results.compactMap(\.consumer), layout: layout)) }
    let working = WorkingFiles(
      CSVSummaries(results: analysis, files: reports, language: language), language: language)
    result.working = working
    let folder: String? =
      switch request.working {
      case .none: nil
      case .standard: importWorkingFolder(store: store.path, round: round)
      case .folder(let path): path
      }
    if let folder {
      let replaced = await offPool { () -> Result<Void, Error> in
        Result {
          let (set, files, streamed) = working.set(folder, option: "--store")
          try ReportSet.replace([(set, files)], streamed: [folder: streamed], waiting: { _ in })
        }
      }
      switch replaced {
      case .success:
        result.workingFolder = folder
        result.written = working.paths.map { folder + "/" + $0 }
        let rejected = reports.reduce(0) { $0 + $1.rejected }
        if rejected > 0 { log.said(.workspace(.rejectedByImport(count: rejected, path: folder + "/rejected.csv"))) }
        log.said(.workingFiles(folder))
      case .failure(let error):
        for line in said { log.said(line) }
        log.problem(
          (error as? ReportSet.Failure).map { .folder($0) }
            ?? .input(Diagnostic(file: "", message: message(of: error, in: language))))
        return
      }
    }
    for line in said { log.said(line) }
    if outcomes.contains(where: { if case .duplicate = $0 { true } else { false } }) {
      log.status = .dataError
    } else {
      log.status = status(reports, strict: false)
    }
  }

  /// Each imported file's record for the store: its provenance, accounting and tally, and
  /// its free text when the tally kept it.
  static func records(files: [String], results: [FileResult<Tally>], layout: TallyLayout) throws
    -> [RoundStore.FileRecord]
  {
    var records: [RoundStore.FileRecord] = []
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    let importDate = formatter.string(from: Date())
    for (path, result) in zip(files, results) where result.report.imported {
      let (hash, size) = try sha256(ofFile: path)
      let report = result.report
      let tally = result.consumer ?? Tally(layout: layout)
      // Free text only when asked, kept apart from the tally (which never holds it).
      let comments = tally.keptTexts.map {
        RoundStore.Comment(
          municipality: $0.key.municipality, section: $0.key.section, item: $0.key.item, text: $0.text)
      }
      var record = RoundStore.FileRecord(
        name: (path as NSString).lastPathComponent, sha256: hash, size: size,
        encoding: report.dialect.map { "\($0.encoding.encoding)" },
        delimiter: report.dialect.map { "\($0.delimiter.character)" }, headerLines: report.headerLines,
        read: report.read, accepted: report.accepted, rejected: report.rejected, problems: report.problemCount,
        municipality: report.municipalityFromFile.map { "\($0.municipality) (\($0.source.rawValue))" },
        rejectedReasons: report.rejectedReasons, acceptedPerMunicipality: report.acceptedPerMunicipality,
        tally: tally.encoded(), comments: comments)
      record.importedAt = importDate
      record.unknownGroup = report.unknownGroup
      record.rowPrints = tally.printsDropped ? nil : RowPrints(tally).encoded()
      records.append(record)
    }
    return records
  }
}
