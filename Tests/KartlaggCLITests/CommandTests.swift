import Foundation
import KartlaggCLI
import LibCSV
import SourceDiagnostics
// The helpers every test target shares (repositoryRoot, runKartlagg, temporaryDirectory …),
// for every file of this target.
@_exported import TestSupport
import Testing

/// The county's survey definition, the one the examples are exports of.
let countySurvey = countySurveyPath

/// An example export by its file name (`torsas.csv`).
func exampleFile(_ name: String) -> String { repositoryRoot + "/Surveys/examples/" + name }

@Suite struct CommandTests {
  /// The main job on the examples: exit 2 (rows rejected, reports written), a summary per
  /// file, and an accounting.csv that agrees with the examples' known counts (see
  /// Tests/IngestTests/ExampleExportTests.swift for how they were counted). The run is
  /// `CountyRun`, made once and read by the other tests of it too.
  @Test func reportOnTheExamples() throws {
    let run = try CountyRun.get()
    let (status, output, out) = (run.status, run.output, run.folder)
    #expect(status == 2, "\(output)")
    // The terminal speaks the survey's language, Swedish.
    #expect(
      output.contains(
        "kalmar.csv: UTF-8, avgränsare ',', rubrik på rad 1: 65 lästa, 63 godtagna, 2 avvisade, 0 svarsproblem"))
    #expect(
      output.contains(
        "nybro.csv: Windows-1252, avgränsare ';', rubrik på rad 3: 27 lästa, 27 godtagna, 0 avvisade, 1 svarsproblem"))
    #expect(output.contains("kalmar.csv:51:2: error: okänd kommun 'Kalmr' (menade du 'Kalmar'?)"))
    // 18 + 28 + 14 + 21 + 63 + 16 + 20 + 22 + 27 + 32 + 15 + 38 + 24 accepted (Hultsfred's
    // row without a municipality is okänd kommun's).
    #expect(output.contains("338 svarande från 13 filer"))
    var rows: [[String]] = []
    try CSVReader(path: out + "-arbetsfiler/accounting.csv").forEachRecord { rows.append($0.strings()) }
    let byFile = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { (($0[0] as NSString).lastPathComponent, $0) })
    for (file, read, accepted, rejected) in [
      ("kalmar.csv", 65, 63, 2), ("hultsfred.csv", 21, 21, 0), ("emmaboda.csv", 28, 28, 0), ("vimmerby.csv", 24, 24, 0),
    ] {
      let row = try #require(byFile[file])
      #expect((Int(row[6]), Int(row[7]), Int(row[8])) == (read, accepted, rejected), "\(file)")
    }
    for name in [
      "csv/items", "csv/sections", "csv/municipality_vs_county", "csv/mellanrum", "csv/priorities", "csv/answers",
    ]
      + ["-arbetsfiler/accounting", "-arbetsfiler/rejected", "-arbetsfiler/problems"]
    {
      let path = out + (name.hasPrefix("-") ? "" : "/") + name + ".csv"
      let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
      #expect(size > 200, "\(name).csv is \(size) bytes")
    }
    // The folder that may be shared holds no raw row: no rejected.csv, no problems.csv,
    // and not the rejected misspelling 'Kalmr' (kalmar.csv line 51) anywhere in it.
    let shared = FileManager.default.enumerator(atPath: out)!.compactMap { $0 as? String }
    #expect(
      !shared.contains {
        $0.hasSuffix("rejected.csv") || $0.hasSuffix("problems.csv") || $0.hasSuffix("accounting.csv")
      })
    for file in shared where file.hasSuffix(".csv") || file.hasSuffix(".html") {
      let text = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
      #expect(!text.contains("Kalmr"), "\(file)")
      #expect(!text.contains("arbetsfiler/"), "\(file) links to the working files")
    }
    #expect(FileManager.default.fileExists(atPath: out + "/codebook.html"))
    #expect(FileManager.default.fileExists(atPath: out + "/questionnaire.html"))
  }

  /// Kalmar's export (its two rejected rows) and Torsås's (none).
  @Test func strictMakesRejectedRowsAnError() throws {
    let out = try temporaryDirectory("strict")
    defer { try? FileManager.default.removeItem(atPath: out) }
    let examples = repositoryRoot + "/Surveys/examples/"
    let (status, output) = try runKartlagg([
      "report", "--strict", "--survey", countySurvey, examples + "kalmar.csv", examples + "torsas.csv", "--out", out,
    ])
    #expect(status == 1)
    #expect(output.contains("ingen rapport skrevs: rätta felen ovan och kör igen"))
    #expect(!FileManager.default.fileExists(atPath: out + "/csv/items.csv"))
  }

  @Test func badInvocation() throws {
    #expect(try runKartlagg(["report", "--survey", countySurvey, "--language", "fi", "x.csv"]).status == 64)
    #expect(try runKartlagg(["report"]).status == 64)
  }

  /// `validate` on the examples: the known warnings and errors, exit 2, nothing written.
  @Test func validateTheExamples() async throws {
    let outcome = await Runs.validate(
      survey: countySurvey, inputs: [repositoryRoot + "/Surveys/examples"], language: .en)
    #expect(outcome.exitCode == 2)
    #expect(outcome.written.isEmpty)
    #expect(
      outcome.lines.contains {
        $0.hasSuffix("vastervik.csv:1: warning: 1 column matches nothing in the survey and is ignored: 1 'Tidstämpel'")
      })
    #expect(
      outcome.lines.contains {
        $0.hasSuffix(
          "morbylanga.csv:5:11: warning: column 'behov_vag_in_nu': '7' is outside the scale 1–5; the answer counts as not given"
        )
      })
  }

  /// A broken export: reported with its line, exit 1.
  @Test func validateABrokenExport() async throws {
    let dir = try temporaryDirectory("broken")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try "respondent_id,kommun,behov_komplexa_nu\n1,Kalmar,3\n2,Nybro,\"4\n".write(
      toFile: dir + "/x.csv", atomically: true, encoding: .utf8)
    let outcome = await Runs.validate(survey: countySurvey, inputs: [dir], language: .en)
    #expect(outcome.exitCode == 1)
    // In the survey's language, Swedish, the same error.
    let swedish = await Runs.validate(survey: countySurvey, inputs: [dir])
    #expect(
      swedish.lines.contains {
        $0.hasSuffix(
          "x.csv:4: error: filen importeras inte: ett citerat fält som börjar på rad 3 avslutas aldrig (filen tar slut inuti det); lägg till det avslutande citattecknet (\") där fältet slutar"
        )
      }, "\(swedish.lines)")
    #expect(
      outcome.lines.contains {
        $0.hasSuffix(
          "x.csv:4: error: the file is not imported: unterminated quoted field starting at line 3 (the file ends inside it); add the closing quote (\") where the field ends"
        )
      })
  }

  /// A broken definition: every problem with its line and column, exit 1.
  @Test func validateABrokenSurvey() async throws {
    let dir = try temporaryDirectory("survey")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let yaml = try String(contentsOfFile: countySurvey, encoding: .utf8).replacingOccurrences(
      of: "scale: instamning", with: "scale: instämning")
    try yaml.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
    let outcome = await Runs.validate(survey: dir + "/s.yaml", inputs: [], language: .en)
    #expect(outcome.exitCode == 1)
    #expect(outcome.lines.count == 57)
    #expect(
      outcome.lines.allSatisfy { $0.contains("error: scale 'instämning' is not defined (did you mean 'instamning'?)") })
  }

  /// A baseline: items.csv of one run as the baseline of the next round's gives *_change
  /// columns, all 0 for the same data (the mini survey's two exports, MiniSurvey, with a
  /// period of its own in each round).
  @Test func followUpAgainstABaseline() async throws {
    let base = try temporaryDirectory("baseline-follow-up")
    defer { try? FileManager.default.removeItem(atPath: base) }
    let (first, second) = (base + "/first", base + "/second")
    let mini = try MiniSurvey(in: base, replacing: [("title: Mini", "title: Mini\nperiod: september–oktober 2026")])
    var request = Runs.ReportRequest(survey: mini.survey, inputs: [mini.a, mini.b])
    request.output = first
    #expect(await Runs.report(request).exitCode == 0)
    // The same exports as the next round: a definition of its own period (the same round
    // again would be refused as a second publication of the same people).
    let next = try MiniSurvey(
      in: base + "/next", replacing: [("title: Mini", "title: Mini\nperiod: september–oktober 2027")])
    request.survey = next.survey
    request.output = second
    request.baseline = first + "/csv/items.csv"
    let outcome = await Runs.report(request)
    #expect(outcome.exitCode == 0)
    let items = try String(contentsOfFile: second + "/csv/items.csv", encoding: .utf8)
    let lines = items.split(separator: "\r\n")
    #expect(
      lines[0].hasSuffix(",n_change,current_mean_change,desired_mean_change,gap_mean_change,scope_id,round,draft"))
    let county = try #require(lines.first { $0.hasPrefix("county,Kalmar län,mote,a,") })
    #expect(county.hasSuffix(",false,0,0,0,0,county,mini september–oktober 2027,false"), "\(county)")
    // The HTML reports get a follow-up section.
    let page = try String(contentsOfFile: second + "/index.html", encoding: .utf8)
    #expect(page.contains("<section id=\"uppfoljning\"><h2>Uppföljning</h2>"))
    #expect(!(try String(contentsOfFile: first + "/index.html", encoding: .utf8)).contains("id=\"uppfoljning\""))
  }
}

