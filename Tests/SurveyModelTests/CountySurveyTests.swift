import Foundation
import SurveyModel
// The helpers every test target shares (repositoryRoot, processes, golden files), for every
// file of this target.
@_exported import TestSupport
import Testing

@Suite("The county's survey: Surveys/kalmar-primarvard.yaml")
struct CountySurveyTests {
  static let path = countySurveyPath

  @Test func loadsWithoutProblems() throws {
    let survey = try SurveyLoader.load(path: Self.path)
    #expect(survey.language == .sv)
    #expect(survey.minimumGroupSize == 5)
  }

  /// What step 2 of the plan asks to map (SKR's "Fem steg", ../shared/seeds/002).
  @Test func coversEveryAreaOfTheMapping() throws {
    let survey = try SurveyLoader.load(path: Self.path)
    #expect(
      survey.sections.map(\.title) == [
        "Invånarnas behov", "Vilka som behöver involveras", "Samarbetet runt invånaren", "Mötesplatser", "Resurser",
        "Överenskommelser och arbetssätt", "Förväntningar på samverkan", "Vägledande principer",
      ])
    let texts = survey.items.map(\.item.text)
    for agreement in [
      "hemsjukvårdsavtalet", "överenskommelsen om barn och unga",
      "överenskommelsen om läkarmedverkan i kommunal hälso- och sjukvård", "arbetssättet med fast vårdkontakt",
      "arbetssättet med fast läkarkontakt", "arbetssättet med patientkontrakt",
      "arbetssättet med samordnad individuell plan (sip)",
    ] {
      // Each agreement rated for being known, shared understanding and being followed,
      // in Swedish that agrees with its subject ("avtalet är känt", "överenskommelsen är
      // känd") and without a capital mid-sentence.
      let about = texts.filter { $0.lowercased().contains(agreement) }
      #expect(about.count >= 3, "\(agreement)")
      #expect(about.contains { $0.contains("är känt") || $0.contains("är känd") }, "\(agreement) known")
      #expect(
        about.contains { $0.contains("samsyn om vad \(agreement.replacingOccurrences(of: "(sip)", with: "(SIP)"))") })
      #expect(about.contains { $0.contains("följs i praktiken") || $0.contains("tillämpas i det dagliga") })
    }
    #expect(texts.contains("Hemsjukvårdsavtalet är känt bland medarbetare och chefer som berörs"))
    #expect(
      !texts.contains { $0.contains("avtalet är känd") || $0.contains("Arbetssättet med patientkontrakt är känd") })
    for resource in ["utvecklingsledare", "ekonomi, juridik, analys, HR och kommunikation"] {
      #expect(texts.contains { $0.contains(resource) }, "\(resource)")
    }
    for group in ["komplexa behov", "stor risk för ohälsa", "Privata utförare", "Brukar- och patientrepresentanter"] {
      #expect(texts.contains { $0.contains(group) }, "\(group)")
    }
  }

  @Test func pairedItemsAreTaggedAndEverySectionAsksForText() throws {
    let survey = try SurveyLoader.load(path: Self.path)
    let paired = survey.items.filter { if case .paired = $0.item.kind { return true } else { return false } }
    #expect(paired.count >= 30)
    for (_, item) in paired {
      #expect(item.tags["utvecklingsomrade"]?.count == 1, "\(item.id) development area")
      #expect(item.tags["niva"]?.isEmpty == false, "\(item.id) level")
    }
    for section in survey.sections {
      #expect(section.items.contains { if case .text = $0.kind { return true } else { return false } }, "\(section.id)")
    }
    #expect(survey.vocabulary(id: "utvecklingsomrade")?.values.count == 4)
    #expect(survey.vocabulary(id: "prioriterad_grupp")?.values.count == 2)
    #expect(
      survey.vocabulary(id: "samordnande_grupp")?.values.map(\.label) == ["Barn och unga", "Psykisk hälsa", "Äldre"])
  }

  /// The 12 municipalities of Kalmar län and their codes (SCB's municipality codes).
  @Test func countyMunicipalities() throws {
    let survey = try SurveyLoader.load(path: Self.path)
    let codes = Dictionary(uniqueKeysWithValues: survey.county.municipalities.map { ($0.name, $0.code) })
    #expect(
      codes == [
        "Kalmar": "0880", "Nybro": "0881", "Oskarshamn": "0882", "Västervik": "0883", "Vimmerby": "0884",
        "Borgholm": "0885", "Hultsfred": "0860", "Mönsterås": "0861", "Emmaboda": "0862", "Högsby": "0821",
        "Torsås": "0834", "Mörbylånga": "0840",
      ])
  }
}
