import Foundation
import KartlaggCLI
import LibCSV
import RoundStore
import SeededRandom
import SourceDiagnostics
import SurveyModel
import Testing

/// The store of survey rounds: import, re-import, report from the store, and what it
/// refuses. Every run uses a store of its own in a temporary folder.
@Suite struct RoundStoreTests {
  func freshStore(_ name: String) throws -> (folder: String, store: String) {
    let folder = try temporaryDirectory(name)
    let store = folder + "/" + RoundStore.fileName
    _ = try RoundStore.create(at: store)
    return (folder, store)
  }

  /// A quiet report of `round` of `store` into `output` (with the free text when
  /// `comments`).
  func storedReport(_ round: String, of store: String, to output: String, comments: Bool = false)
    -> Runs.ReportRequest
  {
    var request = Runs.ReportRequest(survey: countySurvey, inputs: [])
    request.output = output
    request.round = round
    request.store = store
    request.quiet = true
    request.includeComments = comments
    return request
  }

  /// Every published file; with `comparable`, as a report from files and one from the store
  /// must agree: the CSV files without their last two columns (`round`, `draft`: the store's
  /// round against the survey's id and period), and the workbook, which holds the same
  /// tables, left out (`make check-excel` compares it with the CSV files).
  /// The mini survey's two exports and a third (M-30 …) whose first row names its
  /// municipality misspelt ("Kalmr"), so that it is rejected.
  func miniWithARejectedRow(in folder: String) throws -> (MiniSurvey, [String]) {
    let mini = try MiniSurvey(in: folder)
    let c = folder + "/mini-c.csv"
    let third = MiniSurvey.export(from: 30)
    #expect(third.contains("\nM-30,Kalmar,"))
    try third.replacingOccurrences(of: "\nM-30,Kalmar,", with: "\nM-30,Kalmr,").write(
      toFile: c, atomically: true, encoding: .utf8)
    return (mini, [mini.a, mini.b, c])
  }

