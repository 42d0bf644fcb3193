import Foundation
import SourceDiagnostics

/// Streams one sheet of a workbook as rows of cell texts, in the sheet's order. A cell's
/// text is what a person reads in it:
///
/// - shared and inline strings as written, rich-text runs joined;
/// - numbers as numbers, whole ones without decimals (`3` and `3.0` are `3`), others in
///   the shortest form that reads back as the same double (`2.5`);
/// - booleans as `TRUE`/`FALSE`, errors as written (`#N/A`);
/// - numbers in a date or time format as ISO 8601 (`2026-09-14`, `2026-09-14 10:23:05`),
///   which is what an answer column would never hold and a timestamp column does.
///
/// Cells the writer skipped (`r="D7"` after `B7`) are empty, and so are skipped rows.
final class SheetReader: XMLStream.Handler {
  /// Thrown by a row consumer to stop reading early.
  struct Stop: Error {}

  /// The format's limits.
  static let maximumRows = 1_048_576
  static let maximumColumns = 16_384

  private let workbook: Workbook
  /// Told each row: its number, then its cells' texts as column and byte range of `arena`,
  /// in column order, empty cells left out.
  private let onRow: (_ row: Int, _ cells: [Cell], _ arena: [UInt8]) throws -> Void
  private var failure: Error?

  /// A cell of the current row: its column and where its text is in the row's arena.
  struct Cell {
    var column: Int
    var start: Int
    var end: Int
  }

  private var row = 0
  /// The current row's cells, and one buffer for all their texts (no allocation per cell).
  private var cells: [Cell] = []
  private var arena: [UInt8] = []
  private var column = 0
  private var cellStart = 0
  private var type: UInt8 = 0
  private var style = 0
  private var inCell = false
  private var collecting = false
  private var phonetic = 0

  init(workbook: Workbook, onRow: @escaping (Int, [Cell], [UInt8]) throws -> Void) {
    self.workbook = workbook
    self.onRow = onRow
    cells.reserveCapacity(256)
    arena.reserveCapacity(4096)
  }

  /// Reads sheet `index` to its end, or until `onRow` throws.
  func read(sheet index: Int) throws {
    try Workbook.parse(
      workbook.archive, workbook.sheetParts[index], workbook.limits.sheetBytes, workbook.limits, workbook.language,
      self)
    if let failure { throw failure }
  }

  private func fail(_ error: Error) {
    if failure == nil { failure = error }
  }

  func start(_ name: XMLStream.ElementName, _ attributes: XMLStream.Attributes) {
    guard failure == nil else { return }
    if name.is("c") {
      inCell = true
      cellStart = arena.count
      column = cells.last.map { $0.column + 1 } ?? 0
      if let reference = attributes.value("r") {
        guard let (c, r) = Self.cellReference(reference) else {
          fail(
            SpreadsheetError(
              message: SheetPhrase.badCellReference(String(cString: reference)).text(language), row: row))
          return
        }
        column = c
        if r != row && r > 0 { row = r }
      }
      if column >= Self.maximumColumns {
        fail(SpreadsheetError(message: SheetPhrase.beyondLimits(row: row, column: column + 1).text(language)))
      }
      type = 0
      if let t = attributes.value("t") {
        type = UInt8(bitPattern: t.pointee)
        // "str" (a formula's text) and "s" (shared) share a first letter.
        if type == UInt8(ascii: "s") && t[1] == 0x74 { type = UInt8(ascii: "S") }
      }
      style = attributes.value("s").map { Int(strtol($0, nil, 10)) } ?? 0
    } else if name.is("row") {
      cells.removeAll(keepingCapacity: true)
      arena.removeAll(keepingCapacity: true)
      if let r = attributes.value("r") {
        row = Int(strtol(r, nil, 10))
      } else {
        row += 1
      }
      if row > Self.maximumRows || row < 1 {
        fail(SpreadsheetError(message: SheetPhrase.beyondLimits(row: row, column: 1).text(language)))
      }
    } else if inCell && (name.is("v") || (name.is("t") && phonetic == 0)) {
      collecting = true
    } else if name.is("rPh") {
      phonetic += 1
    }
  }

  func text(_ bytes: UnsafeBufferPointer<UInt8>) {
    if collecting { arena.append(contentsOf: bytes) }
  }

  func end(_ name: XMLStream.ElementName) {
    guard failure == nil else { return }
    if name.is("v") || name.is("t") {
      collecting = false
    } else if name.is("rPh") {
      phonetic -= 1
    } else if name.is("c") {
      inCell = false
      finishCell()
      if arena.count > cellStart { cells.append(Cell(column: column, start: cellStart, end: arena.count)) }
    } else if name.is("row") {
      // Cells in column order (writers keep it; the check costs nothing when they do).
      if zip(cells, cells.dropFirst()).contains(where: { $0.column >= $1.column }) {
        cells.sort { $0.column < $1.column }
      }
      do { try onRow(row, cells, arena) } catch { fail(error) }
    }
  }

  private var language: Language { workbook.language }

