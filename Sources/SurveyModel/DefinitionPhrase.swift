import SourceDiagnostics

/// Every problem `SurveyLoader` finds in a survey definition's content, and every warning of
/// `YAMLPortability`, in Swedish and English, each saying what would fix it. YAML's own words
/// (`key: value`, `- `, the keys) stay as they are in both languages.
enum DefinitionPhrase: Localized, Sendable, Hashable {
  case tooLarge(mebibytes: Int)
  case yamlSyntax(String)
  case yamlReader(String, byte: Int)
  case yamlOther(String)
  case emptyFile
  /// Keys Yams found more than once in one mapping, at the first of them.
  case keysGivenTwice([String])
  case alias
  case notMapping(DefinitionPart)
  case keyNotText(DefinitionPart)
  case unknownKey(String, in: DefinitionPart, suggestion: String?, known: [String])
  case keyTwice(String, in: DefinitionPart, firstLine: Int)
  case lacksKey(DefinitionPart, key: String)
  case notList(DefinitionPart)
  /// A list or a mapping where one value (text or a number) belongs.
  case notSingleValue(DefinitionPart, list: Bool)
  case empty(DefinitionPart)
  case notWholeNumber(DefinitionPart, text: String)
  case badIdentifier(DefinitionPart, text: String)
  case declaredTwice(DefinitionNoun, id: String, firstLine: Int)
  case formatTooNew(Int, understood: Int)
  case formatTooOld
  case minimumGroupSize(Int, lowest: Int, highest: Int)
  case tooManySections(Int, maximum: Int)
  case tooLargeToTally(cells: Int, maximumCells: Int, counters: Int, maximumCounters: Int)
  case notADimension(String, suggestion: String?)
  case mellanrumGroupCount(Int)
  case notAValueOfDimension(String, dimension: String, suggestion: String?, values: [String])
  case mellanrumSameGroup
  case mellanrumTwice
  case notAVocabulary(String, suggestion: String?)
  case notASection(String, suggestion: String?)
  case gridSameVocabulary
  case gridTwice(section: String)
  case gridVocabularyIsLens(String)
  case gridCellTwice(first: String, second: String, rows: String, row: String, columns: String, column: String)
  case noMunicipalities
  case tooManyMunicipalities(Int, maximum: Int)
  case municipalityCodeNotDigits(String)
  case invitedOutOfRange(DefinitionPart, Int, maximum: Int)
  case invitedShape
  case pointValueOutOfRange(Int, lowest: Int, highest: Int)
  case tooFewPoints
  case tooManyPoints(Int, maximum: Int)
  case noAnswerCodeOnScale(String)
  case tooManyDimensions(Int, maximum: Int)
  case tooManyDimensionValues(Int, maximum: Int)
  case requiredNotFlag
  case badColumnPosition(DefinitionPart, text: String)
  case positionUsed(Int, line: Int)
  case pairedShareColumn(String)
  case columnUsed(String, line: Int)
  case unknownItemKind(String, suggestion: String?, kinds: [String])
  case keyNotOfKind(String, kind: String, keys: [String])
  case kindLacksKey(kind: String, key: String)
  case scaleNotDefined(String, suggestion: String?, scales: [String])
  case tagsNotMapping
  case tagNotDeclared(String, suggestion: String?, vocabularies: [String])
  case notAValueOfTag(String, tag: String, suggestion: String?, values: [String])
  /// YAMLPortability: a `?` in an unquoted value inside `{ }` or `[ ]`.
  case questionMarkInFlow(String)
  /// YAMLPortability: an unquoted `yes`, `no`, `on`, `off`, `y` or `n`.
  case yaml11Boolean(String)
  /// YAMLPortability: an unquoted number with a leading zero.
  case leadingZero(String)

