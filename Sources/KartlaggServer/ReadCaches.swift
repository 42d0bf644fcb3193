import CompressNIO
import Foundation
import Hummingbird
import RoundStore
import Synchronization

/// What every page's request reads, held in memory for a short while, so that a reader's
/// page neither waits for the store (an import's commit holds its lock, and a read then waits
/// for it) nor reads its file from disk each time: the sessions, the published rounds and the
/// published files.
///
/// A session or the list of published rounds is read again once it is older than
/// `lifetime`: by one request, on a thread of its own (`storeReads`), while the others go on
/// with the value they have; once it is older than twice `lifetime` (nobody asked for it
/// meanwhile) it is not used at all. A request that finds nothing to use (a new session)
/// waits for its read, on that thread too, never on the threads that serve the requests. So
/// what another process changes in the store (`kartlagg-server user disable`, say) reaches a
/// running server within twice `lifetime`; docs/server.md says so. What this server changes
/// itself it forgets at once (a logout, a publication, a deleted file).
final class ReadCaches: Sendable {
  /// How long a session or the list of published rounds is used before it is read again.
  static let lifetime = Duration.seconds(2)
  /// At most this many bytes of published files are held (their plain and compressed
  /// bytes together); a file larger than that is read from disk each time, as before.
  static let fileBytesLimit = 64 << 20
  /// At most this many sessions are held; the oldest read go first.
  static let sessionLimit = 4096

  /// The sessions by their token's hash; the published rounds under one key.
  private let sessions: Refreshing<String, RoundStore.Session>
  private let rounds: Refreshing<String, [String]>
  private let files = Mutex<FileState>(FileState())

  private struct FileState: Sendable {
    var entries: [String: PublishedFile] = [:]
    var bytes = 0
  }

  init() {
    // The store's reads for both, one at a time, off the requests' threads.
    let storeReads = DispatchQueue(label: "kartlagg.store-reads")
    sessions = Refreshing(lifetime: Self.lifetime, limit: Self.sessionLimit, reads: storeReads)
    rounds = Refreshing(lifetime: Self.lifetime, limit: 1, reads: storeReads)
  }

  /// A session by its token's hash; never an expired one.
  func session(_ hash: String, read: @escaping @Sendable () throws -> RoundStore.Session?) async throws
    -> RoundStore.Session?
  {
    guard let session = try await sessions.value(hash, read: read) else { return nil }
    return session.expires > Date() ? session : nil
  }

  /// After a logout or a new login: the session is read from the store again, if at all.
  func forgetSession(_ hash: String) { sessions.forget(hash) }

  /// The rounds with a recorded publication.
  func publishedRounds(read: @escaping @Sendable () throws -> [String]) async throws -> [String] {
    try await rounds.value("", read: read) ?? []
  }

  /// After a publication or a deleted file: the next request reads the store again.
  func forgetRounds() { rounds.forget("") }

  /// A published file's bytes, from memory while the file on disk is the same (its device,
  /// inode, size and modification time); nil when `path` is not a regular file inside
  /// `folder`. Only regular files are served: `lstat` follows no link at the end of the
  /// path, and `realpath` must find the file inside the folder, so that no link on the way
  /// is followed out of it either (an outside test read /etc/passwd and the store through a
  /// folder link placed in a published round).
  func file(at path: String, inside folder: String) -> PublishedFile? {
    var status = stat()
    guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
      let real = Self.realPath(path), let root = Self.realPath(folder), real.hasPrefix(root + "/")
    else { return nil }
    let key = PublishedFile.Key(status)
    if let known = files.withLock({ $0.entries[path] }), known.key == key { return known }
    guard let data = FileManager.default.contents(atPath: path), data.count == Int(status.st_size) else {
      return nil
    }
    let file = PublishedFile(key: key, bytes: data, path: path)
    files.withLock { state in
      if let old = state.entries.removeValue(forKey: path) { state.bytes -= old.size }
      guard file.size <= Self.fileBytesLimit else { return }
      // Bounded: when the new file does not fit, what is held goes (the files of rounds
      // published again or deleted, whose paths are not asked for any more, with it).
      if state.bytes + file.size > Self.fileBytesLimit {
        state.entries = [:]
        state.bytes = 0
      }
      state.entries[path] = file
      state.bytes += file.size
    }
    return file
  }

  /// `path` with every link resolved (realpath(3)); nil when it cannot be.
  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// The bytes held for published files (plain and compressed), for tests.
  var fileBytes: Int { files.withLock { $0.bytes } }
}

/// One published file as it is served: its bytes, the same bytes compressed with gzip where
/// that makes them smaller (HTML, CSV and the other text files), its type, and an entity tag
/// from its content (so a reader's browser that has it asks and gets 304, no body).
struct PublishedFile: Sendable {
  struct Key: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Int
    var modifiedNanoseconds: Int

