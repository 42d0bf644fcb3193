import Foundation
import SourceDiagnostics
import Testing

@testable import SurveyModel

/// The Swedish of a definition's problems as a Swedish reader reads it, with the parts put
/// in (the review of 2026-12-06): an entry named in the definite form ("avsnittet saknar
/// 'title'"), "en av dem" for any noun, keys named beside the parts, and numbers with
/// Swedish thousands spacing. Every expected text is written by hand.
@Suite struct DefinitionWordingTests {
  /// `Fixtures/base.yaml` with `old` (found exactly once) replaced by `new`.
  static func base(replacing old: String, with new: String) throws -> String {
    let yaml = try String(contentsOfFile: fixture("base.yaml"), encoding: .utf8)
    #expect(yaml.components(separatedBy: old).count == 2, "\(old)")
    return yaml.replacingOccurrences(of: old, with: new)
  }

  static func problems(_ yaml: String, language: Language? = nil) -> [String] {
    DefinitionLanguageTests.problems(yaml, language: language)
  }

  // MARK: in a definition, with the places PyYAML gives
  //
  // Each place below is PyYAML 6.0.3's start mark of the node (plus 1 for 1-based lines and
  // columns) on the changed text, e.g. for the tag value given twice:
  //
  //     r = yaml.compose(text); v = [v for k, v in r.value if k.value == 'tags'][0]
  //     v.value[0] ... 'values' ... .value[1].start_mark  →  line 27, column 8 (0-based)

  static let municipality = "    - { code: \"0880\", name: Kalmar }\n"

