import Foundation
import KartlaggCLI
import RoundStore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Runs killed with SIGKILL at the named points of `TestStops` (the run reads
/// `KARTLAGG_TEST_STOP_AT` and kills itself there), so that each window is hit every time
/// rather than now and then by a timer: a killed run leaves each folder whole and the store
/// as it was, and the next run removes what it left. On the mini survey's exports
/// (MiniSurvey): what is tested is the folders and the store, not the figures.
@Suite(.serialized) struct KilledRunTests {
  /// The report of `files` on `survey` into `out`, in `language`.
  static func report(_ survey: String, _ out: String, _ language: String, _ files: [String]) -> [String] {
    ["report", "--survey", survey] + files + ["--out", out, "--language", language]
  }

  /// Runs kartlagg stopped (killed) at `point`; records an issue unless it was killed.
  static func killed(at point: String, _ arguments: [String]) throws {
    let finished = try runProgram(try kartlaggBinary(), arguments, environment: ["KARTLAGG_TEST_STOP_AT": point])
    #expect(
      finished.signalled && finished.status == SIGKILL,
      "the run was not killed at \(point): it exited \(finished.status)\n\(finished.output.suffix(400))")
  }

  /// Hidden folders that killed runs leave beside `out`.
  static func leftovers(_ out: String) throws -> [String] {
    let parent = (out as NSString).deletingLastPathComponent
    let name = (out as NSString).lastPathComponent
    return try FileManager.default.contentsOfDirectory(atPath: parent).filter {
      $0.hasPrefix(".\(name).kartlagg-new") || $0.hasPrefix(".\(name)-arbetsfiler.kartlagg-new")
        || $0.hasPrefix(".\(name).kartlagg-old") || $0.hasPrefix(".\(name)-arbetsfiler.kartlagg-old")
    }
  }

  /// An English report of one export is replaced by a Swedish one of two (so the two
  /// differ in both folders). Killed with both new sets written and none swapped in,
  /// both folders are exactly the old sets. Killed between the two folders, the working
  /// files are the new set and the reports still the old, each whole (each folder is
  /// swapped in by one rename). The next run removes what the killed ones left and writes
  /// the new sets whole.
  @Test func killedReportsLeaveEachFolderWhole() throws {
    let base = try temporaryDirectory("killed-report")
    defer { try? FileManager.default.removeItem(atPath: base) }
    let mini = try MiniSurvey(in: base)
    let (old, new) = ([mini.a], [mini.a, mini.b])
    func report(_ out: String, _ language: String, _ files: [String]) -> [String] {
      Self.report(mini.survey, out, language, files)
    }
    let out = base + "/out"
    let work = out + "-arbetsfiler"
    #expect(try runKartlagg(report(out, "en", old)).status == 0)
    // The new set, whole, in a fresh folder.
    #expect(try runKartlagg(report(base + "/sv", "sv", new)).status == 0)
    let (a, b) = (snapshot(out), snapshot(base + "/sv"))
    let (aw, bw) = (snapshot(work), snapshot(base + "/sv-arbetsfiler"))
    // index.html, 3 municipality pages, the codebook, the questionnaire, 7 CSV files,
    // kartlagg.xlsx and the marker; the working files differ too (accounting.csv lists one
    // file, then two).
    #expect(a.count == 15 && b.count == 15 && a != b)
    #expect(!aw.isEmpty && aw.count == bw.count && aw != bw, "\(aw.keys.sorted()) \(bw.keys.sorted())")

    try Self.killed(at: "report-before-swap", report(out, "sv", new))
    #expect(snapshot(out) == a, "killed before the swap, the reports changed")
    #expect(snapshot(work) == aw, "killed before the swap, the working files changed")
    // The new sets it had written in full, which the next run removes.
    let staged = try Self.leftovers(out)
    #expect(staged.count == 2, "\(staged)")

    try Self.killed(at: "report-between-folders", report(out, "sv", new))
    #expect(snapshot(work) == bw, "killed between the folders, the working files are not the new set")
    #expect(snapshot(out) == a, "killed between the folders, the reports are not the old set")

    #expect(try runKartlagg(report(out, "sv", new)).status == 0)
    #expect(snapshot(out) == b && snapshot(work) == bw)
    let left = try Self.leftovers(out)
    #expect(left.isEmpty, "\(left)")
  }

  /// An import killed with every row written and its transaction not committed leaves the
  /// store as it was: a new round is not there, a re-imported file is still the old one;
  /// the store opens, and the next import goes through.
  @Test func killedImportsLeaveTheStoreAsItWas() throws {
    let folder = try temporaryDirectory("killed-import")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = folder + "/" + RoundStore.fileName
    _ = try RoundStore.create(at: store)
    let mini = try MiniSurvey(in: folder)
    let files = [mini.a, mini.b]
    // The same exports with one more (blank) line at their end: other bytes, the same rows.
    try FileManager.default.createDirectory(atPath: folder + "/corrected", withIntermediateDirectories: true)
    let corrected = files.map { folder + "/corrected/" + ($0 as NSString).lastPathComponent }
    for (file, copy) in zip(files, corrected) {
      let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
      try (bytes + Data([0x0A])).write(to: URL(fileURLWithPath: copy))
    }
    func importing(_ paths: [String], round: String = "2026") -> [String] {
      ["import", "--survey", mini.survey, "--round", round, "--store", store] + paths
    }
    func hashes(_ round: String = "2026") throws -> [String] {
      try RoundStore.open(at: store).round(round)?.files.map(\.sha256) ?? []
    }

    try Self.killed(at: "store-in-transaction", importing(files))
    #expect(try RoundStore.open(at: store).roundNames().isEmpty, "a killed first import left a round")

    #expect(try runKartlagg(importing(files)).status == 0)
    let old = try hashes()
    try Self.killed(at: "store-in-transaction", importing(corrected))
    #expect(try hashes() == old, "a killed re-import changed the round")
    try Self.killed(at: "store-in-transaction", importing([mini.a], round: "2027"))
    #expect(try RoundStore.open(at: store).roundNames() == ["2026"])

    #expect(try runKartlagg(importing(corrected)).status == 0)
    let new = try hashes()
    #expect(old.count == 2 && new.count == 2 && Set(old).isDisjoint(with: new))
  }
}
