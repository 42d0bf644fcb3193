import SourceDiagnostics
import SurveyModel

extension SurveyDocuments {
  /// The printable questionnaire (`questionnaire.html`, beside the codebook): the questions
  /// as a respondent sees them, for municipalities that collect answers on paper, in the
  /// survey's language. Every text from the definition is escaped.
  ///
  /// First the background questions (municipality, then each dimension) with a box per
  /// answer; then section by section a table per scale: each statement a row, with a box
  /// for each of the scale's points and no-answer labels, first for how it is today and
  /// then for how it should be (a rating item only once); the scale's labels stand over
  /// the section. A choice question gets a box per option, free text a few ruled lines.
  /// It prints on A4, a section never starting at the foot of a page.
  public static func questionnaire(for survey: Survey) -> String {
    func t(_ phrase: DocumentPhrase) -> String { phrase.text(survey.language) }
    func options(_ name: String, _ labels: [String]) -> HTML {
      let boxes = HTML.join(labels.map { "<li><span class=\"box\" aria-hidden=\"true\"></span> \($0)</li>" })
      return "<fieldset><legend>\(name)</legend><ul class=\"options\">\(boxes)</ul></fieldset>\n"
    }

    var background: [HTML] = []
    let m = survey.municipalityColumn
    background.append(
      options(
        m.question ?? t(.municipality),
        survey.county.municipalities.map(\.name) + [survey.county.countyWide.name]))
    for d in survey.dimensions { background.append(options(d.location.question ?? d.label, d.values.map(\.label))) }

    var sections: [HTML] = []
    for section in survey.sections {
      var parts: [HTML] = []
      // Consecutive scale items of one scale and shape share one table.
      var run: (scale: Scale, paired: Bool, items: [Item])? = nil
      func flush() {
        guard let r = run else { return }
        parts.append(scaleTable(r.scale, paired: r.paired, items: r.items, t))
        run = nil
      }
      for item in section.items {
        switch item.kind {
        case .paired(let id, _, _), .rating(let id, _):
          guard let scale = survey.scale(id: id) else { continue }
          let paired: Bool
          if case .paired = item.kind { paired = true } else { paired = false }
          if let r = run, r.scale.id == scale.id, r.paired == paired {
            run!.items.append(item)
          } else {
            flush()
            run = (scale, paired, [item])
          }
        case .choice(let choices, let none, _):
          flush()
          parts.append(options(item.text, choices.map(\.label) + none))
        case .text:
          flush()
          parts.append(
            "<div class=\"free\"><p class=\"q\">\(item.text)</p><div class=\"lines\" aria-hidden=\"true\"><span></span><span></span><span></span></div></div>\n"
          )
        }
      }
      flush()
      let description: HTML = section.description.map { "<p>\($0)</p>" } ?? ""
      sections.append("<section><h2>\(section.title)</h2>\(description)\(HTML.join(parts))</section>\n")
    }

    let intro = t(.questionnaireIntro(noAnswer: survey.scales.first?.noAnswerLabels.first ?? t(.noAnswerDefault)))
    let period: HTML = survey.period.map { "<p>\(t(.period)): \($0)</p>" } ?? ""
    let body: HTML = """
      <main>
      <h1>\(survey.title)</h1>
      \(period)<p>\(intro)</p>
      <section><h2>\(t(.aboutYou))</h2>
      \(HTML.join(background))</section>
      \(HTML.join(sections))
      <p class="thanks">\(t(.thanks))</p>
      </main>
      """
    return HTML.document(
      language: survey.language, title: t(.questionnaire) + " – \(survey.title)",
      css: questionnaireCSS, body: body)
  }

