internal import CReadStat
import Foundation
import LibCSV
import SourceDiagnostics

#if canImport(Glibc)
  import Glibc
#endif

/// An SPSS data file (`.sav`, `.zsav`, compressed, or a portable `.por`) as CSV bytes for
/// `CSVReader`, read by ReadStat (Debian's libreadstat) on a thread of its own, like a
/// workbook's sheet (`SheetSource`): always two header rows, the variables' names (line 1)
/// and their labels (line 2, empty where a variable has none; the question texts, which
/// take part in column matching as a question's text does), then one line per case, every
/// case a line even when its every value is missing (case n is line n + 2).
///
/// What a cell holds:
/// - a missing value (system-missing, or one of the variable's user-missing values or
///   ranges) is empty: no answer;
/// - a value with a value label that the survey knows (`knownLabel`: a scale point's or
///   an option's label, a municipality, a group) is that label, so a label that matches a
///   scale label by text is that point whatever its code; a label that the survey knows
///   only as a no-answer label (`noAnswerLabel`) is empty, no answer, as its code is
///   when the survey declares it a no-answer code;
/// - any other number is the number (a labelled 3 is the scale point 3), whole numbers
///   without decimals;
/// - a string is the string.
///
/// Every case in the file is read, whatever the file's header says their number is: the
/// header's count is −1 ("not known") when a streaming writer made the file, and can be
/// wrong. ReadStat stops at that count, so it is shown −1 (`HeaderPatchingFile`) and
/// reads to the end of the data; a count that disagrees with the cases found is said
/// (`warnings`) when the file holds more, and is an error (the file is cut short) when
/// it holds fewer.
public final class SavSource: StreamedSource {
  /// Starts reading `path`. `knownLabel` says whether a value label's text means something
  /// to the survey (compared as the survey compares answers).
  public init(
    path: String, language: Language, knownLabel: @escaping @Sendable (String) -> Bool,
    noAnswerLabel: @escaping @Sendable (String) -> Bool = { _ in false }, spelling: Spelling = Spelling()
  ) {
    super.init(label: path)
    let channel = channel
    let portable = (path as NSString).pathExtension.lowercased() == "por"
    let thread = Thread { Self.produce(path, portable, language, knownLabel, noAnswerLabel, spelling, channel) }
    thread.stackSize = 1 << 20
    thread.start()
  }

  /// What a labelled value's cell stands for, so that a message can quote both its code
  /// and its label (issue 23): a cell written as a value's label, and a code written as
  /// itself because the survey does not know its label. Filled before the first case is
  /// handed over (ReadStat reads every label before any value), read by the reader's
  /// thread after it.
  public final class Spelling: @unchecked Sendable {
    private let lock = NSLock()
    private var columns: [[String: (code: String, label: String)]] = []

    public init() {}

    /// The code and the label of column `column`'s (from 0) cell `cell`; nil when no
    /// value label spells it.
    public func of(column: Int, cell: String) -> (code: String, label: String)? {
      lock.lock()
      defer { lock.unlock() }
      return column < columns.count ? columns[column][cell] : nil
    }

    fileprivate func set(_ columns: [[String: (code: String, label: String)]]) {
      lock.lock()
      self.columns = columns
      lock.unlock()
    }
  }

  /// The state of one parse, handed to ReadStat's callbacks.
  private final class Reader {
    let knownLabel: (String) -> Bool
    let noAnswerLabel: (String) -> Bool
    let spelling: Spelling
    /// Value label set → value → label, every label (for `spelling`).
    var allLabels: [String: [String: String]] = [:]
    let channel: Channel
    var names: [String] = []
    var labels: [String] = []
    var labelSets: [String?] = []
    /// Value label set → value (as a number's text, or a string) → label, for the labels
    /// the survey knows only: the others are never used, so they are not kept, and no
    /// label is judged again for each value.
    var valueLabels: [String: [String: String]] = [:]
    var row: [String] = []
    var rowIndex = -1
    var headerWritten = false
    var out: [UInt8] = []
    var stopped = false

    init(
      knownLabel: @escaping (String) -> Bool, noAnswerLabel: @escaping (String) -> Bool, spelling: Spelling,
      channel: Channel
    ) {
      self.knownLabel = knownLabel
      self.noAnswerLabel = noAnswerLabel
      self.spelling = spelling
      self.channel = channel
    }

    func writeRow(_ cells: [String]) {
      for (i, cell) in cells.enumerated() {
        if i > 0 { out.append(0x2C) }
        SheetSource.appendField(ArraySlice(cell.utf8), to: &out)
      }
      out.append(0x0A)
      if out.count >= SheetSource.chunkBytes { flush() }
    }

    func flush() {
      guard !stopped else { return }
      do {
        try channel.push(out)
      } catch {
        stopped = true
      }
      out.removeAll(keepingCapacity: true)
    }

