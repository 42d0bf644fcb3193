import Ingest
import SurveyModel
import TestSurveys
import Testing

/// A file that is one municipality's export: its name, or `--municipality FILE=NAME`,
/// says whose it is (TestSurveys.mini: Kalmar, Högsby, Mörbylånga; county Kalmar län).
@Suite struct FileMunicipalityTests {
  static let noColumn = "a_nu,a_onskat\n3,4\n2,5\n"

  @Test(arguments: [
    ("Högsby kommun 2026.csv", 1), ("morbylanga.csv", 2), ("exports/KALMAR.csv", 0), ("2026-hogsby-svar.csv", 1),
    ("hogsby kn.csv", 1),
  ])
  func theFileNameSaysWhose(name: String, municipality: Int) throws {
    let (report, responses) = try ingest(Self.noColumn, plan: try miniPlan(), name: name)
    #expect(report.imported && report.accepted == 2)
    #expect(responses.map(\.municipality) == [municipality, municipality])
    let expected = ["Kalmar", "Högsby", "Mörbylånga"][municipality]
    #expect(report.municipalityFromFile == FileReport.Assignment(municipality: expected, source: .fileName))
  }

  /// The county's own name means county-wide; digits alone are never a municipality code.
  @Test func countyNameAndYears() throws {
    let (county, responses) = try ingest(Self.noColumn, plan: try miniPlan(), name: "Kalmar län 2026.csv")
    #expect(county.accepted == 2 && responses.allSatisfy { $0.municipality == nil })
    #expect(county.municipalityFromFile?.municipality == "Hela länet")
    let (years, _) = try ingest(Self.noColumn, plan: try miniPlan(), name: "0880.csv")
    #expect(!years.imported)
  }

  /// No column and a file name that names no municipality: an error that lists them and
  /// says the three ways out, once.
  @Test func nothingSaysWhose() throws {
    let (report, _) = try ingest(Self.noColumn, plan: try miniPlan(), name: "svar.csv")
    #expect(!report.imported && report.rejected == 2)
    let message = try #require(report.failure?.message)
    #expect(
      message
        == "the file is not imported: no column holds the municipality and the file name names none; add a column 'kommun' (or 'Vilken kommun arbetar du i?'), name the file after its municipality (Kalmar, Högsby, Mörbylånga), or give --municipality svar.csv=NAME"
    )
  }

  /// `--municipality` decides over a column: a cell that says otherwise is a problem at
  /// its place, and the respondent counts where the file says.
  @Test func explicitAssignmentOverridesTheColumn() throws {
    var options = IngestOptions.english
    options.municipalities = ["hogsby.csv": "0880"]
    let text = "kommun,a_nu,a_onskat\nKalmar,3,4\nHögsby,2,5\n,1,1\n"
    let (report, responses) = try ingest(text, plan: try miniPlan(), options: options, name: "exports/hogsby.csv")
    #expect(report.accepted == 3)
    #expect(responses.map(\.municipality) == [0, 0, 0])
    #expect(report.problems.map(\.reason.code) == ["municipality_contradicts_file"])
    #expect(report.problems.map { "\($0.line):\($0.column)" } == ["3:1"])
    #expect(report.municipalityFromFile == FileReport.Assignment(municipality: "Kalmar", source: .commandLine))
  }

  /// A column decides over the file name.
  @Test func aColumnDecidesOverTheFileName() throws {
    let (report, responses) = try ingest("kommun,a_nu\nKalmar,3\n", plan: try miniPlan(), name: "hogsby.csv")
    #expect(responses.map(\.municipality) == [0])
    #expect(report.municipalityFromFile == nil)
  }

  @Test func unknownExplicitMunicipality() throws {
    var options = IngestOptions.english
    options.municipalities = ["x.csv": "Kalmr"]
    let (report, _) = try ingest(Self.noColumn, plan: try miniPlan(), options: options, name: "x.csv")
    #expect(!report.imported)
    #expect(
      report.failure?.message.contains(
        "--municipality gives 'Kalmr' for this file, which is no municipality of Kalmar län (did you mean 'Kalmar'?)")
        == true)
  }
}
