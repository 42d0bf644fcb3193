internal import CXlsxWriter
import Foundation
import GapAnalysis
import LibCSV
import SourceDiagnostics
import SurveyModel
import Synchronization

/// `kartlagg.xlsx`: the published summary tables as one Excel workbook, for a
/// municipality's controller (the CSV files stay for machines). Written by Debian's
/// libxlsxwriter, every call's `lxw_error` checked.
///
/// A first sheet says what the sheets are and explains every column; then one
/// sheet per table, named in the run's language (`ExcelColumns`), and "Kommun × område",
/// the county report's heat map as a table. A table's first row is its headers in the
/// run's language, its second the CSV file's column names, both frozen and repeated on
/// every printed page, with an autofilter from the second. Numbers are stored as numbers
/// with 16 significant digits (libxlsxwriter's %.16G; Excel itself keeps 15) and shown with
/// two decimals (p-values three, counts none, shares as per cent) by a cell format;
/// `true`/`false` columns are booleans; columns are sized to their content, suppressed
/// figures are empty and the `suppressed` column's header carries a note saying why. Text
/// is stored as text, never as a formula. Every sheet prints landscape on A4, one page
/// wide. An .xlsx file has no dialect: a Swedish Excel opens it as it is. The same tables
/// give the same bytes: the workbook's creation time is fixed.
public struct ExcelSummaries: Sendable {
  public let tables: [(name: String, table: CSVTable)]
  public let title: String
  public let minimumGroupSize: Int
  public let language: Language
  /// The figures behind the "Kommun × område" sheet.
  public let results: GapResults?

  /// `tables`: `summaries.publishedTables()`, when the caller has them already.
  public init(summaries: CSVSummaries, title: String, tables: [(name: String, table: CSVTable)]? = nil) {
    self.tables = tables ?? summaries.publishedTables()
    self.title = title
    minimumGroupSize = summaries.results.minimumGroupSize
    language = summaries.language
    results = summaries.results
  }

  /// The workbook's bytes: `filled()`, then compressed into its file.
  ///
  /// libxlsxwriter 1.1.4 (Debian's) writes a workbook only to a path. The path given is
  /// that of an open file that has no name in any folder (`tmpfile()`: `O_TMPFILE`, or a
  /// file unlinked as it is made), reached through `/proc/self/fd`; the bytes are read
  /// back from it. libxlsxwriter's own scratch files (each part before it is zipped, made
  /// and unlinked at once) go to a folder of this call's own in `$TMPDIR`
  /// (`ScratchFolder`), removed when the workbook is done, or by the next run if this one
  /// is killed. So a killed run leaves nothing in `$TMPDIR` that outlives the next run.
  public func bytes() throws(Failure) -> [UInt8] { try filled().bytes() }

  /// The workbook with every sheet written to libxlsxwriter's scratch files, sheets at
  /// once on every core, and not yet compressed into its file, which
  /// `FilledWorkbook.bytes()` does on one: a report compresses it while its pages are
  /// made. The bytes are the same as those of the sheets written one after the other.
  public func filled() throws(Failure) -> FilledWorkbook { try filled(concurrently: true) }

  /// `filled()`, with the sheets written one after the other unless `concurrently`.
  func filled(concurrently: Bool) throws(Failure) -> FilledWorkbook {
    let target = try WorkbookTarget()
    let book: XlsxBook
    do {
      book = try XlsxBook.open(path: target.path, scratch: target.scratch.path, title: title, rowByRow: true)
    } catch {
      target.remove()
      throw error
    }
    // Closed and removed by its deinit if a sheet fails.
    let filled = FilledWorkbook(book: book, target: target)
    try fill(book, concurrently: concurrently)
    return filled
  }

  /// The bytes of the workbook that `write` writes to the path it is given (with
  /// libxlsxwriter's scratch folder), as `bytes()` describes.
  static func bytes(_ write: (String, String) throws(Failure) -> Void) throws(Failure) -> [UInt8] {
    let target = try WorkbookTarget()
    defer { target.remove() }
    try write(target.path, target.scratch.path)
    return try target.readBack()
  }

