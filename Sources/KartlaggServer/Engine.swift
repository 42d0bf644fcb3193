import Foundation
import Ingest
import KartlaggRun
import RoundStore
import SourceDiagnostics
import SurveyModel

/// Where the engine's work runs: threads of its own (a concurrent dispatch queue), not the
/// cooperative pool that serves requests, so that a check or an import of a large file
/// never keeps a reader's page waiting.
final class EngineExecutor: TaskExecutor {
  static let shared = EngineExecutor()
  let queue = DispatchQueue(label: "kartlagg-server.engine", qos: .userInitiated, attributes: .concurrent)

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    let executor = asUnownedTaskExecutor()
    queue.async { job.runSynchronously(on: executor) }
  }
}

/// Runs `body` on the engine's threads.
func onEngineThreads<T: Sendable>(_ body: @Sendable () async -> T) async -> T {
  await withTaskExecutorPreference(EngineExecutor.shared) { await body() }
}

/// The server's one way into kartlagg's pipeline: check a file, import it into a round,
/// publish a round. Everything the server does with the engine goes through here, and all
/// of it is the run library `KartlaggRun` that `kartlagg` itself calls (`Run.validate`,
/// `Run.importFiles`, `Run.report`), with no working folder: the server writes no working
/// file; the rows the store never keeps are shown to their uploader at the check and kept
/// nowhere.
public struct Engine: Sendable {
  /// The workspace's survey definition and store.
  public let survey: String
  public let store: String

  public init(survey: String, store: String) {
    self.survey = survey
    self.store = store
  }

  /// The survey's language: what the pages and messages speak.
  public func language() -> Language {
    ((try? SurveyLoader.text(path: survey)).flatMap { try? SurveyLoader.load(yaml: $0, path: survey) })?.language
      ?? .fallback
  }

  /// The municipalities of the survey, by name (for accounts and the board).
  public func municipalities() -> [Municipality] {
    ((try? SurveyLoader.text(path: survey)).flatMap { try? SurveyLoader.load(yaml: $0, path: survey) })?.county
      .municipalities ?? []
  }

  /// What `kartlagg validate` finds in one file: its report (counts, problems at line and
  /// column, the rejected rows), or the lines that say why the survey itself failed.
  public struct Check: Sendable {
    public var report: FileReport?
    public var lines: [String]
  }

  /// Checks the file at `path` (named as it will be in the round); every respondent in
  /// `municipality` when one is given (`--municipality FILE=NAME`).
  public func check(file path: String, municipality: String?, language: Language) async -> Check {
    let name = (path as NSString).lastPathComponent
    var request = ValidateRequest(survey: survey, inputs: [path])
    request.exports = ExportOptions(municipalities: municipality.map { [name: $0] } ?? [:])
    request.language = language
    let result = await onEngineThreads { [request] in await Run.validate(request) }
    return Check(report: result.files.first, lines: result.problems.flatMap { $0.lines(result.language) })
  }

  /// What an import did with a file.
  public enum Imported: Sendable, Equatable {
    case added, replaced, unchanged
    /// The same content is in the round under another name: refused.
    case duplicate(of: String)
    /// Not imported: why, in the lines the import said.
    case failed([String])
  }

  /// Imports the file at `path` into `round` with the store's rules: the same name
  /// replaces, the same content is a no-op, the same content under another name is refused.
  public func importFile(_ path: String, round: String, municipality: String?, language: Language) async -> Imported {
    let name = (path as NSString).lastPathComponent
    var request = ImportRequest(survey: survey, round: round, inputs: [path])
    request.exports = ExportOptions(municipalities: municipality.map { [name: $0] } ?? [:])
    request.store = store
    request.language = language
    request.working = .none
    let result = await onEngineThreads { [request] in await Run.importFiles(request) }
    guard let imported = result.imported.first(where: { $0.name == name }) else {
      return .failed(result.problems.flatMap { $0.lines(result.language) })
    }
    switch imported.outcome {
    case .added: return .added
    case .replaced, .commentsKept: return .replaced
    case .unchanged: return .unchanged
    case .duplicate(let other): return .duplicate(of: other)
    }
  }

  /// Deletes one file from a round.
  public func delete(file: String, round: String) throws(RoundStore.Failure) -> Bool {
    try RoundStore.open(at: store).delete(round: round, file: file)
  }

  /// Publishes `round` into `folder` as `kartlagg report --round ROUND --out FOLDER` does:
  /// a recorded publication, protected with the round's earlier ones, the same report set
  /// byte for byte, with no working folder (the server keeps none). Nil when it was
  /// written; else the lines that say why not.
  public func publish(round: String, into folder: String, language: Language) async -> [String]? {
    var request = ReportRequest(survey: nil, inputs: [])
    request.round = round
    request.store = store
    request.output = folder
    request.working = .none
    request.language = language
    let result = await onEngineThreads { [request] in await Run.report(request) }
    return result.status == .success ? nil : result.problems.flatMap { $0.lines(result.language) }
  }

  /// A file's SHA-256 as the store records it (`Run.sha256(ofFile:)`); nil when it cannot be read.
  func sha256(ofFile path: String) -> String? { (try? Run.sha256(ofFile: path))?.0 }
}