    init(_ status: stat) {
      device = UInt64(status.st_dev)
      inode = UInt64(status.st_ino)
      size = Int64(status.st_size)
      modified = status.st_mtim.tv_sec
      modifiedNanoseconds = status.st_mtim.tv_nsec
    }
  }

  static let types = [
    "html": "text/html; charset=utf-8", "csv": "text/csv; charset=utf-8", "css": "text/css",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "svg": "image/svg+xml",
    "png": "image/png", "txt": "text/plain; charset=utf-8", "md": "text/plain; charset=utf-8",
  ]
  /// The types sent compressed to a browser that accepts gzip; the others (the workbook, a
  /// PNG) are compressed already.
  static let compressible: Set<String> = ["html", "csv", "css", "svg", "txt", "md"]

  let key: Key
  let plain: ByteBuffer
  let gzip: ByteBuffer?
  let type: String
  let entityTag: String

  init(key: Key, bytes: Data, path: String) {
    self.key = key
    let suffix = (path as NSString).pathExtension.lowercased()
    type = Self.types[suffix] ?? "application/octet-stream"
    plain = ByteBuffer(bytes: bytes)
    entityTag = "\"" + RoundStore.sha256(bytes).prefix(32) + "\""
    var compressed: ByteBuffer?
    if Self.compressible.contains(suffix), bytes.count > 1024 {
      var input = plain
      if let out = try? input.compress(with: .gzip()), out.readableBytes < bytes.count { compressed = out }
    }
    gzip = compressed
  }

  /// The bytes held: plain and compressed.
  var size: Int { plain.readableBytes + (gzip?.readableBytes ?? 0) }

  /// Whether an `Accept-Encoding` header accepts gzip (RFC 9110 12.5.3: a coding, or "*",
  /// listed without `q=0`).
  static func acceptsGzip(_ header: String?) -> Bool {
    guard let header else { return false }
    for item in header.split(separator: ",") {
      let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
      guard let coding = parts.first, coding == "gzip" || coding == "x-gzip" || coding == "*" else { continue }
      let refused = parts.dropFirst().contains { parameter in
        guard parameter.hasPrefix("q=") else { return false }
        return (Double(parameter.dropFirst(2)) ?? 1) == 0
      }
      if !refused { return true }
    }
    return false
  }

  /// Whether an `If-None-Match` header names this file's entity tag (or is "*").
  func matches(_ header: String?) -> Bool {
    guard let header else { return false }
    return header.split(separator: ",").contains { tag in
      let tag = tag.trimmingCharacters(in: .whitespaces)
      return tag == "*" || tag == entityTag || tag == "W/" + entityTag
    }
  }
}

/// Values read from the store, each used for `lifetime` and then read again by one request
/// on `reads` while the others go on with it; older than twice `lifetime`, not used at all.
/// A value that is not there (or too old) is read on `reads` and waited for. `forget`
/// counts: a read that began before a forgetting (and may have read what was just ended)
/// keeps nothing. At most `limit` values; the one read longest ago goes first.
private final class Refreshing<Key: Hashable & Sendable, Value: Sendable>: Sendable {
  private struct Entry: Sendable {
    var value: Value
    var read: ContinuousClock.Instant
    var refreshing = false
  }
  private struct Held: Sendable {
    var entries: [Key: Entry] = [:]
    var forgotten = 0
  }
  private let held = Mutex(Held())
  private let lifetime: Duration
  private let limit: Int
  private let reads: DispatchQueue

  init(lifetime: Duration, limit: Int, reads: DispatchQueue) {
    self.lifetime = lifetime
    self.limit = limit
    self.reads = reads
  }

  /// The value of `key`; nil when `read` finds none (nothing is kept then).
  func value(_ key: Key, read: @escaping @Sendable () throws -> Value?) async throws -> Value? {
    let now = ContinuousClock.now
    let (known, generation): (Value?, Int) = held.withLock { held in
      guard var entry = held.entries[key], now - entry.read < lifetime * 2 else { return (nil, held.forgotten) }
      if now - entry.read >= lifetime && !entry.refreshing {
        entry.refreshing = true
        held.entries[key] = entry
        let generation = held.forgotten
        reads.async { [self] in
          let fresh = Result { try read() }
          self.held.withLock { held in
            guard held.forgotten == generation, held.entries[key] != nil else { return }
            switch fresh {
            case .success(let value?): held.entries[key] = Entry(value: value, read: .now)
            // Gone from the store, or the store failed: the next request reads it itself.
            case .success(nil), .failure: held.entries.removeValue(forKey: key)
            }
          }
        }
      }
      return (entry.value, held.forgotten)
    }
    if let known { return known }
    let value: Value? = try await withCheckedThrowingContinuation { continuation in
      reads.async { continuation.resume(with: Result { try read() }) }
    }
    guard let value else { return nil }
    held.withLock { held in
      guard held.forgotten == generation else { return }
      if held.entries.count >= limit, let oldest = held.entries.min(by: { $0.value.read < $1.value.read }) {
        held.entries.removeValue(forKey: oldest.key)
      }
      held.entries[key] = Entry(value: value, read: now)
    }
    return value
  }

  func forget(_ key: Key) {
    held.withLock { held in
      held.entries.removeValue(forKey: key)
      held.forgotten += 1
    }
  }
}
