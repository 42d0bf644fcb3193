import Foundation
import SeededRandom
import SourceDiagnostics
import Spreadsheet
import SurveyModel
import TestSurveys
import Testing

@testable import Ingest

/// SPSS files (.sav, .zsav) read through ReadStat: value labels, user-missing values and
/// long strings. The files are made by Fixtures/sav/make_sav.py with pyreadstat.
@Suite struct SavTests {
  func slot(_ survey: Survey, _ column: String) throws -> Int {
    try #require(survey.slots.firstIndex { $0.location.column == column })
  }

  /// edge.sav, by hand: kommun 1 and 2 are labelled Kalmar and Högsby; behov_komplexa_nu
  /// is coded in reverse, so case 1's 1 ("Stämmer helt") is the scale point 5; case 2's 9
  /// is labelled "Okänd kod", no scale label, so it is read as 9, outside the scale (a
  /// problem, no answer); case 3's 95 lies in the user-missing range 90–99 (no answer).
  /// behov_komplexa_onskat carries the scale's own labels: 5, 4, 3. Case 1's free text is
  /// 300 characters long.
  @Test(.tags(.threads)) func valueLabelsMissingValuesAndLongStrings() throws {
    let survey = try countySurvey()
    var consumer = CollectingConsumer()
    let report = try Ingest.file(
      fixturePath("sav/edge.sav"), plan: IngestPlan(survey: survey), options: .english, into: &consumer)
    #expect(report.imported, "\(report.diagnostics)")
    #expect((report.read, report.accepted, report.rejected) == (3, 3, 0))
    let kalmar = try #require(survey.county.municipalities.firstIndex { $0.name == "Kalmar" })
    let hogsby = try #require(survey.county.municipalities.firstIndex { $0.name == "Högsby" })
    #expect(consumer.responses.map(\.municipality) == [kalmar, hogsby, kalmar])
    let now = try slot(survey, "behov_komplexa_nu")
    let wanted = try slot(survey, "behov_komplexa_onskat")
    #expect(consumer.responses.map { $0.value(now) } == [5, nil, nil])
    #expect(consumer.responses.map { $0.value(wanted) } == [5, 4, 3])
    #expect(report.problems.count == 1)
    // Lines 1 and 2 are the header (names, and labels however few), so case 2 is line 4.
    // Quoted by its code and its label (issue 23): the cell holds the code, 9, because the
    // survey does not know its label.
    #expect(report.problems.first?.value == "9 (Okänd kod)" && report.problems.first?.line == 4)
    #expect(
      report.problems.first?.message(language: .en)
        == "'9 (Okänd kod)' is outside the scale 1–5; the answer counts as not given")
    #expect(consumer.responses[0].texts.first?.text == String(repeating: "x", count: 300))
  }

  /// haven.sav and haven.zsav, written by R's haven (Fixtures/sav/make_haven.R), by hand:
  /// kommun 1, 2, 1, 2 labelled Kalmar and Högsby; behov_komplexa_nu reverse-coded, so
  /// 1 ("Stämmer helt") is 5 and 3 ("Stämmer delvis") is 3, 9 ("Okänd kod") is read as 9
  /// and is a problem, −99 is declared missing; behov_komplexa_onskat 5, 4, then 95 in the
  /// missing range 90–99, then 2; a 400-character free text (a very long string in SPSS).
  @Test(arguments: ["haven.sav", "haven.zsav"])
  func filesWrittenByHaven(name: String) throws {
    let survey = try countySurvey()
    var consumer = CollectingConsumer()
    let report = try Ingest.file(
      fixturePath("sav/" + name), plan: IngestPlan(survey: survey), options: .english, into: &consumer)
    #expect((report.read, report.accepted, report.rejected) == (4, 4, 0), "\(report.diagnostics)")
    let kalmar = try #require(survey.county.municipalities.firstIndex { $0.name == "Kalmar" })
    let hogsby = try #require(survey.county.municipalities.firstIndex { $0.name == "Högsby" })
    #expect(consumer.responses.map(\.municipality) == [kalmar, hogsby, kalmar, hogsby])
    #expect(consumer.responses.map { $0.value(try! slot(survey, "behov_komplexa_nu")) } == [5, nil, nil, 3])
    #expect(consumer.responses.map { $0.value(try! slot(survey, "behov_komplexa_onskat")) } == [5, 4, nil, 2])
    #expect(consumer.responses.map { $0.dimensions } == [[0, 0], [1, 1], [2, 2], [0, 0]])
    // Quoted by its code and its label (make_haven.R: "Okänd kod" = 9).
    #expect(report.problems.map(\.value) == ["9 (Okänd kod)"])
    #expect(consumer.responses[0].texts.first?.text == String(repeating: "y", count: 400))
  }

  /// A header whose case count is −1 (not known) or 5, in a file of 18 cases
  /// (Fixtures/sav/make_casecount.py: examples/borgholm.sav with only those 4 bytes
  /// changed): all 18 are read, as from borgholm.sav itself (pyreadstat 1.3.7 reads 18
  /// rows of it, `len(pyreadstat.read_sav(path, output_format="dict")[0]["kommun"])`, and
  /// of unknown.sav, but 5 of five.sav), and a count that disagrees is said, in both
  /// languages.
  @Test(arguments: ["unknown.sav", "five.sav"])
  func everyCaseIsReadWhateverTheHeaderSays(name: String) throws {
    let survey = try countySurvey()
    var whole = CollectingConsumer()
    let borgholm = fixturePath("sav/examples/borgholm.sav")
    let original = try Ingest.file(borgholm, plan: IngestPlan(survey: survey), options: .english, into: &whole)
    #expect((original.read, original.accepted) == (18, 18))
    for language in [Language.en, .sv] {
      var options = IngestOptions.english
      options.language = language
      var consumer = CollectingConsumer()
      let path = fixturePath("sav/casecount/" + name)
      let report = try Ingest.file(path, plan: IngestPlan(survey: survey), options: options, into: &consumer)
      #expect(report.imported, "\(report.diagnostics)")
      #expect((report.read, report.accepted, report.rejected) == (18, 18, 0))
      #expect(consumer.responses == whole.responses)
      let warnings = report.diagnostics.filter { $0.severity == .warning && $0.line == 0 }.map(\.message)
      let said =
        language == .en
        ? "the file's header says 5 cases, but the file holds 18; all 18 were read (export it again if that is wrong)"
        : "filhuvudet säger 5 fall, men filen har 18; alla 18 lästes (exportera filen igen om det inte stämmer)"
      // −1 is the format's "not known": nothing to say.
      #expect(warnings == (name == "five.sav" ? [said] : []), "\(report.diagnostics)")
    }
  }

  /// A header that counts more cases than the file holds (borgholm.sav's 18, said to be
  /// 30): the file was cut short, and is not imported; every row is accounted for.
  @Test func moreCasesInTheHeaderThanInTheFile() throws {
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixturePath("sav/examples/borgholm.sav"))))
    #expect(bytes[80..<84] == [18, 0, 0, 0])
    bytes[80] = 30
    let path = NSTemporaryDirectory() + "kartlagg-thirty-\(getpid()).sav"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    var consumer = CollectingConsumer()
    let report = try Ingest.file(path, plan: IngestPlan(survey: try countySurvey()), options: .english, into: &consumer)
    #expect(!report.imported && report.read == report.accepted + report.rejected)
    #expect(
      report.failure?.message.hasSuffix(
        "the file's header says 30 cases, but the file holds only 18: it is cut short or damaged; export it again")
        == true, "\(String(describing: report.failure))")
  }

  /// An SPSS value the survey cannot use is quoted by both its code and its label, in
  /// every message, whichever of them the cell holds (issue 23). labels.sav's kommun is
  /// 1 "Kalmar", 2 "Högsby" (pyreadstat's reading above); case 2 (line 4) is 2. With
  /// Högsby no municipality of the survey but a spelling of one of its groups, the label
  /// is known and the cell holds it; with Högsby unknown, the cell holds the code. Before:
  /// "unknown municipality 'Högsby'" in one and "unknown municipality '2'" in the other.
  @Test(arguments: [true, false])
  func anUnknownValueIsQuotedByItsCodeAndItsLabel(labelKnown: Bool) throws {
    var yaml = try codesYAML().replacingOccurrences(of: "    - { code: \"0821\", name: Högsby }\n", with: "")
    if labelKnown { yaml = yaml.replacingOccurrences(of: "spellings: [Region]", with: "spellings: [Region, Högsby]") }
    let survey = try SurveyLoader.load(yaml: yaml, path: "codes.yaml")
    #expect(!survey.county.municipalities.contains { $0.name == "Högsby" })
    let path = fixturePath("sav/labels/labels.sav")
    #expect(try streamed(path, survey)[3].hasPrefix(labelKnown ? "r2,Högsby," : "r2,2,"))
    var consumer = CollectingConsumer()
    let report = try Ingest.file(path, plan: IngestPlan(survey: survey), options: .english, into: &consumer)
    let row = try #require(report.rejectedRows.first { $0.line == 4 })
    #expect(row.reason.message(language: .en).hasPrefix("unknown municipality '2 (Högsby)'"), "\(row.reason)")
    #expect(row.reason.message(language: .sv).hasPrefix("okänd kommun '2 (Högsby)'"), "\(row.reason)")
  }

  // MARK: Files as the tools write them (issue 23, points 2, 3, 5, 6 and 8)

  /// mini (TestSurveys) with its scale's no-answer given by the codes 8 and 9 only, as a
  /// survey tool's codebook says it; "Vet ej" stays a no-answer label of the choice c.
  func codesSurvey() throws -> Survey {
    try SurveyLoader.load(yaml: try codesYAML(), path: "codes.yaml")
  }

  func codesYAML() throws -> String {
    let yaml = TestSurveys.mini.replacingOccurrences(of: "labels: [Vet ej, Ej aktuellt]", with: "labels: [Ej aktuellt]")
      .replacingOccurrences(of: #"codes: ["-1", "-99", ".", ".."]"#, with: #"codes: ["8", "9"]"#)
    #expect(yaml != TestSurveys.mini)
    return yaml
  }

  /// The CSV an SPSS file streams as for `survey`, whole.
  func streamed(_ path: String, _ survey: Survey) throws -> [String] {
    let known = Ingest.knownLabels(survey)
    let noAnswer = Ingest.noAnswerOnlyLabels(survey)
    let source = SavSource(
      path: path, language: .en, knownLabel: { known.contains(HeaderKey.normalize($0)) },
      noAnswerLabel: { noAnswer.contains(HeaderKey.normalize($0)) })
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
      if n == 0 { break }
      bytes += buffer[..<n]
    }
    return String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(
      String.init)
  }

  /// labels.sav and labels.zsav (Fixtures/sav/make_labels.py, pyreadstat 1.3.8): every
  /// variable labelled, values labelled, case 4 missing in every variable. pyreadstat's
  /// reading (`python3 make_labels.py labels read`, kept in labels/pyreadstat-reading.txt):
  ///
  ///     == labels.sav: 4 cases
  ///     names:  ['respondent_id', 'kommun', 'organisation', 'a_nu', 'fraga7', 'b_nu',
  ///              'b_onskat', 'c', 'd']
  ///     labels: ['Respondentens id', 'Vilken kommun arbetar du i?',
  ///              'Organisation där du arbetar', 'Vi möts regelbundet – Nuläge',
  ///              'Vi möts regelbundet – Önskat läge', 'Vi delar information – Nuläge',
  ///              'Vi delar information – Önskat läge', 'Finns en rutin?', 'Vad saknas?']
  ///     value labels: kommun {1.0: 'Kalmar', 2.0: 'Högsby'}; a_nu, fraga7, b_nu, b_onskat
  ///              the scale's five labels, 8.0: 'Vet ej', 9.0: 'Ingen uppgift'
  ///     ['r1', 1.0, 'Region', 4.0, 5.0, 1.0, 2.0, 'Ja', 'Mer tid']
  ///     ['r2', 2.0, 'Kommun', 8.0, 3.0, 2.0, 3.0, 'Nej', '']
  ///     ['r3', 1.0, 'Kommun', 9.0, 2.0, 8.0, 4.0, 'Ja', 'Ett forum']
  ///     ['', nan, '', nan, nan, nan, nan, '', '']
  ///
  /// The labels name only 3 of mini's columns, the names 8: before, the label row was
  /// read as a respondent ("unknown municipality 'Vilken kommun arbetar du i?'").
  /// So: 4 respondents (point 2: the label row is header; point 8: case 4 is one), the
  /// labels the survey knows as written, 8 "Vet ej" (a no-answer label only) empty and
  /// 9 "Ingen uppgift" (unknown) the code 9 (point 5); fraga7 is the item a's desired
  /// state by its label alone (point 3).
  @Test(arguments: ["labels.sav", "labels.zsav"])
  func labelledFileAsPyreadstatReadsIt(name: String) throws {
    let survey = try codesSurvey()
    let path = fixturePath("sav/labels/" + name)
    #expect(
      try streamed(path, survey) == [
        "respondent_id,kommun,organisation,a_nu,fraga7,b_nu,b_onskat,c,d",
        "Respondentens id,Vilken kommun arbetar du i?,Organisation där du arbetar,Vi möts regelbundet – Nuläge,"
          + "Vi möts regelbundet – Önskat läge,Vi delar information – Nuläge,Vi delar information – Önskat läge,"
          + "Finns en rutin?,Vad saknas?",
        "r1,Kalmar,Region,Stämmer ganska bra,Stämmer helt,Stämmer inte alls,Stämmer dåligt,Ja,Mer tid",
        "r2,Högsby,Kommun,,Stämmer delvis,Stämmer dåligt,Stämmer delvis,Nej,",
        "r3,Kalmar,Kommun,9,Stämmer dåligt,,Stämmer ganska bra,Ja,Ett forum",
        ",,,,,,,,",
        "",
      ])
    let slot = { (column: String) in survey.slots.firstIndex { $0.location.column == column }! }
    var consumer = CollectingConsumer()
    let report = try Ingest.file(path, plan: IngestPlan(survey: survey), options: .english, into: &consumer)
    #expect(report.imported, "\(report.diagnostics)")
    #expect(report.headerLines == [1, 2])
    // Case 4 has no municipality: a respondent of okänd kommun (issue 23 point 7), who
    // answered nothing.
    #expect((report.read, report.accepted, report.rejected, report.blankRecords) == (4, 4, 0, 0))
    #expect(report.rejectedRows.isEmpty && report.unknownMunicipality == 1)
    #expect(consumer.responses.map(\.municipality) == [0, 1, 0, -1])
    #expect(consumer.responses.map { $0.value(slot("a_nu")) } == [4, nil, nil, nil])
    #expect(consumer.responses.map { $0.value(slot("a_onskat")) } == [5, 3, 2, nil])
    #expect(consumer.responses.map { $0.value(slot("b_nu")) } == [1, 2, nil, nil])
    #expect(report.problems.isEmpty, "\(report.problems.map { $0.message(language: .en) })")
    #expect(!report.diagnostics.contains { $0.message.contains("a_onskat") }, "\(report.diagnostics)")

    // With the municipality given for the file, all 4 cases are respondents.
    var options = IngestOptions.english
    options.municipalities = [name: "Kalmar"]
    var all = CollectingConsumer()
    let given = try Ingest.file(path, plan: IngestPlan(survey: survey), options: options, into: &all)
    #expect((given.read, given.accepted, given.rejected) == (4, 4, 0), "\(given.diagnostics)")
    #expect(all.responses.map { $0.value(slot("a_onskat")) } == [5, 3, 2, nil])
  }

  /// labels.por, the same cases as a portable file (names of 8 characters, ASCII labels,
  /// no value labels), read as pyreadstat 1.3.8 reads it (`read_por`, the same file):
  ///
  ///     == labels.por: 4 cases
  ///     names:  ['RESP_ID', 'KOMMUN', 'ORGANIS', 'A_NU', 'FRAGA7', 'B_NU', 'B_ONSKAT', 'C', 'D']
  ///     labels: ['Respondentens id', 'Vilken kommun arbetar du i?', 'Organisation',
  ///              'Vi mots regelbundet - Nulage', 'Vi mots regelbundet - Onskat lage',
  ///              'Vi delar information - Nulage', 'Vi delar information - Onskat lage',
  ///              'Finns en rutin?', 'Vad saknas?']
  ///     value labels: {}
  ///     ['r1', 1.0, 'Region', 4.0, 5.0, 1.0, 2.0, 'Ja', 'Mer tid']
  ///     ['r2', 2.0, 'Kommun', 8.0, 3.0, 2.0, 3.0, 'Nej', '']
  ///     ['r3', 1.0, 'Kommun', 9.0, 2.0, 8.0, 4.0, 'Ja', 'Ett forum']
  ///     ['', nan, '', nan, nan, nan, nan, '', '']
  @Test func portableFileAsPyreadstatReadsIt() throws {
    let survey = try codesSurvey()
    let path = fixturePath("sav/labels/labels.por")
    #expect(
      try streamed(path, survey) == [
        "RESP_ID,KOMMUN,ORGANIS,A_NU,FRAGA7,B_NU,B_ONSKAT,C,D",
        "Respondentens id,Vilken kommun arbetar du i?,Organisation,Vi mots regelbundet - Nulage,"
          + "Vi mots regelbundet - Onskat lage,Vi delar information - Nulage,Vi delar information - Onskat lage,"
          + "Finns en rutin?,Vad saknas?",
        "r1,1,Region,4,5,1,2,Ja,Mer tid",
        "r2,2,Kommun,8,3,2,3,Nej,",
        "r3,1,Kommun,9,2,8,4,Ja,Ett forum",
        ",,,,,,,,",
        "",
      ])
    var options = IngestOptions.english
    options.municipalities = ["labels.por": "Kalmar"]
    var consumer = CollectingConsumer()
    let report = try Ingest.file(path, plan: IngestPlan(survey: survey), options: options, into: &consumer)
    #expect(report.imported, "\(report.diagnostics)")
    #expect((report.read, report.accepted, report.rejected) == (4, 4, 0), "\(report.diagnostics)")
    // The municipality and the organisation by their labels; 8 and 9 the no-answer codes.
    let a = survey.slots.firstIndex { $0.location.column == "a_nu" }!
    let b = survey.slots.firstIndex { $0.location.column == "b_nu" }!
    #expect(consumer.responses.map { $0.value(a) } == [4, nil, nil, nil])
    #expect(consumer.responses.map { $0.value(b) } == [1, 2, nil, nil])
    #expect(consumer.responses.map { $0.dimensions[0] } == [0, 1, 1, nil])
  }

  /// Not an SPSS file, and one cut short: refused whole, or read with every row accounted
  /// for, and never a crash.
  @Test func badFiles() throws {
    let dir = NSTemporaryDirectory() + "kartlagg-sav-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let plan = IngestPlan(survey: try countySurvey())
    try "respondent_id,kommun\n1,Kalmar\n".write(toFile: dir + "/text.sav", atomically: true, encoding: .utf8)
    var consumer = CollectingConsumer()
    let report = try Ingest.file(dir + "/text.sav", plan: plan, options: .english, into: &consumer)
    #expect(!report.imported)
    #expect(
      report.failure?.message.hasPrefix(
        "the file cannot be read: it is no SPSS file, or it is damaged or cut short (ReadStat: ") == true,
      "\(String(describing: report.failure)) \(report.diagnostics)")
    let whole = try Data(contentsOf: URL(fileURLWithPath: fixturePath("sav/examples/kalmar.sav")))
    var random = SplitMix64(seed: 2026)
    for k in 0..<8 {
      var bytes = [UInt8](whole)
      if k % 2 == 0 {
        bytes = Array(bytes[..<(Int(random.next() % UInt64(bytes.count)))])
      } else {
        for _ in 0..<4 { bytes[Int(random.next() % UInt64(bytes.count))] ^= 0xA5 }
      }
      try Data(bytes).write(to: URL(fileURLWithPath: dir + "/cut\(k).sav"))
      var c = CollectingConsumer()
      let r = try Ingest.file(dir + "/cut\(k).sav", plan: plan, options: .english, into: &c)
      #expect(r.read == r.accepted + r.rejected)
      if let failure = r.failure {
        #expect(failure.file == dir + "/cut\(k).sav")
        #expect(
          failure.message.hasPrefix("the file is not imported: ")
            || failure.message.hasPrefix("the file cannot be read: "), "\(failure.message)")
      }
    }
  }
}
