import Foundation
import KartlaggCLI
import KartlaggRun
import SeededRandom
import Testing

/// The report set is replaced whole or not at all: concurrent runs, failed runs and
/// folders that are not kartlagg's (killed runs: KilledRunTests). Each runs the binary on
/// the mini survey's two exports (MiniSurvey: 30 respondents, no row rejected; what is
/// tested is the folders, not the figures); CommandTests.reportOnTheExamples is the one run
/// of the whole county.
@Suite(.serialized) struct ReportSetTests {
  /// Torsås and Borgholm (33 respondents) of the examples, for FollowUpByIDTests.
  static let inputs = ["torsas.csv", "borgholm.csv"].map { repositoryRoot + "/Surveys/examples/" + $0 }

  static func arguments(_ mini: MiniSurvey, _ out: String, _ language: String) -> [String] {
    ["report", "--survey", mini.survey, mini.a, mini.b, "--out", out, "--language", language]
  }

  /// Leftovers of killed runs beside `out`.
  func leftovers(_ out: String) throws -> [String] {
    let parent = (out as NSString).deletingLastPathComponent
    let name = (out as NSString).lastPathComponent
    return try FileManager.default.contentsOfDirectory(atPath: parent).filter {
      $0.hasPrefix(".\(name).kartlagg-new") || $0.hasPrefix(".\(name)-arbetsfiler.kartlagg-new")
        || $0.contains(".tmp-")
          && $0.hasPrefix(".")
    }
  }

  /// Two runs into one folder at once: one waits for the other; the folder ends whole.
  @Test func concurrentRunsTakeTurns() throws {
    let base = try temporaryDirectory("concurrent")
    defer { try? FileManager.default.removeItem(atPath: base) }
    let mini = try MiniSurvey(in: base)
    let out = base + "/out"
    let first = try startKartlagg(Self.arguments(mini, out, "en"))
    let second = try startKartlagg(Self.arguments(mini, out, "sv"))
    first.waitUntilExit()
    second.waitUntilExit()
    #expect(first.terminationStatus == 0 && second.terminationStatus == 0)
    #expect(try runKartlagg(Self.arguments(mini, base + "/en", "en")).status == 0)
    #expect(try runKartlagg(Self.arguments(mini, base + "/sv", "sv")).status == 0)
    let now = snapshot(out)
    // index.html, 3 municipality pages, the codebook, the questionnaire, 7 CSV files, the
    // workbook and the marker; the two languages' sets differ.
    #expect(now.count == 15 && snapshot(base + "/en") != snapshot(base + "/sv"))
    #expect(now == snapshot(base + "/en") || now == snapshot(base + "/sv"))
    #expect(try leftovers(out).isEmpty)
  }

  /// A folder with someone else's files is refused, not replaced; README.md and
  /// screenshots/ in a report folder are kept.
  @Test func foreignFoldersAreRefusedAndOwnFilesKept() throws {
    let base = try temporaryDirectory("foreign")
    defer { try? FileManager.default.removeItem(atPath: base) }
    try FileManager.default.createDirectory(atPath: base + "/home", withIntermediateDirectories: true)
    try "mina anteckningar".write(toFile: base + "/home/anteckningar.txt", atomically: true, encoding: .utf8)
    let mini = try MiniSurvey(in: base)
    let (status, output) = try runKartlagg(Self.arguments(mini, base + "/home", "sv"))
    #expect(status == 1)
    #expect(output.contains("/home: error: mappen innehåller filer som kartlagg inte skrev (anteckningar.txt)"))
    #expect(snapshot(base + "/home") == ["anteckningar.txt": Data("mina anteckningar".utf8)])

    try FileManager.default.createDirectory(atPath: base + "/Reports", withIntermediateDirectories: true)
    try "# Reports".write(toFile: base + "/Reports/README.md", atomically: true, encoding: .utf8)
    #expect(try runKartlagg(Self.arguments(mini, base + "/Reports", "sv")).status == 0)
    #expect(try runKartlagg(Self.arguments(mini, base + "/Reports", "sv")).status == 0)
    #expect(FileManager.default.contents(atPath: base + "/Reports/README.md") == Data("# Reports".utf8))
    #expect(FileManager.default.fileExists(atPath: base + "/Reports/index.html"))
  }

  /// A municipality named with 300 characters once failed after replacing 9 files. Its
  /// page name is now cut to 60 characters, and the run writes everything. (Högsby of the
  /// mini survey renamed, its exports' "Högsby" a spelling of the new name.)
  @Test func longMunicipalityName() throws {
    let base = try temporaryDirectory("long")
    defer { try? FileManager.default.removeItem(atPath: base) }
    let long = String(repeating: "Långt kommunnamn ", count: 18).trimmingCharacters(in: .whitespaces)
    let mini = try MiniSurvey(
      in: base,
      replacing: [("{ code: \"0821\", name: Högsby }", "{ code: \"0821\", name: \(long), spellings: [Högsby] }")])
    let (status, output) = try runKartlagg(["report", "--survey", mini.survey, mini.a, mini.b, "--out", base + "/out"])
    #expect(status == 0, "\(output.suffix(500))")
    #expect(output.contains("30 svarande från 2 filer"), "\(output.suffix(500))")
    let pages = try FileManager.default.contentsOfDirectory(atPath: base + "/out/kommun")
    #expect(pages.count == 3)
    #expect(pages.contains { $0.hasPrefix("langt-kommunnamn") }, "\(pages)")
    #expect(pages.allSatisfy { $0.count <= 65 })
  }

