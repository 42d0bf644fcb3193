import Foundation
import Hummingbird
import Ingest
import LibCSV
import Reporting
import RoundStore
import SourceDiagnostics

/// Who may use a route (docs/server.md has the same table; a test checks each cell).
public enum Access: Sendable, Equatable {
  /// Anyone, signed in or not.
  case anyone
  /// Any signed-in account.
  case signedIn
  case roles(Set<RoundStore.Role>)
}

/// Every route of the server, with who may use it.
public enum Routes {
  public static let table: [(method: String, path: String, access: Access)] = [
    ("GET", "/", .signedIn),
    ("GET", "/logga-in", .anyone),
    ("POST", "/logga-in", .anyone),
    ("POST", "/logga-ut", .signedIn),
    ("GET", "/inbjudan/{token}", .anyone),
    ("POST", "/inbjudan/{token}", .anyone),
    ("GET", "/ladda-upp", .roles([.uploader, .coordinator])),
    ("POST", "/ladda-upp", .roles([.uploader, .coordinator])),
    ("POST", "/uppladdning/{id}/importera", .roles([.uploader, .coordinator])),
    ("POST", "/uppladdning/{id}/slang", .roles([.uploader, .coordinator])),
    ("GET", "/tavla", .roles([.coordinator])),
    ("POST", "/tavla/oppna", .roles([.coordinator])),
    ("POST", "/tavla/stang", .roles([.coordinator])),
    ("POST", "/tavla/publicera", .roles([.coordinator])),
    ("POST", "/tavla/ta-bort", .roles([.coordinator])),
    ("GET", "/logg", .roles([.coordinator])),
    ("GET", "/logg.csv", .roles([.coordinator])),
    ("GET", "/rapporter", .signedIn),
    ("GET", "/rapporter/{round}/{path...}", .signedIn),
    // The API (docs/server.md, openapi.yaml): the same actions over JSON, for an API
    // token's account (`Authorization: Bearer TOKEN`), never a session cookie.
    ("GET", "/api/v1/me", .signedIn),
    ("GET", "/api/v1/round", .signedIn),
    ("POST", "/api/v1/uploads", .roles([.uploader, .coordinator])),
    ("GET", "/api/v1/uploads", .roles([.uploader, .coordinator])),
    ("POST", "/api/v1/uploads/{id}/import", .roles([.uploader, .coordinator])),
    ("DELETE", "/api/v1/uploads/{id}", .roles([.uploader, .coordinator])),
    ("GET", "/api/v1/files", .roles([.uploader, .coordinator])),
    ("GET", "/api/v1/board", .roles([.coordinator])),
    ("POST", "/api/v1/rounds", .roles([.coordinator])),
    ("POST", "/api/v1/round/close", .roles([.coordinator])),
    ("POST", "/api/v1/rounds/{round}/publish", .roles([.coordinator])),
    ("DELETE", "/api/v1/rounds/{round}/files/{name}", .roles([.coordinator])),
    ("GET", "/api/v1/audit", .roles([.coordinator])),
    ("GET", "/api/v1/reports", .signedIn),
  ]

  /// The access of a route of the table.
  static func access(_ method: String, _ path: String) -> Access {
    table.first { $0.method == method && $0.path == path }?.access ?? .roles([])
  }
}

extension KartlaggServer {
  /// The router: security headers on every answer, refusals as pages, the session read
  /// from its cookie, then the routes.
  public func router() -> Router<ServerContext> { router(testPeerHeader: false) }

