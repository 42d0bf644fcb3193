#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the reader's bytes come from: a file, memory, or a stream made by another
/// reader (a spreadsheet's sheet written out as CSV, so that libcsv parses every byte).
public protocol ByteSource: AnyObject {
  /// Reads up to `buffer.count` bytes; 0 means the end of the input.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A file read with `read(2)`, never mapped or loaded whole.
final class FileByteSource: ByteSource {
  private let fd: Int32
  private let path: String

  init(path: String) throws {
    self.path = path
    var st = stat()
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw CSVError(
        kind: .io("cannot open '\(path)': \(String(cString: strerror(errno)))"),
        path: path, line: 0, fieldStartLine: 0, byteOffset: 0)
    }
    if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
      close(fd)
      throw CSVError(
        kind: .io("'\(path)' is a directory, not a CSV file"), path: path, line: 0, fieldStartLine: 0, byteOffset: 0)
    }
    self.fd = fd
  }

  deinit { close(fd) }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    guard buffer.count > 0 else { return 0 }
    while true {
      #if canImport(Glibc)
        let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
      #else
        let n = Darwin.read(fd, buffer.baseAddress, buffer.count)
      #endif
      if n >= 0 { return n }
      if errno == EINTR { continue }
      throw CSVError(
        kind: .io("cannot read '\(path)': \(String(cString: strerror(errno)))"),
        path: path, line: 0, fieldStartLine: 0, byteOffset: 0)
    }
  }
}

/// Bytes already in memory.
final class MemoryByteSource: ByteSource {
  private let bytes: [UInt8]
  private var position = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    let n = min(buffer.count, bytes.count - position)
    guard n > 0 else { return 0 }
    bytes.withUnsafeBytes {
      buffer.baseAddress!.copyMemory(from: $0.baseAddress! + position, byteCount: n)
    }
    position += n
    return n
  }
}
