import GapAnalysis
import LibCSV
import SourceDiagnostics
import SurveyModel

/// Documents made from a survey definition alone: the empty export template for
/// municipalities that collect answers in a spreadsheet, and the codebook for whoever sets
/// the survey up in an enquiry tool.
public enum SurveyDocuments {
  /// An empty export with the definition's column headers, in kartlagg's layout.
  ///
  /// Two header rows: the column names, then what each column asks and which answers it
  /// takes, in brackets ("Vi möts regelbundet – Nuläge [1–5: Stämmer inte alls … Stämmer
  /// helt; eller Vet ej]"), so that whoever fills it in needs no codebook beside it.
  /// kartlagg's import takes the second row for a header row (every cell ends in "]").
  public static func template(for survey: Survey, format: CSVOutputFormat) -> [UInt8] {
    var encoder = CSVEncoder(format: format)
    encoder.append(texts: survey.templateColumns)
    encoder.append(texts: templateDescriptions(for: survey))
    return encoder.bytes
  }

  /// The template's second row, column by column (as `Survey.templateColumns`).
  public static func templateDescriptions(for survey: Survey) -> [String] {
    var out: [String] = []
    if let id = survey.respondentIDColumn {
      out.append("\(id.question ?? "Svarande-id") [valfri text, unik per svarande]")
    }
    let m = survey.municipalityColumn
    let example = survey.county.municipalities.first.map { " (t.ex. \($0.name) eller \($0.code))" } ?? ""
    out.append(
      "\(m.question ?? "Kommun") [kommunens namn eller kod\(example); \(survey.county.countyWide.name) för hela länet]")
    for d in survey.dimensions {
      out.append("\(d.location.question ?? d.label) [\(d.values.map(\.label).joined(separator: " / "))]")
    }
    for slot in survey.slots {
      let item = survey.sections[slot.section].items[slot.item]
      let question = slot.location.question ?? "\(item.text) – \(roleName(slot.role))"
      out.append("\(question) [\(answers(item, survey))]")
    }
    return out
  }

  static func roleName(_ role: AnswerRole) -> String {
    switch role {
    case .current: "Nuläge"
    case .desired: "Önskat läge"
    case .rating: "Skattning"
    case .choice: "Val"
    case .text: "Fritext"
    }
  }

  /// The answers an item takes, in words.
  static func answers(_ item: Item, _ survey: Survey) -> String {
    switch item.kind {
    case .paired(let id, _, _), .rating(let id, _):
      guard let scale = survey.scale(id: id), let low = scale.points.first, let high = scale.points.last else {
        return id
      }
      let none = scale.noAnswerLabels.first.map { "; eller \($0)" } ?? ""
      return "\(low.value)–\(high.value): \(low.label) … \(high.label)\(none)"
    case .choice(let options, let none, _): return (options.map(\.label) + none).joined(separator: " / ")
    case .text: return "fritext"
    }
  }