  /// The router; with `testPeerHeader` (tests only, through `@testable import`), the
  /// connection's address is taken from the request's `X-Test-Peer`, so that the proxy and
  /// throttling rules are tested without a network, which a loaded machine may starve.
  func router(testPeerHeader: Bool) -> Router<ServerContext> {
    let router = Router(context: ServerContext.self)
    if testPeerHeader { router.add(middleware: TestPeer()) }
    router.add(middleware: SecurityHeaders())
    router.add(middleware: PagesOnError(server: self))
    router.add(middleware: Sessions(server: self))
    router.get("/") { request, context in try self.home(request, context) }
    router.get("/logga-in") { request, context in self.loginPage(context, message: nil) }
    router.post("/logga-in") { request, context in try await self.login(request, context) }
    router.post("/logga-ut") { request, context in try await self.logout(request, context) }
    router.get("/inbjudan/:token") { request, context in try self.invitationPage(context, message: nil) }
    router.post("/inbjudan/:token") { request, context in try await self.acceptInvitation(request, context) }
    router.get("/ladda-upp") { request, context in try self.uploadPage(context) }
    router.post("/ladda-upp") { request, context in try await self.upload(request, context) }
    router.post("/uppladdning/:id/importera") { request, context in try await self.importUpload(request, context) }
    router.post("/uppladdning/:id/slang") { request, context in try await self.discardUpload(request, context) }
    router.get("/tavla") { request, context in try self.boardPage(context, message: nil) }
    router.post("/tavla/oppna") { request, context in try await self.openRound(request, context) }
    router.post("/tavla/stang") { request, context in try await self.closeRound(request, context) }
    router.post("/tavla/publicera") { request, context in try await self.publish(request, context) }
    router.post("/tavla/ta-bort") { request, context in try await self.deleteFile(request, context) }
    router.get("/logg") { request, context in try self.auditPage(request, context) }
    router.get("/logg.csv") { request, context in try self.auditCSV(context) }
    router.get("/rapporter") { request, context in try await self.reportsPage(context) }
    router.get("/rapporter/:round/**") { request, context in try await self.reportFile(request, context) }
    addAPIRoutes(router.group("/api/v1"))
    return router
  }

  // MARK: - Helpers

