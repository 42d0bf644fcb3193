import Foundation
import SourceDiagnostics
import ZIPFoundation

/// A problem that stops a workbook from being read, in the words of the run's language.
public struct SpreadsheetError: Error, Sendable, CustomStringConvertible {
  public var message: String
  /// The sheet row and column (1-based) of the cell at fault; 0 when it is the workbook's.
  public var row = 0
  public var column = 0
  public var description: String { message }

  public init(message: String, row: Int = 0, column: Int = 0) {
    self.message = message
    self.row = row
    self.column = column
  }
}

/// How far a workbook may unpack: zip bombs are refused while they unpack, never trusted
/// from the archive's own sizes.
public struct SpreadsheetLimits: Sendable {
  /// The most one sheet may unpack to (a full 1 048 576 × 16 384 sheet is far larger; a
  /// survey export of a million respondents is about 1 GiB).
  public var sheetBytes = 4 << 30
  /// The most the shared strings, the styles and the workbook's other parts may unpack to.
  public var partBytes = 512 << 20
  /// The most a part may unpack per byte of it in the archive (sheet XML of survey
  /// answers packs 10 to 40 times; the first MiB is always allowed).
  public var ratio = 200
  /// The most text the shared strings may hold, and the most strings: they are kept in
  /// memory, compactly (their UTF-8 in one buffer, 4 bytes a string besides), so at most
  /// 64 MiB + 4 Mi × 4 bytes = 80 MiB whatever the workbook. A table past either is
  /// refused as it unpacks.
  public var sharedStringBytes = 64 << 20
  public var sharedStrings = 4 << 20

  public init() {}
}

/// An Office Open XML workbook (`.xlsx`, `.xlsm`): its sheets' names, its shared strings
/// and which cell styles are dates. A sheet is read by `SheetReader`, streamed.
///
/// Read with ZIPFoundation (the archive, one part at a time, inflated as it is read) and
/// expat (the XML, pushed through as it inflates): neither a part nor a sheet's rows are
/// ever held whole, except the shared strings, which every cell may refer to.
public final class Workbook {
  public let path: String
  public let sheetNames: [String]
  let sheetParts: [String]
  let archive: Archive
  let sharedStrings: SharedStrings
  /// Per cell style (`s`): whether its number format is a date or time.
  let dateStyles: [Bool]
  let date1904: Bool
  let language: Language
  let limits: SpreadsheetLimits

  /// What a file's first bytes say it is.
  public enum Kind: Sendable { case zip, ole, other }

