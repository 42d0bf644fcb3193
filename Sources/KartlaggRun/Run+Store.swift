import Foundation
import GapAnalysis
import Ingest
import Reporting
import RoundStore
import SourceDiagnostics
import SurveyModel

/// A result of the store's own commands (`rounds`, `delete`, `delete --comments`, a round's
/// definition, its period and invited counts): a value, or the problem.
public struct StoreResult<Value: Sendable>: RunResult {
  public var language: Language
  public var messages: [RunMessage] = []
  public var status = RunStatus.success
  /// The value; nil when there was a problem.
  public var value: Value?
  public var files: [FileReport] { [] }

  init(language: Language) { self.language = language }
}

/// A round of the store, as `rounds` lists it.
public struct StoredRound: Sendable {
  /// The round's name (`--round`).
  public var name: String
  /// The definition the round was imported with (its survey id, text and hash).
  public var definition: RoundStore.Definition
  /// Its files, each with its provenance and accounting (and its tally's bytes).
  public var files: [RoundStore.FileRecord]
  /// The round's own period and invited counts, when it has them.
  public var naming: RoundStore.RoundNaming?
  /// Its respondents: every file's accepted rows.
  public var respondents: Int { files.reduce(0) { $0 + $1.accepted } }
}

/// A change of a round's own period and invited counts (`Run.setNaming`).
public struct NamingRequest: Sendable {
  /// The round to change.
  public var round: String
  /// The round's own period, as its reports print it.
  public var period: String?
  /// A CSV of invited counts (columns kommun, optionally a dimension's, and inbjudna).
  public var invited: String?
  /// The store; nil: the workspace's.
  public var store: String?
  /// The language of the messages: the store's commands have no survey, so Swedish (the
  /// county survey's, `Language.fallback`) unless asked.
  public var language = Language.fallback

  public init(round: String, period: String?, invited: String?) {
    self.round = round
    self.period = period
    self.invited = invited
  }
}

extension Run {
  /// The store given, or the workspace's (the current directory or a parent).
  public static func storePath(_ given: String?) -> String? {
    given ?? RoundStore.find(from: FileManager.default.currentDirectoryPath)
  }

  /// The store opened, or the problem.
  static func openStore(_ given: String?) -> Result<RoundStore, RunProblem> {
    guard let path = storePath(given) else { return .failure(.noStore) }
    do {
      return .success(try RoundStore.open(at: path))
    } catch {
      return .failure(.store(error))
    }
  }

  /// Runs `body` with the store opened, off the cooperative pool (SQLite blocks); a
  /// problem it throws, or the store's failure, ends the result.
  static func withStore<Value: Sendable>(
    _ given: String?, language: Language, _ body: @escaping @Sendable (RoundStore, inout Log) throws -> Value?
  ) async -> StoreResult<Value> {
    let (value, log) = await offPool { () -> (Value?, Log) in
      var log = Log()
      switch openStore(given) {
      case .failure(let problem):
        log.problem(problem)
        return (nil, log)
      case .success(let store):
        do {
          return (try body(store, &log), log)
        } catch let problem as RunProblem {
          log.problem(problem)
        } catch let failure as RoundStore.Failure {
          log.problem(.store(failure))
        } catch {
          log.problem(.input(Diagnostic(file: "", message: message(of: error, in: language))))
        }
        return (nil, log)
      }
    }
    var result = StoreResult<Value>(language: language)
    result.messages = log.messages
    result.status = log.status
    result.value = log.status == .success ? value : nil
    return result
  }

  /// Every round of the store, in name order, with its files and provenance. A damaged row
  /// is the problem, and no round is listed.
  public static func rounds(store given: String? = nil, language: Language = .fallback) async -> StoreResult<
    [StoredRound]
  > {
    await withStore(given, language: language) { store, _ in
      try store.roundNames().compactMap { name in
        guard let (definition, files) = try store.round(name) else { return nil }
        return StoredRound(name: name, definition: definition, files: files, naming: try store.naming(round: name))
      }
    }
  }

  /// Deletes a round, or one file's data from it; false with the problem when there is no
  /// such round or file.
  public static func delete(round: String, file: String?, store given: String? = nil, language: Language = .fallback)
    async
    -> StoreResult<Bool>
  {
    await withStore(given, language: language) { store, log in
      // A published round deleted whole takes its publications' prints along: a later
      // round can no longer be compared with what it published. Said, not refused.
      let published =
        file == nil ? (try? store.publications(round: round))?.last.map { String($0.date.prefix(10)) } : nil
      guard try store.delete(round: round, file: file) else {
        throw file.map { RunProblem.noSuchFile(file: $0, round: round) } ?? .noSuchRound(round)
      }
      log.said(file.map { .deletedFile(file: $0, round: round) } ?? .deletedRound(round))
      if let published { log.said(.deletedPublishedRound(round: round, published: published)) }
      return true
    }
  }

