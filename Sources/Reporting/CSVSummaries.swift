import GapAnalysis
import Ingest
import LibCSV
import SourceDiagnostics
import SurveyModel

/// One summary table: its column names and its rows of cells.
public struct CSVTable: Sendable {
  public var header: [String]
  public var rows: [[CSVCell]]
}

/// The CSV summaries of a run (`Reports/csv/`), for Excel and Power BI. Their file names
/// and column names are an interface, documented in `Reports/README.md`: columns are only
/// ever added at the end.
///
/// Numbers: in the RFC 4180 dialect (for machines) every figure is written so that it reads
/// back as the same double; in the Swedish Excel dialect (for people) means, shares and
/// differences have 4 decimals and p-values 2 significant digits, never rounded to 0.
/// Suppressed figures are empty cells with `suppressed` = `true`. Every text cell
/// goes through the formula guard.
public struct CSVSummaries: Sendable {
  public let results: GapResults
  public let files: [FileReport]
  public let format: CSVOutputFormat
  /// Changes since an earlier run, when one was given.
  public let followUp: [Scope: [ItemChange]]?
  /// Each section's and lens value's change, when there is a follow-up.
  public let groupChanges: [Scope: [GroupChange]]?
  /// The language of reasons and labels: the one given, else the survey's.
  public let language: Language
  /// What round these figures are of, and whether they are a draft (`--draft`, not to be
  /// spread): the last two columns of every published table, so that a later `--baseline`
  /// knows what it is given. `round` is the store's round, or for a run from files the
  /// survey's id and period (`CSVSummaries.round(of:)`).
  public var round: String
  public var draft = false

  public init(
    results: GapResults, files: [FileReport], format: CSVOutputFormat = .rfc4180,
    followUp: [Scope: [ItemChange]]? = nil, groupChanges: [Scope: [GroupChange]]? = nil, language: Language? = nil
  ) {
    self.results = results
    self.files = files
    self.format = format
    self.followUp = followUp
    self.groupChanges = groupChanges
    self.language = language ?? results.survey.language
    round = Self.round(of: results.survey)
  }

