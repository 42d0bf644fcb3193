import Foundation
import Ingest
import LibCSV
import SurveyModel
import Testing

/// Where the header is, what each column means, and what is not a respondent.
@Suite struct HeaderTests {
  @Test func preambleAndFootnotes() throws {
    // An agency-style file: a title and a blank line above, notes and a blank line below.
    let text = """
      Statistik från kommunen;;
      ;;
      kommun;a_nu;a_onskat
      Kalmar;2;5
      ;;
      Högsby;3;4
      * Källa: egen enkät
      Notera att svaren är anonyma.
       

      """
    let (report, responses) = try ingest(text, plan: try miniPlan())
    #expect(report.headerLines == [3])
    #expect(report.preambleRecords == 2)
    #expect(report.read == 2 && report.accepted == 2 && report.rejected == 0)
    // The `;;` row inside the data and the lone space at the end are blank.
    #expect(report.blankRecords == 2)
    #expect(report.footnoteRecords == 2)
    #expect(responses.map { $0.value(0) } == [2, 3])
  }

  @Test func singleTextRowInsideTheDataIsARespondentRow() throws {
    // Looks like a footnote, but a respondent follows: it is a (rejected) row.
    let text = "kommun,a_nu,a_onskat\nKalmar,2,5\nHögsby\nKalmar,3,4\n"
    let (report, _) = try ingest(text, plan: try miniPlan())
    #expect(report.read == 3 && report.accepted == 2 && report.rejected == 1)
    #expect(report.rejectedRows.first?.reason == .fieldCount(found: 1, expected: 3))
    #expect(report.footnoteRecords == 0)
  }

