import Foundation
import Reporting
import SourceDiagnostics
import SurveyModel
import TestSurveys
import Testing

/// libxlsxwriter's refusals are checked and said as what would fix them, in the run's
/// language, naming the sheet and row; not as the path of the unnamed temporary file the
/// workbook is written through (`/proc/self/fd/N`), which the user never sees.
@Suite struct WorkbookFailureTests {
  /// A question of 32 768 characters is one more than an Excel cell holds (32 767,
  /// libxlsxwriter's `LXW_STR_MAX`): `worksheet_write_string` returns
  /// `LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED` for the answer sheet's first row.
  @Test func aTextLongerThanACellIsRefusedByName() throws {
    var survey = try SurveyLoader.load(yaml: TestSurveys.mini, path: "mini.yaml")
    survey.municipalityColumn.question = String(repeating: "å", count: 32_768)
    do {
      _ = try SurveyDocuments.templateWorkbook(for: survey)
      Issue.record("the template was written")
    } catch {
      #expect(
        error.description
          == "cannot write row 1 of the sheet 'Svar': a text is longer than an Excel cell holds (32 767 characters); shorten it"
      )
      #expect(
        error.text(.sv)
          == "rad 1 i bladet 'Svar' kan inte skrivas: en text är längre än en cell i Excel rymmer (32 767 tecken); korta den"
      )
    }
  }

}
