import Foundation
import KartlaggCLI
import RoundStore
import Testing

/// The county survey's grid (issue 25, point 2) came after rounds were stored: its
/// vocabularies are not part of the figure identity, so a round imported before it
/// (Fixtures/store-0.4, by kartlagg 0.4.0) still reports, with the agreements as a grid.
@Suite struct GridStoreTests {
  @Test func aRoundStoredBeforeTheGridReportsWithIt() async throws {
    let folder = try temporaryDirectory("grid-store")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = folder + "/" + RoundStore.fileName
    try FileManager.default.copyItem(
      atPath: repositoryRoot + "/Tests/KartlaggCLITests/Fixtures/store-0.4/kartlagg.sqlite", toPath: store)
    var request = Runs.ReportRequest(survey: countySurvey, inputs: [])
    request.output = folder + "/out"
    request.quiet = true
    request.round = "2026"
    request.store = store
    let run = await Runs.report(request)
    // 0: written; a stored round's rows were rejected at its import, so its report rejects none.
    #expect(run.exitCode == 0, "\(run.lines.suffix(3))")
    let index = try String(contentsOfFile: folder + "/out/index.html", encoding: .utf8)
    #expect(index.contains("<section id=\"rutnat-overenskommelser\"><h2>Överenskommelser och arbetssätt</h2>"))
    #expect(index.contains("<tr><th scope=\"row\">Hemsjukvårdsavtalet</th>"))
    let torsas = try String(contentsOfFile: folder + "/out/kommun/torsas.html", encoding: .utf8)
    #expect(torsas.contains("<section id=\"rutnat-overenskommelser\">"))
  }
}
