import Foundation
import SourceDiagnostics

/// Every text the server's pages and messages say, in Swedish (the survey's language) and
/// English: one case per text, both languages side by side.
enum Say: Sendable, Localized {
  case appName
  case skipToContent
  case signIn, signOut, userName, password, passwordAgain
  case badLogin
  case lockedOut
  case signInBusy
  case sameOriginRefused
  case csrfRefused
  case notAllowed
  case notFound
  case notSignedIn
  case start, board, upload, reports, auditLog
  case signedInAs(String, String)
  case roleName(String)
  case noOpenRound
  case openRoundIs(String)
  case chooseFile
  case fileHelp(limit: String)
  case send
  case uploadTooLarge(limit: String)
  case tooManyWaiting(round: String, files: Int, limitFiles: Int, limit: String)
  case uploadWrongType(String)
  case uploadBroken
  case uploadNoFile
  case uploadBadName
  case checkedTitle(String)
  case counts(read: Int, accepted: Int, rejected: Int, problems: Int)
  case notReadable
  case problemsHeading, rejectedHeading
  case rejectedOnce
  case lineColumn(Int, Int)
  case line, column, reason, value, cells
  case importInto(String)
  case discard
  case imported(String, String), replaced(String, String), unchanged(String, String), duplicate(String, String)
  case importFailed(String)
  case uploadGone
  /// An import whose file name is another organisation's file in the round.
  case nameOfAnothersFile
  case waitingUploads
  case yourFiles
  case noFilesYet
  case file, organisation, respondents, accepted, rejected, lastUpload, by, responseRate, status
  case roundName
  case openRound, closeRound, publish
  case published(String)
  case publishFailed
  case sharedFolder(String, String, String)
  case noReportsYet
  case reportOf(String)
  case countyReport
  case auditCSV
  case auditOlder(Int), auditNewest, auditShown(Int)
  case badAuditQuery(String, Int64, Int64)
  case when, who, what, round
  case invitationTitle
  case invitationInvalid
  case passwordTooShort(Int)
  case passwordsDiffer
  case passwordSet
  case deleteFile
  case deleted(String)
  case localMode
  case nothingUploadedYet
  case allMunicipalities
  case badRoundName
  case readRows
  case table
  case tokenRefused
  case tokenMissing
  case formBroken
  case badJSON(String)
  case routeNotFound

