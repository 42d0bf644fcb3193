import Foundation
import Hummingbird
import HummingbirdCore
import Reporting
import RoundStore
import SourceDiagnostics

#if canImport(Glibc)
  import Glibc
#endif

/// How a server runs (`kartlagg-server --help`, docs/server.md).
public struct ServerConfiguration: Sendable {
  /// A workspace made by `kartlagg init`: its store and its survey definition.
  public var workspace: String
  public var host = "127.0.0.1"
  public var port = 8080
  /// Loopback only, one coordinator, no login.
  public var local = false
  /// The largest upload accepted, in bytes.
  public var maximumUpload = 50 << 20
  /// How many uploads are checked at once (`--checks`); the others wait their turn.
  public var checks = ServerConfiguration.defaultChecks
  /// One check per core, at least one.
  public static var defaultChecks: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
  /// The reverse proxy whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed; no
  /// other client's are.
  public var trustedProxy: String?
  /// How long a session lasts from login.
  public var sessionLifetime: TimeInterval = 8 * 3600
  /// How long checked bytes wait for their import.
  public var uploadLifetime: TimeInterval = 3600
  /// How long an audit entry of no round (a sign-in, a sign-out, an account change) is
  /// kept (`--audit-days`, a year by default); an entry of a round is kept as long as the
  /// round.
  public var auditLifetime: TimeInterval = 365 * 24 * 3600
  /// How long an invitation link is valid.
  public var invitationLifetime: TimeInterval = 7 * 24 * 3600
  public var throttle = (account: LoginThrottle.Policy.account, address: LoginThrottle.Policy.address)
  /// A connection that sends nothing for this long while a request is being read (or
  /// between requests) is closed: thousands of half-sent requests held connections open
  /// for minutes before (docs/server.md, "Limits").
  public var idleTimeout: Duration = .seconds(30)
  /// The most logins whose password waits for its check (bcrypt, on two threads) or is
  /// being checked; one more is answered at once, 503, instead of waiting behind them.
  public var passwordChecksWaiting = 32
  /// An organisation's checked uploads waiting for their import in a round: at most this
  /// many files, and this many bytes in all; the next upload is refused (429) until one is
  /// imported or deleted, or expires.
  public var waitingFiles = 10
  public var waitingBytes = 100 << 20

  public init(workspace: String) {
    self.workspace = workspace
  }

  /// The workspace's store.
  public var storePath: String { workspace + "/" + RoundStore.fileName }

  /// The workspace's survey definition: the one `.yaml` file in `Surveys/`, else the county's.
  public var surveyPath: String {
    let folder = workspace + "/Surveys"
    let yaml = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter {
      $0.hasSuffix(".yaml") || $0.hasSuffix(".yml")
    }.sorted()
    return folder + "/" + (yaml.count == 1 ? yaml[0] : "kalmar-primarvard.yaml")
  }

  /// Where published report sets are served from.
  public var publishedFolder: String { workspace + "/publicerat" }
}

/// What a server refuses to start with, said in words.
public struct ServerStartError: Error, CustomStringConvertible {
  public var description: String
}

/// The store through two SQLite connections (each a GRDB `DatabaseQueue`, which serialises
/// its users), shared by every request: one for the server's writes, which may wait while an
/// import holds the store's write lock, and one for the reads every page makes (its session,
/// the published rounds), which need not wait behind them.
final class SharedStore: Sendable {
  let store: RoundStore
  let reader: RoundStore
  init(_ store: RoundStore, reader: RoundStore) {
    self.store = store
    self.reader = reader
  }
}

/// kartlagg-server: one workspace, its store, its engine and its private upload folder.
public final class KartlaggServer: Sendable {
  public let configuration: ServerConfiguration
  let shared: SharedStore
  let engine: Engine
  let throttle: LoginThrottle
  /// The cost of each password hash the logins checked (`Secrets.verifyAside`).
  public let passwordChecks = PasswordChecks()
  let imports = ImportQueue()
  /// The sessions, published rounds and published files every page reads.
  let caches = ReadCaches()
  /// The private temporary folder (mode 700) where uploads wait between check and import.
  public let uploadFolder: String
  let language: Language
  /// In `--local` mode, the one session's CSRF token (there is no login).
  let localCSRF = Secrets.token()

  var store: RoundStore { shared.store }
  /// The connection for the reads of every page.
  var reading: RoundStore { shared.reader }

