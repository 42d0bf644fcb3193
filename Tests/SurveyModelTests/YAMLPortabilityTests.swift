import Foundation
import SurveyModel
import Testing
import Yams

/// Constructs YAML 1.1 tools read differently are warned about, each at its place.
@Suite struct YAMLPortabilityTests {
  @Test func eachConstructIsWarnedAboutAtItsPlace() {
    let yaml = """
      a: { code: 0800, name: Hela }
      b: [Kalmar kommun?]
      c: { q: "Quoted?", r: 'yes', s: yes }
      d: "0880"
      """
    // Columns counted by hand, 1-based: the value's first character.
    let found = YAMLPortability.warnings(yaml: yaml, path: "p.yaml", language: .en)
    #expect(found.map { "\($0.line):\($0.column)" } == ["1:12", "2:5", "3:33"], "\(found)")
    #expect(found.allSatisfy { $0.severity == .warning })
    #expect(found[1].message.contains("'Kalmar kommun?' holds a '?' inside { } or [ ]"))
  }

  /// A definition that uses aliases is refused by the loader, which names each place
  /// (`aliasBombIsRefusedQuickly`): no portability warning is added to that, and no alias
  /// is walked into. Yams composes an alias as its anchored node, so the walk used to visit
  /// an anchor once per alias, here three times (`yes` and `0880` warned about three times
  /// each at line 1), and a 10-line "alias bomb" 9^9 times (a `validate` of
  /// Fixtures/broken/alias-bomb.yaml took 64 s of CPU in a debug build).
  @Test func aDefinitionWithAliasesGetsNoWarnings() {
    let yaml = """
      a: &x [yes, 0880]
      b: [*x, *x]
      """
    let found = YAMLPortability.warnings(yaml: yaml, path: "p.yaml")
    #expect(found.isEmpty, "\(found)")
    // Without the aliases, the same values are warned about once each.
    let plain = YAMLPortability.warnings(yaml: "a: [yes, 0880]\nb: [x, z]\n", path: "p.yaml")
    #expect(plain.map { "\($0.line):\($0.column)" } == ["1:5", "1:10"], "\(plain)")
  }
}

/// The shipped survey and every YAML example of docs/survey-format.md load in PyYAML (a
/// YAML 1.1 reader, as R and Python scripts use) and give the same structure as kartlagg's
/// reader: the same mappings, keys in the same order, lists and texts. Compared by
/// `compare_yaml.py` (PyYAML's BaseLoader, every scalar as text), which `make test`
/// installs PyYAML for.
@Suite struct PyYAMLAgreementTests {
  /// Yams' reading as JSON, every scalar as text.
  static func json(_ node: Node) -> Any {
    switch node {
    case .scalar(let scalar): return scalar.string
    case .mapping(let mapping):
      // Ordered as written: a list of one-entry objects is compared key by key in order.
      var pairs: [(String, Any)] = []
      for (key, value) in mapping { pairs.append((key.string ?? "", json(value))) }
      return OrderedJSON(pairs: pairs)
    case .sequence(let sequence): return sequence.map(json)
    case .alias: return NSNull()
    }
  }

  /// A JSON object that keeps its keys in order when written.
  struct OrderedJSON {
    var pairs: [(String, Any)]
  }

  static func write(_ value: Any) -> String {
    switch value {
    case let object as OrderedJSON:
      return "{" + object.pairs.map { write($0.0) + ":" + write($0.1) }.joined(separator: ",") + "}"
    case let list as [Any]: return "[" + list.map(write).joined(separator: ",") + "]"
    case let text as String:
      let data = try! JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
      return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    default: return "null"
    }
  }

  static func compare(_ path: String, block: Int? = nil) throws -> (Int32, String) {
    var text = try String(contentsOfFile: path, encoding: .utf8)
    if let block {
      let parts = text.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
      text = parts[block]
    }
    let node = try #require(try Yams.compose(yaml: text))
    let script = repositoryRoot + "/Tests/SurveyModelTests/compare_yaml.py"
    let finished = try runProgram(
      "python3", [script, path] + (block.map { [String($0)] } ?? []), input: Data(write(json(node)).utf8))
    return (finished.status, finished.output)
  }

  @Test func theCountySurvey() throws {
    let (status, said) = try Self.compare(countySurveyPath)
    #expect(status == 0, "\(said)")
    #expect(said == "same\n")
  }

  @Test(arguments: 0..<7) func theFormatDocumentsExamples(block: Int) throws {
    let (status, said) = try Self.compare(repositoryRoot + "/docs/survey-format.md", block: block)
    #expect(status == 0, "block \(block): \(said)")
  }

  /// The check can fail: an unquoted '?' in a flow mapping is refused by PyYAML.
  @Test func aQuestionMarkInAFlowMappingIsCaught() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("kartlagg-pyyaml-\(getpid()).yaml").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try "a: { q: Vad saknas? }\n".write(toFile: path, atomically: true, encoding: .utf8)
    let (status, said) = try Self.compare(path)
    #expect(status == 1)
    #expect(said.hasPrefix("PyYAML cannot load it"))
  }
}
