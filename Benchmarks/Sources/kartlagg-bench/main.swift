// The benchmark harness's Swift side. `Benchmarks/run.py` (called by `make bench`)
// generates data with it and times each stage against the C floor in `floor/csvfloor.c`.
//
//   kartlagg-bench generate SURVEY N FILE [DIR]   a deterministic export of SURVEY with N
//                                                 respondents (and the same rows split into
//                                                 one file per municipality in DIR)
//   kartlagg-bench generate-issue N FILE SURVEY [DIR]
//                                                 the export shape of issue 24 (86 columns,
//                                                 two free-text columns) and its survey
//                                                 definition in SURVEY (and the split files)
//   kartlagg-bench read FILE                      LibCSV reads FILE, doing nothing with it
//   kartlagg-bench ingest SURVEY FILE...          Ingest reads the files (concurrently, one
//                                                 task each, as many at a time as there are
//                                                 cores) into consumers that keep nothing
//   kartlagg-bench analyse SURVEY FILE...         the same into tallies, merged and analysed
//   kartlagg-bench report SURVEY OUT FILE...      the same, then every report and CSV into OUT
//   kartlagg-bench tally SURVEY N                 N synthetic responses, made one at a time,
//                                                 into one tally (its memory must not grow)
//   kartlagg-bench stages SURVEY FILE...          what a report does after the ingest, each
//                                                 part alone, one after the other (seconds
//                                                 of wall time each): the analysis, the
//                                                 published tables, the CSV files, the pages,
//                                                 the workbook (`report` makes the CSV files
//                                                 and pages beside the workbook)
import Dispatch
import GapAnalysis
import Ingest
import KartlaggCLI
import KartlaggRun
import LibCSV
import Reporting
import SeededRandom
import SurveyModel

#if canImport(Glibc)
  import Glibc
#endif

func printError(_ message: String) {
  var bytes = Array((message + "\n").utf8)
  _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
}

func fail(_ message: String) -> Never {
  printError("kartlagg-bench: \(message)")
  exit(64)
}

// As kartlagg itself: malloc's arenas limited to the cores, before the first thread.
ProcessTuning.limitMallocArenas()
let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
  fail("usage: kartlagg-bench generate SURVEY N FILE [DIR] | read FILE | ingest SURVEY FILE...")
}

