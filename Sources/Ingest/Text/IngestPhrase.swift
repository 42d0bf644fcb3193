import LibCSV
import SourceDiagnostics

/// Every file-level message Ingest prints, by key, with the Swedish and the English words
/// each in an exhaustive switch of its own (`swedish`, `english`): a message missing from
/// a language does not compile. Row reasons and answer problems carry their words in
/// `RejectReason` and `AnswerProblem`.
enum IngestPhrase: Localized {
  case fileNotImported(reason: String)
  case fileCannotBeRead(reason: String)
  case atLine(line: Int, reason: String)
  case names(text: String, target: String)
  case columnAmbiguous(column: Int, what: String)
  case columnSuperseded(column: Int, name: String, target: String, better: Int, betterName: String)
  case twoColumnsOneAnswer(
    first: Int, firstName: String, second: Int, secondName: String, target: String, letters: String)
  case moreColumns(count: Int, list: String)
  case moreFindings(count: Int)
  case unmatchedColumns(count: Int, list: String)
  case municipalityOptionUnknown(given: String, county: String, hint: String, names: String)
  case orAlso(first: String, others: String)
  case noMunicipalityColumn(column: String, names: String, file: String)
  case noDimensionColumn(label: String, column: String)
  case unknownForEveryRespondent(message: String)
  case answersWithoutColumn(missing: Int, total: Int, list: String)
  case noHeader(searched: Int, expected: String, survey: String)
  case emptyFile
  case csv(CSVError)

  var swedish: String {
    switch self {
    case .fileNotImported(let reason): return "filen importeras inte: \(reason)"
    case .fileCannotBeRead(let reason): return "filen kan inte läsas: \(reason)"
    case .atLine(let line, let reason): return "rad \(line): \(reason)"
    case .names(let text, let target): return "'\(text)' anger '\(target)'"
    case .columnAmbiguous(let column, let what):
      return "kolumn \(column) är tvetydig: \(what); gör rubrikraderna samstämmiga"
    case .columnSuperseded(let column, let name, let target, let better, let betterName):
      return
        "kolumn \(column) ('\(name)') hoppas över: den liknar '\(target)', men kolumn \(better) ('\(betterName)') stämmer bättre"
    case .twoColumnsOneAnswer(let first, let firstName, let second, let secondName, let target, let letters):
      return
        "kolumn \(first) ('\(firstName)') och \(second) ('\(secondName)') har båda '\(target)'; ange den du menar med dess plats i enkätdefinitionen, räknad från 1 som i ett kalkylark: `column: { position: \(first) }` (eller dess bokstav, `{ position: \(letters) }`), eller ta bort eller byt namn på de andra"
    case .moreColumns(let count, let list):
      return count == 1 ? " (och kolumn \(list) likaså)" : " (och \(count) kolumner till likaså: \(list))"
    case .moreFindings(let count):
      return count == 1 ? "; och 1 fel till i rubrikraden" : "; och \(count) fel till i rubrikraden"
    case .unmatchedColumns(let count, let list):
      return count == 1
        ? "1 kolumn motsvarar inget i enkäten och hoppas över: \(list)"
        : "\(count) kolumner motsvarar inget i enkäten och hoppas över: \(list)"
    case .municipalityOptionUnknown(let given, let county, let hint, let names):
      return
        "--municipality anger '\(given)' för filen, vilket inte är en kommun i \(county)\(hint); ange en av: \(names)"
    case .orAlso(let first, let others): return "\(first) (eller \(others))"
    case .noMunicipalityColumn(let column, let names, let file):
      return
        "ingen kolumn anger kommun och filnamnet nämner ingen; lägg till en kolumn \(column), döp filen efter sin kommun (\(names)) eller ange --municipality \(file)=NAMN"
    case .noDimensionColumn(let label, let column): return "ingen kolumn anger \(label) ('\(column)')"
    case .unknownForEveryRespondent(let message): return "\(message); den är okänd för alla svarande i filen"
    case .answersWithoutColumn(let missing, let total, let list):
      return "\(missing) av enkätens \(total) svar saknar kolumn och räknas som obesvarade i filen: \(list)"
    case .noHeader(let searched, let expected, let survey):
      return
        "ingen rubrikrad hittades: ingen av de första \(searched) raderna namnger en kolumn i enkäten (som \(expected)); kontrollera att filen är en export av enkäten '\(survey)'"
    case .emptyFile: return "filen (eller bladet) är tom: den har ingen rad, så ingen rubrik och inga svar"
    case .csv(let error):
      switch error.kind {
      case .unterminatedQuote:
        return
          "ett citerat fält som börjar på rad \(error.fieldStartLine) avslutas aldrig (filen tar slut inuti det); lägg till det avslutande citattecknet (\") där fältet slutar"
      case .characterAfterClosingQuote(let c):
        return
          "oväntat \(c) efter det avslutande citattecknet i ett fält som börjar på rad \(error.fieldStartLine), byte \(error.byteOffset); ett citattecken inuti ett citerat fält ska skrivas dubbelt (\"\")"
      case .quoteInUnquotedField:
        return
          "citattecken inuti ett fält utan citattecken på rad \(error.line), byte \(error.byteOffset); omge fältet med citattecken och skriv citattecknen inuti dubbelt"
      case .fieldTooLarge(let limit):
        return
          "fältet som börjar på rad \(error.fieldStartLine) är större än \(limit >> 20) MiB, vilket nästan alltid betyder ett citattecken som inte avslutas; kontrollera citattecknen från den raden"
      case .outOfMemory: return "minnet tog slut när fältet som börjar på rad \(error.fieldStartLine) lästes"
      case .io(let message): return message
      }
    }
  }

