// The benchmark harness's Swift side. `Benchmarks/run.py` (called by `make bench`)
// generates data with it and times each stage against the C floor in `floor/csvfloor.c`.
//
//   kartlagg-bench generate N FILE     a deterministic survey export of N respondents
//   kartlagg-bench read FILE           LibCSV reads FILE into a consumer that does nothing
import LibCSV

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
guard arguments.count >= 3 else { fail("usage: kartlagg-bench generate N FILE | read FILE") }

switch arguments[1] {
case "generate":
  guard arguments.count == 4, let n = Int(arguments[2]), n >= 0 else { fail("usage: kartlagg-bench generate N FILE") }
  do {
    try ExportGenerator(respondents: n, seed: 20_261_123).write(to: arguments[3])
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
