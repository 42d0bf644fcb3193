import Foundation
import Hummingbird
import RoundStore

/// kartlagg-server's JSON API under `/api/v1` (docs/server.md, "The API"; `openapi.yaml`):
/// the actions of the pages (Actions.swift) for a script, such as a municipality's upload.
/// Its account is an API token's (`Authorization: Bearer TOKEN`, `BearerTokens`), never a
/// session cookie, so that no browser can be made to call it from another site and it
/// needs no CSRF token. Answers are JSON with sorted keys; a refusal is
/// `{"error": CODE, "message": TEXT}` in the survey's language, with its 4xx status.
enum API {
  /// The paths the API answers; the pages' session cookies are not read for them.
  static let prefix = "/api/"

  static let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }()

  static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    Response(
      status: status, headers: [.contentType: "application/json; charset=utf-8"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
  }

  struct Failure: Codable {
    var error: String
    var message: String
  }

  /// A refusal's code when the action gave none: said by its status.
  static func code(for status: HTTPResponse.Status) -> String {
    switch status.code {
    case 400: return "bad_request"
    case 401: return "unauthorized"
    case 403: return "forbidden"
    case 404: return "not_found"
    case 405: return "method_not_allowed"
    case 409: return "conflict"
    case 413: return "too_large"
    case 415: return "unsupported_media_type"
    case 422: return "unprocessable"
    case 429: return "too_many_requests"
    default: return status.code >= 500 ? "server_error" : "error"
    }
  }

  static func failure(_ status: HTTPResponse.Status, _ code: String, _ message: String) -> Response {
    var response =
      (try? json(Failure(error: code, message: message), status: status))
      ?? Response(status: status)
    if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
    return response
  }

  /// Every refusal and failure of an API path as JSON, never a page.
  static func errorsAsJSON(
    _ server: KartlaggServer, _ request: Request, _ context: ServerContext,
    _ next: (Request, ServerContext) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch let error as PageError {
      return failure(error.status, error.code.isEmpty ? code(for: error.status) : error.code, error.message)
    } catch let error as HTTPError {
      let message = error.status == .notFound ? server.say(.routeNotFound) : error.status.reasonPhrase
      return failure(error.status, code(for: error.status), message)
    } catch let error as RoundStore.Failure {
      context.logger.error("store: \(error.description)")
      return failure(.serviceUnavailable, "store_unavailable", error.description)
    }
  }

  // MARK: - What the API answers (openapi.yaml's schemas)

  struct Me: Codable {
    var name: String
    var role: String
    var organisation: String?
    var municipality: String?
  }

  struct RoundState: Codable {
    var open: String?
    var closed: String?
  }

  struct Upload: Codable {
    var id: String
    var name: String
    var round: String
    var size: Int
    var sha256: String
    var uploadedAt: String
    var read: Int
    var accepted: Int
    var rejected: Int
    var problemCount: Int
    var readable: Bool

    init(_ u: RoundStore.Upload) {
      id = u.id
      name = u.name
      round = u.round
      size = u.size
      sha256 = u.sha256
      uploadedAt = u.uploadedAt
      read = u.read
      accepted = u.accepted
      rejected = u.rejected
      problemCount = u.problems
      readable = u.readable
    }
  }

  struct Uploads: Codable {
    var round: String?
    var uploads: [Upload]
  }

  /// An upload's check: its counts, its problems and its rejected rows (the uploader's own
  /// data, answered this once and kept nowhere).
  struct Check: Codable {
    var upload: Upload
    var summary: String
    var problems: [KartlaggServer.Problem]
    var moreProblems: Int
    var rejectedRows: [KartlaggServer.RejectedRowShown]
    var moreRejectedRows: Int
  }

  struct Imported: Codable {
    var outcome: String
    var file: String
    var round: String
    var message: String
  }

  struct Discarded: Codable {
    var discarded: String
    var name: String
  }

  struct File: Codable {
    var name: String
    var read: Int
    var accepted: Int
    var rejected: Int
    var importedAt: String?
    var importedBy: String?

    init(_ file: RoundStore.FileRecord, _ owner: RoundStore.FileOwner?) {
      name = file.name
      read = file.read
      accepted = file.accepted
      rejected = file.rejected
      importedAt = owner?.importedAt ?? file.importedAt
      importedBy = owner?.userName
    }
  }

  struct Files: Codable {
    var round: String?
    var files: [File]
  }

  struct Organisation: Codable {
    var name: String
    var files: [File]
    var waiting: Int
    var accepted: Int
    var invited: Int?
    /// Accepted respondents per invited, in per cent, rounded.
    var responseRate: Int?
  }

  struct Board: Codable {
    var open: String?
    var round: String?
    var organisations: [Organisation]
  }

  struct OpenRound: Codable {
    var name: String
  }

  struct Published: Codable {
    var round: String
    var url: String
    var message: String
  }

  struct Deleted: Codable {
    var round: String
    var file: String
    var message: String
  }

  struct AuditEntry: Codable {
    var id: Int64
    var at: String
    var user: String
    var action: String
    var round: String?
    var file: String?
    var detail: String?
  }

  struct Audit: Codable {
    var entries: [AuditEntry]
    /// The `after` of the next page; nil when this is the last.
    var next: Int64?
  }

  struct Link: Codable {
    var name: String
    var url: String
  }

  struct Report: Codable {
    var round: String
    var url: String
    var municipalities: [Link]
  }

  struct Reports: Codable {
    var reports: [Report]
  }
}