  public init(_ configuration: ServerConfiguration) throws {
    // Said in the survey's language, else Swedish, like the pages.
    let said = CommandSay.language(workspace: configuration.workspace)
    if configuration.local && !Self.isLoopback(configuration.host) {
      throw ServerStartError(description: CommandSay.localNotLoopback(configuration.host).text(said))
    }
    self.configuration = configuration
    do {
      shared = SharedStore(
        try RoundStore.open(at: configuration.storePath), reader: try RoundStore.open(at: configuration.storePath))
    } catch {
      throw ServerStartError(description: CommandSay.notAWorkspace(error.text(said)).text(said))
    }
    guard FileManager.default.fileExists(atPath: configuration.surveyPath) else {
      throw ServerStartError(description: CommandSay.noSurvey(configuration.surveyPath).text(said))
    }
    engine = Engine(survey: configuration.surveyPath, store: configuration.storePath, checks: configuration.checks)
    language = engine.language()
    throttle = LoginThrottle(account: configuration.throttle.account, address: configuration.throttle.address)
    var template = Array((NSTemporaryDirectory() + "/kartlagg-server-XXXXXX").utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ $0.baseAddress.flatMap { mkdtemp($0) } }) else {
      throw ServerStartError(description: CommandSay.noTemporaryFolder(String(cString: strerror(errno))).text(said))
    }
    uploadFolder = String(cString: made)
    // Uploads of an earlier run lost their bytes with its temporary folder.
    _ = try? shared.store.removeUploads(before: nil)
    pruneAudit()
  }

  deinit {
    try? FileManager.default.removeItem(atPath: uploadFolder)
  }

  static func isLoopback(_ host: String) -> Bool {
    host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
  }

  /// The application, for `run` and for tests.
  public func application() -> some ApplicationProtocol {
    let idle = configuration.idleTimeout.components
    let app = Application(
      router: router(),
      server: .http1(
        configuration: HTTP1Channel.Configuration(
          idleTimeout: .nanoseconds(idle.seconds * 1_000_000_000 + idle.attoseconds / 1_000_000_000))),
      configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil))
    return app
  }

  /// Serves until stopped, deleting expired uploads and audit entries every minute. Stopped
  /// by SIGTERM or SIGINT (Hummingbird's graceful shutdown), it removes its uploads'
  /// temporary folder on the way out: `deinit` does not run when the process ends, and an
  /// outside test found the uploads' bytes left in /tmp after `kill -TERM`.
  public func run() async throws {
    defer { try? FileManager.default.removeItem(atPath: uploadFolder) }
    let expiry = Task {
      while !Task.isCancelled {
        try? await Task.sleep(for: .seconds(60))
        expireUploads()
        pruneAudit()
      }
    }
    defer { expiry.cancel() }
    try await application().runService()
  }

  /// Deletes the uploads older than their lifetime, bytes and record.
  public func expireUploads() {
    let ids = (try? store.removeUploads(before: Date().addingTimeInterval(-configuration.uploadLifetime))) ?? []
    for id in ids { removeUploadBytes(id) }
  }

  /// The account that sent `upload` (whose municipality and municipalities its import keeps
  /// to, whoever imports it); `otherwise` when that account is gone.
  func uploader(of upload: RoundStore.Upload, otherwise: RoundStore.Account) -> RoundStore.Account {
    ((try? store.accounts()) ?? []).first { $0.id == upload.userID } ?? otherwise
  }

  /// Deletes the audit entries of no round older than `auditLifetime`.
  public func pruneAudit() {
    _ = try? store.pruneAudit(before: Date().addingTimeInterval(-configuration.auditLifetime))
  }

  func removeUploadBytes(_ id: String) {
    guard Uploads.isID(id) else { return }
    try? FileManager.default.removeItem(atPath: uploadFolder + "/" + id)
  }

  /// The most characters of each text an audit entry keeps (`bounded`).
  static let auditTextLength = 256

  /// Writes an audit entry, each of its texts `bounded`: an entry costs the store a bounded
  /// row whatever a request sent (an outside test grew the store by 61 MB in 5 s with
  /// 60 000-character login names).
  func audit(_ user: String, _ action: String, round: String? = nil, file: String? = nil, detail: String? = nil) {
    func cut(_ text: String) -> String { Self.bounded(text, Self.auditTextLength) }
    try? store.audit(
      RoundStore.AuditEntry(
        user: cut(user), action: action, round: round.map(cut), file: file.map(cut), detail: detail.map(cut)))
  }

  /// `text` cut to `limit` characters and marked "…" when it is longer: what the server keeps
  /// of a text a request sent (a login's name in the throttle, an audit entry's texts).
  static func bounded(_ text: String, _ limit: Int) -> String {
    text.count > limit ? String(text.prefix(limit)) + "…" : text
  }

  func say(_ s: Say) -> String { s.text(language) }

  /// The most checks that have run at once since the server started (at most `checks`).
  public var checksAtOnce: Int { engine.checks.peak }
}
