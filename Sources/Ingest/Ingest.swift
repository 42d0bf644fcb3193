import Foundation
import LibCSV
import SourceDiagnostics
import Spreadsheet
import SurveyModel

/// A broken promise of the importer itself, never of the data: the run stops.
public enum IngestError: Error, CustomStringConvertible, Equatable {
  /// `read = accepted + rejected` did not hold for a file.
  case accountingMismatch(file: String, read: Int, accepted: Int, rejected: Int, keptRows: Int)
  /// The rejected rows could not be written to a temporary file (a full disk).
  case rejectedRowsNotKept(file: String, reason: String)

  public var description: String {
    switch self {
    case .accountingMismatch(let file, let read, let accepted, let rejected, let kept):
      return
        "\(file): internal error: the accounting does not add up (read \(read), accepted \(accepted), rejected \(rejected), rejected rows kept \(kept)); no report is written. Please report this as a bug in kartlagg with the file."
    case .rejectedRowsNotKept(let file, let reason):
      return
        "\(file): error: \(reason); no report is written. Make room in the temporary folder (\(NSTemporaryDirectory()), or set TMPDIR) and run again."
    }
  }
}

/// One file's outcome: what was found, and the consumer that received its respondents
/// (nil when the file was not imported, so that none of a half-read file counts).
public struct FileResult<Consumer> {
  public var report: FileReport
  public var consumer: Consumer?
}

extension FileResult: Sendable where Consumer: Sendable {}

/// Turns export files into `Response`s.
public enum Ingest {
  /// Reads one export into `consumer` and accounts for every record.
  ///
  /// A file that cannot be read to its end (a quote left open, bytes that are not text)
  /// or whose header is unusable is not imported: its report says why and where, and its
  /// respondent rows are all rejected, verbatim. What `consumer` received from such a file
  /// must be discarded; `files(_:…)` does that.
  public static func file<Consumer: ResponseConsumer>(
    _ path: String, plan: IngestPlan, options: IngestOptions = IngestOptions(), into consumer: inout Consumer
  ) throws(IngestError) -> FileReport {
    if isWorkbook(path) { return try workbook(path, plan: plan, options: options, into: &consumer) }
    if isSPSS(path) { return try spss(path, plan: plan, options: options, into: &consumer) }
    let pipelined = options.pipeline && fileSize(path) >= options.pipelineMinimumBytes
    return try checked(
      read(path, plan: plan, options: options, pipelined: pipelined, into: &consumer) {
        try CSVReader(path: path, options: options.read)
      }, options)
  }

  /// The extensions read as workbooks: `.xlsx` and `.xlsm`, and the old `.xls`, which is
  /// refused with a message saying how to save it.
  static let workbookExtensions = ["xlsx", "xlsm", "xls"]

  /// The file a label names: a sheet's label `book.xlsx[Blad1]` names `book.xlsx`.
  static func path(of label: String) -> String {
    guard Diagnostic.isSheet(label), let open = label.lastIndex(of: "[") else { return label }
    return String(label[..<open])
  }

  /// SPSS data files, read through ReadStat.
  static let spssExtensions = ["sav", "zsav", "por"]

  /// The reading of a CSV stream that kartlagg writes itself (a sheet, an SPSS file):
  /// RFC 4180 in UTF-8, so nothing is sniffed.
  static func streamed(_ read: CSVReadOptions) -> CSVReadOptions {
    var read = read
    read.delimiter = .comma
    read.encoding = .utf8
    return read
  }

  public static func isSPSS(_ path: String) -> Bool {
    spssExtensions.contains((path as NSString).pathExtension.lowercased())
  }

  /// An SPSS file (`.sav`, `.zsav`), streamed as CSV through the same reader as any export
  /// (`SavSource`): a value label is the answer when the survey knows its text.
  static func spss<Consumer: ResponseConsumer>(
    _ path: String, plan: IngestPlan, options: IngestOptions, into consumer: inout Consumer
  ) throws(IngestError) -> FileReport {
    let known = knownLabels(plan.survey)
    let knownLabel: @Sendable (String) -> Bool = { known.contains(HeaderKey.normalize($0)) }
    let noAnswer = noAnswerOnlyLabels(plan.survey)
    let noAnswerLabel: @Sendable (String) -> Bool = { noAnswer.contains(HeaderKey.normalize($0)) }
    let read = streamed(options.read)
    var source: SavSource?
    // Its names and its labels are the header, every case after them a respondent.
    var options = options
    options.headerRows = 2
    // A labelled value is quoted by its code and its label in every message.
    let spelling = SavSource.Spelling()
    options.valueSpelling = { spelling.of(column: $0, cell: $1) }
    var report = Self.read(path, plan: plan, options: options, pipelined: false, into: &consumer) {
      source = SavSource(
        path: path, language: options.language(of: plan.survey), knownLabel: knownLabel, noAnswerLabel: noAnswerLabel,
        spelling: spelling)
      return try CSVReader(source: source!, name: path, options: read)
    }
    // What the reading said about the whole file (a case count the header gets wrong).
    if report.imported, let source {
      report.diagnostics += source.warnings.map { IngestDiagnostic(file: path, severity: .warning, message: $0) }
    }
    return try checked(report, options)
  }

