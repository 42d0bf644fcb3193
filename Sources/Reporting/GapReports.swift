import GapAnalysis
import Ingest
import SurveyModel

/// The HTML reports: the county report (`index.html`) and one per municipality
/// (`kommun/<slug>.html`). Each page is one self-contained file: inline CSS and SVG, no
/// script, no request to any other host. Every text from the input or the definition is
/// escaped by construction (`HTML`).
public struct GapReports {
  public let results: GapResults
  public let files: [FileReport]
  public let language: String
  /// Free-text answers, by municipality (nil: county-wide) and section; shown only when given.
  public let comments: ((Int?, Int) -> [String])?
  /// Changes since an earlier run, when one was given.
  public let followUp: [Scope: [ItemChange]]?
  let f: ReportFormat

  public init(
    results: GapResults, files: [FileReport], language: String = "sv", comments: ((Int?, Int) -> [String])? = nil,
    followUp: [Scope: [ItemChange]]? = nil
  ) {
    self.results = results
    self.files = files
    self.language = language
    self.comments = comments
    self.followUp = followUp
    f = ReportFormat(language: language)
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
      <header><p class="kicker">\(f.t("GAP-analys", "GAP analysis")) · \(survey.title)</p>
      <h1>\(survey.county.name)</h1>
      <p>\(f.t("Gapet mellan hur det är i dag (nuläge) och hur det borde vara (önskat läge), skattat av region, kommuner och privata utförare.", "The gap between how things are today and how they should be, as rated by the region, the municipalities and private providers."))</p>
      <nav><ul>\(zip(survey.county.municipalities, slugs).map { m, slug -> HTML in "<li><a href=\"kommun/\(slug).html\">\(m.name)</a></li>" })</ul></nav>
      </header>
      """)
    body.append(legend())
    body.append(whoAnswered())
    body.append(heatmaps())
    body.append(largestGaps(scope))
    body.append(sections(scope, reference: nil))
    body.append(organisationalGaps(municipality: nil))
    body.append(priorities(scope))
    body.append(otherAnswers(scope))
    body.append(changes(scope))
    body.append(method())
    return page(title: "\(f.t("GAP-analys", "GAP analysis")): \(survey.county.name)", body: body, root: "")
  }

  public func municipality(_ m: Int) -> String {
    let name = survey.county.municipalities[m].name
    let scope = Scope(municipality: m)
    var body: [HTML] = []
    let respondents = results.respondents[scope]
    body.append(
      """
      <header><p class="kicker">\(f.t("GAP-analys", "GAP analysis")) · \(survey.title)</p>
      <h1>\(name)</h1>
      <p>\(f.t("Kommunens gap bredvid länets", "The municipality's gaps beside the county's")) · \(f.t("svarande", "respondents")): \(respondents.map(String.init) ?? "–") · <a href="../index.html">\(f.t("Till länets rapport", "To the county report"))</a></p>
      </header>
      """)
    // No one answered: one sentence instead of pages of dashes.
    if files.reduce(0, { $0 + $1.acceptedPerMunicipality[m] }) == 0 && !files.isEmpty {
      body.append(
        """
        <section id="inga-svar"><h2>\(f.t("Inga svar", "No answers"))</h2>
        <p>\(f.t("Det finns inga svar från \(name) i de exporter som lästes in. Kommunen ingår därför inte i länets siffror, och här finns inget att jämföra.", "There are no answers from \(name) in the exports that were read. The municipality is therefore not part of the county's figures, and there is nothing to compare here."))</p>
        </section>
        """)
      body.append(method())
      return page(title: "\(f.t("GAP-analys", "GAP analysis")): \(name)", body: body, root: "../")
    }
    body.append(legend(reference: true))
    body.append(comparison(m))
    body.append(sections(scope, reference: .county))
    body.append(organisationalGaps(municipality: m))
    body.append(priorities(scope))
    body.append(otherAnswers(scope))
    body.append(changes(scope))
    body.append(method())
    return page(title: "\(f.t("GAP-analys", "GAP analysis")): \(name)", body: body, root: "../")
  }

  // MARK: Parts

  func legend(reference: Bool = false) -> HTML {
    let bounds = Charts.gapBounds.map { f.number($0, 2) }
    let classes = Charts.gapColours.enumerated().map { i, colour -> HTML in
      let label =
        i == 0 ? "< \(bounds[0])" : i == bounds.count ? "≥ \(bounds[i - 1])" : "\(bounds[i - 1])–\(bounds[i])"
      return "<span class=\"swatch\" style=\"background:\(colour)\"></span>\(label)"
    }
    return """
      <aside class="legend" aria-label="\(f.t("Teckenförklaring", "Legend"))">
      <h2>\(f.t("Så läser du figurerna", "How to read the figures"))</h2>
      <p><svg width="120" height="16" aria-hidden="true"><line x1="10" y1="8" x2="100" y2="8" class="gap"/><circle cx="10" cy="8" r="6" class="current"/><circle cx="100" cy="8" r="6" class="desired"/></svg>
      \(f.t("Ofylld punkt: nuläge. Fylld punkt: önskat läge. Stapeln mellan dem är gapet.", "Hollow dot: today. Filled dot: desired. The bar between them is the gap."))</p>
      <p><svg width="120" height="16" aria-hidden="true"><line x1="10" y1="8" x2="100" y2="8" class="gap weak"/></svg>
      \(f.t("Blek och streckad: gapet är inte statistiskt säkerställt (dess 95-procentiga konfidensintervall når noll). Mörk: gapet är statistiskt säkerställt större än noll.", "Pale and dashed: the gap is not statistically significant (its 95 % confidence interval reaches zero). Dark: the gap is significantly above zero."))</p>
      \(reference ? "<p><svg width=\"120\" height=\"20\" aria-hidden=\"true\"><line x1=\"60\" y1=\"1\" x2=\"60\" y2=\"19\" class=\"reference\"/></svg> \(f.t("Brunt streck: länets värde (alla svarande), för jämförelse.", "Brown tick: the county's figure (all respondents), for comparison."))</p>" as HTML : "")
      <p>\(f.t("Gapets storlek i skalsteg", "Gap size in scale points")): \(classes) <span class="swatch weak"></span>\(f.t("osäkert gap", "uncertain gap"))</p>
      <p>\(f.t("Färgen säger hur stort gapet är och hur säkert det är, aldrig en rangordning. n står vid varje siffra: antalet som svarat på både nuläge och önskat läge.", "Colour says how large a gap is and how sure, never a rank. n stands beside every figure: those who rated both today and desired."))
      \(f.t("– betyder färre än \(results.minimumGroupSize) svar (eller en siffra som annars skulle avslöja en sådan grupp).", "– means fewer than \(results.minimumGroupSize) answers (or a figure that would give such a group away)."))</p>
      </aside>
      """
  }

  func whoAnswered() -> HTML {
    var rows: [HTML] = []
    let places: [(String, Scope)] =
      survey.county.municipalities.indices.map { (survey.county.municipalities[$0].name, Scope(municipality: $0)) }
    var header: [HTML] = [
      "<th scope=\"col\">\(f.t("Kommun", "Municipality"))</th><th scope=\"col\">\(f.t("Svarande", "Respondents"))</th>"
    ]
    for dimension in survey.dimensions {
      for value in dimension.values { header.append("<th scope=\"col\">\(value.label)</th>") }
      header.append("<th scope=\"col\">\(dimension.label): \(f.t("okänd", "unknown"))</th>")
    }
    // One row: a place's total, then each dimension's groups (unknown last), by `figure`.
    func row(_ name: String, place: Int?, _ figure: (Scope) -> Int?) -> HTML {
      var scopes = [Scope(municipality: place)]
      for (d, dimension) in survey.dimensions.enumerated() {
        for v in 0...dimension.values.count { scopes.append(Scope(municipality: place, dimension: d, value: v)) }
      }
      let cells = scopes.map { "<td class=\"num\">\(count(figure($0)))</td>" as HTML }
      return "<tr><th scope=\"row\">\(name)</th>\(cells)</tr>"
    }
    for (name, scope) in places {
      rows.append(row(name, place: scope.municipality) { results.respondents[$0] })
    }
    // County-wide respondents: the county (or a county group) minus its municipalities,
    // shown only where every term is shown (then the figure can be derived anyway, and the
    // suppression has made sure it is not a small group).
    rows.append(
      row("\(survey.county.countyWide.name) (\(f.t("länsövergripande", "county-wide")))", place: nil) { county in
        guard var rest = results.respondents[county] else { return nil }
        for m in survey.county.municipalities.indices {
          let part = Scope(municipality: m, dimension: county.dimension, value: county.value)
          guard let n = results.respondents[part] else { return nil }
          rest -= n
        }
        return rest
      })
    rows.append(row(f.t("Hela länet (alla)", "The whole county (everyone)"), place: nil) { results.respondents[$0] })
    let totals = (
      read: files.reduce(0) { $0 + $1.read }, accepted: files.reduce(0) { $0 + $1.accepted },
      rejected: files.reduce(0) { $0 + $1.rejected }
    )
    var reasons: [String: Int] = [:]
    for file in files { for row in file.rejectedRows { reasons[row.reason.code, default: 0] += 1 } }
    let reasonRows = reasons.keys.sorted().map { code -> HTML in
      "<li>\(reasonLabel(code)): \(reasons[code]!)</li>"
    }
    return """
      <section id="svarande"><h2>\(f.t("Vilka svarade", "Who answered"))</h2>
      <table><caption>\(f.t("Svarande per kommun och grupp", "Respondents per municipality and group"))</caption>
      <thead><tr>\(header)</tr></thead><tbody>\(rows)</tbody></table>
      <p>\(f.t("Rader i exporterna", "Rows in the exports")): \(totals.read); \(f.t("godtagna", "accepted")): \(totals.accepted); \(f.t("avvisade", "rejected")): \(totals.rejected) (\(f.t("avvisade rader och redovisningen per fil finns i analytikerns arbetsfiler, som inte följer med rapporten", "the rejected rows and the accounting per file are in the analyst's working files, which do not go with the report"))).</p>
      <ul>\(reasonRows)</ul>
      </section>
      """
  }

  func reasonLabel(_ code: String) -> String {
    switch code {
    case "missing_municipality": return f.t("kommun saknas", "municipality missing")
    case "unknown_municipality": return f.t("okänd kommun", "unknown municipality")
    case "duplicate_respondent": return f.t("dubblett av tidigare svar", "duplicate of an earlier answer")
    case "field_count": return f.t("fel antal fält", "wrong number of fields")
    case "file_not_imported": return f.t("filen kunde inte läsas", "the file could not be read")
    default: return f.t("annan orsak", "other reason") + " (\(code))"
    }
  }

  func count(_ n: Int?) -> HTML { n.map { "\($0)" } ?? "–" }

  func gapCell(_ gap: Double?, suppressed: Bool, n: Int?, certain: Bool = true) -> HTML {
    guard !suppressed, let gap else { return "<td class=\"num suppressed\">–</td>" }
    let c = Charts.gapClass(gap)
    let weak: HTML = certain ? "" : " weak"
    let nText: HTML = n.map { " <span class=\"n\">n=\($0)</span>" } ?? ""
    return "<td class=\"num heat h\(c)\(weak)\">\(f.number(gap))\(nText)</td>"
  }

  func heatmaps() -> HTML {
    func table(caption: String, groups: [(RollUp.Group, String)]) -> HTML {
      let head = groups.map { "<th scope=\"col\">\($0.1)</th>" as HTML }
      var rows: [HTML] = []
      for m in survey.county.municipalities.indices + [-1] {
        let scope = m < 0 ? Scope.county : Scope(municipality: m)
        let name = m < 0 ? f.t("Länet (alla)", "County (everyone)") : survey.county.municipalities[m].name
        let cells = groups.map { group, _ -> HTML in
          let r = results.rollUps[scope]?.first { $0.group == group }
          return gapCell(r?.gapMean, suppressed: r?.suppressed ?? true, n: r?.respondents)
        }
        rows.append("<tr><th scope=\"row\">\(name)</th>\(cells)</tr>")
      }
      return """
        <table class="heatmap"><caption>\(caption)</caption>
        <thead><tr><th scope="col">\(f.t("Kommun", "Municipality"))</th>\(head)</tr></thead><tbody>\(rows)</tbody></table>
        """
    }
    let sectionGroups = survey.sections.indices.compactMap { s -> (RollUp.Group, String)? in
      results.rollUps[.county]?.contains { $0.group == .section(s) } == true
        ? (.section(s), survey.sections[s].title) : nil
    }
    var areaGroups: [(RollUp.Group, String)] = []
    if let v = survey.heatmapTag {
      for (t, tag) in results.layout.tagValues.enumerated() where tag.vocabulary == v {
        areaGroups.append((.tag(t), survey.tagVocabularies[v].values[tag.value].label))
      }
    }
    var out: HTML = """
      <section id="karta"><h2>\(f.t("Gapen i länet", "The gaps across the county"))</h2>
      <p>\(f.t("Medelvärdet av påståendenas gap (önskat läge minus nuläge) per område; varje påstående väger lika. n: svarande bakom.", "The mean of the items' gaps (desired minus today) per area; every item weighs the same. n: respondents behind it."))</p>
      \(table(caption: f.t("Gap per kommun och avsnitt", "Gap per municipality and section"), groups: sectionGroups))
      """
    if !areaGroups.isEmpty {
      out =
        out
        + table(
          caption: f.t("Gap per kommun och utvecklingsområde", "Gap per municipality and development area"),
          groups: areaGroups)
    }
    return out + "</section>"
  }

  func largestGaps(_ scope: Scope) -> HTML {
    let items = (results.items[scope] ?? []).filter { !$0.suppressed && $0.gapMean != nil }
      .sorted { ($0.gapMean!, -$0.item) > ($1.gapMean!, -$1.item) }.prefix(10)
    let rows = items.map { g -> HTML in
      let item = itemOf(g.item)
      return
        "<tr><td>\(item.text)</td><td class=\"num\">\(f.number(g.currentMean))</td><td class=\"num\">\(f.number(g.desiredMean))</td>\(gapCell(g.gapMean, suppressed: false, n: nil, certain: g.isClearlyPositive))<td class=\"num\">\(f.number(g.gapCILow)) – \(f.number(g.gapCIHigh))</td><td class=\"num\">\(count(g.n))</td></tr>"
    }
    return """
      <section id="storst"><h2>\(f.t("De största gapen", "The largest gaps"))</h2>
      <table><caption>\(f.t("De tio påståenden där önskat läge ligger längst från nuläget", "The ten items where desired is furthest from today"))</caption>
      <thead><tr><th scope="col">\(f.t("Påstående", "Item"))</th><th scope="col">\(f.t("Nuläge", "Today"))</th><th scope="col">\(f.t("Önskat", "Desired"))</th><th scope="col">\(f.t("Gap", "Gap"))</th><th scope="col">\(f.t("95 % konfidensintervall", "95 % confidence interval"))</th><th scope="col">n</th></tr></thead>
      <tbody>\(rows)</tbody></table></section>
      """
  }

  func itemOf(_ p: Int) -> Item {
    let paired = results.layout.paired[p]
    return survey.sections[paired.section].items[paired.item]
  }

  func sections(_ scope: Scope, reference: Scope?) -> HTML {
    var out: [HTML] = ["<section id=\"avsnitt\"><h2>\(f.t("Avsnitt för avsnitt", "Section by section"))</h2>"]
    for (s, section) in survey.sections.enumerated() {
      let members = results.layout.paired.indices.filter { results.layout.paired[$0].section == s }
      guard !members.isEmpty, let first = members.first else { continue }
      let points = results.layout.paired[first].points
      let rows = members.map { p -> Charts.Row in
        let g = results.item(scope, p)
        let r = reference.flatMap { results.item($0, p) }
        return Charts.Row(
          label: itemOf(p).text, current: g?.currentMean, desired: g?.desiredMean, n: g?.n,
          certain: g?.isClearlyPositive ?? false, reference: r.map { ($0.currentMean, $0.desiredMean) })
      }
      let description = f.t(
        "Nuläge och önskat läge per påstående på skalan \(points.first ?? 1)–\(points.last ?? 5)\(reference == nil ? "" : "; länets värden markerade med streck").",
        "Today and desired per item on the scale \(points.first ?? 1)–\(points.last ?? 5)\(reference == nil ? "" : "; the county's values marked with ticks")."
      )
      let chart = Charts.dumbbell(
        id: "avsnitt-\(section.id)", title: section.title, description: description, rows: rows, low: points.first ?? 1,
        high: points.last ?? 5, f: f)
      // The county shows both county figures: pooled (the columns before) and the
      // municipalities' unweighted average, with how many municipalities it rests on.
      let averageHeader: HTML =
        scope.isCounty
        ? "<th scope=\"col\">\(f.t("Kommunmedelvärde av gapet", "Municipalities' average gap"))</th>" : ""
      func averageCell(_ p: Int) -> HTML {
        guard scope.isCounty else { return "" }
        let average = results.municipalityAverage[p]
        return
          "<td class=\"num\">\(f.number(average.gapMean)) <span class=\"n\">\(average.municipalities == 1 ? f.t("1 kommun", "1 municipality") : f.t("\(average.municipalities) kommuner", "\(average.municipalities) municipalities"))</span></td>"
      }
      let tableRows = members.map { p -> HTML in
        let g = results.item(scope, p)
        return
          "<tr><td>\(itemOf(p).text)</td><td class=\"num\">\(f.number(g?.currentMean))</td><td class=\"num\">\(f.number(g?.desiredMean))</td>\(gapCell(g?.gapMean, suppressed: g?.suppressed ?? true, n: nil, certain: g?.isClearlyPositive ?? false))<td class=\"num\">\(f.number(g?.gapCILow)) – \(f.number(g?.gapCIHigh))</td><td class=\"num\">\(count(g?.n))</td>\(averageCell(p))</tr>"
      }
      let bars = members.flatMap { p -> [(label: String, counts: [Int])] in
        guard let g = results.item(scope, p), let c = g.currentCounts, let d = g.desiredCounts else { return [] }
        // The statement itself, shortened to the label column (the table gives it whole).
        let text = itemOf(p).text
        let short = text.count > 28 ? String(text.prefix(27)).trimmingCharacters(in: .whitespaces) + "…" : text
        return [(short + " · " + f.t("nu", "today"), c), (short + " · " + f.t("önskat", "desired"), d)]
      }
      out.append(
        """
        <article class="section"><h3>\(section.title)</h3>\(section.description.map { "<p>\($0)</p>" as HTML } ?? "")
        <figure>\(chart)<figcaption>\(description)</figcaption></figure>
        <table><caption>\(f.t("Siffrorna i diagrammet", "The figures of the chart")): \(section.title)</caption>
        <thead><tr><th scope="col">\(f.t("Påstående", "Item"))</th><th scope="col">\(f.t("Nuläge", "Today"))</th><th scope="col">\(f.t("Önskat", "Desired"))</th><th scope="col">\(f.t("Gap", "Gap"))</th><th scope="col">\(f.t("95 % konfidensintervall", "95 % confidence interval"))</th><th scope="col">n</th>\(averageHeader)</tr></thead>
        <tbody>\(tableRows)</tbody></table>
        \(bars.isEmpty ? "" : distributionBlock(section, bars, points.count))
        \(commentBlock(scope, s))
        </article>
        """)
    }
    out.append("</section>")
    return HTML.join(out)
  }

  func distributionBlock(_ section: Section, _ bars: [(label: String, counts: [Int])], _ k: Int) -> HTML {
    let swatches = Charts.answerColours.map { "<span class=\"swatch\" style=\"background:\($0)\"></span>" as HTML }
    let description = f.t(
      "Andelen svar på varje skalsteg, från lägsta (brunt, vänster) till högsta (grönt, höger), för nuläge och önskat läge; mittlinjen går genom mittsteget.",
      "The share of answers at each scale point, from the lowest (brown, left) to the highest (green, right), for today and desired; the centre line runs through the middle point."
    )
    let k = bars.first?.counts.count ?? k
    let points = results.layout.paired.first { survey.sections[$0.section].id == section.id }?.points ?? Array(1...k)
    let head = points.map { "<th scope=\"col\">\($0)</th>" as HTML }
    let rows = bars.map { bar -> HTML in
      let n = bar.counts.reduce(0, +)
      let cells = bar.counts.map { c -> HTML in
        "<td class=\"num\">\(f.percent(n > 0 ? Double(c) / Double(n) : nil))</td>"
      }
      return "<tr><th scope=\"row\">\(bar.label)</th>\(cells)<td class=\"num\">\(n)</td></tr>"
    }
    return """
      <details><summary>\(f.t("Svarsfördelningar", "Answer distributions"))</summary>
      <p>\(swatches) \(description)</p>
      <div class="scroll">\(Charts.distribution(id: "fordelning-\(section.id)", title: f.t("Svarsfördelningar", "Answer distributions") + ": " + section.title, description: description, bars: bars))</div>
      <table><caption>\(f.t("Andel svar per skalsteg", "Share of answers per scale point")): \(section.title)</caption>
      <thead><tr><th scope="col">\(f.t("Påstående", "Item"))</th>\(head)<th scope="col">n</th></tr></thead><tbody>\(rows)</tbody></table>
      </details>
      """
  }

  /// A section's free text: only from places whose respondents are at least the minimum
  /// (`GapResults.textPlaces`); identical answers once, with their number.
  func commentBlock(_ scope: Scope, _ s: Int) -> HTML {
    guard let comments else { return "" }
    let places: [Int?] =
      scope.isCounty ? [nil] + survey.county.municipalities.indices.map(Optional.some) : [scope.municipality]
    var counts: [String: Int] = [:]
    var withheld = false
    for place in places {
      let texts = comments(place, s)
      guard results.textPlaces.contains(place) else {
        if !texts.isEmpty && !scope.isCounty { withheld = true }
        continue
      }
      for text in texts { counts[text, default: 0] += 1 }
    }
    if counts.isEmpty {
      guard withheld else { return "" }
      return """
        <p class="note">\(f.t("Det finns fritextsvar, men de visas inte: färre än \(results.minimumGroupSize) svarande i kommunen.", "There are free-text answers, but they are not shown: fewer than \(results.minimumGroupSize) respondents in the municipality."))</p>
        """
    }
    let total = counts.values.reduce(0, +)
    let items = counts.keys.sorted().map { text -> HTML in
      counts[text]! > 1 ? "<li>\(text) <span class=\"count\">(\(counts[text]!))</span></li>" : "<li>\(text)</li>"
    }
    // A plain list, not a disclosure widget: printed pages show it too.
    return """
      <h4>\(f.t("Fritextsvar", "Free-text answers")) (\(total))</h4>
      <ul class="comments">\(items)</ul>
      """
  }

  /// The flagged organisational gaps of one municipality, or (nil) of the county and
  /// every municipality.
  func organisationalGaps(municipality m: Int?) -> HTML {
    // The survey says which two groups to compare; without that there is no such part.
    guard let declared = survey.mellanrum else {
      return """
        <section id="mellanrum"><h2>\(f.t("Mellanrum", "Gaps between organisations"))</h2>
        <p class="note">\(f.t("Enkätdefinitionen anger inga två grupper att jämföra (report: mellanrum), så rapporten visar inga mellanrum.", "The survey definition names no two groups to compare (report: mellanrum), so the report shows no gaps between organisations."))</p>
        </section>
        """
    }
    // The thresholds as the analysis used them.
    let threshold = f.number(
      results.organisationalThreshold,
      results.organisationalThreshold.rounded() == results.organisationalThreshold ? 0 : 1)
    let level = f.number(GapResults.significanceLevel, 2)
    let groupValues = survey.dimensions[declared.dimension].values
    let (firstLabel, secondLabel) = (groupValues[declared.first].label, groupValues[declared.second].label)
    let rows = results.organisationalGaps.filter {
      (m == nil || $0.municipality == m) && !$0.suppressed && $0.regionCurrentMean != nil
    }
    .sorted { (abs($0.difference ?? 0), -$0.item) > (abs($1.difference ?? 0), -$1.item) }
    let shown = rows.filter(\.flagged)
    let placeHeader: HTML = m == nil ? "<th scope=\"col\">\(f.t("Var", "Where"))</th>" : ""
    let tableRows = shown.map { g -> HTML in
      let place: HTML =
        m == nil
        ? "<td>\(g.municipality.map { survey.county.municipalities[$0].name } ?? f.t("Hela länet", "The whole county"))</td>"
        : ""
      return
        "<tr>\(place)<td>\(itemOf(g.item).text)</td><td class=\"num\">\(f.number(g.regionCurrentMean)) <span class=\"n\">n=\(count(g.regionN))</span></td><td class=\"num\">\(f.number(g.municipalityCurrentMean)) <span class=\"n\">n=\(count(g.municipalityN))</span></td><td class=\"num\">\(f.signed(g.difference))</td><td class=\"num\">\(f.p(g.pAdjusted))</td></tr>"
    }
    let suppressedCount = results.organisationalGaps.filter { (m == nil || $0.municipality == m) && $0.suppressed }
      .count
    // Say why nothing is shown: no difference found, or none that could be shown.
    let compared = rows.count
    let noneShown =
      compared == 0
      ? f.t(
        "Ingen jämförelse kan visas: region- eller kommungruppen är för liten (färre än \(results.minimumGroupSize) svarande) eller saknas.",
        "No comparison can be shown: the region or the municipality group is too small (fewer than \(results.minimumGroupSize) respondents) or missing."
      )
      : f.t(
        "Av \(compared) jämförda påståenden skiljer sig inget så mycket eller så säkert.",
        "Of \(compared) items compared, none differs that much or that surely.")
    return """
      <section id="mellanrum"><h2>\(f.t("Mellanrum: där region och kommun ser olika på nuläget", "Gaps between organisations: where region and municipality see today differently"))</h2>
      <p>\(f.t("Påståenden där svarande från \(firstLabel) och från \(secondLabel) skattar nuläget minst \(threshold) skalsteg olika, eller där skillnaden är statistiskt säkerställd (justerat p-värde under \(level): p-värdet justerat för att många påståenden prövas samtidigt). Här kan ansvar falla mellan organisationerna.", "Items where respondents from \(firstLabel) and from \(secondLabel) rate today at least \(threshold) scale point\(results.organisationalThreshold == 1 ? "" : "s") apart, or where the difference is statistically significant (adjusted p below \(level): the p-value adjusted for testing many items at once). Here responsibility can fall between the organisations."))</p>
      \(shown.isEmpty ? "<p>\(noneShown)</p>" as HTML : """
      <table><caption>\(f.t("Nuläge enligt region och kommun", "Today according to region and municipality"))</caption>
      <thead><tr>\(placeHeader)<th scope="col">\(f.t("Påstående", "Item"))</th><th scope="col">\(firstLabel)</th><th scope="col">\(secondLabel)</th><th scope="col">\(f.t("Skillnad", "Difference"))</th><th scope="col">\(f.t("Justerat p-värde", "Adjusted p"))</th></tr></thead>
      <tbody>\(tableRows)</tbody></table>
      """)
      \(suppressedCount > 0 ? "<p class=\"note\">\(f.t("\(suppressedCount) jämförelser visas inte: för få svarande i någon av grupperna.", "\(suppressedCount) comparisons are not shown: too few respondents in one of the groups."))</p>" as HTML : "")
      </section>
      """
  }

  func comparison(_ m: Int) -> HTML {
    let rows = results.comparisons.filter { $0.municipality == m && $0.gapMean != nil }
    let different = rows.filter(\.significant)
    let tableRows = rows.map { c -> HTML in
      // The arrow for the eye, the words for a screen reader.
      let larger = (c.difference ?? 0) > 0
      let mark: HTML =
        c.significant
        ? " <span aria-hidden=\"true\">\(larger ? "▲" : "▼")</span><span class=\"sr-only\">\(larger ? f.t("statistiskt säkerställt större än i resten av länet", "significantly larger than in the rest of the county") : f.t("statistiskt säkerställt mindre än i resten av länet", "significantly smaller than in the rest of the county"))</span>"
        : ""
      return
        "<tr><td>\(itemOf(c.item).text)</td><td class=\"num\">\(f.number(c.gapMean)) <span class=\"n\">n=\(count(c.n))</span></td><td class=\"num\">\(f.number(c.countyGapMean))</td><td class=\"num\">\(f.number(c.municipalityAverageGapMean))</td><td class=\"num\">\(f.signed(c.difference))\(mark)</td><td class=\"num\">\(f.p(c.pAdjusted))</td><td class=\"num\">\(c.rank.map(String.init) ?? "–")</td></tr>"
    }
    return """
      <section id="jamforelse"><h2>\(f.t("Jämfört med länet", "Compared with the county"))</h2>
      <p>\(f.t("Kommunens gap per påstående bredvid länets (alla svarande) och kommunmedelvärdet (varje kommun väger lika). Skillnaden prövas mot resten av länet (utan kommunens egna svar). ▲ betyder att kommunens gap är statistiskt säkerställt större än i resten av länet, ▼ att det är statistiskt säkerställt mindre; p-värdet är justerat för att många påståenden prövas samtidigt. Rang 1 är största gapet bland kommunerna.", "The municipality's gap per item beside the county's (all respondents) and the municipalities' average (each weighing the same). The difference is tested against the rest of the county (the municipality's own answers left out). ▲ means the municipality's gap is significantly larger than in the rest of the county, ▼ significantly smaller; the p-value is adjusted for testing many items at once. Rank 1 is the largest gap among the municipalities."))</p>
      <p>\(f.t("Statistiskt säkerställda skillnader mot resten av länet", "Significant differences from the rest of the county")): \(different.count)</p>
      <table><caption>\(f.t("Kommunen och länet", "The municipality and the county"))</caption>
      <thead><tr><th scope="col">\(f.t("Påstående", "Item"))</th><th scope="col">\(f.t("Kommunens gap", "Municipality's gap"))</th><th scope="col">\(f.t("Länets gap", "County gap"))</th><th scope="col">\(f.t("Kommunmedel", "Municipalities' average"))</th><th scope="col">\(f.t("Skillnad", "Difference"))</th><th scope="col">\(f.t("Justerat p-värde", "Adjusted p"))</th><th scope="col">\(f.t("Rang", "Rank"))</th></tr></thead>
      <tbody>\(tableRows)</tbody></table></section>
      """
  }

  /// Rating and choice questions: each answer's share with its 95 % Wilson interval.
  func otherAnswers(_ scope: Scope) -> HTML {
    let all = results.answerShares[scope] ?? []
    guard !all.isEmpty else { return "" }
    let tables = all.map { shares -> HTML in
      let single = results.layout.singles[shares.item]
      let item = survey.sections[single.section].items[single.item]
      // A scale point shows its value beside its label; an option its label.
      let labels = SurveyDocuments.answerOptions(single, survey).map {
        single.isChoice ? $0.label : "\($0.id) \($0.label)"
      }
      let rows = labels.enumerated().map { i, label -> HTML in
        let share = shares.shares?[i]
        return
          "<tr><th scope=\"row\">\(label)</th><td class=\"num\">\(f.percent(share?.share))</td><td class=\"num\">\(f.percent(share?.low)) – \(f.percent(share?.high))</td></tr>"
      }
      return """
        <table><caption>\(item.text) (n = \(count(shares.n)))</caption>
        <thead><tr><th scope="col">\(f.t("Svar", "Answer"))</th><th scope="col">\(f.t("Andel", "Share"))</th><th scope="col">\(f.t("95 % konfidensintervall", "95 % confidence interval"))</th></tr></thead>
        <tbody>\(rows)</tbody></table>
        """
    }
    return """
      <section id="andra-fragor"><h2>\(f.t("Frågor med svarsalternativ", "Questions with answer options"))</h2>
      <p>\(f.t("Andelen av dem som svarat på frågan, med 95-procentigt konfidensintervall (Wilsons metod). – betyder för få svar att visa.", "The share of those who answered the question, with a 95 % confidence interval (Wilson's method). – means too few answers to show."))</p>
      \(tables)
      </section>
      """
  }

  func priorities(_ scope: Scope) -> HTML {
    let all = results.priorities[scope] ?? []
    let list = Array(all.prefix(15))
    let points = list.enumerated().compactMap { i, p -> (number: Int, current: Double, gap: Double, certain: Bool)? in
      guard let g = results.item(scope, p), let c = g.currentMean, let gap = g.gapMean else { return nil }
      return (i + 1, c, gap, g.isClearlyPositive)
    }
    let scale = results.layout.paired.first?.points ?? [1, 5]
    let quadrants = [
      f.t("Lågt nu, stort gap: börja här", "Low today, large gap: start here"),
      f.t("Högt nu, stort gap: bygg vidare", "High today, large gap: build on"),
      f.t("Lågt nu, litet gap: bevaka", "Low today, small gap: keep watch"),
      f.t("Högt nu, litet gap: behåll", "High today, small gap: keep"),
      f.t("Nuläge", "Today"), f.t("Gap", "Gap"),
    ]
    let description = f.t(
      "Varje prioriterat påstående (numrerat som i listan) efter nuläge (vågrätt) och gap (lodrätt). Linjerna delar vid skalans mitt och vid gapet 1.",
      "Each priority item (numbered as in the list) by today's level (across) and gap (up). The lines divide at the middle of the scale and at a gap of 1."
    )
    let matrix =
      points.isEmpty
      ? "" as HTML
      : Charts.matrix(
        id: "matris", title: f.t("Prioriteringsmatris", "Priority matrix"), description: description, points: points,
        low: scale.first ?? 1, high: scale.last ?? 5, quadrants: quadrants)
    let items = list.enumerated().map { i, p -> HTML in
      let g = results.item(scope, p)
      return
        "<li value=\"\(i + 1)\">\(itemOf(p).text) — \(f.t("gap", "gap")) \(f.number(g?.gapMean)) (\(f.number(g?.gapCILow))–\(f.number(g?.gapCIHigh)), n=\(count(g?.n)))</li>"
    }
    return """
      <section id="prioriteringar"><h2>\(f.t("Prioriteringar", "Priorities"))</h2>
      <p>\(f.t("Påståenden vars gap säkert är större än noll, största först: underlaget till nästa steg i planen, hur vi agerar tillsammans.", "Items whose gap is surely above zero, largest first: the input to the plan's next step, how to act together."))</p>
      <div class="priorities"><figure>\(matrix)<figcaption>\(description)</figcaption></figure>
      <ol>\(items)</ol></div>
      \(all.count > list.count ? "<p class=\"note\">\(f.t("De \(list.count) största av \(all.count); alla finns i", "The \(list.count) largest of \(all.count); all of them are in")) <a href=\"\(root(scope))csv/priorities.csv\">csv/priorities.csv</a>.</p>" as HTML : "")
      </section>
      """
  }

  /// The follow-up against a baseline: every item's gap then and now.
  func changes(_ scope: Scope) -> HTML {
    guard let followUp, let rows = followUp[scope] else { return "" }
    let shown = rows.filter { $0.gapChange != nil }
    let tableRows = shown.map { c -> HTML in
      let now = results.item(scope, c.item)
      return
        "<tr><td>\(itemOf(c.item).text)</td><td class=\"num\">\(f.number(c.baseline?.gapMean)) <span class=\"n\">n=\(count(c.baseline?.n))</span></td><td class=\"num\">\(f.number(now?.gapMean)) <span class=\"n\">n=\(count(now?.n))</span></td><td class=\"num\">\(f.signed(c.gapChange))</td><td class=\"num\">\(f.signed(c.currentChange))</td></tr>"
    }
    return """
      <section id="uppfoljning"><h2>\(f.t("Uppföljning", "Follow-up"))</h2>
      <p>\(f.t("Gapet nu och vid förra kartläggningen, och hur nuläget har ändrats (nu minus då). Ett minskande gap betyder att nuläget närmat sig det önskade.", "The gap now and at the previous mapping, and how today's level changed (now minus then). A shrinking gap means today has come closer to the desired state."))</p>
      \(shown.isEmpty ? "<p>\(f.t("Inga jämförbara siffror.", "No comparable figures."))</p>" as HTML : """
      <table><caption>\(f.t("Förändring sedan förra kartläggningen", "Change since the previous mapping"))</caption>
      <thead><tr><th scope="col">\(f.t("Påstående", "Item"))</th><th scope="col">\(f.t("Gap då", "Gap then"))</th><th scope="col">\(f.t("Gap nu", "Gap now"))</th><th scope="col">\(f.t("Förändring av gapet", "Change of the gap"))</th><th scope="col">\(f.t("Förändring av nuläget", "Change of today"))</th></tr></thead>
      <tbody>\(tableRows)</tbody></table>
      """)
      </section>
      """
  }

  func root(_ scope: Scope) -> String { scope.municipality == nil ? "" : "../" }

  func method() -> HTML {
    """
    <section id="metod"><h2>\(f.t("Om siffrorna", "About the figures"))</h2>
    <p>\(f.t("Varje påstående skattas två gånger på samma skala: hur det är i dag (nuläge) och hur det borde vara (önskat läge). Gapet är önskat läge minus nuläge, räknat för dem som svarat på båda. Medelvärdena räknas på exakt samma svarande, så gapet är skillnaden mellan dem.", "Every item is rated twice on the same scale: how it is today and how it should be. The gap is desired minus today, for those who answered both; the means are over exactly those respondents, so the gap is their difference."))</p>
    <p>\(f.t("Konfidensintervallet (95 %) visar hur säkert gapet är: om det inte når ned till noll är gapet statistiskt säkerställt. Att nuläge och önskat läge kommer från samma person prövas med parade test (t-test och Wilcoxons teckenrangtest).", "The 95 % confidence interval shows how sure the gap is: if it does not reach zero, the gap is statistically significant. Since today and desired come from the same person, the tests are paired (t-test and Wilcoxon's signed-rank test)."))</p>
    <p>\(f.t("Länet redovisas på två sätt: länets värde (alla svarande tillsammans, som i officiell statistik; stora kommuner väger mer) och kommunmedelvärdet (medel av kommunernas värden; varje kommun väger lika, som Koladas ovägda medel).", "The county is shown two ways: the county figure (all respondents together, as in official statistics; large municipalities weigh more) and the municipalities' average (the mean of the municipalities' figures; each weighs the same, like Kolada's unweighted mean)."))</p>
    <p>\(f.t("En kommun jämförs med resten av länet (utan kommunens egna svar) med Welchs t-test och Mann–Whitneys test; p-värdena justeras för att många påståenden prövas samtidigt (Benjamini–Hochberg).", "A municipality is compared with the rest of the county (its own answers left out) with Welch's t-test and the Mann–Whitney test; the p-values are adjusted for testing many items at once (Benjamini–Hochberg)."))</p>
    <p>\(f.t("Grupper med färre än \(results.minimumGroupSize) svarande visas inte (–), och inte heller siffror som tillsammans med andra skulle avslöja en sådan grupp. Alla siffror finns också i csv/items.csv, och kodboken beskriver frågorna.", "Groups with fewer than \(results.minimumGroupSize) respondents are not shown (–), nor figures that together with others would give such a group away. Every figure is also in csv/items.csv, and the codebook describes the questions."))</p>
    </section>
    """
  }

  // MARK: The page

  func page(title: String, body: [HTML], root: String) -> String {
    // Every printed page says which report it belongs to, and which page it is.
    let running: HTML = """
      @page{@top-left{content:\(HTML.cssString(title + " · " + survey.title));font:8pt system-ui,sans-serif;color:#4a4a4a}\
      @top-right{content:counter(page) " / " counter(pages);font:8pt system-ui,sans-serif;color:#4a4a4a}}
      """
    return HTML.document(
      language: f.swedish ? "sv" : "en", title: title, css: Self.css + running,
      body: """
        <main>
        \(body)
        </main>
        <footer><p>\(f.t("Skapad av kartlagg", "Made by kartlagg")) · <a href="\(root)csv/items.csv">\(f.t("Alla siffror som CSV", "Every figure as CSV"))</a> · <a href="\(root)codebook.html">\(f.t("Kodbok", "Codebook"))</a></p></footer>
        """)
  }

  static let css: HTML = """
    .sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#fff;margin:0;line-height:1.45}
    main{max-width:64rem;margin:0 auto;padding:1rem 1.5rem}
    header .kicker{color:#4a4a4a;margin:0;font-size:.9rem}
    h1{margin:.2rem 0 .5rem;font-size:2rem}
    h2{margin-top:2.2rem;border-bottom:2px solid #08519c;padding-bottom:.2rem}
    h3{margin-top:1.6rem}
    nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem .9rem}
    a{color:#0b4a8b}
    table{border-collapse:collapse;margin:.8rem 0;font-size:.92rem;width:100%}
    caption{text-align:left;font-weight:600;padding:.3rem 0}
    th,td{border:1px solid #c8c8c8;padding:.3rem .45rem;vertical-align:top;position:relative}
    thead th{background:#f0f0f0;text-align:left}
    td.num{text-align:right;white-space:nowrap}
    .heatmap{font-size:.8rem}
    .heatmap th,.heatmap td{padding:.25rem .3rem}
    .heatmap .n{display:block;font-size:.85em}
    .n{color:#4a4a4a;font-size:.8em}
    .heat.h0{background:#eff3ff}.heat.h1{background:#c6dbef}.heat.h2{background:#9ecae1}
    .heat.h3{background:#6baed6}.heat.h4{background:#2171b5;color:#fff}.heat.h5{background:#08519c;color:#fff}
    .heat .n{color:inherit}
    .heat.weak{background:repeating-linear-gradient(45deg,#f2f2f2 0 4px,#e0e0e0 4px 8px);color:#1a1a1a}
    .suppressed{color:#4a4a4a;text-align:center}
    .legend{background:#f7f7f7;border:1px solid #d0d0d0;padding:.4rem 1rem;margin:1rem 0}
    .legend h2{border:0;margin-top:.4rem;font-size:1.1rem}
    .swatch{display:inline-block;width:1.1em;height:1.1em;border:1px solid #999;vertical-align:middle;margin:0 .2em 0 .6em}
    svg .grid{stroke:#d9d9d9;stroke-width:1}
    svg .axis{font-size:11px;fill:#4a4a4a;text-anchor:middle}
    svg .label{font-size:12px;fill:#1a1a1a}
    svg .n{font-size:11px;fill:#4a4a4a}
    svg .gap{stroke:#08519c;stroke-width:5}
    .swatch.weak{background:repeating-linear-gradient(45deg,#f2f2f2 0 3px,#e0e0e0 3px 6px)}
    svg .gap.weak{stroke:#9ecae1;stroke-dasharray:4 3}
    svg .current{fill:#fff;stroke:#1a1a1a;stroke-width:2}
    svg .desired{fill:#08519c;stroke:#08519c;stroke-width:2}
    svg .reference{stroke:#a6611a;stroke-width:3}
    svg .centre{stroke:#1a1a1a;stroke-width:1}
    svg .frame{fill:none;stroke:#999}
    svg .quadrant{font-size:11px;fill:#4a4a4a}
    svg .quadrant.end{text-anchor:end}
    svg .point{fill:#08519c}
    svg .point.weak{fill:#9ecae1}
    svg .pointlabel{font-size:10px;fill:#fff;text-anchor:middle;font-weight:700}
    figure{margin:1rem 0;max-width:100%;overflow-x:auto}
    .scroll{max-width:100%;overflow-x:auto}
    figcaption{font-size:.85rem;color:#4a4a4a}
    .priorities{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
    .priorities ol{flex:1 1 18rem}
    .note{color:#4a4a4a;font-size:.9rem}
    details{margin:.6rem 0;max-width:100%;overflow-x:auto}
    @media screen and (max-width:48rem){table{display:block;overflow-x:auto}}
    footer{max-width:60rem;margin:2rem auto;padding:0 1.5rem;color:#4a4a4a;font-size:.85rem}
    @media print{
      @page{size:A4;margin:15mm}
      body{font-size:10pt}
      main{max-width:none;padding:0}
      nav,footer a{display:none}
      h2,h3,h4{break-after:avoid}
      figure,tr{break-inside:avoid}
      thead{display:table-header-group}
      #svarande table{font-size:7.5pt}
      #svarande th{overflow-wrap:anywhere}
      details{display:none}
      a{color:inherit;text-decoration:none}
    }
    """
}
