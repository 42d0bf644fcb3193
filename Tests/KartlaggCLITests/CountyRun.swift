import Foundation
import Testing

/// The one run of the whole county from its files (`kartlagg report` of Surveys/examples,
/// 13 exports, 338 respondents), made by the built binary as a user runs it, once per test
/// process, and read by every test that only reads it: what it printed and the folders it
/// wrote. A debug build spends some 8 s of CPU on it; each of those tests once made its own.
/// No test may write into `folder`; one that needs other options makes a run of its own.
enum CountyRun {
  struct Made: Sendable {
    /// The exit status (2: rows rejected, reports written) and standard output and error.
    var status: Int32
    var output: String
    /// The report folder; the working files are beside it, `folder + "-arbetsfiler"`.
    var folder: String
  }

  /// The run, made the first time a test asks (Swift's `static let` runs it once, whichever
  /// test comes first, and the others wait for it).
  static let made: Result<Made, any Error> = Result {
    let folder = try temporaryDirectory("county-run")
    guard folder == removedAtExit else { throw MissingBinary(description: "\(folder) is not \(removedAtExit)") }
    atexit {
      try? FileManager.default.removeItem(atPath: CountyRun.removedAtExit)
      try? FileManager.default.removeItem(atPath: CountyRun.removedAtExit + "-arbetsfiler")
    }
    let (status, output) = try runKartlagg([
      "report", "--survey", countySurvey, repositoryRoot + "/Surveys/examples", "--out", folder,
    ])
    return Made(status: status, output: output, folder: folder)
  }

  /// The folder `made` writes to, as a constant that the exit handler can name.
  static let removedAtExit = FileManager.default.temporaryDirectory.appendingPathComponent(
    "kartlagg-county-run-\(getpid())"
  ).path

  /// The run, or the error that stopped it.
  static func get() throws -> Made { try made.get() }
}
