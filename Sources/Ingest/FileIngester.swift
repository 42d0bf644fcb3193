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
struct FileIngester<Consumer: ResponseConsumer> {
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
  private var actions: [ColumnAction] = []
  private var municipalityColumn = -1
  private var idColumn = -1
  /// (column, dimension index) for each dimension column.
  private var dimensionColumns: [(Int, Int)] = []
  private var decoders: [ScaleDecoder]
  private var choices: [ChoiceDecoder?]
  private var seen: [IDKey: Int] = [:]
  private var response: Response

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
  mutating func run(_ reader: CSVReader, into consumer: inout Consumer) throws {
    report.dialect = reader.dialect
    do {
      try reader.forEachRecord { record in
        try self.take(record, &consumer)
      }
    } catch {
      // Account for what was read before the file broke off, then say where it did.
      try finish(&consumer)
      throw error
    }
    try finish(&consumer)
  }

  private mutating func take(_ record: CSVRecord, _ consumer: inout Consumer) throws {
    switch mode {
    case .searching:
      searched.append(CSVRecordCopy(record))
      if searched.count >= options.headerSearchRecords { try decideHeader(&consumer) }
    case .importing, .rejectingAll:
      try respondentRecord(record, &consumer)
    }
  }

  private mutating func finish(_ consumer: inout Consumer) throws {
    if case .searching = mode { try decideHeader(&consumer) }
    // Single-text lines at the end are footnotes, not respondents.
    report.footnoteRecords += pendingFootnotes.count
    pendingFootnotes.removeAll()
  }

  private mutating func decideHeader(_ consumer: inout Consumer) throws {
    let texts = searched.map { $0.strings() }
    let found = HeaderFinder(vocabulary: plan.vocabulary, survey: plan.survey, file: file)
      .find(in: texts, lines: searched.map(\.line))
    let rest: ArraySlice<CSVRecordCopy>
    if let found {
      layout = found
      report.headerLines = found.rows.map { searched[$0].line }
      report.preambleRecords = found.rows.lowerBound
      report.diagnostics += found.diagnostics
      rest = searched[found.rows.upperBound...]
      actions = found.targets.map { target in
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
        switch action {
        case .municipality: municipalityColumn = j
        case .respondentID: idColumn = j
        case .dimension(let d): dimensionColumns.append((j, d))
        default: continue
        }
      }
      if let reason = forcedRejection {
        mode = .rejectingAll(reason)
      } else if let fatal = found.fatal {
        mode = .rejectingAll(fatal)
        report.failure = IngestDiagnostic(
          file: file, line: report.headerLines.first ?? 0, severity: .error, message: "the file is not imported: \(fatal)")
      } else {
        mode = .importing
      }
    } else {
      let expected = ([plan.survey.respondentIDColumn?.column, plan.survey.municipalityColumn.column].compactMap { $0 }
        + plan.survey.dimensions.map(\.location.column)).map { "'\($0)'" }.joined(separator: ", ")
      let reason =
        "no header found: none of the first \(searched.count) records names a column of the survey (such as \(expected)); check that this is an export of survey '\(plan.survey.id)'"
      report.failure = IngestDiagnostic(file: file, severity: .error, message: "the file is not imported: " + reason)
      mode = .rejectingAll(forcedRejection ?? reason)
      rest = searched[...]
    }
    searched.removeAll()
    for copy in rest {
      try copy.withRecord { try respondentRecord($0, &consumer) }
    }
  }

  // MARK: Respondent rows

