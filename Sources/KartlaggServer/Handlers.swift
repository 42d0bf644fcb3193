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
  /// organisations' `export.csv` are two files; a name that begins with the slug as a word
  /// of its own ("torsas.csv", "torsas-2026.csv" from Torsås) is kept. Not a bare prefix:
  /// "Region"'s "region-kalmar-lan-export.csv" begins with "region" as a word too, so two
  /// organisations' names can still meet, and `importAction` refuses to replace another
  /// organisation's file.
  func roundFileName(_ sent: String, organisation: String) -> String {
    let slug = Slug.make(organisation)
    let own = Slug.make(sent)
    return slug.isEmpty || own == slug || own.hasPrefix(slug + "-") ? sent : slug + "-" + sent
  }

  /// Whether `account` may see and act on `upload`: its organisation's, or the coordinator.
  func owns(_ account: RoundStore.Account, _ upload: RoundStore.Upload) -> Bool {
    account.role == .coordinator || (account.role == .uploader && upload.organisation == organisation(account))
  }

  // MARK: - Upload, check, import

  /// The upload limit in words: MB, or kB below one.
  var uploadLimit: String { Self.megabytes(configuration.maximumUpload) }

  /// Bytes in words: MB, or kB below one.
  static func megabytes(_ bytes: Int) -> String {
    bytes >= 1 << 20 ? "\(bytes >> 20) MB" : "\(max(1, bytes >> 10)) kB"
  }

  func uploadPage(_ context: ServerContext, message: HTML = "", status: HTTPResponse.Status = .ok) throws -> Response {
    let account = try require(context, .roles([.uploader, .coordinator]))
    let own = try ownFiles(account)
    guard let round = own.round else {
      return page(say(.upload), context, status: status, "\(message)<p class=\"note\">\(say(.noOpenRound))</p>")
    }
    let waiting = own.waiting
    let files = own.files
    var waitingRows: [HTML] = []
    for upload in waiting {
      waitingRows.append(
        """
        <tr><th scope="row">\(upload.name)</th><td class="num">\(upload.read)</td><td class="num">\(upload.accepted)</td>\
        <td class="num">\(upload.rejected)</td><td>\(importForms(upload, round: round, csrf: context.csrf))</td></tr>
        """)
    }
    var fileRows: [HTML] = []
    for (file, owner) in files {
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
    try checkOrigin(request, context)
    let outcome: UploadOutcome
    do {
      // The form's CSRF token is checked once the form is read; a refused form leaves nothing.
      outcome = try await checkUpload(request, account: account) { try self.checkCSRF(request, context, form: $0) }
    } catch let refusal as PageError where refusal.code == "no_open_round" {
      return try uploadPage(context, status: .conflict)
    } catch let refusal as PageError where Self.uploadRefusals.contains(refusal.code) {
      return try uploadPage(
        context, message: "<p class=\"error\" role=\"alert\">\(refusal.message)</p>", status: refusal.status)
    }
    switch outcome {
    case .surveyFailed(let name, let lines):
      let items: [HTML] = lines.map { "<li>\($0)</li>" }
      return page(say(.checkedTitle(name)), context, status: .serviceUnavailable, "<ul>\(items)</ul>")
    case .checked(let checked):
      return page(say(.checkedTitle(checked.upload.name)), context, checkResult(checked, csrf: context.csrf))
    }
  }

  /// The check's result page: counts, problems, rejected rows.
  func checkResult(_ checked: CheckedUpload, csrf: String?) -> HTML {
    let upload = checked.upload
    let round = upload.round
    var out: [HTML] = []
    out.append(
      "<p class=\"\(upload.readable ? "ok" : "error")\" role=\"status\">\(say(.counts(read: upload.read, accepted: upload.accepted, rejected: upload.rejected, problems: upload.problems)))</p>"
    )
    if !upload.readable { out.append("<p class=\"error\">\(say(.notReadable))</p>") }
    if !checked.problems.isEmpty {
      let rows: [HTML] = checked.problems.map { p in
        "<tr><td class=\"num\">\(p.line > 0 ? String(p.line) : "–")</td><td class=\"num\">\(p.column > 0 ? String(p.column) : "–")</td><td>\(p.message)</td></tr>"
      }
      out.append(
        """
        <h2>\(say(.problemsHeading))</h2>
        <div class="scroll" tabindex="0" role="region" aria-label="\(say(.table))"><table><thead><tr><th scope="col">\(say(.line))</th><th scope="col">\(say(.column))</th>\
        <th scope="col">\(say(.reason))</th></tr></thead><tbody>\(rows)</tbody></table></div>
        """)
      if checked.moreProblems > 0 {
        out.append("<p>… \(checked.moreProblems)</p>")
      }
    }
    if !checked.rejectedRows.isEmpty {
      let rows: [HTML] = checked.rejectedRows.map { row in
        """
        <tr><td class="num">\(row.line)</td><td class="num">\(row.column > 0 ? String(row.column) : "–")</td>\
        <td>\(row.reason)</td><td>\(row.cells.joined(separator: " | "))</td></tr>
        """
      }
      out.append(
        """
        <h2>\(say(.rejectedHeading))</h2>
        <p class="note">\(say(.rejectedOnce))</p>
        <div class="scroll" tabindex="0" role="region" aria-label="\(say(.table))"><table><thead><tr><th scope="col">\(say(.line))</th><th scope="col">\(say(.column))</th>\
        <th scope="col">\(say(.reason))</th><th scope="col">\(say(.cells))</th></tr></thead><tbody>\(rows)</tbody></table></div>
        """)
      if checked.moreRejectedRows > 0 { out.append("<p>… \(checked.moreRejectedRows)</p>") }
    }
    out.append("<h2>\(say(.importInto(round)))</h2><p>\(importForms(upload, round: round, csrf: csrf))</p>")
    return HTML.join(out)
  }

  func importUpload(_ request: Request, _ context: ServerContext) async throws -> Response {
    let account = try require(context, .roles([.uploader, .coordinator]))
    try checkCSRF(request, context, form: try await form(request))
    let outcome: ImportOutcome
    do {
      outcome = try await importAction(id: context.parameters.get("id") ?? "", account)
    } catch let refusal as PageError where refusal.code == "no_open_round" {
      return try uploadPage(context, message: "<p class=\"error\">\(say(.noOpenRound))</p>", status: .conflict)
    }
    let upload = outcome.upload
    let message: HTML
    switch outcome.result {
    case .added, .replaced:
      message =
        "<p class=\"ok\" role=\"status\">\(outcome.result == .added ? say(.imported(upload.name, upload.round)) : say(.replaced(upload.name, upload.round)))</p>"
    case .unchanged:
      message = "<p class=\"ok\" role=\"status\">\(say(.unchanged(upload.name, upload.round)))</p>"
    case .duplicate:
      message = "<p class=\"error\" role=\"alert\">\(say(.duplicate(upload.name, outcome.duplicateOf ?? "–")))</p>"
    case .failed:
      let items: [HTML] = outcome.lines.map { "<li>\($0)</li>" }
      message = "<div class=\"error\" role=\"alert\"><p>\(say(.importFailed(upload.name)))</p><ul>\(items)</ul></div>"
    }
    return try uploadPage(context, message: message)
  }

  func discardUpload(_ request: Request, _ context: ServerContext) async throws -> Response {
    let account = try require(context, .roles([.uploader, .coordinator]))
    try checkCSRF(request, context, form: try await form(request))
    _ = try discardAction(id: context.parameters.get("id") ?? "", account)
    return redirect("/ladda-upp")
  }

  // MARK: - The round board

  func boardPage(_ context: ServerContext, message: HTML?, status: HTTPResponse.Status = .ok) throws -> Response {
    _ = try require(context, .roles([.coordinator]))
    let board = try board()
    let round = board.round
    var body: [HTML] = [message ?? ""]
    if let open = board.open {
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
      body.append(boardTable(board, round: round, csrf: context.csrf))
      body.append(
        """
        <form method="post" action="/tavla/publicera">\(Pages.csrfField(context.csrf))\
        <input type="hidden" name="omgang" value="\(round)">\
        <button type="submit">\(say(.publish))</button></form>
        """)
    }
    return page(say(.board), context, status: status, HTML.join(body))
  }

  /// A response rate in words: "52 % (26/50)", or "–" without invited.
  static func rate(accepted: Int, invited: Int?) -> String {
    invited.map { $0 > 0 ? "\(Int((Double(accepted) / Double($0) * 100).rounded())) % (\(accepted)/\($0))" : "–" }
      ?? "–"
  }

  /// Each organisation's files in the round: respondents, accepted and rejected rows, the
  /// last import and by whom, and the response rate against the invited where the survey
  /// gives them; organisations with accounts but no file yet say so.
  func boardTable(_ board: Board, round: String, csrf: String?) -> HTML {
    var rows: [HTML] = []
    for organisation in board.organisations {
      let name = organisation.name
      let rate = Self.rate(accepted: organisation.accepted, invited: organisation.invited)
      let pending = organisation.waiting
      if organisation.files.isEmpty {
        rows.append(
          "<tr><th scope=\"row\">\(name)</th><td>\(say(.noFilesYet))\(pending > 0 ? " (\(pending) \(say(.waitingUploads).lowercased()))" : "")</td><td class=\"num\">–</td><td class=\"num\">–</td><td class=\"num\">–</td><td>–</td><td>\(rate)</td><td></td></tr>"
        )
      }
      for (file, owner) in organisation.files {
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
    do {
      try openRoundAction(fields["omgang"] ?? "", account)
    } catch let refusal as PageError where ["bad_round_name", "shared_folder"].contains(refusal.code) {
      return try boardPage(
        context, message: "<p class=\"error\" role=\"alert\">\(refusal.message)</p>", status: refusal.status)
    }
    return redirect("/tavla")
  }

  func closeRound(_ request: Request, _ context: ServerContext) async throws -> Response {
    let account = try require(context, .roles([.coordinator]))
    try checkCSRF(request, context, form: try await form(request))
    _ = try closeRoundAction(account)
    return redirect("/tavla")
  }

  /// Publishes a round: `kartlagg report --round` into the served folder, recorded.
  func publish(_ request: Request, _ context: ServerContext) async throws -> Response {
    let account = try require(context, .roles([.coordinator]))
    let fields = try await form(request)
    try checkCSRF(request, context, form: fields)
    let round = fields["omgang"] ?? ""
    let failure: [String]?
    do {
      failure = try await publishAction(round, account)
    } catch let refusal as PageError where ["nothing_uploaded", "shared_folder"].contains(refusal.code) {
      return try boardPage(
        context, message: "<p class=\"error\" role=\"alert\">\(refusal.message)</p>", status: refusal.status)
    }
    if let failure {
      // The command line's "error: " before each line says nothing on a page that already
      // says the round could not be published.
      let items: [HTML] = failure.map { "<li>\($0.hasPrefix("error: ") ? String($0.dropFirst(7)) : $0)</li>" }
      return try boardPage(
        context, message: "<div class=\"error\" role=\"alert\"><p>\(say(.publishFailed))</p><ul>\(items)</ul></div>",
        status: .conflict)
    }
    return try boardPage(context, message: "<p class=\"ok\" role=\"status\">\(say(.published(round)))</p>")
  }

  func deleteFile(_ request: Request, _ context: ServerContext) async throws -> Response {
    let account = try require(context, .roles([.coordinator]))
    let fields = try await form(request)
    try checkCSRF(request, context, form: fields)
    let file = fields["fil"] ?? ""
    try await deleteAction(round: fields["omgang"] ?? "", file: file, account)
    return try boardPage(context, message: "<p class=\"ok\" role=\"status\">\(say(.deleted(file)))</p>")
  }

  // MARK: - The audit log

  /// Entries on one page of the audit log.
  static let auditPageSize = 200

  /// The audit log, `auditPageSize` entries at a time, the newest first; `?fore=ID` the
  /// entries older than entry ID. The whole log is the CSV file.
  func auditPage(_ request: Request, _ context: ServerContext) throws -> Response {
    _ = try require(context, .roles([.coordinator]))
    let before = request.uri.queryParameters["fore"].flatMap { Int64(String($0)) }
    let entries = try store.auditLog(before: before, limit: Self.auditPageSize)
    let rows: [HTML] = entries.map { e in
      "<tr><td>\(e.at)</td><td>\(e.user)</td><td>\(e.action)</td><td>\(e.round ?? "")</td><td>\(e.file ?? "")</td><td>\(e.detail ?? "")</td></tr>"
    }
    var links: [HTML] = []
    if before != nil { links.append("<a href=\"/logg\">\(say(.auditNewest))</a>") }
    if entries.count == Self.auditPageSize, let last = entries.last {
      links.append("<a href=\"/logg?fore=\(String(last.id))\">\(say(.auditOlder(Self.auditPageSize)))</a>")
    }
    let pager: HTML = links.isEmpty ? "" : "<p class=\"pager\">\(HTML.join(links, separator: " · "))</p>"
    return page(
      say(.auditLog), context,
      """
      <p><a href="/logg.csv">\(say(.auditCSV))</a></p>
      <p>\(say(.auditShown(Self.auditPageSize)))</p>
      <div class="scroll" tabindex="0" role="region" aria-label="\(say(.table))"><table><thead><tr><th scope="col">\(say(.when))</th><th scope="col">\(say(.who))</th>\
      <th scope="col">\(say(.what))</th><th scope="col">\(say(.round))</th><th scope="col">\(say(.file))</th>\
      <th scope="col"></th></tr></thead><tbody>\(rows)</tbody></table></div>
      \(pager)
      """)
  }

  /// The audit log as CSV: RFC 4180 through LibCSV's encoder (libcsv's quoting), each text
  /// through `FormulaGuard`, so that a spreadsheet runs no account name as a formula.
  func auditCSV(_ context: ServerContext) throws -> Response {
    _ = try require(context, .roles([.coordinator]))
    var encoder = CSVEncoder(format: .rfc4180, writeByteOrderMark: false)
    encoder.append(texts: ["at", "user", "action", "round", "file", "detail"])
    for e in try store.auditLog() {
      encoder.append(texts: [e.at, e.user, e.action, e.round ?? "", e.file ?? "", e.detail ?? ""])
    }
    return Response(
      status: .ok,
      headers: [
        .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"kartlagg-logg.csv\"",
      ],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: encoder.take())))
  }
}
