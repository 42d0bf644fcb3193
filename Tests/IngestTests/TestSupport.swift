import Foundation
import Ingest
import LibCSV
import SeededRandom
import SurveyModel

/// The repository's root, for the county survey and the example exports.
let repositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

func fixturePath(_ relative: String) -> String {
  Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(relative).path
}

func countySurvey() throws -> Survey {
  try SurveyLoader.load(path: repositoryRoot + "/Surveys/kalmar-primarvard.yaml")
}

/// A small survey for unit tests: two municipalities, organisation, two paired items on
/// 1–5, a choice, a free text.
let miniYAML = """
  kartlagg: 1
  id: mini
  title: Mini
  language: sv
  min_group_size: 1
  county:
    name: Kalmar län
    county_wide: { code: "0800", name: Hela länet, spellings: [Länsövergripande] }
    municipalities:
      - { code: "0880", name: Kalmar }
      - { code: "0821", name: Högsby }
      - { code: "0840", name: Mörbylånga }
  scales:
    - id: instamning
      points:
        - { value: 1, label: Stämmer inte alls }
        - { value: 2, label: Stämmer dåligt }
        - { value: 3, label: Stämmer delvis }
        - { value: 4, label: Stämmer ganska bra }
        - { value: 5, label: Stämmer helt }
      no_answer:
        labels: [Vet ej, Ej aktuellt]
        codes: ["-1", "-99", ".", ".."]
  respondents:
    id: { column: respondent_id, aliases: [ResponseId] }
    municipality: { column: kommun, question: Vilken kommun arbetar du i? }
    dimensions:
      - id: organisation
        label: Organisation
        column: organisation
        values:
          - { id: region, label: Region Kalmar län, spellings: [Region] }
          - { id: kommun, label: Kommun }
  sections:
    - id: mote
      title: Mötesplatser
      items:
        - id: a
          text: Vi möts regelbundet
          scale: instamning
          current: { column: a_nu, question: Vi möts regelbundet – Nuläge }
          desired: { column: a_onskat, question: Vi möts regelbundet – Önskat läge }
        - id: b
          text: Vi delar information
          scale: instamning
          current: { column: b_nu }
          desired: { column: b_onskat }
        - id: c
          kind: choice
          text: Finns en rutin?
          options:
            - { id: ja, label: Ja }
            - { id: nej, label: Nej }
          no_answer: [Vet ej]
          answer: { column: c }
        - id: d
          kind: text
          text: Vad saknas?
          answer: { column: d }
  """

func miniPlan() throws -> IngestPlan {
  IngestPlan(survey: try SurveyLoader.load(yaml: miniYAML, path: "mini.yaml"))
}

/// Reads `text` as an export of `plan`'s survey.
func ingest(
  _ text: String, plan: IngestPlan, options: IngestOptions = IngestOptions(), name: String = "test.csv"
) throws -> (FileReport, [Response]) {
  try ingest(bytes: Array(text.utf8), plan: plan, options: options, name: name)
}

func ingest(
  bytes: [UInt8], plan: IngestPlan, options: IngestOptions = IngestOptions(), name: String = "test.csv"
) throws -> (FileReport, [Response]) {
  var consumer = CollectingConsumer()
  let report = try Ingest.data(bytes, name: name, plan: plan, options: options, into: &consumer)
  return (report, consumer.responses)
}

extension Response {
  /// The value of slot `k`, nil when not answered.
  func value(_ k: Int) -> Int? { values[k] == Response.missing ? nil : Int(values[k]) }
}
