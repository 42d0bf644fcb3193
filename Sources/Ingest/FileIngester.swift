import Foundation
import LibCSV
import SurveyModel

/// Receives the accepted respondents of one file, one at a time.
///
/// The `Response` passed in is reused for the next row: keep what you need of it (a
/// `Tally` adds it to its histograms; storing it makes a copy).
public protocol ResponseConsumer {
  mutating func consume(_ response: Response)
}

/// A consumer that keeps nothing, for benchmarks and `validate`.
public struct DiscardingConsumer: ResponseConsumer, Sendable {
  public private(set) var count = 0
  public init() {}
  public mutating func consume(_ response: Response) { count += 1 }
}

/// A consumer that keeps every response, for tests and small files.
public struct CollectingConsumer: ResponseConsumer, Sendable {
  public private(set) var responses: [Response] = []
  public init() {}
  public mutating func consume(_ response: Response) { responses.append(response) }
}

/// How exports are read.
public struct IngestOptions: Sendable {
  /// Accept a respondent id seen before in the same file (each row then counts).
  public var allowDuplicateRespondents = false
  /// How many records from the top are searched for the header.
  public var headerSearchRecords = 40
  /// How many lines with a single text may follow the last respondent as footnotes.
  public var maxFootnoteRecords = 20
  public var read = CSVReadOptions()
  /// Parse a file of at least `pipelineMinimumBytes` on a second thread while this one
  /// decodes (`RecordPipeline`). `Ingest.files` turns it off when it already keeps every
  /// core busy with a file of its own.
  public var pipeline = true
  public var pipelineMinimumBytes = 4 << 20
  /// Records handed over at a time.
  public var pipelineBatchRecords = RecordPipeline.defaultBatchRecords
  /// Told, now and then (every 65 536 rows) and at the end of each file, how many rows of
  /// the file have been read, for a progress display.
  public var progress: (@Sendable (_ file: String, _ rows: Int, _ finished: Bool) -> Void)?
  /// Files that are one municipality's export: file (its path as given, or its name) →
  /// the municipality's name, spelling or code (`--municipality FILE=NAME`). This decides
  /// over a municipality column and over the file name.
  public var municipalities: [String: String] = [:]

  public init(allowDuplicateRespondents: Bool = false, read: CSVReadOptions = CSVReadOptions()) {
    self.allowDuplicateRespondents = allowDuplicateRespondents
    self.read = read
  }
}

/// The parts of a survey definition that reading exports needs, prepared once and shared
/// by every file of a run.
public struct IngestPlan: Sendable {
  public let survey: Survey
  let vocabulary: HeaderVocabulary
  let scaleDecoders: [ScaleDecoder]
  /// Per slot: the index into `scaleDecoders`, or -1.
  let slotScale: [Int]
  /// Per slot: a choice decoder, for choice slots.
  let slotChoice: [ChoiceDecoder?]
  let municipalities: SpellingLookup
  let dimensions: [SpellingLookup]

  public init(survey: Survey) {
    self.survey = survey
    vocabulary = HeaderVocabulary(survey: survey)
    scaleDecoders = survey.scales.map(ScaleDecoder.init)
    var slotScale: [Int] = []
    var slotChoice: [ChoiceDecoder?] = []
    for slot in survey.slots {
      let item = survey.sections[slot.section].items[slot.item]
      slotScale.append(item.scaleID.flatMap { id in survey.scales.firstIndex { $0.id == id } } ?? -1)
      if case .choice(let options, let noAnswer, _) = item.kind {
        slotChoice.append(ChoiceDecoder(options: options, noAnswerLabels: noAnswer))
      } else {
        slotChoice.append(nil)
      }
    }
    self.slotScale = slotScale
    self.slotChoice = slotChoice
    municipalities = SpellingLookup(county: survey.county)
    dimensions = survey.dimensions.map(SpellingLookup.init(dimension:))
  }
}

/// Reads one export file into a consumer, accounting for every record.
///
/// Records are classified as they stream past: before the header (preamble), the header's
/// rows, blank rows, respondent rows, and single-text lines after the last respondent
/// (footnotes). Only the first `headerSearchRecords` records are held, to find the header.
struct FileIngester {
  /// Where accepted respondents go. A closure rather than a generic consumer, so that
  /// this code is compiled once, specialised, whatever the caller's consumer type is.
  typealias Sink = (Response) -> Void

