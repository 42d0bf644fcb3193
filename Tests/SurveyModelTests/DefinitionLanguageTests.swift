import Foundation
import SourceDiagnostics
import Testing
import Yams

@testable import SurveyModel

/// A survey definition's problems and warnings in the run's language: the language asked
/// for (`--language`), else the definition's own `language:` when it is sv or en, else
/// Swedish.
@Suite struct DefinitionLanguageTests {
  /// `Fixtures/base.yaml` with three mistakes, in the language `language` (nil: no
  /// `language:` line at all). Places counted with PyYAML (its start marks, plus 1 for
  /// 1-based lines and columns), on the `language: sv` text:
  ///
  ///     t = yaml.compose(text); top-level key titel 3 1; the section's mapping 38 5;
  ///     its key titel 39 5; the first item's scale value instaming 43 16
  ///
  /// - `titel:` for `title:` at the top (3:1), so the definition lacks `title` (1:1);
  /// - `titel:` for `title:` in the section (39:5), so it lacks `title` (38:5, where the
  ///   section starts; `tillåtna nycklar` are a section's keys);
  /// - `scale: instaming` for `instamning` in the first item (43:16).
  ///
  static func mistaken(language: String?) throws -> String {
    var yaml = try String(contentsOfFile: fixture("base.yaml"), encoding: .utf8)
    for (old, new) in [
      ("title: Exempelenkät\n", "titel: Exempelenkät\n"),
      ("    title: Mötesplatser\n", "    titel: Mötesplatser\n"),
      ("language: sv\n", language.map { "language: \($0)\n" } ?? ""),
    ] {
      #expect(yaml.contains(old))
      yaml = yaml.replacingOccurrences(of: old, with: new)
    }
    guard let first = yaml.range(of: "scale: instamning") else { throw CocoaError(.fileReadCorruptFile) }
    return yaml.replacingCharacters(in: first, with: "scale: instaming")
  }

  static let topKeys =
    "kartlagg, id, title, language, period, min_group_size, county, scales, tags, respondents, sections, report"

  /// The Swedish, written by hand.
  static let swedish = [
    "x.yaml:1:1: error: enkätdefinitionen saknar 'title'; lägg till `title: …`",
    "x.yaml:3:1: error: okänd nyckel 'titel' i enkätdefinitionen – menade du 'title'?; tillåtna nycklar: \(topKeys)",
    "x.yaml:38:5: error: avsnittet saknar 'title'; lägg till `title: …`",
    "x.yaml:39:5: error: okänd nyckel 'titel' i avsnittet – menade du 'title'?; tillåtna nycklar: id, title, description, items",
    "x.yaml:43:16: error: skalan 'instaming' finns inte under `scales:` – menade du 'instamning'?; lägg till den där eller använd en av: instamning",
  ]

  /// The English, as it has always been.
  static let english = [
    "x.yaml:1:1: error: the survey definition lacks 'title'; add `title: …`",
    "x.yaml:3:1: error: unknown key 'titel' in the survey definition (did you mean 'title'?); known keys: \(topKeys)",
    "x.yaml:38:5: error: a section lacks 'title'; add `title: …`",
    "x.yaml:39:5: error: unknown key 'titel' in a section (did you mean 'title'?); known keys: id, title, description, items",
    "x.yaml:43:16: error: scale 'instaming' is not defined (did you mean 'instamning'?); define it under `scales:` or use one of: instamning",
  ]

  /// The problems of loading `yaml`, as printed.
  static func problems(_ yaml: String, language: Language? = nil) -> [String] {
    do {
      _ = try SurveyLoader.load(yaml: yaml, path: "x.yaml", language: language)
      return []
    } catch let error as SurveyLoadError {
      return error.diagnostics.map(\.description)
    } catch {
      return ["\(error)"]
    }
  }

  @Test func aSwedishDefinitionsProblemsAreInSwedish() throws {
    #expect(Self.problems(try Self.mistaken(language: "sv")) == Self.swedish)
  }

  @Test func anEnglishDefinitionsProblemsAreInEnglish() throws {
    // `language: en` is on line 4 as `language: sv` was: the places are the same.
    #expect(Self.problems(try Self.mistaken(language: "en")) == Self.english)
  }

