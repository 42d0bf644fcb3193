import Foundation
import LibCSV
import RoundStore
import SourceDiagnostics

#if canImport(Glibc)
  import Glibc
#endif

extension Runs {
  /// The county's survey, as shipped with kartlagg (a copy of Surveys/kalmar-primarvard.yaml;
  /// a test keeps the two the same).
  public static var countySurvey: String? {
    Bundle.module.url(forResource: "kalmar-primarvard", withExtension: "yaml")
      .flatMap { try? String(contentsOf: $0, encoding: .utf8) }
  }

  /// A new workspace: `Surveys/` with the county's survey, an empty `exports/` and a README
  /// that says what to do next. Nothing that exists is overwritten.
  public static func initialize(_ directory: String) -> RunOutcome {
    var outcome = RunOutcome()
    guard let survey = countySurvey else {
      outcome.lines.append("error: the county survey is missing from this kartlagg installation; reinstall kartlagg")
      outcome.exitCode = ExitStatus.dataError
      return outcome
    }
    let surveyPath = directory + "/Surveys/kalmar-primarvard.yaml"
    let readmePath = directory + "/README.md"
    for path in [surveyPath, readmePath] where FileManager.default.fileExists(atPath: path) {
      outcome.lines.append(
        "\(path): error: already exists; kartlagg init does not overwrite files, choose an empty directory")
      outcome.exitCode = ExitStatus.dataError
    }
    guard outcome.exitCode == 0 else { return outcome }
    // The workspace's store of survey rounds (`kartlagg import`). What is there already is
    // looked at before anything is written, without following a link: a symbolic link
    // (SQLite would make or use the store where it points, outside the workspace) is
    // refused, and so is a file that is no store of kartlagg's; a store is kept.
    let storePath = directory + "/" + RoundStore.fileName
    var status = stat()
    let storeThere = lstat(storePath, &status) == 0
    do {
      if storeThere {
        guard status.st_mode & S_IFMT != S_IFLNK else { throw RoundStore.Failure(.symbolicLink, path: storePath) }
        _ = try RoundStore.open(at: storePath)
      } else {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        _ = try RoundStore.create(at: storePath)
      }
    } catch let failure as RoundStore.Failure {
      outcome.lines.append(Said.store(failure).text("en"))
      outcome.exitCode = ExitStatus.dataError
      return outcome
    } catch {
      outcome.lines.append("error: \(error)")
      outcome.exitCode = ExitStatus.dataError
      return outcome
    }
    let readme = """
      # GAP-analys med kartlagg

      1. Lägg kommunernas exporter (CSV) i `exports/`.
      2. Kontrollera dem: `kartlagg validate --survey Surveys/kalmar-primarvard.yaml exports/`
      3. Skriv rapporterna: `kartlagg report --survey Surveys/kalmar-primarvard.yaml exports/ --out Reports`
      4. Öppna `Reports/index.html` (länet) och `Reports/kommun/` (en rapport per kommun).

      Enkätens definition står i `Surveys/kalmar-primarvard.yaml`. Mallen för kommuner som
      samlar svar i ett kalkylark: `kartlagg template --survey Surveys/kalmar-primarvard.yaml --csv-dialect excel-sv --out mall.csv`

      """
    do {
      for folder in ["Surveys", "exports"] {
        try FileManager.default.createDirectory(atPath: directory + "/" + folder, withIntermediateDirectories: true)
      }
      try AtomicWrite.text(survey, to: surveyPath)
      try AtomicWrite.text(readme, to: readmePath)
      outcome.written = (storeThere ? [] : [storePath]) + [surveyPath, directory + "/exports/", readmePath]
      outcome.lines.append(
        storeThere
          ? "created \(directory): Surveys/kalmar-primarvard.yaml, exports/ and README.md, beside the store kartlagg.sqlite that was there; put the exports in exports/"
          : "created \(directory): Surveys/kalmar-primarvard.yaml, exports/, README.md and the store kartlagg.sqlite; put the exports in exports/"
      )
    } catch {
      outcome.lines.append(Diagnostic(file: directory, message: "\(error)").description)
      outcome.exitCode = ExitStatus.dataError
    }
    return outcome
  }
}

enum AtomicWrite {
  static func text(_ text: String, to path: String) throws {
    try AtomicFile.write(Array(text.utf8), to: path)
  }
}
