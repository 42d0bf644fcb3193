import Foundation
import RoundStore
import Testing

/// Issue 24, point 3: a run not told `--language` speaks its survey's language in all it
/// says, its failures included. The county survey is Swedish, and so are the store's errors
/// and a workbook that cannot be made (both were English before).
@Suite struct RunLanguageTests {
  @Test func aSwedishSurveysRunSaysItsFailuresInSwedish() throws {
    let dir = try temporaryDirectory("run-language")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let torsas = repositoryRoot + "/Surveys/examples/torsas.csv"
    // A workbook with no $TMPDIR for its scratch files: libxlsxwriter cannot be given a folder.
    let noTemporary = dir + "/no-such-folder"
    let workbook = try runKartlagg(
      ["report", "--survey", countySurvey, torsas, "--out", dir + "/out", "--quiet"],
      environment: ["TMPDIR": noTemporary])
    #expect(workbook.status == 1)
    #expect(
      workbook.output.contains(
        "\(dir)/out/csv/kartlagg.xlsx: error: ingen mapp kan skapas för arbetsbokens tillfälliga filer, \(noTemporary)/"
      ), "\(workbook.output)")
    #expect(!workbook.output.contains("cannot"), "\(workbook.output)")

    // A stored round whose recorded publication another program changed: the store's
    // failure, inside the run's own words, in Swedish too.
    let store = dir + "/" + RoundStore.fileName
    _ = try RoundStore.create(at: store)
    let imported = try runKartlagg(["import", "--survey", countySurvey, "--round", "2026", "--store", store, torsas])
    #expect(imported.status == 0, "\(imported.output)")
    let first = try runKartlagg(["report", "--round", "2026", "--store", store, "--out", dir + "/r1", "--quiet"])
    #expect(first.status == 0, "\(first.output)")
    _ = try sqlite(store, "UPDATE publication SET shown = 7")
    let damaged = try runKartlagg(["report", "--round", "2026", "--store", store, "--out", dir + "/r2", "--quiet"])
    #expect(damaged.status == 1)
    #expect(
      damaged.output.contains(
        "error: omgång 2026: lagrets registrerade publiceringar kan inte läsas (\(store): lagret är skadat: tabellen publication, rad 1, kolumnen shown är inte bytes (en BLOB); kartlagg skrev inte det och har inte ändrat något"
      ), "\(damaged.output)")
    #expect(!damaged.output.contains("damaged"), "\(damaged.output)")
    #expect(!FileManager.default.fileExists(atPath: dir + "/r2"))
  }
}
