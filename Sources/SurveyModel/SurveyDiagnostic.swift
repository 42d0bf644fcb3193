/// A problem in a survey definition, compiler-style: `Surveys/x.yaml:12:5: error: …`.
public struct SurveyDiagnostic: Sendable, Equatable, CustomStringConvertible {
  public enum Severity: String, Sendable { case error, warning }

  public var path: String
  public var line: Int
  public var column: Int
  public var severity: Severity
  public var message: String

  public init(path: String, line: Int, column: Int, severity: Severity = .error, message: String) {
    self.path = path
    self.line = line
    self.column = column
    self.severity = severity
    self.message = message
  }

  public var description: String { "\(path):\(line):\(column): \(severity.rawValue): \(message)" }
}

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

  /// " (did you mean 'x'?)" or "".
  public static func didYouMean(_ word: String, in candidates: [String]) -> String {
    nearest(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
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
