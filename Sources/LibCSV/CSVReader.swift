internal import CLibCSV
internal import CLibCSVCallbacks

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How to read a file; everything left nil is found out from the file itself.
public struct CSVReadOptions: Sendable {
  /// Force a delimiter instead of sniffing one.
  public var delimiter: CSVDelimiter?
  /// Force an encoding instead of detecting one. A byte-order mark that matches it is
  /// still skipped.
  public var encoding: TextEncoding?
  /// Bytes read from the file per chunk.
  public var chunkSize: Int
  /// Bytes at the start of the file used to detect the encoding and sniff the delimiter.
  public var sniffWindow: Int
  /// A field larger than this stops the file with `CSVError.Kind.fieldTooLarge`.
  public var maxFieldBytes: Int

  public init(
    delimiter: CSVDelimiter? = nil,
    encoding: TextEncoding? = nil,
    chunkSize: Int = 256 * 1024,
    sniffWindow: Int = 64 * 1024,
    maxFieldBytes: Int = 64 << 20
  ) {
    self.delimiter = delimiter
    self.encoding = encoding
    self.chunkSize = max(1, chunkSize)
    self.sniffWindow = max(1, sniffWindow)
    self.maxFieldBytes = maxFieldBytes
  }
}

/// A streaming CSV reader over libcsv, in strict mode.
///
/// The file is read in chunks, decoded to UTF-8 when it is not UTF-8 already, and fed to
/// `csv_parse`; each record reaches the caller with the physical line on which it starts.
/// Blank lines are not records. A file is read once: `forEachRecord` may be called once.
///
/// The corresponding libcsv functions are `csv_init`, `csv_parse`, `csv_fini` and
/// `csv_free`, with `CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL`.
public final class CSVReader {
  /// The encoding and delimiter the reader uses, found out when it was created.
  public let dialect: CSVDialect
  /// The file's name as given, used in error messages.
  public let path: String?

  private let source: ByteSource
  private let options: CSVReadOptions
  private var transcoder: Transcoder?
  /// Decoded text read while sniffing, not yet parsed.
  private var prefix: [UInt8]
  /// The file offset of `prefix`'s first byte (after the BOM and any `sep=` line).
  private let prefixSourceOffset: Int
  private let prefixReachedEnd: Bool
  private let firstLine: Int
  private var used = false

  /// Opens `path` and sniffs its encoding and delimiter.
  public convenience init(path: String, options: CSVReadOptions = CSVReadOptions()) throws {
    try self.init(source: try FileByteSource(path: path), name: path, options: options)
  }

  /// Reads CSV from bytes in memory (tests, small inputs).
  public convenience init(
    bytes: [UInt8], name: String? = nil, options: CSVReadOptions = CSVReadOptions()
  ) throws {
    try self.init(source: MemoryByteSource(bytes), name: name, options: options)
  }

