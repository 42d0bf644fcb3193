import Foundation
import Ingest
import LibCSV
import SurveyModel
import Testing

/// The example exports in Surveys/examples, against figures counted without kartlagg.
@Suite struct ExampleExportTests {
  struct Expected: Sendable, CustomStringConvertible {
    var file: String
    var read, accepted, rejected, problems, answered, sum: Int
    /// Accepted respondents whose municipality cell is blank ("okänd kommun").
    var blank = 0
    var description: String { file }
  }

  /// Counted with Python's csv module (strict), which knows nothing of kartlagg's code: the
  /// header rows of each file are given by hand; a row is rejected when its municipality
  /// is neither blank nor the file's own spelling, or its respondent id was seen before (a
  /// blank municipality is a respondent of "okänd kommun", counted apart); a problem is an
  /// organisation not among the declared spellings or a scale answer that is not 1–5 and
  /// not a no-answer label or code; `answered` and `sum` are the scale answers 1–5 of
  /// accepted rows (labels mapped to their points by hand).
  ///
  ///     python3 Tests/IngestTests/Fixtures/count_examples.py
  ///     borgholm: read=18 accepted=18 rejected=0 problems=0 answered=1954 sum=7017 scalecols=115 blank_municipality=0
  ///     emmaboda: read=28 accepted=28 rejected=0 problems=0 answered=3007 sum=10948 scalecols=115 blank_municipality=0
  ///     hogsby: read=14 accepted=14 rejected=0 problems=0 answered=1514 sum=5459 scalecols=115 blank_municipality=0
  ///     hultsfred: read=21 accepted=21 rejected=0 problems=0 answered=2273 sum=8160 scalecols=115 blank_municipality=1
  ///     kalmar: read=65 accepted=63 rejected=2 problems=0 answered=6798 sum=24580 scalecols=115 blank_municipality=0
  ///     lansovergripande: read=16 accepted=16 rejected=0 problems=0 answered=1731 sum=6262 scalecols=115 blank_municipality=0
  ///     monsteras: read=20 accepted=20 rejected=0 problems=0 answered=2146 sum=7701 scalecols=115 blank_municipality=0
  ///     morbylanga: read=22 accepted=22 rejected=0 problems=2 answered=2398 sum=8656 scalecols=115 blank_municipality=0
  ///     nybro: read=27 accepted=27 rejected=0 problems=1 answered=2891 sum=10456 scalecols=115 blank_municipality=0
  ///     oskarshamn: read=32 accepted=32 rejected=0 problems=0 answered=3450 sum=12315 scalecols=115 blank_municipality=0
  ///     torsas: read=15 accepted=15 rejected=0 problems=0 answered=1616 sum=5724 scalecols=115 blank_municipality=0
  ///     vastervik: read=38 accepted=38 rejected=0 problems=0 answered=4106 sum=14785 scalecols=115 blank_municipality=0
  ///     vimmerby: read=24 accepted=24 rejected=0 problems=0 answered=2601 sum=9438 scalecols=115 blank_municipality=0
  static let expected: [Expected] = [
    Expected(file: "borgholm", read: 18, accepted: 18, rejected: 0, problems: 0, answered: 1954, sum: 7017),
    Expected(file: "emmaboda", read: 28, accepted: 28, rejected: 0, problems: 0, answered: 3007, sum: 10948),
    Expected(file: "hogsby", read: 14, accepted: 14, rejected: 0, problems: 0, answered: 1514, sum: 5459),
    Expected(file: "hultsfred", read: 21, accepted: 21, rejected: 0, problems: 0, answered: 2273, sum: 8160, blank: 1),
    Expected(file: "kalmar", read: 65, accepted: 63, rejected: 2, problems: 0, answered: 6798, sum: 24580),
    Expected(file: "lansovergripande", read: 16, accepted: 16, rejected: 0, problems: 0, answered: 1731, sum: 6262),
    Expected(file: "monsteras", read: 20, accepted: 20, rejected: 0, problems: 0, answered: 2146, sum: 7701),
    Expected(file: "morbylanga", read: 22, accepted: 22, rejected: 0, problems: 2, answered: 2398, sum: 8656),
    Expected(file: "nybro", read: 27, accepted: 27, rejected: 0, problems: 1, answered: 2891, sum: 10456),
    Expected(file: "oskarshamn", read: 32, accepted: 32, rejected: 0, problems: 0, answered: 3450, sum: 12315),
    Expected(file: "torsas", read: 15, accepted: 15, rejected: 0, problems: 0, answered: 1616, sum: 5724),
    Expected(file: "vastervik", read: 38, accepted: 38, rejected: 0, problems: 0, answered: 4106, sum: 14785),
    Expected(file: "vimmerby", read: 24, accepted: 24, rejected: 0, problems: 0, answered: 2601, sum: 9438),
  ]

