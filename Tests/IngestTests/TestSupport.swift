import Foundation
import Ingest
import LibCSV
import SeededRandom
import SurveyModel
// The helpers every test target shares (repositoryRoot, processes, golden files), for every
// file of this target.
@_exported import TestSupport
import TestSurveys

func fixturePath(_ relative: String) -> String {
  Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(relative).path
}

func countySurvey() throws -> Survey {
  try SurveyLoader.load(path: repositoryRoot + "/Surveys/kalmar-primarvard.yaml")
}

func miniPlan() throws -> IngestPlan {
  IngestPlan(survey: try SurveyLoader.load(yaml: TestSurveys.mini, path: "mini.yaml"))
}

/// Reads `text` as an export of `plan`'s survey.
func ingest(
  _ text: String, plan: IngestPlan, options: IngestOptions = IngestOptions.english, name: String = "test.csv"
) throws -> (FileReport, [Response]) {
  try ingest(bytes: Array(text.utf8), plan: plan, options: options, name: name)
}

func ingest(
  bytes: [UInt8], plan: IngestPlan, options: IngestOptions = IngestOptions.english, name: String = "test.csv"
) throws -> (FileReport, [Response]) {
  var consumer = CollectingConsumer()
  let report = try Ingest.data(bytes, name: name, plan: plan, options: options, into: &consumer)
  return (report, consumer.responses)
}

extension IngestOptions {
  /// Options whose messages are English, which most of these tests read: their surveys are
  /// Swedish, and a run speaks its survey's language unless told otherwise. They keep each
  /// respondent's id, which many of them check.
  static var english: IngestOptions {
    var options = IngestOptions()
    options.language = .en
    options.keepsRespondentIDs = true
    return options
  }
}

extension Response {
  /// The value of slot `k`, nil when not answered.
  func value(_ k: Int) -> Int? { values[k] == Response.missing ? nil : Int(values[k]) }
}