  public static func kind(of path: String) -> Kind {
    guard let handle = FileHandle(forReadingAtPath: path) else { return .other }
    defer { try? handle.close() }
    let head = [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
    if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .zip }
    if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .ole }
    return .other
  }

  public init(path: String, language: Language, limits: SpreadsheetLimits = SpreadsheetLimits())
    throws(SpreadsheetError)
  {
    self.path = path
    self.language = language
    self.limits = limits
    func fail(_ phrase: SheetPhrase) -> SpreadsheetError { SpreadsheetError(message: phrase.text(language)) }
    switch Self.kind(of: path) {
    case .zip: break
    // An OLE compound file is an old .xls, or an encrypted .xlsx (Excel wraps those in OLE).
    case .ole: throw fail(path.lowercased().hasSuffix(".xls") ? .oldExcel : .encrypted)
    case .other:
      if !FileManager.default.isReadableFile(atPath: path) {
        throw SpreadsheetError(message: "cannot open '\(path)'")
      }
      throw fail(.notAWorkbook)
    }
    do {
      archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    } catch {
      throw fail(.damaged("\(error)"))
    }
    // Which sheets, in order, and where their parts are.
    let relations = RelationsHandler()
    let book = WorkbookHandler()
    do {
      try Self.parse(archive, "xl/_rels/workbook.xml.rels", limits.partBytes, limits, language, relations)
      try Self.parse(archive, "xl/workbook.xml", limits.partBytes, limits, language, book)
    } catch let error as SpreadsheetError {
      throw error
    } catch {
      throw fail(.damaged("\(error)"))
    }
    var names: [String] = []
    var parts: [String] = []
    for sheet in book.sheets {
      guard let target = relations.targets[sheet.relation] else { continue }
      names.append(sheet.name)
      parts.append(target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target)
    }
    sheetNames = names
    sheetParts = parts
    answersSheet = book.answersReference.map { String(decoding: $0, as: UTF8.self) }
      .flatMap(WorkbookHandler.sheetName(in:)).flatMap { names.firstIndex(of: $0) }
    date1904 = book.date1904
    // Shared strings and styles are optional parts.
    let strings = SharedStringsHandler(limits: limits, language: language)
    let styles = StylesHandler()
    do {
      if archive["xl/sharedStrings.xml"] != nil {
        try Self.parse(archive, "xl/sharedStrings.xml", limits.partBytes, limits, language, strings)
      }
      if archive["xl/styles.xml"] != nil {
        try Self.parse(archive, "xl/styles.xml", limits.partBytes, limits, language, styles)
      }
    } catch let error as SpreadsheetError {
      throw error
    } catch {
      throw fail(.damaged("\(error)"))
    }
    sharedStrings = strings.strings
    dateStyles = styles.dateStyles
  }

  /// The defined name by which a workbook names the sheet of answers to read when none is
  /// asked for: kartlagg's template (`kartlagg template --out mall.xlsx`) has its
  /// instructions first and its answers on the sheet so named.
  public static let answersName = "kartlagg_answers"

  /// The sheet that the defined name `kartlagg_answers` refers to, if it names one of the
  /// workbook's sheets.
  public let answersSheet: Int?

  /// The index of the sheet called `name`; without a name, of the sheet the workbook names
  /// `kartlagg_answers` (a kartlagg template), else of the first sheet.
  public func sheet(named name: String?) throws(SpreadsheetError) -> Int {
    guard !sheetNames.isEmpty else { throw SpreadsheetError(message: SheetPhrase.noSheet.text(language)) }
    guard let name else { return answersSheet ?? 0 }
    guard let i = sheetNames.firstIndex(of: name) else {
      throw SpreadsheetError(
        message: SheetPhrase.noSuchSheet(given: name, sheets: sheetNames.joined(separator: ", ")).text(language))
    }
    return i
  }

  /// Streams one part of the archive through `handler`, within `limit` bytes and the
  /// ratio limit.
  static func parse(
    _ archive: Archive, _ part: String, _ limit: Int, _ limits: SpreadsheetLimits, _ language: Language,
    _ handler: XMLStream.Handler
  ) throws {
    guard let entry = archive[part] else {
      throw SpreadsheetError(message: SheetPhrase.missingPart(part).text(language))
    }
    let stream = XMLStream(handler: handler)
    var produced = 0
    let allowed = max(1 << 20, Int(clamping: entry.compressedSize) * limits.ratio)
    do {
      _ = try archive.extract(entry, skipCRC32: false) { data in
        produced += data.count
        if produced > limit {
          throw SpreadsheetError(message: SheetPhrase.tooLarge(part: part, limit: limit).text(language))
        }
        if produced > allowed {
          throw SpreadsheetError(
            message: SheetPhrase.compressionRatio(
              part: part, ratio: produced / max(1, Int(clamping: entry.compressedSize)), limit: limits.ratio
            ).text(language))
        }
        try data.withUnsafeBytes { try stream.parse($0) }
        if let refusal = (handler as? SharedStringsHandler)?.refusal { throw refusal }
      }
      try stream.parse(UnsafeRawBufferPointer(start: nil, count: 0), final: true)
      if let refusal = (handler as? SharedStringsHandler)?.refusal { throw refusal }
    } catch let failure as XMLStream.Failure {
      throw SpreadsheetError(
        message: SheetPhrase.malformedXML(part: part, line: failure.line, message: failure.message).text(language))
    } catch let error as SpreadsheetError {
      throw error
    } catch let error as SheetReader.Stop {
      throw error
    } catch {
      throw SpreadsheetError(message: SheetPhrase.damaged("\(part): \(error)").text(language))
    }
  }
}

