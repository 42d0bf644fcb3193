internal import CXlsxWriter
import Foundation
import LibCSV

/// `kartlagg.xlsx`: the published summary tables as one Excel workbook, for a
/// municipality's controller (the CSV files stay for machines). Written by Debian's
/// libxlsxwriter.
///
/// One sheet per table, after a first sheet that says what they are. Numbers are stored
/// as numbers with 16 significant digits (libxlsxwriter's %.16G; Excel itself keeps 15)
/// and shown with two decimals (p-values three, counts none) by a cell format; the header row is frozen and bold, columns are sized to their
/// content, suppressed figures are empty and the `suppressed` column's header carries a
/// note saying why. Text is stored as text, never as a formula. An .xlsx file has no
/// dialect: a Swedish Excel opens it as it is. The same tables give the same bytes: the
/// workbook's creation time is fixed.
public struct ExcelSummaries {
  public let tables: [(name: String, table: CSVTable)]
  public let title: String
  public let minimumGroupSize: Int
  public let language: String

  /// `tables`: `summaries.publishedTables()`, when the caller has them already.
  public init(summaries: CSVSummaries, title: String, tables: [(name: String, table: CSVTable)]? = nil) {
    self.tables = tables ?? summaries.publishedTables()
    self.title = title
    minimumGroupSize = summaries.results.minimumGroupSize
    language = summaries.language
  }

  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// The workbook's bytes.
  ///
  /// libxlsxwriter 1.1.4 (Debian's) writes a workbook only to a path. The path given is
  /// that of an open file that has no name in any folder (`tmpfile()`: `O_TMPFILE`, or a
  /// file unlinked as it is made), reached through `/proc/self/fd`; the bytes are read
  /// back from it. libxlsxwriter's own scratch files (each part before it is zipped, made
  /// and unlinked at once) go to a folder of this call's own in `$TMPDIR`
  /// (`ScratchFolder`), removed when the workbook is done, or by the next run if this one
  /// is killed. So a killed run leaves nothing in `$TMPDIR` that outlives the next run.
  public func bytes() throws(Failure) -> [UInt8] {
    let scratch = try ScratchFolder()
    defer { scratch.remove() }
    guard let file = tmpfile() else {
      throw Failure(description: "cannot make a temporary file for the workbook: \(String(cString: strerror(errno)))")
    }
    defer { fclose(file) }
    let fd = fileno(file)
    #if os(Linux)
      try write(to: "/proc/self/fd/\(fd)", scratch: scratch.path)
    #else
      try write(to: "/dev/fd/\(fd)", scratch: scratch.path)
    #endif
    var status = stat()
    guard fstat(fd, &status) == 0 else {
      throw Failure(description: "cannot read back the workbook: \(String(cString: strerror(errno)))")
    }
    var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + offset, $0.count - offset, off_t(offset)) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else {
        throw Failure(
          description:
            "cannot read back the workbook: \(n < 0 ? String(cString: strerror(errno)) : "it is shorter than it was")")
      }
      offset += n
    }
    return bytes
  }

  private var swedish: Bool { language != "en" }

  /// A sheet's name from its file's: "municipality_vs_county.csv" → "municipality_vs_county".
  static func sheetName(_ file: String) -> String { String(file.prefix { $0 != "." }.prefix(31)) }

  func write(to path: String, scratch: String? = nil) throws(Failure) {
    // libxlsxwriter keeps the pointer until workbook_close.
    let tmpdir = scratch.map { strdup($0)! }
    defer { free(tmpdir) }
    var options = lxw_workbook_options(constant_memory: 0, tmpdir: tmpdir, use_zip64: 0)
    guard let workbook = workbook_new_opt(path, &options) else {
      throw Failure(description: "cannot create \(path)")
    }
    // A fixed creation time (2000-01-01), so that the same tables give the same bytes.
    var properties = lxw_doc_properties()
    properties.created = 946_684_800
    _ = title.withCString { t in
      properties.title = UnsafeMutablePointer(mutating: t)
      return workbook_set_properties(workbook, &properties)
    }
    let bold = workbook_add_format(workbook)
    format_set_bold(bold)
    format_set_text_wrap(bold)
    let figure = workbook_add_format(workbook)
    format_set_num_format(figure, "0.00")
    let probability = workbook_add_format(workbook)
    format_set_num_format(probability, "0.000")
    let count = workbook_add_format(workbook)
    format_set_num_format(count, "0")

    // What the sheets are.
    let about = workbook_add_worksheet(workbook, swedish ? "Läs mig" : "Read me")
    let lines =
      swedish
      ? [
        title,
        "Ett blad per tabell, samma innehåll som CSV-filerna bredvid (beskrivna i Reports/README.md).",
        "Talen är lagrade med 16 värdesiffror (Excel räknar med 15) och visas med två decimaler (p-värden tre).",
        "Tomma siffror: gruppen har färre än \(minimumGroupSize) svarande, eller siffran skulle avslöja en sådan grupp (kolumnen suppressed = true).",
      ]
      : [
        title,
        "One sheet per table, the same content as the CSV files beside it (described in Reports/README.md).",
        "Numbers are stored with 16 significant digits (Excel computes with 15) and shown with two decimals (p-values three).",
        "Empty figures: the group has fewer than \(minimumGroupSize) respondents, or the figure would give such a group away (column suppressed = true).",
      ]
    for (r, line) in lines.enumerated() {
      worksheet_write_string(about, lxw_row_t(r), 0, line, r == 0 ? bold : nil)
    }
    worksheet_set_column(about, 0, 0, 110, nil)

    for (name, table) in tables {
      let sheet = workbook_add_worksheet(workbook, Self.sheetName(name))
      var widths = table.header.map { Double(min(40, max(8, $0.count + 2))) }
      for (c, text) in table.header.enumerated() {
        worksheet_write_string(sheet, 0, lxw_col_t(c), text, bold)
        if text == "suppressed" {
          let note =
            swedish
            ? "true: siffrorna på raden är tomma, eftersom gruppen har färre än \(minimumGroupSize) svarande eller skulle kunna räknas fram ur andra siffror."
            : "true: the row's figures are empty, because the group has fewer than \(minimumGroupSize) respondents or could be worked out from other figures."
          worksheet_write_comment(sheet, 0, lxw_col_t(c), note)
        }
      }
      for (r, row) in table.rows.enumerated() {
        let rr = lxw_row_t(r + 1)
        for (c, cell) in row.enumerated() {
          let cc = lxw_col_t(c)
          switch cell {
          case .text(let text):
            if !text.isEmpty { worksheet_write_string(sheet, rr, cc, text, nil) }
            // Characters as Unicode scalars: the same for the precomposed letters of
            // Swedish text, without breaking every cell into graphemes.
            if c < widths.count { widths[c] = min(60, max(widths[c], Double(text.unicodeScalars.count) + 1)) }
          case .integer(let n): worksheet_write_number(sheet, rr, cc, Double(n), count)
          case .measure(let v) where v.isFinite: worksheet_write_number(sheet, rr, cc, v, figure)
          case .probability(let v) where v.isFinite: worksheet_write_number(sheet, rr, cc, v, probability)
          case .number(let v, _) where v.isFinite: worksheet_write_number(sheet, rr, cc, v, figure)
          default: break
          }
        }
      }
      for (c, width) in widths.enumerated() { worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), width, nil) }
      worksheet_freeze_panes(sheet, 1, 0)
    }
    let status = workbook_close(workbook)
    guard status == LXW_NO_ERROR else {
      throw Failure(description: "cannot write \(path): \(String(cString: lxw_strerror(status)))")
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
      throw ExcelSummaries.Failure(
        description:
          "cannot make a folder for the workbook's scratch files, \(new): \(String(cString: strerror(errno)))")
    }
    lock = open(new + "/lock", O_RDWR | O_CREAT, 0o600)
    guard lock >= 0, flock(lock, LOCK_EX) == 0, rename(new, path) == 0 else {
      let message = String(cString: strerror(errno))
      if lock >= 0 { close(lock) }
      try? FileManager.default.removeItem(atPath: new)
      throw ExcelSummaries.Failure(description: "cannot make and lock \(path): \(message)")
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
