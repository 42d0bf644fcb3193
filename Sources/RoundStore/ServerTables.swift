import Foundation
import GRDB

/// The tables of kartlagg-server (docs/server.md, docs/store.md): its accounts, their
/// sessions and one-time invitations, the uploads that wait between check and import (what
/// was sent and its counts; the bytes stay in the server's private temporary folder), which
/// round is open, who imported each file, and the audit log. Never an answer, never a
/// rejected row: what a file held stays in the tally and provenance of `file`, as without
/// the server.
extension RoundStore {
  /// Migration v8 (store format 8): the server's tables, in every store, used or not.
  static func registerServerTables(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("v8") { db in
      try db.create(table: "server_user") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("name", .text).notNull().unique()
        // coordinator, uploader or reader.
        t.column("role", .text).notNull()
        // An uploader's organisation: a municipality's name, or one whose files span several.
        t.column("organisation", .text)
        // The municipality every respondent of an uploader's file belongs to; NULL: the
        // file's municipality column decides (an organisation spanning several).
        t.column("municipality", .text)
        // bcrypt; NULL until the account's invitation is used.
        t.column("password_hash", .text)
        t.column("disabled", .integer).notNull().defaults(to: 0)
        t.column("created_at", .text).notNull()
      }
      try db.create(table: "server_session") { t in
        // SHA-256 of the cookie's token: the token itself is never stored.
        t.primaryKey("id", .text)
        t.column("user_id", .integer).notNull().indexed().references("server_user", onDelete: .cascade)
        t.column("csrf", .text).notNull()
        t.column("created_at", .text).notNull()
        t.column("expires_at", .text).notNull()
      }
      try db.create(table: "server_invitation") { t in
        // SHA-256 of the link's token.
        t.primaryKey("id", .text)
        t.column("user_id", .integer).notNull().indexed().references("server_user", onDelete: .cascade)
        t.column("expires_at", .text).notNull()
      }
      try db.create(table: "server_upload") { t in
        t.primaryKey("id", .text)
        t.column("user_id", .integer).notNull().indexed().references("server_user", onDelete: .cascade)
        t.column("organisation", .text).notNull()
        t.column("round", .text).notNull()
        // The name the file will have in the round.
        t.column("name", .text).notNull()
        t.column("size", .integer).notNull()
        t.column("sha256", .text).notNull()
        t.column("uploaded_at", .text).notNull()
        t.column("read", .integer).notNull()
        t.column("accepted", .integer).notNull()
        t.column("rejected", .integer).notNull()
        t.column("problems", .integer).notNull()
        // 1 when the check found the file readable, so that it may be imported.
        t.column("readable", .integer).notNull()
      }
      try db.create(table: "server_round") { t in
        t.primaryKey("name", .text)
        t.column("open", .integer).notNull()
        t.column("changed_at", .text).notNull()
      }
      try db.create(table: "server_file") { t in
        t.column("round", .text).notNull()
        t.column("name", .text).notNull()
        t.column("organisation", .text).notNull()
        t.column("user_name", .text).notNull()
        t.column("imported_at", .text).notNull()
        t.primaryKey(["round", "name"])
      }
      try db.create(table: "server_audit") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("at", .text).notNull()
        t.column("user_name", .text).notNull()
        t.column("action", .text).notNull()
        t.column("round", .text)
        t.column("file", .text)
        t.column("detail", .text)
      }
      try db.execute(sql: "UPDATE store SET format = 8")
    }
  }

  /// Migration v10 (store format 10), registered after v9 (kartlagg-server's API tokens,
  /// APITokens.swift), since each sets the store's format number.
  static func registerOrganisationMunicipalities(_ migrator: inout DatabaseMigrator) {
    // The municipalities an organisation uploader
    // answers for, a JSON array of their names; NULL: every municipality of the survey.
    migrator.registerMigration("v10") { db in
      try db.alter(table: "server_user") { t in t.add(column: "municipalities", .text) }
      try db.execute(sql: "UPDATE store SET format = 10")
    }
  }

  // MARK: - Accounts

  public enum Role: String, Sendable, CaseIterable, Codable {
    case coordinator, uploader, reader
  }

  public struct Account: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var role: Role
    public var organisation: String?
    public var municipality: String?
    /// The municipalities an organisation uploader answers for (its files' rows of others
    /// are rejected); nil: every municipality of the survey.
    public var municipalities: [String]?
    public var passwordHash: String?
    public var disabled: Bool

    public init(
      id: Int64 = 0, name: String, role: Role, organisation: String? = nil, municipality: String? = nil,
      municipalities: [String]? = nil, passwordHash: String? = nil, disabled: Bool = false
    ) {
      self.id = id
      self.name = name
      self.role = role
      self.organisation = organisation
      self.municipality = municipality
      self.municipalities = municipalities
      self.passwordHash = passwordHash
      self.disabled = disabled
    }
  }

  static func now() -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date())
  }

  static func date(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.date(from: text)
  }

  public static func iso(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
  }

  private func writing<T>(_ body: (Database) throws -> T) throws(Failure) -> T {
    do {
      return try database.write { db in try body(db) }
    } catch let failure as Failure {
      throw failure
    } catch {
      throw Failure(.database(reason: "\(error)"), path: path)
    }
  }

  private func readingServer<T>(_ body: (Database) throws -> T) throws(Failure) -> T {
    do {
      return try database.read { db in try body(db) }
    } catch let failure as Failure {
      throw failure
    } catch {
      throw Failure(.database(reason: "\(error)"), path: path)
    }
  }

  private func account(_ row: Row) throws(Failure) -> Account {
    let checked = Checked(table: "server_user", row: row, path: path)
    guard let role = Role(rawValue: try checked.text("role")) else { throw checked.damaged("role", .notText) }
    var municipalities: [String]?
    if let json = try checked.optionalText("municipalities") {
      guard let names = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) else {
        throw checked.damaged("municipalities", .notText)
      }
      municipalities = names
    }
    return Account(
      id: checked.id, name: try checked.text("name"), role: role,
      organisation: try checked.optionalText("organisation"),
      municipality: try checked.optionalText("municipality"), municipalities: municipalities,
      passwordHash: try checked.optionalText("password_hash"),
      disabled: try checked.integer("disabled", in: 0...1) == 1)
  }

  /// Adds an account; false when the name is taken.
  public func addAccount(_ account: Account) throws(Failure) -> Bool {
    try writing { db in
      if try Row.fetchOne(db, sql: "SELECT id FROM server_user WHERE name = ?", arguments: [account.name]) != nil {
        return false
      }
      try db.execute(
        sql: """
          INSERT INTO server_user
            (name, role, organisation, municipality, municipalities, password_hash, disabled, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          account.name, account.role.rawValue, account.organisation, account.municipality,
          account.municipalities.map {
            String(decoding: (try? JSONEncoder().encode($0)) ?? Data("[]".utf8), as: UTF8.self)
          },
          account.passwordHash, account.disabled ? 1 : 0, Self.now(),
        ])
      return true
    }
  }

  public func account(named name: String) throws(Failure) -> Account? {
    let row = try readingServer { db in
      try Row.fetchOne(db, sql: "SELECT * FROM server_user WHERE name = ?", arguments: [name])
    }
    return try row.map { (r) throws(Failure) in try account(r) }
  }

  public func accounts() throws(Failure) -> [Account] {
    let rows = try readingServer { db in try Row.fetchAll(db, sql: "SELECT * FROM server_user ORDER BY name") }
    var out: [Account] = []
    for row in rows { out.append(try account(row)) }
    return out
  }

  /// Sets an account's password hash (and so ends its invitations and sessions); false when
  /// there is no such account.
  public func setPassword(account name: String, hash: String) throws(Failure) -> Bool {
    try writing { db in
      try db.execute(sql: "UPDATE server_user SET password_hash = ? WHERE name = ?", arguments: [hash, name])
      guard db.changesCount > 0 else { return false }
      try db.execute(
        sql: "DELETE FROM server_invitation WHERE user_id = (SELECT id FROM server_user WHERE name = ?)",
        arguments: [name])
      try db.execute(
        sql: "DELETE FROM server_session WHERE user_id = (SELECT id FROM server_user WHERE name = ?)",
        arguments: [name])
      return true
    }
  }

  /// Uses a one-time invitation: in one transaction, takes the unexpired invitation away
  /// and sets its account's password hash (ending its other invitations and its sessions).
  /// False when the invitation is gone (used, expired or never made): of several requests
  /// with one token at once, exactly one sets the password.
  public func useInvitation(tokenHash: String, passwordHash: String) throws(Failure) -> Bool {
    try writing { db in
      guard
        let user = try Int64.fetchOne(
          db, sql: "SELECT user_id FROM server_invitation WHERE id = ? AND expires_at > ?",
          arguments: [tokenHash, Self.iso(Date())])
      else { return false }
      try db.execute(sql: "DELETE FROM server_invitation WHERE id = ?", arguments: [tokenHash])
      guard db.changesCount == 1 else { return false }
      try db.execute(sql: "UPDATE server_user SET password_hash = ? WHERE id = ?", arguments: [passwordHash, user])
      try db.execute(sql: "DELETE FROM server_invitation WHERE user_id = ?", arguments: [user])
      try db.execute(sql: "DELETE FROM server_session WHERE user_id = ?", arguments: [user])
      return true
    }
  }

  /// Disables an account and ends its sessions; false when there is no such account.
  public func disableAccount(_ name: String) throws(Failure) -> Bool {
    try writing { db in
      try db.execute(sql: "UPDATE server_user SET disabled = 1 WHERE name = ?", arguments: [name])
      guard db.changesCount > 0 else { return false }
      try db.execute(
        sql: "DELETE FROM server_session WHERE user_id = (SELECT id FROM server_user WHERE name = ?)",
        arguments: [name])
      return true
    }
  }

  /// Removes an account with its sessions, invitations and waiting uploads (the audit log
  /// keeps its name); false when there was none.
  public func removeAccount(_ name: String) throws(Failure) -> Bool {
    try writing { db in
      try db.execute(sql: "DELETE FROM server_user WHERE name = ?", arguments: [name])
      return db.changesCount > 0
    }
  }

  // MARK: - Invitations and sessions

  /// A one-time invitation for an account, by the SHA-256 of its token.
  public func addInvitation(account name: String, tokenHash: String, expires: Date) throws(Failure) -> Bool {
    try writing { db in
      guard
        let id = try Int64.fetchOne(db, sql: "SELECT id FROM server_user WHERE name = ?", arguments: [name])
      else { return false }
      try db.execute(
        sql: "INSERT INTO server_invitation (id, user_id, expires_at) VALUES (?, ?, ?)",
        arguments: [tokenHash, id, Self.iso(expires)])
      return true
    }
  }

  /// The account an unexpired invitation is for.
  public func invitation(tokenHash: String) throws(Failure) -> Account? {
    let row = try readingServer { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT server_user.*, server_invitation.expires_at AS invitation_expires FROM server_invitation
          JOIN server_user ON server_user.id = server_invitation.user_id WHERE server_invitation.id = ?
          """, arguments: [tokenHash])
    }
    guard let row, let expires = (row["invitation_expires"] as String?).flatMap(Self.date), expires > Date() else {
      return nil
    }
    return try account(row)
  }

  public struct Session: Sendable, Equatable {
    public var account: Account
    public var csrf: String
    public var expires: Date
  }

  public func addSession(tokenHash: String, account id: Int64, csrf: String, expires: Date) throws(Failure) {
    try writing { db in
      // Expired sessions go whenever one is made.
      try db.execute(sql: "DELETE FROM server_session WHERE expires_at < ?", arguments: [Self.now()])
      try db.execute(
        sql: "INSERT INTO server_session (id, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        arguments: [tokenHash, id, csrf, Self.now(), Self.iso(expires)])
    }
  }

  /// The unexpired session of a token's hash, with its account (nil for a disabled one).
  public func session(tokenHash: String) throws(Failure) -> Session? {
    let row = try readingServer { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT server_user.*, server_session.csrf AS session_csrf, server_session.expires_at AS session_expires
          FROM server_session JOIN server_user ON server_user.id = server_session.user_id
          WHERE server_session.id = ?
          """, arguments: [tokenHash])
    }
    guard let row, let expires = (row["session_expires"] as String?).flatMap(Self.date), expires > Date(),
      let csrf = row["session_csrf"] as String?
    else { return nil }
    let account = try account(row)
    guard !account.disabled else { return nil }
    return Session(account: account, csrf: csrf, expires: expires)
  }

  public func removeSession(tokenHash: String) throws(Failure) {
    try writing { db in try db.execute(sql: "DELETE FROM server_session WHERE id = ?", arguments: [tokenHash]) }
  }

  // MARK: - Rounds open for upload

  /// The open round, if one is.
  public func openRound() throws(Failure) -> String? {
    try readingServer { db in try String.fetchOne(db, sql: "SELECT name FROM server_round WHERE open = 1") }
  }

  /// Opens `round` for upload, closing any other; nil closes every round.
  public func setOpenRound(_ round: String?) throws(Failure) {
    try writing { db in
      try db.execute(sql: "UPDATE server_round SET open = 0, changed_at = ? WHERE open = 1", arguments: [Self.now()])
      if let round {
        try db.execute(
          sql: "INSERT INTO server_round (name, open, changed_at) VALUES (?, 1, ?) "
            + "ON CONFLICT(name) DO UPDATE SET open = 1, changed_at = excluded.changed_at",
          arguments: [round, Self.now()])
      }
    }
  }

  /// The rounds the server has opened, in name order.
  public func serverRounds() throws(Failure) -> [String] {
    try readingServer { db in try String.fetchAll(db, sql: "SELECT name FROM server_round ORDER BY name") }
  }

  // MARK: - Uploads waiting for import

  public struct Upload: Sendable, Equatable {
    public var id: String
    public var userID: Int64
    public var organisation: String
    public var round: String
    public var name: String
    public var size: Int
    public var sha256: String
    public var uploadedAt: String
    public var read: Int
    public var accepted: Int
    public var rejected: Int
    public var problems: Int
    public var readable: Bool

    public init(
      id: String, userID: Int64, organisation: String, round: String, name: String, size: Int, sha256: String,
      uploadedAt: String, read: Int, accepted: Int, rejected: Int, problems: Int, readable: Bool
    ) {
      self.id = id
      self.userID = userID
      self.organisation = organisation
      self.round = round
      self.name = name
      self.size = size
      self.sha256 = sha256
      self.uploadedAt = uploadedAt
      self.read = read
      self.accepted = accepted
      self.rejected = rejected
      self.problems = problems
      self.readable = readable
    }
  }

  private func upload(_ row: Row) throws(Failure) -> Upload {
    let c = Checked(table: "server_upload", row: row, path: path)
    return Upload(
      id: try c.text("id"), userID: Int64(try c.integer("user_id", in: 0...Int64.max)),
      organisation: try c.text("organisation"), round: try c.text("round"), name: try c.text("name"),
      size: try c.count("size", upTo: Int64.max), sha256: try c.text("sha256"), uploadedAt: try c.text("uploaded_at"),
      read: try c.count("read"), accepted: try c.count("accepted"), rejected: try c.count("rejected"),
      problems: try c.count("problems"), readable: try c.integer("readable", in: 0...1) == 1)
  }

  /// Records a checked upload; the ids of the uploads it replaces (the same organisation's
  /// file of the same name in the same round), whose bytes the caller deletes.
  public func addUpload(_ upload: Upload) throws(Failure) -> [String] {
    try writing { db in
      let replaced = try String.fetchAll(
        db, sql: "SELECT id FROM server_upload WHERE organisation = ? AND round = ? AND name = ?",
        arguments: [upload.organisation, upload.round, upload.name])
      try db.execute(
        sql: "DELETE FROM server_upload WHERE organisation = ? AND round = ? AND name = ?",
        arguments: [upload.organisation, upload.round, upload.name])
      try db.execute(
        sql: """
          INSERT INTO server_upload (id, user_id, organisation, round, name, size, sha256, uploaded_at, read, accepted,
          rejected, problems, readable) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          upload.id, upload.userID, upload.organisation, upload.round, upload.name, upload.size, upload.sha256,
          upload.uploadedAt, upload.read, upload.accepted, upload.rejected, upload.problems, upload.readable ? 1 : 0,
        ])
      return replaced
    }
  }

  public func upload(id: String) throws(Failure) -> Upload? {
    let row = try readingServer { db in
      try Row.fetchOne(db, sql: "SELECT * FROM server_upload WHERE id = ?", arguments: [id])
    }
    return try row.map { (r) throws(Failure) in try upload(r) }
  }

  /// The waiting uploads, of one organisation or (nil) of all.
  public func uploads(organisation: String?) throws(Failure) -> [Upload] {
    let rows = try readingServer { db in
      try Row.fetchAll(
        db,
        sql: "SELECT * FROM server_upload" + (organisation == nil ? "" : " WHERE organisation = ?")
          + " ORDER BY uploaded_at, name",
        arguments: organisation.map { [$0] } ?? [])
    }
    var out: [Upload] = []
    for row in rows { out.append(try upload(row)) }
    return out
  }

  public func removeUpload(id: String) throws(Failure) {
    try writing { db in try db.execute(sql: "DELETE FROM server_upload WHERE id = ?", arguments: [id]) }
  }

  /// Removes the uploads made before `date` (or every one), returning their ids.
  public func removeUploads(before date: Date?) throws(Failure) -> [String] {
    try writing { db in
      let condition = date == nil ? "" : " WHERE uploaded_at < ?"
      let arguments: StatementArguments = date.map { [Self.iso($0)] } ?? []
      let ids = try String.fetchAll(db, sql: "SELECT id FROM server_upload" + condition, arguments: arguments)
      try db.execute(sql: "DELETE FROM server_upload" + condition, arguments: arguments)
      return ids
    }
  }

  // MARK: - Who imported each file

  public struct FileOwner: Sendable, Equatable {
    public var round: String
    public var name: String
    public var organisation: String
    public var userName: String
    public var importedAt: String
  }

  public func recordFileOwner(round: String, name: String, organisation: String, user: String) throws(Failure) {
    try writing { db in
      try db.execute(
        sql: """
          INSERT INTO server_file (round, name, organisation, user_name, imported_at) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT(round, name) DO UPDATE SET organisation = excluded.organisation,
          user_name = excluded.user_name, imported_at = excluded.imported_at
          """, arguments: [round, name, organisation, user, Self.now()])
    }
  }

  public func fileOwners(round: String) throws(Failure) -> [FileOwner] {
    try readingServer { db in
      try Row.fetchAll(db, sql: "SELECT * FROM server_file WHERE round = ? ORDER BY name", arguments: [round]).map {
        FileOwner(
          round: $0["round"], name: $0["name"], organisation: $0["organisation"], userName: $0["user_name"],
          importedAt: $0["imported_at"])
      }
    }
  }

  // MARK: - The audit log

  public struct AuditEntry: Sendable, Equatable {
    public var id: Int64
    public var at: String
    public var user: String
    public var action: String
    public var round: String?
    public var file: String?
    public var detail: String?

    public init(
      id: Int64 = 0, at: String = "", user: String, action: String, round: String? = nil, file: String? = nil,
      detail: String? = nil
    ) {
      self.id = id
      self.at = at
      self.user = user
      self.action = action
      self.round = round
      self.file = file
      self.detail = detail
    }
  }

  public func audit(_ entry: AuditEntry) throws(Failure) {
    try writing { db in
      try db.execute(
        sql: "INSERT INTO server_audit (at, user_name, action, round, file, detail) VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [Self.now(), entry.user, entry.action, entry.round, entry.file, entry.detail])
    }
  }

  /// Deletes the server's records of a round that is deleted: its audit entries and who
  /// imported its files. Called inside the transaction that deletes the round.
  static func forgetServerRecords(of round: String, _ db: Database) throws {
    try db.execute(sql: "DELETE FROM server_audit WHERE round = ?", arguments: [round])
    try db.execute(sql: "DELETE FROM server_file WHERE round = ?", arguments: [round])
  }

  /// Deletes the audit entries of no round (sign-ins, sign-outs, account changes) made
  /// before `date`; the entries of a round stay as long as the round. How many went.
  @discardableResult
  public func pruneAudit(before date: Date) throws(Failure) -> Int {
    try writing { db in
      try db.execute(
        sql: "DELETE FROM server_audit WHERE round IS NULL AND at < ?", arguments: [Self.iso(date)])
      return db.changesCount
    }
  }

  /// At most `limit` entries of the audit log, the newest first, each older than the
  /// entry `before` (nil: from the newest): the audit page's pages, one at a time whatever
  /// the log's length.
  public func auditLog(before: Int64?, limit: Int) throws(Failure) -> [AuditEntry] {
    try auditEntries(
      "SELECT * FROM server_audit WHERE id < ? ORDER BY id DESC LIMIT ?", [before ?? Int64.max, max(0, limit)])
  }

  /// At most `limit` entries of the audit log, the oldest first, each newer than the entry
  /// `after` (nil: from the oldest): the API's pages.
  public func auditLog(after: Int64?, limit: Int) throws(Failure) -> [AuditEntry] {
    try auditEntries("SELECT * FROM server_audit WHERE id > ? ORDER BY id LIMIT ?", [after ?? 0, max(0, limit)])
  }

  private func auditEntries(_ sql: String, _ arguments: StatementArguments) throws(Failure) -> [AuditEntry] {
    try readingServer { db in
      try Row.fetchAll(db, sql: sql, arguments: arguments).map {
        AuditEntry(
          id: $0["id"], at: $0["at"], user: $0["user_name"], action: $0["action"], round: $0["round"],
          file: $0["file"], detail: $0["detail"])
      }
    }
  }

  /// The audit log, oldest first.
  public func auditLog() throws(Failure) -> [AuditEntry] {
    try readingServer { db in
      try Row.fetchAll(db, sql: "SELECT * FROM server_audit ORDER BY id").map {
        AuditEntry(
          id: $0["id"], at: $0["at"], user: $0["user_name"], action: $0["action"], round: $0["round"],
          file: $0["file"], detail: $0["detail"])
      }
    }
  }
}
