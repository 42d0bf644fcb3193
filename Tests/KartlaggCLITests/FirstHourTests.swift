import Foundation
import KartlaggCLI
import LibCSV
import RoundStore
import SourceDiagnostics
import Testing

/// The first hour of a new user, following README (issue 23): what `--help`, the working
/// files and the store commands say, in the run's language.
@Suite struct FirstHourTests {
  func removing(_ folders: String...) {
    for f in folders {
      try? FileManager.default.removeItem(atPath: f)
      try? FileManager.default.removeItem(atPath: f + "-arbetsfiler")
    }
  }

  /// The mini survey (MiniSurvey) and two exports of it shaped as the examples' Kalmar and
  /// Nybro, which these tests imported on the county survey (some 4 s of CPU a test in a
  /// debug build, for the round's figures): `kalmar.csv`, respondents M-0 … M-14 with two
  /// rows rejected (M-3's and M-6's municipality misspelt "Kalmr"), and `nybro.csv`,
  /// M-15 … M-29 with one respondent (M-16) of an organisation the survey does not know, in
  /// the group "okänd".
  func kalmarAndNybro(in folder: String) throws -> (survey: String, files: [String]) {
    let mini = try MiniSurvey(in: folder)
    var kalmar = MiniSurvey.export(from: 0)
    for id in ["M-3", "M-6"] {
      let row = "\n\(id),Kalmar,"
      #expect(kalmar.components(separatedBy: row).count == 2)
      kalmar = kalmar.replacingOccurrences(of: row, with: "\n\(id),Kalmr,")
    }
    let nybro = MiniSurvey.export(from: 15)
    #expect(nybro.contains("\nM-16,Högsby,Region,"))
    let files = [folder + "/kalmar.csv", folder + "/nybro.csv"]
    try kalmar.write(toFile: files[0], atomically: true, encoding: .utf8)
    try nybro.replacingOccurrences(of: "\nM-16,Högsby,Region,", with: "\nM-16,Högsby,Stiftelsen,").write(
      toFile: files[1], atomically: true, encoding: .utf8)
    return (mini.survey, files)
  }

  func text(_ path: String) -> String {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? "<no \(path)>"
  }

