import Foundation
import Ingest
import SourceDiagnostics
import SurveyModel
import TestSurveys
import Testing

/// A run speaks its survey's language unless it is told another (`Language`'s one default):
/// Ingest's messages, the spreadsheet reader's and the pages' follow `Survey.language`
/// without the language being set twice. Before, `IngestOptions.language` and the readers
/// defaulted to English while the reports defaulted to Swedish, so a caller that set only
/// the report's language got English file messages in a Swedish report.
@Suite struct LanguageDefaultTests {
  /// `TestSurveys.mini` in `language`.
  static func plan(_ language: String) throws -> IngestPlan {
    let yaml = TestSurveys.mini.replacingOccurrences(of: "language: sv", with: "language: \(language)")
    return IngestPlan(survey: try SurveyLoader.load(yaml: yaml, path: "mini.yaml"))
  }

  /// The texts are `IngestPhrase.fileNotImported` around `.emptyFile`, copied from the
  /// catalogues' words.
  @Test(arguments: [
    ("sv", "filen importeras inte: filen (eller bladet) är tom: den har ingen rad, så ingen rubrik och inga svar"),
    ("en", "the file is not imported: the file (or the sheet) is empty: it has no row, so no header and no answers"),
  ])
  func anExportsMessagesSpeakTheSurveysLanguage(language: String, message: String) throws {
    let (report, _) = try ingest("", plan: try Self.plan(language), options: IngestOptions(), name: "tom.csv")
    #expect(report.failure?.message == message)
  }

  /// A workbook's refusal comes from the spreadsheet reader (`SheetPhrase`), which had a
  /// default of its own.
  @Test func aWorkbooksMessagesSpeakTheSurveysLanguage() throws {
    var consumer = CollectingConsumer()
    let path = fixturePath("xlsx/edge/encrypted.xlsx")
    let report = try Ingest.file(path, plan: try Self.plan("sv"), options: IngestOptions(), into: &consumer)
    #expect(
      report.failure?.message
        == "filen importeras inte: arbetsboken är lösenordsskyddad (krypterad); ta bort lösenordet i Excel (Arkiv > Info > Skydda arbetsbok) och spara den igen"
    )
  }

  /// A survey that names neither of kartlagg's languages is read as Swedish, as the pages
  /// always read it; the two codes are the only ones.
  @Test func aSurveyInNeitherLanguageIsSwedish() throws {
    #expect(try Self.plan("de").survey.language == .sv)
    #expect(try Self.plan("en").survey.language == .en)
    #expect(Language(code: "sv") == .sv && Language(code: "en") == .en && Language(code: "SV") == nil)
    #expect(Language.allCases.map(\.code) == ["sv", "en"])
  }
}
