internal import CLibCSV
import Foundation

/// Encodes rows as CSV bytes in one of kartlagg's dialects.
///
/// Fields that need it (a delimiter, quote, CR or LF inside; space at either end; a lone
/// empty field, which would otherwise be a blank line) are quoted by libcsv's `csv_write2`;
/// all others are written as they are.
public struct CSVEncoder {
  public let format: CSVOutputFormat
  /// Whether text cells are passed through `FormulaGuard`.
  public var guardsFormulas: Bool
  public private(set) var bytes: [UInt8] = []
  private var quoteBuffer: [UInt8] = []

  public init(format: CSVOutputFormat, guardsFormulas: Bool = true, writeByteOrderMark: Bool = true) {
    self.format = format
    self.guardsFormulas = guardsFormulas
    if writeByteOrderMark && format.writesByteOrderMark { bytes = [0xEF, 0xBB, 0xBF] }
  }

  /// Takes the bytes encoded so far, leaving the encoder empty.
  public mutating func take() -> [UInt8] {
    defer { bytes.removeAll(keepingCapacity: true) }
    return bytes
  }

  public mutating func append(row: [CSVCell]) {
    for (i, cell) in row.enumerated() {
      if i > 0 { bytes.append(format.delimiter) }
      switch cell {
      case .text(let text):
        appendText(guardsFormulas ? FormulaGuard.neutralise(text) : text, alone: row.count == 1)
      case .number(let value, let digits):
        appendNumber(value, digits)
      case .measure(let value):
        if format == .rfc4180 { appendRoundTrip(value) } else { appendNumber(value, 4) }
      case .probability(let value):
        if format == .rfc4180 {
          appendRoundTrip(value)
        } else if let text = Self.formatSignificant(value, digits: 2) {
          for c in text.utf8 { bytes.append(c == UInt8(ascii: ".") ? format.decimalSeparator : c) }
        }
      case .integer(let value):
        bytes.append(contentsOf: String(value).utf8)
      case .empty:
        if row.count == 1 { bytes.append(contentsOf: [0x22, 0x22]) }
      }
    }
    bytes.append(0x0D)  // both formats end lines with CRLF
    bytes.append(0x0A)
  }

  /// Appends a row of plain text cells.
  public mutating func append(texts: [String]) {
    append(row: texts.map(CSVCell.text))
  }

  private mutating func appendText(_ text: String, alone: Bool) {
    var text = text
    text.withUTF8 { utf8 in
      if needsQuoting(utf8) || (alone && utf8.isEmpty) {
        quoteBuffer.removeAll(keepingCapacity: true)
        let capacity = 2 * utf8.count + 2
        if quoteBuffer.capacity < capacity { quoteBuffer.reserveCapacity(capacity) }
        quoteBuffer.append(contentsOf: repeatElement(0, count: capacity))
        let written = quoteBuffer.withUnsafeMutableBytes {
          csv_write2($0.baseAddress, capacity, utf8.baseAddress, utf8.count, 0x22)
        }
        bytes.append(contentsOf: quoteBuffer[..<written])
      } else {
        bytes.append(contentsOf: utf8)
      }
    }
  }

  private func needsQuoting(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = utf8.first, let last = utf8.last else { return false }
    if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 { return true }
    // Quoted, a first cell `sep=;` is text; bare, Excel and readers take it for a
    // delimiter declaration and drop the line.
    if utf8.count >= 4, utf8[0] | 0x20 == 0x73, utf8[1] | 0x20 == 0x65, utf8[2] | 0x20 == 0x70, utf8[3] == 0x3D {
      return true
    }
    let delimiter = format.delimiter
    for c in utf8 where c == delimiter || c == 0x22 || c == 0x0A || c == 0x0D { return true }
    return false
  }

  private mutating func appendNumber(_ value: Double, _ digits: Int) {
    guard let text = CSVEncoder.formatNumber(value, fractionDigits: digits) else { return }
    for c in text.utf8 { bytes.append(c == UInt8(ascii: ".") ? format.decimalSeparator : c) }
  }

  /// The shortest text that reads back as the same double (Swift's, as Python's `repr`).
  private mutating func appendRoundTrip(_ value: Double) {
    guard value.isFinite else { return }
    bytes.append(contentsOf: (value == 0 ? "0" : "\(value)").utf8)
  }

  /// `value` to `digits` significant digits, rounded half away from zero, with `.`: plain
  /// decimals from 0.0001 up, else `m.mE-n`. 0 is "0". nil for NaN and infinities.
  public static func formatSignificant(_ value: Double, digits: Int) -> String? {
    guard value.isFinite else { return nil }
    if value == 0 { return "0" }
    let magnitude = abs(value)
    var exponent = Int(floor(log10(magnitude)))
    if magnitude >= 0.0001 {
      return formatNumber(value, fractionDigits: max(0, digits - 1 - exponent))
    }
    var scale = 1.0
    for _ in 0..<(digits - 1) { scale *= 10 }
    var mantissa = (magnitude / pow(10, Double(exponent)) * scale).rounded(.toNearestOrAwayFromZero) / scale
    if mantissa >= 10 {
      mantissa /= 10
      exponent += 1
    }
    let text = formatNumber(mantissa, fractionDigits: digits - 1) ?? "0"
    let e = String(abs(exponent))
    return (value < 0 ? "-" : "") + text + "E" + (exponent < 0 ? "-" : "+") + (e.count < 2 ? "0" + e : e)
  }

  /// Rounds half away from zero to `fractionDigits` decimals and writes with `.`; the
  /// same value always gives the same text. nil for NaN and infinities.
  public static func formatNumber(_ value: Double, fractionDigits: Int) -> String? {
    guard value.isFinite else { return nil }
    let digits = max(0, min(fractionDigits, 12))
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
    guard abs(scaled) < 9.0e15 else { return "\(value)" }
    let whole = Int64(scaled)
    if whole == 0 { return digits == 0 ? "0" : "0." + String(repeating: "0", count: digits) }
    let negative = whole < 0
    var magnitude = String(whole.magnitude)
    if digits > 0 {
      if magnitude.count <= digits {
        magnitude = String(repeating: "0", count: digits - magnitude.count + 1) + magnitude
      }
      magnitude.insert(".", at: magnitude.index(magnitude.endIndex, offsetBy: -digits))
    }
    return negative ? "-" + magnitude : magnitude
  }
}

/// Writes a CSV file atomically: rows go to a temporary file that `commit()` renames
/// into place, so a failed run leaves the previous file whole.
public final class CSVWriter {
  private var encoder: CSVEncoder
  private let file: AtomicFile

  public init(path: String, format: CSVOutputFormat, guardsFormulas: Bool = true) throws {
    self.file = try AtomicFile(path: path)
    self.encoder = CSVEncoder(format: format, guardsFormulas: guardsFormulas)
  }

  public func write(row: [CSVCell]) throws {
    encoder.append(row: row)
    if encoder.bytes.count >= 1 << 16 { try file.write(encoder.take()) }
  }

  public func write(texts: [String]) throws {
    try write(row: texts.map(CSVCell.text))
  }

  public func commit() throws {
    try file.write(encoder.take())
    try file.commit()
  }
}
