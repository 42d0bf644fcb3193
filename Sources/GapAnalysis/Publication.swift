import SourceDiagnostics

/// What one report of a round showed, as far as disclosure control needs it: for every
/// measure that suppression protects (the respondents; each item's complete pairs and
/// current-state raters; the respondents behind each roll-up group; each rating or choice
/// item's answers), its count in every tally cell and which scopes showed it. Counts only,
/// never an answer.
///
/// A store keeps one for each report it published (`report --round` without `--draft`).
/// When the same round is reported again, its analysis is given the earlier ones
/// (`AnalysisSettings.earlier`) and `DisclosureControl` hides whatever would let the two
/// publications together give away a group of fewer than the minimum: a late respondent, a
/// corrected file (docs/statistics.md, "Two publications of one round").
public struct Publication: Sendable, Equatable {
  /// Counts per tally cell for each measure of one choice of shown scopes.
  public struct MeasureSet: Sendable, Equatable {
    /// counts[measure][cell].
    public var counts: [[Int]]
    /// Per scope (in `Publication.scopes` order): whether this publication showed it.
    public var shown: [Bool]

    public init(counts: [[Int]], shown: [Bool]) {
      self.counts = counts
      self.shown = shown
    }
  }

  /// The minimum group size the publication was made with.
  public var minimumGroupSize: Int
  public var cellCount: Int
  /// `Scope.id(in:)` of every scope, in the analysis' order.
  public var scopes: [String]
  /// Keyed `respondents`, `paired/<item id>`, `group/<group id>`, `single/<item id>`.
  public var measures: [String: MeasureSet]

  public init(minimumGroupSize: Int, cellCount: Int, scopes: [String], measures: [String: MeasureSet]) {
    self.minimumGroupSize = minimumGroupSize
    self.cellCount = cellCount
    self.scopes = scopes
    self.measures = measures
  }

  /// Per scope (in `scopes` order): whether any measure of it was shown.
  public var shownAnywhere: [Bool] {
    measures.values.reduce(into: [Bool](repeating: false, count: scopes.count)) { any, set in
      for (s, shown) in set.shown.enumerated() where shown && s < any.count { any[s] = true }
    }
  }

  /// This publication in the terms of an analysis of `layout`: itself when it was made with
  /// the same cells and scopes; one made before "okänd kommun" was a place (kartlagg 0.4
  /// and earlier) moved onto today's cells, where okänd kommun's cells were empty then and
  /// its scopes not shown; nil when it was made with other municipalities or groups.
  public func fitted(to layout: TallyLayout) -> Publication? {
    let survey = layout.survey
    let scopesNow = Analysis.scopes(of: survey)
    let ids = scopesNow.map { $0.id(in: survey) }
    if cellCount == layout.cellCount && scopes == ids { return self }
    guard cellCount == layout.cellCountWithoutUnknownMunicipality,
      scopes == scopesNow.filter({ !$0.isUnknownMunicipality }).map({ $0.id(in: survey) })
    else { return nil }
    let position = Dictionary(uniqueKeysWithValues: scopes.enumerated().map { ($1, $0) })
    var moved = Publication(minimumGroupSize: minimumGroupSize, cellCount: layout.cellCount, scopes: ids, measures: [:])
    for (key, set) in measures {
      let counts = set.counts.map { row in
        var now = [Int](repeating: 0, count: layout.cellCount)
        for (cell, count) in row.enumerated() { now[layout.cell(withoutUnknownMunicipality: cell)] = count }
        return now
      }
      let shown = ids.map { id in position[id].map { set.shown[$0] } ?? false }
      moved.measures[key] = MeasureSet(counts: counts, shown: shown)
    }
    return moved
  }

  // MARK: Bytes

  /// A stored publication that cannot be read, said in the run's language (a Swedish run
  /// says it inside its own Swedish sentence): what is wrong with the bytes, or that it was
  /// made with other places or groups than the report's.
  public enum DecodingError: Error, Sendable, Equatable, CustomStringConvertible, Localized {
    /// The bytes do not start with "KPB1".
    case notAPublication
    /// They end inside a value.
    case cutShort
    /// A number too large for this machine.
    case numberTooLarge
    /// A count of cells, scopes or measures larger than the bytes could hold.
    case countTooLarge(Counted)
    /// Bytes after the last measure.
    case bytesAfterEnd
    /// Publication `id` of `date` was made with other municipalities or groups.
    case otherPlaces(id: Int64, date: String)