  /// `--help` names the working folder where the rejected rows are, and every kind of
  /// export a directory may hold, as the program reads them (`Ingest.exportFiles`).
  @Test func helpSaysWhatTheProgramDoes() throws {
    let top = try runKartlagg(["--help"]).output
    #expect(!top.contains("Reports/csv/rejected.csv"), "\(top)")
    #expect(top.contains("Reports-arbetsfiler/rejected.csv"), "\(top)")
    for command in ["report", "validate"] {
      let help = try runKartlagg([command, "--help"]).output
      #expect(!help.contains("every .csv file in it"), "\(help)")
      #expect(help.contains(".csv, .xlsx, .xlsm, .sav, .zsav and .por"), "\(command): \(help)")
      #expect(help.contains("(.csv, .xlsx, .xlsm, .sav, .zsav, .por)"), "\(command): \(help)")
    }
    let readme = text(repositoryRoot + "/README.md")
    #expect(!readme.contains("A directory means every `.csv` and `.xlsx` in it"))
    #expect(
      readme.contains("A directory means every export in it: `.csv`, `.xlsx`, `.xlsm`, `.sav`, `.zsav` and `.por`"))
  }

  /// An English run's accounting says "with BOM", its LASMIG.txt starts in English, and a
  /// run ends with how many rows were rejected and where they are. The mini survey's
  /// exports (MiniSurvey): the first written with a byte order mark (EF BB BF), the second
  /// with the municipality of M-15 and M-18 misspelt 'Kalmr' (two rejected rows). (It was
  /// Kalmar's and Oskarshamn's examples on the county survey: two reports of 3.5 s of CPU.)
  @Test func anEnglishRunsWorkingFilesAndRejectedRows() async throws {
    let out = try temporaryDirectory("firsthour-en")
    let inputs = out + "-inputs"
    defer { removing(out, inputs) }
    let mini = try MiniSurvey(in: inputs)
    let bom = inputs + "/bom.csv"
    try Data([0xEF, 0xBB, 0xBF] + Array(MiniSurvey.export(from: 0).utf8)).write(to: URL(fileURLWithPath: bom))
    var misspelt = MiniSurvey.export(from: 15)
    for id in ["M-15", "M-18"] {
      #expect(misspelt.contains("\n\(id),Kalmar,"))
      misspelt = misspelt.replacingOccurrences(of: "\n\(id),Kalmar,", with: "\n\(id),Kalmr,")
    }
    let bad = inputs + "/kalmr.csv"
    try misspelt.write(toFile: bad, atomically: true, encoding: .utf8)
    var request = Runs.ReportRequest(survey: mini.survey, inputs: [bom, bad])
    request.output = out
    request.language = .en
    let outcome = await Runs.report(request)
    #expect(outcome.exitCode == 2)
    let accounting = text(out + "-arbetsfiler/accounting.csv")
    #expect(accounting.contains("bom.csv,true,UTF-8 with BOM,"), "\(accounting)")
    #expect(!accounting.contains("med BOM"))
    #expect(text(out + "-arbetsfiler/LASMIG.txt").hasPrefix("Working files from kartlagg – do not share them."))
    #expect(
      outcome.lines.last
        == "2 rows were rejected (the reports were written without them); every one is in \(out)-arbetsfiler/rejected.csv, verbatim",
      "\(outcome.lines.suffix(3))")

    request.language = .sv
    let swedish = await Runs.report(request)
    #expect(
      swedish.lines.last
        == "2 rader avvisades (rapporterna skrevs utan dem); alla står ordagrant i \(out)-arbetsfiler/rejected.csv")
    #expect(text(out + "-arbetsfiler/accounting.csv").contains("bom.csv,true,UTF-8 med BOM,"))
  }

  /// An SPSS file has no CSV encoding or delimiter: the accounting leaves both empty.
  @Test func anSPSSFilesAccountingHasNoCSVDialect() async throws {
    let out = try temporaryDirectory("firsthour-sav")
    defer { removing(out) }
    var request = Runs.ReportRequest(
      survey: countySurvey, inputs: [repositoryRoot + "/Tests/IngestTests/Fixtures/sav/examples/vastervik.sav"])
    request.output = out
    let outcome = await Runs.report(request)
    #expect(outcome.exitCode != 1, "\(outcome.lines)")
    let rows = text(out + "-arbetsfiler/accounting.csv").components(separatedBy: "\r\n")
    let row = try #require(rows.first { $0.contains("vastervik.sav") })
    #expect(row.hasPrefix("\(repositoryRoot)/Tests/IngestTests/Fixtures/sav/examples/vastervik.sav,true,,,"), "\(row)")
  }

  /// `init` in a Swedish run speaks Swedish, and its README walks through both ways of
  /// working: reporting from files and importing rounds into the store, one folder a round.
  @Test func initSpeaksTheRunsLanguageAndItsReadmeCoversTheStore() throws {
    let dir = try temporaryDirectory("firsthour-init")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let outcome = Runs.initialize(dir + "/ws")
    #expect(outcome.exitCode == 0)
    #expect(outcome.lines.allSatisfy { $0.hasPrefix("skapade ") }, "\(outcome.lines)")
    let readme = text(dir + "/ws/README.md")
    for step in [
      "kartlagg import --survey Surveys/kalmar-primarvard.yaml --round 2026 exports/2026/", "kartlagg rounds",
      "kartlagg report --round 2026", "exports/2026/", "exports/2027/", "--round 2027", "arbetsfiler/2026/",
    ] {
      #expect(readme.contains(step), "README lacks \(step)")
    }
    let again = Runs.initialize(dir + "/ws")
    #expect(
      again.lines.first?.hasSuffix("finns redan; kartlagg init skriver inte över filer, välj en tom mapp") == true)
    #expect(Runs.initialize(dir + "/en", language: .en).lines.first?.hasPrefix("created ") == true)
  }

  /// The store commands' errors in a Swedish run are Swedish.
  @Test func storeErrorsFollowTheRunsLanguage() async throws {
    let dir = try temporaryDirectory("firsthour-nostore")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let noStore = await Runs.listRounds(store: nil, language: .sv)
    // The temporary folder has no store above it.
    #expect(
      noStore.lines == [
        "error: inget lager i den här mappen eller ovanför den (kartlagg.sqlite); gör ett med `kartlagg init`, eller ange --store SÖKVÄG"
      ])
    let store = dir + "/" + RoundStore.fileName
    _ = try RoundStore.create(at: store)
    var request = Runs.ReportRequest(survey: countySurvey, inputs: [])
    request.round = "2029"
    request.store = store
    request.output = dir + "/out"
    let noRound = await Runs.report(request)
    #expect(noRound.exitCode == 1)
    #expect(noRound.lines.last == "error: lagret har ingen omgång 2029; dess omgångar: inga än (`kartlagg import`)")
    request.inputs = [repositoryRoot + "/Surveys/examples"]
    let both = await Runs.report(request)
    #expect(both.exitCode == 64)
    #expect(both.lines.last == "error: ange antingen exportfiler eller --round, inte båda")
  }

  /// After `import`, the rejected rows are in the workspace's working folder for the round
  /// (the store keeps none), and import says where; `report --round` defaults to the stored
  /// definition, rejects no row itself, writes no header-only rejected.csv, and says where
  /// the import's rejected rows are. `rounds` shows each file's import date and its
  /// respondents in the group "unknown". Two of the examples: Kalmar's (its two rejected
  /// rows) and Nybro's (a respondent of an unknown organisation, in the group "okänd"), as
  /// the mini survey's (`kalmarAndNybro`).
  @Test func importKeepsItsWorkingFilesAndTheStoreReportsWithoutASurvey() async throws {
    let dir = try temporaryDirectory("firsthour-import")
    defer { removing(dir) }
    let exports = try kalmarAndNybro(in: dir + "/in")
    let store = dir + "/" + RoundStore.fileName
    _ = try RoundStore.create(at: store)
    let imported = await Runs.importRound(
      survey: exports.survey, round: "2026", inputs: exports.files, store: store)
    #expect(imported.exitCode == 2)
    let working = dir + "/arbetsfiler/2026"
    #expect(
      imported.lines.contains(
        "2 rader avvisades och räknas inte i omgången; alla står ordagrant i \(working)/rejected.csv"),
      "\(imported.lines.suffix(4))")
    let rejected = text(working + "/rejected.csv").components(separatedBy: "\r\n").filter { !$0.isEmpty }
    // The header and Kalmar's 2 rejected rows.
    #expect(rejected.count == 3, "\(rejected)")
    #expect(rejected.contains { $0.contains("Kalmr") })
    #expect(FileManager.default.fileExists(atPath: working + "/accounting.csv"))
    // The store itself still holds no row.
    let bytes = try #require(FileManager.default.contents(atPath: store))
    #expect(bytes.range(of: Data("Kalmr".utf8)) == nil)

    var request = Runs.ReportRequest(survey: nil, inputs: [])
    request.round = "2026"
    request.store = store
    request.output = dir + "/Reports"
    let report = await Runs.report(request)
    #expect(report.exitCode == 0, "\(report.lines.suffix(4))")
    #expect(!FileManager.default.fileExists(atPath: dir + "/Reports-arbetsfiler/rejected.csv"))
    #expect(
      report.lines.last
        == "2 rader avvisades när omgång 2026 importerades; de står ordagrant i importens arbetsfiler, \(working)/rejected.csv"
    )
    #expect(FileManager.default.fileExists(atPath: dir + "/Reports/index.html"))

    let listed = await Runs.listRounds(store: store, language: .sv)
    let files = listed.lines.filter { $0.hasPrefix("  ") && $0.contains(".csv: ") }
    #expect(files.count == 2)
    let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
    #expect(files.allSatisfy { $0.hasSuffix(", importerad \(today)") }, "\(files)")
    // What import said of the group "unknown", rounds says too.
    let unknown = imported.lines.filter { $0.contains(" i gruppen okänd") && !$0.contains("warning:") }
    #expect(unknown.count == 1 && unknown[0].contains("nybro.csv"), "\(unknown)")
    for line in unknown {
      let name = String(line.prefix { $0 != ":" })
      let count = line.components(separatedBy: ", ").first { $0.hasSuffix(" i gruppen okänd") }!
      #expect(
        files.contains { $0.contains((name as NSString).lastPathComponent + ":") && $0.contains(", " + count) },
        "\(count) of \(name)")
    }
    // A file imported before the import date was kept says so.
    _ = try sqlite(store, "UPDATE file SET imported_at = NULL;")
    #expect(
      await Runs.listRounds(store: store, language: .sv).lines.filter { $0.hasSuffix(", importdatum okänt") }.count
        == 2)
  }

  /// A store as today's main writes it (format 6: migrations v1–v4 and v6) opens and is
  /// migrated to format 11; its files' import dates are unknown, and a report of its round
  /// does not point at working files its import never wrote. The format-6 store is made
  /// by importing (Kalmar's and Nybro's exports, as the mini survey's: `kalmarAndNybro`) and
  /// then taking v7, v8, v9 and v10 away with sqlite3 (their columns and tables, their
  /// migrations).
  @Test func aFormatSixStoreIsMigrated() async throws {
    let dir = try temporaryDirectory("firsthour-v6")
    defer { removing(dir) }
    let exports = try kalmarAndNybro(in: dir + "/in")
    let store = dir + "/" + RoundStore.fileName
    _ = try RoundStore.create(at: store)
    let imported = await Runs.importRound(
      survey: exports.survey, round: "2026", inputs: exports.files, store: store)
    #expect(imported.exitCode == 2, "\(imported.lines.suffix(4))")
    try FileManager.default.removeItem(atPath: dir + "/arbetsfiler")
    _ = try sqlite(
      store,
      """
      DROP TABLE server_token; DROP TABLE server_audit; DROP TABLE server_file; DROP TABLE server_round; DROP TABLE server_upload;
      DROP TABLE server_invitation; DROP TABLE server_session; DROP TABLE server_user;
      ALTER TABLE file DROP COLUMN imported_at; ALTER TABLE file DROP COLUMN unknown_group;
      ALTER TABLE file DROP COLUMN row_prints; ALTER TABLE publication DROP COLUMN row_prints;
      DELETE FROM grdb_migrations WHERE identifier IN ('v7', 'v8', 'v9', 'v10', 'v11'); UPDATE store SET format = 6;
      """)
    #expect(try sqlite(store, "SELECT group_concat(identifier, ' ') FROM grdb_migrations;") == "v1 v2 v3 v4 v6\n")

    let listed = await Runs.listRounds(store: store, language: .sv)
    #expect(listed.exitCode == 0, "\(listed.lines)")
    #expect(listed.lines.filter { $0.hasSuffix(", importdatum okänt") }.count == 2, "\(listed.lines)")
    #expect(try sqlite(store, "SELECT format FROM store;") == "11\n")

    var request = Runs.ReportRequest(survey: nil, inputs: [])
    request.round = "2026"
    request.store = store
    request.output = dir + "/Reports"
    let report = await Runs.report(request)
    #expect(report.exitCode == 0, "\(report.lines.suffix(4))")
    #expect(
      report.lines.last
        == "2 rader avvisades när omgång 2026 importerades, av en kartlagg som inte sparade importens arbetsfiler; importera filerna igen (`kartlagg import --round 2026 …`) för att få dem i arbetsfiler/"
    )
  }
}
