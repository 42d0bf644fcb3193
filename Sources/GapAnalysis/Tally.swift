import SurveyModel

/// Where each figure lives in a `Tally`: the cells of the respondent dimensions and, per
/// item, a block of counts. Built once per survey and shared by every tally of a run.
public final class TallyLayout: Sendable {
  public let survey: Survey

  /// A paired item: the joint histogram of (current, desired) over the scale's points
  /// (k × k counts), then current answered alone (k), then desired answered alone (k).
  public struct Paired: Sendable {
    public let section: Int
    public let item: Int
    public let id: String
    public let currentSlot: Int
    public let desiredSlot: Int
    /// The scale's point values, ascending.
    public let points: [Int]
    let offset: Int
    /// Flat indices (vocabulary-major) of the tag values the item carries.
    public let tagValues: [Int]
  }

  /// A rating or choice item: one count per scale point or option.
  public struct Single: Sendable {
    public let section: Int
    public let item: Int
    public let id: String
    public let slot: Int
    /// Scale point values (rating) or option indices 0..<count (choice), ascending.
    public let points: [Int]
    public let isChoice: Bool
    let offset: Int
  }

  public let paired: [Paired]
  public let singles: [Single]
  /// Counts per cell.
  let blockSize: Int
  /// Cells: place × each dimension's values (unknown last), mixed radix with the place
  /// fastest. The places are the municipalities, then the county-wide respondents, then
  /// "okänd kommun" (a blank municipality cell).
  public let municipalityCount: Int
  public let dimensionSizes: [Int]
  public let cellCount: Int
  /// Tag values, flattened: (vocabulary index, value index) per flat index.
  public let tagValues: [(vocabulary: Int, value: Int)]
  /// Per single item: where its scale starts in `flatPoints` (-1 for a choice item).
  private let singleScaleStart: [Int]
  /// Per paired item, then per single item: the stable hash of its id that a respondent's
  /// print mixes its answers with (`RowPrints`).
  let printKeys: [UInt64]

