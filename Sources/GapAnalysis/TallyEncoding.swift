/// A tally as bytes, for a store of survey rounds: only what the figures need, the
/// counters, and never a respondent. A file's tally is sparse (its municipality's cells
/// only), so each counter array is written as its non-zero entries: the gap to the
/// previous one and the count, both as LEB128 varints.
///
///     "KTL2"  cells  block  sections  tags          (varints: the layout it was made for)
///     4 × [ entries  (gap, count)… ]                 counters, respondents, per section, per tag
///
/// Free text is never encoded. Decoding checks the layout, every index and the end, so
/// bytes made for another survey definition, cut short or running past their counters
/// are an error.
///
/// "KTL1" is the same for the layout before "okänd kommun" was a place (kartlagg 0.4 and
/// earlier: per cell the municipalities and the county-wide, `TallyLayout.
/// cellCountWithoutUnknownMunicipality` cells). Such bytes are still read: each of their
/// cells is added to the cell that is now the same place and values, and "okänd kommun"
/// stays empty, as it was then.
extension Tally {
  public struct DecodingError: Error, CustomStringConvertible {
    public var description: String
  }

  static let magic: [UInt8] = Array("KTL2".utf8)
  /// The layout without "okänd kommun".
  static let magicWithoutUnknownMunicipality: [UInt8] = Array("KTL1".utf8)

  public func encoded() -> [UInt8] {
    var out = Self.magic
    for n in [layout.cellCount, layout.blockSize, layout.survey.sections.count, layout.tagValues.count] {
      Self.append(n, to: &out)
    }
    func sparse(_ count: Int, _ value: (Int) -> Int) {
      var entries: [(Int, Int)] = []
      for i in 0..<count where value(i) != 0 { entries.append((i, value(i))) }
      Self.append(entries.count, to: &out)
      var previous = -1
      for (i, v) in entries {
        Self.append(i - previous - 1, to: &out)
        Self.append(v, to: &out)
        previous = i
      }
    }
    sparse(low.count) { count($0) }
    sparse(respondents.count) { Int(respondents[$0]) }
    sparse(sectionRespondents.count) { Int(sectionRespondents[$0]) }
    sparse(tagRespondents.count) { Int(tagRespondents[$0]) }
    return out
  }

  public init(layout: TallyLayout, encoded bytes: [UInt8]) throws(DecodingError) {
    self.init(layout: layout)
    try add(encoded: bytes)
  }

  /// Adds a tally's bytes to this one: the same as `merge(Tally(layout:encoded:))`,
  /// without making the whole tally in between. When the bytes are refused, the tally may
  /// hold part of them.
  public mutating func add(encoded bytes: [UInt8]) throws(DecodingError) {
    func fail(_ what: String) -> DecodingError { DecodingError(description: "a stored tally \(what)") }
    let older = bytes.starts(with: Self.magicWithoutUnknownMunicipality)
    guard older || bytes.starts(with: Self.magic) else { throw fail("does not start with KTL2 or KTL1") }
    var reader = ByteReader(bytes: bytes, position: Self.magic.count)
    func next() throws(DecodingError) -> Int {
      do { return try reader.varint() } catch { throw fail(error.words(plural: false)) }
    }
    let layout = self.layout
    let cells = older ? layout.cellCountWithoutUnknownMunicipality : layout.cellCount
    let sections = layout.survey.sections.count
    let tags = layout.tagValues.count
    for expected in [cells, layout.blockSize, sections, tags] {
      guard try next() == expected else { throw fail("was made for another survey definition") }
    }
    // An index into a per-cell array of `width` entries per cell, in this layout.
    func moved(_ index: Int, width: Int) -> Int {
      older ? layout.cell(withoutUnknownMunicipality: index / width) * width + index % width : index
    }
    func entries(_ perCell: Int, _ set: (Int, Int) -> Void) throws(DecodingError) {
      let count = cells * perCell
      let n = try next()
      guard n <= count else { throw fail("has more entries than counters") }
      var index = -1
      for _ in 0..<n {
        index += try next() + 1
        let value = try next()
        guard index < count, value <= Int(UInt32.max) else { throw fail("points past its counters") }
        set(moved(index, width: perCell), value)
      }
    }
    try entries(layout.blockSize) { i, v in
      let total = count(i) + v
      low[i] = UInt8(total & 0xFF)
      high[i] = UInt32(total >> 8)
    }
    try entries(1) { respondents[$0] += UInt32($1) }
    try entries(sections) { sectionRespondents[$0] += UInt32($1) }
    try entries(tags) { tagRespondents[$0] += UInt32($1) }
    guard reader.atEnd else { throw fail("has bytes after its end") }
  }

  /// Writes `value` (not negative) as an LEB128 varint, as `ByteReader.varint()` reads it.
  static func append(_ value: Int, to out: inout [UInt8]) {
    var v = UInt64(value)
    while v >= 0x80 {
      out.append(UInt8(v & 0x7F) | 0x80)
      v >>= 7
    }
    out.append(UInt8(v))
  }
}

/// Writes the stored bytes of a round's figures or a publication: LEB128 varints, single
/// bytes, little-endian doubles and UTF-8 text with its length first, as `ByteReader` reads
/// them.
struct ByteWriter {
  var bytes: [UInt8]

  init(magic: [UInt8]) { bytes = magic }

  mutating func int(_ v: Int) { Tally.append(v, to: &bytes) }

  mutating func byte(_ v: UInt8) { bytes.append(v) }

  mutating func double(_ v: Double) { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }

  mutating func text(_ s: String) {
    int(s.utf8.count)
    bytes += Array(s.utf8)
  }
}

/// Reads the stored bytes of a tally or of a round's figures: LEB128 varints (as
/// `Tally.append(_:to:)` writes them), single bytes, little-endian doubles and UTF-8 text,
/// never past the end.
struct ByteReader {
  enum Failure: Error {
    case cutShort
    case tooLarge

    /// What the bytes did, for a message about "a stored tally" (`plural` false) or
    /// "stored round figures" (true).
    func words(plural: Bool) -> String {
      switch self {
      case .cutShort: plural ? "are cut short" : "is cut short"
      case .tooLarge: plural ? "hold a number too large" : "holds a number too large"
      }
    }
  }

  let bytes: [UInt8]
  var position: Int

  var atEnd: Bool { position == bytes.count }

  mutating func varint() throws(Failure) -> Int {
    var value = 0
    var shift = 0
    while true {
      guard position < bytes.count else { throw .cutShort }
      let b = bytes[position]
      position += 1
      guard shift < 63 else { throw .tooLarge }
      value |= Int(b & 0x7F) << shift
      if b & 0x80 == 0 { return value }
      shift += 7
    }
  }

  mutating func byte() throws(Failure) -> UInt8 {
    guard position < bytes.count else { throw .cutShort }
    position += 1
    return bytes[position - 1]
  }

  mutating func double() throws(Failure) -> Double {
    guard bytes.count - position >= 8 else { throw .cutShort }
    var bits: UInt64 = 0
    for k in 0..<8 { bits |= UInt64(bytes[position + k]) << (8 * k) }
    position += 8
    return Double(bitPattern: bits)
  }

  mutating func text() throws(Failure) -> String {
    let n = try varint()
    guard n <= bytes.count - position else { throw .cutShort }
    position += n
    return String(decoding: bytes[(position - n)..<position], as: UTF8.self)
  }
}
