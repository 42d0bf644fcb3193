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
    // On the mini survey, two organisations' exports of 15 respondents each: the rounds'
    // folders are what is tested, and the county's imports and report cost some 8 s of CPU.
    let fixture = try ServerFixture(
      "one-folder", survey: TestSurveys.mini, accounts: [("samordnare", .coordinator, nil)],
      organisations: ["torsas", "kalmar"])
    try await fixture.server.application().test(.router) { client in
      let coordinator = try await client.signIn("samordnare")
      _ = try await client.post("/tavla/oppna", ["omgang": "c21"], coordinator)
      let torsas = try await client.signIn("torsas")
      let first = try await client.uploadAndImport("torsas.csv", Array(TestSurveys.miniExport(from: 0).utf8), torsas)
      #expect(first.contains("är importerad till omgång c21"), "\(first)")
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
      let second = try await client.uploadAndImport(
        "kalmar.csv", Array(TestSurveys.miniExport(from: 15).utf8), kalmar)
      #expect(second.contains("är importerad till omgång C21"), "\(second)")
      let refused = try await client.post("/tavla/publicera", ["omgang": "C21"], coordinator)
      #expect(refused.status == .conflict)
      #expect(String(buffer: refused.body).contains("mappen publicerat/c21"))
      #expect(try Self.bytes(fixture.workspace + "/publicerat/c21/index.html") == before)
      #expect(try RoundStore.open(at: fixture.workspace + "/kartlagg.sqlite").publications(round: "C21").isEmpty)
    }
  }

  /// A round's audit entries go with the round, in the transaction that deletes it; the
  /// entries of no round (sign-ins, account changes) stay, and are deleted when older than
  /// `auditLifetime`, at a server's start and by its sweeper. On the mini survey (an
  /// uploader of Högsby and the survey's first export): the log is the same whatever the
  /// survey, and Torsås's import on the county survey took most of the test's 2.2 s of CPU.
  @Test func auditEntriesGoWithTheirRound() async throws {
    let fixture = try ServerFixture(
      "audit", survey: TestSurveys.mini,
      accounts: [("samordnare", .coordinator, nil), ("hogsby", .uploader, "Högsby")])
    try await fixture.server.application().test(.router) { client in
      let coordinator = try await client.signIn("samordnare")
      _ = try await client.post("/tavla/oppna", ["omgang": "2026"], coordinator)
      let hogsby = try await client.signIn("hogsby")
      let page = try await client.uploadAndImport("hogsby.csv", Array(TestSurveys.miniExport(from: 0).utf8), hogsby)
      #expect(page.contains("hogsby.csv är importerad till omgång 2026"), "\(page)")
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

  /// An organisation that answers for Kalmar and Högsby sends an export with respondents of
  /// Mörbylånga too: those are rejected rows, at the check and at the import, with the
  /// reason in the survey's language; an organisation given no municipalities keeps them.
  /// On the mini survey (it was Kalmar's and Torsås's examples on the county survey, 4.2 s of
  /// CPU in a debug build): its first export (`TestSurveys.miniExport`: respondent k of
  /// Kalmar when k % 3 == 0, Högsby when 1, Mörbylånga when 2), M-3's municipality
  /// misspelt "Kalmr", a row every organisation has rejected. Expected counts by that
  /// construction: 15 rows; for Kalmar and Högsby 4 + 5 accepted, 5 + 1 rejected; for
  /// everyone 14 accepted, 1 rejected.
  @Test func organisationsKeepToTheirMunicipalities() async throws {
    let fixture = try ServerFixture(
      "organisation", survey: TestSurveys.mini, accounts: [("samordnare", .coordinator, nil)],
      organisations: ["alla"])
    let region = Accounts.add(
      workspace: fixture.workspace, name: "region", role: .uploader, municipality: nil,
      organisation: "Region Kalmar län", municipalities: ["Kalmar", " högsby", "0880"],
      password: ServerFixture.password, baseURL: "http://localhost", cost: 4)
    #expect(region.exitCode == 0, "\(region.lines)")
    #expect(
      region.lines.contains(
        "dess filer får innehålla svarande från Kalmar, Högsby och inga andra; andras rader avvisas")
    )
    let store = try RoundStore.open(at: fixture.workspace + "/kartlagg.sqlite")
    #expect(try store.account(named: "region")?.municipalities == ["Kalmar", "Högsby"])
    #expect(try store.account(named: "alla")?.municipalities == nil)
    let unknown = Accounts.add(
      workspace: fixture.workspace, name: "fel", role: .uploader, municipality: nil, organisation: "Fel",
      municipalities: ["Atlantis"], password: ServerFixture.password, baseURL: "http://localhost", cost: 4)
    #expect(unknown.exitCode == 1)
    #expect(unknown.lines.first?.contains("'Atlantis' i --municipalities är ingen kommun i enkäten") == true)
    let export = TestSurveys.miniExport(from: 0)
    #expect(export.contains("\nM-3,Kalmar,"))
    let mixed = Array(export.replacingOccurrences(of: "\nM-3,Kalmar,", with: "\nM-3,Kalmr,").utf8)
    try await fixture.server.application().test(.router) { client in
      let coordinator = try await client.signIn("samordnare")
      _ = try await client.post("/tavla/oppna", ["omgang": "2026"], coordinator)
      let regional = try await client.signIn("region")
      let checked = String(buffer: try await client.upload("blandat.csv", mixed, regional).body)
      #expect(checked.contains("15 rader lästa, 9 godtagna, 6 avvisade"), "\(checked)")
      #expect(checked.contains("Mörbylånga är inte en av organisationens kommuner (Kalmar, Högsby)"))
      let imported = try await client.uploadAndImport("blandat.csv", mixed, regional)
      #expect(imported.contains("är importerad till omgång 2026"), "\(imported)")
      // The coordinator imports the region's upload: the region's municipalities still hold.
      let again = String(buffer: try await client.upload("andra.csv", mixed + Array("\n".utf8), regional).body)
      let id = try #require(again.range(of: "/uppladdning/").map { again[$0.upperBound...].prefix { $0 != "/" } })
      let byCoordinator = String(buffer: try await client.post("/uppladdning/\(id)/importera", [:], coordinator).body)
      #expect(byCoordinator.contains("är importerad till omgång 2026"), "\(byCoordinator)")
      let all = try await client.signIn("alla")
      let kept = String(buffer: try await client.upload("blandat.csv", mixed, all).body)
      #expect(kept.contains("15 rader lästa, 14 godtagna, 1 avvisade"), "\(kept)")
    }
    let files = try #require(try store.round("2026")).files
    #expect(files.count == 2)
    for file in files { #expect((file.read, file.accepted, file.rejected) == (15, 9, 6), "\(file.name)") }
  }
}