  private func t(_ phrase: DocumentPhrase) -> String { phrase.text(language) }

  /// A sheet's name from its file's: "municipality_vs_county.csv" → "municipality_vs_county",
  /// for a file that `ExcelColumns` does not know.
  static func sheetName(_ file: String) -> String { String(file.prefix { $0 != "." }.prefix(31)) }

  /// The sheet name of each published table in this run's language, in order.
  func sheetNames() -> [String] {
    let columns = ExcelColumns(language: language, minimumGroupSize: minimumGroupSize)
    return tables.map { name, _ in ExcelColumns.table(name).map { columns.text($0.sheet) } ?? Self.sheetName(name) }
  }

  /// Adds every sheet, in its place in the workbook, then writes them, each on one thread:
  /// the sheets with the most cells first, each taken by the next thread that is free (on
  /// two cores the statements' sheet, about half of a report's cells, on one, the rest on
  /// the other). The sheets go to the scratch folder row by row as each row is finished
  /// (libxlsxwriter's `constant_memory`), not into a tree of every cell: the published
  /// tables' cells are most of a report's memory otherwise (165 MB of 494 for a definition
  /// of 60 municipalities, heaptrack). A failure is said for the first sheet that failed.
  private func fill(_ book: XlsxBook, concurrently: Bool) throws(Failure) {
    let columns = ExcelColumns(language: language, minimumGroupSize: minimumGroupSize)
    let styles = try Styles(book, language: language)
    let names = sheetNames()
    var jobs: [SheetWriting.Job] = []
    let readMeSheet = try book.sheet(t(.readMeSheet))
    jobs.append(
      .init(cells: 5 * (tables.reduce(0) { $0 + $1.table.header.count + 1 } + 10)) { () throws(Failure) in
        try readMe(book, readMeSheet, styles, columns, names)
      })
    for ((name, table), sheetName) in zip(tables, names) {
      let sheet = try book.sheet(sheetName)
      jobs.append(
        .init(cells: (table.rows.count + 2) * table.header.count) { () throws(Failure) in
          try tableSheet(book, sheet, styles, columns, file: name, table: table, sheetName: sheetName)
        })
    }
    if let results {
      let sheetName = columns.text(ExcelColumns.heatmap.sheet)
      let sheet = try book.sheet(sheetName)
      jobs.append(
        .init(cells: 20 * (results.survey.county.municipalities.count + 3)) { () throws(Failure) in
          try heatmapSheet(book, sheet, sheetName, styles, columns, results)
        })
    }
    let order = jobs.indices.sorted { (jobs[$0].cells, $1) > (jobs[$1].cells, $0) }
    book.settleFormats()
    let writing = SheetWriting(jobs: jobs)
    let failures = concurrently ? concurrentMap(order) { writing.run($0) } : order.map { writing.run($0) }
    if let first = zip(order, failures).filter({ $0.1 != nil }).min(by: { $0.0 < $1.0 }) { throw first.1! }
  }

  /// The cell formats of the workbook.
  struct Styles {
    let title, header, code, figure, probability, count, share, flag, wrap, top: UnsafeMutablePointer<lxw_format>