  /// Every kept comment, or one round's, out of the store and out of its file: how many.
  public static func deleteComments(round: String?, store given: String? = nil, language: Language = .fallback) async
    -> StoreResult<Int>
  {
    await withStore(given, language: language) { store, log in
      if let round, try store.round(round) == nil { throw RunProblem.noSuchRound(round) }
      let deleted = try store.deleteComments(round: round)
      log.said(.commentsDeleted(count: deleted, round: round))
      return deleted
    }
  }

  /// The definition a stored round was imported with.
  public static func definition(round: String, store given: String? = nil, language: Language = .fallback) async
    -> StoreResult<RoundStore.Definition>
  {
    await withStore(given, language: language) { store, _ in
      guard let (definition, _) = try store.round(round) else {
        throw RunProblem.noRound(round: round, rounds: try store.roundNames())
      }
      return definition
    }
  }

  /// Sets a round's own period and invited counts without importing; the invited file is
  /// read against the round's stored definition. The round's naming as it now is.
  public static func setNaming(_ request: NamingRequest) async -> StoreResult<RoundStore.RoundNaming?> {
    await withStore(request.store, language: request.language) { store, log in
      guard let (definition, _) = try store.round(request.round) else { throw RunProblem.noSuchRound(request.round) }
      var change = RoundStore.NamingChange(period: request.period)
      if let invited = request.invited {
        guard let survey = try? SurveyLoader.load(yaml: definition.text) else {
          throw RunProblem.storedDefinitionUnreadable(round: request.round)
        }
        change.invited = try readInvited(invited, survey: survey, round: request.round, language: request.language)
      }
      _ = try store.rename(round: request.round, change)
      let naming = try store.naming(round: request.round)
      log.said(.roundNamed(round: request.round, period: naming?.period, invited: naming?.invited?.count))
      return .some(naming)
    }
  }

  /// The workspace's working folder for a round's imports: `arbetsfiler/<round>/` beside
  /// the store (a `/` in the name, or a name of only dots, written as `%2F`, `%2E`).
  public static func importWorkingFolder(store: String, round: String) -> String {
    var name = round.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "/", with: "%2F")
    if name.allSatisfy({ $0 == "." }) { name = name.replacingOccurrences(of: ".", with: "%2E") }
    return (store as NSString).deletingLastPathComponent.isEmpty
      ? "arbetsfiler/" + name : (store as NSString).deletingLastPathComponent + "/arbetsfiler/" + name
  }

  /// The figures of every round before `round` (rounds in name order), oldest first, each
  /// as it was published (`RoundStore.publishedFigures`). Never at this report's
  /// `--min-group`: a group hidden in that round stays hidden. Nil when there is no
  /// earlier round, or one cannot be read. A store that is refused, or a damaged row, is
  /// the failure.
  static func earlierRounds(round: String, store given: String?) -> Result<EarlierRounds?, RoundStore.Failure> {
    Result { () throws(RoundStore.Failure) -> EarlierRounds? in
      guard let path = storePath(given) else { return nil }
      let store = try RoundStore.open(at: path)
      let names = try store.roundNames()
      guard let i = names.firstIndex(of: round), i > 0 else { return nil }
      var earlier: EarlierRounds = []
      for name in names[..<i] {
        guard let figures = try store.publishedFigures(round: name) else { return nil }
        earlier.append((name, figures))
      }
      return earlier
    }
  }

  typealias EarlierRounds = [(name: String, figures: RoundFigures)]

  /// SHA-256 of a file, read in pieces, and its size: what the store records of a file.
  public static func sha256(ofFile path: String) throws -> (String, Int) {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw RunProblem.cannotOpen(path: path)
    }
    defer { try? handle.close() }
    var hash = RoundStore.SHA256Hasher()
    var size = 0
    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
      hash.update([UInt8](chunk))
      size += chunk.count
    }
    return (hash.finalize(), size)
  }

  /// The identity of what a stored definition's figures depend on, from its text (for a
  /// round stored before store format 6); nil when the text no longer loads.
  static func figureIdentity(ofStored text: String) -> String? {
    (try? SurveyLoader.load(yaml: text))?.figureIdentity
  }
}