  /// Without a `language:` line (one more problem, and every line after it one higher), or
  /// with a language kartlagg does not speak: Swedish.
  @Test func withoutALanguageOfItsOwnTheProblemsAreInSwedish() throws {
    let none = Self.problems(try Self.mistaken(language: nil))
    #expect(none.count == 6, "\(none)")
    #expect(none.contains("x.yaml:1:1: error: enkätdefinitionen saknar 'language'; lägg till `language: …`"), "\(none)")
    #expect(none.contains("x.yaml:37:5: error: avsnittet saknar 'title'; lägg till `title: …`"), "\(none)")
    #expect(Self.problems(try Self.mistaken(language: "de")) == Self.swedish)
  }

  @Test func theLanguageAskedForOverridesTheDefinitions() throws {
    #expect(Self.problems(try Self.mistaken(language: "sv"), language: .en) == Self.english)
    #expect(Self.problems(try Self.mistaken(language: "en"), language: .sv) == Self.swedish)
  }

  /// A YAML syntax error comes before the definition's `language:` can be read: in the
  /// language asked for, else Swedish. `  name: Kalmar: län` on line 7: the second colon at
  /// column 15 (`yamlSyntax` in SurveyLoaderTests).
  @Test func aSyntaxErrorIsInTheLanguageAskedForElseSwedish() {
    let path = fixture("broken/yaml-syntax.yaml")
    let yaml = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    let swedish = Self.problems(yaml)
    #expect(swedish.count == 1)
    #expect(swedish.first?.hasPrefix("x.yaml:7:15: error: YAML-syntaxfel: ") == true, "\(swedish)")
    #expect(swedish.first?.hasSuffix("; kontrollera indrag, kolon och citattecken runt den här raden") == true)
    let english = Self.problems(yaml, language: .en)
    #expect(english.first?.hasPrefix("x.yaml:7:15: error: YAML syntax: ") == true, "\(english)")
  }

  /// A key given twice is refused by Yams before the content checks, at the first of the
  /// two, so its language is read from the file's top-level `language:` line. Here
  /// `min_group_size` on line 5 and again on line 6 (base.yaml's lines 1–5 are
  /// `kartlagg`, `id`, `title`, `language`, `min_group_size`).
  @Test func aKeyGivenTwiceIsSaidAtItsFirstPlaceInTheDefinitionsLanguage() throws {
    let base = try String(contentsOfFile: fixture("base.yaml"), encoding: .utf8)
    let twice = base.replacingOccurrences(of: "min_group_size: 5\n", with: "min_group_size: 5\nmin_group_size: 6\n")
    #expect(twice != base)
    let swedish = [
      "x.yaml:5:1: error: 'min_group_size' står mer än en gång på samma nivå (första gången här); behåll bara en"
    ]
    let english = [
      "x.yaml:5:1: error: 'min_group_size' is given more than once in this mapping (first here); keep one"
    ]
    #expect(Self.problems(twice) == swedish)
    #expect(Self.problems(twice, language: .en) == english)
    let inEnglish = twice.replacingOccurrences(of: "language: sv\n", with: "language: \"en\"  # English\n")
    #expect(Self.problems(inEnglish) == english)
    #expect(Self.problems(inEnglish, language: .sv) == swedish)
  }