    /// Made in the order in which a report's sheets first use them (the read-me's title,
    /// its wrapped text, the headers, …; a table of the county survey's counts, figures,
    /// shares, p-values and flags), which is the order of their numbers in the workbook's
    /// styles (`XlsxBook.settleFormats()`): the numbers libxlsxwriter gave them at their
    /// first use when one thread wrote the sheets, and the same for every run whatever the
    /// sheets use.
    init(_ book: XlsxBook, language: Language) throws(Failure) {
      title = try book.format()
      format_set_bold(title)
      format_set_font_size(title, 14)
      wrap = try book.format()
      format_set_text_wrap(wrap)
      format_set_align(wrap, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
      header = try book.format()
      format_set_bold(header)
      format_set_text_wrap(header)
      format_set_align(header, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
      top = try book.format()
      format_set_align(top, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
      code = try book.format()
      format_set_italic(code)
      format_set_font_color(code, 0x595959)
      count = try book.format()
      format_set_num_format(count, "0")
      figure = try book.format()
      format_set_num_format(figure, "0.00")
      share = try book.format()
      format_set_num_format(share, "0.0 %")
      probability = try book.format()
      format_set_num_format(probability, "0.000")
      // Excel shows a boolean as TRUE/FALSE (SANT/FALSKT) whatever its format; Calc shows
      // it by its number format, so it gets one that says the same.
      flag = try book.format()
      format_set_num_format(flag, DocumentPhrase.booleanFormat.text(language))
    }
  }

  /// A sheet's page: landscape A4, the header rows on every page, one page wide, its name
  /// and page number in the footer, and a print area over `rows` × `columns`.
  private func printSetup(
    _ book: XlsxBook, _ sheet: UnsafeMutablePointer<lxw_worksheet>, rows: Int, columns: Int, headerRows: Int
  ) throws(Failure) {
    worksheet_set_landscape(sheet)
    worksheet_set_paper(sheet, 9)  // A4
    worksheet_fit_to_pages(sheet, 1, 0)
    let part = ExcelSummaries.Part.printSetup(sheet: XlsxBook.name(sheet))
    try book.check(worksheet_print_area(sheet, 0, 0, lxw_row_t(max(rows, 1) - 1), lxw_col_t(max(columns, 1) - 1)), part)
    if headerRows > 0 {
      try book.check(worksheet_repeat_rows(sheet, 0, lxw_row_t(headerRows - 1)), part)
    }
    try book.check(worksheet_set_footer(sheet, t(.footer)), part)
  }

  /// The first sheet: what the workbook is, and every sheet's columns explained, as a table.
  private func readMe(
    _ book: XlsxBook, _ sheet: UnsafeMutablePointer<lxw_worksheet>, _ styles: Styles, _ columns: ExcelColumns,
    _ names: [String]
  ) throws(Failure) {
    let lines = [
      title, t(.readMeTables), t(.readMeNumbers), t(.readMeEmpty(minimumGroupSize: minimumGroupSize)),
      t(.readMePrinting),
    ]
    // Rows high enough for their wrapped text (about 230 characters a line across the
    // five columns, 115 in the explanations' column): a merged or wrapped cell's row is
    // not made higher by Excel or Calc when the file is opened.
    func height(_ text: String, perLine: Int) -> Double { 15 * Double(max(1, (text.count + perLine - 1) / perLine)) }
    for (r, line) in lines.enumerated() {
      if r == 0 {
        try book.check(worksheet_write_string(sheet, 0, 0, line, styles.title), .sheet(XlsxBook.name(sheet)))
      } else {
        try book.check(
          worksheet_merge_range(sheet, lxw_row_t(r), 0, lxw_row_t(r), 4, line, styles.wrap),
          .sheet(XlsxBook.name(sheet)))
        try book.check(
          worksheet_set_row(sheet, lxw_row_t(r), height(line, perLine: 230), nil), .sheet(XlsxBook.name(sheet)))
      }
    }
    let top = lines.count + 1
    let head = [t(.headSheet), t(.headFile), t(.headHeader), t(.headColumn), t(.headExplanation)]
    for (c, text) in head.enumerated() {
      try book.check(
        worksheet_write_string(sheet, lxw_row_t(top), lxw_col_t(c), text, styles.header), .sheet(XlsxBook.name(sheet)))
    }
    var r = top + 1
    func row(_ cells: [String]) throws(Failure) {
      for (c, text) in cells.enumerated() where !text.isEmpty {
        try book.check(
          worksheet_write_string(sheet, lxw_row_t(r), lxw_col_t(c), text, c == 4 ? styles.wrap : styles.top),
          .sheet(XlsxBook.name(sheet)))
      }
      if cells[4].count > 115 {
        try book.check(
          worksheet_set_row(sheet, lxw_row_t(r), height(cells[4], perLine: 115), nil), .sheet(XlsxBook.name(sheet)))
      }
      r += 1
    }
    for ((file, table), name) in zip(tables, names) {
      try row([name, file, "", "", ExcelColumns.table(file).map { columns.text($0.rows) } ?? ""])
      for machine in table.header {
        let column = columns.column(machine, in: file)
        try row([
          name, file, column.map { columns.text($0.header) } ?? machine, machine,
          column.map { columns.text($0.explanation) } ?? "",
        ])
      }
    }
    if results != nil {
      let heatmap = columns.text(ExcelColumns.heatmap.sheet)
      try row([heatmap, "sections.csv", "", "", columns.text(ExcelColumns.heatmap.rows)])
      try row([
        heatmap, "", "", "",
        t(.heatmapColour),
      ])
    }
    try book.check(
      worksheet_autofilter(sheet, lxw_row_t(top), 0, lxw_row_t(r - 1), 4), .filter(sheet: XlsxBook.name(sheet)))
    for (c, width) in [22.0, 28, 30, 30, 90].enumerated() {
      try book.check(
        worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), width, nil), .columns(sheet: XlsxBook.name(sheet)))
    }
    worksheet_freeze_panes(sheet, lxw_row_t(top + 1), 0)
    try printSetup(book, sheet, rows: r, columns: 5, headerRows: 0)
  }

