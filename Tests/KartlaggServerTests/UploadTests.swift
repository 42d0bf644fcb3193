import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KartlaggCLI
import KartlaggServer
import RoundStore
import Testing

/// Upload, check, import and publish, and the uploads that go wrong.
@Suite struct UploadTests {
  static func bytes(_ path: String) throws -> [UInt8] { try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) }

  /// A bad row is shown with its line; the fixed file replaces the waiting one and is
  /// imported; its bytes are gone from the server's folder. On the mini survey with Torsås
  /// (`ServerFixture.miniWithTorsas`) and its first export as Torsås's (`torsasExport`: 15
  /// respondents, 9 fields a row):
  /// Torsås's example on the county survey took most of the test's 2.3 s of CPU.
  @Test func checkShowsProblemsThenImport() async throws {
    let fixture = try ServerFixture("check", survey: ServerFixture.miniWithTorsas)
    try await fixture.server.application().test(.router) { client in
      let coordinator = try await client.signIn("samordnare")
      _ = try await client.post("/tavla/oppna", ["omgang": "2026"], coordinator)
      let torsas = try await client.signIn("torsas")
      // Line 2 of the export (its first respondent, M-0) with a field fewer (its free text
      // d left out): rejected at line 2.
      let export = ServerFixture.torsasExport()
      var lines = export.components(separatedBy: "\n")
      lines[1] = String(lines[1][..<lines[1].range(of: ",\"Fritext")!.lowerBound])
      let bad = Array(lines.joined(separator: "\n").utf8)
      let checked = String(buffer: try await client.upload("torsas.csv", bad, torsas).body)
      #expect(checked.contains("15 rader lästa, 14 godtagna, 1 avvisade"), "\(checked)")
      #expect(checked.contains("<td class=\"num\">2</td>"))
      #expect(checked.contains("raden har 8 fält men rubrikraden 9"), "\(checked)")
      #expect(checked.contains("M-0"))
      #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.server.uploadFolder).count == 1)
      // The fixed file: the same name replaces the waiting upload, bytes and all.
      let fixed = try await client.uploadAndImport("torsas.csv", Array(export.utf8), torsas)
      #expect(fixed.contains("torsas.csv är importerad till omgång 2026"))
      #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.server.uploadFolder).isEmpty)
      let store = try RoundStore.open(at: fixture.workspace + "/kartlagg.sqlite")
      let files = try #require(try store.round("2026")).files
      #expect(files.map(\.name) == ["torsas.csv"] && files[0].accepted == 15)
      // No rejected row, no working file, anywhere in the workspace.
      #expect(!FileManager.default.fileExists(atPath: fixture.workspace + "/arbetsfiler"))
      #expect(try store.uploads(organisation: nil).isEmpty)
      let log = try store.auditLog().map(\.action)
      #expect(log.contains("upload") && log.contains("import"))
    }
  }

  /// Oversized, wrong type, a zip bomb, broken encoding, half-sent, no form: a clear page,
  /// never a 500, and nothing left behind.
  @Test func badUploads() async throws {
    let fixture = try ServerFixture("bad") { $0.maximumUpload = 1 << 20 }
    try await fixture.server.application().test(.router) { client in
      let coordinator = try await client.signIn("samordnare")
      _ = try await client.post("/tavla/oppna", ["omgang": "2026"], coordinator)
      let torsas = try await client.signIn("torsas")
      let large = try await client.upload("torsas.csv", [UInt8](repeating: 0x41, count: (1 << 20) + 1), torsas)
      #expect(large.status == .contentTooLarge)
      #expect(String(buffer: large.body).contains("Filen är större än 1 MB och togs inte emot"))
      let pdf = try await client.upload("rapport.pdf", Array("%PDF-1.4".utf8), torsas)
      #expect(pdf.status == .unsupportedMediaType && String(buffer: pdf.body).contains("filtypen kan inte läsas"))
      let bomb = try await client.upload(
        "torsas.xlsx", try Self.bytes(repositoryRoot + "/Tests/IngestTests/Fixtures/xlsx/edge/bomb.xlsx"), torsas)
      #expect(bomb.status == .ok)
      #expect(String(buffer: bomb.body).contains("Filen kunde inte läsas och kan inte importeras"))
      #expect(
        !String(buffer: bomb.body).contains("/uppladdning/") || !String(buffer: bomb.body).contains("importera\""))
      // Bytes that are no UTF-8 are read as Windows-1252, as on the command line: checked.
      let latin = try await client.upload("torsas.csv", [0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x0A, 0x80, 0x81], torsas)
      #expect(latin.status == .ok)
      let half = try await client.upload("torsas.csv", Array("respondent_id,kommun\n".utf8), torsas, closing: false)
      #expect(half.status == .badRequest && String(buffer: half.body).contains("Uppladdningen avbröts"))
      var notForm = torsas.headers
      notForm[.contentType] = "text/plain"
      let plain = try await client.execute(
        uri: "/ladda-upp", method: .post, headers: notForm, body: ByteBuffer(string: "x"))
      #expect(plain.status == .badRequest)
      // Nothing waits but what was checked readable (the broken-encoding file, refused by its header).
      let waiting = try RoundStore.open(at: fixture.workspace + "/kartlagg.sqlite").uploads(organisation: nil)
      for upload in waiting where !upload.readable {
        #expect(
          !FileManager.default.fileExists(atPath: fixture.server.uploadFolder + "/" + upload.id + "/" + upload.name))
      }
      // The server serves on.
      #expect(try await client.execute(uri: "/ladda-upp", method: .get, headers: torsas.headers).status == .ok)
    }
  }

  /// Thirteen organisations upload and import at once: every file lands whole.
  ///
  /// On the mini survey (`TestSurveys.mini`): thirteen exports of 15 respondents each
  /// (`miniExport`, respondents M-0 … M-194, so that no two files have the same content),
  /// one an organisation. Each import makes the round's figures in the store's transaction,
  /// and on the county's survey the thirteen examples cost some 30 s of CPU in a debug build;
  /// the uploads, checks, turns and transactions at once are the same on a small survey.
  @Test func thirteenAtOnce() async throws {
    let names = (1...13).map { "organisation-\($0)" }
    let folder = try temporaryDirectory("server-thirteen-files")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var exports: [String: [UInt8]] = [:]
    for (k, name) in names.enumerated() {
      exports[name] = Array(TestSurveys.miniExport(from: 15 * k).utf8)
      try Data(exports[name]!).write(to: URL(fileURLWithPath: folder + "/" + name + ".csv"))
    }
    let fixture = try ServerFixture(
      "thirteen", survey: TestSurveys.mini,
      accounts: [("samordnare", .coordinator, nil)],
      // Each uploader is an organisation of its own, whose file's column decides.
      organisations: names)
    try await fixture.server.application().test(.router) { [exports] client in
      let coordinator = try await client.signIn("samordnare")
      _ = try await client.post("/tavla/oppna", ["omgang": "2026"], coordinator)
      try await withThrowingTaskGroup(of: String.self) { group in
        for name in names {
          group.addTask {
            let browser = try await client.signIn(name)
            return try await client.uploadAndImport(name + ".csv", exports[name]!, browser)
          }
        }
        for try await page in group { #expect(page.contains("är importerad till omgång 2026"), "\(page)") }
      }
    }
    let files = try #require(try RoundStore.open(at: fixture.workspace + "/kartlagg.sqlite").round("2026")).files
    #expect(files.count == 13)
    // The same respondents as `kartlagg validate` finds in the thirteen files: 13 × 15.
    let validated = await Runs.validate(
      survey: fixture.workspace + "/Surveys/test.yaml", inputs: names.map { folder + "/" + $0 + ".csv" })
    #expect(validated.files.reduce(0) { $0 + $1.accepted } == 13 * 15)
    #expect(files.reduce(0) { $0 + $1.accepted } == validated.files.reduce(0) { $0 + $1.accepted })
  }

  /// A published round is the same report set, byte for byte, as `kartlagg report --round`
  /// on a copy of the store made just before. On the mini survey (two organisations' exports
  /// of 15 respondents each): what is compared is the publishing, not the county's figures,
  /// and the county's two reports cost some 8 s of CPU in a debug build.
  @Test func publishedIsTheCommandsReport() async throws {
    let fixture = try ServerFixture(
      "publish", survey: TestSurveys.mini, accounts: [("samordnare", .coordinator, nil), ("lasare", .reader, nil)],
      organisations: ["region", "kommunen"])
    let copy = try temporaryDirectory("server-publish-copy")
    try await fixture.server.application().test(.router) { client in
      let coordinator = try await client.signIn("samordnare")
      _ = try await client.post("/tavla/oppna", ["omgang": "2026"], coordinator)
      for (user, first) in [("region", 0), ("kommunen", 15)] {
        let browser = try await client.signIn(user)
        let page = try await client.uploadAndImport(
          user + ".csv", Array(TestSurveys.miniExport(from: first).utf8), browser)
        #expect(page.contains("är importerad till omgång 2026"), "\(page)")
      }
      try FileManager.default.copyItem(
        atPath: fixture.workspace + "/kartlagg.sqlite", toPath: copy + "/kartlagg.sqlite")
      let published = try await client.post("/tavla/publicera", ["omgang": "2026"], coordinator)
      #expect(String(buffer: published.body).contains("Omgång 2026 är publicerad"))
      // Every account reads it; the county page is the served file.
      let reader = try await client.signIn("lasare")
      let county = try await client.execute(uri: "/rapporter/2026/index.html", method: .get, headers: reader.headers)
      #expect(county.status == .ok)
      let onDisk = try Self.bytes(fixture.workspace + "/publicerat/2026/index.html")
      #expect(Array(county.body.readableBytesView) == onDisk)
      #expect(
        try await client.execute(uri: "/rapporter/2026/../kartlagg.sqlite", method: .get, headers: reader.headers)
          .status == .notFound)
    }
    var request = Runs.ReportRequest(survey: nil, inputs: [])
    request.round = "2026"
    request.store = copy + "/kartlagg.sqlite"
    request.output = copy + "/Reports"
    let outcome = await Runs.report(request)
    #expect(outcome.exitCode == 0, "\(outcome.lines)")
    let served = snapshot(fixture.workspace + "/publicerat/2026")
    let command = snapshot(copy + "/Reports")
    #expect(served.count > 10 && Set(served.keys) == Set(command.keys))
    for (path, bytes) in served { #expect(command[path] == bytes, "\(path)") }
    // The publication is recorded in the store.
    #expect(try RoundStore.open(at: fixture.workspace + "/kartlagg.sqlite").publications(round: "2026").count == 1)
  }

  /// Last year's export uploaded again into this year's round, with its respondents and
  /// one more: the upload is imported, and says nothing of last year's files (it is no
  /// oracle about them); publishing the round is refused, with both files and rounds named
  /// to the coordinator, nothing written and nothing recorded (docs/statistics.md, "A file
  /// from another round").
  @Test func aRoundRepeatingAnotherIsNotPublished() async throws {
    let fixture = try ServerFixture(
      "publish-repeat", survey: TestSurveys.mini, accounts: [("samordnare", .coordinator, nil)],
      organisations: ["region"])
    try await fixture.server.application().test(.router) { client in
      let coordinator = try await client.signIn("samordnare")
      let region = try await client.signIn("region")
      let lastYear = TestSurveys.miniExport(from: 0)
      _ = try await client.post("/tavla/oppna", ["omgang": "2026"], coordinator)
      #expect(try await client.uploadAndImport("region.csv", Array(lastYear.utf8), region).contains("är importerad"))
      _ = try await client.post("/tavla/oppna", ["omgang": "2027"], coordinator)
      let oneMore =
        lastYear
        + TestSurveys.miniExport(from: 15).split(separator: "\n").dropFirst().prefix(1)
        .joined(separator: "\n") + "\n"
      let imported = try await client.uploadAndImport("region.csv", Array(oneMore.utf8), region)
      #expect(imported.contains("är importerad till omgång 2027"), "\(imported)")
      #expect(!imported.contains("omgång 2026") && !imported.contains("gemensamt"), "\(imported)")
      let refused = String(buffer: try await client.post("/tavla/publicera", ["omgang": "2027"], coordinator).body)
      #expect(
        refused.contains(
          "omgång 2027 har 15 svarande gemensamt med omgång 2026: samma svar, de flesta i region.csv."
            + " Ur omgångarnas siffror tillsammans kunde svaren från 1 svarande i Kalmar räknas fram."),
        "\(refused)")
      #expect(!refused.contains("Omgång 2027 är publicerad"))
    }
    #expect(!FileManager.default.fileExists(atPath: fixture.workspace + "/publicerat/2027"))
    #expect(try RoundStore.open(at: fixture.workspace + "/kartlagg.sqlite").publications(round: "2027").isEmpty)
  }
}