  var swedish: String {
    // " – menade du 'x'?": a part may end in its key in brackets, "(report)", and a second
    // pair of brackets after it would read as one more name.
    func hint(_ suggestion: String?) -> String {
      suggestion.map { " – " + SurveyPhrase.didYouMean($0).text(.sv) } ?? ""
    }
    func list(_ items: [String]) -> String { items.joined(separator: ", ") }
    func number(_ n: Int) -> String { WholeNumber.swedish(n) }
    switch self {
    case .tooLarge(let size): return "enkätdefinitionen är större än \(size) MiB, det största som läses"
    case .yamlSyntax(let problem):
      return "YAML-syntaxfel: \(problem); kontrollera indrag, kolon och citattecken runt den här raden"
    case .yamlReader(let problem, let byte): return "YAML-fel: \(problem) (byte \(byte))"
    case .yamlOther(let error): return "YAML-fel: \(error)"
    case .emptyFile: return "filen är tom; börja med `kartlagg: 1`"
    case .keysGivenTwice(let keys) where keys.count == 1:
      return "'\(keys[0])' står mer än en gång på samma nivå (första gången här); behåll bara en"
    case .keysGivenTwice(let keys):
      return
        "\(list(keys.map { "'\($0)'" })) står var och en mer än en gång på samma nivå ('\(keys.first ?? "")' första gången här); behåll bara en av varje"
    case .alias:
      return
        "värdet använder ett YAML-alias (*namn); ankare och alias är inte tillåtna i en enkätdefinition:"
        + " hänvisa till skalor och taggar med deras id, eller skriv värdet en gång till"
    case .notMapping(let what): return "\(what.swedish) ska vara en mappning med rader `key: value`"
    case .keyNotText(let what): return "\(what.swedish) har en nyckel som inte är text; skriv nyckeln som text"
    case .unknownKey(let key, let what, let suggestion, let known):
      return "okänd nyckel '\(key)' i \(what.swedish)\(hint(suggestion)); tillåtna nycklar: \(list(known))"
    case .keyTwice(let key, let what, let line):
      return "'\(key)' står två gånger i \(what.swedish) (första gången på rad \(line)); behåll en av dem"
    case .lacksKey(let what, let key): return "\(what.swedish) saknar '\(key)'; lägg till `\(key): …`"
    case .notList(let what): return "\(what.swedish) ska vara en lista (rader som börjar med `- `)"
    case .notSingleValue(let what, let list):
      return "\(what.swedish) ska vara ett enda värde, inte \(list ? "en lista" : "rader med `key: value`")"
    case .empty(let what): return "inget är ifyllt för \(what.swedish); fyll i ett värde"
    case .notWholeNumber(let what, let text): return "\(what.swedish) ska vara ett heltal, inte '\(text)'"
    case .badIdentifier(let what, let text):
      return "\(what.swedish) '\(text)' får bara innehålla a–z (inte å, ä, ö eller mellanslag), 0–9, '_' och '-'"
    case .declaredTwice(let noun, let id, let line):
      return "\(noun.swedish) '\(id)' finns två gånger (första gången på rad \(line)); ändra eller ta bort en av dem"
    case .formatTooNew(let version, let understood):
      return
        "formatversion \(version) är nyare än vad den här versionen av kartlagg förstår (\(understood)); uppdatera kartlagg eller skriv definitionen för version \(understood)"
    case .formatTooOld: return "formatversionen ska vara 1 eller högre"
    case .minimumGroupSize(let value, let lowest, let highest):
      return
        "\(DefinitionPart.minimumGroupSize.swedish) ska vara från \(number(lowest)) till \(number(highest)), inte \(number(value))"
    case .tooManySections(let count, let maximum):
      return "en enkät får ha högst \(number(maximum)) avsnitt, inte \(number(count)); slå ihop några"
    case .tooLargeToTally(let cells, let maximumCells, let counters, let maximumCounters):
      return
        "enkäten är för stor för att sammanställas: \(number(cells)) celler (kommuner × dimensionsvärden; högst \(number(maximumCells))) och \(number(counters)) räkneposter (frågor × skalsteg i alla celler; högst \(number(maximumCounters))); använd färre dimensionsvärden, kommuner eller skalsteg"
    case .notADimension(let id, let suggestion):
      return
        "'\(id)' är ingen av de svarandes dimensioner\(hint(suggestion)); den ska stå under `respondents: dimensions:`"
    case .mellanrumGroupCount(let count): return "ett mellanrum jämför två grupper, inte \(number(count))"
    case .notAValueOfDimension(let value, let dimension, let suggestion, let values):
      return
        "'\(value)' är inget värde i dimensionen '\(dimension)'\(hint(suggestion)); dess värden är: \(list(values))"
    case .mellanrumSameGroup: return "ett mellanrum jämför två olika grupper; ange två olika värden"
    case .mellanrumTwice: return "det här mellanrummet anges två gånger; ta bort det ena"
    case .notAVocabulary(let id, let suggestion):
      return "'\(id)' är ingen tagg\(hint(suggestion)); den ska stå under `tags:`"
    case .notASection(let id, let suggestion):
      return "'\(id)' är inget avsnitt\(hint(suggestion)); det ska stå under `sections:`"
    case .gridSameVocabulary: return "rutnätets rader och kolumner ska vara två olika taggar"
    case .gridTwice(let section): return "avsnittet '\(section)' har redan ett rutnät; ta bort det ena"
    case .gridVocabularyIsLens(let vocabulary):
      return
        "taggen '\(vocabulary)' används som rader eller kolumner i ett rutnät (grid) och kan därför inte också vara en lins i `brief` eller `heatmap`; ge rutnätet en egen tagg"
    case .gridCellTwice(let first, let second, let rows, let row, let columns, let column):
      return
        "frågorna '\(first)' och '\(second)' ligger båda i rutnätets cell \(rows): \(row), \(columns): \(column); tagga en av dem på ett annat sätt"
    case .noMunicipalities: return "länet behöver minst en kommun; lägg till länets kommuner under `municipalities:`"
    case .tooManyMunicipalities(let count, let maximum):
      return "ett län får ha högst \(number(maximum)) kommuner, inte \(number(count))"
    case .municipalityCodeNotDigits(let code):
      return
        "kommunkoden '\(code)' ska bestå av siffror, till exempel \"0880\" (sätt den inom citattecken så att YAML behåller den inledande nollan)"
    case .invitedOutOfRange(let what, let value, let maximum):
      return "\(what.swedish) ska vara från 0 till \(number(maximum)), inte \(number(value))"
    case .invitedShape:
      return
        "invited ska vara ett tal (`invited: 120`) eller antal per grupp i en dimension (`invited: { organisation: { region: 40, kommun: 80 } }`)"
    case .pointValueOutOfRange(let value, let lowest, let highest):
      return "skalstegets värde ska vara från \(number(lowest)) till \(number(highest)), inte \(number(value))"
    case .tooFewPoints: return "en skala behöver minst två skalsteg"
    case .tooManyPoints(let count, let maximum):
      return "en skala får ha högst \(number(maximum)) skalsteg, inte \(number(count))"
    case .noAnswerCodeOnScale(let code):
      return "koden '\(code)' för ej svar är också ett skalsteg; välj en kod utanför skalan"
    case .tooManyDimensions(let count, let maximum):
      return "de svarande får ha högst \(number(maximum)) dimensioner (respondents: dimensions), inte \(number(count))"
    case .tooManyDimensionValues(let count, let maximum):
      return "en dimension får ha högst \(number(maximum)) värden, inte \(number(count))"
    case .requiredNotFlag: return "required ska vara true eller false (ja/nej går också)"
    case .badColumnPosition(let what, let text):
      return
        "kolumnpositionen för \(what.swedish) ska vara kolumnens nummer, räknat från 1 (1–16384), eller kolumnbokstäverna (A, L, AB), inte '\(text)'"
    case .positionUsed(let position, let line):
      return
        "kolumnposition \(position) används redan av ett annat svar (rad \(line)); varje position får bara användas en gång"
    case .pairedShareColumn(let name):
      return
        "svaren om nuläge och önskat läge i ett påstående (kind: paired) delar kolumnen '\(name)'; ge svaret om önskat läge en egen kolumn"
    case .columnUsed(let name, let line):
      return
        "kolumnen '\(name)' används redan av ett annat svar (rad \(line)); varje kolumn, alias och frågetext får bara användas en gång"
    case .unknownItemKind(let kind, let suggestion, let kinds):
      return "okänd frågetyp '\(kind)'\(hint(suggestion)); använd en av \(list(kinds))"
    case .keyNotOfKind(let key, let kind, let keys):
      return "'\(key)' hör inte till en fråga av typen \(kind); en fråga av typen \(kind) har \(list(keys))"
    case .kindLacksKey(let kind, let key): return "en fråga av typen \(kind) saknar '\(key)'; lägg till `\(key): …`"
    case .scaleNotDefined(let name, let suggestion, let scales):
      return
        "skalan '\(name)' finns inte under `scales:`\(hint(suggestion)); lägg till den där eller använd en av: \(list(scales))"
    case .tagsNotMapping: return "tags ska vara en mappning med rader `key: value`, som `utvecklingsomrade: samordning`"
    case .tagNotDeclared(let key, let suggestion, let vocabularies):
      return
        "taggen '\(key)' finns inte under `tags:`\(hint(suggestion)); lägg till den där eller använd en av: \(list(vocabularies))"
    case .notAValueOfTag(let value, let tag, let suggestion, let values):
      return "'\(value)' är inget värde för taggen '\(tag)'\(hint(suggestion)); dess värden är: \(list(values))"
    case .questionMarkInFlow(let text):
      return
        "'\(text)' innehåller ett '?' inom { } eller [ ]: PyYAML och andra YAML 1.1-verktyg stannar där; sätt värdet inom citattecken"
    case .yaml11Boolean(let text):
      return "YAML 1.1-verktyg läser '\(text)' som sant eller falskt; sätt det inom citattecken om det är text"
    case .leadingZero(let text):
      return
        "YAML 1.1-verktyg läser '\(text)' som ett tal (oktalt, eller utan den inledande nollan); sätt det inom citattecken"
    }
  }

