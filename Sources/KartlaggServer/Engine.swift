import Foundation
import Ingest
import KartlaggRun
import RoundStore
import SourceDiagnostics
import SurveyModel
import Synchronization

/// The server's engine threads: its checks, imports and publications, and bcrypt's
/// password checks (`EngineExecutor`, in the run library).
extension EngineExecutor {
  /// As many threads as cores, at least two: the engine may use every core, and the pages'
  /// threads get their share of them from the kernel.
  static let shared = EngineExecutor(
    threads: max(2, ProcessInfo.processInfo.activeProcessorCount), name: "engine", niceness: 10)
  /// bcrypt's password checks (a quarter of a second of a core each at cost 12), two at a
  /// time, below the requests too: a burst of logins neither holds the threads that serve
  /// pages nor takes the cores from them.
  static let passwords = EngineExecutor(threads: 2, name: "password", niceness: 10)
}

/// Runs `body` on the engine's threads.
func onEngineThreads<T: Sendable>(_ body: @Sendable () async -> T) async -> T {
  await withTaskExecutorPreference(EngineExecutor.shared) { await body() }
}

/// At most `limit` bodies at once; the others wait their turn, first come first served. It
/// bounds the checks that run at once, and so the memory they hold (each keeps its file's
/// rejected rows until its page is made).
final class WorkGate: Sendable {
  let limit: Int
  private struct State {
    var running = 0
    var highest = 0
    var waiting: [CheckedContinuation<Void, Never>] = []
  }
  private let state = Mutex(State())

  init(limit: Int) { self.limit = max(1, limit) }

  /// The most bodies that ran at once so far.
  var peak: Int { state.withLock { $0.highest } }

  func run<T: Sendable>(_ body: @Sendable () async -> T) async -> T {
    await withCheckedContinuation { (turn: CheckedContinuation<Void, Never>) in
      let limit = limit
      let now = state.withLock { state -> Bool in
        guard state.running < limit else {
          state.waiting.append(turn)
          return false
        }
        state.running += 1
        state.highest = max(state.highest, state.running)
        return true
      }
      if now { turn.resume() }
    }
    let result = await body()
    done()
    return result
  }

  private func done() {
    // The turn passes to the first waiting body; `running` stays as it is.
    let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
      if state.waiting.isEmpty {
        state.running -= 1
        return nil
      }
      return state.waiting.removeFirst()
    }
    next?.resume()
  }
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
  /// The checks that run at once (`--checks`); the others wait their turn.
  let checks: WorkGate

  public init(survey: String, store: String, checks: Int = ServerConfiguration.defaultChecks) {
    self.survey = survey
    self.store = store
    self.checks = WorkGate(limit: checks)
  }

  /// The survey's language: what the pages and messages speak.
  public func language() -> Language {
    Run.survey(at: survey)?.language ?? .fallback
  }

  /// The county's own name (county-wide respondents), nil when the survey cannot be read.
  public func countyName() -> String? {
    Run.survey(at: survey)?.county.countyWide.name
  }

  /// The municipalities of the survey, by name (for accounts and the board).
  public func municipalities() -> [Municipality] {
    Run.survey(at: survey)?.county.municipalities ?? []
  }

  /// What `kartlagg validate` finds in one file: its report (counts, problems at line and
  /// column, the rejected rows), or the lines that say why the survey itself failed.
  public struct Check: Sendable {
    public var report: FileReport?
    public var lines: [String]
    /// The file's SHA-256 as the store records it; nil when it cannot be read.
    public var sha256: String?
  }

  /// Checks the file at `path` (named as it will be in the round); every respondent in
  /// `municipality` when one is given (`--municipality FILE=NAME`); a row of a municipality
  /// not in `only` rejected, when given (an organisation's uploader). It runs on the engine's
  /// threads when its turn comes: at most `--checks` at once.
  public func check(file path: String, municipality: String?, only: [String]? = nil, language: Language) async
    -> Check
  {
    let name = (path as NSString).lastPathComponent
    var request = ValidateRequest(survey: survey, inputs: [path])
    request.exports = ExportOptions(municipalities: municipality.map { [name: $0] } ?? [:])
    request.exports.allowedMunicipalities = only.map { [name: $0] } ?? [:]
    request.language = language
    return await checks.run { [request] in
      await onEngineThreads { [request] in
        let result = await Run.validate(request)
        return Check(
          report: result.files.first, lines: result.problems.flatMap { $0.lines(result.language) },
          sha256: (try? Run.sha256(ofFile: path))?.0)
      }
    }
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
  /// A row of a municipality not in `only` is rejected, as at the check.
  public func importFile(
    _ path: String, round: String, municipality: String?, only: [String]? = nil, language: Language
  ) async -> Imported {
    let name = (path as NSString).lastPathComponent
    var request = ImportRequest(survey: survey, round: round, inputs: [path])
    request.exports = ExportOptions(municipalities: municipality.map { [name: $0] } ?? [:])
    request.exports.allowedMunicipalities = only.map { [name: $0] } ?? [:]
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
}