  private enum ColumnAction {
    case ignore
    case respondentID
    case municipality
    case dimension(Int)
    case scale(slot: Int, decoder: Int)
    case choice(slot: Int)
    case text(slot: Int)
  }

  private enum Mode {
    case searching
    case importing
    /// The file is not imported: every respondent row is rejected with this reason.
    case rejectingAll(String)
  }

  let plan: IngestPlan
  let options: IngestOptions
  let file: String
  var report: FileReport

  private var mode: Mode
  private var searched: [CSVRecordCopy] = []
  private var pendingFootnotes: [CSVRecordCopy] = []
  private var layout: HeaderLayout?
  private var municipalityColumn = -1
  private var idColumn = -1
  /// (column, dimension index) for each dimension column.
  private var dimensionColumns: [(Int, Int)] = []
  private var decoders: [ScaleDecoder]
  private var choices: [ChoiceDecoder?]
  private var seen = IDTable()
  private var response: Response
  /// Per column, what the hot loop needs to know.
  private var columns: [ColumnPlan] = []
  /// Looked-up municipality and dimension texts; a file repeats a handful of them.
  private var municipalityCache = ByteCache<SpellingLookup.Match?>()
  private var dimensionCache: [ByteCache<Int?>] = []
  /// How the file's respondents get their municipality when the file itself says it.
  private var fileMunicipality: FileMunicipality?

  /// The same, as the flat buffers `CSVRecord.scanSmallIntegers` reads.
  private var scan = ScanBuffers(columns: [])

  private struct ColumnPlan {
    var kind = AnswerColumn.none
    var slot: Int32 = 0
    var decoder: Int32 = 0
    /// Bit `d` is set when the lone digit `d` is a point of the column's scale.
    var digits: UInt16 = 0
  }

  private enum AnswerColumn: UInt8 { case none, scale, choice, text }

  init(plan: IngestPlan, options: IngestOptions, file: String, rejectingAllBecause reason: String? = nil) {
    self.plan = plan
    self.options = options
    self.file = file
    report = FileReport(file: file, municipalityCount: plan.survey.county.municipalities.count)
    mode = .searching
    decoders = plan.scaleDecoders
    choices = plan.slotChoice
    response = Response(
      municipality: nil, dimensions: Array(repeating: nil, count: plan.survey.dimensions.count),
      values: Array(repeating: Response.missing, count: plan.slotScale.count))
    forcedRejection = reason
  }

  private let forcedRejection: String?

  /// Reads the file; throws only the `CSVError` that stopped it (the report so far holds).
  mutating func run<Consumer: ResponseConsumer>(
    _ reader: CSVReader, pipelined: Bool = false, into consumer: inout Consumer
  ) throws {
    try run(reader, pipelined: pipelined) { consumer.consume($0) }
  }

  /// Reads every record; with `pipelined`, libcsv parses on a thread of its own
  /// (`RecordPipeline`) while this one decodes.
  mutating func run(_ reader: CSVReader, pipelined: Bool, _ sink: Sink) throws {
    report.dialect = reader.dialect
    do {
      if pipelined {
        try RecordPipeline.forEachRecord(of: reader, batchRecords: options.pipelineBatchRecords) {
          try self.take($0, sink)
        }
      } else {
        try reader.forEachRecord { try self.take($0, sink) }
      }
    } catch {
      // Account for what was read before the file broke off, then say where it did.
      try finish(sink)
      throw error
    }
    try finish(sink)
  }

  private mutating func take(_ record: CSVRecord, _ sink: Sink) throws {
    switch mode {
    case .searching:
      searched.append(CSVRecordCopy(record))
      if searched.count >= options.headerSearchRecords { try decideHeader(sink) }
    case .importing, .rejectingAll:
      try respondentRecord(record, sink)
    }
  }

  private mutating func finish(_ sink: Sink) throws {
    if case .searching = mode { try decideHeader(sink) }
    // Single-text lines at the end are footnotes, not respondents.
    report.footnoteRecords += pendingFootnotes.count
    pendingFootnotes.removeAll()
  }