  var pair: (sv: String, en: String) {
    switch self {
    case .appName: return ("kartlagg – insamling", "kartlagg – collection")
    case .skipToContent: return ("Hoppa till innehållet", "Skip to content")
    case .signIn: return ("Logga in", "Sign in")
    case .signOut: return ("Logga ut", "Sign out")
    case .userName: return ("Användarnamn", "User name")
    case .password: return ("Lösenord", "Password")
    case .passwordAgain: return ("Lösenordet igen", "Password again")
    case .badLogin:
      return (
        "Fel användarnamn eller lösenord. Kontrollera stavningen; samordnaren kan skicka en ny inbjudan om du glömt lösenordet.",
        "Wrong user name or password. Check the spelling; the coordinator can send a new invitation if you forgot the password."
      )
    case .lockedOut:
      return (
        "För många misslyckade inloggningar: kontot eller adressen är låst i 15 minuter. Försök igen senare eller kontakta samordnaren.",
        "Too many failed sign-ins: the account or address is locked for 15 minutes. Try again later or contact the coordinator."
      )
    case .signInBusy:
      return (
        "Många loggar in just nu. Försök igen om en halv minut.",
        "Many are signing in just now. Try again in half a minute."
      )
    case .sameOriginRefused:
      return (
        "Begäran kom inte från den här webbplatsens egna sidor och gjordes inte. Gå tillbaka till sidan och försök igen.",
        "The request did not come from this site's own pages and was not carried out. Go back to the page and try again."
      )
    case .csrfRefused:
      return (
        "Formuläret hade ingen giltig säkerhetsnyckel (sidan kan vara för gammal). Ladda om sidan och försök igen.",
        "The form had no valid security token (the page may be too old). Reload the page and try again."
      )
    case .notAllowed: return ("Det här får ditt konto inte se eller göra.", "Your account may not see or do this.")
    case .notFound: return ("Sidan finns inte.", "There is no such page.")
    case .notSignedIn: return ("Logga in först.", "Sign in first.")
    case .start: return ("Start", "Home")
    case .board: return ("Omgången", "The round")
    case .upload: return ("Ladda upp", "Upload")
    case .reports: return ("Rapporter", "Reports")
    case .auditLog: return ("Logg", "Audit log")
    case .signedInAs(let name, let role): return ("Inloggad som \(name) (\(role))", "Signed in as \(name) (\(role))")
    case .roleName(let role):
      switch role {
      case "coordinator": return ("samordnare", "coordinator")
      case "uploader": return ("uppladdare", "uploader")
      default: return ("läsare", "reader")
      }
    case .noOpenRound:
      return (
        "Ingen omgång är öppen för uppladdning just nu. Samordnaren öppnar omgången.",
        "No round is open for upload now. The coordinator opens the round."
      )
    case .openRoundIs(let round): return ("Öppen omgång: \(round)", "Open round: \(round)")
    case .chooseFile: return ("Exportfil", "Export file")
    case .fileHelp(let limit):
      return (
        "CSV, Excel (.xlsx) eller SPSS (.sav, .zsav), högst \(limit). Filen kontrolleras direkt; den importeras först när du väljer det.",
        "CSV, Excel (.xlsx) or SPSS (.sav, .zsav), at most \(limit). The file is checked at once; it is imported only when you choose so."
      )
    case .send: return ("Ladda upp och kontrollera", "Upload and check")
    case .tooManyWaiting(let round, let files, let limitFiles, let limit):
      return (
        "Er organisation har redan \(files) \(files == 1 ? "fil" : "filer") som väntar på import i omgång \(round), och högst \(limitFiles) filer eller \(limit) får vänta. Filen togs inte emot. Importera eller ta bort någon av de väntande först (en fil som inte importeras tas bort efter en timme).",
        "Your organisation already has \(files) \(files == 1 ? "file" : "files") waiting for import in round \(round), and at most \(limitFiles) files or \(limit) may wait. The file was not accepted. Import or delete one of those waiting first (a file not imported is deleted after an hour)."
      )
    case .uploadTooLarge(let limit):
      return (
        "Filen är större än \(limit) och togs inte emot. Dela upp exporten eller be samordnaren höja gränsen.",
        "The file is larger than \(limit) and was not accepted. Split the export or ask the coordinator to raise the limit."
      )
    case .uploadWrongType(let name):
      return (
        "\(name): filtypen kan inte läsas. Spara exporten som CSV, Excel (.xlsx) eller SPSS (.sav, .zsav) och ladda upp den igen.",
        "\(name): this type of file cannot be read. Save the export as CSV, Excel (.xlsx) or SPSS (.sav, .zsav) and upload it again."
      )
    case .uploadBroken:
      return (
        "Uppladdningen avbröts innan hela filen kommit fram, eller var inte ett filformulär. Inget sparades; ladda upp filen igen.",
        "The upload broke off before the whole file arrived, or was no file form. Nothing was kept; upload the file again."
      )
    case .uploadNoFile: return ("Välj en fil att ladda upp.", "Choose a file to upload.")
    case .uploadBadName:
      return (
        "Filnamnet saknas eller har tecken som inte går att använda. Byt namn på filen (bokstäver, siffror, mellanslag, - och _).",
        "The file name is missing or has characters that cannot be used. Rename the file (letters, digits, spaces, - and _)."
      )
    case .checkedTitle(let name): return ("Kontroll av \(name)", "Check of \(name)")
    case .counts(let read, let accepted, let rejected, let problems):
      return (
        "\(read) rader lästa, \(accepted) godtagna, \(rejected) avvisade; \(problems) svar som inte kunde läsas.",
        "\(read) rows read, \(accepted) accepted, \(rejected) rejected; \(problems) answers that could not be read."
      )
    case .notReadable:
      return (
        "Filen kunde inte läsas och kan inte importeras. Rätta det som står nedan och ladda upp den igen.",
        "The file could not be read and cannot be imported. Fix what is said below and upload it again."
      )
    case .problemsHeading: return ("Problem", "Problems")
    case .rejectedHeading: return ("Avvisade rader", "Rejected rows")
    case .rejectedOnce:
      return (
        "Raderna visas bara här, en gång, för dig: servern sparar dem inte. Rätta dem i exporten.",
        "The rows are shown only here, once, to you: the server keeps none of them. Fix them in the export."
      )
    case .lineColumn(let line, let column): return ("rad \(line), kolumn \(column)", "line \(line), column \(column)")
    case .line: return ("Rad", "Line")
    case .column: return ("Kolumn", "Column")
    case .reason: return ("Vad som rättar det", "What fixes it")
    case .value: return ("Värde", "Value")
    case .cells: return ("Raden", "The row")
    case .importInto(let round): return ("Importera till omgång \(round)", "Import into round \(round)")
    case .discard: return ("Släng uppladdningen", "Discard the upload")
    case .imported(let file, let round):
      return ("\(file) är importerad till omgång \(round).", "\(file) was imported into round \(round).")
    case .replaced(let file, let round):
      return (
        "\(file) ersatte den tidigare filen med samma namn i omgång \(round).",
        "\(file) replaced the earlier file of that name in round \(round)."
      )
    case .unchanged(let file, let round):
      return (
        "\(file) finns redan med samma innehåll i omgång \(round); inget ändrades.",
        "\(file) is already in round \(round) with the same content; nothing changed."
      )
    case .duplicate(let file, let other):
      return (
        "\(file) har samma innehåll som \(other), som redan finns i omgången, och importerades inte. Ladda upp rätt fil.",
        "\(file) has the same content as \(other), already in the round, and was not imported. Upload the right file."
      )
    case .importFailed(let file):
      return ("\(file) kunde inte importeras:", "\(file) could not be imported:")
    case .uploadGone:
      return (
        "Uppladdningen finns inte längre (den importerades, ersattes eller var äldre än en timme). Ladda upp filen igen.",
        "The upload is gone (it was imported, replaced or older than an hour). Upload the file again."
      )
    case .nameOfAnothersFile:
      return (
        "Omgången har redan en fil med det här namnet från en annan organisation; den ersätts inte. Byt namn på er fil och ladda upp den igen.",
        "The round already holds a file of this name from another organisation; it is not replaced. Rename your file and upload it again."
      )
    case .waitingUploads: return ("Kontrollerade, ej importerade", "Checked, not imported")
    case .yourFiles: return ("Era filer i omgången", "Your files in the round")
    case .noFilesYet: return ("Ingen fil ännu", "No file yet")
    case .file: return ("Fil", "File")
    case .organisation: return ("Organisation", "Organisation")
    case .respondents: return ("Svarande", "Respondents")
    case .accepted: return ("Godtagna", "Accepted")
    case .rejected: return ("Avvisade", "Rejected")
    case .lastUpload: return ("Senast importerad", "Last imported")
    case .by: return ("av", "by")
    case .responseRate: return ("Svarsfrekvens", "Response rate")
    case .status: return ("Läge", "Status")
    case .roundName: return ("Omgångens namn", "Round name")
    case .openRound: return ("Öppna omgången", "Open the round")
    case .closeRound: return ("Stäng omgången", "Close the round")
    case .publish: return ("Publicera omgången", "Publish the round")
    case .published(let round):
      return (
        "Omgång \(round) är publicerad; alla konton kan läsa rapporterna.",
        "Round \(round) is published; every account can read the reports."
      )
    case .publishFailed: return ("Omgången kunde inte publiceras:", "The round could not be published:")
    case .sharedFolder(let round, let other, let folder):
      return (
        "Omgången \"\(round)\" skulle publiceras i mappen \(folder), som redan hör till omgången \"\(other)\": namnen skiljer sig bara i stora och små bokstäver eller i tecken som mappnamnet utelämnar. Använd omgången \"\(other)\", eller välj ett namn som skiljer sig i bokstäver eller siffror (till exempel \"\(round)-2\").",
        "The round \"\(round)\" would be published in the folder \(folder), which already belongs to the round \"\(other)\": the names differ only in upper and lower case or in characters the folder name leaves out. Use the round \"\(other)\", or choose a name that differs in letters or digits (for example \"\(round)-2\")."
      )
    case .noReportsYet: return ("Ingen omgång är publicerad ännu.", "No round is published yet.")
    case .reportOf(let round): return ("Omgång \(round)", "Round \(round)")
    case .countyReport: return ("Länets rapport", "The county's report")
    case .auditCSV: return ("Hämta loggen som CSV", "Download the log as CSV")
    case .auditOlder(let n): return ("Nästa \(n) äldre poster", "The next \(n) older entries")
    case .badAuditQuery(let name, let low, let high):
      return (
        "\(name) ska vara ett heltal från \(low) till \(high).",
        "\(name) must be a whole number from \(low) to \(high)."
      )
    case .auditNewest: return ("Till de nyaste posterna", "To the newest entries")
    case .auditShown(let n):
      return (
        "Här visas \(n) poster åt gången, de nyaste först.", "\(n) entries are shown at a time, the newest first."
      )
    case .when: return ("När (UTC)", "When (UTC)")
    case .who: return ("Vem", "Who")
    case .what: return ("Vad", "What")
    case .round: return ("Omgång", "Round")
    case .invitationTitle: return ("Välj lösenord", "Choose a password")
    case .invitationInvalid:
      return (
        "Inbjudan gäller inte (den är använd eller för gammal). Be samordnaren om en ny.",
        "The invitation is not valid (it was used or is too old). Ask the coordinator for a new one."
      )
    case .passwordTooShort(let n):
      return ("Lösenordet måste ha minst \(n) tecken.", "The password must have at least \(n) characters.")
    case .passwordsDiffer: return ("Lösenorden är inte lika.", "The passwords differ.")
    case .passwordSet: return ("Lösenordet är sparat. Logga in.", "The password is saved. Sign in.")
    case .deleteFile: return ("Ta bort ur omgången", "Remove from the round")
    case .deleted(let file): return ("\(file) är borttagen ur omgången.", "\(file) was removed from the round.")
    case .localMode:
      return ("Lokalt läge: bara den här datorn, ingen inloggning.", "Local mode: this computer only, no sign-in.")
    case .nothingUploadedYet:
      return ("Ingen fil har importerats i omgången ännu.", "No file has been imported into the round yet.")
    case .allMunicipalities: return ("flera kommuner", "several municipalities")
    case .readRows: return ("Lästa rader", "Rows read")
    case .table: return ("Tabell (rullas i sidled)", "Table (scrolls sideways)")
    case .badRoundName:
      return (
        "Omgångens namn får inte vara tomt eller innehålla styrtecken; skriv till exempel 2026.",
        "The round's name may not be blank or hold control characters; write for example 2026."
      )
    case .tokenRefused:
      return (
        "API-nyckeln gäller inte (fel, utgången, eller kontot är avstängt eller borttaget). Be samordnaren om en ny: kartlagg-server token add KONTO.",
        "The API token is not valid (wrong, expired, or its account is disabled or removed). Ask the coordinator for a new one: kartlagg-server token add ACCOUNT."
      )
    case .tokenMissing:
      return (
        "API:t kräver en API-nyckel i rubriken Authorization: Bearer NYCKEL (inte en inloggningskaka); samordnaren gör en med kartlagg-server token add KONTO.",
        "The API needs an API token in the header Authorization: Bearer TOKEN (not a session cookie); the coordinator makes one with kartlagg-server token add ACCOUNT."
      )
    case .formBroken:
      return (
        "Formuläret gick inte att läsa (trasig URL-kodning eller ett fält två gånger). Skicka det igen från sidan.",
        "The form could not be read (broken URL encoding or a field given twice). Send it again from the page."
      )
    case .badJSON(let example):
      return (
        "Kroppen ska vara JSON som \(example) med Content-Type: application/json.",
        "The body must be JSON such as \(example) with Content-Type: application/json."
      )
    case .routeNotFound:
      return (
        "Det finns ingen sådan adress i API:t; se openapi.yaml för vägarna.",
        "The API has no such path; see openapi.yaml for its routes."
      )
    }
  }

  var swedish: String { pair.sv }
  var english: String { pair.en }
}
