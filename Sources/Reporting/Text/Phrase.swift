import SourceDiagnostics

/// Every text the reports print, by key. Each language's words are in its own catalogue
/// (`Phrase+Swedish.swift`, `Phrase+English.swift`), each an exhaustive switch, so that a
/// phrase missing from a language does not compile. A phrase's values (counts, names,
/// figures already formatted) are its associated values.
enum Phrase: Localized {
  case gapPerRound
  case newSinceThePreviousRound
  case goneSinceThePreviousRound
  case onAScaleThatChanged
  case notComparedWithThePreviousRound
  case significantlySmallerGap
  case significantlyLargerGap
  case roundChangesAreTested
  case changeThroughTheLenses
  case changePerItem
  case changePerGroup
  case respondentGroup
  case groupChangesExplained
  case lensChangesExplained
  case itemsCompared
  case significantlySmallerGaps
  case significantlyLargerGaps
  case municipalityComparedWithTheRest
  case aboutTheFigures
  case accepted
  case adjustedP
  case all
  case amongTheLargestGaps
  case amongTheSmallestGaps
  case and
  case answerHeading
  case oneAnswer
  case answerDistributions
  case manyAnswers
  case area
  case brownTicksTheCountySFigures
  case changeOfTheGap
  case changeOfToday
  case changeSinceThePreviousMapping
  case codebook
  case colourSaysHowLargeAGap
  case comparedWithTheCounty
  case comparisonsAreNotShownTooFew(suppressedCount: any CustomStringConvertible)
  case county
  case countyEveryone
  case countyGap
  case countyWide
  /// "Vilka svarade": the respondents whose municipality cell was blank.
  case countyWithoutMunicipality
  case desired
  case desired2
  case difference
  case duplicateOfAnEarlierAnswer
  case everyFigureAsCsv
  case everyItemRatedTwice
  case fewerThanTheMinimumGroupSize
  case followUp
  case freeTextAnswers
  case gap
  case gap2
  case gapAnalysis
  case gapNow
  case gapPerAndGroup(view: any CustomStringConvertible)
  case gapPerMunicipalityAndDevelopmentArea
  case gapPerMunicipalityAndSection
  case gapSizeInScalePoints
  case gapThen
  case gapsBetweenOrganisations
  case mellanrumWhereTwoGroupsSeeTodayDifferently
  case smallGroupsAreNotShown(minimumGroupSize: any CustomStringConvertible)
  case hollowDotTodayFilledDotDesired
  case howToReadTheFigures
  case inTheMiddle
  case item
  case itemsThatDifferFromTheRest
  case itemsWhereTwoGroupsRateTodayApart(
    firstLabel: any CustomStringConvertible, secondLabel: any CustomStringConvertible,
    threshold: any CustomStringConvertible, unit: any CustomStringConvertible, level: any CustomStringConvertible)
  case larger
  case largestGaps
  case legend
  case madeByKartlagg
  case dashMeansFewerAnswers(minimumGroupSize: any CustomStringConvertible)
  case municipalities(municipalities: any CustomStringConvertible)
  case municipalitiesAverage
  case municipalitiesAverageGap
  case municipalitiesWithAnswers
  case municipality
  case municipalityMissing
  case municipalitySGap
  case n1Municipality
  case n95ConfidenceInterval
  case noAnswers
  case noComparableFigures
  case noComparisonCanBeMade(minimumGroupSize: any CustomStringConvertible)
  case noGapIsSignificantlyAboveZero
  case noItemHasBothTodayAbove
  case noItemsWithBothAHigh
  case none
  case notSignificant
  case of(n: any CustomStringConvertible, asked: any CustomStringConvertible, rate: any CustomStringConvertible)
  case of2(answeredCount: any CustomStringConvertible, municipalitiesCount: any CustomStringConvertible)
  case ofInvited(rate: any CustomStringConvertible, n: any CustomStringConvertible, asked: any CustomStringConvertible)
  case noneOfTheItemsComparedDiffers(compared: any CustomStringConvertible)
  case otherReason
  case paleAndDashedMeansNotSignificant
  case perSection
  case perSectionAnd(value: any CustomStringConvertible)
  case period
  case placeOf(rank: any CustomStringConvertible, of: any CustomStringConvertible)
  case positionAmongTheMunicipalities
  case priorities
  case prioritiesAndStrengths
  case questionsWithAnswerOptions
  case rank
  case rejected
  case respondents
  case respondents2
  case respondentsPerMunicipalityAndGroup
  case responseRate
  case rowsInTheExports
  case scalePoint
  case scalePoints
  case sectionBySection
  case sections
  case share
  case shareOfAnswersPerScalePoint
  case significant
  case significantDifferencesFromTheRestOfTheCounty
  case significantlyLargerThanInTheRest
  case significantlySmallerThanInTheRest
  case smaller
  case strengths
  case the95ConfidenceIntervalShowsHow
  case theCountyIsShownTwoWays
  case countyValuesMarkedWithTicks
  case theFiguresOfTheChart
  case theFileCouldNotBeRead
  case notTheOrganisationsMunicipality
  case theFirstOfAllOfThem(shown: any CustomStringConvertible, all: any CustomStringConvertible)
  case theGapBetweenTodayAndDesired
  case theGapNowAndAtThePreviousMapping
  case theGapsAcrossTheCounty
  case theMeanGapDesiredMinusToday(perArea: any CustomStringConvertible)
  case theMeanGapInForEach(place: any CustomStringConvertible, byWhat: any CustomStringConvertible)
  case theMeanOfTheItemsGaps
  case theMunicipalityAgainstTheCounty
  case theMunicipalityAndTheCounty
  case theMunicipalitySGapPerItem
  case municipalityGapsAgainstTheCounty
  case municipalityGapsAgainstTheCountyPerArea
  case theRejectedRowsAndTheAccounting
  case theShareOfAnswersAtEach
  case theShareOfThoseWhoAnswered
  case theSurveyDefinitionNamesNoTwo
  case theSurveyNamesNoTwoGroups
  case theWholeCounty
  case theWholeCountyEveryone
  case freeTextHiddenInSmallMunicipality(minimumGroupSize: any CustomStringConvertible)
  case noAnswersFromMunicipality(name: any CustomStringConvertible)
  case throughTheCountySLenses
  case toTheCountyReport
  case today
  case today2
  case today3
  case todayAndDesiredPerItemOnTheScale(
    points: any CustomStringConvertible, points2: any CustomStringConvertible, ticks: any CustomStringConvertible)
  case uncertainGap
  case unknown
  case unknownMunicipality
  case whereText
  case whoAnswered
  case wrongNumberOfFields
  case draftNotToBeSpread
  case draftExplained
  case heldBackHeading
  case heldBackSince(minimum: Int, dates: String, scopes: String)
  case inBrief
  case theAppendixHolds
  case noSupportedGapPer(vocabulary: String)
  case largestIn(vocabulary: String, list: String)
  case listSeparator
  case largestSingleStatement(item: String, gap: String)
  case mellanrumHeading
  case cannotBeComparedHere(first: String, second: String, minimum: Int)
  case mellanrumIn(place: String, text: String)
  case mellanrumPair(first: String, second: String)
  case mellanrumPairNote(first: String, second: String)
  case supportedMellanrumIn(
    first: String, second: String, count: Int, compared: Int, item: String, firstMean: String, secondMean: String)
  case noSupportedMellanrumIn(first: String, second: String, compared: Int)
  case mellanrumInMunicipalities(list: String)
  case noMellanrumInMunicipalities(compared: Int)
  case mellanrumNotComparedInMunicipalities(count: Int, minimum: Int)
  case statements(count: Int)
  case changeSince(round: String)
  case thePreviousRound
  case noSupportedChange(compared: Int)
  case supportedChanges(smaller: Int, larger: Int, compared: Int)
  case mostImproved(example: String)
  case mostWorsened(example: String)
  case againstTheRestOfTheCounty
  case tooFewToCompareWithTheCounty(minimum: Int)
  case noSupportedDifferenceFromTheCounty(areas: Int)
  case largerThanTheCountyIn(list: String)
  case smallerThanTheCountyIn(list: String)
  case caughtUp(
    area: String, firstRound: String, first: String, countyFirst: String, round: String, now: String, countyNow: String)
  case mostFiguresHidden(hidden: Int, of: Int, minimum: Int)
  case gapWithInterval(gap: String, low: String, high: String)
  case notSupported
  case gapPerBriefLens(lenses: String)
  case theIntervalIsConservative
  case cannotBeCompared
  case supportedLarger
  case supportedSmaller
  case noSupportedDifference
  case theMunicipalitySGapAgainstTheCounty
  case or
  case shareAnswering(share: String, labels: String)
  case theQuestionsInShort
  case legendCounty
  case legendAverage
  case legendPrevious
  case legendLarger
  case legendSmaller
  case legendNeutral
  case contents
  case appendix
  case statementsOf(count: Int, of: Int)
  case theGapInEveryRound
  case roundsChartNote
  case sinceTheFirst(round: String)
  case noSupportedChangeSinceTheFirst
  case briefPair(first: String, second: String)
  case briefMellanrumSupported(
    place: String, count: Int, compared: Int, item: String, first: String, firstMean: String, second: String,
    secondMean: String)
  case briefMellanrumNone(place: String, compared: String)
  case briefMellanrumCannot(place: String, minimum: Int)
  case briefMellanrumInMunicipalities(list: String)
  case briefMellanrumNoneInMunicipalities(compared: Int)
  case briefMellanrumNotCompared(count: Int)
  case gapOnTheScale(low: Int, high: Int)
  case groupsMovedDifferently(round: String)
  case groupsMovedDifferentlyNote
  case whatWeAsk
  case uncertainFigure
  case statementsDifferFromTheCounty(count: Int, item: String, gap: String, county: String)
  case alsoAsked
  case gridReads(low: Int, high: Int)
  case gridMarks
  case ciUnadjusted
  case priorityChartTitle(first: String, second: String)
  case priorityChartDescription(first: String, second: String, smallGap: String, threshold: String)
  case priorityFieldLargeGapSameView
  case priorityFieldLargeGapViewsDiffer
  case priorityFieldSmallGapSameView
  case priorityFieldSmallGapViewsDiffer
  case priorityAxisMellanrum
  case priorityAxisGap
  case priorityChartNoPair
  case priorityChartNotComparable(place: String, first: String, second: String, minimum: Int)
  case priorityChartCountyLink
  case priorityChartLeftOut(count: Int)
  case prioritiesIntro(most: Int, lenses: String, smallGap: String)
  case priorityAlsoIn(list: String)
  case priorityOtherStatements
  case priorityMellanrum(first: String, second: String)
  case priorityAllSupported(count: Int)
  case largerThanAllWithSupport
  case smallerThanAllWithSupport
  case columnsHiddenThroughout(list: String, minimum: Int)
  case lensMarksNote
  case perLenses(list: String)
  case municipalitySToday
  case from(low: String, high: String)
  case onlyLargeDifferencesShow(respondents: Int)
  case theIntervalIsConservativeMunicipality
  case responseRateOf(group: String)
  /// What a report is of, for its header: "Omgång 2028".
  case roundNamed(String)
  /// A period that is the survey definition's, the round having none of its own.
  case periodOfTheSurvey(String)
  /// "jämförs med 2027"
  case comparedWith(String)
  /// "(första kartläggningen 2026)"
  case firstMapping(String)
  /// A follow-up column of one round: "Gap 2027".
  case gapIn(String)
  // The map of the municipalities (Parts/Map.swift).
  case theGapsOnTheMap
  case oneMapPerSectionAndArea(area: String, hasArea: Bool)
  case isOutlinedInBlack(name: String)
  case noMapTheCodesAreNotSCBs
  case hiddenFewerThan(minimum: Int)
  case hiddenSinceAnEarlierReport
  case uncertainGapPale
  case theMapsAsATable
  case theMapsFiguresCaption
  case boundariesFromSCB
}