/// An API request's account, from its `Authorization: Bearer TOKEN`: an unexpired token of
/// an account that is not disabled. Wrong tokens are throttled per client address as
/// failed logins are (the address's count is the logins' own) and audited; a token is
/// never logged.
struct BearerTokens: RouterMiddleware {
  typealias Context = ServerContext
  let server: KartlaggServer

  func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response)
    async throws -> Response
  {
    var context = context
    context.account = nil
    guard let header = request.headers[.authorization] else { return try await next(request, context) }
    let address = server.clientAddress(request, context)
    // The throttle's "account" of token attempts is the address's own, so that wrong
    // tokens from one address never lock another's.
    let key = "\u{1}token " + address
    switch await server.throttle.before(account: key, address: address) {
    case .locked:
      server.audit("–", "token-locked", detail: address)
      throw PageError(status: .tooManyRequests, message: server.say(.lockedOut), code: "locked")
    case .wait(let delay): try await Task.sleep(for: delay)
    case .go: break
    }
    let parts = header.split(separator: " ", maxSplits: 1)
    guard parts.count == 2, parts[0].lowercased() == "bearer",
      let account = try server.reading.tokenAccount(
        tokenHash: Secrets.hash(token: parts[1].trimmingCharacters(in: .whitespaces)))
    else {
      await server.throttle.failed(account: key, address: address)
      server.audit("–", "token-refused", detail: address)
      throw PageError(status: .unauthorized, message: server.say(.tokenRefused), code: "token_refused")
    }
    await server.throttle.succeeded(account: key)
    context.account = account
    return try await next(request, context)
  }
}

extension KartlaggServer {
  /// The signed-in account the table allows on an API route; else the refusal.
  func apiAccount(_ context: ServerContext, _ method: String, _ path: String) throws -> RoundStore.Account {
    guard let account = context.account else {
      throw PageError(status: .unauthorized, message: say(.tokenMissing), code: "unauthorized")
    }
    if case .roles(let roles) = Routes.access(method, "/api/v1" + path), !roles.contains(account.role) {
      throw PageError(status: .forbidden, message: say(.notAllowed), code: "forbidden")
    }
    return account
  }

