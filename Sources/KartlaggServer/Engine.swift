import Foundation
import Ingest
import KartlaggRun
import RoundStore
import SourceDiagnostics
import SurveyModel
import Synchronization

/// Where the engine's work runs: a fixed number of threads of its own, never the cooperative
/// pool whose few threads (one per core) serve every request, nor SwiftNIO's event loops.
/// Reading an upload's form (MultipartKit's parser) and checking, importing or publishing a
/// file all run here, so that however many uploads arrive at once, a page's request finds a
/// free thread at once; the engine's threads share the cores with it, and no page waits in a
/// queue behind an upload (an outside test saw a signed-out page wait 23 s behind six 5 MB
/// uploads that were parsed on the cooperative pool: Benchmarks/RESULTS-server.md).
///
/// `@unchecked Sendable`: `jobs` and `next` are read and written only with `condition` held
/// (a `Mutex` has no wait for a signal, which the threads need).
final class EngineExecutor: TaskExecutor, @unchecked Sendable {
  /// As many threads as cores, at least two: the engine may use every core, and the pages'
  /// threads get their share of them from the kernel.
  static let shared = EngineExecutor(
    threads: max(2, ProcessInfo.processInfo.activeProcessorCount), name: "kartlagg-engine", niceness: 10)
  /// bcrypt's password checks (a quarter of a second of a core each at cost 12), two at a
  /// time, below the requests too: a burst of logins neither holds the threads that serve
  /// pages nor takes the cores from them.
  static let passwords = EngineExecutor(threads: 2, name: "kartlagg-password", niceness: 10)

  private let condition = NSCondition()
  private var jobs: [UnownedJob] = []
  private var next = 0

  /// `niceness`: how much the threads' niceness is above the requests' (0 unless the server
  /// is started with `nice`). Where both want a core, the kernel gives the request's thread
  /// about ten times the engine's share (Linux's weights for nice 0 and 10), so a page is
  /// answered at once while a check or an import runs, and they take the rest. The threads
  /// that the engine's work starts (the analysis on every core, `concurrentMap`; the
  /// report's writers) inherit it.
  init(threads: Int, name: String, niceness: Int32) {
    for index in 0..<threads {
      let thread = Thread { [self] in
        Self.lowerPriority(by: niceness)
        work()
      }
      thread.name = "\(name)-\(index)"
      thread.stackSize = 8 << 20
      thread.start()
    }
  }

  /// Raises this thread's niceness by `niceness` over the one it started with (the
  /// process's: 0, or more when the server is started with `nice`), at most 19. On Linux
  /// niceness is a thread's, and `who` 0 is the calling thread (setpriority(2), "Bugs");
  /// elsewhere nothing is changed. An unprivileged process may raise it, never lower it again.
  static func lowerPriority(by niceness: Int32) {
    #if os(Linux)
      let which = __priority_which_t(PRIO_PROCESS.rawValue)
      // -1 is a niceness too: errno tells a failure apart.
      errno = 0
      let own = getpriority(which, 0)
      guard errno == 0 else { return }
      _ = setpriority(which, 0, min(19, own + niceness))
    #endif
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    condition.lock()
    jobs.append(job)
    condition.signal()
    condition.unlock()
  }

  private func work() {
    let executor = asUnownedTaskExecutor()
    while true {
      condition.lock()
      while next == jobs.count { condition.wait() }
      let job = jobs[next]
      next += 1
      if next == jobs.count || next > 1024 {
        jobs.removeFirst(next)
        next = 0
      }
      condition.unlock()
      job.runSynchronously(on: executor)
    }
  }
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
