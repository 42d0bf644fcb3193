import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// What every test target shares: where the repository is, processes started and waited
// for, the built `kartlagg` binary, temporary folders and golden files. Each test target
// re-exports this module from one file (`@_exported import TestSupport`), so a test uses
// these names without importing anything.

/// The repository's root, found from this file, so that the tests need no copy of
/// Surveys/ or of the examples.
public let repositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// The county's survey definition.
public let countySurveyPath = repositoryRoot + "/Surveys/kalmar-primarvard.yaml"

/// A fresh folder in $TMPDIR named after the test and this process.
public func temporaryDirectory(_ name: String) throws -> String {
  let path = FileManager.default.temporaryDirectory.appendingPathComponent("kartlagg-\(name)-\(getpid())").path
  try? FileManager.default.removeItem(atPath: path)
  try? FileManager.default.removeItem(atPath: path + "-arbetsfiler")
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// Every file under `folder` (hidden ones too), relative path → bytes.
public func snapshot(_ folder: String) -> [String: Data] {
  var out: [String: Data] = [:]
  guard let walker = FileManager.default.enumerator(atPath: folder) else { return out }
  for case let relative as String in walker {
    var isDirectory: ObjCBool = false
    let path = folder + "/" + relative
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
      out[relative] = FileManager.default.contents(atPath: path)
    }
  }
  return out
}

// MARK: - Processes

/// How a process that a test ran ended, and what it printed.
public struct Finished: Sendable {
  /// The exit status, or the signal's number when `signalled`.
  public var status: Int32
  /// Killed by a signal (`status` is its number) rather than exited.
  public var signalled: Bool
  /// Standard output, and standard error too unless it was `.inherited` or `.discarded`.
  public var output: String
}

/// Where a started process's standard error goes.
public enum ErrorOutput: Sendable {
  /// Into `output`, interleaved with standard output.
  case merged
  /// To the test's own standard error.
  case inherited
  case discarded
}

/// A process set up to start: `executable` (a path, or a name found by /usr/bin/env),
/// its arguments, variables added to this process's environment, its working folder.
func process(
  _ executable: String, _ arguments: [String], environment: [String: String], directory: String?
) -> Process {
  let process = Process()
  if executable.hasPrefix("/") {
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
  } else {
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
  }
  if !environment.isEmpty {
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
  }
  if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
  process.standardInput = FileHandle.nullDevice
  return process
}

/// Runs a program to its end and returns how it ended and what it printed. `input` is
/// written to its standard input (then closed).
public func runProgram(
  _ executable: String, _ arguments: [String], environment: [String: String] = [:], directory: String? = nil,
  input: Data? = nil, errors: ErrorOutput = .merged
) throws -> Finished {
  let started = process(executable, arguments, environment: environment, directory: directory)
  let output = Pipe()
  started.standardOutput = output
  switch errors {
  case .merged: started.standardError = output
  case .inherited: break
  case .discarded: started.standardError = FileHandle.nullDevice
  }
  let stdin = input.map { _ in Pipe() }
  if let stdin { started.standardInput = stdin }
  try started.run()
  if let stdin, let input {
    stdin.fileHandleForWriting.write(input)
    try stdin.fileHandleForWriting.close()
  }
  let data = output.fileHandleForReading.readDataToEndOfFile()
  started.waitUntilExit()
  return Finished(
    status: started.terminationStatus, signalled: started.terminationReason == .uncaughtSignal,
    output: String(decoding: data, as: UTF8.self))
}

/// Starts a program without waiting for it; its output is discarded.
public func startProgram(
  _ executable: String, _ arguments: [String], environment: [String: String] = [:], directory: String? = nil
) throws -> Process {
  let started = process(executable, arguments, environment: environment, directory: directory)
  started.standardOutput = FileHandle.nullDevice
  started.standardError = FileHandle.nullDevice
  try started.run()
  return started
}

/// Runs a Python script (`python3 -c script arguments…`).
public func python(_ script: String, _ arguments: [String] = [], input: Data? = nil) throws -> Finished {
  try runProgram("python3", ["-c", script] + arguments, input: input)
}

