import Foundation
import KartlaggCLI
import LibCSV
import RoundStore
import TestSurveys
import Testing

/// What a report publishes is recorded, and nothing hidden comes back through a later
/// round's follow-up, a second publication of the same round, or a baseline of the same
/// round (issue 21). The `mini` survey (Kalmar, Högsby, Mörbylånga; minimum 5) on small
/// exports written here.
@Suite struct PublicationStoreTests {
  /// An export of the mini survey: per municipality, organisation and count, respondents
  /// whose answers vary with their number.
  static func export(_ groups: [(String, String, Int)], extra: Int = 0, desiredB: Int = 5) -> String {
    var lines = ["respondent_id,kommun,organisation,a_nu,a_onskat,b_nu,b_onskat,c,d"]
    var i = 0
    for (municipality, organisation, n) in groups {
      for _ in 0..<n {
        i += 1
        lines.append("R\(i),\(municipality),\(organisation),\(1 + i % 4),\(2 + i % 4),\(1 + i % 3),\(desiredB),Ja,")
      }
    }
    for k in 0..<extra { lines.append("L\(k),Kalmar,Kommun,1,5,1,5,Nej,") }
    return lines.joined(separator: "\n") + "\n"
  }

  static let county = [
    ("Kalmar", "Region", 8), ("Kalmar", "Kommun", 9), ("Högsby", "Kommun", 4), ("Mörbylånga", "Region", 6),
    ("Mörbylånga", "Kommun", 7),
  ]

  struct Workspace {
    let folder: String
    var store: String { folder + "/" + RoundStore.fileName }

    init(_ name: String) throws {
      folder = try temporaryDirectory(name)
      _ = try RoundStore.create(at: store)
    }

    func write(_ path: String, _ text: String) throws -> String {
      let full = folder + "/" + path
      try FileManager.default.createDirectory(
        atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: full, atomically: true, encoding: .utf8)
      return full
    }

    func survey(minimum: Int) throws -> String {
      try write(
        "mini-\(minimum).yaml",
        TestSurveys.mini.replacingOccurrences(of: "min_group_size: 5", with: "min_group_size: \(minimum)"))
    }

    func report(_ round: String, survey: String, to output: String, minimum: Int? = nil, draft: Bool = false) async
      -> RunOutcome
    {
      var request = Runs.ReportRequest(survey: survey, inputs: [])
      request.output = folder + "/" + output
      request.round = round
      request.store = store
      request.minimumGroupSize = minimum
      request.draft = draft
      return await Runs.report(request)
    }

    /// items.csv of a report: (scope_id, item) → its row.
    func items(_ output: String) throws -> [String: [String: String]] {
      let reader = try CSVReader(path: folder + "/" + output + "/csv/items.csv")
      var header: [String] = []
      var rows: [String: [String: String]] = [:]
      try reader.forEachRecord { record in
        let cells = record.strings()
        if header.isEmpty {
          header = cells
          return
        }
        let row = Dictionary(uniqueKeysWithValues: zip(header, cells))
        rows[row["scope_id"]! + " " + row["item"]!] = row
      }
      return rows
    }
  }

