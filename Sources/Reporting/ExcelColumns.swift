import SourceDiagnostics

/// What `kartlagg.xlsx` says about its sheets and columns, in Swedish and English: each
/// published table's sheet name and what a row is, and each column's header, what it holds
/// and how it is shown. The CSV files keep the machine names (`Reports/README.md`); the
/// workbook shows these headers above them, and its "Läs mig" sheet lists the explanations.
struct ExcelColumns {
  /// How a column's numbers are shown.
  enum Kind: Equatable {
    case plain
    /// A share between 0 and 1, shown as per cent.
    case share
    /// `true` / `false`, written as a boolean.
    case flag
  }

  struct Column {
    var header: (sv: String, en: String)
    var explanation: (sv: String, en: String)
    var kind: Kind = .plain
  }

  struct Table {
    var sheet: (sv: String, en: String)
    var rows: (sv: String, en: String)
  }

  let language: Language
  let minimumGroupSize: Int

  /// A header, explanation, sheet name or row description in the run's language.
  func text(_ pair: (sv: String, en: String)) -> String {
    switch language {
    case .sv: pair.sv
    case .en: pair.en
    }
  }

  /// The sheet of a published table ("items.csv"), or nil for a file it does not know.
  static func table(_ file: String) -> Table? {
    switch file {
    case "items.csv":
      Table(
        sheet: ("Påståenden", "Items"),
        rows: (
          "En rad per grupp (länet, en kommun, en organisation eller nivå) och påstående.",
          "One row per group (the county, a municipality, an organisation or level) and item."
        ))
    case "sections.csv":
      Table(
        sheet: ("Avsnitt och linser", "Sections and lenses"),
        rows: (
          "En rad per grupp och avsnitt, och per grupp och taggvärde (utvecklingsområde, nivå …).",
          "One row per group and section, and per group and tag value (development area, level …)."
        ))
    case "municipality_vs_county.csv":
      Table(
        sheet: ("Kommun mot länet", "Municipality vs county"),
        rows: (
          "En rad per kommun och påstående: kommunen jämförd med resten av länet.",
          "One row per municipality and item: the municipality against the rest of the county."
        ))
    case "mellanrum.csv":
      Table(
        sheet: ("Mellanrum", "Mellanrum"),
        rows: (
          "En rad per plats, par och påstående: hur parets två grupper (t.ex. region och kommun) skattar nuläget.",
          "One row per place, pair and item: how the pair's two groups (region and kommun, say) rate the current state."
        ))
    case "priorities.csv":
      Table(
        sheet: ("Prioriteringar", "Priorities"),
        rows: (
          "Per grupp de påståenden vars gap har ett 95 % konfidensintervall över noll, största gapet först.",
          "Per group the items whose gap's 95 % confidence interval lies above zero, largest gap first."
        ))
    case "strengths.csv":
      Table(
        sheet: ("Styrkor", "Strengths"),
        rows: (
          "Per grupp det som redan fungerar: nuläge minst skalans mitt och gap under 1 skalsteg, högsta nuläget först.",
          "Per group what works already: current state at least the scale's middle and a gap below 1 point, highest current state first."
        ))
    case "answers.csv":
      Table(
        sheet: ("Svar", "Answers"),
        rows: (
          "En rad per grupp, skattnings- eller valfråga och svar: andelen av dem som besvarat frågan.",
          "One row per group, rating or choice question and answer: the share of those who answered the question."
        ))
    default: nil
    }
  }

  /// The heat map's sheet.
  static let heatmap = Table(
    sheet: ("Kommun × område", "Municipality × area"),
    rows: (
      "Gapet per kommun (rader) och avsnitt och utvecklingsområde (kolumner), som värmekartan i länets rapport: medelvärdet av påståendenas gap, samma tal som kolumnen gap_mean i Avsnitt och linser. Tom cell: dold.",
      "The gap per municipality (rows) and section and development area (columns), as the county report's heat map: the mean of the items' gaps, the same figures as column gap_mean of Sections and lenses. Empty: hidden."
    ))