    func writeHeader() {
      guard !headerWritten else { return }
      headerWritten = true
      // Each column's labelled cells: a label the survey knows is written as the label,
      // any other as its code; a no-answer label is an empty cell, quoted by no message.
      spelling.set(
        labelSets.map { set in
          var cells: [String: (code: String, label: String)] = [:]
          for (code, label) in set.flatMap({ allLabels[$0] }) ?? [:] where !noAnswerLabel(label) {
            let cell = knownLabel(label) ? label : code
            if cells[cell] == nil || cell == code { cells[cell] = (code, label) }
          }
          return cells
        })
      writeRow(names)
      // The labels always as the second header row, however few there are: the reader
      // takes both lines as the header (`IngestOptions.headerRows`), never as a case.
      writeRow(labels)
    }

    func endRow() {
      guard rowIndex >= 0 else { return }
      writeRow(row)
    }
  }

  static func numberText(_ value: Double) -> String { CellNumber.text(value) ?? "\(value)" }

  private static func produce(
    _ path: String, _ portable: Bool, _ language: Language, _ knownLabel: @escaping (String) -> Bool,
    _ noAnswerLabel: @escaping (String) -> Bool, _ spelling: Spelling, _ channel: Channel
  ) {
    let reader = Reader(knownLabel: knownLabel, noAnswerLabel: noAnswerLabel, spelling: spelling, channel: channel)
    guard let parser = readstat_parser_init() else {
      channel.finish(SpreadsheetError(message: "cannot start ReadStat"))
      return
    }
    defer { readstat_parser_free(parser) }
    readstat_set_variable_handler(parser) { index, variable, valueLabels, context in
      let reader = Unmanaged<Reader>.fromOpaque(context!).takeUnretainedValue()
      reader.names.append(readstat_variable_get_name(variable).map { String(cString: $0) } ?? "V\(index + 1)")
      reader.labels.append(readstat_variable_get_label(variable).map { String(cString: $0) } ?? "")
      reader.labelSets.append(valueLabels.map { String(cString: $0) })
      return Int32(READSTAT_HANDLER_OK)
    }
    readstat_set_value_label_handler(parser) { set, value, text, context in
      guard let set, let text else { return Int32(READSTAT_HANDLER_OK) }
      let reader = Unmanaged<Reader>.fromOpaque(context!).takeUnretainedValue()
      let key: String
      if readstat_value_type(value) == READSTAT_TYPE_STRING {
        key = readstat_string_value(value).map { String(cString: $0) } ?? ""
      } else {
        key = SavSource.numberText(readstat_double_value(value))
      }
      let label = String(cString: text)
      reader.allLabels[String(cString: set), default: [:]][key] = label
      // A no-answer label is no answer: the empty cell.
      if reader.noAnswerLabel(label) {
        reader.valueLabels[String(cString: set), default: [:]][key] = ""
      } else if reader.knownLabel(label) {
        reader.valueLabels[String(cString: set), default: [:]][key] = label
      }
      return Int32(READSTAT_HANDLER_OK)
    }
    readstat_set_value_handler(parser) { observation, variable, value, context in
      let reader = Unmanaged<Reader>.fromOpaque(context!).takeUnretainedValue()
      if reader.stopped { return Int32(READSTAT_HANDLER_ABORT) }
      reader.writeHeader()
      if Int(observation) != reader.rowIndex {
        reader.endRow()
        reader.rowIndex = Int(observation)
        reader.row = Array(repeating: "", count: reader.names.count)
      }
      let index = Int(readstat_variable_get_index(variable))
      guard index < reader.row.count else { return Int32(READSTAT_HANDLER_OK) }
      if readstat_value_is_system_missing(value) != 0 || readstat_value_is_defined_missing(value, variable) != 0
        || readstat_value_is_tagged_missing(value) != 0
      {
        return Int32(READSTAT_HANDLER_OK)
      }
      var text: String
      if readstat_value_type(value) == READSTAT_TYPE_STRING {
        text = readstat_string_value(value).map { String(cString: $0) } ?? ""
      } else {
        text = SavSource.numberText(readstat_double_value(value))
      }
      if let set = reader.labelSets[index], let label = reader.valueLabels[set]?[text] { text = label }
      reader.row[index] = text
      return Int32(READSTAT_HANDLER_OK)
    }
    // The file through a reader of our own that shows the header's case count as −1, so
    // that ReadStat reads every case there is (up to `Int.max`). A portable file has no
    // such count (it is text, read to its end) and is read as it is.
    let file = HeaderPatchingFile()
    file.patching = !portable
    readstat_set_io_ctx(parser, Unmanaged.passUnretained(file).toOpaque())
    readstat_set_open_handler(parser) { path, context in
      let file = Unmanaged<HeaderPatchingFile>.fromOpaque(context!).takeUnretainedValue()
      file.descriptor = Glibc.open(path!, O_RDONLY)
      file.position = 0
      return file.descriptor
    }
    readstat_set_close_handler(parser) { context in
      let file = Unmanaged<HeaderPatchingFile>.fromOpaque(context!).takeUnretainedValue()
      guard file.descriptor >= 0 else { return 0 }
      defer { file.descriptor = -1 }
      return Glibc.close(file.descriptor)
    }
    readstat_set_seek_handler(parser) { offset, whence, context in
      let file = Unmanaged<HeaderPatchingFile>.fromOpaque(context!).takeUnretainedValue()
      let how = whence == READSTAT_SEEK_SET ? SEEK_SET : whence == READSTAT_SEEK_CUR ? SEEK_CUR : SEEK_END
      let at = Glibc.lseek(file.descriptor, offset, how)
      if at >= 0 { file.position = Int(at) }
      return at
    }
    readstat_set_read_handler(parser) { buffer, count, context in
      let file = Unmanaged<HeaderPatchingFile>.fromOpaque(context!).takeUnretainedValue()
      let n = Glibc.read(file.descriptor, buffer, count)
      if n > 0, let buffer { file.patch(UnsafeMutableRawBufferPointer(start: buffer, count: n)) }
      return n
    }
    readstat_set_update_handler(parser) { _, _, _, _ in READSTAT_OK }
    readstat_set_row_limit(parser, Int.max)

    let context = Unmanaged.passUnretained(reader).toOpaque()
    let error = withExtendedLifetime(file) {
      portable ? readstat_parse_por(parser, path, context) : readstat_parse_sav(parser, path, context)
    }
    let cases = reader.rowIndex + 1
    if !reader.stopped, error == READSTAT_OK, let said = file.caseCount, said >= 0, said > cases {
      // Fewer cases than the header says: the file was cut short.
      channel.finish(SpreadsheetError(message: SavPhrase.fewerCases(header: said, found: cases).text(language)))
    } else if error == READSTAT_OK || reader.stopped {
      if let said = file.caseCount, said >= 0, said < cases, !reader.stopped {
        channel.warn(SavPhrase.moreCases(header: said, found: cases).text(language))
      }
      reader.writeHeader()
      reader.endRow()
      reader.flush()
      channel.finish(nil)
    } else {
      let what = readstat_error_message(error).map { String(cString: $0) } ?? "error \(error.rawValue)"
      channel.finish(SpreadsheetError(message: SavPhrase.unreadable(what).text(language)))
    }
  }

}