  public init(survey: Survey) {
    self.survey = survey
    var tagValues: [(Int, Int)] = []
    var tagIndex: [String: Int] = [:]
    for (v, vocabulary) in survey.tagVocabularies.enumerated() {
      for (i, value) in vocabulary.values.enumerated() {
        tagIndex[vocabulary.id + "\u{1F}" + value.id] = tagValues.count
        tagValues.append((v, i))
      }
    }
    self.tagValues = tagValues

    var scales: [[Int]] = []
    var scaleIDs: [String] = []
    func scaleIndex(_ points: [Int], _ id: String) -> Int {
      if let i = scaleIDs.firstIndex(of: id) { return i }
      scaleIDs.append(id)
      scales.append(points)
      return scales.count - 1
    }
    var paired: [Paired] = []
    var singles: [Single] = []
    var pairedScale: [Int] = []
    var singleScale: [Int] = []
    var offset = 0
    let slots = survey.slots
    for (s, section) in survey.sections.enumerated() {
      for (i, item) in section.items.enumerated() {
        let itemSlots = slots.indices.filter { slots[$0].section == s && slots[$0].item == i }
        switch item.kind {
        case .paired(let scaleID, _, _):
          let points = survey.scale(id: scaleID)!.points.map(\.value).sorted()
          let k = points.count
          let tags = item.tags.flatMap { vocabulary, values in
            values.compactMap { tagIndex[vocabulary + "\u{1F}" + $0] }
          }
          paired.append(
            Paired(
              section: s, item: i, id: item.id, currentSlot: itemSlots[0], desiredSlot: itemSlots[1], points: points,
              offset: offset, tagValues: tags.sorted()))
          pairedScale.append(scaleIndex(points, scaleID))
          offset += k * k + 2 * k
        case .rating(let scaleID, _):
          let points = survey.scale(id: scaleID)!.points.map(\.value).sorted()
          singles.append(
            Single(
              section: s, item: i, id: item.id, slot: itemSlots[0], points: points, isChoice: false, offset: offset))
          singleScale.append(scaleIndex(points, scaleID))
          offset += points.count
        case .choice(let options, _, _):
          singles.append(
            Single(
              section: s, item: i, id: item.id, slot: itemSlots[0], points: Array(0..<options.count), isChoice: true,
              offset: offset))
          singleScale.append(-1)
          offset += options.count
        case .text:
          continue
        }
      }
    }
    self.paired = paired
    self.singles = singles
    blockSize = offset
    municipalityCount = survey.county.municipalities.count
    dimensionSizes = survey.dimensions.map { $0.values.count + 1 }
    cellCount = dimensionSizes.reduce(municipalityCount + 2, *)
    let pointMinimum = scales.map { $0.first ?? 0 }
    let pointIndex: [[Int16]] = scales.map { points in
      guard let low = points.first, let high = points.last else { return [] }
      var table = [Int16](repeating: -1, count: high - low + 1)
      for (i, v) in points.enumerated() { table[v - low] = Int16(i) }
      return table
    }
    let scaleStart: [Int32]
    (flat, flatTags, flatPoints, scaleStart) = Self.flatten(paired, pairedScale, pointIndex, pointMinimum)
    singleScaleStart = singleScale.map { $0 >= 0 ? Int(scaleStart[$0]) : -1 }
    printKeys =
      paired.map { TallyLayout.stableHash("paired\u{1F}" + $0.id) }
      + singles.map { TallyLayout.stableHash(($0.isChoice ? "choice\u{1F}" : "rating\u{1F}") + $0.id) }
    maskedSections = min(survey.sections.count, 64)
    maskedTags = min(tagValues.count, 128)
    var masks: [UInt64] = []
    for group in stride(from: 0, to: paired.count, by: 64) {
      var sectionMasks = [UInt64](repeating: 0, count: maskedSections)
      var tagMasks = [UInt64](repeating: 0, count: maskedTags)
      for (bit, item) in paired[group..<min(group + 64, paired.count)].enumerated() {
        if item.section < maskedSections { sectionMasks[item.section] |= 1 << UInt64(bit) }
        for t in item.tagValues where t < maskedTags { tagMasks[t] |= 1 << UInt64(bit) }
      }
      masks += sectionMasks + tagMasks
    }
    completionMasks = masks
  }

  /// The places of a cell: the municipalities, the county-wide, "okänd kommun".
  var placeCount: Int { municipalityCount + 2 }

  /// The cell of a municipality (nil: county-wide; `Response.unknownMunicipality`: okänd
  /// kommun) and dimension values (nil: unknown).
  public func cell(municipality: Int?, dimensions: [Int?]) -> Int {
    var index = 0
    for d in dimensionSizes.indices.reversed() {
      let size = dimensionSizes[d]
      let value = d < dimensions.count ? (dimensions[d] ?? size - 1) : size - 1
      index = index * size + value
    }
    let place =
      municipality == Response.unknownMunicipality ? municipalityCount + 1 : municipality ?? municipalityCount
    return index * placeCount + place
  }

  /// The municipality (nil: county-wide; `Response.unknownMunicipality`: okänd kommun) and
  /// dimension values (nil: unknown) of a cell.
  public func describe(cell: Int) -> (municipality: Int?, dimensions: [Int?]) {
    let m = cell % placeCount
    var rest = cell / placeCount
    var dims: [Int?] = []
    for size in dimensionSizes {
      let v = rest % size
      rest /= size
      dims.append(v == size - 1 ? nil : v)
    }
    let place: Int? =
      switch m {
      case municipalityCount: nil
      case municipalityCount + 1: Response.unknownMunicipality
      default: m
      }
    return (place, dims)
  }

  /// The cell count of this survey's layout before "okänd kommun" was a place (a tally or
  /// a publication stored by kartlagg 0.4 and earlier).
  public var cellCountWithoutUnknownMunicipality: Int { dimensionSizes.reduce(municipalityCount + 1, *) }