  /// Replaces the cell's raw text (arena from `cellStart`) with what a person reads, by
  /// its type: s shared, inlineStr, S (str) formula text, b boolean, e error, d ISO date,
  /// else a number.
  private func finishCell() {
    switch type {
    case UInt8(ascii: "s"):
      // A shared-string cell without a value (`<c r="E2" t="s"/>`, Microsoft Forms' empty
      // answers) is empty, as openpyxl reads it.
      if arena.count == cellStart { return }
      var index = 0
      var digits = 0
      for b in arena[cellStart...] where b != 0x20 {
        guard b >= 0x30 && b <= 0x39, digits < 10 else {
          digits = 0
          break
        }
        index = index * 10 + Int(b - 0x30)
        digits += 1
      }
      guard digits > 0, index < workbook.sharedStrings.count else {
        fail(
          SpreadsheetError(
            message: SheetPhrase.badSharedString(digits > 0 ? index : -1).text(language), row: row,
            column: column + 1))
        return
      }
      arena.removeSubrange(cellStart...)
      workbook.sharedStrings.append(index, to: &arena)
    case UInt8(ascii: "i"), UInt8(ascii: "S"), UInt8(ascii: "e"), UInt8(ascii: "d"):
      break
    case UInt8(ascii: "b"):
      let isTrue = arena.count == cellStart + 1 && arena[cellStart] == UInt8(ascii: "1")
      arena.removeSubrange(cellStart...)
      arena.append(contentsOf: isTrue ? Self.trueText : Self.falseText)
    default:
      guard arena.count > cellStart else { return }
      let isDate = workbook.dateStyles.indices.contains(style) && workbook.dateStyles[style]
      // The common case, a whole number as written ("3", "-12"): as it is.
      if !isDate && Self.isPlainInteger(arena[cellStart...]) { return }
      let text = String(decoding: arena[cellStart...], as: UTF8.self)
      guard let number = Double(text) else { return }
      // A date out of range (no year 0001–9999), NaN or an infinity is the number as
      // written, as in a cell of no date style.
      let shown =
        (isDate ? Self.isoDate(serial: number, date1904: workbook.date1904) : nil) ?? CellNumber.text(number) ?? text
      arena.removeSubrange(cellStart...)
      arena.append(contentsOf: shown.utf8)
    }
  }

  static let trueText = Array("TRUE".utf8)
  static let falseText = Array("FALSE".utf8)

  /// "3", "-12" (no sign but minus, no leading zero, at most 15 digits).
  static func isPlainInteger(_ bytes: ArraySlice<UInt8>) -> Bool {
    var i = bytes.startIndex
    if i < bytes.endIndex && bytes[i] == 0x2D { i += 1 }
    let digits = bytes.endIndex - i
    guard digits > 0 && digits <= 15 else { return false }
    if digits > 1 && bytes[i] == 0x30 { return false }
    while i < bytes.endIndex {
      guard bytes[i] >= 0x30 && bytes[i] <= 0x39 else { return false }
      i += 1
    }
    return true
  }

  /// A date serial (days since 1899-12-30, or 1904-01-01) as ISO 8601, with the time when
  /// it has one (to the second); nil for NaN, the infinities and a serial outside the
  /// years 0001–9999, which ISO 8601's four digits write.
  static func isoDate(serial: Double, date1904: Bool) -> String? {
    // 1900 system: 0001-01-01 is day −693 593 and 9999-12-31 day 2 958 465; the 1904
    // system's days are 1 462 fewer. A wider guard first, so that no conversion to Int
    // can overflow.
    guard serial.isFinite, abs(serial) < 1e7 else { return nil }
    let seconds = (serial * 86_400).rounded()
    let days = Int((seconds / 86_400).rounded(.down))
    let secondOfDay = Int(seconds) - days * 86_400
    // Days from 1970-01-01: the 1900 system's day 0 is 1899-12-30, 25 569 days before.
    let (y, m, d) = civil(fromDays: days + (date1904 ? 24_107 : -25_569))
    guard (1...9999).contains(y) else { return nil }
    let date = String(format: "%04d-%02d-%02d", y, m, d)
    guard secondOfDay != 0 else { return date }
    return date
      + String(format: " %02d:%02d:%02d", secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60)
  }

  /// Howard Hinnant's days-to-civil: the proleptic Gregorian date `days` after 1970-01-01.
  static func civil(fromDays days: Int) -> (Int, Int, Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// "D7" → (3, 7): the column's 0-based index and the row; nil when it is no reference.
  static func cellReference(_ text: UnsafePointer<CChar>) -> (Int, Int)? {
    var p = text
    var column = 0
    var letters = 0
    while true {
      var c = Int(UInt8(bitPattern: p.pointee))
      if c >= 97 && c <= 122 { c -= 32 }
      guard c >= 65 && c <= 90 else { break }
      column = column * 26 + (c - 64)
      letters += 1
      if letters > 3 { return nil }
      p += 1
    }
    guard letters > 0 else { return nil }
    var row = 0
    var digits = 0
    while p.pointee >= 0x30 && p.pointee <= 0x39 {
      row = row * 10 + Int(p.pointee - 0x30)
      digits += 1
      if digits > 7 { return nil }
      p += 1
    }
    guard p.pointee == 0 else { return nil }
    return (column - 1, row)
  }

}
