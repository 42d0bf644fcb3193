import Foundation
import Ingest
import KartlaggCLI
import RoundStore
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
/// read a round's files, publish a round. Everything the server does with the engine goes
/// through here, so that this adapter alone changes when the pipeline moves into a library
/// of its own (`KartlaggRun`, issue 24): today it calls the commands' library calls
/// (`Runs.validate`, `Runs.importRound`, `Runs.report`), the same ones `kartlagg` runs.
public struct Engine: Sendable {
  /// The workspace's survey definition and store.
  public let survey: String
  public let store: String

  public init(survey: String, store: String) {
    self.survey = survey
    self.store = store
  }

  /// The survey's language: what the pages and messages speak.
  public func language() -> String {
    ((try? SurveyLoader.text(path: survey)).flatMap { try? SurveyLoader.load(yaml: $0, path: survey) })?.language
      == "en" ? "en" : "sv"
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
  public func check(file path: String, municipality: String?, language: String) async -> Check {
    let name = (path as NSString).lastPathComponent
    let survey = survey
    let outcome = await onEngineThreads {
      await Runs.validate(
        survey: survey, inputs: [path], municipalities: municipality.map { [name: $0] } ?? [:], language: language)
    }
    return Check(report: outcome.files.first, lines: outcome.lines)
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
  public func importFile(_ path: String, round: String, municipality: String?, language: String) async -> Imported {
    let name = (path as NSString).lastPathComponent
    // What the store will do, decided from what it holds now, so that the outcome is the
    // store's own rule and not read back from printed words.
    let sha = sha256(ofFile: path)
    var before: RoundStore.FileRecord?
    if let store = try? RoundStore.open(at: store), let (_, files) = (try? store.round(round)) ?? nil {
      if let sha, let same = files.first(where: { $0.sha256 == sha }) {
        if same.name != name { return .duplicate(of: same.name) }
        return .unchanged
      }
      before = files.first { $0.name == name }
    }
    let (survey, store) = (survey, store)
    let outcome = await onEngineThreads {
      await Runs.importRound(
        survey: survey, round: round, inputs: [path], municipalities: municipality.map { [name: $0] } ?? [:],
        store: store, language: language)
    }
    // `import` writes the rows the store never keeps (rejected rows, answer problems,
    // verbatim) to the round's working folder; the server keeps none, and they were shown
    // to their uploader at the check.
    try? FileManager.default.removeItem(atPath: workingFolder(round: round))
    // `arbetsfiler/` itself, when nothing but the imports' lock files is left in it.
    let parent = (workingFolder(round: round) as NSString).deletingLastPathComponent
    if let left = try? FileManager.default.contentsOfDirectory(atPath: parent),
      left.allSatisfy({ $0.hasPrefix(".") && $0.hasSuffix(".kartlagg-lock") })
    {
      try? FileManager.default.removeItem(atPath: parent)
    }
    guard let store = try? RoundStore.open(at: store), let (_, files) = (try? store.round(round)) ?? nil,
      files.contains(where: { $0.name == name && $0.sha256 == sha })
    else { return .failed(outcome.lines) }
    return before == nil ? .added : .replaced
  }

  /// `kartlagg import`'s working folder for a round: `arbetsfiler/<round>/` beside the store
  /// (a `/` in the name, or a name of only dots, written as `%2F`, `%2E`).
  func workingFolder(round: String) -> String {
    var name = round.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "/", with: "%2F")
    if name.allSatisfy({ $0 == "." }) { name = name.replacingOccurrences(of: ".", with: "%2E") }
    return (store as NSString).deletingLastPathComponent + "/arbetsfiler/" + name
  }

  /// Deletes one file from a round.
  public func delete(file: String, round: String) throws(RoundStore.Failure) -> Bool {
    try RoundStore.open(at: store).delete(round: round, file: file)
  }

  /// Publishes `round` into `folder` as `kartlagg report --round ROUND --out FOLDER` does:
  /// a recorded publication, protected with the round's earlier ones, the same report set
  /// byte for byte. The report's working files (the accounting) go to a temporary folder
  /// that is removed: the server keeps none. Nil when it was written; else the lines that
  /// say why not.
  public func publish(round: String, into folder: String, language: String) async -> [String]? {
    let working = NSTemporaryDirectory() + "/kartlagg-publish-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: working) }
    var request = Runs.ReportRequest(survey: nil, inputs: [])
    request.round = round
    request.store = store
    request.output = folder
    request.working = working
    request.language = language
    let outcome = await onEngineThreads { [request] in await Runs.report(request) }
    return outcome.exitCode == 0 ? nil : outcome.lines
  }

  func sha256(ofFile path: String) -> String? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    var hash = RoundStore.SHA256Hasher()
    while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { hash.update([UInt8](chunk)) }
    return hash.finalize()
  }
}
