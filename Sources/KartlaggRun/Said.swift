import RoundStore
import SourceDiagnostics

/// Every line the commands print in their own words, by key, with the Swedish and the
/// English each in an exhaustive switch of its own: a line missing from a language does
/// not compile. A run speaks the language of its reports (`--language`, else the survey's).
/// A survey definition's own problems are said by `SurveyLoader` (`DefinitionPhrase`), in
/// `--language`, else the definition's own `language:`, else Swedish.
public enum Said: Sendable, Localized {
  case fileDialect(encoding: String, byteOrderMark: Bool, delimiter: String)
  case sheet
  case spssFile
  case headerOnLine(Int)
  case headerOnLines(String)
  case counts(read: Int, accepted: Int, rejected: Int, problems: Int)
  case inUnknownGroup(Int)
  case inUnknownMunicipality(Int)
  case blankMunicipalityStored(round: String, count: Int)
  case allIn(municipality: String, fromFileName: Bool)
  case notImported
  case moreRejected(count: Int, folder: String)
  case moreProblems(count: Int, folder: String)
  case column(name: String, message: String)
  case noReportWritten
  case noExportFiles(String)
  case wrote(respondents: Int, files: Int, written: Int, output: String, working: String)
  /// The county report's page; a draft's folder is not to be shared.
  case countyReport(String, draft: Bool = false)
  case workingFiles(String)
  case waiting(String)
  case noMellanrum
  case noHeatmap
  case surveyValid(path: String, id: String, sections: Int, items: Int, columns: Int)
  case wroteDocument(path: String, what: String)
  case columns(Int)
  case imported(file: String, round: String, outcome: RoundStore.Outcome)
  case commentsKept(Int)
  case roundListed(name: String, surveyID: String, sha256: String, files: Int, respondents: Int)
  case fileListed(name: String, size: Int, sha256: String)
  case commentsKeptOfFile(Int)
  case noRoundsYet
  case deletedRound(String)
  case deletedPublishedRound(round: String, published: String)
  case deletedFile(file: String, round: String)
  case noSuchRound(String)
  case noSuchFile(file: String, round: String)
  case commentsDeleted(count: Int, round: String?)
  case noCommentsKept(round: String)
  case theCodebook
  case theQuestionnaire
  /// A store refused or damaged, as `RoundStore.Failure` says it.
  case store(RoundStore.Failure)
  case minimumBelowSurvey(given: Int, own: Int)
  case sameRoundBaseline(path: String, round: String)
  case repeatsAnotherRound(RoundRepeat, draft: Bool)
  case publicationRecorded(round: String, date: String)
  case draftNotRecorded
  case heldBack(scopes: String, minimum: Int, since: String)
  case publicationListed(date: String, minimum: Int, respondents: Int?)
  case publicationsUnreadable(round: String, reason: String)
  case progress(done: Int, total: Int, file: String, rows: Int, all: Int, rate: Int)
  case folder(ReportSet.Failure)
  case badRoundName(name: String, reason: RoundStore.NameProblem)
  case invitedHeader(found: String, dimensions: String)
  case invitedUnknownMunicipality(String, suggestion: String?)
  case invitedNotACount(String)
  case invitedUnknownValue(String, dimension: String, values: String)
  case invitedTwice(String, firstLine: Int)
  case invitedTotalAndGroups(String)
  case storedDefinitionUnreadable(String)
  /// A stored round's definition does not load for its report (the loader's reason).
  case storedSurveyUnreadable(round: String, reason: String)
  /// An export file that could not be opened to be hashed for the store.
  case cannotOpen(String)
  case roundNotChanged(String)
  /// A round's own period and invited counts, as set (`rounds --round R --period …`).
  case roundNamed(round: String, period: String?, invited: Int?)
  /// The line of `rounds` under a round: its period, or that it uses the survey's.
  case roundPeriod(period: String?, invited: Int?)
  /// What a report of a stored round is of and follows up.
  case reporting(round: String, period: String?, periodIsTheSurveys: Bool)
  case followsUp(round: String, first: String?)
  /// A line of a workspace and its store (`Said.Workspace`).
  case workspace(Workspace)

