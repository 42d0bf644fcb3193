internal import CLibCrypto
import Foundation
import GRDB
import TestStops

#if canImport(Glibc)
  import Glibc
#endif

/// The store of a workspace's survey rounds: one SQLite file (`kartlagg.sqlite`), through
/// GRDB, its schema made by migrations from the first version on (docs/store.md).
///
/// It keeps what the statistics need and nothing more: each imported file's tally (the
/// histograms, `Tally.encoded()`) and its provenance. Never a respondent's answers or id;
/// free text only when asked (`import --keep-comments`), in a table of its own that one
/// command empties (`deleteComments`). Deleted content is overwritten (SQLite's
/// `secure_delete`). Every change is one transaction: a killed import leaves the store as
/// it was.
public final class RoundStore: Sendable {
  public static let fileName = "kartlagg.sqlite"
  /// The store format this kartlagg writes; a store of a later one is refused. 2: kept
  /// comments (migration v2); 3: each round's figures for a later round's follow-up (v3);
  /// 4: each report published of a round (v4); 6: a round's own period and invited counts,
  /// and the identity of what its figures depend on (v6); 7: when each file was imported and
  /// how many of its respondents were in a group "unknown" (v7); 8: kartlagg-server's
  /// accounts, sessions, waiting uploads, open round and audit log (v8, ServerTables.swift);
  /// 9: its API tokens (v9, APITokens.swift);
  /// 10: the municipalities an organisation uploader answers for (v10, ServerTables.swift).
  public static let format = 11

  let database: DatabaseQueue
  public let path: String

