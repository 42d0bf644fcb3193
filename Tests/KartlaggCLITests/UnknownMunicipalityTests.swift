import Foundation
import KartlaggCLI
import LibCSV
import RoundStore
import Testing

/// A blank municipality cell (issue 23 point 7), end to end: the respondent counts in the
/// county and in "okänd kommun", in the accounting and in "Vilka svarade", in no
/// municipality's figures; `--strict` rejects the row as before; and a store written
/// before okänd kommun was a place (Fixtures/store-0.4, by kartlagg 0.4.0) still reports,
/// and takes new files beside its old tallies and its old publication.
@Suite struct UnknownMunicipalityTests {
  func table(_ path: String) throws -> [[String: String]] {
    var rows: [[String]] = []
    try CSVReader(path: path).forEachRecord { rows.append($0.strings()) }
    return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(rows[0], $0)) }
  }

  func request(_ inputs: [String], to output: String) -> Runs.ReportRequest {
    var request = Runs.ReportRequest(survey: countySurvey, inputs: inputs)
    request.output = output
    request.quiet = true
    return request
  }

  /// The examples: Hultsfred's line 18 has no municipality (Surveys/examples/README.md), a
  /// group of one, so hidden wherever it is published. Read from the county's one run
  /// (`CountyRun`).
  @Test func theExamplesCountHultsfredsBlankRow() throws {
    let run = try CountyRun.get()
    #expect(run.status == 2, "\(run.output.suffix(300))")
    let lines = run.output.components(separatedBy: "\n")
    #expect(
      lines.contains {
        $0.hasSuffix(
          "hultsfred.csv: UTF-8, avgränsare ',', rubrik på rad 1: 21 lästa, 21 godtagna, 0 avvisade, 0 svarsproblem, 1 utan kommun (i gruppen okänd kommun)"
        )
      },
      "\(lines.filter { $0.contains("hultsfred") })")
    let folder = run.folder
    let accounting = try table(folder + "-arbetsfiler/accounting.csv")
    let hultsfred = try #require(accounting.first { $0["file"]!.hasSuffix("hultsfred.csv") })
    #expect(hultsfred["accepted"] == "21" && hultsfred["rejected"] == "0" && hultsfred["unknown_municipality"] == "1")
    #expect(accounting.filter { $0["unknown_municipality"] != "0" }.count == 1)
    // Every paired item has a row for okänd kommun, suppressed (1 < 5).
    let items = try table(folder + "/csv/items.csv")
    let unknown = items.filter { $0["scope_type"] == "unknown_municipality" }
    #expect(!unknown.isEmpty && unknown.allSatisfy { $0["scope"] == "okänd kommun" && $0["suppressed"] == "true" })
    #expect(unknown.allSatisfy { $0["scope_id"] == "okänd_kommun" })
    // No page, no row against the county, no place in the heat map's municipalities.
    #expect(!FileManager.default.fileExists(atPath: folder + "/kommun/okand-kommun.html"))
    let pages = try FileManager.default.contentsOfDirectory(atPath: folder + "/kommun")
    #expect(pages.filter { $0.hasSuffix(".html") }.count == 12)
    let versus = try table(folder + "/csv/municipality_vs_county.csv")
    #expect(Set(versus.map { $0["municipality"]! }).count == 12)
    #expect(!versus.contains { $0["municipality"]!.contains("okänd") })
    // "Vilka svarade": its own row, hidden (–).
    let index = try String(contentsOfFile: folder + "/index.html", encoding: .utf8)
    #expect(index.contains("<tr><th scope=\"row\">Okänd kommun (kommunen ej ifylld)</th><td class=\"num\">–</td>"))
  }

  @Test func strictRejectsTheBlankRow() async throws {
    let folder = try temporaryDirectory("okand-strict")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var strict = request([repositoryRoot + "/Surveys/examples/hultsfred.csv"], to: folder + "/R")
    strict.strict = true
    let outcome = await Runs.report(strict)
    #expect(outcome.exitCode == 1)
    #expect(outcome.files.map(\.accepted) == [20] && outcome.files.map(\.rejected) == [1])
    #expect(
      outcome.lines.contains {
        $0.hasSuffix("hultsfred.csv:18:2: error: kommun saknas; fyll i kommunens namn eller kod")
      })
    #expect(!FileManager.default.fileExists(atPath: folder + "/R"))
  }

  /// The 0.4 store's round 2026 (Torsås 15, Högsby 14, the county-wide 16, Kalmar 63 of 65:
  /// 108 respondents) reported by today's kartlagg: the same tables as today's report from
  /// those four files. Then Emmaboda's export with the municipality of its first six
  /// respondents (EMM-1001 … EMM-1006) blanked is imported into it: 22 Emmaboda and 6 okänd kommun,
  /// 136 respondents in all.
  ///
  /// The county survey's grid (issue 25, point 2) came after that store too: its
  /// vocabularies are not part of the figure identity, so the round reports with the
  /// agreements as a grid (once GridStoreTests, a report of its own of the same round).
  @Test func aStoreOfTheLayoutBeforeStillReportsAndTakesNewFiles() async throws {
    let folder = try temporaryDirectory("okand-store")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = folder + "/" + RoundStore.fileName
    try FileManager.default.copyItem(
      atPath: repositoryRoot + "/Tests/KartlaggCLITests/Fixtures/store-0.4/kartlagg.sqlite", toPath: store)
    func stored(_ output: String) -> Runs.ReportRequest {
      var r = request([], to: folder + "/" + output)
      r.round = "2026"
      r.store = store
      return r
    }
    let before = await Runs.report(stored("before"))
    // The stored round's rows were rejected at its import: its report rejects none.
    #expect(before.exitCode == 0, "\(before.lines.suffix(3))")
    #expect(before.lines.contains { $0.hasPrefix("108 svarande från 4 filer") })
    let grid = try String(contentsOfFile: folder + "/before/index.html", encoding: .utf8)
    #expect(grid.contains("<section id=\"rutnat-overenskommelser\"><h2>Överenskommelser och arbetssätt</h2>"))
    #expect(grid.contains("<tr><th scope=\"row\">Hemsjukvårdsavtalet</th>"))
    let torsasGrid = try String(contentsOfFile: folder + "/before/kommun/torsas.html", encoding: .utf8)
    #expect(torsasGrid.contains("<section id=\"rutnat-overenskommelser\">"))
    let files = ["torsas", "hogsby", "lansovergripande", "kalmar"].map {
      repositoryRoot + "/Surveys/examples/\($0).csv"
    }
    #expect(await Runs.report(request(files, to: folder + "/files")).exitCode == 2)
    for name in ["items", "sections", "answers", "municipality_vs_county", "mellanrum", "priorities", "strengths"] {
      let a = try table(folder + "/before/csv/\(name).csv").map { $0.filter { !["round", "draft"].contains($0.key) } }
      let b = try table(folder + "/files/csv/\(name).csv").map { $0.filter { !["round", "draft"].contains($0.key) } }
      #expect(!a.isEmpty && a == b, "\(name).csv")
    }

    var emmaboda = try String(contentsOfFile: repositoryRoot + "/Surveys/examples/emmaboda.csv", encoding: .utf8)
    for i in 1...6 {
      let row = "\nEMM-100\(i),Emmaboda kommun,"
      #expect(emmaboda.components(separatedBy: row).count == 2)
      emmaboda = emmaboda.replacingOccurrences(of: row, with: "\nEMM-100\(i),,")
    }
    let blanked = folder + "/enkat-utan-kommun.csv"
    try emmaboda.write(toFile: blanked, atomically: true, encoding: .utf8)
    let imported = await Runs.importRound(survey: countySurvey, round: "2026", inputs: [blanked], store: store)
    #expect(imported.exitCode == 0, "\(imported.lines)")
    #expect(
      imported.lines.contains { $0.contains("28 lästa, 28 godtagna, 0 avvisade") && $0.contains("6 utan kommun") })

    let after = await Runs.report(stored("after"))
    #expect(after.exitCode == 0, "\(after.lines.suffix(3))")
    #expect(after.lines.contains { $0.hasPrefix("136 svarande från 5 filer") }, "\(after.lines.suffix(4))")
    let accounting = try table(folder + "/after-arbetsfiler/accounting.csv")
    let perFile = accounting.map {
      ((($0["file"] ?? "") as NSString).lastPathComponent, $0["unknown_municipality"] ?? "no such column")
    }
    #expect(perFile.filter { $0.1 != "0" }.map(\.0) == ["enkat-utan-kommun.csv"])
    #expect(perFile.first { $0.0 == "enkat-utan-kommun.csv" }?.1 == "6")
    let index = try String(contentsOfFile: folder + "/after/index.html", encoding: .utf8)
    #expect(index.contains("<tr><th scope=\"row\">Okänd kommun (kommunen ej ifylld)</th><td class=\"num\">6</td>"))
    let items = try table(folder + "/after/csv/items.csv")
    #expect(items.contains { $0["scope_id"] == "okänd_kommun" && $0["suppressed"] == "false" })
    #expect(items.contains { $0["scope"] == "Emmaboda" && Int($0["n"] ?? "") ?? 0 > 0 })
  }
}