  private mutating func decideHeader(_ sink: Sink) throws {
    let texts = searched.map { $0.strings() }
    var assignment = FileMunicipality.assignment(for: file, plan: plan, options: options)
    let found = HeaderFinder(
      vocabulary: plan.vocabulary, survey: plan.survey, file: file, fileMunicipality: assignment
    ).find(in: texts, lines: searched.map(\.line))
    // The file name speaks only for a file without a municipality column.
    if case .named(_, .fileName)? = assignment, found?.targets.contains(.municipality) == true { assignment = nil }
    let rest: ArraySlice<CSVRecordCopy>
    if let found {
      layout = found
      report.headerLines = found.rows.map { searched[$0].line }
      report.preambleRecords = found.rows.lowerBound
      report.diagnostics += found.diagnostics
      rest = searched[found.rows.upperBound...]
      let actions: [ColumnAction] = found.targets.map { target in
        switch target {
        case nil: return .ignore
        case .respondentID?: return .respondentID
        case .municipality?: return .municipality
        case .dimension(let d)?: return .dimension(d)
        case .slot(let k)?:
          if plan.slotScale[k] >= 0 { return .scale(slot: k, decoder: plan.slotScale[k]) }
          if plan.slotChoice[k] != nil { return .choice(slot: k) }
          return .text(slot: k)
        }
      }
      for (j, action) in actions.enumerated() {
        var column = ColumnPlan()
        switch action {
        case .municipality: municipalityColumn = j
        case .respondentID: idColumn = j
        case .dimension(let d): dimensionColumns.append((j, d))
        case .scale(let k, let d):
          column = ColumnPlan(kind: .scale, slot: Int32(k), decoder: Int32(d))
          for digit in 0..<10 where decoders[d].isPoint(digit) { column.digits |= 1 << digit }
        case .choice(let k): column = ColumnPlan(kind: .choice, slot: Int32(k))
        case .text(let k): column = ColumnPlan(kind: .text, slot: Int32(k))
        case .ignore: break
        }
        columns.append(column)
      }
      dimensionCache = Array(repeating: ByteCache(), count: plan.survey.dimensions.count)
      scan = ScanBuffers(columns: columns.map { ($0.digits, $0.slot, $0.kind != .none) })
      fileMunicipality = assignment
      if case .named(let match, let source)? = assignment {
        report.municipalityFromFile = FileReport.Assignment(
          municipality: plan.municipalities.name(of: match), source: source)
      }
      if let reason = forcedRejection {
        mode = .rejectingAll(reason)
      } else if let fatal = found.fatal {
        mode = .rejectingAll(fatal)
        report.failure = IngestDiagnostic(
          file: file, line: report.headerLines.first ?? 0, severity: .error,
          message: "the file is not imported: \(fatal)")
      } else {
        mode = .importing
      }
    } else {
      let expected =
        ([plan.survey.respondentIDColumn?.column, plan.survey.municipalityColumn.column].compactMap { $0 }
        + plan.survey.dimensions.map(\.location.column)).map { "'\($0)'" }.joined(separator: ", ")
      let reason =
        "no header found: none of the first \(searched.count) records names a column of the survey (such as \(expected)); check that this is an export of survey '\(plan.survey.id)'"
      report.failure = IngestDiagnostic(file: file, severity: .error, message: "the file is not imported: " + reason)
      mode = .rejectingAll(forcedRejection ?? reason)
      rest = searched[...]
    }
    searched.removeAll()
    for copy in rest {
      try copy.withRecord { try respondentRecord($0, sink) }
    }
  }

  // MARK: Respondent rows

  private mutating func respondentRecord(_ record: CSVRecord, _ sink: Sink) throws {
    // Blank rows (`;;;;`, or a lone space) are not respondents.
    var firstFilled = -1
    var filled = 0
    for i in 0..<record.count where !trimmed(record[i].bytes).isEmpty {
      if firstFilled < 0 { firstFilled = i }
      filled += 1
      if filled > 1 { break }
    }
    if filled == 0 {
      report.blankRecords += 1
      return
    }
    // One text in the first cell of a short row: a footnote if no respondent follows.
    let width = layout?.width ?? 0
    if filled == 1, firstFilled == 0, record.count < width, pendingFootnotes.count < options.maxFootnoteRecords {
      pendingFootnotes.append(CSVRecordCopy(record))
      return
    }
    if !pendingFootnotes.isEmpty {
      let held = pendingFootnotes
      pendingFootnotes.removeAll()
      for copy in held { copy.withRecord { respondentRow($0, sink) } }
    }
    respondentRow(record, sink)
  }

