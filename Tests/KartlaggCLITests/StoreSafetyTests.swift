import Foundation
import KartlaggCLI
import RoundStore
import SourceDiagnostics
import Testing

/// A store that another program changed, or that is not one at all: every value read is
/// checked, the schema must be one that kartlagg's migrations made, and what is refused
/// is left as it was, byte for byte (docs/store.md, "A damaged or foreign store").
@Suite struct StoreSafetyTests {
  /// The mini survey's two exports (MiniSurvey, each with 15 comments) imported as round
  /// 2026 with their comments, into a store of its own; its path and the survey's.
  static func pristine(_ folder: String) async throws -> (store: String, survey: String) {
    let store = folder + "/pristine.sqlite"
    _ = try RoundStore.create(at: store)
    let mini = try MiniSurvey(in: folder)
    let imported = await Runs.importRound(
      survey: mini.survey, round: "2026", inputs: [mini.a, mini.b], store: store, language: .en, keepComments: true)
    #expect(imported.exitCode == 0, "\(imported.lines)")
    return (store, mini.survey)
  }

  /// A copy of `store` changed by the SQL script `sql`, run by Python's sqlite3
  /// (`executescript`) as another program would.
  static func changed(_ store: String, _ name: String, _ sql: String) throws -> String {
    let copy = (store as NSString).deletingLastPathComponent + "/" + name + ".sqlite"
    try? FileManager.default.removeItem(atPath: copy)
    try FileManager.default.copyItem(atPath: store, toPath: copy)
    let script = try python(
      "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.close()", [copy, sql])
    #expect(script.status == 0, "\(name): the script failed: \(script.output)")
    return copy
  }

  func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