  /// The cell that a cell of that older layout is now (the same place and values).
  public func cell(withoutUnknownMunicipality old: Int) -> Int {
    (old / (municipalityCount + 1)) * placeCount + old % (municipalityCount + 1)
  }

  /// The index of `value` among the points of the scale at `start` in `flatPoints`, or -1
  /// (missing, or not a point).
  @inline(__always)
  static func point(_ value: Int16, _ points: UnsafeBufferPointer<Int32>, start: Int) -> Int {
    let i = Int(value) - Int(points[start])
    return i >= 0 && i < Int(points[start + 1]) ? Int(points[start + 2 + i]) : -1
  }

  /// One paired item's record in `flat`: `Field.width` numbers, read by position in
  /// `Tally.add` (once per respondent) and written in this order by `flatten`.
  enum Field: Int {
    case currentSlot, desiredSlot, points, offset, tagsStart, tagsEnd, scaleStart
    static let width = 7
  }

  /// The paired items as one flat array of `Field` records, and the scales' value →
  /// point index tables back to back, each preceded by its minimum and length.
  let flat: [Int32]
  let flatTags: [Int32]
  let flatPoints: [Int32]
  /// Per group of 64 paired items (a word of `Tally.add`'s complete pairs), per section
  /// below 64 and then per tag value below 128: which of the group's items are in it, as
  /// bits. `Tally.add` marks a respondent's complete pairs as bits and finds the sections
  /// and tag values they touch with these, once a group, not once an item.
  let completionMasks: [UInt64]
  /// The sections and tag values `completionMasks` has a mask for, per group.
  let maskedSections: Int
  let maskedTags: Int

  private static func flatten(_ paired: [Paired], _ pairedScale: [Int], _ pointIndex: [[Int16]], _ minimum: [Int])
    -> (flat: [Int32], tags: [Int32], points: [Int32], scaleStart: [Int32])
  {
    var points: [Int32] = []
    var scaleStart: [Int32] = []
    for (table, low) in zip(pointIndex, minimum) {
      scaleStart.append(Int32(points.count))
      points.append(Int32(low))
      points.append(Int32(table.count))
      points += table.map(Int32.init)
    }
    var flat: [Int32] = []
    var tags: [Int32] = []
    for (p, item) in paired.enumerated() {
      let first = Int32(tags.count)
      tags += item.tagValues.map(Int32.init)
      var record = [Int32](repeating: 0, count: Field.width)
      record[Field.currentSlot.rawValue] = Int32(item.currentSlot)
      record[Field.desiredSlot.rawValue] = Int32(item.desiredSlot)
      record[Field.points.rawValue] = Int32(item.points.count)
      record[Field.offset.rawValue] = Int32(item.offset)
      record[Field.tagsStart.rawValue] = first
      record[Field.tagsEnd.rawValue] = Int32(tags.count)
      record[Field.scaleStart.rawValue] = scaleStart[pairedScale[p]]
      flat += record
    }
    return (flat, tags, points, scaleStart)
  }

  func singleScaleStart(_ s: Int) -> Int { singleScaleStart[s] }

  /// The count a single item `s` adds `v` to: a choice's option, a rating's point on its
  /// scale; -1 for a value it does not count. What `Tally.add` counts and a respondent's
  /// print is made of (`Tally.print(of:)`), so that the two cannot differ.
  @inline(__always) func singlePoint(_ s: Int, _ v: Int16, _ points: UnsafeBufferPointer<Int32>) -> Int {
    let item = singles[s]
    return item.isChoice
      ? (Int(v) >= 0 && Int(v) < item.points.count ? Int(v) : -1)
      : TallyLayout.point(v, points, start: singleScaleStart(s))
  }

  /// Where paired item `p`'s scale starts in `flatPoints`.
  func pairedScaleStart(_ p: Int) -> Int { Int(flat[p * Field.width + Field.scaleStart.rawValue]) }
}

