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
      <aside class="legend" aria-label="\(f.t("Teckenförklaring", "Legend"))">
      <h2>\(f.t("Så läser du figurerna", "How to read the figures"))</h2>
      <p><svg width="120" height="16" aria-hidden="true"><line x1="10" y1="8" x2="100" y2="8" class="gap"/><circle cx="10" cy="8" r="6" class="current"/><circle cx="100" cy="8" r="6" class="desired"/></svg>
      \(f.t("Ofylld punkt: nuläge. Fylld punkt: önskat läge. Stapeln mellan dem är gapet.", "Hollow dot: today. Filled dot: desired. The bar between them is the gap."))</p>
      <p><svg width="120" height="16" aria-hidden="true"><line x1="10" y1="8" x2="100" y2="8" class="gap weak"/></svg>
      \(f.t("Blek och streckad: gapet är inte statistiskt säkerställt (dess 95-procentiga konfidensintervall når noll). Mörk: gapet är statistiskt säkerställt större än noll.", "Pale and dashed: the gap is not statistically significant (its 95 % confidence interval reaches zero). Dark: the gap is significantly above zero."))</p>
      \(reference ? "<p><svg width=\"120\" height=\"28\" aria-hidden=\"true\"><line x1=\"30\" y1=\"9\" x2=\"30\" y2=\"27\" class=\"reference\"/><rect x=\"26\" y=\"1\" width=\"8\" height=\"8\" class=\"reference-current\"/><line x1=\"90\" y1=\"9\" x2=\"90\" y2=\"27\" class=\"reference\"/><rect x=\"86\" y=\"1\" width=\"8\" height=\"8\" class=\"reference-desired\"/></svg> \(f.t("Bruna streck: länets värden (alla svarande), för jämförelse. Ofylld fyrkant: länets nuläge. Fylld fyrkant: länets önskade läge.", "Brown ticks: the county's figures (all respondents), for comparison. Hollow square: the county's today. Filled square: the county's desired."))</p>" as HTML : "")
      <p>\(f.t("Gapets storlek i skalsteg", "Gap size in scale points")): \(classes) <span class="swatch weak"></span>\(f.t("osäkert gap", "uncertain gap"))</p>
      <p>\(f.t("Färgen säger hur stort gapet är och hur säkert det är, aldrig en rangordning. n står vid varje siffra: antalet som svarat på både nuläge och önskat läge.", "Colour says how large a gap is and how sure, never a rank. n stands beside every figure: those who rated both today and desired."))
      \(f.t("– betyder färre än \(results.minimumGroupSize) svar (eller en siffra som annars skulle avslöja en sådan grupp).", "– means fewer than \(results.minimumGroupSize) answers (or a figure that would give such a group away)."))</p>
      </aside>
      """
  }
}
