/// The reports' texts in Swedish.
extension Phrase {
  var swedish: String {
    switch self {
    case .gapPerRound: return "Gapet per omgång"
    case .newSinceThePreviousRound: return "Nya sedan förra omgången"
    case .goneSinceThePreviousRound: return "Borttagna sedan förra omgången"
    case .onAScaleThatChanged: return "Med en skala som har ändrats"
    case .notComparedWithThePreviousRound: return "Påståenden som inte jämförs med förra omgången:"
    case .significantlySmallerGap: return "gapet är statistiskt säkerställt mindre än förra omgången"
    case .significantlyLargerGap: return "gapet är statistiskt säkerställt större än förra omgången"
    case .changePerItem: return "Förändring per påstående sedan förra omgången"
    case .respondentGroup: return "Grupp"
    case .changePerGroup: return "Förändring per grupp av svarande sedan förra omgången"
    case .groupChangesExplained:
      return
        "Medelgapet över alla påståenden som jämförs i båda omgångarna (varje påstående väger lika), för alla svarande och för varje grupp, förändringen (nu minus då) och hur många påståenden vars gap är statistiskt säkerställt mindre (▼) eller större (▲) än förra omgången. – betyder att gruppen har för få svarande i någon av omgångarna."
    case .changeThroughTheLenses: return "Förändring per avsnitt och område sedan förra omgången"
    case .lensChangesExplained:
      return
        "Medelgapet i varje avsnitt och varje värde av enkätens linser, över de påståenden som jämförs i båda omgångarna (varje påstående väger lika), och förändringen (nu minus då). De två sista kolumnerna räknar påståenden vars gap är statistiskt säkerställt mindre (▼) eller större (▲) än förra omgången. Linjen visar gapet som varje omgångs rapport visade det."
    case .itemsCompared: return "Påståenden jämförda"
    case .significantlySmallerGaps: return "Säkerställt mindre gap (▼)"
    case .significantlyLargerGaps: return "Säkerställt större gap (▲)"
    case .roundChangesAreTested:
      return
        "Förändringen prövas med Welchs t-test mellan de två omgångarnas svarande, med 95-procentigt konfidensintervall; p-värdet är justerat för att många förändringar prövas samtidigt (Benjamini–Hochberg). ▼: gapet har minskat statistiskt säkerställt (det önskade läget är närmare), ▲: det har ökat. En förändring visas bara där båda omgångarnas siffror visas."
    case .municipalityComparedWithTheRest:
      return
        "En kommun jämförs med resten av länet (utan kommunens egna svar) med Welchs t-test och Mann–Whitneys test; p-värdena justeras för att många påståenden prövas samtidigt (Benjamini–Hochberg)."
    case .aboutTheFigures: return "Om siffrorna"
    case .accepted: return "godtagna"
    case .adjustedP: return "Justerat p-värde"
    case .all: return "Alla"
    case .amongTheLargestGaps: return "Bland de största gapen"
    case .amongTheSmallestGaps: return "Bland de minsta gapen"
    case .and: return " och "
    case .answerHeading: return "Svar"
    case .oneAnswer: return "svar"
    case .answerDistributions: return "Svarsfördelningar"
    case .manyAnswers: return "svar"
    case .area: return "Område"
    case .brownTicksTheCountySFigures:
      return
        "Bruna streck: länets värden (alla svarande), för jämförelse. Ofylld fyrkant: länets nuläge. Fylld fyrkant: länets önskade läge."
    case .changeOfTheGap: return "Förändring av gapet"
    case .changeOfToday: return "Förändring av nuläget"
    case .changeSinceThePreviousMapping: return "Förändring sedan förra kartläggningen"
    case .codebook: return "Kodbok"
    case .colourSaysHowLargeAGap:
      return
        "Färgen säger hur stort gapet är och hur säkert det är, aldrig en rangordning. n står vid varje siffra: antalet som svarat på både nuläge och önskat läge."
    case .comparedWithTheCounty: return "Jämfört med länet"
    case .comparisonsAreNotShownTooFew(let suppressedCount):
      return "\(suppressedCount) jämförelser visas inte: för få svarande i någon av grupperna."
    case .county: return "Länet"
    case .countyEveryone: return "Länet (alla)"
    case .countyGap: return "Länets gap"
    case .countyWide: return "Länsövergripande verksamhet"
    case .countyWithoutMunicipality: return "Okänd kommun (kommunen ej ifylld)"
    case .desired: return "Önskat"
    case .desired2: return "önskat"
    case .difference: return "Skillnad"
    case .duplicateOfAnEarlierAnswer: return "dubblett av tidigare svar"
    case .everyFigureAsCsv: return "Alla siffror som CSV"
    case .everyItemRatedTwice:
      return
        "Varje påstående skattas två gånger på samma skala: hur det är i dag (nuläge) och hur det borde vara (önskat läge). Gapet är önskat läge minus nuläge, räknat för dem som svarat på båda. Medelvärdena räknas på exakt samma svarande, så gapet är skillnaden mellan dem."
    case .fewerThanTheMinimumGroupSize: return "färre än minsta gruppstorlek"
    case .followUp: return "Uppföljning"
    case .freeTextAnswers: return "Fritextsvar"
    case .gap: return "gap"
    case .gap2: return "Gap"
    case .gapAnalysis: return "GAP-analys"
    case .gapNow: return "Gap nu"
    case .gapPerAndGroup(let view): return "Gap per \(view) och svarandegrupp"
    case .gapPerMunicipalityAndDevelopmentArea: return "Gap per kommun och utvecklingsområde"
    case .gapPerMunicipalityAndSection: return "Gap per kommun och avsnitt"
    case .gapSizeInScalePoints: return "Gapets storlek i skalsteg"
    case .gapThen: return "Gap då"
    case .gapsBetweenOrganisations: return "Mellanrum"
    case .mellanrumWhereTwoGroupsSeeTodayDifferently: return "Mellanrum: där två grupper ser olika på nuläget"
    case .smallGroupsAreNotShown(let minimumGroupSize):
      return
        "Grupper med färre än \(minimumGroupSize) svarande visas inte (–), och inte heller siffror som tillsammans med andra skulle avslöja en sådan grupp. Alla siffror finns också i csv/items.csv, och kodboken beskriver frågorna."
    case .hollowDotTodayFilledDotDesired:
      return "Ofylld punkt: nuläge. Fylld punkt: önskat läge. Stapeln mellan dem är gapet."
    case .howToReadTheFigures: return "Så läser du figurerna"
    case .inTheMiddle: return "Mitt bland kommunerna"
    case .item: return "Påstående"
    case .itemsThatDifferFromTheRest: return "Påståenden som skiljer sig från resten av länet"
    case .itemsWhereTwoGroupsRateTodayApart(let firstLabel, let secondLabel, let threshold, let unit, let level):
      return
        "Påståenden där svarande från \(firstLabel) och från \(secondLabel) skattar nuläget minst \(threshold) \(unit) olika, eller där skillnaden är statistiskt säkerställd (justerat p-värde under \(level): p-värdet justerat för att många påståenden prövas samtidigt). En stor skillnad som inte är statistiskt säkerställd är markerad så."
    case .larger: return "större"
    case .largestGaps: return "Största gapen"
    case .legend: return "Teckenförklaring"
    case .madeByKartlagg: return "Skapad av kartlagg"
    case .dashMeansFewerAnswers(let minimumGroupSize):
      return "– betyder färre än \(minimumGroupSize) svar (eller en siffra som annars skulle avslöja en sådan grupp)."
    case .municipalities(let municipalities): return "\(municipalities) kommuner"
    case .municipalitiesAverage: return "Kommunmedelvärde (ovägt)"
    case .municipalitiesAverageGap: return "Kommunmedelvärde (ovägt) av gapet"
    case .municipalitiesWithAnswers: return "Kommuner med svar"
    case .municipality: return "Kommun"
    case .municipalityMissing: return "kommun saknas"
    case .municipalitySGap: return "Kommunens gap"
    case .n1Municipality: return "1 kommun"
    case .n95ConfidenceInterval: return "95 % konfidensintervall"
    case .noAnswers: return "Inga svar"
    case .noComparableFigures: return "Inga jämförbara siffror."
    case .noComparisonCanBeMade(let minimumGroupSize):
      return
        "Ingen jämförelse kan göras: en av grupperna har färre än \(minimumGroupSize) svarande, eller är dold för att skydda en sådan grupp."
    case .noGapIsSignificantlyAboveZero: return "Inget gap är statistiskt säkerställt större än noll."
    case .noItemHasBothTodayAbove: return "Inget påstående har både nuläge över skalans mitt och litet gap."
    case .noItemsWithBothAHigh: return "Inga påståenden med både högt nuläge och litet gap."
    case .none: return "ingen"
    case .notSignificant: return "inte säkerställd"
    case .of(let n, let asked, let rate): return "\(n) av \(asked) (\(rate))"
    case .of2(let answeredCount, let municipalitiesCount): return "\(answeredCount) av \(municipalitiesCount)"
    case .ofInvited(let rate, let n, let asked): return "\(rate) (\(n) av \(asked) inbjudna)"
    case .noneOfTheItemsComparedDiffers(let compared):
      return "Av \(compared) jämförda påståenden skiljer sig inget så mycket eller så säkert."
    case .otherReason: return "annan orsak"
    case .paleAndDashedMeansNotSignificant:
      return
        "Blek och streckad: gapet är inte statistiskt säkerställt (konfidensintervallet omfattar noll). Mörk: gapet är statistiskt säkerställt större än noll."
    case .perSection: return "per avsnitt"
    case .perSectionAnd(let value): return "per avsnitt och \(value)"
    case .period: return "Period"
    case .placeOf(let rank, let of): return "plats \(rank) av \(of)"
    case .positionAmongTheMunicipalities: return "Plats bland kommunerna (1 = störst gap)"
    case .priorities: return "Prioriteringar"
    case .prioritiesAndStrengths: return "Prioriteringar och styrkor"
    case .questionsWithAnswerOptions: return "Frågor med svarsalternativ"
    case .rank: return "Rang"
    case .rejected: return "avvisade"
    case .respondents: return "svarande"
    case .respondents2: return "Svarande"
    case .respondentsPerMunicipalityAndGroup: return "Svarande per kommun och grupp"
    case .responseRate: return "Svarsfrekvens"
    case .rowsInTheExports: return "Rader i exporterna"
    case .scalePoint: return "skalsteg"
    case .scalePoints: return "skalsteg"
    case .sectionBySection: return "Avsnitt för avsnitt"
    case .sections: return "Avsnitt"
    case .share: return "Andel"
    case .shareOfAnswersPerScalePoint: return "Andel svar per skalsteg"
    case .significant: return "statistiskt säkerställd"
    case .significantDifferencesFromTheRestOfTheCounty: return "Statistiskt säkerställda skillnader mot resten av länet"
    case .significantlyLargerThanInTheRest: return "statistiskt säkerställt större än i resten av länet"
    case .significantlySmallerThanInTheRest: return "statistiskt säkerställt mindre än i resten av länet"
    case .smaller: return "mindre"
    case .strengths: return "Styrkor"
    case .the95ConfidenceIntervalShowsHow:
      return
        "Konfidensintervallet (95 %) visar hur säkert gapet är: om det inte når ned till noll är gapet statistiskt säkerställt. Att nuläge och önskat läge kommer från samma person prövas med parade test (t-test och Wilcoxons teckenrangtest)."
    case .theCountyIsShownTwoWays:
      return
        "Länet redovisas på två sätt: länets värde (alla svarande tillsammans, som i officiell statistik; stora kommuner väger mer) och kommunmedelvärdet (medel av kommunernas värden; varje kommun väger lika, som Koladas ovägda medel)."
    case .countyValuesMarkedWithTicks: return "; länets värden markerade med streck"
    case .theFiguresOfTheChart: return "Siffrorna i diagrammet"
    case .theFileCouldNotBeRead: return "filen kunde inte läsas"
    case .notTheOrganisationsMunicipality: return "en kommun som den uppladdande organisationen inte svarar för"
    case .theFirstOfAllOfThem(let shown, let all): return "De \(shown) första av \(all); alla finns i"
    case .theGapBetweenTodayAndDesired:
      return
        "Gapet mellan hur det är i dag (nuläge) och hur det borde vara (önskat läge), skattat av region, kommuner och privata utförare."
    case .theGapNowAndAtThePreviousMapping:
      return
        "Gapet nu och vid förra kartläggningen, och hur nuläget har ändrats (nu minus då). Ett minskande gap betyder att nuläget närmat sig det önskade läget."
    case .theGapsAcrossTheCounty: return "Gapen i länet"
    case .theMeanGapDesiredMinusToday(let perArea):
      return
        "Medelgapet \(perArea) (önskat läge minus nuläge; varje påstående väger lika) för kommunen, länet (alla svarande) och kommunmedelvärdet (varje kommun väger lika). Platsen är kommunens rang bland länets kommuner (plats 1 är största gapet, som i tabellen över påståendena); med 12 kommuner av olika storlek är den mest slump, och den färgas bara där prövningen stöder en skillnad mot resten av länet. Sista kolumnen räknar påståenden där kommunens gap är statistiskt säkerställt större (▲) eller mindre (▼) än i resten av länet."
    case .theMeanGapInForEach(let place, let byWhat):
      return
        "Medelgapet i \(place) för varje avsnitt och varje värde av enkätens linser (utvecklingsområden, prioriterade grupper och övriga taggar), för alla svarande och uppdelat på \(byWhat). Varje påstående väger lika; n är svarande bakom siffran. – betyder för få svarande."
    case .theMeanOfTheItemsGaps:
      return
        "Medelvärdet av påståendenas gap (önskat läge minus nuläge) per område; varje påstående väger lika. n: svarande bakom."
    case .theMunicipalityAgainstTheCounty: return "Kommunen jämfört med länet"
    case .theMunicipalityAndTheCounty: return "Kommunen och länet"
    case .theMunicipalitySGapPerItem:
      return
        "Kommunens gap per påstående bredvid länets (alla svarande) och kommunmedelvärdet (varje kommun väger lika). Skillnaden prövas mot resten av länet (utan kommunens egna svar). ▲ betyder att kommunens gap är statistiskt säkerställt större än i resten av länet, ▼ att det är statistiskt säkerställt mindre; p-värdet är justerat för att många påståenden prövas samtidigt. Rang 1 är största gapet bland kommunerna. Påståendena står med de statistiskt säkerställda skillnaderna först, sedan efter skillnadens storlek."
    case .municipalityGapsAgainstTheCounty: return "Kommunens gap jämfört med länets"
    case .municipalityGapsAgainstTheCountyPerArea: return "Kommunens gap jämfört med länets, per område"
    case .theRejectedRowsAndTheAccounting:
      return "avvisade rader och redovisningen per fil finns i analytikerns arbetsfiler, som inte följer med rapporten"
    case .theShareOfAnswersAtEach:
      return
        "Andelen svar på varje skalsteg, från lägsta (brunt, vänster) till högsta (grönt, höger), för nuläge och önskat läge; mittlinjen går genom mittsteget."
    case .theShareOfThoseWhoAnswered:
      return
        "Andelen av dem som svarat på frågan, med 95-procentigt konfidensintervall (Wilsons metod). – betyder för få svar att visa."
    case .theSurveyDefinitionNamesNoTwo:
      return
        "Enkätdefinitionen anger inga två grupper att jämföra (report: mellanrum), så rapporten visar inga mellanrum."
    case .theSurveyNamesNoTwoGroups: return "Enkäten anger inga två grupper att jämföra."
    case .theWholeCounty: return "Hela länet"
    case .theWholeCountyEveryone: return "Totalt, hela länet"
    case .freeTextHiddenInSmallMunicipality(let minimumGroupSize):
      return "Det finns fritextsvar, men de visas inte: färre än \(minimumGroupSize) svarande i kommunen."
    case .noAnswersFromMunicipality(let name):
      return
        "Det finns inga svar från \(name) i de exporter som lästes in. Kommunen ingår därför inte i länets siffror, och här finns inget att jämföra."
    case .throughTheCountySLenses: return "Genom länets linser"
    case .toTheCountyReport: return "Till länets rapport"
    case .today: return "nuläge"
    case .today2: return "Nuläge"
    case .today3: return "nu"
    case .todayAndDesiredPerItemOnTheScale(let points, let points2, let ticks):
      return "Nuläge och önskat läge per påstående på skalan \(points)–\(points2)\(ticks)."
    case .uncertainGap: return "osäkert gap"
    case .unknown: return "okänd"
    case .unknownMunicipality: return "okänd kommun"
    case .whereText: return "Var"
    case .whoAnswered: return "Vilka svarade"
    case .wrongNumberOfFields: return "fel antal fält"
    case .draftNotToBeSpread: return "Utkast – får inte spridas"
    case .draftExplained:
      return
        "Det här är ett utkast (--draft). Det är inte registrerat som en publicering av omgången och får inte spridas: en senare rapport av samma omgång skyddas inte tillsammans med det."
    case .heldBackHeading: return "Dolt sedan förra rapporten av omgången"
    case .heldBackSince(let minimum, let dates, let scopes):
      return
        "Ändrad med färre än \(minimum) svarande sedan rapporten den \(dates), så att de två rapporterna tillsammans skulle avslöja dem: \(scopes). Deras siffror visas inte (–)."
    case .inBrief: return "I korthet"
    case .theAppendixHolds:
      return
        "Metoden, redovisningen av raderna, tabellerna avsnitt för avsnitt och svarsfördelningarna står i bilagan sist i rapporten."
    case .noSupportedGapPer(let vocabulary):
      return "Inget statistiskt säkerställt gap per \(vocabulary)."
    case .largestIn(let vocabulary, let list):
      return "Per \(vocabulary): \(list)."
    case .listSeparator: return "; "
    case .largestSingleStatement(let item, let gap):
      return "Största enskilda gapet: ”\(item)” (\(gap))."
    case .mellanrumHeading: return "Mellanrum"
    case .cannotBeComparedHere(let first, let second, let minimum):
      return
        "\(first) och \(second) kan inte jämföras här: en av grupperna har färre än \(minimum) svarande, eller är dold för att skydda en sådan grupp."
    case .mellanrumIn(let place, let text): return "I \(place): \(text)"
    case .mellanrumPair(let first, let second): return "\(first) och \(second)"
    case .mellanrumPairNote(let first, let second):
      return
        "Nuläget enligt svarande från \(first) och från \(second). En stor skillnad kan vara ett mellanrum, där ansvaret faller mellan \(first) och \(second)."
    case .supportedMellanrumIn(let first, let second, let count, let compared, let item, let firstMean, let secondMean):
      return
        "\(first) och \(second) bedömer nuläget olika, statistiskt säkerställt, i \(count) av \(compared) påståenden; tydligast ”\(item)”: \(first) \(firstMean), \(second) \(secondMean)."
    case .noSupportedMellanrumIn(let first, let second, let compared):
      return
        "inga statistiskt säkerställda skillnader i nuläget mellan \(first) och \(second); \(compared) \(compared == 1 ? "påstående" : "påståenden") kan jämföras."
    case .mellanrumInMunicipalities(let list):
      return "I kommunerna: statistiskt säkerställda skillnader i \(list)."
    case .noMellanrumInMunicipalities(let compared):
      return
        "I kommunerna: inga statistiskt säkerställda skillnader (\(compared) \(compared == 1 ? "kommun" : "kommuner") kan jämföras)."
    case .mellanrumNotComparedInMunicipalities(let count, let minimum):
      return
        "I \(count) \(count == 1 ? "kommun" : "kommuner") kan grupperna inte jämföras: en av dem har färre än \(minimum) svarande, eller är dold för att skydda en sådan grupp."
    case .statements(let count): return "\(count) \(count == 1 ? "påstående" : "påståenden")"
    case .changeSince(let round):
      return "Förändring sedan \(round)"
    case .thePreviousRound: return "förra omgången"
    case .noSupportedChange(let compared):
      return "ingen statistiskt säkerställd förändring av gapet i de \(compared) påståenden som kan jämföras."
    case .supportedChanges(let smaller, let larger, let compared):
      return
        "av \(compared) påståenden som kan jämföras har gapet minskat i \(smaller == 0 ? "inget" : String(smaller)) och ökat i \(larger == 0 ? "inget" : String(larger)), statistiskt säkerställt."
    case .mostImproved(let example):
      return "mest förbättrat (statistiskt säkerställt): \(example)."
    case .mostWorsened(let example):
      return "Mest försämrat (statistiskt säkerställt): \(example)."
    case .againstTheRestOfTheCounty: return "Jämfört med resten av länet"
    case .tooFewToCompareWithTheCounty(let minimum):
      return "för få svarande (färre än \(minimum) i en grupp) för att jämföra kommunen med resten av länet."
    case .noSupportedDifferenceFromTheCounty(let areas):
      return "inget av de \(areas) avsnitten och områdena skiljer sig statistiskt säkerställt från resten av länet."
    case .largerThanTheCountyIn(let list):
      return "större gap än i resten av länet, med statistiskt säkerställda skillnader i \(list)."
    case .smallerThanTheCountyIn(let list):
      return "Mindre gap än i resten av länet, med statistiskt säkerställda skillnader i \(list)."
    case .caughtUp(let area, let firstRound, let first, let countyFirst, let round, let now, let countyNow):
      return
        "\(area): \(firstRound) störst gap i länet, \(first) mot länets \(countyFirst); \(round) i nivå med länet, \(now) mot \(countyNow)."
    case .mostFiguresHidden(let hidden, let of, let minimum):
      return
        "\(hidden) av \(of) påståenden visas inte här: för få svarande (färre än \(minimum)) i kommunen eller i dess grupper. Det som inte kan jämföras står som –."
    case .gapWithInterval(let gap, let low, let high):
      return "gap \(gap) (\(low) till \(high))"
    case .notSupported: return "inte statistiskt säkerställt"
    case .gapPerBriefLens(let lenses):
      return "Gapet per \(lenses), med 95 % konfidensintervall"
    case .theIntervalIsConservative:
      return
        "Strecket är ett 95-procentigt konfidensintervall, försiktigt räknat och därför snarare för brett än för smalt. Blekt: intervallet når noll, så gapet är inte statistiskt säkerställt."
    case .cannotBeCompared: return "kan inte jämföras"
    case .supportedLarger: return "statistiskt säkerställt större än i resten av länet"
    case .supportedSmaller: return "statistiskt säkerställt mindre än i resten av länet"
    case .noSupportedDifference: return "ingen statistiskt säkerställd skillnad mot resten av länet"
    case .theMunicipalitySGapAgainstTheCounty: return "Kommunens gap jämfört med länets, per avsnitt och område"
    case .or: return " eller "
    case .shareAnswering(let share, let labels):
      return "\(share) svarar \(labels)"
    case .theQuestionsInShort: return "Frågorna i korthet"
    case .legendCounty: return "länet"
    case .legendAverage: return "kommunmedelvärde (ovägt)"
    case .legendPrevious: return "förra omgången"
    case .legendLarger: return "större gap än resten av länet (statistiskt säkerställt)"
    case .legendSmaller: return "mindre gap än resten av länet (statistiskt säkerställt)"
    case .legendNeutral: return "ingen statistiskt säkerställd skillnad"
    case .contents: return "Innehåll"
    case .appendix: return "Bilaga"
    case .statementsOf(let count, let of): return "\(count) av \(of) påståenden"
    case .theGapInEveryRound: return "Gapet i varje omgång, per avsnitt och område"
    case .roundsChartNote:
      return
        "Varje diagram har en skala anpassad till sina värden (minst ett skalsteg hög), så att en förändring på några tiondelar syns; värdena står vid punkterna. ▼ gapet har minskat, ▲ ökat sedan förra omgången, statistiskt säkerställt (minst ett påstående, alla åt samma håll)."
    case .sinceTheFirst(let round): return "Över hela perioden, sedan första kartläggningen \(round):"
    case .noSupportedChangeSinceTheFirst: return "ingen statistiskt säkerställd förändring."
    case .briefPair(let first, let second): return "\(first) mot \(second)"
    case .briefMellanrumSupported(
      let place, let count, let compared, let item, let first, let firstMean, let second, let secondMean):
      return
        "i \(place) skiljer sig \(count) av \(compared) påståenden statistiskt säkerställt, tydligast ”\(item)” (\(first) \(firstMean), \(second) \(secondMean))"
    case .briefMellanrumNone(let place, let compared):
      return "i \(place) ingen statistiskt säkerställd skillnad (\(compared))"
    case .briefMellanrumCannot(let place, let minimum):
      return "i \(place) kan grupperna inte jämföras (färre än \(minimum) svarande i en av dem)"
    case .briefMellanrumInMunicipalities(let list): return "i kommunerna skillnader i \(list)"
    case .briefMellanrumNoneInMunicipalities(let compared):
      return "i kommunerna ingen (\(compared) \(compared == 1 ? "kommun" : "kommuner") kan jämföras)"
    case .briefMellanrumNotCompared(let count):
      return "\(count) \(count == 1 ? "kommun" : "kommuner") kan inte jämföras (för få svarande i en grupp)"
    case .gapOnTheScale(let low, let high):
      return "önskat läge minus nuläge, på skalan \(low)–\(high); 0 eller under: nuläget är redan det önskade"
    case .groupsMovedDifferently(let round):
      return "Grupperna av svarande har rört sig olika sedan \(round)"
    case .groupsMovedDifferentlyNote:
      return
        "Visas bara där två gruppers förändring skiljer sig statistiskt säkerställt: deras 95-procentiga intervall för förändringen överlappar inte."
    case .whatWeAsk: return "Vad underlaget är till för"
    case .statementsDifferFromTheCounty(let count, let item, let gap, let county):
      return
        "Men \(count == 1 ? "ett påstående skiljer" : "\(count) påståenden skiljer") sig statistiskt säkerställt från resten av länet\(count == 1 ? "" : ", tydligast"): ”\(item)”, gap \(gap) mot länets \(county)."
    case .alsoAsked: return "Dessutom frågat"
    case .gridReads(let low, let high):
      return
        "Varje ruta är ett påstående: nuläget (\(low)–\(high)) och gapet till önskat läge. Färgen säger hur stort gapet är; randig är en osäker siffra."
    case .gridMarks:
      return "▲ eller ▼: kommunens gap är statistiskt säkerställt större eller mindre än i resten av länet."
    case .ciUnadjusted: return "95 % konfidensintervall (ojusterat)"
    case .priorityChartTitle(let first, let second): return "Gap och mellanrum mellan \(first) och \(second)"
    case .priorityChartDescription(let first, let second, let smallGap, let threshold):
      return
        "Varje påstående efter mellanrummet mellan \(first) och \(second) (vågrätt: hur mycket gruppernas nuläge skiljer sig, åt vilket håll som helst) och gapet (lodrätt: önskat läge minus nuläge, alla svarande). Blå numrerade punkter: prioriteringarna i listan. Små blå punkter: övriga statistiskt säkerställda gap. Små grå punkter: övriga påståenden. Linjerna delar vid gapet \(smallGap) och mellanrummet \(threshold) skalsteg. Stort gap och samma syn: en gemensam bild att agera på. Stort gap och olika syn: enas först om hur det är i dag."
    case .priorityFieldLargeGapSameView: return "Stort gap, samma syn"
    case .priorityFieldLargeGapViewsDiffer: return "Stort gap, olika syn"
    case .priorityFieldSmallGapSameView: return "Litet gap, samma syn"
    case .priorityFieldSmallGapViewsDiffer: return "Litet gap, olika syn"
    case .priorityAxisMellanrum: return "Mellanrum (skalsteg)"
    case .priorityAxisGap: return "Gap (skalsteg)"
    case .priorityChartNoPair:
      return "Enkäten anger inga två grupper att jämföra, så diagrammet över gap och mellanrum saknas."
    case .priorityChartNotComparable(let place, let first, let second, let minimum):
      return
        "I \(place) kan \(first) och \(second) inte jämföras för något påstående (en av grupperna har färre än \(minimum) svarande eller döljs), så diagrammet över gap och mellanrum saknas här. Länets mellanrum gäller inte \(place) och ritas därför inte mot gapen här."
    case .priorityChartCountyLink: return "Länets diagram"
    case .priorityChartLeftOut(let count):
      return
        "\(count == 1 ? "Ett påstående" : "\(count) påståenden") utan mellanrum (en av grupperna har för få svarande) står inte i diagrammet."
    case .prioritiesIntro(let most, let lenses, let smallGap):
      return
        "Prioriteringar: de högst \(most) största gapen som är statistiskt säkerställt större än noll, ordnade efter \(lenses) (ett påstående som hör till flera står under det första); underlaget till nästa steg i planen, hur vi agerar tillsammans. Styrkor: det som redan fungerar, med nuläge minst vid skalans mitt och gap under \(smallGap) skalsteg."
    case .priorityAlsoIn(let list): return "även \(list)"
    case .priorityOtherStatements: return "Övriga påståenden"
    case .priorityMellanrum(let first, let second): return "mellanrum \(first)–\(second)"
    case .priorityAllSupported(let count):
      return
        "\(count == 1 ? "Ett påstående har" : "\(count) påståenden har") ett statistiskt säkerställt gap; alla står i"
    case .uncertainFigure:
      return
        "randigt eller blekt: osäker siffra (få svarande, ett brett intervall eller ett gap som inte är säkerställt större än noll)"
    case .largerThanAllWithSupport: return "statistiskt säkerställt större gap än bland alla svarande"
    case .smallerThanAllWithSupport: return "statistiskt säkerställt mindre gap än bland alla svarande"
    case .columnsHiddenThroughout(let list, let minimum):
      return "Visas inte, för få svarande (färre än \(minimum)) i varje område: \(list)."
    case .lensMarksNote:
      return
        "▲/▼: gruppens gap är statistiskt säkerställt större/mindre än bland alla svarande (gruppens försiktigt räknade intervall ligger helt på ena sidan, även när alla tabellens celler prövas samtidigt). Färgen i kolumnen Alla är gapets storlek; blekt eller randigt: siffran vilar på få svarande eller ett brett intervall."
    case .perLenses(let list):
      return "Per \(list)"
    case .municipalitySToday: return "Kommunens nuläge"
    case .from(let low, let high):
      return "\(low) till \(high)"
    case .onlyLargeDifferencesShow(let respondents):
      return "Med \(respondents) svarande syns bara stora skillnader."
    case .theIntervalIsConservativeMunicipality:
      return
        "Strecket är ett 95-procentigt konfidensintervall, försiktigt räknat och därför snarare för brett än för smalt. Färg bara där skillnaden mot resten av länet är statistiskt säkerställd (intervallet ligger helt på ena sidan om länets värde); annars grått."
    case .responseRateOf(let group):
      return "Svarsfrekvens, \(group)"
    case .roundNamed(let name): return "Omgång \(name)"
    case .periodOfTheSurvey(let period): return "\(period) (enkätens period; omgången har ingen egen)"
    case .comparedWith(let round): return "jämförs med \(round)"
    case .firstMapping(let round): return "(första kartläggningen \(round))"
    case .gapIn(let round): return "Gap \(round)"
    case .theGapsOnTheMap: return "Gapet på kartan"
    case .oneMapPerSectionAndArea(let area, let hasArea):
      return
        "En karta för varje avsnitt\(hasArea ? " och \(area)" : ""). Färgen är kommunens gap: medelvärdet av påståendenas gap (önskat läge minus nuläge) i skalsteg, mörkare för större gap. ▲ och ▼ står bara där kommunen skiljer sig statistiskt säkerställt från resten av länet."
    case .isOutlinedInBlack(let name): return "\(name) har svart kant."
    case .noMapTheCodesAreNotSCBs:
      return "Här finns ingen karta, eftersom enkätens kommunkoder inte är SCB:s fyrsiffriga kommunkoder."
    case .hiddenFewerThan(let minimum):
      return "dold: färre än \(minimum) svarande, eller en siffra som annars skulle avslöja en sådan grupp"
    case .hiddenSinceAnEarlierReport: return "dold sedan förra rapporten av omgången"
    case .uncertainGapPale: return "osäkert gap (få svarande eller brett intervall): samma färg, blekare"
    case .theMapsAsATable: return "Kartornas siffror som tabell"
    case .theMapsFiguresCaption:
      return "Gapet per avsnitt, område och kommun (▲/▼: statistiskt säkerställd skillnad mot resten av länet)"
    case .boundariesFromSCB: return "Kommungränser: SCB, Digitala gränser (CC0). Källa: SCB."
    }
  }
}
