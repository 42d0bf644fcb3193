import Foundation
import SourceDiagnostics
import Yams

/// Loads a survey definition from YAML and validates it, reporting every problem at once.
///
/// The YAML is composed into a node tree (Yams) and walked by hand rather than decoded with
/// `Codable`, so that every problem can name its line and column. Anchors and aliases are
/// refused: the format refers to scales and tags by id, and refusing them makes an "alias
/// bomb" a clear error instead of an exponential walk.
public enum SurveyLoader {
  /// A definition larger than this is refused before it is read (a real one is ~50 KB).
  public static let maximumFileSize = 1 << 20

  /// The definition at `path`, loaded; its problems said in `language` as in
  /// `load(yaml:path:language:)`, and a file that cannot be read in `language`, else Swedish.
  public static func load(path: String, language: Language? = nil) throws -> Survey {
    try load(yaml: text(path: path, language: language ?? .fallback), path: path, language: language)
  }

  /// The definition's text, refused unread when the file is larger than `maximumFileSize`:
  /// its size is checked first, and no more than that is ever read (a file that grows, or
  /// a pipe, is refused after `maximumFileSize + 1` bytes).
  ///
  /// Its refusals are said in `language`: said before the definition is read, they cannot
  /// be in the definition's own `language:`, so a run gives its `--language`, else Swedish
  /// (`Language.fallback`, the county's users' language).
  public static func text(path: String, language: Language = .fallback) throws -> String {
    func refusal(_ phrase: SurveyPhrase) -> SurveyLoadError {
      SurveyLoadError(diagnostics: [SurveyDiagnostic(file: path, line: 1, column: 1, message: phrase.text(language))])
    }
    func tooLarge(_ size: Int) -> SurveyLoadError {
      refusal(.fileTooLarge(mebibytes: size >> 20, maximum: maximumFileSize >> 20))
    }
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    guard let size = attributes?[.size] as? Int, let handle = FileHandle(forReadingAtPath: path) else {
      throw refusal(.cannotRead)
    }
    defer { try? handle.close() }
    if size > maximumFileSize { throw tooLarge(size) }
    guard let data = try? handle.read(upToCount: maximumFileSize + 1) ?? Data() else {
      throw refusal(.cannotRead)
    }
    if data.count > maximumFileSize { throw tooLarge(data.count) }
    guard let text = String(data: data, encoding: .utf8) else {
      throw refusal(.notUTF8)
    }
    return text
  }

