import KartlaggRun
import Testing

/// What a refused publication says of two rounds that share respondents: a group found is
/// named with its size; a part of the algebra too large to search is said to be untested,
/// and no size is claimed for it (docs/statistics.md, "Respondents shared by two rounds").
@Suite struct RoundRepeatWordingTests {
  static func repeated(proven: Bool) -> RoundRepeat {
    RoundRepeat(
      round: "2027", file: "torsas.csv", otherRound: "2026", shared: 30, difference: proven ? 1 : 0,
      places: ["Torsås"], proven: proven)
  }

  @Test func aGroupFoundIsNamedWithItsSize() {
    let said = Said.repeatsAnotherRound(Self.repeated(proven: true), draft: false)
    #expect(
      said.swedish.contains("Ur omgångarnas siffror tillsammans kunde svaren från 1 svarande i Torsås räknas fram."))
    #expect(said.english.contains("the answers of 1 respondent in Torsås could be worked out."))
  }

  @Test func aPartTooLargeToSearchIsSaidToBeUntested() {
    let said = Said.repeatsAnotherRound(Self.repeated(proven: false), draft: false)
    #expect(
      said.swedish.contains(
        "Om omgångarnas siffror tillsammans ger några få svarandes svar i Torsås gick inte att pröva: kombinationerna är för många."
      ))
    #expect(!said.swedish.contains("kunde svaren från"))
    #expect(said.english.contains("could not be tested: the combinations are too many."))
    #expect(!said.english.contains("could be worked out"))
    #expect(said.swedish.hasPrefix("error: ") && said.swedish.contains("Ingen rapport publiceras."))
  }
}
