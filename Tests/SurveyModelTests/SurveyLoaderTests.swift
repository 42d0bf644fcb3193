import Foundation
import SourceDiagnostics
import SurveyModel
import Testing

func fixture(_ name: String) -> String {
  Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name).path
}

/// The diagnostics of loading `path`, or [] if it loaded; in English unless told otherwise,
/// whatever the fixture's `language:` (the tests quote the English texts).
func diagnostics(_ path: String, language: Language? = .en) -> [SurveyDiagnostic] {
  do {
    _ = try SurveyLoader.load(path: path, language: language)
    return []
  } catch let error as SurveyLoadError {
    return error.diagnostics
  } catch {
    fatalError("\(error)")
  }
}

/// Whether one of `found` is at line:column and holds every fragment.
func contains(_ found: [SurveyDiagnostic], _ line: Int, _ column: Int, _ fragments: String...) -> Bool {
  found.contains { d in d.line == line && d.column == column && fragments.allSatisfy { d.message.contains($0) } }
}

@Suite("Survey definitions: loading and validation")
struct SurveyLoaderTests {
  @Test func baseFixtureLoads() throws {
    let survey = try SurveyLoader.load(path: fixture("base.yaml"))
    #expect(survey.id == "exempel")
    #expect(survey.minimumGroupSize == 5)
    #expect(survey.county.municipalities.map(\.code) == ["0880", "0821"])
    #expect(survey.sections[0].items.map(\.id) == ["mote_meso", "mote_mikro", "mote_fritext"])
    #expect(
      survey.templateColumns == [
        "kommun", "organisation", "mote_meso_nu", "mote_meso_onskat", "mote_mikro_nu", "mote_mikro_onskat",
        "mote_fritext",
      ])
  }

  // Every expected line:column below is counted by hand in the fixture (see the comment);
  // columns are 1-based, as an editor shows them.

  /// `  name: Kalmar: län` on line 7: the second colon stands at column 15.
  @Test func yamlSyntax() {
    let found = diagnostics(fixture("broken/yaml-syntax.yaml"))
    #expect(found.count == 1)
    #expect(contains(found, 7, 15, "YAML syntax", "mapping values are not allowed"), "\(found)")
  }

  /// `titel: Exempelenkät` on line 3.
  @Test func unknownKeyWithSuggestion() {
    let found = diagnostics(fixture("broken/unknown-key.yaml"))
    #expect(contains(found, 3, 1, "unknown key 'titel'", "did you mean 'title'?"), "\(found)")
    #expect(contains(found, 1, 1, "lacks 'title'"), "\(found)")
  }

  /// `kartlagg: 3` on line 1; the value starts at column 11.
  @Test func newerFormatVersion() {
    let found = diagnostics(fixture("broken/newer-version.yaml"))
    #expect(
      found.map(\.description) == [
        "\(fixture("broken/newer-version.yaml")):1:11: error: format version 3 is newer than this kartlagg understands (1);"
          + " update kartlagg or write the definition for version 1"
      ])
  }

  /// `      - id: mote_meso` on line 47 (the item mapping starts at column 9); first on line 41.
  @Test func duplicateItemID() {
    let found = diagnostics(fixture("broken/duplicate-id.yaml"))
    #expect(found.count == 1)
    #expect(contains(found, 47, 9, "item 'mote_meso' is declared twice (first on line 41)"), "\(found)")
  }

  /// `        current: { column: mote_meso_nu }` on line 51: the value starts at column 28.
  @Test func duplicateColumn() {
    let found = diagnostics(fixture("broken/duplicate-column.yaml"))
    #expect(found.count == 1)
    #expect(contains(found, 51, 28, "column 'mote_meso_nu' is already used by another answer (line 45)"), "\(found)")
  }

  /// `        scale: instaming` on line 43: the value at column 16.
  @Test func undefinedScale() {
    let found = diagnostics(fixture("broken/undefined-scale.yaml"))
    #expect(found.count == 1)
    #expect(contains(found, 43, 16, "scale 'instaming' is not defined", "did you mean 'instamning'?"), "\(found)")
  }

  /// Line 44 `        tags: { utvecklingsomrad: samordning }` (key at 17) and line 50
  /// `        tags: { utvecklingsomrade: samordnig }` (value at 36).
  @Test func undefinedTagAndTagValue() {
    let found = diagnostics(fixture("broken/undefined-tag.yaml"))
    #expect(found.count == 2)
    #expect(
      contains(found, 44, 17, "tag 'utvecklingsomrad' is not declared", "did you mean 'utvecklingsomrade'?"), "\(found)"
    )
    #expect(
      contains(found, 50, 36, "'samordnig' is not a value of tag 'utvecklingsomrade'", "did you mean 'samordning'?"),
      "\(found)")
  }

  /// `        desired: { column: mote_meso_nu }` on line 46: the value at column 28.
  @Test func pairedItemSharingAColumn() {
    let found = diagnostics(fixture("broken/paired-same-column.yaml"))
    #expect(found.count == 1)
    #expect(contains(found, 46, 28, "current and desired answers share the column 'mote_meso_nu'"), "\(found)")
  }

  /// Line 17 `      - { value: 2, label: Stämmer delvis }` (point at column 9) repeats value 2 of
  /// line 16; line 18 `      - { value: 4, label: stämmer dåligt }` (label at column 28)
  /// repeats line 16's label but for case.
  @Test func scaleWithDuplicatePointsAndLabels() {
    let found = diagnostics(fixture("broken/scale-duplicate-point.yaml"))
    #expect(found.count == 2)
    #expect(contains(found, 17, 9, "scale point value '2' is declared twice (first on line 16)"), "\(found)")
    #expect(
      contains(found, 18, 28, "scale point label 'stämmer dåligt' is declared twice (first on line 16)"), "\(found)")
  }

  /// Every mistake above in one file, all reported in one run, in file order.
  @Test func allProblemsInOneRun() {
    let found = diagnostics(fixture("broken/all-in-one.yaml"))
    let expected: [(Int, Int, String)] = [
      (1, 1, "lacks 'title'"), (3, 1, "unknown key 'titel'"), (17, 9, "scale point value '2' is declared twice"),
      (43, 16, "scale 'instaming' is not defined"), (44, 17, "tag 'utvecklingsomrad' is not declared"),
      (46, 28, "share the column 'mote_meso_nu'"), (47, 9, "item 'mote_meso' is declared twice"),
      (56, 27, "column 'mote_mikro_onskat' is already used by another answer (line 52)"),
    ]
    #expect(found.count == expected.count, "\(found)")
    for (line, column, text) in expected {
      #expect(contains(found, line, column, text), "missing \(line):\(column) \(text) in \(found)")
    }
    #expect(found.map(\.line) == found.map(\.line).sorted())
  }

  /// Nine levels of nine aliases (9^9 "lol"s if expanded) on a 10-line file.
  @Test func aliasBombIsRefusedQuickly() {
    let start = Date()
    let found = diagnostics(fixture("broken/alias-bomb.yaml"))
    #expect(Date().timeIntervalSince(start) < 2)
    // Lines 3–10 (`b: &b [*a,*a,…]` …) each use aliases; each list starts at column 4 and
    // is reported once.
    #expect(found.count == 8, "\(found)")
    #expect((3...10).allSatisfy { contains(found, $0, 4, "uses a YAML alias") }, "\(found)")
  }

  @Test func hundredMegabyteFileIsRefusedBeforeReading() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("kartlagg-huge-\(getpid()).yaml").path
    try #require(FileManager.default.createFile(atPath: path, contents: nil))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.truncate(atOffset: 100 << 20)  // a sparse 100 MiB file
    try handle.close()
    let start = Date()
    let found = diagnostics(path, language: nil)
    #expect(Date().timeIntervalSince(start) < 1)
    // Said before the definition's `language:` is known: in Swedish (`Language.fallback`).
    #expect(found.count == 1 && found[0].message.contains("filen är 100 MiB"), "\(found)")
  }

  @Test func aliasAsAMappingValueIsFound() {
    let yaml = "kartlagg: 1\ncounty: &c { name: Kalmar län }\nextra: *c\n"
    do {
      _ = try SurveyLoader.load(yaml: yaml, path: "x.yaml", language: .en)
      Issue.record("loaded")
    } catch let error as SurveyLoadError {
      // Line 3 `extra: *c`: the key at column 1 has the alias as its value.
      #expect(error.diagnostics.map { "\($0.line):\($0.column)" } == ["3:1"])
      #expect(error.diagnostics.first?.message.contains("uses a YAML alias") == true)
    } catch {
      Issue.record("\(error)")
    }
  }

  @Test func aliasInAListIsFound() {
    let yaml = "kartlagg: 1\nscales:\n  - &s { id: a, points: [] }\n  - *s\n"
    do {
      _ = try SurveyLoader.load(yaml: yaml, path: "x.yaml", language: .en)
      Issue.record("loaded")
    } catch let error as SurveyLoadError {
      // Line 3 `  - &s {…}` and line 4 `  - *s`: the list (line 3, column 3) holds an alias.
      #expect(
        error.diagnostics.map(\.description) == [
          "x.yaml:3:3: error: this value uses a YAML alias (*name); anchors and aliases are not allowed in a survey"
            + " definition: refer to scales and tags by id, or repeat the value"
        ])
    } catch {
      Issue.record("\(error)")
    }
  }

  /// `codes: "3"` written as one value, not a list: line 22 of base.yaml becomes
  /// `      codes: "3"`, whose value starts at column 14; 3 is a point of the scale.
  @Test func noAnswerCodeInsideTheScaleIsFoundAlsoWhenNotAList() throws {
    let yaml = try String(contentsOfFile: fixture("base.yaml"), encoding: .utf8)
      .replacingOccurrences(of: #"      codes: ["-99"]"#, with: #"      codes: "3""#)
    do {
      _ = try SurveyLoader.load(yaml: yaml, path: "x.yaml", language: .en)
      Issue.record("loaded")
    } catch let error as SurveyLoadError {
      #expect(error.diagnostics.count == 1)
      #expect(contains(error.diagnostics, 22, 14, "no-answer code '3' is also a point of the scale"), "\(error)")
    }
  }

  @Test func missingFile() {
    let found = diagnostics("/nonexistent/kalmar.yaml", language: nil)
    #expect(found.first?.message == "enkätdefinitionen kan inte läsas; kontrollera sökvägen")
    // A run told `--language en` passes it on.
    #expect(throws: SurveyLoadError.self) { try SurveyLoader.text(path: "/nonexistent/kalmar.yaml", language: .en) }
    do {
      _ = try SurveyLoader.text(path: "/nonexistent/kalmar.yaml", language: .en)
    } catch let error as SurveyLoadError {
      #expect(error.diagnostics.first?.message == "cannot read the survey definition; check the path")
    } catch {
      Issue.record("\(error)")
    }
  }
}