  func page(_ title: String, _ context: ServerContext, status: HTTPResponse.Status = .ok, _ body: HTML) -> Response {
    let text = Pages.page(
      title: title, language: language, account: context.account, csrf: context.csrf, local: configuration.local,
      body: body)
    return Response(
      status: status, headers: [.contentType: "text/html; charset=utf-8"],
      body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
  }

  func redirect(_ location: String) -> Response {
    Response(status: .seeOther, headers: [.location: location])
  }

  /// The signed-in account, allowed by `access`; else the refusal.
  func require(_ context: ServerContext, _ access: Access) throws -> RoundStore.Account {
    guard let account = context.account else { throw PageError(status: .unauthorized, message: say(.notSignedIn)) }
    if case .roles(let roles) = access, !roles.contains(account.role) {
      throw PageError(status: .forbidden, message: say(.notAllowed))
    }
    return account
  }

  /// A state-changing request's checks: from this site's own pages (the `Origin`, else the
  /// `Referer`, names this site: the same scheme, host and port) and, with a session,
  /// carrying its CSRF token.
  func checkOrigin(_ request: Request, _ context: ServerContext) throws {
    let site = Self.site(
      authority: request.head.authority ?? "", scheme: overTLS(request, context) ? "https" : "http")
    func same(_ url: String) -> Bool {
      guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
        let host = parsed.host?.lowercased()
      else { return false }
      return site == Self.site(host: host, port: parsed.port, scheme: scheme)
    }
    if let origin = request.headers[.origin] {
      guard origin != "null", same(origin) else {
        throw PageError(status: .forbidden, message: say(.sameOriginRefused))
      }
    } else if let referer = request.headers[.referer] {
      guard same(referer) else { throw PageError(status: .forbidden, message: say(.sameOriginRefused)) }
    } else {
      throw PageError(status: .forbidden, message: say(.sameOriginRefused))
    }
  }

  /// A site as an origin compares it: scheme, lower-case host and port, the port defaulting
  /// to the scheme's (80, 443).
  static func site(host: String, port: Int?, scheme: String) -> String {
    "\(scheme)://\(host):\(port ?? (scheme == "https" ? 443 : 80))"
  }

  /// The site a request was made to: its `Host` (`authority`), reached over `scheme`.
  static func site(authority: String, scheme: String) -> String {
    guard let url = URL(string: "\(scheme)://\(authority)"), let host = url.host?.lowercased() else {
      return "\(scheme)://\(authority.lowercased())"
    }
    return site(host: host, port: url.port, scheme: scheme)
  }

  func checkCSRF(_ request: Request, _ context: ServerContext, form: [String: String]) throws {
    try checkOrigin(request, context)
    guard let expected = context.csrf,
      let given = request.headers[Header.csrfToken] ?? form["csrf"], Secrets.same(given, expected)
    else { throw PageError(status: .forbidden, message: say(.csrfRefused)) }
  }

  /// A URL-encoded form of at most 64 KiB, read by Hummingbird's `URLEncodedFormDecoder`:
  /// each field once, as text.
  func form(_ request: Request) async throws -> [String: String] {
    let body: ByteBuffer
    do {
      body = try await request.body.collect(upTo: 65536)
    } catch {
      throw PageError(status: .contentTooLarge, message: say(.uploadBroken))
    }
    do {
      return try URLEncodedFormDecoder().decode(
        [String: String].self, from: String(decoding: body.readableBytesView, as: UTF8.self))
    } catch {
      throw PageError(status: .badRequest, message: say(.formBroken), code: "bad_form")
    }
  }

  /// The client's address: the connection's, or, from the trusted proxy only, the last
  /// address its `X-Forwarded-For` adds, when that is an IPv4 or IPv6 address (`inet_pton`
  /// reads it); anything else there is not believed, and the proxy's own address stands.
  func clientAddress(_ request: Request, _ context: ServerContext) -> String {
    let peer = context.peer ?? "unknown"
    if let proxy = configuration.trustedProxy, peer == proxy,
      let forwarded = request.headers[Header.forwardedFor]?.split(separator: ",").last
    {
      let address = forwarded.trimmingCharacters(in: .whitespaces)
      if Self.isAddress(address) { return address }
    }
    return peer
  }

  /// Whether `text` is an IPv4 or IPv6 address, as `inet_pton` reads one.
  static func isAddress(_ text: String) -> Bool {
    var buffer = [UInt8](repeating: 0, count: 16)
    return inet_pton(AF_INET, text, &buffer) == 1 || inet_pton(AF_INET6, text, &buffer) == 1
  }

  /// Whether the browser reached us over TLS: through the trusted proxy that says so.
  func overTLS(_ request: Request, _ context: ServerContext) -> Bool {
    guard let proxy = configuration.trustedProxy, context.peer == proxy else { return false }
    return request.headers[Header.forwardedProto]?.lowercased() == "https"
  }

  func sessionCookie(_ token: String, maxAge: Int, secure: Bool) -> String {
    "\(Sessions.cookieName)=\(token); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
  }

  // MARK: - Home, login, logout, invitations

  func home(_ request: Request, _ context: ServerContext) throws -> Response {
    guard let account = context.account else { return redirect("/logga-in") }
    switch account.role {
    case .coordinator: return redirect("/tavla")
    case .uploader: return redirect("/ladda-upp")
    case .reader: return redirect("/rapporter")
    }
  }

  func loginPage(_ context: ServerContext, message: String?, note: String? = nil, status: HTTPResponse.Status = .ok)
    -> Response
  {
    if configuration.local { return redirect("/") }
    let error: HTML =
      message.map { "<p class=\"error\" role=\"alert\">\($0)</p>" }
      ?? note.map { "<p class=\"ok\" role=\"status\">\($0)</p>" } ?? ""
    return page(
      say(.signIn), context, status: status,
      """
      \(error)
      <form method="post" action="/logga-in">
      <label for="namn">\(say(.userName))</label>
      <input type="text" id="namn" name="namn" autocomplete="username" required>
      <label for="losenord">\(say(.password))</label>
      <input type="password" id="losenord" name="losenord" autocomplete="current-password" required>
      <div><button type="submit">\(say(.signIn))</button></div>
      </form>
      """)
  }

  func login(_ request: Request, _ context: ServerContext) async throws -> Response {
    if configuration.local { return redirect("/") }
    try checkOrigin(request, context)
    let fields = try await form(request)
    // No account's name is longer than `Accounts.maximumNameLength`: a longer one is kept
    // (in the throttle and the audit log) cut to that length and marked, so that a login
    // costs memory and the store a bounded amount whatever is sent as the name.
    let name = Self.bounded(fields["namn"] ?? "", Accounts.maximumNameLength)
    let password = fields["losenord"] ?? ""
    let address = clientAddress(request, context)
    switch await throttle.attempt(account: name, address: address) {
    case .locked:
      if await throttle.auditsLock(account: name, address: address) { audit(name, "login-locked", detail: address) }
      return loginPage(context, message: say(.lockedOut), status: .tooManyRequests)
    case .wait(let delay): try await Task.sleep(for: delay)
    case .go: break
    }
    // At most `passwordChecksWaiting` logins wait for bcrypt: a burst of them held a right
    // password for half a minute. One more is told at once to come back, 503 (its attempt
    // stays counted by the throttle, as every attempt is when it arrives).
    guard passwordChecks.enter(limit: configuration.passwordChecksWaiting) else {
      var busy = loginPage(context, message: say(.signInBusy), status: .serviceUnavailable)
      busy.headers[.retryAfter] = "30"
      return busy
    }
    defer { passwordChecks.leave() }
    // A password is checked whether the account exists or not (`verifyAside`), so that a
    // wrong name is refused as slowly as a wrong password.
    let account = try store.account(named: name)
    let verified = await Secrets.verifyAside(
      password: password, hash: account.flatMap { $0.disabled ? nil : $0.passwordHash },
      checked: passwordChecks)
    guard let account, verified else {
      // Counted as a failure already (`attempt`).
      audit(name, "login-failed", detail: address)
      return loginPage(context, message: say(.badLogin), status: .unauthorized)
    }
    await throttle.succeeded(account: name, address: address)
    // A new session id at every login; the old one, if any, ends.
    if let old = context.sessionHash {
      try store.removeSession(tokenHash: old)
      caches.forgetSession(old)
    }
    let token = Secrets.token()
    try store.addSession(
      tokenHash: Secrets.hash(token: token), account: account.id, csrf: Secrets.token(),
      expires: Date().addingTimeInterval(configuration.sessionLifetime))
    audit(account.name, "login", detail: address)
    var response = redirect("/")
    response.headers[.setCookie] = sessionCookie(
      token, maxAge: Int(configuration.sessionLifetime), secure: overTLS(request, context))
    return response
  }

  func logout(_ request: Request, _ context: ServerContext) async throws -> Response {
    let account = try require(context, .signedIn)
    try checkCSRF(request, context, form: try await form(request))
    if let hash = context.sessionHash {
      try store.removeSession(tokenHash: hash)
      caches.forgetSession(hash)
    }
    audit(account.name, "logout")
    var response = redirect("/logga-in")
    response.headers[.setCookie] = sessionCookie("", maxAge: 0, secure: overTLS(request, context))
    return response
  }

  func invitationPage(_ context: ServerContext, message: String?, status: HTTPResponse.Status = .ok) throws -> Response
  {
    let token = context.parameters.get("token") ?? ""
    guard try store.invitation(tokenHash: Secrets.hash(token: token)) != nil else {
      return page(
        say(.invitationTitle), context, status: .notFound, "<p class=\"error\">\(say(.invitationInvalid))</p>")
    }
    let error: HTML = message.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? ""
    return page(
      say(.invitationTitle), context, status: status,
      """
      \(error)
      <form method="post" action="/inbjudan/\(token)">
      <label for="losenord">\(say(.password))</label>
      <input type="password" id="losenord" name="losenord" autocomplete="new-password" required minlength="\(Secrets.minimumPasswordLength)">
      <label for="igen">\(say(.passwordAgain))</label>
      <input type="password" id="igen" name="igen" autocomplete="new-password" required>
      <div><button type="submit">\(say(.invitationTitle))</button></div>
      </form>
      """)
  }

  func acceptInvitation(_ request: Request, _ context: ServerContext) async throws -> Response {
    try checkOrigin(request, context)
    let token = context.parameters.get("token") ?? ""
    guard let account = try store.invitation(tokenHash: Secrets.hash(token: token)) else {
      return page(
        say(.invitationTitle), context, status: .notFound, "<p class=\"error\">\(say(.invitationInvalid))</p>")
    }
    let fields = try await form(request)
    let password = fields["losenord"] ?? ""
    guard password.count >= Secrets.minimumPasswordLength else {
      return try invitationPage(
        context, message: say(.passwordTooShort(Secrets.minimumPasswordLength)), status: .badRequest)
    }
    guard password == fields["igen"] else {
      return try invitationPage(context, message: say(.passwordsDiffer), status: .badRequest)
    }
    // The invitation is used in the same transaction that sets the password: of several
    // requests with one link at once, one sets it and the others are told the link is gone.
    let hash = await Secrets.hashAside(password: password)
    guard try store.useInvitation(tokenHash: Secrets.hash(token: token), passwordHash: hash) else {
      return page(
        say(.invitationTitle), context, status: .notFound, "<p class=\"error\">\(say(.invitationInvalid))</p>")
    }
    audit(account.name, "password-set")
    return loginPage(context, message: nil, note: say(.passwordSet))
  }

  // MARK: - Published reports

  /// The rounds with a recorded publication, read through the server's own connection to
  /// the store (which an import's open transaction does not hold up).
  func publishedRounds() async throws -> [String] {
    let reading = reading
    return try await caches.publishedRounds {
      try reading.roundNames().filter { try !reading.publications(round: $0).isEmpty }
    }
  }

  /// A round's files as the store keeps them; nil when it has none yet.
  func roundFiles(_ round: String) throws -> [RoundStore.FileRecord]? {
    try reading.round(round)?.files
  }

  /// The folder a round's published report set is served from.
  func publishedFolder(_ round: String) -> String {
    configuration.publishedFolder + "/" + Self.folderName(round)
  }

  static func folderName(_ round: String) -> String {
    let slug = Slug.make(round)
    return slug.isEmpty ? "omgang-" + RoundStore.sha256(Array(round.utf8)).prefix(12) : slug
  }

  func reportsPage(_ context: ServerContext) async throws -> Response {
    _ = try require(context, .signedIn)
    let reports = try await publishedReports()
    guard !reports.isEmpty else { return page(say(.reports), context, "<p>\(say(.noReportsYet))</p>") }
    var items: [HTML] = []
    for report in reports {
      let folder = report.folder
      let links: [HTML] = report.municipalities.map { file, name in
        "<li><a href=\"/rapporter/\(folder)/kommun/\(file)\">\(name)</a></li>"
      }
      items.append(
        """
        <h2>\(say(.reportOf(report.round)))</h2>
        <p><a href="/rapporter/\(folder)/index.html">\(say(.countyReport))</a></p>
        <ul>\(links)</ul>
        """)
    }
    return page(say(.reports), context, HTML.join(items))
  }

  /// A file of a published report set, read-only: only names inside the round's folder,
  /// no links followed, no listing.
  func reportFile(_ request: Request, _ context: ServerContext) async throws -> Response {
    _ = try require(context, .signedIn)
    let folder = context.parameters.get("round") ?? ""
    let rest = context.parameters.getCatchAll().joined(separator: "/")
    let parts = rest.split(separator: "/").map(String.init)
    guard let round = try await publishedRounds().first(where: { Self.folderName($0) == folder }),
      !parts.isEmpty, parts.allSatisfy({ !$0.hasPrefix(".") && !$0.contains("\\") })
    else { throw PageError(status: .notFound, message: say(.notFound)) }
    let path = publishedFolder(round) + "/" + parts.joined(separator: "/")
    guard let file = caches.file(at: path, inside: publishedFolder(round)) else {
      throw PageError(status: .notFound, message: say(.notFound))
    }
    var headers: HTTPFields = [
      .contentType: file.type, .cacheControl: "private, no-cache", .eTag: file.entityTag, .vary: "Accept-Encoding",
    ]
    if file.matches(request.headers[.ifNoneMatch]) { return Response(status: .notModified, headers: headers) }
    var body = file.plain
    if let gzip = file.gzip, PublishedFile.acceptsGzip(request.headers[.acceptEncoding]) {
      headers[.contentEncoding] = "gzip"
      body = gzip
    }
    return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
  }
}

/// Tests only: the connection's address from `X-Test-Peer`.
struct TestPeer: RouterMiddleware {
  typealias Context = ServerContext
  func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response)
    async throws -> Response
  {
    var context = context
    context.peer = request.headers[HTTPFields.Element.Name("X-Test-Peer")!]
    return try await next(request, context)
  }
}