  /// The codebook: every column, question, scale and tag of the definition, as one
  /// self-contained HTML page (Swedish). Every text from the definition is escaped.
  ///
  /// One row per statement: its text (and id), its current and its desired column side by
  /// side, its answers (the scale by name, spelt out under "Skalor") and its tags as short
  /// labels (the value ids, spelt out under "Taggar"); an item answered once spans both
  /// columns. A column's question text is shown only where it is not the statement's own
  /// text with " – Nuläge" or " – Önskat läge" after it. It prints on A4.
  public static func codebook(for survey: Survey) -> String {
    var rows: [HTML] = []
    func row(_ column: String, _ question: String, _ answer: String, _ other: String = "") {
      rows.append("<tr><td><code>\(column)</code></td><td>\(question)</td><td>\(answer)</td><td>\(other)</td></tr>\n")
    }
    func aliases(_ l: AnswerLocation) -> String {
      l.aliases.isEmpty ? "" : "Även: " + l.aliases.joined(separator: ", ")
    }
    if let id = survey.respondentIDColumn {
      row(id.column, id.question ?? "Svarande-id", "Text, unikt per svarande", aliases(id))
    }
    let m = survey.municipalityColumn
    row(
      m.column, m.question ?? "Kommun",
      "Kommunens namn eller kod (t.ex. \(survey.county.municipalities.first.map { "\($0.name) eller \($0.code)" } ?? "")); \(survey.county.countyWide.name) för svar som gäller hela länet",
      aliases(m))
    for d in survey.dimensions {
      row(
        d.location.column, d.location.question ?? d.label, d.values.map(\.label).joined(separator: " / "),
        aliases(d.location))
    }
    var itemRows: [HTML] = []
    for section in survey.sections {
      itemRows.append("<tr class=\"section\"><th colspan=\"5\" scope=\"rowgroup\">\(section.title)</th></tr>\n")
      for item in section.items {
        let tags = HTML.join(
          item.tags.keys.sorted().flatMap { key in
            (item.tags[key] ?? []).map { v -> HTML in
              let vocabulary = survey.vocabulary(id: key)
              let label = vocabulary?.values.first { $0.id == v }?.label ?? v
              return "<span class=\"tag\" title=\"\(vocabulary?.label ?? key): \(label)\">\(v)</span> "
            }
          })
        var columns: [HTML] = []
        for (location, role) in zip(item.locations, item.roles) {
          let own = [item.text, item.text + " – " + roleName(role)]
          let question: HTML =
            location.question.map { own.contains($0) ? "" : "<br><span class=\"question\">\($0)</span>" } ?? ""
          // A long column name breaks after an underscore, not inside a word.
          let name = HTML.join(
            location.column.split(separator: "_", omittingEmptySubsequences: false).map { "\(String($0))" },
            separator: "_<wbr>")
          columns.append("<code>\(name)</code>\(question)")
        }
        let cells: HTML =
          columns.count == 2
          ? "<td class=\"now\">\(columns[0])</td><td class=\"desired\">\(columns[1])</td>"
          : "<td colspan=\"2\" class=\"single\">\(HTML.join(columns, separator: "<br>"))</td>"
        itemRows.append(
          "<tr><th scope=\"row\">\(item.text) <span class=\"id\">\(item.id)</span></th>\(cells)<td class=\"answer\">\(shortAnswers(item, survey))</td><td class=\"tags\">\(tags)</td></tr>\n"
        )
      }
    }
    var scales: [HTML] = []
    for scale in survey.scales {
      let points = HTML.join(scale.points.map { "<li><strong>\($0.value)</strong> = \($0.label)</li>" })
      let none = (scale.noAnswerLabels + scale.noAnswerCodes).joined(separator: ", ")
      scales.append("<h3>\(scale.id)</h3><ul>\(points)</ul><p>Inget svar: tomt\(none.isEmpty ? "" : ", " + none)</p>\n")
    }
    var vocabularies: [HTML] = []
    for v in survey.tagVocabularies {
      let values = HTML.join(v.values.map { "<li><code>\($0.id)</code> – \($0.label)</li>" })
      vocabularies.append("<h3>\(v.label) <code>\(v.id)</code></h3><ul>\(values)</ul>\n")
    }
    let municipalities = HTML.join(survey.county.municipalities.map { "<li>\($0.code) \($0.name)</li>" })
    let body: HTML = """
      <main>
      <h1>Kodbok: \(survey.title)</h1>
      <p>Enkät <code>\(survey.id)</code>, formatversion \(survey.version). Kolumnnamnen nedan är de kartlagg känner igen; en export kan också ha frågetexten eller ett alias som rubrik (frågetexten för ett påståendes två kolumner är påståendet följt av ”– Nuläge” och ”– Önskat läge”, där inget annat står). Grupper med färre än \(survey.minimumGroupSize) svar redovisas inte. Frågorna som en svarande ser dem står i frågeformuläret, <a href="questionnaire.html">questionnaire.html</a>.</p>
      <h2>Svarande</h2>
      <table tabindex=0 class="people">
      <thead><tr><th scope="col">Kolumn</th><th scope="col">Fråga</th><th scope="col">Svar</th><th scope="col">Övrigt</th></tr></thead>
      <tbody>
      \(rows)</tbody>
      </table>
      <h2>Frågor</h2>
      <table tabindex=0 class="items">
      <colgroup><col class="statement"><col class="code"><col class="code"><col class="answer"><col class="tags"></colgroup>
      <thead><tr><th scope="col">Påstående</th><th scope="col">Nuläge</th><th scope="col">Önskat läge</th><th scope="col">Svar</th><th scope="col">Taggar</th></tr></thead>
      <tbody>
      \(itemRows)</tbody>
      </table>
      <h2>Skalor</h2>
      \(scales)
      <h2>Taggar</h2>
      \(vocabularies)
      <h2>Kommuner i \(survey.county.name)</h2>
      <ul>\(municipalities)</ul>
      </main>
      """
    return HTML.document(language: .sv, title: "Kodbok – \(survey.title)", css: Self.css, body: body)
  }

