import Foundation

/// The form in which header texts, spellings and labels are compared: case, diacritics,
/// punctuation and whitespace do not matter, and a byte-order mark that leaked into a
/// header is dropped. "Mörbylånga" and "MORBYLANGA", "B1_nu" and "b1 nu" are one key.
public enum HeaderKey {
  public static func normalize(_ text: String) -> String {
    let folded = text.replacingOccurrences(of: "\u{FEFF}", with: "")
      .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    var out = ""
    out.reserveCapacity(folded.utf8.count)
    var pendingSpace = false
    for scalar in folded.unicodeScalars {
      if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
        if pendingSpace && !out.isEmpty { out.unicodeScalars.append(" ") }
        pendingSpace = false
        out.unicodeScalars.append(scalar)
      } else {
        pendingSpace = true
      }
    }
    return out
  }
}
