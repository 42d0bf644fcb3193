import Foundation
import RoundStore
import SurveyModel

/// `kartlagg-server user …`: accounts made, invited, disabled and removed from the command
/// line, as library calls that return what to print (the executable only parses and prints).
public enum Accounts {
  public struct Outcome: Sendable {
    public var lines: [String] = []
    public var exitCode: Int32 = 0
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
    func fail(_ line: String) -> Outcome {
      outcome.lines.append("error: " + line)
      outcome.exitCode = 1
      return outcome
    }
    guard !name.isEmpty, name.count <= 64, RoundStore.problem(roundName: name) == nil, !name.contains(" ") else {
      return fail("the user name '\(name)' will not do: give 1–64 characters without spaces or control characters")
    }
    var bound = municipality
    var answersFor: [String]?
    if municipalities != nil && (role != .uploader || organisation == nil || municipality != nil) {
      return fail(
        "--municipalities belongs to an organisation's uploader (--organisation NAME, without --municipality): the municipalities whose rows its files may hold"
      )
    }
    if role == .uploader {
      guard municipality != nil || organisation != nil else {
        return fail(
          "an uploader belongs to a municipality (--municipality Torsås) or to an organisation whose file spans several (--organisation \"Region Kalmar län\")"
        )
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
          return fail("'\(municipality)' is no municipality of the survey; give one of: \(names)")
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
            return fail(
              "'\(given)' in --municipalities is no municipality of the survey; give some of: \(listed)"
                + (county.map { " (or \($0), for county-wide respondents)" } ?? ""))
          }
        }
        guard !names.isEmpty else {
          return fail(
            "--municipalities names none; give them separated by commas (\"Kalmar,Nybro\"), or leave it out for all")
        }
        var seen = Set<String>()
        answersFor = names.filter { seen.insert($0).inserted }
      }
    } else if municipality != nil || organisation != nil {
      return fail("only an uploader belongs to a municipality or an organisation")
    }
    if let password, password.count < Secrets.minimumPasswordLength {
      return fail("the password must have at least \(Secrets.minimumPasswordLength) characters")
    }
    do {
      let store = try open(workspace)
      let account = RoundStore.Account(
        name: name, role: role, organisation: role == .uploader ? (organisation ?? bound) : nil,
        municipality: role == .uploader ? bound : nil, municipalities: answersFor,
        passwordHash: password.map { Secrets.hash(password: $0, cost: cost) })
      guard try store.addAccount(account) else { return fail("there is an account '\(name)' already") }
      try store.audit(
        RoundStore.AuditEntry(user: "kartlagg-server", action: "user-add", detail: "\(name) (\(role.rawValue))"))
      outcome.lines.append("added \(role.rawValue) '\(name)'" + (account.organisation.map { " of \($0)" } ?? ""))
      if role == .uploader && municipality == nil {
        outcome.lines.append(
          answersFor.map {
            "its files may hold respondents of \($0.joined(separator: ", ")) only; rows of others are rejected"
          }
            ?? "its files may hold respondents of every municipality (no --municipalities given)")
      }
      if password == nil {
        let invited = invite(workspace: workspace, name: name, baseURL: baseURL)
        outcome.lines += invited.lines
        outcome.exitCode = invited.exitCode
      }
    } catch {
      return fail(error.description)
    }
    return outcome
  }

  /// A one-time invitation link, valid for a week, with which the user sets a password
  /// (also for a forgotten one).
  public static func invite(workspace: String, name: String, baseURL: String, lifetime: TimeInterval = 7 * 24 * 3600)
    -> Outcome
  {
    var outcome = Outcome()
    do {
      let store = try open(workspace)
      let token = Secrets.token()
      guard
        try store.addInvitation(
          account: name, tokenHash: Secrets.hash(token: token), expires: Date().addingTimeInterval(lifetime))
      else {
        outcome.lines.append("error: there is no account '\(name)'")
        outcome.exitCode = 1
        return outcome
      }
      try store.audit(RoundStore.AuditEntry(user: "kartlagg-server", action: "user-invite", detail: name))
      let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
      outcome.lines.append("invitation for '\(name)' (valid 7 days, once): \(base)/inbjudan/\(token)")
    } catch {
      outcome.lines.append("error: \(error.description)")
      outcome.exitCode = 1
    }
    return outcome
  }

  public static func setPassword(workspace: String, name: String, password: String, cost: UInt8 = 12) -> Outcome {
    var outcome = Outcome()
    guard password.count >= Secrets.minimumPasswordLength else {
      outcome.lines.append("error: the password must have at least \(Secrets.minimumPasswordLength) characters")
      outcome.exitCode = 1
      return outcome
    }
    do {
      let store = try open(workspace)
      guard try store.setPassword(account: name, hash: Secrets.hash(password: password, cost: cost)) else {
        outcome.lines.append("error: there is no account '\(name)'")
        outcome.exitCode = 1
        return outcome
      }
      outcome.lines.append("password of '\(name)' set; its sessions ended")
    } catch {
      outcome.lines.append("error: \(error.description)")
      outcome.exitCode = 1
    }
    return outcome
  }

  public static func disable(workspace: String, name: String) -> Outcome {
    change(workspace, name, "user-disable", "disabled '\(name)'; its sessions ended") {
      (store) throws(RoundStore.Failure) in try store.disableAccount(name)
    }
  }

  public static func remove(workspace: String, name: String) -> Outcome {
    change(workspace, name, "user-remove", "removed '\(name)'") { (store) throws(RoundStore.Failure) in
      try store.removeAccount(name)
    }
  }

  static func change(
    _ workspace: String, _ name: String, _ action: String, _ said: String,
    _ body: (RoundStore) throws(RoundStore.Failure) -> Bool
  ) -> Outcome {
    var outcome = Outcome()
    do {
      let store = try open(workspace)
      guard try body(store) else {
        outcome.lines.append("error: there is no account '\(name)'")
        outcome.exitCode = 1
        return outcome
      }
      try store.audit(RoundStore.AuditEntry(user: "kartlagg-server", action: action, detail: name))
      outcome.lines.append(said)
    } catch {
      outcome.lines.append("error: \(error.description)")
      outcome.exitCode = 1
    }
    return outcome
  }

  public static func list(workspace: String) -> Outcome {
    var outcome = Outcome()
    do {
      for account in try open(workspace).accounts() {
        outcome.lines.append(
          "\(account.name)\t\(account.role.rawValue)\t\(account.organisation ?? "")"
            + (account.municipalities.map { " (\($0.joined(separator: ", ")))" } ?? "") + "\t"
            + (account.disabled ? "disabled" : account.passwordHash == nil ? "invited" : "active"))
      }
    } catch {
      outcome.lines.append("error: \(error.description)")
      outcome.exitCode = 1
    }
    return outcome
  }
}