  var english: String {
    switch self {
    case .fileNotImported(let reason): return "the file is not imported: \(reason)"
    case .fileCannotBeRead(let reason): return "the file cannot be read: \(reason)"
    case .atLine(let line, let reason): return "line \(line): \(reason)"
    case .names(let text, let target): return "'\(text)' names '\(target)'"
    case .columnAmbiguous(let column, let what):
      return "column \(column) is ambiguous: \(what); make its header rows agree"
    case .columnSuperseded(let column, let name, let target, let better, let betterName):
      return
        "column \(column) ('\(name)') is ignored: it is like '\(target)', but column \(better) ('\(betterName)') matches it better"
    case .twoColumnsOneAnswer(let first, let firstName, let second, let secondName, let target, let letters):
      return
        "columns \(first) ('\(firstName)') and \(second) ('\(secondName)') both hold '\(target)'; give the one you mean by its place in the survey definition, counted from 1 as a spreadsheet does: `column: { position: \(first) }` (or its letter, `{ position: \(letters) }`), or remove or rename the others"
    case .moreColumns(let count, let list):
      return count == 1 ? " (and column \(list) too)" : " (and \(count) more columns too: \(list))"
    case .moreFindings(let count):
      return count == 1 ? "; and 1 more error in the header" : "; and \(count) more errors in the header"
    case .unmatchedColumns(let count, let list):
      return count == 1
        ? "1 column matches nothing in the survey and is ignored: \(list)"
        : "\(count) columns match nothing in the survey and are ignored: \(list)"
    case .municipalityOptionUnknown(let given, let county, let hint, let names):
      return
        "--municipality gives '\(given)' for this file, which is no municipality of \(county)\(hint); give one of: \(names)"
    case .orAlso(let first, let others): return "\(first) (or \(others))"
    case .noMunicipalityColumn(let column, let names, let file):
      return
        "no column holds the municipality and the file name names none; add a column \(column), name the file after its municipality (\(names)), or give --municipality \(file)=NAME"
    case .noDimensionColumn(let label, let column): return "no column holds \(label) ('\(column)')"
    case .unknownForEveryRespondent(let message): return "\(message); it is unknown for every respondent of this file"
    case .answersWithoutColumn(let missing, let total, let list):
      return "\(missing) of the survey's \(total) answers have no column and count as unanswered in this file: \(list)"
    case .noHeader(let searched, let expected, let survey):
      return
        "no header found: none of the first \(searched) records names a column of the survey (such as \(expected)); check that this is an export of survey '\(survey)'"
    case .emptyFile: return "the file (or the sheet) is empty: it has no row, so no header and no answers"
    case .csv(let error): return error.reason
    }
  }

  /// The words in `language` (`sv` or, otherwise, English).
}

extension CSVError {
  /// libcsv's refusal in `language`, as kartlagg says it about an export: for the other
  /// CSV files a run reads (an `--invited` file).
  public func message(in language: Language) -> String { IngestPhrase.csv(self).text(language) }
}
