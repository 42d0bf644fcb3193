import Foundation
import RoundStore
import SourceDiagnostics

/// What stops a run, or refuses one of its parts, with what it is about. Each says itself
/// in Swedish and English (`lines(_:)`), in the words the command line has always printed.
public enum RunProblem: Error, Sendable {
  /// The survey definition does not load: every problem with its line and column.
  case survey([Diagnostic])
  /// `report` with neither a survey definition nor a stored round.
  case noSurvey
  /// Both export files and a stored round.
  case filesAndRound
  /// A minimum group size below the survey's.
  case minimumBelowSurvey(given: Int, own: Int)
  /// No store was given and none is in the working directory or above it.
  case noStore
  /// The store refused or is damaged.
  case store(RoundStore.Failure)
  /// The store has no such round (`rounds`: its rounds, for the message).
  case noRound(round: String, rounds: [String])
  /// `delete`, `rounds --round` and `delete --comments` of a round the store lacks.
  case noSuchRound(String)
  /// `delete --file` of a file the round lacks.
  case noSuchFile(file: String, round: String)
  /// The survey given differs from the round's in what the figures depend on.
  case otherDefinition(round: String, survey: String)
  /// A stored round's definition no longer loads.
  case storedDefinitionUnreadable(round: String)
  /// A stored round's definition does not load for its report (the loader's reason).
  case storedSurveyUnreadable(round: String, reason: any Error)
  /// An export file could not be opened to be hashed for the store.
  case cannotOpen(path: String)
  case badRoundName(name: String, reason: RoundStore.NameProblem)
  /// The invited file's problems, each compiler-style: the round was not changed.
  case invited(problems: [String], round: String)
  /// No export file among the inputs.
  case noExportFiles(inputs: [String])
  /// The inputs could not be read at all (a folder that cannot be listed, an I/O error).
  case input(Diagnostic)
  /// A stored round has respondents without a municipality, and the run is strict.
  case blankMunicipalityStored(round: String, count: Int)
  /// The round's recorded publications cannot be read: no report is made without them.
  case publicationsUnreadable(round: String, reason: any Error)
  /// The baseline is the report's own round.
  case sameRoundBaseline(path: String, round: String)
  /// A file of the round reported shares its answers with a file of another round (one's
  /// respondents all among the other's): the two rounds' figures could be subtracted.
  case repeatsAnotherRound(RoundRepeat)
  /// The baseline file's problems, each compiler-style.
  case baseline([String])
  /// A report folder refused or not written.
  case folder(ReportSet.Failure)
  /// The publication could not be recorded in the store: nothing was published.
  case publicationNotRecorded(RoundStore.Failure)
  /// A file could not be made or written (the workbook, a document).
  case written(Diagnostic)

  /// How a run with this problem ends.
  public var status: RunStatus {
    switch self {
    case .noSurvey, .filesAndRound, .minimumBelowSurvey: .badInvocation
    default: .dataError
    }
  }

  /// The problem's lines in `language`.
  public func lines(_ language: Language) -> [String] {
    switch self {
    case .survey(let diagnostics): diagnostics.map(\.description)
    case .noSurvey: [Said.Workspace.noSurvey.text(language)]
    case .filesAndRound: [Said.Workspace.filesAndRound.text(language)]
    case .minimumBelowSurvey(let given, let own): [Said.minimumBelowSurvey(given: given, own: own).text(language)]
    case .noStore: [Said.Workspace.noStore(fileName: RoundStore.fileName).text(language)]
    case .store(let failure): [Said.store(failure).text(language)]
    case .noRound(let round, let rounds): [Said.Workspace.noRound(round: round, rounds: rounds).text(language)]
    case .noSuchRound(let round): [Said.noSuchRound(round).text(language)]
    case .noSuchFile(let file, let round): [Said.noSuchFile(file: file, round: round).text(language)]
    case .otherDefinition(let round, let survey):
      [Said.Workspace.otherDefinition(round: round, path: survey).text(language)]
    case .storedDefinitionUnreadable(let round): [Said.storedDefinitionUnreadable(round).text(language)]
    case .storedSurveyUnreadable(let round, let reason):
      [Said.storedSurveyUnreadable(round: round, reason: message(of: reason, in: language)).text(language)]
    case .cannotOpen(let path): [Said.cannotOpen(path).text(language)]
    case .badRoundName(let name, let reason): [Said.badRoundName(name: name, reason: reason).text(language)]
    case .invited(let problems, let round): problems + [Said.roundNotChanged(round).text(language)]
    case .noExportFiles(let inputs): [Said.noExportFiles(inputs.joined(separator: ", ")).text(language)]
    case .input(let diagnostic): [diagnostic.description]
    case .blankMunicipalityStored(let round, let count):
      [Said.blankMunicipalityStored(round: round, count: count).text(language)]
    case .publicationsUnreadable(let round, let reason):
      [Said.publicationsUnreadable(round: round, reason: message(of: reason, in: language)).text(language)]
    case .sameRoundBaseline(let path, let round): [Said.sameRoundBaseline(path: path, round: round).text(language)]
    case .repeatsAnotherRound(let found): [Said.repeatsAnotherRound(found, draft: false).text(language)]
    case .baseline(let lines): lines
    case .folder(let failure): [Said.folder(failure).text(language)]
    case .publicationNotRecorded(let failure): ["error: \(failure.text(language))"]
    case .written(let diagnostic): [diagnostic.description]
    }
  }

  /// The problem in `language`, its lines joined.
  public func text(_ language: Language) -> String { lines(language).joined(separator: "\n") }
}

/// An error said in `language`: one that says itself in both languages (`Localized`: the
/// store's, the workbook's, the stages' errors) in the run's, any other in its own words
/// (the system's reasons).
public func message(of error: any Error, in language: Language) -> String {
  (error as? any Localized)?.text(language) ?? "\(error)"
}