  /// One published table: its headers in the run's language, its machine names beneath,
  /// then its rows (booleans as booleans, shares as per cent).
  private func tableSheet(
    _ book: XlsxBook, _ sheet: UnsafeMutablePointer<lxw_worksheet>, _ styles: Styles, _ columns: ExcelColumns,
    file: String, table: CSVTable, sheetName: String
  ) throws(Failure) {
    let described = table.header.map { columns.column($0, in: file) }
    var widths = described.enumerated().map { c, column in
      Double(
        min(
          30,
          max(8, (column.map { columns.text($0.header) } ?? table.header[c]).count / 2 + 4, table.header[c].count + 2)))
    }
    for (c, machine) in table.header.enumerated() {
      let header = described[c].map { columns.text($0.header) } ?? machine
      try book.check(
        worksheet_write_string(sheet, 0, lxw_col_t(c), header, styles.header), .row(sheet: sheetName, row: 1))
      if machine == "suppressed" {
        let note = t(.suppressedNote(minimumGroupSize: minimumGroupSize))
        try book.check(worksheet_write_comment(sheet, 0, lxw_col_t(c), note), .note(sheet: sheetName))
      }
    }
    for (c, machine) in table.header.enumerated() {
      try book.check(
        worksheet_write_string(sheet, 1, lxw_col_t(c), machine, styles.code), .row(sheet: sheetName, row: 2))
    }
    for (r, row) in table.rows.enumerated() {
      let rr = lxw_row_t(r + 2)
      for (c, cell) in row.enumerated() {
        let cc = lxw_col_t(c)
        let kind = c < described.count ? described[c]?.kind ?? .plain : .plain
        let status: lxw_error
        switch cell {
        case .text("true") where kind == .flag: status = worksheet_write_boolean(sheet, rr, cc, 1, styles.flag)
        case .text("false") where kind == .flag: status = worksheet_write_boolean(sheet, rr, cc, 0, styles.flag)
        case .text(let text):
          status = text.isEmpty ? LXW_NO_ERROR : worksheet_write_string(sheet, rr, cc, text, nil)
          // Characters as Unicode scalars: the same for the precomposed letters of
          // Swedish text, without breaking every cell into graphemes.
          if c < widths.count { widths[c] = min(60, max(widths[c], Double(Self.scalarCount(text)) + 1)) }
        case .integer(let n): status = worksheet_write_number(sheet, rr, cc, Double(n), styles.count)
        case .measure(let v) where v.isFinite:
          status = worksheet_write_number(sheet, rr, cc, v, kind == .share ? styles.share : styles.figure)
        case .probability(let v) where v.isFinite: status = worksheet_write_number(sheet, rr, cc, v, styles.probability)
        case .number(let v, _) where v.isFinite: status = worksheet_write_number(sheet, rr, cc, v, styles.figure)
        default: status = LXW_NO_ERROR
        }
        try book.check(status, .row(sheet: sheetName, row: r + 3))
      }
    }
    for (c, width) in widths.enumerated() {
      try book.check(worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), width, nil), .columns(sheet: sheetName))
    }
    let last = lxw_col_t(max(table.header.count, 1) - 1)
    try book.check(worksheet_autofilter(sheet, 1, 0, lxw_row_t(table.rows.count + 1), last), .filter(sheet: sheetName))
    worksheet_freeze_panes(sheet, 2, 0)
    try printSetup(book, sheet, rows: table.rows.count + 2, columns: table.header.count, headerRows: 2)
  }

  /// `text.unicodeScalars.count`, counted on its UTF-8 bytes (every byte but a
  /// continuation byte starts a scalar), without walking the scalars one by one.
  static func scalarCount(_ text: String) -> Int {
    var text = text
    return text.withUTF8 { bytes in
      var starts = 0
      for b in bytes where b & 0xC0 != 0x80 { starts += 1 }
      return starts
    }
  }

  /// "Kommun × område": the county report's heat map as a table, the municipalities (and
  /// the county) down, the sections and the heat map's tag values across, each cell the
  /// group's gap (as `sections.csv`'s `gap_mean`), empty where it is hidden.
  private func heatmapSheet(
    _ book: XlsxBook, _ sheet: UnsafeMutablePointer<lxw_worksheet>, _ sheetName: String, _ styles: Styles,
    _ columns: ExcelColumns, _ results: GapResults
  ) throws(Failure) {
    let survey = results.survey
    var groups: [(group: RollUp.Group, label: String, code: String)] = []
    for s in survey.sections.indices
    where results.rollUps[.county]?.contains(where: { $0.group == .section(s) }) == true {
      groups.append((.section(s), survey.sections[s].title, "section:" + survey.sections[s].id))
    }
    if let v = survey.heatmapTag {
      let vocabulary = survey.tagVocabularies[v]
      for (t, tag) in results.tagValues.enumerated() where tag.vocabulary == v {
        groups.append((.tag(t), tag.label, vocabulary.id + ":" + vocabulary.values[tag.value].id))
      }
    }
    let scopes = survey.county.municipalities.indices.map { Scope(municipality: $0) } + [Scope.county]
    if !groups.isEmpty { try book.check(worksheet_set_row(sheet, 0, 60, nil), .sheet(sheetName)) }
    try book.check(
      worksheet_write_string(sheet, 0, 0, t(.municipality), styles.header), .sheet(sheetName))
    for (c, g) in groups.enumerated() {
      try book.check(worksheet_write_string(sheet, 0, lxw_col_t(c + 1), g.label, styles.header), .sheet(sheetName))
    }
    try book.check(worksheet_write_string(sheet, 1, 0, "scope", styles.code), .sheet(sheetName))
    for (c, g) in groups.enumerated() {
      try book.check(worksheet_write_string(sheet, 1, lxw_col_t(c + 1), g.code, styles.code), .sheet(sheetName))
    }
    for (r, scope) in scopes.enumerated() {
      let rr = lxw_row_t(r + 2)
      try book.check(worksheet_write_string(sheet, rr, 0, scope.name(in: survey), nil), .sheet(sheetName))
      for (c, g) in groups.enumerated() {
        guard let rollUp = results.rollUps[scope]?.first(where: { $0.group == g.group }), !rollUp.suppressed,
          let gap = rollUp.gapMean, gap.isFinite
        else { continue }
        try book.check(worksheet_write_number(sheet, rr, lxw_col_t(c + 1), gap, styles.figure), .sheet(sheetName))
      }
    }
    try book.check(worksheet_set_column(sheet, 0, 0, 16, nil), .sheet(sheetName))
    if !groups.isEmpty {
      try book.check(worksheet_set_column(sheet, 1, lxw_col_t(groups.count), 18, nil), .sheet(sheetName))
      var scale = lxw_conditional_format()
      scale.type = UInt8(LXW_CONDITIONAL_2_COLOR_SCALE.rawValue)
      scale.min_color = 0xFFFFFF
      scale.max_color = 0xE07B39
      try book.check(
        worksheet_conditional_format_range(sheet, 2, 1, lxw_row_t(scopes.count + 1), lxw_col_t(groups.count), &scale),
        .colours(sheet: sheetName))
    }
    try book.check(
      worksheet_autofilter(sheet, 1, 0, lxw_row_t(scopes.count + 1), lxw_col_t(groups.count)), .filter(sheet: sheetName)
    )
    worksheet_freeze_panes(sheet, 2, 1)
    try printSetup(book, sheet, rows: scopes.count + 2, columns: groups.count + 1, headerRows: 2)
  }
}

