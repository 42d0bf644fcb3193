import SurveyModel

/// Each respondent's counted answers as one 64-bit number, per tally cell: what tells
/// whether two rounds share respondents, without keeping any respondent (docs/statistics.md,
/// "Respondents shared by two rounds").
///
/// A respondent's *print* sums a mixed hash of each answer that the tally counts — a paired
/// item's current and desired point, a rating's point, a choice — keyed by the item's id,
/// so it does not depend on the order of the rows or the columns, the file's format, the
/// respondent id or free text, and an answer the tally ignores does not change it. Two
/// respondents with the same print in the same cell add the same counts to every figure;
/// two different answers share a print by chance about once in 2⁶⁴. The cell is kept as a
/// key of the municipality's code and the dimensions' value ids
/// (`TallyLayout.cellKey(_:)`), so that rounds of different definitions compare where they
/// name the same groups.
///
/// A print tells nothing a tally of the same respondents would not, but it is kept per
/// respondent: like a file's tally, it is deleted with its file or round, and a
/// publication keeps the prints of what it published for as long as the round.
public struct RowPrints: Sendable, Equatable {
  /// Per cell key, its respondents' prints, sorted.
  public private(set) var cells: [String: [UInt64]]

  public init() { cells = [:] }

  /// The prints a tally kept (`Tally(layout:keepPrints: true)`).
  public init(_ tally: Tally) {
    var cells: [String: [UInt64]] = [:]
    for (cell, print) in tally.prints { cells[tally.layout.cellKey(Int(cell)), default: []].append(print) }
    self.cells = cells.mapValues { $0.sorted() }
  }

  /// The respondents counted.
  public var count: Int { cells.values.reduce(0) { $0 + $1.count } }

  public mutating func merge(_ other: RowPrints) {
    for (key, prints) in other.cells { cells[key] = (cells[key, default: []] + prints).sorted() }
  }

  /// Per cell of `layout`, how many respondents the two hold in common (the smaller
  /// multiplicity of each print) and how many are in one but not the other. Cells whose key
  /// `layout` does not have are left out.
  public func compared(with other: RowPrints, layout: TallyLayout) -> (shared: [Int], difference: [Int]) {
    var shared = [Int](repeating: 0, count: layout.cellCount)
    var difference = [Int](repeating: 0, count: layout.cellCount)
    for cell in 0..<layout.cellCount {
      let key = layout.cellKey(cell)
      let a = cells[key] ?? []
      let b = other.cells[key] ?? []
      guard !a.isEmpty || !b.isEmpty else { continue }
      // Both sorted: count the common elements with their multiplicities.
      var (i, j, common) = (0, 0, 0)
      while i < a.count && j < b.count {
        if a[i] == b[j] {
          common += 1
          i += 1
          j += 1
        } else if a[i] < b[j] {
          i += 1
        } else {
          j += 1
        }
      }
      shared[cell] = common
      difference[cell] = a.count + b.count - 2 * common
    }
    return (shared, difference)
  }

  // MARK: Bytes

  static let magic: [UInt8] = Array("KRP1".utf8)

  /// "KRP1", the number of cells, then per cell in key order its key, its number of prints
  /// and each print as 8 little-endian bytes.
  public func encoded() -> [UInt8] {
    var out = ByteWriter(magic: Self.magic)
    out.int(cells.count)
    for key in cells.keys.sorted() {
      out.text(key)
      let prints = cells[key]!
      out.int(prints.count)
      for p in prints { withUnsafeBytes(of: p.littleEndian) { out.bytes += $0 } }
    }
    return out.bytes
  }

  public init(encoded bytes: [UInt8]) throws(Tally.DecodingError) {
    func fail(_ what: String) -> Tally.DecodingError { Tally.DecodingError(description: "stored row prints \(what)") }
    guard bytes.starts(with: Self.magic) else { throw fail("do not start with KRP1") }
    var reader = ByteReader(bytes: bytes, position: Self.magic.count)
    var cells: [String: [UInt64]] = [:]
    do {
      let n = try reader.varint()
      guard n <= bytes.count else { throw fail("count more cells than they hold") }
      for _ in 0..<n {
        let key = try reader.text()
        let k = try reader.varint()
        guard k <= (bytes.count - reader.position) / 8 else { throw fail("are cut short") }
        var prints: [UInt64] = []
        prints.reserveCapacity(k)
        for _ in 0..<k {
          var p: UInt64 = 0
          for b in 0..<8 { p |= UInt64(try reader.byte()) << (8 * UInt64(b)) }
          prints.append(p)
        }
        cells[key] = prints.sorted()
      }
    } catch let failure as ByteReader.Failure {
      throw fail(failure.words(plural: true))
    } catch let failure as Tally.DecodingError {
      throw failure
    } catch {
      throw fail("cannot be read")
    }
    guard reader.atEnd else { throw fail("have bytes after their end") }
    self.cells = cells
  }
}

extension TallyLayout {
  /// A cell named as a round of any definition names it: the municipality's code ("*" for
  /// county-wide respondents, "?" for okänd kommun), then each dimension's value id ("?"
  /// when unknown), joined by U+001F.
  public func cellKey(_ cell: Int) -> String {
    let (m, dims) = describe(cell: cell)
    let place: String =
      switch m {
      case nil: "*"
      case Response.unknownMunicipality?: "?"
      case let index?: survey.county.municipalities[index].code
      }
    let values = dims.enumerated().map { d, v in v.map { survey.dimensions[d].values[$0].id } ?? "?" }
    return ([place] + values).joined(separator: "\u{1F}")
  }

  /// FNV-1a (64 bits) of a text: stable across processes and machines, unlike `Hasher`.
  static func stableHash(_ text: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in text.utf8 {
      h ^= UInt64(b)
      h = h &* 0x0000_0100_0000_01b3
    }
    return h
  }

  /// SplitMix64's finaliser: spreads every bit of `x` over the result.
  @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9e37_79b9_7f4a_7c15
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }
}
