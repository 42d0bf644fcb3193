import SourceDiagnostics

extension Said {
  /// The lines of a workspace and its store (`init`, `import`, `rounds`, `report --round`)
  /// and of a run's rejected rows, in both languages, each language an exhaustive switch.
  public enum Workspace: Sendable, Localized {
    case noStore(fileName: String)
    case noRound(round: String, rounds: [String])
    case otherDefinition(round: String, path: String)
    case filesAndRound
    /// `report` without --survey and without --round.
    case noSurvey
    case surveyFromStore(round: String)
    /// Rows rejected in this run, and the file that holds them all, verbatim.
    case rejectedRows(count: Int, path: String)
    /// Rows rejected by this import: not counted in the round, kept in its working files.
    case rejectedByImport(count: Int, path: String)
    /// A stored round's rows were rejected when it was imported, not in this report.
    case rejectedAtImport(count: Int, round: String, path: String)
    /// … by an import that kept no working files (a kartlagg before store format 7).
    case rejectedAtImportNotKept(count: Int, round: String)
    case importedAt(String?)
    case created(directory: String, storeThere: Bool)
    case alreadyExists(path: String)
    case countySurveyMissing

    public var swedish: String {
      switch self {
      case .noStore(let fileName):
        return
          "error: inget lager i den här mappen eller ovanför den (\(fileName)); gör ett med `kartlagg init`, eller ange --store SÖKVÄG"
      case .noRound(let round, let rounds):
        return
          "error: lagret har ingen omgång \(round); dess omgångar: \(rounds.isEmpty ? "inga än (`kartlagg import`)" : rounds.joined(separator: ", "))"
      case .otherDefinition(let round, let path):
        return
          "error: omgång \(round) importerades med en annan enkätdefinition än \(path); skriv rapporten med den den importerades med (utelämna --survey)"
      case .filesAndRound: return "error: ange antingen exportfiler eller --round, inte båda"
      case .noSurvey:
        return "error: ange enkätdefinitionen med --survey S.yaml (bara en omgång i lagret, --round, har en egen)"
      case .surveyFromStore(let round):
        return "enkätdefinitionen: den som omgång \(round) importerades med (ur lagret)"
      case .rejectedRows(let count, let path):
        return
          "\(count) \(count == 1 ? "rad avvisades" : "rader avvisades") (rapporterna skrevs utan \(count == 1 ? "den" : "dem")); alla står ordagrant i \(path)"
      case .rejectedByImport(let count, let path):
        return
          "\(count) \(count == 1 ? "rad avvisades och räknas" : "rader avvisades och räknas") inte i omgången; alla står ordagrant i \(path)"
      case .rejectedAtImport(let count, let round, let path):
        return
          "\(count) \(count == 1 ? "rad" : "rader") avvisades när omgång \(round) importerades; de står ordagrant i importens arbetsfiler, \(path)"
      case .rejectedAtImportNotKept(let count, let round):
        return
          "\(count) \(count == 1 ? "rad" : "rader") avvisades när omgång \(round) importerades, av en kartlagg som inte sparade importens arbetsfiler; importera filerna igen (`kartlagg import --round \(round) …`) för att få dem i arbetsfiler/"
      case .importedAt(let date): return date.map { ", importerad \($0)" } ?? ", importdatum okänt"
      case .created(let directory, let storeThere):
        return storeThere
          ? "skapade \(directory): Surveys/kalmar-primarvard.yaml, exports/ och README.md, bredvid lagret kartlagg.sqlite som fanns där; lägg exporterna i exports/ och läs README.md"
          : "skapade \(directory): Surveys/kalmar-primarvard.yaml, exports/, README.md och lagret kartlagg.sqlite; lägg exporterna i exports/ och läs README.md"
      case .alreadyExists(let path):
        return
          Diagnostic(file: path, message: "finns redan; kartlagg init skriver inte över filer, välj en tom mapp")
          .description
      case .countySurveyMissing:
        return "error: länets enkät saknas i den här installationen av kartlagg; installera kartlagg igen"
      }
    }

    public var english: String {
      switch self {
      case .noStore(let fileName):
        return
          "error: no store in this folder or above it (\(fileName)); create one with `kartlagg init`, or give --store PATH"
      case .noRound(let round, let rounds):
        return
          "error: the store has no round \(round); its rounds: \(rounds.isEmpty ? "none yet (`kartlagg import`)" : rounds.joined(separator: ", "))"
      case .otherDefinition(let round, let path):
        return
          "error: round \(round) was imported with another survey definition than \(path); report it with the definition it was imported with (leave out --survey)"
      case .filesAndRound: return "error: give either export files or --round, not both"
      case .noSurvey:
        return
          "error: give the survey definition with --survey S.yaml (only a round of the store, --round, has its own)"
      case .surveyFromStore(let round):
        return "the survey definition: the one round \(round) was imported with (from the store)"
      case .rejectedRows(let count, let path):
        return
          "\(count) \(count == 1 ? "row was" : "rows were") rejected (the reports were written without \(count == 1 ? "it" : "them")); every one is in \(path), verbatim"
      case .rejectedByImport(let count, let path):
        return
          "\(count) \(count == 1 ? "row was" : "rows were") rejected and not counted in the round; every one is in \(path), verbatim"
      case .rejectedAtImport(let count, let round, let path):
        return
          "\(count) \(count == 1 ? "row was" : "rows were") rejected when round \(round) was imported; they are in the import's working files, \(path), verbatim"
      case .rejectedAtImportNotKept(let count, let round):
        return
          "\(count) \(count == 1 ? "row was" : "rows were") rejected when round \(round) was imported, by a kartlagg that kept no working files of an import; import the files again (`kartlagg import --round \(round) …`) to have them in arbetsfiler/"
      case .importedAt(let date): return date.map { ", imported \($0)" } ?? ", import date unknown"
      case .created(let directory, let storeThere):
        return storeThere
          ? "created \(directory): Surveys/kalmar-primarvard.yaml, exports/ and README.md, beside the store kartlagg.sqlite that was there; put the exports in exports/ and read README.md"
          : "created \(directory): Surveys/kalmar-primarvard.yaml, exports/, README.md and the store kartlagg.sqlite; put the exports in exports/ and read README.md"
      case .alreadyExists(let path):
        return
          Diagnostic(
            file: path, message: "already exists; kartlagg init does not overwrite files, choose an empty directory"
          )
          .description
      case .countySurveyMissing:
        return "error: the county survey is missing from this kartlagg installation; reinstall kartlagg"
      }
    }
  }
}
