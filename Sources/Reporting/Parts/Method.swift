import GapAnalysis
import SurveyModel

/// About the figures: the method in words.
extension GapReports {
  func method() -> HTML {
    """
    <section id="metod"><h2>\(f.t("Om siffrorna", "About the figures"))</h2>
    <p>\(f.t("Varje påstående skattas två gånger på samma skala: hur det är i dag (nuläge) och hur det borde vara (önskat läge). Gapet är önskat läge minus nuläge, räknat för dem som svarat på båda. Medelvärdena räknas på exakt samma svarande, så gapet är skillnaden mellan dem.", "Every item is rated twice on the same scale: how it is today and how it should be. The gap is desired minus today, for those who answered both; the means are over exactly those respondents, so the gap is their difference."))</p>
    <p>\(f.t("Konfidensintervallet (95 %) visar hur säkert gapet är: om det inte når ned till noll är gapet statistiskt säkerställt. Att nuläge och önskat läge kommer från samma person prövas med parade test (t-test och Wilcoxons teckenrangtest).", "The 95 % confidence interval shows how sure the gap is: if it does not reach zero, the gap is statistically significant. Since today and desired come from the same person, the tests are paired (t-test and Wilcoxon's signed-rank test)."))</p>
    <p>\(f.t("Länet redovisas på två sätt: länets värde (alla svarande tillsammans, som i officiell statistik; stora kommuner väger mer) och kommunmedelvärdet (medel av kommunernas värden; varje kommun väger lika, som Koladas ovägda medel).", "The county is shown two ways: the county figure (all respondents together, as in official statistics; large municipalities weigh more) and the municipalities' average (the mean of the municipalities' figures; each weighs the same, like Kolada's unweighted mean)."))</p>
    <p>\(f.t("En kommun jämförs med resten av länet (utan kommunens egna svar) med Welchs t-test och Mann–Whitneys test; p-värdena justeras för att många påståenden prövas samtidigt (Benjamini–Hochberg).", "A municipality is compared with the rest of the county (its own answers left out) with Welch's t-test and the Mann–Whitney test; the p-values are adjusted for testing many items at once (Benjamini–Hochberg)."))</p>
    <p>\(f.t("Grupper med färre än \(results.minimumGroupSize) svarande visas inte (–), och inte heller siffror som tillsammans med andra skulle avslöja en sådan grupp. Alla siffror finns också i csv/items.csv, och kodboken beskriver frågorna.", "Groups with fewer than \(results.minimumGroupSize) respondents are not shown (–), nor figures that together with others would give such a group away. Every figure is also in csv/items.csv, and the codebook describes the questions."))</p>
    </section>
    """
  }
}
