import Foundation
import Hummingbird
import Ingest
import Reporting
import RoundStore

/// The server's actions, one per thing an account does, shared by the pages
/// (Handlers.swift renders their results as HTML) and the API (API.swift renders them as
/// JSON): an account and its input in, a `Sendable` result out, or a refusal thrown as a
/// `PageError` with its status, its code and its message in the survey's language. The
/// caller has checked the route's access (`Routes.table`); an action checks what belongs
/// to the account (its organisation's uploads) itself.
extension KartlaggServer {
  /// A problem of a checked file, at its line and column (0: the whole file or line), said
  /// in the survey's language; the file named by its round name, never the server's path.
  struct Problem: Sendable, Codable, Equatable {
    var line: Int
    var column: Int
    var message: String
  }

  /// A rejected row of a checked file, verbatim: shown to its uploader once and kept nowhere.
  struct RejectedRowShown: Sendable, Codable, Equatable {
    var line: Int
    var column: Int
    var reason: String
    var cells: [String]
  }

  /// What a check found: the waiting upload with its counts, its problems and rejected rows
  /// (the first 1 000 of each, with how many more).
  struct CheckedUpload: Sendable {
    var upload: RoundStore.Upload
    var problems: [Problem]
    var moreProblems: Int
    var rejectedRows: [RejectedRowShown]
    var moreRejectedRows: Int
  }

  enum UploadOutcome: Sendable {
    case checked(CheckedUpload)
    /// The survey itself failed to load: the coordinator's problem, in the lines the CLI says.
    case surveyFailed(name: String, lines: [String])
  }

  /// The codes of an upload's refusals that its page shows in the upload form.
  static let uploadRefusals: Set<String> = [
    "too_large", "wrong_type", "bad_name", "no_file", "broken_upload", "too_many_waiting",
  ]

