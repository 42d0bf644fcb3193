import GapAnalysis
import SurveyModel

/// How to read the figures: dots, bars, ticks and colours, with the real thresholds.
extension GapReports {
  func legend(reference: Bool = false) -> HTML {
    let bounds = Charts.gapBounds.map { f.number($0, 2) }
    let classes = Charts.gapColours.enumerated().map { i, colour -> HTML in
      let label =
        i == 0 ? "< \(bounds[0])" : i == bounds.count ? "≥ \(bounds[i - 1])" : "\(bounds[i - 1])–\(bounds[i])"
      return "<span class=\"swatch\" style=\"background:\(colour)\"></span>\(label)"
    }
    return """
      <aside class="legend" aria-label="\(f.t(.legend))">
      <h2>\(f.t(.howToReadTheFigures))</h2>
      <p><svg width="120" height="16" aria-hidden="true"><line x1="10" y1="8" x2="100" y2="8" class="gap"/><circle cx="10" cy="8" r="6" class="current"/><circle cx="100" cy="8" r="6" class="desired"/></svg>
      \(f.t(.hollowDotTodayFilledDotDesired))</p>
      <p><svg width="120" height="16" aria-hidden="true"><line x1="10" y1="8" x2="100" y2="8" class="gap weak"/></svg>
      \(f.t(.paleAndDashedMeansNotSignificant))</p>
      \(reference ? "<p><svg width=\"120\" height=\"28\" aria-hidden=\"true\"><line x1=\"30\" y1=\"9\" x2=\"30\" y2=\"27\" class=\"reference\"/><rect x=\"26\" y=\"1\" width=\"8\" height=\"8\" class=\"reference-current\"/><line x1=\"90\" y1=\"9\" x2=\"90\" y2=\"27\" class=\"reference\"/><rect x=\"86\" y=\"1\" width=\"8\" height=\"8\" class=\"reference-desired\"/></svg> \(f.t(.brownTicksTheCountySFigures))</p>" as HTML : "")
      <p>\(f.t(.gapSizeInScalePoints)): \(classes) <span class="swatch weak"></span>\(f.t(.uncertainFigure))</p>
      <p>\(f.t(.colourSaysHowLargeAGap))
      \(f.t(.dashMeansFewerAnswers(minimumGroupSize: results.minimumGroupSize)))</p>
      </aside>
      """
  }
}
