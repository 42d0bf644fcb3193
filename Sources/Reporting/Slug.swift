import Foundation
import SurveyModel

/// File names made from municipality names: ASCII, lower case, at most 60 characters,
/// and unique within a county. "Mörbylånga" → "morbylanga", "Æbo" → "aebo"; a name
/// without letters that map to Latin gets its code ("kommun-0880").
public enum Slug {
  public static let maximumLength = 60

  /// The name's letters transliterated to ASCII (ICU's Any-Latin and Latin-ASCII), every
  /// run of other characters one hyphen, cut at a hyphen within `maximumLength`.
  public static func make(_ name: String) -> String {
    let latin =
      name.applyingTransform(StringTransform("Any-Latin; Latin-ASCII; Lower"), reverse: false) ?? name.lowercased()
    var out = ""
    for scalar in latin.unicodeScalars {
      if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        out.unicodeScalars.append(scalar)
      } else if !out.isEmpty && !out.hasSuffix("-") {
        out += "-"
      }
    }
    if out.count > maximumLength {
      out = String(out.prefix(maximumLength))
      if let cut = out.lastIndex(of: "-"), out.distance(from: out.startIndex, to: cut) > maximumLength / 2 {
        out = String(out[..<cut])
      }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return out
  }

  /// One file name per municipality, in order: its slug, or, where two municipalities'
  /// slugs collide or a slug is empty, the slug with the municipality's code. Depends only
  /// on the names and codes, so it is the same in every run.
  public static func municipalities(_ list: [Municipality]) -> [String] {
    let plain = list.map { make($0.name) }
    var seen: [String: Int] = [:]
    for slug in plain { seen[slug, default: 0] += 1 }
    var used = Set<String>()
    return zip(list, plain).enumerated().map { i, entry in
      let (municipality, slug) = entry
      var name = slug
      if slug.isEmpty || seen[slug]! > 1 {
        let code = make(municipality.code)
        name = [slug.isEmpty ? "kommun" : slug, code.isEmpty ? String(i + 1) : code].joined(separator: "-")
      }
      while used.contains(name) { name += "-\(i + 1)" }
      used.insert(name)
      return name
    }
  }
}