  func published(_ folder: String, comparable: Bool = false) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for path in FileManager.default.enumerator(atPath: folder)!.compactMap({ $0 as? String }) {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory),
        !isDirectory.boolValue, let bytes = FileManager.default.contents(atPath: folder + "/" + path)
      else {
        continue
      }
      if comparable && path.hasSuffix(".xlsx") { continue }
      // A page names what it is of on two lines (its header's kicker and the printed page
      // header): the store's round, against the survey's period from files.
      if comparable && path.hasSuffix(".html") {
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n").filter {
          !$0.contains("<p class=\"kicker\">") && !$0.contains("@page{@top-left{")
        }
        out[path] = Data(lines.joined(separator: "\n").utf8)
        continue
      }
      if comparable && path.hasSuffix(".csv") {
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n").map {
          $0.split(separator: ",", omittingEmptySubsequences: false).dropLast(2).joined(separator: ",")
        }
        out[path] = Data(lines.joined(separator: "\r\n").utf8)
      } else {
        out[path] = bytes
      }
    }
    return out
  }

  /// A quiet report of `inputs` (or, with `round`, of the stored round) on `survey`.
  func miniReport(_ survey: String, _ inputs: [String], round: String? = nil, store: String? = nil, to output: String)
    -> Runs.ReportRequest
  {
    var request = Runs.ReportRequest(survey: survey, inputs: inputs)
    request.output = output
    request.round = round
    request.store = store
    request.quiet = true
    return request
  }

  /// The mini survey's two exports and a third with a rejected row (respondent M-30's
  /// municipality misspelt 'Kalmr'), imported as round 2026 and reported from the store,
  /// give the same published files, byte for byte, as the report from the files; the
  /// store holds no respondent id, no cell of the rejected row and no free text of the
  /// exports. It runs under Thread Sanitizer too, so it is small (MiniSurvey): the same
  /// threads and code as the county's, far fewer pages. The same with the free text kept
  /// is keptCommentsAreApartAndRemovable's.
  @Test(.tags(.threads)) func reportFromTheStoreIsTheSame() async throws {
    let (folder, store) = try freshStore("store-report")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (mini, inputs) = try miniWithARejectedRow(in: folder)
    let imported = await Runs.importRound(survey: mini.survey, round: "2026", inputs: inputs, store: store)
    #expect(imported.exitCode == 2, "\(imported.lines.suffix(3))")
    #expect(imported.lines.filter { $0.hasSuffix(": tillagd i omgång 2026") }.count == 3)

    #expect(await Runs.report(miniReport(mini.survey, inputs, to: folder + "/files")).exitCode == 2)
    // The stored round's rows were rejected at its import (exit 2 there): its report rejects none.
    let outcome = await Runs.report(miniReport(mini.survey, [], round: "2026", store: store, to: folder + "/store"))
    #expect(outcome.exitCode == 0, "\(outcome.lines.suffix(3))")
    let a = try published(folder + "/files", comparable: true)
    let b = try published(folder + "/store", comparable: true)
    // The published files (xlsx left out above): index.html, 3 municipality pages, the
    // codebook, the questionnaire, 7 CSV files and the marker.
    #expect(a.count == 14 && a == b, "\(a.keys.sorted())")

    let bytes = try #require(FileManager.default.contents(atPath: store))
    for text in ["M-0,", "M-29", "M-30", "Kalmr", "Fritext M-"] {
      #expect(bytes.range(of: Data(text.utf8)) == nil, "\(text) is in the store")
    }
  }

  /// A file is known by its name within a round: the same content again changes nothing,
  /// other content under the name replaces it, the same content under another name is
  /// refused, and a round keeps its survey definition. On the mini survey's first export
  /// (MiniSurvey, 15 respondents): each import makes the round's figures, and six imports
  /// on the county survey took 7.5 s of CPU in a debug build.
  @Test func reimportReplacesAndNeverDuplicates() async throws {
    let (folder, store) = try freshStore("store-reimport")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let mini = try MiniSurvey(in: folder + "/in")
    let export = mini.a
    func run(_ path: String, round: String = "2026", survey: String = mini.survey) async -> RunOutcome {
      await Runs.importRound(survey: survey, round: round, inputs: [path], store: store, language: .en)
    }
    #expect(await run(export).lines.last == "mini-a.csv: added to round 2026")
    #expect(
      await run(export).lines.last
        == "mini-a.csv: already imported into round 2026 with the same content; nothing changed")
    // A corrected file of the same name: its last respondent left out.
    let text = try String(contentsOfFile: export, encoding: .utf8)
    let corrected = folder + "/mini-a.csv"
    try (text.split(separator: "\n").dropLast().joined(separator: "\n") + "\n").write(
      toFile: corrected, atomically: true, encoding: .utf8)
    #expect(await run(corrected).lines.last == "mini-a.csv: replaced what it brought to round 2026 before")
    let stored = try #require(try RoundStore.open(at: store).round("2026"))
    #expect(stored.files.map(\.name) == ["mini-a.csv"] && stored.files[0].accepted == 14)
    // `rounds` lists it in the words of the import's summary (Swedish unless asked).
    let listed = await Runs.listRounds(store: store).lines
    #expect(listed.first?.hasPrefix("omgång 2026: enkät 'mini' (sha256 ") == true)
    #expect(listed.first?.hasSuffix("…), 1 fil, 14 svarande") == true)
    #expect(
      listed.last?.contains(
        "UTF-8, avgränsare ',', rubrik på rad 1: 14 lästa, 14 godtagna, 0 avvisade, 0 svarsproblem, importerad ")
        == true)
    #expect(
      await Runs.listRounds(store: store, language: .en).lines.first?.hasSuffix("1 file, 14 respondents") == true)
    // The same content under another name.
    let copy = folder + "/mini-a-kopia.csv"
    try FileManager.default.copyItem(atPath: corrected, toPath: copy)
    let duplicate = await run(copy)
    #expect(duplicate.exitCode == 1)
    #expect(
      duplicate.lines.last
        == "mini-a-kopia.csv: error: the same content as mini-a.csv in round 2026; not imported twice")
    // A definition changed only where the figures do not depend on it is the same one
    // (RoundNamingTests); one whose municipality code differs is another.
    let comment = folder + "/comment.yaml"
    try (try String(contentsOfFile: mini.survey, encoding: .utf8) + "\n# changed\n").write(
      toFile: comment, atomically: true, encoding: .utf8)
    #expect(await run(export, survey: comment).exitCode == 0)
    let other = folder + "/other.yaml"
    try (try String(contentsOfFile: mini.survey, encoding: .utf8))
      .replacingOccurrences(of: "code: \"0821\"", with: "code: \"0822\"").write(
        toFile: other, atomically: true, encoding: .utf8)
    let refused = await run(export, survey: other)
    #expect(refused.exitCode == 1)
    #expect(refused.lines.last?.hasPrefix("error: round 2026 was imported with another survey definition") == true)
    // Deleting a file, then the round.
    #expect(await Runs.deleteFromStore(round: "2026", file: "mini-a.csv", store: store).exitCode == 0)
    #expect(try RoundStore.open(at: store).round("2026")?.files.isEmpty == true)
    #expect(await Runs.deleteFromStore(round: "2026", file: nil, store: store).exitCode == 0)
    #expect(try RoundStore.open(at: store).roundNames().isEmpty)
  }

  /// Two rounds of the same exports: the later round's report follows up on the earlier
  /// one, every change tested (so its table has the interval and the adjusted p) and
  /// every change 0 (none significant); the first round's report has no follow-up. The
  /// mini survey's two exports (MiniSurvey), for it runs under Thread Sanitizer too. The
  /// same respondents in both rounds differ by no one, so both publish
  /// (aFileFromAnotherRoundIsNotPublished has rounds that differ by a few).
  @Test(.tags(.threads)) func aLaterRoundFollowsUpTheOneBefore() async throws {
    let (folder, store) = try freshStore("store-follow-up")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let mini = try MiniSurvey(in: folder)
    for round in ["2025", "2026"] {
      let imported = await Runs.importRound(survey: mini.survey, round: round, inputs: [mini.a, mini.b], store: store)
      #expect(imported.exitCode == 0, "\(imported.lines.suffix(3))")
    }
    func page(_ round: String) async throws -> String {
      let outcome = await Runs.report(
        miniReport(mini.survey, [], round: round, store: store, to: folder + "/" + round))
      #expect(outcome.exitCode == 0, "\(outcome.lines.suffix(3))")
      #expect(!outcome.lines.contains { $0.contains("gemensamt med omgång") }, "\(outcome.lines)")
      return try String(contentsOfFile: folder + "/\(round)/kommun/kalmar.html", encoding: .utf8)
    }
    let later = try await page("2026")
    #expect(later.contains("<section id=\"uppfoljning\">"))
    #expect(later.contains("Förändringen prövas med Welchs t-test"))
    let section = try #require(later.components(separatedBy: "<section id=\"uppfoljning\">").last)
      .components(separatedBy: "</section>")[0]
    #expect(section.contains("<th scope=\"col\">Justerat p-värde</th>"))
    #expect(
      !section.contains("class=\"significant\"") && !section.contains("aria-hidden=\"true\">▼")
        && !section.contains("aria-hidden=\"true\">▲"))
    // Nothing changed: a change of 0,00 (two decimals, the difference of the shown figures).
    #expect(section.contains(" class=\"num\">0,00</td><td data-label="))
    // Each item's gap over the rounds as a small line chart, its values in its name.
    // Kalmar's first item, a, in both rounds: respondents k = 0, 3, …, 27, gaps
    // (5 − k % 2) − (1 + k % 4) = 4, 0, 2, 2, 4, 0, 2, 2, 4, 0, a mean of 2,0
    // (python3: ks = range(0, 30, 3); sum((5 - k % 2) - (1 + k % 4) for k in ks) / 10 → 2.0).
    #expect(section.contains("<th scope=\"col\">Gapet per omgång</th>"))
    #expect(section.contains("aria-label=\"Gapet per omgång: 2025 2,0; 2026 2,0\""), "\(section.prefix(3000))")
    let first = try await page("2025")
    #expect(!first.contains("<section id=\"uppfoljning\">"))
  }

  /// The files of each round that threeRoundsAgainstScipy imports: Kalmar's (the largest,
  /// with 2026's two rejected rows), the county-wide respondents', Torsås's (a shift of its
  /// own) and Västervik's (2028's home-care agreement): 132 to 182 respondents a round of
  /// the county's 336 to 462, and the test 14 s of CPU in a debug build instead of 30.
  static let fourOfTheCounty = ["kalmar.csv", "lansovergripande.csv", "torsas.csv", "vastervik.csv"]

  /// Three rounds with known shifts: the examples as 2026, and Surveys/rounds/2027 and 2028
  /// (`Tools/kartlagg-examples --round 2` and `--round 3`, `make examples`), each round
  /// the same four municipalities' files (`fourOfTheCounty`).
  /// - Every change figure and test of the 2028 report (1114 rows of items.csv: the
  ///   change of n, current, desired and gap, the 95 % Welch interval, Welch's p and the
  ///   Benjamini–Hochberg p over the report) equals scipy's, recomputed from the rounds'
  ///   raw files by Tests/KartlaggCLITests/rounds_reference.py (numpy 2.4.6, scipy
  ///   1.17.1), whose output is Fixtures/rounds/changes-2027-2028.csv; largest relative
  ///   difference when it was made: 9.4e-12.
  /// - The lenses: a section's or lens value's change is the mean of its items' changes
  ///   in that output, and its counts are the output's significant changes either way.
  /// - The shifts built in are found: in 2027 every meeting-place item's gap is
  ///   significantly smaller county-wide; in 2028 every item of `komplexa_behov`'s is
  ///   smaller (6 of 16 significantly).
  @Test func threeRoundsAgainstScipy() async throws {
    let (folder, store) = try freshStore("store-three-rounds")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for (round, path) in [
      ("2026", "Surveys/examples"), ("2027", "Surveys/rounds/2027"), ("2028", "Surveys/rounds/2028"),
    ] {
      let inputs = Self.fourOfTheCounty.map { repositoryRoot + "/" + path + "/" + $0 }
      let outcome = await Runs.importRound(survey: countySurvey, round: round, inputs: inputs, store: store)
      #expect(outcome.exitCode == 0 || outcome.exitCode == 2, "\(round): \(outcome.lines.suffix(3))")
    }
    func report(_ round: String) async throws -> (items: [[String: String]], sections: [[String: String]]) {
      let outcome = await Runs.report(storedReport(round, of: store, to: folder + "/" + round))
      #expect(outcome.exitCode == 0 || outcome.exitCode == 2, "\(outcome.lines.suffix(3))")
      return (
        try table(folder + "/\(round)/csv/items.csv"), try table(folder + "/\(round)/csv/sections.csv")
      )
    }
    func table(_ path: String) throws -> [[String: String]] {
      var rows: [[String]] = []
      try CSVReader(path: path).forEachRecord { rows.append($0.strings()) }
      return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(rows[0], $0)) }
    }
    func close(_ a: String?, _ b: String?, _ what: String) {
      guard let a, let b, let x = Double(a), let y = Double(b) else {
        Issue.record("\(what): \(a ?? "nil") against \(b ?? "nil")")
        return
      }
      #expect(abs(x - y) <= 1e-9 * abs(y) + 1e-14, "\(what): \(x) against scipy's \(y)")
    }

    let (items, sections) = try await report("2028")
    let reference = try table(repositoryRoot + "/Tests/KartlaggCLITests/Fixtures/rounds/changes-2027-2028.csv")
    #expect(reference.count == 1114)
    var tested: [String: [String: String]] = [:]
    for row in items where row["p_welch_change"] != "" { tested[row["scope_id"]! + " " + row["item"]!] = row }
    #expect(tested.count == reference.count)
    let columns = [
      "n_change", "current_mean_change", "desired_mean_change", "gap_mean_change", "gap_mean_change_ci_low",
      "gap_mean_change_ci_high", "p_welch_change", "p_change_adjusted",
    ]
    for expected in reference {
      let key = expected["scope_id"]! + " " + expected["item"]!
      guard let row = tested[key] else {
        Issue.record("\(key): no tested change in the report")
        continue
      }
      for column in columns { close(row[column], expected[column], key + " " + column) }
      #expect(row["change_significant"] == expected["change_significant"], "\(key)")
    }

    // The lenses, county-wide: each group's change and counts from the reference's items.
    let survey = try SurveyLoader.load(path: countySurvey)
    func members(_ group: String) -> [String] {
      survey.sections.flatMap { section in
        section.items.filter { item in
          group == "section/" + section.id || item.tags["prioriterad_grupp"]?.contains(group) == true
        }.map(\.id)
      }
    }
    for (group, type, id) in [
      ("section/motesplatser", "section", "motesplatser"), ("komplexa_behov", "prioriterad_grupp", "komplexa_behov"),
    ] {
      let rows = reference.filter { $0["scope_id"] == "county" && members(group).contains($0["item"]!) }
      let changes = rows.map { Double($0["gap_mean_change"]!)! }
      let row = try #require(
        sections.first { $0["scope"] == "Kalmar län" && $0["group_type"] == type && $0["group"] == id })
      #expect(row["items_compared"] == String(rows.count))
      close(row["gap_mean_change"], String(changes.reduce(0, +) / Double(changes.count)), group)
      let significant = rows.filter { $0["change_significant"] == "true" }
      #expect(row["smaller"] == String(significant.filter { $0["gap_mean_change"]!.hasPrefix("-") }.count))
      #expect(row["larger"] == String(significant.filter { !$0["gap_mean_change"]!.hasPrefix("-") }.count))
    }
    // 2028 raised the current state of every item of this priority group: all 16 gaps are
    // smaller county-wide, 6 of them significantly on these four files' respondents (all 16
    // on the county's 13 files). Counted in scipy's output:
    //
    //     python3 -c "import csv, yaml
    //     s = yaml.safe_load(open('Surveys/kalmar-primarvard.yaml'))
    //     k = [i['id'] for c in s['sections'] for i in c['items']
    //          if 'komplexa_behov' in str(i.get('tags', {}).get('prioriterad_grupp', ''))]
    //     r = [r for r in csv.DictReader(open('Tests/KartlaggCLITests/Fixtures/rounds/changes-2027-2028.csv'))
    //          if r['scope_id'] == 'county' and r['item'] in k]
    //     print(len(r), sum(float(x['gap_mean_change']) < 0 for x in r),
    //           sum(float(x['gap_mean_change']) < 0 and x['change_significant'] == 'true' for x in r))"
    //     16 16 6
    let complex = items.filter {
      $0["scope_id"] == "county" && $0["p_welch_change"] != "" && members("komplexa_behov").contains($0["item"]!)
    }
    #expect(complex.count == 16 && complex.allSatisfy { $0["gap_mean_change"]!.hasPrefix("-") })
    #expect(
      sections.first { $0["scope"] == "Kalmar län" && $0["group"] == "komplexa_behov" }?["smaller"] == "6")

    // What 2027 was built with, found in its report.
    let (earlier, _) = try await report("2027")
    let county = earlier.filter { $0["scope_id"] == "county" }
    for row in county where row["item"]!.hasPrefix("mote_") {
      #expect(row["change_significant"] == "true" && row["gap_mean_change"]!.hasPrefix("-"), "\(row["item"]!)")
    }
    // (`res_tid`'s shift of 2027, found on the county's 13 files, is not on these four: its
    // county-wide gap change is +0.04, p = 0.83, as the round's draws fall.)
    // The county page shows the lenses' follow-up, each group's line over three rounds.
    let page = try String(contentsOfFile: folder + "/2028/index.html", encoding: .utf8)
    #expect(page.contains("<h3>Förändring per avsnitt och område sedan förra omgången</h3>"))
    #expect(page.contains("aria-label=\"Gapet per omgång: 2026 "))
    // And each level's: its items compared and their significant changes, counted in the
    // reference's output.
    for (value, label) in [("mikro", "Mikro"), ("meso", "Meso"), ("makro", "Makro")] {
      let rows = reference.filter { $0["scope_id"] == "county/niva/" + value }
      let smaller = rows.filter { $0["change_significant"] == "true" && $0["gap_mean_change"]!.hasPrefix("-") }.count
      let larger = rows.filter { $0["change_significant"] == "true" && !$0["gap_mean_change"]!.hasPrefix("-") }.count
      let row = try #require(
        page.components(separatedBy: "<tr><th scope=\"row\">Nivå: \(label)</th>").dropFirst().first?
          .components(separatedBy: "</tr>").first)
      #expect(
        row.hasSuffix(
          "<td data-label=\"Påståenden jämförda\" class=\"num\">\(rows.count)</td><td data-label=\"Säkerställt mindre gap (▼)\" class=\"num\">\(smaller)</td><td data-label=\"Säkerställt större gap (▲)\" class=\"num\">\(larger)</td>"
        ),
        "\(label): \(row)")
    }
    // That the earlier rounds' figures kept at import give the same report as the rounds
    // analysed again from their tallies is RoundNamingTests.theThreeRoundsNameThemselves's
    // (on two files a round: a third report of the county here cost some 8 s of CPU).
  }

  /// A round imported with an item more than the round before: the later report says the
  /// item is new and compares the others.
  @Test func itemsARoundLacksAreNamed() async throws {
    let (folder, store) = try freshStore("store-added")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // The mini survey (MiniSurvey) without its item b for 2025, with it for 2026; the first
    // export both times. (It was three of the county's examples, with and without
    // behov_komplexa: 7.6 s of CPU.)
    let item = [
      "- id: b", "  text: Vi delar information", "  scale: instamning", "  current: { column: b_nu }",
      "  desired: { column: b_onskat }",
    ].map { "      " + $0 + "\n" }.joined()
    let smaller = try MiniSurvey(in: folder + "/smaller", replacing: [(item, "")])
    let mini = try MiniSurvey(in: folder + "/mini")
    let first = await Runs.importRound(survey: smaller.survey, round: "2025", inputs: [mini.a], store: store)
    #expect(first.exitCode != 1, "\(first.lines.suffix(3))")
    let second = await Runs.importRound(survey: mini.survey, round: "2026", inputs: [mini.a], store: store)
    #expect(second.exitCode == 0, "\(second.lines.suffix(3))")
    let report = await Runs.report(miniReport(mini.survey, [], round: "2026", store: store, to: folder + "/out"))
    #expect(report.exitCode == 0, "\(report.lines.suffix(3))")
    let county = try String(contentsOfFile: folder + "/out/index.html", encoding: .utf8)
    #expect(county.contains("<li>Nya sedan förra omgången: Vi delar information</li>"))
    // The other item is compared: in the follow-up table, not only in the sections.
    let section = try #require(county.components(separatedBy: "<section id=\"uppfoljning\">").last)
      .components(separatedBy: "</section>")[0]
    #expect(section.contains("<th scope=\"row\">Vi möts regelbundet</th>"))
    #expect(!section.contains("<th scope=\"row\">Vi delar information"))
  }

  /// `--keep-comments`: the free text goes into the comment table and nowhere else (not
  /// into a tally), a report from the store with `--include-comments` is the same, byte
  /// for byte, as the one from the files, and `delete --comments` leaves no comment's
  /// bytes in the file. A file imported first without its comments gets them later.
  /// The mini survey's two exports and a third with a rejected row (M-30's municipality
  /// misspelt), as reportFromTheStoreIsTheSame: every file's comments are counted all the
  /// same, and a report of it costs a fraction of one on the county survey.
  @Test func keptCommentsAreApartAndRemovable() async throws {
    let (folder, store) = try freshStore("store-comments")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (mini, inputs) = try miniWithARejectedRow(in: folder)
    let text = Data("Fritext M-7, inte en siffra".utf8)
    // The first file first without, then with its comments.
    _ = await Runs.importRound(survey: mini.survey, round: "2026", inputs: [mini.a], store: store, language: .en)
    #expect(try RoundStore.open(at: store).comments(round: "2026").isEmpty)
    let again = await Runs.importRound(
      survey: mini.survey, round: "2026", inputs: [mini.a], store: store, language: .en, keepComments: true)
    #expect(
      again.lines.contains(
        "mini-a.csv: already imported into round 2026 with the same content; its comments are now kept too"))
    let imported = await Runs.importRound(
      survey: mini.survey, round: "2026", inputs: inputs, store: store, language: .en, keepComments: true)
    #expect(imported.exitCode == 2, "\(imported.lines.suffix(3))")
    // The first file's comments were kept already: the other two files bring theirs.
    let comments = try RoundStore.open(at: store).comments(round: "2026")
    let stored = try #require(try RoundStore.open(at: store).round("2026"))
    // By the export's construction (MiniSurvey.export): every respondent's d is filled in,
    // 15 a file; the third's rejected row (M-30) keeps none: 15, 15 and 14.
    #expect(stored.files.first { $0.name == "mini-a.csv" }?.commentCount == 15)
    #expect(stored.files.first { $0.name == "mini-b.csv" }?.commentCount == 15)
    #expect(stored.files.first { $0.name == "mini-c.csv" }?.commentCount == 14)
    #expect(stored.files.reduce(0) { $0 + $1.commentCount } == comments.count && comments.count == 15 + 15 + 14)
    #expect(
      imported.lines.last
        == "\(comments.count - 15) comments (free text) kept in the store, apart from the figures; remove them with `kartlagg delete --comments`"
    )
    let bytes = try #require(FileManager.default.contents(atPath: store))
    #expect(bytes.range(of: text) != nil)
    #expect(stored.files.allSatisfy { Data($0.tally).range(of: Data("Fritext".utf8)) == nil })

    var fromFiles = miniReport(mini.survey, inputs, to: folder + "/files")
    fromFiles.includeComments = true
    #expect(await Runs.report(fromFiles).exitCode == 2)
    var fromStore = miniReport(mini.survey, [], round: "2026", store: store, to: folder + "/store")
    fromStore.includeComments = true
    #expect(await Runs.report(fromStore).exitCode == 0)
    let a = try published(folder + "/files", comparable: true)
    #expect(a == (try published(folder + "/store", comparable: true)))
    #expect(a["index.html"].map { $0.range(of: text) != nil } == true)

    let deleted = await Runs.deleteComments(round: nil, store: store, language: .en)
    #expect(deleted.lines.last?.hasPrefix("deleted \(comments.count) comments") == true && deleted.exitCode == 0)
    #expect(try RoundStore.open(at: store).comments(round: "2026").isEmpty)
    let after = try #require(FileManager.default.contents(atPath: store))
    #expect(after.range(of: text) == nil)
    #expect(after.range(of: Data("Fritext M-44, inte en siffra".utf8)) == nil)
    // The figures stay: the report from the store is still the one from the files.
    fromFiles.includeComments = false
    fromStore.includeComments = false
    _ = await Runs.report(fromStore)
    _ = await Runs.report(fromFiles)
    #expect(
      (try published(folder + "/files", comparable: true)) == (try published(folder + "/store", comparable: true)))
  }

  /// A store of the first format (migration v1 only, as kartlagg wrote it before comments
  /// could be kept) opens, gains the comment, figures and publication tables and the file's import date (format 7), and
  /// keeps its rounds.
  @Test func aFirstFormatStoreIsMigrated() throws {
    let folder = try temporaryDirectory("store-v1")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/" + RoundStore.fileName
    // The v1 schema of docs/store.md, as GRDB wrote it (grdb_migrations holds "v1").
    let schema = """
      CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
      INSERT INTO grdb_migrations VALUES ('v1');
      CREATE TABLE store (format INTEGER NOT NULL);
      INSERT INTO store VALUES (1);
      CREATE TABLE round (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, survey_id TEXT NOT NULL,
        survey_sha256 TEXT NOT NULL, survey_definition TEXT NOT NULL);
      CREATE TABLE file (id INTEGER PRIMARY KEY AUTOINCREMENT,
        round_id INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE, name TEXT NOT NULL, sha256 TEXT NOT NULL,
        size INTEGER NOT NULL, encoding TEXT, delimiter TEXT, header_lines TEXT NOT NULL, read INTEGER NOT NULL,
        accepted INTEGER NOT NULL, rejected INTEGER NOT NULL, problems INTEGER NOT NULL, municipality TEXT,
        rejected_reasons TEXT NOT NULL, accepted_per_municipality TEXT NOT NULL, tally BLOB NOT NULL,
        UNIQUE (round_id, name));
      INSERT INTO round VALUES (1, '2025', 'kalmar-primarvard', 'x', 'kartlagg: 1');
      """
    _ = try sqlite(path, schema)
    #expect(try sqlite(path, "SELECT format FROM store;") == "1\n")
    let store = try RoundStore.open(at: path)
    #expect(try store.roundNames() == ["2025"])
    #expect(try store.comments(round: "2025").isEmpty)
    #expect(try sqlite(path, "SELECT format FROM store;") == "11\n")
  }

  /// SHA-256's published test vector (FIPS 180-2, appendix B.1): "abc".
  @Test func sha256OfABC() {
    #expect(
      RoundStore.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  /// A file that is no store, someone else's database, or a store of a newer kartlagg:
  /// each a clear error, and the file is left as it was.
  @Test func refusesWhatIsNotItsStore() throws {
    let folder = try temporaryDirectory("store-foreign")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let garbage = folder + "/garbage.sqlite"
    try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: garbage))
    #expect(throws: RoundStore.Failure.self) { try RoundStore.open(at: garbage) }
    #expect(FileManager.default.contents(atPath: garbage) == Data(repeating: 0x41, count: 4096))

    let foreign = folder + "/foreign.sqlite"
    _ = try sqlite(foreign, "CREATE TABLE t(x);")
    do {
      _ = try RoundStore.open(at: foreign)
      Issue.record("a foreign database was opened")
    } catch {
      #expect(error.description.hasSuffix("is an SQLite file, but not a kartlagg store"))
    }

    let newer = folder + "/newer.sqlite"
    _ = try RoundStore.create(at: newer)
    _ = try sqlite(newer, "UPDATE store SET format = 12; INSERT INTO grdb_migrations VALUES ('v12');")
    do {
      _ = try RoundStore.open(at: newer)
      Issue.record("a newer store was opened")
    } catch {
      #expect(error.description.contains("was written by a newer kartlagg (store format 12, this one reads 11)"))
    }
  }
}