/// An SPSS file as ReadStat reads it, with the case count of its header (a 32-bit integer
/// at byte 80 of the 176-byte header, in either byte order) shown as −1, "not known"
/// (all bits set, the same in both orders); the count as written is kept.
private final class HeaderPatchingFile {
  var descriptor: Int32 = -1
  var position = 0
  /// False for a file that is no `.sav` (a portable file): read as it is.
  var patching = true
  private var layout: [UInt8]?
  private var count = [UInt8](repeating: 0, count: 4)
  private var countSeen = [false, false, false, false]

  /// The header's case count as written; nil when the header was not read.
  var caseCount: Int? {
    guard let layout, !countSeen.contains(false) else { return nil }
    // The layout code (2 or 3) in the file's byte order says which order that is.
    let bytes = layout[0] != 0 ? count : count.reversed()
    let bits = bytes.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
    return Int(Int32(bitPattern: bits))
  }

  /// `bytes` were read at `position`: keeps the header's layout code (bytes 64–67) and
  /// case count (80–83), and shows the count as −1.
  func patch(_ bytes: UnsafeMutableRawBufferPointer) {
    let start = position
    position += bytes.count
    guard patching else { return }
    if layout == nil && start <= 64 && position >= 68 { layout = Array(bytes[(64 - start)..<(68 - start)]) }
    let lower = max(start, 80)
    let upper = min(position, 84)
    guard lower < upper else { return }
    for at in lower..<upper {
      count[at - 80] = bytes[at - start]
      countSeen[at - 80] = true
      bytes[at - start] = 0xFF
    }
  }
}

/// The messages of the SPSS reader, in Swedish and English.
enum SavPhrase: Localized {
  case unreadable(String)
  /// The header's case count is below the cases the file holds: every one was read.
  case moreCases(header: Int, found: Int)
  /// The header's case count is above the cases the file holds: it was cut short.
  case fewerCases(header: Int, found: Int)

  var swedish: String {
    switch self {
    case .unreadable(let what):
      return "det är ingen SPSS-fil, eller den är skadad eller avkortad (ReadStat: \(what)); exportera den igen"
    case .moreCases(let header, let found):
      return
        "filhuvudet säger \(header) fall, men filen har \(found); alla \(found) lästes (exportera filen igen om det inte stämmer)"
    case .fewerCases(let header, let found):
      return
        "filhuvudet säger \(header) fall, men filen har bara \(found): den är avkortad eller skadad; exportera den igen"
    }
  }

  var english: String {
    switch self {
    case .unreadable(let what):
      return "it is no SPSS file, or it is damaged or cut short (ReadStat: \(what)); export it again"
    case .moreCases(let header, let found):
      return
        "the file's header says \(header) cases, but the file holds \(found); all \(found) were read (export it again if that is wrong)"
    case .fewerCases(let header, let found):
      return
        "the file's header says \(header) cases, but the file holds only \(found): it is cut short or damaged; export it again"
    }
  }

}
