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
