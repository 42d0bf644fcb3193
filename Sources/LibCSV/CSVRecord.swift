internal import CLibCSV
internal import CLibCSVCallbacks

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

/// The records one `csv_parse` call completed, in the buffers libcsv's callbacks filled
/// them into: what `CSVReader.forEachChunk` hands over so that another thread can decode
/// them while the reader parses on, with no record copied. The reader swaps a chunk's
/// buffers for the ones it filled, moving only the record it is still reading to the
/// front of the new ones; emptied and handed back, a chunk keeps its memory.
///
/// `@unchecked Sendable`: a chunk has one owner at a time. The reader's thread fills it,
/// hands it over through a `BoundedQueue` (`RecordPipeline`'s), and touches it again only
/// after the consumer has handed it back the same way; the queue's lock orders every
/// access. Checked by `make test-thread` (Thread Sanitizer on the pipelined read).
public final class CSVChunk: @unchecked Sendable {
  /// The buffers and their counts; the parse position fields are unused.
  private var buffers = ParseState()

  /// An empty chunk; its buffers are allocated when the reader first parses into them.
  public init() {}

  deinit { buffers.release() }

  /// The number of records held.
  public var count: Int { buffers.mark_count }

  /// Lends each record, in order, as a `CSVRecord` valid inside `body` only.
  public func forEach(_ body: (CSVRecord) throws -> Void) rethrows {
    for k in 0..<buffers.mark_count { try body(buffers.record(k)) }
  }

  /// Takes the reader's filled buffers and gives it this chunk's, with the finished fields
  /// of the record it is still reading moved to their front. False, the reader's buffers
  /// as they were, when memory for those fields cannot be had.
  func take(from state: UnsafeMutablePointer<ParseState>) -> Bool {
    let open = state.pointee.openRecord
    guard buffers.grow(bytes: open.bytes, fields: open.fields) else { return false }
    let filled = state.pointee
    swap(&buffers.bytes, &state.pointee.bytes)
    swap(&buffers.byte_capacity, &state.pointee.byte_capacity)
    swap(&buffers.ends, &state.pointee.ends)
    swap(&buffers.field_capacity, &state.pointee.field_capacity)
    swap(&buffers.marks, &state.pointee.marks)
    swap(&buffers.mark_capacity, &state.pointee.mark_capacity)
    buffers.mark_count = filled.mark_count
    state.pointee.keepOpenRecord(of: filled)
    return true
  }
}
