import Foundation
import KartlaggCLI
import Testing

/// `kartlagg validate` says a survey definition's own problems in the run's language: a
/// Swedish definition's (the mini survey, `language: sv`) in Swedish, on standard error,
/// unless `--language en` is given.
@Suite struct DefinitionLanguageCLITests {
  /// The mini survey's `title: Mini` (line 3) as `titel: Mini`: it lacks `title` (1:1, where
  /// the definition starts) and has an unknown key at 3:1 (counted by hand: `kartlagg: 1`,
  /// `id: mini`, `titel: Mini`).
  @Test func aSwedishDefinitionsProblemReachesStandardErrorInSwedish() throws {
    let dir = try temporaryDirectory("definition-language")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let mini = try MiniSurvey(in: dir, replacing: [("title: Mini\n", "titel: Mini\n")])
    let known =
      "kartlagg, id, title, language, period, min_group_size, county, scales, tags, respondents, sections, report"
    let swedish = [
      "\(mini.survey):1:1: error: enkätdefinitionen saknar 'title'; lägg till `title: …`",
      "\(mini.survey):3:1: error: okänd nyckel 'titel' i enkätdefinitionen – menade du 'title'?; tillåtna nycklar: \(known)",
    ]
    let arguments = ["validate", "--survey", mini.survey]
    let both = try runProgram(try kartlaggBinary(), arguments)
    #expect(both.status == 1)
    for line in swedish { #expect(both.output.contains(line + "\n"), "\(both.output)") }
    // Standard output alone holds none of it: the problems are on standard error.
    let standardOutput = try runProgram(try kartlaggBinary(), arguments, errors: .discarded)
    #expect(!standardOutput.output.contains("enkätdefinitionen"), "\(standardOutput.output)")
    // Told `--language en`, the same problems in English.
    let english = try runProgram(try kartlaggBinary(), arguments + ["--language", "en"])
    #expect(english.status == 1)
    #expect(
      english.output.contains(
        "\(mini.survey):3:1: error: unknown key 'titel' in the survey definition (did you mean 'title'?); known keys: \(known)\n"
      ), "\(english.output)")
  }

  /// A definition is parsed once per process (`ParsedSurvey`), and its YAML portability
  /// warnings are said in each run's language, not in the first run's. The mini survey's
  /// line 5 as `min_group_size: 05`: the value at column 17 (counted by hand: 16 characters
  /// of `min_group_size: ` before it).
  @Test func aParsedDefinitionsWarningsAreSaidInEachRunsLanguage() async throws {
    let dir = try temporaryDirectory("definition-language-warnings")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let mini = try MiniSurvey(in: dir, replacing: [("min_group_size: 5\n", "min_group_size: 05\n")])
    let english = await Runs.validate(survey: mini.survey, inputs: [], language: .en)
    let swedish = await Runs.validate(survey: mini.survey, inputs: [])
    #expect(
      english.lines.contains(
        "\(mini.survey):5:17: warning: YAML 1.1 tools read '05' as a number (octal, or without its leading zero); put it in quotes"
      ), "\(english.lines)")
    #expect(
      swedish.lines.contains(
        "\(mini.survey):5:17: warning: YAML 1.1-verktyg läser '05' som ett tal (oktalt, eller utan den inledande nollan); sätt det inom citattecken"
      ), "\(swedish.lines)")
  }
}
