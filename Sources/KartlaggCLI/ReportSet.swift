import Foundation
import LibCSV
import SourceDiagnostics

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A folder of files that kartlagg replaces whole or not at all.
///
/// The new set is written in full to a hidden folder beside the old one
/// (`.<name>.kartlagg-new-<pid>`, the same file system), flushed, and then swapped in with
/// one `renameat2(RENAME_EXCHANGE)`; the old set, now in the hidden folder, is removed.
/// A run killed before the swap leaves the old set untouched; one killed after it leaves
/// the new set whole. Where the exchange is not available, the old folder is renamed
/// aside first and the next run puts it back if the run was killed between the renames.
///
/// Runs into one folder take turns: a lock file beside it (`.<name>.kartlagg-lock`, held
/// with `flock`) makes a second run wait, and say so. Under the lock, a run first removes
/// what killed runs left behind.
///
/// Files in an existing folder that are not the set's own (`owned`: its top-level names),
/// such as `README.md` or `screenshots/`, are carried over into the new set. A folder
/// that holds other things and was not written by kartlagg (it has no `.kartlagg` marker)
/// is refused rather than replaced.
public struct ReportSet: Sendable {
  public let path: String
  public let owned: Set<String>
  /// Names an existing, unmarked folder may hold besides the owned ones.
  public static let harmless: Set<String> = ["README.md", ".gitignore", ".gitkeep", "screenshots"]
  public static let marker = ".kartlagg"

  public init(path: String, owned: Set<String>) {
    self.path = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
    self.owned = owned.union([Self.marker])
  }

  public struct Failure: Error, CustomStringConvertible, Sendable {
    public var description: String
  }

