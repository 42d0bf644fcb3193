import Foundation
import KartlaggRun
import RoundStore
import SourceDiagnostics

/// What `kartlagg-server`'s own commands say (`user …`, `token …`, and why the server does not
/// start), in the workspace survey's language like its pages (`Say`), else Swedish, the
/// county's users' language: one case per text, both languages side by side.
enum CommandSay: Sendable, Localized {
  case error(String)
  case badUserName(String)
  case municipalitiesWithoutOrganisation
  case uploaderNeedsPlace
  case noSuchMunicipality(String, names: String)
  case noSuchInMunicipalities(String, names: String, county: String?)
  case municipalitiesEmpty
  case onlyUploaderHasPlace
  case passwordTooShort(Int)
  case accountExists(String)
  case added(role: RoundStore.Role, name: String, organisation: String?)
  case mayHold(String)
  case mayHoldAll
  case noAccount(String)
  case invitation(String, link: String)
  case passwordSet(String)
  case disabled(String)
  case removed(String)
  case status(disabled: Bool, invited: Bool)
  case passwordsDiffer
  case daysOutOfRange(maximum: Int, given: Int)
  case noAccountSeeList(String)
  case accountDisabled(String)
  case tokenMade(name: String, role: RoundStore.Role, id: String, until: String)
  case badTokenID
  case noSuchToken(String)
  case tokensRemoved(Int, String)
  case localNotLoopback(String)
  case notAWorkspace(String)
  case noSurvey(String)
  case noTemporaryFolder(String)

  /// The language of the workspace's survey definition, else Swedish.
  static func language(workspace: String) -> Language {
    Run.survey(at: ServerConfiguration(workspace: workspace).surveyPath)?.language ?? .fallback
  }

  var swedish: String { pair.sv }
  var english: String { pair.en }

  static func role(_ role: RoundStore.Role) -> (sv: String, en: String) {
    switch role {
    case .coordinator: ("samordnare", "coordinator")
    case .uploader: ("uppladdare", "uploader")
    case .reader: ("läsare", "reader")
    }
  }

