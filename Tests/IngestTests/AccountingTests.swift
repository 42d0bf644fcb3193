import Foundation
import LibCSV
import SeededRandom
import SurveyModel
import Testing

@testable import Ingest

/// Nothing is lost: every record is a respondent (accepted or rejected, kept verbatim) or
/// named as something else (preamble, header, blank, footnote), and a broken file stops
/// only itself.
@Suite struct AccountingTests {
  @Test func unterminatedQuoteRejectsTheWholeFileVerbatim() throws {
    let text = "kommun,a_nu,d\nKalmar,3,ok\nHögsby,4,\"never closed\nKalmar,2,x\n"
    let (report, responses) = try ingest(text, plan: try miniPlan(), name: "broken.csv")
    let failure = try #require(report.failure)
    #expect(failure.line == 5)
    #expect(
      failure.description.hasPrefix(
        "broken.csv:5: error: the file is not imported: unterminated quoted field starting at line 3"))
    // The row before the break is not counted; it is kept as rejected, like the rest.
    #expect(report.read == 1 && report.accepted == 0 && report.rejected == 1)
    #expect(report.rejectedRows.first?.cells == ["Kalmar", "3", "ok"])
    #expect(report.rejectedRows.first?.reason.code == "file_not_imported")
    _ = responses  // what the consumer saw of a failed file is discarded by `Ingest.files`
  }

  /// The rows of `rejectedRowsPastTheFirstThousandKeepTheirOrder`, read as under
  /// `--strict`: the file's report and the rejected rows it must keep, in order.
  static func manyRejected() throws -> (report: FileReport, expected: [RejectedRow]) {
    var text = "respondent_id,kommun,a_nu\nA,Kalmar,3\n"
    var expected: [RejectedRow] = []
    for k in 0..<2500 {
      let line = k + 3
      let cells: [String]
      let reason: RejectReason
      let column: Int
      switch k % 4 {
      case 0:
        (cells, reason, column) = (
          ["I\(k)", "Qqqqqq\(k)", "2"], .unknownMunicipality(value: "Qqqqqq\(k)", suggestion: nil), 2
        )
      case 1: (cells, reason, column) = (["I\(k)", "", "2"], .missingMunicipality, 2)
      case 2:
        (cells, reason, column) = (["A", "Kalmar", "\(k % 5 + 1)"], .duplicateRespondent(id: "A", firstLine: 2), 1)
      default:
        cells = ["I\(k)", "Kalmar"] + Array(repeating: "z\(k)", count: k % 7 + 2)
        (reason, column) = (.fieldCount(found: k % 7 + 4, expected: 3), 0)
      }
      text += cells.joined(separator: ",") + "\n"
      expected.append(RejectedRow(file: "r.csv", line: line, column: column, reason: reason, cells: cells))
    }
    text += "B,Högsby,4\n"
    // As under --strict: a blank municipality is a rejected row.
    var strict = IngestOptions.english
    strict.rejectsBlankMunicipality = true
    let (report, responses) = try ingest(text, plan: try miniPlan(), options: strict, name: "r.csv")
    #expect(responses.count == 2)
    return (report, expected)
  }

  /// `RejectedRowSpill` under Thread Sanitizer (`make test-thread`): only the ingester that
  /// made it appends; afterwards its rows are only read, from any thread and from several
  /// at once (the working file `rejected.csv`, a server's check page). The 2 500 rejected
  /// rows above, 1 500 of them in the spill, read back whole by four tasks at once, none of
  /// them on the thread that read the file.
  @Test(.tags(.threads)) func spilledRowsAreReadFromSeveralThreadsAtOnce() throws {
    let (report, expected) = try Self.manyRejected()
    try #require(report.rejectedSpill?.count == 1500)
    let lines = expected.map(\.line)
    // What each reader read, behind a lock Thread Sanitizer sees (an NSLock).
    final class Reads: @unchecked Sendable {
      let lock = NSLock()
      var lines: [[Int]] = []
      var failures: [String] = []
    }
    let reads = Reads()
    // Four threads of their own, let go at once (concurrentPerform may run every
    // iteration on the calling thread when each is short).
    let start = DispatchSemaphore(value: 0)
    let done = DispatchGroup()
    for _ in 0..<4 {
      done.enter()
      Thread {
        start.wait()
        var mine: [Int] = []
        do {
          try report.forEachRejectedRow { mine.append($0.line) }
        } catch {
          reads.lock.withLock { reads.failures.append("\(error)") }
        }
        reads.lock.withLock { reads.lines.append(mine) }
        done.leave()
      }.start()
    }
    for _ in 0..<4 { start.signal() }
    done.wait()
    #expect(reads.failures.isEmpty, "\(reads.failures)")
    #expect(reads.lines.count == 4 && reads.lines.allSatisfy { $0 == lines })
  }

  /// Past the first 1 000 rejected rows, the rest are kept in a temporary file, in the order
  /// found, each as it was: 2 500 rows of four kinds (by construction: row k, on line k + 2,
  /// is an unknown municipality 'Qqqqqq<k>' when k % 4 == 0, a missing one (`--strict`) when 1, a duplicate of
  /// line 2's id 'A' when 2, and a row of k % 7 + 4 fields when 3), between two respondents.
  @Test func rejectedRowsPastTheFirstThousandKeepTheirOrder() throws {
    let (report, expected) = try Self.manyRejected()
    #expect(report.read == 2502 && report.accepted == 2 && report.rejected == 2500 && report.isBalanced)
    #expect(report.rejectedRows.count == 1000 && report.rejectedSpill?.count == 1500)
    var all: [RejectedRow] = []
    try report.forEachRejectedRow { all.append($0) }
    #expect(all.count == expected.count)
    for (found, wanted) in zip(all, expected) where found != wanted {
      Issue.record("line \(wanted.line): \(found) is not \(wanted)")
      break
    }
    #expect(
      report.rejectedReasons == [
        "unknown_municipality": 625, "missing_municipality": 625, "duplicate_respondent": 625, "field_count": 625,
      ])
    #expect(report.widestRejectedRow == 10)
    #expect(report.firstRejectedRows(1003).map(\.line) == Array(3..<1006))
  }

  @Test func brokenAndMissingFilesDoNotStopTheOthers() async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kartlagg-acc-\(getpid())").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try Array("kommun,a_nu\nKalmar,3\nHögsby,4\n".utf8).write(to: dir + "/a.csv")
    try Array("kommun,a_nu\nKalmar,\"3\n".utf8).write(to: dir + "/b.csv")
    var binary: [UInt8] = [0x00, 0xFF, 0xFE, 0x22, 0x9C, 0x00, 0x01]
    for i in 0..<4000 { binary.append(UInt8(truncatingIfNeeded: i &* 2_654_435_761 >> 13)) }
    try binary.write(to: dir + "/c.csv")
    let files = [dir + "/a.csv", dir + "/b.csv", dir + "/c.csv", dir + "/missing.csv"]
    let results = try await Ingest.files(files, plan: try miniPlan(), options: .english) { CollectingConsumer() }
    #expect(results.map(\.report.file) == files)
    #expect(results[0].report.imported && results[0].consumer?.responses.count == 2)
    #expect(!results[1].report.imported && results[1].consumer == nil)
    #expect(!results[2].report.imported && results[2].consumer == nil)
    #expect(results[3].report.failure?.message.hasPrefix("the file cannot be read") == true)
    // By hand: a.csv holds 2 respondents; b.csv breaks in its first data row, so no row is read.
    #expect((results[0].report.read, results[0].report.accepted, results[0].report.rejected) == (2, 2, 0))
    #expect((results[1].report.read, results[1].report.accepted, results[1].report.rejected) == (0, 0, 0))
  }

  /// The check every file goes through: an accounting that does not add up stops the run.
  @Test func anUnbalancedReportIsAnError() throws {
    var report = FileReport(file: "x.csv", municipalityCount: 3)
    (report.read, report.accepted, report.rejected) = (5, 3, 2)
    report.rejectedRows = [
      RejectedRow(file: "x.csv", line: 4, column: 0, reason: .duplicateRespondent(id: "7", firstLine: 2), cells: ["7"])
    ]
    #expect(throws: IngestError.accountingMismatch(file: "x.csv", read: 5, accepted: 3, rejected: 2, keptRows: 1)) {
      try Ingest.verify(report)
    }
    report.rejectedRows.append(
      RejectedRow(file: "x.csv", line: 5, column: 0, reason: .duplicateRespondent(id: "7", firstLine: 2), cells: ["7"]))
    try Ingest.verify(report)
    report.read = 6
    #expect(throws: IngestError.self) { try Ingest.verify(report) }
  }

  /// Files read concurrently give the same per-file results as one by one, whatever
  /// order they are given in; and so does the last file to start when it is parsed on a
  /// second thread of its own (every file counts as large here, so the last one is).
  @Test(.tags(.threads)) func orderDoesNotMatter() async throws {
    let plan = IngestPlan(survey: try countySurvey())
    let files = try Ingest.exportFiles(in: repositoryRoot + "/Surveys/examples")
    var rng = SplitMix64(seed: 7)
    let shuffled = files.shuffled(using: &rng)
    var lastPiped = IngestOptions()
    lastPiped.pipelineMinimumBytes = 0
    lastPiped.read.chunkSize = 61
    let a = try await Ingest.files(files, plan: plan, maxConcurrent: 4) { CollectingConsumer() }
    let b = try await Ingest.files(shuffled, plan: plan, maxConcurrent: 3) { CollectingConsumer() }
    let c = try await Ingest.files(shuffled, plan: plan, options: lastPiped, maxConcurrent: 2) { CollectingConsumer() }
    let serial = try await Ingest.files(files, plan: plan, maxConcurrent: 1) { CollectingConsumer() }
    for path in files {
      let x = a.first { $0.report.file == path }!
      let y = b.first { $0.report.file == path }!
      let w = c.first { $0.report.file == path }!
      let z = serial.first { $0.report.file == path }!
      #expect(x.consumer?.responses == y.consumer?.responses)
      #expect(x.consumer?.responses == w.consumer?.responses)
      #expect(x.consumer?.responses == z.consumer?.responses)
      #expect(x.report.rejectedRows == y.report.rejectedRows && x.report.problems == y.report.problems)
      #expect(x.report.rejectedRows == w.report.rejectedRows && x.report.problems == w.report.problems)
    }
  }

  /// Which of several files read at once gets a second thread for its parsing: on two
  /// cores, of 12 files only the 12th to start; a lone file, and each of three files on
  /// four cores, keep it; one core at a time changes nothing; and a caller that turned it
  /// off keeps it off for the last file too.
  @Test func onlyTheLastFileToStartIsPipedWhenEveryCoreHasOne() {
    let on = IngestOptions()
    var off = IngestOptions()
    off.pipeline = false
    func piped(_ options: IngestOptions, of count: Int, cores: Int) -> [Bool] {
      (1...count).map { Ingest.fileOptions(options, started: $0, of: count, maxConcurrent: cores).pipeline }
    }
    #expect(piped(on, of: 12, cores: 2) == Array(repeating: false, count: 11) + [true])
    #expect(piped(on, of: 2, cores: 2) == [false, true])
    #expect(piped(on, of: 1, cores: 2) == [true])
    #expect(piped(on, of: 3, cores: 4) == [true, true, true])
    #expect(piped(on, of: 12, cores: 1) == Array(repeating: true, count: 12))
    #expect(piped(off, of: 12, cores: 2) == Array(repeating: false, count: 12))
  }

  /// Parsing on a second thread (`RecordPipeline`, used for large files) gives exactly
  /// what reading in one thread gives: on every example, and on corrupted variants whose
  /// reading stops half-way. The piped reader parses 61 bytes at a time, so that every
  /// file spans many chunks and records and fields are cut across them.
  @Test(.tags(.threads)) func pipelineReadsTheSame() throws {
    let plan = IngestPlan(survey: try countySurvey())
    var single = IngestOptions.english
    single.pipeline = false
    var piped = IngestOptions.english
    piped.pipelineMinimumBytes = 0
    piped.read.chunkSize = 61
    var rng = SplitMix64(seed: 99)
    for path in try Ingest.exportFiles(in: repositoryRoot + "/Surveys/examples") {
      let original = Array(FileManager.default.contents(atPath: path)!)
      for round in 0..<8 {
        var bytes = original
        if round > 0 { mutate(&bytes, &rng) }
        var a = CollectingConsumer()
        var b = CollectingConsumer()
        let one = try Ingest.data(bytes, name: "x.csv", plan: plan, options: single, into: &a)
        let two = try Ingest.data(bytes, name: "x.csv", plan: plan, options: piped, into: &b)
        #expect(a.responses == b.responses)
        #expect(one.rejectedRows == two.rejectedRows && one.problems == two.problems)
        #expect(one.failure == two.failure && one.read == two.read && one.blankRecords == two.blankRecords)
      }
    }
  }

  /// Corrupted variants of the example files (120 of each, 30 of the large Google Forms
  /// file: 1 470 in all): bytes flipped, quotes dropped, rows truncated or repeated, columns
  /// swapped. None may crash or hang, and every one must satisfy read = accepted + rejected
  /// with each rejected row kept.
  ///
  /// 120 a file and not the 170 it was (14.8 s of CPU in a debug build, now about 10 s):
  /// with this seed, 120 rounds reach every line, function and region of Ingest, LibCSV,
  /// CIngestScan and SurveyModel that 170 reach (`llvm-cov report` of a coverage build
  /// running this test alone, the two reports identical: 1336 of 2795 regions missed, 415
  /// of 907 functions, 2150 of 4971 lines), where 100 rounds miss a region of
  /// AnswerDecoder and 80 miss 8 regions of HeaderFinder and HeaderVocabulary. The rounds
  /// past 120 add no branch.
  @Test(.timeLimit(.minutes(5)), arguments: 0..<13)
  func mutationsNeverBreakTheAccounting(file index: Int) throws {
    let plan = IngestPlan(survey: try countySurvey())
    let files = try Ingest.exportFiles(in: repositoryRoot + "/Surveys/examples")
    try #require(files.count == 13)
    let original = Array(FileManager.default.contents(atPath: files[index])!)
    var rng = SplitMix64(seed: 20_261_123 &+ UInt64(index))
    var variants = 0
    for round in 0..<120 {
      // The large file is used less often, to keep the test quick.
      if original.count > 50_000 && round % 4 != 0 { continue }
      var bytes = original
      for _ in 0..<(1 + Int(rng.next() % 4)) { mutate(&bytes, &rng) }
      variants += 1
      var nothing = DiscardingConsumer()
      let report = try Ingest.data(bytes, name: "variant-\(index)-\(round).csv", plan: plan, into: &nothing)
      guard report.imported else { continue }
      #expect(nothing.count == report.accepted)
      // Against LibCSV's own reading of the same bytes: every record is named once
      // (preamble, header, blank, footnote or respondent), and every rejected row holds
      // exactly the cells of the record on its line.
      // (The cells are made into strings on the rejected rows' lines only: on every line
      // they were a tenth of the test's time.)
      let rejectedLines = Set(report.rejectedRows.map(\.line))
      var records: [Int: [String]] = [:]
      var recordCount = 0
      try CSVReader(bytes: bytes, name: "variant").forEachRecord {
        recordCount += 1
        if rejectedLines.contains($0.line) { records[$0.line] = $0.strings() }
      }
      let named =
        report.preambleRecords + report.headerLines.count + report.blankRecords + report.footnoteRecords + report.read
      #expect(named == recordCount, "variant \(round): \(named) records named, \(recordCount) read")
      for row in report.rejectedRows {
        #expect(records[row.line] == row.cells, "variant \(round), line \(row.line)")
      }
    }
    #expect(variants == (original.count > 50_000 ? 30 : 120))
  }

  private func mutate(_ bytes: inout [UInt8], _ rng: inout SplitMix64) {
    guard bytes.count > 2 else { return }
    let at = Int(rng.next() % UInt64(bytes.count))
    switch rng.next() % 6 {
    case 0:  // flip a byte
      bytes[at] ^= UInt8(truncatingIfNeeded: 1 << (rng.next() % 8))
    case 1:  // drop a quote, or add a stray one
      if let q = bytes[at...].firstIndex(of: 0x22) { bytes.remove(at: q) } else { bytes.insert(0x22, at: at) }
    case 2:  // truncate the file mid-row
      bytes.removeSubrange(at...)
    case 3:  // cut a line short
      if let end = bytes[at...].firstIndex(of: 0x0A), end > at { bytes.removeSubrange(at..<end) }
    case 4:  // swap two columns of every line (a delimiter-level shuffle)
      let delimiter: UInt8 = bytes.contains(0x3B) && !bytes.prefix(400).contains(0x2C) ? 0x3B : 0x2C
      var out: [UInt8] = []
      for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
        var cells = line.split(separator: delimiter, omittingEmptySubsequences: false)
        if cells.count > 3 { cells.swapAt(1, 2) }
        out += Array(cells.joined(separator: [delimiter])) + [0x0A]
      }
      bytes = Array(out.dropLast())
    default:  // repeat the line after a random position
      if let start = bytes[at...].firstIndex(of: 0x0A), let end = bytes[(start + 1)...].firstIndex(of: 0x0A) {
        bytes.insert(contentsOf: Array(bytes[(start + 1)...end]), at: start + 1)
      }
    }
  }
}

extension Array where Element == UInt8 {
  func write(to path: String) throws {
    try Data(self).write(to: URL(fileURLWithPath: path))
  }
}
