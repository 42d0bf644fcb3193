import Foundation
import RoundStore
import SourceDiagnostics
import SurveyModel

/// `kartlagg-server user …`: accounts made, invited, disabled and removed from the command
/// line, as library calls that return what to print (the executable only parses and prints).
public enum Accounts {
  /// The longest name an account may have.
  public static let maximumNameLength = 64

  public struct Outcome: Sendable {
    /// What the command says, in order, in the workspace survey's language.
    public var lines: [String] = []
    /// The indices of `lines` that are errors (the command prints them on standard error).
    public var errorLines: Set<Int> = []
    public var exitCode: Int32 = 0

    public init() {}

    /// An error (`CommandSay`, or the store's `Failure`), said in `language`.
    mutating func fail(_ said: some Localized, _ language: Language) {
      errorLines.insert(lines.count)
      lines.append(CommandSay.error(said.text(language)).text(language))
      exitCode = 1
    }
  }

  /// The error when a password typed twice differs, in the workspace survey's language.
  public static func passwordsDiffer(workspace: String) -> String {
    let language = CommandSay.language(workspace: workspace)
    return CommandSay.error(CommandSay.passwordsDiffer.text(language)).text(language)
  }

  static func open(_ workspace: String) throws(RoundStore.Failure) -> RoundStore {
    try RoundStore.open(at: ServerConfiguration(workspace: workspace).storePath)
  }

  /// Adds an account. An uploader names its municipality (every respondent of its files is
  /// that municipality's) or its organisation (its files' municipality column decides), with
  /// the municipalities the organisation answers for (`municipalities`; the county's name
  /// allows county-wide respondents), whose rows alone its files may hold; nil: every one.
  /// With a password it can log in at once; without one it gets an invitation link.
  public static func add(
    workspace: String, name: String, role: RoundStore.Role, municipality: String?, organisation: String?,
    municipalities: [String]? = nil, password: String?, baseURL: String, cost: UInt8 = 12
  ) -> Outcome {
    var outcome = Outcome()
    let language = CommandSay.language(workspace: workspace)
    func fail(_ said: CommandSay) -> Outcome {
      outcome.fail(said, language)
      return outcome
    }
    guard !name.isEmpty, name.count <= maximumNameLength, RoundStore.problem(roundName: name) == nil,
      !name.contains(" ")
    else {
      return fail(.badUserName(name))
    }
    var bound = municipality
    var answersFor: [String]?
    if municipalities != nil && (role != .uploader || organisation == nil || municipality != nil) {
      return fail(.municipalitiesWithoutOrganisation)
    }
    if role == .uploader {
      guard municipality != nil || organisation != nil else {
        return fail(.uploaderNeedsPlace)
      }
      if let municipality {
        let config = ServerConfiguration(workspace: workspace)
        let known = Engine(survey: config.surveyPath, store: config.storePath).municipalities()
        guard
          let match = known.first(where: {
            HeaderKey.normalize($0.name) == HeaderKey.normalize(municipality) || $0.code == municipality
          })
        else {
          let names = known.map(\.name).joined(separator: ", ")
          return fail(.noSuchMunicipality(municipality, names: names))
        }
        bound = match.name
      }
      if let municipalities {
        let config = ServerConfiguration(workspace: workspace)
        let engine = Engine(survey: config.surveyPath, store: config.storePath)
        let known = engine.municipalities()
        let county = engine.countyName()
        var names: [String] = []
        for given in municipalities.map({ $0.trimmingCharacters(in: .whitespaces) }) where !given.isEmpty {
          if let county, HeaderKey.normalize(county) == HeaderKey.normalize(given) {
            names.append(county)
          } else if let match = known.first(where: {
            HeaderKey.normalize($0.name) == HeaderKey.normalize(given) || $0.code == given
          }) {
            names.append(match.name)
          } else {
            let listed = known.map(\.name).joined(separator: ", ")
            return fail(.noSuchInMunicipalities(given, names: listed, county: county))
          }
        }
        guard !names.isEmpty else {
          return fail(.municipalitiesEmpty)
        }
        var seen = Set<String>()
        answersFor = names.filter { seen.insert($0).inserted }
      }
    } else if municipality != nil || organisation != nil {
      return fail(.onlyUploaderHasPlace)
    }
    if let password, password.count < Secrets.minimumPasswordLength {
      return fail(.passwordTooShort(Secrets.minimumPasswordLength))
    }
    do {
      let store = try open(workspace)
      let account = RoundStore.Account(
        name: name, role: role, organisation: role == .uploader ? (organisation ?? bound) : nil,
        municipality: role == .uploader ? bound : nil, municipalities: answersFor,
        passwordHash: password.map { Secrets.hash(password: $0, cost: cost) })
      guard try store.addAccount(account) else { return fail(.accountExists(name)) }
      try store.audit(
        RoundStore.AuditEntry(user: "kartlagg-server", action: "user-add", detail: "\(name) (\(role.rawValue))"))
      outcome.lines.append(
        CommandSay.added(role: role, name: name, organisation: account.organisation).text(language))
      if role == .uploader && municipality == nil {
        outcome.lines.append(
          (answersFor.map { CommandSay.mayHold($0.joined(separator: ", ")) } ?? .mayHoldAll).text(language))
      }
      if password == nil {
        let invited = invite(workspace: workspace, name: name, baseURL: baseURL)
        outcome.errorLines.formUnion(invited.errorLines.map { $0 + outcome.lines.count })
        outcome.lines += invited.lines
        outcome.exitCode = invited.exitCode
      }
    } catch {
      outcome.fail(error, language)
    }
    return outcome
  }

