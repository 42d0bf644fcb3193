import Foundation
import KartlaggRun
import RoundStore
import SourceDiagnostics

/// The commands of the store of survey rounds (`kartlagg import`, `rounds`, `delete`, and
/// `report --round`): files are imported as they arrive, a re-sent file replaces what it
/// brought, and a round is reported when the last one is in. Each calls `KartlaggRun`.
extension Runs {
  /// `kartlagg import`: reads the files as `report` does and adds each one's tally and
  /// provenance to `round`, in one transaction (`Run.importFiles`). Prints the same
  /// accounting as `report`; the working files go to `arbetsfiler/<round>/` beside the store.
  public static func importRound(
    survey surveyPath: String, round: String, inputs: [String], municipalities: [String: String] = [:],
    store given: String? = nil, language asked: Language? = nil, keepComments: Bool = false, period: String? = nil,
    invited: String? = nil, sheet: String? = nil
  ) async -> RunOutcome {
    var request = ImportRequest(survey: surveyPath, round: round, inputs: inputs)
    request.exports = ExportOptions(municipalities: municipalities, sheet: sheet)
    request.store = given
    request.language = asked
    request.keepComments = keepComments
    request.period = period
    request.invited = invited
    let result = await Run.importFiles(request)
    var outcome = outcome(result)
    outcome.written = result.written
    return outcome
  }

  /// `kartlagg rounds`: every round, its files with their provenance, and the totals.
  public static func listRounds(store given: String? = nil, language: Language = .fallback) async -> RunOutcome {
    let result = await Run.rounds(store: given, language: language)
    // A damaged row: nothing of the listing is printed, only what is wrong.
    guard let rounds = result.value else { return outcome(result) }
    var outcome = RunOutcome()
    func say(_ s: Said) -> String { s.text(language) }
    if rounds.isEmpty { outcome.say(say(.noRoundsYet)) }
    for round in rounds {
      outcome.say(
        say(
          .roundListed(
            name: round.name, surveyID: round.definition.surveyID, sha256: round.definition.sha256,
            files: round.files.count, respondents: round.respondents)))
      outcome.say(say(.roundPeriod(period: round.naming?.period, invited: round.naming?.invited?.count)))
      // Each file as the import summarised it, in the same words.
      for f in round.files {
        var line = say(.fileListed(name: f.name, size: f.size, sha256: f.sha256))
        if let encoding = f.encoding, let delimiter = f.delimiter {
          line += say(.fileDialect(encoding: encoding, byteOrderMark: false, delimiter: delimiter))
        }
        if f.headerLines.count == 1 {
          line += say(.headerOnLine(f.headerLines[0]))
        } else if !f.headerLines.isEmpty {
          line += say(.headerOnLines(f.headerLines.map(String.init).joined(separator: ", ")))
        }
        line += say(.counts(read: f.read, accepted: f.accepted, rejected: f.rejected, problems: f.problems))
        if let municipality = f.municipality { line += ", " + municipality }
        if let unknown = f.unknownGroup, unknown > 0 { line += say(.inUnknownGroup(unknown)) }
        if f.commentCount > 0 { line += say(.commentsKeptOfFile(f.commentCount)) }
        line += Said.Workspace.importedAt(f.importedAt.map { String($0.prefix(10)) }).text(language)
        outcome.say(line)
      }
    }
    return outcome
  }

  /// `kartlagg delete --round R [--file F]`.
  public static func deleteFromStore(
    round: String, file: String?, store given: String? = nil, language: Language = .fallback
  )
    async -> RunOutcome
  {
    outcome(await Run.delete(round: round, file: file, store: given, language: language))
  }

  /// `kartlagg delete --comments`: every kept comment, or one round's, out of the store and
  /// out of its file.
  public static func deleteComments(round: String?, store given: String? = nil, language: Language = .fallback) async
    -> RunOutcome
  {
    outcome(await Run.deleteComments(round: round, store: given, language: language))
  }

  /// `kartlagg rounds --round R --period P --invited FILE`: sets a round's own period and
  /// invited counts without importing; the invited file is read against the round's
  /// stored definition.
  public static func renameRound(
    _ round: String, period: String?, invited: String?, store given: String? = nil, language: Language = .fallback
  ) async -> RunOutcome {
    var request = NamingRequest(round: round, period: period, invited: invited)
    request.store = given
    request.language = language
    return outcome(await Run.setNaming(request))
  }
}