  var english: String {
    func hint(_ suggestion: String?) -> String { Suggestion.hint(suggestion, language: .en) }
    func list(_ items: [String]) -> String { items.joined(separator: ", ") }
    switch self {
    case .tooLarge(let size): return "the definition is larger than \(size) MiB"
    case .yamlSyntax(let problem):
      return "YAML syntax: \(problem); check indentation, colons and quotes around this place"
    case .yamlReader(let problem, let byte): return "YAML: \(problem) (byte \(byte))"
    case .yamlOther(let error): return "YAML: \(error)"
    case .emptyFile: return "the file is empty; start with `kartlagg: 1`"
    case .keysGivenTwice(let keys) where keys.count == 1:
      return "'\(keys[0])' is given more than once in this mapping (first here); keep one"
    case .keysGivenTwice(let keys):
      return
        "\(list(keys.map { "'\($0)'" })) are each given more than once in this mapping ('\(keys.first ?? "")' first here); keep one of each"
    case .alias:
      return
        "this value uses a YAML alias (*name); anchors and aliases are not allowed in a survey"
        + " definition: refer to scales and tags by id, or repeat the value"
    case .notMapping(let what): return "\(what.english) must be a mapping of `key: value` lines"
    case .keyNotText(let what): return "\(what.english) has a key that is not text"
    case .unknownKey(let key, let what, let suggestion, let known):
      return "unknown key '\(key)' in \(what.english)\(hint(suggestion)); known keys: \(list(known))"
    case .keyTwice(let key, let what, let line):
      return "'\(key)' is given twice in \(what.english) (first on line \(line)); keep one"
    case .lacksKey(let what, let key): return "\(what.english) lacks '\(key)'; add `\(key): …`"
    case .notList(let what): return "\(what.english) must be a list (lines starting with `- `)"
    case .notSingleValue(let what, let list):
      return "\(what.english) must be a single value, not a \(list ? "list" : "mapping")"
    case .empty(let what): return "\(what.english) is empty"
    case .notWholeNumber(let what, let text): return "\(what.english) must be a whole number, not '\(text)'"
    case .badIdentifier(let what, let text): return "\(what.english) '\(text)' may hold only a–z, 0–9, '_' and '-'"
    case .declaredTwice(let noun, let id, let line):
      return "\(noun.english) '\(id)' is declared twice (first on line \(line)); each must be unique"
    case .formatTooNew(let version, let understood):
      return
        "format version \(version) is newer than this kartlagg understands (\(understood)); update kartlagg or write the definition for version \(understood)"
    case .formatTooOld: return "format version must be 1 or more"
    case .minimumGroupSize(let value, let lowest, let highest):
      return "min_group_size must be from \(lowest) to \(highest), not \(value)"
    case .tooManySections(let count, let maximum):
      return "a survey has at most \(maximum) sections, not \(count); merge some"
    case .tooLargeToTally(let cells, let maximumCells, let counters, let maximumCounters):
      return
        "the survey is too large to tally: \(cells) cells of municipalities × dimension values (at most \(maximumCells)) and \(counters) counters (at most \(maximumCounters)); use fewer dimension values, municipalities or scale points"
    case .notADimension(let id, let suggestion): return "'\(id)' is not a respondent dimension\(hint(suggestion))"
    case .mellanrumGroupCount(let count): return "a mellanrum is between two groups, not \(count)"
    case .notAValueOfDimension(let value, let dimension, let suggestion, let values):
      return "'\(value)' is not a value of dimension '\(dimension)'\(hint(suggestion)); its values are: \(list(values))"
    case .mellanrumSameGroup: return "a mellanrum is between two different groups"
    case .mellanrumTwice: return "this mellanrum is declared twice; remove one of them"
    case .notAVocabulary(let id, let suggestion): return "'\(id)' is not a tag vocabulary\(hint(suggestion))"
    case .notASection(let id, let suggestion): return "'\(id)' is not a section\(hint(suggestion))"
    case .gridSameVocabulary: return "a grid's rows and columns are two different tag vocabularies"
    case .gridTwice(let section): return "section '\(section)' has a grid already; remove one of them"
    case .gridVocabularyIsLens(let vocabulary):
      return
        "tag vocabulary '\(vocabulary)' labels a grid, so it cannot also be a lens of `brief` or `heatmap`; declare a vocabulary of its own for the grid"
    case .gridCellTwice(let first, let second, let rows, let row, let columns, let column):
      return
        "items '\(first)' and '\(second)' are both in the grid's cell \(rows): \(row), \(columns): \(column); tag one of them differently"
    case .noMunicipalities: return "the county needs at least one municipality"
    case .tooManyMunicipalities(let count, let maximum):
      return "a county has at most \(maximum) municipalities, not \(count)"
    case .municipalityCodeNotDigits(let code):
      return "municipality code '\(code)' must be digits, like \"0880\" (quote it so that YAML keeps the leading zero)"
    case .invitedOutOfRange(let what, let value, let maximum):
      return "\(what.english) must be from 0 to \(maximum), not \(value)"
    case .invitedShape:
      return
        "invited must be a number (`invited: 120`) or one dimension's numbers (`invited: { organisation: { region: 40, kommun: 80 } }`)"
    case .pointValueOutOfRange(let value, let lowest, let highest):
      return "a scale point's value must be from \(lowest) to \(highest), not \(value)"
    case .tooFewPoints: return "a scale needs at least two points"
    case .tooManyPoints(let count, let maximum): return "a scale has at most \(maximum) points, not \(count)"
    case .noAnswerCodeOnScale(let code):
      return "no-answer code '\(code)' is also a point of the scale; choose a code outside the scale"
    case .tooManyDimensions(let count, let maximum): return "at most \(maximum) respondent dimensions, not \(count)"
    case .tooManyDimensionValues(let count, let maximum):
      return "a dimension has at most \(maximum) values, not \(count)"
    case .requiredNotFlag: return "required must be true or false"
    case .badColumnPosition(let what, let text):
      return
        "\(what.english): column position must be a column's number, counted from 1 (1–16384), or its letters (A, L, AB), not '\(text)'"
    case .positionUsed(let position, let line):
      return
        "column position \(position) is already used by another answer (line \(line)); every position must be unique"
    case .pairedShareColumn(let name):
      return
        "a paired item's current and desired answers share the column '\(name)'; give the desired answer its own column"
    case .columnUsed(let name, let line):
      return
        "column '\(name)' is already used by another answer (line \(line)); every column, alias and question text must be unique"
    case .unknownItemKind(let kind, let suggestion, let kinds):
      return "unknown item kind '\(kind)'\(hint(suggestion)); use one of \(list(kinds))"
    case .keyNotOfKind(let key, let kind, let keys):
      return "'\(key)' does not belong to a \(kind) item; a \(kind) item has \(list(keys))"
    case .kindLacksKey(let kind, let key): return "a \(kind) item lacks '\(key)'; add `\(key): …`"
    case .scaleNotDefined(let name, let suggestion, let scales):
      return
        "scale '\(name)' is not defined\(hint(suggestion)); define it under `scales:` or use one of: \(list(scales))"
    case .tagsNotMapping: return "tags must be a mapping like `utvecklingsomrade: samordning`"
    case .tagNotDeclared(let key, let suggestion, let vocabularies):
      return
        "tag '\(key)' is not declared\(hint(suggestion)); declare it under `tags:` or use one of: \(list(vocabularies))"
    case .notAValueOfTag(let value, let tag, let suggestion, let values):
      return "'\(value)' is not a value of tag '\(tag)'\(hint(suggestion)); its values are: \(list(values))"
    case .questionMarkInFlow(let text):
      return
        "'\(text)' holds a '?' inside { } or [ ]: PyYAML and other YAML 1.1 tools stop there; put it in quotes"
    case .yaml11Boolean(let text):
      return "YAML 1.1 tools read '\(text)' as true or false; put it in quotes if it is text"
    case .leadingZero(let text):
      return "YAML 1.1 tools read '\(text)' as a number (octal, or without its leading zero); put it in quotes"
    }
  }
}

