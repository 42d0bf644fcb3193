import Foundation
import KartlaggCLI
import KartlaggRun
import RoundStore
import SourceDiagnostics
import Testing

/// Issue 21, point 14: a round's name holds no control character, and one in an older
/// store's name reaches no page as it is.
@Suite struct RoundNameTests {
  /// Point 14. A round name with control characters (ESC, BEL, DEL, C1) or a direction
  /// override is refused by `import`, in the run's language, and the store is not changed.
  /// Of the mini survey's first export (MiniSurvey), where Torsås's on the county survey
  /// cost 1.4 s of CPU for the seven names in a debug build.
  @Test(arguments: ["2026\u{1B}[31m", "2026\u{07}", "runda\u{7F}", "2026\u{85}", "2026\u{202E}", "", " "])
  func controlCharactersInRoundNamesAreRefused(_ round: String) async throws {
    let folder = try temporaryDirectory("round-name-\(round.unicodeScalars.map(\.value).reduce(0, +))")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let mini = try MiniSurvey(in: folder + "/in")
    let store = folder + "/" + RoundStore.fileName
    _ = try RoundStore.create(at: store)
    let before = try #require(FileManager.default.contents(atPath: store))
    for (language, words) in [
      (Language.sv, "error: omgångens namn '\(Terminal.visible(round))' duger inte:"),
      (Language.en, "error: the round name '\(Terminal.visible(round))' will not do:"),
    ] {
      let outcome = await Runs.importRound(
        survey: mini.survey, round: round, inputs: [mini.a], store: store, language: language)
      #expect(outcome.exitCode == 1)
      #expect(outcome.lines.contains { $0.hasPrefix(words) }, "\(outcome.lines)")
    }
    #expect(try RoundStore.open(at: store).roundNames().isEmpty)
    #expect(FileManager.default.contents(atPath: store) == before)
  }

  /// Point 14. A round stored with control characters in its name by an older kartlagg
  /// (renamed here with Python's sqlite3) reaches the follow-up of a later round's pages
  /// as visible text: no ESC or BEL in any page. (The mini survey, MiniSurvey.)
  @Test func aStoredRoundNameReachesThePagesVisibly() async throws {
    let folder = try temporaryDirectory("round-name-stored")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = folder + "/" + RoundStore.fileName
    _ = try RoundStore.create(at: store)
    let mini = try MiniSurvey(in: folder)
    for round in ["2026", "2027"] {
      #expect(
        await Runs.importRound(survey: mini.survey, round: round, inputs: [mini.a, mini.b], store: store).exitCode == 0)
    }
    _ = try sqlite(
      store, "UPDATE round SET name = '2026' || char(27) || '[31m' || char(7) WHERE name = '2026'; SELECT 1")
    #expect(try RoundStore.open(at: store).roundNames() == ["2026\u{1B}[31m\u{07}", "2027"])
    var request = Runs.ReportRequest(survey: mini.survey, inputs: [])
    request.output = folder + "/Reports"
    request.round = "2027"
    request.store = store
    request.quiet = true
    #expect(await Runs.report(request).exitCode == 0)
    let pages = snapshot(folder + "/Reports").filter { $0.key.hasSuffix(".html") }
    // index.html, 3 municipality pages, the codebook and the questionnaire.
    #expect(pages.count == 6)
    let county = String(decoding: try #require(pages["index.html"]), as: UTF8.self)
    #expect(county.contains("2026\\x1B[31m\\x07"))
    for (path, bytes) in pages {
      #expect(!bytes.contains(0x1B) && !bytes.contains(0x07), "\(path) holds a control character")
    }
  }
}
