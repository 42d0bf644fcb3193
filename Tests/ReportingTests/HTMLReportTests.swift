import Foundation
import GapAnalysis
import Ingest
import Reporting
import SurveyModel
import Testing

/// The HTML reports of the fixture (Fixtures/survey.yaml and exports/): whole-file golden
/// comparison, escaping of everything from input, and a strict HTML5 parse.
///
/// Re-record the golden pages after a deliberate change with
///
///     KARTLAGG_RECORD_GOLDEN=1 swift test --filter HTMLReportTests
@Suite struct HTMLReportTests {
  static func pages() async throws -> [(path: String, text: String)] {
    var (results, files) = try await goldenRun()
    // Free text included, so that the comments with markup are on the page.
    results.freeText = FreeText(
      texts: [
        Tally.TextKey(municipality: 0, section: 1, item: 2): [
          "\"><img src=x onerror=alert(1)>", "<script>alert(1)</script>",
        ]
      ], places: results.textPlaces)
    return GapReports(results: results, files: files).all()
  }

  @Test(arguments: ["index.html", "kommun/kalmar.html"])
  func matchesGoldenFile(name: String) async throws {
    let page = try #require(try await Self.pages().first { $0.path == name })
    let golden = name.replacingOccurrences(of: "/", with: "_")
    let difference = Golden.difference(Array(page.text.utf8), golden)
    #expect(difference == nil, "\(difference ?? "")")
  }

  /// Input holds `<script>alert(1)</script>` (an item text, a rejected municipality and a
  /// comment), `"><img src=x onerror=…>` (a comment) and `=HYPERLINK(…)` (an item text and a
  /// municipality spelling): every page shows them as text.
  @Test func inputIsEscaped() async throws {
    for (path, text) in try await Self.pages() {
      #expect(!text.contains("<script"), "\(path)")
      #expect(!text.contains("<img"), "\(path)")
      #expect(!text.contains("<img src=x onerror"), "\(path)")
    }
    let county = try #require(try await Self.pages().first { $0.path == "index.html" }?.text)
    #expect(county.contains("Vi möts &lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(county.contains("=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;) hemsjukvårdsavtalet"))
    let kalmar = try #require(try await Self.pages().first { $0.path == "kommun/kalmar.html" }?.text)
    #expect(kalmar.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
  }

  /// Control characters (C0 but tab and line breaks, DEL, C1) and direction overrides in
  /// text, such as an old store's round name, are shown as visible escapes, never put in a
  /// page as they are (HTML forbids them; a terminal showing the page's source obeys them).
  @Test func controlCharactersAreShownVisibly() {
    let html: HTML = "<td>\("2026\u{1B}[31m\u{07} \u{7F}\u{85}\u{9F} \u{202E}x <b>\tå\n")</td>"
    #expect(html.text == "<td>2026\\x1B[31m\\x07 \\x7F\\x85\\x9F \\u{202E}x &lt;b&gt;\tå\n</td>")
  }

  /// Each character that is escaped is escaped when it is the only one in a text (a text
  /// with nothing to escape is returned as it is, found on its UTF-8 bytes), and the
  /// characters beside them in UTF-8 are not. The expected escapes are written out here,
  /// not taken from `HTML.escape`.
  @Test func everyEscapedCharacterAloneInAText() {
    var expected: [Unicode.Scalar: String] = [
      "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;",
      "\u{200E}": "\\u{200E}", "\u{200F}": "\\u{200F}",
    ]
    for v in UInt32(0)..<0x20 where ![0x09, 0x0A, 0x0D].contains(v) {
      expected[Unicode.Scalar(v)!] =
        v < 0x10 ? "\\x0\(String(v, radix: 16, uppercase: true))" : "\\x\(String(v, radix: 16, uppercase: true))"
    }
    for v in UInt32(0x7F)..<0xA0 { expected[Unicode.Scalar(v)!] = "\\x\(String(v, radix: 16, uppercase: true))" }
    for v in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069] as [UInt32] {
      expected[Unicode.Scalar(v)!] = "\\u{\(String(v, radix: 16, uppercase: true))}"
    }
    // Neighbours in UTF-8 (C2 A0, E2 80 8D, E2 80 90, E2 80 A9, E2 80 AF, E2 81 A5, E2 81 AA,
    // the en dash and the minus sign) and plain text stay as they are.
    let unchanged: [UInt32] = [
      0x09, 0x0A, 0x0D, 0x20, 0x41, 0xA0, 0xE5, 0x200D, 0x2010, 0x2029, 0x202F, 0x2065, 0x206A, 0x2013, 0x2212,
    ]
    for (scalar, escaped) in expected {
      #expect(HTML.escape("a\(scalar)b") == "a\(escaped)b", "U+\(String(scalar.value, radix: 16))")
    }
    for v in unchanged {
      let text = "a\(Unicode.Scalar(v)!)b"
      #expect(HTML.escape(text) == text, "U+\(String(v, radix: 16))")
    }
  }

