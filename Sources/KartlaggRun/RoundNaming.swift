import Foundation
import GapAnalysis
import Ingest
import LibCSV
import RoundStore
import SourceDiagnostics
import SurveyModel

/// A round's own period and invited counts (`import`/`rounds --period --invited`): the
/// invited file read, and the survey as a stored round reports it.
extension Run {
  /// Reads an `--invited` file (through libcsv): the columns `kommun` (a municipality's
  /// name, spelling or code), optionally one named by a dimension's id (`organisation`:
  /// the count is then of that value) and `inbjudna` (a whole number). Every problem is a
  /// compiler-style line naming file, line and column, in `language`: with any, the
  /// problem is `RunProblem.invited` (round `round` not changed). The one reading of an
  /// invited file, for `import --invited` and `rounds --round R --invited`.
  static func readInvited(_ path: String, survey: Survey, round: String, language: Language) throws(RunProblem)
    -> [String: RoundStore.InvitedCounts]
  {
    var problems: [String] = []
    let places = survey.county.municipalities + [survey.county.countyWide]
    var byKey: [String: Int] = [:]
    for (i, place) in places.enumerated() {
      for text in [place.code, place.name] + place.spellings {
        byKey[HeaderKey.normalize(text)] = byKey[HeaderKey.normalize(text)] ?? i
      }
    }
    var header: (place: Int, dimension: (column: Int, index: Int)?, count: Int)?
    var totals: [Int: Int] = [:]
    var byValue: [Int: (dimension: Int, counts: [Int: Int])] = [:]
    var seen: [String: Int] = [:]
    func problem(_ line: Int, _ column: Int, _ said: Said) {
      problems.append(Diagnostic(file: path, line: line, column: column, message: said.text(language)).description)
    }
    do {
      let reader = try CSVReader(path: path)
      try reader.forEachRecord { record in
        let cells = record.strings()
        if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { return }
        guard let columns = header else {
          let keys = cells.map { HeaderKey.normalize($0) }
          let place = keys.firstIndex(of: HeaderKey.normalize("kommun"))
          let count = keys.firstIndex(of: HeaderKey.normalize("inbjudna"))
          var dimension: (Int, Int)?
          var unknown: [String] = []
          for (c, key) in keys.enumerated() where c != place && c != count {
            if let d = survey.dimensions.firstIndex(where: { HeaderKey.normalize($0.id) == key }), dimension == nil {
              dimension = (c, d)
            } else {
              unknown.append(cells[c])
            }
          }
          guard let place, let count, unknown.isEmpty else {
            problem(
              record.line, 1,
              .invitedHeader(
                found: cells.joined(separator: ", "), dimensions: survey.dimensions.map(\.id).joined(separator: ", ")))
            throw StopReading()
          }
          header = (place, dimension, count)
          return
        }
        func cell(_ c: Int) -> String { c < cells.count ? cells[c].trimmingCharacters(in: .whitespaces) : "" }
        let name = cell(columns.place)
        guard let p = byKey[HeaderKey.normalize(name)] else {
          let candidates = places.map(\.name)
          problem(
            record.line, columns.place + 1,
            .invitedUnknownMunicipality(name, suggestion: Suggestion.nearest(to: name, in: candidates)))
          return
        }
        guard let count = Int(cell(columns.count)), (0...10_000_000).contains(count) else {
          problem(record.line, columns.count + 1, .invitedNotACount(cell(columns.count)))
          return
        }
        var value: Int?
        var key = "\(p)"
        if let (c, d) = columns.dimension, !cell(c).isEmpty {
          let dimension = survey.dimensions[d]
          let given = HeaderKey.normalize(cell(c))
          guard
            let v = dimension.values.firstIndex(where: { value in
              ([value.id, value.label] + value.spellings).contains { HeaderKey.normalize($0) == given }
            })
          else {
            problem(
              record.line, c + 1,
              .invitedUnknownValue(
                cell(c), dimension: dimension.id, values: dimension.values.map(\.id).joined(separator: ", ")))
            return
          }
          value = v
          key += "/\(v)"
        }
        if let line = seen[key] {
          problem(record.line, columns.place + 1, .invitedTwice(places[p].name, firstLine: line))
          return
        }
        seen[key] = record.line
        if let value, let (_, d) = columns.dimension {
          guard totals[p] == nil else {
            problem(record.line, columns.place + 1, .invitedTotalAndGroups(places[p].name))
            return
          }
          byValue[p, default: (d, [:])].counts[value] = count
        } else {
          guard byValue[p] == nil else {
            problem(record.line, columns.place + 1, .invitedTotalAndGroups(places[p].name))
            return
          }
          totals[p] = count
        }
      }
    } catch is StopReading {
    } catch let error as CSVError {
      // libcsv's refusal in the run's words, as an export's is said (`IngestPhrase.csv`).
      problems.append(
        Diagnostic(file: path, line: error.line, message: error.message(in: language)).description)
    } catch {
      problems.append(Diagnostic(file: path, message: message(of: error, in: language)).description)
    }
    if header == nil && problems.isEmpty {
      problem(1, 1, .invitedHeader(found: "", dimensions: survey.dimensions.map(\.id).joined(separator: ", ")))
    }
    guard problems.isEmpty else { throw .invited(problems: problems, round: round) }
    var invited: [String: RoundStore.InvitedCounts] = [:]
    for (p, total) in totals { invited[places[p].code] = RoundStore.InvitedCounts(total: total) }
    for (p, groups) in byValue {
      let dimension = survey.dimensions[groups.dimension]
      invited[places[p].code] = RoundStore.InvitedCounts(
        dimension: dimension.id,
        counts: Dictionary(uniqueKeysWithValues: groups.counts.map { (dimension.values[$0.key].id, $0.value) }))
    }
    return invited
  }

  struct StopReading: Error {}

  /// The survey as a stored round reports it: the round's own period and, when it has
  /// them, its own invited counts (in place of every count the survey gives). The naming
  /// says which period it is.
  static func survey(_ survey: Survey, as naming: RoundStore.RoundNaming?, round: String) -> (Survey, ReportNaming) {
    var survey = survey
    let ownPeriod = naming?.period
    if let ownPeriod { survey.period = ownPeriod }
    if let invited = naming?.invited {
      func counts(_ place: Municipality) -> Invited? {
        guard let entry = invited[place.code] else { return nil }
        if let total = entry.total { return Invited(total: total) }
        guard let id = entry.dimension, let d = survey.dimensions.firstIndex(where: { $0.id == id }),
          let given = entry.counts
        else { return nil }
        let counts = survey.dimensions[d].values.map { given[$0.id] }
        return Invited(total: counts.reduce(0) { $0 + ($1 ?? 0) }, byGroup: (d, counts))
      }
      for m in survey.county.municipalities.indices {
        survey.county.municipalities[m].invited = counts(survey.county.municipalities[m])
      }
      survey.county.countyWide.invited = counts(survey.county.countyWide)
    }
    return (
      survey,
      ReportNaming(
        round: ReportNaming.Round(name: round, period: ownPeriod), period: survey.period,
        periodIsTheSurveys: ownPeriod == nil)
    )
  }
}
