import Foundation
import Ingest
import LibCSV
import Reporting
import SourceDiagnostics
import SurveyModel

/// What `Run.validate` is asked to check.
public struct ValidateRequest: Sendable {
  /// The survey definition's path.
  public var survey: String
  /// Export files, or directories of them.
  public var inputs: [String]
  /// `--municipality` and `--sheet`.
  public var exports = ExportOptions()
  /// The language of the messages; nil: the survey's.
  public var language: Language?
  /// Progress of the files being read.
  public var progress: RunProgress?

  public init(survey: String, inputs: [String]) {
    self.survey = survey
    self.inputs = inputs
  }
}

/// What `Run.validate` found: the survey, and per file its accounting and findings.
public struct ValidateResult: RunResult {
  public var language = Language.fallback
  public var messages: [RunMessage] = []
  public var status = RunStatus.success
  /// The survey, when it loaded.
  public var survey: Survey?
  public var files: [FileReport] = []
}

/// The documents made from a survey definition alone.
public enum SurveyDocument: Sendable {
  /// The empty export template: a workbook (instructions, drop-down lists), or CSV in a dialect.
  case template(workbook: Bool, format: CSVOutputFormat)
  case codebook
  case questionnaire
}

/// A document made (`Run.document`): its bytes, and what it is in the run's words.
public struct DocumentResult: RunResult {
  public var language = Language.fallback
  public var messages: [RunMessage] = []
  public var status = RunStatus.success
  public var survey: Survey?
  /// The document; nil when the survey did not load or it could not be made.
  public var bytes: [UInt8]?
  /// What the document is, for "wrote PATH: WHAT".
  public var what: Said?
  public var files: [FileReport] { [] }
}

extension Run {
  /// Checks a definition and the exports against it; writes nothing.
  public static func validate(_ request: ValidateRequest) async -> ValidateResult {
    var result = ValidateResult()
    var log = Log()
    result.language = request.language ?? .fallback
    await validateSteps(request, &result, &log)
    (result.messages, result.status) = (log.messages, log.status)
    return result
  }

  /// Validate's steps; a problem ends them.
  private static func validateSteps(_ request: ValidateRequest, _ result: inout ValidateResult, _ log: inout Log) async
  {
    guard let (survey, _) = await loadSurvey(request.survey, language: request.language, into: &log) else {
      return
    }
    let language = language(request.language, survey)
    result.language = language
    result.survey = survey
    log.said(
      .surveyValid(
        path: request.survey, id: survey.id, sections: survey.sections.count, items: survey.items.count,
        columns: survey.slots.count))
    do {
      let files = try expand(request.inputs)
      let options = request.exports.ingestOptions(language: language, progress: request.progress)
      let results = try await Ingest.files(files, plan: IngestPlan(survey: survey), options: options) {
        DiscardingConsumer()
      }
      result.files = results.map(\.report)
    } catch {
      log.problem(.input(Diagnostic(file: "", message: message(of: error, in: language))))
      return
    }
    log.messages.append(.accounting)
    log.status = status(result.files, strict: false)
  }

  /// A document made from the survey at `survey` alone; written nowhere (the caller has
  /// its bytes). `output`: where the caller will write it, for a message about it.
  public static func document(_ document: SurveyDocument, survey path: String, output: String? = nil) async
    -> DocumentResult
  {
    var result = DocumentResult()
    var log = Log()
    await documentSteps(document, path, output, &result, &log)
    (result.messages, result.status) = (log.messages, log.status)
    return result
  }

  /// The document's steps; a problem ends them.
  private static func documentSteps(
    _ document: SurveyDocument, _ path: String, _ output: String?, _ result: inout DocumentResult, _ log: inout Log
  ) async {
    guard let (survey, _) = await loadSurvey(path, language: nil, into: &log) else { return }
    result.survey = survey
    result.language = language(nil, survey)
    do {
      switch document {
      case .template(let workbook, let format):
        result.bytes =
          workbook
          ? try SurveyDocuments.templateWorkbook(for: survey) : SurveyDocuments.template(for: survey, format: format)
        result.what = .columns(survey.templateColumns.count)
      case .codebook:
        result.bytes = Array(SurveyDocuments.codebook(for: survey).utf8)
        result.what = .theCodebook
      case .questionnaire:
        result.bytes = Array(SurveyDocuments.questionnaire(for: survey).utf8)
        result.what = .theQuestionnaire
      }
    } catch {
      log.problem(.written(Diagnostic(file: output ?? path, message: message(of: error, in: result.language))))
    }
  }
}
