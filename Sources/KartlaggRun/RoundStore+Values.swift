import GapAnalysis
import Ingest
import RoundStore
import SurveyModel

/// The store's bytes as the values they encode: a round's merged `Tally`, its files'
/// accounting, its `RoundFigures`. Here rather than in RoundStore, which knows nothing of
/// GapAnalysis: the store keeps bytes, and this is the one place they are decoded.
extension RoundStore {
  /// A stored round as a report reads it: its files' accounting and their merged tally.
  public struct StoredTally: Sendable {
    /// Each file's accounting as its import kept it.
    public var files: [FileReport]
    /// The files' tallies added into one (with the kept comments, when asked for).
    public var tally: Tally
    /// Their respondents' prints; nil when a file was stored without them (before store
    /// format 11).
    public var prints: RowPrints?
    /// The files' records as read, for the comparison with other rounds before publishing.
    public var records: [FileRecord] = []
  }

  /// The files of `records` (a round's, read with `round(_:)`) added into one tally of
  /// `survey`'s layout, each with its accounting as a `FileReport`; `comments`: the round's
  /// kept free text too. Throws when a file's counts or tally do not fit the survey.
  public func tally(
    of records: [FileRecord], round: String, survey: Survey, layout: TallyLayout, comments: Bool
  ) throws -> StoredTally {
    var tally = Tally(layout: layout, keepTexts: comments)
    if comments {
      // The comments kept at import (`--keep-comments`), as a report from the files has them.
      for c in try self.comments(round: round) {
        tally.keep(c.text, at: Tally.TextKey(municipality: c.municipality, section: c.section, item: c.item))
      }
    }
    var files: [FileReport] = []
    var prints: RowPrints? = RowPrints()
    let municipalities = survey.county.municipalities.count
    for record in records {
      // One count per place of the definition the round was imported with, the
      // county-wide and okänd kommun (a file stored before okänd kommun has no count for it).
      guard let report = FileReport(record, municipalityCount: municipalities) else {
        throw Failure(
          .damaged(
            Damage(
              table: "file", row: record.id, column: "accepted_per_municipality",
              flaw: .notItsLength(expected: municipalities + 2))), path: path)
      }
      try tally.add(encoded: record.tally)
      if let bytes = record.rowPrints, prints != nil {
        prints?.merge(try RowPrints(encoded: bytes))
      } else {
        prints = nil
      }
      files.append(report)
    }
    return StoredTally(files: files, tally: tally, prints: prints, records: records)
  }

  /// The figures a round's report shows, from its files' stored tallies; nil when a tally
  /// does not fit the definition.
  public static func roundFigures(_ tallies: [[UInt8]], survey: Survey, minimumGroupSize: Int? = nil)
    -> RoundFigures?
  {
    let layout = TallyLayout(survey: survey)
    var tally = Tally(layout: layout)
    for bytes in tallies {
      guard (try? tally.add(encoded: bytes)) != nil else { return nil }
    }
    return RoundFigures(Analysis.run(tally, minimumGroupSize: minimumGroupSize))
  }

  /// The figures of round `name` as it was published: its last recorded publication's
  /// figures, else its figures at its own survey's minimum (kept at import, or made again
  /// from its tallies). Nil when neither can be read (a definition that no longer loads).
  public func publishedFigures(round name: String) throws(Failure) -> RoundFigures? {
    if let last = (try? publications(round: name))?.last, let figures = try? RoundFigures(encoded: last.figures) {
      return figures
    }
    guard let (definition, records) = try round(name), let survey = try? SurveyLoader.load(yaml: definition.text)
    else { return nil }
    if let kept = try figures(round: name), kept.minimumGroupSize == survey.minimumGroupSize,
      let figures = try? RoundFigures(encoded: kept.bytes)
    {
      return figures
    }
    return Self.roundFigures(records.map(\.tally), survey: survey)
  }

  /// The round's recorded publications, each fitted to `layout` (one made before "okänd
  /// kommun" was a place is moved onto today's cells).
  public func publications(round: String, layout: TallyLayout) throws -> [(date: String, publication: Publication)] {
    try publications(round: round).map { record in
      guard let publication = try Publication(encoded: record.shown).fitted(to: layout) else {
        throw Publication.DecodingError.otherPlaces(id: record.id, date: record.date)
      }
      return (record.date, publication)
    }
  }
}

extension FileReport {
  /// A stored file's accounting as its import kept it: the counts (rows rejected per
  /// reason, answers that could not be read), never the rows or problems themselves, since
  /// a store holds no respondent's cells. Nil when its per-place counts fit neither the
  /// definition's places nor those of a round stored before blank municipalities were
  /// counted (one count fewer: none in okänd kommun).
  init?(_ record: RoundStore.FileRecord, municipalityCount: Int) {
    let perPlace: [Int]
    switch record.acceptedPerMunicipality.count {
    case municipalityCount + 2: perPlace = record.acceptedPerMunicipality
    case municipalityCount + 1: perPlace = record.acceptedPerMunicipality + [0]
    default: return nil
    }
    self.init(file: record.name, municipalityCount: municipalityCount)
    (read, accepted, rejected) = (record.read, record.accepted, record.rejected)
    headerLines = record.headerLines
    acceptedPerMunicipality = perPlace
    unknownGroup = record.unknownGroup ?? 0
    problemCount = record.problems
    rejectedReasons = record.rejectedReasons
  }
}