  /// Round 2026 imported with a minimum of 5, round 2027 with a definition whose minimum is
  /// 3; Högsby has 4 respondents in each. Reported with `--min-group 3`, the follow-up never
  /// shows 2026's Högsby: an earlier round is read as it was published, at its own minimum.
  @Test func anEarlierRoundKeepsItsOwnMinimum() async throws {
    let w = try Workspace("publication-minimum")
    defer { try? FileManager.default.removeItem(atPath: w.folder) }
    let five = try w.survey(minimum: 5)
    let three = try w.survey(minimum: 3)
    let data2026 = try w.write("2026/alla.csv", Self.export(Self.county))
    // 2027's own answers (b desired 4, not 5): not 2026's rows again.
    let data2027 = try w.write("2027/alla.csv", Self.export(Self.county, extra: 1, desiredB: 4))
    #expect(await Runs.importRound(survey: five, round: "2026", inputs: [data2026], store: w.store).exitCode == 0)
    #expect(await Runs.importRound(survey: three, round: "2027", inputs: [data2027], store: w.store).exitCode == 0)
    for minimum in [nil, 3] as [Int?] {
      let outcome = await w.report("2027", survey: three, to: "R\(minimum ?? 0)", minimum: minimum)
      #expect(outcome.exitCode == 0, "\(outcome.lines)")
      let items = try w.items("R\(minimum ?? 0)")
      // 2027's Högsby (4 ≥ 3) is shown; 2026's (4 < 5) is not, so there is no change.
      let hogsby = try #require(items["0821 a"])
      #expect(hogsby["n"] == "4")
      #expect(hogsby["n_change"] == "" && hogsby["gap_mean_change"] == "", "\(hogsby)")
      #expect(items["0880 a"]?["n_change"] == "1")
      let page = try String(contentsOfFile: w.folder + "/R\(minimum ?? 0)/kommun/hogsby.html", encoding: .utf8)
      #expect(!page.contains("Gapet per omgång: 2026"))
    }
    // A report may raise the minimum, never lower it.
    let lower = await w.report("2027", survey: five, to: "R-lower", minimum: 3)
    #expect(lower.exitCode == 64)
    #expect(lower.lines.contains { $0.contains("--min-group 3 är mindre än enkätens min_group_size 5") })
    #expect(!FileManager.default.fileExists(atPath: w.folder + "/R-lower"))
  }

  /// Every report of a stored round is recorded (a draft is not, and says so on every page
  /// and in its CSV files); a late respondent after a publication moves no shown figure by
  /// 1 … 4: checked by differencing the two items.csv files, as an attacker would.
  @Test func aRepublishedRoundIsProtectedWithTheFirst() async throws {
    let w = try Workspace("publication-republished")
    defer { try? FileManager.default.removeItem(atPath: w.folder) }
    let survey = try w.survey(minimum: 5)
    let first = try w.write("exports/alla.csv", Self.export(Self.county))
    #expect(await Runs.importRound(survey: survey, round: "2026", inputs: [first], store: w.store).exitCode == 0)

    let draft = await w.report("2026", survey: survey, to: "Utkast", draft: true)
    #expect(draft.exitCode == 0)
    #expect(try RoundStore.open(at: w.store).publications(round: "2026").isEmpty)
    let draftPage = try String(contentsOfFile: w.folder + "/Utkast/index.html", encoding: .utf8)
    #expect(draftPage.contains("Utkast – får inte spridas"))
    // The printed page header, as CSS escapes every character but letters, digits and spaces.
    #expect(draftPage.contains(#"@page{@top-left{content:"Utkast \2013  f\e5 r inte spridas \b7  "#))
    #expect(try w.items("Utkast").values.allSatisfy { $0["draft"] == "true" && $0["round"] == "2026" })

    let one = await w.report("2026", survey: survey, to: "R1")
    #expect(one.lines.contains { $0.hasPrefix("publiceringen av omgång 2026 är registrerad i lagret") })
    let records = try RoundStore.open(at: w.store).publications(round: "2026")
    #expect(records.count == 1 && records[0].minimumGroupSize == 5)
    #expect(records[0].respondents["county"] == 34 && records[0].respondents["0880"] == 17)
    #expect(records[0].respondents["0821"] == nil)
    #expect(try w.items("R1").values.allSatisfy { $0["draft"] == "false" && $0["round"] == "2026" })

    // One late respondent in Kalmar: the same file again with one more row.
    _ = try w.write("exports/alla.csv", Self.export(Self.county, extra: 1))
    #expect(await Runs.importRound(survey: survey, round: "2026", inputs: [first], store: w.store).exitCode == 0)
    let two = await w.report("2026", survey: survey, to: "R2")
    #expect(two.exitCode == 0)
    #expect(two.lines.contains { $0.hasPrefix("dolt eftersom de ändrats med färre än 5 svarande sedan rapporten") })
    let (a, b) = (try w.items("R1"), try w.items("R2"))
    var compared = 0
    for (key, row) in b where row["n"] != "" {
      guard let before = a[key]?["n"], let n1 = Int(before), let n2 = Int(row["n"]!) else { continue }
      compared += 1
      #expect(n2 == n1 || abs(n2 - n1) >= 5, "\(key): \(n1) then \(n2)")
    }
    #expect(compared > 0)
    let page = try String(contentsOfFile: w.folder + "/R2/index.html", encoding: .utf8)
    #expect(page.contains("<section id=\"dolt\" class=\"held-back\"><h2>Dolt sedan förra rapporten av omgången</h2>"))
    #expect(try RoundStore.open(at: w.store).publications(round: "2026").count == 2)
  }