  /// An item's answers in a few words, for the codebook's narrow column: a scale by its id
  /// and range ("instamning 1–5"), a choice's options, free text.
  static func shortAnswers(_ item: Item, _ survey: Survey) -> String {
    switch item.kind {
    case .paired(let id, _, _), .rating(let id, _):
      guard let scale = survey.scale(id: id), let low = scale.points.first, let high = scale.points.last else {
        return id
      }
      // Word joiners: the range never breaks at its dash.
      return "\(id) \(low.value)\u{2060}–\u{2060}\(high.value)"
    case .choice(let options, let none, _): return (options.map(\.label) + none).joined(separator: " / ")
    case .text: return "fritext"
    }
  }

  static let css: HTML = """
      body { font-family: system-ui, sans-serif; color: #1a1a1a; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
      table { border-collapse: collapse; width: 100%; margin: 1rem 0 2rem; }
      th, td { border: 1px solid #b9b9b9; padding: .35rem .5rem; text-align: left; vertical-align: top; }
      thead th { background: #e8e8e8; }
      tbody th { font-weight: normal; }
      tr.section th { background: #f3f3f3; font-weight: bold; }
      code { font-size: .9em; overflow-wrap: break-word; }
      .id { color: #595959; font-size: .85em; font-family: monospace; }
      .question { color: #3d3d3d; font-size: .9em; }
      .tag { display: inline-block; border: 1px solid #8a8a8a; border-radius: .6em; padding: 0 .35em; margin: 0 .1em .15em 0; font-size: .8em; white-space: nowrap; }
      table.items { table-layout: fixed; }
      col.statement { width: 32%; } col.code { width: 17%; } col.answer { width: 12%; } col.tags { width: 22%; }
      @page { size: A4; margin: 12mm; }
      @media print {
        body { margin: 0; max-width: none; font-size: 8.5pt; line-height: 1.3; }
        th, td { padding: .15rem .3rem; }
        table { page-break-inside: auto; margin: .5rem 0 1rem; } tr { page-break-inside: avoid; }
        thead { display: table-header-group; }
        a { color: inherit; }
      }
      @media screen and (max-width: 48rem) {
        table.items, table.items thead, table.items tbody, table.items tr, table.items th, table.items td { display: block; width: auto; }
        table.items thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        table.items tr { border: 1px solid #b9b9b9; margin-bottom: .5rem; }
        table.items td, table.items tbody th { border: none; }
        table.items td { padding: .1rem .5rem; }
        td.now::before { content: "Nuläge: "; } td.desired::before { content: "Önskat läge: "; } td.single::before { content: "Kolumn: "; }
        td.answer::before { content: "Svar: "; }
        table.people { display: block; overflow-x: auto; }
      }
    """
}