  private mutating func reject(_ record: CSVRecord, _ reason: RejectReason, column: Int = 0) {
    report.rejected += 1
    report.rejectedRows.append(
      RejectedRow(file: file, line: record.line, column: column, reason: reason, cells: record.strings()))
  }

  /// Sets the respondent's municipality from the row's column; true when the row was
  /// rejected instead (blank or unknown).
  private mutating func municipalityFromColumn(_ record: CSVRecord) -> Bool {
    let municipalityText = trimmed(record[municipalityColumn].bytes)
    if municipalityText.isEmpty {
      reject(record, .missingMunicipality, column: municipalityColumn + 1)
      return true
    }
    let municipalityMatch: SpellingLookup.Match?
    if let hit = municipalityCache.value(for: municipalityText) {
      municipalityMatch = hit
    } else {
      municipalityMatch = plan.municipalities.match(String(decoding: municipalityText, as: UTF8.self))
      municipalityCache.insert(municipalityMatch, for: municipalityText)
    }
    switch municipalityMatch {
    case .index(let m)?: response.municipality = m
    case .countyWide?: response.municipality = nil
    case nil:
      let text = String(decoding: municipalityText, as: UTF8.self)
      reject(
        record, .unknownMunicipality(value: text, suggestion: plan.municipalities.suggestion(for: text)),
        column: municipalityColumn + 1)
      return true
    }
    return false
  }