  /// A one-time invitation link, valid for a week, with which the user sets a password
  /// (also for a forgotten one).
  public static func invite(workspace: String, name: String, baseURL: String, lifetime: TimeInterval = 7 * 24 * 3600)
    -> Outcome
  {
    var outcome = Outcome()
    let language = CommandSay.language(workspace: workspace)
    do {
      let store = try open(workspace)
      let token = Secrets.token()
      guard
        try store.addInvitation(
          account: name, tokenHash: Secrets.hash(token: token), expires: Date().addingTimeInterval(lifetime))
      else {
        outcome.fail(CommandSay.noAccount(name), language)
        return outcome
      }
      try store.audit(RoundStore.AuditEntry(user: "kartlagg-server", action: "user-invite", detail: name))
      let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
      outcome.lines.append(CommandSay.invitation(name, link: "\(base)/inbjudan/\(token)").text(language))
    } catch {
      outcome.fail(error, language)
    }
    return outcome
  }

  public static func setPassword(workspace: String, name: String, password: String, cost: UInt8 = 12) -> Outcome {
    var outcome = Outcome()
    let language = CommandSay.language(workspace: workspace)
    guard password.count >= Secrets.minimumPasswordLength else {
      outcome.fail(CommandSay.passwordTooShort(Secrets.minimumPasswordLength), language)
      return outcome
    }
    do {
      let store = try open(workspace)
      guard try store.setPassword(account: name, hash: Secrets.hash(password: password, cost: cost)) else {
        outcome.fail(CommandSay.noAccount(name), language)
        return outcome
      }
      outcome.lines.append(CommandSay.passwordSet(name).text(language))
    } catch {
      outcome.fail(error, language)
    }
    return outcome
  }

  public static func disable(workspace: String, name: String) -> Outcome {
    change(workspace, name, "user-disable", .disabled(name)) {
      (store) throws(RoundStore.Failure) in try store.disableAccount(name)
    }
  }

  public static func remove(workspace: String, name: String) -> Outcome {
    change(workspace, name, "user-remove", .removed(name)) { (store) throws(RoundStore.Failure) in
      try store.removeAccount(name)
    }
  }

  static func change(
    _ workspace: String, _ name: String, _ action: String, _ said: CommandSay,
    _ body: (RoundStore) throws(RoundStore.Failure) -> Bool
  ) -> Outcome {
    var outcome = Outcome()
    let language = CommandSay.language(workspace: workspace)
    do {
      let store = try open(workspace)
      guard try body(store) else {
        outcome.fail(CommandSay.noAccount(name), language)
        return outcome
      }
      try store.audit(RoundStore.AuditEntry(user: "kartlagg-server", action: action, detail: name))
      outcome.lines.append(said.text(language))
    } catch {
      outcome.fail(error, language)
    }
    return outcome
  }

  public static func list(workspace: String) -> Outcome {
    var outcome = Outcome()
    let language = CommandSay.language(workspace: workspace)
    do {
      for account in try open(workspace).accounts() {
        // The role as `--role` takes it; the status in the survey's language.
        outcome.lines.append(
          "\(account.name)\t\(account.role.rawValue)\t\(account.organisation ?? "")"
            + (account.municipalities.map { " (\($0.joined(separator: ", ")))" } ?? "") + "\t"
            + CommandSay.status(disabled: account.disabled, invited: account.passwordHash == nil).text(language))
      }
    } catch {
      outcome.fail(error, language)
    }
    return outcome
  }
}