/// `xl/_rels/workbook.xml.rels`: relation id → part.
final class RelationsHandler: XMLStream.Handler {
  var targets: [String: String] = [:]
  func start(_ name: XMLStream.ElementName, _ attributes: XMLStream.Attributes) {
    if name.is("Relationship"), let id = attributes.string("Id"), let target = attributes.string("Target") {
      targets[id] = target
    }
  }
  func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
  func end(_ name: XMLStream.ElementName) {}
}

/// `xl/workbook.xml`: the sheets in order, the date system, and the sheet that the defined
/// name `kartlagg_answers` refers to (kartlagg's own template names its answer sheet so).
final class WorkbookHandler: XMLStream.Handler {
  var sheets: [(name: String, relation: String)] = []
  var date1904 = false
  /// The text of the `kartlagg_answers` name: `Svar!$A$1`, `'Svar 2'!$A$1`.
  var answersReference: [UInt8]? = nil
  private var inAnswersName = false
  func start(_ name: XMLStream.ElementName, _ attributes: XMLStream.Attributes) {
    if name.is("sheet"), let sheetName = attributes.string("name"), let id = attributes.string("id") {
      sheets.append((sheetName, id))
    } else if name.is("workbookPr"), let value = attributes.string("date1904") {
      date1904 = value == "1" || value == "true"
    } else if name.is("definedName"), attributes.string("name") == Workbook.answersName, answersReference == nil {
      inAnswersName = true
      answersReference = []
    }
  }
  func text(_ bytes: UnsafeBufferPointer<UInt8>) {
    // A reference is short; a longer text is no sheet's reference.
    if inAnswersName, answersReference!.count + bytes.count <= 1024 { answersReference! += bytes }
  }
  func end(_ name: XMLStream.ElementName) {
    if name.is("definedName") { inAnswersName = false }
  }

  /// The sheet name in a reference: `Svar!$A$1` → `Svar`, `'Kim''s'!A1` → `Kim's`.
  static func sheetName(in reference: String) -> String? { Workbook.sheetName(inReference: reference) }
}

extension Workbook {
  /// The sheet name in a cell reference: `Svar!$A$1` → `Svar`, `'Kim''s svar'!A1` →
  /// `Kim's svar`; nil when it names no sheet.
  public static func sheetName(inReference reference: String) -> String? {
    var text = Substring(reference)
    if text.hasPrefix("=") { text = text.dropFirst() }
    if text.hasPrefix("'") {
      var name = ""
      var rest = text.dropFirst()
      while let c = rest.first {
        rest = rest.dropFirst()
        if c == "'" {
          if rest.first == "'" {
            name.append("'")
            rest = rest.dropFirst()
          } else {
            return rest.first == "!" ? name : nil
          }
        } else {
          name.append(c)
        }
      }
      return nil
    }
    guard let bang = text.firstIndex(of: "!"), bang > text.startIndex else { return nil }
    return String(text[..<bang])
  }
}

/// A workbook's shared strings, compactly: every string's UTF-8 in one buffer and where
/// each ends (4 bytes a string), rather than an array per string (which cost some 20 times
/// the XML). Both buffers are reserved at their limits once, so they never grow by
/// copying; only the pages written are resident.
struct SharedStrings {
  private(set) var text: [UInt8] = []
  private(set) var ends: [UInt32] = []

  var count: Int { ends.count }

  mutating func reserve(_ limits: SpreadsheetLimits) {
    text.reserveCapacity(limits.sharedStringBytes)
    ends.reserveCapacity(limits.sharedStrings)
  }