  /// A run from files is known by its survey's id and period: "kalmar-primarvard
  /// september–oktober 2026".
  public static func round(of survey: Survey) -> String {
    [survey.id, survey.period ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
  }

  /// The last two columns of every published table.
  public static let publicationColumns = ["round", "draft"]

  /// The summaries that may be published, as tables: figures only, suppressed as the
  /// reports are. `kartlagg.xlsx` holds the same tables (`ExcelSummaries`).
  public func publishedTables() -> [(name: String, table: CSVTable)] {
    let tables = [
      ("items.csv", itemsTable()), ("sections.csv", sectionsTable()),
      ("municipality_vs_county.csv", municipalityVsCountyTable()), ("mellanrum.csv", mellanrumTable()),
      ("priorities.csv", prioritiesTable()), ("strengths.csv", strengthsTable()), ("answers.csv", answersTable()),
    ]
    let publication: [CSVCell] = [.text(round), flag(draft)]
    return tables.map { name, table in
      (name, CSVTable(header: table.header + Self.publicationColumns, rows: table.rows.map { $0 + publication }))
    }
  }

  /// The summaries that may be published: file name → bytes.
  public func published() -> [(name: String, bytes: [UInt8])] { published(publishedTables()) }

  /// `tables` (from `publishedTables()`) as CSV files: file name → bytes.
  public func published(_ tables: [(name: String, table: CSVTable)]) -> [(name: String, bytes: [UInt8])] {
    tables.map { ($0.name, encode($0.table)) }
  }

  /// The analyst's working files: the accounting per input file, rejected rows verbatim
  /// and answer problems with their values. They hold raw cells (names, ids, free text)
  /// and are never published.
  public func working() throws -> [(name: String, bytes: [UInt8])] {
    var rejected: [UInt8] = []
    try writeRejected { rejected += $0 }
    return [
      ("accounting.csv", encode(accountingTable())), ("rejected.csv", rejected),
      ("problems.csv", encode(problemsTable())),
    ]
  }

  /// The working files made in memory (`accounting.csv`, `problems.csv`); `rejected.csv`
  /// is written as a stream (`writeRejected`), since a file may hold millions of rows.
  public func workingInMemory() -> [(name: String, bytes: [UInt8])] {
    [("accounting.csv", encode(accountingTable())), ("problems.csv", encode(problemsTable()))]
  }

  /// The rejected rows' columns named in `rejected.csv`'s header: `cell_1` … up to the
  /// widest row, but no more than this many (a row's further cells are unnamed columns).
  public static let namedRejectedCells = 1000

  /// `rejected.csv`, handed to `write` a piece at a time (about 1 MiB), one row read back
  /// at a time: every rejected row with where and why, and its cells exactly as read,
  /// not padded (a row has as many cell columns as it had fields).
  public func writeRejected(_ write: ([UInt8]) throws -> Void) throws {
    var encoder = CSVEncoder(format: format)
    let width = min(files.map(\.widestRejectedRow).max() ?? 0, Self.namedRejectedCells)
    encoder.append(texts: ["file", "line", "column", "reason_code", "reason"] + (0..<width).map { "cell_\($0 + 1)" })
    var row: [CSVCell] = []
    for f in files {
      try f.forEachRejectedRow { r in
        row.removeAll(keepingCapacity: true)
        row += [
          .text(r.file), .integer(r.line), .integer(r.column), .text(r.reason.code),
          .text(r.reason.message(language: language)),
        ]
        for cell in r.cells { row.append(.text(cell)) }
        encoder.append(row: row)
        if encoder.bytes.count >= 1 << 20 { try write(encoder.take()) }
      }
    }
    try write(encoder.take())
  }

  /// Every summary: file name → bytes.
  public func all() throws -> [(name: String, bytes: [UInt8])] { published() + (try working()) }

  private var survey: Survey { results.survey }

  private func encode(_ table: CSVTable) -> [UInt8] {
    var encoder = CSVEncoder(format: format)
    encoder.append(texts: table.header)
    for row in table.rows { encoder.append(row: row) }
    return encoder.bytes
  }

  private func mean(_ v: Double?) -> CSVCell { .measure(v) }
  private func p(_ v: Double?) -> CSVCell { .probability(v) }
  private func int(_ v: Int?) -> CSVCell { v.map(CSVCell.integer) ?? .empty }
  private func flag(_ v: Bool) -> CSVCell { .text(v ? "true" : "false") }

  private func item(_ p: Int) -> (section: Section, item: ReportedItem) {
    let item = results.pairedItems[p]
    return (survey.sections[item.section], item)
  }

  /// The columns of `items.csv`, in order (a baseline adds the `*_change` columns after
  /// them). Readers of an earlier run's file (`Baseline`) name columns through these.
  public enum ItemsColumn: String, CaseIterable, Sendable {
    case scopeType = "scope_type", scope, section, item, question, n
    case currentMean = "current_mean", desiredMean = "desired_mean", gapMean = "gap_mean", gapSD = "gap_sd"
    case gapCILow = "gap_ci_low", gapCIHigh = "gap_ci_high"
    case currentQ1 = "current_q1", currentMedian = "current_median", currentQ3 = "current_q3"
    case desiredQ1 = "desired_q1", desiredMedian = "desired_median", desiredQ3 = "desired_q3"
    case currentTopTwo = "current_top_two", desiredTopTwo = "desired_top_two"
    case pTTest = "p_ttest", pWilcoxon = "p_wilcoxon", suppressed
    /// `Scope.id(in:)`, the last column (after the follow-up columns): what a later run's
    /// follow-up matches on.
    case scopeID = "scope_id"
  }

  /// The scopes the tables list: every scope of the results, but okänd kommun (a blank
  /// municipality cell) and its groups only when the run has any such respondent, so that
  /// a run without them lists no empty place.
  var publishedScopes: [Scope] {
    let anyUnknown = files.contains { $0.unknownMunicipality > 0 }
    return results.scopes.filter { anyUnknown || !$0.isUnknownMunicipality }
  }

  /// Whether the follow-up's changes are tested (between stored rounds; not after a
  /// `--baseline`, whose file has no spreads).
  var followUpIsTested: Bool { followUp?.values.contains { $0.contains { $0.welch != nil } } == true }

  /// One row per scope × paired item.
  public func itemsTable() -> CSVTable {
    var header = ItemsColumn.allCases.filter { $0 != .scopeID }.map(\.rawValue)
    if followUp != nil { header += ["n_change", "current_mean_change", "desired_mean_change", "gap_mean_change"] }
    // Between stored rounds each change is tested too.
    let tested = followUpIsTested
    if tested {
      header += [
        "gap_mean_change_ci_low", "gap_mean_change_ci_high", "p_welch_change", "p_change_adjusted",
        "change_significant",
      ]
    }
    header.append(ItemsColumn.scopeID.rawValue)
    var rows: [[CSVCell]] = []
    for scope in publishedScopes {
      for gap in results.items[scope] ?? [] {
        let (section, item) = self.item(gap.item)
        let q = gap.currentQuartiles
        let d = gap.desiredQuartiles
        var row: [CSVCell] = [
          .text(scope.type(in: survey)), .text(scope.name(in: survey)), .text(section.id), .text(item.id),
          .text(item.text),
          int(gap.n), mean(gap.currentMean), mean(gap.desiredMean), mean(gap.gapMean), mean(gap.gapSD),
          mean(gap.gapCILow), mean(gap.gapCIHigh), mean(q?[0]), mean(q?[1]), mean(q?[2]), mean(d?[0]), mean(d?[1]),
          mean(d?[2]), mean(gap.currentTopTwo?.share), mean(gap.desiredTopTwo?.share), p(gap.pairedT?.p),
          p(gap.wilcoxon?.p), flag(gap.suppressed),
        ]
        if let followUp {
          let change = followUp[scope]?.first { $0.item == gap.item }
          row += [
            int(change?.nChange), mean(change?.currentChange), mean(change?.desiredChange), mean(change?.gapChange),
          ]
          if tested {
            row += [
              mean(change?.gapChangeLow), mean(change?.gapChangeHigh), p(change?.welch?.p), p(change?.pAdjusted),
              change?.pAdjusted == nil ? .empty : flag(change!.significant),
            ]
          }
        }
        row.append(.text(scope.id(in: survey)))
        rows.append(row)
      }
    }
    return CSVTable(header: header, rows: rows)
  }

  /// One row per scope × section and per scope × tag value.
  public func sectionsTable() -> CSVTable {
    // Counts of significant changes only where the changes were tested (between rounds).
    let tested = followUpIsTested
    let header =
      [
        "scope_type", "scope", "group_type", "group", "label", "items", "respondents", "current_mean", "desired_mean",
        "gap_mean", "suppressed",
      ] + (groupChanges == nil ? [] : ["items_compared", "gap_mean_then", "gap_mean_change"])
      + (groupChanges != nil && tested ? ["smaller", "larger"] : [])
    var rows: [[CSVCell]] = []
    for scope in publishedScopes {
      for (k, rollUp) in (results.rollUps[scope] ?? []).enumerated() {
        let type: String
        let id: String
        let label: String
        switch rollUp.group {
        case .section(let s):
          (type, id, label) = ("section", survey.sections[s].id, survey.sections[s].title)
        case .tag(let t):
          let tag = results.tagValues[t]
          let vocabulary = survey.tagVocabularies[tag.vocabulary]
          (type, id, label) = (vocabulary.id, vocabulary.values[tag.value].id, tag.label)
        }
        var row: [CSVCell] = [
          .text(scope.type(in: survey)), .text(scope.name(in: survey)), .text(type), .text(id), .text(label),
          .integer(rollUp.items), int(rollUp.respondents), mean(rollUp.currentMean), mean(rollUp.desiredMean),
          mean(rollUp.gapMean), flag(rollUp.suppressed),
        ]
        if let groupChanges {
          let c = groupChanges[scope]?[k]
          let given = c?.gapChange != nil
          row += [given ? .integer(c!.items) : .empty, mean(c?.gapThen), mean(c?.gapChange)]
          if tested { row += [given ? .integer(c!.smaller) : .empty, given ? .integer(c!.larger) : .empty] }
        }
        rows.append(row)
      }
    }
    return CSVTable(header: header, rows: rows)
  }

  /// Each municipality against the county, per item.
  public func municipalityVsCountyTable() -> CSVTable {
    let header = [
      "municipality", "item", "n", "gap_mean", "county_gap_mean", "municipality_average_gap_mean", "difference",
      "p_welch", "p_mannwhitney", "p_adjusted", "effect_size", "rank", "significant", "question",
    ]
    let rows: [[CSVCell]] = results.comparisons.map { c in
      [
        .text(survey.county.municipalities[c.municipality].name), .text(item(c.item).item.id), int(c.n),
        mean(c.gapMean), mean(c.countyGapMean), mean(c.municipalityAverageGapMean), mean(c.difference),
        p(c.welch?.p), p(c.mannWhitney?.p), p(c.pAdjusted), mean(c.effectSize), int(c.rank), flag(c.significant),
        .text(item(c.item).item.text),
      ]
    }
    return CSVTable(header: header, rows: rows)
  }

  /// Each declared mellanrum pair's two groups' current state, per place and item. The
  /// `region_*` and `municipality_*` columns hold the pair's first and second group (named
  /// when region against kommun was the only pair); the pair and the verdict are at the end.
  public func mellanrumTable() -> CSVTable {
    let header = [
      "place", "item", "region_n", "region_current_mean", "municipality_n", "municipality_current_mean", "difference",
      "p_welch", "p_adjusted", "flagged", "suppressed", "question", "dimension", "first_group", "second_group",
      "verdict",
    ]
    let rows: [[CSVCell]] = results.organisationalGaps.map { g in
      let pair = survey.mellanrum[g.pair]
      let dimension = survey.dimensions[pair.dimension]
      return [
        .text(g.municipality.map { survey.county.municipalities[$0].name } ?? survey.county.name),
        .text(item(g.item).item.id), int(g.firstN), mean(g.firstCurrentMean), int(g.secondN),
        mean(g.secondCurrentMean), mean(g.difference), p(g.welch?.p), p(g.pAdjusted), flag(g.flagged),
        flag(g.suppressed), .text(item(g.item).item.text), .text(dimension.id), .text(dimension.values[pair.first].id),
        .text(dimension.values[pair.second].id), .text(verdictID(g.verdict)),
      ]
    }
    return CSVTable(header: header, rows: rows)
  }

  /// A verdict as a stable word: `supported`, `not_supported`, `cannot_be_compared`.
  func verdictID(_ verdict: Verdict) -> String {
    switch verdict {
    case .supported: "supported"
    case .notSupported: "not_supported"
    case .cannotBeCompared: "cannot_be_compared"
    }
  }

  /// Rating and choice items: per scope, item and answer, the share with its 95 % Wilson
  /// interval (docs/statistics.md), over everyone in the scope who answered the item.
  public func answersTable() -> CSVTable {
    let header = [
      "scope_type", "scope", "section", "item", "question", "answer", "answer_label", "n", "count", "share",
      "share_ci_low", "share_ci_high", "suppressed",
    ]
    var rows: [[CSVCell]] = []
    for scope in publishedScopes {
      for shares in results.answerShares[scope] ?? [] {
        let item = results.singleItems[shares.item]
        let section = survey.sections[item.section]
        let labels = item.answers
        for (i, answer) in labels.enumerated() {
          let share = shares.shares?[i]
          rows.append([
            .text(scope.type(in: survey)), .text(scope.name(in: survey)), .text(section.id), .text(item.id),
            .text(item.text), .text(answer.id), .text(answer.label), int(shares.n), int(share?.count),
            mean(share?.share), mean(share?.low), mean(share?.high), flag(shares.suppressed),
          ])
        }
      }
    }
    return CSVTable(header: header, rows: rows)
  }

  /// Per scope, the items with a clearly positive gap, largest first.
  public func prioritiesTable() -> CSVTable {
    let header = ["scope_type", "scope", "priority", "item", "question", "n", "gap_mean", "gap_ci_low", "gap_ci_high"]
    var rows: [[CSVCell]] = []
    for scope in publishedScopes {
      for (rank, p) in (results.priorities[scope] ?? []).enumerated() {
        guard let gap = results.item(scope, p) else { continue }
        let (_, item) = self.item(p)
        rows.append([
          .text(scope.type(in: survey)), .text(scope.name(in: survey)), .integer(rank + 1), .text(item.id),
          .text(item.text), int(gap.n), mean(gap.gapMean), mean(gap.gapCILow), mean(gap.gapCIHigh),
        ])
      }
    }
    return CSVTable(header: header, rows: rows)
  }

  /// Per scope, what works already: current state at or above the scale's middle and a
  /// small gap, highest current state first (`GapResults.strengths`).
  public func strengthsTable() -> CSVTable {
    let header = [
      "scope_type", "scope", "strength", "item", "question", "n", "current_mean", "gap_mean", "gap_ci_low",
      "gap_ci_high",
    ]
    var rows: [[CSVCell]] = []
    for scope in publishedScopes {
      for (rank, p) in (results.strengths[scope] ?? []).enumerated() {
        guard let gap = results.item(scope, p) else { continue }
        let (_, item) = self.item(p)
        rows.append([
          .text(scope.type(in: survey)), .text(scope.name(in: survey)), .integer(rank + 1), .text(item.id),
          .text(item.text), int(gap.n), mean(gap.currentMean), mean(gap.gapMean), mean(gap.gapCILow),
          mean(gap.gapCIHigh),
        ])
      }
    }
    return CSVTable(header: header, rows: rows)
  }

  /// One row per input file: what was found and how every record was accounted for.
  public func accountingTable() -> CSVTable {
    let header = [
      "file", "imported", "encoding", "delimiter", "header_lines", "preamble_records", "read", "accepted", "rejected",
      "problems", "blank_records", "footnote_records", "failure", "unknown_group", "unknown_municipality",
    ]
    let rows: [[CSVCell]] = files.map { f in
      // A CSV file's encoding, in the run's language, and its delimiter; a workbook's or an
      // SPSS file's cells are typed values, read without either.
      let dialect = Diagnostic.isSheet(f.file) || Ingest.isSPSS(f.file) ? nil : f.dialect
      let encoding = dialect.map { d in
        d.encoding.hadByteOrderMark
          ? DocumentPhrase.withByteOrderMark("\(d.encoding.encoding)").text(language) : "\(d.encoding.encoding)"
      }
      return [
        .text(f.file), flag(f.imported), .text(encoding ?? ""),
        .text(dialect.map { String($0.delimiter.character) } ?? ""),
        .text(f.headerLines.map(String.init).joined(separator: " ")),
        .integer(f.preambleRecords), .integer(f.read), .integer(f.accepted), .integer(f.rejected),
        .integer(f.problemCount),
        .integer(f.blankRecords), .integer(f.footnoteRecords), .text(f.failure?.message ?? ""),
        .integer(f.unknownGroup), .integer(f.unknownMunicipality),
      ]
    }
    return CSVTable(header: header, rows: rows)
  }

  /// Every answer that could not be read.
  public func problemsTable() -> CSVTable {
    let header = ["file", "line", "column", "column_name", "value", "reason_code", "reason"]
    let rows: [[CSVCell]] = files.flatMap(\.problems).map { p in
      [
        .text(p.file), .integer(p.line), .integer(p.column), .text(p.columnName), .text(p.value), .text(p.reason.code),
        .text(p.message(language: language)),
      ]
    }
    return CSVTable(header: header, rows: rows)
  }
}
