internal import CLibCSV

/// One record as libcsv delivered it: a borrowed view of its fields' bytes.
///
/// A record and its fields are valid only inside the closure that receives them; copy
/// what must outlive it (`string(at:)`, `strings()`). Fields are the exact bytes between
/// the delimiters, unquoted and with doubled quotes undone, in UTF-8.
public struct CSVRecord {
  /// The physical line (1-based) on which the record starts, counting every line of the
  /// file (lines before the header, blank lines, lines inside quoted fields).
  public let line: Int
  /// The number of fields in the record.
  public let count: Int

  @usableFromInline let base: UnsafePointer<UInt8>
  /// `ends[k]` is the end offset (in `base`) of field `k`; field `k` starts at `ends[k-1]`
  /// or, for `k == 0`, at `firstStart`.
  @usableFromInline let ends: UnsafePointer<Int>
  @usableFromInline let firstStart: Int

  init(line: Int, count: Int, base: UnsafePointer<UInt8>, ends: UnsafePointer<Int>, firstStart: Int) {
    self.line = line
    self.count = count
    self.base = base
    self.ends = ends
    self.firstStart = firstStart
  }

  /// The bytes of field `index` (0-based), borrowed.
  @inlinable
  public subscript(index: Int) -> CSVField {
    precondition(index >= 0 && index < count, "field index \(index) out of range 0..<\(count)")
    let start = index == 0 ? firstStart : ends[index - 1]
    return CSVField(bytes: UnsafeBufferPointer(start: base + start, count: ends[index] - start))
  }

  /// Lends the record's fields as one buffer, for a loop that visits every field and
  /// cannot afford a bounds check per field (Ingest's answer scan, in C): field `k` is
  /// `bytes[start..<ends[k]]`, where `start` is `ends[k-1]`, or `first` for `k == 0`. The
  /// pointers are valid only inside `body`.
  @inlinable
  public func withContiguousFields<R>(
    _ body: (_ bytes: UnsafePointer<UInt8>, _ ends: UnsafePointer<Int>, _ first: Int) throws -> R
  ) rethrows -> R {
    try body(base, ends, firstStart)
  }

  /// The text of field `index`; invalid UTF-8 (which only a mis-declared encoding can give)
  /// is repaired with U+FFFD.
  public func string(at index: Int) -> String { self[index].string }

  /// All fields as strings.
  public func strings() -> [String] { (0..<count).map { string(at: $0) } }
}

/// The bytes of one field, borrowed from the reader's buffer.
public struct CSVField {
  public let bytes: UnsafeBufferPointer<UInt8>

  @inlinable
  public init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  @inlinable public var isEmpty: Bool { bytes.isEmpty }
  @inlinable public var count: Int { bytes.count }

  /// The field as a `String`, made on demand.
  public var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// A record copied out of the reader's buffer, for the few records a caller must look at
/// again after the reader has moved on (the rows searched for a header).
public struct CSVRecordCopy: Sendable {
  public let line: Int
  public let count: Int
  private let bytes: [UInt8]
  private let ends: [Int]

  public init(_ record: CSVRecord) {
    line = record.line
    count = record.count
    let start = record.count == 0 ? 0 : record.firstStart
    let end = record.count == 0 ? start : record.ends[record.count - 1]
    bytes = Array(UnsafeBufferPointer(start: record.base + start, count: end - start))
    ends = (0..<record.count).map { record.ends[$0] - start }
  }

  /// The field texts.
  public func strings() -> [String] { withRecord { $0.strings() } }

  /// Lends the copy as a `CSVRecord`, valid inside `body` only.
  public func withRecord<R>(_ body: (CSVRecord) throws -> R) rethrows -> R {
    try bytes.withUnsafeBufferPointer { b in
      try ends.withUnsafeBufferPointer { e in
        // An empty array may have no base address; any valid pointer does for 0 bytes.
        let base = b.baseAddress ?? UnsafePointer(bitPattern: 1)!
        let endBase = e.baseAddress ?? UnsafePointer(bitPattern: 8)!
        return try body(CSVRecord(line: line, count: count, base: base, ends: endBase, firstStart: 0))
      }
    }
  }
}

/// Records copied out of the reader in bulk, so that another thread can read them while
/// the reader parses on: each record's field bytes and its field ends, each with one
/// `memcpy`. The ends keep the reader's offsets; the record's base pointer is shifted
/// instead, so that nothing is rebased field by field. Emptied and refilled, a batch keeps
/// its memory.
///
/// `@unchecked Sendable`: a batch has one owner at a time. The reader's thread fills it,
/// hands it over through a `BoundedQueue` (`RecordPipeline`'s), and touches it again only
/// after the consumer has handed it back the same way; the queue's lock orders every access. Checked by
/// `make test-thread` (Thread Sanitizer on the pipelined read).
public final class CSVRecordBatch: @unchecked Sendable {
  /// All the state in one struct: a class's stored properties are checked for exclusive
  /// access one by one, at run time, on every mutation; one struct costs one check.
  private var storage = Storage()

  private struct Storage {
    var bytes: [UInt8] = []
    var ends: [Int] = []
    /// Per record: its line, its field count, where its first field starts in the
    /// reader's offsets, where its bytes start in `bytes`, and where its ends start.
    var lines: [Int] = []
    var counts: [Int] = []
    var firstStarts: [Int] = []
    var byteStarts: [Int] = []
    var endStarts: [Int] = []

    mutating func append(_ record: CSVRecord) {
      let first = record.firstStart
      let last = record.count == 0 ? first : record.ends[record.count - 1]
      lines.append(record.line)
      counts.append(record.count)
      firstStarts.append(first)
      byteStarts.append(bytes.count)
      endStarts.append(ends.count)
      bytes.append(contentsOf: UnsafeBufferPointer(start: record.base + first, count: last - first))
      ends.append(contentsOf: UnsafeBufferPointer(start: record.ends, count: record.count))
    }

    mutating func removeAll() {
      bytes.removeAll(keepingCapacity: true)
      ends.removeAll(keepingCapacity: true)
      lines.removeAll(keepingCapacity: true)
      counts.removeAll(keepingCapacity: true)
      firstStarts.removeAll(keepingCapacity: true)
      byteStarts.removeAll(keepingCapacity: true)
      endStarts.removeAll(keepingCapacity: true)
    }
  }

  public init() {}

  /// The number of records held.
  public var count: Int { storage.lines.count }
  /// The number of field bytes held.
  public var byteCount: Int { storage.bytes.count }

  public func append(_ record: CSVRecord) { storage.append(record) }

  public func removeAll() { storage.removeAll() }

  /// Lends each record, in order, as a `CSVRecord` valid inside `body` only.
  public func forEach(_ body: (CSVRecord) throws -> Void) rethrows {
    let s = storage
    try s.bytes.withUnsafeBufferPointer { b in
      try s.ends.withUnsafeBufferPointer { e in
        let base = b.baseAddress ?? UnsafePointer(bitPattern: 1)!
        let endBase = e.baseAddress ?? UnsafePointer(bitPattern: 8)!
        for r in 0..<s.lines.count {
          // Field k lies at base' + ends[k-1] ..< base' + ends[k], with ends as the reader
          // had them: base' is shifted by (where the bytes are now − where they were).
          try body(
            CSVRecord(
              line: s.lines[r], count: s.counts[r], base: base.advanced(by: s.byteStarts[r] - s.firstStarts[r]),
              ends: endBase + s.endStarts[r], firstStart: s.firstStarts[r]))
        }
      }
    }
  }
}
