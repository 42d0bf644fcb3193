internal import CXlsxWriter
import Foundation
import SourceDiagnostics
import SurveyModel

extension SurveyDocuments {
  /// The empty export as an Excel workbook (`kartlagg template --out mall.xlsx`), for
  /// municipalities that collect answers in a spreadsheet, in the survey's language.
  ///
  /// The first sheet ("Instruktioner") says how to fill it in, with the scales. The
  /// answer sheet ("Svar") has two header rows: each column's question (the text the
  /// definition gives it, which kartlagg's import recognises), then its column name; both
  /// are frozen, as are the municipality's and the other dimensions' columns. Each
  /// statement's current and desired answers stand side by side (`Survey.slots`). Every
  /// answer column takes its answers from a drop-down list (a scale's points as
  /// "3 – Stämmer delvis" and its no-answer labels such as "Vet ej"; a choice's options; the
  /// municipalities and the county-wide name; a dimension's values), kept on a hidden
  /// sheet ("Listor"); free text is free. The workbook names its answer sheet with the
  /// defined name `kartlagg_answers`, so that kartlagg reads that sheet, not the
  /// instructions, without `--sheet`. The same survey gives the same bytes.
  public static func templateWorkbook(for survey: Survey) throws(ExcelSummaries.Failure) -> [UInt8] {
    try ExcelSummaries.bytes { path, scratch throws(ExcelSummaries.Failure) in
      try XlsxBook.write(to: path, scratch: scratch, title: survey.title) { book throws(ExcelSummaries.Failure) in
        try TemplateWorkbook(survey: survey).fill(book)
      }
    }
  }

  /// The rows of the answer sheet that offer drop-down lists (after its two header rows).
  public static let templateRows = 2000

  /// The drop-down entry of a scale point: "3 – Stämmer delvis".
  public static func templateChoice(_ point: ScalePoint) -> String { "\(point.value) – \(point.label)" }
}

/// The pieces of the template workbook.
struct TemplateWorkbook {
  let survey: Survey
  /// A text of the template in the survey's language.
  func t(_ phrase: DocumentPhrase) -> String { phrase.text(survey.language) }

  /// One column of the answer sheet: its question, its column name, and the answers its
  /// drop-down list offers (nil: free text).
  struct Column {
    var question: String
    var code: String
    var choices: [String]?
  }

  var sheetName: String { t(.answersSheet) }
  var listSheetName: String { t(.listsSheet) }

  func roleName(_ role: AnswerRole) -> String {
    switch role {
    case .current: t(.current)
    case .desired: t(.desired)
    case .rating: t(.rating)
    case .choice: t(.choice)
    case .text: t(.freeText)
    }
  }

  /// The scale's points and no-answer labels, as the drop-down list offers them.
  func choices(_ scale: Scale) -> [String] {
    scale.points.map(SurveyDocuments.templateChoice) + scale.noAnswerLabels
  }

  var columns: [Column] {
    var out: [Column] = []
    if let id = survey.respondentIDColumn {
      out.append(Column(question: id.question ?? t(.respondentID), code: id.column, choices: nil))
    }
    let m = survey.municipalityColumn
    out.append(
      Column(
        question: m.question ?? t(.municipality), code: m.column,
        choices: survey.county.municipalities.map(\.name) + [survey.county.countyWide.name]))
    for d in survey.dimensions {
      out.append(
        Column(question: d.location.question ?? d.label, code: d.location.column, choices: d.values.map(\.label)))
    }
    for slot in survey.slots {
      let item = survey.sections[slot.section].items[slot.item]
      let question = slot.location.question ?? "\(item.text) – \(roleName(slot.role))"
      let choices: [String]?
      switch item.kind {
      case .paired(let id, _, _), .rating(let id, _): choices = survey.scale(id: id).map(self.choices)
      case .choice(let options, let none, _): choices = options.map(\.label) + none
      case .text: choices = nil
      }
      out.append(Column(question: question, code: slot.location.column, choices: choices))
    }
    return out
  }