/// A libxlsxwriter workbook being written: every call's `lxw_error` checked, the first
/// failure said with what was being written.
struct XlsxBook {
  let workbook: UnsafeMutablePointer<lxw_workbook>
  let path: String
  /// The scratch folder's path as libxlsxwriter was given it: it keeps the pointer until
  /// `workbook_close`, so it is freed there (`close`, `discard`).
  let tmpdir: UnsafeMutablePointer<CChar>?
  /// How many formats libxlsxwriter made itself with the workbook (its default and its
  /// hyperlinks' format), before any of `format()`'s.
  let ownFormats: Int

  /// Writes a workbook to `path` (libxlsxwriter's scratch files in `scratch`): `open`,
  /// then what `fill` adds, then `close`. libxlsxwriter frees the workbook when it is
  /// closed, so it is closed after a failure too, and the first failure is said.
  static func write(
    to path: String, scratch: String?, title: String, rowByRow: Bool = false,
    _ fill: (XlsxBook) throws(ExcelSummaries.Failure) -> Void
  ) throws(ExcelSummaries.Failure) {
    let book = try open(path: path, scratch: scratch, title: title, rowByRow: rowByRow)
    do {
      try fill(book)
    } catch {
      book.discard()
      throw error
    }
    try book.close()
  }

  /// A new workbook to `path`, with its title and a fixed creation time (2000-01-01, so
  /// that the same content gives the same bytes).
  /// `rowByRow`: the rows go to the scratch folder as each is finished (libxlsxwriter's
  /// `constant_memory`), not into a tree of every cell: then every sheet must be written
  /// row by row, top to bottom (a cell of a row already left is refused).
  static func open(path: String, scratch: String?, title: String, rowByRow: Bool) throws(ExcelSummaries.Failure)
    -> XlsxBook
  {
    let tmpdir = scratch.map { strdup($0)! }
    var options = lxw_workbook_options(constant_memory: rowByRow ? 1 : 0, tmpdir: tmpdir, use_zip64: 0)
    guard let workbook = workbook_new_opt(path, &options) else {
      free(tmpdir)
      throw ExcelSummaries.Failure.create
    }
    let book = XlsxBook(workbook: workbook, path: path, tmpdir: tmpdir, ownFormats: Self.formats(of: workbook).count)
    var properties = lxw_doc_properties()
    properties.created = 946_684_800
    let status = title.withCString { t in
      properties.title = UnsafeMutablePointer(mutating: t)
      return workbook_set_properties(workbook, &properties)
    }
    do {
      try book.check(status, .properties)
    } catch {
      book.discard()
      throw error
    }
    return book
  }