  /// A column of `file` by its machine name; nil for a name it does not know.
  func column(_ name: String, in file: String) -> Column? {
    // What a column means in one table only.
    switch (file, name) {
    case ("sections.csv", "current_mean"):
      return Column(
        header: ("Nuläge, medel", "Current, mean"),
        explanation: (
          "Ovägt medelvärde av påståendenas nuläge i avsnittet eller taggvärdet.",
          "Unweighted mean of the items' current state in the section or tag value."
        ))
    case ("sections.csv", "desired_mean"):
      return Column(
        header: ("Önskat läge, medel", "Desired, mean"),
        explanation: (
          "Ovägt medelvärde av påståendenas önskade läge.", "Unweighted mean of the items' desired state."
        ))
    case ("sections.csv", "gap_mean"):
      return Column(
        header: ("Gap, medel", "Gap, mean"),
        explanation: (
          "Ovägt medelvärde av påståendenas gap (önskat läge minus nuläge).",
          "Unweighted mean of the items' gaps (desired minus current)."
        ))
    case ("sections.csv", "gap_mean_change"):
      return Column(
        header: ("Gap, förändring", "Gap, change"),
        explanation: (
          "Medelvärdet av de jämförda påståendenas förändring av gapet (nu minus förra omgången).",
          "The mean of the compared items' change of the gap (now minus the previous round)."
        ))
    case ("answers.csv", "n"):
      return Column(
        header: ("Antal svarande", "Respondents"),
        explanation: ("Antal i gruppen som besvarat frågan.", "How many in the group answered the question."))
    case ("municipality_vs_county.csv", "difference"):
      return Column(
        header: ("Skillnad mot länet", "Difference from county"),
        explanation: ("Kommunens gap minus länets gap.", "The municipality's gap minus the county's."))
    case ("municipality_vs_county.csv", "p_welch"):
      return Column(
        header: ("p (Welch)", "p (Welch)"),
        explanation: (
          "p-värde, Welchs t-test av kommunens gap mot resten av länets.",
          "p-value, Welch's t-test of the municipality's gaps against the rest of the county's."
        ))
    case ("municipality_vs_county.csv", "p_adjusted"):
      return Column(
        header: ("p justerat", "p adjusted"),
        explanation: (
          "Mann–Whitney-testets p justerat för många test (Benjamini–Hochberg över kommunens påståenden).",
          "The Mann–Whitney p adjusted for many tests (Benjamini–Hochberg over the municipality's items)."
        ))
    case ("municipality_vs_county.csv", "significant"):
      return Column(
        header: ("Säkerställd", "Significant"),
        explanation: (
          "SANT när skillnaden mot resten av länet är statistiskt säkerställd (justerat p under 0,05).",
          "TRUE when the difference from the rest of the county is significant (adjusted p below 0.05)."
        ), kind: .flag)
    case ("mellanrum.csv", "difference"):
      return Column(
        header: ("Skillnad", "Difference"),
        explanation: (
          "Första gruppens nuläge minus andra gruppens.", "The first group's current state minus the second's."
        ))
    case ("mellanrum.csv", "p_welch"):
      return Column(
        header: ("p (Welch)", "p (Welch)"),
        explanation: (
          "p-värde, Welchs t-test mellan parets två grupper.", "p-value, Welch's t-test between the pair's groups."
        ))
    case ("mellanrum.csv", "p_adjusted"):
      return Column(
        header: ("p justerat", "p adjusted"),
        explanation: (
          "Welchs p justerat för många test (Benjamini–Hochberg över platsens rader i alla par).",
          "Welch's p adjusted for many tests (Benjamini–Hochberg over the place's rows of every pair)."
        ))
    case ("strengths.csv", "current_mean"):
      return Column(
        header: ("Nuläge, medel", "Current, mean"),
        explanation: ("Medelvärde för nuläget.", "Mean of the current state."))
    default: break
    }
    return Self.columns[name]
  }