  /// Escape sequences in a cell and in a file name reach the terminal as visible text.
  @Test func terminalEscapesAreShownNotRun() throws {
    let base = try temporaryDirectory("escapes")
    defer { try? FileManager.default.removeItem(atPath: base) }
    let file = base + "/evil\u{1B}[2J.csv"
    try "respondent_id,kommun,behov_komplexa_nu\n1,Kalmar\u{1B}]0;pwned\u{07},3\n2,Kalmar,9\u{1B}[31m\n"
      .write(toFile: file, atomically: true, encoding: .utf8)
    let (_, output) = try runKartlagg(["validate", "--survey", countySurvey, file])
    #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    #expect(output.contains("evil\\x1B[2J.csv"))
    #expect(output.contains("Kalmar\\x1B]0;pwned\\x07"))
    #expect(Terminal.visible("a\u{202E}b\u{9B}c\td") == "a\\u{202E}b\\x9Bc\\td")
  }

  /// A baseline with n = −2⁶³ once crashed the run (overflow); now it is an error at the
  /// cell, exit 1, and nothing is written.
  @Test func impossibleBaselineIsAnError() throws {
    let base = try temporaryDirectory("baseline")
    defer { try? FileManager.default.removeItem(atPath: base) }
    try "scope_type,scope,item,n,current_mean,desired_mean,gap_mean\ncounty,Kalmar län,a,-9223372036854775808,1,2,1\n"
      .write(toFile: base + "/items.csv", atomically: true, encoding: .utf8)
    var arguments = Self.arguments(try MiniSurvey(in: base), base + "/out", "sv")
    arguments += ["--baseline", base + "/items.csv"]
    let (status, output) = try runKartlagg(arguments)
    #expect(status == 1)
    #expect(output.contains("items.csv:2:4: error: column 'n' holds '-9223372036854775808', not a count"))
    #expect(!FileManager.default.fileExists(atPath: base + "/out"))
  }
}

/// One language per run: the survey's, unless --language says otherwise; and the summary
/// counts in the singular when there is one.
@Suite struct LanguageTests {
  /// The mini survey (MiniSurvey) with `language: en`, and one of its exports.
  @Test func theSurveysLanguageIsTheDefault() throws {
    let base = try temporaryDirectory("language")
    defer { try? FileManager.default.removeItem(atPath: base) }
    let mini = try MiniSurvey(in: base, replacing: [("language: sv", "language: en")])
    let (status, output) = try runKartlagg(["report", "--survey", mini.survey, mini.a, "--out", base + "/en"])
    #expect(status == 0, "\(output)")
    #expect(output.contains("15 respondents from 1 file;"))
    let english = try String(contentsOfFile: base + "/en/index.html", encoding: .utf8)
    #expect(english.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    #expect(
      try runKartlagg(["report", "--survey", mini.survey, mini.a, "--out", base + "/sv", "--language", "sv"]).status
        == 0)
    let swedish = try String(contentsOfFile: base + "/sv/index.html", encoding: .utf8)
    #expect(swedish.hasPrefix("<!DOCTYPE html>\n<html lang=\"sv\">"))
  }
}

/// Follow-up matches an earlier run's rows by stable ids (`scope_id`: the municipality's
/// code), so a municipality renamed between rounds keeps its changes. (The mini survey with
/// a period, MiniSurvey: Kalmar's 10 respondents, code 0880.)
@Suite struct FollowUpByIDTests {
  @Test func aRenamedMunicipalityStillMatches() async throws {
    let base = try temporaryDirectory("renamed")
    defer { try? FileManager.default.removeItem(atPath: base) }
    let period = ("title: Mini", "title: Mini\nperiod: september–oktober 2026")
    let mini = try MiniSurvey(in: base, replacing: [period])
    var request = Runs.ReportRequest(survey: mini.survey, inputs: [mini.a, mini.b])
    request.output = base + "/first"
    #expect(await Runs.report(request).exitCode == 0)
    let renamed = try MiniSurvey(
      in: base + "/renamed",
      replacing: [
        ("title: Mini", "title: Mini\nperiod: september–oktober 2027"),
        ("{ code: \"0880\", name: Kalmar }", "{ code: \"0880\", name: Kalmar kommun, spellings: [Kalmar] }"),
      ])
    request.survey = renamed.survey
    request.output = base + "/second"
    request.baseline = base + "/first/csv/items.csv"
    #expect(await Runs.report(request).exitCode == 0)
    let items = try String(contentsOfFile: base + "/second/csv/items.csv", encoding: .utf8)
    let row = try #require(
      items.split(separator: "\r\n").first { $0.hasPrefix("municipality,Kalmar kommun,mote,a,") },
      "\(items.prefix(600))")
    // Same data: every change is 0, not empty (the names differ, the code 0880 does not).
    #expect(row.hasSuffix(",0,0,0,0,0880,mini september–oktober 2027,false"), "\(row.suffix(80))")
  }
}
