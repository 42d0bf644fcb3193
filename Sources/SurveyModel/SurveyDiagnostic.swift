import SourceDiagnostics

/// A problem in a survey definition, compiler-style: `Surveys/x.yaml:12:5: error: …`.
public typealias SurveyDiagnostic = Diagnostic

/// A definition that could not be loaded, with every problem found in it.
public struct SurveyLoadError: Error, Sendable, CustomStringConvertible {
  public var diagnostics: [SurveyDiagnostic]
  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Suggests the nearest of a few known words for a misspelt one.
public enum Suggestion {
  /// The candidate closest to `word` by edit distance, if it is close enough to be a
  /// likely typo (at most a third of the word's length, and at least 1 edit).
  public static func nearest(to word: String, in candidates: [String]) -> String? {
    let w = Array(word.lowercased())
    var best: (String, Int)?
    for candidate in candidates {
      let d = distance(w, Array(candidate.lowercased()))
      if d <= max(2, w.count / 3), best == nil || d < best!.1 { best = (candidate, d) }
    }
    return best?.0
  }

  /// " (did you mean 'x'?)", " (menade du 'x'?)" in Swedish, or "" without a suggestion.
  public static func hint(_ suggestion: String?, language: Language) -> String {
    guard let suggestion else { return "" }
    return " (" + SurveyPhrase.didYouMean(suggestion).text(language) + ")"
  }

  static func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}

/// "a, b, c and 4 more": the first `limit` of a list, then how many are left out.
public enum ShortList {
  /// The first `limit` items and how many more, in `language`.
  public static func text(_ items: [String], limit: Int, separator: String = ", ", language: Language) -> String {
    let shown = items.prefix(limit).joined(separator: separator)
    guard items.count > limit else { return shown }
    return shown + " " + SurveyPhrase.andMore(items.count - limit).text(language)
  }
}

/// The words the survey model lends to other stages' messages, in Swedish and English.
enum SurveyPhrase: Localized {
  /// A likely typo's nearest known word.
  case didYouMean(String)
  /// How many of a list were left out.
  case andMore(Int)
  /// A survey definition that cannot be opened or read.
  case cannotRead
  /// A "survey definition" too large to be one, refused unread.
  case fileTooLarge(mebibytes: Int, maximum: Int)
  /// A survey definition that is not UTF-8 text.
  case notUTF8

  var swedish: String {
    switch self {
    case .didYouMean(let word): "menade du '\(word)'?"
    case .andMore(let count): "och \(count) till"
    case .cannotRead: "enkätdefinitionen kan inte läsas; kontrollera sökvägen"
    case .fileTooLarge(let size, let maximum):
      "filen är \(size) MiB; en enkätdefinition är högst \(maximum) MiB, så detta är troligen ingen (kontrollera sökvägen)"
    case .notUTF8: "filen är inte UTF-8-text; spara den som UTF-8"
    }
  }

  var english: String {
    switch self {
    case .didYouMean(let word): "did you mean '\(word)'?"
    case .andMore(let count): "and \(count) more"
    case .cannotRead: "cannot read the survey definition; check the path"
    case .fileTooLarge(let size, let maximum):
      "the file is \(size) MiB; a survey definition is at most \(maximum) MiB, so this is probably not one (check the path)"
    case .notUTF8: "the file is not UTF-8 text; save it as UTF-8"
    }
  }
}