  mutating func append(_ bytes: [UInt8]) {
    text.append(contentsOf: bytes)
    ends.append(UInt32(text.count))
  }

  /// Appends string `index` (which must exist) to `arena`.
  func append(_ index: Int, to arena: inout [UInt8]) {
    let start = index == 0 ? 0 : Int(ends[index - 1])
    arena.append(contentsOf: text[start..<Int(ends[index])])
  }
}

/// `xl/sharedStrings.xml`: each `<si>`'s text, its rich-text runs joined, its phonetic
/// guides (`<rPh>`) left out. Past the limits it keeps nothing more and says why
/// (`refusal`), which `Workbook.parse` throws after the piece it was given.
final class SharedStringsHandler: XMLStream.Handler {
  var strings = SharedStrings()
  private(set) var refusal: SpreadsheetError?
  private let limits: SpreadsheetLimits
  private let language: Language
  private var current: [UInt8] = []
  private var inText = false
  private var phonetic = 0

  init(limits: SpreadsheetLimits, language: Language) {
    self.limits = limits
    self.language = language
  }

  func start(_ name: XMLStream.ElementName, _ attributes: XMLStream.Attributes) {
    if name.is("si") {
      current.removeAll(keepingCapacity: true)
    } else if name.is("t") {
      inText = phonetic == 0
    } else if name.is("rPh") {
      phonetic += 1
    }
  }
  func text(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard inText, refusal == nil else { return }
    if strings.text.count + current.count + bytes.count > limits.sharedStringBytes {
      refuse()
    } else {
      current.append(contentsOf: bytes)
    }
  }
  func end(_ name: XMLStream.ElementName) {
    if name.is("si") {
      guard refusal == nil else { return }
      if strings.count >= limits.sharedStrings {
        refuse()
        return
      }
      if strings.count == 0 { strings.reserve(limits) }
      strings.append(current)
    } else if name.is("t") {
      inText = false
    } else if name.is("rPh") {
      phonetic -= 1
    }
  }

  private func refuse() {
    refusal = SpreadsheetError(
      message: SheetPhrase.tooManySharedStrings(
        bytes: limits.sharedStringBytes, count: limits.sharedStrings
      ).text(language))
    current = []
  }
}

/// `xl/styles.xml`: which cell formats (`cellXfs`, the `s` of a cell) show a date.
final class StylesHandler: XMLStream.Handler {
  var dateStyles: [Bool] = []
  private var customDates = Set<Int>()
  private var inCellFormats = false
  func start(_ name: XMLStream.ElementName, _ attributes: XMLStream.Attributes) {
    if name.is("numFmt"), let id = attributes.string("numFmtId").flatMap(Int.init),
      let code = attributes.string("formatCode"), Self.isDate(code)
    {
      customDates.insert(id)
    } else if name.is("cellXfs") {
      inCellFormats = true
    } else if inCellFormats && name.is("xf") {
      let id = attributes.string("numFmtId").flatMap(Int.init) ?? 0
      dateStyles.append((14...22).contains(id) || (45...47).contains(id) || customDates.contains(id))
    }
  }
  func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
  func end(_ name: XMLStream.ElementName) { if name.is("cellXfs") { inCellFormats = false } }

  /// A format code that shows a date or time: d, m, y, h or s outside quotes and brackets
  /// (`[Red]`, `[$-41D]`), and no `0`/`#` placeholder for a number.
  static func isDate(_ code: String) -> Bool {
    var quoted = false
    var bracket = false
    var found = false
    for c in code.lowercased() {
      switch c {
      case "\"": quoted.toggle()
      case "[": if !quoted { bracket = true }
      case "]": if !quoted { bracket = false }
      case "d", "m", "y", "h", "s": if !quoted && !bracket { found = true }
      default: break
      }
    }
    return found
  }
}
