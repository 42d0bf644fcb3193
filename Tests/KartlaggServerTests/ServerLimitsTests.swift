import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KartlaggCLI
import KartlaggServer
import RoundStore
import Testing

/// The server's limits and housekeeping (issue 26's open findings): checks that wait their
/// turn, published folders of one name, the audit log's retention, organisations'
/// municipalities.
@Suite struct ServerLimitsTests {
  static func bytes(_ path: String) throws -> [UInt8] { try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) }

  /// Six organisations upload at once with `--checks 1`: every upload is checked and shown,
  /// and never more than one check ran at once.
  @Test func checksWaitTheirTurn() async throws {
    let names = ["torsas", "kalmar", "nybro", "borgholm", "emmaboda", "hogsby"]
    let fixture = try ServerFixture(
      "checks", accounts: [("samordnare", .coordinator, nil)], organisations: names.map { "org-" + $0 }
    ) { $0.checks = 1 }
    try await fixture.server.application().test(.router) { client in
      let coordinator = try await client.signIn("samordnare")
      _ = try await client.post("/tavla/oppna", ["omgang": "2026"], coordinator)
      try await withThrowingTaskGroup(of: (String, String).self) { group in
        for name in names {
          group.addTask {
            let browser = try await client.signIn("org-" + name)
            let page = try await client.upload(
              name + ".csv", try Self.bytes(ServerFixture.example(name + ".csv")), browser)
            return (name, String(buffer: page.body))
          }
        }
        for try await (name, page) in group {
          #expect(page.contains("rader lästa") && page.contains("/importera"), "\(name): \(page)")
        }
      }
    }
    #expect(fixture.server.checksAtOnce == 1)
  }

  /// "C21" after "c21" (one folder, publicerat/c21): refused at opening and at publishing,
  /// in the survey's language, and c21's published pages stay as they were.
  @Test func roundsOfOneFolderAreRefused() async throws {
    let fixture = try ServerFixture("one-folder")
    try await fixture.server.application().test(.router) { client in
      let coordinator = try await client.signIn("samordnare")
      _ = try await client.post("/tavla/oppna", ["omgang": "c21"], coordinator)
      let torsas = try await client.signIn("torsas")
      _ = try await client.uploadAndImport("torsas.csv", try Self.bytes(ServerFixture.example("torsas.csv")), torsas)
      let published = try await client.post("/tavla/publicera", ["omgang": "c21"], coordinator)
      #expect(String(buffer: published.body).contains("Omgång c21 är publicerad"))
      let before = try Self.bytes(fixture.workspace + "/publicerat/c21/index.html")
      let opened = try await client.post("/tavla/oppna", ["omgang": "C21"], coordinator)
      #expect(opened.status == .conflict)
      #expect(
        String(buffer: opened.body).contains(
          "Omgången &quot;C21&quot; skulle publiceras i mappen publicerat/c21, som redan hör till omgången &quot;c21&quot;"
        ), "\(String(buffer: opened.body))")
      #expect(try RoundStore.open(at: fixture.workspace + "/kartlagg.sqlite").openRound() == "c21")
      // A round made past the server (here: opened in the store directly, as another tool
      // could) is refused at publishing.
      try RoundStore.open(at: fixture.workspace + "/kartlagg.sqlite").setOpenRound("C21")
      let kalmar = try await client.signIn("kalmar")
      _ = try await client.uploadAndImport("kalmar.csv", try Self.bytes(ServerFixture.example("kalmar.csv")), kalmar)
      let refused = try await client.post("/tavla/publicera", ["omgang": "C21"], coordinator)
      #expect(refused.status == .conflict)
      #expect(String(buffer: refused.body).contains("mappen publicerat/c21"))
      #expect(try Self.bytes(fixture.workspace + "/publicerat/c21/index.html") == before)
      #expect(try RoundStore.open(at: fixture.workspace + "/kartlagg.sqlite").publications(round: "C21").isEmpty)
    }
  }

  /// A round's audit entries go with the round, in the transaction that deletes it; the
  /// entries of no round (sign-ins, account changes) stay, and are deleted when older than
  /// `auditLifetime`, at a server's start and by its sweeper.
  @Test func auditEntriesGoWithTheirRound() async throws {
    let fixture = try ServerFixture("audit")
    try await fixture.server.application().test(.router) { client in
      let coordinator = try await client.signIn("samordnare")
      _ = try await client.post("/tavla/oppna", ["omgang": "2026"], coordinator)
      let torsas = try await client.signIn("torsas")
      _ = try await client.uploadAndImport("torsas.csv", try Self.bytes(ServerFixture.example("torsas.csv")), torsas)
    }
    let store = try RoundStore.open(at: fixture.workspace + "/kartlagg.sqlite")
    let before = try store.auditLog()
    #expect(Set(before.filter { $0.round == "2026" }.map(\.action)) == ["open", "upload", "import"])
    #expect(try store.fileOwners(round: "2026").count == 1)
    #expect(try store.delete(round: "2026"))
    let after = try store.auditLog()
    #expect(after == before.filter { $0.round == nil })
    #expect(Set(after.map(\.action)) == ["user-add", "login"])
    #expect(try store.fileOwners(round: "2026").isEmpty)
    // Another round's entry, and a server that keeps entries of no round a year: all stay.
    try store.audit(RoundStore.AuditEntry(user: "samordnare", action: "open", round: "2027"))
    let kept = try store.auditLog()
    var configuration = ServerConfiguration(workspace: fixture.workspace)
    _ = try KartlaggServer(configuration)
    #expect(try store.auditLog() == kept)
    // Kept for less than no time: a starting server deletes every entry of no round, and
    // only those.
    configuration.auditLifetime = -3600
    let server = try KartlaggServer(configuration)
    #expect(try store.auditLog().map(\.action) == ["open"])
    try store.audit(RoundStore.AuditEntry(user: "samordnare", action: "login"))
    server.pruneAudit()
    #expect(try store.auditLog().map(\.round) == ["2027"])
  }
}
