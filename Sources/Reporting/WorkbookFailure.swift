internal import CXlsxWriter
import Foundation
import SourceDiagnostics

extension ExcelSummaries {
  /// Why a workbook (`kartlagg.xlsx`, or the template) was not written, in Swedish and
  /// English (`Localized`; `description` is the English). The CLI names the file it was
  /// to be; the message says what in it failed and why.
  public enum Failure: Error, CustomStringConvertible, Localized, Equatable {
    /// No temporary file for the workbook (the system's reason).
    case temporaryFile(reason: String)
    /// The finished workbook could not be read back (the system's reason; nil: it is
    /// shorter than it was).
    case readBack(reason: String?)
    /// No folder of this workbook's own for libxlsxwriter's scratch files.
    case scratchFolder(path: String, reason: String)
    /// libxlsxwriter made no workbook.
    case create
    /// libxlsxwriter refused to write a part of the workbook.
    case write(Part, Refusal)
    /// libxlsxwriter made no cell format.
    case format
    /// libxlsxwriter could not write the finished workbook out.
    case close(Refusal)

    public var description: String { english }

    public var english: String {
      switch self {
      case .temporaryFile(let reason): "cannot make a temporary file for the workbook: \(reason)"
      case .readBack(let reason): "cannot read back the workbook: \(reason ?? "it is shorter than it was")"
      case .scratchFolder(let path, let reason):
        "cannot make a folder for the workbook's scratch files, \(path): \(reason)"
      case .create: "libxlsxwriter cannot make a workbook"
      case .write(let part, let refusal): "cannot write \(part.english): \(refusal.english)"
      case .format: "libxlsxwriter cannot add a cell format"
      case .close(let refusal): "cannot write the workbook: \(refusal.english)"
      }
    }

    public var swedish: String {
      switch self {
      case .temporaryFile(let reason): "ingen temporär fil kan skapas för arbetsboken: \(reason)"
      case .readBack(let reason): "arbetsboken kan inte läsas tillbaka: \(reason ?? "den är kortare än den var")"
      case .scratchFolder(let path, let reason):
        "ingen mapp kan skapas för arbetsbokens tillfälliga filer, \(path): \(reason)"
      case .create: "libxlsxwriter kan inte skapa en arbetsbok"
      case .write(let part, let refusal): "\(part.swedish) kan inte skrivas: \(refusal.swedish)"
      case .format: "libxlsxwriter kan inte lägga till ett cellformat"
      case .close(let refusal): "arbetsboken kan inte skrivas: \(refusal.swedish)"
      }
    }
  }

  /// What in a workbook was being written when libxlsxwriter refused.
  public enum Part: Sendable, Equatable, Localized {
    /// The workbook's title and creation time.
    case properties
    /// A sheet: adding it, or one of its cells or rows.
    case sheet(String)
    /// A row of a sheet (1-based, as Excel numbers it).
    case row(sheet: String, row: Int)
    case columns(sheet: String)
    case filter(sheet: String)
    case note(sheet: String)
    /// Its print area, printed rows and footer.
    case printSetup(sheet: String)
    /// The drop-down list of a column (the template).
    case list(sheet: String, column: String)
    case colours(sheet: String)
    /// The defined name of the template's answer sheet.
    case answerSheetName

    public var english: String {
      switch self {
      case .properties: "the workbook's properties"
      case .sheet(let sheet): "the sheet '\(sheet)'"
      case .row(let sheet, let row): "row \(row) of the sheet '\(sheet)'"
      case .columns(let sheet): "the columns of the sheet '\(sheet)'"
      case .filter(let sheet): "the filter of the sheet '\(sheet)'"
      case .note(let sheet): "a note in the sheet '\(sheet)'"
      case .printSetup(let sheet): "the print setup of the sheet '\(sheet)'"
      case .list(let sheet, let column): "the drop-down list of column \(column) in the sheet '\(sheet)'"
      case .colours(let sheet): "the colours of the sheet '\(sheet)'"
      case .answerSheetName: "the name of the answer sheet"
      }
    }

    public var swedish: String {
      switch self {
      case .properties: "arbetsbokens egenskaper"
      case .sheet(let sheet): "bladet '\(sheet)'"
      case .row(let sheet, let row): "rad \(row) i bladet '\(sheet)'"
      case .columns(let sheet): "kolumnerna i bladet '\(sheet)'"
      case .filter(let sheet): "filtret i bladet '\(sheet)'"
      case .note(let sheet): "en kommentar i bladet '\(sheet)'"
      case .printSetup(let sheet): "utskriftsinställningarna för bladet '\(sheet)'"
      case .list(let sheet, let column): "rullgardinslistan för kolumnen \(column) i bladet '\(sheet)'"
      case .colours(let sheet): "färgerna i bladet '\(sheet)'"
      case .answerSheetName: "namnet på svarsbladet"
      }
    }
  }

  /// Why libxlsxwriter refused (its `lxw_error`): the refusals a survey's own text can
  /// cause are said in words that tell what to change; any other as libxlsxwriter says it.
  public enum Refusal: Sendable, Equatable, Localized {
    /// A text longer than a cell holds (32 767 characters).
    case textTooLong
    /// A sheet name longer than 31 characters.
    case sheetNameTooLong
    /// A sheet name with one of `[ ] : * ? / \`, or that starts or ends with an apostrophe.
    case sheetNameCharacters
    /// A sheet name used twice (Excel compares them without case).
    case sheetNameInUse
    /// Any other refusal, in libxlsxwriter's words (`lxw_strerror`).
    case library(String)

    init(_ status: lxw_error) {
      switch status {
      case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED: self = .textTooLong
      case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED: self = .sheetNameTooLong
      case LXW_ERROR_INVALID_SHEETNAME_CHARACTER, LXW_ERROR_SHEETNAME_START_END_APOSTROPHE:
        self = .sheetNameCharacters
      case LXW_ERROR_SHEETNAME_ALREADY_USED: self = .sheetNameInUse
      default: self = .library(String(cString: lxw_strerror(status)))
      }
    }

    public var english: String {
      switch self {
      case .textTooLong: "a text is longer than an Excel cell holds (32 767 characters); shorten it"
      case .sheetNameTooLong: "a sheet name is longer than Excel allows (31 characters)"
      case .sheetNameCharacters:
        "a sheet name holds one of [ ] : * ? / \\ or starts or ends with an apostrophe, which Excel does not allow"
      case .sheetNameInUse: "two sheets would have the same name"
      case .library(let reason): reason
      }
    }

    public var swedish: String {
      switch self {
      case .textTooLong: "en text är längre än en cell i Excel rymmer (32 767 tecken); korta den"
      case .sheetNameTooLong: "ett bladnamn är längre än Excel tillåter (31 tecken)"
      case .sheetNameCharacters:
        "ett bladnamn innehåller något av [ ] : * ? / \\ eller börjar eller slutar med en apostrof, vilket Excel inte tillåter"
      case .sheetNameInUse: "två blad skulle få samma namn"
      case .library(let reason): "libxlsxwriter: \(reason)"
      }
    }
  }
}
