import Foundation
import KartlaggCLI
import KartlaggRun
import RoundStore
import SourceDiagnostics
import Testing

/// The run as a library (`KartlaggRun`), as the web service calls it: no terminal, working
/// files as values unless a folder is named, several runs at once in one process; and what
/// the command line does with it (`import --sheet`, diagnostics on standard error).
@Suite struct RunLibraryTests {
  /// Each file's rows and respondent rows, read by Python's csv module (not by kartlagg):
  /// every row after the header is a respondent row of the mini survey's exports.
  static func respondentRows(_ path: String) throws -> Int {
    let counted = try python(
      "import csv, sys; print(len(list(csv.reader(open(sys.argv[1], encoding='utf-8-sig')))) - 1)", [path])
    return try #require(Int(counted.output.trimmingCharacters(in: .whitespacesAndNewlines)))
  }

  /// Two reports of the same files at once in one process, as two requests to the web
  /// service: both publish the same files, byte for byte, as one report alone; with
  /// `WorkingPlace.none` no working folder is written, and the accounting comes back as a
  /// value. Under Thread Sanitizer (`make test-thread`): the workbook and the pages made
  /// at once, the analysis and the folders' writes off the cooperative pool. On the mini
  /// survey's two exports (MiniSurvey): the same stages run at once as on the county's, and
  /// the county's three reports took 6.7 s of CPU in a debug build and some 25 s under the
  /// sanitizer.
  @Test(.tags(.threads)) func reportsAtOnceAreTheSameAsOneAlone() async throws {
    let folder = try temporaryDirectory("run-library-reports")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let mini = try MiniSurvey(in: folder + "/in")
    let files = [mini.a, mini.b]
    func request(_ name: String) -> ReportRequest {
      var request = ReportRequest(survey: mini.survey, inputs: files)
      request.output = folder + "/" + name
      request.working = .none
      return request
    }
    let alone = await Run.report(request("alone"))
    #expect(alone.status == .success, "\(alone.problems.map { $0.text(.en) })")
    let (a, b) = await withTaskGroup(of: ReportResult.self, returning: (ReportResult, ReportResult).self) { group in
      group.addTask { await Run.report(request("a")) }
      group.addTask { await Run.report(request("b")) }
      let first = await group.next()!
      let second = await group.next()!
      return (first, second)
    }
    #expect(a.status == .success && b.status == .success)
    let expected = snapshot(folder + "/alone")
    #expect(expected.count == alone.published.count + 1)  // and the set's marker
    #expect(snapshot(folder + "/a") == expected)
    #expect(snapshot(folder + "/b") == expected)
    // No working folder, and none of its files among those written.
    for name in ["alone", "a", "b"] {
      #expect(!FileManager.default.fileExists(atPath: folder + "/" + name + "-arbetsfiler"))
    }
    #expect(alone.workingFolder == nil && alone.written.allSatisfy { $0.hasPrefix(folder + "/alone/") })
    // The accounting as a value: a row per file, its rows read as Python counts them (the
    // accounting parsed by Python's csv module too).
    let working = try #require(alone.working)
    #expect(working.paths == ["accounting.csv", "rejected.csv", "problems.csv", "LASMIG.txt"])
    let accounting = try #require(working.files.first { $0.path == "accounting.csv" }).bytes
    let read = try python(
      "import csv, io, sys; print(' '.join(r['read'] for r in csv.DictReader(io.StringIO(sys.stdin.read()))))",
      input: Data(accounting))
    let counted = try files.map { String(try Self.respondentRows($0)) }.joined(separator: " ")
    #expect(read.output.trimmingCharacters(in: .whitespacesAndNewlines) == counted, "\(read.output)")
  }