/// Histograms of every answer, per cell of the respondent dimensions: all the figures
/// of a run come from these, exactly, and none keeps a respondent.
///
/// Memory is cells × (items × scale²) counts, independent of the number of respondents;
/// tallies of different files merge by addition, in any order, with the same result.
public struct Tally: Sendable, Equatable {
  public let layout: TallyLayout
  /// Count `i` (at `cell * blockSize + item offset + …`) is `high[i] · 256 + low[i]`.
  /// Adding a respondent touches one counter per item in its cell's block; with one byte
  /// per counter the blocks of every cell (a county's 260 cells × 57 items × 35 counts)
  /// stay in the core's cache, where four bytes did not. `high` is touched once in 256.
  var low: [UInt8]
  var high: [UInt32]
  /// Respondents per cell.
  var respondents: [UInt32]
  /// Per cell and section: respondents with a complete pair in at least one of its items.
  var sectionRespondents: [UInt32]
  /// Per cell and flat tag value: the same for the items carrying the tag.
  var tagRespondents: [UInt32]
  /// Free text per (municipality, section, question), kept only when asked for.
  public let keepsTexts: Bool
  private(set) var texts: [TextKey: [String]] = [:]
  /// Whether each respondent's print is kept (`RowPrints`), and the prints with their cells:
  /// at most `maximumPrints` (16 MiB), so that memory stays bounded whatever the file; past
  /// that none is kept (`printsDropped`), and the file is stored without them.
  public let keepsPrints: Bool
  private(set) var prints: [(cell: Int32, print: UInt64)] = []
  public private(set) var printsDropped = false
  public static let maximumPrints = 1 << 20
  /// `maximumPrints`, lower in a test.
  var printLimit = Tally.maximumPrints

  public struct TextKey: Hashable, Sendable {
    /// nil for county-wide respondents.
    public var municipality: Int?
    public var section: Int
    /// Index into the section's items.
    public var item: Int

    public init(municipality: Int?, section: Int, item: Int) {
      self.municipality = municipality
      self.section = section
      self.item = item
    }
  }

  /// Every kept free-text answer with its question and place, in a stable order (by
  /// municipality, the county-wide last, then question, then text).
  public var keptTexts: [(key: TextKey, text: String)] {
    texts.keys.sorted {
      ($0.municipality ?? Int.max, $0.section, $0.item) < ($1.municipality ?? Int.max, $1.section, $1.item)
    }
    .flatMap { key in texts[key]!.sorted().map { (key, $0) } }
  }

  /// Adds a free-text answer kept elsewhere (the store's comments) to a tally that keeps
  /// texts; a tally that does not ignores it.
  public mutating func keep(_ text: String, at key: TextKey) {
    guard keepsTexts else { return }
    texts[key, default: []].append(text)
  }

  public init(layout: TallyLayout, keepTexts: Bool = false, keepPrints: Bool = false) {
    self.layout = layout
    low = Array(repeating: 0, count: layout.cellCount * layout.blockSize)
    high = Array(repeating: 0, count: layout.cellCount * layout.blockSize)
    respondents = Array(repeating: 0, count: layout.cellCount)
    sectionRespondents = Array(repeating: 0, count: layout.cellCount * layout.survey.sections.count)
    tagRespondents = Array(repeating: 0, count: layout.cellCount * layout.tagValues.count)
    keepsTexts = keepTexts
    keepsPrints = keepPrints
  }

  public static func == (a: Tally, b: Tally) -> Bool {
    a.layout === b.layout && a.low == b.low && a.high == b.high && a.respondents == b.respondents
      && a.sectionRespondents == b.sectionRespondents && a.tagRespondents == b.tagRespondents
      && a.texts.mapValues { $0.sorted() } == b.texts.mapValues { $0.sorted() }
  }

  /// The number of respondents added.
  public var respondentCount: Int { respondents.reduce(0) { $0 + Int($1) } }

