import SourceDiagnostics

/// Every message of the spreadsheet reader, by key, in Swedish and English (each an
/// exhaustive switch, so a message missing from a language does not compile).
enum SheetPhrase: Localized {
  case oldExcel
  case encrypted
  case notAWorkbook
  case damaged(String)
  case missingPart(String)
  case noSheet
  case noSuchSheet(given: String, sheets: String)
  case malformedXML(part: String, line: Int, message: String)
  case tooLarge(part: String, limit: Int)
  case compressionRatio(part: String, ratio: Int, limit: Int)
  case beyondLimits(row: Int, column: Int)
  case badCellReference(String)
  case badSharedString(Int)
  case tooManySharedStrings(bytes: Int, count: Int)

  var swedish: String {
    switch self {
    case .oldExcel:
      return
        "en gammal Excel-fil (.xls, BIFF) som kartlagg inte läser; öppna den i Excel och spara den som .xlsx eller .csv"
    case .encrypted:
      return
        "arbetsboken är lösenordsskyddad (krypterad); ta bort lösenordet i Excel (Arkiv > Info > Skydda arbetsbok) och spara den igen"
    case .notAWorkbook: return "filen är ingen .xlsx-arbetsbok (inget zip-arkiv); spara den som .xlsx eller .csv"
    case .damaged(let reason): return "arbetsboken är skadad eller avkortad (\(reason)); exportera den igen"
    case .missingPart(let part): return "arbetsboken saknar delen \(part); exportera den igen"
    case .noSheet: return "arbetsboken har inget kalkylblad"
    case .noSuchSheet(let given, let sheets): return "arbetsboken har inget blad '\(given)'; dess blad: \(sheets)"
    case .malformedXML(let part, let line, let message):
      return "\(part) är inte korrekt XML (rad \(line): \(message)); exportera arbetsboken igen"
    case .tooLarge(let part, let limit):
      return "\(part) packas upp till mer än \(limit >> 20) MiB, gränsen för en del av en arbetsbok"
    case .compressionRatio(let part, let ratio, let limit):
      return
        "\(part) packas upp mer än \(ratio) gånger sin storlek (gränsen är \(limit)); filen ser ut som en zip-bomb och läses inte"
    case .beyondLimits(let row, let column):
      return
        "en cell på rad \(row), kolumn \(column) ligger utanför formatets gränser (1 048 576 rader, 16 384 kolumner)"
    case .badCellReference(let reference): return "ogiltig cellreferens '\(reference)'"
    case .badSharedString(let index):
      return
        "cellen pekar på delad text nummer \(index), som inte finns (arbetsboken är skadad); öppna den i Excel och spara den igen, eller exportera den igen"
    case .tooManySharedStrings(let bytes, let count):
      return
        "arbetsbokens delade texter (xl/sharedStrings.xml) rymmer mer än \(bytes >> 20) MiB text eller \(count) texter, det mesta kartlagg håller i minnet för en arbetsbok; spara bladet som CSV (Arkiv > Spara som > CSV UTF-8) och ge kartlagg den filen"
    }
  }

  var english: String {
    switch self {
    case .oldExcel:
      return "an old Excel file (.xls, BIFF) that kartlagg does not read; open it in Excel and save it as .xlsx or .csv"
    case .encrypted:
      return
        "the workbook is password-protected (encrypted); remove the password in Excel (File > Info > Protect Workbook) and save it again"
    case .notAWorkbook: return "the file is no .xlsx workbook (not a zip archive); save it as .xlsx or .csv"
    case .damaged(let reason): return "the workbook is damaged or cut short (\(reason)); export it again"
    case .missingPart(let part): return "the workbook lacks its part \(part); export it again"
    case .noSheet: return "the workbook has no worksheet"
    case .noSuchSheet(let given, let sheets): return "the workbook has no sheet '\(given)'; its sheets: \(sheets)"
    case .malformedXML(let part, let line, let message):
      return "\(part) is not well-formed XML (line \(line): \(message)); export the workbook again"
    case .tooLarge(let part, let limit):
      return "\(part) unpacks to more than \(limit >> 20) MiB, the limit for one part of a workbook"
    case .compressionRatio(let part, let ratio, let limit):
      return
        "\(part) unpacks to more than \(ratio) times its size (the limit is \(limit)); the file looks like a zip bomb and is not read"
    case .beyondLimits(let row, let column):
      return "a cell at row \(row), column \(column) lies beyond the format's limits (1 048 576 rows, 16 384 columns)"
    case .badCellReference(let reference): return "invalid cell reference '\(reference)'"
    case .badSharedString(let index):
      return
        "the cell refers to shared string \(index), which does not exist (the workbook is damaged); open it in Excel and save it again, or export it again"
    case .tooManySharedStrings(let bytes, let count):
      return
        "the workbook's shared strings (xl/sharedStrings.xml) hold more than \(bytes >> 20) MiB of text or \(count) strings, the most kartlagg keeps in memory for a workbook; save the sheet as CSV (File > Save As > CSV UTF-8) and give kartlagg that file"
    }
  }

}