@Suite("docs/survey-format.md")
struct SurveyFormatDocumentTests {
  /// The first ```yaml block of the format reference must load, so that the document
  /// cannot rot.
  @Test func exampleInTheDocumentLoads() throws {
    let document = try String(
      contentsOfFile: repositoryRoot + "/docs/survey-format.md", encoding: .utf8)
    let start = try #require(document.range(of: "```yaml\n"))
    let end = try #require(document.range(of: "\n```", range: start.upperBound..<document.endIndex))
    let yaml = String(document[start.upperBound..<end.lowerBound])
    let survey = try SurveyLoader.load(yaml: yaml, path: "docs/survey-format.md")
    #expect(survey.id == "exempel")
    #expect(survey.sections.first?.items.count == 3)
  }
}

@Suite("Scales of other lengths")
struct ScaleLengthTests {
  @Test(arguments: [(0, 10), (1, 4), (1, 6)])
  func scaleLoads(low: Int, high: Int) throws {
    let points = (low...high).map { "      - { value: \($0), label: Punkt \($0) }" }.joined(separator: "\n")
    let yaml = try String(contentsOfFile: fixture("base.yaml"), encoding: .utf8)
      .replacingOccurrences(
        of: """
                - { value: 1, label: Stämmer inte alls }
                - { value: 2, label: Stämmer dåligt }
                - { value: 3, label: Stämmer delvis }
                - { value: 4, label: Stämmer ganska bra }
                - { value: 5, label: Stämmer helt }
          """, with: points)
    let scale = try #require(try SurveyLoader.load(yaml: yaml).scale(id: "instamning"))
    #expect(scale.points.count == high - low + 1)
    #expect((scale.minimum, scale.maximum) == (low, high))
    #expect(scale.points.map(\.value).suffix(2) == [high - 1, high])
  }
}