/// Reads the session cookie into the context: its account and CSRF token. In `--local`
/// mode every request is the one coordinator's (the server listens on loopback only).
struct Sessions: RouterMiddleware {
  typealias Context = ServerContext
  static let cookieName = "kartlagg_session"
  let server: KartlaggServer

  func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response)
    async throws -> Response
  {
    var context = context
    if request.uri.path.hasPrefix(API.prefix) {
      // The API ignores session cookies (and `--local`'s coordinator): a browser can never be
      // made to call it cross-site. Its account comes from an API token (`BearerTokens`).
      return try await next(request, context)
    }
    if server.configuration.local {
      context.account = RoundStore.Account(id: 0, name: "lokal", role: .coordinator, organisation: "lokal")
      context.csrf = server.localCSRF
    } else if let token = Self.token(request.headers[values: .cookie]) {
      let hash = Secrets.hash(token: token)
      let reading = server.reading
      if let session = try await server.caches.session(hash, read: { try reading.session(tokenHash: hash) }) {
        context.account = session.account
        context.csrf = session.csrf
        context.sessionHash = hash
      }
    }
    return try await next(request, context)
  }

  static func token(_ headers: [String]) -> String? {
    for header in headers {
      for part in header.split(separator: ";") {
        let pair = part.trimmingCharacters(in: .whitespaces)
        if pair.hasPrefix(cookieName + "=") {
          let value = String(pair.dropFirst(cookieName.count + 1))
          return value.isEmpty ? nil : value
        }
      }
    }
    return nil
  }
}

/// Refusals and unexpected failures as pages in the survey's language, never a bare 500:
/// a `PageError` with its status, the router's own (no such page, too large) with theirs.
struct PagesOnError: RouterMiddleware {
  typealias Context = ServerContext
  let server: KartlaggServer

  func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response)
    async throws -> Response
  {
    if request.uri.path.hasPrefix(API.prefix) {
      return try await API.errorsAsJSON(server, request, context, next)
    }
    do {
      return try await next(request, context)
    } catch let error as PageError {
      return server.page(error.message, context, status: error.status, "")
    } catch let error as HTTPError {
      let message = error.status == .notFound ? server.say(.notFound) : error.status.reasonPhrase
      return server.page(message, context, status: error.status, "")
    } catch let error as RoundStore.Failure {
      context.logger.error("store: \(error.description)")
      return server.page(error.description, context, status: .serviceUnavailable, "")
    }
  }
}
