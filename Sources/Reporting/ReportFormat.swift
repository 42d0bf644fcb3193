import Foundation
import LibCSV
import SourceDiagnostics

/// How figures are written in the HTML reports: Swedish decimal comma and minus sign, or
/// English; the same rounding as the CSV summaries.
struct ReportFormat: Sendable {
  let language: Language

  var swedish: Bool { language == .sv }

  /// A figure with `digits` decimals, or "–" when it does not exist.
  func number(_ value: Double?, _ digits: Int = 1) -> String {
    guard let value, var text = CSVEncoder.formatNumber(value, fractionDigits: digits) else { return "–" }
    // No "−0,0": a value that rounds to zero has no sign.
    if text.hasPrefix("-"), Double(text) == 0 { text.removeFirst() }
    // The decimal comma, byte by byte (Foundation's replacingOccurrences cost more than
    // the rest of the page's numbers).
    if swedish { text = String(decoding: text.utf8.map { $0 == 0x2E ? 0x2C : $0 }, as: UTF8.self) }
    if text.hasPrefix("-") { text = "\u{2212}" + text.dropFirst() }
    return text
  }

  /// A signed difference: "+0,4", "−1,2".
  func signed(_ value: Double?, _ digits: Int = 1) -> String {
    guard let value else { return "–" }
    let text = number(value, digits)
    return value > 0 && text != number(0, digits) ? "+" + text : text
  }

  func percent(_ share: Double?) -> String {
    guard let share else { return "–" }
    return number(share * 100, 0) + " %"
  }

  /// A p-value: "< 0,001" below a thousandth.
  func p(_ value: Double?) -> String {
    guard let value else { return "–" }
    return value < 0.001 ? (swedish ? "< 0,001" : "< 0.001") : number(value, 3)
  }

  /// A phrase in the report's language, from that language's catalogue.
  func t(_ phrase: Phrase) -> String { phrase.text(language) }
}