  /// Reads CSV from any source of bytes, named `name` in every message.
  public init(source: ByteSource, name: String?, options: CSVReadOptions = CSVReadOptions()) throws {
    self.source = source
    self.path = name
    self.options = options

    // At least four bytes, so that a byte-order mark is always seen whole.
    var raw = [UInt8](repeating: 0, count: max(options.sniffWindow, 4))
    var filled = 0
    var reachedEnd = false
    while filled < raw.count {
      let n = try raw.withUnsafeMutableBytes {
        try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...]))
      }
      if n == 0 {
        reachedEnd = true
        break
      }
      filled += n
    }
    raw.removeSubrange(filled...)
    if !reachedEnd {
      // One byte past the window tells whether the file goes on, so that detection knows
      // whether a multi-byte sequence cut at the window's end continues.
      var probe = [UInt8](repeating: 0, count: 1)
      let n = try probe.withUnsafeMutableBytes { try source.read(into: $0) }
      if n == 0 { reachedEnd = true } else { raw.append(probe[0]) }
    }

    var detected = raw.withUnsafeBytes { DetectedEncoding.detect($0, isWholeFile: reachedEnd) }
    if let forced = options.encoding, forced != detected.encoding {
      // Keep a BOM only if it belongs to the forced encoding.
      detected = DetectedEncoding(encoding: forced, hadByteOrderMark: false)
    }
    let bomLength = detected.byteOrderMarkLength
    var decoded: [UInt8] = []
    if detected.encoding == .utf8 {
      decoded = Array(raw[bomLength...])
    } else {
      var t = Transcoder(encoding: detected.encoding)
      raw.withUnsafeBytes {
        t.transcode(UnsafeRawBufferPointer(rebasing: $0[bomLength...]), into: &decoded, final: reachedEnd)
      }
      transcoder = t
    }

    var delimiter = options.delimiter
    var fromSepLine = false
    var skipped = 0
    if let (declared, length) = CSVReader.sepLine(decoded, complete: reachedEnd) {
      skipped = length
      fromSepLine = options.delimiter == nil
      if delimiter == nil { delimiter = declared }
    }
    let skippedSource = decoded.withUnsafeBytes {
      Transcoder.sourceLength(of: $0, decodedLength: skipped, encoding: detected.encoding)
    }
    decoded.removeSubrange(..<skipped)

    let sniffed = decoded.withUnsafeBytes {
      DelimiterSniffer.sniff($0, complete: reachedEnd, forced: delimiter)
    }
    self.prefix = decoded
    self.prefixSourceOffset = bomLength + skippedSource
    self.prefixReachedEnd = reachedEnd
    self.firstLine = skipped > 0 ? 2 : 1
    self.dialect = CSVDialect(
      encoding: detected,
      delimiter: sniffed.delimiter,
      declaredBySepLine: fromSepLine,
      forced: options.delimiter != nil,
      typicalFieldCount: sniffed.typicalFieldCount
    )
  }

  /// Recognises Excel's `sep=X` first line; returns the delimiter and the line's length
  /// including its line end. `complete` says whether `text` is the whole file, so that a
  /// line cut by the sniffing window is not mistaken for one.
  static func sepLine(_ text: [UInt8], complete: Bool) -> (CSVDelimiter, Int)? {
    guard text.count >= 5 else { return nil }
    let head = text[0..<4].map { $0 | 0x20 }  // ASCII lowercase
    guard head == Array("sep=".utf8), let d = CSVDelimiter(rawValue: text[4]) else { return nil }
    if text.count == 5 { return complete ? (d, 5) : nil }
    var length = 5
    if text[length] == 0x0D { length += 1 }
    if length < text.count, text[length] == 0x0A { length += 1 }
    return length > 5 ? (d, length) : nil
  }

  /// Reads every record and hands each to `body`, in file order.
  ///
  /// Throws `CSVError` when the file is malformed (the records before the problem have
  /// been delivered), or whatever `body` throws.
  public func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
    try parseAll { state in
      defer { state.pointee.compact() }
      for k in 0..<state.pointee.mark_count { try body(state.pointee.record(k)) }
    }
  }

  /// Reads every record and hands them over chunk by chunk, in file order: each `CSVChunk`
  /// holds the records one `csv_parse` call completed, in the very buffers libcsv's
  /// callbacks filled, so that another thread can decode them while this one parses on,
  /// and no record is copied (`RecordPipeline`). `next` supplies the chunk whose buffers
  /// the reader goes on parsing into: an emptied one handed back, or a new one; it may
  /// throw to stop the reading. The number of chunks in flight, and so the memory, is
  /// the caller's to bound.
  ///
  /// Throws as `forEachRecord` does; the chunks before a problem have been handed over.
  public func forEachChunk(next: () throws -> CSVChunk, _ body: (CSVChunk) throws -> Void) throws {
    try parseAll { state in
      guard state.pointee.mark_count > 0 else {
        state.pointee.compact()
        return
      }
      let chunk = try next()
      guard chunk.take(from: state) else { throw ChunkOutOfMemory() }
      try body(chunk)
    }
  }

  /// A chunk's buffers could not be grown to take the record being read over.
  private struct ChunkOutOfMemory: Error {}

  /// Parses the whole file; `deliver` takes the records completed so far (the state's
  /// marks) and leaves the state ready for the next `csv_parse` call.
  private func parseAll(_ deliver: (UnsafeMutablePointer<ParseState>) throws -> Void) throws {
    precondition(!used, "a CSVReader reads its file once")
    used = true

    let parser = UnsafeMutablePointer<csv_parser>.allocate(capacity: 1)
    guard csv_init(parser, UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL)) == 0 else {
      parser.deallocate()
      throw error(.outOfMemory, line: firstLine, fieldStart: firstLine, offset: 0)
    }
    csv_set_delim(parser, dialect.delimiter.rawValue)
    // Keep spaces: libcsv's default trims them around unquoted fields, and a faithful
    // reader leaves trimming to the caller.
    csv_set_space_func(parser, kartlagg_no_space)
    guard let initial = ParseState.make(line: firstLine) else {
      csv_free(parser)
      parser.deallocate()
      throw error(.outOfMemory, line: firstLine, fieldStart: firstLine, offset: 0)
    }
    let state = UnsafeMutablePointer<ParseState>.allocate(capacity: 1)
    state.initialize(to: initial)
    defer {
      csv_free(parser)
      parser.deallocate()
      state.pointee.release()
      state.deinitialize(count: 1)
      state.deallocate()
    }

    var feeder = Feeder(reader: self, parser: parser, state: state, sourceOffset: prefixSourceOffset)
    try prefix.withUnsafeBytes { try feeder.feed($0, deliver) }
    prefix = []

    if !prefixReachedEnd {
      var raw = [UInt8](repeating: 0, count: options.chunkSize)
      var decoded: [UInt8] = []
      while true {
        let n = try raw.withUnsafeMutableBytes { try source.read(into: $0) }
        if n == 0 { break }
        if var t = transcoder {
          decoded.removeAll(keepingCapacity: true)
          raw.withUnsafeBytes {
            t.transcode(UnsafeRawBufferPointer(rebasing: $0[..<n]), into: &decoded, final: false)
          }
          transcoder = t
          try decoded.withUnsafeBytes { try feeder.feed($0, deliver, sourceLength: n) }
        } else {
          try raw.withUnsafeBytes { try feeder.feed(UnsafeRawBufferPointer(rebasing: $0[..<n]), deliver) }
        }
      }
      if var t = transcoder {
        decoded.removeAll(keepingCapacity: true)
        t.transcode(UnsafeRawBufferPointer(start: nil, count: 0), into: &decoded, final: true)
        transcoder = t
        try decoded.withUnsafeBytes { try feeder.feed($0, deliver, sourceLength: 0) }
      }
    }

    guard state.pointee.reserve(forInput: 1, pending: parser.pointee.entry_pos) else {
      let line = state.pointee.fieldLine
      throw error(.outOfMemory, line: line, fieldStart: line, offset: feeder.sourceOffset)
    }
    let finished = csv_fini(parser, kartlagg_on_field, kartlagg_on_row_end, state)
    if finished != 0 {
      let status = csv_error(parser)
      let line = state.pointee.fieldLine
      if status == CSV_ENOMEM {
        throw error(.outOfMemory, line: line, fieldStart: line, offset: feeder.sourceOffset)
      }
      let inField = CSVReader.lineBreaksInPendingField(parser)
      throw error(.unterminatedQuote, line: line + inField, fieldStart: line, offset: feeder.sourceOffset)
    }
    try feeder.hand(deliver)
  }

  /// Parses decoded bytes chunk by chunk and hands complete records on.
  private struct Feeder {
    let reader: CSVReader
    let parser: UnsafeMutablePointer<csv_parser>
    let state: UnsafeMutablePointer<ParseState>
    /// The file offset of the next byte to be fed.
    var sourceOffset: Int

    /// Hands the records completed so far to `deliver`; a chunk that could not take the
    /// record being read is said as the reader's own running out of memory, here.
    func hand(_ deliver: (UnsafeMutablePointer<ParseState>) throws -> Void) throws {
      do {
        try deliver(state)
      } catch is ChunkOutOfMemory {
        let line = state.pointee.fieldLine
        throw reader.error(.outOfMemory, line: line, fieldStart: line, offset: sourceOffset)
      }
    }

    /// - Parameter sourceLength: how many file bytes `decoded` came from; nil when the
    ///   bytes are the file's own (UTF-8) or the sniffed prefix.
    mutating func feed(
      _ decoded: UnsafeRawBufferPointer, _ deliver: (UnsafeMutablePointer<ParseState>) throws -> Void,
      sourceLength: Int? = nil
    ) throws {
      guard decoded.count > 0 else { return }
      guard state.pointee.reserve(forInput: decoded.count, pending: parser.pointee.entry_pos) else {
        let line = state.pointee.fieldLine
        throw reader.error(.outOfMemory, line: line, fieldStart: line, offset: sourceOffset)
      }
      let n = csv_parse(parser, decoded.baseAddress, decoded.count, kartlagg_on_field, kartlagg_on_row_end, state)
      if state.pointee.out_of_memory != 0 {
        let line = state.pointee.fieldLine
        throw reader.error(.outOfMemory, line: line, fieldStart: line, offset: sourceOffset)
      }
      if n < decoded.count {
        // Deliver the records before the problem, then say where it is.
        try hand(deliver)
        let offset =
          sourceOffset
          + Transcoder.sourceLength(of: decoded, decodedLength: n, encoding: reader.dialect.encoding.encoding)
        let fieldStart = state.pointee.fieldLine
        let line = fieldStart + CSVReader.lineBreaksInPendingField(parser)
        if csv_error(parser) == CSV_ENOMEM {
          throw reader.error(.outOfMemory, line: line, fieldStart: fieldStart, offset: offset)
        }
        let kind: CSVError.Kind =
          parser.pointee.quoted != 0
          ? .characterAfterClosingQuote(CSVReader.describe(decoded, at: n)) : .quoteInUnquotedField
        throw reader.error(kind, line: line, fieldStart: fieldStart, offset: offset)
      }
      sourceOffset +=
        sourceLength
        ?? Transcoder.sourceLength(
          of: decoded, decodedLength: decoded.count, encoding: reader.dialect.encoding.encoding)
      try hand(deliver)
      if parser.pointee.entry_pos > reader.options.maxFieldBytes {
        let line = state.pointee.fieldLine
        throw reader.error(
          .fieldTooLarge(limit: reader.options.maxFieldBytes), line: line, fieldStart: line, offset: sourceOffset)
      }
    }

  }

  fileprivate func error(_ kind: CSVError.Kind, line: Int, fieldStart: Int, offset: Int) -> CSVError {
    CSVError(kind: kind, path: path, line: line, fieldStartLine: fieldStart, byteOffset: offset)
  }

  /// Line breaks inside the field libcsv is still collecting (its `entry_buf`).
  static func lineBreaksInPendingField(_ parser: UnsafeMutablePointer<csv_parser>) -> Int {
    guard let buffer = parser.pointee.entry_buf else { return 0 }
    return kartlagg_line_breaks(buffer, parser.pointee.entry_pos)
  }

  static func describe(_ bytes: UnsafeRawBufferPointer, at i: Int) -> String {
    guard i < bytes.count else { return "end of data" }
    switch bytes[i] {
    case 0x20: return "space"
    case 0x09: return "tab"
    case 0x22: return "quote"
    case let c where c < 0x20 || c == 0x7F: return "control character 0x\(String(c, radix: 16))"
    default:
      let end = min(bytes.count, i + 4)
      let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self)
      return "'\(text.first.map(String.init) ?? "?")'"
    }
  }
}

