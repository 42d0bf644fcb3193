import Foundation
import SourceDiagnostics

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The rejected rows of one file past those its report keeps in memory, written as they
/// are found to an unlinked temporary file (nothing is left behind, even by a killed run)
/// and read back one row at a time when the working file `rejected.csv` is written. So
/// memory does not grow with the number of rejected rows, nor with how wide they are.
///
/// Only the ingester that made it appends, while it reads its file; afterwards the rows
/// are only read (`forEach`, positioned reads), which is why it may be shared.
public final class RejectedRowSpill: @unchecked Sendable {
  private let fd: Int32
  /// Bytes written to the file so far, and the bytes not yet written.
  private var end = 0
  private var pending = UnsafeMutableRawPointer.allocate(byteCount: flushBytes, alignment: 8)
  private var pendingCapacity = flushBytes
  private var pendingCount = 0
  /// The reason text of the row before (a refused file repeats one reason on every row).
  private var lastText = ""
  public private(set) var count = 0
  /// The most cells of a row.
  public private(set) var widest = 0
  private static let flushBytes = 1 << 20

  /// Nil when no temporary file can be made.
  init?() {
    var template = Array((NSTemporaryDirectory() + "/kartlagg-rejected-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { return nil }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    self.fd = fd
  }

  deinit {
    close(fd)
    pending.deallocate()
  }

  /// Why the temporary file failed (the system's reason), in Swedish and English.
  public enum Failure: Error, CustomStringConvertible, Localized {
    case cannotWrite(reason: String)
    case cannotReadBack(reason: String)
    /// The file holds fewer bytes than were written to it.
    case cutShort

    public var description: String { english }

    public var english: String {
      switch self {
      case .cannotWrite(let reason): "cannot write rejected rows to a temporary file: \(reason)"
      case .cannotReadBack(let reason): "cannot read rejected rows back from a temporary file: \(reason)"
      case .cutShort: "cannot read rejected rows back from a temporary file: it is shorter than was written"
      }
    }

    public var swedish: String {
      switch self {
      case .cannotWrite(let reason): "avvisade rader kan inte skrivas till en temporär fil: \(reason)"
      case .cannotReadBack(let reason): "avvisade rader kan inte läsas tillbaka från en temporär fil: \(reason)"
      case .cutShort: "avvisade rader kan inte läsas tillbaka från en temporär fil: den är kortare än det som skrevs"
      }
    }
  }

  // A row: its length (8 bytes), then line, column, the reason (kind, two integers, its
  // text or "as before", an optional second text), the number of cells and each cell, every
  // integer 8 bytes little-endian and every text its length and its UTF-8.

  /// Appends a row (in the order found). Throws when the temporary file cannot be written.
  func append(_ row: RejectedRow) throws {
    var kind: UInt8
    var a = 0
    var b = 0
    var text = ""
    var second: String?
    switch row.reason {
    case .missingMunicipality: kind = 0
    case .unknownMunicipality(let value, let suggestion): (kind, text, second) = (1, value, suggestion)
    case .duplicateRespondent(let id, let firstLine): (kind, text, a) = (2, id, firstLine)
    case .fieldCount(let found, let expected): (kind, a, b) = (3, found, expected)
    case .fileNotImported(let reason): (kind, text) = (4, reason)
    case .municipalityNotAllowed(let municipality, let allowed): (kind, text, second) = (5, municipality, allowed)
    }
    let repeated = !text.isEmpty && text == lastText
    lastText = text
    // The row's size first, so that the buffer grows (if ever) once.
    var size = 8 * 6 + 1 + (repeated ? 0 : 8 + text.utf8.count) + (second.map { 8 + $0.utf8.count } ?? 0)
    for cell in row.cells { size += 8 + cell.utf8.count }
    if pendingCount + size > pendingCapacity {
      let capacity = max(pendingCount + size, 2 * pendingCapacity)
      let larger = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
      larger.copyMemory(from: pending, byteCount: pendingCount)
      pending.deallocate()
      pending = larger
      pendingCapacity = capacity
    }
    var at = pending + pendingCount
    func put(_ value: Int) {
      at.storeBytes(of: Int64(value).littleEndian, as: Int64.self)
      at += 8
    }
    func put(_ text: String) {
      var text = text
      text.withUTF8 { bytes in
        put(bytes.count)
        if let base = bytes.baseAddress { at.copyMemory(from: base, byteCount: bytes.count) }
        at += bytes.count
      }
    }
    put(size)
    put(row.line)
    put(row.column)
    at.storeBytes(of: kind | (repeated ? 0x80 : 0) | (second != nil ? 0x40 : 0), as: UInt8.self)
    at += 1
    put(a)
    put(b)
    if !repeated { put(text) }
    if let second { put(second) }
    put(row.cells.count)
    for cell in row.cells { put(cell) }
    precondition(at - pending == pendingCount + size)
    pendingCount += size
    count += 1
    widest = max(widest, row.cells.count)
    if pendingCount >= Self.flushBytes { try flush() }
  }

  /// Writes what is pending to the file.
  func flush() throws {
    var written = 0
    while written < pendingCount {
      let n = pwrite(fd, pending + written, pendingCount - written, off_t(end + written))
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else {
        throw Failure.cannotWrite(reason: String(cString: strerror(errno)))
      }
      written += n
    }
    end += pendingCount
    pendingCount = 0
  }

  /// Each row in the order found, one at a time; `file` is the report's.
  public func forEach(file: String, _ body: (RejectedRow) throws -> Void) throws {
    // A window on the file: bytes `position..<filled` of `window` are read and not yet used.
    var window = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.flushBytes, alignment: 8)
    defer { window.deallocate() }
    var position = 0
    var filled = 0
    var offset = 0
    var lastText = ""
    /// Makes `window[position..<position + n]` hold the next `n` bytes.
    func need(_ n: Int) throws {
      if position + n <= filled { return }
      let kept = filled - position
      if n > window.count {
        let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: max(n, 2 * window.count), alignment: 8)
        larger.baseAddress!.copyMemory(from: window.baseAddress! + position, byteCount: kept)
        window.deallocate()
        window = larger
      } else if kept > 0 {
        memmove(window.baseAddress!, window.baseAddress! + position, kept)
      }
      position = 0
      filled = kept
      while filled < n {
        let r = pread(fd, window.baseAddress! + filled, window.count - filled, off_t(offset))
        if r < 0 && errno == EINTR { continue }
        guard r > 0 else {
          throw r < 0 ? Failure.cannotReadBack(reason: String(cString: strerror(errno))) : Failure.cutShort
        }
        filled += r
        offset += r
      }
    }
    func int() -> Int {
      let value = window.loadUnaligned(fromByteOffset: position, as: Int64.self)
      position += 8
      return Int(Int64(littleEndian: value))
    }
    func text() -> String {
      let length = int()
      defer { position += length }
      return String(
        decoding: UnsafeRawBufferPointer(rebasing: window[position..<position + length]).assumingMemoryBound(
          to: UInt8.self), as: UTF8.self)
    }
    // The ingester flushes its last rows when it ends (FileIngester); after that nothing
    // here writes, so that several threads may read at once (a flush with nothing to write
    // would still write `end` and `pendingCount`).
    if pendingCount > 0 { try flush() }
    for _ in 0..<count {
      try need(8)
      let length = int()
      try need(length - 8)
      let line = int()
      let column = int()
      let flags = window[position]
      position += 1
      let a = int()
      let b = int()
      if flags & 0x80 == 0 { lastText = text() }
      let second = flags & 0x40 != 0 ? text() : nil
      let reason: RejectReason
      switch flags & 0x3F {
      case 0: reason = .missingMunicipality
      case 1: reason = .unknownMunicipality(value: lastText, suggestion: second)
      case 2: reason = .duplicateRespondent(id: lastText, firstLine: a)
      case 3: reason = .fieldCount(found: a, expected: b)
      case 5: reason = .municipalityNotAllowed(municipality: lastText, allowed: second ?? "")
      default: reason = .fileNotImported(reason: lastText)
      }
      let cellCount = int()
      var cells: [String] = []
      cells.reserveCapacity(cellCount)
      for _ in 0..<cellCount { cells.append(text()) }
      try body(RejectedRow(file: file, line: line, column: column, reason: reason, cells: cells))
    }
  }
}