  private mutating func respondentRow(_ record: CSVRecord, _ sink: Sink) {
    report.read += 1
    if report.read & 0xFFFF == 0, let progress = options.progress { progress(file, report.read, false) }
    if case .rejectingAll(let reason) = mode {
      reject(record, .fileNotImported(reason: reason))
      return
    }
    let width = columns.count
    if record.count != width {
      var extraFilled = record.count < width
      if record.count > width {
        for i in width..<record.count where !trimmed(record[i].bytes).isEmpty { extraFilled = true }
      }
      if extraFilled {
        reject(record, .fieldCount(found: record.count, expected: width))
        return
      }
    }

    // Who answered: municipality, dimensions, id. Any failure here rejects the row.
    var fileProblems: [AnswerProblem] = []
    if case .named(let assigned, let source)? = fileMunicipality {
      switch assigned {
      case .index(let m): response.municipality = m
      case .countyWide: response.municipality = nil
      }
      // A column that says otherwise is reported; the file's assignment stands.
      if municipalityColumn >= 0 {
        let text = trimmed(record[municipalityColumn].bytes)
        if !text.isEmpty {
          let value = String(decoding: text, as: UTF8.self)
          if plan.municipalities.match(value) != assigned {
            fileProblems.append(
              problem(
                record, column: municipalityColumn, value: value,
                .municipalityContradictsFile(municipality: plan.municipalities.name(of: assigned), source: source)))
          }
        }
      }
    } else if municipalityFromColumn(record) {
      return
    }
    for d in response.dimensions.indices { response.dimensions[d] = nil }
    var dimensionProblems = fileProblems
    for (j, d) in dimensionColumns {
      let dimension = plan.survey.dimensions[d]
      let text = trimmed(record[j].bytes)
      // A blank or unknown value keeps the respondent: it counts in the county, its place
      // and its other groups, and in this dimension's group of unknown values.
      if text.isEmpty {
        if dimension.required {
          dimensionProblems.append(problem(record, column: j, value: "", .missingDimensionValue))
        }
        continue
      }
      let index: Int?
      if let hit = dimensionCache[d].value(for: text) {
        index = hit
      } else {
        if case .index(let v)? = plan.dimensions[d].match(String(decoding: text, as: UTF8.self)) {
          index = v
        } else {
          index = nil
        }
        dimensionCache[d].insert(index, for: text)
      }
      if let index {
        response.dimensions[d] = index
        continue
      }
      let value = String(decoding: text, as: UTF8.self)
      dimensionProblems.append(
        problem(
          record, column: j, value: value, .unknownDimensionValue(suggestion: plan.dimensions[d].suggestion(for: value))
        ))
    }
    response.respondentID = nil
    if idColumn >= 0 {
      let id = trimmed(record[idColumn].bytes)
      if !id.isEmpty {
        if !options.allowDuplicateRespondents {
          // One hash operation: from here on the row is accepted, so it can be recorded
          // now, and the first line put back if it turns out to be a duplicate.
          if let first = seen.insert(IDKey(id), line: record.line) {
            reject(
              record, .duplicateRespondent(id: String(decoding: id, as: UTF8.self), firstLine: first),
              column: idColumn + 1)
            return
          }
        }
        response.respondentID = String(decoding: id, as: UTF8.self)
      }
    }

    // The answers. A cell that cannot be read is a problem and counts as not answered.
    if !dimensionProblems.isEmpty { report.problems += dimensionProblems }
    response.texts.removeAll(keepingCapacity: true)
    // The values are moved out of `response` so that the loop can write them through a
    // pointer while it also records problems.
    var values: [Int16] = []
    swap(&values, &response.values)
    let count = min(width, record.count)
    let listed = values.withUnsafeMutableBufferPointer { values in
      values.update(repeating: Response.missing)
      return record.scanSmallIntegers(
        count: count, digitMasks: scan.digits, slots: scan.slots, wanted: scan.wanted,
        values: values.baseAddress!, pending: scan.pending)
    }
    // The cells the scan could not take: labels, codes, "3,0", text, problems.
    for i in 0..<listed {
      let j = Int(scan.pending[i])
      let column = columns[j]
      let field = record[j].bytes
      let slot = Int(column.slot)
      switch column.kind {
      case .scale:
        answer(decoders[Int(column.decoder)].decode(field), into: &values[slot], record, column: j)
      case .choice:
        answer(choices[slot]!.decode(field), into: &values[slot], record, column: j)
      case .text:
        let text = trimmed(field)
        if !text.isEmpty { response.texts.append(TextAnswer(slot: slot, text: String(decoding: text, as: UTF8.self))) }
      case .none:
        continue
      }
    }
    swap(&values, &response.values)
    report.accepted += 1
    if response.dimensions.contains(nil) { report.unknownGroup += 1 }
    report.acceptedPerMunicipality[response.municipality ?? report.acceptedPerMunicipality.count - 1] += 1
    sink(response)
  }

  @inline(__always)
  private mutating func answer(_ decoded: Decoded, into value: inout Int16, _ record: CSVRecord, column j: Int) {
    switch decoded {
    case .value(let v): value = v
    case .missing: break
    case .problem(let reason):
      report.problems.append(problem(record, column: j, value: record.string(at: j), reason))
    }
  }

  private func problem(_ record: CSVRecord, column j: Int, value: String, _ reason: AnswerProblem.Reason)
    -> AnswerProblem
  {
    AnswerProblem(
      file: file, line: record.line, column: j + 1, columnName: layout?.names[j] ?? "", value: value, reason: reason)
  }
}

/// A respondent id, kept as a 64-bit hash of its bytes rather than as text, so that a file
/// of a million respondents holds no million strings.
///
/// Two 64-bit lanes of multiply–xorshift mixing (MurmurHash3's finaliser constants) over
/// 8-byte words, with the length mixed in, folded into one. Not cryptographic: for ids
/// that tools hand out (sequence numbers, Qualtrics' R_…), two distinct ids in a file of a
/// million collide with a probability of about 1 in 37 million (n² / 2⁶⁵); the rejected
/// row then names both its id and the line it was taken to repeat, so it can be checked.
struct IDKey: Hashable {
  let value: UInt64

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    var h1: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    var h2: UInt64 = 0xC2B2_AE3D_27D4_EB4F &+ UInt64(bytes.count)
    var i = 0
    while i < bytes.count {
      var word: UInt64 = 0
      let end = min(i + 8, bytes.count)
      for k in i..<end { word |= UInt64(bytes[k]) << (8 * UInt64(k - i)) }
      h1 = IDKey.mix(h1 ^ word)
      h2 = IDKey.mix((h2 ^ word) &* 0x9E37_79B9_7F4A_7C15 &+ 0x632B_E59B_D9B4_E019)
      i = end
    }
    // 0 marks an empty slot in `IDTable`.
    value = max(1, IDKey.mix(h1 ^ (h2 >> 1)))
  }

  @inline(__always)
  private static func mix(_ x: UInt64) -> UInt64 {
    var z = x
    z = (z ^ (z >> 33)) &* 0xFF51_AFD7_ED55_8CCD
    z = (z ^ (z >> 33)) &* 0xC4CE_B9FE_1A85_EC53
    return z ^ (z >> 33)
  }
}

