import Foundation
import KartlaggRun
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
  /// that says what to do next. Nothing that exists is overwritten. It speaks `language`
  /// (the county survey's, Swedish, by default).
  public static func initialize(_ directory: String, language: Language = .fallback) -> RunOutcome {
    var outcome = RunOutcome()
    guard let survey = countySurvey else {
      outcome.say(Said.Workspace.countySurveyMissing.text(language), .error)
      outcome.exitCode = ExitStatus.dataError
      return outcome
    }
    let surveyPath = directory + "/Surveys/kalmar-primarvard.yaml"
    let readmePath = directory + "/README.md"
    for path in [surveyPath, readmePath] where FileManager.default.fileExists(atPath: path) {
      outcome.say(Said.Workspace.alreadyExists(path: path).text(language), .error)
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
      outcome.say(Said.store(failure).text(language), .error)
      outcome.exitCode = ExitStatus.dataError
      return outcome
    } catch {
      outcome.say("error: \(message(of: error, in: language))", .error)
      outcome.exitCode = ExitStatus.dataError
      return outcome
    }
    let readme = workspaceReadme
    do {
      for folder in ["Surveys", "exports"] {
        try FileManager.default.createDirectory(atPath: directory + "/" + folder, withIntermediateDirectories: true)
      }
      try AtomicWrite.text(survey, to: surveyPath)
      try AtomicWrite.text(readme, to: readmePath)
      outcome.written = (storeThere ? [] : [storePath]) + [surveyPath, directory + "/exports/", readmePath]
      outcome.say(Said.Workspace.created(directory: directory, storeThere: storeThere).text(language))
    } catch {
      outcome.say(Diagnostic(file: directory, message: message(of: error, in: language)).description, .error)
      outcome.exitCode = ExitStatus.dataError
    }
    return outcome
  }
}

/// The workspace's README: the two ways of working, reporting straight from the files and
/// importing each round into the store as its files arrive, one exports folder per round.
let workspaceReadme = """
  # GAP-analys med kartlagg

  Enkätens definition står i `Surveys/kalmar-primarvard.yaml`; lagret `kartlagg.sqlite`
  håller de omgångar som importerats (bara summeringar, aldrig svar eller id:n). Kör
  kommandona i den här mappen. Lägg varje omgångs exporter i en egen mapp:
  `exports/2026/`, nästa år `exports/2027/`.

  ## Rapport direkt från filerna

  1. Lägg kommunernas exporter (CSV, Excel `.xlsx` eller SPSS `.sav`) i `exports/2026/`.
  2. Kontrollera dem: `kartlagg validate --survey Surveys/kalmar-primarvard.yaml exports/2026/`
  3. Skriv rapporterna: `kartlagg report --survey Surveys/kalmar-primarvard.yaml exports/2026/ --out Reports`
  4. Öppna `Reports/index.html` (länet) och `Reports/kommun/` (en rapport per kommun).
     `Reports/` får delas. Avvisade rader står ordagrant i `Reports-arbetsfiler/rejected.csv`,
     som inte får delas.

  ## En omgång i lagret, fil för fil

  1. Importera varje fil när den kommer (en rättad fil med samma namn ersätter den förra):
     `kartlagg import --survey Surveys/kalmar-primarvard.yaml --round 2026 exports/2026/`
     Importens arbetsfiler (redovisningen, avvisade rader och svarsproblem ordagrant) står i
     `arbetsfiler/2026/`, som inte får delas.
  2. Se vad lagret har: `kartlagg rounds` (filerna, när de importerades, antalen).
  3. Skriv ett utkast medan filerna kommer in: `kartlagg report --round 2026 --draft --out Reports`
  4. Publicera när omgången är komplett: `kartlagg report --round 2026 --out Reports`
     (med den enkätdefinition omgången importerades med).
  5. Nästa år: lägg exporterna i `exports/2027/`, importera dem som `--round 2027` och skriv
     `kartlagg report --round 2027 --out Reports`: rapporten följer upp mot 2026.

  Mallen för kommuner som samlar svar i ett kalkylark:
  `kartlagg template --survey Surveys/kalmar-primarvard.yaml --csv-dialect excel-sv --out mall.csv`

  """

enum AtomicWrite {
  static func text(_ text: String, to path: String) throws {
    try AtomicFile.write(Array(text.utf8), to: path)
  }
}
