import LibCSV
import SurveyModel

/// What one column of an export holds, in the survey's terms.
enum ColumnTarget: Hashable, Sendable {
  case respondentID
  case municipality
  /// Index into `Survey.dimensions`.
  case dimension(Int)
  /// Index into `Survey.slots`.
  case slot(Int)
}

/// Every header text the survey accepts, by its normalised key (`HeaderKey`).
struct HeaderVocabulary: Sendable {
  private(set) var targets: [String: ColumnTarget] = [:]
  /// The definition's own column name per target, for messages.
  private(set) var names: [ColumnTarget: String] = [:]

  init(survey: Survey) {
    if let id = survey.respondentIDColumn { add(id, .respondentID) }
    add(survey.municipalityColumn, .municipality)
    for (d, dimension) in survey.dimensions.enumerated() { add(dimension.location, .dimension(d)) }
    for (k, slot) in survey.slots.enumerated() { add(slot.location, .slot(k)) }
  }

  private mutating func add(_ location: AnswerLocation, _ target: ColumnTarget) {
    names[target] = location.column
    for name in location.headerNames {
      let key = HeaderKey.normalize(name)
      // The loader refuses a header text that two answers share, so the first wins only
      // for texts that normalise alike; keep it stable.
      if !key.isEmpty, targets[key] == nil { targets[key] = target }
    }
  }

  func target(for text: String) -> ColumnTarget? {
    let key = HeaderKey.normalize(text)
    return key.isEmpty ? nil : targets[key]
  }

  func name(of target: ColumnTarget) -> String { names[target] ?? "?" }
}
