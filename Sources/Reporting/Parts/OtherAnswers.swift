import GapAnalysis
import SurveyModel

/// Rating and choice questions: shares with Wilson intervals.
extension GapReports {
  /// Rating and choice questions: each answer's share with its 95 % Wilson interval.
  func otherAnswers(_ scope: Scope) -> HTML {
    let all = results.answerShares[scope] ?? []
    guard !all.isEmpty else { return "" }
    let tables = all.map { shares -> HTML in
      let item = results.singleItems[shares.item]
      // A scale point shows its value beside its label; an option its label.
      let labels = item.answers.map { item.isChoice ? $0.label : "\($0.id) \($0.label)" }
      let rows = labels.enumerated().map { i, label -> HTML in
        let share = shares.shares?[i]
        return
          "<tr><th scope=\"row\">\(label)</th><td class=\"num\">\(f.percent(share?.share))</td><td class=\"num\">\(f.percent(share?.low)) – \(f.percent(share?.high))</td></tr>"
      }
      return """
        <table tabindex=0><caption>\(item.text) (n = \(count(shares.n)))</caption>
        <thead><tr><th scope="col">\(f.t("Svar", "Answer"))</th><th scope="col">\(f.t("Andel", "Share"))</th><th scope="col">\(f.t("95 % konfidensintervall", "95 % confidence interval"))</th></tr></thead>
        <tbody>\(rows)</tbody></table>
        """
    }
    return """
      <section id="andra-fragor"><h2>\(f.t("Frågor med svarsalternativ", "Questions with answer options"))</h2>
      <p>\(f.t("Andelen av dem som svarat på frågan, med 95-procentigt konfidensintervall (Wilsons metod). – betyder för få svar att visa.", "The share of those who answered the question, with a 95 % confidence interval (Wilson's method). – means too few answers to show."))</p>
      \(tables)
      </section>
      """
  }
}
