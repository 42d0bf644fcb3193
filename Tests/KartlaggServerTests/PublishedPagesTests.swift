import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KartlaggRun
import RoundStore
import Synchronization
import Testing

@testable import KartlaggServer

/// The published pages as readers get them: from memory, compressed for a browser that
/// accepts gzip, revalidated by their entity tag, and never stale after a new publication,
/// a logout or (within the caches' lifetime) an account disabled from the command line.
@Suite struct PublishedPagesTests {
  /// gzip's own `-dc`: the reference that the compressed body is the file.
  static func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let input = try temporaryDirectory("gunzip") + "/page.gz"
    try Data(bytes).write(to: URL(fileURLWithPath: input))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-dc", input]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let out = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return Array(out)
  }

  static func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

  /// Round 2026 opened, Torsås's export of the mini survey imported and the round published;
  /// the coordinator.
  static func publishTorsas(_ client: some TestClientProtocol) async throws -> Browser {
    let coordinator = try await client.signIn("samordnare")
    _ = try await client.post("/tavla/oppna", ["omgang": "2026"], coordinator)
    let torsas = try await client.signIn("torsas")
    _ = try await client.uploadAndImport("torsas.csv", Array(ServerFixture.torsasExport().utf8), torsas)
    _ = try await client.post("/tavla/publicera", ["omgang": "2026"], coordinator)
    return coordinator
  }

  @Test func servedPlainCompressedAndRevalidated() async throws {
    let fixture = try ServerFixture("published-pages", survey: ServerFixture.miniWithTorsas)
    let page = fixture.workspace + "/publicerat/2026/index.html"
    try await fixture.server.application().test(.router) { client in
      let coordinator = try await Self.publishTorsas(client)
      let reader = try await client.signIn("lasare")
      func get(_ extra: HTTPFields) async throws -> TestResponse {
        var headers = reader.headers
        headers.append(contentsOf: extra)
        return try await client.execute(uri: "/rapporter/2026/index.html", method: .get, headers: headers)
      }

      // No Accept-Encoding: the file's own bytes.
      let first = try Self.bytes(page)
      let plain = try await get([:])
      #expect(plain.status == .ok)
      #expect(plain.headers[.contentEncoding] == nil)
      #expect(Array(plain.body.readableBytesView) == first)
      #expect(plain.headers[.vary] == "Accept-Encoding")
      let tag = try #require(plain.headers[.eTag])

      // A browser's header: gzip, and gzip -dc gives the file back.
      let compressed = try await get([.acceptEncoding: "gzip, deflate, br, zstd"])
      #expect(compressed.status == .ok)
      #expect(compressed.headers[.contentEncoding] == "gzip")
      #expect(compressed.body.readableBytes < first.count / 3)
      #expect(try Self.gunzip(Array(compressed.body.readableBytesView)) == first)
      #expect(compressed.headers[.eTag] == tag)

      // gzip refused with q=0: plain again.
      let refused = try await get([.acceptEncoding: "gzip;q=0, identity"])
      #expect(refused.headers[.contentEncoding] == nil)
      #expect(Array(refused.body.readableBytesView) == first)

      // Revalidation: the same tag is 304 with no body; another tag is the page.
      let same = try await get([.ifNoneMatch: tag])
      #expect(same.status == .notModified)
      #expect(same.body.readableBytes == 0)
      #expect(try await get([.ifNoneMatch: "\"0123\""]).status == .ok)

      // Published again with Kalmar's file (15 more respondents, M-15 … M-29): the page on
      // disk changes, and so does what is served.
      let kalmar = try await client.signIn("kalmar")
      _ = try await client.uploadAndImport("kalmar.csv", Array(TestSurveys.miniExport(from: 15).utf8), kalmar)
      _ = try await client.post("/tavla/publicera", ["omgang": "2026"], coordinator)
      let second = try Self.bytes(page)
      #expect(second != first)
      let again = try await get([.acceptEncoding: "gzip"])
      #expect(try Self.gunzip(Array(again.body.readableBytesView)) == second)
      #expect(again.headers[.eTag] != tag)
      #expect(try await get([.ifNoneMatch: tag]).status == .ok)
    }
  }

  /// No link is followed out of a published round's folder, at the end of the path or on
  /// the way: an outside test read /etc/passwd and the store through a folder link placed
  /// in a published round (the check was `lstat` of the last name only). Links made here
  /// by hand, as someone with access to the folder might: a folder link and a file link to
  /// a secret outside, and a folder link inside the round's own folder, which stays served.
  @Test func noLinkIsFollowedOutOfTheRound() async throws {
    let fixture = try ServerFixture("published-links", survey: ServerFixture.miniWithTorsas)
    let outside = fixture.workspace + "/utanfor"
    try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
    try "hemligt".write(toFile: outside + "/hemligt.txt", atomically: true, encoding: .utf8)
    try await fixture.server.application().test(.router) { client in
      _ = try await Self.publishTorsas(client)
      let round = fixture.workspace + "/publicerat/2026"
      try FileManager.default.createSymbolicLink(atPath: round + "/ut", withDestinationPath: outside)
      try FileManager.default.createSymbolicLink(
        atPath: round + "/hemligt.txt", withDestinationPath: outside + "/hemligt.txt")
      try FileManager.default.createSymbolicLink(atPath: round + "/inne", withDestinationPath: round + "/kommun")
      let reader = try await client.signIn("lasare")
      func status(_ uri: String) async throws -> HTTPResponse.Status {
        try await client.execute(uri: uri, method: .get, headers: reader.headers).status
      }
      #expect(try await status("/rapporter/2026/ut/hemligt.txt") == .notFound)
      #expect(try await status("/rapporter/2026/hemligt.txt") == .notFound)
      #expect(try await status("/rapporter/2026/inne/torsas.html") == .ok)
      #expect(try await status("/rapporter/2026/kommun/torsas.html") == .ok)
    }
  }

  @Test func endedSessionsAreNotServed() async throws {
    let fixture = try ServerFixture("published-sessions", survey: ServerFixture.miniWithTorsas)
    try await fixture.server.application().test(.router) { client in
      _ = try await Self.publishTorsas(client)
      func read(_ browser: Browser) async throws -> HTTPResponse.Status {
        try await client.execute(uri: "/rapporter/2026/index.html", method: .get, headers: browser.headers).status
      }

      // A logout ends the session at once, though it was just read (and held in memory).
      let reader = try await client.signIn("lasare")
      #expect(try await read(reader) == .ok)
      _ = try await client.post("/logga-ut", [:], reader)
      #expect(try await read(reader) != .ok)

      // Disabled from the command line (another connection to the store): refused within
      // twice the caches' lifetime, as docs/server.md says, though read all the while.
      let other = try await client.signIn("lasare")
      #expect(try await read(other) == .ok)
      let disabled = Accounts.disable(workspace: fixture.workspace, name: "lasare")
      #expect(disabled.exitCode == 0)
      let bound = ContinuousClock.now + ReadCaches.lifetime * 2
      var refused = false
      while !refused && ContinuousClock.now < bound {
        refused = try await read(other) != .ok
        try await Task.sleep(for: .milliseconds(100))
      }
      #expect(refused)
      // And a session nobody read for twice the lifetime is read again before it is used.
      let idle = try await client.signIn("torsas")
      #expect(try await read(idle) == .ok)
      #expect(Accounts.disable(workspace: fixture.workspace, name: "torsas").exitCode == 0)
      try await Task.sleep(for: ReadCaches.lifetime * 2 + .milliseconds(100))
      #expect(try await read(idle) != .ok)
    }
  }

  /// The engine's threads and the password threads run below the requests (niceness 10
  /// more, at most 19), and the threads the engine's analysis starts inherit it; the
  /// requests' threads do not.
  @Test func engineRunsBelowTheRequests() async throws {
    #if os(Linux)
      let niceness: @Sendable () -> Int32 = { getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) }
      // The test process may itself run under `nice` (as `nice -n 19 swift test`).
      let own = niceness()
      let below = min(19, own + 10)
      #expect(await onEngineThreads { niceness() } == below)
      #expect(await withTaskExecutorPreference(EngineExecutor.passwords) { niceness() } == below)
      // A thread started on the engine's (as `concurrentMap` starts its own) inherits it.
      let started = await onEngineThreads { () -> Int32 in
        let seen = Mutex<Int32>(-1)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
          seen.withLock { $0 = niceness() }
          done.signal()
        }
        thread.start()
        done.wait()
        return seen.withLock { $0 }
      }
      #expect(started == below)
      #expect(niceness() == own)
    #endif
  }

  @Test(arguments: [
    ("gzip", true), ("gzip, deflate, br", true), ("deflate, gzip;q=0.5", true), ("GZIP", true), ("*", true),
    ("x-gzip", true), ("gzip;q=0", false), ("gzip; q=0.0", false), ("deflate, br", false), ("identity", false),
    ("", false), ("gzipx", false),
  ])
  func acceptEncoding(header: String, accepts: Bool) {
    #expect(PublishedFile.acceptsGzip(header) == accepts)
  }
}