  /// A path parameter, percent-decoded.
  func parameter(_ context: ServerContext, _ name: String) -> String {
    let raw = context.parameters.get(name) ?? ""
    return raw.removingPercentEncoding ?? raw
  }

  func addAPIRoutes(_ api: RouterGroup<ServerContext>) {
    api.add(middleware: BearerTokens(server: self))
    api.get("/me") { _, context in
      let a = try self.apiAccount(context, "GET", "/me")
      return try API.json(
        API.Me(name: a.name, role: a.role.rawValue, organisation: a.organisation, municipality: a.municipality))
    }
    api.get("/round") { _, context in
      _ = try self.apiAccount(context, "GET", "/round")
      return try API.json(API.RoundState(open: try self.store.openRound()))
    }
    api.post("/uploads") { request, context in try await self.apiUpload(request, context) }
    api.get("/uploads") { _, context in
      let account = try self.apiAccount(context, "GET", "/uploads")
      let own = try self.ownFiles(account)
      return try API.json(API.Uploads(round: own.round, uploads: own.waiting.map(API.Upload.init)))
    }
    api.post("/uploads/:id/import") { _, context in try await self.apiImport(context) }
    api.delete("/uploads/:id") { _, context in
      let account = try self.apiAccount(context, "DELETE", "/uploads/{id}")
      let upload = try self.discardAction(id: self.parameter(context, "id"), account)
      return try API.json(API.Discarded(discarded: upload.id, name: upload.name))
    }
    api.get("/files") { _, context in
      let account = try self.apiAccount(context, "GET", "/files")
      let own = try self.ownFiles(account)
      return try API.json(API.Files(round: own.round, files: own.files.map { API.File($0.file, $0.owner) }))
    }
    api.get("/board") { _, context in
      _ = try self.apiAccount(context, "GET", "/board")
      let board = try self.board()
      return try API.json(
        API.Board(
          open: board.open, round: board.round,
          organisations: board.organisations.map { o in
            API.Organisation(
              name: o.name, files: o.files.map { API.File($0.file, $0.owner) }, waiting: o.waiting,
              accepted: o.accepted, invited: o.invited,
              responseRate: o.invited.flatMap {
                $0 > 0 ? Int((Double(o.accepted) / Double($0) * 100).rounded()) : nil
              })
          }))
    }
    api.post("/rounds") { request, context in
      let account = try self.apiAccount(context, "POST", "/rounds")
      let body = try await self.jsonBody(request, API.OpenRound.self, example: #"{"name": "2026"}"#)
      try self.openRoundAction(body.name, account)
      return try API.json(API.RoundState(open: try self.store.openRound()), status: .created)
    }
    api.post("/round/close") { _, context in
      let account = try self.apiAccount(context, "POST", "/round/close")
      return try API.json(API.RoundState(open: nil, closed: try self.closeRoundAction(account)))
    }
    api.post("/rounds/:round/publish") { _, context in
      let account = try self.apiAccount(context, "POST", "/rounds/{round}/publish")
      let round = self.parameter(context, "round")
      if let failure = try await self.publishAction(round, account) {
        throw PageError(
          status: .conflict, message: ([self.say(.publishFailed)] + failure).joined(separator: "\n"),
          code: "publish_failed")
      }
      return try API.json(
        API.Published(
          round: round, url: "/rapporter/\(Self.folderName(round))/index.html", message: self.say(.published(round))))
    }
    api.delete("/rounds/:round/files/:name") { _, context in
      let account = try self.apiAccount(context, "DELETE", "/rounds/{round}/files/{name}")
      let round = self.parameter(context, "round")
      let file = self.parameter(context, "name")
      try await self.deleteAction(round: round, file: file, account)
      return try API.json(API.Deleted(round: round, file: file, message: self.say(.deleted(file))))
    }
    // A page of the log at a time, the oldest first: `after` an entry's id, `limit` (1–1000,
    // 500 by default) entries.
    api.get("/audit") { request, context in
      _ = try self.apiAccount(context, "GET", "/audit")
      let query = request.uri.queryParameters
      func number(_ name: String, _ range: ClosedRange<Int64>) throws -> Int64? {
        guard let text = query[name[...]] else { return nil }
        guard let value = Int64(String(text)), range.contains(value) else {
          throw PageError(
            status: .badRequest, message: self.say(.badAuditQuery(name, range.lowerBound, range.upperBound)),
            code: "bad_query")
        }
        return value
      }
      let after = try number("after", 0...Int64.max)
      let limit = Int(try number("limit", 1...1000) ?? 500)
      let entries = try self.store.auditLog(after: after, limit: limit)
      return try API.json(
        API.Audit(
          entries: entries.map {
            API.AuditEntry(
              id: $0.id, at: $0.at, user: $0.user, action: $0.action, round: $0.round, file: $0.file,
              detail: $0.detail)
          }, next: entries.count == limit ? entries.last?.id : nil))
    }
    api.get("/reports") { _, context in
      _ = try self.apiAccount(context, "GET", "/reports")
      return try API.json(
        API.Reports(
          reports: try await self.publishedReports().map { report in
            API.Report(
              round: report.round, url: "/rapporter/\(report.folder)/index.html",
              municipalities: report.municipalities.map {
                API.Link(name: $0.name, url: "/rapporter/\(report.folder)/kommun/\($0.file)")
              })
          }))
    }
  }

  /// A JSON body of at most 64 KiB as `T`; else a 400 that shows what to send.
  func jsonBody<T: Decodable>(_ request: Request, _ type: T.Type, example: String) async throws -> T {
    let body: ByteBuffer
    do {
      body = try await request.body.collect(upTo: 65536)
    } catch {
      throw PageError(status: .contentTooLarge, message: say(.badJSON(example)), code: "too_large")
    }
    do {
      return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
    } catch {
      throw PageError(status: .badRequest, message: say(.badJSON(example)), code: "bad_json")
    }
  }

  func apiUpload(_ request: Request, _ context: ServerContext) async throws -> Response {
    let account = try apiAccount(context, "POST", "/uploads")
    switch try await checkUpload(request, account: account, verify: { _ in }) {
    case .surveyFailed(_, let lines):
      throw PageError(status: .serviceUnavailable, message: lines.joined(separator: "\n"), code: "survey_unreadable")
    case .checked(let c):
      let u = c.upload
      return try API.json(
        API.Check(
          upload: API.Upload(u),
          summary: say(.counts(read: u.read, accepted: u.accepted, rejected: u.rejected, problems: u.problems)),
          problems: c.problems, moreProblems: c.moreProblems, rejectedRows: c.rejectedRows,
          moreRejectedRows: c.moreRejectedRows), status: .created)
    }
  }

  func apiImport(_ context: ServerContext) async throws -> Response {
    let account = try apiAccount(context, "POST", "/uploads/{id}/import")
    let outcome = try await importAction(id: parameter(context, "id"), account)
    let u = outcome.upload
    switch outcome.result {
    case .added:
      return try API.json(
        API.Imported(outcome: "added", file: u.name, round: u.round, message: say(.imported(u.name, u.round))))
    case .replaced:
      return try API.json(
        API.Imported(outcome: "replaced", file: u.name, round: u.round, message: say(.replaced(u.name, u.round))))
    case .unchanged:
      return try API.json(
        API.Imported(outcome: "unchanged", file: u.name, round: u.round, message: say(.unchanged(u.name, u.round))))
    case .duplicate:
      throw PageError(
        status: .conflict, message: say(.duplicate(u.name, outcome.duplicateOf ?? "–")), code: "duplicate")
    case .failed:
      throw PageError(
        status: .unprocessableContent, message: ([say(.importFailed(u.name))] + outcome.lines).joined(separator: "\n"),
        code: "import_failed")
    }
  }
}