/// The buffers `kartlagg_on_field` and `kartlagg_on_row_end` (CLibCSVCallbacks) fill.
/// Swift owns the memory (malloc'd, so that the C side can grow `marks`) and does
/// everything but the per-field copy and the per-row bookkeeping.
typealias ParseState = kartlagg_parse_state

extension kartlagg_parse_state {
  /// The state with its first buffers, or nil when they cannot be allocated.
  static func make(line: Int) -> kartlagg_parse_state? {
    var s = kartlagg_parse_state()
    s.line = line
    s.open_line = line
    guard s.grow(bytes: 0, fields: 0) else {
      s.release()
      return nil
    }
    return s
  }

  /// Grows the buffers to hold at least `bytes` bytes and `fields` field ends, and never
  /// below the first sizes (64 KiB, 4 096 ends, 256 records; the C side doubles `marks`).
  /// False, the buffers as they were (each still valid), when memory cannot be had.
  mutating func grow(bytes neededBytes: Int, fields neededFields: Int) -> Bool {
    func grown<T>(_ pointer: UnsafeMutablePointer<T>?, _ capacity: inout Int, _ needed: Int) -> UnsafeMutablePointer<T>?
    {
      guard pointer == nil || capacity < needed else { return pointer }
      var target = max(capacity, 1)
      while target < needed { target *= 2 }
      guard let memory = realloc(pointer, target * MemoryLayout<T>.stride) else { return nil }
      capacity = target
      return memory.assumingMemoryBound(to: T.self)
    }
    guard let b = grown(bytes, &byte_capacity, max(neededBytes, 64 * 1024)) else { return false }
    bytes = b
    guard let e = grown(ends, &field_capacity, max(neededFields, 4096)) else { return false }
    ends = e
    guard let m = grown(marks, &mark_capacity, 256) else { return false }
    marks = m
    return true
  }

