import CIngestScan
import Foundation
import LibCSV
import SourceDiagnostics
import SurveyModel

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
  /// The language of the messages about this file (`IngestOptions.language(of:)`).
  var language: Language { options.language(of: plan.survey) }
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
  /// The municipalities this file's organisation answers for (indices; `countyWide` when
  /// the county's own name is among them) and their names as given; nil: every one.
  private var allowedMunicipalities: (indices: Set<Int>, countyWide: Bool, names: String)?

  /// The same, as the flat buffers `kartlagg_scan_small_integers` (CIngestScan) reads.
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
        try RecordPipeline.forEachRecord(of: reader) {
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
      if searched.count >= (options.headerRows ?? options.headerSearchRecords) { try decideHeader(sink) }
    case .importing, .rejectingAll:
      try respondentRecord(record, sink)
    }
  }

  private mutating func finish(_ sink: Sink) throws {
    if case .searching = mode { try decideHeader(sink) }
    // Single-text lines at the end are footnotes, not respondents.
    report.footnoteRecords += pendingFootnotes.count
    pendingFootnotes.removeAll()
    do {
      try report.rejectedSpill?.flush()
    } catch {
      report.notKept = report.notKept ?? "\(error)"
    }
  }

  private mutating func decideHeader(_ sink: Sink) throws {
    let texts = searched.map { $0.strings() }
    var assignment = FileMunicipality.assignment(for: file, plan: plan, options: options)
    let finder = HeaderFinder(
      vocabulary: plan.vocabulary, survey: plan.survey, file: file, fileMunicipality: assignment,
      language: language)
    let found =
      options.headerRows.map { finder.fixed(rows: $0, in: texts, lines: searched.map(\.line)) }
      ?? finder.find(in: texts, lines: searched.map(\.line))
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
      // A free-text cell is looked at only when the texts are kept.
      scan = ScanBuffers(
        columns: columns.map { ($0.digits, $0.slot, $0.kind != .none && ($0.kind != .text || options.keepsTexts)) })
      fileMunicipality = assignment
      let path = Ingest.path(of: file)
      if let names = options.allowedMunicipalities[path]
        ?? options.allowedMunicipalities[(path as NSString).lastPathComponent]
      {
        var indices = Set<Int>()
        var countyWide = false
        for name in names {
          switch plan.municipalities.match(name) {
          case .index(let m)?: indices.insert(m)
          case .countyWide?: countyWide = true
          case nil: break
          }
        }
        allowedMunicipalities = (indices, countyWide, names.joined(separator: ", "))
      }
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
          message: IngestPhrase.fileNotImported(reason: fatal).text(language))
      } else {
        mode = .importing
      }
    } else {
      let expected =
        ([plan.survey.respondentIDColumn?.column, plan.survey.municipalityColumn.column].compactMap { $0 }
        + plan.survey.dimensions.map(\.location.column)).map { "'\($0)'" }.joined(separator: ", ")
      // A file or sheet with no record at all is said as empty, not searched in vain.
      let reason =
        (searched.isEmpty
        ? IngestPhrase.emptyFile
        : IngestPhrase.noHeader(searched: searched.count, expected: expected, survey: plan.survey.id)).text(
          language)
      report.failure = IngestDiagnostic(
        file: file, severity: .error, message: IngestPhrase.fileNotImported(reason: reason).text(language))
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
    // Every case of an SPSS file is a respondent, one who skipped everything too.
    if options.headerRows != nil {
      respondentRow(record, sink)
      return
    }
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
    do {
      try report.keep(
        RejectedRow(file: file, line: record.line, column: column, reason: reason, cells: record.strings()))
    } catch {
      // The row is counted but cannot be kept: `Ingest.verify` stops the run.
      report.notKept = report.notKept ?? "\(error)"
    }
  }

  /// The municipality a cell names, looked up once per distinct text of the file.
  private mutating func municipalityMatch(_ text: UnsafeBufferPointer<UInt8>) -> SpellingLookup.Match? {
    if let hit = municipalityCache.value(for: text) { return hit }
    let match = plan.municipalities.match(String(decoding: text, as: UTF8.self))
    municipalityCache.insert(match, for: text)
    return match
  }

  /// Sets the respondent's municipality from the row's column; true when the row was
  /// rejected instead (unknown, or blank where the municipality is required). A blank cell
  /// otherwise puts the respondent in the group "okänd kommun".
  private mutating func municipalityFromColumn(_ record: CSVRecord) -> Bool {
    let municipalityText = trimmed(record[municipalityColumn].bytes)
    if municipalityText.isEmpty {
      if plan.survey.municipalityRequired || options.rejectsBlankMunicipality {
        reject(record, .missingMunicipality, column: municipalityColumn + 1)
        return true
      }
      response.municipality = Response.unknownMunicipality
      return false
    }
    switch municipalityMatch(municipalityText) {
    case .index(let m)?: response.municipality = m
    case .countyWide?: response.municipality = nil
    case nil:
      let text = String(decoding: municipalityText, as: UTF8.self)
      reject(
        record,
        .unknownMunicipality(
          value: quoted(text, column: municipalityColumn), suggestion: plan.municipalities.suggestion(for: text)),
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

    // The id's place in the duplicate check is fetched while the row's other cells are
    // read (`IDTable.prefetch`); the check itself comes after them.
    let id = idColumn >= 0 ? trimmed(record[idColumn].bytes) : UnsafeBufferPointer(start: nil, count: 0)
    let idKey = id.isEmpty || options.allowDuplicateRespondents ? nil : IDKey(id)
    if let idKey { seen.prefetch(idKey) }

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
        if !text.isEmpty, municipalityMatch(text) != assigned {
          fileProblems.append(
            problem(
              record, column: municipalityColumn, value: String(decoding: text, as: UTF8.self),
              .municipalityContradictsFile(municipality: plan.municipalities.name(of: assigned), source: source)))
        }
      }
    } else if municipalityFromColumn(record) {
      return
    }
    // An organisation's file holds its own municipalities' respondents only.
    if let allowed = allowedMunicipalities {
      let outside: String?
      switch response.municipality {
      case Response.unknownMunicipality?: outside = nil
      case nil: outside = allowed.countyWide ? nil : plan.municipalities.name(of: .countyWide)
      case let m?: outside = allowed.indices.contains(m) ? nil : plan.municipalities.name(of: .index(m))
      }
      if let outside {
        reject(
          record, .municipalityNotAllowed(municipality: outside, allowed: allowed.names),
          column: municipalityColumn >= 0 ? municipalityColumn + 1 : 0)
        return
      }
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
    // Lone digits straight into the values, the rest listed for the decoders below. The
    // scan writes nothing but `values` (moved out of `response` so that it can be written
    // through a pointer), so it can come before the id is checked.
    var values: [Int16] = []
    swap(&values, &response.values)
    let count = min(width, record.count)
    let listed = values.withUnsafeMutableBufferPointer { values in
      values.update(repeating: Response.missing)
      return record.withContiguousFields { bytes, ends, first in
        kartlagg_scan_small_integers(
          bytes, ends, first, count, scan.digits, scan.slots, scan.wanted, values.baseAddress!, scan.pending)
      }
    }
    swap(&values, &response.values)

    // One hash operation: from here on the row is accepted, so it can be recorded now, and
    // the first line put back if it turns out to be a duplicate.
    if let idKey, let first = seen.insert(idKey, line: record.line) {
      reject(
        record, .duplicateRespondent(id: String(decoding: id, as: UTF8.self), firstLine: first), column: idColumn + 1)
      return
    }
    response.respondentID = options.keepsRespondentIDs && !id.isEmpty ? String(decoding: id, as: UTF8.self) : nil

    // The answers. A cell that cannot be read is a problem and counts as not answered.
    for p in dimensionProblems { report.record(p) }
    response.texts.removeAll(keepingCapacity: true)
    // The values are moved out of `response` again while the decoders below write them
    // and problems are recorded.
    swap(&values, &response.values)
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
    let places = report.acceptedPerMunicipality.count
    let place =
      response.municipality == Response.unknownMunicipality ? places - 1 : response.municipality ?? places - 2
    report.acceptedPerMunicipality[place] += 1
    sink(response)
  }

  @inline(__always)
  private mutating func answer(_ decoded: Decoded, into value: inout Int16, _ record: CSVRecord, column j: Int) {
    switch decoded {
    case .value(let v): value = v
    case .missing: break
    case .problem(let reason):
      report.record(problem(record, column: j, value: record.string(at: j), reason))
    }
  }

  private func problem(_ record: CSVRecord, column j: Int, value: String, _ reason: AnswerProblem.Reason)
    -> AnswerProblem
  {
    AnswerProblem(
      file: file, line: record.line, column: j + 1, columnName: layout?.names[j] ?? "",
      value: quoted(value, column: j), reason: reason)
  }

  /// A cell as messages quote it: an SPSS value that a value label spells by its code and
  /// its label ("9 (Okänd kod)"), whichever of them the cell holds; any other as it is.
  private func quoted(_ text: String, column j: Int) -> String {
    guard let spelled = options.valueSpelling?(j, text) else { return text }
    return "\(spelled.code) (\(spelled.label))"
  }
}