  // swift-format-ignore
  private static let columns: [String: Column] = [
    "scope_type": Column(header: ("Grupptyp", "Group type"), explanation: ("Vilken sorts grupp raden gäller: county (hela länet), municipality (en kommun), county:<dimension> eller municipality:<dimension> (t.ex. municipality:organisation, en organisation i en kommun).", "What kind of group the row is about: county, municipality, county:<dimension> or municipality:<dimension> (municipality:organisation, say: an organisation in a municipality).")),
    "scope": Column(header: ("Grupp", "Group"), explanation: ("Gruppens namn: länet, kommunen, och för en dimension värdet (Kalmar / region).", "The group's name: the county, the municipality, and for a dimension its value (Kalmar / region).")),
    "section": Column(header: ("Avsnitt", "Section"), explanation: ("Avsnittets id i enkäten.", "The section's id in the survey.")),
    "item": Column(header: ("Påstående", "Item"), explanation: ("Påståendets (frågans) id i enkäten.", "The item's (question's) id in the survey.")),
    "question": Column(header: ("Fråga", "Question"), explanation: ("Påståendets text.", "The item's text.")),
    "n": Column(header: ("Antal svarande", "Respondents"), explanation: ("Antal svarande som besvarat både nuläge och önskat läge; medelvärdena på raden gäller just dem.", "Respondents who answered both current and desired; the row's means are over exactly them.")),
    "current_mean": Column(header: ("Nuläge, medel", "Current, mean"), explanation: ("Medelvärde för nuläget (hur det är i dag), på enkätens skala.", "Mean of the current state (how it is today), on the survey's scale.")),
    "desired_mean": Column(header: ("Önskat läge, medel", "Desired, mean"), explanation: ("Medelvärde för önskat läge (hur det borde vara).", "Mean of the desired state (how it should be).")),
    "gap_mean": Column(header: ("Gap, medel", "Gap, mean"), explanation: ("Gapet: medelvärdet av varje svarandes önskade läge minus nuläge. Större gap, längre kvar.", "The gap: the mean of each respondent's desired minus current state. A larger gap, further to go.")),
    "gap_sd": Column(header: ("Gap, standardavvikelse", "Gap, SD"), explanation: ("Gapets standardavvikelse mellan de svarande.", "The gap's standard deviation between respondents.")),
    "gap_ci_low": Column(header: ("Gap, 95 % KI nedre", "Gap, 95 % CI low"), explanation: ("Nedre gränsen för gapets 95 % konfidensintervall.", "The lower end of the gap's 95 % confidence interval.")),
    "gap_ci_high": Column(header: ("Gap, 95 % KI övre", "Gap, 95 % CI high"), explanation: ("Övre gränsen för gapets 95 % konfidensintervall.", "The upper end of the gap's 95 % confidence interval.")),
    "current_q1": Column(header: ("Nuläge, kvartil 1", "Current, Q1"), explanation: ("Nulägets första kvartil.", "The current state's first quartile.")),
    "current_median": Column(header: ("Nuläge, median", "Current, median"), explanation: ("Nulägets median.", "The current state's median.")),
    "current_q3": Column(header: ("Nuläge, kvartil 3", "Current, Q3"), explanation: ("Nulägets tredje kvartil.", "The current state's third quartile.")),
    "desired_q1": Column(header: ("Önskat läge, kvartil 1", "Desired, Q1"), explanation: ("Det önskade lägets första kvartil.", "The desired state's first quartile.")),
    "desired_median": Column(header: ("Önskat läge, median", "Desired, median"), explanation: ("Det önskade lägets median.", "The desired state's median.")),
    "desired_q3": Column(header: ("Önskat läge, kvartil 3", "Desired, Q3"), explanation: ("Det önskade lägets tredje kvartil.", "The desired state's third quartile.")),
    "current_top_two": Column(header: ("Nuläge, andel två högsta", "Current, top two"), explanation: ("Andel som svarat något av skalans två högsta steg om nuläget.", "Share who answered one of the scale's two highest points for the current state."), kind: .share),
    "desired_top_two": Column(header: ("Önskat läge, andel två högsta", "Desired, top two"), explanation: ("Andel som svarat något av skalans två högsta steg om önskat läge.", "Share who answered one of the scale's two highest points for the desired state."), kind: .share),
    "p_ttest": Column(header: ("p (t-test)", "p (t-test)"), explanation: ("p-värde, parat t-test av att gapet är noll.", "p-value, paired t-test of a zero gap.")),
    "p_wilcoxon": Column(header: ("p (Wilcoxon)", "p (Wilcoxon)"), explanation: ("p-värde, Wilcoxons teckenrangtest (Pratt) av att gapet är noll.", "p-value, Wilcoxon signed-rank test (Pratt) of a zero gap.")),
    "suppressed": Column(header: ("Dold", "Hidden"), explanation: ("SANT: radens siffror är tomma, eftersom gruppen har färre svarande än enkätens minsta gruppstorlek eller skulle kunna räknas fram ur andra siffror.", "TRUE: the row's figures are empty, because the group has fewer respondents than the survey's minimum group size or could be worked out from other figures."), kind: .flag),
    "n_change": Column(header: ("Antal svarande, förändring", "Respondents, change"), explanation: ("Antal svarande nu minus förra omgången.", "Respondents now minus in the previous round.")),
    "current_mean_change": Column(header: ("Nuläge, förändring", "Current, change"), explanation: ("Nulägets medelvärde nu minus förra omgången.", "The current state's mean now minus in the previous round.")),
    "desired_mean_change": Column(header: ("Önskat läge, förändring", "Desired, change"), explanation: ("Det önskade lägets medelvärde nu minus förra omgången.", "The desired state's mean now minus in the previous round.")),
    "gap_mean_change": Column(header: ("Gap, förändring", "Gap, change"), explanation: ("Gapet nu minus förra omgången (negativt: gapet har minskat).", "The gap now minus in the previous round (negative: the gap has shrunk).")),
    "gap_mean_change_ci_low": Column(header: ("Gapets förändring, 95 % KI nedre", "Gap change, 95 % CI low"), explanation: ("Nedre gränsen för förändringens 95 % konfidensintervall (Welch).", "The lower end of the change's 95 % confidence interval (Welch).")),
    "gap_mean_change_ci_high": Column(header: ("Gapets förändring, 95 % KI övre", "Gap change, 95 % CI high"), explanation: ("Övre gränsen för förändringens 95 % konfidensintervall (Welch).", "The upper end of the change's 95 % confidence interval (Welch).")),
    "p_welch_change": Column(header: ("p (Welch, förändring)", "p (Welch, change)"), explanation: ("p-värde, Welchs t-test mellan omgångarnas svarande.", "p-value, Welch's t-test between the rounds' respondents.")),
    "p_change_adjusted": Column(header: ("p justerat (förändring)", "p adjusted (change)"), explanation: ("p (Welch, förändring) justerat för många test (Benjamini–Hochberg över rapportens alla förändringar).", "p (Welch, change) adjusted for many tests (Benjamini–Hochberg over every change of the report).")),
    "change_significant": Column(header: ("Förändring säkerställd", "Change significant"), explanation: ("SANT när det justerade p-värdet är under 0,05.", "TRUE when the adjusted p is below 0.05."), kind: .flag),
    "scope_id": Column(header: ("Grupp-id", "Group id"), explanation: ("Gruppens stabila id (county, kommunkoden, 0880/organisation/region), som en senare körnings --baseline matchar på.", "The group's stable id (county, the municipality's code, 0880/organisation/region), which a later run's --baseline matches on.")),
    "round": Column(header: ("Omgång", "Round"), explanation: ("Vilken omgång siffrorna gäller.", "Which round the figures are of.")),
    "draft": Column(header: ("Utkast", "Draft"), explanation: ("SANT: rapporten är ett utkast (--draft) och får inte spridas.", "TRUE: the report is a draft (--draft), not to be spread."), kind: .flag),
    "group_type": Column(header: ("Indelning", "Grouping"), explanation: ("section (avsnitt) eller en taggs id (utvecklingsomrade, niva …).", "section, or a tag vocabulary's id (utvecklingsomrade, niva …).")),
    "group": Column(header: ("Id", "Id"), explanation: ("Avsnittets eller taggvärdets id.", "The section's or tag value's id.")),
    "label": Column(header: ("Namn", "Name"), explanation: ("Avsnittets eller taggvärdets namn.", "The section's or tag value's name.")),
    "items": Column(header: ("Antal påståenden", "Items"), explanation: ("Antal påståenden bakom medelvärdena.", "How many items the means are over.")),
    "respondents": Column(header: ("Antal svarande", "Respondents"), explanation: ("Antal svarande med fullständigt svar (nuläge och önskat läge) på minst ett av påståendena.", "Respondents with a complete answer (current and desired) to at least one of the items.")),
    "items_compared": Column(header: ("Påståenden jämförda", "Items compared"), explanation: ("Antal påståenden vars förändring sedan förra omgången finns.", "How many items' change since the previous round is given.")),
    "gap_mean_then": Column(header: ("Gap, förra omgången", "Gap, previous round"), explanation: ("De jämförda påståendenas medelgap förra omgången.", "The compared items' mean gap in the previous round.")),
    "smaller": Column(header: ("Antal mindre gap", "Smaller gaps"), explanation: ("Antal påståenden vars gap är statistiskt säkerställt mindre än förra omgången.", "Items whose gap is significantly smaller than in the previous round.")),
    "larger": Column(header: ("Antal större gap", "Larger gaps"), explanation: ("Antal påståenden vars gap är statistiskt säkerställt större än förra omgången.", "Items whose gap is significantly larger than in the previous round.")),
    "municipality": Column(header: ("Kommun", "Municipality"), explanation: ("Kommunen.", "The municipality.")),
    "county_gap_mean": Column(header: ("Länets gap", "County gap"), explanation: ("Länets gap: alla svarande i länet.", "The county's gap: every respondent in the county.")),
    "municipality_average_gap_mean": Column(header: ("Kommunmedelvärde", "Municipality average"), explanation: ("Kommunmedelvärdet: medelvärdet av kommunernas gap, varje kommun väger lika (dolda utelämnade).", "The municipality average: the mean of the municipalities' gaps, each weighing the same (hidden ones left out).")),
    "p_mannwhitney": Column(header: ("p (Mann–Whitney)", "p (Mann–Whitney)"), explanation: ("p-värde, Mann–Whitneys test av kommunens gap mot resten av länets.", "p-value, Mann–Whitney test of the municipality's gaps against the rest of the county's.")),
    "effect_size": Column(header: ("Effektstorlek", "Effect size"), explanation: ("Rangbiserial korrelation: positiv när kommunens gap tenderar att vara större än resten av länets.", "Rank-biserial correlation: positive when the municipality's gaps tend to be larger than the rest of the county's.")),
    "rank": Column(header: ("Plats", "Rank"), explanation: ("Kommunens plats bland kommunerna med en siffra (1 = störst gap).", "The municipality's rank among those with a figure (1 = the largest gap).")),
    "place": Column(header: ("Län eller kommun", "County or municipality"), explanation: ("Var jämförelsen gäller: länet eller en kommun.", "Where the comparison is: the county or a municipality.")),
    "region_n": Column(header: ("Första gruppen, antal", "First group, n"), explanation: ("Antal svarande i parets första grupp (t.ex. region).", "Respondents in the pair's first group (region, say).")),
    "region_current_mean": Column(header: ("Första gruppen, nuläge", "First group, current"), explanation: ("Första gruppens medelvärde för nuläget.", "The first group's mean current state.")),
    "municipality_n": Column(header: ("Andra gruppen, antal", "Second group, n"), explanation: ("Antal svarande i parets andra grupp (t.ex. kommun).", "Respondents in the pair's second group (kommun, say).")),
    "municipality_current_mean": Column(header: ("Andra gruppen, nuläge", "Second group, current"), explanation: ("Andra gruppens medelvärde för nuläget.", "The second group's mean current state.")),
    "flagged": Column(header: ("Flaggad", "Flagged"), explanation: ("SANT när skillnaden är minst 1 skalsteg eller statistiskt säkerställd efter justering.", "TRUE when the difference is at least 1 scale point or significant after adjustment."), kind: .flag),
    "dimension": Column(header: ("Dimension", "Dimension"), explanation: ("Parets dimension (t.ex. organisation eller niva).", "The pair's dimension (organisation or niva, say).")),
    "first_group": Column(header: ("Första gruppen", "First group"), explanation: ("Parets första grupp (dimensionsvärdets id).", "The pair's first group (the dimension value's id).")),
    "second_group": Column(header: ("Andra gruppen", "Second group"), explanation: ("Parets andra grupp (dimensionsvärdets id).", "The pair's second group (the dimension value's id).")),
    "verdict": Column(header: ("Bedömning", "Verdict"), explanation: ("supported: skillnaden är statistiskt säkerställd; not_supported: den är det inte; cannot_be_compared: för få svarande för att jämföra.", "supported: the difference is significant; not_supported: it is not; cannot_be_compared: too few respondents to compare.")),
    "priority": Column(header: ("Prioritet", "Priority"), explanation: ("Plats bland gruppens prioriteringar (1 = störst gap).", "Rank among the group's priorities (1 = the largest gap).")),
    "strength": Column(header: ("Styrka", "Strength"), explanation: ("Plats bland gruppens styrkor (1 = högst nuläge).", "Rank among the group's strengths (1 = the highest current state).")),
    "answer": Column(header: ("Svar", "Answer"), explanation: ("Svarets värde (ett skalsteg) eller alternativets id.", "The answer's value (a scale point) or the option's id.")),
    "answer_label": Column(header: ("Svarstext", "Answer text"), explanation: ("Svaret i ord.", "The answer in words.")),
    "count": Column(header: ("Antal", "Count"), explanation: ("Antal i gruppen som gav svaret.", "How many in the group gave the answer.")),
    "share": Column(header: ("Andel", "Share"), explanation: ("Andel av dem i gruppen som besvarat frågan.", "Share of those in the group who answered the question."), kind: .share),
    "share_ci_low": Column(header: ("Andel, 95 % KI nedre", "Share, 95 % CI low"), explanation: ("Nedre gränsen för andelens 95 % Wilson-intervall.", "The lower end of the share's 95 % Wilson interval."), kind: .share),
    "share_ci_high": Column(header: ("Andel, 95 % KI övre", "Share, 95 % CI high"), explanation: ("Övre gränsen för andelens 95 % Wilson-intervall.", "The upper end of the share's 95 % Wilson interval."), kind: .share),
  ]
}
