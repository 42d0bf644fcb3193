/// What a later round's follow-up needs from an earlier round: the figures that round's
/// report shows, and nothing else. Its items (id and scale), its scopes (stable id, type
/// and name), its roll-up groups (stable id), and, where the report shows them, each
/// item's n, current, desired and gap mean and the gap's standard deviation per scope, and
/// each group's mean gap per scope. A hidden figure is not there at all, so nothing made
/// from these can reveal a group hidden in that round.
///
/// A store keeps them beside a round's tallies (`encoded()`), so that reporting round 10
/// does not analyse rounds 1 to 9 again; they are made from the round's merged tally by the
/// same analysis (`init(_:)`), and made again from the tallies whenever they are missing or
/// were made with another minimum group size or another `version`.
public struct RoundFigures: Sendable, Equatable {
  /// Bumped whenever what the analysis shows or hides could change (the disclosure rules,
  /// the figures kept): stored figures of another version are not used.
  public static let version = 1

  public struct Item: Sendable, Equatable {
    public var id: String
    /// The statement, as that round's definition words it.
    public var text: String
    public var points: [Int]
  }

  public struct ScopeInfo: Sendable, Equatable {
    /// `Scope.id(in:)`, `Scope.type(in:)`, `Scope.name(in:)`.
    public var id: String
    public var type: String
    public var name: String
  }

  public struct Figure: Sendable, Equatable {
    public var n: Int
    public var currentMean: Double?
    public var desiredMean: Double?
    public var gapMean: Double
    public var gapSD: Double?
  }

  public var minimumGroupSize: Int
  public var items: [Item]
  public var scopes: [ScopeInfo]
  /// `GapResults.groupID(_:)` of each roll-up group, in the round's order.
  public var groups: [String]
  /// figures[scope][item]: nil where the round does not show the figure.
  public var figures: [[Figure?]]
  /// rollUps[scope][group]: the group's mean gap, nil where not shown.
  public var rollUps: [[Double?]]

  /// The figures of a round analysed in full.
  public init(_ results: GapResults) {
    minimumGroupSize = results.minimumGroupSize
    items = results.pairedItems.map { Item(id: $0.id, text: $0.text, points: $0.points) }
    let survey = results.survey
    scopes = results.scopes.map {
      ScopeInfo(id: $0.id(in: survey), type: $0.type(in: survey), name: $0.name(in: survey))
    }
    groups = (results.rollUps[.county] ?? []).map { results.groupID($0.group) }
    figures = results.scopes.map { scope in
      results.items[scope]!.map { g in
        guard !g.suppressed, let n = g.n, let gap = g.gapMean else { return nil }
        return Figure(n: n, currentMean: g.currentMean, desiredMean: g.desiredMean, gapMean: gap, gapSD: g.gapSD)
      }
    }
    rollUps = results.scopes.map { scope in
      results.rollUps[scope]!.map { $0.suppressed ? nil : $0.gapMean }
    }
  }

  // MARK: Bytes

  public struct DecodingError: Error, CustomStringConvertible {
    public var description: String
  }

  static let magic: [UInt8] = Array("KRF1".utf8)

  /// "KRF1", `version`, the minimum group size, then the items, scopes and groups (counts
  /// and UTF-8 strings as LEB128 varints), then per scope each item's figure and each
  /// group's mean: a presence byte, then the values (doubles as their 8 bytes, little
  /// endian; an absent optional as a presence bit).
  public func encoded() -> [UInt8] {
    var out = ByteWriter(magic: Self.magic)
    out.int(Self.version)
    out.int(minimumGroupSize)
    out.int(items.count)
    for item in items {
      out.text(item.id)
      out.text(item.text)
      out.int(item.points.count)
      for p in item.points { out.int(p - Int(Int32.min)) }
    }
    out.int(scopes.count)
    for scope in scopes {
      out.text(scope.id)
      out.text(scope.type)
      out.text(scope.name)
    }
    out.int(groups.count)
    for group in groups { out.text(group) }
    for (s, row) in figures.enumerated() {
      for figure in row {
        guard let figure else {
          out.byte(0)
          continue
        }
        out.byte(
          1 | (figure.currentMean == nil ? 0 : 2) | (figure.desiredMean == nil ? 0 : 4) | (figure.gapSD == nil ? 0 : 8))
        out.int(figure.n)
        for v in [figure.currentMean, figure.desiredMean, figure.gapMean, figure.gapSD] { if let v { out.double(v) } }
      }
      for mean in rollUps[s] {
        out.byte(mean == nil ? 0 : 1)
        if let mean { out.double(mean) }
      }
    }
    return out.bytes
  }

  /// Figures from `encoded()` bytes; nil when they were made by another `version` (they
  /// are then made again from the tallies).
  public init?(encoded bytes: [UInt8]) throws(DecodingError) {
    func fail(_ what: String) -> DecodingError { DecodingError(description: "stored round figures \(what)") }
    guard bytes.starts(with: Self.magic) else { throw fail("do not start with KRF1") }
    var reader = ByteReader(bytes: bytes, position: Self.magic.count)
    func read<T>(_ next: (inout ByteReader) throws(ByteReader.Failure) -> T) throws(DecodingError) -> T {
      do { return try next(&reader) } catch { throw fail(error.words(plural: true)) }
    }
    func int() throws(DecodingError) -> Int { try read { r throws(ByteReader.Failure) in try r.varint() } }
    func byte() throws(DecodingError) -> UInt8 { try read { r throws(ByteReader.Failure) in try r.byte() } }
    func double() throws(DecodingError) -> Double { try read { r throws(ByteReader.Failure) in try r.double() } }
    func text() throws(DecodingError) -> String { try read { r throws(ByteReader.Failure) in try r.text() } }
    guard try int() == Self.version else { return nil }
    minimumGroupSize = try int()
    let itemCount = try int()
    guard itemCount <= bytes.count else { throw fail("count more items than they hold") }
    items = []
    for _ in 0..<itemCount {
      let id = try text()
      let words = try text()
      let k = try int()
      guard k <= bytes.count else { throw fail("count more scale points than they hold") }
      var points: [Int] = []
      for _ in 0..<k { points.append(try int() + Int(Int32.min)) }
      items.append(Item(id: id, text: words, points: points))
    }
    let scopeCount = try int()
    guard scopeCount <= bytes.count else { throw fail("count more scopes than they hold") }
    scopes = []
    for _ in 0..<scopeCount { scopes.append(ScopeInfo(id: try text(), type: try text(), name: try text())) }
    let groupCount = try int()
    guard groupCount <= bytes.count else { throw fail("count more groups than they hold") }
    groups = []
    for _ in 0..<groupCount { groups.append(try text()) }
    figures = []
    rollUps = []
    for _ in 0..<scopeCount {
      var row: [Figure?] = []
      for _ in 0..<itemCount {
        let flags = try byte()
        guard flags & 1 == 1 else {
          row.append(nil)
          continue
        }
        let n = try int()
        let current = flags & 2 == 0 ? nil : try double()
        let desired = flags & 4 == 0 ? nil : try double()
        let gap = try double()
        let sd = flags & 8 == 0 ? nil : try double()
        row.append(Figure(n: n, currentMean: current, desiredMean: desired, gapMean: gap, gapSD: sd))
      }
      figures.append(row)
      var means: [Double?] = []
      for _ in 0..<groupCount { means.append(try byte() == 0 ? nil : try double()) }
      rollUps.append(means)
    }
    guard reader.atEnd else { throw fail("have bytes after their end") }
  }
}
