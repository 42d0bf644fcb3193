import Foundation
import Hummingbird
import Ingest
import LibCSV
import Reporting
import RoundStore
import SourceDiagnostics

extension KartlaggServer {
  /// The organisation an account uploads for: its own, or the coordinator's.
  func organisation(_ account: RoundStore.Account) -> String {
    account.organisation ?? account.name
  }

  /// The name an upload gets in the round: the organisation's slug first, so that two
  /// organisations' `export.csv` are two files.
  func roundFileName(_ sent: String, organisation: String) -> String {
    let slug = Slug.make(organisation)
    return slug.isEmpty || Slug.make(sent).hasPrefix(slug) ? sent : slug + "-" + sent
  }

  /// Whether `account` may see and act on `upload`: its organisation's, or the coordinator.
  func owns(_ account: RoundStore.Account, _ upload: RoundStore.Upload) -> Bool {
    account.role == .coordinator || (account.role == .uploader && upload.organisation == organisation(account))
  }

  // MARK: - Upload, check, import

  /// The upload limit in words: MB, or kB below one.
  var uploadLimit: String {
    configuration.maximumUpload >= 1 << 20
      ? "\(configuration.maximumUpload >> 20) MB" : "\(max(1, configuration.maximumUpload >> 10)) kB"
  }

  func uploadPage(_ context: ServerContext, message: HTML = "", status: HTTPResponse.Status = .ok) throws -> Response {
    let account = try require(context, .roles([.uploader, .coordinator]))
    guard let round = try store.openRound() else {
      return page(say(.upload), context, status: status, "\(message)<p class=\"note\">\(say(.noOpenRound))</p>")
    }
    let mine = organisation(account)
    let waiting = try store.uploads(organisation: account.role == .coordinator ? mine : mine).filter {
      $0.round == round
    }
    let owners = try store.fileOwners(round: round).filter { $0.organisation == mine }
    let files = (try roundFiles(round) ?? []).filter { file in owners.contains { $0.name == file.name } }
    var waitingRows: [HTML] = []
    for upload in waiting {
      waitingRows.append(
        """
        <tr><th scope="row">\(upload.name)</th><td class="num">\(upload.read)</td><td class="num">\(upload.accepted)</td>\
        <td class="num">\(upload.rejected)</td><td>\(importForms(upload, round: round, csrf: context.csrf))</td></tr>
        """)
    }
    var fileRows: [HTML] = []
    for file in files {
      let owner = owners.first { $0.name == file.name }
      fileRows.append(
        """
        <tr><th scope="row">\(file.name)</th><td class="num">\(file.read)</td><td class="num">\(file.accepted)</td>\
        <td class="num">\(file.rejected)</td><td>\(String((owner?.importedAt ?? "").prefix(16)).replacingOccurrences(of: "T", with: " ")) \(say(.by)) \(owner?.userName ?? "")</td></tr>
        """)
    }
    let head: HTML = """
      <thead><tr><th scope="col">\(say(.file))</th><th scope="col">\(say(.readRows))</th>\
      <th scope="col">\(say(.accepted))</th><th scope="col">\(say(.rejected))</th><th scope="col">\(say(.status))</th></tr></thead>
      """
    let waitingTable: HTML =
      waiting.isEmpty
      ? ""
      : "<h2>\(say(.waitingUploads))</h2><div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(say(.table))\"><table>\(head)<tbody>\(waitingRows)</tbody></table></div>"
    let filesTable: HTML =
      files.isEmpty
      ? "<h2>\(say(.yourFiles))</h2><p>\(say(.noFilesYet))</p>"
      : "<h2>\(say(.yourFiles))</h2><div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(say(.table))\"><table>\(head)<tbody>\(fileRows)</tbody></table></div>"
    return page(
      say(.upload), context, status: status,
      """
      \(message)
      <p>\(say(.openRoundIs(round)))</p>
      <form method="post" action="/ladda-upp" enctype="multipart/form-data">
      \(Pages.csrfField(context.csrf))
      <label for="fil">\(say(.chooseFile))</label>
      <input type="file" id="fil" name="file" required accept=".csv,.txt,.tsv,.xlsx,.sav,.zsav" aria-describedby="filhjalp">
      <p id="filhjalp">\(say(.fileHelp(limit: uploadLimit)))</p>
      <div><button type="submit">\(say(.send))</button></div>
      </form>
      \(waitingTable)
      \(filesTable)
      """)
  }