  /// The portability warnings follow the same rule. Columns counted by hand, 1-based.
  @Test func portabilityWarningsAreInTheDefinitionsLanguage() {
    let yaml = "language: sv\ncode: 0880\n"
    let swedish = YAMLPortability.warnings(yaml: yaml, path: "p.yaml").map(\.description)
    #expect(
      swedish == [
        "p.yaml:2:7: warning: YAML 1.1-verktyg läser '0880' som ett tal (oktalt, eller utan den inledande nollan); sätt det inom citattecken"
      ])
    let english = [
      "p.yaml:2:7: warning: YAML 1.1 tools read '0880' as a number (octal, or without its leading zero); put it in quotes"
    ]
    #expect(YAMLPortability.warnings(yaml: yaml, path: "p.yaml", language: .en).map(\.description) == english)
    let own = YAMLPortability.warnings(yaml: "language: en\ncode: 0880\n", path: "p.yaml").map(\.description)
    #expect(own == english)
    // Found once, said in either language.
    let found = YAMLPortability.findings(yaml: yaml)
    #expect(found.map { $0.diagnostic(path: "p.yaml", language: .sv).description } == swedish)
  }

  // MARK: every message in both languages

  /// One sample of every case of `DefinitionPhrase`; `name(_:)` below is an exhaustive
  /// switch, so a new case does not compile until it is named there, next to this list.
  static let phrases: [DefinitionPhrase] = [
    .tooLarge(mebibytes: 1), .yamlSyntax("p"), .yamlReader("p", byte: 3), .yamlOther("e"), .emptyFile,
    .keysGivenTwice(["k"]),
    .alias,
    .notMapping(.survey), .keyNotText(.report), .unknownKey("k", in: .section, suggestion: "id", known: ["id"]),
    .keyTwice("k", in: .item, firstLine: 2), .lacksKey(.scale, key: "id"), .notList(.sections),
    .notSingleValue(.title, list: true), .empty(.itemText), .notWholeNumber(.pointValue, text: "x"),
    .badIdentifier(.sectionID, text: "x y"), .declaredTwice(.section, id: "s", firstLine: 3),
    .formatTooNew(3, understood: 1), .formatTooOld, .minimumGroupSize(0, lowest: 1, highest: 10),
    .tooManySections(200, maximum: 100),
    .tooLargeToTally(cells: 10, maximumCells: 5, counters: 20, maximumCounters: 10),
    .notADimension("o", suggestion: nil), .mellanrumGroupCount(3),
    .notAValueOfDimension("r", dimension: "o", suggestion: nil, values: ["a"]), .mellanrumSameGroup,
    .mellanrumTwice, .notAVocabulary("t", suggestion: nil), .notASection("s", suggestion: nil),
    .gridSameVocabulary, .gridTwice(section: "s"), .gridVocabularyIsLens("t"),
    .gridCellTwice(first: "a", second: "b", rows: "r", row: "1", columns: "c", column: "2"), .noMunicipalities,
    .tooManyMunicipalities(400, maximum: 300), .municipalityCodeNotDigits("x"),
    .invitedOutOfRange(.invited, -1, maximum: 10), .invitedShape, .pointValueOutOfRange(0, lowest: 1, highest: 9),
    .tooFewPoints, .tooManyPoints(20, maximum: 11), .noAnswerCodeOnScale("3"), .tooManyDimensions(9, maximum: 8),
    .tooManyDimensionValues(99, maximum: 50), .requiredNotFlag, .badColumnPosition(.answer, text: "0"),
    .positionUsed(4, line: 2), .pairedShareColumn("c"), .columnUsed("c", line: 2),
    .unknownItemKind("k", suggestion: nil, kinds: ["text"]), .keyNotOfKind("scale", kind: "text", keys: ["answer"]),
    .kindLacksKey(kind: "rating", key: "scale"), .scaleNotDefined("s", suggestion: nil, scales: ["a"]),
    .tagsNotMapping, .tagNotDeclared("t", suggestion: nil, vocabularies: ["a"]),
    .notAValueOfTag("v", tag: "t", suggestion: nil, values: ["a"]), .questionMarkInFlow("a?"),
    .yaml11Boolean("yes"), .leadingZero("0880"),
  ]

  /// Every case of `DefinitionPart`, the parts inside others with one sample each.
  static let parts: [DefinitionPart] = [
    .survey, .formatVersion, .surveyID, .title, .language, .minimumGroupSize, .period, .report, .mellanrum,
    .mellanrumDimension, .mellanrumGroups, .purpose, .briefVocabularies, .heatmapTag, .grid, .gridSection,
    .gridRows, .gridColumns, .county, .countyName, .countyWide, .municipalities, .municipality, .municipalityCode,
    .municipalityName, .spellings, .invited, .invitedBy(dimension: "o"), .invitedGroup(dimension: "o", value: "r"),
    .scales, .scale, .scaleID, .scalePoints, .scalePoint, .pointValue, .pointLabel, .noAnswer, .noAnswerLabels,
    .noAnswerCode, .tags, .tagVocabulary, .tagVocabularyID, .tagVocabularyLabel, .vocabularyValues, .tagValue,
    .tagValueID, .tagValueLabel, .valueOfTag("t"), .respondents, .municipalityColumn, .respondentIDColumn,
    .dimensions, .dimension, .dimensionID, .dimensionLabel, .dimensionColumn, .dimensionValues, .dimensionValue,
    .dimensionValueID, .dimensionValueLabel, .currentAnswer, .desiredAnswer, .answer, .aliases, .questionText,
    .sections, .section, .sectionID, .sectionTitle, .sectionDescription, .sectionItems, .item, .itemID, .itemText,
    .itemKind, .itemScale, .options, .option, .optionID, .optionLabel, .columnOf(.answer),
    .columnPositionOf(.answer), .entryOf(.aliases),
  ]

  @Test func everyMessageHasASwedishAndAnEnglishThatDiffer() {
    // The forms a case takes with some of its values.
    let forms: [DefinitionPhrase] = [
      .keysGivenTwice(["a", "b"]), .unknownKey("k", in: .item, suggestion: nil, known: []),
      .notSingleValue(.title, list: false),
    ]
    #expect(Set(Self.phrases.map(Self.name)).count == Self.phrases.count, "a case is sampled twice")
    let all: [any Localized] =
      (Self.phrases + forms).map { $0 as any Localized } + Self.parts.map { $0 as any Localized }
      + DefinitionNoun.allCases.map { $0 as any Localized }
    for phrase in all {
      #expect(!phrase.swedish.isEmpty && !phrase.english.isEmpty, "\(phrase)")
      #expect(phrase.swedish != phrase.english, "\(phrase): '\(phrase.swedish)' is not translated")
    }
    // Each part and noun said in its own words: no two share a Swedish name.
    #expect(Set(Self.parts.map(\.swedish)).count == Self.parts.count)
    #expect(Set(DefinitionNoun.allCases.map(\.swedish)).count == DefinitionNoun.allCases.count)
  }

  /// The case's name: an exhaustive switch, so that a case added to `DefinitionPhrase`
  /// does not compile here until it is named, beside the list of samples above.
  static func name(_ phrase: DefinitionPhrase) -> String {
    switch phrase {
    case .tooLarge: "tooLarge"
    case .yamlSyntax: "yamlSyntax"
    case .yamlReader: "yamlReader"
    case .yamlOther: "yamlOther"
    case .emptyFile: "emptyFile"
    case .keysGivenTwice: "keysGivenTwice"
    case .alias: "alias"
    case .notMapping: "notMapping"
    case .keyNotText: "keyNotText"
    case .unknownKey: "unknownKey"
    case .keyTwice: "keyTwice"
    case .lacksKey: "lacksKey"
    case .notList: "notList"
    case .notSingleValue: "notSingleValue"
    case .empty: "empty"
    case .notWholeNumber: "notWholeNumber"
    case .badIdentifier: "badIdentifier"
    case .declaredTwice: "declaredTwice"
    case .formatTooNew: "formatTooNew"
    case .formatTooOld: "formatTooOld"
    case .minimumGroupSize: "minimumGroupSize"
    case .tooManySections: "tooManySections"
    case .tooLargeToTally: "tooLargeToTally"
    case .notADimension: "notADimension"
    case .mellanrumGroupCount: "mellanrumGroupCount"
    case .notAValueOfDimension: "notAValueOfDimension"
    case .mellanrumSameGroup: "mellanrumSameGroup"
    case .mellanrumTwice: "mellanrumTwice"
    case .notAVocabulary: "notAVocabulary"
    case .notASection: "notASection"
    case .gridSameVocabulary: "gridSameVocabulary"
    case .gridTwice: "gridTwice"
    case .gridVocabularyIsLens: "gridVocabularyIsLens"
    case .gridCellTwice: "gridCellTwice"
    case .noMunicipalities: "noMunicipalities"
    case .tooManyMunicipalities: "tooManyMunicipalities"
    case .municipalityCodeNotDigits: "municipalityCodeNotDigits"
    case .invitedOutOfRange: "invitedOutOfRange"
    case .invitedShape: "invitedShape"
    case .pointValueOutOfRange: "pointValueOutOfRange"
    case .tooFewPoints: "tooFewPoints"
    case .tooManyPoints: "tooManyPoints"
    case .noAnswerCodeOnScale: "noAnswerCodeOnScale"
    case .tooManyDimensions: "tooManyDimensions"
    case .tooManyDimensionValues: "tooManyDimensionValues"
    case .requiredNotFlag: "requiredNotFlag"
    case .badColumnPosition: "badColumnPosition"
    case .positionUsed: "positionUsed"
    case .pairedShareColumn: "pairedShareColumn"
    case .columnUsed: "columnUsed"
    case .unknownItemKind: "unknownItemKind"
    case .keyNotOfKind: "keyNotOfKind"
    case .kindLacksKey: "kindLacksKey"
    case .scaleNotDefined: "scaleNotDefined"
    case .tagsNotMapping: "tagsNotMapping"
    case .tagNotDeclared: "tagNotDeclared"
    case .notAValueOfTag: "notAValueOfTag"
    case .questionMarkInFlow: "questionMarkInFlow"
    case .yaml11Boolean: "yaml11Boolean"
    case .leadingZero: "leadingZero"
    }
  }
}