  /// One table of statements on one scale: a box per point and no-answer label, for the
  /// current and the desired state (or once, for a rating).
  static func scaleTable(_ scale: Scale, paired: Bool, items: [Item], _ t: (DocumentPhrase) -> String) -> HTML {
    let answers = scale.points.map { ("\($0.value)", $0.label) } + scale.noAnswerLabels.map { ($0, $0) }
    let parts = paired ? [t(.current), t(.desired)] : [t(.answer)]
    let legend = HTML.join(
      scale.points.map { "<span><strong>\($0.value)</strong> = \($0.label)</span>" }, separator: " · ")
    var head1: HTML = "<th scope=\"col\" rowspan=\"2\" class=\"statement\">\(t(.statement))</th>"
    var head2: HTML = ""
    for (k, part) in parts.enumerated() {
      head1 =
        head1
        + "<th scope=\"colgroup\" colspan=\"\(answers.count)\" class=\"part\(k > 0 ? " second" : "")\">\(part)</th>"
      for (i, answer) in answers.enumerated() {
        let first = k > 0 && i == 0 ? " second" : ""
        let short: HTML = answer.0 == answer.1 ? "<span class=\"small\">\(answer.0)</span>" : "\(answer.0)"
        head2 = head2 + "<th scope=\"col\" class=\"point\(first)\"><span class=\"sr\">\(part): </span>\(short)</th>"
      }
    }
    // The columns: the statement, then per part a narrow one per point and a wider one per
    // no-answer label (its words stand over it).
    let widths =
      scale.points.map { _ in "<col class=\"point\">" as HTML }
      + scale.noAnswerLabels.map { _ in "<col class=\"none\">" as HTML }
    let columns: HTML = "<colgroup><col class=\"statement\">\(HTML.join(parts.flatMap { _ in widths }))</colgroup>"
    var rows: [HTML] = []
    for item in items {
      var cells: HTML = ""
      for k in parts.indices {
        for i in answers.indices {
          cells = cells + "<td class=\"box\(k > 0 && i == 0 ? " second" : "")\"><span aria-hidden=\"true\"></span></td>"
        }
      }
      rows.append("<tr><th scope=\"row\">\(item.text)</th>\(cells)</tr>\n")
    }
    return """
      <table class="scale" tabindex=0><caption class="legend">\(legend)</caption>\(columns)
      <thead><tr>\(head1)</tr><tr>\(head2)</tr></thead>
      <tbody>
      \(HTML.join(rows))</tbody>
      </table>

      """
  }

  static let questionnaireCSS: HTML = """
      body { font-family: system-ui, sans-serif; color: #1a1a1a; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.4; }
      h2 { margin-top: 1.5rem; border-bottom: 2px solid #1a1a1a; }
      table.scale { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; table-layout: fixed; }
      table.scale th, table.scale td { border: 1px solid #8a8a8a; padding: .3rem .25rem; vertical-align: middle; }
      table.scale col.statement { width: 34%; } table.scale col.none { width: 3.4em; }
      table.scale th.statement { text-align: left; }
      table.scale tbody th { text-align: left; font-weight: normal; }
      table.scale th.point, table.scale th.part { text-align: center; }
      table.scale .second { border-left: 3px solid #1a1a1a; }
      td.box span { display: block; width: .9rem; height: .9rem; margin: auto; border: 1.5px solid #1a1a1a; }
      .small { font-size: .7em; font-weight: normal; display: block; line-height: 1.1; }
      .legend span { white-space: nowrap; }
      .legend { font-size: .9em; margin: .75rem 0 .25rem; text-align: left; caption-side: top; padding-bottom: .25rem; }
      fieldset { border: none; padding: 0; margin: .75rem 0; }
      legend { font-weight: bold; padding: 0; }
      ul.options { list-style: none; padding: 0; margin: .3rem 0; display: flex; flex-wrap: wrap; gap: .3rem 1.5rem; }
      span.box { display: inline-block; width: .9rem; height: .9rem; border: 1.5px solid #1a1a1a; vertical-align: -.1rem; }
      .free .q { font-weight: bold; margin-bottom: .3rem; }
      .free .lines span { display: block; height: 2rem; border-bottom: 1px solid #8a8a8a; }
      .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
      .thanks { margin-top: 2rem; font-weight: bold; }
      @page { size: A4; margin: 12mm; }
      @media print {
        body { margin: 0; max-width: none; font-size: 9pt; }
        h2 { break-after: avoid; } .legend { break-after: avoid; }
        tr, fieldset, .free { break-inside: avoid; }
        thead { display: table-header-group; }
      }
      @media screen and (max-width: 40rem) {
        table.scale { display: block; overflow-x: auto; }
        table.scale { table-layout: auto; width: max-content; max-width: none; }
        table.scale tbody th { min-width: 11rem; max-width: 14rem; }
        table.scale td.box { min-width: 1.6rem; }
      }
    """
}
