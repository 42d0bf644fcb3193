import CLibCSV

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

  init(source: ByteSource, name: String?, options: CSVReadOptions) throws {
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
      // A file exactly one window long: find out now, so that detection knows.
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
    csv_set_space_func(parser) { _ in 0 }
    let state = UnsafeMutablePointer<ParseState>.allocate(capacity: 1)
    state.initialize(to: ParseState(line: firstLine))
    defer {
      csv_free(parser)
      parser.deallocate()
      state.pointee.release()
      state.deinitialize(count: 1)
      state.deallocate()
    }

    var feeder = Feeder(reader: self, parser: parser, state: state, sourceOffset: prefixSourceOffset)
    try prefix.withUnsafeBytes { try feeder.feed($0, body) }
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
          try decoded.withUnsafeBytes { try feeder.feed($0, body, sourceLength: n) }
        } else {
          try raw.withUnsafeBytes { try feeder.feed(UnsafeRawBufferPointer(rebasing: $0[..<n]), body) }
        }
      }
      if var t = transcoder {
        decoded.removeAll(keepingCapacity: true)
        t.transcode(UnsafeRawBufferPointer(start: nil, count: 0), into: &decoded, final: true)
        transcoder = t
        try decoded.withUnsafeBytes { try feeder.feed($0, body, sourceLength: 0) }
      }
    }

    if csv_fini(parser, CSVReader.onField, CSVReader.onRowEnd, state) != 0 {
      let status = csv_error(parser)
      let line = state.pointee.line
      if status == CSV_ENOMEM {
        throw error(.outOfMemory, line: line, fieldStart: line, offset: feeder.sourceOffset)
      }
      let inField = CSVReader.lineBreaksInPendingField(parser)
      throw error(.unterminatedQuote, line: line + inField, fieldStart: line, offset: feeder.sourceOffset)
    }
    try feeder.deliver(body)
  }

  /// Parses decoded bytes chunk by chunk and hands complete records on.
  private struct Feeder {
    let reader: CSVReader
    let parser: UnsafeMutablePointer<csv_parser>
    let state: UnsafeMutablePointer<ParseState>
    /// The file offset of the next byte to be fed.
    var sourceOffset: Int

    /// - Parameter sourceLength: how many file bytes `decoded` came from; nil when the
    ///   bytes are the file's own (UTF-8) or the sniffed prefix.
    mutating func feed(
      _ decoded: UnsafeRawBufferPointer, _ body: (CSVRecord) throws -> Void, sourceLength: Int? = nil
    ) throws {
      guard decoded.count > 0 else { return }
      let n = csv_parse(parser, decoded.baseAddress, decoded.count, CSVReader.onField, CSVReader.onRowEnd, state)
      if n < decoded.count {
        // Deliver the records before the problem, then say where it is.
        try deliver(body)
        let offset =
          sourceOffset
          + Transcoder.sourceLength(of: decoded, decodedLength: n, encoding: reader.dialect.encoding.encoding)
        let fieldStart = state.pointee.line
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
        ?? Transcoder.sourceLength(of: decoded, decodedLength: decoded.count, encoding: reader.dialect.encoding.encoding)
      try deliver(body)
      if parser.pointee.entry_pos > reader.options.maxFieldBytes {
        let line = state.pointee.line
        throw reader.error(
          .fieldTooLarge(limit: reader.options.maxFieldBytes), line: line, fieldStart: line, offset: sourceOffset)
      }
    }

    func deliver(_ body: (CSVRecord) throws -> Void) throws {
      let s = state
      defer { s.pointee.compact() }
      for k in 0..<s.pointee.markCount {
        let mark = s.pointee.marks[k]
        let firstStart = mark.firstField == 0 ? 0 : s.pointee.ends[mark.firstField - 1]
        try body(
          CSVRecord(
            line: mark.line, count: mark.fieldCount, base: s.pointee.bytes,
            ends: s.pointee.ends + mark.firstField, firstStart: firstStart))
      }
    }
  }

  fileprivate func error(_ kind: CSVError.Kind, line: Int, fieldStart: Int, offset: Int) -> CSVError {
    CSVError(kind: kind, path: path, line: line, fieldStartLine: fieldStart, byteOffset: offset)
  }

  /// Line breaks inside the field libcsv is still collecting (its `entry_buf`).
  static func lineBreaksInPendingField(_ parser: UnsafeMutablePointer<csv_parser>) -> Int {
    guard let buffer = parser.pointee.entry_buf else { return 0 }
    return ParseState.lineBreaks(UnsafePointer(buffer), parser.pointee.entry_pos)
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

  static let onField: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = {
    field, length, data in
    data.unsafelyUnwrapped.assumingMemoryBound(to: ParseState.self).pointee.appendField(field, length)
  }

  static let onRowEnd: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { terminator, data in
    data.unsafelyUnwrapped.assumingMemoryBound(to: ParseState.self).pointee.endRow(terminator)
  }
}

/// Where a record's fields are in `ParseState.ends`.
struct RecordMark {
  var firstField: Int
  var fieldCount: Int
  var line: Int
}

/// The buffers libcsv's callbacks fill, reached through `void *data`. Trivial (no
/// references), so the callbacks cost no reference counting.
struct ParseState {
  var bytes: UnsafeMutablePointer<UInt8>
  var byteCount = 0
  var byteCapacity = 64 * 1024
  var ends: UnsafeMutablePointer<Int>
  var fieldCount = 0
  var fieldCapacity = 4096
  var marks: UnsafeMutablePointer<RecordMark>
  var markCount = 0
  var markCapacity = 256
  var openFirstField = 0
  var recordOpen = false
  /// The physical line of the next byte libcsv will hand over.
  var line: Int
  var openLine = 0
  /// The last thing libcsv reported was a row end by CR: an LF right after it is CRLF.
  var lastWasCR = false

  init(line: Int) {
    self.line = line
    bytes = .allocate(capacity: byteCapacity)
    ends = .allocate(capacity: fieldCapacity)
    marks = .allocate(capacity: markCapacity)
  }

  func release() {
    bytes.deallocate()
    ends.deallocate()
    marks.deallocate()
  }

  @inline(__always)
  mutating func appendField(_ field: UnsafeMutableRawPointer?, _ length: Int) {
    if !recordOpen {
      recordOpen = true
      openLine = line
      openFirstField = fieldCount
    }
    lastWasCR = false
    if length > 0, let field {
      if byteCount + length > byteCapacity { grow(bytesTo: byteCount + length) }
      let source = field.assumingMemoryBound(to: UInt8.self)
      (bytes + byteCount).update(from: source, count: length)
      byteCount += length
      line += ParseState.lineBreaks(source, length)
    }
    if fieldCount == fieldCapacity { growFields() }
    ends[fieldCount] = byteCount
    fieldCount += 1
  }

  @inline(__always)
  mutating func endRow(_ terminator: Int32) {
    if recordOpen {
      if markCount == markCapacity { growMarks() }
      marks[markCount] = RecordMark(firstField: openFirstField, fieldCount: fieldCount - openFirstField, line: openLine)
      markCount += 1
      recordOpen = false
    }
    switch terminator {
    case 10:
      if !lastWasCR { line += 1 }
      lastWasCR = false
    case 13:
      line += 1
      lastWasCR = true
    default:
      lastWasCR = false
    }
  }

  /// Physical line breaks in field text: LF, CRLF and a lone CR each count once.
  @inline(__always)
  static func lineBreaks(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
    var k = 0
    var i = 0
    while i < n {
      let c = p[i]
      if c <= 13 {
        if c == 10 {
          k += 1
        } else if c == 13, i + 1 == n || p[i + 1] != 10 {
          k += 1
        }
      }
      i += 1
    }
    return k
  }

  /// Drops delivered records and moves the record still being read to the front.
  mutating func compact() {
    markCount = 0
    guard recordOpen else {
      byteCount = 0
      fieldCount = 0
      return
    }
    let start = openFirstField == 0 ? 0 : ends[openFirstField - 1]
    let keptBytes = byteCount - start
    if start > 0 {
      bytes.update(from: bytes + start, count: keptBytes)
    }
    let keptFields = fieldCount - openFirstField
    for k in 0..<keptFields { ends[k] = ends[openFirstField + k] - start }
    byteCount = keptBytes
    fieldCount = keptFields
    openFirstField = 0
  }

  private mutating func grow(bytesTo needed: Int) {
    var capacity = byteCapacity
    while capacity < needed { capacity *= 2 }
    let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    bigger.update(from: bytes, count: byteCount)
    bytes.deallocate()
    bytes = bigger
    byteCapacity = capacity
  }

  private mutating func growFields() {
    let bigger = UnsafeMutablePointer<Int>.allocate(capacity: fieldCapacity * 2)
    bigger.update(from: ends, count: fieldCount)
    ends.deallocate()
    ends = bigger
    fieldCapacity *= 2
  }

  private mutating func growMarks() {
    let bigger = UnsafeMutablePointer<RecordMark>.allocate(capacity: markCapacity * 2)
    bigger.update(from: marks, count: markCount)
    marks.deallocate()
    marks = bigger
    markCapacity *= 2
  }
}