  /// Receives a multipart form's file `file` into a private folder and checks it with
  /// `validate`'s pipeline. `verify` sees the form's other fields before the check (the
  /// page's CSRF token); a refusal leaves nothing behind.
  func checkUpload(
    _ request: Request, account: RoundStore.Account, verify: ([String: String]) throws -> Void
  ) async throws -> UploadOutcome {
    guard let round = try store.openRound() else {
      throw PageError(status: .conflict, message: say(.noOpenRound), code: "no_open_round")
    }
    let id = Secrets.token()
    let folder = uploadFolder + "/" + id
    try FileManager.default.createDirectory(
      atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    let mine = organisation(account)
    let received = await Uploads.receive(request, into: folder, maximum: configuration.maximumUpload) {
      self.roundFileName($0, organisation: mine)
    }
    func refuse(_ message: String, _ status: HTTPResponse.Status, _ code: String) -> PageError {
      try? FileManager.default.removeItem(atPath: folder)
      return PageError(status: status, message: message, code: code)
    }
    let got: Uploads.Received
    switch received {
    case .success(let value): got = value
    case .failure(.tooLarge): throw refuse(say(.uploadTooLarge(limit: uploadLimit)), .contentTooLarge, "too_large")
    case .failure(.wrongType(let name)): throw refuse(say(.uploadWrongType(name)), .unsupportedMediaType, "wrong_type")
    case .failure(.badName): throw refuse(say(.uploadBadName), .badRequest, "bad_name")
    case .failure(.noFile): throw refuse(say(.uploadNoFile), .badRequest, "no_file")
    case .failure(.broken): throw refuse(say(.uploadBroken), .badRequest, "broken_upload")
    }
    do {
      try verify(got.fields)
    } catch {
      try? FileManager.default.removeItem(atPath: folder)
      throw error
    }
    guard let path = got.path else { throw refuse(say(.uploadNoFile), .badRequest, "no_file") }
    let name = (path as NSString).lastPathComponent
    // What the organisation may keep waiting in the round (`waitingFiles`, `waitingBytes`):
    // an uploader kept 4 × 44 MB waiting for an hour, and could have kept any number. A file
    // of the same name replaces its waiting one, so is not counted with them.
    let waiting = try store.uploads(organisation: mine).filter { $0.round == round && $0.readable && $0.name != name }
    if waiting.count >= configuration.waitingFiles
      || waiting.reduce(got.size, { $0 + $1.size }) > configuration.waitingBytes
    {
      throw refuse(
        say(
          .tooManyWaiting(
            round: round, files: waiting.count, limitFiles: configuration.waitingFiles,
            limit: Self.megabytes(configuration.waitingBytes))), .tooManyRequests, "too_many_waiting")
    }
    let check = await engine.check(
      file: path, municipality: account.role == .uploader ? account.municipality : nil, only: account.municipalities,
      language: language)
    guard let report = check.report else {
      try? FileManager.default.removeItem(atPath: folder)
      return .surveyFailed(name: name, lines: check.lines)
    }
    let upload = RoundStore.Upload(
      id: id, userID: account.id, organisation: mine, round: round, name: name, size: got.size,
      sha256: check.sha256 ?? "", uploadedAt: RoundStore.iso(Date()), read: report.read,
      accepted: report.accepted, rejected: report.rejected, problems: report.problemCount, readable: report.imported)
    // A new upload of the same name replaces the one waiting, bytes and all.
    for replaced in try store.addUpload(upload) where replaced != id { removeUploadBytes(replaced) }
    audit(account.name, "upload", round: round, file: name, detail: "\(got.size) bytes")
    if !report.imported {
      // Nothing of a file that cannot be read waits for an import.
      try? FileManager.default.removeItem(atPath: path)
    }
    return .checked(checked(report, upload: upload, folder: folder))
  }

  /// A check's report as what is shown of it: its problems and rejected rows.
  func checked(_ report: FileReport, upload: RoundStore.Upload, folder: String) -> CheckedUpload {
    // Messages name the file by its round name, never the server's temporary path.
    func clean(_ text: String) -> String { text.replacingOccurrences(of: folder + "/", with: "") }
    var problems: [Problem] = []
    if let failure = report.failure {
      problems.append(Problem(line: failure.line, column: failure.column, message: clean(failure.message)))
    }
    for d in report.diagnostics where d != report.failure {
      problems.append(Problem(line: d.line, column: d.column, message: clean(d.message)))
    }
    for p in report.problems.prefix(1000) {
      problems.append(
        Problem(line: p.line, column: p.column, message: "\(p.columnName): \(p.message(language: language))"))
    }
    var rows: [RejectedRowShown] = []
    var moreRows = 0
    if report.imported && report.rejectedRowCount > 0 {
      rows = report.firstRejectedRows(1000).map { row in
        RejectedRowShown(
          line: row.line, column: row.column, reason: row.reason.message(language: language), cells: row.cells)
      }
      moreRows = report.rejectedRowCount - rows.count
    }
    return CheckedUpload(
      upload: upload, problems: problems, moreProblems: max(0, report.problems.count - 1000), rejectedRows: rows,
      moreRejectedRows: moreRows)
  }

  /// The upload of `id` that `account` may act on; else "gone" (another organisation's
  /// upload is as if it did not exist).
  func ownedUpload(id: String, _ account: RoundStore.Account) throws -> RoundStore.Upload {
    guard Uploads.isID(id), let upload = try store.upload(id: id), owns(account, upload) else {
      throw PageError(status: .notFound, message: say(.uploadGone), code: "upload_gone")
    }
    return upload
  }

  /// What an import did, as its page and its JSON say it.
  struct ImportOutcome: Sendable {
    var upload: RoundStore.Upload
    var result: Engine.Imported
    /// For a duplicate: the other file's name, or "–" when it is another organisation's.
    var duplicateOf: String?
    /// For a failure: the lines the import said, the server's folder left out.
    var lines: [String]
  }

  /// Imports a waiting upload into the open round with the store's rules; its bytes are
  /// deleted whatever the import did.
  func importAction(id: String, _ account: RoundStore.Account) async throws -> ImportOutcome {
    let upload = try ownedUpload(id: id, account)
    let path = uploadFolder + "/" + upload.id + "/" + upload.name
    guard upload.readable, FileManager.default.fileExists(atPath: path) else {
      throw PageError(status: .notFound, message: say(.uploadGone), code: "upload_gone")
    }
    guard try store.openRound() == upload.round else {
      throw PageError(status: .conflict, message: say(.noOpenRound), code: "no_open_round")
    }
    // A file in the round is replaced only by its own organisation: two organisations'
    // names can meet ("Region" uploading "region-kalmar-lan-export.csv", the name
    // "Region Kalmar län"'s "export.csv" got), and an outside test replaced another
    // organisation's imported file that way. The upload waits, to be discarded.
    if try store.fileOwners(round: upload.round).contains(where: {
      $0.name == upload.name && $0.organisation != upload.organisation
    }) {
      audit(
        account.name, "import-refused", round: upload.round, file: upload.name, detail: "another organisation's file")
      throw PageError(status: .conflict, message: say(.nameOfAnothersFile), code: "name_taken")
    }
    // The uploader's municipality and list apply, also when the coordinator imports its file.
    let sender = uploader(of: upload, otherwise: account), only = sender.municipalities
    let municipality = sender.role == .uploader ? sender.municipality : nil
    let language = language
    let engine = engine
    let result = await imports.run {
      await engine.importFile(path, round: upload.round, municipality: municipality, only: only, language: language)
    }
    try store.removeUpload(id: upload.id)
    removeUploadBytes(upload.id)
    var outcome = ImportOutcome(upload: upload, result: result, duplicateOf: nil, lines: [])
    switch result {
    case .added, .replaced:
      try store.recordFileOwner(
        round: upload.round, name: upload.name, organisation: upload.organisation, user: account.name)
      audit(account.name, result == .added ? "import" : "replace", round: upload.round, file: upload.name)
    case .unchanged: break
    case .duplicate(let other):
      audit(account.name, "import-refused", round: upload.round, file: upload.name, detail: "duplicate")
      // Another organisation's file name is not told to an uploader.
      let sameOrganisation = try store.fileOwners(round: upload.round).contains {
        $0.name == other && $0.organisation == upload.organisation
      }
      outcome.duplicateOf = account.role == .coordinator || sameOrganisation ? other : "–"
    case .failed(let lines):
      audit(account.name, "import-failed", round: upload.round, file: upload.name)
      outcome.lines = lines.map { $0.replacingOccurrences(of: uploadFolder + "/" + upload.id + "/", with: "") }
    }
    return outcome
  }

  /// Discards a waiting upload, bytes and record.
  func discardAction(id: String, _ account: RoundStore.Account) throws -> RoundStore.Upload {
    let upload = try ownedUpload(id: id, account)
    try store.removeUpload(id: upload.id)
    removeUploadBytes(upload.id)
    return upload
  }

  /// An organisation's view of the open round: its waiting uploads and its imported files.
  struct OwnFiles: Sendable {
    var round: String?
    var waiting: [RoundStore.Upload]
    var files: [(file: RoundStore.FileRecord, owner: RoundStore.FileOwner?)]
  }

  func ownFiles(_ account: RoundStore.Account) throws -> OwnFiles {
    guard let round = try store.openRound() else { return OwnFiles(round: nil, waiting: [], files: []) }
    let mine = organisation(account)
    let waiting = try store.uploads(organisation: mine).filter { $0.round == round }
    let owners = try store.fileOwners(round: round).filter { $0.organisation == mine }
    let files = (try roundFiles(round) ?? []).filter { file in owners.contains { $0.name == file.name } }
    return OwnFiles(
      round: round, waiting: waiting, files: files.map { file in (file, owners.first { $0.name == file.name }) })
  }

  /// One organisation on the board: its files in the round (with who imported them), its
  /// uploads waiting, its accepted respondents against its invited.
  struct BoardOrganisation: Sendable {
    var name: String
    var files: [(file: RoundStore.FileRecord, owner: RoundStore.FileOwner?)]
    var waiting: Int
    var invited: Int?
    var accepted: Int
  }

  struct Board: Sendable {
    var open: String?
    /// The open round, else the last the server opened.
    var round: String?
    var organisations: [BoardOrganisation]
  }

  /// Each organisation's files in the round: organisations with accounts but no file yet
  /// are listed too; files imported without the server (`kartlagg import`) are under "–".
  func board() throws -> Board {
    let open = try store.openRound()
    let round = try open ?? store.serverRounds().last
    guard let round else { return Board(open: nil, round: nil, organisations: []) }
    let files = try roundFiles(round) ?? []
    let owners = try store.fileOwners(round: round)
    let waiting = try store.uploads(organisation: nil).filter { $0.round == round }
    var organisations = Set(try store.accounts().filter { $0.role == .uploader }.map(organisation))
    for owner in owners { organisations.insert(owner.organisation) }
    let municipalities = engine.municipalities()
    let unowned = files.filter { file in !owners.contains { $0.name == file.name } }
    var out: [BoardOrganisation] = []
    for name in organisations.sorted() + (unowned.isEmpty ? [] : ["–"]) {
      let theirs =
        name == "–"
        ? unowned : files.filter { file in owners.contains { $0.name == file.name && $0.organisation == name } }
      out.append(
        BoardOrganisation(
          name: name, files: theirs.map { file in (file, owners.first { $0.name == file.name }) },
          waiting: waiting.filter { $0.organisation == name }.count,
          invited: municipalities.first { $0.name == name }?.invited?.total,
          accepted: theirs.reduce(0) { $0 + $1.accepted }))
    }
    return Board(open: open, round: round, organisations: out)
  }

  /// Opens `name` for upload, closing any other.
  func openRoundAction(_ name: String, _ account: RoundStore.Account) throws {
    let name = name.trimmingCharacters(in: .whitespaces)
    if RoundStore.problem(roundName: name) != nil {
      throw PageError(status: .badRequest, message: say(.badRoundName), code: "bad_round_name")
    }
    try requireOwnFolder(name)
    try store.setOpenRound(name)
    audit(account.name, "open", round: name)
  }

  /// Closes the open round; the one that was open.
  func closeRoundAction(_ account: RoundStore.Account) throws -> String? {
    let open = try store.openRound()
    try store.setOpenRound(nil)
    audit(account.name, "close", round: open)
    return open
  }

  /// Publishes a round: `kartlagg report --round` into the served folder, recorded. Nil
  /// when it was published; else the lines that say why not.
  func publishAction(_ round: String, _ account: RoundStore.Account) async throws -> [String]? {
    // A name no round can have has nothing imported either.
    guard RoundStore.problem(roundName: round) == nil, try roundFiles(round) != nil else {
      throw PageError(status: .conflict, message: say(.nothingUploadedYet), code: "nothing_uploaded")
    }
    try requireOwnFolder(round)
    try FileManager.default.createDirectory(atPath: configuration.publishedFolder, withIntermediateDirectories: true)
    let folder = publishedFolder(round)
    let engine = engine
    let language = language
    let failure = await imports.run { await engine.publish(round: round, into: folder, language: language) }
    caches.forgetRounds()
    if failure == nil { audit(account.name, "publish", round: round) }
    return failure
  }

  /// Deletes one file from a round.
  func deleteAction(round: String, file: String, _ account: RoundStore.Account) async throws {
    guard RoundStore.problem(roundName: round) == nil else {
      throw PageError(status: .notFound, message: say(.notFound), code: "not_found")
    }
    let engine = engine
    let deleted = await imports.run { (try? engine.delete(file: file, round: round)) ?? false }
    caches.forgetRounds()
    guard deleted else { throw PageError(status: .notFound, message: say(.notFound), code: "not_found") }
    audit(account.name, "delete", round: round, file: file)
  }

  /// A published round's report set: its folder, its municipalities' pages (file, name).
  struct PublishedReport: Sendable {
    var round: String
    var folder: String
    var municipalities: [(file: String, name: String)]
  }

  /// The published report sets, the latest round first.
  func publishedReports() async throws -> [PublishedReport] {
    let rounds = try await publishedRounds().filter {
      FileManager.default.fileExists(atPath: publishedFolder($0) + "/index.html")
    }
    let known = engine.municipalities()
    let names = Dictionary(zip(Slug.municipalities(known), known.map(\.name))) { a, _ in a }
    return rounds.reversed().map { round in
      let files =
        ((try? FileManager.default.contentsOfDirectory(atPath: publishedFolder(round) + "/kommun")) ?? [])
        .filter { $0.hasSuffix(".html") }.sorted()
      return PublishedReport(
        round: round, folder: Self.folderName(round),
        municipalities: files.map { file in
          let slug = (file as NSString).deletingPathExtension
          return (file, names[slug] ?? slug)
        })
    }
  }
}
