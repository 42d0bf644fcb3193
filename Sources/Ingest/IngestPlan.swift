import SurveyModel

/// The parts of a survey definition that reading exports needs, prepared once and shared
/// by every file of a run.
public struct IngestPlan: Sendable {
  public let survey: Survey
  let vocabulary: HeaderVocabulary
  let scaleDecoders: [ScaleDecoder]
  /// Per slot: the index into `scaleDecoders`, or -1.
  let slotScale: [Int]
  /// Per slot: a choice decoder, for choice slots.
  let slotChoice: [ChoiceDecoder?]
  let municipalities: SpellingLookup
  let dimensions: [SpellingLookup]

  public init(survey: Survey) {
    self.survey = survey
    vocabulary = HeaderVocabulary(survey: survey)
    scaleDecoders = survey.scales.map(ScaleDecoder.init)
    var slotScale: [Int] = []
    var slotChoice: [ChoiceDecoder?] = []
    for slot in survey.slots {
      let item = survey.sections[slot.section].items[slot.item]
      slotScale.append(item.scaleID.flatMap { id in survey.scales.firstIndex { $0.id == id } } ?? -1)
      if case .choice(let options, let noAnswer, _) = item.kind {
        slotChoice.append(ChoiceDecoder(options: options, noAnswerLabels: noAnswer))
      } else {
        slotChoice.append(nil)
      }
    }
    self.slotScale = slotScale
    self.slotChoice = slotChoice
    municipalities = SpellingLookup(county: survey.county)
    dimensions = survey.dimensions.map(SpellingLookup.init(dimension:))
  }
}