  public mutating func add(_ response: Response) {
    typealias F = TallyLayout.Field
    let layout = self.layout
    let cell = layout.cell(municipality: response.municipality, dimensions: response.dimensions)
    respondents[cell] += 1
    let base = cell * layout.blockSize
    let sections = layout.survey.sections.count
    var sectionSeen = 0 as UInt64
    // Tag values seen with a complete pair, as bits (a survey declares at most a few dozen;
    // beyond 128 the extra ones are counted through the slow path below).
    var tagBits: (UInt64, UInt64) = (0, 0)
    var tagSeen: [Bool] = []
    let tagCount = layout.tagValues.count
    let (maskedSections, maskedTags) = (layout.maskedSections, layout.maskedTags)
    let pairedCount = layout.paired.count
    response.values.withUnsafeBufferPointer { values in
      low.withUnsafeMutableBufferPointer { low in
        @inline(__always) func increment(_ i: Int) {
          let v = low[i] &+ 1
          low[i] = v
          if v == 0 { high[i] += 1 }
        }
        layout.flat.withUnsafeBufferPointer { flat in
          layout.flatPoints.withUnsafeBufferPointer { points in
            layout.flatTags.withUnsafeBufferPointer { tags in
              layout.completionMasks.withUnsafeBufferPointer { masks in
                let manyTags = tagCount > 128
                var f = 0
                var item = 0
                var maskStart = 0
                while item < pairedCount {
                  // This group's complete pairs, bit `item - first` each.
                  let first = item
                  let end = min(pairedCount, first + 64)
                  var complete = 0 as UInt64
                  while item < end {
                    // Response.missing lies below every scale, so it finds no point.
                    let c = TallyLayout.point(
                      values[Int(flat[f + F.currentSlot.rawValue])], points, start: Int(flat[f + F.scaleStart.rawValue])
                    )
                    let d = TallyLayout.point(
                      values[Int(flat[f + F.desiredSlot.rawValue])], points, start: Int(flat[f + F.scaleStart.rawValue])
                    )
                    let k = Int(flat[f + F.points.rawValue])
                    let offset = base + Int(flat[f + F.offset.rawValue])
                    if c >= 0 && d >= 0 {
                      increment(offset + c * k + d)
                      complete |= 1 << UInt64(item - first)
                      if manyTags {
                        for t in Int(flat[f + F.tagsStart.rawValue])..<Int(flat[f + F.tagsEnd.rawValue])
                        where tags[t] >= 128 {
                          if tagSeen.isEmpty { tagSeen = Array(repeating: false, count: tagCount) }
                          tagSeen[Int(tags[t])] = true
                        }
                      }
                    } else if c >= 0 {
                      increment(offset + k * k + c)
                    } else if d >= 0 {
                      increment(offset + k * k + k + d)
                    }
                    item += 1
                    f += F.width
                  }
                  if complete != 0 {
                    for s in 0..<maskedSections where masks[maskStart + s] & complete != 0 {
                      sectionSeen |= 1 << UInt64(s)
                    }
                    let tagStart = maskStart + maskedSections
                    for t in 0..<maskedTags where masks[tagStart + t] & complete != 0 {
                      if t < 64 { tagBits.0 |= 1 << UInt64(t) } else { tagBits.1 |= 1 << UInt64(t - 64) }
                    }
                  }
                  maskStart += maskedSections + maskedTags
                }
              }
            }
          }
        }
        for (s, item) in layout.singles.enumerated() {
          let v = values[item.slot]
          guard v != Response.missing else { continue }
          let i = layout.flatPoints.withUnsafeBufferPointer { layout.singlePoint(s, v, $0) }
          if i >= 0 { increment(base + item.offset + i) }
        }
      }
    }
    for s in 0..<maskedSections where sectionSeen & (1 << UInt64(s)) != 0 {
      sectionRespondents[cell * sections + s] += 1
    }
    for t in 0..<maskedTags where (t < 64 ? tagBits.0 >> UInt64(t) : tagBits.1 >> UInt64(t - 64)) & 1 != 0 {
      tagRespondents[cell * tagCount + t] += 1
    }
    for (t, seen) in tagSeen.enumerated() where seen { tagRespondents[cell * tagCount + t] += 1 }
    if keepsPrints && !printsDropped {
      if prints.count < printLimit {
        prints.append((Int32(cell), print(of: response)))
      } else {
        prints = []
        printsDropped = true
      }
    }
    // "okänd kommun" has no page of its own: its respondents' free text is not kept.
    if keepsTexts && response.municipality != Response.unknownMunicipality {
      let slots = layout.survey.slots
      for answer in response.texts {
        let slot = slots[answer.slot]
        texts[TextKey(municipality: response.municipality, section: slot.section, item: slot.item), default: []]
          .append(answer.text)
      }
    }
  }