/// `kartlagg-server`'s own commands speak the workspace survey's language, as its pages do,
/// and mark their errors for standard error.
@Suite struct CommandLanguageTests {
  @Test func commandsSpeakTheSurveysLanguage() throws {
    let fixture = try ServerFixture("command-language", accounts: [("samordnare", .coordinator, nil)])
    let added = Accounts.add(
      workspace: fixture.workspace, name: "nybro", role: .uploader, municipality: "Nybro", organisation: nil,
      password: ServerFixture.password, baseURL: "http://localhost", cost: 4)
    #expect(added.lines == ["lade till uppladdaren 'nybro' för Nybro"])
    #expect(added.errorLines.isEmpty)
    let twice = Accounts.add(
      workspace: fixture.workspace, name: "nybro", role: .reader, municipality: nil, organisation: nil,
      password: ServerFixture.password, baseURL: "http://localhost", cost: 4)
    #expect(twice.lines == ["fel: det finns redan ett konto 'nybro'"] && twice.errorLines == [0] && twice.exitCode == 1)
    #expect(
      Accounts.disable(workspace: fixture.workspace, name: "ingen").lines == ["fel: det finns inget konto 'ingen'"])
    #expect(Accounts.list(workspace: fixture.workspace).lines.contains("nybro\tuploader\tNybro\taktivt"))
    #expect(
      APITokens.add(workspace: fixture.workspace, name: "nybro", days: 0).lines == [
        "fel: --days måste vara från 1 till 3660, inte 0"
      ])
    #expect(Accounts.passwordsDiffer(workspace: fixture.workspace) == "fel: lösenorden skiljer sig åt")

    // The same workspace with an English survey definition: English.
    let survey = ServerConfiguration(workspace: fixture.workspace).surveyPath
    let text = try String(contentsOfFile: survey, encoding: .utf8)
    try text.replacingOccurrences(of: "\nlanguage: sv\n", with: "\nlanguage: en\n")
      .write(toFile: survey, atomically: true, encoding: .utf8)
    #expect(
      Accounts.disable(workspace: fixture.workspace, name: "ingen").lines == ["error: there is no account 'ingen'"])
    #expect(
      Accounts.disable(workspace: fixture.workspace, name: "nybro").lines == ["disabled 'nybro'; its sessions ended"])
    #expect(Accounts.list(workspace: fixture.workspace).lines.contains("nybro\tuploader\tNybro\tdisabled"))
  }

  @Test func theServerSaysWhyItDoesNotStart() throws {
    let workspace = try temporaryDirectory("server-not-a-workspace")
    var configuration = ServerConfiguration(workspace: workspace)
    configuration.local = true
    configuration.host = "0.0.0.0"
    // No survey to read the language from: Swedish, the county's users' language.
    let error = #expect(throws: ServerStartError.self) { try KartlaggServer(configuration) }
    #expect(error?.description.hasPrefix("--local betjänar bara den här datorn") == true)
  }
}