/// The respondent ids seen in a file, with the line of each: an open-addressing table
/// (linear probing, at most half full) keyed by `IDKey`, which is already a well-mixed
/// hash, so no further hashing is needed (`Dictionary` hashed each key again with SipHash,
/// a tenth of the import's time). 12 bytes a slot: about 25 MB for a million ids.
struct IDTable {
  private var keys: [UInt64] = Array(repeating: 0, count: 1024)
  private var lines: [Int32] = Array(repeating: 0, count: 1024)
  private var count = 0

  /// Records `key` at `line` and returns nil; or, if `key` was seen, returns its line.
  mutating func insert(_ key: IDKey, line: Int) -> Int? {
    if 2 * (count + 1) > keys.count { grow() }
    let mask = keys.count - 1
    var i = Int(truncatingIfNeeded: key.value) & mask
    while keys[i] != 0 {
      if keys[i] == key.value { return Int(lines[i]) }
      i = (i + 1) & mask
    }
    keys[i] = key.value
    lines[i] = Int32(truncatingIfNeeded: line)
    count += 1
    return nil
  }

  private mutating func grow() {
    let oldKeys = keys
    let oldLines = lines
    keys = Array(repeating: 0, count: 2 * oldKeys.count)
    lines = Array(repeating: 0, count: 2 * oldKeys.count)
    let mask = keys.count - 1
    for j in oldKeys.indices where oldKeys[j] != 0 {
      var i = Int(truncatingIfNeeded: oldKeys[j]) & mask
      while keys[i] != 0 { i = (i + 1) & mask }
      keys[i] = oldKeys[j]
      lines[i] = oldLines[j]
    }
  }
}

/// What a few distinct cell texts map to, found by comparing bytes: a file writes its
/// municipality and organisations in a handful of ways, and hashing a string per row
/// costs more than comparing a few short byte runs. Holds at most 64 texts.
struct ByteCache<Value> {
  private var keys: [[UInt8]] = []
  private var values: [Value] = []

  func value(for bytes: UnsafeBufferPointer<UInt8>) -> Value? {
    for (i, key) in keys.enumerated() where key.count == bytes.count {
      if key.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) {
        return values[i]
      }
    }
    return nil
  }

  mutating func insert(_ value: Value, for bytes: UnsafeBufferPointer<UInt8>) {
    guard keys.count < 64 else { return }
    keys.append(Array(bytes))
    values.append(value)
  }
}

extension ByteCache: Sendable where Value: Sendable {}

/// The column plan as flat C buffers for `CSVRecord.scanSmallIntegers`, with room for the
/// columns it leaves to Swift; freed with the last reference.
final class ScanBuffers {
  let digits: UnsafeMutablePointer<UInt16>
  let slots: UnsafeMutablePointer<Int32>
  let wanted: UnsafeMutablePointer<UInt8>
  let pending: UnsafeMutablePointer<Int32>

  init(columns: [(digits: UInt16, slot: Int32, wanted: Bool)]) {
    let n = max(1, columns.count)
    digits = .allocate(capacity: n)
    slots = .allocate(capacity: n)
    wanted = .allocate(capacity: n)
    pending = .allocate(capacity: n)
    for (j, column) in columns.enumerated() {
      digits[j] = column.digits
      slots[j] = column.slot
      wanted[j] = column.wanted ? 1 : 0
    }
  }

  deinit {
    digits.deallocate()
    slots.deallocate()
    wanted.deallocate()
    pending.deallocate()
  }
}
