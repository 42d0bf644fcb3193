import GapAnalysis
import Ingest
import SourceDiagnostics
import SurveyModel

/// The HTML reports: the county report (`index.html`) and one per municipality
/// (`kommun/<slug>.html`). Each page is one self-contained file: inline CSS and SVG, no
/// script, no request to any other host. Every text from the input or the definition is
/// escaped by construction (`HTML`).
public struct GapReports {
  public let results: GapResults
  public let files: [FileReport]
  /// The language of the pages: the one given, else the survey's (`Survey.language`).
  public let language: Language
  /// Changes since an earlier run, when one was given.
  public let followUp: [Scope: [ItemChange]]?
  /// The items an earlier round does not compare with this one (added, removed, rescaled).
  public var notCompared: FollowUp.NotCompared? = nil
  /// Each item's gap in every stored round up to this one, for the follow-up's line charts.
  public var series: FollowUp.Series? = nil
  /// Each section's and lens value's change, beside the items' (`FollowUp.groupChanges`).
  public var groupChanges: [Scope: [GroupChange]]? = nil
  /// The tested changes since the first stored round, when there are three rounds or more.
  public var changesSinceFirst: [Scope: [ItemChange]]? = nil
  /// A draft (`--draft`): every page and printed page header says it must not be spread.
  public var draft = false
  /// The dates of the round's earlier publications, when it has any: the scopes hidden
  /// because of them (`GapResults.heldBack`) are named with these.
  public var heldBackSince: [String]? = nil
  let f: ReportFormat

  public init(
    results: GapResults, files: [FileReport], language: Language? = nil,
    followUp: [Scope: [ItemChange]]? = nil
  ) {
    self.results = results
    self.files = files
    self.language = language ?? results.survey.language
    self.followUp = followUp
    f = ReportFormat(language: self.language)
    slugs = Slug.municipalities(results.survey.county.municipalities)
  }

  var survey: Survey { results.survey }
  /// Each municipality's page name (unique, ASCII).
  let slugs: [String]

  /// Every page: relative path → text.
  public func all() -> [(path: String, text: String)] {
    [("index.html", county())]
      + zip(survey.county.municipalities.indices, slugs).map { ("kommun/\($1).html", municipality($0)) }
  }

  // MARK: Pages

  public func county() -> String {
    let scope = Scope.county
    var body: [HTML] = []
    body.append(
      """
      <header><p class="kicker">\(f.t(.gapAnalysis)) · \(survey.title)\(naming.isEmpty ? "" : " · " + naming)</p>
      <h1>\(survey.county.name)</h1>
      <p>\(f.t(.theGapBetweenTodayAndDesired))</p>
      <nav><ul>\(zip(survey.county.municipalities, slugs).map { m, slug -> HTML in "<li><a href=\"kommun/\(slug).html\">\(m.name)</a></li>" })</ul></nav>
      </header>
      """)
    body.append(heldBack(municipality: nil))
    body.append(brief(scope))
    body.append(
      contents(
        main: [
          map(), changes(scope), legend(), heatmaps(), grids(scope), lenses(scope),
          organisationalGaps(municipality: nil),
          priorities(scope), otherAnswers(scope),
        ], appendix: [whoAnswered(), sections(scope, reference: nil), method()]))
    return page(title: "\(f.t(.gapAnalysis)): \(survey.county.name)", body: body, root: "")
  }

  public func municipality(_ m: Int) -> String {
    let name = survey.county.municipalities[m].name
    let scope = Scope(municipality: m)
    var body: [HTML] = []
    let respondents = results.respondents[scope]
    body.append(
      """
      <header><p class="kicker">\(f.t(.gapAnalysis)) · \(survey.title)\(naming.isEmpty ? "" : " · " + naming)</p>
      <h1>\(name)</h1>
      <p>\(f.t(.municipalityGapsAgainstTheCounty)) · \(f.t(.respondents)): \(respondents.map(String.init) ?? "–") · <a href="../index.html">\(f.t(.toTheCountyReport))</a></p>
      </header>
      """)
    // No one answered: one sentence instead of pages of dashes.
    if files.reduce(0, { $0 + $1.acceptedPerMunicipality[m] }) == 0 && !files.isEmpty {
      body.append(
        """
        <section id="inga-svar"><h2>\(f.t(.noAnswers))</h2>
        <p>\(f.t(.noAnswersFromMunicipality(name: name)))</p>
        </section>
        """)
      body.append(method())
      return page(title: "\(f.t(.gapAnalysis)): \(name)", body: body, root: "../")
    }
    body.append(heldBack(municipality: m))
    body.append(brief(scope))
    body.append(
      contents(
        main: [
          glance(m), map(own: m), changes(scope), legend(reference: true), comparison(m), grids(scope), lenses(scope),
          organisationalGaps(municipality: m), priorities(scope), otherAnswers(scope),
        ], appendix: [sections(scope, reference: .county, charts: false), method()]))
    return page(title: "\(f.t(.gapAnalysis)): \(name)", body: body, root: "../")
  }

