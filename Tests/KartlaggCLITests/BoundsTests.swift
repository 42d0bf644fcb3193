import Foundation
import SurveyModel
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// What the built `kartlagg` promises for any input, whatever its shape (README, `--help`):
/// peak resident memory within 200 MB plus the survey's tally bound, a clear refusal or a
/// bounded run. Each bad shape is written to a temporary folder and run as a child
/// process (see `measure`); its peak resident set (`ru_maxrss` from `wait4`, not a
/// virtual-memory limit, which Swift's reservations would trip) is checked. The sizes are chosen so that the code
/// before the fix went far past the bound (measured peaks in each test) while the fixed code
/// stays well below it. Skipped under Thread Sanitizer, whose shadow memory is not the
/// program's.
@Suite(.enabled(if: !underThreadSanitizer, "Thread Sanitizer's shadow memory is not kartlagg's"))
struct BoundsTests {
  /// 200 MB plus the county survey's tally (5 bytes a counter, `SurveyLimits`).
  static let bound: Int = {
    let survey = try! SurveyLoader.load(path: countySurvey)
    return 200_000_000 + SurveyLimits.tallySize(survey).counters * 5
  }()

  /// 3: one rejected row of 100 000 fields, then 1 000 one-field rows (201 kB), between
  /// two respondents. Before: every rejected row was kept in memory and padded to the
  /// widest (a peak of 2.6 GB in 52 s, and a 101 MB rejected.csv). Now: streamed to a temporary
  /// file as found, and rejected.csv holds each row verbatim and unpadded: no larger than
  /// the rows plus their place and reason (here at most 250 bytes a row for the file's
  /// path, line, column, code and the reason's words).
  @Test func wideRejectedRowThenManyShortOnes() throws {
    let dir = try folder("bounds-wide")
    defer { cleanUp(dir) }
    var text = "kommun,organisation,niva\nKalmar,Kommunen,Mikro\n"
    text += "Kalmar," + String(repeating: "x,", count: 99_998) + "x\n"
    text += String(repeating: "y\n", count: 1000) + "Kalmar,Kommunen,Mikro\n"
    try text.write(toFile: dir + "/in/wide.csv", atomically: false, encoding: .utf8)
    let run = try measure(["report", "--survey", countySurvey, dir + "/in", "--out", dir + "/out"])
    #expect(run.status == 2, "\(run.output.prefix(2000))")
    #expect(run.maxRSS < Self.bound, "peak \(run.maxRSS) bytes")
    #expect(run.output.contains("1003 lästa, 2 godtagna, 1001 avvisade"), "\(run.output.prefix(2000))")
    let rejected = dir + "/out-arbetsfiler/rejected.csv"
    let size = (try FileManager.default.attributesOfItem(atPath: rejected)[.size] as? NSNumber)?.intValue ?? 0
    #expect(size > 200_000 && size < text.utf8.count + 1001 * 250 + 20_000, "rejected.csv is \(size) bytes")
    // The wide row as it was, and a short one with its one cell only (no padding).
    let lines = try String(contentsOfFile: rejected, encoding: .utf8).components(separatedBy: "\r\n")
    #expect(lines.count == 1 + 1001 + 1)
    #expect(lines[1].hasPrefix(dir + "/in/wide.csv,3,0,field_count,"))
    #expect(lines[1].hasSuffix(",Kalmar," + String(repeating: "x,", count: 99_998) + "x"))
    #expect(lines[2].hasPrefix(dir + "/in/wide.csv,4,0,field_count,") && lines[2].hasSuffix(",y"))
    #expect(lines[2].split(separator: ",").count < 12)
  }

  /// 3: many narrow rejected rows (1 200 000 one-field rows, 2.4 MB). Before: each kept in
  /// memory (a peak of 276 MB measured with /usr/bin/time, 2 GB for 2.5 million rows in a
  /// report); now on disk as they are found (40 MB).
  @Test func manyRejectedRows() throws {
    let dir = try folder("bounds-many")
    defer { cleanUp(dir) }
    let text =
      "kommun,organisation,niva\nKalmar,Kommunen,Mikro\n" + String(repeating: "y\n", count: 1_200_000)
      + "Kalmar,Kommunen,Mikro\n"
    try text.write(toFile: dir + "/in/many.csv", atomically: false, encoding: .utf8)
    let run = try measure(["validate", "--survey", countySurvey, dir + "/in"])
    #expect(run.status == 2, "\(run.output.prefix(2000))")
    #expect(run.maxRSS < Self.bound, "peak \(run.maxRSS) bytes")
    #expect(run.output.contains("1200002 lästa, 2 godtagna, 1200000 avvisade"), "\(run.output.prefix(2000))")
  }

