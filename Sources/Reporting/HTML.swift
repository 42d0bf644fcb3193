import SourceDiagnostics

/// HTML text that is safe by construction: literal template text is trusted, and every
/// `String` interpolated into it is escaped. Only another `HTML` value goes in as it is.
///
///     let page: HTML = "<h1>\(survey.title)</h1>"   // the title is escaped
///
/// The one labelled way around the escaping is `init(unescapedMarkup:)`: internal to
/// Reporting, and used only for text kartlagg itself makes (chart coordinates, its own
/// style sheet). `init(stringLiteral:)` is public only because the literal protocol
/// requires it; it is for literals, and no code calls it by name.
public struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
  public private(set) var text: String

  public init(stringLiteral value: String) { text = value }
  public init(stringInterpolation: Interpolation) { text = stringInterpolation.text }
  /// Markup as it is, not escaped. Never for text from input or from a survey definition.
  init(unescapedMarkup: String) { text = unescapedMarkup }

  public var description: String { text }

  public static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(unescapedMarkup: lhs.text + rhs.text) }

  public static func join(_ parts: [HTML], separator: HTML = "") -> HTML {
    HTML(unescapedMarkup: parts.map(\.text).joined(separator: separator.text))
  }

  /// A whole page, the shell every page of kartlagg shares: doctype, language, viewport,
  /// title, inline CSS (no request to any other host), then the body.
  public static func document(language: Language, title: String, css: HTML, body: HTML) -> String {
    let page: HTML = """
      <!DOCTYPE html>
      <html lang="\(language.code)">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(title)</title>
      <style>\(css)</style>
      </head>
      <body>
      \(body)
      </body>
      </html>

      """
    return page.text
  }

  /// A quoted CSS string (for `content:`), safe inside a `<style>` element: every
  /// character but ASCII letters, digits and spaces is written as a CSS hex escape, so no
  /// `<`, `&`, quote or backslash from the text stands as itself.
  public static func cssString(_ s: String) -> HTML {
    var out = "\""
    for scalar in s.unicodeScalars {
      if scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == " ") {
        out.unicodeScalars.append(scalar)
      } else {
        out += "\\" + String(scalar.value, radix: 16) + " "
      }
    }
    return HTML(unescapedMarkup: out + "\"")
  }

  /// Escapes `&`, `<`, `>`, `"` and `'`, which is enough in text and in quoted attributes.
  /// Control characters (C0 but tab and line breaks, DEL, C1), which HTML forbids, and the
  /// direction marks and overrides are shown as visible escapes (`\x1B`, `\u{202E}`), as
  /// the terminal shows them: an old store's round name or a cell cannot carry them into a
  /// page as they are.
  public static func escape(_ s: String) -> String {
    // Most texts have nothing to escape: found on the UTF-8 bytes, they are returned as
    // they are, without building a copy scalar by scalar (the pages escape millions).
    if !needsEscaping(s) { return s }
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n", "\r": out.unicodeScalars.append(c)
      case _ where c.value < 0x20 || (0x7F..<0xA0).contains(c.value):
        let hex = String(c.value, radix: 16, uppercase: true)
        out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
      case "\u{200E}", "\u{200F}", "\u{202A}"..."\u{202E}", "\u{2066}"..."\u{2069}":
        out += "\\u{\(String(c.value, radix: 16, uppercase: true))}"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  /// Whether `escape` changes `s`: a byte it escapes (`&<>"'`, C0 but tab and line
  /// breaks, DEL), a C1 control (U+0080–U+009F: C2 80–9F) or a direction mark or override
  /// (U+200E, U+200F, U+202A–U+202E: E2 80 8E–8F, AA–AE; U+2066–U+2069: E2 81 A6–A9).
  static func needsEscaping(_ s: String) -> Bool {
    var s = s
    return s.withUTF8 { b in
      var i = 0
      while i < b.count {
        let c = b[i]
        switch c {
        case 0x09, 0x0A, 0x0D: break
        case 0x00..<0x20, 0x22, 0x26, 0x27, 0x3C, 0x3E, 0x7F: return true
        case 0xC2: if i + 1 < b.count && (0x80...0x9F).contains(b[i + 1]) { return true }
        case 0xE2:
          if i + 2 < b.count {
            let (c1, c2) = (b[i + 1], b[i + 2])
            if c1 == 0x80 && (c2 == 0x8E || c2 == 0x8F || (0xAA...0xAE).contains(c2)) { return true }
            if c1 == 0x81 && (0xA6...0xA9).contains(c2) { return true }
          }
        default: break
        }
        i += 1
      }
      return false
    }
  }

  public struct Interpolation: StringInterpolationProtocol {
    var text = ""
    public init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity * 2) }
    public mutating func appendLiteral(_ literal: String) { text += literal }
    public mutating func appendInterpolation(_ value: String) { text += HTML.escape(value) }
    public mutating func appendInterpolation(_ value: Int) { text += String(value) }
    public mutating func appendInterpolation(_ html: HTML) { text += html.text }
    public mutating func appendInterpolation(_ parts: [HTML]) { text += parts.map(\.text).joined() }
  }
}
