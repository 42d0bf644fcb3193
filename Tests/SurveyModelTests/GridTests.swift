import Foundation
import SurveyModel
import Testing

/// `report: grid:` (issue 25, point 2): a section drawn as rows × columns of two tag
/// vocabularies. The two vocabularies only label the grid: they leave the lenses and the
/// figure identity, so that a grid may be added after a round was imported.
@Suite struct GridDeclarationTests {
  /// base.yaml with two more vocabularies (`avtal`: a, b; `fraga`: kant, foljs), its two
  /// statements in the cells (a, kant) and (a, foljs), and `report:` as given.
  func yaml(report: String?, meso: String = "avtal: a, fraga: kant", mikro: String = "avtal: a, fraga: foljs") throws
    -> String
  {
    var text = try String(contentsOfFile: fixture("base.yaml"), encoding: .utf8)
    let tags = [
      "    values:", "      - { id: samordning, label: Samordning och relationskontinuitet }", "  - id: avtal",
      "    label: Avtal", "    values:", "      - { id: a, label: Avtal A }", "      - { id: b, label: Avtal B }",
      "  - id: fraga", "    label: Fråga", "    values:", "      - { id: kant, label: Känt }",
      "      - { id: foljs, label: Följs }", "",
    ].joined(separator: "\n")
    text = try replacedOnce(
      text, "    values:\n      - { id: samordning, label: Samordning och relationskontinuitet }\n", tags)
    text = try replacedOnce(
      text, "        tags: { utvecklingsomrade: samordning }\n        current: { column: mote_meso_nu }",
      "        tags: { utvecklingsomrade: samordning, \(meso) }\n        current: { column: mote_meso_nu }")
    text = try replacedOnce(
      text, "        tags: { utvecklingsomrade: samordning }\n        current: { column: mote_mikro_nu }",
      "        tags: { utvecklingsomrade: samordning, \(mikro) }\n        current: { column: mote_mikro_nu }")
    if let report { text = try replacedOnce(text, "\nsections:", "\nreport:\n" + report + "sections:") }
    return text
  }

  func replacedOnce(_ text: String, _ old: String, _ new: String) throws -> String {
    try #require(text.components(separatedBy: old).count == 2, "\(old)")
    return text.replacingOccurrences(of: old, with: new)
  }

  @Test func aGridTakesItsVocabulariesOutOfTheLenses() throws {
    let survey = try SurveyLoader.load(
      yaml: try yaml(
        report: "  heatmap: utvecklingsomrade\n  grid: { section: motesplatser, rows: avtal, columns: fraga }\n"))
    #expect(survey.tagVocabularies.map(\.id) == ["utvecklingsomrade"])
    #expect(survey.gridVocabularies.map(\.id) == ["avtal", "fraga"])
    #expect(survey.grids == [Survey.Grid(section: 0, rows: 0, columns: 1)])
    #expect(survey.heatmapTag == 0)
    // The items keep their values, and the codebook still finds the vocabulary.
    #expect(survey.sections[0].items[0].tags["avtal"] == ["a"])
    #expect(survey.vocabulary(id: "fraga")?.label == "Fråga")
  }

  /// A grid in a list, rows and columns the other way round; a lens declared after the
  /// grid's vocabularies keeps pointing at itself.
  @Test func aListOfGridsAndTheLensIndicesFollow() throws {
    var text = try yaml(
      report: "  brief: [lins]\n  grid:\n    - { section: motesplatser, rows: fraga, columns: avtal }\n")
    text = try replacedOnce(
      text, "\nrespondents:", "\n  - id: lins\n    label: Lins\n    values:\n      - { id: x, label: X }\nrespondents:")
    let survey = try SurveyLoader.load(yaml: text)
    #expect(survey.tagVocabularies.map(\.id) == ["utvecklingsomrade", "lins"])
    #expect(survey.briefTags == [1])
    #expect(survey.grids == [Survey.Grid(section: 0, rows: 1, columns: 0)])
  }

  /// What a stored round's figures depend on does not change when a grid is declared with
  /// vocabularies of its own; the same tags as lenses do change it (they are counted).
  @Test func aGridIsNotPartOfTheFigureIdentity() throws {
    let plain = try SurveyLoader.load(path: fixture("base.yaml"))
    let gridded = try SurveyLoader.load(
      yaml: try yaml(report: "  grid: { section: motesplatser, rows: avtal, columns: fraga }\n"))
    let lenses = try SurveyLoader.load(yaml: try yaml(report: nil))
    #expect(gridded.figureIdentity == plain.figureIdentity)
    #expect(lenses.figureIdentity != plain.figureIdentity)
  }

