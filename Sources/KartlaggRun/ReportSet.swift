import Foundation
import LibCSV
import SourceDiagnostics
import TestStops

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
/// The set's marker (`.kartlagg`) lists every file the run wrote. The next run replaces
/// exactly those: a folder holding anything else inside the set's own names (`owned`: its
/// top-level names, such as `csv/mine.xlsx` or `kommun/notes.txt`) is refused, and left as
/// it is. A folder without that list (none, or an older kartlagg's marker) may hold, inside
/// the set's names, only what this run writes. Top-level entries that are not the set's
/// own, such as `README.md` or `screenshots/`, are carried over into the new set; in a
/// folder with no marker at all, anything at the top level besides `harmless` is refused.
public struct ReportSet: Sendable {
  public let path: String
  public let owned: Set<String>
  /// The option that names the folder (`--out`, `--work`), for what a refusal says to do.
  public let option: String
  /// Names an existing, unmarked folder may hold besides the owned ones.
  public static let harmless: Set<String> = ["README.md", ".gitignore", ".gitkeep", "screenshots"]
  public static let marker = ".kartlagg"
  static let markerHeading = "written by kartlagg; replaced whole by each run"
  static let listHeading = "the files it wrote, one a line (the next run replaces these and deletes nothing else):"

  public init(path: String, owned: Set<String>, option: String = "--out") {
    self.path = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
    self.owned = owned.union([Self.marker])
    self.option = option
  }

