/// Text for a terminal: input (a cell, a file name) must not steer it. Control characters
/// (C0, DEL, C1) and the bidirectional overrides are printed as visible escapes, so a cell
/// holding ESC [2J or U+202E shows as `\x1B[2J` or `\u{202E}` and does nothing.
public enum Terminal {
  public static func visible(_ text: String) -> String {
    var out = ""
    out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x09: out += "\\t"
      case 0x0A: out += "\\n"
      case 0x0D: out += "\\r"
      case 0x00..<0x20, 0x7F..<0xA0:
        let hex = String(scalar.value, radix: 16, uppercase: true)
        out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
      case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
        out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