  public var swedish: String {
    switch self {
    case .fileDialect(let encoding, let bom, let delimiter):
      return "\(encoding)\(bom ? " med BOM" : ""), avgränsare '\(delimiter)', "
    case .sheet: return "kalkylblad, "
    case .spssFile: return "SPSS-fil, "
    case .headerOnLine(let line): return "rubrik på rad \(line): "
    case .headerOnLines(let lines): return "rubrik på raderna \(lines): "
    case .counts(let read, let accepted, let rejected, let problems):
      return
        "\(read) lästa, \(accepted) godtagna, \(rejected) avvisade, \(problems) \(problems == 1 ? "svarsproblem" : "svarsproblem")"
    case .inUnknownGroup(let n): return ", \(n) i gruppen okänd"
    case .inUnknownMunicipality(let n): return ", \(n) utan kommun (i gruppen okänd kommun)"
    case .blankMunicipalityStored(let round, let count):
      return
        "error: omgång \(round) har \(count) svarande utan kommun (gruppen okänd kommun), och --strict godtar dem inte; fyll i deras kommun i exporten och importera filen igen, eller rapportera utan --strict"
    case .allIn(let municipality, let fromFileName):
      return ", alla i \(municipality) (enligt \(fromFileName ? "filnamnet" : "--municipality"))"
    case .notImported: return " — importerades inte"
    case .moreRejected(let count, let folder):
      return "… och \(count) avvisade rader till\(folder.isEmpty ? "" : " i \(folder)/rejected.csv")"
    case .moreProblems(let count, let folder):
      return "… och \(count) svarsproblem till\(folder.isEmpty ? "" : " i \(folder)/problems.csv")"
    case .column(let name, let message): return "kolumn '\(name)': \(message)"
    case .noReportWritten: return "ingen rapport skrevs: rätta felen ovan och kör igen"
    case .noExportFiles(let inputs):
      return "error: inga exportfiler (.csv, .xlsx, .xlsm, .sav, .zsav, .por) i \(inputs)"
    case .wrote(let respondents, let files, let written, let output, let working):
      return
        "\(respondents) svarande från \(files) \(files == 1 ? "fil" : "filer"); skrev \(written) filer till \(output)/ och \(working)/"
    case .countyReport(let output, let draft):
      return
        "länets rapport: \(output)/index.html (\(draft ? "utkast: mappen får inte spridas" : "den här mappen får delas"))"
    case .workingFiles(let folder): return "arbetsfiler, får inte delas: \(folder)/"
    case .waiting(let folder): return "kartlagg: en annan körning skriver \(folder); väntar tills den är klar"
    case .noMellanrum:
      return "enkäten anger inget mellanrum (report: mellanrum:), så rapporterna jämför inga två grupper"
    case .noHeatmap:
      return
        "enkäten anger ingen lins för värmekartan (report: heatmap:), så länets rapport har en värmekarta (avsnitten) och kommunernas överblick bara avsnitten"
    case .surveyValid(let path, let id, let sections, let items, let columns):
      return
        "\(path): enkäten '\(id)' är giltig: \(sections) avsnitt, \(items) påståenden och frågor, \(columns) svarskolumner"
    case .wroteDocument(let path, let what): return "skrev \(path): \(what)"
    case .columns(let n): return "\(n) kolumner"
    case .imported(let file, let round, let outcome):
      switch outcome {
      case .added: return "\(file): tillagd i omgång \(round)"
      case .replaced: return "\(file): ersatte det filen gav omgång \(round) förut"
      case .unchanged: return "\(file): redan importerad i omgång \(round) med samma innehåll; inget ändrat"
      case .commentsKept:
        return "\(file): redan importerad i omgång \(round) med samma innehåll; nu sparas även dess kommentarer"
      case .duplicate(let other):
        return "\(file): error: samma innehåll som \(other) i omgång \(round); importeras inte en gång till"
      }
    case .roundListed(let name, let id, let sha, let files, let respondents):
      return
        "omgång \(name): enkät '\(id)' (sha256 \(sha.prefix(12))…), \(files) \(files == 1 ? "fil" : "filer"), \(respondents) svarande"
    case .fileListed(let name, let size, let sha): return "  \(name): \(size) byte, sha256 \(sha.prefix(12))…, "
    case .commentsKeptOfFile(let n): return ", \(n) kommentarer sparade"
    case .noRoundsYet: return "lagret har inga omgångar än; lägg till en med `kartlagg import --round …`"
    case .deletedRound(let round): return "tog bort omgång \(round) ur lagret"
    case .deletedPublishedRound(let round, let published):
      return
        "varning: omgång \(round) var publicerad (senast \(published)); med den försvann vad lagret visste om dess svarande, så en senare omgång som delar svarande med den kan inte längre hittas (docs/statistics.md). Publicerade rapporter finns kvar där de lades"
    case .deletedFile(let file, let round): return "tog bort det \(file) gav omgång \(round)"
    case .noSuchRound(let round): return "error: lagret har ingen omgång \(round)"
    case .noSuchFile(let file, let round): return "error: omgång \(round) har ingen fil \(file)"
    case .commentsKept(let n):
      return
        "\(n) kommentarer (fritext) sparade i lagret, åtskilda från siffrorna; ta bort dem med `kartlagg delete --comments`"
    case .commentsDeleted(let n, let round):
      return
        "tog bort \(n) kommentarer ur lagret\(round.map { " (omgång \($0))" } ?? ""); filen är omskriven, ingen borttagen text finns kvar i den"
    case .noCommentsKept(let round):
      return "omgång \(round) har inga sparade kommentarer (importera med --keep-comments); rapporten visar inga"
    case .theCodebook: return "kodboken"
    case .theQuestionnaire: return "frågeformuläret"
    case .store(let failure): return "error: \(failure.text(.sv))"
    case .minimumBelowSurvey(let given, let own):
      return
        "error: --min-group \(given) är mindre än enkätens min_group_size \(own); en rapport får höja minsta gruppstorleken, aldrig sänka den"
    case .sameRoundBaseline(let path, let round):
      return
        "\(path): error: baslinjen är samma omgång som rapporten ('\(round)'): två publiceringar av samma svarande kan tillsammans avslöja små grupper. Jämför med en annan omgång (är baslinjen en annan omgång, ge enkäten dess egen period), eller importera omgången i lagret (`kartlagg import`) och rapportera med --round, som skyddar publiceringarna tillsammans"
    case .repeatsAnotherRound(let r, let draft):
      let head = draft ? "varning: " : "error: "
      let tail =
        draft
        ? "Utkastet skrivs, men omgången kan inte publiceras med de svaren."
        : "Ingen rapport publiceras. Är \(r.file) en tidigare omgångs svar, importera omgångens egen export i stället (under samma filnamn, så ersätts den gamla)."
      guard !r.places.isEmpty else {
        return head
          + "\(r.file) i omgång \(r.round) och en fil i omgång \(r.otherRound) har svar där den ena filens alla ryms i den andra (de importerades med en äldre kartlagg, så svarande kan inte jämföras ett och ett): de två omgångarnas siffror kunde dras från varandra och visa några få personers svar. Importera båda omgångarnas filer på nytt, så jämförs de svarande för svarande. "
          + tail
      }
      let other =
        r.otherPublished.map { "omgång \(r.otherRound) (som den publicerades \($0))" } ?? "omgång \(r.otherRound)"
      return head
        + "omgång \(r.round) har \(r.shared) svarande gemensamt med \(other): samma svar, \(r.shared == 1 ? "" : "de flesta ")i \(r.file). "
        + (r.proven
          ? "Ur omgångarnas siffror tillsammans kunde svaren från \(r.difference) svarande i \(r.places.joined(separator: ", ")) räknas fram. "
          : "Om omgångarnas siffror tillsammans ger några få svarandes svar i \(r.places.joined(separator: ", ")) gick inte att pröva: kombinationerna är för många. ")
        + tail
    case .publicationRecorded(let round, let date):
      return
        "publiceringen av omgång \(round) är registrerad i lagret (\(date)): en senare rapport av samma omgång skyddas tillsammans med den"
    case .draftNotRecorded:
      return "utkast (--draft): registreras inte som publicering; varje sida säger \"Utkast – får inte spridas\""
    case .heldBack(let scopes, let minimum, let since):
      return
        "dolt eftersom de ändrats med färre än \(minimum) svarande sedan rapporten \(since): \(scopes)"
    case .publicationListed(let date, let minimum, let respondents):
      return
        "  publicerad \(date): minsta grupp \(minimum)\(respondents.map { ", \($0) svarande" } ?? "")"
    case .publicationsUnreadable(let round, let reason):
      return
        "error: omgång \(round): lagrets registrerade publiceringar kan inte läsas (\(reason)); ingen rapport skrevs"
    case .progress(let done, let total, let file, let rows, let all, let rate):
      return "[\(done)/\(total) filer] \(file): \(rows) rader · \(all) rader totalt, \(rate) rader/s"
    case .folder(let failure):
      let option = failure.option
      let message: String
      switch failure.reason {
      case .notAFolder: message = "är en fil, inte en mapp; ange en mapp med \(option); inget ändrades"
      case .fileInTheWay(let target):
        message =
          "är en fil, inte en mapp, så kartlagg kan inte skapa \(target) i den; ange med \(option) en sökväg där varje del är en mapp"
      case .notPermitted(let target):
        message =
          "kartlagg får inte skriva i mappen (åtkomst nekad) och kan därför inte skriva \(target); ange med \(option) en mapp du får skriva i, eller skaffa skrivrätt till den här"
      case .readOnly(let target):
        message =
          "ligger på ett skrivskyddat filsystem, så kartlagg kan inte skriva \(target); ange med \(option) en mapp på en skrivbar disk"
      case .full:
        message =
          "disken är full (eller din kvot slut); frigör utrymme eller ange med \(option) en mapp på en annan disk; de förra filerna är oförändrade"
      case .foreign(let files):
        message =
          "mappen innehåller filer som kartlagg inte skrev (\(Self.some(files, "i allt"))); kartlagg ersätter hela mappen, så flytta dem därifrån eller ange med \(option) en ny eller tom mapp; inget ändrades"
      case .system(let action, let reason):
        let verb =
          switch action {
          case .create: "skapa något i den"
          case .write: "skriva den"
          case .read: "läsa den"
          case .copy: "kopiera den till de nya filerna"
          case .move: "flytta de nya filerna på plats"
          case .lock: "låsa den"
          case .restore: "lägga tillbaka de förra filerna därifrån"
          }
        message = "kan inte \(verb) (\(reason)); de förra filerna är oförändrade"
      }
      return Diagnostic(file: failure.path, message: message).description
    case .badRoundName(let name, let reason):
      let why =
        switch reason {
        case .empty: "det är tomt"
        case .control(let scalar): "det innehåller styrtecknet \(Terminal.visible(String(scalar)))"
        case .direction(let scalar): "det innehåller riktningstecknet \(Terminal.visible(String(scalar)))"
        }
      return
        "error: omgångens namn '\(Terminal.visible(name))' duger inte: \(why); ge omgången ett namn utan styrtecken, till exempel --round 2026"
    case .invitedHeader(let found, let dimensions):
      return
        "rubrikraden är '\(found)'; en fil med inbjudna har kolumnerna kommun, inbjudna och eventuellt en dimension (\(dimensions))"
    case .invitedUnknownMunicipality(let name, let suggestion):
      return
        "okänd kommun '\(name)'\(suggestion.map { " (menade du '\($0)'?)" } ?? ""); ange kommunens namn eller kod som enkäten har dem"
    case .invitedNotACount(let value):
      return "'\(value)' är inget antal inbjudna; skriv ett heltal från 0 till 10 000 000"
    case .invitedUnknownValue(let value, let dimension, let values):
      return "'\(value)' är inget värde av \(dimension); enkätens värden är \(values)"
    case .invitedTwice(let name, let line):
      return "\(name) står redan på rad \(line); ge varje kommun (och grupp) en rad"
    case .invitedTotalAndGroups(let name):
      return "\(name) har både ett antal för hela kommunen och antal per grupp; ge det ena eller det andra"
    case .storedDefinitionUnreadable(let round):
      return
        "error: omgång \(round): den sparade enkätdefinitionen går inte att läsa; importera omgången igen med --invited"
    case .storedSurveyUnreadable(let round, let reason): return "error: omgång \(round): \(reason)"
    case .cannotOpen(let path): return "error: \(path) kan inte öppnas"
    case .roundNotChanged(let round): return "omgång \(round) är oförändrad"
    case .roundNamed(let round, let period, let invited):
      return
        "omgång \(round): period \(period.map { "'\($0)'" } ?? "enkätens (ingen egen)"), \(invited.map { "inbjudna för \($0) kommuner" } ?? "enkätens inbjudna (inga egna)")"
    case .roundPeriod(let period, let invited):
      return
        "  period \(period.map { "'\($0)'" } ?? "enkätens (ingen egen)"), \(invited.map { "inbjudna för \($0) kommuner" } ?? "enkätens inbjudna")"
    case .reporting(let round, let period, let survey):
      return
        "rapporterar omgång \(round)\(period.map { " (\($0)\(survey ? ", enkätens period" : ""))" } ?? "")"
    case .followsUp(let round, let first):
      return "följer upp omgång \(round)\(first.map { " (första kartläggningen \($0))" } ?? "")"
    case .workspace(let line): return line.swedish
    }
  }