  /// An import with `WorkingPlace.none` adds the files and writes no working file (the web
  /// service keeps none); the store's outcome per file is typed. On the mini survey's two
  /// exports (MiniSurvey), whose import makes a fraction of the county's round figures.
  @Test func importWithoutAWorkingFolderWritesNone() async throws {
    let folder = try temporaryDirectory("run-library-import")
    let inputs = try temporaryDirectory("run-library-import-inputs")
    defer {
      try? FileManager.default.removeItem(atPath: folder)
      try? FileManager.default.removeItem(atPath: inputs)
    }
    let mini = try MiniSurvey(in: inputs)
    let files = [mini.a, mini.b]
    let store = folder + "/" + RoundStore.fileName
    _ = try RoundStore.create(at: store)
    var request = ImportRequest(survey: mini.survey, round: "2026", inputs: files)
    request.store = store
    request.working = .none
    let imported = await Run.importFiles(request)
    #expect(imported.status == .success, "\(imported.problems.map { $0.text(.en) })")
    #expect(imported.imported.map(\.name) == ["mini-a.csv", "mini-b.csv"])
    #expect(imported.imported.allSatisfy { $0.outcome == .added })
    #expect(imported.workingFolder == nil && imported.written.isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [RoundStore.fileName])
    #expect(imported.working?.files.map(\.path) == ["accounting.csv", "problems.csv", "LASMIG.txt"])
    // The store's listing, typed: the round, its two files and their respondents.
    let rounds = await Run.rounds(store: store)
    let round = try #require(rounds.value?.first)
    #expect(round.name == "2026" && round.files.map(\.name).sorted() == ["mini-a.csv", "mini-b.csv"])
    #expect(round.respondents == (try Self.respondentRows(files[0]) + Self.respondentRows(files[1])))
  }

  /// `import --sheet` reads the sheet named, as `report` and `validate` do: the workbook's
  /// one sheet "Svar" imports; a sheet it lacks is refused naming its sheets. The workbook
  /// is the mini survey's first export (MiniSurvey) written by openpyxl into a sheet "Svar",
  /// as the examples' openpyxl copies are (Tests/IngestTests/Fixtures/xlsx/make_xlsx.py):
  /// Torsås's copy on the county survey made the import cost 4 s of CPU in a debug build.
  @Test func importReadsTheSheetNamed() throws {
    let folder = try temporaryDirectory("run-library-sheet")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let mini = try MiniSurvey(in: folder + "/in")
    let book = folder + "/in/mini.xlsx"
    let written = try python(
      """
      import csv, sys, openpyxl
      book = openpyxl.Workbook()
      sheet = book.active
      sheet.title = "Svar"
      for row in csv.reader(open(sys.argv[1], encoding="utf-8")):
          sheet.append(row)
      book.save(sys.argv[2])
      """, [mini.a, book])
    try #require(written.status == 0, "openpyxl (make html5lib installs it): \(written.output)")
    let store = folder + "/" + RoundStore.fileName
    _ = try RoundStore.create(at: store)
    let wrong = try runKartlagg(
      [
        "import", "--survey", mini.survey, "--round", "2026", "--store", store, "--language", "en", "--sheet",
        "Svaren", book,
      ])
    #expect(wrong.status == 1, "\(wrong.output)")
    #expect(wrong.output.contains("the workbook has no sheet 'Svaren'; its sheets: Svar"), "\(wrong.output)")
    let right = try runKartlagg(
      [
        "import", "--survey", mini.survey, "--round", "2026", "--store", store, "--language", "en", "--sheet", "Svar",
        book,
      ])
    #expect(right.status == 0, "\(right.output)")
    #expect(right.output.contains("mini.xlsx: added to round 2026"), "\(right.output)")
    #expect(right.output.contains("15 read, 15 accepted, 0 rejected"), "\(right.output)")
  }

  /// Results on standard output, diagnostics and errors on standard error: a file's summary
  /// is output, its rejected rows are errors (`Surveys/examples/kalmar.csv` has two).
  @Test func diagnosticsGoToStandardError() throws {
    let kalmar = exampleFile("kalmar.csv")
    let binary = try kartlaggBinary()
    let arguments = ["validate", "--survey", countySurvey, "--language", "en", kalmar]
    let output = try runProgram(binary, arguments, errors: .discarded)
    let errors = try runProgram("sh", ["-c", "\"$0\" \"$@\" 2>&1 >/dev/null", binary] + arguments)
    #expect(output.status == 2 && errors.status == 2)
    let out = output.output.split(separator: "\n").map(String.init)
    let err = errors.output.split(separator: "\n").map(String.init)
    #expect(out.contains { $0.hasPrefix(kalmar + ": UTF-8") }, "\(out)")
    #expect(out.contains { $0.hasPrefix(countySurvey + ": survey ") && $0.contains("' is valid: ") }, "\(out)")
    #expect(!out.contains { $0.contains(": error: ") }, "\(out)")
    #expect(err.filter { $0.hasPrefix(kalmar + ":") && $0.contains(": error: ") }.count == 2, "\(err)")
    #expect(!err.contains { $0.hasPrefix(kalmar + ": UTF-8") }, "\(err)")
  }
}