/// A part of a survey definition as a message names it: "the survey definition", "a
/// section", "the item id". Where a part is a key of its own, the Swedish names the key too.
/// A message about one entry of a list points at it by line and column, so the Swedish
/// names an entry in the definite form: "avsnittet", "frågan", "kommunen".
indirect enum DefinitionPart: Localized, Sendable, Hashable {
  case survey, formatVersion, surveyID, title, language, minimumGroupSize, period
  case report, mellanrum, mellanrumDimension, mellanrumGroups, purpose, briefVocabularies, heatmapTag
  case grid, gridSection, gridRows, gridColumns
  case county, countyName, countyWide, municipalities, municipality, municipalityCode, municipalityName, spellings
  case invited, invitedBy(dimension: String), invitedGroup(dimension: String, value: String)
  case scales, scale, scaleID, scalePoints, scalePoint, pointValue, pointLabel, noAnswer, noAnswerLabels, noAnswerCode
  case tags, tagVocabulary, tagVocabularyID, tagVocabularyLabel, vocabularyValues, tagValue, tagValueID, tagValueLabel
  case valueOfTag(String)
  case respondents, municipalityColumn, respondentIDColumn, dimensions, dimension, dimensionID, dimensionLabel
  case dimensionColumn, dimensionValues, dimensionValue, dimensionValueID, dimensionValueLabel
  case currentAnswer, desiredAnswer, answer, aliases, questionText
  case sections, section, sectionID, sectionTitle, sectionDescription, sectionItems
  case item, itemID, itemText, itemKind, itemScale
  case options, option, optionID, optionLabel
  /// `column:` of a part that has one ("the answer: column").
  case columnOf(DefinitionPart)
  /// `column: { position: … }` of a part.
  case columnPositionOf(DefinitionPart)
  /// One entry of a list.
  case entryOf(DefinitionPart)

  var swedish: String {
    switch self {
    case .survey: "enkätdefinitionen"
    case .formatVersion: "formatversionen (`kartlagg:`)"
    case .surveyID: "enkätens id"
    case .title: "titeln (title)"
    case .language: "språket (language)"
    case .minimumGroupSize: "minsta gruppstorleken (min_group_size)"
    case .period: "perioden när enkäten besvarades (period)"
    case .report: "rapportdelen (report)"
    case .mellanrum: "mellanrummet"
    case .mellanrumDimension: "mellanrummets dimension (dimension)"
    case .mellanrumGroups: "mellanrummets två grupper (between)"
    case .purpose: "rapportens syfte (purpose)"
    case .briefVocabularies: "första sidans linser (brief)"
    case .heatmapTag: "värmekartans tagg (heatmap)"
    case .grid: "rutnätet (grid)"
    case .gridSection: "rutnätets avsnitt (section)"
    case .gridRows: "rutnätets rader (rows)"
    case .gridColumns: "rutnätets kolumner (columns)"
    case .county: "länet (county)"
    case .countyName: "länets namn (name)"
    case .countyWide: "posten för hela länet (county_wide)"
    case .municipalities: "kommunerna (municipalities)"
    case .municipality: "kommunen"
    case .municipalityCode: "kommunkoden (code)"
    case .municipalityName: "kommunens namn (name)"
    case .spellings: "stavningarna (spellings)"
    case .invited: "antalet inbjudna (invited)"
    case .invitedBy(let dimension): "antalet inbjudna per \(dimension) (invited: \(dimension):)"
    case .invitedGroup(let dimension, let value): "antalet inbjudna i gruppen '\(value)' (invited: \(dimension):)"
    case .scales: "skalorna (scales)"
    case .scale: "skalan"
    case .scaleID: "skalans id"
    case .scalePoints: "skalstegen (points)"
    case .scalePoint: "skalsteget"
    case .pointValue: "skalstegets värde (value)"
    case .pointLabel: "skalstegets etikett (label)"
    case .noAnswer: "uppgifterna om ej svar (no_answer)"
    case .noAnswerLabels: "etiketterna för ej svar (no_answer: labels)"
    case .noAnswerCode: "koden för ej svar (no_answer: codes)"
    case .tags: "taggarna (tags)"
    case .tagVocabulary: "taggen"
    case .tagVocabularyID: "taggens id"
    case .tagVocabularyLabel: "taggens etikett (label)"
    case .vocabularyValues: "taggens värden (values)"
    case .tagValue: "taggvärdet"
    case .tagValueID: "taggvärdets id"
    case .tagValueLabel: "taggvärdets etikett (label)"
    case .valueOfTag(let tag): "värdet för taggen '\(tag)'"
    case .respondents: "uppgifterna om de svarande (respondents)"
    case .municipalityColumn: "svaret om kommun (municipality)"
    case .respondentIDColumn: "de svarandes id (id)"
    case .dimensions: "dimensionerna (dimensions)"
    case .dimension: "dimensionen"
    case .dimensionID: "dimensionens id"
    case .dimensionLabel: "dimensionens etikett (label)"
    case .dimensionColumn: "dimensionens svar"
    case .dimensionValues: "dimensionens värden (values)"
    case .dimensionValue: "dimensionsvärdet"
    case .dimensionValueID: "dimensionsvärdets id"
    case .dimensionValueLabel: "dimensionsvärdets etikett (label)"
    case .currentAnswer: "svaret om nuläge (current)"
    case .desiredAnswer: "svaret om önskat läge (desired)"
    case .answer: "svaret (answer)"
    case .aliases: "alias (aliases)"
    case .questionText: "frågetexten i exporten (question)"
    case .sections: "avsnitten (sections)"
    case .section: "avsnittet"
    case .sectionID: "avsnittets id"
    case .sectionTitle: "avsnittets rubrik (title)"
    case .sectionDescription: "avsnittets beskrivning (description)"
    case .sectionItems: "avsnittets frågor (items)"
    case .item: "frågan"
    case .itemID: "frågans id"
    case .itemText: "frågans text (text)"
    case .itemKind: "frågans typ (kind)"
    case .itemScale: "frågans skala (scale)"
    case .options: "svarsalternativen (options)"
    case .option: "svarsalternativet"
    case .optionID: "svarsalternativets id"
    case .optionLabel: "svarsalternativets etikett (label)"
    // Before the part, not after it: "kolumnen (column) för svaret (answer) saknar …",
    // "okänd nyckel 'x' i kolumnen (column) för …" read the same wherever the part stands.
    case .columnOf(let part): "kolumnen (column) för \(part.swedish)"
    case .columnPositionOf(let part): "kolumnpositionen (position) för \(part.swedish)"
    case .entryOf(let part): "en post i \(part.swedish)"
    }
  }

  var english: String {
    switch self {
    case .survey: "the survey definition"
    case .formatVersion: "the format version (`kartlagg:`)"
    case .surveyID: "the survey id"
    case .title: "the title"
    case .language: "the language"
    case .minimumGroupSize: "min_group_size"
    case .period: "the period (when the survey ran)"
    case .report: "report"
    case .mellanrum: "a mellanrum"
    case .mellanrumDimension: "the mellanrum's dimension"
    case .mellanrumGroups: "the two groups of the mellanrum"
    case .purpose: "the report's purpose"
    case .briefVocabularies: "the brief's tag vocabularies"
    case .heatmapTag: "the heat map's tag"
    case .grid: "a grid"
    case .gridSection: "the grid's section"
    case .gridRows: "the grid's rows"
    case .gridColumns: "the grid's columns"
    case .county: "county"
    case .countyName: "the county's name"
    case .countyWide: "county_wide"
    case .municipalities: "municipalities"
    case .municipality: "a municipality"
    case .municipalityCode: "the municipality code"
    case .municipalityName: "the municipality name"
    case .spellings: "spellings"
    case .invited: "invited"
    case .invitedBy(let dimension): "invited \(dimension)"
    case .invitedGroup(let dimension, let value): "invited \(dimension) \(value)"
    case .scales: "scales"
    case .scale: "a scale"
    case .scaleID: "the scale id"
    case .scalePoints: "the scale's points"
    case .scalePoint: "a scale point"
    case .pointValue: "the point's value"
    case .pointLabel: "the point's label"
    case .noAnswer: "no_answer"
    case .noAnswerLabels: "no_answer labels"
    case .noAnswerCode: "a no_answer code"
    case .tags: "tags"
    case .tagVocabulary: "a tag vocabulary"
    case .tagVocabularyID: "the tag vocabulary id"
    case .tagVocabularyLabel: "the tag vocabulary label"
    case .vocabularyValues: "the vocabulary's values"
    case .tagValue: "a tag value"
    case .tagValueID: "the tag value id"
    case .tagValueLabel: "the tag value label"
    case .valueOfTag(let tag): "a value of tag '\(tag)'"
    case .respondents: "respondents"
    case .municipalityColumn: "the municipality column"
    case .respondentIDColumn: "the respondent id column"
    case .dimensions: "dimensions"
    case .dimension: "a dimension"
    case .dimensionID: "the dimension id"
    case .dimensionLabel: "the dimension label"
    case .dimensionColumn: "the dimension's column"
    case .dimensionValues: "the dimension's values"
    case .dimensionValue: "a dimension value"
    case .dimensionValueID: "the dimension value id"
    case .dimensionValueLabel: "the dimension value label"
    case .currentAnswer: "the current-state answer"
    case .desiredAnswer: "the desired-state answer"
    case .answer: "the answer"
    case .aliases: "aliases"
    case .questionText: "the question text"
    case .sections: "sections"
    case .section: "a section"
    case .sectionID: "the section id"
    case .sectionTitle: "the section title"
    case .sectionDescription: "the section description"
    case .sectionItems: "the section's items"
    case .item: "an item"
    case .itemID: "the item id"
    case .itemText: "the item text"
    case .itemKind: "the item kind"
    case .itemScale: "the item's scale"
    case .options: "the options"
    case .option: "an option"
    case .optionID: "the option id"
    case .optionLabel: "the option label"
    case .columnOf(let part): "\(part.english): column"
    case .columnPositionOf(let part): "\(part.english): column position"
    case .entryOf(let part): "an entry of \(part.english)"
    }
  }
}