  public var english: String {
    switch self {
    case .fileDialect(let encoding, let bom, let delimiter):
      return "\(encoding)\(bom ? " with BOM" : ""), delimiter '\(delimiter)', "
    case .sheet: return "worksheet, "
    case .spssFile: return "SPSS file, "
    case .headerOnLine(let line): return "header on line \(line): "
    case .headerOnLines(let lines): return "header on lines \(lines): "
    case .counts(let read, let accepted, let rejected, let problems):
      return
        "\(read) read, \(accepted) accepted, \(rejected) rejected, \(problems) answer problem\(problems == 1 ? "" : "s")"
    case .inUnknownGroup(let n): return ", \(n) in a group 'unknown'"
    case .inUnknownMunicipality(let n): return ", \(n) without a municipality (in the group 'okänd kommun')"
    case .blankMunicipalityStored(let round, let count):
      return
        "error: round \(round) holds \(count) respondent\(count == 1 ? "" : "s") without a municipality (the group 'okänd kommun'), which --strict does not accept; fill in their municipality in the export and import the file again, or report without --strict"
    case .allIn(let municipality, let fromFileName):
      return ", all in \(municipality) (from \(fromFileName ? "the file name" : "--municipality"))"
    case .notImported: return " — not imported"
    case .moreRejected(let count, let folder):
      return "… and \(count) more rejected rows\(folder.isEmpty ? "" : " in \(folder)/rejected.csv")"
    case .moreProblems(let count, let folder):
      return "… and \(count) more answer problems\(folder.isEmpty ? "" : " in \(folder)/problems.csv")"
    case .column(let name, let message): return "column '\(name)': \(message)"
    case .noReportWritten: return "no report written: fix the errors above and run again"
    case .noExportFiles(let inputs):
      return "error: no export files (.csv, .xlsx, .xlsm, .sav, .zsav, .por) in \(inputs)"
    case .wrote(let respondents, let files, let written, let output, let working):
      return
        "\(respondents) respondent\(respondents == 1 ? "" : "s") from \(files) file\(files == 1 ? "" : "s"); wrote \(written) files to \(output)/ and \(working)/"
    case .countyReport(let output, let draft):
      return
        "the county report: \(output)/index.html (\(draft ? "a draft: the folder must not be spread" : "this folder may be shared"))"
    case .workingFiles(let folder): return "working files, not to be shared: \(folder)/"
    case .waiting(let folder): return "kartlagg: another run is writing \(folder); waiting for it to finish"
    case .noMellanrum:
      return "the survey declares no mellanrum (report: mellanrum:), so the reports compare no two groups"
    case .noHeatmap:
      return
        "the survey declares no heat-map lens (report: heatmap:), so the county report has one heat map (the sections) and the municipalities' overview the sections only"
    case .surveyValid(let path, let id, let sections, let items, let columns):
      return "\(path): survey '\(id)' is valid: \(sections) sections, \(items) items, \(columns) answer columns"
    case .wroteDocument(let path, let what): return "wrote \(path): \(what)"
    case .columns(let n): return "\(n) columns"
    case .imported(let file, let round, let outcome):
      switch outcome {
      case .added: return "\(file): added to round \(round)"
      case .replaced: return "\(file): replaced what it brought to round \(round) before"
      case .unchanged: return "\(file): already imported into round \(round) with the same content; nothing changed"
      case .commentsKept:
        return "\(file): already imported into round \(round) with the same content; its comments are now kept too"
      case .duplicate(let other):
        return "\(file): error: the same content as \(other) in round \(round); not imported twice"
      }
    case .roundListed(let name, let id, let sha, let files, let respondents):
      return
        "round \(name): survey '\(id)' (sha256 \(sha.prefix(12))…), \(files) \(files == 1 ? "file" : "files"), \(respondents) respondents"
    case .fileListed(let name, let size, let sha): return "  \(name): \(size) bytes, sha256 \(sha.prefix(12))…, "
    case .commentsKeptOfFile(let n): return ", \(n) comments kept"
    case .noRoundsYet: return "the store has no rounds yet; add one with `kartlagg import --round …`"
    case .deletedRound(let round): return "deleted round \(round) from the store"
    case .deletedPublishedRound(let round, let published):
      return
        "warning: round \(round) was published (last on \(published)); with it went what the store knew of its respondents, so a later round sharing respondents with it can no longer be found (docs/statistics.md). Published reports stay where they were put"
    case .deletedFile(let file, let round): return "deleted what \(file) brought to round \(round)"
    case .noSuchRound(let round): return "error: the store has no round \(round)"
    case .noSuchFile(let file, let round): return "error: round \(round) has no file \(file)"
    case .commentsKept(let n):
      return
        "\(n) comments (free text) kept in the store, apart from the figures; remove them with `kartlagg delete --comments`"
    case .commentsDeleted(let n, let round):
      return
        "deleted \(n) comments from the store\(round.map { " (round \($0))" } ?? ""); the file is rewritten, no deleted text is left in it"
    case .noCommentsKept(let round):
      return "round \(round) has no kept comments (import with --keep-comments); the report shows none"
    case .theCodebook: return "the codebook"
    case .theQuestionnaire: return "the questionnaire"
    case .store(let failure): return "error: \(failure.text(.en))"
    case .minimumBelowSurvey(let given, let own):
      return
        "error: --min-group \(given) is below the survey's min_group_size \(own); a report may raise the minimum, never lower it"
    case .sameRoundBaseline(let path, let round):
      return
        "\(path): error: the baseline is the same round as this report ('\(round)'): two publications of the same respondents could together give small groups away. Compare with another round (if the baseline is another round, give the survey its own period), or import the round into the store (`kartlagg import`) and report it with --round, which protects its publications together"
    case .repeatsAnotherRound(let r, let draft):
      let head = draft ? "warning: " : "error: "
      let tail =
        draft
        ? "The draft is written, but the round cannot be published with those answers."
        : "No report is published. If \(r.file) holds an earlier round's answers, import this round's own export instead (under the same name it replaces the file)."
      guard !r.places.isEmpty else {
        return head
          + "\(r.file) of round \(r.round) and a file of round \(r.otherRound) hold answers such that all of one file's are in the other (they were imported by an older kartlagg, so respondents cannot be compared one by one): the two rounds' figures could be subtracted to show a few people's answers. Import both rounds' files again, so that they are compared respondent by respondent. "
          + tail
      }
      let other = r.otherPublished.map { "round \(r.otherRound) (as published on \($0))" } ?? "round \(r.otherRound)"
      return head
        + "round \(r.round) has \(r.shared) respondents in common with \(other): the same answers, \(r.shared == 1 ? "" : "most of them ")in \(r.file). "
        + (r.proven
          ? "From the rounds' figures together the answers of \(r.difference) \(r.difference == 1 ? "respondent" : "respondents") in \(r.places.joined(separator: ", ")) could be worked out. "
          : "Whether the rounds' figures together give a few respondents' answers away in \(r.places.joined(separator: ", ")) could not be tested: the combinations are too many. ")
        + tail
    case .publicationRecorded(let round, let date):
      return
        "the publication of round \(round) is recorded in the store (\(date)): a later report of the same round is protected together with it"
    case .draftNotRecorded:
      return "a draft (--draft): not recorded as a publication; every page says \"Draft – not to be spread\""
    case .heldBack(let scopes, let minimum, let since):
      return "hidden because they changed by fewer than \(minimum) respondents since the report of \(since): \(scopes)"
    case .publicationListed(let date, let minimum, let respondents):
      return "  published \(date): minimum group \(minimum)\(respondents.map { ", \($0) respondents" } ?? "")"
    case .publicationsUnreadable(let round, let reason):
      return "error: round \(round): the store's recorded publications cannot be read (\(reason)); no report written"
    case .progress(let done, let total, let file, let rows, let all, let rate):
      return "[\(done)/\(total) files] \(file): \(rows) rows · \(all) rows in all, \(rate) rows/s"
    case .folder(let failure):
      let option = failure.option
      let message: String
      switch failure.reason {
      case .notAFolder: message = "is a file, not a folder; give \(option) a folder; nothing was changed"
      case .fileInTheWay(let target):
        message =
          "is a file, not a folder, so kartlagg cannot make \(target) in it; give \(option) a path whose every part is a folder"
      case .notPermitted(let target):
        message =
          "kartlagg may not write in this folder (permission denied), so it cannot write \(target); give \(option) a folder you may write in, or get write permission for this one"
      case .readOnly(let target):
        message =
          "is on a read-only file system, so kartlagg cannot write \(target); give \(option) a folder on a writable disk"
      case .full:
        message =
          "the disk is full (or your quota used up); free some space, or give \(option) a folder on another disk; the previous files are unchanged"
      case .foreign(let files):
        message =
          "the folder holds files kartlagg did not write (\(Self.some(files, "in all"))); kartlagg replaces the whole folder, so move them out of it, or give \(option) a new or empty folder; nothing was changed"
      case .system(let action, let reason):
        let verb =
          switch action {
          case .create: "create anything in it"
          case .write: "write it"
          case .read: "read it"
          case .copy: "copy it into the new files"
          case .move: "move the new files into place"
          case .lock: "lock it"
          case .restore: "put back the previous files from it"
          }
        message = "cannot \(verb) (\(reason)); the previous files are unchanged"
      }
      return Diagnostic(file: failure.path, message: message).description
    case .badRoundName(let name, let reason):
      let why =
        switch reason {
        case .empty: "it is empty"
        case .control(let scalar): "it holds the control character \(Terminal.visible(String(scalar)))"
        case .direction(let scalar): "it holds the direction mark \(Terminal.visible(String(scalar)))"
        }
      return
        "error: the round name '\(Terminal.visible(name))' will not do: \(why); give the round a name without control characters, such as --round 2026"
    case .invitedHeader(let found, let dimensions):
      return
        "the header row is '\(found)'; a file of invited counts has the columns kommun, inbjudna and optionally one dimension (\(dimensions))"
    case .invitedUnknownMunicipality(let name, let suggestion):
      return
        "unknown municipality '\(name)'\(suggestion.map { " (did you mean '\($0)'?)" } ?? ""); give its name or code as the survey has them"
    case .invitedNotACount(let value):
      return "'\(value)' is no count of invited; write a whole number from 0 to 10 000 000"
    case .invitedUnknownValue(let value, let dimension, let values):
      return "'\(value)' is no value of \(dimension); the survey's values are \(values)"
    case .invitedTwice(let name, let line):
      return "\(name) is already on line \(line); give each municipality (and group) one row"
    case .invitedTotalAndGroups(let name):
      return "\(name) has both a count for the whole municipality and counts per group; give one or the other"
    case .storedDefinitionUnreadable(let round):
      return "error: round \(round): its stored survey definition cannot be read; import the round again with --invited"
    case .storedSurveyUnreadable(let round, let reason): return "error: round \(round): \(reason)"
    case .cannotOpen(let path): return "error: cannot open \(path)"
    case .roundNotChanged(let round): return "round \(round) is unchanged"
    case .roundNamed(let round, let period, let invited):
      return
        "round \(round): period \(period.map { "'\($0)'" } ?? "the survey's (none of its own)"), \(invited.map { "invited for \($0) municipalities" } ?? "the survey's invited (none of its own)")"
    case .roundPeriod(let period, let invited):
      return
        "  period \(period.map { "'\($0)'" } ?? "the survey's (none of its own)"), \(invited.map { "invited for \($0) municipalities" } ?? "the survey's invited")"
    case .reporting(let round, let period, let survey):
      return "reporting round \(round)\(period.map { " (\($0)\(survey ? ", the survey's period" : ""))" } ?? "")"
    case .followsUp(let round, let first):
      return "follows up round \(round)\(first.map { " (first mapping \($0))" } ?? "")"
    case .workspace(let line): return line.english
    }
  }

  /// The first three of `names`, and an ellipsis for the rest.
  static func some(_ names: [String], _ inAll: String) -> String {
    names.prefix(3).joined(separator: ", ") + (names.count > 3 ? ", … (\(names.count) \(inAll))" : "")
  }

}