  /// Every page parses as HTML5 without error (html5lib, strict), refers to no other host,
  /// and carries nothing that runs (checked by Tests/ReportingTests/check_html.py; html5lib
  /// comes from PyPI, installed by `make test`).
  @Test func pagesParseAsHTML5() async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kartlagg-html-\(getpid())").path
    try FileManager.default.createDirectory(atPath: dir + "/kommun", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var paths: [String] = []
    for (path, text) in try await Self.pages() {
      try text.write(toFile: dir + "/" + path, atomically: true, encoding: .utf8)
      paths.append(dir + "/" + path)
    }
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("check_html.py")
      .path
    let checked = try runProgram("python3", [script] + paths)
    #expect(checked.status == 0, "\(checked.output)")
  }

  /// The county shows the municipalities' average beside the pooled figure. In the fixture
  /// only Kalmar is shown (Högsby is suppressed), so the average of mote_a is Kalmar's gap,
  /// 16/7 = 2.29 (Fixtures/exports/kalmar.csv, counted in CSVSummaryTests), over 1 municipality.
  @Test func countyShowsTheMunicipalitiesAverage() async throws {
    let county = try #require(try await Self.pages().first { $0.path == "index.html" }?.text)
    #expect(county.contains("<th scope=\"col\">Kommunmedelvärde (ovägt) av gapet</th>"))
    #expect(
      county.contains(
        "<td data-label=\"Kommunmedelvärde (ovägt) av gapet\" class=\"num\">2,3 <span class=\"n\">1 kommun</span></td>")
    )
  }

  /// Every printed page names its report: the page's title and the survey's in a CSS
  /// string that nothing from the input can break out of (hex escapes, worked out by hand:
  /// "<" is U+3C, "/" U+2F, '"' U+22, "å" U+E5).
  @Test func printedPagesNameTheirReport() async throws {
    #expect(HTML.cssString("a</style>\"å").text == #""a\3c \2f style\3e \22 \e5 ""#)
    let kalmar = try #require(try await Self.pages().first { $0.path == "kommun/kalmar.html" }?.text)
    // The page's title, the survey's and the survey's period "våren 2026".
    #expect(kalmar.contains(#"@page{@top-left{content:"GAP\2d analys\3a  Kalmar \b7  Golden \b7  v\e5 ren 2026""#))
  }

  /// Choice answers on the page: Kalmar's 5 of 8 "Ja" (counted by hand in
  /// Fixtures/exports/kalmar.csv) is 63 %, and scipy's Wilson interval
  /// binomtest(5, 8).proportion_ci(method="wilson") = (0.3057, 0.8632) is 31 % – 86 %.
  @Test func choiceAnswersAreShown() async throws {
    let kalmar = try #require(try await Self.pages().first { $0.path == "kommun/kalmar.html" }?.text)
    #expect(kalmar.contains("<caption>Finns en rutin? (n = 8)</caption>"))
    #expect(
      kalmar.contains("<tr><th scope=\"row\">Ja</th><td class=\"num\">63 %</td><td class=\"num\">31 % – 86 %</td></tr>")
    )
  }

  @Test func slugs() {
    #expect(Slug.make("Mörbylånga") == "morbylanga")
    #expect(Slug.make("Högsby") == "hogsby")
    #expect(Slug.make("Västervik") == "vastervik")
    #expect(Slug.make("../etc/passwd") == "etc-passwd")
    #expect(Slug.make("<script>") == "script")
    #expect(Slug.make("Æbo") == "aebo")
    #expect(Slug.make(String(repeating: "Långnamn ", count: 40)).count <= 60)
  }

  /// "Æbo" once folded to "bo", beside Bo: one page lost, and the county page linked twice.
  /// Colliding or empty slugs take the municipality's code; the result is unique.
  @Test func slugsAreUnique() {
    let list = [
      Municipality(code: "0001", name: "Bo"), Municipality(code: "0002", name: "Bö"),
      Municipality(code: "0003", name: "Æbo"),
      Municipality(code: "0004", name: "???"), Municipality(code: "0005", name: "!!!"),
    ]
    #expect(Slug.municipalities(list) == ["bo-0001", "bo-0002", "aebo", "kommun-0004", "kommun-0005"])
  }
}