/// How header texts, spellings and labels are compared.
@Suite struct HeaderKeyTests {
  /// Expected keys written by hand.
  @Test(arguments: [
    ("Mörbylånga", "morbylanga"), ("MORBYLANGA", "morbylanga"), ("B1_nu", "b1 nu"), ("  b1 -- NU ", "b1 nu"),
    ("\u{FEFF}kommun", "kommun"), ("Vi möts – Nuläge", "vi mots nulage"), ("Vi möts [Nuläge]", "vi mots nulage"),
    ("Högsby kn.", "hogsby kn"), ("", ""), ("?!", ""), ("Q2 - Topics", "q2 topics"), ("ＫＡＬＭＡＲ", "kalmar"),
  ])
  func normalizes(text: String, key: String) {
    #expect(HeaderKey.normalize(text) == key)
  }
}

/// `report:` declares what the reports compare; anything it names must exist.
@Suite struct ReportDeclarationTests {
  func yaml(_ report: String) throws -> String {
    let base = try String(contentsOfFile: fixture("base.yaml"), encoding: .utf8)
    let i = try #require(base.range(of: "\nsections:"))
    return String(base[..<i.lowerBound]) + "\nreport:\n" + report + String(base[i.lowerBound...])
  }

  @Test func theDeclaredGroupsAndTag() throws {
    let survey = try SurveyLoader.load(
      yaml: try yaml(
        "  mellanrum: { dimension: organisation, between: [kommun, region] }\n  heatmap: utvecklingsomrade\n"))
    #expect(survey.mellanrum == [Survey.Mellanrum(dimension: 0, first: 1, second: 0)])
    #expect(survey.heatmapTag == 0)
  }

