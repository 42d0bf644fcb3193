import SourceDiagnostics
import Yams

/// Constructs that kartlagg's YAML 1.2 reader takes one way and YAML 1.1 tools (PyYAML,
/// R's yaml, older Ruby) another, or not at all. Analysts keep definitions next to R and
/// Python scripts, so `validate` warns about each, at its place:
///
/// - a `?` in an unquoted value inside `{ }` or `[ ]` (PyYAML stops there);
/// - an unquoted `yes`, `no`, `on`, `off`, `y` or `n` (YAML 1.1 booleans);
/// - an unquoted number with a leading zero, such as `0880` (YAML 1.1 octal, or a number
///   that loses its zero).
public enum YAMLPortability {
  static let booleans: Set<String> = ["yes", "no", "on", "off", "y", "n"]

  /// A warning at its place, to be said in a run's language (`diagnostic(path:language:)`):
  /// kept by a caller that parses a definition once and says its warnings in each run's
  /// language (`ParsedSurvey`).
  public struct Finding: Sendable, Hashable {
    public var line: Int
    public var column: Int
    var phrase: DefinitionPhrase

    /// The warning as a diagnostic about `path`, in `language`.
    public func diagnostic(path: String, language: Language) -> SurveyDiagnostic {
      SurveyDiagnostic(file: path, line: line, column: column, severity: .warning, message: phrase.text(language))
    }
  }

  /// The warnings for a definition's text, said in `language` chosen as the loader chooses
  /// it (`SurveyLoader.load(yaml:path:language:)`): the language asked for, else the
  /// definition's own top-level `language:` if it is `sv` or `en`, else Swedish.
  public static func warnings(yaml: String, path: String, language: Language? = nil) -> [SurveyDiagnostic] {
    let (found, language) = findingsAndLanguage(yaml: yaml, asked: language)
    return found.map { $0.diagnostic(path: path, language: language) }
  }

  /// The warnings for a definition's text, to be said later in a language.
  public static func findings(yaml: String) -> [Finding] {
    findingsAndLanguage(yaml: yaml, asked: nil).findings
  }

  /// The warnings for a definition's text (none when it does not parse, or uses aliases:
  /// the loader says why), and the language they are to be said in. Yams composes an alias
  /// as the node it names, so a walk through one would visit that node again for every
  /// alias: an "alias bomb" of ten lines, 9^9 times.
  static func findingsAndLanguage(yaml: String, asked: Language?) -> (findings: [Finding], language: Language) {
    guard let root = try? Yams.compose(yaml: yaml),
      SurveyLoader.AliasFinder.find(in: root, path: "", language: .fallback).isEmpty
    else {
      return ([], asked ?? .fallback)
    }
    var out: [Finding] = []
    let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
    // Yams does not keep a collection's style: a flow collection starts with { or [.
    func isFlow(_ mark: Mark?) -> Bool {
      guard let mark, mark.line >= 1, mark.line <= lines.count else { return false }
      let line = lines[mark.line - 1]
      guard mark.column >= 1, mark.column <= line.count else { return false }
      return line[mark.column - 1] == "{" || line[mark.column - 1] == "["
    }
    walk(root, inFlow: false, isFlow: isFlow, into: &out)
    return (
      out.sorted { ($0.line, $0.column) < ($1.line, $1.column) }, SurveyLoader.language(asked: asked, root: root)
    )
  }

  static func walk(_ node: Node, inFlow: Bool, isFlow: (Mark?) -> Bool, into out: inout [Finding]) {
    switch node {
    case .scalar(let scalar):
      guard scalar.style == .plain || scalar.style == .any else { return }
      let text = scalar.string
      let line = scalar.mark?.line ?? 0
      let column = scalar.mark?.column ?? 0
      func warn(_ phrase: DefinitionPhrase) { out.append(Finding(line: line, column: column, phrase: phrase)) }
      if inFlow && text.contains("?") { warn(.questionMarkInFlow(text)) }
      if booleans.contains(text.lowercased()) { warn(.yaml11Boolean(text)) }
      if isLeadingZeroNumber(text) { warn(.leadingZero(text)) }
    case .mapping(let mapping):
      let flow = inFlow || mapping.style == .flow || isFlow(mapping.mark)
      for (key, value) in mapping {
        walk(key, inFlow: flow, isFlow: isFlow, into: &out)
        walk(value, inFlow: flow, isFlow: isFlow, into: &out)
      }
    case .sequence(let sequence):
      let flow = inFlow || sequence.style == .flow || isFlow(sequence.mark)
      for element in sequence { walk(element, inFlow: flow, isFlow: isFlow, into: &out) }
    case .alias:
      return
    }
  }

  static func isLeadingZeroNumber(_ text: String) -> Bool {
    var digits = Substring(text)
    if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
    return digits.count > 1 && digits.first == "0" && digits.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "_") }
  }
}
