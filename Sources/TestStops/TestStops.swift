#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Named points where a test may kill the run, to check that a killed run changes nothing
/// (or leaves one whole state) without aiming a timer at a window of milliseconds.
///
/// A run started with `KARTLAGG_TEST_STOP_AT=<name>` sends itself SIGKILL when it reaches
/// the point of that name, as `kill -9` from outside would. Without the variable, `at` is
/// one comparison with nil. The points (tests in Tests/KartlaggCLITests/KilledRunTests.swift):
///
/// - `report-before-swap`: every new set written in full, none swapped in.
/// - `report-between-folders`: the working files swapped in, the published reports not yet.
/// - `store-in-transaction`: an import's rows all written, its transaction not committed.
public enum TestStops {
  /// The point asked for, read once per process.
  static let requested: String? = getenv("KARTLAGG_TEST_STOP_AT").map { String(cString: $0) }

  /// Kills this process with SIGKILL if the run was asked to stop at `name`.
  public static func at(_ name: StaticString) {
    guard let requested, requested == name.description else { return }
    raise(SIGKILL)
  }
}
