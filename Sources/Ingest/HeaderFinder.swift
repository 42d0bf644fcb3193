import Foundation
import LibCSV
import SourceDiagnostics
import SurveyModel

/// Finds the header among the first records of an export and matches its columns.
///
/// The header is the record whose cells name the most of the survey's answers. Rows right
/// above or below it belong to it when they are what multi-row exports put there:
/// Qualtrics' question texts and `{"ImportId":…}` row, legacy Qualtrics' `V1, V2 …` row,
/// SurveyMonkey's sub-label row (`Response`, `Open-Ended Response`, option texts).
struct HeaderFinder {
  let vocabulary: HeaderVocabulary
  let survey: Survey
  let file: String
  /// The file's own municipality, when it says it (then no column is needed).
  var fileMunicipality: FileMunicipality? = nil
  /// The language of the messages.
  let language: Language

  func say(_ phrase: IngestPhrase) -> String { phrase.text(language) }

  func find(in records: [[String]], lines: [Int]) -> HeaderLayout? {
    guard !records.isEmpty else { return nil }
    // Data cells repeat ("3", "Kalmar"): normalise each distinct text once.
    var known: [String: ColumnTarget?] = [:]
    let scores = records.map { cells in
      var found = Set<ColumnTarget>()
      for cell in cells where !cell.isEmpty {
        if let hit = known[cell] {
          if let t = hit { found.insert(t) }
        } else {
          let t = vocabulary.target(for: cell)
          known[cell] = .some(t)
          if let t { found.insert(t) }
        }
      }
      return found.count
    }
    guard let best = scores.indices.max(by: { scores[$0] < scores[$1] || (scores[$0] == scores[$1] && $0 > $1) }),
      scores[best] > 0
    else { return nil }

    // A neighbour is another header row (Qualtrics' ids above its question texts) only
    // when it names nearly as many answers: a data cell may happen to equal a column
    // name ("Kommun" is both an organisation and the municipality column).
    let strong = max(2, (scores[best] + 1) / 2)
    var first = best
    while first > 0, best - first < 2, isLegacyNumberingRow(records[first - 1]) || scores[first - 1] >= strong {
      first -= 1
    }
    var end = best + 1
    while end < records.count, end - best < 3,
      isImportIDRow(records[end]) || isSubLabelRow(records[end]) || isTemplateDescriptionRow(records[end])
        || scores[end] >= strong
    {
      end += 1
    }
    // Legacy Qualtrics: the row under its codes row (`V1, V2, V3, …, Q1, …`) is its
    // question texts, a header row whatever it names.
    if end == best + 1, best + 1 < records.count, startsWithLegacyNumbering(records[best]) { end = best + 2 }
    // Qualtrics: the two rows above the `{"ImportId":…}` row are its ids and its texts,
    // whichever of them the definition names (the texts name nothing when the columns are
    // mapped by their codes).
    if let importRow = (best..<min(records.count, best + 3)).first(where: { isImportIDRow(records[$0]) }) {
      first = min(first, max(0, importRow - 2))
      end = max(end, importRow + 1)
    }
    return layout(records: records, lines: lines, rows: first..<end, primary: best)
  }

  /// The header of a stream whose header rows are known (an SPSS file's names and labels):
  /// its first `count` records, whatever they name; nil when there are fewer.
  func fixed(rows count: Int, in records: [[String]], lines: [Int]) -> HeaderLayout? {
    guard count > 0, records.count >= count else { return nil }
    return layout(records: records, lines: lines, rows: 0..<count, primary: 0)
  }

  /// Qualtrics' third header row: `{"ImportId":"QID1"}` (older exports: `{'ImportId': …}`).
  private func isImportIDRow(_ cells: [String]) -> Bool {
    let filled = cells.filter { !$0.isEmpty }
    return !filled.isEmpty && filled.allSatisfy { $0.hasPrefix("{\"ImportId\"") || $0.hasPrefix("{'ImportId'") }
  }

  /// Legacy Qualtrics' first header row: `V1, V2, …` before the real names.
  private func isLegacyNumberingRow(_ cells: [String]) -> Bool {
    let filled = cells.filter { !$0.isEmpty }
    let numbered = filled.filter { cell in
      cell.first == "V" && cell.count > 1 && cell.dropFirst().allSatisfy(\.isASCII)
        && cell.dropFirst().allSatisfy(\.isNumber)
    }
    return numbered.count >= 2 && numbered.count * 2 >= filled.count
  }

  /// Legacy Qualtrics' codes row: `V1, V2, V3` in its first cells (then the questions' codes).
  private func startsWithLegacyNumbering(_ cells: [String]) -> Bool {
    cells.count >= 3 && cells[0] == "V1" && cells[1] == "V2" && cells[2] == "V3"
  }