  /// A respondent's answers as the tally counts them, summed as mixed hashes keyed by item
  /// (`RowPrints`): a paired item's current and desired point (-1 when unanswered or off
  /// the scale), a rating's point, a choice's option; unanswered items add nothing.
  func print(of response: Response) -> UInt64 {
    let layout = self.layout
    var sum: UInt64 = 0
    response.values.withUnsafeBufferPointer { values in
      layout.flatPoints.withUnsafeBufferPointer { points in
        for (p, item) in layout.paired.enumerated() {
          let start = layout.pairedScaleStart(p)
          let c = TallyLayout.point(values[item.currentSlot], points, start: start)
          let d = TallyLayout.point(values[item.desiredSlot], points, start: start)
          guard c >= 0 || d >= 0 else { continue }
          sum &+= TallyLayout.mix(layout.printKeys[p] ^ (UInt64(c + 1) << 32 | UInt64(d + 1)))
        }
        for (s, item) in layout.singles.enumerated() {
          let v = values[item.slot]
          guard v != Response.missing else { continue }
          let i = layout.singlePoint(s, v, points)
          guard i >= 0 else { continue }
          sum &+= TallyLayout.mix(layout.printKeys[layout.paired.count + s] ^ UInt64(i + 1))
        }
      }
    }
    return TallyLayout.mix(sum)
  }

  /// Adds another tally of the same layout.
  public mutating func merge(_ other: Tally) {
    precondition(layout === other.layout, "tallies of different surveys")
    for i in low.indices {
      let total = count(i) + other.count(i)
      high[i] = UInt32(total >> 8)
      low[i] = UInt8(total & 0xFF)
    }
    for i in respondents.indices { respondents[i] += other.respondents[i] }
    for i in sectionRespondents.indices { sectionRespondents[i] += other.sectionRespondents[i] }
    for i in tagRespondents.indices { tagRespondents[i] += other.tagRespondents[i] }
    for (key, list) in other.texts { texts[key, default: []] += list }
    if keepsPrints {
      if printsDropped || other.printsDropped || prints.count + other.prints.count > printLimit {
        prints = []
        printsDropped = true
      } else {
        prints += other.prints
      }
    }
  }

  /// Whether every count of this tally is at most the same count of `other`, and this one
  /// counts at least one respondent: what a file whose respondents are some of `other`'s
  /// (or all of them) always gives. Two rounds whose files are related so (last year's
  /// export sent again, with or without a few rows more or less) would let their figures be
  /// subtracted to show the few rows between them (docs/statistics.md, "Respondents
  /// shared by two rounds": the test for files stored before their prints were). Tallies of different layouts are never within each other.
  public func lies(within other: Tally) -> Bool {
    guard layout === other.layout, respondentCount > 0 else { return false }
    for i in respondents.indices where respondents[i] > other.respondents[i] { return false }
    for i in sectionRespondents.indices where sectionRespondents[i] > other.sectionRespondents[i] { return false }
    for i in tagRespondents.indices where tagRespondents[i] > other.tagRespondents[i] { return false }
    for i in low.indices where count(i) > other.count(i) { return false }
    return true
  }

  public static func + (a: Tally, b: Tally) -> Tally {
    var sum = a
    sum.merge(b)
    return sum
  }

  /// Free-text answers to one question (an item of a section) from a municipality (nil:
  /// county-wide), sorted so that the order does not depend on the order files were read in.
  public func texts(municipality: Int?, section: Int, item: Int) -> [String] {
    (texts[TextKey(municipality: municipality, section: section, item: item)] ?? []).sorted()
  }