  func fill(_ book: XlsxBook) throws(ExcelSummaries.Failure) {
    let bold = try book.format()
    format_set_bold(bold)
    format_set_text_wrap(bold)
    format_set_align(bold, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
    let code = try book.format()
    format_set_italic(code)
    format_set_font_color(code, 0x595959)
    let wrap = try book.format()
    format_set_text_wrap(wrap)
    format_set_align(wrap, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))

    let columns = self.columns
    try instructions(book, bold: bold, wrap: wrap)
    let answers = try book.sheet(sheetName)
    let lists = try book.sheet(listSheetName)

    // The lists, one column each, the same list once.
    var listColumn: [[String]: Int] = [:]
    for column in columns {
      guard let choices = column.choices, !choices.isEmpty, listColumn[choices] == nil else { continue }
      let c = listColumn.count
      listColumn[choices] = c
      for (r, choice) in choices.enumerated() {
        try book.check(worksheet_write_string(lists, lxw_row_t(r), lxw_col_t(c), choice, nil), .sheet(listSheetName))
      }
    }
    worksheet_hide(lists)

    let prompt = t(.chooseFromTheList)
    let refusal = t(.chooseOneOrLeaveEmpty)
    let wrong = t(.notOneOfTheAnswers)
    let last = lxw_row_t(1 + SurveyDocuments.templateRows)
    for (c, column) in columns.enumerated() {
      let cc = lxw_col_t(c)
      try book.check(worksheet_write_string(answers, 0, cc, column.question, bold), .row(sheet: sheetName, row: 1))
      try book.check(worksheet_write_string(answers, 1, cc, column.code, code), .row(sheet: sheetName, row: 2))
      guard let choices = column.choices, let l = listColumn[choices] else { continue }
      let letters = Self.columnLetters(l)
      let formula = "=\(Self.quoted(listSheetName))!$\(letters)$1:$\(letters)$\(choices.count)"
      var validation = lxw_data_validation()
      validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
      validation.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_STOP.rawValue)
      let status = formula.withCString { f in
        prompt.withCString { p in
          refusal.withCString { r in
            wrong.withCString { w in
              let message = String(column.question.prefix(200)) + "\n" + choices.joined(separator: "\n")
              return String(message.prefix(240)).withCString { m in
                validation.value_formula = UnsafeMutablePointer(mutating: f)
                validation.input_title = UnsafeMutablePointer(mutating: p)
                validation.input_message = UnsafeMutablePointer(mutating: m)
                validation.error_title = UnsafeMutablePointer(mutating: w)
                validation.error_message = UnsafeMutablePointer(mutating: r)
                return worksheet_data_validation_range(answers, 2, cc, last, cc, &validation)
              }
            }
          }
        }
      }
      try book.check(status, .list(sheet: sheetName, column: column.code))
    }
    let fixed = columns.count - survey.slots.count
    try book.check(worksheet_set_column(answers, 0, lxw_col_t(max(fixed, 1) - 1), 20, nil), .sheet(sheetName))
    if columns.count > fixed {
      try book.check(
        worksheet_set_column(answers, lxw_col_t(fixed), lxw_col_t(columns.count - 1), 24, nil), .sheet(sheetName))
    }
    try book.check(worksheet_set_row(answers, 0, 120, nil), .sheet(sheetName))
    worksheet_freeze_panes(answers, 2, lxw_col_t(fixed))
    worksheet_set_landscape(answers)
    worksheet_set_paper(answers, 9)
    try book.check(worksheet_repeat_rows(answers, 0, 1), .printSetup(sheet: sheetName))
    worksheet_activate(answers)
    // The sheet kartlagg reads when no --sheet is given (`Workbook.answersName`).
    try book.check(
      workbook_define_name(book.workbook, "kartlagg_answers", "=\(Self.quoted(sheetName))!$A$1"),
      .answerSheetName)
  }

  /// The first sheet: how to fill in the template, and the scales.
  func instructions(
    _ book: XlsxBook, bold: UnsafeMutablePointer<lxw_format>, wrap: UnsafeMutablePointer<lxw_format>
  ) throws(ExcelSummaries.Failure) {
    let name = t(.instructionsSheet)
    let sheet = try book.sheet(name)
    let dimensions = survey.dimensions.map(\.label).joined(separator: t(.and))
    let noAnswer = survey.scales.first?.noAnswerLabels.first ?? t(.noAnswerDefault)
    var lines: [(String, Bool)] = [(survey.title, true)]
    if let period = survey.period { lines.append((t(.periodLine(period)), false)) }
    lines += [
      ("", false),
      (t(.howToFillIn), true),
      (t(.stepAnswers(sheet: sheetName)), false),
      (t(.stepMunicipality(countyWide: survey.county.countyWide.name, dimensions: dimensions)), false),
      (t(.stepStatements(noAnswer: noAnswer)), false),
      (t(.stepSave), false),
      (t(.groupsBelowMinimum(survey.minimumGroupSize)), false),
      ("", false),
      (t(.theScales), true),
    ]
    for scale in survey.scales {
      let points = scale.points.map { "\($0.value) = \($0.label)" }.joined(separator: ", ")
      let none =
        scale.noAnswerLabels.isEmpty
        ? "" : t(.noAnswerList(scale.noAnswerLabels.joined(separator: ", ")))
      lines.append(("\(points)\(none)", false))
    }
    // Each line's row high enough for its wrapped text (some 80 characters a line in a
    // column 85 wide): Excel does not make a row higher when the file is opened.
    for (r, (line, heading)) in lines.enumerated() where !line.isEmpty {
      try book.check(worksheet_write_string(sheet, lxw_row_t(r), 0, line, heading ? bold : wrap), .sheet(name))
      let height = 15 * Double(max(1, (line.count + 79) / 80))
      if !heading { try book.check(worksheet_set_row(sheet, lxw_row_t(r), height, nil), .sheet(name)) }
    }
    try book.check(worksheet_set_column(sheet, 0, 0, 85, nil), .sheet(name))
    worksheet_set_paper(sheet, 9)
    worksheet_fit_to_pages(sheet, 1, 0)
  }

  /// A sheet's name in a formula: quoted when it is not plain letters and digits.
  static func quoted(_ name: String) -> String {
    name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
      ? name : "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
  }

  /// A column's letters: 0 → A, 26 → AA.
  static func columnLetters(_ column: Int) -> String {
    var n = column + 1
    var letters = ""
    while n > 0 {
      let r = (n - 1) % 26
      letters = String(UnicodeScalar(UInt8(65 + r))) + letters
      n = (n - 1) / 26
    }
    return letters
  }
}
