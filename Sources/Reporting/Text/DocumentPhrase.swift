import SourceDiagnostics

/// Every text of the documents made from a survey definition or for Excel (the template
/// workbook, the printable questionnaire, `kartlagg.xlsx`'s own words), by key, in Swedish
/// and English, each an exhaustive switch. The pages' texts are `Phrase`; the workbook's
/// column headers and explanations, a table of their own, `ExcelColumns`.
enum DocumentPhrase: Localized {
  // The answer roles, as the template's questions and the questionnaire's column groups say them.
  case current
  case desired
  case rating
  case choice
  case freeText
  /// The questionnaire's one column group of a rating.
  case answer
  case respondentID
  case municipality
  case statement
  case noAnswerDefault
  case and
  case period

  // The template workbook.
  case answersSheet
  case listsSheet
  case instructionsSheet
  case chooseFromTheList
  case chooseOneOrLeaveEmpty
  case notOneOfTheAnswers
  case periodLine(String)
  case howToFillIn
  case stepAnswers(sheet: String)
  case stepMunicipality(countyWide: String, dimensions: String)
  case stepStatements(noAnswer: String)
  case stepSave
  case groupsBelowMinimum(Int)
  case theScales
  case noAnswerList(String)

  // The questionnaire.
  case questionnaire
  case questionnaireIntro(noAnswer: String)
  case aboutYou
  case thanks

  // kartlagg.xlsx.
  case readMeSheet
  case booleanFormat
  case footer
  /// The read-me sheet's paragraphs below the title.
  case readMeTables
  case readMeNumbers
  case readMeEmpty(minimumGroupSize: Int)
  case readMePrinting
  /// The read-me sheet's table of columns: its five headers.
  case headSheet
  case headFile
  case headHeader
  case headColumn
  case headExplanation
  case heatmapColour
  /// The note on every table's `suppressed` column.
  case suppressedNote(minimumGroupSize: Int)

  // The working files.
  /// A file's encoding when it began with a byte-order mark ("UTF-8 med BOM").
  case withByteOrderMark(String)

  var swedish: String {
    switch self {
    case .current: return "Nuläge"
    case .desired: return "Önskat läge"
    case .rating: return "Skattning"
    case .choice: return "Val"
    case .freeText: return "Fritext"
    case .answer: return "Svar"
    case .respondentID: return "Svarande-id"
    case .municipality: return "Kommun"
    case .statement: return "Påstående"
    case .noAnswerDefault: return "Vet ej"
    case .and: return " och "
    case .period: return "Period"
    case .answersSheet: return "Svar"
    case .listsSheet: return "Listor"
    case .instructionsSheet: return "Instruktioner"
    case .chooseFromTheList: return "Välj i listan"
    case .chooseOneOrLeaveEmpty:
      return "Välj ett av svaren i listan, eller lämna cellen tom om frågan inte besvarades."
    case .notOneOfTheAnswers: return "Inte ett av svaren"
    case .periodLine(let period): return "Period: " + period
    case .howToFillIn: return "Så fyller du i mallen"
    case .stepAnswers(let sheet):
      return
        "1. Fyll i bladet \(sheet): en rad per svarande, från rad 3. Rad 1 är frågan och rad 2 kolumnens namn; ändra inte de två raderna och inte kolumnernas ordning."
    case .stepMunicipality(let countyWide, let dimensions):
      return "2. Kommun: välj kommunen i listan, eller \(countyWide) för svar som gäller hela länet."
        + (dimensions.isEmpty ? "" : " \(dimensions): välj i listan.")
    case .stepStatements(let noAnswer):
      return
        "3. Varje påstående har två kolumner bredvid varandra: hur det är i dag (Nuläge) och hur det borde vara (Önskat läge). Välj svaret i listan som visas när du klickar i cellen; välj \(noAnswer) om du inte vet, och lämna cellen tom om frågan inte besvarades."
    case .stepSave:
      return
        "4. Spara som Excel-arbetsbok (.xlsx), med bladen som de är, och skicka filen till den som sammanställer kartläggningen. Den läses utan ändringar med kartlagg validate och kartlagg report."
    case .groupsBelowMinimum(let minimum):
      return "Grupper med färre än \(minimum) svarande redovisas inte i rapporterna."
    case .theScales: return "Skalorna"
    case .noAnswerList(let labels): return "; inget svar: " + labels
    case .questionnaire: return "Frågeformulär"
    case .questionnaireIntro(let noAnswer):
      return
        "Markera ett svar per rad. För varje påstående: hur det är i dag (Nuläge) och hur det borde vara (Önskat läge). Välj ”\(noAnswer)” om du inte vet."
    case .aboutYou: return "Om dig"
    case .thanks: return "Tack för dina svar!"
    case .readMeSheet: return "Läs mig"
    case .booleanFormat: return "\"SANT\";\"SANT\";\"FALSKT\""
    case .footer: return "&L&A&RSida &P av &N"
    case .readMeTables:
      return
        "Ett blad per tabell, med samma innehåll som CSV-filen i mappen csv/ (vilken står nedan). Rad 1 är rubriken, rad 2 CSV-filens kolumnnamn (för Power BI, R och Python). Varje kolumn förklaras i tabellen nedan."
    case .readMeNumbers:
      return
        "Talen är lagrade med 16 värdesiffror (Excel räknar med 15) och visas med två decimaler (p-värden tre, andelar i procent). SANT/FALSKT är sanningsvärden."
    case .readMeEmpty(let minimumGroupSize):
      return
        "Tomma siffror: gruppen har färre än \(minimumGroupSize) svarande, eller siffran skulle avslöja en sådan grupp (kolumnen Dold = SANT)."
    case .readMePrinting:
      return
        "Varje blad har filterknappar på rad 2 och skrivs ut liggande på A4, en sida bred, med rubrikraderna överst på varje sida."
    case .headSheet: return "Blad"
    case .headFile: return "CSV-fil"
    case .headHeader: return "Rubrik"
    case .headColumn: return "Kolumn"
    case .headExplanation: return "Förklaring"
    case .suppressedNote(let minimumGroupSize):
      return
        "SANT: siffrorna på raden är tomma, eftersom gruppen har färre än \(minimumGroupSize) svarande eller skulle kunna räknas fram ur andra siffror."
    case .withByteOrderMark(let encoding): return "\(encoding) med BOM"
    case .heatmapColour:
      return "Färgen: ju mörkare orange, desto större gap (Excels färgskala från bladets minsta till största gap)."
    }
  }

