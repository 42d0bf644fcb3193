import GapAnalysis
import SurveyModel

/// About the figures: the method in words.
extension GapReports {
  func method() -> HTML {
    """
    <section id="metod"><h2>\(f.t(.aboutTheFigures))</h2>
    <p>\(f.t(.everyItemRatedTwice))</p>
    <p>\(f.t(.the95ConfidenceIntervalShowsHow))</p>
    <p>\(f.t(.theCountyIsShownTwoWays))</p>
    <p>\(f.t(.municipalityComparedWithTheRest))</p>
    <p>\(f.t(.smallGroupsAreNotShown(minimumGroupSize: results.minimumGroupSize)))</p>
    </section>
    """
  }
}