@Suite struct WorkspaceTests {
  /// The survey shipped inside kartlagg is the one in Surveys/.
  @Test func bundledSurveyIsTheCountySurvey() throws {
    #expect(Runs.countySurvey == (try String(contentsOfFile: countySurvey, encoding: .utf8)))
  }

  @Test func initMakesAWorkspaceAndOverwritesNothing() throws {
    let dir = try temporaryDirectory("init")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (status, output) = try runKartlagg(["init", dir + "/ws"])
    #expect(status == 0, "\(output)")
    #expect(FileManager.default.fileExists(atPath: dir + "/ws/Surveys/kalmar-primarvard.yaml"))
    #expect(FileManager.default.fileExists(atPath: dir + "/ws/exports"))
    #expect(try String(contentsOfFile: dir + "/ws/README.md", encoding: .utf8).contains("kartlagg validate"))
    // The new workspace's survey validates; a second init refuses.
    #expect(try runKartlagg(["validate", "--survey", dir + "/ws/Surveys/kalmar-primarvard.yaml"]).status == 0)
    let again = try runKartlagg(["init", dir + "/ws"])
    #expect(again.status == 1 && again.output.contains("finns redan"))
  }
}

/// `validate` on every broken survey fixture (Tests/SurveyModelTests/Fixtures/broken): exit 1, and every
/// problem printed with its place, compiler-style.
@Suite struct BrokenFixtureTests {
  static let fixtures: [String] = {
    let dir = repositoryRoot + "/Tests/SurveyModelTests/Fixtures/broken"
    return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
      .map { dir + "/" + $0 }
  }()

  @Test func thereAreFixtures() { #expect(Self.fixtures.count >= 9) }

  @Test(arguments: fixtures)
  func brokenSurvey(path: String) async throws {
    let outcome = await Runs.validate(survey: path, inputs: [])
    #expect(outcome.exitCode == 1)
    #expect(!outcome.lines.isEmpty)
    for line in outcome.lines {
      #expect(line.hasPrefix(path + ":"), "\(line)")
      #expect(line.contains(": error: "), "\(line)")
    }
  }
}