  /// 4: a workbook whose shared strings are 1 500 000 short texts (`<si><t>s0000001</t></si>`,
  /// 36 MB of XML, 4 MB zipped). Before: an array per string, 8 to 25 times the XML (peaks
  /// of 281 MB with /usr/bin/time and 888 MB in this test). Now: their bytes in one buffer,
  /// 12 bytes a string here (a 53 MB peak); read as usual.
  @Test func largeSharedStringTable() throws {
    let dir = try folder("bounds-strings")
    defer { cleanUp(dir) }
    try makeWorkbook(dir + "/in/torsas.xlsx", strings: "('<si><t>s%07d</t></si>' % i for i in range(1_500_000))")
    let run = try measure(["validate", "--survey", countySurvey, dir + "/in"])
    #expect(run.status == 0, "\(run.output.prefix(2000))")
    #expect(run.maxRSS < Self.bound, "peak \(run.maxRSS) bytes")
    #expect(run.output.contains("2 lästa, 2 godtagna, 0 avvisade"), "\(run.output.prefix(2000))")
  }

  /// 4: a zip bomb in the string table: 5 000 000 strings, most of them empty (`<si/>`,
  /// one in 32 a letter; 28 MB of XML in a 250 kB archive, within the 200-fold ratio).
  /// Before: an array per string, peaks of 1.5 to 2.3 GB, and the file read. Now: refused as it
  /// unpacks, at the limit of 4 Mi strings (51 MB), naming the file, in the run's language.
  /// String i depends on i % 32 and i % 26 only, so the 5 000 000 are 6 009 copies of the
  /// first 832 and then the first 512 of them again (6 009 × 832 + 512): written so, Python
  /// makes the same bytes in a twentieth of the time (3.5 s against 0.16 s, compared equal).
  @Test func zipBombInTheStringTable() throws {
    let dir = try folder("bounds-bomb")
    defer { cleanUp(dir) }
    let string = "'<si><t>%s</t></si>' % 'abcdefghijklmnopqrstuvwxyz'[i % 26] if i % 32 == 0 else '<si/>'"
    try makeWorkbook(
      dir + "/in/torsas.xlsx",
      strings: "[''.join(\(string) for i in range(832))] * 6009 + [''.join(\(string) for i in range(512))]"
    )
    let run = try measure(["validate", "--survey", countySurvey, dir + "/in"])
    #expect(run.status == 1, "\(run.output.prefix(2000))")
    #expect(run.maxRSS < Self.bound, "peak \(run.maxRSS) bytes")
    #expect(
      run.output.contains(
        "torsas.xlsx: error: filen importeras inte: arbetsbokens delade texter (xl/sharedStrings.xml) rymmer mer än 64 MiB text eller 4194304 texter"
      ), "\(run.output.prefix(2000))")
  }

  /// 5: a header that repeats `kommun` 10 000 times (70 kB): refused once, in linear time.
  /// Before: one message per pair, each checked against the whole refusal (quadratic; it did
  /// not finish in 120 s). The child is given 60 s.
  @Test func headerRepeatingOneColumn() throws {
    let dir = try folder("bounds-header")
    defer { cleanUp(dir) }
    let text = Array(repeating: "kommun", count: 10_000).joined(separator: ",") + "\nKalmar\n"
    try text.write(toFile: dir + "/in/repeat.csv", atomically: false, encoding: .utf8)
    let run = try measure(["validate", "--survey", countySurvey, dir + "/in"], timeout: 60)
    #expect(!run.timedOut)
    #expect(run.status == 1, "\(run.output.prefix(2000))")
    #expect(run.maxRSS < Self.bound, "peak \(run.maxRSS) bytes")
    // Said once: columns 1 and 2, and the 9 998 others counted.
    let refusals = run.output.components(separatedBy: "har båda 'kommun'").count - 1
    #expect(refusals == 1, "\(run.output.prefix(4000))")
    #expect(
      run.output.contains(
        "kolumn 1 ('kommun') och 2 ('kommun') har båda 'kommun'; ange den du menar med dess plats i enkätdefinitionen, räknad från 1 som i ett kalkylark: `column: { position: 1 }` (eller dess bokstav, `{ position: A }`), eller ta bort eller byt namn på de andra (och 9998 kolumner till likaså: 3, 4, 5, 6, 7, 8, 9, 10, …)"
      ), "\(run.output.prefix(4000))")
    #expect(run.output.utf8.count < 10_000, "\(run.output.utf8.count) bytes of output")
  }

  /// 6: a "survey definition" of 400 MiB (a sparse file: no disk is used) is refused by
  /// its size, unread. Before: read whole first (a peak of 846 MB). Said before the
  /// definition's `language:` is known: in Swedish, not being told `--language` (issue 24).
  @Test func hugeSurveyFileIsRefusedUnread() throws {
    let dir = try folder("bounds-survey")
    defer { cleanUp(dir) }
    let path = dir + "/huge.yaml"
    #expect(FileManager.default.createFile(atPath: path, contents: nil))
    #expect(truncate(path, 400 << 20) == 0)
    let run = try measure(["validate", "--survey", path, dir + "/in"])
    #expect(run.status == 1, "\(run.output.prefix(2000))")
    #expect(run.maxRSS < Self.bound, "peak \(run.maxRSS) bytes")
    #expect(
      run.output.contains(
        "huge.yaml:1:1: error: filen är 400 MiB; en enkätdefinition är högst 1 MiB, så detta är troligen ingen (kontrollera sökvägen)"
      ), "\(run.output.prefix(2000))")
  }

  // MARK: Helpers

  /// A fresh temporary folder with an empty `in/` for the exports.
  func folder(_ name: String) throws -> String {
    let dir = try temporaryDirectory(name)
    try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
    return dir
  }

  func cleanUp(_ dir: String) {
    for path in [dir, dir + "/out-arbetsfiler"] { try? FileManager.default.removeItem(atPath: path) }
  }

  /// A workbook with the county's municipality column and two respondents from Torsås,
  /// whose shared-strings part is the Python expression `strings` (an iterable of `<si>`
  /// elements, or of runs of them) after the two strings the sheet uses. Written by Python's zipfile.
  func makeWorkbook(_ path: String, strings: String) throws {
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    let script = """
      import sys, zipfile
      ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
      rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
      with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
          z.writestr('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
          z.writestr('xl/workbook.xml', f'<workbook xmlns="{ns}" xmlns:r="{rel}"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>')
          z.writestr('xl/_rels/workbook.xml.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="x" Target="worksheets/sheet1.xml"/></Relationships>')
          z.writestr('xl/worksheets/sheet1.xml', f'<worksheet xmlns="{ns}"><sheetData>'
              '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
              '<row r="2"><c r="A2" t="s"><v>1</v></c></row><row r="3"><c r="A3" t="s"><v>1</v></c></row>'
              '</sheetData></worksheet>')
          with z.open('xl/sharedStrings.xml', 'w') as f:
              f.write(f'<sst xmlns="{ns}"><si><t>kommun</t></si><si><t>Torsås</t></si>'.encode())
              chunk = []
              for s in \(strings):
                  chunk.append(s)
                  if len(chunk) == 100000:
                      f.write(''.join(chunk).encode()); chunk = []
              f.write(''.join(chunk).encode() + b'</sst>')
      """
    let made = try python(script, [path])
    #expect(made.status == 0, "\(made.output)")
  }

  struct Measured {
    var status: Int32
    var output: String
    /// Peak resident set size in bytes.
    var maxRSS: Int
    var timedOut: Bool
  }

  /// Runs the built `kartlagg` and returns its exit status, output (stdout and stderr) and
  /// peak resident memory, killing it past `timeout` seconds.
  ///
  /// Not as this process's own child: on Linux a process's `ru_maxrss` starts from the
  /// high-water mark of the memory it was forked or spawned from (`posix_spawn` shares the
  /// parent's, so every child of a large test process reported the test process's peak).
  /// A small Python process (`python3`, some 10 MB) forks it instead, waits for it with
  /// `os.wait4` and writes its status and `ru_maxrss`: so the figure is kartlagg's own,
  /// plus at most that Python process's size at the fork.
  func measure(_ arguments: [String], timeout: Double = 120) throws -> Measured {
    let binary = try kartlaggBinary()
    let base = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kartlagg-bounds-\(getpid())-\(UUID().uuidString)"
    ).path
    let outputPath = base + ".out"
    let resultPath = base + ".result"
    defer {
      unlink(outputPath)
      unlink(resultPath)
    }
    let script = """
      import os, sys, time, signal
      result, timeout, argv = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
      out = os.open(result + '.tmp', os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
      pid = os.fork()
      if pid == 0:
          try:
              os.execv(argv[0], argv)
          finally:
              os._exit(127)
      deadline, timed_out = time.monotonic() + timeout, False
      while True:
          got, status, usage = os.wait4(pid, os.WNOHANG)
          if got == pid:
              break
          if not timed_out and time.monotonic() > deadline:
              timed_out = True
              os.kill(pid, signal.SIGKILL)
          time.sleep(0.02)
      code = os.waitstatus_to_exitcode(status)
      os.write(out, f'{code} {usage.ru_maxrss} {int(timed_out)}'.encode())
      os.close(out)
      os.rename(result + '.tmp', result)
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, resultPath, String(timeout), binary] + arguments
    try #require(FileManager.default.createFile(atPath: outputPath, contents: nil))
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
    process.standardOutput = output
    process.standardError = output
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try output.close()
    let fields = ((try? String(contentsOfFile: resultPath, encoding: .utf8)) ?? "").split(separator: " ")
    guard process.terminationStatus == 0, fields.count == 3, let status = Int32(fields[0]),
      let kilobytes = Int(fields[1])
    else {
      throw MissingBinary(description: "could not measure \(binary): python3 exited \(process.terminationStatus)")
    }
    // ru_maxrss is in kilobytes on Linux.
    return Measured(
      status: status, output: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
      maxRSS: kilobytes * 1024, timedOut: fields[2] == "1")
  }
}

/// Whether this test binary runs under Thread Sanitizer (its runtime is linked in).
let underThreadSanitizer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__tsan_init") != nil
