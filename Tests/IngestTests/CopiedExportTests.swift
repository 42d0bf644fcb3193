import Foundation
import Ingest
import SurveyModel
import Testing

/// Every example export as a workbook written by openpyxl and by LibreOffice Calc
/// (Fixtures/xlsx/make_xlsx.py) and as an SPSS file written by pyreadstat
/// (Fixtures/sav/make_sav.py; Torsås's compressed, .zsav), the files kept as made, reads as
/// the same respondents as the CSV file it was made from: each response equal (municipality,
/// groups, respondent id, every answer and free text, a line break within a cell read as a
/// space) and the file's accounting equal (rows
/// read, accepted, rejected, problems, blank municipalities, accepted per municipality).
/// The report of the county from those copies is KartlaggCLITests' WorkbookTests's; this
/// compares them file by file, without a report of each copy.
@Suite struct CopiedExportTests {
  static let copies = ["xlsx/openpyxl", "xlsx/libreoffice", "sav/examples"]

  /// The files of a folder as a folder input lists them, by their name without extension.
  static func byName(_ folder: String) throws -> [String: String] {
    var out: [String: String] = [:]
    for path in try Ingest.exportFiles(in: folder) {
      out[((path as NSString).lastPathComponent as NSString).deletingPathExtension] = path
    }
    return out
  }

  @Test(arguments: copies)
  func sameRespondentsAsTheCSVFiles(copy: String) throws {
    let plan = IngestPlan(survey: try countySurvey())
    let csv = try Self.byName(repositoryRoot + "/Surveys/examples")
    let copied = try Self.byName(repositoryRoot + "/Tests/IngestTests/Fixtures/" + copy)
    #expect(csv.count == 13)
    #expect(copied.keys.sorted() == csv.keys.sorted())
    for (name, path) in csv.sorted(by: { $0.key < $1.key }) {
      guard let copyPath = copied[name] else { continue }
      var fromCSV = CollectingConsumer()
      var fromCopy = CollectingConsumer()
      let a = try Ingest.file(path, plan: plan, options: .english, into: &fromCSV)
      let b = try Ingest.file(copyPath, plan: plan, options: .english, into: &fromCopy)
      #expect(a.failure == nil && b.failure == nil, "\(copy)/\(name)")
      #expect(a.read == b.read && a.accepted == b.accepted && a.rejected == b.rejected, "\(copy)/\(name)")
      #expect(a.problemCount == b.problemCount && a.unknownMunicipality == b.unknownMunicipality, "\(copy)/\(name)")
      #expect(a.acceptedPerMunicipality == b.acceptedPerMunicipality, "\(copy)/\(name)")
      #expect(fromCSV.responses.count == a.accepted && a.accepted > 0, "\(copy)/\(name)")
      #expect(fromCopy.responses.count == fromCSV.responses.count, "\(copy)/\(name)")
      // A line break inside a cell of a sheet or an SPSS file is read as a space (SheetSource:
      // the messages' line numbers are the rows'); the comment "…helger,\nhemsjukvården…"
      // is in every one of Surveys/examples.
      let expected = fromCSV.responses.map { response in
        var flat = response
        flat.texts = response.texts.map {
          TextAnswer(
            slot: $0.slot,
            text: $0.text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
              .replacingOccurrences(of: "\r", with: " "))
        }
        return flat
      }
      for (x, y) in zip(expected, fromCopy.responses) where x != y {
        let what = [
          x.municipality != y.municipality ? "municipality" : nil, x.dimensions != y.dimensions ? "groups" : nil,
          x.respondentID != y.respondentID ? "respondent id" : nil, x.values != y.values ? "answers" : nil,
          x.texts != y.texts ? "free text \(x.texts.map(\.text)) against \(y.texts.map(\.text))" : nil,
        ].compactMap { $0 }
        Issue.record("\(copy)/\(name): respondent \(x.respondentID ?? "?") differs in \(what)")
      }
    }
  }
}
