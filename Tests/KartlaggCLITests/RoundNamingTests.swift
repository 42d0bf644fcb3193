import Foundation
import KartlaggCLI
import RoundStore
import SourceDiagnostics
import Testing

/// A round is a named thing (issue 22): its own period and invited counts live in the
/// store, survive re-imports and deleted files, and every report of it names it, the round
/// it is compared with and the first round. The survey definition may change in what only
/// the reports show without the stored rounds being refused.
@Suite struct RoundNamingTests {
  func freshStore(_ name: String) throws -> (folder: String, store: String) {
    let folder = try temporaryDirectory(name)
    let store = folder + "/" + RoundStore.fileName
    _ = try RoundStore.create(at: store)
    return (folder, store)
  }

  func write(_ text: String, _ path: String) throws { try text.write(toFile: path, atomically: true, encoding: .utf8) }

  /// The period and invited counts given at import are the round's: a later import of the
  /// same round without them, a corrected file and a deleted file leave them; `rounds
  /// --round` changes them without importing, and lists them. (The mini survey's first
  /// export, MiniSurvey.)
  @Test func periodAndInvitedSurviveReimportAndDeletion() async throws {
    let (folder, store) = try freshStore("naming-survive")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let mini = try MiniSurvey(in: folder + "/mini")
    let (survey, export) = (mini.survey, mini.a)
    let invited = folder + "/inbjudna-2027.csv"
    // Högsby by name, Kalmar by code and per organisation (a spelling of a value: "Kommun").
    try write("kommun,organisation,inbjudna\nHögsby,,40\n0880,region,10\n0880,Kommun,20\n", invited)
    let first = await Runs.importRound(
      survey: survey, round: "2027", inputs: [export], store: store, language: .en,
      period: "hösten 2027", invited: invited)
    #expect(first.exitCode == 0, "\(first.lines)")
    let expected = RoundStore.RoundNaming(
      period: "hösten 2027",
      invited: [
        "0821": RoundStore.InvitedCounts(total: 40),
        "0880": RoundStore.InvitedCounts(dimension: "organisation", counts: ["region": 10, "kommun": 20]),
      ])
    #expect(try RoundStore.open(at: store).naming(round: "2027") == expected)
    // Again without the options, and a corrected file (its last respondent left out).
    _ = await Runs.importRound(survey: survey, round: "2027", inputs: [export], store: store)
    let corrected = folder + "/mini-a.csv"
    let text = try String(contentsOfFile: export, encoding: .utf8)
    try write(text.split(separator: "\n").dropLast().joined(separator: "\n") + "\n", corrected)
    let replaced = await Runs.importRound(
      survey: survey, round: "2027", inputs: [corrected], store: store, language: .en)
    #expect(replaced.lines.last == "mini-a.csv: replaced what it brought to round 2027 before")
    #expect(try RoundStore.open(at: store).naming(round: "2027") == expected)
    #expect(await Runs.deleteFromStore(round: "2027", file: "mini-a.csv", store: store).exitCode == 0)
    #expect(try RoundStore.open(at: store).naming(round: "2027") == expected)
    // `rounds` lists them; `rounds --round` changes the period alone.
    #expect(await Runs.listRounds(store: store).lines.contains("  period 'hösten 2027', inbjudna för 2 kommuner"))
    let renamed = await Runs.renameRound("2027", period: "september–oktober 2027", invited: nil, store: store)
    #expect(
      renamed.exitCode == 0
        && renamed.lines == ["omgång 2027: period 'september–oktober 2027', inbjudna för 2 kommuner"])
    #expect(try RoundStore.open(at: store).naming(round: "2027")?.invited == expected.invited)
    #expect(try RoundStore.open(at: store).naming(round: "2027")?.period == "september–oktober 2027")
    // A round without its own: the survey's, and `rounds` says so.
    _ = await Runs.importRound(survey: survey, round: "2028", inputs: [export], store: store)
    #expect(try RoundStore.open(at: store).naming(round: "2028") == RoundStore.RoundNaming())
    #expect(
      await Runs.listRounds(store: store, language: .en).lines.contains(
        "  period the survey's (none of its own), the survey's invited"))
  }

  /// A bad invited file changes nothing, and each problem names file, line and column.
  @Test func aBadInvitedFileIsNamedAndChangesNothing() async throws {
    let (folder, store) = try freshStore("naming-bad")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let invited = folder + "/inbjudna.csv"
    try write(
      "kommun;organisation;inbjudna\nTorsås;;40\nKalmr;;12\nNybro;;många\nBorgholm;skolan;3\nTorsås;;41\n", invited)
    let outcome = await Runs.importRound(
      survey: countySurvey, round: "2027", inputs: [repositoryRoot + "/Surveys/examples/torsas.csv"], store: store,
      language: .en, period: "hösten 2027", invited: invited)
    #expect(outcome.exitCode == 1)
    #expect(
      outcome.lines == [
        "\(invited):3:1: error: unknown municipality 'Kalmr' (did you mean 'Kalmar'?); give its name or code as the survey has them",
        "\(invited):4:3: error: 'många' is no count of invited; write a whole number from 0 to 10 000 000",
        "\(invited):5:2: error: 'skolan' is no value of organisation; the survey's values are region, kommun, privat, brukare",
        "\(invited):6:1: error: Torsås is already on line 2; give each municipality (and group) one row",
        "round 2027 is unchanged",
      ])
    #expect(try RoundStore.open(at: store).roundNames().isEmpty)
    try write("kommun,antal\nTorsås,40\n", invited)
    let header = await Runs.importRound(
      survey: countySurvey, round: "2027", inputs: [repositoryRoot + "/Surveys/examples/torsas.csv"], store: store,
      language: .en, invited: invited)
    #expect(header.exitCode == 1)
    #expect(
      header.lines.first
        == "\(invited):1:1: error: the header row is 'kommun, antal'; a file of invited counts has the columns kommun, inbjudna and optionally one dimension (organisation, niva)"
    )
    #expect(try RoundStore.open(at: store).roundNames().isEmpty)
  }

  /// What only the reports show may change after an import (the period, the title, a
  /// section's description, the invited counts): the round is imported into and reported
  /// with the definition given now. What the figures depend on (a municipality's code)
  /// may not. On the mini survey's first export (MiniSurvey) given the county survey's
  /// period and an invited count, as the county's has: the definition's identity is the
  /// same question whatever the survey, and the county's three runs took 5.5 s of CPU in a
  /// debug build.
  @Test func reportSettingsMayChangeAfterImport() async throws {
    let (folder, store) = try freshStore("naming-definition")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let mini = try MiniSurvey(
      in: folder + "/mini",
      replacing: [
        ("title: Mini\n", "title: Mini\nperiod: september–oktober 2026\n"),
        ("- { code: \"0880\", name: Kalmar }", "- { code: \"0880\", name: Kalmar, invited: 52 }"),
      ])
    let export = mini.a
    let first = await Runs.importRound(survey: mini.survey, round: "2026", inputs: [export], store: store)
    #expect(first.exitCode == 0, "\(first.lines)")
    let text = try String(contentsOfFile: mini.survey, encoding: .utf8)
    let edited = folder + "/edited.yaml"
    try write(
      text.replacingOccurrences(of: "period: september–oktober 2026", with: "period: hösten 2026")
        .replacingOccurrences(of: "invited: 52", with: "invited: 53"), edited)
    #expect(text.contains("invited: 52"))
    let again = await Runs.importRound(
      survey: edited, round: "2026", inputs: [export], store: store, language: .en)
    #expect(again.exitCode == 0, "\(again.lines)")
    var request = Runs.ReportRequest(survey: edited, inputs: [])
    request.output = folder + "/out"
    request.round = "2026"
    request.store = store
    request.draft = true
    let report = await Runs.report(request)
    #expect(report.exitCode == 0, "\(report.lines.suffix(3))")
    let page = try String(contentsOfFile: folder + "/out/index.html", encoding: .utf8)
    #expect(page.contains("Omgång 2026 · hösten 2026 (enkätens period; omgången har ingen egen)"))
    let code = folder + "/code.yaml"
    try write(text.replacingOccurrences(of: "code: \"0840\"", with: "code: \"0899\""), code)
    let refused = await Runs.importRound(survey: code, round: "2026", inputs: [export], store: store, language: .en)
    #expect(refused.exitCode == 1)
    #expect(refused.lines.last?.hasPrefix("error: round 2026 was imported with another survey definition") == true)
  }

  /// Three rounds of the mini survey (MiniSurvey: its first export as 2026, its second as
  /// 2027, both as 2028), each imported with its own period (and 2028 with its own invited
  /// counts): the 2028 report names 2028, its period and 2027 (and 2026 as the first
  /// mapping) on its first screen and in every printed page header; no page of it gives
  /// 2026's period; the follow-up's columns carry the years; the terminal says what it
  /// follows up; the response rate is 2028's. The same report made again with the stored
  /// rounds' figures dropped is the same. (It was of Torsås's and Borgholm's exports on the
  /// county survey, 15 s of CPU; what is tested is the rounds' naming and the store, not
  /// the county's figures.)
  @Test func theThreeRoundsNameThemselves() async throws {
    let (folder, store) = try freshStore("naming-three")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // The survey's own invited count for Kalmar, 33, which 2028's own replaces.
    let mini = try MiniSurvey(
      in: folder + "/mini",
      replacing: [("- { code: \"0880\", name: Kalmar }", "- { code: \"0880\", name: Kalmar, invited: 33 }")])
    let invited = folder + "/inbjudna-2028.csv"
    try write("kommun,inbjudna\nKalmar,50\n", invited)
    for (round, inputs) in [("2026", [mini.a]), ("2027", [mini.b]), ("2028", [mini.a, mini.b])] {
      let imported = await Runs.importRound(
        survey: mini.survey, round: round, inputs: inputs, store: store, period: "september–oktober \(round)",
        invited: round == "2028" ? invited : nil)
      #expect(imported.exitCode == 0, "\(imported.lines.suffix(3))")
    }
    var request = Runs.ReportRequest(survey: mini.survey, inputs: [])
    request.output = folder + "/2028"
    request.round = "2028"
    request.store = store
    request.draft = true
    let outcome = await Runs.report(request)
    #expect(outcome.exitCode == 0, "\(outcome.lines.suffix(3))")
    #expect(outcome.lines.contains("rapporterar omgång 2028 (september–oktober 2028)"))
    #expect(outcome.lines.contains("följer upp omgång 2027 (första kartläggningen 2026)"))
    let naming = "Omgång 2028 · september–oktober 2028 · jämförs med 2027 (första kartläggningen 2026)"
    var pages = ["index.html"]
    pages += try FileManager.default.contentsOfDirectory(atPath: folder + "/2028/kommun").map { "kommun/" + $0 }
    #expect(pages.count == 4)
    for name in pages {
      let page = try String(contentsOfFile: folder + "/2028/" + name, encoding: .utf8)
      // The first screen: the page's header.
      let header = try #require(page.components(separatedBy: "</header>").first)
      #expect(header.contains(naming), "\(name)")
      // The printed page header: the CSS string escapes every non-ASCII character.
      let running = try #require(page.components(separatedBy: "@top-left{content:").dropFirst().first)
        .components(separatedBy: ";")[0]
      #expect(
        running.contains(#"Omg\e5 ng 2028 \b7  september\2013 oktober 2028 \b7  j\e4 mf\f6 rs med 2027"#), "\(name)")
      #expect(!page.contains("oktober 2026") && !page.contains(#"oktober 2026"#), "\(name)")
      #expect(!page.contains("Gap då") && !page.contains("Gap nu"), "\(name)")
    }
    let kalmar = try String(contentsOfFile: folder + "/2028/kommun/kalmar.html", encoding: .utf8)
    #expect(kalmar.contains("<th scope=\"col\">Gap 2027</th><th scope=\"col\">Gap 2028</th>"))
    // Kalmar answered 10 times in 2028 (respondents k = 0, 3, …, 27 of the two exports:
    // k % 3 == 0), of 50 invited.
    #expect(kalmar.contains("(10 av 50 inbjudna)"))
    #expect(!kalmar.contains(" av 33 inbjudna)"))
    // 2027, which has no invited counts of its own, takes the survey's: Kalmar's 5
    // respondents (k = 15, 18, …, 27) of 33.
    var earlier = request
    earlier.round = "2027"
    earlier.output = folder + "/2027"
    #expect(await Runs.report(earlier).exitCode == 0)
    let kalmar2027 = try String(contentsOfFile: folder + "/2027/kommun/kalmar.html", encoding: .utf8)
    #expect(kalmar2027.contains("(5 av 33 inbjudna)"))

    // The earlier rounds' figures kept at import give the same report, byte for byte, as
    // the rounds analysed again from their tallies (the figures dropped, as a store may).
    let kept = snapshot(folder + "/2028")
    // The page, the three municipalities' and the 11 other files (the county's 24 are
    // 1 + 12 + 11).
    #expect(kept.count == 15)
    #expect(try sqlite(store, "DELETE FROM figures; SELECT changes();") == "3\n")
    try FileManager.default.removeItem(atPath: folder + "/2028")
    #expect(await Runs.report(request).exitCode == 0)
    #expect(snapshot(folder + "/2028") == kept)
  }
}