  func importForms(_ upload: RoundStore.Upload, round: String, csrf: String?) -> HTML {
    let importForm: HTML =
      upload.readable
      ? """
      <form class="inline" method="post" action="/uppladdning/\(upload.id)/importera">\(Pages.csrfField(csrf))\
      <button type="submit">\(say(.importInto(round)))</button></form>
      """ : ""
    return """
      \(importForm)<form class="inline" method="post" action="/uppladdning/\(upload.id)/slang">\(Pages.csrfField(csrf))\
      <button type="submit">\(say(.discard))</button></form>
      """
  }

  /// Receives a file, checks it with `validate`'s pipeline and shows the result: the
  /// counts, every problem at its line and column, and the rejected rows, this once.
  func upload(_ request: Request, _ context: ServerContext) async throws -> Response {
    let account = try require(context, .roles([.uploader, .coordinator]))
    try checkOrigin(request)
    guard let round = try store.openRound() else {
      return try uploadPage(context, status: .conflict)
    }
    let id = Secrets.token()
    let folder = uploadFolder + "/" + id
    try FileManager.default.createDirectory(
      atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    let mine = organisation(account)
    let received = await Uploads.receive(request, into: folder, maximum: configuration.maximumUpload) {
      self.roundFileName($0, organisation: mine)
    }
    func refuse(_ message: String, _ status: HTTPResponse.Status) throws -> Response {
      try? FileManager.default.removeItem(atPath: folder)
      return try uploadPage(context, message: "<p class=\"error\" role=\"alert\">\(message)</p>", status: status)
    }
    let got: Uploads.Received
    switch received {
    case .success(let value): got = value
    case .failure(.tooLarge):
      return try refuse(say(.uploadTooLarge(limit: uploadLimit)), .contentTooLarge)
    case .failure(.wrongType(let name)): return try refuse(say(.uploadWrongType(name)), .unsupportedMediaType)
    case .failure(.badName): return try refuse(say(.uploadBadName), .badRequest)
    case .failure(.noFile): return try refuse(say(.uploadNoFile), .badRequest)
    case .failure(.broken): return try refuse(say(.uploadBroken), .badRequest)
    }
    // The form's CSRF token is checked once the form is read; a refused form leaves nothing.
    do {
      try checkCSRF(request, context, form: got.fields)
    } catch {
      try? FileManager.default.removeItem(atPath: folder)
      throw error
    }
    guard let path = got.path else { return try refuse(say(.uploadNoFile), .badRequest) }
    let name = (path as NSString).lastPathComponent
    let check = await engine.check(
      file: path, municipality: account.role == .uploader ? account.municipality : nil, only: account.municipalities,
      language: language)
    guard let report = check.report else {
      // The survey itself failed to load: the coordinator's problem, said as the CLI says it.
      try? FileManager.default.removeItem(atPath: folder)
      let lines: [HTML] = check.lines.map { "<li>\($0)</li>" }
      return page(say(.checkedTitle(name)), context, status: .serviceUnavailable, "<ul>\(lines)</ul>")
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
    return page(
      say(.checkedTitle(name)), context,
      checkResult(report, upload: upload, round: round, folder: folder, csrf: context.csrf))
  }

  /// The check's result page: counts, problems, rejected rows.
  func checkResult(_ report: FileReport, upload: RoundStore.Upload, round: String, folder: String, csrf: String?)
    -> HTML
  {
    // Messages name the file by its round name, never the server's temporary path.
    func clean(_ text: String) -> String { text.replacingOccurrences(of: folder + "/", with: "") }
    var out: [HTML] = []
    out.append(
      "<p class=\"\(report.imported ? "ok" : "error")\" role=\"status\">\(say(.counts(read: report.read, accepted: report.accepted, rejected: report.rejected, problems: report.problemCount)))</p>"
    )
    if !report.imported { out.append("<p class=\"error\">\(say(.notReadable))</p>") }
    var problems: [(line: Int, column: Int, text: String)] = []
    if let failure = report.failure { problems.append((failure.line, failure.column, clean(failure.message))) }
    for d in report.diagnostics where d != report.failure {
      problems.append((d.line, d.column, clean(d.message)))
    }
    for p in report.problems.prefix(1000) {
      problems.append((p.line, p.column, "\(p.columnName): \(p.message(language: language))"))
    }
    if !problems.isEmpty {
      let rows: [HTML] = problems.map { p in
        "<tr><td class=\"num\">\(p.line > 0 ? String(p.line) : "–")</td><td class=\"num\">\(p.column > 0 ? String(p.column) : "–")</td><td>\(p.text)</td></tr>"
      }
      out.append(
        """
        <h2>\(say(.problemsHeading))</h2>
        <div class="scroll" tabindex="0" role="region" aria-label="\(say(.table))"><table><thead><tr><th scope="col">\(say(.line))</th><th scope="col">\(say(.column))</th>\
        <th scope="col">\(say(.reason))</th></tr></thead><tbody>\(rows)</tbody></table></div>
        """)
      if report.problems.count > 1000 {
        out.append("<p>… \(report.problems.count - 1000)</p>")
      }
    }
    if report.imported && report.rejectedRowCount > 0 {
      let shown = report.firstRejectedRows(1000)
      let rows: [HTML] = shown.map { row in
        """
        <tr><td class="num">\(row.line)</td><td class="num">\(row.column > 0 ? String(row.column) : "–")</td>\
        <td>\(row.reason.message(language: language))</td><td>\(row.cells.joined(separator: " | "))</td></tr>
        """
      }
      out.append(
        """
        <h2>\(say(.rejectedHeading))</h2>
        <p class="note">\(say(.rejectedOnce))</p>
        <div class="scroll" tabindex="0" role="region" aria-label="\(say(.table))"><table><thead><tr><th scope="col">\(say(.line))</th><th scope="col">\(say(.column))</th>\
        <th scope="col">\(say(.reason))</th><th scope="col">\(say(.cells))</th></tr></thead><tbody>\(rows)</tbody></table></div>
        """)
      if report.rejectedRowCount > shown.count { out.append("<p>… \(report.rejectedRowCount - shown.count)</p>") }
    }
    out.append("<h2>\(say(.importInto(round)))</h2><p>\(importForms(upload, round: round, csrf: csrf))</p>")
    return HTML.join(out)
  }

  /// The upload of `id` that `account` may act on, with its bytes; else the refusal.
  func ownedUpload(_ context: ServerContext, _ account: RoundStore.Account) throws -> RoundStore.Upload {
    let id = context.parameters.get("id") ?? ""
    guard Uploads.isID(id), let upload = try store.upload(id: id) else {
      throw PageError(status: .notFound, message: say(.uploadGone))
    }
    // Another organisation's upload is as if it did not exist.
    guard owns(account, upload) else { throw PageError(status: .notFound, message: say(.uploadGone)) }
    return upload
  }

  func importUpload(_ request: Request, _ context: ServerContext) async throws -> Response {
    let account = try require(context, .roles([.uploader, .coordinator]))
    try checkCSRF(request, context, form: try await form(request))
    let upload = try ownedUpload(context, account)
    let path = uploadFolder + "/" + upload.id + "/" + upload.name
    guard upload.readable, FileManager.default.fileExists(atPath: path) else {
      throw PageError(status: .notFound, message: say(.uploadGone))
    }
    guard try store.openRound() == upload.round else {
      return try uploadPage(context, message: "<p class=\"error\">\(say(.noOpenRound))</p>", status: .conflict)
    }
    let sender = uploader(of: upload, otherwise: account), only = sender.municipalities
    let municipality = sender.role == .uploader ? sender.municipality : nil
    let language = language
    let engine = engine
    let result = await imports.run {
      await engine.importFile(path, round: upload.round, municipality: municipality, only: only, language: language)
    }
    // The bytes are deleted at import, whatever it did.
    try store.removeUpload(id: upload.id)
    removeUploadBytes(upload.id)
    let message: HTML
    switch result {
    case .added, .replaced:
      try store.recordFileOwner(
        round: upload.round, name: upload.name, organisation: upload.organisation, user: account.name)
      audit(account.name, result == .added ? "import" : "replace", round: upload.round, file: upload.name)
      message =
        "<p class=\"ok\" role=\"status\">\(result == .added ? say(.imported(upload.name, upload.round)) : say(.replaced(upload.name, upload.round)))</p>"
    case .unchanged:
      message = "<p class=\"ok\" role=\"status\">\(say(.unchanged(upload.name, upload.round)))</p>"
    case .duplicate(let other):
      audit(account.name, "import-refused", round: upload.round, file: upload.name, detail: "duplicate")
      // Another organisation's file name is not told to an uploader.
      let sameOrganisation = try store.fileOwners(round: upload.round).contains {
        $0.name == other && $0.organisation == upload.organisation
      }
      let shown = account.role == .coordinator || sameOrganisation ? other : "–"
      message = "<p class=\"error\" role=\"alert\">\(say(.duplicate(upload.name, shown)))</p>"
    case .failed(let lines):
      audit(account.name, "import-failed", round: upload.round, file: upload.name)
      let items: [HTML] = lines.map {
        "<li>\($0.replacingOccurrences(of: uploadFolder + "/" + upload.id + "/", with: ""))</li>"
      }
      message = "<div class=\"error\" role=\"alert\"><p>\(say(.importFailed(upload.name)))</p><ul>\(items)</ul></div>"
    }
    return try uploadPage(context, message: message)
  }

  func discardUpload(_ request: Request, _ context: ServerContext) async throws -> Response {
    let account = try require(context, .roles([.uploader, .coordinator]))
    try checkCSRF(request, context, form: try await form(request))
    let upload = try ownedUpload(context, account)
    try store.removeUpload(id: upload.id)
    removeUploadBytes(upload.id)
    return redirect("/ladda-upp")
  }

  // MARK: - The round board

  func boardPage(_ context: ServerContext, message: HTML?, status: HTTPResponse.Status = .ok) throws -> Response {
    _ = try require(context, .roles([.coordinator]))
    let open = try store.openRound()
    let round = try open ?? store.serverRounds().last
    var body: [HTML] = [message ?? ""]
    if let open {
      body.append(
        """
        <p>\(say(.openRoundIs(open)))</p>
        <form class="inline" method="post" action="/tavla/stang">\(Pages.csrfField(context.csrf))\
        <button type="submit">\(say(.closeRound))</button></form>
        """)
    } else {
      body.append(
        """
        <p>\(say(.noOpenRound))</p>
        <form method="post" action="/tavla/oppna">\(Pages.csrfField(context.csrf))
        <label for="omgang">\(say(.roundName))</label>
        <input type="text" id="omgang" name="omgang" required value="\(round ?? "")">
        <div><button type="submit">\(say(.openRound))</button></div></form>
        """)
    }
    if let round {
      body.append(try boardTable(round: round, csrf: context.csrf))
      body.append(
        """
        <form method="post" action="/tavla/publicera">\(Pages.csrfField(context.csrf))\
        <input type="hidden" name="omgang" value="\(round)">\
        <button type="submit">\(say(.publish))</button></form>
        """)
    }
    return page(say(.board), context, status: status, HTML.join(body))
  }

  /// Each organisation's files in the round: respondents, accepted and rejected rows, the
  /// last import and by whom, and the response rate against the invited where the survey
  /// gives them; organisations with accounts but no file yet say so.
  func boardTable(round: String, csrf: String?) throws -> HTML {
    let files = try roundFiles(round) ?? []
    let owners = try store.fileOwners(round: round)
    let waiting = try store.uploads(organisation: nil).filter { $0.round == round }
    var organisations = Set(try store.accounts().filter { $0.role == .uploader }.map(organisation))
    for owner in owners { organisations.insert(owner.organisation) }
    let municipalities = engine.municipalities()
    var rows: [HTML] = []
    // Files imported without the server (`kartlagg import`) are the coordinator's own.
    let unowned = files.filter { file in !owners.contains { $0.name == file.name } }
    for name in organisations.sorted() + (unowned.isEmpty ? [] : ["–"]) {
      let theirs =
        name == "–"
        ? unowned : files.filter { file in owners.contains { $0.name == file.name && $0.organisation == name } }
      let invited = municipalities.first { $0.name == name }?.invited?.total
      let accepted = theirs.reduce(0) { $0 + $1.accepted }
      let rate: String =
        invited.map { $0 > 0 ? "\(Int((Double(accepted) / Double($0) * 100).rounded())) % (\(accepted)/\($0))" : "–" }
        ?? "–"
      let pending = waiting.filter { $0.organisation == name }.count
      if theirs.isEmpty {
        rows.append(
          "<tr><th scope=\"row\">\(name)</th><td>\(say(.noFilesYet))\(pending > 0 ? " (\(pending) \(say(.waitingUploads).lowercased()))" : "")</td><td class=\"num\">–</td><td class=\"num\">–</td><td class=\"num\">–</td><td>–</td><td>\(rate)</td><td></td></tr>"
        )
      }
      for file in theirs {
        let owner = owners.first { $0.name == file.name }
        let when =
          owner.map {
            String($0.importedAt.prefix(16)).replacingOccurrences(of: "T", with: " ") + " " + say(.by) + " "
              + $0.userName
          }
          ?? String((file.importedAt ?? "").prefix(10))
        rows.append(
          """
          <tr><th scope="row">\(name)</th><td>\(file.name)</td><td class="num">\(file.accepted)</td>\
          <td class="num">\(file.read)</td><td class="num">\(file.rejected)</td><td>\(when)</td><td>\(rate)</td>\
          <td><form class="inline" method="post" action="/tavla/ta-bort">\(Pages.csrfField(csrf))\
          <input type="hidden" name="omgang" value="\(round)"><input type="hidden" name="fil" value="\(file.name)">\
          <button class="link" type="submit">\(say(.deleteFile))<span class="skip"> \(file.name)</span></button></form></td></tr>
          """)
      }
    }
    return """
      <h2>\(say(.reportOf(round)))</h2>
      <div class="scroll" tabindex="0" role="region" aria-label="\(say(.table))"><table><thead><tr><th scope="col">\(say(.organisation))</th><th scope="col">\(say(.file))</th>\
      <th scope="col">\(say(.respondents))</th><th scope="col">\(say(.readRows))</th><th scope="col">\(say(.rejected))</th>\
      <th scope="col">\(say(.lastUpload))</th><th scope="col">\(say(.responseRate))</th><th scope="col"><span class="skip">\(say(.deleteFile))</span></th></tr></thead>\
      <tbody>\(rows)</tbody></table></div>
      """
  }

  func openRound(_ request: Request, _ context: ServerContext) async throws -> Response {
    let account = try require(context, .roles([.coordinator]))
    let fields = try await form(request)
    try checkCSRF(request, context, form: fields)
    let name = (fields["omgang"] ?? "").trimmingCharacters(in: .whitespaces)
    if RoundStore.problem(roundName: name) != nil {
      return try boardPage(
        context, message: "<p class=\"error\" role=\"alert\">\(say(.badRoundName))</p>", status: .badRequest)
    }
    if let refused = try refusalOfSharedFolder(name, context) { return refused }
    try store.setOpenRound(name)
    audit(account.name, "open", round: name)
    return redirect("/tavla")
  }

  func closeRound(_ request: Request, _ context: ServerContext) async throws -> Response {
    let account = try require(context, .roles([.coordinator]))
    try checkCSRF(request, context, form: try await form(request))
    let open = try store.openRound()
    try store.setOpenRound(nil)
    audit(account.name, "close", round: open)
    return redirect("/tavla")
  }

  /// Publishes a round: `kartlagg report --round` into the served folder, recorded.
  func publish(_ request: Request, _ context: ServerContext) async throws -> Response {
    let account = try require(context, .roles([.coordinator]))
    let fields = try await form(request)
    try checkCSRF(request, context, form: fields)
    let round = fields["omgang"] ?? ""
    guard try roundFiles(round) != nil else {
      return try boardPage(
        context, message: "<p class=\"error\" role=\"alert\">\(say(.nothingUploadedYet))</p>", status: .conflict)
    }
    if let refused = try refusalOfSharedFolder(round, context) { return refused }
    try FileManager.default.createDirectory(atPath: configuration.publishedFolder, withIntermediateDirectories: true)
    let folder = publishedFolder(round)
    let engine = engine
    let language = language
    let failure = await imports.run { await engine.publish(round: round, into: folder, language: language) }
    if let failure {
      let items: [HTML] = failure.map { "<li>\($0)</li>" }
      return try boardPage(
        context, message: "<div class=\"error\" role=\"alert\"><p>\(say(.publishFailed))</p><ul>\(items)</ul></div>",
        status: .conflict)
    }
    audit(account.name, "publish", round: round)
    return try boardPage(context, message: "<p class=\"ok\" role=\"status\">\(say(.published(round)))</p>")
  }

  func deleteFile(_ request: Request, _ context: ServerContext) async throws -> Response {
    let account = try require(context, .roles([.coordinator]))
    let fields = try await form(request)
    try checkCSRF(request, context, form: fields)
    let round = fields["omgang"] ?? ""
    let file = fields["fil"] ?? ""
    let engine = engine
    let deleted = await imports.run { (try? engine.delete(file: file, round: round)) ?? false }
    guard deleted else { throw PageError(status: .notFound, message: say(.notFound)) }
    audit(account.name, "delete", round: round, file: file)
    return try boardPage(context, message: "<p class=\"ok\" role=\"status\">\(say(.deleted(file)))</p>")
  }

  // MARK: - The audit log

  func auditPage(_ context: ServerContext) throws -> Response {
    _ = try require(context, .roles([.coordinator]))
    let rows: [HTML] = try store.auditLog().reversed().map { e in
      "<tr><td>\(e.at)</td><td>\(e.user)</td><td>\(e.action)</td><td>\(e.round ?? "")</td><td>\(e.file ?? "")</td><td>\(e.detail ?? "")</td></tr>"
    }
    return page(
      say(.auditLog), context,
      """
      <p><a href="/logg.csv">\(say(.auditCSV))</a></p>
      <div class="scroll" tabindex="0" role="region" aria-label="\(say(.table))"><table><thead><tr><th scope="col">\(say(.when))</th><th scope="col">\(say(.who))</th>\
      <th scope="col">\(say(.what))</th><th scope="col">\(say(.round))</th><th scope="col">\(say(.file))</th>\
      <th scope="col"></th></tr></thead><tbody>\(rows)</tbody></table></div>
      """)
  }

  /// The audit log as CSV (RFC 4180, formula-guarded by LibCSV's encoder).
  func auditCSV(_ context: ServerContext) throws -> Response {
    _ = try require(context, .roles([.coordinator]))
    var text = "at,user,action,round,file,detail\r\n"
    for e in try store.auditLog() {
      text +=
        [e.at, e.user, e.action, e.round ?? "", e.file ?? "", e.detail ?? ""].map(Self.csvCell).joined(separator: ",")
        + "\r\n"
    }
    return Response(
      status: .ok,
      headers: [
        .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"kartlagg-logg.csv\"",
      ],
      body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
  }

  /// One CSV cell: quoted when needed, and a leading `=`, `+`, `-` or `@` made text, so that
  /// a spreadsheet does not run an account name as a formula.
  static func csvCell(_ s: String) -> String {
    var s = s
    if let first = s.first, "=+-@\t\r".contains(first) { s = "'" + s }
    return s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
      ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
  }
}
