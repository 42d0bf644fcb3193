internal import CLibCrypto
import Foundation
import GRDB

/// The store of a workspace's survey rounds: one SQLite file (`kartlagg.sqlite`), through
/// GRDB, its schema made by migrations from the first version on (docs/store.md).
///
/// It keeps what the statistics need and nothing more: each imported file's tally (the
/// histograms, `Tally.encoded()`) and its provenance. Never a respondent's answers or id;
/// free text only when asked (`import --keep-comments`), in a table of its own that one
/// command empties (`deleteComments`). Deleted content is overwritten (SQLite's
/// `secure_delete`). Every change is one transaction: a killed import leaves the store as
/// it was.
public final class RoundStore {
  public static let fileName = "kartlagg.sqlite"
  /// The store format this kartlagg writes; a store of a later one is refused. 2: kept
  /// comments (migration v2); 3: each round's figures for a later round's follow-up (v3);
  /// 4: each report published of a round (v4).
  public static let format = 4

  public struct Failure: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
  }

  let database: DatabaseQueue
  public let path: String

  /// Creates a new store at `path` (an existing file is refused).
  public static func create(at path: String) throws(Failure) -> RoundStore {
    guard !FileManager.default.fileExists(atPath: path) else {
      throw Failure(description: "\(path) exists already; a workspace has one store")
    }
    return try RoundStore(path: path)
  }

  /// Opens the store at `path`: a file that is no kartlagg store, is damaged, or comes
  /// from a newer kartlagg is refused, never reset.
  public static func open(at path: String) throws(Failure) -> RoundStore {
    guard FileManager.default.fileExists(atPath: path) else {
      throw Failure(description: "\(path): no store here; create one with `kartlagg init`")
    }
    return try RoundStore(path: path)
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

  private init(path: String) throws(Failure) {
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
      // A newer kartlagg's store is refused before any migration touches it.
      let stored = try database.read { db -> Int in
        if try db.tableExists("grdb_migrations") {
          return try db.tableExists("store") ? Int.fetchOne(db, sql: "SELECT format FROM store") ?? 0 : 0
        }
        // A database of other tables is someone else's.
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        if !tables.isEmpty { throw Failure(description: "\(path) is an SQLite file, but not a kartlagg store") }
        return 0
      }
      guard stored <= Self.format else {
        throw Failure(
          description:
            "\(path) was written by a newer kartlagg (store format \(stored), this one reads \(Self.format)); update kartlagg"
        )
      }
      try Self.migrator.migrate(database)
    } catch let failure as Failure {
      throw failure
    } catch let error as DatabaseError {
      throw Failure(description: "\(path) cannot be opened as a store: \(error.message ?? "\(error)")")
    } catch {
      throw Failure(description: "\(path) cannot be opened as a store: \(error)")
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
    return migrator
  }

  /// SHA-256 of bytes, as lower-case hex.
  public static func sha256(_ bytes: some DataProtocol) -> String {
    var hasher = SHA256Hasher()
    hasher.update(Array(bytes))
    return hasher.finalize()
  }

  /// SHA-256 in pieces, through OpenSSL's libcrypto (EVP).
  public struct SHA256Hasher: ~Copyable {
    private let context: OpaquePointer

    public init() {
      context = EVP_MD_CTX_new()
      EVP_DigestInit_ex(context, EVP_sha256(), nil)
    }

    deinit { EVP_MD_CTX_free(context) }

    public mutating func update(_ bytes: [UInt8]) {
      bytes.withUnsafeBytes { _ = EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
    }

    /// The digest as lower-case hex.
    public consuming func finalize() -> String {
      var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
      var length: UInt32 = 0
      EVP_DigestFinal_ex(context, &digest, &length)
      return digest.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
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
    /// Free-text answers to keep (`import --keep-comments`); empty otherwise. When read
    /// back (`round(_:)`), empty, and `commentCount` says how many are kept.
    public var comments: [Comment] = []
    public var commentCount = 0

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

  /// The survey a round was imported with.
  public struct Definition: Sendable, Equatable {
    public var surveyID: String
    public var sha256: String
    public var text: String

    public init(surveyID: String, text: String) {
      self.surveyID = surveyID
      self.text = text
      sha256 = RoundStore.sha256(Array(text.utf8))
    }
  }

  /// Adds `files` to `round` in one transaction: the round is created with `definition`,
  /// or must have been made with the same one.
  ///
  /// `figures`, when given, makes the round's figures (`RoundFigures`, encoded) from every
  /// tally the round holds after the import, in the same transaction; they are kept with
  /// the minimum group size they were made with.
  public func importFiles(
    _ files: [FileRecord], round: String, definition: Definition,
    figures: (([[UInt8]]) throws -> (minimumGroupSize: Int, bytes: [UInt8]))? = nil
  ) throws(Failure) -> [Outcome] {
    if let problem = Self.problem(roundName: round) {
      throw Failure(
        description: "the round name '\(round)' will not do (\(problem)); give a name without control characters")
    }
    do {
      return try database.write { db in
        let roundID: Int64
        if let row = try Row.fetchOne(db, sql: "SELECT id, survey_sha256 FROM round WHERE name = ?", arguments: [round])
        {
          guard row["survey_sha256"] as String == definition.sha256 else {
            throw Failure(
              description:
                "round \(round) was imported with another survey definition; import into a new round, or delete this one first (`kartlagg delete --round \(round)`)"
            )
          }
          roundID = row["id"]
        } else {
          try db.execute(
            sql: "INSERT INTO round (name, survey_id, survey_sha256, survey_definition) VALUES (?, ?, ?, ?)",
            arguments: [round, definition.surveyID, definition.sha256, definition.text])
          roundID = db.lastInsertedRowID
        }
        var outcomes: [Outcome] = []
        for file in files {
          let same = try Row.fetchOne(
            db, sql: "SELECT id, sha256 FROM file WHERE round_id = ? AND name = ?", arguments: [roundID, file.name])
          if let same, same["sha256"] as String == file.sha256 {
            let id: Int64 = same["id"]
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
          if let same { try db.execute(sql: "DELETE FROM file WHERE id = ?", arguments: [same["id"] as Int64]) }
          try db.execute(
            sql: """
              INSERT INTO file (round_id, name, sha256, size, encoding, delimiter, header_lines, read, accepted,
                rejected, problems, municipality, rejected_reasons, accepted_per_municipality, tally)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
              """,
            arguments: [
              roundID, file.name, file.sha256, file.size, file.encoding, file.delimiter,
              file.headerLines.map(String.init).joined(separator: ","), file.read, file.accepted, file.rejected,
              file.problems, file.municipality, Self.json(file.rejectedReasons),
              Self.json(file.acceptedPerMunicipality),
              Data(file.tally),
            ])
          try Self.insert(file.comments, file: db.lastInsertedRowID, db)
          outcomes.append(same == nil ? .added : .replaced)
        }
        let changed = outcomes.contains { $0 == .added || $0 == .replaced }
        if let figures,
          try changed
            || Int.fetchOne(db, sql: "SELECT COUNT(*) FROM figures WHERE round_id = ?", arguments: [roundID]) == 0
        {
          let tallies = try Data.fetchAll(
            db, sql: "SELECT tally FROM file WHERE round_id = ? ORDER BY name", arguments: [roundID]
          ).map { [UInt8]($0) }
          let made = try figures(tallies)
          try db.execute(
            sql: "INSERT OR REPLACE INTO figures (round_id, minimum_group_size, data) VALUES (?, ?, ?)",
            arguments: [roundID, made.minimumGroupSize, Data(made.bytes)])
        }
        return outcomes
      }
    } catch let failure as Failure {
      throw failure
    } catch {
      throw Failure(description: "\(path): the import was not stored: \(error)")
    }
  }

  /// A round's definition and files, in name order.
  public func round(_ name: String) throws(Failure) -> (definition: Definition, files: [FileRecord])? {
    do {
      return try database.read { db in
        guard
          let row = try Row.fetchOne(
            db, sql: "SELECT id, survey_id, survey_definition FROM round WHERE name = ?", arguments: [name])
        else { return nil }
        let definition = Definition(surveyID: row["survey_id"], text: row["survey_definition"])
        let files = try Row.fetchAll(
          db,
          sql: """
            SELECT file.*, (SELECT COUNT(*) FROM comment WHERE comment.file_id = file.id) AS comments
            FROM file WHERE round_id = ? ORDER BY name
            """,
          arguments: [row["id"] as Int64]
        ).map { r in
          var record = FileRecord(
            name: r["name"], sha256: r["sha256"], size: r["size"], encoding: r["encoding"], delimiter: r["delimiter"],
            headerLines: (r["header_lines"] as String).split(separator: ",").compactMap { Int($0) }, read: r["read"],
            accepted: r["accepted"], rejected: r["rejected"], problems: r["problems"], municipality: r["municipality"],
            rejectedReasons: Self.decode(r["rejected_reasons"]) ?? [:],
            acceptedPerMunicipality: Self.decode(r["accepted_per_municipality"]) ?? [],
            tally: [UInt8](r["tally"] as Data))
          record.commentCount = r["comments"]
          return record
        }
        return (definition, files)
      }
    } catch {
      throw Failure(description: "\(path): \(error)")
    }
  }

  /// Every round's name, in name order.
  public func roundNames() throws(Failure) -> [String] {
    do {
      return try database.read { db in try String.fetchAll(db, sql: "SELECT name FROM round ORDER BY name") }
    } catch {
      throw Failure(description: "\(path): \(error)")
    }
  }

  /// Deletes a round with its files, or one file of it; false when there was none.
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
        }
        return db.changesCount > 0
      }
    } catch {
      throw Failure(description: "\(path): \(error)")
    }
  }

  /// A round's figures as kept at its last import (`RoundFigures`, encoded) and the minimum
  /// group size they were made with; nil when there are none.
  public func figures(round: String) throws(Failure) -> (minimumGroupSize: Int, bytes: [UInt8])? {
    do {
      return try database.read { db in
        try Row.fetchOne(
          db,
          sql: """
            SELECT figures.minimum_group_size, figures.data FROM figures JOIN round ON round.id = figures.round_id
            WHERE round.name = ?
            """, arguments: [round]
        ).map { ($0[0], [UInt8]($0[1] as Data)) }
      }
    } catch {
      throw Failure(description: "\(path): \(error)")
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
          throw Failure(description: "\(path): no round \(round)")
        }
        try db.execute(
          sql: """
            INSERT INTO publication (round_id, published_at, minimum_group_size, respondents, shown, figures)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            roundID, record.date, record.minimumGroupSize, Self.json(record.respondents), Data(record.shown),
            Data(record.figures),
          ])
        return db.lastInsertedRowID
      }
    } catch let failure as Failure {
      throw failure
    } catch {
      throw Failure(description: "\(path): the publication was not recorded: \(error)")
    }
  }

  public func removePublication(id: Int64) throws(Failure) {
    do {
      try database.write { db in try db.execute(sql: "DELETE FROM publication WHERE id = ?", arguments: [id]) }
    } catch {
      throw Failure(description: "\(path): \(error)")
    }
  }

  /// A round's publications, oldest first.
  public func publications(round: String) throws(Failure) -> [PublicationRecord] {
    do {
      return try database.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT publication.* FROM publication JOIN round ON round.id = publication.round_id
            WHERE round.name = ? ORDER BY publication.id
            """, arguments: [round]
        ).map { r in
          guard let respondents: [String: Int] = Self.decode(r["respondents"]) else {
            throw Failure(description: "\(path): publication \(r["id"] as Int64): its respondents are not JSON")
          }
          var record = PublicationRecord(
            date: r["published_at"], minimumGroupSize: r["minimum_group_size"], respondents: respondents,
            shown: [UInt8](r["shown"] as Data), figures: [UInt8](r["figures"] as Data))
          record.id = r["id"]
          return record
        }
      }
    } catch let failure as Failure {
      throw failure
    } catch {
      throw Failure(description: "\(path): \(error)")
    }
  }

  /// The comments kept for a round's files (empty when none was imported with them), in
  /// the order they were stored.
  public func comments(round: String) throws(Failure) -> [Comment] {
    do {
      return try database.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT comment.municipality, comment.section, comment.item, comment.text FROM comment
            JOIN file ON file.id = comment.file_id JOIN round ON round.id = file.round_id
            WHERE round.name = ? ORDER BY comment.id
            """, arguments: [round]
        ).map { Comment(municipality: $0[0], section: $0[1], item: $0[2], text: $0[3]) }
      }
    } catch {
      throw Failure(description: "\(path): \(error)")
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
      throw Failure(description: "\(path): \(error)")
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