  @Test func trailingDelimiterColumnIsIgnored() throws {
    let text = "kommun,a_nu,a_onskat,\nKalmar,2,5,\nHögsby,3,4,\n"
    let (report, _) = try ingest(text, plan: try miniPlan())
    #expect(report.accepted == 2)
    #expect(
      !report.diagnostics.contains { $0.message.contains("match nothing") || $0.message.contains("matches nothing") })
  }

  @Test func rowWithExtraFilledFieldIsRejected() throws {
    let text = "kommun,a_nu,a_onskat\nKalmar,2,5\nHögsby,3,4,9\nKalmar,1\n"
    let (report, _) = try ingest(text, plan: try miniPlan())
    #expect(report.accepted == 1)
    #expect(
      report.rejectedRows.map(\.reason) == [.fieldCount(found: 4, expected: 3), .fieldCount(found: 2, expected: 3)])
    #expect(report.rejectedRows.map(\.cells) == [["Högsby", "3", "4", "9"], ["Kalmar", "1"]])
  }

  @Test func columnsByQuestionTextCaseAndLeakedBOM() throws {
    // Question texts, shouting case, and a byte-order mark inside the first (quoted) name.
    let text =
      "\"\u{FEFF}Vilken kommun arbetar du i?\",VI MÖTS REGELBUNDET - NULÄGE,Vi möts regelbundet [Önskat läge],B_NU\nKalmar,2,4,1\n"
    let (report, responses) = try ingest(text, plan: try miniPlan())
    #expect(report.failure == nil)
    #expect(responses.first.map { [$0.value(0), $0.value(1), $0.value(2)] } == [2, 4, 1])
    // Not matched: b_onskat, c, d (a warning, listing them), and the id.
    let warning = try #require(report.diagnostics.first { $0.message.contains("have no column") })
    #expect(warning.severity == .warning)
    #expect(warning.message.hasPrefix("3 of the survey's 6 answers have no column"))
    #expect(warning.message.contains("'b_onskat', 'c', 'd'"))
  }

  @Test func unmatchedColumnsAreListedOnce() throws {
    let text = "Tidstämpel,kommun,a_nu,Email,Extra\n2026-01-01,Kalmar,3,x@y.se,\n2026-01-02,Kalmar,4,,\n"
    let (report, _) = try ingest(text, plan: try miniPlan(), name: "f.csv")
    let unmatched = report.diagnostics.filter { $0.message.contains("match nothing") }
    #expect(unmatched.count == 1)
    #expect(
      unmatched.first?.description
        == "f.csv:1: warning: 3 columns match nothing in the survey and are ignored: 1 'Tidstämpel', 4 'Email', 5 'Extra'"
    )
  }

  /// Two columns that match one answer equally well: which holds it cannot be known.
  @Test func duplicatedColumnIsAnErrorNamingBoth() throws {
    let text = "kommun,A NU,a-nu\nKalmar,2,3\nHögsby,1,1\n"
    let (report, responses) = try ingest(text, plan: try miniPlan(), name: "d.csv")
    #expect(responses.isEmpty)
    let failure = try #require(report.failure)
    #expect(
      failure.message.contains(
        "columns 2 ('A NU') and 3 ('a-nu') both hold 'a_nu'; give the one you mean by its place in the survey definition, counted from 1 as a spreadsheet does: `column: { position: 2 }`"
      ))
    // Not imported, and every row is kept, verbatim, as rejected.
    #expect(report.read == 2 && report.rejected == 2 && report.accepted == 0)
    #expect(report.rejectedRows.map(\.cells) == [["Kalmar", "2", "3"], ["Högsby", "1", "1"]])
  }

  /// A name as written wins over one that matches only after normalisation (Qualtrics'
  /// "no basis for evaluation" column Q2_-1 beside Q2_1 once refused the whole file).
  @Test func exactNameWinsOverANormalisedOne() throws {
    let text = "kommun,a-nu,a_nu\nKalmar,2,3\nHögsby,1,4\n"
    let (report, responses) = try ingest(text, plan: try miniPlan(), name: "e.csv")
    #expect(report.imported && report.accepted == 2)
    #expect(responses.map { $0.value(0) } == [3, 4])
    let warning = try #require(report.diagnostics.first { $0.column == 2 })
    #expect(
      warning.description
        == "e.csv:1:2: warning: column 2 ('a-nu') is ignored: it is like 'a_nu', but column 3 ('a_nu') matches it better"
    )
  }

  @Test func ambiguousColumnIsAnError() throws {
    // Qualtrics rows that disagree: the id says a_nu, the question text b_nu's partner.
    let text = """
      kommun,a_nu
      Vilken kommun arbetar du i?,b_nu
      "{""ImportId"":""QID1""}","{'ImportId': 'QID2'}"
      Kalmar,3

      """
    let (report, _) = try ingest(text, plan: try miniPlan())
    #expect(report.headerLines == [1, 2, 3])
    #expect(
      report.failure?.message.contains("column 2 is ambiguous: 'a_nu' names 'a_nu', 'b_nu' names 'b_nu'") == true,
      "\(String(describing: report.failure))")
  }

  @Test func missingMunicipalityColumnStopsTheFile() throws {
    let (report, responses) = try ingest("respondent_id,a_nu\n1,3\n2,4\n", plan: try miniPlan(), name: "m.csv")
    #expect(responses.isEmpty)
    #expect(
      report.failure?.description.hasPrefix(
        "m.csv:1: error: the file is not imported: no column holds the municipality") == true)
    #expect(report.read == 2 && report.rejected == 2)
  }

  @Test func noHeaderAtAll() throws {
    let (report, _) = try ingest("x,y\n1,2\n3,4\n", plan: try miniPlan())
    #expect(report.failure?.message.contains("no header found") == true)
    #expect(report.headerLines.isEmpty)
    #expect(report.read == 3 && report.rejected == 3 && report.isBalanced)
  }

  @Test func surveyMonkeyTwoRowHeader() throws {
    // SurveyMonkey: the question once, then empty cells; sub-labels in row 2.
    let text = """
      Respondent ID,Vilken kommun arbetar du i?,Vi möts regelbundet,,C
      ,Response,Nuläge,Önskat läge,Response
      114,Kalmar,2,5,Ja
      115,Högsby,3,3,Nej

      """
    let (report, responses) = try ingest(text, plan: try miniPlan())
    #expect(report.headerLines == [1, 2])
    #expect(report.accepted == 2)
    #expect(responses.map { [$0.value(0), $0.value(1), $0.value(4)] } == [[2, 5, 0], [3, 3, 1]])
  }

  @Test func legacyQualtricsNumberingRow() throws {
    let text = "V1,V2,V3\nResponseId,kommun,a_nu\nR_1,Kalmar,4\n"
    let (report, responses) = try ingest(text, plan: try miniPlan())
    #expect(report.headerLines == [1, 2])
    #expect(responses.first?.respondentID == "R_1")
  }
}
