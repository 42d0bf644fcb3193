import Foundation
import Testing

@testable import Reporting

/// The first page and the municipality's overview, on the fixture (Fixtures/survey.yaml
/// and exports/). Every figure is counted by hand from the two CSV files.
@Suite struct FirstPageTests {
  func page(_ path: String) async throws -> String {
    try #require(try await HTMLReportTests.pages().first { $0.path == path }?.text)
  }

  /// Kalmar: rows 1–7 and 9 of kalmar.csv are Kalmar's (row 8's "Kalmr" is rejected), 3
  /// of them region and 5 municipality; the survey invites 4 and 6. 8/10 = 80 %,
  /// 3/4 = 75 %, 5/6 = 83 %. The period is the survey's own text.
  @Test func factsWithResponseRates() async throws {
    let kalmar = try await page("kommun/kalmar.html")
    #expect(kalmar.contains("<div><dt>Period</dt><dd>våren 2026</dd></div>"))
    #expect(kalmar.contains("<div><dt>Svarsfrekvens</dt><dd>80 % (8 av 10 inbjudna)</dd></div>"))
    #expect(kalmar.contains("<div><dt>Svarsfrekvens, Region</dt><dd>3 av 4 (75 %)</dd></div>"))
    #expect(kalmar.contains("<div><dt>Svarsfrekvens, Kommun</dt><dd>5 av 6 (83 %)</dd></div>"))
    // The county's rate needs every place's invited count; Högsby and county-wide have none.
    let county = try await page("index.html")
    #expect(!county.contains("<dt>Svarsfrekvens</dt>"))
    #expect(county.contains("<div><dt>Kommuner med svar</dt><dd>2 av 2</dd></div>"))
    // "Who answered" gives Kalmar's rate beside its 8; Högsby states no invited count.
    #expect(county.contains("<tr><th scope=\"row\">Kalmar</th><td class=\"num\">8</td><td class=\"num\">80 %</td>"))
    #expect(county.contains("<tr><th scope=\"row\">Högsby</th><td class=\"num\">–</td><td class=\"num\">–</td>"))
  }

  /// Kalmar's "Vi möts" gap: pairs (2,5) (3,4) (1,4) (2,5) (2,4) (3,5) (1,3), row 9's
  /// current 7 being off the scale: gaps 3+1+3+3+2+2+2 = 16 over 7, 2,3. Its mellanrum on
  /// hemsjukvårdsavtalet: region current 4, 5, 4 (13/3 = 4,3) against municipality 1, 2,
  /// 1, 2, 2 (8/5 = 1,6).
  /// Welch on those by hand: variances 1/3 and 0,3, t = 2,733/√(1/9 + 0,06) = 6,6 on about
  /// 4 degrees of freedom, p ≈ 0,003: supported, so the brief states it (after the
  /// county-wide verdict).
  @Test func largestGapsAndMellanrum() async throws {
    let kalmar = try await page("kommun/kalmar.html")
    #expect(kalmar.contains("Största enskilda gapet: ”Vi möts &lt;script&gt;alert(1)&lt;/script&gt;” (2,3)."))
    #expect(kalmar.contains("i Kalmar skiljer sig 1 av 2 påståenden statistiskt säkerställt, tydligast"))
    #expect(kalmar.contains(" (Region 4,3, Kommun 1,6).</li>"))
  }

  /// The overview row of Kalmar's first section: its gap 16/7 (2,3, n = 7), the county's
  /// 16/7 pooled with Högsby's 1+2+2+0+3 and county-wide 2: 26/13 = 2,0.
  @Test func overviewBesideTheCounty() async throws {
    let kalmar = try await page("kommun/kalmar.html")
    #expect(
      kalmar.contains(
        "<tr><th scope=\"row\">Mötesplatser</th><td data-label=\"Kommunens gap\" class=\"num heat h5 weak\">2,3 <span class=\"n\">n=7</span></td><td data-label=\"Länets gap\" class=\"num\">2,0</td>"
      ))
  }

  /// Ranks by hand, in the one direction of the whole report (1 is the largest gap): among
  /// 1 … 12, the gap 3 has 9 larger gaps above it (rank 10), the gap 10 two (rank 3).
  @Test func ranksRunOneWay() {
    let gaps = (1...12).map(Double.init)
    #expect(GapReports.rank(3, among: gaps)! == (10, 12))
    #expect(GapReports.rank(10, among: gaps)! == (3, 12))
    #expect(GapReports.rank(12, among: gaps)! == (1, 12))
    // Ties share the better rank; two municipalities are too few for a rank.
    #expect(GapReports.rank(2, among: [1, 2, 2, 5])! == (2, 4))
    #expect(GapReports.rank(2, among: [1, 2]) == nil)
  }

  /// Kalmar's lens view, one table: all respondents and the county in the gap's colour (a
  /// figure on fewer than twice the minimum of 3, or with a conservative interval over one
  /// scale point wide, is drawn pale: `weak`), each organisation plain, since none differs
  /// from all of Kalmar with support (n = 3 to 5). Mötesplatser: region rows 1–3, gaps 3,
  /// 1, 3 = 7/3 (2,3, n = 3); municipality rows 4–7 (row 9's current is off the scale),
  /// gaps 3, 2, 2, 2 = 9/4 (2,3, n = 4). Avtal (hemsjukvårdsavtalet): region gaps 1, 0, 0 =
  /// 1/3 (0,3); municipality 3, 3, 4, 2, 3 = 15/5 (3,0); the county's 16 (Kalmar) + 8
  /// (Högsby rows 1–5) + 2 (county-wide) over 14 = 1,9.
  @Test func everyLensByEveryGroup() async throws {
    let kalmar = try await page("kommun/kalmar.html")
    #expect(
      kalmar.contains(
        "<tr><th scope=\"row\">Mötesplatser</th><td data-label=\"Alla\" class=\"num heat h5 weak\">2,3 <span class=\"n\">n=7</span></td><td data-label=\"Länet\" class=\"num heat h4 weak\">2,0 <span class=\"n\">n=13</span></td><td data-label=\"Organisation: Region\" class=\"num\">2,3 <span class=\"n\">n=3</span></td><td data-label=\"Organisation: Kommun\" class=\"num\">2,3 <span class=\"n\">n=4</span></td></tr>"
      ))
    #expect(
      kalmar.contains(
        "<tr><th scope=\"row\">Avtal</th><td data-label=\"Alla\" class=\"num heat h4 weak\">2,0 <span class=\"n\">n=8</span></td><td data-label=\"Länet\" class=\"num heat h4 weak\">1,9 <span class=\"n\">n=14</span></td><td data-label=\"Organisation: Region\" class=\"num\">0,3 <span class=\"n\">n=3</span></td><td data-label=\"Organisation: Kommun\" class=\"num\">3,0 <span class=\"n\">n=5</span></td></tr>"
      ))
    // Every lens in the one view, each under its own heading; nothing marked.
    #expect(kalmar.components(separatedBy: "<table tabindex=0 class=\"heatmap stack lenses\"").count == 2)
    #expect(kalmar.contains("<th scope=\"rowgroup\" colspan=\"5\">Område</th>"))
    #expect(!kalmar.contains("class=\"num differs"))
  }
}