  /// Each mistake at its line and column, with a "did you mean" where one fits.
  @Test(arguments: [
    (
      "  grid: { section: motesplats, rows: avtal, columns: fraga }\n", 2, 20,
      "'motesplats' is not a section (did you mean 'motesplatser'?)"
    ),
    (
      "  grid: { section: motesplatser, rows: avtall, columns: fraga }\n", 2, 40,
      "'avtall' is not a tag vocabulary (did you mean 'avtal'?)"
    ),
    (
      "  grid: { section: motesplatser, rows: avtal, columns: avtal }\n", 2, 56,
      "a grid's rows and columns are two different tag vocabularies"
    ),
    (
      "  grid: { section: motesplatser, rows: avtal }\n", 2, 9, "a grid lacks 'columns'; add `columns: …`"
    ),
    (
      "  grid: { section: motesplatser, rows: avtal, columns: fraga, kolumner: x }\n", 2, 63,
      "unknown key 'kolumner' in a grid; known keys: section, rows, columns"
    ),
    (
      "  heatmap: avtal\n  grid: { section: motesplatser, rows: avtal, columns: fraga }\n", 3, 9,
      "tag vocabulary 'avtal' labels a grid, so it cannot also be a lens of `brief` or `heatmap`; declare a vocabulary of its own for the grid"
    ),
    (
      "  grid:\n    - { section: motesplatser, rows: avtal, columns: fraga }\n    - { section: motesplatser, rows: fraga, columns: avtal }\n",
      4, 7, "section 'motesplatser' has a grid already; remove one of them"
    ),
  ])
  func errorsAtTheirPlace(report: String, line: Int, column: Int, message: String) throws {
    let text = try yaml(report: report)
    let reportLine = try #require(
      text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "report:" })
    var found: [SurveyDiagnostic] = []
    do { _ = try SurveyLoader.load(yaml: text, path: "g.yaml", language: .en) } catch let error as SurveyLoadError {
      found = error.diagnostics
    }
    // `line` counts from `report:` (1 is its own line).
    #expect(
      found.contains { $0.message == message && $0.line == reportLine + line && $0.column == column },
      "\(found.map { "\($0.line):\($0.column) \($0.message)" }) report at \(reportLine + 1)")
  }

  @Test func twoStatementsInOneCellAreAnError() throws {
    let text = try yaml(
      report: "  grid: { section: motesplatser, rows: avtal, columns: fraga }\n", mikro: "avtal: a, fraga: kant")
    do {
      _ = try SurveyLoader.load(yaml: text, path: "g.yaml", language: .en)
      Issue.record("loaded")
    } catch let error as SurveyLoadError {
      #expect(
        error.diagnostics.map(\.message) == [
          "items 'mote_meso' and 'mote_mikro' are both in the grid's cell avtal: a, fraga: kant; tag one of them differently"
        ])
    }
  }
}

/// The county survey's grid: "Överenskommelser och arbetssätt" as its seven agreements and
/// ways of working × the three questions about each, the written local routine beside
/// the hemsjukvårdsavtal, and the same figure identity as the definition before the grid
/// (which the rounds already stored were imported with).
@Suite struct CountyGridTests {
  @Test func theAgreementsAreSevenByThree() throws {
    let survey = try SurveyLoader.load(path: countySurveyPath)
    let grid = try #require(survey.grids.first)
    #expect(survey.grids.count == 1)
    let section = survey.sections[grid.section]
    #expect(section.title == "Överenskommelser och arbetssätt")
    let rows = survey.gridVocabularies[grid.rows]
    let columns = survey.gridVocabularies[grid.columns]
    #expect(rows.values.count == 7 && columns.values.count == 3)
    // Every cell one statement; the row's agreement named in its text, the column's
    // question in its wording (written out here by hand, not read from the definition).
    let agreements = [
      "hemsjukvårdsavtalet", "överenskommelsen om barn och unga", "läkarmedverkan", "fast vårdkontakt",
      "fast läkarkontakt", "patientkontrakt", "(sip)",
    ]
    let questions = ["är känd", "samsyn om", "i det dagliga arbetet"]
    for (r, row) in rows.values.enumerated() {
      for (c, column) in columns.values.enumerated() {
        let items = section.items.filter {
          $0.tags[rows.id] == [row.id] && $0.tags[columns.id] == [column.id]
        }
        #expect(items.count == 1, "\(row.id) × \(column.id)")
        let text = items.first?.text.lowercased() ?? ""
        #expect(text.contains(agreements[r]), "\(text)")
        #expect(text.contains(questions[c]) || (c == 0 && text.contains("är känt")), "\(text)")
      }
    }
    let beside = section.items.filter { $0.tags[rows.id] != nil && $0.tags[columns.id] == nil }
    #expect(beside.map(\.id) == ["hsv_skriftlig"])
    #expect(beside.first?.tags[rows.id] == [rows.values[0].id])
  }

  /// The definition without its grid (the two vocabularies, the items' values of them and
  /// `grid:` taken out line by line): the same identity, so that a stored round reports.
  @Test func theGridLeavesTheIdentityAsItWas() throws {
    let text = try String(contentsOfFile: countySurveyPath, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let avtal = try #require(lines.firstIndex(of: "  - id: avtal"))
    let respondents = try #require(lines.firstIndex(of: "respondents:"))
    lines.removeSubrange(avtal..<(respondents - 1))
    lines.removeAll { $0.hasPrefix("  grid: ") || $0 == "        tags: { avtal: hemsjukvard }" }
    var before = lines.joined(separator: "\n")
    before = before.replacingOccurrences(
      of: #", avtal: [a-z_]+, fraga: [a-z]+ \}"#, with: " }", options: .regularExpression)
    #expect(!before.contains("avtal:") && !before.contains("fraga"))
    let plain = try SurveyLoader.load(yaml: before, path: "before.yaml")
    #expect(plain.grids.isEmpty && plain.gridVocabularies.isEmpty)
    #expect(try SurveyLoader.load(path: countySurveyPath).figureIdentity == plain.figureIdentity)
  }
}