  var parent: String {
    (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
  }
  var name: String { (path as NSString).lastPathComponent }
  var staging: String { parent + "/.\(name).kartlagg-new-\(getpid())" }
  var aside: String { parent + "/.\(name).kartlagg-old" }

  /// A file written a piece at a time: `write` hands each piece to the function it is given.
  public typealias Streamed = (path: String, write: (_ piece: ([UInt8]) throws -> Void) throws -> Void)

  /// Replaces the folder with `files` and `streamed` (paths relative to it). `waiting` is
  /// called once if another run holds the folder.
  public func replace(
    with files: [(path: String, bytes: [UInt8])], streamed: [Streamed] = [], waiting: (String) -> Void = { _ in }
  ) throws {
    let manager = FileManager.default
    try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
    let lock = try Lock(path: parent + "/.\(name).kartlagg-lock", waiting: { waiting(path) })
    defer { lock.release() }
    try recover()
    try checkReplaceable()

    let staging = self.staging
    try manager.createDirectory(atPath: staging, withIntermediateDirectories: false)
    do {
      for (relative, bytes) in files + [(Self.marker, Array("written by kartlagg; replaced whole by each run\n".utf8))]
      {
        let full = staging + "/" + relative
        try manager.createDirectory(
          atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Self.write(bytes, to: full)
      }
      for (relative, write) in streamed {
        try Self.write(to: staging + "/" + relative, write)
      }
      // Carry over what is not the set's own.
      if let existing = try? manager.contentsOfDirectory(atPath: path) {
        for entry in existing where !owned.contains(entry) {
          try manager.copyItem(atPath: path + "/" + entry, toPath: staging + "/" + entry)
        }
      }
      try Self.syncDirectory(staging)
    } catch {
      try? manager.removeItem(atPath: staging)
      throw error
    }
    var isDirectory: ObjCBool = false
    if !manager.fileExists(atPath: path, isDirectory: &isDirectory) {
      guard rename(staging, path) == 0 else { throw failure("move the new reports into place") }
    } else if Self.exchange(staging, path) {
      try? manager.removeItem(atPath: staging)
    } else {
      guard rename(path, aside) == 0 else { throw failure("move the old reports aside") }
      guard rename(staging, path) == 0 else {
        _ = rename(aside, path)
        throw failure("move the new reports into place")
      }
      try? manager.removeItem(atPath: aside)
    }
    try? Self.syncDirectory(parent)
  }

  /// Puts back a set left aside by a killed run, and removes killed runs' half-written sets.
  func recover() throws {
    let manager = FileManager.default
    if !manager.fileExists(atPath: path) && manager.fileExists(atPath: aside) {
      guard rename(aside, path) == 0 else { throw failure("put back the previous reports from \(aside)") }
    }
    try? manager.removeItem(atPath: aside)
    let prefix = ".\(name).kartlagg-new-"
    for entry in (try? manager.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(prefix) {
      try? manager.removeItem(atPath: parent + "/" + entry)
    }
  }

  func checkReplaceable() throws {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
    guard isDirectory.boolValue else {
      throw Failure(
        description: Diagnostic(file: path, message: "is a file, not a folder; give a folder for the reports")
          .description)
    }
    let entries = try manager.contentsOfDirectory(atPath: path)
    if entries.contains(Self.marker) { return }
    let foreign = entries.filter { !owned.contains($0) && !Self.harmless.contains($0) }.sorted()
    guard foreign.isEmpty else {
      throw Failure(
        description:
          Diagnostic(
            file: path,
            message:
              "the folder holds files kartlagg did not write (\(foreign.prefix(3).joined(separator: ", "))\(foreign.count > 3 ? ", …" : "")); kartlagg replaces its output folder whole, so give a new or empty folder"
          ).description
      )
    }
  }

  func failure(_ action: String) -> Failure {
    Failure(
      description: Diagnostic(file: path, message: "cannot \(action): \(String(cString: strerror(errno)))").description)
  }

  static func write(_ bytes: [UInt8], to path: String) throws {
    try write(to: path) { try $0(bytes) }
  }

  /// Creates `path` and writes to it each piece `make` hands over, then flushes it.
  static func write(to path: String, _ make: (_ piece: ([UInt8]) throws -> Void) throws -> Void) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw FileWriteError(path: path, action: "create", errno: errno) }
    defer { close(fd) }
    try make { bytes in
      var offset = 0
      try bytes.withUnsafeBytes { raw in
        while offset < raw.count {
          let n = systemWrite(fd, raw.baseAddress! + offset, raw.count - offset)
          if n < 0 {
            if errno == EINTR { continue }
            throw FileWriteError(path: path, action: "write", errno: errno)
          }
          offset += n
        }
      }
    }
    guard fsync(fd) == 0 else { throw FileWriteError(path: path, action: "flush", errno: errno) }
  }

  private static func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
      Glibc.write(fd, bytes, count)
    #else
      Darwin.write(fd, bytes, count)
    #endif
  }

  static func syncDirectory(_ path: String) throws {
    let fd = open(path, O_RDONLY | O_DIRECTORY)
    guard fd >= 0 else { return }
    defer { close(fd) }
    _ = fsync(fd)
  }

  /// `renameat2(…, RENAME_EXCHANGE)`, found at run time (glibc 2.28 and later; not every
  /// file system supports it).
  static func exchange(_ a: String, _ b: String) -> Bool {
    typealias Rename2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
    let renameat2 = unsafeBitCast(symbol, to: Rename2.self)
    let renameExchange: UInt32 = 2
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
  }

  /// An exclusive `flock` on a file beside the folder.
  final class Lock {
    let fd: Int32

    init(path: String, waiting: () -> Void) throws {
      fd = open(path, O_RDWR | O_CREAT, 0o644)
      guard fd >= 0 else { throw FileWriteError(path: path, action: "create the lock file", errno: errno) }
      if flock(fd, LOCK_EX | LOCK_NB) != 0 {
        waiting()
        while flock(fd, LOCK_EX) != 0 {
          guard errno == EINTR else {
            close(fd)
            throw FileWriteError(path: path, action: "lock", errno: errno)
          }
        }
      }
    }

    func release() {
      flock(fd, LOCK_UN)
      close(fd)
    }
  }
}
