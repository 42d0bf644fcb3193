/// Neutralises text that a spreadsheet would run as a formula.
///
/// A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return (or the
/// full-width `＝ ＋ － ＠`, which Excel also reads as formula signs) gets a leading
/// apostrophe, as OWASP's CSV-injection guidance recommends: the spreadsheet shows the
/// text as it is and runs nothing.
public enum FormulaGuard {
  static let triggers: Set<Unicode.Scalar> = [
    "=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}",
  ]

  public static func isDangerous(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first else { return false }
    return triggers.contains(first)
  }

  public static func neutralise(_ text: String) -> String {
    isDangerous(text) ? "'" + text : text
  }
}