  func release() {
    free(bytes)
    free(ends)
    free(marks)
  }

  /// Makes room for everything one `csv_parse` call over `length` bytes can hand over, so
  /// that the C callbacks never check capacity: at most `length + 1` fields (each ends at
  /// a byte of the input, or at `csv_fini`), and at most `length + pending` bytes of text
  /// (unquoting only shrinks text; `pending` is what libcsv holds of an unfinished field).
  /// Returns false, the buffers as they were, when memory cannot be had.
  mutating func reserve(forInput length: Int, pending: Int) -> Bool {
    grow(bytes: byte_count + length + pending, fields: field_count + length + 1)
  }

  /// The `k`th record completed since the last delivery, borrowed from the buffers.
  @inline(__always)
  func record(_ k: Int) -> CSVRecord {
    let mark = marks[k]
    let firstStart = mark.first_field == 0 ? 0 : ends[mark.first_field - 1]
    return CSVRecord(
      line: mark.line, count: mark.field_count, base: bytes, ends: ends + mark.first_field, firstStart: firstStart)
  }

  /// The line on which the next field starts: the last row end's, after the line breaks
  /// inside the open record's finished fields (`kartlagg_on_row_end` adds those to `line`
  /// only when the record ends).
  var fieldLine: Int { line + field_breaks }

  /// The finished fields of the record being read: where their bytes start, and how many
  /// bytes and fields they are.
  var openRecord: (start: Int, bytes: Int, fields: Int) {
    let start = open_first_field == 0 ? 0 : ends[open_first_field - 1]
    return (start, byte_count - start, field_count - open_first_field)
  }

  /// Moves the finished fields of the record being read in `source`'s buffers to the front
  /// of these buffers, which must hold them, and forgets the records before it. `source`
  /// is this state itself (`compact`: the fields move down in place) or the buffers a
  /// chunk has just taken over (`CSVChunk.take`).
  mutating func keepOpenRecord(of source: kartlagg_parse_state) {
    let open = source.openRecord
    if open.bytes > 0 { memmove(bytes, source.bytes + open.start, open.bytes) }
    for k in 0..<open.fields { ends[k] = source.ends[source.open_first_field + k] - open.start }
    byte_count = open.bytes
    field_count = open.fields
    open_first_field = 0
    mark_count = 0
  }

  /// Drops delivered records and moves the record still being read to the front.
  mutating func compact() { keepOpenRecord(of: self) }
}