  var pair: (sv: String, en: String) {
    switch self {
    case .error(let text): return ("fel: " + text, "error: " + text)
    case .badUserName(let name):
      return (
        "användarnamnet '\(name)' duger inte: ge 1–64 tecken utan mellanslag eller styrtecken",
        "the user name '\(name)' will not do: give 1–64 characters without spaces or control characters"
      )
    case .municipalitiesWithoutOrganisation:
      return (
        "--municipalities hör till en organisations uppladdare (--organisation NAMN, utan --municipality): de kommuner vars rader dess filer får innehålla",
        "--municipalities belongs to an organisation's uploader (--organisation NAME, without --municipality): the municipalities whose rows its files may hold"
      )
    case .uploaderNeedsPlace:
      return (
        "en uppladdare hör till en kommun (--municipality Torsås) eller till en organisation vars fil spänner över flera (--organisation \"Region Kalmar län\")",
        "an uploader belongs to a municipality (--municipality Torsås) or to an organisation whose file spans several (--organisation \"Region Kalmar län\")"
      )
    case .noSuchMunicipality(let given, let names):
      return (
        "'\(given)' är ingen kommun i enkäten; ge en av: \(names)",
        "'\(given)' is no municipality of the survey; give one of: \(names)"
      )
    case .noSuchInMunicipalities(let given, let names, let county):
      return (
        "'\(given)' i --municipalities är ingen kommun i enkäten; ge några av: \(names)"
          + (county.map { " (eller \($0), för länsövergripande svarande)" } ?? ""),
        "'\(given)' in --municipalities is no municipality of the survey; give some of: \(names)"
          + (county.map { " (or \($0), for county-wide respondents)" } ?? "")
      )
    case .municipalitiesEmpty:
      return (
        "--municipalities anger ingen; ge dem åtskilda med kommatecken (\"Kalmar,Nybro\"), eller utelämna det för alla",
        "--municipalities names none; give them separated by commas (\"Kalmar,Nybro\"), or leave it out for all"
      )
    case .onlyUploaderHasPlace:
      return (
        "bara en uppladdare hör till en kommun eller en organisation",
        "only an uploader belongs to a municipality or an organisation"
      )
    case .passwordTooShort(let minimum):
      return ("lösenordet måste ha minst \(minimum) tecken", "the password must have at least \(minimum) characters")
    case .accountExists(let name):
      return ("det finns redan ett konto '\(name)'", "there is an account '\(name)' already")
    case .added(let role, let name, let organisation):
      let names = Self.role(role)
      return (
        "lade till \(names.sv)n '\(name)'" + (organisation.map { " för \($0)" } ?? ""),
        "added \(names.en) '\(name)'" + (organisation.map { " of \($0)" } ?? "")
      )
    case .mayHold(let names):
      return (
        "dess filer får innehålla svarande från \(names) och inga andra; andras rader avvisas",
        "its files may hold respondents of \(names) only; rows of others are rejected"
      )
    case .mayHoldAll:
      return (
        "dess filer får innehålla svarande från alla kommuner (inget --municipalities angavs)",
        "its files may hold respondents of every municipality (no --municipalities given)"
      )
    case .noAccount(let name): return ("det finns inget konto '\(name)'", "there is no account '\(name)'")
    case .invitation(let name, let link):
      return (
        "inbjudan för '\(name)' (gäller 7 dagar, en gång): \(link)",
        "invitation for '\(name)' (valid 7 days, once): \(link)"
      )
    case .passwordSet(let name):
      return (
        "lösenordet för '\(name)' är satt; kontots sessioner avslutades",
        "password of '\(name)' set; its sessions ended"
      )
    case .disabled(let name):
      return ("'\(name)' är avstängt; kontots sessioner avslutades", "disabled '\(name)'; its sessions ended")
    case .removed(let name): return ("'\(name)' är borttaget", "removed '\(name)'")
    case .status(let disabled, let invited):
      return disabled ? ("avstängt", "disabled") : invited ? ("inbjudet", "invited") : ("aktivt", "active")
    case .passwordsDiffer: return ("lösenorden skiljer sig åt", "the passwords differ")
    case .daysOutOfRange(let maximum, let given):
      return (
        "--days måste vara från 1 till \(maximum), inte \(given)", "--days must be from 1 to \(maximum), not \(given)"
      )
    case .noAccountSeeList(let name):
      return (
        "det finns inget konto '\(name)' (se `kartlagg-server user list`)",
        "there is no account '\(name)' (see `kartlagg-server user list`)"
      )
    case .accountDisabled(let name):
      return (
        "kontot '\(name)' är avstängt; ett avstängt kontos API-nycklar avvisas",
        "the account '\(name)' is disabled; a disabled account's tokens are refused"
      )
    case .tokenMade(let name, let role, let id, let until):
      let names = Self.role(role)
      return (
        "API-nyckel för '\(name)' (\(names.sv)), id \(id), gäller till \(until); den visas bara nu, håll den hemlig:",
        "API token of '\(name)' (\(names.en)), id \(id), valid until \(until); it is shown this once, keep it secret:"
      )
    case .badTokenID:
      return (
        "ge en nyckels id som `kartlagg-server token list` visar det (12 hexadecimala siffror)",
        "give a token's id as `kartlagg-server token list` shows it (12 hex digits)"
      )
    case .noSuchToken(let name):
      return (
        "'\(name)' har ingen sådan API-nyckel (se `kartlagg-server token list`)",
        "'\(name)' has no such token (see `kartlagg-server token list`)"
      )
    case .tokensRemoved(let count, let name):
      return (
        "tog bort \(count) API-\(count == 1 ? "nyckel" : "nycklar") för '\(name)'",
        "removed \(count) API token\(count == 1 ? "" : "s") of '\(name)'"
      )
    case .localNotLoopback(let host):
      return (
        "--local betjänar bara den här datorn: ge --host 127.0.0.1 eller ::1 (inte \(host)), eller utelämna --local och lägg till konton",
        "--local serves this computer only: give --host 127.0.0.1 or ::1 (not \(host)), or leave --local out and add accounts"
      )
    case .notAWorkspace(let problem):
      return (
        "\(problem) (--workspace måste vara en mapp som `kartlagg init` har gjort)",
        "\(problem) (--workspace must be a folder made by `kartlagg init`)"
      )
    case .noSurvey(let path):
      return (
        "\(path): ingen enkätdefinition; arbetsmappen görs med `kartlagg init`",
        "\(path): no survey definition; the workspace is made by `kartlagg init`"
      )
    case .noTemporaryFolder(let reason):
      return (
        "kan inte göra en privat tillfällig mapp: \(reason)",
        "cannot make a private temporary folder: \(reason)"
      )
    }
  }
}