  /// The survey `yaml` defines, or a `SurveyLoadError` with every problem found in it, each
  /// at its line and column.
  ///
  /// The problems are said in `language`, the language asked for (a run's `--language`), if
  /// given; else in the definition's own top-level `language:` if it is `sv` or `en` (in a
  /// file YAML cannot read, a line `language: sv` or `language: en` at its top level); else
  /// in Swedish (`Language.fallback`, the county's users' language).
  public static func load(yaml: String, path: String = "<survey>", language: Language? = nil) throws -> Survey {
    if yaml.utf8.count > maximumFileSize {
      let phrase = DefinitionPhrase.tooLarge(mebibytes: maximumFileSize >> 20)
      throw SurveyLoadError(diagnostics: [
        SurveyDiagnostic(file: path, line: 1, column: 1, message: phrase.text(language ?? .fallback))
      ])
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch let error as YamlError {
      let language = language ?? declaredLanguage(yaml) ?? .fallback
      throw SurveyLoadError(diagnostics: [yamlDiagnostic(error, path: path, language: language)])
    }
    guard let root else {
      throw SurveyLoadError(diagnostics: [
        SurveyDiagnostic(
          file: path, line: 1, column: 1, message: DefinitionPhrase.emptyFile.text(language ?? .fallback))
      ])
    }
    let language = Self.language(asked: language, root: root)
    let aliases = AliasFinder.find(in: root, path: path, language: language)
    if !aliases.isEmpty { throw SurveyLoadError(diagnostics: aliases) }
    var walker = Walker(path: path, language: language)
    let survey = walker.survey(root)
    let errors = walker.diagnostics.filter { $0.severity == .error }
    if let survey, errors.isEmpty { return survey }
    throw SurveyLoadError(diagnostics: walker.diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
  }

  /// The language a definition's problems are said in: `asked`, else the definition's own
  /// top-level `language:` when it is `sv` or `en`, else Swedish (`Language.fallback`).
  static func language(asked: Language?, root: Node) -> Language {
    if let asked { return asked }
    guard case .mapping = root, case .scalar(let value)? = root["language"] else { return .fallback }
    return Language(code: value.string.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .fallback
  }

  /// The language a top-level line `language: sv` or `language: en` names (quoted or not, a
  /// comment after it allowed), for a file that YAML cannot read.
  static func declaredLanguage(_ yaml: String) -> Language? {
    for line in yaml.split(separator: "\n", omittingEmptySubsequences: true) where line.hasPrefix("language:") {
      var value = line.dropFirst("language:".count)
      if let comment = value.range(of: " #") { value = value[..<comment.lowerBound] }
      let code = value.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
      return Language(code: code)
    }
    return nil
  }

  /// Finds YAML aliases without expanding them.
  ///
  /// Yams composes an alias as the anchored node itself, position and all, and does not
  /// keep anchor names. In a tree without aliases, positions strictly increase in document
  /// order (a child after its parent, a sibling after the one before, a value after its
  /// key); an alias carries the earlier position of its anchor. A node out of order is
  /// reported where it is used and not descended into, so even an "alias bomb" is found
  /// in time linear in the file.
  enum AliasFinder {
    static func find(in root: Node, path: String, language: Language) -> [SurveyDiagnostic] {
      var found: [SurveyDiagnostic] = []
      /// Whether `b` does not come after `a` (an alias); false where a position is unknown.
      func outOfOrder(_ a: Mark?, _ b: Mark?) -> Bool {
        guard let a, let b else { return false }
        return (b.line, b.column) <= (a.line, a.column)
      }
      func report(_ parent: Node) {
        found.append(
          SurveyDiagnostic(
            file: path, line: parent.mark?.line ?? 1, column: parent.mark?.column ?? 1,
            message: DefinitionPhrase.alias.text(language)))
      }
      func walk(_ node: Node) {
        switch node {
        case .mapping(let mapping):
          var previousKey: Node?
          for (key, value) in mapping {
            if let previousKey, outOfOrder(previousKey.mark, key.mark) {
              report(node)
              return
            }
            previousKey = key
            if outOfOrder(key.mark, value.mark) {
              report(key)
            } else {
              walk(value)
            }
          }
        case .sequence(let sequence):
          var previous = node.mark
          for element in sequence {
            if outOfOrder(previous, element.mark) {
              report(node)
              return
            }
            previous = element.mark
            walk(element)
          }
        default:
          break
        }
      }
      walk(root)
      return found
    }
  }

  static func yamlDiagnostic(_ error: YamlError, path: String, language: Language) -> SurveyDiagnostic {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      return SurveyDiagnostic(
        file: path, line: mark.line, column: mark.column, message: DefinitionPhrase.yamlSyntax(problem).text(language))
    case .duplicatedKeysInMapping(let keys, let context):
      return SurveyDiagnostic(
        file: path, line: context.mark.line, column: context.mark.column,
        message: DefinitionPhrase.keysGivenTwice(keys).text(language))
    case .reader(let problem, _, let offset, _):
      return SurveyDiagnostic(
        file: path, line: 1, column: 1, message: DefinitionPhrase.yamlReader(problem, byte: Int(offset)).text(language))
    default:
      return SurveyDiagnostic(
        file: path, line: 1, column: 1, message: DefinitionPhrase.yamlOther("\(error)").text(language))
    }
  }
}

/// Walks the node tree, building the model and collecting diagnostics. Aliases have been
/// refused before the walk (`AliasFinder`), so every node here is visited once.
private struct Walker {
  let path: String
  /// The language the problems are said in (`SurveyLoader.language(asked:root:)`).
  let language: Language
  var diagnostics: [SurveyDiagnostic] = []
  /// Normalised header name → where it was first declared, to find duplicate columns.
  var headerNames: [String: (text: String, line: Int)] = [:]
  /// Every column position given (`column: { position: N }`), with its line.
  var positions: [Int: Int] = [:]
  /// Every item id with its node, recorded even when the rest of the item is broken.
  var itemIDs: [(String, Node)] = []
  /// Each `invited:` with its municipality (nil: county_wide), read once the dimensions are known.
  var invitedNodes: [(municipality: Int?, node: Node)] = []

  init(path: String, language: Language) {
    self.path = path
    self.language = language
  }

  // MARK: diagnostics

  mutating func error(_ node: Node, _ phrase: DefinitionPhrase) {
    diagnostics.append(
      SurveyDiagnostic(
        file: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, message: phrase.text(language)))
  }

  func line(_ node: Node) -> Int { node.mark?.line ?? 1 }

  // MARK: node shapes

  struct Entry {
    var key: String
    var keyNode: Node
    var value: Node
  }

  /// The entries of a mapping, after checking for unknown, duplicate and missing keys.
  mutating func mapping(_ node: Node, _ what: DefinitionPart, allowed: [String], required: [String]) -> [String: Entry]?
  {
    guard case .mapping(let mapping) = node else {
      error(node, .notMapping(what))
      return nil
    }
    var entries: [String: Entry] = [:]
    for (keyNode, value) in mapping {
      guard let key = keyNode.string else {
        error(keyNode, .keyNotText(what))
        continue
      }
      if !allowed.contains(key) {
        error(
          keyNode,
          .unknownKey(key, in: what, suggestion: Suggestion.nearest(to: key, in: allowed), known: allowed))
        continue
      }
      if let first = entries[key] {
        error(keyNode, .keyTwice(key, in: what, firstLine: line(first.keyNode)))
        continue
      }
      entries[key] = Entry(key: key, keyNode: keyNode, value: value)
    }
    for key in required where entries[key] == nil {
      error(node, .lacksKey(what, key: key))
    }
    return entries
  }

  mutating func sequence(_ node: Node, _ what: DefinitionPart) -> [Node]? {
    guard case .sequence(let sequence) = node else {
      error(node, .notList(what))
      return nil
    }
    return Array(sequence)
  }

  mutating func string(_ node: Node?, _ what: DefinitionPart) -> String? {
    guard let node else { return nil }
    guard case .scalar(let scalar) = node else {
      // Text and numbers alike: a number's text is read here too (`int`).
      if case .sequence = node {
        error(node, .notSingleValue(what, list: true))
      } else {
        error(node, .notSingleValue(what, list: false))
      }
      return nil
    }
    let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
    if text.isEmpty {
      error(node, .empty(what))
      return nil
    }
    return text
  }

  mutating func strings(_ node: Node?, _ what: DefinitionPart) -> [String] {
    guard let node else { return [] }
    if case .scalar = node { return string(node, what).map { [$0] } ?? [] }
    guard let items = sequence(node, what) else { return [] }
    return items.compactMap { string($0, .entryOf(what)) }
  }

  mutating func int(_ node: Node?, _ what: DefinitionPart) -> Int? {
    guard let node else { return nil }
    guard let text = string(node, what) else { return nil }
    guard let value = Int(text) else {
      error(node, .notWholeNumber(what, text: text))
      return nil
    }
    return value
  }

  mutating func identifier(_ node: Node?, _ what: DefinitionPart) -> String? {
    guard let node, let text = string(node, what) else { return nil }
    let allowed = text.unicodeScalars.allSatisfy {
      ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
    }
    if !allowed {
      error(node, .badIdentifier(what, text: text))
      return nil
    }
    return text
  }

  struct Labelled {
    var id: String
    var label: String
    var spellings: [String]
  }

  /// How a `labelledList` and its entries are named.
  struct ListNames {
    var list: DefinitionPart
    var entry: DefinitionPart
    var id: DefinitionPart
    var label: DefinitionPart
    var noun: DefinitionNoun

    static let tagValues = ListNames(
      list: .vocabularyValues, entry: .tagValue, id: .tagValueID, label: .tagValueLabel, noun: .tagValue)
    static let dimensionValues = ListNames(
      list: .dimensionValues, entry: .dimensionValue, id: .dimensionValueID, label: .dimensionValueLabel,
      noun: .dimensionValue)
    static let options = ListNames(list: .options, entry: .option, id: .optionID, label: .optionLabel, noun: .option)
  }

  /// A list of `{ id, label }` entries (with `spellings` where allowed), ids unique: tag
  /// values, dimension values, choice options.
  mutating func labelledList(_ node: Node?, _ names: ListNames, allowsSpellings: Bool) -> [Labelled] {
    var result: [Labelled] = []
    var ids: [(String, Node)] = []
    let keys = allowsSpellings ? ["id", "label", "spellings"] : ["id", "label"]
    for v in node.flatMap({ sequence($0, names.list) }) ?? [] {
      guard let vm = mapping(v, names.entry, allowed: keys, required: ["id", "label"]) else { continue }
      if let id = identifier(vm["id"]?.value, names.id), let label = string(vm["label"]?.value, names.label) {
        result.append(Labelled(id: id, label: label, spellings: strings(vm["spellings"]?.value, .spellings)))
        ids.append((id, v))
      }
    }
    checkUnique(ids, names.noun)
    return result
  }

  /// Reports the second of two things with the same id (compared as given, or after
  /// `HeaderKey.normalize` when `normalized`), naming it as the user wrote it.
  mutating func checkUnique(_ ids: [(String, Node)], _ what: DefinitionNoun, normalized: Bool = false) {
    var seen: [String: Node] = [:]
    for (id, node) in ids {
      let key = normalized ? HeaderKey.normalize(id) : id
      if let first = seen[key] {
        error(node, .declaredTwice(what, id: id, firstLine: line(first)))
      } else {
        seen[key] = node
      }
    }
  }

  // MARK: the survey

  static let topKeys = [
    "kartlagg", "id", "title", "language", "period", "min_group_size", "county", "scales", "tags", "respondents",
    "sections", "report",
  ]

  mutating func survey(_ root: Node) -> Survey? {
    guard
      let top = mapping(
        root, .survey, allowed: Self.topKeys,
        required: Self.topKeys.filter { !["min_group_size", "tags", "report", "period"].contains($0) })
    else {
      return nil
    }
    var version = 0
    if let node = top["kartlagg"]?.value, let v = int(node, .formatVersion) {
      version = v
      if v > Survey.formatVersion {
        error(node, .formatTooNew(v, understood: Survey.formatVersion))
      } else if v < 1 {
        error(node, .formatTooOld)
      }
    }
    let id = identifier(top["id"]?.value, .surveyID)
    let title = string(top["title"]?.value, .title)
    // The survey's language is every run's default; a code other than sv or en is Swedish.
    let language = string(top["language"]?.value, .language).map { Language(code: $0) ?? .fallback }
    var minimum = 5
    if let node = top["min_group_size"]?.value, let m = int(node, .minimumGroupSize) {
      if !SurveyLimits.minimumGroupSizes.contains(m) {
        error(
          node,
          .minimumGroupSize(
            m, lowest: SurveyLimits.minimumGroupSizes.lowerBound, highest: SurveyLimits.minimumGroupSizes.upperBound))
      } else {
        minimum = m
      }
    }
    let county = top["county"].flatMap { self.county($0.value) }
    let scales = top["scales"].map { self.scales($0.value) } ?? []
    let tags = top["tags"].map { self.tags($0.value) } ?? []
    let respondents = top["respondents"].flatMap { self.respondents($0.value) }
    let sections = top["sections"].map { self.sections($0.value, scales: scales, tags: tags) } ?? []

    guard let id, let title, let language, let county, let respondents, version >= 1 else { return nil }
    var survey = Survey(
      id: id, title: title, language: language, version: version, minimumGroupSize: minimum, county: county,
      scales: scales, tagVocabularies: tags, municipalityColumn: respondents.municipality,
      dimensions: respondents.dimensions, respondentIDColumn: respondents.respondentID, sections: sections)
    survey.municipalityRequired = respondents.municipalityRequired
    if let node = top["report"]?.value { report(node, into: &survey) }
    survey.period = string(top["period"]?.value, .period)
    for (m, node) in invitedNodes {
      let invited = self.invited(node, dimensions: survey.dimensions)
      if let m { survey.county.municipalities[m].invited = invited } else { survey.county.countyWide.invited = invited }
    }
    if let node = top["sections"]?.value, sections.count > SurveyLimits.maximumSections {
      error(node, .tooManySections(sections.count, maximum: SurveyLimits.maximumSections))
    }
    let size = SurveyLimits.tallySize(survey)
    if size.cells > SurveyLimits.maximumCells || size.counters > SurveyLimits.maximumTallyCounters {
      error(
        top["respondents"]?.value ?? root,
        .tooLargeToTally(
          cells: size.cells, maximumCells: SurveyLimits.maximumCells, counters: size.counters,
          maximumCounters: SurveyLimits.maximumTallyCounters))
    }
    return survey
  }

  /// One mellanrum pair: `{ dimension: organisation, between: [region, kommun] }`, two
  /// different values of a respondent dimension.
  mutating func mellanrum(_ node: Node, dimensions: [Dimension]) -> Survey.Mellanrum? {
    guard
      let mm = mapping(node, .mellanrum, allowed: ["dimension", "between"], required: ["dimension", "between"]),
      let dimensionID = string(mm["dimension"]?.value, .mellanrumDimension)
    else { return nil }
    let between = strings(mm["between"]?.value, .mellanrumGroups)
    guard let d = dimensions.firstIndex(where: { $0.id == dimensionID }) else {
      error(
        mm["dimension"]!.value,
        .notADimension(dimensionID, suggestion: Suggestion.nearest(to: dimensionID, in: dimensions.map(\.id))))
      return nil
    }
    let values = dimensions[d].values
    let indices = between.map { v in values.firstIndex { $0.id == v } }
    if between.count != 2 {
      error(mm["between"]!.value, .mellanrumGroupCount(between.count))
    } else if let missing = zip(between, indices).first(where: { $1 == nil })?.0 {
      error(
        mm["between"]!.value,
        .notAValueOfDimension(
          missing, dimension: dimensionID, suggestion: Suggestion.nearest(to: missing, in: values.map(\.id)),
          values: values.map(\.id)))
    } else if indices[0] == indices[1] {
      error(mm["between"]!.value, .mellanrumSameGroup)
    } else {
      return Survey.Mellanrum(dimension: d, first: indices[0]!, second: indices[1]!)
    }
    return nil
  }

  // MARK: report

  /// `report:` — which comparisons and lenses the reports show: `mellanrum:` one pair `{
  /// dimension: organisation, between: [region, kommun] }` or a list of such pairs,
  /// `heatmap: utvecklingsomrade`, `brief: [utvecklingsomrade, prioriterad_grupp]` and
  /// `purpose:`, what the report is for, in the survey's words, and `grid: { section:
  /// overenskommelser, rows: avtal, columns: fraga }` (or a list of such).
  mutating func report(_ node: Node, into survey: inout Survey) {
    guard
      let m = mapping(node, .report, allowed: ["mellanrum", "heatmap", "brief", "purpose", "grid"], required: [])
    else {
      return
    }
    if let entry = m["mellanrum"] {
      // One pair, or a list of pairs.
      let pairs = sequenceNodes(entry.value) ?? [entry.value]
      for pair in pairs {
        guard let declared = mellanrum(pair, dimensions: survey.dimensions) else { continue }
        if survey.mellanrum.contains(where: {
          $0.dimension == declared.dimension && Set([$0.first, $0.second]) == Set([declared.first, declared.second])
        }) {
          error(pair, .mellanrumTwice)
        } else {
          survey.mellanrum.append(declared)
        }
      }
    }
    if let entry = m["purpose"], let text = string(entry.value, .purpose) {
      survey.purpose = text
    }
    if let entry = m["brief"] {
      for vocabularyID in strings(entry.value, .briefVocabularies) {
        if let v = survey.tagVocabularies.firstIndex(where: { $0.id == vocabularyID }) {
          survey.briefTags.append(v)
        } else {
          error(
            entry.value,
            .notAVocabulary(
              vocabularyID, suggestion: Suggestion.nearest(to: vocabularyID, in: survey.tagVocabularies.map(\.id))))
        }
      }
    }
    if let entry = m["heatmap"], let vocabularyID = string(entry.value, .heatmapTag) {
      if let v = survey.tagVocabularies.firstIndex(where: { $0.id == vocabularyID }) {
        survey.heatmapTag = v
      } else {
        error(
          entry.value,
          .notAVocabulary(
            vocabularyID, suggestion: Suggestion.nearest(to: vocabularyID, in: survey.tagVocabularies.map(\.id))))
      }
    }
    if let entry = m["grid"] { grids(entry.value, into: &survey) }
  }

  /// `grid:` — one `{ section: <section id>, rows: <vocabulary id>, columns: <vocabulary
  /// id> }` or a list of such. The two vocabularies become grid vocabularies
  /// (`Survey.gridVocabularies`): they label the grid and are no lens, so the brief and the
  /// heat map may not name them.
  mutating func grids(_ node: Node, into survey: inout Survey) {
    var declared: [(section: Int, rows: String, columns: String, node: Node)] = []
    let vocabularyIDs = survey.tagVocabularies.map(\.id)
    for entry in sequenceNodes(node) ?? [node] {
      guard
        let g = mapping(
          entry, .grid, allowed: ["section", "rows", "columns"], required: ["section", "rows", "columns"])
      else { continue }
      var section: Int?
      if let n = g["section"]?.value, let id = string(n, .gridSection) {
        section = survey.sections.firstIndex { $0.id == id }
        if section == nil {
          error(n, .notASection(id, suggestion: Suggestion.nearest(to: id, in: survey.sections.map(\.id))))
        }
      }
      var ids: [String] = []
      for key in ["rows", "columns"] {
        guard let n = g[key]?.value, let id = string(n, key == "rows" ? .gridRows : .gridColumns) else { continue }
        if vocabularyIDs.contains(id) {
          ids.append(id)
        } else {
          error(n, .notAVocabulary(id, suggestion: Suggestion.nearest(to: id, in: vocabularyIDs)))
        }
      }
      guard let section, ids.count == 2 else { continue }
      if ids[0] == ids[1] {
        error(g["columns"]!.value, .gridSameVocabulary)
      } else if declared.contains(where: { $0.section == section }) {
        error(entry, .gridTwice(section: survey.sections[section].id))
      } else {
        declared.append((section, ids[0], ids[1], entry))
      }
    }
    guard !declared.isEmpty else { return }
    // The grid's vocabularies leave the lenses: no other report key may name them.
    let gridIDs = Set(declared.flatMap { [$0.rows, $0.columns] })
    let lensUses = survey.briefTags + (survey.heatmapTag.map { [$0] } ?? [])
    for v in lensUses where gridIDs.contains(survey.tagVocabularies[v].id) {
      error(node, .gridVocabularyIsLens(survey.tagVocabularies[v].id))
    }
    // Each cell holds one statement; a row's other items stand beside it.
    for d in declared {
      var cells: [String: String] = [:]
      for item in survey.sections[d.section].items {
        guard case .paired = item.kind else { continue }
        for row in item.tags[d.rows] ?? [] {
          for column in item.tags[d.columns] ?? [] {
            if let first = cells[row + "\u{1F}" + column] {
              error(
                d.node,
                .gridCellTwice(
                  first: first, second: item.id, rows: d.rows, row: row, columns: d.columns, column: column))
            } else {
              cells[row + "\u{1F}" + column] = item.id
            }
          }
        }
      }
    }
    let kept = survey.tagVocabularies.filter { !gridIDs.contains($0.id) }
    let moved = survey.tagVocabularies.filter { gridIDs.contains($0.id) }
    func index(_ v: Int) -> Int? { kept.firstIndex { $0.id == survey.tagVocabularies[v].id } }
    survey.briefTags = survey.briefTags.compactMap(index)
    survey.heatmapTag = survey.heatmapTag.flatMap(index)
    survey.tagVocabularies = kept
    survey.gridVocabularies = moved
    survey.grids = declared.map { d in
      Survey.Grid(
        section: d.section, rows: moved.firstIndex { $0.id == d.rows }!,
        columns: moved.firstIndex { $0.id == d.columns }!)
    }
  }

  // MARK: county

  mutating func county(_ node: Node) -> County? {
    guard
      let m = mapping(
        node, .county, allowed: ["name", "county_wide", "municipalities"],
        required: ["name", "county_wide", "municipalities"])
    else { return nil }
    let name = string(m["name"]?.value, .countyName)
    let wide = m["county_wide"].flatMap { municipality($0.value, .countyWide, index: nil) }
    var list: [Municipality] = []
    var codes: [(String, Node)] = []
    var names: [(String, Node)] = []
    if let entries = m["municipalities"].flatMap({ sequence($0.value, .municipalities) }) {
      for entry in entries {
        if let municipality = municipality(entry, .municipality, index: list.count) {
          list.append(municipality)
          codes.append((municipality.code, entry))
          names.append((municipality.name, entry))
        }
      }
      if entries.isEmpty, let node = m["municipalities"]?.value {
        error(node, .noMunicipalities)
      }
      if entries.count > SurveyLimits.maximumMunicipalities, let node = m["municipalities"]?.value {
        error(node, .tooManyMunicipalities(entries.count, maximum: SurveyLimits.maximumMunicipalities))
      }
    }
    checkUnique(codes, .municipalityCode)
    checkUnique(names, .municipalityName, normalized: true)
    guard let name, let wide else { return nil }
    return County(name: name, municipalities: list, countyWide: wide)
  }

  mutating func municipality(_ node: Node, _ what: DefinitionPart, index: Int?) -> Municipality? {
    guard
      let m = mapping(node, what, allowed: ["code", "name", "spellings", "invited"], required: ["code", "name"])
    else {
      return nil
    }
    let code = string(m["code"]?.value, .municipalityCode)
    if let code, let codeNode = m["code"]?.value, !code.allSatisfy(\.isNumber) {
      error(codeNode, .municipalityCodeNotDigits(code))
    }
    let name = string(m["name"]?.value, .municipalityName)
    let spellings = strings(m["spellings"]?.value, .spellings)
    guard let code, let name else { return nil }
    if let invited = m["invited"]?.value { invitedNodes.append((index, invited)) }
    return Municipality(code: code, name: name, spellings: spellings)
  }

  /// `invited: 120`, or `invited: { <dimension>: { <value>: 40, … } }` (the total is the sum).
  mutating func invited(_ node: Node, dimensions: [Dimension]) -> Invited? {
    func count(_ node: Node, _ what: DefinitionPart) -> Int? {
      guard let n = int(node, what) else { return nil }
      guard (0...SurveyLimits.maximumInvited).contains(n) else {
        error(node, .invitedOutOfRange(what, n, maximum: SurveyLimits.maximumInvited))
        return nil
      }
      return n
    }
    if case .scalar = node { return count(node, .invited).map { Invited(total: $0) } }
    guard case .mapping(let mapping) = node, mapping.count == 1, let (keyNode, inner) = mapping.first else {
      error(node, .invitedShape)
      return nil
    }
    let key = keyNode.string ?? ""
    guard let d = dimensions.firstIndex(where: { $0.id == key }) else {
      error(keyNode, .notADimension(key, suggestion: Suggestion.nearest(to: key, in: dimensions.map(\.id))))
      return nil
    }
    let values = dimensions[d].values
    guard let entries = self.mapping(inner, .invitedBy(dimension: key), allowed: values.map(\.id), required: []) else {
      return nil
    }
    var counts = [Int?](repeating: nil, count: values.count)
    for (v, value) in values.enumerated() {
      if let entry = entries[value.id] {
        counts[v] = count(entry.value, .invitedGroup(dimension: key, value: value.id))
      }
    }
    guard entries.count == counts.compactMap({ $0 }).count else { return nil }
    return Invited(total: counts.compactMap { $0 }.reduce(0, +), byGroup: (d, counts))
  }

  // MARK: scales and tags

  mutating func scales(_ node: Node) -> [Scale] {
    guard let entries = sequence(node, .scales) else { return [] }
    var result: [Scale] = []
    var ids: [(String, Node)] = []
    for entry in entries {
      guard let m = mapping(entry, .scale, allowed: ["id", "points", "no_answer"], required: ["id", "points"]) else {
        continue
      }
      let id = identifier(m["id"]?.value, .scaleID)
      var points: [ScalePoint] = []
      var values: [(String, Node)] = []
      var labels: [(String, Node)] = []
      if let pointNodes = m["points"].flatMap({ sequence($0.value, .scalePoints) }) {
        for p in pointNodes {
          guard let pm = mapping(p, .scalePoint, allowed: ["value", "label"], required: ["value", "label"]) else {
            continue
          }
          if let v = int(pm["value"]?.value, .pointValue),
            let l = string(pm["label"]?.value, .pointLabel)
          {
            guard SurveyLimits.pointValues.contains(v) else {
              error(
                pm["value"]!.value,
                .pointValueOutOfRange(
                  v, lowest: SurveyLimits.pointValues.lowerBound, highest: SurveyLimits.pointValues.upperBound))
              continue
            }
            points.append(ScalePoint(value: v, label: l))
            values.append((String(v), p))
            labels.append((l, pm["label"]!.value))
          }
        }
        if pointNodes.count < 2, let n = m["points"]?.value { error(n, .tooFewPoints) }
        if pointNodes.count > SurveyLimits.maximumPoints, let n = m["points"]?.value {
          error(n, .tooManyPoints(pointNodes.count, maximum: SurveyLimits.maximumPoints))
        }
      }
      checkUnique(values, .pointValue)
      checkUnique(labels, .pointLabel, normalized: true)
      var noLabels: [String] = []
      var noCodes: [String] = []
      if let na = m["no_answer"], let nm = mapping(na.value, .noAnswer, allowed: ["labels", "codes"], required: []) {
        noLabels = strings(nm["labels"]?.value, .noAnswerLabels)
        if let codesNode = nm["codes"]?.value {
          for codeNode in sequenceNodes(codesNode) ?? [codesNode] {
            guard let code = string(codeNode, .noAnswerCode) else { continue }
            noCodes.append(code)
            if let v = Int(code), points.contains(where: { $0.value == v }) {
              error(codeNode, .noAnswerCodeOnScale(code))
            }
          }
        }
      }
      if let id {
        ids.append((id, entry))
        result.append(
          Scale(id: id, points: points.sorted { $0.value < $1.value }, noAnswerLabels: noLabels, noAnswerCodes: noCodes)
        )
      }
    }
    checkUnique(ids, .scale)
    return result
  }

  func sequenceNodes(_ node: Node) -> [Node]? {
    if case .sequence(let s) = node { return Array(s) }
    return nil
  }

  mutating func tags(_ node: Node) -> [TagVocabulary] {
    guard let entries = sequence(node, .tags) else { return [] }
    var result: [TagVocabulary] = []
    var ids: [(String, Node)] = []
    for entry in entries {
      guard
        let m = mapping(
          entry, .tagVocabulary, allowed: ["id", "label", "values"], required: ["id", "label", "values"])
      else { continue }
      let id = identifier(m["id"]?.value, .tagVocabularyID)
      let label = string(m["label"]?.value, .tagVocabularyLabel)
      let values = labelledList(m["values"]?.value, .tagValues, allowsSpellings: false).map {
        TagValue(id: $0.id, label: $0.label)
      }
      if let id, let label {
        ids.append((id, entry))
        result.append(TagVocabulary(id: id, label: label, values: values))
      }
    }
    checkUnique(ids, .tagVocabulary)
    return result
  }

  // MARK: respondents

  struct Respondents {
    var municipality: AnswerLocation
    var municipalityRequired: Bool
    var respondentID: AnswerLocation?
    var dimensions: [Dimension]
  }

  mutating func respondents(_ node: Node) -> Respondents? {
    guard
      let m = mapping(node, .respondents, allowed: ["id", "municipality", "dimensions"], required: ["municipality"])
    else { return nil }
    var municipality: AnswerLocation?
    var municipalityRequired = false
    if let node = m["municipality"]?.value,
      let mm = mapping(
        node, .municipalityColumn, allowed: ["column", "aliases", "question", "required"], required: ["column"])
    {
      municipality = location(fromEntries: mm, node, .municipalityColumn)
      if let r = mm["required"]?.value { municipalityRequired = requiredFlag(r) }
    }
    let id = m["id"].flatMap { location($0.value, .respondentIDColumn) }
    var dimensions: [Dimension] = []
    var ids: [(String, Node)] = []
    let dimensionNodes = m["dimensions"].flatMap({ sequence($0.value, .dimensions) }) ?? []
    if dimensionNodes.count > SurveyLimits.maximumDimensions, let node = m["dimensions"]?.value {
      error(node, .tooManyDimensions(dimensionNodes.count, maximum: SurveyLimits.maximumDimensions))
    }
    for d in dimensionNodes {
      guard
        let dm = mapping(
          d, .dimension, allowed: ["id", "label", "required", "column", "aliases", "question", "values"],
          required: ["id", "label", "column", "values"])
      else { continue }
      let did = identifier(dm["id"]?.value, .dimensionID)
      let label = string(dm["label"]?.value, .dimensionLabel)
      let loc = location(fromEntries: dm, d, .dimensionColumn)
      let required = dm["required"].map { requiredFlag($0.value) } ?? false
      let values = labelledList(dm["values"]?.value, .dimensionValues, allowsSpellings: true).map {
        DimensionValue(id: $0.id, label: $0.label, spellings: $0.spellings)
      }
      if values.count > SurveyLimits.maximumDimensionValues, let node = dm["values"]?.value {
        error(node, .tooManyDimensionValues(values.count, maximum: SurveyLimits.maximumDimensionValues))
      }
      if let did, let label, let loc {
        ids.append((did, d))
        dimensions.append(Dimension(id: did, label: label, location: loc, values: values, required: required))
      }
    }
    checkUnique(ids, .dimension)
    guard let municipality else { return nil }
    return Respondents(
      municipality: municipality, municipalityRequired: municipalityRequired, respondentID: id, dimensions: dimensions)
  }

  /// A `required:` key's value: true or false (yes/no, ja/nej).
  mutating func requiredFlag(_ node: Node) -> Bool {
    switch node.string?.lowercased() {
    case "true", "yes", "ja": return true
    case "false", "no", "nej": return false
    default:
      error(node, .requiredNotFlag)
      return false
    }
  }

  // MARK: answer locations

  mutating func location(_ node: Node, _ what: DefinitionPart, pairedWith sibling: AnswerLocation? = nil)
    -> AnswerLocation?
  {
    guard let m = mapping(node, what, allowed: ["column", "aliases", "question"], required: ["column"]) else {
      return nil
    }
    return location(fromEntries: m, node, what, pairedWith: sibling)
  }

  /// Reads `column`, `aliases` and `question` from entries, and records every header name
  /// so that a name used by two answers is reported.
  mutating func location(
    fromEntries m: [String: Entry], _ node: Node, _ what: DefinitionPart, pairedWith sibling: AnswerLocation? = nil
  ) -> AnswerLocation? {
    var position: Int?
    let column: String
    if let node = m["column"]?.value, case .mapping = node {
      // `column: { position: 12 }` (or its letter, `{ position: L }`): the column's place.
      guard let place = mapping(node, .columnOf(what), allowed: ["position"], required: ["position"]),
        let text = string(place["position"]?.value, .columnPositionOf(what))
      else { return nil }
      guard let p = Int(text).flatMap({ $0 >= 1 && $0 <= 16384 ? $0 : nil }) ?? AnswerLocation.position(letters: text)
      else {
        error(place["position"]!.value, .badColumnPosition(what, text: text))
        return nil
      }
      if let first = positions[p] {
        error(place["position"]!.value, .positionUsed(p, line: first))
      } else {
        positions[p] = line(place["position"]!.value)
      }
      position = p
      column = "position \(p) (\(AnswerLocation.letters(of: p)))"
    } else {
      guard let text = string(m["column"]?.value, .columnOf(what)) else { return nil }
      column = text
    }
    let aliases = strings(m["aliases"]?.value, .aliases)
    let question = m["question"].flatMap { string($0.value, .questionText) }
    let location = AnswerLocation(column: column, aliases: aliases, question: question, position: position)
    // Names of one answer may repeat each other after normalising ("kommun", "Kommun");
    // only a name shared by two answers is a conflict.
    var own = Set<String>()
    for name in location.headerNames {
      let key = HeaderKey.normalize(name)
      guard own.insert(key).inserted else { continue }
      let place = m["column"]?.value ?? node
      if let sibling, sibling.headerNames.contains(where: { HeaderKey.normalize($0) == key }) {
        error(place, .pairedShareColumn(name))
      } else if let first = headerNames[key] {
        error(place, .columnUsed(name, line: first.line))
      } else {
        headerNames[key] = (name, line(place))
      }
    }
    return location
  }

  // MARK: sections and items

  static let itemKeys = ["id", "kind", "text", "scale", "tags", "current", "desired", "answer", "options", "no_answer"]

  mutating func sections(_ node: Node, scales: [Scale], tags: [TagVocabulary]) -> [Section] {
    guard let entries = sequence(node, .sections) else { return [] }
    var result: [Section] = []
    var sectionIDs: [(String, Node)] = []
    for entry in entries {
      guard
        let m = mapping(
          entry, .section, allowed: ["id", "title", "description", "items"], required: ["id", "title", "items"])
      else { continue }
      let id = identifier(m["id"]?.value, .sectionID)
      let title = string(m["title"]?.value, .sectionTitle)
      let description = m["description"].flatMap { string($0.value, .sectionDescription) }
      var items: [Item] = []
      for itemNode in m["items"].flatMap({ sequence($0.value, .sectionItems) }) ?? [] {
        if let item = item(itemNode, scales: scales, tags: tags) { items.append(item) }
      }
      if let id, let title {
        sectionIDs.append((id, entry))
        result.append(Section(id: id, title: title, description: description, items: items))
      }
    }
    checkUnique(sectionIDs, .section)
    checkUnique(itemIDs, .item)
    return result
  }

  mutating func item(_ node: Node, scales: [Scale], tags: [TagVocabulary]) -> Item? {
    guard let m = mapping(node, .item, allowed: Self.itemKeys, required: ["id", "text"]) else { return nil }
    let id = identifier(m["id"]?.value, .itemID)
    if let id { itemIDs.append((id, node)) }
    let text = string(m["text"]?.value, .itemText)
    let kindName = m["kind"].flatMap { string($0.value, .itemKind) } ?? "paired"
    let kinds = ["paired", "rating", "choice", "text"]
    guard kinds.contains(kindName) else {
      error(
        m["kind"]!.value,
        .unknownItemKind(kindName, suggestion: Suggestion.nearest(to: kindName, in: kinds), kinds: kinds))
      return nil
    }
    // Keys that do not belong to this kind.
    let own: [String: [String]] = [
      "paired": ["scale", "current", "desired"], "rating": ["scale", "answer"],
      "choice": ["options", "no_answer", "answer"], "text": ["answer"],
    ]
    for key in ["scale", "current", "desired", "answer", "options", "no_answer"]
    where m[key] != nil && !own[kindName]!.contains(key) {
      error(m[key]!.keyNode, .keyNotOfKind(key, kind: kindName, keys: own[kindName]!))
    }
    for key in own[kindName]! where key != "no_answer" && m[key] == nil {
      error(node, .kindLacksKey(kind: kindName, key: key))
    }

    var scaleID: String?
    if let s = m["scale"], own[kindName]!.contains("scale"), let name = string(s.value, .itemScale) {
      if scales.contains(where: { $0.id == name }) {
        scaleID = name
      } else {
        error(
          s.value,
          .scaleNotDefined(
            name, suggestion: Suggestion.nearest(to: name, in: scales.map(\.id)), scales: scales.map(\.id)))
      }
    }
    let itemTags = m["tags"].map { self.itemTags($0.value, vocabularies: tags) } ?? [:]

    let kind: Item.Kind?
    switch kindName {
    case "paired":
      let current = m["current"].flatMap { location($0.value, .currentAnswer) }
      let desired = m["desired"].flatMap { location($0.value, .desiredAnswer, pairedWith: current) }
      kind = scaleID.flatMap { s in current.flatMap { c in desired.map { .paired(scale: s, current: c, desired: $0) } }
      }
    case "rating":
      let answer = m["answer"].flatMap { location($0.value, .answer) }
      kind = scaleID.flatMap { s in answer.map { .rating(scale: s, answer: $0) } }
    case "choice":
      let options = labelledList(m["options"]?.value, .options, allowsSpellings: true).map {
        ChoiceOption(id: $0.id, label: $0.label, spellings: $0.spellings)
      }
      let noAnswer = strings(m["no_answer"]?.value, .noAnswer)
      let answer = m["answer"].flatMap { location($0.value, .answer) }
      kind = answer.map { .choice(options: options, noAnswerLabels: noAnswer, answer: $0) }
    default:
      kind = m["answer"].flatMap { location($0.value, .answer) }.map { .text(answer: $0) }
    }
    guard let id, let text, let kind else { return nil }
    return Item(id: id, text: text, kind: kind, tags: itemTags)
  }

  mutating func itemTags(_ node: Node, vocabularies: [TagVocabulary]) -> [String: [String]] {
    guard case .mapping(let mapping) = node else {
      error(node, .tagsNotMapping)
      return [:]
    }
    var result: [String: [String]] = [:]
    for (keyNode, valueNode) in mapping {
      guard let key = keyNode.string else { continue }
      guard let vocabulary = vocabularies.first(where: { $0.id == key }) else {
        error(
          keyNode,
          .tagNotDeclared(
            key, suggestion: Suggestion.nearest(to: key, in: vocabularies.map(\.id)),
            vocabularies: vocabularies.map(\.id)))
        continue
      }
      var values: [String] = []
      let nodes: [Node] = sequenceNodes(valueNode) ?? [valueNode]
      for v in nodes {
        guard let value = string(v, .valueOfTag(key)) else { continue }
        if vocabulary.values.contains(where: { $0.id == value }) {
          values.append(value)
        } else {
          error(
            v,
            .notAValueOfTag(
              value, tag: key, suggestion: Suggestion.nearest(to: value, in: vocabulary.values.map(\.id)),
              values: vocabulary.values.map(\.id)))
        }
      }
      result[key] = values
    }
    return result
  }
}
