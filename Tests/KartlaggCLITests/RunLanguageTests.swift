import Foundation
import KartlaggCLI
import RoundStore
import Testing

/// Issue 24, point 3: a run not told `--language` speaks its survey's language in all it
/// says, its failures included. The county survey is Swedish, and so are the store's errors
/// and a workbook that cannot be made (both were English before).
@Suite struct RunLanguageTests {
  /// The mini survey (MiniSurvey), Swedish as the county's: the failures are the same, and
  /// its three runs cost a tenth of the county's (6.9 s of CPU in a debug build on Torsås).
  @Test func aSwedishSurveysRunSaysItsFailuresInSwedish() throws {
    let dir = try temporaryDirectory("run-language")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let mini = try MiniSurvey(in: dir + "/in")
    let survey = mini.survey
    let export = mini.a
    // A workbook with no $TMPDIR for its scratch files: libxlsxwriter cannot be given a folder.
    let noTemporary = dir + "/no-such-folder"
    let workbook = try runKartlagg(
      ["report", "--survey", survey, export, "--out", dir + "/out", "--quiet"],
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
    let imported = try runKartlagg(["import", "--survey", survey, "--round", "2026", "--store", store, export])
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

  /// A recorded publication whose bytes another program changed is said in the run's
  /// language, inside its Swedish sentence (it was English there before: "a stored
  /// publication does not start with KPB1"). The mini survey (MiniSurvey) is Swedish.
  @Test func anUnreadablePublicationIsSaidInTheRunsLanguage() async throws {
    let dir = try temporaryDirectory("run-language-publication")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let mini = try MiniSurvey(in: dir)
    let store = dir + "/" + RoundStore.fileName
    _ = try RoundStore.create(at: store)
    #expect(await Runs.importRound(survey: mini.survey, round: "2026", inputs: [mini.a], store: store).exitCode == 0)
    var request = Runs.ReportRequest(survey: mini.survey, inputs: [])
    (request.round, request.store, request.quiet) = ("2026", store, true)
    request.output = dir + "/r1"
    #expect(await Runs.report(request).exitCode == 0)
    // Not "KPB1" at all, then "KPB1" and nothing after it.
    for (bytes, reason) in [
      ("00", "en lagrad publicering börjar inte med KPB1"), ("4B504231", "en lagrad publicering är avkortad"),
    ] {
      _ = try sqlite(store, "UPDATE publication SET shown = X'\(bytes)'")
      request.output = dir + "/r2"
      let damaged = await Runs.report(request)
      #expect(damaged.exitCode == 1)
      #expect(
        damaged.lines.contains(
          "error: omgång 2026: lagrets registrerade publiceringar kan inte läsas (\(reason)); ingen rapport skrevs"),
        "\(damaged.lines)")
      #expect(!FileManager.default.fileExists(atPath: dir + "/r2"))
    }
  }

  /// An `--invited` file that libcsv cannot read (a quote never closed) is said in the
  /// run's language, as an export's broken quoting is (it was libcsv's English before).
  /// The quoted field starts on line 2; the file ends on line 4, after its last line break.
  @Test func anUnreadableInvitedFileIsSaidInTheRunsLanguage() async throws {
    let dir = try temporaryDirectory("run-language-invited")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let mini = try MiniSurvey(in: dir)
    let store = dir + "/" + RoundStore.fileName
    _ = try RoundStore.create(at: store)
    let invited = dir + "/inbjudna.csv"
    try "kommun,inbjudna\nKalmar,\"40\nHögsby,12\n".write(toFile: invited, atomically: true, encoding: .utf8)
    let outcome = await Runs.importRound(
      survey: mini.survey, round: "2026", inputs: [mini.a], store: store, invited: invited)
    #expect(outcome.exitCode == 1)
    #expect(
      outcome.lines.contains(
        "\(invited):4: error: ett citerat fält som börjar på rad 2 avslutas aldrig (filen tar slut inuti det); lägg till det avslutande citattecknet (\") där fältet slutar"
      ), "\(outcome.lines)")
    #expect(try RoundStore.open(at: store).roundNames().isEmpty)
  }

  /// A survey definition that cannot be read is refused before its `language:` is known:
  /// in `--language`, else in Swedish, the county's users' language (it was English).
  @Test func anUnreadableSurveyIsRefusedInSwedishUnlessToldOtherwise() async throws {
    let dir = try temporaryDirectory("run-language-survey")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let missing = dir + "/saknas.yaml"
    let swedish = await Runs.validate(survey: missing, inputs: [dir])
    #expect(swedish.exitCode == 1)
    #expect(
      swedish.lines.contains("\(missing):1:1: error: enkätdefinitionen kan inte läsas; kontrollera sökvägen"),
      "\(swedish.lines)")
    let english = await Runs.validate(survey: missing, inputs: [dir], language: .en)
    #expect(english.lines.contains("\(missing):1:1: error: cannot read the survey definition; check the path"))
    // "t: ä" in Latin-1: not UTF-8.
    let latin1 = dir + "/latin1.yaml"
    try Data([0x74, 0x3A, 0x20, 0xE4, 0x0A]).write(to: URL(fileURLWithPath: latin1))
    let notText = await Runs.validate(survey: latin1, inputs: [dir])
    #expect(notText.lines.contains("\(latin1):1:1: error: filen är inte UTF-8-text; spara den som UTF-8"))
  }
}
