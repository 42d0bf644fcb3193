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

/// Every header text the survey accepts, as written and by its normalised key (`HeaderKey`).
struct HeaderVocabulary: Sendable {
  /// How well a header text matches: a code (`column`, an alias) as written, a code after
  /// normalisation, a question text as written, a question text after normalisation. The
  /// lower wins when two columns claim one answer ("Q2_1" over Qualtrics' "Q2_-1").
  enum Rank: Int, Comparable, Sendable {
    case exactCode, normalisedCode, exactQuestion, normalisedQuestion
    static func < (a: Rank, b: Rank) -> Bool { a.rawValue < b.rawValue }
  }

  private var exact: [String: (ColumnTarget, Rank)] = [:]
  private var normalised: [String: (ColumnTarget, Rank)] = [:]
  /// The definition's own column name per target, for messages.
  private(set) var names: [ColumnTarget: String] = [:]

  init(survey: Survey) {
    if let id = survey.respondentIDColumn { add(id, .respondentID) }
    add(survey.municipalityColumn, .municipality)
    for (d, dimension) in survey.dimensions.enumerated() { add(dimension.location, .dimension(d)) }
    for (k, slot) in survey.slots.enumerated() { add(slot.location, .slot(k)) }
  }

  /// The answers given by their column's position (`column: { position: N }`), by position
  /// counted from 1.
  private(set) var positions: [Int: ColumnTarget] = [:]

  private mutating func add(_ location: AnswerLocation, _ target: ColumnTarget) {
    names[target] = location.column
    if let position = location.position { positions[position] = target }
    let codes = (location.position == nil ? [location.column] : []) + location.aliases
    for (name, isCode) in codes.map({ ($0, true) }) + (location.question.map { [($0, false)] } ?? []) {
      let text = name.trimmingSpaces
      if !text.isEmpty, exact[text] == nil { exact[text] = (target, isCode ? .exactCode : .exactQuestion) }
      let key = HeaderKey.normalize(name)
      // The loader refuses a header text that two answers share, so the first wins only
      // for texts that normalise alike; keep it stable.
      if !key.isEmpty, normalised[key] == nil {
        normalised[key] = (target, isCode ? .normalisedCode : .normalisedQuestion)
      }
    }
  }

  /// The answer a header text names, and how well.
  func match(_ text: String) -> (target: ColumnTarget, rank: Rank)? {
    if let hit = exact[text.trimmingSpaces] { return hit }
    let key = HeaderKey.normalize(text)
    return key.isEmpty ? nil : normalised[key]
  }

  func target(for text: String) -> ColumnTarget? { match(text)?.target }

  func name(of target: ColumnTarget) -> String { names[target] ?? "?" }
}