  /// Respondents shared by two rounds, so that 2027's figures minus 2026's show a group of
  /// 1 … 4 (docs/statistics.md, "Respondents shared by two rounds"): not published, whichever
  /// round is reported, however the rows were moved, changed or deleted since; a draft is
  /// written with a warning, and shows why (Kalmar's n_change of 1). Rounds that share no
  /// one, or differ by a whole group of 5 or more, publish. The variants are the ones a
  /// read of the first fix got through (exact file containment).
  @Test func aFileFromAnotherRoundIsNotPublished() async throws {
    let late = Self.export(Self.county, extra: 1)
    func imported(_ name: String, _ rounds: [(String, [(String, String)])]) async throws -> (Workspace, String) {
      let w = try Workspace("publication-repeat-" + name)
      let survey = try w.survey(minimum: 5)
      for (round, files) in rounds {
        let paths = try files.map { try w.write(round + "/" + $0.0, $0.1) }
        let outcome = await Runs.importRound(survey: survey, round: round, inputs: paths, store: w.store)
        #expect(outcome.exitCode == 0, "\(outcome.lines)")
      }
      return (w, survey)
    }
    let said =
      "omgång 2027 har 34 svarande gemensamt med omgång 2026: samma svar, de flesta i alla.csv."
      + " Ur omgångarnas siffror tillsammans kunde svaren från 1 svarande i Kalmar räknas fram. "
    // The rounds imported, then `round` reported: refused, with a line that `says`.
    func expectRefused(
      _ name: String, _ rounds: [(String, [(String, String)])], round: String = "2027", says: (String) -> Bool
    ) async throws {
      let (w, survey) = try await imported(name, rounds)
      defer { try? FileManager.default.removeItem(atPath: w.folder) }
      let refused = await w.report(round, survey: survey, to: "R" + round)
      #expect(refused.exitCode == 1)
      let found = refused.lines.contains(where: says)
      #expect(found, "\(refused.lines)")
    }

    // Last year's export again with one late row: neither round publishes; a draft warns.
    do {
      let (w, survey) = try await imported(
        "late", [("2026", [("alla.csv", Self.export(Self.county))]), ("2027", [("alla.csv", late)])])
      defer { try? FileManager.default.removeItem(atPath: w.folder) }
      let refused = await w.report("2027", survey: survey, to: "R2027")
      #expect(refused.exitCode == 1)
      #expect(
        refused.lines.contains {
          $0 == "error: " + said + "Ingen rapport publiceras. Är alla.csv en tidigare omgångs svar, importera"
            + " omgångens egen export i stället (under samma filnamn, så ersätts den gamla)."
        }, "\(refused.lines)")
      #expect(!FileManager.default.fileExists(atPath: w.folder + "/R2027"))
      #expect(try RoundStore.open(at: w.store).publications(round: "2027").isEmpty)
      let earlier = await w.report("2026", survey: survey, to: "R2026")
      #expect(earlier.exitCode == 1)
      #expect(earlier.lines.contains { $0.hasPrefix("error: omgång 2026 har 34 svarande gemensamt med omgång 2027") })
      let draft = await w.report("2027", survey: survey, to: "Utkast", draft: true)
      #expect(draft.exitCode == 0)
      #expect(
        draft.lines.contains {
          $0 == "varning: " + said + "Utkastet skrivs, men omgången kan inte publiceras med de svaren."
        })
      #expect(try w.items("Utkast")["0880 a"]?["n_change"] == "1")
      // Where it is, not to be spread (a publication's folder "may be shared").
      #expect(draft.lines.contains { $0.hasSuffix("/Utkast/index.html (utkast: mappen får inte spridas)") })
      // In English.
      var english = Runs.ReportRequest(survey: survey, inputs: [])
      (english.output, english.round, english.store, english.language) = (w.folder + "/E", "2027", w.store, .en)
      #expect(
        await Runs.report(english).lines.contains {
          $0.hasPrefix("error: round 2027 has 34 respondents in common with round 2026: the same answers")
            && $0.contains(
              "From the rounds' figures together the answers of 1 respondent in Kalmar could be worked out")
        })
    }

    // One answer of one kept row changed, no row added (respondent 3, Kalmar's region: b 1 → 2):
    // the rounds differ by that respondent's old and new answers.
    do {
      let changed = Self.export(Self.county).replacingOccurrences(
        of: "\nR3,Kalmar,Region,4,5,1,5,Ja,\n", with: "\nR3,Kalmar,Region,4,5,2,5,Ja,\n")
      #expect(changed != Self.export(Self.county))
      try await expectRefused(
        "changed", [("2026", [("alla.csv", Self.export(Self.county))]), ("2027", [("alla.csv", changed)])]
      ) { $0.contains("kunde svaren från 2 svarande i Kalmar räknas fram") }
    }

    // The rows moved between files, the late one in a file of its own, every row's id new.
    do {
      let rows = late.split(separator: "\n").map(String.init)
      let header = rows[0]
      let kalmar = rows.dropFirst().filter { $0.contains(",Kalmar,") }.map { "N" + $0 }
      let others = rows.dropFirst().filter { !$0.contains(",Kalmar,") }.map { "N" + $0 }
      try await expectRefused(
        "moved",
        [
          ("2026", [("alla.csv", Self.export(Self.county))]),
          (
            "2027",
            [
              ("kalmar.csv", ([header] + kalmar.dropLast()).joined(separator: "\n") + "\n"),
              ("ovriga.csv", ([header] + others + [kalmar.last!]).joined(separator: "\n") + "\n"),
            ]
          ),
        ]
      ) { $0.contains("kunde svaren från 1 svarande i Kalmar räknas fram") }
    }

    // Every row's organisation swapped (region ↔ kommun), and the late row: no respondent is
    // in the same group as last year, but Kalmar's figures still differ by the late one.
    do {
      let swapped = late.replacingOccurrences(of: ",Region,", with: ",TMP,")
        .replacingOccurrences(of: ",Kommun,", with: ",Region,").replacingOccurrences(of: ",TMP,", with: ",Kommun,")
      try await expectRefused(
        "swapped", [("2026", [("alla.csv", Self.export(Self.county))]), ("2027", [("alla.csv", swapped)])]
      ) {
        $0.hasPrefix("error: omgång 2027 har 34 svarande gemensamt med omgång 2026")
          && $0.contains("kunde svaren från 1 svarande i Kalmar räknas fram")
      }
    }

    // 2026 published, then its file deleted from the store: its publication still counts.
    do {
      let (w, survey) = try await imported("deleted", [("2026", [("alla.csv", Self.export(Self.county))])])
      defer { try? FileManager.default.removeItem(atPath: w.folder) }
      #expect(await w.report("2026", survey: survey, to: "R2026").exitCode == 0)
      #expect(await Runs.deleteFromStore(round: "2026", file: "alla.csv", store: w.store).exitCode == 0)
      let path = try w.write("2027/alla.csv", late)
      #expect(await Runs.importRound(survey: survey, round: "2027", inputs: [path], store: w.store).exitCode == 0)
      let refused = await w.report("2027", survey: survey, to: "R2027")
      #expect(refused.exitCode == 1)
      #expect(
        refused.lines.contains {
          $0.hasPrefix("error: omgång 2027 har 34 svarande gemensamt med omgång 2026 (som den publicerades 20")
        }, "\(refused.lines)")
      // Deleting the published round whole deletes its prints too, and says so; then
      // nothing is left to compare with (docs/statistics.md, "What cannot be guaranteed").
      let deleted = await Runs.deleteFromStore(round: "2026", file: nil, store: w.store)
      #expect(
        deleted.lines.contains { $0.hasPrefix("varning: omgång 2026 var publicerad (senast 20") }, "\(deleted.lines)")
      #expect(await w.report("2027", survey: survey, to: "R2027").exitCode == 0)
    }

    // 2026's file less a whole group of 7 (Mörbylånga's kommun): the rounds differ by 7,
    // but each hides Högsby's 4 behind a scope that the other shows: together they give
    // Högsby's 4 away.
    do {
      let fewer = Self.export(Array(Self.county.dropLast()))
      try await expectRefused(
        "fewer", [("2026", [("alla.csv", Self.export(Self.county))]), ("2027", [("alla.csv", fewer)])]
      ) { $0.contains("kunde svaren från 4 svarande i Högsby räknas fram") }
    }

    // Three rounds: Kalmar's region (8) in 2026, the rest (26) in 2027, and 2028 both of
    // them again with one late respondent. 2028 differs from each by at least 9; from the
    // two together by 1.
    do {
      let rows = late.split(separator: "\n").map(String.init)
      let header = rows[0]
      let region = rows.dropFirst().filter { $0.contains(",Kalmar,Region,") }
      let rest = rows.dropFirst().filter { !$0.contains(",Kalmar,Region,") && !$0.hasPrefix("L0,") }
      try await expectRefused(
        "three",
        [
          ("2026", [("region.csv", ([header] + region).joined(separator: "\n") + "\n")]),
          ("2027", [("ovriga.csv", ([header] + rest).joined(separator: "\n") + "\n")]), ("2028", [("alla.csv", late)]),
        ], round: "2028"
      ) { $0.hasPrefix("error: omgång 2028 har ") && $0.contains("kunde svaren från 1 svarande i Kalmar räknas fram") }
    }

    // Honest rounds that by chance share one respondent's answers (a late paper answer of
    // one item, in both), where 2026 had no Högsby and 2027 has 4 there: 2027 hides
    // Högsby and whatever would give it away, so the rounds' difference there (4) cannot be
    // seen, and both publish. (Counting every scope of 5 or more as shown, as the first
    // version did, refused them.)
    do {
      let paper = "respondent_id,kommun,organisation,a_nu,a_onskat,b_nu,b_onskat,c,d\nP1,Kalmar,Kommun,,,3,,,\n"
      let noHogsby = Self.export(Self.county.filter { $0.0 != "Högsby" })
      let (w, survey) = try await imported(
        "chance",
        [
          ("2026", [("alla.csv", noHogsby), ("papper.csv", paper)]),
          ("2027", [("alla.csv", Self.export(Self.county, desiredB: 4)), ("papper.csv", paper)]),
        ])
      defer { try? FileManager.default.removeItem(atPath: w.folder) }
      for round in ["2027", "2026"] {
        let published = await w.report(round, survey: survey, to: "R" + round)
        #expect(published.exitCode == 0, "\(round): \(published.lines)")
      }
    }

    // 2027's own answers (b desired 4 where 2026 had 5) and one late paper answer in a file
    // of its own: no one in common, both publish.
    do {
      let own = Self.export(Self.county, desiredB: 4)
      let paper = "respondent_id,kommun,organisation,a_nu,a_onskat,b_nu,b_onskat,c,d\nP1,Kalmar,Kommun,,,3,,,\n"
      let (w, survey) = try await imported(
        "own",
        [("2026", [("alla.csv", Self.export(Self.county))]), ("2027", [("alla.csv", own), ("papper.csv", paper)])])
      defer { try? FileManager.default.removeItem(atPath: w.folder) }
      for round in ["2027", "2026"] {
        let published = await w.report(round, survey: survey, to: "R" + round)
        #expect(published.exitCode == 0, "\(round): \(published.lines)")
        #expect(try RoundStore.open(at: w.store).publications(round: round).count == 1)
      }
    }
  }

  /// A baseline of the same round from files is refused: kartlagg cannot protect two
  /// publications of the same people that it is only told about afterwards.
  @Test func aBaselineOfTheSameRoundIsRefused() async throws {
    let w = try Workspace("publication-baseline")
    defer { try? FileManager.default.removeItem(atPath: w.folder) }
    let survey = try w.survey(minimum: 5)
    let data = try w.write("exports/alla.csv", Self.export(Self.county))
    var request = Runs.ReportRequest(survey: survey, inputs: [data])
    request.output = w.folder + "/R1"
    #expect(await Runs.report(request).exitCode == 0)
    #expect(try w.items("R1")["county a"]?["round"] == "mini")
    _ = try w.write("exports/alla.csv", Self.export(Self.county, extra: 1))
    request.output = w.folder + "/R2"
    request.baseline = w.folder + "/R1/csv/items.csv"
    let outcome = await Runs.report(request)
    #expect(outcome.exitCode == 1)
    #expect(outcome.lines.contains { $0.contains("baslinjen är samma omgång som rapporten ('mini')") })
    #expect(!FileManager.default.fileExists(atPath: w.folder + "/R2"))
  }
}
