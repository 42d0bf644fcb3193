import Foundation
import KartlaggCLI
import Testing

/// Issue 21, point 13: the workbook leaves no temporary file behind, even when a run is
/// killed while it is being built.
@Suite(.serialized) struct WorkbookTemporaryFileTests {
  /// Point 13. A run leaves nothing in its $TMPDIR, and neither does a run killed while
  /// the workbook is being built, once the next run is over: each killed run is killed as
  /// soon as anything appears in $TMPDIR (on the old code, the `kartlagg-PID-UUID.xlsx`
  /// being written; now libxlsxwriter's scratch folder), at once or a little later.
  @Test func theWorkbookLeavesNoTemporaryFile() throws {
    let base = try temporaryDirectory("tmpdir")
    defer { try? FileManager.default.removeItem(atPath: base) }
    let tmp = base + "/tmp"
    try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
    func start() throws -> Process {
      try startKartlagg(
        ["report", "--survey", countySurvey, repositoryRoot + "/Surveys/examples/torsas.csv", "--out", base + "/out"]
          + ["--quiet"], environment: ["TMPDIR": tmp])
    }
    // The next run, whose workbook's scratch folder first removes what the killed runs left
    // (ScratchFolder.removeLeftovers, whatever the survey), is of the mini survey: 0.1 s of
    // CPU where Torsås's report costs some 2 s. The killed runs stay Torsås's, whose
    // workbook takes long enough to be killed while it is built.
    let mini = try MiniSurvey(in: base + "/mini")
    func startNext() throws -> Process {
      try startKartlagg(
        ["report", "--survey", mini.survey, mini.a, mini.b, "--out", base + "/next", "--quiet"],
        environment: ["TMPDIR": tmp])
    }
    for delay: useconds_t in [0, 5_000, 20_000] {
      let process = try start()
      var seen: [String] = []
      while process.isRunning && seen.isEmpty {
        seen = (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? []
        if seen.isEmpty { usleep(100) }
      }
      #expect(!seen.isEmpty, "the run was over before anything appeared in its TMPDIR")
      usleep(delay)
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let left = try FileManager.default.contentsOfDirectory(atPath: tmp)
      #expect(
        left.allSatisfy { $0.hasPrefix("kartlagg-workbook-") || $0.hasPrefix(".kartlagg-workbook-new-") },
        "a killed run left \(left)")
      let next = try startNext()
      next.waitUntilExit()
      #expect(next.terminationReason == .exit && next.terminationStatus == 0)
      let after = try FileManager.default.contentsOfDirectory(atPath: tmp)
      #expect(after.isEmpty, "\(left) is left after the next run: \(after)")
    }
  }
}