  /// Review item 1: "en av dem", not "den ena", fits the ett-words too.
  @Test func aValueGivenTwiceIsToldToChangeOneOfThem() throws {
    let value = "      - { id: samordning, label: Samordning och relationskontinuitet }\n"
    let yaml = try Self.base(replacing: value, with: value + "      - { id: samordning, label: Samordning igen }\n")
    #expect(
      Self.problems(yaml) == [
        "x.yaml:28:9: error: taggvärdet 'samordning' finns två gånger (första gången på rad 27); ändra eller ta bort en av dem"
      ])
  }

  /// Review items 2, 20 and 27: the entry in the definite form, "tillåtna nycklar", and the
  /// hint after a dash.
  @Test func anUnknownKeyInAnEntryNamesTheEntryInTheDefiniteForm() throws {
    let yaml = try Self.base(
      replacing: Self.municipality, with: "    - { code: \"0880\", name: Kalmar, invitd: 3 }\n")
    #expect(
      Self.problems(yaml) == [
        "x.yaml:10:37: error: okänd nyckel 'invitd' i kommunen – menade du 'invited'?; tillåtna nycklar: code, name, spellings, invited"
      ])
  }

  /// Review item 3: an empty value no longer "saknar värde; fyll i det".
  @Test func anEmptyValueIsToldWhatToFillIn() throws {
    let yaml = try Self.base(replacing: "title: Exempelenkät\n", with: "title: \"\"\n")
    #expect(Self.problems(yaml) == ["x.yaml:3:8: error: inget är ifyllt för titeln (title); fyll i ett värde"])
  }

  /// Review item 4.
  @Test func aCountyWithoutMunicipalitiesIsToldToListThem() throws {
    let yaml = try Self.base(
      replacing: "  municipalities:\n" + Self.municipality + "    - { code: \"0821\", name: Högsby }\n",
      with: "  municipalities: []\n")
    #expect(
      Self.problems(yaml) == [
        "x.yaml:9:19: error: länet behöver minst en kommun; lägg till länets kommuner under `municipalities:`"
      ])
  }

  /// Review item 5: a key is in "posten för hela länet", "uppgifterna om de svarande", not
  /// in "hela länet" or "de svarande".
  @Test func anUnknownKeyIsInTheRightThing() throws {
    let wide = try Self.base(
      replacing: "  county_wide: { code: \"0800\", name: Hela länet }\n",
      with: "  county_wide: { code: \"0800\", name: Hela länet, invite: 5 }\n")
    #expect(
      Self.problems(wide) == [
        "x.yaml:8:50: error: okänd nyckel 'invite' i posten för hela länet (county_wide) – menade du 'invited'?; tillåtna nycklar: code, name, spellings, invited"
      ])
    let respondents = try Self.base(
      replacing: "  municipality: { column: kommun }\n",
      with: "  municipality: { column: kommun }\n  idd: { column: id }\n")
    #expect(
      Self.problems(respondents) == [
        "x.yaml:30:3: error: okänd nyckel 'idd' i uppgifterna om de svarande (respondents) – menade du 'id'?; tillåtna nycklar: id, municipality, dimensions"
      ])
    let by = try Self.base(
      replacing: Self.municipality,
      with: "    - { code: \"0880\", name: Kalmar, invited: { organisation: { regon: 3 } } }\n")
    #expect(
      Self.problems(by) == [
        "x.yaml:10:64: error: okänd nyckel 'regon' i antalet inbjudna per organisation (invited: organisation:) – menade du 'region'?; tillåtna nycklar: region, kommun"
      ])
  }

  /// Review items 6 and 23: the group named as a group, and both numbers with Swedish
  /// thousands spacing (the English keeps its digits: SurveyLoaderTests).
  @Test func aGroupsInvitedCountOutOfRangeNamesTheGroup() throws {
    let yaml = try Self.base(
      replacing: Self.municipality,
      with: "    - { code: \"0880\", name: Kalmar, invited: { organisation: { region: 20000000, kommun: 3 } } }\n")
    #expect(
      Self.problems(yaml) == [
        "x.yaml:10:72: error: antalet inbjudna i gruppen 'region' (invited: organisation:) ska vara från 0 till 10 000 000, inte 20 000 000"
      ])
    #expect(
      Self.problems(yaml, language: .en) == [
        "x.yaml:10:72: error: invited organisation region must be from 0 to 10000000, not 20000000"
      ])
  }

  /// Review item 28, both languages: a number given a list or a mapping is told it must be
  /// one value, not "text"; so is a `column:` given a list.
  @Test func aListOrMappingWhereOneValueBelongsIsToldSo() throws {
    let list = try Self.base(replacing: "min_group_size: 5\n", with: "min_group_size: [5]\n")
    #expect(
      Self.problems(list) == [
        "x.yaml:5:17: error: minsta gruppstorleken (min_group_size) ska vara ett enda värde, inte en lista"
      ])
    #expect(
      Self.problems(list, language: .en) == ["x.yaml:5:17: error: min_group_size must be a single value, not a list"])
    let mapping = try Self.base(replacing: "min_group_size: 5\n", with: "min_group_size: { minst: 5 }\n")
    #expect(
      Self.problems(mapping) == [
        "x.yaml:5:17: error: minsta gruppstorleken (min_group_size) ska vara ett enda värde, inte rader med `key: value`"
      ])
    #expect(
      Self.problems(mapping, language: .en) == [
        "x.yaml:5:17: error: min_group_size must be a single value, not a mapping"
      ])
    // Review item 26 too: `column:` before its part, no stray colon.
    let column = try Self.base(
      replacing: "        current: { column: mote_meso_nu }\n",
      with: "        current: { column: [mote_meso_nu, nu] }\n")
    #expect(
      Self.problems(column) == [
        "x.yaml:45:28: error: kolumnen (column) för svaret om nuläge (current) ska vara ett enda värde, inte en lista"
      ])
    #expect(
      Self.problems(column, language: .en) == [
        "x.yaml:45:28: error: the current-state answer: column must be a single value, not a list"
      ])
  }

  /// Review item 20: the loader takes ja/nej (and yes/no) for `required`, so the message
  /// says so.
  @Test func aRequiredFlagThatIsNoneSaysJaAndNejAreTaken() throws {
    let yaml = try Self.base(
      replacing: "  municipality: { column: kommun }\n", with: "  municipality: { column: kommun, required: kanske }\n")
    #expect(Self.problems(yaml) == ["x.yaml:29:45: error: required ska vara true eller false (ja/nej går också)"])
    for flag in ["ja", "nej", "true", "false"] {
      let taken = try Self.base(
        replacing: "  municipality: { column: kommun }\n",
        with: "  municipality: { column: kommun, required: \(flag) }\n")
      #expect(Self.problems(taken) == [], "\(flag)")
    }
  }

  /// Review items 8, 14 and 27: a tag, not a "taggordlista"; not "deklarerad" but where it
  /// belongs.
  @Test func anUnknownTagIsToldWhereTagsBelong() throws {
    let yaml = try Self.base(
      replacing: "        tags: { utvecklingsomrade: samordning }\n        current: { column: mote_meso_nu }\n",
      with: "        tags: { utvecklingsomrad: samordning }\n        current: { column: mote_meso_nu }\n")
    #expect(
      Self.problems(yaml) == [
        "x.yaml:44:17: error: taggen 'utvecklingsomrad' finns inte under `tags:` – menade du 'utvecklingsomrade'?; lägg till den där eller använd en av: utvecklingsomrade"
      ])
  }

  // MARK: every message the review changed, with parts put in

  /// Each changed message with the parts a definition can give it, and its Swedish as
  /// written by hand.
  static let changed: [(DefinitionPhrase, String)] = [
    (
      .yamlSyntax("p"),
      "YAML-syntaxfel: p; kontrollera indrag, kolon och citattecken runt den här raden"
    ),
    (.keysGivenTwice(["k"]), "'k' står mer än en gång på samma nivå (första gången här); behåll bara en"),
    (
      .keysGivenTwice(["a", "b"]),
      "'a', 'b' står var och en mer än en gång på samma nivå ('a' första gången här); behåll bara en av varje"
    ),
    (
      .unknownKey("titel", in: .report, suggestion: "title", known: ["mellanrum", "heatmap"]),
      "okänd nyckel 'titel' i rapportdelen (report) – menade du 'title'?; tillåtna nycklar: mellanrum, heatmap"
    ),
    (
      .unknownKey("x", in: .grid, suggestion: nil, known: ["section", "rows", "columns"]),
      "okänd nyckel 'x' i rutnätet (grid); tillåtna nycklar: section, rows, columns"
    ),
    (
      .keyTwice("id", in: .item, firstLine: 41),
      "'id' står två gånger i frågan (första gången på rad 41); behåll en av dem"
    ),
    (.keyNotText(.municipality), "kommunen har en nyckel som inte är text; skriv nyckeln som text"),
    (
      .notMapping(.noAnswer),
      "uppgifterna om ej svar (no_answer) ska vara en mappning med rader `key: value`"
    ),
    (.lacksKey(.scalePoint, key: "label"), "skalsteget saknar 'label'; lägg till `label: …`"),
    (.lacksKey(.tagVocabulary, key: "values"), "taggen saknar 'values'; lägg till `values: …`"),
    (.lacksKey(.mellanrum, key: "between"), "mellanrummet saknar 'between'; lägg till `between: …`"),
    (
      .lacksKey(.columnOf(.currentAnswer), key: "position"),
      "kolumnen (column) för svaret om nuläge (current) saknar 'position'; lägg till `position: …`"
    ),
    (
      .notList(.mellanrumGroups),
      "mellanrummets två grupper (between) ska vara en lista (rader som börjar med `- `)"
    ),
    (.notSingleValue(.title, list: true), "titeln (title) ska vara ett enda värde, inte en lista"),
    (
      .notSingleValue(.invited, list: false),
      "antalet inbjudna (invited) ska vara ett enda värde, inte rader med `key: value`"
    ),
    (.empty(.pointValue), "inget är ifyllt för skalstegets värde (value); fyll i ett värde"),
    (.empty(.questionText), "inget är ifyllt för frågetexten i exporten (question); fyll i ett värde"),
    (.empty(.itemText), "inget är ifyllt för frågans text (text); fyll i ett värde"),
    (.notWholeNumber(.pointValue, text: "tre"), "skalstegets värde (value) ska vara ett heltal, inte 'tre'"),
    (
      .badIdentifier(.sectionID, text: "Möten"),
      "avsnittets id 'Möten' får bara innehålla a–z (inte å, ä, ö eller mellanslag), 0–9, '_' och '-'"
    ),
    (
      .declaredTwice(.section, id: "s", firstLine: 40),
      "avsnittet 's' finns två gånger (första gången på rad 40); ändra eller ta bort en av dem"
    ),
    (
      .declaredTwice(.pointValue, id: "3", firstLine: 16),
      "skalstegets värde '3' finns två gånger (första gången på rad 16); ändra eller ta bort en av dem"
    ),
    (
      .declaredTwice(.municipalityName, id: "Kalmar", firstLine: 10),
      "kommunens namn 'Kalmar' finns två gånger (första gången på rad 10); ändra eller ta bort en av dem"
    ),
    (
      .minimumGroupSize(0, lowest: 1, highest: 10),
      "minsta gruppstorleken (min_group_size) ska vara från 1 till 10, inte 0"
    ),
    (.tooManySections(70, maximum: 64), "en enkät får ha högst 64 avsnitt, inte 70; slå ihop några"),
    (
      .tooLargeToTally(cells: 30006, maximumCells: 2048, counters: 16_777_217, maximumCounters: 16_777_216),
      "enkäten är för stor för att sammanställas: 30 006 celler (kommuner × dimensionsvärden; högst 2048) och 16 777 217 räkneposter (frågor × skalsteg i alla celler; högst 16 777 216); använd färre dimensionsvärden, kommuner eller skalsteg"
    ),
    (.mellanrumGroupCount(3), "ett mellanrum jämför två grupper, inte 3"),
    (.mellanrumSameGroup, "ett mellanrum jämför två olika grupper; ange två olika värden"),
    (
      .notAVocabulary("omrade", suggestion: "omraden"),
      "'omrade' är ingen tagg – menade du 'omraden'?; den ska stå under `tags:`"
    ),
    (.gridSameVocabulary, "rutnätets rader och kolumner ska vara två olika taggar"),
    (
      .gridVocabularyIsLens("avtal"),
      "taggen 'avtal' används som rader eller kolumner i ett rutnät (grid) och kan därför inte också vara en lins i `brief` eller `heatmap`; ge rutnätet en egen tagg"
    ),
    (.noMunicipalities, "länet behöver minst en kommun; lägg till länets kommuner under `municipalities:`"),
    (.tooManyMunicipalities(61, maximum: 60), "ett län får ha högst 60 kommuner, inte 61"),
    (
      .municipalityCodeNotDigits("K880"),
      "kommunkoden 'K880' ska bestå av siffror, till exempel \"0880\" (sätt den inom citattecken så att YAML behåller den inledande nollan)"
    ),
    (
      .invitedOutOfRange(.invited, -1, maximum: 10_000_000),
      "antalet inbjudna (invited) ska vara från 0 till 10 000 000, inte -1"
    ),
    (
      .invitedShape,
      "invited ska vara ett tal (`invited: 120`) eller antal per grupp i en dimension (`invited: { organisation: { region: 40, kommun: 80 } }`)"
    ),
    (
      .pointValueOutOfRange(1001, lowest: -1000, highest: 1000),
      "skalstegets värde ska vara från -1000 till 1000, inte 1001"
    ),
    (.tooFewPoints, "en skala behöver minst två skalsteg"),
    (.tooManyPoints(22, maximum: 21), "en skala får ha högst 21 skalsteg, inte 22"),
    (.noAnswerCodeOnScale("3"), "koden '3' för ej svar är också ett skalsteg; välj en kod utanför skalan"),
    (
      .tooManyDimensions(5, maximum: 4),
      "de svarande får ha högst 4 dimensioner (respondents: dimensions), inte 5"
    ),
    (.tooManyDimensionValues(13, maximum: 12), "en dimension får ha högst 12 värden, inte 13"),
    (.requiredNotFlag, "required ska vara true eller false (ja/nej går också)"),
    (
      .badColumnPosition(.currentAnswer, text: "0"),
      "kolumnpositionen för svaret om nuläge (current) ska vara kolumnens nummer, räknat från 1 (1–16384), eller kolumnbokstäverna (A, L, AB), inte '0'"
    ),
    (
      .pairedShareColumn("c"),
      "svaren om nuläge och önskat läge i ett påstående (kind: paired) delar kolumnen 'c'; ge svaret om önskat läge en egen kolumn"
    ),
    (
      .scaleNotDefined("s", suggestion: nil, scales: ["a", "b"]),
      "skalan 's' finns inte under `scales:`; lägg till den där eller använd en av: a, b"
    ),
    (
      .tagsNotMapping,
      "tags ska vara en mappning med rader `key: value`, som `utvecklingsomrade: samordning`"
    ),
    (
      .leadingZero("0880"),
      "YAML 1.1-verktyg läser '0880' som ett tal (oktalt, eller utan den inledande nollan); sätt det inom citattecken"
    ),
  ]

  @Test func everyChangedMessageReadsAsWrittenByHand() {
    for (phrase, swedish) in Self.changed {
      #expect(phrase.text(.sv) == swedish)
    }
  }

  /// Review item 22: a noun and its part say the same thing in the same words.
  @Test func aNounAndItsPartShareTheirWords() {
    #expect(DefinitionNoun.pointValue.swedish == "skalstegets värde")
    #expect(DefinitionPart.pointValue.swedish == "skalstegets värde (value)")
    #expect(DefinitionNoun.pointLabel.swedish == "skalstegets etikett")
    #expect(DefinitionPart.pointLabel.swedish == "skalstegets etikett (label)")
    #expect(DefinitionNoun.municipalityName.swedish == "kommunens namn")
    #expect(DefinitionPart.municipalityName.swedish == "kommunens namn (name)")
    #expect(DefinitionNoun.tagVocabulary.swedish == "taggen")
    #expect(DefinitionPart.tagVocabulary.swedish == "taggen")
  }

  // MARK: Swedish thousands spacing

  /// Review item 23. Written by hand: a space before every group of three digits, counted
  /// from the right, from five digits up; four digits and fewer as they are.
  @Test func swedishWholeNumbersAreGroupedInThrees() {
    for (number, text) in [
      (0, "0"), (7, "7"), (999, "999"), (2048, "2048"), (-1000, "-1000"), (10_000, "10 000"), (99_999, "99 999"),
      (123_456, "123 456"), (1_000_000, "1 000 000"), (10_000_000, "10 000 000"), (16_777_216, "16 777 216"),
      (-12_500, "-12 500"), (-20_000_000, "-20 000 000"),
    ] {
      #expect(WholeNumber.swedish(number) == text)
    }
    #expect(WholeNumber.swedish(Int.min) == "-9 223 372 036 854 775 808")
  }
}