  /// `part` is made only for a failure: the table sheets check every cell.
  func check(_ status: lxw_error, _ part: @autoclosure () -> ExcelSummaries.Part) throws(ExcelSummaries.Failure) {
    guard status == LXW_NO_ERROR else { throw ExcelSummaries.Failure.write(part(), ExcelSummaries.Refusal(status)) }
  }

  /// A sheet's name, as libxlsxwriter holds it.
  static func name(_ sheet: UnsafeMutablePointer<lxw_worksheet>) -> String {
    sheet.pointee.name.map { String(cString: $0) } ?? ""
  }

  func sheet(_ name: String) throws(ExcelSummaries.Failure) -> UnsafeMutablePointer<lxw_worksheet> {
    try check(workbook_validate_sheet_name(workbook, name), .sheet(name))
    guard let sheet = workbook_add_worksheet(workbook, name) else {
      throw ExcelSummaries.Failure.write(.sheet(name), .library("workbook_add_worksheet"))
    }
    return sheet
  }

  func format() throws(ExcelSummaries.Failure) -> UnsafeMutablePointer<lxw_format> {
    guard let format = workbook_add_format(workbook) else {
      throw ExcelSummaries.Failure.format
    }
    return format
  }

  /// Writes the file (libxlsxwriter frees the workbook here, whatever the outcome).
  func close() throws(ExcelSummaries.Failure) {
    let status = workbook_close(workbook)
    free(tmpdir)
    guard status == LXW_NO_ERROR else {
      throw ExcelSummaries.Failure.close(ExcelSummaries.Refusal(status))
    }
  }