/// A kind of thing whose ids must be unique, as "… 'x' is declared twice" names it.
enum DefinitionNoun: Localized, Sendable, Hashable, CaseIterable {
  case tagValue, dimensionValue, option, pointValue, pointLabel, scale, tagVocabulary, dimension, section, item
  case municipalityCode, municipalityName

  var swedish: String {
    switch self {
    case .tagValue: "taggvärdet"
    case .dimensionValue: "dimensionsvärdet"
    case .option: "svarsalternativet"
    case .pointValue: "skalstegets värde"
    case .pointLabel: "skalstegets etikett"
    case .scale: "skalan"
    case .tagVocabulary: "taggen"
    case .dimension: "dimensionen"
    case .section: "avsnittet"
    case .item: "frågan"
    case .municipalityCode: "kommunkoden"
    case .municipalityName: "kommunens namn"
    }
  }

  var english: String {
    switch self {
    case .tagValue: "tag value"
    case .dimensionValue: "dimension value"
    case .option: "option"
    case .pointValue: "scale point value"
    case .pointLabel: "scale point label"
    case .scale: "scale"
    case .tagVocabulary: "tag vocabulary"
    case .dimension: "dimension"
    case .section: "section"
    case .item: "item"
    case .municipalityCode: "municipality code"
    case .municipalityName: "municipality name"
    }
  }
}
