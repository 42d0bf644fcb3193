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
        <thead><tr><th scope="col">\(f.t(.answerHeading))</th><th scope="col">\(f.t(.share))</th><th scope="col">\(f.t(.n95ConfidenceInterval))</th></tr></thead>
        <tbody>\(rows)</tbody></table>
        """
    }
    return """
      <section id="andra-fragor"><h2>\(f.t(.questionsWithAnswerOptions))</h2>
      <p>\(f.t(.theShareOfThoseWhoAnswered))</p>
      \(tables)
      </section>
      """
  }
}