  /// Why a set could not be replaced; the previous set is then unchanged. Printed in the
  /// run's language by `Said.folder`; `description` is the English.
  public struct Failure: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
      /// The set's own path is a file.
      case notAFolder
      /// `path` is a file, where a folder on the way to `target` should be.
      case fileInTheWay(target: String)
      /// The folder `path` may not be written in (EACCES, EPERM).
      case notPermitted(target: String)
      /// `path` is on a read-only file system.
      case readOnly(target: String)
      /// No space left (or the quota used up) while writing `path`.
      case full
      /// Files and folders (relative to the set) that kartlagg did not write.
      case foreign([String])
      /// Any other system error.
      case system(action: Action, message: String)
    }

    public enum Action: String, Sendable {
      case create, write, read, copy, move, lock, restore
    }

    /// Where the problem is.
    public var path: String
    /// The option that names the set's folder.
    public var option: String
    public var reason: Reason

    public var description: String { Said.folder(self).english }
  }

  var parent: String { Self.folder(of: path).isEmpty ? "." : Self.folder(of: path) }
  var name: String { path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path }

  /// The folder part of `path` (empty for a bare name; "/" for a name at the root). Not
  /// NSString's `deletingLastPathComponent`, which crashes on a one-letter name
  /// (`--out R`) in swift-corelibs-foundation.
  static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }
  var staging: String { parent + "/.\(name).kartlagg-new-\(getpid())" }
  var aside: String { parent + "/.\(name).kartlagg-old" }
  var lockPath: String { parent + "/.\(name).kartlagg-lock" }

  /// A file written a piece at a time: `write` hands each piece to the function it is given.
  public typealias Streamed = (path: String, write: (_ piece: ([UInt8]) throws -> Void) throws -> Void)

  /// Replaces the folder with `files` and `streamed` (paths relative to it). `waiting` is
  /// called once if another run holds the folder.
  public func replace(
    with files: [(path: String, bytes: [UInt8])], streamed: [Streamed] = [], waiting: (String) -> Void = { _ in }
  ) throws {
    try Self.replace([(self, files)], streamed: [path: streamed], waiting: waiting)
  }

  /// Replaces several folders (the reports and the working files), each with its files:
  /// every folder is checked and every new set written in full before the first is
  /// swapped in, so a refusal or a failed write changes none of them.
  /// `streamed`: per set (by its path), the files written a piece at a time.
  public static func replace(
    _ sets: [(set: ReportSet, files: [(path: String, bytes: [UInt8])])], streamed: [String: [Streamed]] = [:],
    waiting: (String) -> Void = { _ in }
  ) throws {
    for (set, _) in sets { try set.makeFolders(set.parent) }
    // Locks in one order, whatever the order of the sets, so that two runs never wait on
    // each other.
    var locks: [Lock] = []
    defer { for lock in locks { lock.release() } }
    for (set, _) in sets.sorted(by: { $0.set.lockPath < $1.set.lockPath }) {
      locks.append(try Lock(set, waiting: { waiting(set.path) }))
    }
    for (set, _) in sets { try set.recover() }
    for (set, files) in sets {
      try set.checkReplaceable(writing: files.map(\.path) + (streamed[set.path] ?? []).map(\.path))
    }
    var staged: [ReportSet] = []
    do {
      for (set, files) in sets {
        staged.append(set)
        try set.stage(files, streamed: streamed[set.path] ?? [])
      }
    } catch {
      for set in staged { try? FileManager.default.removeItem(atPath: set.staging) }
      throw error
    }
    TestStops.at("report-before-swap")
    for (k, (set, _)) in sets.enumerated() {
      if k > 0 { TestStops.at("report-between-folders") }
      try set.swapIn()
    }
  }

  /// The marker: what it is, and every file of the set.
  static func markerText(_ files: [String]) -> String {
    let escaped = files.sorted().map {
      $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
        .replacingOccurrences(of: "\r", with: "\\r")
    }
    return ([markerHeading, listHeading] + escaped).joined(separator: "\n") + "\n"
  }

  /// The files a marker lists; nil for a marker without the list (an older kartlagg's).
  static func listed(_ text: String) -> Set<String>? {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard let heading = lines.firstIndex(of: Substring(listHeading)) else { return nil }
    var files = Set<String>()
    for line in lines[(heading + 1)...] where !line.isEmpty {
      var name = ""
      var escaped = false
      for c in line {
        if escaped {
          name.append(c == "n" ? "\n" : c == "r" ? "\r" : c)
          escaped = false
        } else if c == "\\" {
          escaped = true
        } else {
          name.append(c)
        }
      }
      files.insert(name)
    }
    return files
  }

  /// Writes the new set in full to the staging folder, with what is carried over.
  func stage(_ files: [(path: String, bytes: [UInt8])], streamed: [Streamed] = []) throws {
    let manager = FileManager.default
    let staging = self.staging
    guard mkdir(staging, 0o755) == 0 else { throw failure(errno, at: parent, action: .create) }
    let names = files.map(\.path) + streamed.map(\.path)
    let marked = files + [(Self.marker, Array(Self.markerText(names).utf8))]
    for (relative, bytes) in marked {
      let full = staging + "/" + relative
      try makeFolders(Self.folder(of: full))
      try write(bytes, to: full)
    }
    for (relative, make) in streamed {
      let full = staging + "/" + relative
      try makeFolders(Self.folder(of: full))
      try write(to: full, make)
    }
    // Carry over what is not the set's own.
    if let existing = try? manager.contentsOfDirectory(atPath: path) {
      for entry in existing.sorted() where !owned.contains(entry) {
        do {
          try manager.copyItem(atPath: path + "/" + entry, toPath: staging + "/" + entry)
        } catch {
          throw failure(Self.posixCode(error) ?? EIO, at: path + "/" + entry, action: .copy)
        }
      }
    }
    Self.syncDirectory(staging)
  }

  /// Swaps the staged set in.
  func swapIn() throws {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    if !manager.fileExists(atPath: path, isDirectory: &isDirectory) {
      guard rename(staging, path) == 0 else { throw failure(errno, at: path, action: .move) }
    } else if Self.exchange(staging, path) {
      try? manager.removeItem(atPath: staging)
    } else {
      guard rename(path, aside) == 0 else { throw failure(errno, at: path, action: .move) }
      guard rename(staging, path) == 0 else {
        let code = errno
        _ = rename(aside, path)
        throw failure(code, at: path, action: .move)
      }
      try? manager.removeItem(atPath: aside)
    }
    Self.syncDirectory(parent)
  }

  /// Puts back a set left aside by a killed run, and removes killed runs' half-written sets.
  func recover() throws {
    let manager = FileManager.default
    if !manager.fileExists(atPath: path) && manager.fileExists(atPath: aside) {
      guard rename(aside, path) == 0 else { throw failure(errno, at: aside, action: .restore) }
    }
    try? manager.removeItem(atPath: aside)
    let prefix = ".\(name).kartlagg-new-"
    for entry in (try? manager.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(prefix) {
      try? manager.removeItem(atPath: parent + "/" + entry)
    }
  }

  /// Refuses a folder that holds anything kartlagg did not write: inside the set's own
  /// names, anything its marker does not list (or, without the list, anything `writing`
  /// does not name); at the top level of a folder without a marker, anything not harmless.
  func checkReplaceable(writing: [String]) throws {
    var status = stat()
    guard stat(path, &status) == 0 else {
      if errno == ENOENT { return }
      throw failure(errno, at: path, action: .read)
    }
    guard status.st_mode & S_IFMT == S_IFDIR else { throw Failure(path: path, option: option, reason: .notAFolder) }
    let entries = try contents(path)
    let marked = entries.contains(Self.marker)
    let known =
      (marked ? (try? String(contentsOfFile: path + "/" + Self.marker, encoding: .utf8)).flatMap(Self.listed) : nil)
      ?? Set(writing)
    var knownFolders = Set<String>()
    for file in known {
      var folder = Self.folder(of: file)
      while !folder.isEmpty && knownFolders.insert(folder).inserted {
        folder = Self.folder(of: folder)
      }
    }
    var foreign: [String] = []
    func walk(_ relative: String) throws {
      var status = stat()
      guard lstat(path + "/" + relative, &status) == 0 else {
        throw failure(errno, at: path + "/" + relative, action: .read)
      }
      if status.st_mode & S_IFMT == S_IFDIR {
        // A folder of the user's is named by what it holds, or by itself when empty.
        let entries = try contents(path + "/" + relative)
        if entries.isEmpty && !knownFolders.contains(relative) { foreign.append(relative + "/") }
        for entry in entries { try walk(relative + "/" + entry) }
      } else if !known.contains(relative) {
        foreign.append(relative)
      }
    }
    for entry in entries.sorted() where entry != Self.marker {
      if owned.contains(entry) {
        try walk(entry)
      } else if !marked && !Self.harmless.contains(entry) {
        foreign.append(entry)
      }
    }
    guard foreign.isEmpty else { throw Failure(path: path, option: option, reason: .foreign(foreign.sorted())) }
  }

  func contents(_ folder: String) throws -> [String] {
    do {
      return try FileManager.default.contentsOfDirectory(atPath: folder)
    } catch {
      throw failure(Self.posixCode(error) ?? EIO, at: folder, action: .read)
    }
  }

  /// Makes `folder` and every folder above it that is missing. A file on the way, or a
  /// folder that may not be written in, is said as such.
  func makeFolders(_ folder: String) throws {
    var prefix = folder.hasPrefix("/") ? "/" : ""
    for component in folder.split(separator: "/") {
      let above = prefix.isEmpty ? "." : prefix
      prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
      var status = stat()
      if stat(prefix, &status) == 0 {
        guard status.st_mode & S_IFMT == S_IFDIR else {
          throw Failure(path: prefix, option: option, reason: .fileInTheWay(target: path))
        }
        continue
      }
      guard errno == ENOENT else { throw failure(errno, at: above, action: .create) }
      if mkdir(prefix, 0o755) != 0 && errno != EEXIST { throw failure(errno, at: above, action: .create) }
    }
  }

  /// A system error as a refusal: `at` is the folder where it happened (for a file or
  /// folder that could not be made, the folder it was to be made in).
  func failure(_ code: Int32, at place: String, action: Failure.Action) -> Failure {
    let reason: Failure.Reason
    switch code {
    case ENOTDIR:
      // A file on the way to `place`: name it.
      var prefix = place.hasPrefix("/") ? "/" : ""
      for component in place.split(separator: "/") {
        prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
        var status = stat()
        if stat(prefix, &status) == 0 && status.st_mode & S_IFMT != S_IFDIR {
          return Failure(path: prefix, option: option, reason: .fileInTheWay(target: path))
        }
      }
      reason = .system(action: action, message: String(cString: strerror(code)))
    case EACCES, EPERM: reason = .notPermitted(target: path)
    case EROFS: reason = .readOnly(target: path)
    case ENOSPC, EDQUOT: reason = .full
    default: reason = .system(action: action, message: String(cString: strerror(code)))
    }
    return Failure(path: place, option: option, reason: reason)
  }

  /// The POSIX error code under a Foundation error, when there is one.
  static func posixCode(_ error: Error) -> Int32? {
    var current: NSError? = error as NSError
    while let e = current {
      if e.domain == NSPOSIXErrorDomain { return Int32(e.code) }
      current = e.userInfo[NSUnderlyingErrorKey] as? NSError
    }
    return nil
  }

  func write(_ bytes: [UInt8], to file: String) throws {
    try write(to: file) { try $0(bytes) }
  }

  /// Creates `file` and writes to it each piece `make` hands over, then flushes it.
  func write(to file: String, _ make: (_ piece: ([UInt8]) throws -> Void) throws -> Void) throws {
    let folder = Self.folder(of: file)
    let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw failure(errno, at: folder, action: .write) }
    defer { close(fd) }
    try make { bytes in
      var offset = 0
      try bytes.withUnsafeBytes { raw in
        while offset < raw.count {
          let n = Self.systemWrite(fd, raw.baseAddress! + offset, raw.count - offset)
          if n < 0 {
            if errno == EINTR { continue }
            throw failure(errno, at: file, action: .write)
          }
          offset += n
        }
      }
    }
    guard fsync(fd) == 0 else { throw failure(errno, at: file, action: .write) }
  }

  private static func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
      Glibc.write(fd, bytes, count)
    #else
      Darwin.write(fd, bytes, count)
    #endif
  }

  static func syncDirectory(_ path: String) {
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

    init(_ set: ReportSet, waiting: () -> Void) throws {
      fd = open(set.lockPath, O_RDWR | O_CREAT, 0o644)
      guard fd >= 0 else { throw set.failure(errno, at: set.parent, action: .lock) }
      if flock(fd, LOCK_EX | LOCK_NB) != 0 {
        waiting()
        while flock(fd, LOCK_EX) != 0 {
          guard errno == EINTR else {
            let code = errno
            close(fd)
            throw set.failure(code, at: set.lockPath, action: .lock)
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