/// Runs SQL on an SQLite file with Python's sqlite3 module (not kartlagg's GRDB), the way
/// someone else's tool would, and returns what the last statement selects, one row a line.
public func sqlite(_ path: String, _ script: String) throws -> String {
  try runProgram(
    "python3",
    [
      "-c",
      """
      import sqlite3, sys
      c = sqlite3.connect(sys.argv[1])
      statements = [s for s in sys.argv[2].split(';') if s.strip()]
      for s in statements[:-1]: c.execute(s)
      for row in c.execute(statements[-1]): print(*row)
      c.commit()
      """,
      path, script,
    ], errors: .inherited
  ).output
}

// MARK: - The kartlagg binary

public struct MissingBinary: Error, CustomStringConvertible {
  public var description: String
  public init(description: String) { self.description = description }
}

/// A program built beside the test bundle (`kartlagg`, `kartlagg-examples`): the test
/// targets depend on them, so `swift test` builds them. Nothing else is taken, so that a
/// test never runs an older binary left in another build folder.
public func builtProgram(_ name: String) throws -> String {
  let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundlePath
  let candidates = [bundle, CommandLine.arguments.first].compactMap { $0 }.map {
    URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent(name).path
  }
  guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
    throw MissingBinary(description: "no \(name) binary beside the tests (looked at \(candidates)); run `swift test`")
  }
  return binary
}

/// The `kartlagg` binary of this build.
public func kartlaggBinary() throws -> String { try builtProgram("kartlagg") }

/// Runs the built `kartlagg` binary, as a user would; standard output and error together.
public func runKartlagg(_ arguments: [String], environment: [String: String] = [:]) throws -> (
  status: Int32, output: String
) {
  let finished = try runProgram(try kartlaggBinary(), arguments, environment: environment)
  return (finished.status, finished.output)
}

/// Starts the built binary without waiting for it.
public func startKartlagg(_ arguments: [String], environment: [String: String] = [:]) throws -> Process {
  try startProgram(try kartlaggBinary(), arguments, environment: environment)
}

// MARK: - Golden files

/// Golden files kept beside the test that compares with them (`Fixtures/golden/` in the
/// folder of the calling file, `#filePath`), read from the source tree, not from the
/// bundle's build-time copy, so that a record run and the compare read the same bytes.
///
/// `KARTLAGG_RECORD_GOLDEN=1 swift test --filter …` writes them anew, and then compares
/// with what it wrote. Read the diff (`git diff Tests/*/Fixtures/golden`) before committing.
public enum Golden {
  /// Whether this run records golden files.
  public static var recording: Bool { ProcessInfo.processInfo.environment["KARTLAGG_RECORD_GOLDEN"] == "1" }

  /// The golden file `name` beside `filePath`.
  public static func path(_ name: String, filePath: String = #filePath) -> String {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/golden/" + name).path
  }

  /// Compares `bytes` with the golden file `name`; when recording, writes them first.
  /// Returns nil when they are the same, or why not.
  public static func difference(_ bytes: [UInt8], _ name: String, filePath: String = #filePath) -> String? {
    let path = path(name, filePath: filePath)
    if recording {
      do {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
      } catch {
        return "\(path) could not be recorded: \(error)"
      }
    }
    guard let golden = FileManager.default.contents(atPath: path) else { return "no golden file \(path)" }
    guard Array(golden) != bytes else { return nil }
    let first = zip(golden, bytes).prefix { $0 == $1 }.count
    return
      "\(name) differs from its golden file \(path) from byte \(first) (\(bytes.count) bytes against \(golden.count))"
  }
}

// MARK: - Tags

extension Tag {
  /// The concurrent paths (the pipelined read, files read concurrently, the analysis on
  /// every core, a workbook's sheet streamed from its own thread, the store's runs): run
  /// again under Thread Sanitizer by `make test-thread`, which reads the tagged names from
  /// the sources. Keep each such test small; the sanitizer makes it some ten times slower.
  @Tag public static var threads: Self
}