  /// Every answer text the survey recognises, normalised: scale and option labels, the
  /// no-answer labels, the municipalities and the dimensions' values.
  static func knownLabels(_ survey: Survey) -> Set<String> {
    var texts: [String] = []
    for scale in survey.scales { texts += scale.points.map(\.label) + scale.noAnswerLabels }
    for (_, item) in survey.items {
      if case .choice(let options, let noAnswer, _) = item.kind { texts += options.map(\.label) + noAnswer }
    }
    for m in survey.county.municipalities + [survey.county.countyWide] { texts += [m.name] + m.spellings }
    for dimension in survey.dimensions {
      for value in dimension.values { texts += [value.id, value.label] + value.spellings }
    }
    return Set(texts.map(HeaderKey.normalize))
  }

  /// The labels the survey knows only as no-answer labels (of a scale or a choice), never
  /// as an answer, a municipality or a group, normalised: an SPSS value so labelled is no
  /// answer, whatever its code.
  static func noAnswerOnlyLabels(_ survey: Survey) -> Set<String> {
    var noAnswer: [String] = []
    var answers: [String] = []
    for scale in survey.scales {
      noAnswer += scale.noAnswerLabels
      answers += scale.points.map(\.label)
    }
    for (_, item) in survey.items {
      if case .choice(let options, let labels, _) = item.kind {
        noAnswer += labels
        answers += options.map(\.label)
      }
    }
    for m in survey.county.municipalities + [survey.county.countyWide] { answers += [m.name] + m.spellings }
    for dimension in survey.dimensions {
      for value in dimension.values { answers += [value.id, value.label] + value.spellings }
    }
    return Set(noAnswer.map(HeaderKey.normalize)).subtracting(answers.map(HeaderKey.normalize))
  }

  static func isWorkbook(_ path: String) -> Bool {
    workbookExtensions.contains((path as NSString).pathExtension.lowercased())
  }

  /// A workbook's sheet (`options.sheet`, else the first), streamed as CSV through the same
  /// reader as any export (`SheetSource`). It is named `file.xlsx[Sheet]` in every message.
  static func workbook<Consumer: ResponseConsumer>(
    _ path: String, plan: IngestPlan, options: IngestOptions, into consumer: inout Consumer
  ) throws(IngestError) -> FileReport {
    let language = options.language(of: plan.survey)
    var first: SheetSource
    do {
      first = try SheetSource(path: path, sheet: options.sheet, language: language)
    } catch {
      var report = FileReport(file: path, municipalityCount: plan.survey.county.municipalities.count)
      report.failure = IngestDiagnostic(
        file: path, severity: .error,
        message: IngestPhrase.fileNotImported(reason: error.message).text(language))
      return try checked(report, options)
    }
    let label = first.label
    let read = streamed(options.read)
    var unused: SheetSource? = first
    var report = Self.read(label, plan: plan, options: options, pipelined: false, into: &consumer) {
      // The first reading uses the sheet opened above; a second (after a failure, to
      // keep every row as rejected) opens it again.
      if let source = unused {
        unused = nil
        return try CSVReader(source: source, name: label, options: read)
      }
      return try CSVReader(
        source: try SheetSource(path: path, sheet: options.sheet, language: language), name: label,
        options: read)
    }
    // A cell's fault names its column too (`book.xlsx[Blad1]:2:E`).
    if let fault = first.failure, fault.row > 0, let failure = report.failure,
      failure.line == 0 || failure.line == fault.row
    {
      report.failure?.line = fault.row
      report.failure?.column = fault.column
    }
    return try checked(report, options)
  }

  /// Reads an export held in memory (`name` stands for its path in every message).
  public static func data<Consumer: ResponseConsumer>(
    _ bytes: [UInt8], name: String, plan: IngestPlan, options: IngestOptions = IngestOptions(),
    into consumer: inout Consumer
  ) throws(IngestError) -> FileReport {
    try checked(
      read(
        name, plan: plan, options: options, pipelined: options.pipeline && bytes.count >= options.pipelineMinimumBytes,
        into: &consumer
      ) { try CSVReader(bytes: bytes, name: name, options: options.read) }, options)
  }

  private static func checked(_ report: FileReport, _ options: IngestOptions) throws(IngestError) -> FileReport {
    options.progress?(report.file, report.read, true)
    try verify(report)
    return report
  }

  /// Throws when a file's accounting does not add up: a defect of the importer, never of
  /// the data.
  static func verify(_ report: FileReport) throws(IngestError) {
    if let reason = report.notKept { throw .rejectedRowsNotKept(file: report.file, reason: reason) }
    guard report.isBalanced else {
      throw .accountingMismatch(
        file: report.file, read: report.read, accepted: report.accepted, rejected: report.rejected,
        keptRows: report.rejectedRowCount)
    }
  }