  // MARK: Reading the counts

  @inline(__always)
  func count(_ i: Int) -> Int { Int(high[i]) << 8 | Int(low[i]) }

  /// Respondents of one cell who answered both current and desired of paired item `p`.
  func completePairs(_ p: Int, cell: Int) -> Int {
    let item = layout.paired[p]
    let base = cell * layout.blockSize + item.offset
    return (0..<(item.points.count * item.points.count)).reduce(0) { $0 + count(base + $1) }
  }

  /// The summed counts of a paired item over the cells `cells`.
  func pairedCounts(_ p: Int, cells: [Int]) -> PairedCounts {
    let item = layout.paired[p]
    let k = item.points.count
    var joint = [Int](repeating: 0, count: k * k)
    var currentOnly = [Int](repeating: 0, count: k)
    var desiredOnly = [Int](repeating: 0, count: k)
    for cell in cells {
      let base = cell * layout.blockSize + item.offset
      for i in 0..<(k * k) { joint[i] += count(base + i) }
      for i in 0..<k {
        currentOnly[i] += count(base + k * k + i)
        desiredOnly[i] += count(base + k * k + k + i)
      }
    }
    return PairedCounts(points: item.points, joint: joint, currentOnly: currentOnly, desiredOnly: desiredOnly)
  }

  func singleCounts(_ s: Int, cells: [Int]) -> [Int] {
    let item = layout.singles[s]
    var out = [Int](repeating: 0, count: item.points.count)
    for cell in cells {
      let base = cell * layout.blockSize + item.offset
      for i in out.indices { out[i] += count(base + i) }
    }
    return out
  }

  func respondents(cells: [Int]) -> Int { cells.reduce(0) { $0 + Int(respondents[$1]) } }

  func sectionRespondents(_ s: Int, cells: [Int]) -> Int {
    let sections = layout.survey.sections.count
    return cells.reduce(0) { $0 + Int(sectionRespondents[$1 * sections + s]) }
  }

  func tagRespondents(_ t: Int, cells: [Int]) -> Int {
    let n = layout.tagValues.count
    return cells.reduce(0) { $0 + Int(tagRespondents[$1 * n + t]) }
  }
}

/// The counts of one paired item in one scope.
struct PairedCounts {
  let points: [Int]
  /// joint[c * k + d]: respondents at current point c and desired point d.
  let joint: [Int]
  let currentOnly: [Int]
  let desiredOnly: [Int]

  /// Current among pairwise-complete respondents.
  var current: Histogram {
    let k = points.count
    return Histogram(values: points, counts: (0..<k).map { c in (0..<k).reduce(0) { $0 + joint[c * k + $1] } })
  }

  var desired: Histogram {
    let k = points.count
    return Histogram(values: points, counts: (0..<k).map { d in (0..<k).reduce(0) { $0 + joint[$1 * k + d] } })
  }

  /// Current among everyone who answered it (for comparing organisations' views).
  var currentAll: Histogram {
    let paired = current
    return Histogram(values: points, counts: zip(paired.counts, currentOnly).map { $0 + $1 })
  }

  /// Per-respondent gaps, desired − current.
  var gap: Histogram {
    let k = points.count
    var byGap: [Int: Int] = [:]
    for c in 0..<k {
      for d in 0..<k where joint[c * k + d] > 0 { byGap[points[d] - points[c], default: 0] += joint[c * k + d] }
    }
    let values = byGap.keys.sorted()
    return Histogram(values: values, counts: values.map { byGap[$0]! })
  }

  static func - (a: PairedCounts, b: PairedCounts) -> PairedCounts {
    PairedCounts(
      points: a.points, joint: zip(a.joint, b.joint).map { $0 - $1 },
      currentOnly: zip(a.currentOnly, b.currentOnly).map { $0 - $1 },
      desiredOnly: zip(a.desiredOnly, b.desiredOnly).map { $0 - $1 })
  }
}
