// The benchmark harness's Swift side. `Benchmarks/run.py` (called by `make bench`)
// generates data with it and times each stage against the C floor in `floor/csvfloor.c`.
//
//   kartlagg-bench generate SURVEY N FILE [DIR]   a deterministic export of SURVEY with N
//                                                 respondents (and the same rows split into
//                                                 one file per municipality in DIR)
//   kartlagg-bench read FILE                      LibCSV reads FILE, doing nothing with it
//   kartlagg-bench ingest SURVEY FILE...          Ingest reads the files (concurrently, one
//                                                 task each, as many at a time as there are
//                                                 cores) into consumers that keep nothing
import Dispatch
import Ingest
import LibCSV
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

let arguments = CommandLine.arguments
guard arguments.count >= 3 else { fail("usage: kartlagg-bench generate SURVEY N FILE [DIR] | read FILE | ingest SURVEY FILE...") }

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
case "read":
  do {
    let reader = try CSVReader(path: arguments[2])
    var records = 0
    var fields = 0
    try reader.forEachRecord { record in
      records += 1
      fields += record.count
    }
    print("records=\(records) fields=\(fields) encoding=\(reader.dialect.encoding) delimiter=\(reader.dialect.delimiter)")
  } catch {
    printError("\(error)")
    exit(65)
  }
case "ingest":
  guard arguments.count >= 4 else { fail("usage: kartlagg-bench ingest SURVEY FILE...") }
  do {
    let plan = IngestPlan(survey: try SurveyLoader.load(path: arguments[2]))
    let files = Array(arguments[3...])
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var outcome: Result<[FileResult<DiscardingConsumer>], any Error>?
    // Detached: top-level code runs on the main actor, which the semaphore blocks.
    Task.detached {
      do {
        outcome = .success(try await Ingest.files(files, plan: plan) { DiscardingConsumer() })
      } catch {
        outcome = .failure(error)
      }
      done.signal()
    }
    done.wait()
    let results = try outcome!.get()
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