/// Two imports at once: the store is always one whole state, never a mix (killed imports:
/// KilledRunTests).
@Suite struct RoundStoreFaultTests {
  /// Two imports of different versions at once: both finish, one after the other, and the
  /// round holds one whole version. The mini survey's two exports (MiniSurvey), and the
  /// same two each with one more (blank) line at its end.
  @Test func concurrentImportsTakeTurns() throws {
    let folder = try temporaryDirectory("store-concurrent")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = folder + "/" + RoundStore.fileName
    _ = try RoundStore.create(at: store)
    let mini = try MiniSurvey(in: folder)
    try FileManager.default.createDirectory(atPath: folder + "/corrected", withIntermediateDirectories: true)
    let corrected = [mini.a, mini.b].map { folder + "/corrected/" + ($0 as NSString).lastPathComponent }
    for (file, copy) in zip([mini.a, mini.b], corrected) {
      try (try Data(contentsOf: URL(fileURLWithPath: file)) + Data([0x0A])).write(to: URL(fileURLWithPath: copy))
    }
    let a = try startKartlagg(["import", "--survey", mini.survey, "--round", "2026", "--store", store, mini.a, mini.b])
    let b = try startKartlagg(["import", "--survey", mini.survey, "--round", "2026", "--store", store] + corrected)
    a.waitUntilExit()
    b.waitUntilExit()
    #expect(a.terminationStatus == 0 && b.terminationStatus == 0)
    let files = try #require(try RoundStore.open(at: store).round("2026")?.files)
    // 15 + 15 respondents (MiniSurvey.export), every row accepted.
    #expect(files.count == 2 && files.reduce(0) { $0 + $1.accepted } == 30)
    // All of one version: the files' hashes are all the originals' or all the corrected ones'.
    var examples: [String] = []
    for f in files {
      let original = try #require(FileManager.default.contents(atPath: folder + "/" + f.name))
      examples.append(RoundStore.sha256(original))
    }
    let stored = files.map(\.sha256)
    #expect(stored == examples || Set(stored).isDisjoint(with: examples))
  }
}
