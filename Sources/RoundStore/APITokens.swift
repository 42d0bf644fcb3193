import Foundation
import GRDB

/// kartlagg-server's API tokens (docs/server.md, "The API"; docs/store.md): what a script
/// sends as `Authorization: Bearer TOKEN` to act as one account with its role. The store
/// keeps only each token's SHA-256, so that a copy of the store calls no API; a token ends
/// at its expiry, with its account, and when it is removed.
extension RoundStore {
  /// Migration v9 (store format 9): the API tokens.
  static func registerAPITokens(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("v9") { db in
      try db.create(table: "server_token") { t in
        // SHA-256 of the token: the token itself is never stored.
        t.primaryKey("id", .text)
        t.column("user_id", .integer).notNull().indexed().references("server_user", onDelete: .cascade)
        t.column("created_at", .text).notNull()
        t.column("expires_at", .text).notNull()
      }
      try db.execute(sql: "UPDATE store SET format = 9")
    }
  }

  /// One API token as `kartlagg-server token list` shows it: never the token, only the
  /// first 12 hex digits of its SHA-256, by which it is removed.
  public struct APIToken: Sendable, Equatable {
    public var id: String
    public var user: String
    public var createdAt: String
    public var expiresAt: String
  }

  private func tokenTables<T>(write: Bool, _ body: (Database) throws -> T) throws(Failure) -> T {
    do {
      return write ? try database.write { db in try body(db) } : try database.read { db in try body(db) }
    } catch let failure as Failure {
      throw failure
    } catch {
      throw Failure(.database(reason: "\(error)"), path: path)
    }
  }

  /// Adds a token of `account`, by its hash, until `expires`; false when there is no such account.
  public func addToken(account name: String, tokenHash: String, expires: Date) throws(Failure) -> Bool {
    try tokenTables(write: true) { db in
      guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM server_user WHERE name = ?", arguments: [name])
      else { return false }
      // Expired tokens go whenever one is made.
      try db.execute(sql: "DELETE FROM server_token WHERE expires_at < ?", arguments: [Self.now()])
      try db.execute(
        sql: "INSERT INTO server_token (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
        arguments: [tokenHash, id, Self.now(), Self.iso(expires)])
      return true
    }
  }

  /// The account of an unexpired token's hash; nil for an unknown or expired token, and for
  /// a disabled account's.
  public func tokenAccount(tokenHash: String) throws(Failure) -> Account? {
    let row = try tokenTables(write: false) { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT server_user.*, server_token.expires_at AS token_expires
          FROM server_token JOIN server_user ON server_user.id = server_token.user_id
          WHERE server_token.id = ?
          """, arguments: [tokenHash])
    }
    guard let row, let expires = (row["token_expires"] as String?).flatMap(Self.date), expires > Date() else {
      return nil
    }
    guard let name = row["name"] as String? else { return nil }
    // Read through the accounts' own checks.
    guard let account = try account(named: name), !account.disabled else { return nil }
    return account
  }

  /// The tokens, of one account or of all, oldest first.
  public func tokens(account name: String?) throws(Failure) -> [APIToken] {
    let rows = try tokenTables(write: false) { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT server_token.id, server_user.name, server_token.created_at, server_token.expires_at
          FROM server_token JOIN server_user ON server_user.id = server_token.user_id
          WHERE ? IS NULL OR server_user.name = ? ORDER BY server_token.created_at, server_user.name
          """, arguments: [name, name])
    }
    return rows.map { row in
      APIToken(
        id: String((row["id"] as String? ?? "").prefix(12)), user: row["name"] as String? ?? "",
        createdAt: row["created_at"] as String? ?? "", expiresAt: row["expires_at"] as String? ?? "")
    }
  }

  /// Removes `account`'s tokens whose hash begins with `id` (at least 8 hex digits), or all
  /// of its tokens when `id` is nil; how many went.
  public func removeTokens(account name: String, id: String?) throws(Failure) -> Int {
    try tokenTables(write: true) { db in
      try db.execute(
        sql: """
          DELETE FROM server_token WHERE user_id = (SELECT id FROM server_user WHERE name = ?)
          AND (? IS NULL OR substr(id, 1, length(?)) = ?)
          """, arguments: [name, id, id, id])
      return db.changesCount
    }
  }
}
