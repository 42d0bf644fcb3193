import Foundation
import GapAnalysis
import Ingest
import RoundStore
import SourceDiagnostics
import SurveyModel

/// The commands of the store of survey rounds (`kartlagg import`, `rounds`, `delete`, and
/// `report --round`): files are imported as they arrive, a re-sent file replaces what it
/// brought, and a round is reported when the last one is in.
extension Runs {
  /// The store given, or the workspace's (the current directory or a parent).
  static func storePath(_ given: String?) -> String? {
    given ?? RoundStore.find(from: FileManager.default.currentDirectoryPath)
  }

  static func openStore(_ given: String?, language: String, _ outcome: inout RunOutcome) -> RoundStore? {
    guard let path = storePath(given) else {
      outcome.lines.append(Said.Workspace.noStore(fileName: RoundStore.fileName).text(language))
      outcome.exitCode = ExitStatus.dataError
      return nil
    }
    do {
      return try RoundStore.open(at: path)
    } catch {
      outcome.lines.append(Said.store(error).text(language))
      outcome.exitCode = ExitStatus.dataError
      return nil
    }
  }

  /// SHA-256 of a file, read in pieces.
  static func sha256(ofFile path: String) throws -> (String, Int) {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw RoundStore.Failure(description: "cannot open \(path)")
    }
    defer { try? handle.close() }
    var hash = RoundStore.SHA256Hasher()
    var size = 0
    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
      hash.update([UInt8](chunk))
      size += chunk.count
    }
    return (hash.finalize(), size)
  }

  /// `kartlagg import`: reads the files as `report` does and adds each one's tally and
  /// provenance to `round`, in one transaction. Prints the same accounting as `report`.
  public static func importRound(
    survey surveyPath: String, round: String, inputs: [String], municipalities: [String: String] = [:],
    store given: String? = nil, language asked: String? = nil, keepComments: Bool = false, period: String? = nil,
    invited: String? = nil
  ) async -> RunOutcome {
    var outcome = RunOutcome()
    guard let survey = loadSurvey(surveyPath, language: asked, into: &outcome),
      let text = try? SurveyLoader.text(path: surveyPath)
    else { return outcome }
    let language = language(asked, survey)
    if let problem = RoundStore.problem(roundName: round) {
      outcome.lines.append(Said.badRoundName(name: round, reason: problem).text(language))
      outcome.exitCode = ExitStatus.dataError
      return outcome
    }
    // The round's own invited counts are read before anything is: a bad file changes nothing.
    var naming = RoundStore.NamingChange(period: period)
    if let invited {
      var problems: [String] = []
      guard let counts = readInvited(invited, survey: survey, language: language, problems: &problems) else {
        outcome.lines += problems
        outcome.lines.append(Said.roundNotChanged(round).text(language))
        outcome.exitCode = ExitStatus.dataError
        return outcome
      }
      naming.invited = counts
    }
    guard let store = openStore(given, language: language, &outcome) else { return outcome }
    let layout = TallyLayout(survey: survey)
    do {
      let files = try expand(inputs)
      var options = IngestOptions()
      options.municipalities = municipalities
      options.language = Language(code: language) ?? .sv
      let results = try await tallies(files, survey: survey, layout: layout, options: options, keepTexts: keepComments)
      outcome.files = results.map(\.report)
      outcome.lines += Diagnostics.lines(for: outcome.files, language: language, details: "")
      var records: [RoundStore.FileRecord] = []
      let formatter = ISO8601DateFormatter()
      formatter.timeZone = TimeZone(identifier: "UTC")
      let importDate = formatter.string(from: Date())
      for (path, result) in zip(files, results) where result.report.imported {
        let (hash, size) = try sha256(ofFile: path)
        let report = result.report
        let tally = result.consumer?.tally ?? Tally(layout: layout)
        // Free text only when asked, kept apart from the tally (which never holds it).
        let comments = tally.keptTexts.map {
          RoundStore.Comment(
            municipality: $0.key.municipality, section: $0.key.section, item: $0.key.item, text: $0.text)
        }
        records.append(
          RoundStore.FileRecord(
            name: (path as NSString).lastPathComponent, sha256: hash, size: size,
            encoding: report.dialect.map { "\($0.encoding.encoding)" },
            delimiter: report.dialect.map { "\($0.delimiter.character)" }, headerLines: report.headerLines,
            read: report.read, accepted: report.accepted, rejected: report.rejected, problems: report.problemCount,
            municipality: report.municipalityFromFile.map { "\($0.municipality) (\($0.source.rawValue))" },
            rejectedReasons: report.rejectedReasons, acceptedPerMunicipality: report.acceptedPerMunicipality,
            tally: tally.encoded(), comments: comments))
        records[records.count - 1].importedAt = importDate
        records[records.count - 1].unknownGroup = report.unknownGroup
      }
      // The round's figures for later rounds' follow-up, made in the import's transaction.
      let outcomes = try store.importFiles(
        records, round: round,
        definition: RoundStore.Definition(surveyID: survey.id, text: text, identity: survey.figureIdentity),
        naming: naming, identify: figureIdentity(ofStored:)
      ) { tallies in
        guard let figures = roundFigures(tallies, survey: survey, minimumGroupSize: nil) else {
          throw RoundStore.Failure(description: "a stored tally of round \(round) does not fit its definition")
        }
        return (figures.minimumGroupSize, figures.encoded())
      }
      // What the import did with each file comes last, after where its working files are.
      let saidAt = outcome.lines.count
      for (record, result) in zip(records, outcomes) {
        outcome.lines.append(Said.imported(file: record.name, round: round, outcome: result).text(language))
      }
      let kept = zip(records, outcomes).filter { [.added, .replaced, .commentsKept].contains($0.1) }
        .reduce(0) { $0 + $1.0.comments.count }
      if keepComments { outcome.lines.append(Said.commentsKept(kept).text(language)) }
      // The rows the store does not keep (rejected rows, answer problems, verbatim) and the
      // accounting, in the workspace's working folder for the round, replaced whole.
      let folder = importWorkingFolder(store: store.path, round: round)
      var (working, rejectedRows) = Runs.workingFiles(
        outcome.files, results: results.compactMap { $0.consumer?.tally }, layout: layout, language: language)
      working.append(("LASMIG.txt", Array(workingReadme(language).utf8)))
      do {
        try ReportSet.replace(
          [(ReportSet(path: folder, owned: workingNames, option: "--store"), working)],
          streamed: [folder: [rejectedRows]], waiting: { _ in })
        outcome.written += ([working[0].path, rejectedRows.path] + working.dropFirst().map(\.path)).map {
          folder + "/" + $0
        }
        var located: [String] = []
        let rejected = outcome.files.reduce(0) { $0 + $1.rejected }
        if rejected > 0 {
          located.append(
            Said.Workspace.rejectedByImport(count: rejected, path: folder + "/rejected.csv").text(language))
        }
        located.append(Said.workingFiles(folder).text(language))
        outcome.lines.insert(contentsOf: located, at: saidAt)
      } catch let error as ReportSet.Failure {
        outcome.lines.append(Said.folder(error).text(language))
        outcome.exitCode = ExitStatus.dataError
        return outcome
      }
      if outcomes.contains(where: { if case .duplicate = $0 { return true } else { return false } }) {
        outcome.exitCode = ExitStatus.dataError
      } else {
        outcome.exitCode = status(outcome.files, strict: false)
      }
    } catch let failure as RoundStore.Failure {
      outcome.lines.append(Said.store(failure).text(language))
      outcome.exitCode = ExitStatus.dataError
    } catch {
      outcome.lines.append(Diagnostic(file: "", message: "\(error)").description)
      outcome.exitCode = ExitStatus.dataError
    }
    return outcome
  }

  /// The workspace's working folder for a round's imports: `arbetsfiler/<round>/` beside
  /// the store (a `/` in the name, or a name of only dots, written as `%2F`, `%2E`).
  static func importWorkingFolder(store: String, round: String) -> String {
    var name = round.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "/", with: "%2F")
    if name.allSatisfy({ $0 == "." }) { name = name.replacingOccurrences(of: ".", with: "%2E") }
    return (store as NSString).deletingLastPathComponent.isEmpty
      ? "arbetsfiler/" + name : (store as NSString).deletingLastPathComponent + "/arbetsfiler/" + name
  }

  /// The definition a stored round was imported with, for a report that names none.
  static func storedDefinition(round: String, store given: String?, language: String, _ outcome: inout RunOutcome)
    -> String?
  {
    guard let store = openStore(given, language: language, &outcome) else { return nil }
    do {
      guard let (definition, _) = try store.round(round) else {
        outcome.lines.append(Said.Workspace.noRound(round: round, rounds: try store.roundNames()).text(language))
        outcome.exitCode = ExitStatus.dataError
        return nil
      }
      return definition.text
    } catch {
      outcome.lines.append(Said.store(error).text(language))
      outcome.exitCode = ExitStatus.dataError
      return nil
    }
  }

  /// `kartlagg rounds`: every round, its files with their provenance, and the totals.
  public static func listRounds(store given: String? = nil, language: String = "sv") -> RunOutcome {
    var outcome = RunOutcome()
    guard let store = openStore(given, language: language, &outcome) else { return outcome }
    func say(_ s: Said) -> String { s.text(language) }
    do {
      let names = try store.roundNames()
      if names.isEmpty { outcome.lines.append(say(.noRoundsYet)) }
      for name in names {
        guard let (definition, files) = try store.round(name) else { continue }
        outcome.lines.append(
          say(
            .roundListed(
              name: name, surveyID: definition.surveyID, sha256: definition.sha256, files: files.count,
              respondents: files.reduce(0) { $0 + $1.accepted })))
        let naming = try store.naming(round: name)
        outcome.lines.append(say(.roundPeriod(period: naming?.period, invited: naming?.invited?.count)))
        // Each file as the import summarised it, in the same words.
        for f in files {
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
          outcome.lines.append(line)
        }
      }
    } catch {
      // A damaged row: nothing of the listing is printed, only what is wrong.
      outcome.lines = [Said.store(error).text(language)]
      outcome.exitCode = ExitStatus.dataError
    }
    return outcome
  }

  public static func deleteFromStore(round: String, file: String?, store given: String? = nil, language: String = "sv")
    -> RunOutcome
  {
    var outcome = RunOutcome()
    guard let store = openStore(given, language: language, &outcome) else { return outcome }
    do {
      if try store.delete(round: round, file: file) {
        outcome.lines.append(
          (file.map { Said.deletedFile(file: $0, round: round) } ?? Said.deletedRound(round)).text(language))
      } else {
        outcome.lines.append(
          (file.map { Said.noSuchFile(file: $0, round: round) } ?? Said.noSuchRound(round)).text(language))
        outcome.exitCode = ExitStatus.dataError
      }
    } catch {
      outcome.lines.append(Said.store(error).text(language))
      outcome.exitCode = ExitStatus.dataError
    }
    return outcome
  }

  /// `kartlagg delete --comments`: every kept comment, or one round's, out of the store and
  /// out of its file.
  public static func deleteComments(round: String?, store given: String? = nil, language: String = "sv")
    -> RunOutcome
  {
    var outcome = RunOutcome()
    guard let store = openStore(given, language: language, &outcome) else { return outcome }
    do {
      if let round, try store.round(round) == nil {
        outcome.lines.append(Said.noSuchRound(round).text(language))
        outcome.exitCode = ExitStatus.dataError
        return outcome
      }
      let deleted = try store.deleteComments(round: round)
      outcome.lines.append(Said.commentsDeleted(count: deleted, round: round).text(language))
    } catch {
      outcome.lines.append(Said.store(error).text(language))
      outcome.exitCode = ExitStatus.dataError
    }
    return outcome
  }

  /// The figures of every round before `round` (rounds in name order), oldest first, each
  /// as it was published: its last recorded publication's figures, else its figures at its
  /// own survey's minimum (kept at import, or made again from its tallies). Never at this
  /// report's `--min-group`: a group hidden in that round stays hidden. Nil when there is
  /// no earlier round. A store that is refused, or a damaged row, is the failure.
  static func earlierRounds(round: String, store given: String?) -> Result<EarlierRounds?, RoundStore.Failure> {
    Result { () throws(RoundStore.Failure) in try earlierRoundsOrNil(round, given) }
  }

  typealias EarlierRounds = [(name: String, figures: RoundFigures)]

  private static func earlierRoundsOrNil(_ round: String, _ given: String?) throws(RoundStore.Failure)
    -> EarlierRounds?
  {
    guard let path = storePath(given) else { return nil }
    let store = try RoundStore.open(at: path)
    let names = try store.roundNames()
    guard let i = names.firstIndex(of: round), i > 0 else { return nil }
    var earlier: [(name: String, figures: RoundFigures)] = []
    for name in names[..<i] {
      if let last = (try? store.publications(round: name))?.last,
        let figures = try? RoundFigures(encoded: last.figures)
      {
        earlier.append((name, figures))
        continue
      }
      guard let (definition, records) = try store.round(name),
        let survey = try? SurveyLoader.load(yaml: definition.text)
      else { return nil }
      if let kept = try store.figures(round: name), kept.minimumGroupSize == survey.minimumGroupSize,
        let figures = try? RoundFigures(encoded: kept.bytes)
      {
        earlier.append((name, figures))
        continue
      }
      guard let figures = roundFigures(records.map(\.tally), survey: survey, minimumGroupSize: nil) else { return nil }
      earlier.append((name, figures))
    }
    return earlier
  }

  /// The round's recorded publications, checked against this report's layout; nil (with the
  /// error in `outcome`) when one cannot be read: a report is never made without them.
  static func publications(
    of round: String, layout: TallyLayout, store given: String?, _ language: String, _ outcome: inout RunOutcome
  ) -> [(date: String, publication: Publication)]? {
    guard let store = openStore(given, language: language, &outcome) else { return nil }
    do {
      return try store.publications(round: round).map { record in
        // One made before "okänd kommun" was a place is moved onto today's cells.
        guard let publication = try Publication(encoded: record.shown).fitted(to: layout) else {
          throw Publication.DecodingError(
            description: "publication \(record.id) of \(record.date) was made with other municipalities or groups")
        }
        return (record.date, publication)
      }
    } catch let error as RoundStore.Failure {
      outcome.lines.append(Said.publicationsUnreadable(round: round, reason: error.description).text(language))
    } catch {
      outcome.lines.append(Said.publicationsUnreadable(round: round, reason: "\(error)").text(language))
    }
    outcome.exitCode = ExitStatus.dataError
    return nil
  }

  /// Records what `analysis` shows as a publication of `round`: the store and the record's id.
  static func recordPublication(_ analysis: GapResults, round: String, store given: String?) throws -> (
    store: RoundStore, id: Int64, date: String
  ) {
    guard let path = storePath(given) else { throw RoundStore.Failure(description: "no store") }
    let store = try RoundStore.open(at: path)
    let survey = analysis.survey
    var respondents: [String: Int] = [:]
    for (scope, n) in analysis.respondents { respondents[scope.id(in: survey)] = n }
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    let record = RoundStore.PublicationRecord(
      date: formatter.string(from: Date()), minimumGroupSize: analysis.minimumGroupSize, respondents: respondents,
      shown: analysis.publication.encoded(), figures: RoundFigures(analysis).encoded())
    return (store, try store.recordPublication(record, round: round), record.date)
  }

  /// The follow-up of a round against the rounds before it (`earlierRounds`): the changes
  /// since the last of them, of items and of groups (the tables and the pages need them).
  static func changes(_ analysis: GapResults, earlier: [(name: String, figures: RoundFigures)]) -> (
    changes: [Scope: [ItemChange]], groupChanges: [Scope: [GroupChange]]
  ) {
    let previous = earlier.last!.figures
    let changes = FollowUp.changes(analysis, since: previous)
    return (changes, FollowUp.groupChanges(analysis, changes, since: previous))
  }

  /// What the pages add to the changes: the items the last earlier round does not compare,
  /// and every round's gaps.
  static func history(_ analysis: GapResults, round: String, earlier: [(name: String, figures: RoundFigures)]) -> (
    notCompared: FollowUp.NotCompared, series: FollowUp.Series
  ) {
    (
      FollowUp.notCompared(analysis, since: earlier.last!.figures),
      FollowUp.series(analysis, round: round, earlier: earlier)
    )
  }

  /// The figures a round's report shows, from its files' tallies; nil when a tally does
  /// not fit the definition.
  static func roundFigures(_ tallies: [[UInt8]], survey: Survey, minimumGroupSize: Int?) -> RoundFigures? {
    let layout = TallyLayout(survey: survey)
    var tally = Tally(layout: layout)
    for bytes in tallies {
      guard (try? tally.add(encoded: bytes)) != nil else { return nil }
    }
    return RoundFigures(Analysis.run(tally, minimumGroupSize: minimumGroupSize))
  }

  /// A round's merged tally and its files' reports as the store keeps them, for `report`.
  static func storedRound(
    _ round: String, survey: Survey, surveyPath: String?, layout: TallyLayout, store given: String?,
    comments: Bool = false, language: String = "sv", _ outcome: inout RunOutcome
  ) -> (files: [FileReport], tally: Tally)? {
    guard let store = openStore(given, language: language, &outcome) else { return nil }
    do {
      guard let (definition, records) = try store.round(round) else {
        outcome.lines.append(
          Said.Workspace.noRound(round: round, rounds: try store.roundNames()).text(language))
        outcome.exitCode = ExitStatus.dataError
        return nil
      }
      // Only what the figures depend on must be the same; report settings, the period and
      // the invited counts may have changed since the import (the report uses them as given now).
      guard survey.id == definition.surveyID,
        (definition.identity ?? figureIdentity(ofStored: definition.text)) == survey.figureIdentity
      else {
        outcome.lines.append(
          Said.Workspace.otherDefinition(round: round, path: surveyPath ?? "").text(language))
        outcome.exitCode = ExitStatus.dataError
        return nil
      }
      var tally = Tally(layout: layout, keepTexts: comments)
      if comments {
        // The comments kept at import (`--keep-comments`), as a report from the files has them.
        let kept = try store.comments(round: round)
        if kept.isEmpty { outcome.lines.append(Said.noCommentsKept(round: round).text(language)) }
        for c in kept {
          tally.keep(c.text, at: Tally.TextKey(municipality: c.municipality, section: c.section, item: c.item))
        }
      }
      var files: [FileReport] = []
      for record in records {
        // One count per place of the definition the round was imported with, the
        // county-wide and okänd kommun (a file stored before okänd kommun has no count for it).
        let municipalities = survey.county.municipalities.count
        guard
          let perPlace = FileReport.withPlaces(record.acceptedPerMunicipality, municipalityCount: municipalities)
        else {
          throw RoundStore.Failure(
            .damaged(
              RoundStore.Damage(
                table: "file", row: record.id, column: "accepted_per_municipality",
                flaw: .notItsLength(expected: municipalities + 2))), path: store.path)
        }
        try tally.add(encoded: record.tally)
        var report = FileReport(file: record.name, municipalityCount: survey.county.municipalities.count)
        (report.read, report.accepted, report.rejected) = (record.read, record.accepted, record.rejected)
        report.headerLines = record.headerLines
        report.acceptedPerMunicipality = perPlace
        report.unknownGroup = record.unknownGroup ?? 0
        report.stored = FileReport.StoredCounts(reasons: record.rejectedReasons, problems: record.problems)
        files.append(report)
      }
      return (files, tally)
    } catch let failure as RoundStore.Failure {
      outcome.lines.append(Said.store(failure).text(language))
      outcome.exitCode = ExitStatus.dataError
      return nil
    } catch {
      outcome.lines.append("error: \(error)")
      outcome.exitCode = ExitStatus.dataError
      return nil
    }
  }
}