  var english: String {
    switch self {
    case .current: return "Current"
    case .desired: return "Desired"
    case .rating: return "Rating"
    case .choice: return "Choice"
    case .freeText: return "Free text"
    case .answer: return "Answer"
    case .respondentID: return "Respondent id"
    case .municipality: return "Municipality"
    case .statement: return "Statement"
    case .noAnswerDefault: return "Don't know"
    case .and: return " and "
    case .period: return "Period"
    case .answersSheet: return "Answers"
    case .listsSheet: return "Lists"
    case .instructionsSheet: return "Instructions"
    case .chooseFromTheList: return "Choose from the list"
    case .chooseOneOrLeaveEmpty:
      return "Choose one of the answers in the list, or leave the cell empty if the question was not answered."
    case .notOneOfTheAnswers: return "Not one of the answers"
    case .periodLine(let period): return "Period: " + period
    case .howToFillIn: return "How to fill in the template"
    case .stepAnswers(let sheet):
      return
        "1. Fill in the sheet \(sheet): one row per respondent, from row 3. Row 1 is the question and row 2 the column's name; do not change those two rows or the order of the columns."
    case .stepMunicipality(let countyWide, let dimensions):
      return
        "2. Municipality: choose the municipality from the list, or \(countyWide) for answers about the whole county."
        + (dimensions.isEmpty ? "" : " \(dimensions): choose from the list.")
    case .stepStatements:
      return
        "3. Each statement has two columns side by side: how it is today (current) and how it should be (desired). Choose the answer from the list shown when you click the cell; choose the no-answer label if you do not know, and leave the cell empty if the question was not answered."
    case .stepSave:
      return
        "4. Save as an Excel workbook (.xlsx), with the sheets as they are, and send the file to whoever compiles the survey. It is read as it is by kartlagg validate and kartlagg report."
    case .groupsBelowMinimum(let minimum):
      return "Groups with fewer than \(minimum) respondents are not shown in the reports."
    case .theScales: return "The scales"
    case .noAnswerList(let labels): return "; no answer: " + labels
    case .questionnaire: return "Questionnaire"
    case .questionnaireIntro(let noAnswer):
      return
        "Mark one answer per row. For each statement: how it is today (Current) and how it should be (Desired). Choose “\(noAnswer)” if you do not know."
    case .aboutYou: return "About you"
    case .thanks: return "Thank you for your answers!"
    case .readMeSheet: return "Read me"
    case .booleanFormat: return "\"TRUE\";\"TRUE\";\"FALSE\""
    case .footer: return "&L&A&RPage &P of &N"
    case .readMeTables:
      return
        "One sheet per table, with the same content as the CSV file in the folder csv/ (named below). Row 1 is the header, row 2 the CSV file's column names (for Power BI, R and Python). Every column is explained in the table below."
    case .readMeNumbers:
      return
        "Numbers are stored with 16 significant digits (Excel computes with 15) and shown with two decimals (p-values three, shares as per cent). TRUE/FALSE are booleans."
    case .readMeEmpty(let minimumGroupSize):
      return
        "Empty figures: the group has fewer than \(minimumGroupSize) respondents, or the figure would give such a group away (column Hidden = TRUE)."
    case .readMePrinting:
      return
        "Every sheet has filter buttons in row 2 and prints landscape on A4, one page wide, with its header rows on every page."
    case .headSheet: return "Sheet"
    case .headFile: return "CSV file"
    case .headHeader: return "Header"
    case .headColumn: return "Column"
    case .headExplanation: return "Explanation"
    case .suppressedNote(let minimumGroupSize):
      return
        "TRUE: the row's figures are empty, because the group has fewer than \(minimumGroupSize) respondents or could be worked out from other figures."
    case .withByteOrderMark(let encoding): return "\(encoding) with BOM"
    case .heatmapColour:
      return
        "The colour: the darker the orange, the larger the gap (Excel's colour scale from the sheet's smallest gap to its largest)."
    }
  }
}