  /// Creates a new store at `path`. Anything there is refused: a file, a directory, and a
  /// symbolic link, even one that points nowhere (SQLite would make the store where it
  /// points). The file is made new (`O_EXCL`), so no link is followed.
  public static func create(at path: String) throws(Failure) -> RoundStore {
    var status = stat()
    if lstat(path, &status) == 0 {
      if status.st_mode & S_IFMT == S_IFLNK { throw Failure(.symbolicLink, path: path) }
      throw Failure(.exists, path: path)
    }
    let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw Failure(.cannotCreate(reason: String(cString: strerror(errno))), path: path)
    }
    Glibc.close(descriptor)
    do {
      return try RoundStore(path: path, new: true)
    } catch {
      unlink(path)
      throw error
    }
  }

  /// Opens the store at `path`: a file that is no kartlagg store, is empty, is damaged,
  /// holds objects kartlagg did not make, or comes from a newer kartlagg is refused, never
  /// reset or changed.
  public static func open(at path: String) throws(Failure) -> RoundStore {
    guard FileManager.default.fileExists(atPath: path) else {
      throw Failure(.missing, path: path)
    }
    var status = stat()
    if stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG && status.st_size == 0 {
      throw Failure(.empty, path: path)
    }
    return try RoundStore(path: path, new: false)
  }

  /// The store of the workspace that `directory` is in: `kartlagg.sqlite` there or in a
  /// parent, as git finds its repository.
  public static func find(from directory: String) -> String? {
    var url = URL(fileURLWithPath: directory).standardizedFileURL
    while true {
      let candidate = url.appendingPathComponent(fileName).path
      if FileManager.default.fileExists(atPath: candidate) { return candidate }
      let parent = url.deletingLastPathComponent()
      if parent.path == url.path { return nil }
      url = parent
    }
  }

  private init(path: String, new: Bool) throws(Failure) {
    self.path = path
    do {
      var configuration = Configuration()
      configuration.foreignKeysEnabled = true
      // A second import waits for the first (SQLite's lock), up to a minute.
      configuration.busyMode = .timeout(60)
      // What is deleted (a replaced file, a round, the kept comments) is overwritten, not
      // left in free pages of the file.
      configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA secure_delete = ON") }
      database = try DatabaseQueue(path: path, configuration: configuration)
      // The store is checked before any migration touches it: a newer kartlagg's is
      // refused, and so is one whose schema is not exactly what kartlagg's migrations made.
      try database.read { db in try Self.check(db, path: path, new: new) }
      try Self.migrator.migrate(database)
    } catch let failure as Failure {
      throw failure
    } catch let error as DatabaseError {
      throw Failure(.unopenable(reason: error.message ?? "\(error)"), path: path)
    } catch {
      throw Failure(.unopenable(reason: "\(error)"), path: path)
    }
  }

  /// One object of a schema, as `sqlite_master` lists it, its SQL normalised.
  struct SchemaObject: Hashable, Comparable {
    var type: String
    var name: String
    var table: String
    var sql: String?

    static func < (a: Self, b: Self) -> Bool { (a.type, a.name) < (b.type, b.name) }
  }

  /// The schema of `db`: every table, index, view and trigger.
  static func schema(_ db: Database) throws -> Set<SchemaObject> {
    var objects = Set<SchemaObject>()
    for row in try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master") {
      objects.insert(
        SchemaObject(
          type: String.fromDatabaseValue(row[0]) ?? "?", name: String.fromDatabaseValue(row[1]) ?? "?",
          table: String.fromDatabaseValue(row[2]) ?? "?", sql: String.fromDatabaseValue(row[3]).map(normalized)))
    }
    return objects
  }

  /// SQL as compared: quotes around names dropped, letters outside string literals in
  /// lower case, and white space only where it separates words (`CREATE TABLE "a" ("b")`
  /// and `create table a(b)` are the same).
  static func normalized(_ sql: String) -> String {
    var out = ""
    var inString = false
    var space = false
    for c in sql {
      if inString {
        out.append(c)
        if c == "'" { inString = false }
        continue
      }
      switch c {
      case "\"", "`", "[", "]": continue
      case " ", "\n", "\t", "\r": space = true
      case "(", ")", ",":
        out.append(c)
        space = false
      default:
        if space, let last = out.last, !"(,".contains(last) { out.append(" ") }
        space = false
        if c == "'" { inString = true }
        out += c.lowercased()
      }
    }
    return out
  }

  /// The schema and the store format that kartlagg's own migrations make, up to and with
  /// `identifier`, made in memory.
  static func expected(upTo identifier: String) throws -> (schema: Set<SchemaObject>, format: Int64) {
    let memory = try DatabaseQueue()
    try migrator.migrate(memory, upTo: identifier)
    return try memory.read { db in (try schema(db), try Int64.fetchOne(db, sql: "SELECT format FROM store") ?? 0) }
  }

  /// Refuses what is not a store of kartlagg's, as its migrations made it: another
  /// program's database, a newer kartlagg's store, migrations this kartlagg does not know,
  /// any table, column, index, view or trigger that they did not make or that is missing,
  /// and a store row that is not theirs. An empty database is a store only when `new`.
  static func check(_ db: Database, path: String, new: Bool) throws {
    let found = try schema(db)
    if found.isEmpty {
      if new { return }
      throw Failure(.empty, path: path)
    }
    guard found.contains(where: { $0.type == "table" && $0.name == "grdb_migrations" }) else {
      // A database of other tables is someone else's.
      throw Failure(.notAStore, path: path)
    }
    let hasStore = found.contains { $0.type == "table" && $0.name == "store" }
    // A store table without its column is told apart below, as a schema of another's.
    let formats = hasStore ? (try? Row.fetchAll(db, sql: "SELECT rowid, format FROM store")) ?? [] : []
    if let format = formats.first.flatMap({ Int64.fromDatabaseValue($0[1]) }), format > Int64(Self.format) {
      throw Failure(.newer(format: format), path: path)
    }
    let applied = try Row.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations").map {
      String.fromDatabaseValue($0[0]) ?? "?"
    }
    let known = migrator.migrations
    guard !applied.isEmpty, applied.count <= known.count, Set(applied) == Set(known.prefix(applied.count)) else {
      throw Failure(
        .foreign([
          SchemaDifference(
            kind: .unknownMigrations, type: "", name: applied.sorted().joined(separator: ", "), table: "")
        ]), path: path)
    }
    let expected = try Self.expected(upTo: known[applied.count - 1])
    var differences: [SchemaDifference] = []
    let expectedByName = Dictionary(expected.schema.map { ($0.name, $0) }) { a, _ in a }
    let foundByName = Dictionary(found.map { ($0.name, $0) }) { a, _ in a }
    for object in found.sorted() {
      let kind: SchemaDifference.Kind? = expectedByName[object.name].map { $0 == object ? nil : .changed } ?? .extra
      if let kind {
        differences.append(SchemaDifference(kind: kind, type: object.type, name: object.name, table: object.table))
      }
    }
    for object in expected.schema.sorted() where foundByName[object.name] == nil {
      differences.append(SchemaDifference(kind: .missing, type: object.type, name: object.name, table: object.table))
    }
    guard differences.isEmpty else { throw Failure(.foreign(differences), path: path) }
    // The one store row, with the format of its migrations.
    guard formats.count == 1 else {
      let row = formats.count > 1 ? Int64.fromDatabaseValue(formats[1][0]) ?? 0 : 0
      throw Failure(
        .damaged(
          Damage(
            table: "store", row: row, column: "format",
            flaw: .rows(formats.count))), path: path)
    }
    guard Int64.fromDatabaseValue(formats[0][1]) == expected.format else {
      throw Failure(
        .damaged(
          Damage(
            table: "store", row: Int64.fromDatabaseValue(formats[0][0]) ?? 0, column: "format",
            flaw: .notItsFormat(Int(expected.format)))), path: path)
    }
  }

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.create(table: "store") { t in
        t.column("format", .integer).notNull()
      }
      try db.execute(sql: "INSERT INTO store (format) VALUES (1)")
      try db.create(table: "round") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("name", .text).notNull().unique()
        t.column("survey_id", .text).notNull()
        t.column("survey_sha256", .text).notNull()
        t.column("survey_definition", .text).notNull()
      }
      try db.create(table: "file") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("round_id", .integer).notNull().references("round", onDelete: .cascade)
        t.column("name", .text).notNull()
        t.column("sha256", .text).notNull()
        t.column("size", .integer).notNull()
        t.column("encoding", .text)
        t.column("delimiter", .text)
        t.column("header_lines", .text).notNull()
        t.column("read", .integer).notNull()
        t.column("accepted", .integer).notNull()
        t.column("rejected", .integer).notNull()
        t.column("problems", .integer).notNull()
        t.column("municipality", .text)
        t.column("rejected_reasons", .text).notNull()
        t.column("accepted_per_municipality", .text).notNull()
        t.column("tally", .blob).notNull()
        t.uniqueKey(["round_id", "name"])
      }
    }
    // Free text kept apart from the figures, only for files imported with --keep-comments.
    migrator.registerMigration("v2") { db in
      try db.create(table: "comment") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("file_id", .integer).notNull().indexed().references("file", onDelete: .cascade)
        t.column("municipality", .integer)
        t.column("section", .integer).notNull()
        t.column("item", .integer).notNull()
        t.column("text", .text).notNull()
      }
      try db.execute(sql: "UPDATE store SET format = 2")
    }
    // What a round's report shows, for the follow-up of later rounds (`RoundFigures`): made
    // again from the tallies whenever it is missing, so it can always be dropped.
    migrator.registerMigration("v3") { db in
      try db.create(table: "figures") { t in
        t.primaryKey("round_id", .integer).references("round", onDelete: .cascade)
        t.column("minimum_group_size", .integer).notNull()
        t.column("data", .blob).notNull()
      }
      try db.execute(sql: "UPDATE store SET format = 3")
    }
    // Each report of a round that was published (`report --round` without `--draft`): when,
    // with which minimum, each shown scope's respondents, what it showed per measure
    // (`Publication`: counts only) and its figures for later rounds' follow-up.
    migrator.registerMigration("v4") { db in
      try db.create(table: "publication") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("round_id", .integer).notNull().indexed().references("round", onDelete: .cascade)
        t.column("published_at", .text).notNull()
        t.column("minimum_group_size", .integer).notNull()
        t.column("respondents", .text).notNull()
        t.column("shown", .blob).notNull()
        t.column("figures", .blob).notNull()
      }
      try db.execute(sql: "UPDATE store SET format = 4")
    }
    // A round is a named thing: its own period and invited counts (both optional; the
    // survey's stand in for them), and the identity of the part of its survey definition
    // that its figures depend on (`Survey.figureIdentity`), so that report settings may
    // change after an import. A round stored before has no identity yet: it is computed
    // from its stored definition when the round is next imported into or reported.
    migrator.registerMigration("v6") { db in
      try db.alter(table: "round") { t in
        t.add(column: "period", .text)
        t.add(column: "invited", .text)
        t.add(column: "survey_identity", .text)
      }
      try db.execute(sql: "UPDATE store SET format = 6")
    }
    // When each file was imported (UTC, ISO 8601) and how many of its accepted respondents
    // were in a group "unknown", as `import` said; NULL for a file imported before.
    migrator.registerMigration("v7") { db in
      try db.alter(table: "file") { t in
        t.add(column: "imported_at", .text)
        t.add(column: "unknown_group", .integer)
      }
      try db.execute(sql: "UPDATE store SET format = 7")
    }
    registerServerTables(&migrator)
    registerAPITokens(&migrator)
    registerOrganisationMunicipalities(&migrator)
    // Each file's respondents' prints, and each publication's (docs/statistics.md,
    // "Respondents shared by two rounds"); NULL for what was stored before.
    migrator.registerMigration("v11") { db in
      try db.alter(table: "file") { t in t.add(column: "row_prints", .blob) }
      try db.alter(table: "publication") { t in t.add(column: "row_prints", .blob) }
      try db.execute(sql: "UPDATE store SET format = 11")
    }
    return migrator
  }

  /// SHA-256 of bytes, as lower-case hex.
  public static func sha256(_ bytes: some DataProtocol) -> String {
    var hasher = SHA256Hasher()
    hasher.update(Array(bytes))
    return hasher.finalize()
  }

  /// SHA-256 in pieces, through OpenSSL's libcrypto (EVP). Every EVP call is checked: a
  /// libcrypto that cannot compute SHA-256 (no provider for it, say, under an
  /// `OPENSSL_CONF` that demands FIPS) stops the run with OpenSSL's reason, rather than
  /// give a digest of nothing that the store would keep as a file's identity.
  public struct SHA256Hasher: ~Copyable {
    private let context: OpaquePointer

    public init() {
      guard let context = EVP_MD_CTX_new() else { Self.fail("EVP_MD_CTX_new") }
      guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
        EVP_MD_CTX_free(context)
        Self.fail("EVP_DigestInit_ex")
      }
      self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    public mutating func update(_ bytes: [UInt8]) {
      let done = bytes.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
      guard done == 1 else { Self.fail("EVP_DigestUpdate") }
    }

    /// The digest as lower-case hex.
    public consuming func finalize() -> String {
      var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
      var length: UInt32 = 0
      guard EVP_DigestFinal_ex(context, &digest, &length) == 1, length == 32 else { Self.fail("EVP_DigestFinal_ex") }
      // Hex by table: `String(format: "%02x")` per byte was a quarter of the server's work
      // per page (each request hashes its session token).
      let hex = Array("0123456789abcdef".utf8)
      var text = [UInt8]()
      text.reserveCapacity(2 * Int(length))
      for byte in digest.prefix(Int(length)) {
        text.append(hex[Int(byte >> 4)])
        text.append(hex[Int(byte & 0x0f)])
      }
      return String(decoding: text, as: UTF8.self)
    }

    /// Stops the run: libcrypto failed, and a wrong digest would be stored as if it were right.
    private static func fail(_ call: String) -> Never {
      var buffer = [CChar](repeating: 0, count: 256)
      ERR_error_string_n(ERR_get_error(), &buffer, buffer.count)
      let reason = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      fatalError("libcrypto cannot compute SHA-256 (\(call) failed: \(reason)); check OPENSSL_CONF")
    }
  }

  /// One file's contribution to a round.
  public struct FileRecord: Sendable, Equatable {
    public var name: String
    public var sha256: String
    public var size: Int
    public var encoding: String?
    public var delimiter: String?
    public var headerLines: [Int]
    public var read: Int
    public var accepted: Int
    public var rejected: Int
    public var problems: Int
    /// How the file's municipality was decided, when it was (file name or --municipality).
    public var municipality: String?
    /// Rejected rows per reason code (no row itself is kept).
    public var rejectedReasons: [String: Int]
    public var acceptedPerMunicipality: [Int]
    public var tally: [UInt8]
    /// When the file was imported (UTC, ISO 8601), and how many of its accepted respondents
    /// were in a group "unknown"; nil for a file imported by a kartlagg before store format 7.
    public var importedAt: String?
    public var unknownGroup: Int?
    /// Free-text answers to keep (`import --keep-comments`); empty otherwise. When read
    /// back (`round(_:)`), empty, and `commentCount` says how many are kept.
    public var comments: [Comment] = []
    public var commentCount = 0
    /// The row's `id` in the store's file table, when read back (`round(_:)`); 0 otherwise.
    public var id: Int64 = 0
    /// Its respondents' prints (GapAnalysis' `RowPrints`, encoded); nil for a file stored
    /// before store format 11.
    public var rowPrints: [UInt8]?

    public init(
      name: String, sha256: String, size: Int, encoding: String?, delimiter: String?, headerLines: [Int], read: Int,
      accepted: Int, rejected: Int, problems: Int, municipality: String?, rejectedReasons: [String: Int],
      acceptedPerMunicipality: [Int], tally: [UInt8], comments: [Comment] = []
    ) {
      self.comments = comments
      self.name = name
      self.sha256 = sha256
      self.size = size
      self.encoding = encoding
      self.delimiter = delimiter
      self.headerLines = headerLines
      self.read = read
      self.accepted = accepted
      self.rejected = rejected
      self.problems = problems
      self.municipality = municipality
      self.rejectedReasons = rejectedReasons
      self.acceptedPerMunicipality = acceptedPerMunicipality
      self.tally = tally
    }
  }

  /// A free-text answer: to which question (indices into the round's definition: the
  /// section, and the item within it) and from which municipality (its index; nil:
  /// county-wide). Never who wrote it.
  public struct Comment: Sendable, Equatable {
    public var municipality: Int?
    public var section: Int
    public var item: Int
    public var text: String

    public init(municipality: Int?, section: Int, item: Int, text: String) {
      self.municipality = municipality
      self.section = section
      self.item = item
      self.text = text
    }
  }

  /// What an import did with a file.
  public enum Outcome: Sendable, Equatable {
    case added
    /// The same name and content, imported before without its comments: now they are kept.
    case commentsKept
    /// A file of the same name was there; what it brought is replaced.
    case replaced
    /// The same name and content: nothing to do.
    case unchanged
    /// The same content under another name, already in the round.
    case duplicate(of: String)
  }

  /// The survey a round was imported with: its text as last given, and the identity of
  /// what the figures depend on (`Survey.figureIdentity`; nil for a round stored before
  /// store format 6, until it is next imported into).
  public struct Definition: Sendable, Equatable {
    public var surveyID: String
    public var sha256: String
    public var text: String
    public var identity: String?

    public init(surveyID: String, text: String, identity: String? = nil) {
      self.surveyID = surveyID
      self.text = text
      self.identity = identity
      sha256 = RoundStore.sha256(Array(text.utf8))
    }
  }

  /// How many of a municipality were invited, as a round gives it (`--invited`): in all, or
  /// per value of one dimension (by their ids), the total then being the sum.
  public struct InvitedCounts: Sendable, Equatable, Codable {
    public var total: Int?
    public var dimension: String?
    public var counts: [String: Int]?

    public init(total: Int) {
      self.total = total
    }

    public init(dimension: String, counts: [String: Int]) {
      self.dimension = dimension
      self.counts = counts
    }
  }

  /// What names a round besides its name: its own period and invited counts (by
  /// municipality code), each nil where the round has none of its own.
  public struct RoundNaming: Sendable, Equatable {
    public var period: String?
    public var invited: [String: InvitedCounts]?

    public init(period: String? = nil, invited: [String: InvitedCounts]? = nil) {
      self.period = period
      self.invited = invited
    }
  }

  /// A change of a round's period or invited counts: nil leaves each as it is.
  public struct NamingChange: Sendable, Equatable {
    public var period: String?
    public var invited: [String: InvitedCounts]?

    public init(period: String? = nil, invited: [String: InvitedCounts]? = nil) {
      self.period = period
      self.invited = invited
    }

    var isEmpty: Bool { period == nil && invited == nil }
  }

  /// Adds `files` to `round` in one transaction: the round is created with `definition`,
  /// or must have been made with the same one.
  ///
  /// `figures`, when given, makes the round's figures (`RoundFigures`, encoded) from every
  /// tally the round holds after the import, in the same transaction; they are kept with
  /// the minimum group size they were made with.
  ///
  /// With an `identity`, the definition must only agree with the stored one on what the
  /// figures depend on (`identify` gives the identity of a round stored without one, from
  /// its stored text); the stored definition then becomes the one given. Without one, the
  /// texts must be the same. `naming` sets the round's period and invited counts in the
  /// same transaction.
  public func importFiles(
    _ files: [FileRecord], round: String, definition: Definition, naming: NamingChange = NamingChange(),
    identify: @escaping (String) -> String? = { _ in nil },
    figures: (([[UInt8]]) throws -> (minimumGroupSize: Int, bytes: [UInt8]))? = nil
  ) throws(Failure) -> [Outcome] {
    if let problem = Self.problem(roundName: round) {
      throw Failure(.badRoundName(round, problem), path: path)
    }
    do {
      return try database.write { db in
        let roundID: Int64
        if let row = try Row.fetchOne(
          db, sql: "SELECT id, survey_sha256, survey_definition, survey_identity FROM round WHERE name = ?",
          arguments: [round])
        {
          let stored = Checked(table: "round", row: row, path: path)
          let same: Bool
          if let identity = definition.identity {
            let storedIdentity =
              try stored.optionalText("survey_identity") ?? identify(stored.text("survey_definition"))
            same = storedIdentity == identity
          } else {
            same = try stored.text("survey_sha256") == definition.sha256
          }
          guard same else {
            throw Failure(.otherDefinition(round: round), path: path)
          }
          roundID = stored.id
          if definition.identity != nil {
            try db.execute(
              sql:
                "UPDATE round SET survey_id = ?, survey_sha256 = ?, survey_definition = ?, survey_identity = ? WHERE id = ?",
              arguments: [definition.surveyID, definition.sha256, definition.text, definition.identity, roundID])
          }
        } else {
          try db.execute(
            sql:
              "INSERT INTO round (name, survey_id, survey_sha256, survey_definition, survey_identity) VALUES (?, ?, ?, ?, ?)",
            arguments: [round, definition.surveyID, definition.sha256, definition.text, definition.identity])
          roundID = db.lastInsertedRowID
        }
        try Self.apply(naming, round: roundID, db)
        var outcomes: [Outcome] = []
        for file in files {
          let same = try Row.fetchOne(
            db, sql: "SELECT id, sha256 FROM file WHERE round_id = ? AND name = ?", arguments: [roundID, file.name])
          let checked = same.map { Checked(table: "file", row: $0, path: path) }
          if let checked, try checked.text("sha256") == file.sha256 {
            let id = checked.id
            // A file stored before format 11 gets its prints when imported again.
            if let prints = file.rowPrints {
              try db.execute(
                sql: "UPDATE file SET row_prints = ? WHERE id = ? AND row_prints IS NULL",
                arguments: [Data(prints), id])
            }
            let kept = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM comment WHERE file_id = ?", arguments: [id]) ?? 0
            if kept == 0 && !file.comments.isEmpty {
              try Self.insert(file.comments, file: id, db)
              outcomes.append(.commentsKept)
            } else {
              outcomes.append(.unchanged)
            }
            continue
          }
          if let other = try String.fetchOne(
            db, sql: "SELECT name FROM file WHERE round_id = ? AND sha256 = ? AND name <> ?",
            arguments: [roundID, file.sha256, file.name])
          {
            outcomes.append(.duplicate(of: other))
            continue
          }
          if let checked { try db.execute(sql: "DELETE FROM file WHERE id = ?", arguments: [checked.id]) }
          try db.execute(
            sql: """
              INSERT INTO file (round_id, name, sha256, size, encoding, delimiter, header_lines, read, accepted,
                rejected, problems, municipality, rejected_reasons, accepted_per_municipality, tally, imported_at,
                unknown_group, row_prints)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
              """,
            arguments: [
              roundID, file.name, file.sha256, file.size, file.encoding, file.delimiter,
              file.headerLines.map(String.init).joined(separator: ","), file.read, file.accepted, file.rejected,
              file.problems, file.municipality, Self.json(file.rejectedReasons),
              Self.json(file.acceptedPerMunicipality),
              Data(file.tally), file.importedAt, file.unknownGroup, file.rowPrints.map { Data($0) },
            ])
          try Self.insert(file.comments, file: db.lastInsertedRowID, db)
          outcomes.append(same == nil ? .added : .replaced)
        }
        let changed = outcomes.contains { $0 == .added || $0 == .replaced }
        if let figures,
          try changed
            || Int.fetchOne(db, sql: "SELECT COUNT(*) FROM figures WHERE round_id = ?", arguments: [roundID]) == 0
        {
          let tallies = try Row.fetchAll(
            db, sql: "SELECT id, tally FROM file WHERE round_id = ? ORDER BY name", arguments: [roundID]
          ).map { row throws in try Checked(table: "file", row: row, path: path).bytes("tally") }
          let made = try figures(tallies)
          try db.execute(
            sql: "INSERT OR REPLACE INTO figures (round_id, minimum_group_size, data) VALUES (?, ?, ?)",
            arguments: [roundID, made.minimumGroupSize, Data(made.bytes)])
        }
        TestStops.at("store-in-transaction")
        return outcomes
      }
    } catch let failure as Failure {
      throw failure
    } catch {
      throw Failure(.notStored(reason: "\(error)"), path: path)
    }
  }

  /// Sets a round's period and invited counts (nil leaves each as it is); false when there
  /// is no such round.
  public func rename(round: String, _ naming: NamingChange) throws(Failure) -> Bool {
    do {
      return try database.write { db in
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM round WHERE name = ?", arguments: [round]) else {
          return false
        }
        try Self.apply(naming, round: id, db)
        return true
      }
    } catch {
      throw Failure(.database(reason: "\(error)"), path: path)
    }
  }

  static func apply(_ naming: NamingChange, round id: Int64, _ db: Database) throws {
    if let period = naming.period {
      try db.execute(sql: "UPDATE round SET period = ? WHERE id = ?", arguments: [period, id])
    }
    if let invited = naming.invited {
      try db.execute(sql: "UPDATE round SET invited = ? WHERE id = ?", arguments: [json(invited), id])
    }
  }

  /// A round's own period and invited counts; nil when there is no such round. Every
  /// value is checked.
  public func naming(round: String) throws(Failure) -> RoundNaming? {
    try reading { db in
      guard
        let row = try Row.fetchOne(db, sql: "SELECT id, period, invited FROM round WHERE name = ?", arguments: [round])
      else { return nil }
      let checked = Checked(table: "round", row: row, path: path)
      var naming = RoundNaming(period: try checked.optionalText("period"))
      if let text = try checked.optionalText("invited") {
        guard let invited: [String: InvitedCounts] = Self.decode(text),
          invited.values.allSatisfy({ entry in
            ((entry.total != nil) != (entry.counts != nil)) && (entry.counts == nil) == (entry.dimension == nil)
              && ([entry.total ?? 0] + (entry.counts.map { Array($0.values) } ?? [])).allSatisfy {
                (0...Int(Checked.largestCount)).contains($0)
              }
          })
        else { throw checked.damaged("invited", .notInvitedCounts) }
        naming.invited = invited
      }
      return naming
    }
  }

  /// A round's definition and files, in name order. Every value is checked: one that
  /// kartlagg does not write (another program changed the row) is `Failure.Kind.damaged`.
  public func round(_ name: String) throws(Failure) -> (definition: Definition, files: [FileRecord])? {
    try reading { db in
      guard
        let row = try Row.fetchOne(
          db, sql: "SELECT id, survey_id, survey_definition, survey_identity FROM round WHERE name = ?",
          arguments: [name])
      else { return nil }
      let round = Checked(table: "round", row: row, path: path)
      let definition = Definition(
        surveyID: try round.text("survey_id"), text: try round.text("survey_definition"),
        identity: try round.optionalText("survey_identity"))
      let files = try Row.fetchAll(
        db,
        sql: """
          SELECT file.*, (SELECT COUNT(*) FROM comment WHERE comment.file_id = file.id) AS comments
          FROM file WHERE round_id = ? ORDER BY name
          """,
        arguments: [round.id]
      ).map { r throws in
        let file = Checked(table: "file", row: r, path: path)
        let read = try file.count("read")
        let accepted = try file.count("accepted")
        let rejected = try file.count("rejected")
        guard read == accepted + rejected else {
          throw file.damaged("read", .doesNotAddUp(expected: accepted + rejected))
        }
        let reasons = try file.counts("rejected_reasons")
        guard reasons.values.reduce(0, +) == rejected else {
          throw file.damaged("rejected_reasons", .doesNotAddUp(expected: rejected))
        }
        let perMunicipality = try file.countList("accepted_per_municipality")
        guard perMunicipality.reduce(0, +) == accepted else {
          throw file.damaged("accepted_per_municipality", .doesNotAddUp(expected: accepted))
        }
        var record = FileRecord(
          name: try file.text("name"), sha256: try file.text("sha256"), size: try file.count("size", upTo: Int64.max),
          encoding: try file.optionalText("encoding"), delimiter: try file.optionalText("delimiter"),
          headerLines: try file.lineNumbers("header_lines"), read: read, accepted: accepted, rejected: rejected,
          problems: try file.count("problems"), municipality: try file.optionalText("municipality"),
          rejectedReasons: reasons, acceptedPerMunicipality: perMunicipality, tally: try file.bytes("tally"))
        record.id = file.id
        record.commentCount = r["comments"]
        record.importedAt = try file.optionalText("imported_at")
        record.unknownGroup = try file.optionalInteger("unknown_group", in: 0...Int64(accepted))
        record.rowPrints = try file.optionalBytes("row_prints")
        return record
      }
      return (definition, files)
    }
  }

  /// Every round's name, in name order.
  public func roundNames() throws(Failure) -> [String] {
    try reading { db in
      try Row.fetchAll(db, sql: "SELECT id, name FROM round ORDER BY name").map {
        try Checked(table: "round", row: $0, path: path).text("name")
      }
    }
  }

  /// Reads in one transaction; a damaged value is its own failure, anything else names
  /// the store.
  private func reading<T>(_ body: (Database) throws -> T) throws(Failure) -> T {
    do {
      return try database.read { db in try body(db) }
    } catch let failure as Failure {
      throw failure
    } catch {
      throw Failure(.database(reason: "\(error)"), path: path)
    }
  }

  /// A row read from the store, each value checked to be what kartlagg writes there.
  struct Checked {
    /// The counts of an import (rows of one file, answer problems): at most 2³¹ − 1, so
    /// that no total over the files of any store can overflow.
    static let largestCount: Int64 = Int64(Int32.max)

    let table: String
    let row: Row
    let path: String
    /// The row's `id` (its rowid).
    var id: Int64 { Int64.fromDatabaseValue(row["id"]) ?? Int64.fromDatabaseValue(row["rowid"]) ?? 0 }

    func damaged(_ column: String, _ flaw: Damage.Flaw) -> Failure {
      Failure(.damaged(Damage(table: table, row: id, column: column, flaw: flaw)), path: path)
    }

    func text(_ column: String) throws(Failure) -> String {
      guard case .string(let text) = (row[column] as DatabaseValue).storage else { throw damaged(column, .notText) }
      return text
    }

    func optionalText(_ column: String) throws(Failure) -> String? {
      let value: DatabaseValue = row[column]
      return value.isNull ? nil : try text(column)
    }

    func integer(_ column: String, in range: ClosedRange<Int64>) throws(Failure) -> Int {
      guard case .int64(let value) = (row[column] as DatabaseValue).storage else { throw damaged(column, .notInteger) }
      guard range.contains(value) else { throw damaged(column, .outOfRange(range)) }
      return Int(value)
    }

    func optionalInteger(_ column: String, in range: ClosedRange<Int64>) throws(Failure) -> Int? {
      let value: DatabaseValue = row[column]
      return value.isNull ? nil : try integer(column, in: range)
    }

    func count(_ column: String, upTo largest: Int64 = largestCount) throws(Failure) -> Int {
      try integer(column, in: 0...largest)
    }

    func bytes(_ column: String) throws(Failure) -> [UInt8] {
      guard case .blob(let data) = (row[column] as DatabaseValue).storage else { throw damaged(column, .notBytes) }
      return [UInt8](data)
    }

    func optionalBytes(_ column: String) throws(Failure) -> [UInt8]? {
      let value: DatabaseValue = row[column]
      return value.isNull ? nil : try bytes(column)
    }

    func counts(_ column: String, else flaw: Damage.Flaw = .notCountsByReason) throws(Failure) -> [String: Int] {
      let text = try self.text(column)
      guard let counts: [String: Int] = RoundStore.decode(text),
        counts.values.allSatisfy({ (0...Int(Self.largestCount)).contains($0) })
      else { throw damaged(column, flaw) }
      return counts
    }

    func countList(_ column: String) throws(Failure) -> [Int] {
      let text = try self.text(column)
      guard let counts: [Int] = RoundStore.decode(text),
        counts.allSatisfy({ (0...Int(Self.largestCount)).contains($0) })
      else { throw damaged(column, .notCountList) }
      return counts
    }

    func lineNumbers(_ column: String) throws(Failure) -> [Int] {
      let text = try self.text(column)
      if text.isEmpty { return [] }
      let lines = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
      guard lines.allSatisfy({ $0.map { $0 > 0 } == true }) else { throw damaged(column, .notLineNumbers) }
      return lines.map { $0! }
    }
  }

  /// Deletes a round with its files, or one file of it; false when there was none. A round
  /// goes with the server's audit entries of it and its record of who imported each file
  /// (docs/server.md: the audit log is kept as long as the round), in the same transaction.
  public func delete(round: String, file: String? = nil) throws(Failure) -> Bool {
    do {
      return try database.write { db in
        if let file {
          try db.execute(
            sql: "DELETE FROM file WHERE name = ? AND round_id = (SELECT id FROM round WHERE name = ?)",
            arguments: [file, round])
          let deleted = db.changesCount > 0
          // The round's figures are made again from its tallies when next needed.
          try db.execute(
            sql: "DELETE FROM figures WHERE round_id = (SELECT id FROM round WHERE name = ?)", arguments: [round])
          return deleted
        } else {
          try db.execute(sql: "DELETE FROM round WHERE name = ?", arguments: [round])
          let deleted = db.changesCount > 0
          if deleted { try Self.forgetServerRecords(of: round, db) }
          return deleted
        }
      }
    } catch {
      throw Failure(.database(reason: "\(error)"), path: path)
    }
  }

  /// A round's figures as kept at its last import (`RoundFigures`, encoded) and the minimum
  /// group size they were made with; nil when there are none.
  public func figures(round: String) throws(Failure) -> (minimumGroupSize: Int, bytes: [UInt8])? {
    try reading { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT figures.round_id AS id, figures.minimum_group_size, figures.data FROM figures
          JOIN round ON round.id = figures.round_id WHERE round.name = ?
          """, arguments: [round]
      ).map { row throws in
        let figures = Checked(table: "figures", row: row, path: path)
        return (try figures.integer("minimum_group_size", in: 1...Checked.largestCount), try figures.bytes("data"))
      }
    }
  }

  /// A report of a round as published: when (ISO 8601, UTC), with which minimum group size,
  /// the respondents of every scope it showed (by `Scope.id`), what it showed of each
  /// measure (`Publication.encoded()`) and its figures (`RoundFigures.encoded()`).
  public struct PublicationRecord: Sendable, Equatable {
    public var id: Int64 = 0
    public var date: String
    public var minimumGroupSize: Int
    public var respondents: [String: Int]
    public var shown: [UInt8]
    public var figures: [UInt8]
    /// The prints of the respondents it published (`RowPrints`, encoded); nil for one
    /// recorded before store format 11.
    public var rowPrints: [UInt8]?

    public init(date: String, minimumGroupSize: Int, respondents: [String: Int], shown: [UInt8], figures: [UInt8]) {
      self.date = date
      self.minimumGroupSize = minimumGroupSize
      self.respondents = respondents
      self.shown = shown
      self.figures = figures
    }
  }

  /// Records a publication of `round`; its id (for `removePublication` if the report could
  /// not be written after all).
  public func recordPublication(_ record: PublicationRecord, round: String) throws(Failure) -> Int64 {
    do {
      return try database.write { db in
        guard let roundID = try Int64.fetchOne(db, sql: "SELECT id FROM round WHERE name = ?", arguments: [round])
        else {
          throw Failure(.noRound(round), path: path)
        }
        try db.execute(
          sql: """
            INSERT INTO publication (round_id, published_at, minimum_group_size, respondents, shown, figures, row_prints)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            roundID, record.date, record.minimumGroupSize, Self.json(record.respondents), Data(record.shown),
            Data(record.figures), record.rowPrints.map { Data($0) },
          ])
        return db.lastInsertedRowID
      }
    } catch let failure as Failure {
      throw failure
    } catch {
      throw Failure(.publicationNotRecorded(reason: "\(error)"), path: path)
    }
  }

  public func removePublication(id: Int64) throws(Failure) {
    do {
      try database.write { db in try db.execute(sql: "DELETE FROM publication WHERE id = ?", arguments: [id]) }
    } catch {
      throw Failure(.database(reason: "\(error)"), path: path)
    }
  }

  /// A round's publications, oldest first; every value checked as `round(_:)` checks them.
  public func publications(round: String) throws(Failure) -> [PublicationRecord] {
    try reading { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT publication.* FROM publication JOIN round ON round.id = publication.round_id
          WHERE round.name = ? ORDER BY publication.id
          """, arguments: [round]
      ).map { r throws in
        let publication = Checked(table: "publication", row: r, path: path)
        var record = PublicationRecord(
          date: try publication.text("published_at"),
          minimumGroupSize: try publication.integer("minimum_group_size", in: 1...Checked.largestCount),
          respondents: try publication.counts("respondents", else: .notCountsByName),
          shown: try publication.bytes("shown"), figures: try publication.bytes("figures"))
        record.id = publication.id
        record.rowPrints = try publication.optionalBytes("row_prints")
        return record
      }
    }
  }

  /// The comments kept for a round's files (empty when none was imported with them), in
  /// the order they were stored.
  public func comments(round: String) throws(Failure) -> [Comment] {
    try reading { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT comment.id, comment.municipality, comment.section, comment.item, comment.text FROM comment
          JOIN file ON file.id = comment.file_id JOIN round ON round.id = file.round_id
          WHERE round.name = ? ORDER BY comment.id
          """, arguments: [round]
      ).map { row throws in
        let comment = Checked(table: "comment", row: row, path: path)
        let index = 0...Checked.largestCount
        return Comment(
          municipality: try comment.optionalInteger("municipality", in: index),
          section: try comment.integer("section", in: index), item: try comment.integer("item", in: index),
          text: try comment.text("text"))
      }
    }
  }

  /// Deletes every kept comment (of one round, when given) and rewrites the file
  /// (VACUUM), so that no deleted text is left in it; the number deleted.
  public func deleteComments(round: String? = nil) throws(Failure) -> Int {
    do {
      let deleted = try database.write { db in
        if let round {
          try db.execute(
            sql: """
              DELETE FROM comment WHERE file_id IN
                (SELECT file.id FROM file JOIN round ON round.id = file.round_id WHERE round.name = ?)
              """, arguments: [round])
        } else {
          try db.execute(sql: "DELETE FROM comment")
        }
        return db.changesCount
      }
      try database.vacuum()
      return deleted
    } catch {
      throw Failure(.database(reason: "\(error)"), path: path)
    }
  }

  static func insert(_ comments: [Comment], file: Int64, _ db: Database) throws {
    let statement = try db.makeStatement(
      sql: "INSERT INTO comment (file_id, municipality, section, item, text) VALUES (?, ?, ?, ?, ?)")
    for c in comments { try statement.execute(arguments: [file, c.municipality, c.section, c.item, c.text]) }
  }

  static func json<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
  }

  static func decode<T: Decodable>(_ text: String) -> T? { try? JSONDecoder().decode(T.self, from: Data(text.utf8)) }
}
