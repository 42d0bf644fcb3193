/// The reports' texts in English.
extension Phrase {
  var english: String {
    switch self {
    case .gapPerRound: return "The gap per round"
    case .newSinceThePreviousRound: return "New since the previous round"
    case .goneSinceThePreviousRound: return "Gone since the previous round"
    case .onAScaleThatChanged: return "On a scale that changed"
    case .notComparedWithThePreviousRound: return "Items not compared with the previous round:"
    case .significantlySmallerGap: return "the gap is significantly smaller than in the previous round"
    case .significantlyLargerGap: return "the gap is significantly larger than in the previous round"
    case .changePerItem: return "Change per item since the previous round"
    case .respondentGroup: return "Group"
    case .changePerGroup: return "Change per group of respondents since the previous round"
    case .groupChangesExplained:
      return
        "The mean gap over every item compared in both rounds (each item weighs the same), for all respondents and for each group, its change (now minus then), and how many items' gaps are significantly smaller (▼) or larger (▲) than in the previous round. – means the group has too few respondents in one of the rounds."
    case .changeThroughTheLenses: return "Change per section and area since the previous round"
    case .lensChangesExplained:
      return
        "The mean gap of each section and each value of the survey's lenses, over the items compared in both rounds (each item weighs the same), and its change (now minus then). The last two columns count the items whose gap is significantly smaller (▼) or larger (▲) than in the previous round. The line shows the gap as each round's report showed it."
    case .itemsCompared: return "Items compared"
    case .significantlySmallerGaps: return "Significantly smaller gap (▼)"
    case .significantlyLargerGaps: return "Significantly larger gap (▲)"
    case .roundChangesAreTested:
      return
        "Each change is tested with Welch's t-test between the two rounds' respondents, with a 95 % confidence interval; the p-value is adjusted for testing many changes at once (Benjamini–Hochberg). ▼: the gap shrank significantly (the desired state is closer), ▲: it grew. A change is shown only where both rounds' figures are shown."
    case .municipalityComparedWithTheRest:
      return
        "A municipality is compared with the rest of the county (its own answers left out) with Welch's t-test and the Mann–Whitney test; the p-values are adjusted for testing many items at once (Benjamini–Hochberg)."
    case .aboutTheFigures: return "About the figures"
    case .accepted: return "accepted"
    case .adjustedP: return "Adjusted p"
    case .all: return "All"
    case .amongTheLargestGaps: return "Among the largest gaps"
    case .amongTheSmallestGaps: return "Among the smallest gaps"
    case .and: return " and "
    case .answerHeading: return "Answer"
    case .oneAnswer: return "answer"
    case .answerDistributions: return "Answer distributions"
    case .manyAnswers: return "answers"
    case .area: return "Area"
    case .brownTicksTheCountySFigures:
      return
        "Brown ticks: the county's figures (all respondents), for comparison. Hollow square: the county's today. Filled square: the county's desired."
    case .changeOfTheGap: return "Change of the gap"
    case .changeOfToday: return "Change of today"
    case .changeSinceThePreviousMapping: return "Change since the previous mapping"
    case .codebook: return "Codebook"
    case .colourSaysHowLargeAGap:
      return
        "Colour says how large a gap is and how sure, never a rank. n stands beside every figure: those who rated both today and desired."
    case .comparedWithTheCounty: return "Compared with the county"
    case .comparisonsAreNotShownTooFew(let suppressedCount):
      return "\(suppressedCount) comparisons are not shown: too few respondents in one of the groups."
    case .county: return "County"
    case .countyEveryone: return "County (everyone)"
    case .countyGap: return "County gap"
    case .countyWide: return "County-wide services"
    case .countyWithoutMunicipality: return "Unknown municipality (none filled in)"
    case .desired: return "Desired"
    case .desired2: return "desired"
    case .difference: return "Difference"
    case .duplicateOfAnEarlierAnswer: return "duplicate of an earlier answer"
    case .everyFigureAsCsv: return "Every figure as CSV"
    case .everyItemRatedTwice:
      return
        "Every item is rated twice on the same scale: how it is today and how it should be. The gap is desired minus today, for those who answered both; the means are over exactly those respondents, so the gap is their difference."
    case .fewerThanTheMinimumGroupSize: return "fewer than the minimum group size"
    case .followUp: return "Follow-up"
    case .freeTextAnswers: return "Free-text answers"
    case .gap: return "gap"
    case .gap2: return "Gap"
    case .gapAnalysis: return "GAP analysis"
    case .gapNow: return "Gap now"
    case .gapPerAndGroup(let view): return "Gap per \(view) and respondent group"
    case .gapPerMunicipalityAndDevelopmentArea: return "Gap per municipality and development area"
    case .gapPerMunicipalityAndSection: return "Gap per municipality and section"
    case .gapSizeInScalePoints: return "Gap size in scale points"
    case .gapThen: return "Gap then"
    case .gapsBetweenOrganisations: return "Gaps between organisations"
    case .mellanrumWhereTwoGroupsSeeTodayDifferently:
      return "Mellanrum: where two groups see today differently"
    case .smallGroupsAreNotShown(let minimumGroupSize):
      return
        "Groups with fewer than \(minimumGroupSize) respondents are not shown (–), nor figures that together with others would give such a group away. Every figure is also in csv/items.csv, and the codebook describes the questions."
    case .hollowDotTodayFilledDotDesired:
      return "Hollow dot: today. Filled dot: desired. The bar between them is the gap."
    case .howToReadTheFigures: return "How to read the figures"
    case .inTheMiddle: return "In the middle"
    case .item: return "Item"
    case .itemsThatDifferFromTheRest: return "Items that differ from the rest of the county"
    case .itemsWhereTwoGroupsRateTodayApart(let firstLabel, let secondLabel, let threshold, let unit, let level):
      return
        "Items where respondents from \(firstLabel) and from \(secondLabel) rate today at least \(threshold) \(unit) apart, or where the difference is statistically significant (adjusted p below \(level): the p-value adjusted for testing many items at once). A large difference that is not statistically significant is marked so."
    case .larger: return "larger"
    case .largestGaps: return "Largest gaps"
    case .legend: return "Legend"
    case .madeByKartlagg: return "Made by kartlagg"
    case .dashMeansFewerAnswers(let minimumGroupSize):
      return "– means fewer than \(minimumGroupSize) answers (or a figure that would give such a group away)."
    case .municipalities(let municipalities): return "\(municipalities) municipalities"
    case .municipalitiesAverage: return "Municipalities' average (unweighted)"
    case .municipalitiesAverageGap: return "Municipalities' average gap"
    case .municipalitiesWithAnswers: return "Municipalities with answers"
    case .municipality: return "Municipality"
    case .municipalityMissing: return "municipality missing"
    case .municipalitySGap: return "Municipality's gap"
    case .n1Municipality: return "1 municipality"
    case .n95ConfidenceInterval: return "95 % confidence interval"
    case .noAnswers: return "No answers"
    case .noComparableFigures: return "No comparable figures."
    case .noComparisonCanBeMade(let minimumGroupSize):
      return
        "No comparison can be made: one of the groups has fewer than \(minimumGroupSize) respondents, or is hidden to protect such a group."
    case .noGapIsSignificantlyAboveZero: return "No gap is significantly above zero."
    case .noItemHasBothTodayAbove: return "No item has both today above the middle of the scale and a small gap."
    case .noItemsWithBothAHigh: return "No items with both a high today and a small gap."
    case .none: return "none"
    case .notSignificant: return "not significant"
    case .of(let n, let asked, let rate): return "\(n) of \(asked) (\(rate))"
    case .of2(let answeredCount, let municipalitiesCount): return "\(answeredCount) of \(municipalitiesCount)"
    case .ofInvited(let rate, let n, let asked): return "\(rate) (\(n) of \(asked) invited)"
    case .noneOfTheItemsComparedDiffers(let compared):
      return "Of \(compared) items compared, none differs that much or that surely."
    case .otherReason: return "other reason"
    case .paleAndDashedMeansNotSignificant:
      return
        "Pale and dashed: the gap is not statistically significant (the confidence interval includes zero). Dark: the gap is significantly above zero."
    case .perSection: return "per section"
    case .perSectionAnd(let value): return "per section and \(value)"
    case .period: return "Period"
    case .placeOf(let rank, let of): return "place \(rank) of \(of)"
    case .positionAmongTheMunicipalities: return "Place among the municipalities (1 = largest gap)"
    case .priorities: return "Priorities"
    case .prioritiesAndStrengths: return "Priorities and strengths"
    case .questionsWithAnswerOptions: return "Questions with answer options"
    case .rank: return "Rank"
    case .rejected: return "rejected"
    case .respondents: return "respondents"
    case .respondents2: return "Respondents"
    case .respondentsPerMunicipalityAndGroup: return "Respondents per municipality and group"
    case .responseRate: return "Response rate"
    case .rowsInTheExports: return "Rows in the exports"
    case .scalePoint: return "scale point"
    case .scalePoints: return "scale points"
    case .sectionBySection: return "Section by section"
    case .sections: return "Sections"
    case .share: return "Share"
    case .shareOfAnswersPerScalePoint: return "Share of answers per scale point"
    case .significant: return "significant"
    case .significantDifferencesFromTheRestOfTheCounty: return "Significant differences from the rest of the county"
    case .significantlyLargerThanInTheRest: return "significantly larger than in the rest of the county"
    case .significantlySmallerThanInTheRest: return "significantly smaller than in the rest of the county"
    case .smaller: return "smaller"
    case .strengths: return "Strengths"
    case .the95ConfidenceIntervalShowsHow:
      return
        "The 95 % confidence interval shows how sure the gap is: if it does not reach zero, the gap is statistically significant. Since today and desired come from the same person, the tests are paired (t-test and Wilcoxon's signed-rank test)."
    case .theCountyIsShownTwoWays:
      return
        "The county is shown two ways: the county figure (all respondents together, as in official statistics; large municipalities weigh more) and the municipalities' average (the mean of the municipalities' figures; each weighs the same, like Kolada's unweighted mean)."
    case .countyValuesMarkedWithTicks: return "; the county's values marked with ticks"
    case .theFiguresOfTheChart: return "The figures of the chart"
    case .theFileCouldNotBeRead: return "the file could not be read"
    case .notTheOrganisationsMunicipality: return "a municipality the uploading organisation does not answer for"
    case .theFirstOfAllOfThem(let shown, let all): return "The first \(shown) of \(all); all of them are in"
    case .theGapBetweenTodayAndDesired:
      return
        "The gap between how things are today and how they should be, as rated by the region, the municipalities and private providers."
    case .theGapNowAndAtThePreviousMapping:
      return
        "The gap now and at the previous mapping, and how today's level changed (now minus then). A shrinking gap means today has come closer to the desired state."
    case .theGapsAcrossTheCounty: return "The gaps across the county"
    case .theMeanGapDesiredMinusToday(let perArea):
      return
        "The mean gap \(perArea) (desired minus today; every item weighs the same) for the municipality, the county (all respondents) and the municipalities' average (each municipality weighs the same). The place is the municipality's rank among the county's municipalities (place 1 is the largest gap, as in the table of statements); with 12 municipalities of different sizes it is mostly chance, and it is coloured only where the test supports a difference from the rest of the county. The last column counts the items where the municipality's gap is significantly larger (▲) or smaller (▼) than in the rest of the county."
    case .theMeanGapInForEach(let place, let byWhat):
      return
        "The mean gap in \(place) for each section and each value of the survey's lenses (development areas, priority groups and other tags), for all respondents and by \(byWhat). Every item weighs the same; n is the respondents behind the figure. – means too few respondents."
    case .theMeanOfTheItemsGaps:
      return
        "The mean of the items' gaps (desired minus today) per area; every item weighs the same. n: respondents behind it."
    case .theMunicipalityAgainstTheCounty: return "The municipality against the county"
    case .theMunicipalityAndTheCounty: return "The municipality and the county"
    case .theMunicipalitySGapPerItem:
      return
        "The municipality's gap per item beside the county's (all respondents) and the municipalities' average (each weighing the same). The difference is tested against the rest of the county (the municipality's own answers left out). ▲ means the municipality's gap is significantly larger than in the rest of the county, ▼ significantly smaller; the p-value is adjusted for testing many items at once. Rank 1 is the largest gap among the municipalities. The significant differences come first, then the items by the size of the difference."
    case .municipalityGapsAgainstTheCounty: return "The municipality's gaps against the county's"
    case .municipalityGapsAgainstTheCountyPerArea: return "The municipality's gaps against the county's, per area"
    case .theRejectedRowsAndTheAccounting:
      return
        "the rejected rows and the accounting per file are in the analyst's working files, which do not go with the report"
    case .theShareOfAnswersAtEach:
      return
        "The share of answers at each scale point, from the lowest (brown, left) to the highest (green, right), for today and desired; the centre line runs through the middle point."
    case .theShareOfThoseWhoAnswered:
      return
        "The share of those who answered the question, with a 95 % confidence interval (Wilson's method). – means too few answers to show."
    case .theSurveyDefinitionNamesNoTwo:
      return
        "The survey definition names no two groups to compare (report: mellanrum), so the report shows no gaps between organisations."
    case .theSurveyNamesNoTwoGroups: return "The survey names no two groups to compare."
    case .theWholeCounty: return "The whole county"
    case .theWholeCountyEveryone: return "Total, the whole county"
    case .freeTextHiddenInSmallMunicipality(let minimumGroupSize):
      return
        "There are free-text answers, but they are not shown: fewer than \(minimumGroupSize) respondents in the municipality."
    case .noAnswersFromMunicipality(let name):
      return
        "There are no answers from \(name) in the exports that were read. The municipality is therefore not part of the county's figures, and there is nothing to compare here."
    case .throughTheCountySLenses: return "Through the county's lenses"
    case .toTheCountyReport: return "To the county report"
    case .today: return "today"
    case .today2: return "Today"
    case .today3: return "today"
    case .todayAndDesiredPerItemOnTheScale(let points, let points2, let ticks):
      return "Today and desired per item on the scale \(points)–\(points2)\(ticks)."
    case .uncertainGap: return "uncertain gap"
    case .unknown: return "unknown"
    case .unknownMunicipality: return "unknown municipality"
    case .whereText: return "Where"
    case .whoAnswered: return "Who answered"
    case .wrongNumberOfFields: return "wrong number of fields"
    case .draftNotToBeSpread: return "Draft – not to be spread"
    case .draftExplained:
      return
        "This is a draft (--draft). It is not recorded as a publication of the round and must not be spread: a later report of the same round is not protected together with it."
    case .heldBackHeading: return "Hidden since the round's last report"
    case .heldBackSince(let minimum, let dates, let scopes):
      return
        "Changed by fewer than \(minimum) respondents since the report of \(dates), so that the two reports together would give them away: \(scopes). Their figures are not shown (–)."
    case .inBrief: return "In brief"
    case .theAppendixHolds:
      return
        "The method, the accounting of the rows, the tables section by section and the answer distributions are in the appendix at the end of the report."
    case .noSupportedGapPer(let vocabulary):
      return "No statistically supported gap per \(vocabulary)."
    case .largestIn(let vocabulary, let list):
      return "Per \(vocabulary): \(list)."
    case .listSeparator: return "; "
    case .largestSingleStatement(let item, let gap):
      return "The largest single gap: “\(item)” (\(gap))."
    case .mellanrumHeading: return "Mellanrum"
    case .cannotBeComparedHere(let first, let second, let minimum):
      return
        "\(first) and \(second) cannot be compared here: one of the groups has fewer than \(minimum) respondents, or is hidden to protect such a group."
    case .mellanrumIn(let place, let text): return "In \(place): \(text)"
    case .mellanrumPair(let first, let second): return "\(first) and \(second)"
    case .mellanrumPairNote(let first, let second):
      return
        "The current state according to respondents from \(first) and from \(second). A large difference can be a mellanrum, where responsibility falls between \(first) and \(second)."
    case .supportedMellanrumIn(let first, let second, let count, let compared, let item, let firstMean, let secondMean):
      return
        "\(first) and \(second) see the current state differently, statistically supported, in \(count) of \(compared) statements; most clearly “\(item)”: \(first) \(firstMean), \(second) \(secondMean)."
    case .noSupportedMellanrumIn(let first, let second, let compared):
      return
        "no statistically supported differences in the current state between \(first) and \(second); \(compared) \(compared == 1 ? "statement" : "statements") can be compared."
    case .mellanrumInMunicipalities(let list):
      return "In the municipalities: statistically supported differences in \(list)."
    case .noMellanrumInMunicipalities(let compared):
      return
        "In the municipalities: no statistically supported differences (\(compared) \(compared == 1 ? "municipality" : "municipalities") can be compared)."
    case .mellanrumNotComparedInMunicipalities(let count, let minimum):
      return
        "In \(count) \(count == 1 ? "municipality" : "municipalities") the groups cannot be compared: one of them has fewer than \(minimum) respondents, or is hidden to protect such a group."
    case .statements(let count): return "\(count) \(count == 1 ? "statement" : "statements")"
    case .changeSince(let round):
      return "Change since \(round)"
    case .thePreviousRound: return "the previous round"
    case .noSupportedChange(let compared):
      return "no statistically supported change of the gap in the \(compared) statements that can be compared."
    case .supportedChanges(let smaller, let larger, let compared):
      return
        "of \(compared) statements that can be compared, the gap narrowed in \(smaller == 0 ? "none" : String(smaller)) and widened in \(larger == 0 ? "none" : String(larger)), with statistical support."
    case .mostImproved(let example):
      return "most improved (statistically supported): \(example)."
    case .mostWorsened(let example):
      return "Most worsened (statistically supported): \(example)."
    case .againstTheRestOfTheCounty: return "Against the rest of the county"
    case .tooFewToCompareWithTheCounty(let minimum):
      return
        "too few respondents (fewer than \(minimum) in a group) to compare the municipality with the rest of the county."
    case .noSupportedDifferenceFromTheCounty(let areas):
      return "none of the \(areas) sections and areas differs, statistically supported, from the rest of the county."
    case .largerThanTheCountyIn(let list):
      return "a larger gap than in the rest of the county, with statistically supported differences in \(list)."
    case .smallerThanTheCountyIn(let list):
      return "A smaller gap than in the rest of the county, with statistically supported differences in \(list)."
    case .caughtUp(let area, let firstRound, let first, let countyFirst, let round, let now, let countyNow):
      return
        "\(area): \(firstRound) the largest gap in the county, \(first) against the county's \(countyFirst); \(round) level with the county, \(now) against \(countyNow)."
    case .mostFiguresHidden(let hidden, let of, let minimum):
      return
        "\(hidden) of \(of) statements are not shown here: too few respondents (fewer than \(minimum)) in the municipality or its groups. What cannot be compared is shown as –."
    case .gapWithInterval(let gap, let low, let high):
      return "gap \(gap) (\(low) to \(high))"
    case .notSupported: return "not statistically supported"
    case .gapPerBriefLens(let lenses):
      return "The gap per \(lenses), with 95 % confidence intervals"
    case .theIntervalIsConservative:
      return
        "The line is a 95 % confidence interval, computed conservatively and so rather too wide than too narrow. Pale: the interval reaches zero, so the gap is not statistically supported."
    case .cannotBeCompared: return "cannot be compared"
    case .supportedLarger: return "larger than in the rest of the county, statistically supported"
    case .supportedSmaller: return "smaller than in the rest of the county, statistically supported"
    case .noSupportedDifference: return "no statistically supported difference from the rest of the county"
    case .theMunicipalitySGapAgainstTheCounty:
      return "The municipality's gap against the county's, per section and area"
    case .or: return " or "
    case .shareAnswering(let share, let labels):
      return "\(share) answer \(labels)"
    case .theQuestionsInShort: return "The questions in short"
    case .legendCounty: return "the county"
    case .legendAverage: return "municipalities' average (unweighted)"
    case .legendPrevious: return "the previous round"
    case .legendLarger: return "larger gap than the rest of the county (statistically supported)"
    case .legendSmaller: return "smaller gap than the rest of the county (statistically supported)"
    case .legendNeutral: return "no statistically supported difference"
    case .contents: return "Contents"
    case .appendix: return "Appendix"
    case .statementsOf(let count, let of): return "\(count) of \(of) statements"
    case .theGapInEveryRound: return "The gap in every round, per section and area"
    case .roundsChartNote:
      return
        "Each chart has a scale fitted to its values (at least one scale point high), so that a change of a few tenths shows; the values stand by the points. ▼ the gap has become smaller, ▲ larger since the previous round, statistically supported (at least one statement, all the same way)."
    case .sinceTheFirst(let round): return "Over the whole period, since the first mapping in \(round):"
    case .noSupportedChangeSinceTheFirst: return "no statistically supported change."
    case .briefPair(let first, let second): return "\(first) against \(second)"
    case .briefMellanrumSupported(
      let place, let count, let compared, let item, let first, let firstMean, let second, let secondMean):
      return
        "in \(place) \(count) of \(compared) statements differ with statistical support, most clearly “\(item)” (\(first) \(firstMean), \(second) \(secondMean))"
    case .briefMellanrumNone(let place, let compared):
      return "in \(place) no statistically supported difference (\(compared))"
    case .briefMellanrumCannot(let place, let minimum):
      return "in \(place) the groups cannot be compared (fewer than \(minimum) respondents in one of them)"
    case .briefMellanrumInMunicipalities(let list): return "in the municipalities, differences in \(list)"
    case .briefMellanrumNoneInMunicipalities(let compared):
      return
        "in the municipalities none (\(compared) \(compared == 1 ? "municipality" : "municipalities") can be compared)"
    case .briefMellanrumNotCompared(let count):
      return
        "\(count) \(count == 1 ? "municipality" : "municipalities") cannot be compared (too few respondents in a group)"
    case .gapOnTheScale(let low, let high):
      return
        "desired minus current state, on the scale \(low)–\(high); 0 or below: the current state is already the desired"
    case .groupsMovedDifferently(let round):
      return "The groups of respondents have moved differently since \(round)"
    case .groupsMovedDifferentlyNote:
      return
        "Shown only where two groups' changes differ with statistical support: their 95 % intervals of the change do not overlap."
    case .whatWeAsk: return "What this is for"
    case .statementsDifferFromTheCounty(let count, let item, let gap, let county):
      return
        "But \(count == 1 ? "one statement differs" : "\(count) statements differ") from the rest of the county with statistical support\(count == 1 ? "" : ", most clearly"): “\(item)”, gap \(gap) against the county's \(county)."
    case .alsoAsked: return "Also asked"
    case .gridReads(let low, let high):
      return
        "Each cell is one statement: the current state (\(low)–\(high)) and the gap to the desired state. The colour says how large the gap is; hatched is an uncertain figure."
    case .gridMarks:
      return
        "▲ or ▼: the municipality's gap is larger or smaller than in the rest of the county with statistical support."
    case .ciUnadjusted: return "95 % confidence interval (unadjusted)"
    case .priorityChartTitle(let first, let second): return "Gap and mellanrum between \(first) and \(second)"
    case .priorityChartDescription(let first, let second, let smallGap, let threshold):
      return
        "Every statement by the mellanrum between \(first) and \(second) (across: how much the groups' current states differ, either way) and its gap (up: desired minus current, all respondents). Blue numbered points: the priorities of the list. Small blue points: the other supported gaps. Small grey points: the other statements. The lines divide at a gap of \(smallGap) and a mellanrum of \(threshold) scale points. Large gap, shared view: a common picture to act on. Large gap, views differ: first agree on how things are today."
    case .priorityFieldLargeGapSameView: return "Large gap, shared view"
    case .priorityFieldLargeGapViewsDiffer: return "Large gap, views differ"
    case .priorityFieldSmallGapSameView: return "Small gap, shared view"
    case .priorityFieldSmallGapViewsDiffer: return "Small gap, views differ"
    case .priorityAxisMellanrum: return "Mellanrum (scale points)"
    case .priorityAxisGap: return "Gap (scale points)"
    case .priorityChartNoPair:
      return "The survey names no two groups to compare, so there is no chart of gap and mellanrum."
    case .priorityChartNotComparable(let place, let first, let second, let minimum):
      return
        "In \(place), \(first) and \(second) cannot be compared on any statement (one of the groups has fewer than \(minimum) respondents or is hidden), so there is no chart of gap and mellanrum here. The county's mellanrum does not hold for \(place), so it is not drawn against the gaps here."
    case .priorityChartCountyLink: return "The county's chart"
    case .priorityChartLeftOut(let count):
      return
        "\(count == 1 ? "One statement" : "\(count) statements") without a mellanrum (one of the groups has too few respondents) \(count == 1 ? "is" : "are") not in the chart."
    case .prioritiesIntro(let most, let lenses, let smallGap):
      return
        "Priorities: at most the \(most) largest gaps that are significantly above zero, arranged by \(lenses) (a statement that belongs to several stands under the first); the input to the plan's next step, how to act together. Strengths: what works already, with today at least at the middle of the scale and a gap below \(smallGap) scale point."
    case .priorityAlsoIn(let list): return "also \(list)"
    case .priorityOtherStatements: return "Other statements"
    case .priorityMellanrum(let first, let second): return "mellanrum \(first)–\(second)"
    case .priorityAllSupported(let count):
      return "\(count == 1 ? "One statement has" : "\(count) statements have") a supported gap; all of them are in"
    case .uncertainFigure:
      return "hatched or pale: an uncertain figure (few respondents, a wide interval or a gap not supported above zero)"
    case .largerThanAllWithSupport: return "a statistically supported larger gap than among all respondents"
    case .smallerThanAllWithSupport: return "a statistically supported smaller gap than among all respondents"
    case .columnsHiddenThroughout(let list, let minimum):
      return "Not shown, too few respondents (fewer than \(minimum)) in every area: \(list)."
    case .lensMarksNote:
      return
        "▲/▼: the group's gap is larger/smaller than among all respondents with statistical support (the group's conservative interval lies wholly on one side, even with every cell of the table tested at once). The colour of the column All is the size of the gap; pale or hatched: the figure rests on few respondents or a wide interval."
    case .perLenses(let list):
      return "Per \(list)"
    case .municipalitySToday: return "The municipality's current state"
    case .from(let low, let high):
      return "\(low) to \(high)"
    case .onlyLargeDifferencesShow(let respondents):
      return "With \(respondents) respondents only large differences show."
    case .theIntervalIsConservativeMunicipality:
      return
        "The line is a 95 % confidence interval, computed conservatively and so rather too wide than too narrow. Colour only where the difference from the rest of the county is statistically supported (the interval lies wholly on one side of the county's figure); grey otherwise."
    case .responseRateOf(let group):
      return "Response rate, \(group)"
    case .roundNamed(let name): return "Round \(name)"
    case .periodOfTheSurvey(let period): return "\(period) (the survey's period; the round has none of its own)"
    case .comparedWith(let round): return "compared with \(round)"
    case .firstMapping(let round): return "(first mapping \(round))"
    case .gapIn(let round): return "Gap \(round)"
    case .theGapsOnTheMap: return "The gaps on the map"
    case .oneMapPerSectionAndArea(let area, let hasArea):
      return
        "One map for each section\(hasArea ? " and \(area)" : ""). The colour is the municipality's gap: the mean of its items' gaps (desired minus today) in scale points, darker for a larger gap. ▲ and ▼ appear only where the municipality differs from the rest of the county with statistical support."
    case .isOutlinedInBlack(let name): return "\(name) is outlined in black."
    case .noMapTheCodesAreNotSCBs:
      return
        "There is no map here, because the survey's municipality codes are not Statistics Sweden's four-digit codes."
    case .hiddenFewerThan(let minimum):
      return "hidden: fewer than \(minimum) respondents, or a figure that would otherwise reveal such a group"
    case .hiddenSinceAnEarlierReport: return "hidden since the round's earlier report"
    case .uncertainGapPale: return "uncertain gap (few respondents or a wide interval): the same colour, paler"
    case .theMapsAsATable: return "The maps' figures as a table"
    case .theMapsFiguresCaption:
      return
        "The gap per section, area and municipality (▲/▼: a difference from the rest of the county with statistical support)"
    case .boundariesFromSCB:
      return "Municipal boundaries: Statistics Sweden (SCB), Digitala gränser (CC0). Source: SCB."
    }
  }
}
