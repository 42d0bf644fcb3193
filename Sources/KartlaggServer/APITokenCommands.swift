import Foundation
import RoundStore

/// `kartlagg-server token …`: the API tokens a script sends as `Authorization: Bearer
/// TOKEN` (docs/server.md, "The API"), as library calls that return what to print. A token
/// is printed once, when it is made; the store keeps only its SHA-256.
public enum APITokens {
  /// The longest a token may live, in days.
  public static let maximumDays = 3660

  /// Makes a random 256-bit token for `name`, valid `days` days, and prints it once.
  public static func add(workspace: String, name: String, days: Int) -> Accounts.Outcome {
    var outcome = Accounts.Outcome()
    guard (1...maximumDays).contains(days) else {
      outcome.lines.append("error: --days must be from 1 to \(maximumDays), not \(days)")
      outcome.exitCode = 1
      return outcome
    }
    do {
      let store = try Accounts.open(workspace)
      guard let account = try store.account(named: name) else {
        outcome.lines.append("error: there is no account '\(name)' (see `kartlagg-server user list`)")
        outcome.exitCode = 1
        return outcome
      }
      guard !account.disabled else {
        outcome.lines.append("error: the account '\(name)' is disabled; a disabled account's tokens are refused")
        outcome.exitCode = 1
        return outcome
      }
      let token = Secrets.token()
      let hash = Secrets.hash(token: token)
      let expires = Date().addingTimeInterval(TimeInterval(days) * 24 * 3600)
      guard try store.addToken(account: name, tokenHash: hash, expires: expires) else {
        outcome.lines.append("error: there is no account '\(name)'")
        outcome.exitCode = 1
        return outcome
      }
      try store.audit(
        RoundStore.AuditEntry(user: "kartlagg-server", action: "token-add", detail: "\(name) \(hash.prefix(12))"))
      outcome.lines.append(
        "API token of '\(name)' (\(account.role.rawValue)), id \(hash.prefix(12)), valid until \(RoundStore.iso(expires)); "
          + "it is shown this once, keep it secret:")
      outcome.lines.append(token)
    } catch {
      outcome.lines.append("error: \(error.description)")
      outcome.exitCode = 1
    }
    return outcome
  }

  /// The tokens (never a token itself): id, account, made, expires.
  public static func list(workspace: String, name: String?) -> Accounts.Outcome {
    var outcome = Accounts.Outcome()
    do {
      for token in try Accounts.open(workspace).tokens(account: name) {
        outcome.lines.append("\(token.id)\t\(token.user)\t\(token.createdAt)\t\(token.expiresAt)")
      }
    } catch {
      outcome.lines.append("error: \(error.description)")
      outcome.exitCode = 1
    }
    return outcome
  }

  /// Removes one of `name`'s tokens by its id (as `list` shows it), or all of them.
  public static func remove(workspace: String, name: String, id: String?) -> Accounts.Outcome {
    var outcome = Accounts.Outcome()
    if let id, id.count < 8 || !id.allSatisfy(\.isHexDigit) {
      outcome.lines.append("error: give a token's id as `kartlagg-server token list` shows it (12 hex digits)")
      outcome.exitCode = 1
      return outcome
    }
    do {
      let store = try Accounts.open(workspace)
      let removed = try store.removeTokens(account: name, id: id?.lowercased())
      guard removed > 0 else {
        outcome.lines.append("error: '\(name)' has no such token (see `kartlagg-server token list`)")
        outcome.exitCode = 1
        return outcome
      }
      try store.audit(
        RoundStore.AuditEntry(user: "kartlagg-server", action: "token-remove", detail: "\(name) \(id ?? "*")"))
      outcome.lines.append("removed \(removed) API token\(removed == 1 ? "" : "s") of '\(name)'")
    } catch {
      outcome.lines.append("error: \(error.description)")
      outcome.exitCode = 1
    }
    return outcome
  }
}
