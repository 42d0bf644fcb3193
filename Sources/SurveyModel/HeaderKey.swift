import Foundation

/// The form in which header texts, spellings and labels are compared: case, diacritics,
/// punctuation and whitespace do not matter, and a byte-order mark that leaked into a
/// header is dropped. "Mörbylånga" and "MORBYLANGA", "B1_nu" and "b1 nu" are one key.
public enum HeaderKey {
  public static func normalize(_ text: String) -> String {
    // A BOM is neither a letter nor a digit, so the loop below drops it like punctuation.
    if let ascii = normalizeASCII(text) { return ascii }
    let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
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

  /// The same for pure ASCII text, without Foundation's folding (most header cells and
  /// nearly all data cells are ASCII); nil for any other text.
  private static func normalizeASCII(_ text: String) -> String? {
    var text = text
    return text.withUTF8 { bytes -> String? in
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count)
      var pendingSpace = false
      for b in bytes {
        guard b < 0x80 else { return nil }
        let isDigit = b &- 0x30 < 10
        let lower = b | 0x20
        let isLetter = lower &- 0x61 < 26
        if isDigit || isLetter {
          if pendingSpace && !out.isEmpty { out.append(0x20) }
          pendingSpace = false
          out.append(isLetter ? lower : b)
        } else {
          pendingSpace = true
        }
      }
      return String(decoding: out, as: UTF8.self)
    }
  }
}
