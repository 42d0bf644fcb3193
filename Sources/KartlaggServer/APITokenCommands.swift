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
    let language = CommandSay.language(workspace: workspace)
    guard (1...maximumDays).contains(days) else {
      outcome.fail(CommandSay.daysOutOfRange(maximum: maximumDays, given: days), language)
      return outcome
    }
    do {
      let store = try Accounts.open(workspace)
      guard let account = try store.account(named: name) else {
        outcome.fail(CommandSay.noAccountSeeList(name), language)
        return outcome
      }
      guard !account.disabled else {
        outcome.fail(CommandSay.accountDisabled(name), language)
        return outcome
      }
      let token = Secrets.token()
      let hash = Secrets.hash(token: token)
      let expires = Date().addingTimeInterval(TimeInterval(days) * 24 * 3600)
      guard try store.addToken(account: name, tokenHash: hash, expires: expires) else {
        outcome.fail(CommandSay.noAccount(name), language)
        return outcome
      }
      try store.audit(
        RoundStore.AuditEntry(user: "kartlagg-server", action: "token-add", detail: "\(name) \(hash.prefix(12))"))
      outcome.lines.append(
        CommandSay.tokenMade(
          name: name, role: account.role, id: String(hash.prefix(12)), until: RoundStore.iso(expires)
        ).text(language))
      outcome.lines.append(token)
    } catch {
      outcome.fail(error, language)
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
      let language = CommandSay.language(workspace: workspace)
      outcome.fail(error, language)
    }
    return outcome
  }

  /// Removes one of `name`'s tokens by its id (as `list` shows it), or all of them.
  public static func remove(workspace: String, name: String, id: String?) -> Accounts.Outcome {
    var outcome = Accounts.Outcome()
    let language = CommandSay.language(workspace: workspace)
    if let id, id.count < 8 || !id.allSatisfy(\.isHexDigit) {
      outcome.fail(CommandSay.badTokenID, language)
      return outcome
    }
    do {
      let store = try Accounts.open(workspace)
      let removed = try store.removeTokens(account: name, id: id?.lowercased())
      guard removed > 0 else {
        outcome.fail(CommandSay.noSuchToken(name), language)
        return outcome
      }
      try store.audit(
        RoundStore.AuditEntry(user: "kartlagg-server", action: "token-remove", detail: "\(name) \(id ?? "*")"))
      outcome.lines.append(CommandSay.tokensRemoved(removed, name).text(language))
    } catch {
      outcome.fail(error, language)
    }
    return outcome
  }
}