  /// The base fixture with a second dimension, level (mikro, meso, makro).
  func withLevels(_ report: String) throws -> String {
    try yaml(report).replacingOccurrences(
      of: "        - { id: kommun, label: Kommun }\n",
      with: """
                - { id: kommun, label: Kommun }
            - id: niva
              label: Nivå
              column: niva
              values:
                - { id: mikro, label: Mikro }
                - { id: meso, label: Meso }
                - { id: makro, label: Makro }

        """)
  }

  /// Issue 22, point 7: a list of pairs, each within its own dimension, in declaration order.
  @Test func aListOfPairs() throws {
    let text = try withLevels(
      "  mellanrum:\n    - { dimension: organisation, between: [region, kommun] }\n    - { dimension: niva, between: [mikro, makro] }\n"
    )
    #expect(text.contains("id: niva"))
    let survey = try SurveyLoader.load(yaml: text)
    #expect(
      survey.mellanrum == [
        Survey.Mellanrum(dimension: 0, first: 0, second: 1), Survey.Mellanrum(dimension: 1, first: 0, second: 2),
      ])
  }

  /// Each pair of a list is checked, the error at its own line and column; a pair declared
  /// twice (either way round) is refused too.
  @Test(arguments: [
    (
      "    - { dimension: niva, between: [mikro, makr] }\n",
      "'makr' is not a value of dimension 'niva' (did you mean 'makro'?); its values are: mikro, meso, makro", 35
    ),
    ("    - { dimension: niva, between: [meso, meso] }\n", "a mellanrum is between two different groups", 35),
    (
      "    - { dimension: nivaa, between: [mikro, makro] }\n",
      "'nivaa' is not a respondent dimension (did you mean 'niva'?)", 20
    ),
    (
      "    - { dimension: organisation, between: [kommun, region] }\n",
      "this mellanrum is declared twice; remove one of them", 7
    ),
  ])
  func errorsInAListAtTheirPlace(second: String, message: String, column: Int) throws {
    let text = try withLevels("  mellanrum:\n    - { dimension: organisation, between: [region, kommun] }\n" + second)
    var found: [SurveyDiagnostic] = []
    do { _ = try SurveyLoader.load(yaml: text, path: "r.yaml", language: .en) } catch let error as SurveyLoadError {
      found = error.diagnostics
    }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let secondLine = try #require(lines.firstIndex { $0 == "report:" }) + 4  // the second pair, 1-based
    #expect(
      found.contains { $0.message == message && $0.line == secondLine && $0.column == column }, "\(found)")
  }

  @Test func withoutTheBlockThereIsNone() throws {
    let survey = try SurveyLoader.load(path: fixture("base.yaml"))
    #expect(survey.mellanrum.isEmpty && survey.heatmapTag == nil)
  }

  @Test(arguments: [
    (
      "  mellanrum: { dimension: organisatoin, between: [region, kommun] }\n",
      "'organisatoin' is not a respondent dimension (did you mean 'organisation'?)"
    ),
    (
      "  mellanrum: { dimension: organisation, between: [region, kommunen] }\n",
      "'kommunen' is not a value of dimension 'organisation' (did you mean 'kommun'?); its values are: region, kommun"
    ),
    ("  mellanrum: { dimension: organisation, between: [region] }\n", "a mellanrum is between two groups, not 1"),
    (
      "  heatmap: utvecklingsomraden\n",
      "'utvecklingsomraden' is not a tag vocabulary (did you mean 'utvecklingsomrade'?)"
    ),
  ])
  func errorsAtTheirPlace(report: String, message: String) throws {
    let text = try yaml(report)
    var found: [SurveyDiagnostic] = []
    do { _ = try SurveyLoader.load(yaml: text, path: "r.yaml", language: .en) } catch let error as SurveyLoadError {
      found = error.diagnostics
    }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let reportLine = try #require(lines.firstIndex { $0 == "report:" }) + 2  // the line after `report:`, 1-based
    #expect(found.contains { $0.message == message && $0.line == reportLine }, "\(found)")
  }
}