    public enum Counted: Sendable, Equatable { case cells, scopes, measures }

    init(_ failure: ByteReader.Failure) {
      switch failure {
      case .cutShort: self = .cutShort
      case .tooLarge: self = .numberTooLarge
      }
    }

    public var description: String { english }

    public var swedish: String {
      switch self {
      case .notAPublication: "en lagrad publicering börjar inte med KPB1"
      case .cutShort: "en lagrad publicering är avkortad"
      case .numberTooLarge: "en lagrad publicering rymmer ett för stort tal"
      case .countTooLarge(let what):
        "en lagrad publicering räknar fler \(what == .cells ? "celler" : what == .scopes ? "grupper" : "mått") än den rymmer"
      case .bytesAfterEnd: "en lagrad publicering har bytes efter sitt slut"
      case .otherPlaces(let id, let date):
        "publicering \(id) från \(date) gjordes med andra kommuner eller grupper"
      }
    }

    public var english: String {
      switch self {
      case .notAPublication: "a stored publication does not start with KPB1"
      case .cutShort: "a stored publication is cut short"
      case .numberTooLarge: "a stored publication holds a number too large"
      case .countTooLarge(let what):
        "a stored publication counts more \(what == .cells ? "cells" : what == .scopes ? "scopes" : "measures") than it holds"
      case .bytesAfterEnd: "a stored publication has bytes after its end"
      case .otherPlaces(let id, let date):
        "publication \(id) of \(date) was made with other municipalities or groups"
      }
    }
  }

  static let magic: [UInt8] = Array("KPB1".utf8)

  /// "KPB1", the minimum, the cell count, the scope ids, then each measure set in key
  /// order: its key, its number of measures, each measure's counts per cell, and the shown
  /// scopes as one byte each (counts and strings as LEB128 varints).
  public func encoded() -> [UInt8] {
    var out = ByteWriter(magic: Self.magic)
    out.int(minimumGroupSize)
    out.int(cellCount)
    out.int(scopes.count)
    for s in scopes { out.text(s) }
    out.int(measures.count)
    for key in measures.keys.sorted() {
      let set = measures[key]!
      out.text(key)
      out.int(set.counts.count)
      for row in set.counts { for v in row { out.int(v) } }
      for shown in set.shown { out.byte(shown ? 1 : 0) }
    }
    return out.bytes
  }

  public init(encoded bytes: [UInt8]) throws(DecodingError) {
    guard bytes.starts(with: Self.magic) else { throw .notAPublication }
    var reader = ByteReader(bytes: bytes, position: Self.magic.count)
    func read<T>(_ next: (inout ByteReader) throws(ByteReader.Failure) -> T) throws(DecodingError) -> T {
      do { return try next(&reader) } catch { throw DecodingError(error) }
    }
    func int() throws(DecodingError) -> Int { try read { r throws(ByteReader.Failure) in try r.varint() } }
    func byte() throws(DecodingError) -> UInt8 { try read { r throws(ByteReader.Failure) in try r.byte() } }
    func text() throws(DecodingError) -> String { try read { r throws(ByteReader.Failure) in try r.text() } }
    func count(_ what: DecodingError.Counted) throws(DecodingError) -> Int {
      let n = try int()
      guard n <= bytes.count else { throw .countTooLarge(what) }
      return n
    }
    minimumGroupSize = try int()
    cellCount = try count(.cells)
    let scopeCount = try count(.scopes)
    scopes = []
    for _ in 0..<scopeCount { scopes.append(try text()) }
    let setCount = try count(.measures)
    measures = [:]
    for _ in 0..<setCount {
      let key = try text()
      let k = try count(.measures)
      var counts: [[Int]] = []
      for _ in 0..<k {
        var row: [Int] = []
        row.reserveCapacity(cellCount)
        for _ in 0..<cellCount { row.append(try int()) }
        counts.append(row)
      }
      var shown: [Bool] = []
      for _ in 0..<scopeCount { shown.append(try byte() != 0) }
      measures[key] = MeasureSet(counts: counts, shown: shown)
    }
    guard reader.atEnd else { throw .bytesAfterEnd }
  }
}
