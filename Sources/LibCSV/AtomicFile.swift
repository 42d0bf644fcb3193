import SourceDiagnostics

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file that appears under its name only when it is complete.
///
/// Bytes go to a temporary file beside the target (same directory, so the same file
/// system); `commit()` flushes it to disk and renames it into place, which replaces the
/// old file in one step. A writer dropped without `commit()` removes its temporary file
/// and leaves any previous file untouched.
public final class AtomicFile {
  public let path: String
  private let temporaryPath: String
  private var fd: Int32
  private var finished = false

  public init(path: String) throws {
    self.path = path
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[..<$0]) } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    var template = Array("\(directory.isEmpty ? "/" : directory)/.\(name).tmp-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw FileWriteError(path: path, action: "create a temporary file for", errno: errno) }
    self.fd = fd
    self.temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  deinit {
    if !finished {
      close(fd)
      unlink(temporaryPath)
    }
  }

  public func write(_ bytes: UnsafeRawBufferPointer) throws {
    var offset = 0
    while offset < bytes.count {
      #if canImport(Glibc)
        let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
      #else
        let n = Darwin.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
      #endif
      if n < 0 {
        if errno == EINTR { continue }
        throw FileWriteError(path: path, action: "write", errno: errno)
      }
      offset += n
    }
  }

  public func write(_ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { try write($0) }
  }

  /// Flushes the file to disk and renames it into place.
  public func commit() throws {
    precondition(!finished, "an AtomicFile commits once")
    finished = true
    defer { close(fd) }
    guard fsync(fd) == 0 else {
      unlink(temporaryPath)
      throw FileWriteError(path: path, action: "flush", errno: errno)
    }
    // mkstemp makes the file private (0600); reports are for reading by others too.
    fchmod(fd, 0o644)
    guard rename(temporaryPath, path) == 0 else {
      let e = errno
      unlink(temporaryPath)
      throw FileWriteError(path: path, action: "rename into place", errno: e)
    }
  }

  /// Writes `bytes` to `path` atomically.
  public static func write(_ bytes: [UInt8], to path: String) throws {
    let file = try AtomicFile(path: path)
    try file.write(bytes)
    try file.commit()
  }
}

/// A file could not be written; the previous file, if any, is unchanged.
public struct FileWriteError: Error, Sendable, CustomStringConvertible {
  public var path: String
  public var action: String
  public var message: String

  public init(path: String, action: String, errno code: Int32) {
    self.path = path
    self.action = action
    self.message = String(cString: strerror(code))
  }

  public var description: String {
    Diagnostic(
      file: path, message: "cannot \(action) the file: \(message); check that the folder exists and is writable"
    ).description
  }
}