  /// The second header row of kartlagg's own template: what each column asks, with its
  /// answers in brackets ("… – Nuläge [1–5: …]").
  private func isTemplateDescriptionRow(_ cells: [String]) -> Bool {
    let filled = cells.filter { !$0.isEmpty }
    return filled.count >= 2 && filled.allSatisfy { $0.hasSuffix("]") && $0.contains(" [") }
  }

  /// SurveyMonkey's second header row.
  private func isSubLabelRow(_ cells: [String]) -> Bool {
    cells.contains("Response") || cells.contains("Open-Ended Response")
  }

  private func layout(records: [[String]], lines: [Int], rows: Range<Int>, primary: Int) -> HeaderLayout {
    let headerRows = rows.map { records[$0] }
    var width = headerRows.map(\.count).max() ?? 0
    // A trailing delimiter leaves an empty last column: not a column.
    while width > 0, headerRows.allSatisfy({ width - 1 >= $0.count || $0[width - 1].isEmpty }) { width -= 1 }

    // SurveyMonkey writes a question's text once, over its first sub-column, and the
    // sub-labels in the next row: carry the text right to pair it with each sub-label.
    func cell(_ r: Int, _ j: Int) -> String { j < headerRows[r].count ? headerRows[r][j] : "" }
    var carried = Array(repeating: "", count: width)
    if headerRows.count > 1 {
      var last = ""
      for j in 0..<width {
        if !cell(0, j).isEmpty { last = cell(0, j) }
        carried[j] = last
      }
    }

    var targets: [ColumnTarget?] = Array(repeating: nil, count: width)
    var names: [String] = Array(repeating: "", count: width)
    var ranks: [HeaderVocabulary.Rank?] = Array(repeating: nil, count: width)
    var diagnostics: [IngestDiagnostic] = []
    var fatal: [String] = []
    let primaryRow = primary - rows.lowerBound
    let headerLine = lines[primary]

    // Each kind of refusal is said once, naming its first columns and counting the rest,
    // so that a header of thousands of repeated names costs linear time and one message.
    var ambiguous: [Int] = []
    var ambiguousWhat = ""
    let order = [primaryRow] + headerRows.indices.filter { $0 != primaryRow }
    for j in 0..<width {
      var texts = order.map { cell($0, j) }.filter { !$0.isEmpty }
      if !carried[j].isEmpty {
        for r in headerRows.indices.dropFirst() where !cell(r, j).isEmpty {
          texts.append(carried[j] + " " + cell(r, j))
        }
      }
      names[j] = texts.first ?? ""
      // Each header row's text may name an answer; the best match decides (a code before
      // a question text, as written before normalised), so that a question text repeated
      // over several columns (side-by-side matrices) is no reason to refuse them.
      var found: [(text: String, target: ColumnTarget, rank: HeaderVocabulary.Rank)] = []
      for text in texts {
        if let m = vocabulary.match(text), !found.contains(where: { $0.target == m.target && $0.rank <= m.rank }) {
          found.removeAll { $0.target == m.target }
          found.append((text, m.target, m.rank))
        }
      }
      let bestRank = found.map(\.rank).min()
      let best = found.filter { $0.rank == bestRank }
      if best.count > 1 {
        if ambiguous.isEmpty {
          ambiguousWhat = best.map { say(.names(text: $0.text, target: vocabulary.name(of: $0.target))) }
            .joined(separator: ", ")
        }
        ambiguous.append(j)
        continue
      }
      targets[j] = best.first?.target
      ranks[j] = best.first?.rank
      if let text = best.first?.text { names[j] = text }
    }

    // An answer given by its column's position is that column, whatever its header says
    // (and no other column is it, nor is that column ambiguous).
    for (position, target) in vocabulary.positions.sorted(by: { $0.key < $1.key }) where position <= width {
      for j in 0..<width where targets[j] == target { targets[j] = nil }
      targets[position - 1] = target
      ranks[position - 1] = .exactCode
    }
    if !vocabulary.positions.isEmpty { ambiguous.removeAll { vocabulary.positions[$0 + 1] != nil } }

    if let first = ambiguous.first {
      let message =
        say(.columnAmbiguous(column: first + 1, what: ambiguousWhat)) + moreColumns(ambiguous.dropFirst())
      fatal.append(message)
      diagnostics.append(
        IngestDiagnostic(file: file, line: headerLine, column: first + 1, severity: .error, message: message))
    }

    // Two columns for one answer: the better match wins (a code as written over one that
    // only normalises alike, such as Qualtrics' "Q2_-1" beside "Q2_1"); two equally good
    // ones cannot be told apart. Per answer: its first column and the equally good others.
    var ties: [ColumnTarget: (first: Int, others: [Int])] = [:]
    var tiedTargets: [ColumnTarget] = []
    var firstColumn: [ColumnTarget: Int] = [:]
    var superseded = Set<Int>()
    for j in 0..<width {
      guard let t = targets[j] else { continue }
      guard let i = firstColumn[t] else {
        firstColumn[t] = j
        continue
      }
      let (better, worse) = ranks[j]! < ranks[i]! ? (j, i) : (i, j)
      if ranks[i]! != ranks[j]! {
        firstColumn[t] = better
        targets[worse] = nil
        superseded.insert(worse)
        diagnostics.append(
          IngestDiagnostic(
            file: file, line: headerLine, column: worse + 1, severity: .warning,
            message: say(
              .columnSuperseded(
                column: worse + 1, name: names[worse], target: vocabulary.name(of: t), better: better + 1,
                betterName: names[better]))))
        continue
      }
      if ties[t] == nil {
        ties[t] = (i, [])
        tiedTargets.append(t)
      }
      ties[t]!.others.append(j)
    }
    // Equally good columns for one answer, said once per answer with its first columns: the
    // survey can name the one it means by its position.
    for t in tiedTargets {
      let (i, others) = ties[t]!
      let j = others[0]
      let message =
        say(
          .twoColumnsOneAnswer(
            first: i + 1, firstName: names[i], second: j + 1, secondName: names[j], target: vocabulary.name(of: t),
            letters: AnswerLocation.letters(of: i + 1)))
        + moreColumns(others.dropFirst())
      diagnostics.append(
        IngestDiagnostic(file: file, line: headerLine, column: j + 1, severity: .error, message: message))
      fatal.append(message)
    }

    let unmatched = (0..<width).filter { targets[$0] == nil && !names[$0].isEmpty && !superseded.contains($0) }
    if !unmatched.isEmpty {
      let list = ShortList.text(unmatched.map { "\($0 + 1) '\(names[$0])'" }, limit: 12, language: language)
      diagnostics.append(
        IngestDiagnostic(
          file: file, line: headerLine, severity: .warning,
          message: say(.unmatchedColumns(count: unmatched.count, list: list))))
    }

    let municipalityNames = ShortList.text(survey.county.municipalities.map(\.name), limit: 12, language: language)
    if case .unknown(let given)? = fileMunicipality {
      let hint = Suggestion.hint(
        Suggestion.nearest(to: given, in: survey.county.municipalities.map(\.name)), language: language)
      let message = say(
        .municipalityOptionUnknown(given: given, county: survey.county.name, hint: hint, names: municipalityNames))
      diagnostics.append(IngestDiagnostic(file: file, line: headerLine, severity: .error, message: message))
      fatal.append(message)
    } else if firstColumn[.municipality] == nil && fileMunicipality == nil {
      let names = survey.municipalityColumn.headerNames.map { "'\($0)'" }
      let column =
        names.count == 1
        ? names[0] : say(.orAlso(first: names[0], others: names.dropFirst().joined(separator: ", ")))
      let fileName = (Ingest.path(of: file) as NSString).lastPathComponent
      let message = say(.noMunicipalityColumn(column: column, names: municipalityNames, file: fileName))
      diagnostics.append(IngestDiagnostic(file: file, line: headerLine, severity: .error, message: message))
      fatal.append(message)
    }
    for (d, dimension) in survey.dimensions.enumerated() where firstColumn[.dimension(d)] == nil {
      let message = say(.noDimensionColumn(label: dimension.label.lowercased(), column: dimension.location.column))
      if dimension.required {
        diagnostics.append(IngestDiagnostic(file: file, line: headerLine, severity: .error, message: message))
        fatal.append(message)
      } else {
        diagnostics.append(
          IngestDiagnostic(
            file: file, line: headerLine, severity: .warning,
            message: say(.unknownForEveryRespondent(message: message))))
      }
    }
    let slots = survey.slots
    let missing = slots.indices.filter { firstColumn[.slot($0)] == nil }
    if !missing.isEmpty {
      let list = ShortList.text(missing.map { "'\(slots[$0].location.column)'" }, limit: 8, language: language)
      diagnostics.append(
        IngestDiagnostic(
          file: file, line: headerLine, severity: .warning,
          message: say(.answersWithoutColumn(missing: missing.count, total: slots.count, list: list))))
    }

    // The reason a file is refused is repeated on each of its rejected rows: its first
    // findings, and how many more (each is among the file's diagnostics).
    let shownFatal = fatal.prefix(Self.fatalShown).joined(separator: "; ")
    return HeaderLayout(
      rows: rows, width: width, targets: targets, names: names, diagnostics: diagnostics,
      fatal: fatal.isEmpty
        ? nil
        : fatal.count > Self.fatalShown
          ? shownFatal + say(.moreFindings(count: fatal.count - Self.fatalShown)) : shownFatal)
  }

  /// Findings that stop a file, at most this many of them in its reason.
  static let fatalShown = 4

  /// " (and 3 more columns: 7, 9, 12)", or nothing when `columns` is empty (0-based).
  private func moreColumns(_ columns: ArraySlice<Int>) -> String {
    guard !columns.isEmpty else { return "" }
    let shown = columns.prefix(8).map { String($0 + 1) }.joined(separator: ", ")
    return say(.moreColumns(count: columns.count, list: columns.count > 8 ? shown + ", …" : shown))
  }
}
