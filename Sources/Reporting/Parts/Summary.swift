import GapAnalysis
import SurveyModel

/// The facts the first screen (`Brief`) opens with: when, who answered and the response
/// rate where the survey gives `invited`.
extension GapReports {
  /// Period, respondents and response rate, as a list of facts.
  func facts(_ scope: Scope) -> HTML {
    var facts: [(String, String)] = []
    if let period = survey.period { facts.append((f.t(.period), period)) }
    facts.append((f.t(.respondents2), count(results.respondents[scope]).text))
    if let rate = responseRate(scope) { facts.append((f.t(.responseRate), rate)) }
    if scope.isCounty {
      let answered = survey.county.municipalities.indices.filter { m in
        files.contains { $0.acceptedPerMunicipality[m] > 0 }
      }
      facts.append(
        (
          f.t(.municipalitiesWithAnswers),
          f.t(.of2(answeredCount: answered.count, municipalitiesCount: survey.county.municipalities.count))
        ))
    }
    // Per group of the dimension the survey counts the invited by, where each is shown.
    if let m = scope.municipality, let invited = survey.county.municipalities[m].invited,
      let (d, counts) = invited.byGroup
    {
      for (v, value) in survey.dimensions[d].values.enumerated() {
        guard let asked = counts[v], asked > 0,
          let n = results.respondents[Scope(municipality: m, dimension: d, value: v)]
        else { continue }
        facts.append((f.t(.responseRateOf(group: value.label)), f.t(.of(n: n, asked: asked, rate: rate(n, asked)))))
      }
    }
    let items = facts.map { "<div><dt>\($0.0)</dt><dd>\($0.1)</dd></div>" as HTML }
    return "<dl class=\"facts\">\(items)</dl>"
  }

  func rate(_ n: Int, _ of: Int) -> String { f.percent(Double(n) / Double(of)) }

  /// "62 % (337 of 540 invited)", where the respondents are shown and the invited known:
  /// for the county only when every place states them.
  func responseRate(_ scope: Scope) -> String? {
    guard let n = results.respondents[scope] else { return nil }
    let asked: Int?
    if let m = scope.municipality {
      asked = survey.county.municipalities[m].invited?.total
    } else {
      let all = survey.county.municipalities.map(\.invited) + [survey.county.countyWide.invited]
      asked = all.allSatisfy { $0 != nil } ? all.reduce(0) { $0 + $1!.total } : nil
    }
    guard let asked, asked > 0 else { return nil }
    return f.t(.ofInvited(rate: rate(n, asked), n: n, asked: asked))
  }
}