switch arguments[1] {
case "generate":
  guard (5...6).contains(arguments.count), let n = Int(arguments[3]), n >= 0 else {
    fail("usage: kartlagg-bench generate SURVEY N FILE [DIR]")
  }
  do {
    let survey = try SurveyLoader.load(path: arguments[2])
    try ExportGenerator(survey: survey, respondents: n, seed: 20_261_123)
      .write(to: arguments[4], splitDirectory: arguments.count == 6 ? arguments[5] : nil)
  } catch {
    fail("\(error)")
  }
case "generate-issue":
  guard (5...6).contains(arguments.count), let n = Int(arguments[2]), n >= 0 else {
    fail("usage: kartlagg-bench generate-issue N FILE SURVEY [DIR]")
  }
  do {
    try AtomicFile.write(Array(IssueShape.surveyYAML().utf8), to: arguments[4])
    try IssueShape(respondents: n, seed: 20_261_206)
      .write(to: arguments[3], splitDirectory: arguments.count == 6 ? arguments[5] : nil)
  } catch {
    fail("\(error)")
  }
case "read":
  do {
    let reader = try CSVReader(path: arguments[2])
    var records = 0
    var fields = 0
    try reader.forEachRecord { record in
      records += 1
      fields += record.count
    }
    print(
      "records=\(records) fields=\(fields) encoding=\(reader.dialect.encoding) delimiter=\(reader.dialect.delimiter)")
  } catch {
    printError("\(error)")
    exit(65)
  }
case "analyse":
  guard arguments.count >= 4 else { fail("usage: kartlagg-bench analyse SURVEY FILE...") }
  do {
    let survey = try SurveyLoader.load(path: arguments[2])
    let tally = try tallied(Array(arguments[3...]), survey).tally
    let started = DispatchTime.now().uptimeNanoseconds
    let analysis = Analysis.run(tally)
    printError("analysis_s=\(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)")
    let county = analysis.item(.county, 0)
    print(
      "respondents=\(tally.respondentCount) scopes=\(analysis.scopes.count) county_gap_item1=\(county?.gapMean ?? .nan) priorities=\(analysis.priorities[.county]?.count ?? 0)"
    )
  } catch {
    printError("\(error)")
    exit(65)
  }
case "report":
  guard arguments.count >= 5 else { fail("usage: kartlagg-bench report SURVEY OUT FILE...") }
  var request = Runs.ReportRequest(survey: arguments[2], inputs: Array(arguments[4...]))
  request.output = arguments[3]
  let finalRequest = request
  let outcome = try runBlocking { await Runs.report(finalRequest) }
  guard outcome.exitCode == 0 else { fail(outcome.lines.suffix(3).joined(separator: "\n")) }
  print("files_written=\(outcome.written.count) \(outcome.lines.last ?? "")")
case "stages":
  guard arguments.count >= 4 else { fail("usage: kartlagg-bench stages SURVEY FILE...") }
  do {
    let survey = try SurveyLoader.load(path: arguments[2])
    var started = DispatchTime.now().uptimeNanoseconds
    func lap(_ name: String) {
      let now = DispatchTime.now().uptimeNanoseconds
      printError("\(name)_s=\(Double(now - started) / 1e9)")
      started = now
    }
    let (reports, tally) = try tallied(Array(arguments[3...]), survey)
    lap("ingest")
    let analysis = Analysis.run(tally)
    lap("analysis")
    let summaries = CSVSummaries(results: analysis, files: reports)
    let tables = summaries.publishedTables()
    lap("tables")
    let csv = summaries.published(tables)
    lap("csv")
    let pages = GapReports(results: analysis, files: reports).all()
    lap("pages")
    let workbook = try ExcelSummaries(summaries: summaries, title: survey.title, tables: tables).bytes()
    lap("workbook")
    print(
      "csv_bytes=\(csv.reduce(0) { $0 + $1.bytes.count }) pages_bytes=\(pages.reduce(0) { $0 + $1.text.utf8.count }) workbook_bytes=\(workbook.count)"
    )
  } catch {
    printError("\(error)")
    exit(65)
  }
case "tally":
  guard arguments.count == 4, let n = Int(arguments[3]) else { fail("usage: kartlagg-bench tally SURVEY N") }
  do {
    let survey = try SurveyLoader.load(path: arguments[2])
    let layout = TallyLayout(survey: survey)
    var tally = Tally(layout: layout)
    var rng = SplitMix64(seed: 7)
    let municipalities = survey.county.municipalities.count
    var response = Response(
      municipality: nil, dimensions: survey.dimensions.map { _ in nil },
      values: Array(repeating: Response.missing, count: survey.slots.count))
    for _ in 0..<n {
      let m = Int(rng.next() % UInt64(municipalities + 1))
      response.municipality = m == municipalities ? nil : m
      for d in survey.dimensions.indices {
        response.dimensions[d] = Int(rng.next() % UInt64(survey.dimensions[d].values.count + 1))
        if response.dimensions[d] == survey.dimensions[d].values.count { response.dimensions[d] = nil }
      }
      for k in response.values.indices {
        response.values[k] = rng.next() % 20 == 0 ? Response.missing : Int16(1 + rng.next() % 5)
      }
      tally.add(response)
    }
    print("respondents=\(tally.respondentCount)")
  } catch {
    printError("\(error)")
    exit(65)
  }
case "ingest":
  guard arguments.count >= 4 else { fail("usage: kartlagg-bench ingest SURVEY FILE...") }
  do {
    let plan = IngestPlan(survey: try SurveyLoader.load(path: arguments[2]))
    let files = Array(arguments[3...])
    let results = try runBlocking { try await Ingest.files(files, plan: plan) { DiscardingConsumer() } }
    let read = results.reduce(0) { $0 + $1.report.read }
    let accepted = results.reduce(0) { $0 + $1.report.accepted }
    let problems = results.reduce(0) { $0 + $1.report.problemCount }
    let failed = results.filter { !$0.report.imported }.map(\.report.file)
    guard failed.isEmpty else { fail("not imported: \(failed)") }
    print("files=\(files.count) read=\(read) accepted=\(accepted) problems=\(problems)")
  } catch {
    printError("\(error)")
    exit(65)
  }
default:
  fail("unknown stage '\(arguments[1])'")
}

/// Runs async work from top-level code and waits for it.
/// The files read into one merged tally, as a report reads them (`Runs.tally`), with each
/// file's report.
func tallied(_ files: [String], _ survey: Survey) throws -> (reports: [FileReport], tally: Tally) {
  try runBlocking { try await Runs.tally(files, survey: survey, layout: TallyLayout(survey: survey)) }
}

func runBlocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
  let done = DispatchSemaphore(value: 0)
  nonisolated(unsafe) var outcome: Result<T, any Error>?
  // Detached: top-level code runs on the main actor, which the semaphore blocks.
  Task.detached {
    do {
      outcome = .success(try await work())
    } catch {
      outcome = .failure(error)
    }
    done.signal()
  }
  done.wait()
  return try outcome!.get()
}

/// Peak RSS and CPU time of this process alone, for run.py (wait4's ru_maxrss would include
/// the parent's memory before exec).
func reportResources() {
  if let f = fopen("/proc/self/status", "r") {
    defer { fclose(f) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, 256, f) != nil {
      let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      if text.hasPrefix("VmHWM:") { printError("peak_rss_kb=\(text.dropFirst(6).filter(\.isNumber))") }
    }
  }
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  let seconds = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
  let micros = usage.ru_utime.tv_usec + usage.ru_stime.tv_usec
  printError("cpu_s=\(Double(seconds) + Double(micros) / 1e6)")
}
reportResources()