  /// The scopes of this page hidden because an earlier publication of the round stands
  /// beside this one, and why; nothing when there are none.
  func heldBack(municipality m: Int?) -> HTML {
    let scopes = results.heldBack.filter { m == nil || $0.municipality == m }
    guard let dates = heldBackSince, !scopes.isEmpty else { return "" }
    let names = scopes.map { $0.name(in: survey) }.joined(separator: ", ")
    return """
      <section id="dolt" class="held-back"><h2>\(f.t(.heldBackHeading))</h2>
      <p>\(f.t(.heldBackSince(minimum: results.minimumGroupSize, dates: dates.joined(separator: ", "), scopes: names)))</p>
      </section>
      """
  }

  /// The parts after the brief, with a table of contents first: the report's parts, then
  /// the appendix (method, accounting, the tables section by section and the answer
  /// distributions), which starts on a page of its own when printed.
  func contents(main: [HTML], appendix: [HTML]) -> HTML {
    func entries(_ parts: [HTML]) -> [HTML] {
      parts.compactMap { part -> HTML? in
        let text = part.description
        guard let idStart = text.range(of: "<section id=\""),
          let idEnd = text[idStart.upperBound...].firstIndex(of: "\""),
          let h2 = text.range(of: "<h2"), let open = text[h2.upperBound...].firstIndex(of: ">"),
          let close = text.range(of: "</h2>", range: open..<text.endIndex)
        else { return nil }
        let id = text[idStart.upperBound..<idEnd]
        let title = text[text.index(after: open)..<close.lowerBound]
        return HTML(unescapedMarkup: "<li><a href=\"#\(id)\">\(title)</a></li>")
      }
    }
    return """
      <nav class="toc" aria-labelledby="innehall-h"><h2 id="innehall-h">\(f.t(.contents))</h2>
      <ol>\(entries(main))<li><a href="#bilaga">\(f.t(.appendix))</a><ol>\(entries(appendix))</ol></li></ol></nav>
      \(main)
      <div class="appendix" id="bilaga"><p class="appendix-title">\(f.t(.appendix))</p>
      \(appendix)
      </div>
      """
  }

  // MARK: The page

  /// What the report is of and what it is compared with, in one line for the page header,
  /// the printed page header and the first page: "Omgång 2028 · september–oktober 2028 ·
  /// jämförs med 2027 (första kartläggningen 2026)"; from files, the survey's period.
  public var naming: String {
    let n = results.naming
    var parts: [String] = []
    if let round = n.round { parts.append(f.t(.roundNamed(round.name))) }
    if let period = n.round == nil ? survey.period : n.period {
      parts.append(n.round != nil && n.periodIsTheSurveys ? f.t(.periodOfTheSurvey(period)) : period)
    }
    if let compared = n.compared {
      parts.append(f.t(.comparedWith(compared.name)) + (n.first.map { " " + f.t(.firstMapping($0.name)) } ?? ""))
    }
    return parts.joined(separator: " · ")
  }

  func page(title: String, body: [HTML], root: String) -> String {
    // Every printed page says which report it belongs to, the survey and its period, and
    // which page it is.
    let header = (draft ? [f.t(.draftNotToBeSpread)] : []) + [title, survey.title] + (naming.isEmpty ? [] : [naming])
    let running: HTML = """
      @page{@top-left{content:\(HTML.cssString(header.joined(separator: " · ")));font:8pt system-ui,sans-serif;color:#4a4a4a;width:82%}\
      @top-right{content:counter(page) "\\a0/\\a0" counter(pages);font:8pt system-ui,sans-serif;color:#4a4a4a;white-space:nowrap}}
      """
    return HTML.document(
      language: language, title: title, css: Self.css + running,
      body: """
        <main>
        \(draft ? "<p class=\"draft\" role=\"note\"><strong>\(f.t(.draftNotToBeSpread))</strong> \(f.t(.draftExplained))</p>" : "" as HTML)
        \(body)
        </main>
        <footer><p>\(f.t(.madeByKartlagg)) · <a href="\(root)csv/items.csv">\(f.t(.everyFigureAsCsv))</a> · <a href="\(root)codebook.html">\(f.t(.codebook))</a></p></footer>
        """)
  }

  /// The pages' style sheet (`Resources/report.css`), compiled into the binary so that
  /// a copied `kartlagg` needs no resource folder.
  static let css = HTML(unescapedMarkup: String(decoding: PackageResources.report_css, as: UTF8.self))
}