  /// Values that kartlagg never writes: a definition as a BLOB, a count past any file's
  /// rows (Int64.max overflowed the sum of `rounds`), counts that do not add up, JSON
  /// that is not JSON, a comment's section as text, figures' data as text. `rounds` and
  /// `report --round` each stop with an error naming the table, the row and the column;
  /// the store is not changed and no report is written.
  @Test func damagedRowsAreClearErrors() async throws {
    let folder = try temporaryDirectory("store-damaged")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (store, survey) = try await Self.pristine(folder)
    let torsas = try sqlite(store, "SELECT id FROM file WHERE name = 'mini-a.csv';")
      .trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(!torsas.isEmpty)
    let cases: [(name: String, sql: String, said: String)] = [
      (
        "blob-definition", "UPDATE round SET survey_definition = CAST(survey_definition AS BLOB)",
        "table round, row 1, column survey_definition is not text"
      ),
      (
        "huge-count", "UPDATE file SET accepted = 9223372036854775807 WHERE name = 'mini-a.csv'",
        "table file, row \(torsas), column accepted is outside 0…2147483647"
      ),
      (
        "negative-count", "UPDATE file SET problems = -1 WHERE name = 'mini-a.csv'",
        "table file, row \(torsas), column problems is outside 0…2147483647"
      ),
      (
        "unbalanced", "UPDATE file SET read = read + 1 WHERE name = 'mini-a.csv'",
        "table file, row \(torsas), column read does not add up: the row's other counts make it"
      ),
      (
        "reasons-not-json", "UPDATE file SET rejected_reasons = 'many' WHERE name = 'mini-a.csv'",
        "table file, row \(torsas), column rejected_reasons is not JSON of counts by reason"
      ),
      (
        "places-not-json", "UPDATE file SET accepted_per_municipality = '{\"a\": 1}' WHERE name = 'mini-a.csv'",
        "table file, row \(torsas), column accepted_per_municipality is not a JSON list of counts"
      ),
      (
        "header-lines", "UPDATE file SET header_lines = 'ett' WHERE name = 'mini-a.csv'",
        "table file, row \(torsas), column header_lines is not comma-separated line numbers"
      ),
      (
        "tally-text", "UPDATE file SET tally = 'KTL1' WHERE name = 'mini-a.csv'",
        "table file, row \(torsas), column tally is not bytes (a BLOB)"
      ),
      (
        "invited-not-json", "UPDATE round SET invited = '{\"0834\": 40}'",
        "table round, row 1, column invited is not JSON of invited counts by municipality code"
      ),
      (
        "invited-negative", "UPDATE round SET invited = '{\"0834\": {\"total\": -4}}'",
        "table round, row 1, column invited is not JSON of invited counts by municipality code"
      ),
      (
        "period-blob", "UPDATE round SET period = CAST('hösten' AS BLOB)",
        "table round, row 1, column period is not text"
      ),
    ]
    for c in cases {
      let damaged = try Self.changed(store, c.name, c.sql)
      let before = bytes(damaged)
      let listed = await Runs.listRounds(store: damaged, language: .en)
      #expect(listed.exitCode == 1, "\(c.name)")
      #expect(listed.lines.count == 1 && listed.lines[0].hasPrefix("error: \(damaged): the store is damaged: "))
      #expect(listed.lines.first?.contains(c.said) == true, "\(c.name): \(listed.lines)")
      let output = folder + "/report-" + c.name
      var request = Runs.ReportRequest(survey: survey, inputs: [])
      request.output = output
      request.round = "2026"
      request.store = damaged
      request.quiet = true
      request.language = .en
      let reported = await Runs.report(request)
      #expect(reported.exitCode == 1, "\(c.name): \(reported.lines)")
      #expect(reported.lines.contains { $0.contains(c.said) }, "\(c.name): \(reported.lines)")
      #expect(!FileManager.default.fileExists(atPath: output), "\(c.name): a report was written")
      #expect(bytes(damaged) == before, "\(c.name): the store was changed")
    }
    // The kept comments and the figures, read by `report --round --include-comments` and
    // by a later round's follow-up.
    let comment = try Self.changed(store, "comment-section", "UPDATE comment SET section = 'x' WHERE id = 3")
    #expect(throws: RoundStore.Failure.self) { try RoundStore.open(at: comment).comments(round: "2026") }
    do {
      _ = try RoundStore.open(at: comment).comments(round: "2026")
    } catch {
      #expect(error.kind == .damaged(RoundStore.Damage(table: "comment", row: 3, column: "section", flaw: .notInteger)))
    }
    let figures = try Self.changed(store, "figures-text", "UPDATE figures SET data = 'KRF1'")
    do {
      _ = try RoundStore.open(at: figures).figures(round: "2026")
      Issue.record("text figures were read")
    } catch {
      #expect(error.kind == .damaged(RoundStore.Damage(table: "figures", row: 1, column: "data", flaw: .notBytes)))
    }
    // In Swedish, when the run speaks it.
    let blob = folder + "/blob-definition.sqlite"
    #expect(
      await Runs.listRounds(store: blob, language: .sv).lines == [
        "error: \(blob): lagret är skadat: tabellen round, rad 1, kolumnen survey_definition är inte text; kartlagg skrev inte det och har inte ändrat något: återställ lagret från en säkerhetskopia, eller importera omgångarna igen till ett nytt lager"
      ])
  }

  /// A trigger planted in the store copies every deleted comment into a table of its own:
  /// the store is refused as it is opened, so `delete --comments` deletes nothing and does
  /// not say that no text is left. So is every other object kartlagg's migrations did not
  /// make, a column added, an index of its own dropped, and migrations it does not know;
  /// each store is left as it was.
  @Test func objectsKartlaggDidNotMakeAreRefused() async throws {
    let folder = try temporaryDirectory("store-foreign-objects")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = try await Self.pristine(folder).store
    let trigger = try Self.changed(
      store, "trigger",
      """
      CREATE TABLE kept (text TEXT);
      CREATE TRIGGER keep AFTER DELETE ON comment BEGIN INSERT INTO kept VALUES (old.text); END;
      """)
    let before = bytes(trigger)
    let deleted = await Runs.deleteComments(round: nil, store: trigger, language: .en)
    #expect(deleted.exitCode == 1)
    #expect(
      deleted.lines == [
        "error: \(trigger): the store's schema is not one that kartlagg made (table kept was not made by kartlagg; trigger keep on comment was not made by kartlagg); it is left untouched: restore the store from a backup, or remove what another program added"
      ])
    #expect(bytes(trigger) == before)
    // 15 + 15 comments, every row's free text d (MiniSurvey.export).
    #expect(try sqlite(trigger, "SELECT COUNT(*) FROM comment;") == "30\n")
    #expect(try sqlite(trigger, "SELECT COUNT(*) FROM kept;") == "0\n")
    #expect(
      await Runs.deleteComments(round: nil, store: trigger, language: .sv).lines == [
        "error: \(trigger): lagrets schema är inte ett som kartlagg gjort (table kept gjordes inte av kartlagg; trigger keep på comment gjordes inte av kartlagg); det lämnas orört: återställ lagret från en säkerhetskopia, eller ta bort det ett annat program lagt till"
      ])

    let cases: [(name: String, sql: String, difference: RoundStore.SchemaDifference)] = [
      (
        "view", "CREATE VIEW everything AS SELECT * FROM comment",
        .init(kind: .extra, type: "view", name: "everything", table: "everything")
      ),
      (
        "index", "CREATE INDEX file_by_sha ON file(sha256)",
        .init(kind: .extra, type: "index", name: "file_by_sha", table: "file")
      ),
      (
        "column", "ALTER TABLE file ADD COLUMN note TEXT",
        .init(kind: .changed, type: "table", name: "file", table: "file")
      ),
      (
        "dropped-index", "DROP INDEX comment_on_file_id",
        .init(kind: .missing, type: "index", name: "comment_on_file_id", table: "comment")
      ),
      (
        "store-table", "DROP TABLE store; CREATE TABLE store (version TEXT)",
        .init(kind: .changed, type: "table", name: "store", table: "store")
      ),
      (
        "migration", "INSERT INTO grdb_migrations VALUES ('x1')",
        .init(kind: .unknownMigrations, type: "", name: "v1, v10, v11, v2, v3, v4, v6, v7, v8, v9, x1", table: "")
      ),
    ]
    for c in cases {
      let changed = try Self.changed(store, c.name, c.sql)
      let before = bytes(changed)
      do {
        _ = try RoundStore.open(at: changed)
        Issue.record("\(c.name): opened")
      } catch {
        #expect(error.kind == .foreign([c.difference]), "\(c.name): \(error)")
      }
      #expect(await Runs.listRounds(store: changed, language: .en).exitCode == 1)
      #expect(bytes(changed) == before, "\(c.name): the store was changed")
    }
    // The pristine store itself opens, and a store written the same way by SQL of its own
    // (RoundStoreTests.aFirstFormatStoreIsMigrated) is migrated: the schema is compared
    // as SQL, not as bytes.
    #expect(try RoundStore.open(at: store).roundNames() == ["2026"])
  }

  /// `init` where kartlagg.sqlite is a symbolic link, to a file or to nothing: refused,
  /// nothing is written, neither where the link points nor in the workspace. An empty
  /// (0-byte) file given as `--store` is no store: refused, and left empty.
  @Test func linksAndEmptyFilesAreNoStores() async throws {
    let folder = try temporaryDirectory("store-links")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let target = folder + "/notes.txt"
    try Data("my notes\n".utf8).write(to: URL(fileURLWithPath: target))
    let linked = folder + "/linked"
    try FileManager.default.createDirectory(atPath: linked, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: linked + "/kartlagg.sqlite", withDestinationPath: target)
    let toFile = Runs.initialize(linked, language: .en)
    #expect(toFile.exitCode == 1)
    #expect(
      toFile.lines == [
        "error: \(linked)/kartlagg.sqlite is a symbolic link; kartlagg makes the store itself and follows no link there: remove the link, or choose another directory"
      ])
    #expect(try FileManager.default.contentsOfDirectory(atPath: linked) == ["kartlagg.sqlite"])
    #expect(bytes(target) == Data("my notes\n".utf8))

    let dangling = folder + "/dangling"
    try FileManager.default.createDirectory(atPath: dangling, withIntermediateDirectories: true)
    let outside = folder + "/outside.sqlite"
    try FileManager.default.createSymbolicLink(atPath: dangling + "/kartlagg.sqlite", withDestinationPath: outside)
    let toNothing = Runs.initialize(dangling, language: .en)
    #expect(toNothing.exitCode == 1 && toNothing.lines.first?.contains("is a symbolic link") == true)
    #expect(!FileManager.default.fileExists(atPath: outside))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dangling) == ["kartlagg.sqlite"])
    do {
      _ = try RoundStore.create(at: dangling + "/kartlagg.sqlite")
      Issue.record("a store was made through a link")
    } catch {
      #expect(error.kind == .symbolicLink)
    }
    #expect(!FileManager.default.fileExists(atPath: outside))

    let empty = folder + "/empty.sqlite"
    try #require(FileManager.default.createFile(atPath: empty, contents: Data()))
    let listed = await Runs.listRounds(store: empty, language: .en)
    #expect(listed.exitCode == 1)
    #expect(
      listed.lines == [
        "error: \(empty) is empty, not a store; give the path of a store that `kartlagg init` made, or remove the file"
      ])
    let imported = await Runs.importRound(
      survey: countySurvey, round: "2026", inputs: [repositoryRoot + "/Surveys/examples/torsas.csv"], store: empty,
      language: .sv)
    #expect(imported.exitCode == 1)
    #expect(
      imported.lines.last
        == "error: \(empty) är tom, inget lager; ange sökvägen till ett lager som `kartlagg init` gjort, eller ta bort filen"
    )
    #expect(bytes(empty) == Data())

    // A workspace made again around its store keeps the store.
    let workspace = folder + "/workspace"
    #expect(Runs.initialize(workspace).exitCode == 0)
    let store = bytes(workspace + "/kartlagg.sqlite")
    try FileManager.default.removeItem(atPath: workspace + "/README.md")
    try FileManager.default.removeItem(atPath: workspace + "/Surveys")
    let again = Runs.initialize(workspace)
    #expect(again.exitCode == 0, "\(again.lines)")
    #expect(bytes(workspace + "/kartlagg.sqlite") == store)
  }
}