  /// Gives every format made by `format()` its number in the workbook's styles now, on
  /// one thread, in the order they were made. libxlsxwriter gives a format its number
  /// (`lxw_format_get_xf_index`) when a row that uses it is first written, in the table of
  /// formats that every sheet shares; once each has it, writing a row only reads it, so
  /// that sheets can be written at once (`SheetWriting`). libxlsxwriter's own formats are
  /// left to it: a hyperlinks' format numbered unused would add a style nothing uses.
  func settleFormats() {
    for format in Self.formats(of: workbook).dropFirst(ownFormats) { _ = lxw_format_get_xf_index(format) }
  }

  /// The workbook's formats, in the order they were made.
  private static func formats(of workbook: UnsafeMutablePointer<lxw_workbook>) -> [UnsafeMutablePointer<lxw_format>] {
    var all: [UnsafeMutablePointer<lxw_format>] = []
    var format = workbook.pointee.formats.pointee.stqh_first
    while let f = format {
      all.append(f)
      format = f.pointee.list_pointers.stqe_next
    }
    return all
  }

  /// Closes the workbook after a failure, whatever comes of it: the failure is what is said.
  func discard() {
    _ = workbook_close(workbook)
    free(tmpdir)
  }
}

/// Where a workbook is written (`ExcelSummaries.filled()`, and the template's): an open
/// file with no name in any folder, reached through its path in `/proc/self/fd`, and a
/// scratch folder of its own for libxlsxwriter's part files (see `ExcelSummaries.bytes()`).
struct WorkbookTarget {
  let scratch: ScratchFolder
  let file: UnsafeMutablePointer<FILE>

  init() throws(ExcelSummaries.Failure) {
    scratch = try ScratchFolder()
    guard let file = tmpfile() else {
      let reason = String(cString: strerror(errno))
      scratch.remove()
      throw ExcelSummaries.Failure.temporaryFile(reason: reason)
    }
    self.file = file
  }

  var path: String {
    #if os(Linux)
      "/proc/self/fd/\(fileno(file))"
    #else
      "/dev/fd/\(fileno(file))"
    #endif
  }

  /// The file's bytes, as the workbook left it.
  func readBack() throws(ExcelSummaries.Failure) -> [UInt8] {
    let fd = fileno(file)
    var status = stat()
    guard fstat(fd, &status) == 0 else {
      throw ExcelSummaries.Failure.readBack(reason: String(cString: strerror(errno)))
    }
    var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + offset, $0.count - offset, off_t(offset)) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else {
        throw ExcelSummaries.Failure.readBack(reason: n < 0 ? String(cString: strerror(errno)) : nil)
      }
      offset += n
    }
    return bytes
  }

  func remove() {
    fclose(file)
    scratch.remove()
  }
}

/// A workbook whose sheets are all written and which is not yet compressed into its
/// file (`ExcelSummaries.filled()`).
///
/// `@unchecked Sendable` (for the C pointers it holds): `filled()` hands it over with every
/// sheet written; after that only `bytes()`, once (`open` is taken atomically: a second
/// call stops the process), or else `deinit` touches the workbook, its file and its
/// scratch folder.
public final class FilledWorkbook: @unchecked Sendable {
  private let book: XlsxBook
  private let target: WorkbookTarget
  private let open = Atomic<Bool>(true)

  init(book: XlsxBook, target: WorkbookTarget) {
    self.book = book
    self.target = target
  }

  /// Compresses the workbook into its file (libxlsxwriter's `workbook_close`, which also
  /// frees it) and returns the file's bytes. Once.
  public func bytes() throws(ExcelSummaries.Failure) -> [UInt8] {
    precondition(
      open.compareExchange(expected: true, desired: false, ordering: .acquiringAndReleasing).exchanged,
      "a workbook is compressed once")
    defer { target.remove() }
    try book.close()
    return try target.readBack()
  }