  private static func read<Consumer: ResponseConsumer>(
    _ path: String, plan: IngestPlan, options: IngestOptions, pipelined: Bool, into consumer: inout Consumer,
    open: () throws -> CSVReader
  ) -> FileReport {
    let language = options.language(of: plan.survey)
    let reader: CSVReader
    do {
      reader = try open()
    } catch {
      var report = FileReport(file: path, municipalityCount: plan.survey.county.municipalities.count)
      report.failure = IngestDiagnostic(
        file: path, severity: .error,
        message: IngestPhrase.fileCannotBeRead(reason: reason(error, language)).text(language))
      return report
    }
    var ingester = FileIngester(plan: plan, options: options, file: path)
    do {
      try ingester.run(reader, pipelined: pipelined, into: &consumer)
      return ingester.report
    } catch {
      // Read it again, rejecting every respondent row, so that each is kept verbatim.
      let stop = (error as? CSVError)?.line ?? 0
      let why = reason(error, language)
      let message = IngestPhrase.fileNotImported(reason: why).text(language)
      var again = FileIngester(
        plan: plan, options: options, file: path,
        rejectingAllBecause: stop > 0 ? IngestPhrase.atLine(line: stop, reason: why).text(language) : why)
      var nothing = DiscardingConsumer()
      if let second = try? open() {
        try? again.run(second, into: &nothing)
      }
      var report = again.report
      report.failure = IngestDiagnostic(file: path, line: stop, severity: .error, message: message)
      return report
    }
  }

  private static func reason(_ error: any Error, _ language: Language) -> String {
    if let error = error as? CSVError { return IngestPhrase.csv(error).text(language) }
    if let error = error as? any Localized { return error.text(language) }
    return "\(error)"
  }

  /// Reads several exports concurrently, one task per file and at most `maxConcurrent`
  /// at a time, each into a consumer of its own. The results come back in the order of
  /// `paths`, whatever order the files finish in.
  public static func files<Consumer: ResponseConsumer & Sendable>(
    _ paths: [String], plan: IngestPlan, options: IngestOptions = IngestOptions(),
    maxConcurrent: Int = ProcessInfo.processInfo.activeProcessorCount,
    makeConsumer: @escaping @Sendable () -> Consumer
  ) async throws(IngestError) -> [FileResult<Consumer>] {
    do {
      return try await withThrowingTaskGroup(of: (Int, FileResult<Consumer>).self) { group in
        var results = [FileResult<Consumer>?](repeating: nil, count: paths.count)
        // Largest first, so that the last file to finish is a small one and the cores
        // stay busy to the end; the results keep the order of `paths`.
        let sizes = paths.map(fileSize)
        let order = paths.indices.sorted { sizes[$0] > sizes[$1] || (sizes[$0] == sizes[$1] && $0 < $1) }
        var next = 0
        func start() {
          let index = order[next]
          let path = paths[index]
          next += 1
          let fileOptions = Self.fileOptions(options, started: next, of: paths.count, maxConcurrent: maxConcurrent)
          group.addTask {
            var consumer = makeConsumer()
            let report = try Ingest.file(path, plan: plan, options: fileOptions, into: &consumer)
            return (index, FileResult(report: report, consumer: report.imported ? consumer : nil))
          }
        }
        while next < min(max(1, maxConcurrent), paths.count) { start() }
        while let (index, result) = try await group.next() {
          results[index] = result
          if next < paths.count { start() }
        }
        return results.map { $0! }
      }
    } catch let error as IngestError {
      throw error
    } catch {
      fatalError("unexpected error from an ingest task: \(error)")
    }
  }

  /// The options `files` reads the `started`-th file to start (from 1) of `count` with, at
  /// most `maxConcurrent` at a time. A file per core already keeps every core busy, so no
  /// file's parsing gets a second thread (`pipeline`) but the last to start: the others
  /// end while it is read, and its parsing then takes a core that would otherwise wait
  /// for it (a large file's, `pipelineMinimumBytes`).
  static func fileOptions(_ options: IngestOptions, started: Int, of count: Int, maxConcurrent: Int) -> IngestOptions {
    var adjusted = options
    if count >= max(1, maxConcurrent) && maxConcurrent > 1 && started < count { adjusted.pipeline = false }
    return adjusted
  }

  private static func fileSize(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
  }

  /// The exports of a directory (not its subdirectories): `.csv` files, workbooks (`.xlsx`,
  /// `.xlsm`, and `.xls`, which is refused with a message) and SPSS files (`.sav`,
  /// `.zsav`), sorted by name so
  /// that a run's output does not depend on the order the file system lists them in.
  public static func exportFiles(in directory: String) throws -> [String] {
    let names = try FileManager.default.contentsOfDirectory(atPath: directory)
    let base = directory.hasSuffix("/") ? directory : directory + "/"
    return names.filter {
      !$0.hasPrefix(".") && !$0.hasPrefix("~$")
        && (["csv"] + workbookExtensions + spssExtensions).contains(($0 as NSString).pathExtension.lowercased())
    }.sorted().map { base + $0 }
  }
}