/// `period:` and `invited:`: what the first page of a report says about when the survey
/// ran and how many were asked.
@Suite struct PeriodAndInvitedTests {
  func yaml(period: String? = nil, kalmar: String = "", hogsby: String = "") throws -> String {
    var text = try String(contentsOfFile: fixture("base.yaml"), encoding: .utf8)
    text = text.replacingOccurrences(
      of: "{ code: \"0880\", name: Kalmar }", with: "{ code: \"0880\", name: Kalmar\(kalmar) }")
    text = text.replacingOccurrences(
      of: "{ code: \"0821\", name: Högsby }", with: "{ code: \"0821\", name: Högsby\(hogsby) }")
    if let period {
      text = text.replacingOccurrences(of: "min_group_size: 5\n", with: "min_group_size: 5\nperiod: \(period)\n")
    }
    return text
  }

  func problems(_ text: String) -> [SurveyDiagnostic] {
    do { _ = try SurveyLoader.load(yaml: text, path: "i.yaml", language: .en) } catch let error as SurveyLoadError {
      return error.diagnostics
    } catch {}
    return []
  }

  @Test func periodAndBothFormsOfInvited() throws {
    let survey = try SurveyLoader.load(
      yaml: try yaml(
        period: "september–oktober 2026", kalmar: ", invited: 120",
        hogsby: ", invited: { organisation: { region: 14, kommun: 27 } }"))
    #expect(survey.period == "september–oktober 2026")
    #expect(survey.county.municipalities[0].invited == Invited(total: 120))
    // 14 + 27 = 41, the total of the two groups.
    #expect(survey.county.municipalities[1].invited == Invited(total: 41, byGroup: (0, [14, 27])))
    #expect(survey.county.countyWide.invited == nil)
  }

  @Test func neitherIsRequired() throws {
    let survey = try SurveyLoader.load(yaml: try yaml())
    #expect(survey.period == nil && survey.county.municipalities.allSatisfy { $0.invited == nil })
  }

  @Test(arguments: [
    (", invited: -3", "invited must be from 0 to 10000000, not -3"),
    (", invited: many", "invited must be a whole number, not 'many'"),
    (
      ", invited: { organisatoin: { region: 1 } }",
      "'organisatoin' is not a respondent dimension (did you mean 'organisation'?)"
    ),
    (
      ", invited: { organisation: { regon: 1 } }",
      "unknown key 'regon' in invited organisation (did you mean 'region'?)"
    ),
  ])
  func badInvitedIsAnErrorOnItsLine(kalmar: String, message: String) throws {
    let text = try yaml(kalmar: kalmar)
    let found = problems(text)
    let line =
      try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("Kalmar,") })
      + 1
    #expect(found.contains { $0.message.hasPrefix(message) && $0.line == line }, "\(found)")
  }
}