  deinit {
    if open.load(ordering: .acquiring) {
      book.discard()
      target.remove()
    }
  }
}

/// The sheets of one workbook written on several threads (`ExcelSummaries.fill`), each
/// job one sheet, run once, on one thread.
///
/// `@unchecked Sendable`: its `let`s are only read, and its jobs hold libxlsxwriter's
/// pointers, which the compiler cannot check. A job writes only its own worksheet, which
/// no other job touches, with formats whose numbers `XlsxBook.settleFormats()` assigned
/// before the threads started; after that libxlsxwriter 1.1.4 only reads the formats and
/// the workbook while cells and rows are written (its source read for this: the shared
/// strings are not used row by row, and the rest a sheet writes is its own). What a job
/// reads of Swift's (the tables, `ExcelColumns`, the phrases) is immutable. `concurrentMap`
/// returns after every job is done.
final class SheetWriting: @unchecked Sendable {
  struct Job {
    /// About how many cells the sheet has: the largest are started first.
    let cells: Int
    let write: () throws(ExcelSummaries.Failure) -> Void
  }

  let jobs: [Job]

  init(jobs: [Job]) { self.jobs = jobs }

  /// Writes job `j`'s sheet: its failure, or nil.
  func run(_ j: Int) -> ExcelSummaries.Failure? {
    do throws(ExcelSummaries.Failure) {
      try jobs[j].write()
      return nil
    } catch {
      return error
    }
  }
}

/// A folder of one workbook's own for libxlsxwriter's scratch files:
/// `$TMPDIR/kartlagg-workbook-<pid>-<uuid>`, held with an `flock` on its `lock` file while
/// in use. It is made as `.kartlagg-workbook-new-<pid>-<uuid>`, locked, and only then
/// renamed, so a folder under the plain name is always locked while its run lives. Each
/// new one first removes the folders of runs that are gone: a plain one whose lock can be
/// taken, a `-new-` one whose process no longer exists.
struct ScratchFolder {
  static let prefix = "kartlagg-workbook-"
  static let newPrefix = ".kartlagg-workbook-new-"
  let path: String
  private let lock: Int32

  init() throws(ExcelSummaries.Failure) {
    let base = NSTemporaryDirectory()
    Self.removeLeftovers(in: base)
    let unique = "\(getpid())-\(UUID().uuidString)"
    let new = (base as NSString).appendingPathComponent(Self.newPrefix + unique)
    path = (base as NSString).appendingPathComponent(Self.prefix + unique)
    guard mkdir(new, 0o700) == 0 else {
      throw ExcelSummaries.Failure.scratchFolder(path: new, reason: String(cString: strerror(errno)))
    }
    lock = open(new + "/lock", O_RDWR | O_CREAT, 0o600)
    guard lock >= 0, flock(lock, LOCK_EX) == 0, rename(new, path) == 0 else {
      let message = String(cString: strerror(errno))
      if lock >= 0 { close(lock) }
      try? FileManager.default.removeItem(atPath: new)
      throw ExcelSummaries.Failure.scratchFolder(path: path, reason: message)
    }
  }

  func remove() {
    try? FileManager.default.removeItem(atPath: path)
    close(lock)
  }

  /// Removes the scratch folders in `base` that no live run holds.
  static func removeLeftovers(in base: String) {
    let manager = FileManager.default
    for entry in (try? manager.contentsOfDirectory(atPath: base)) ?? [] {
      let folder = (base as NSString).appendingPathComponent(entry)
      if entry.hasPrefix(prefix) {
        let fd = open(folder + "/lock", O_RDWR)
        if fd < 0 || flock(fd, LOCK_EX | LOCK_NB) == 0 { try? manager.removeItem(atPath: folder) }
        if fd >= 0 { close(fd) }
      } else if entry.hasPrefix(newPrefix),
        let pid = Int32(entry.dropFirst(newPrefix.count).prefix { $0 != "-" }), kill(pid, 0) != 0, errno == ESRCH
      {
        try? manager.removeItem(atPath: folder)
      }
    }
  }
}