  static func path(_ name: String) -> String { repositoryRoot + "/Surveys/examples/\(name).csv" }

  @Test(arguments: expected)
  func accounting(_ e: Expected) throws {
    let survey = try countySurvey()
    let plan = IngestPlan(survey: survey)
    var consumer = CollectingConsumer()
    let report = try Ingest.file(Self.path(e.file), plan: plan, options: .english, into: &consumer)
    #expect(report.failure == nil)
    #expect(report.read == e.read)
    #expect(report.accepted == e.accepted)
    #expect(report.rejected == e.rejected)
    #expect(report.problemCount == e.problems)
    #expect(report.unknownMunicipality == e.blank)
    #expect(consumer.responses.filter { $0.municipality == Response.unknownMunicipality }.count == e.blank)
    let scaleSlots = survey.slots.indices.filter { survey.slots[$0].role != .choice && survey.slots[$0].role != .text }
    #expect(scaleSlots.count == 115)
    let answers = consumer.responses.flatMap { r in scaleSlots.compactMap { r.value($0) } }
    #expect(answers.count == e.answered)
    #expect(answers.reduce(0, +) == e.sum)
  }

  @Test func dialectsAndHeaders() throws {
    let plan = IngestPlan(survey: try countySurvey())
    func report(_ name: String) throws -> FileReport {
      var nothing = DiscardingConsumer()
      return try Ingest.file(Self.path(name), plan: plan, options: .english, into: &nothing)
    }
    let nybro = try report("nybro")
    #expect(nybro.dialect?.encoding == DetectedEncoding(encoding: .windows1252, hadByteOrderMark: false))
    #expect(nybro.dialect?.delimiter == .semicolon)
    #expect(nybro.preambleRecords == 2 && nybro.headerLines == [3])
    let oskarshamn = try report("oskarshamn")
    #expect(oskarshamn.dialect?.encoding == DetectedEncoding(encoding: .utf8, hadByteOrderMark: true))
    let vimmerby = try report("vimmerby")
    #expect(vimmerby.headerLines == [1, 2, 3])
    // Qualtrics' metadata columns are listed, ResponseId is the respondent id.
    #expect(vimmerby.diagnostics.contains { $0.message.hasPrefix("7 columns match nothing") })
    let vastervik = try report("vastervik")
    #expect(
      vastervik.diagnostics.map(\.message) == ["1 column matches nothing in the survey and is ignored: 1 'Tidstämpel'"])
  }

  @Test func badRowsSayWhereAndWhy() throws {
    let plan = IngestPlan(survey: try countySurvey())
    var nothing = DiscardingConsumer()
    let kalmar = try Ingest.file(Self.path("kalmar"), plan: plan, options: .english, into: &nothing)
    // Lines where the records start, from Python's csv module (comments hold line breaks):
    //
    //     python3 -c "import csv
    //     f=open('Surveys/examples/kalmar.csv',newline=''); rd=csv.reader(f); prev=0; seen={}
    //     for r in rd:
    //         if r[1]=='Kalmr': print('kalmr', prev+1)
    //         if r[0] in seen: print('dup', prev+1, 'of', seen[r[0]])
    //         seen.setdefault(r[0], prev+1); prev=rd.line_num"
    //     kalmr 51
    //     dup 79 of 7
    //
    // and the same over morbylanga.csv for cells 0 or 7 after the 4th column:
    // "mor 5 11 7", "mor 20 26 0" (line, 1-based column, value).
    #expect(kalmar.rejectedRows.map(\.line) == [51, 79])
    #expect(kalmar.rejectedRows[0].reason == .unknownMunicipality(value: "Kalmr", suggestion: "Kalmar"))
    #expect(kalmar.rejectedRows[1].reason == .duplicateRespondent(id: "KAL-1005", firstLine: 7))
    let morbylanga = try Ingest.file(Self.path("morbylanga"), plan: plan, options: .english, into: &nothing)
    #expect(
      morbylanga.problems.map { "\($0.line):\($0.column) \($0.columnName) \($0.value)" } == [
        "5:11 behov_vag_in_nu 7", "20:26 inv_anhoriga_nu 0",
      ])
  }

  /// `make examples` gives the same bytes as the committed files.
  @Test func generatorIsDeterministic() throws {
    let tool = try builtProgram("kartlagg-examples")
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("kartlagg-examples-\(getpid())").path
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: out) }
    let generated = try runProgram(tool, [countySurveyPath, out], errors: .inherited)
    #expect(generated.status == 0 && !generated.signalled)
    let committed = try Ingest.exportFiles(in: repositoryRoot + "/Surveys/examples")
    #expect(committed.count == 13)
    for path in committed {
      let name = (path as NSString).lastPathComponent
      let fresh = FileManager.default.contents(atPath: out + "/" + name)
      #expect(fresh == FileManager.default.contents(atPath: path), "\(name) differs from a fresh `make examples`")
    }
  }
}