  private mutating func respondentRecord(_ record: CSVRecord, _ consumer: inout Consumer) throws {
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
      for copy in held { copy.withRecord { respondentRow($0, &consumer) } }
    }
    respondentRow(record, &consumer)
  }

  private mutating func reject(_ record: CSVRecord, _ reason: RejectReason, column: Int = 0) {
    report.rejected += 1
    report.rejectedRows.append(
      RejectedRow(file: file, line: record.line, column: column, reason: reason, cells: record.strings()))
  }

  private mutating func respondentRow(_ record: CSVRecord, _ consumer: inout Consumer) {
    report.read += 1
    if case .rejectingAll(let reason) = mode {
      reject(record, .fileNotImported(reason: reason))
      return
    }
    let width = actions.count
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
    let municipalityText = trimmed(record[municipalityColumn].bytes)
    if municipalityText.isEmpty {
      reject(record, .missingMunicipality, column: municipalityColumn + 1)
      return
    }
    let municipalityString = String(decoding: municipalityText, as: UTF8.self)
    switch plan.municipalities.match(municipalityString) {
    case .index(let m)?: response.municipality = m
    case .countyWide?: response.municipality = nil
    case nil:
      reject(
        record,
        .unknownMunicipality(value: municipalityString, suggestion: plan.municipalities.suggestion(for: municipalityString)),
        column: municipalityColumn + 1)
      return
    }
    for d in response.dimensions.indices { response.dimensions[d] = nil }
    var dimensionProblems: [AnswerProblem] = []
    for (j, d) in dimensionColumns {
      let dimension = plan.survey.dimensions[d]
      let text = trimmed(record[j].bytes)
      if text.isEmpty {
        if dimension.required {
          reject(record, .missingDimension(dimension: dimension.label.lowercased()), column: j + 1)
          return
        }
        continue
      }
      let value = String(decoding: text, as: UTF8.self)
      if case .index(let v)? = plan.dimensions[d].match(value) {
        response.dimensions[d] = v
      } else if dimension.required {
        reject(
          record,
          .unknownDimensionValue(
            dimension: dimension.label.lowercased(), value: value, suggestion: plan.dimensions[d].suggestion(for: value)),
          column: j + 1)
        return
      } else {
        dimensionProblems.append(
          problem(record, column: j, value: value, .unknownDimensionValue(suggestion: plan.dimensions[d].suggestion(for: value))))
      }
    }
    response.respondentID = nil
    var idKey: IDKey?
    if idColumn >= 0 {
      let id = trimmed(record[idColumn].bytes)
      if !id.isEmpty {
        let key = IDKey(id)
        if !options.allowDuplicateRespondents, let first = seen[key] {
          reject(
            record, .duplicateRespondent(id: String(decoding: id, as: UTF8.self), firstLine: first), column: idColumn + 1)
          return
        }
        idKey = key
        response.respondentID = String(decoding: id, as: UTF8.self)
      }
    }

    // The answers. A cell that cannot be read is a problem and counts as not answered.
    report.problems += dimensionProblems
    report.problemCount += dimensionProblems.count
    response.values.withUnsafeMutableBufferPointer { $0.update(repeating: Response.missing) }
    if !response.texts.isEmpty { response.texts.removeAll(keepingCapacity: true) }
    let count = min(width, record.count)
    for j in 0..<count {
      switch actions[j] {
      case .scale(let slot, let d):
        switch decoders[d].decode(record[j].bytes) {
        case .value(let v): response.values[slot] = v
        case .missing: break
        case .problem(let reason):
          report.problems.append(problem(record, column: j, value: record.string(at: j), reason))
          report.problemCount += 1
        }
      case .choice(let slot):
        switch choices[slot]!.decode(record[j].bytes) {
        case .value(let v): response.values[slot] = v
        case .missing: break
        case .problem(let reason):
          report.problems.append(problem(record, column: j, value: record.string(at: j), reason))
          report.problemCount += 1
        }
      case .text(let slot):
        let text = trimmed(record[j].bytes)
        if !text.isEmpty { response.texts[slot] = String(decoding: text, as: UTF8.self) }
      case .ignore, .respondentID, .municipality, .dimension:
        continue
      }
    }
    if let idKey { seen[idKey] = record.line }
    report.accepted += 1
    report.acceptedPerMunicipality[response.municipality ?? report.acceptedPerMunicipality.count - 1] += 1
    consumer.consume(response)
  }

  private func problem(_ record: CSVRecord, column j: Int, value: String, _ reason: AnswerProblem.Reason) -> AnswerProblem {
    AnswerProblem(
      file: file, line: record.line, column: j + 1, columnName: layout?.names[j] ?? "", value: value, reason: reason)
  }
}

/// A respondent id, kept as a 128-bit SipHash of its bytes rather than as text, so that a
/// file of a million respondents holds no million strings. Two different ids collide with
/// a probability near 2⁻¹²⁸ per pair; the hash is seeded per process, which is harmless as
/// only equality is used.
struct IDKey: Hashable {
  let a: Int
  let b: Int

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    var h1 = Hasher()
    h1.combine(0x6B61_7274 as UInt32)
    h1.combine(bytes: UnsafeRawBufferPointer(bytes))
    var h2 = Hasher()
    h2.combine(0x6C61_6767 as UInt32)
    h2.combine(bytes: UnsafeRawBufferPointer(bytes))
    a = h1.finalize()
    b = h2.finalize()
  }
}
