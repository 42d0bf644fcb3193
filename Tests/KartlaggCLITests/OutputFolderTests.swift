import Foundation
import KartlaggCLI
import KartlaggRun
import SourceDiagnostics
import Testing

/// The output folders of issue 21 (points 12 and 15): a re-run never deletes what kartlagg
/// did not write, anywhere in the tree, and a folder that cannot be written is said in the
/// run's language. Each of these runs on a small set of files or on one export of the
/// mini survey (MiniSurvey).
@Suite(.serialized) struct OutputFolderTests {
  static let owned: Set<String> = ["index.html", "kommun", "csv"]

  /// A small set, in the shape of a report folder.
  static func files(_ tag: String, municipality: String = "torsas") -> [(path: String, bytes: [UInt8])] {
    [
      ("index.html", Array("<p>länet \(tag)</p>\n".utf8)),
      ("kommun/\(municipality).html", Array("<p>\(municipality) \(tag)</p>\n".utf8)),
      ("kommun/kalmar.html", Array("<p>kalmar \(tag)</p>\n".utf8)),
      ("csv/items.csv", Array("item,gap\r\nbehov,\(tag)\r\n".utf8)),
    ]
  }

  func write(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: false, encoding: .utf8)
  }

  /// Point 12. A file of the user's inside `csv/` or `kommun/` (at any depth) of a folder
  /// kartlagg wrote before is not deleted by the next run: the run is refused, naming the
  /// file, and the folder is left byte for byte as it was. Once the file is moved away, the
  /// run goes through, and a top-level file of the user's is carried over as before.
  @Test(arguments: ["csv/mine.xlsx", "kommun/notes.txt", "kommun/egna/anteckning.txt", "csv/.hidden"])
  func userFilesInsideTheSetAreRefused(_ mine: String) throws {
    let base = try temporaryDirectory("manifest-\(mine.count)")
    defer { try? FileManager.default.removeItem(atPath: base) }
    let out = base + "/Reports"
    try ReportSet(path: out, owned: Self.owned).replace(with: Self.files("1"))
    try write("the user's own", to: out + "/" + mine)
    try write("# notes", to: out + "/NOTES.md")
    let before = snapshot(out)
    #expect(before.count == 7)  // four files, the marker, the user's two

    do {
      try ReportSet(path: out, owned: Self.owned).replace(with: Self.files("2"))
      Issue.record("a folder holding \(mine) was replaced")
    } catch let failure as ReportSet.Failure {
      #expect(failure.description.contains("did not write (\(mine))"), "\(failure.description)")
    }
    #expect(snapshot(out) == before)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: base).sorted() == [".Reports.kartlagg-lock", "Reports"])

    // Moved away, with the folder of the user's that held it (an empty one is refused too).
    try FileManager.default.removeItem(atPath: out + "/" + (mine.hasPrefix("kommun/egna/") ? "kommun/egna" : mine))
    try ReportSet(path: out, owned: Self.owned).replace(with: Self.files("2"))
    var expected = Dictionary(uniqueKeysWithValues: Self.files("2").map { ($0.path, Data($0.bytes)) })
    expected["NOTES.md"] = Data("# notes".utf8)
    #expect(snapshot(out).filter { $0.key != ReportSet.marker } == expected)
  }

  /// What the last run wrote and this one does not (a municipality renamed, so its page is
  /// named anew) is the set's own and goes; an empty folder of the user's is refused.
  @Test func whatTheLastRunWroteIsReplaced() throws {
    let base = try temporaryDirectory("manifest-renamed")
    defer { try? FileManager.default.removeItem(atPath: base) }
    let out = base + "/Reports"
    try ReportSet(path: out, owned: Self.owned).replace(with: Self.files("1", municipality: "torsas"))
    try ReportSet(path: out, owned: Self.owned).replace(with: Self.files("2", municipality: "torsas-kommun"))
    #expect(
      snapshot(out).keys.sorted() == [
        ".kartlagg", "csv/items.csv", "index.html", "kommun/kalmar.html",
        "kommun/torsas-kommun.html",
      ])
    try FileManager.default.createDirectory(atPath: out + "/kommun/arkiv", withIntermediateDirectories: true)
    #expect(throws: ReportSet.Failure.self) {
      try ReportSet(path: out, owned: Self.owned).replace(with: Self.files("3"))
    }
    #expect(FileManager.default.fileExists(atPath: out + "/kommun/arkiv"))
  }

  /// A folder without kartlagg's list of what it wrote (an older kartlagg's, or none) may
  /// hold, inside the set's own folders, only what this run writes.
  @Test func aFolderWithoutTheListHoldsOnlyThisRunsFiles() throws {
    let base = try temporaryDirectory("manifest-unlisted")
    defer { try? FileManager.default.removeItem(atPath: base) }
    let out = base + "/Reports"
    try write("written by kartlagg; replaced whole by each run\n", to: out + "/.kartlagg")
    for (path, bytes) in Self.files("0") { try write(String(decoding: bytes, as: UTF8.self), to: out + "/" + path) }
    try write("mine", to: out + "/csv/mine.csv")
    let before = snapshot(out)
    #expect(throws: ReportSet.Failure.self) {
      try ReportSet(path: out, owned: Self.owned).replace(with: Self.files("1"))
    }
    #expect(snapshot(out) == before)
    try FileManager.default.removeItem(atPath: out + "/csv/mine.csv")
    try ReportSet(path: out, owned: Self.owned).replace(with: Self.files("1"))
    #expect(snapshot(out)["index.html"] == Data("<p>länet 1</p>\n".utf8))
  }

  /// `--out R`, a one-letter folder in the current one, once crashed the run (Foundation's
  /// `deletingLastPathComponent` traps on a one-letter path); now the reports are written.
  @Test func aOneLetterFolder() throws {
    let base = try temporaryDirectory("one-letter")
    defer { try? FileManager.default.removeItem(atPath: base) }
    let mini = try MiniSurvey(in: base)
    let finished = try runProgram(
      try kartlaggBinary(), ["report", "--survey", mini.survey, mini.a, "--out", "R", "--quiet"], directory: base)
    #expect(!finished.signalled && finished.status == 0, "\(finished.output)")
    #expect(FileManager.default.fileExists(atPath: base + "/R/index.html"))
    #expect(FileManager.default.fileExists(atPath: base + "/R-arbetsfiler/accounting.csv"))
  }

  /// A report of one export of the mini survey (15 respondents) into `output`.
  static func miniReport(_ mini: MiniSurvey, _ output: String, language: Language) -> Runs.ReportRequest {
    var request = Runs.ReportRequest(survey: mini.survey, inputs: [mini.a])
    request.output = output
    request.language = language
    request.quiet = true
    return request
  }

  /// Point 15. `--out` below a file: the run says, in its language, which file is in the
  /// way; no Foundation error text, exit 1, and nothing is written.
  @Test func outBelowAFileIsSaid() async throws {
    let base = try temporaryDirectory("below-file")
    defer { try? FileManager.default.removeItem(atPath: base) }
    let inputs = try temporaryDirectory("below-file-inputs")
    defer { try? FileManager.default.removeItem(atPath: inputs) }
    let mini = try MiniSurvey(in: inputs)
    try write("a file", to: base + "/fil")
    for (language, words) in [
      (Language.sv, "är en fil, inte en mapp, så kartlagg kan inte skapa \(base)/fil/Reports-arbetsfiler i den"),
      (Language.en, "is a file, not a folder, so kartlagg cannot make \(base)/fil/Reports-arbetsfiler in it"),
    ] {
      let outcome = await Runs.report(Self.miniReport(mini, base + "/fil/Reports", language: language))
      #expect(outcome.exitCode == 1)
      let text = outcome.lines.joined(separator: "\n")
      #expect(!text.contains("NSCocoaErrorDomain") && !text.contains("Error Domain"), "\(text)")
      #expect(text.contains("\(base)/fil: error: \(words)"), "\(text)")
      #expect(try FileManager.default.contentsOfDirectory(atPath: base) == ["fil"])
    }
  }

  /// Point 15. `--out` under a folder kartlagg may not write in (/sys refuses new folders,
  /// to root too; in a container it may be mounted read-only instead): said in the run's
  /// language, naming the folder.
  @Test func outUnderAFolderNotWritableIsSaid() async throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: "/sys/kernel", isDirectory: &isDirectory), isDirectory.boolValue
    else { return }  // Linux only
    let inputs = try temporaryDirectory("not-writable-inputs")
    defer { try? FileManager.default.removeItem(atPath: inputs) }
    let mini = try MiniSurvey(in: inputs)
    let out = "/sys/kartlagg-\(getpid())/Reports"
    for (language, words) in [
      (Language.sv, ["kartlagg får inte skriva i mappen (åtkomst nekad)", "ligger på ett skrivskyddat filsystem"]),
      (Language.en, ["kartlagg may not write in this folder (permission denied)", "is on a read-only file system"]),
    ] {
      let outcome = await Runs.report(Self.miniReport(mini, out, language: language))
      #expect(outcome.exitCode == 1)
      let text = outcome.lines.joined(separator: "\n")
      #expect(!text.contains("NSCocoaErrorDomain") && !text.contains("Error Domain"), "\(text)")
      #expect(words.contains { text.contains("/sys: error: \($0)") }, "\(text)")
      #expect(text.contains("--out"), "\(text)")
    }
  }

  /// Point 15, as a user who may not write in the folder (only when not run as root, for
  /// root may write anywhere).
  @Test func outInAReadOnlyFolderIsSaid() async throws {
    guard geteuid() != 0 else { return }
    let base = try temporaryDirectory("read-only")
    defer {
      chmod(base, 0o755)
      try? FileManager.default.removeItem(atPath: base)
    }
    let inputs = try temporaryDirectory("read-only-inputs")
    defer { try? FileManager.default.removeItem(atPath: inputs) }
    let mini = try MiniSurvey(in: inputs)
    chmod(base, 0o555)
    let outcome = await Runs.report(Self.miniReport(mini, base + "/Reports", language: .en))
    #expect(outcome.exitCode == 1)
    #expect(outcome.lines.joined(separator: "\n").contains("\(base): error: kartlagg may not write in this folder"))
  }
}
