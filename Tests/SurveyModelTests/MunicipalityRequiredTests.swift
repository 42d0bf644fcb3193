import Foundation
import SurveyModel
import Testing

/// `required:` on the municipality column (issue 23 point 7), as dimensions have it: true
/// keeps rejecting a blank municipality cell; by default such a respondent is "okänd kommun".
@Suite struct MunicipalityRequiredTests {
  func base() throws -> String { try String(contentsOfFile: fixture("base.yaml"), encoding: .utf8) }

  func load(_ municipality: String) throws -> Survey {
    let yaml = try base().replacingOccurrences(
      of: "  municipality: { column: kommun }\n", with: "  municipality: { column: kommun\(municipality) }\n")
    #expect(yaml != (try base()) || municipality.isEmpty)
    return try SurveyLoader.load(yaml: yaml, path: "x.yaml", language: .en)
  }

  @Test func requiredIsReadAndDefaultsToFalse() throws {
    #expect(try load("").municipalityRequired == false)
    #expect(try load(", required: true").municipalityRequired == true)
    #expect(try load(", required: ja").municipalityRequired == true)
    #expect(try load(", required: false").municipalityRequired == false)
  }

  @Test func aRequiredThatIsNoBooleanIsAnError() throws {
    do {
      _ = try load(", required: kanske")
      Issue.record("loaded")
    } catch let error as SurveyLoadError {
      // Line 29 of base.yaml, at the value (column 46).
      #expect(error.diagnostics.map(\.message) == ["required must be true or false"])
      #expect(error.diagnostics.map(\.line) == [29])
    }
  }

  /// A stored round's figures depend on it: a definition with `required: true` is another
  /// definition for the store; one without the key keeps the identity it had.
  @Test func itIsPartOfTheFigureIdentity() throws {
    #expect(try load(", required: true").figureIdentity != (try load("")).figureIdentity)
    #expect(try load(", required: false").figureIdentity == (try load("")).figureIdentity)
  }
}
