import Foundation
import SurveyModel

/// How a whole file's respondents get their municipality, when the file is one
/// municipality's export: named on the command line (`--municipality FILE=NAME`, which
/// decides over a column too), or, for a file with no municipality column, by its name
/// ("torsas.csv", "Torsås kommun 2026.csv").
enum FileMunicipality: Sendable, Equatable {
  /// The file's respondents belong to this municipality (or are county-wide).
  case named(SpellingLookup.Match, source: FileReport.Assignment.Source)
  /// `--municipality` named something that is no municipality of the county.
  case unknown(given: String)

  /// The assignment for `file`: an explicit one, else the file name's when it names a
  /// municipality; nil when neither says anything (the column must then).
  static func assignment(for label: String, plan: IngestPlan, options: IngestOptions) -> FileMunicipality? {
    let file = Ingest.path(of: label)
    let name = (file as NSString).lastPathComponent
    if let given = options.municipalities[file] ?? options.municipalities[name] {
      guard let match = plan.municipalities.match(given) else { return .unknown(given: given) }
      return .named(match, source: .commandLine)
    }
    return fromFileName(name, plan: plan).map { .named($0, source: .fileName) }
  }

  /// The municipality a file name names, by the same spelling rules as a cell: the name
  /// without its extension, or its longest run of words that is a municipality's name,
  /// code-free spelling or "X kommun" form. Runs of digits alone (years, dates) are never
  /// taken for a municipality code; the county's own name means county-wide.
  static func fromFileName(_ name: String, plan: IngestPlan) -> SpellingLookup.Match? {
    let stem = (name as NSString).deletingPathExtension
    let words = HeaderKey.normalize(stem).split(separator: " ").map(String.init)
    guard !words.isEmpty else { return nil }
    let county = HeaderKey.normalize(plan.survey.county.name)
    for length in stride(from: words.count, through: 1, by: -1) {
      for start in 0...(words.count - length) {
        let window = words[start..<(start + length)]
        guard !window.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { continue }
        let text = window.joined(separator: " ")
        if text == county { return .countyWide }
        if let match = plan.municipalities.match(text) { return match }
      }
    }
    return nil
  }
}
