import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RoundStore
import Testing
import Yams

@testable import KartlaggServer

/// The JSON API (docs/server.md, "The API"; openapi.yaml): every API route × role with API
/// tokens, session cookies ignored, openapi.yaml against `Routes.table`, the page and the
/// API giving one check, a municipality's scripted round, and the tokens' refusals.
@Suite struct APITests {
  static let roles: [RoundStore.Role?] = [nil, .coordinator, .uploader, .reader]

  /// The example with line 2 (its first respondent) a field short and, on line 3, column 5
  /// (`behov_komplexa_nu`, a 1–5 scale) 9 instead of 3. By hand: `python3 -c "import csv;
  /// r=list(csv.reader(open('Surveys/examples/torsas.csv', newline='')));
  /// print(len(r)-1, len(r[0]), r[0][4], r[2][:5])"` prints `15 128 behov_komplexa_nu
  /// ['TOR-1002', '0834', 'Kommun', 'Meso', '3']`, and the second respondent starts on line 3
  /// (the first is one line): 15 rows read, 14 accepted, 1 rejected at line 2 (127 fields of
  /// 128), one problem at line 3, column 5.
  static func badTorsas() throws -> [UInt8] {
    var lines = String(decoding: try bytes("torsas.csv"), as: UTF8.self).components(separatedBy: "\n")
    lines[1] = String(lines[1][..<lines[1].lastIndex(of: ",")!])
    var fields = lines[2].components(separatedBy: ",")
    fields[4] = "9"
    lines[2] = fields.joined(separator: ",")
    return Array(lines.joined(separator: "\n").utf8)
  }

  static func bytes(_ example: String) throws -> [UInt8] {
    try [UInt8](Data(contentsOf: URL(fileURLWithPath: ServerFixture.example(example))))
  }

  @Test func everyAPIRouteAndRole() async throws {
    let fixture = try ServerFixture("api-routes")
    let tokens: [RoundStore.Role: String] = [
      .coordinator: try fixture.token("samordnare"), .uploader: try fixture.token("torsas"),
      .reader: try fixture.token("lasare"),
    ]
    try await fixture.server.application().test(.router) { client in
      let cookie = try await client.signIn("samordnare")
      let routes = Routes.table.filter { $0.path.hasPrefix("/api/v1/") }
      #expect(routes.count == 14)
      for route in routes {
        let uri = route.path.replacingOccurrences(of: "{id}", with: "y").replacingOccurrences(
          of: "{round}", with: "2026"
        )
        .replacingOccurrences(of: "{name}", with: "x.csv")
        let method = HTTPRequest.Method(route.method)!
        for role in Self.roles {
          let response = try await client.api(
            method, uri, token: role.flatMap { tokens[$0] }, json: #"{"name":"2026"}"#)
          let refused = response.status == .forbidden || response.status == .unauthorized
          let expected = AuthorizationTests.allowed(route.access, role)
          #expect(
            refused == !expected, "\(route.method) \(route.path) as \(String(describing: role)): \(response.status)")
          #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(route.path)")
          #expect(response.status.code < 500, "\(route.method) \(route.path): \(response.status)")
          if refused {
            let body = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
            #expect(body?["error"] is String && body?["message"] is String, "\(route.path)")
          }
        }
        // A coordinator's session cookie (with its CSRF token and same origin) is no
        // account on the API: a browser can never be made to call it.
        var headers = cookie.headers
        headers[.contentType] = "application/json"
        headers[Header.csrfToken] = cookie.csrf
        let withCookie = try await client.execute(
          uri: uri, method: method, headers: headers, body: ByteBuffer(string: #"{"name":"2026"}"#))
        #expect(withCookie.status == .unauthorized, "\(route.method) \(route.path) with a cookie: \(withCookie.status)")
      }
    }
  }

  /// openapi.yaml's paths and methods are exactly the API routes of `Routes.table`, and
  /// each operation says what a missing token gets.
  @Test func openAPIDescribesEveryRoute() throws {
    let text = try String(contentsOfFile: repositoryRoot + "/openapi.yaml", encoding: .utf8)
    let document = try #require(try Yams.load(yaml: text) as? [String: Any])
    #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
    let servers = try #require(document["servers"] as? [[String: Any]])
    #expect(servers.first?["url"] as? String == "/api/v1")
    let paths = try #require(document["paths"] as? [String: [String: Any]])
    var described: Set<String> = []
    for (path, operations) in paths {
      for (method, operation) in operations {
        described.insert(method.uppercased() + " /api/v1" + path)
        let responses = (operation as? [String: Any])?["responses"] as? [String: Any]
        #expect(responses?["401"] != nil, "\(method) \(path) says nothing of a missing token")
      }
    }
    let routed = Set(Routes.table.filter { $0.path.hasPrefix("/api/") }.map { $0.method + " " + $0.path })
    #expect(
      described == routed,
      "only in openapi.yaml: \(described.subtracting(routed)); only routed: \(routed.subtracting(described))")
  }

  /// The page and the API check one file alike: the same counts, the same problems.
  @Test func pageAndAPIUploadsAgree() async throws {
    let fixture = try ServerFixture("api-same")
    let token = try fixture.token("torsas")
    try await fixture.server.application().test(.router) { client in
      let coordinator = try await client.signIn("samordnare")
      _ = try await client.post("/tavla/oppna", ["omgang": "2026"], coordinator)
      let torsas = try await client.signIn("torsas")
      let page = String(buffer: try await client.upload("torsas.csv", try Self.badTorsas(), torsas).body)
      let response = try await client.apiUpload("torsas.csv", try Self.badTorsas(), token: token)
      #expect(response.status == .created)
      let check = try JSONDecoder().decode(API.Check.self, from: Data(response.body.readableBytesView))
      // By hand (python's csv, above): 15 read, 14 accepted, 1 rejected at line 2.
      #expect(check.upload.read == 15 && check.upload.accepted == 14 && check.upload.rejected == 1)
      #expect(check.upload.problemCount == 1)
      #expect(check.upload.readable && check.upload.name == "torsas.csv" && check.upload.round == "2026")
      #expect(page.contains("15 rader lästa, 14 godtagna, 1 avvisade"))
      #expect(check.summary == "15 rader lästa, 14 godtagna, 1 avvisade; 1 svar som inte kunde läsas.")
      #expect(page.contains(check.summary))
      #expect(check.problems.map(\.line) == [3] && check.problems.map(\.column) == [5])
      #expect(check.problems[0].message.hasPrefix("behov_komplexa_nu: ") && check.problems[0].message.contains("'9'"))
      // Each problem of the API is a row of the page's table, at the same line and column.
      #expect(!check.problems.isEmpty)
      for p in check.problems {
        let row =
          "<tr><td class=\"num\">\(p.line > 0 ? String(p.line) : "–")</td><td class=\"num\">\(p.column > 0 ? String(p.column) : "–")</td><td>"
        #expect(page.contains(row), "\(p)")
      }
      #expect(check.rejectedRows.count == 1 && check.rejectedRows[0].line == 2)
      let reason = check.rejectedRows[0].reason
      #expect(reason.contains("127") && reason.contains("128") && page.contains(reason))
      #expect(check.rejectedRows[0].cells.first == "TOR-1001" && page.contains("TOR-1001"))
      // The page's upload waited under the same name: the API's replaced it.
      let waiting = try JSONDecoder().decode(
        API.Uploads.self,
        from: Data((try await client.api(.get, "/api/v1/uploads", token: token)).body.readableBytesView))
      #expect(waiting.uploads.map(\.id) == [check.upload.id])
    }
  }

  /// A municipality's script: its token; an upload with a bad row and its problem at line
  /// and column; the fixed file; its import; the coordinator publishes through the API; a
  /// reader lists the published reports.
  /// On the mini survey with Torsås (`ServerFixture.miniWithTorsas`): `torsasExport` and
  /// `badTorsasExport`, the same script on 15 rows of 9 fields where Torsås's example on the
  /// county survey took most of the test's 3.8 s of CPU.
  @Test func scriptedRound() async throws {
    let fixture = try ServerFixture("api-flow", survey: ServerFixture.miniWithTorsas)
    let export = Array(ServerFixture.torsasExport().utf8)
    let coordinator = try fixture.token("samordnare")
    let torsas = try fixture.token("torsas")
    let kalmar = try fixture.token("kalmar")
    let reader = try fixture.token("lasare")
    try await fixture.server.application().test(.router) { client in
      // No round open yet: the upload is refused with its code, nothing kept.
      let early = try await client.apiUpload("torsas.csv", export, token: torsas)
      #expect(early.status == .conflict && String(buffer: early.body).contains("\"error\":\"no_open_round\""))
      let opened = try await client.api(.post, "/api/v1/rounds", token: coordinator, json: #"{"name":"2026"}"#)
      #expect(opened.status == .created && String(buffer: opened.body) == #"{"open":"2026"}"#)
      let round = String(buffer: try await client.api(.get, "/api/v1/round", token: torsas).body)
      #expect(round == #"{"open":"2026"}"#)

      let bad = try await client.apiUpload("torsas.csv", ServerFixture.badTorsasExport(), token: torsas)
      let check = try JSONDecoder().decode(API.Check.self, from: Data(bad.body.readableBytesView))
      #expect(check.problems.map { "\($0.line):\($0.column)" } == ["3:5"])
      #expect(check.rejectedRows.map(\.line) == [2] && check.rejectedRows[0].reason.contains("8 fält"))

      let fixed = try await client.apiUpload("torsas.csv", export, token: torsas)
      let good = try JSONDecoder().decode(API.Check.self, from: Data(fixed.body.readableBytesView))
      #expect(good.upload.read == 15 && good.upload.accepted == 15 && good.upload.rejected == 0)
      #expect(good.problems.isEmpty && good.rejectedRows.isEmpty)
      // Kalmar cannot import or discard Torsås's upload: as if it did not exist.
      let stolen = try await client.api(.post, "/api/v1/uploads/\(good.upload.id)/import", token: kalmar)
      #expect(stolen.status == .notFound && String(buffer: stolen.body).contains("\"error\":\"upload_gone\""))
      #expect(try await client.api(.delete, "/api/v1/uploads/\(good.upload.id)", token: kalmar).status == .notFound)

      let imported = try await client.api(.post, "/api/v1/uploads/\(good.upload.id)/import", token: torsas)
      #expect(imported.status == .ok)
      let outcome = try JSONDecoder().decode(API.Imported.self, from: Data(imported.body.readableBytesView))
      #expect(outcome.outcome == "added" && outcome.file == "torsas.csv" && outcome.round == "2026")
      #expect(outcome.message == "torsas.csv är importerad till omgång 2026.")
      let files = try JSONDecoder().decode(
        API.Files.self, from: Data((try await client.api(.get, "/api/v1/files", token: torsas)).body.readableBytesView))
      #expect(files.files.map(\.name) == ["torsas.csv"] && files.files[0].accepted == 15)
      #expect(files.files[0].importedBy == "torsas")
      let kalmarFiles = String(buffer: try await client.api(.get, "/api/v1/files", token: kalmar).body)
      #expect(kalmarFiles == #"{"files":[],"round":"2026"}"#)

      let board = try JSONDecoder().decode(
        API.Board.self,
        from: Data((try await client.api(.get, "/api/v1/board", token: coordinator)).body.readableBytesView))
      #expect(board.open == "2026")
      let torsasRow = try #require(board.organisations.first { $0.name == "Torsås" })
      #expect(torsasRow.files.map(\.name) == ["torsas.csv"] && torsasRow.accepted == 15)
      #expect(board.organisations.first { $0.name == "Kalmar" }?.files.isEmpty == true)

      let published = try await client.api(.post, "/api/v1/rounds/2026/publish", token: coordinator)
      #expect(published.status == .ok, "\(String(buffer: published.body))")
      #expect(String(buffer: published.body).contains(#""url":"/rapporter/2026/index.html""#))
      let reports = try JSONDecoder().decode(
        API.Reports.self,
        from: Data((try await client.api(.get, "/api/v1/reports", token: reader)).body.readableBytesView))
      #expect(reports.reports.map(\.round) == ["2026"])
      #expect(
        reports.reports[0].municipalities.contains {
          $0.name == "Torsås" && $0.url == "/rapporter/2026/kommun/torsas.html"
        })
      // The reader, with its cookie, reads the page the API names.
      let browser = try await client.signIn("lasare")
      let county = try await client.execute(uri: reports.reports[0].url, method: .get, headers: browser.headers)
      #expect(county.status == .ok)

      // Every API action is in the audit log, by its account.
      let audit = try JSONDecoder().decode(
        API.Audit.self,
        from: Data((try await client.api(.get, "/api/v1/audit", token: coordinator)).body.readableBytesView))
      let actions = audit.entries.map { $0.user + " " + $0.action }
      for expected in ["samordnare open", "torsas upload", "torsas import", "samordnare publish"] {
        #expect(actions.contains(expected), "\(expected)")
      }
      // Closing: the round that was open is named, and none is.
      let closed = try await client.api(.post, "/api/v1/round/close", token: coordinator)
      #expect(String(buffer: closed.body) == #"{"closed":"2026"}"#)
    }
  }

  /// Tokens: a wrong one, an expired one, a disabled or removed account's, and a removed
  /// token are refused; the right one after them works; never a session.
  @Test func tokensRefused() async throws {
    // Wrong tokens slow their address down after three (the logins' rule): by a millisecond here.
    let fixture = try ServerFixture("api-tokens") {
      $0.throttle.account = LoginThrottle.Policy(
        slowAfter: 3, lockAfter: 100, window: 3600, lockFor: 1, step: .milliseconds(1))
    }
    let torsas = try fixture.token("torsas")
    let kalmar = try fixture.token("kalmar")
    let reader = try fixture.token("lasare")
    let store = try RoundStore.open(at: fixture.workspace + "/kartlagg.sqlite")
    let expired = Secrets.token()
    #expect(
      try store.addToken(
        account: "torsas", tokenHash: Secrets.hash(token: expired), expires: Date().addingTimeInterval(-1)))
    try await fixture.server.application().test(.router) { client in
      func status(_ token: String?, header: String? = nil) async throws -> HTTPResponse.Status {
        var headers: HTTPFields = [:]
        if let header { headers[.authorization] = header }
        if let token { headers[.authorization] = "Bearer " + token }
        return try await client.execute(uri: "/api/v1/me", method: .get, headers: headers).status
      }
      #expect(try await status(torsas) == .ok)
      let me = String(buffer: try await client.api(.get, "/api/v1/me", token: torsas).body)
      #expect(me == #"{"municipality":"Torsås","name":"torsas","organisation":"Torsås","role":"uploader"}"#)
      let missing = try await client.execute(uri: "/api/v1/me", method: .get, headers: [:])
      #expect(missing.status == .unauthorized && missing.headers[.wwwAuthenticate] == "Bearer")
      #expect(String(buffer: missing.body).contains("Authorization: Bearer"))
      // Its first character changed (a token starts with "x" once in 64: then "y").
      let wrong = try await client.api(
        .get, "/api/v1/me", token: (torsas.hasPrefix("x") ? "y" : "x") + torsas.dropFirst())
      #expect(wrong.status == .unauthorized && String(buffer: wrong.body).contains("\"error\":\"token_refused\""))
      #expect(try await status(nil, header: "Basic " + torsas) == .unauthorized)
      #expect(try await status(expired) == .unauthorized)
      // A disabled account's token, a removed account's, a removed token.
      #expect(Accounts.disable(workspace: fixture.workspace, name: "torsas").exitCode == 0)
      #expect(try await status(torsas) == .unauthorized)
      #expect(try await status(kalmar) == .ok)
      #expect(Accounts.remove(workspace: fixture.workspace, name: "kalmar").exitCode == 0)
      #expect(try await status(kalmar) == .unauthorized)
      #expect(try await status(reader) == .ok)
      let listed = APITokens.list(workspace: fixture.workspace, name: "lasare")
      let id = try #require(listed.lines.first?.split(separator: "\t").first.map(String.init))
      #expect(id == String(Secrets.hash(token: reader).prefix(12)))
      #expect(!listed.lines.joined().contains(reader))
      #expect(APITokens.remove(workspace: fixture.workspace, name: "lasare", id: id).exitCode == 0)
      #expect(try await status(reader) == .unauthorized)
      let log = try store.auditLog()
      #expect(log.filter { $0.action == "token-refused" }.count == 6)
      #expect(!log.contains { ($0.detail ?? "").contains(torsas) || ($0.detail ?? "").contains(reader) })
    }
  }

  /// Wrong tokens from one address slow it down and then lock it, like failed logins, even
  /// for a right token; another address is not affected.
  @Test func wrongTokensThrottled() async throws {
    let fixture = try ServerFixture("api-throttle") {
      $0.throttle.account = LoginThrottle.Policy(
        slowAfter: 2, lockAfter: 3, window: 3600, lockFor: 3600, step: .milliseconds(10))
    }
    let token = try fixture.token("torsas")
    try await Application(router: fixture.server.router(testPeerHeader: true)).test(.router) { client in
      func status(_ token: String, from address: String) async throws -> HTTPResponse.Status {
        var headers: HTTPFields = [.authorization: "Bearer " + token]
        headers[HTTPField.Name("X-Test-Peer")!] = address
        return try await client.execute(uri: "/api/v1/me", method: .get, headers: headers).status
      }
      for _ in 0..<3 { #expect(try await status("fel", from: "203.0.113.7") == .unauthorized) }
      #expect(try await status(token, from: "203.0.113.7") == .tooManyRequests)
      #expect(try await status(token, from: "203.0.113.8") == .ok)
      let log = try RoundStore.open(at: fixture.workspace + "/kartlagg.sqlite").auditLog().map(\.action)
      #expect(log.contains("token-locked"))
    }
  }

  /// `token add`: a token printed once, of 256 bits; refused for no account, a disabled
  /// one, and days out of range.
  @Test func tokenCommands() throws {
    let fixture = try ServerFixture("api-token-commands")
    let added = APITokens.add(workspace: fixture.workspace, name: "torsas", days: 30)
    #expect(added.exitCode == 0 && added.lines.count == 2)
    // 32 bytes as base64 without padding: 43 characters.
    #expect(added.lines[1].count == 43)
    #expect(APITokens.add(workspace: fixture.workspace, name: "ingen", days: 30).exitCode == 1)
    #expect(APITokens.add(workspace: fixture.workspace, name: "torsas", days: 0).exitCode == 1)
    _ = Accounts.disable(workspace: fixture.workspace, name: "kalmar")
    #expect(APITokens.add(workspace: fixture.workspace, name: "kalmar", days: 30).exitCode == 1)
    #expect(APITokens.remove(workspace: fixture.workspace, name: "torsas", id: "zz").exitCode == 1)
    #expect(
      APITokens.remove(workspace: fixture.workspace, name: "torsas", id: nil).lines == [
        "tog bort 1 API-nyckel för 'torsas'"
      ])
  }
}

extension ServerFixture {
  /// A new API token of `name` (`kartlagg-server token add`), as it is printed.
  func token(_ name: String) throws -> String {
    let added = APITokens.add(workspace: workspace, name: name, days: 1)
    guard added.exitCode == 0, added.lines.count == 2 else {
      throw FixtureError(description: added.lines.joined(separator: "\n"))
    }
    return added.lines[1]
  }
}

extension TestClientProtocol {
  /// An API request with a token and, when given, a JSON body.
  func api(_ method: HTTPRequest.Method, _ uri: String, token: String?, json: String? = nil) async throws
    -> TestResponse
  {
    var headers: HTTPFields = [:]
    if let token { headers[.authorization] = "Bearer " + token }
    if json != nil { headers[.contentType] = "application/json" }
    return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
  }

  /// A script's upload: multipart/form-data with one field `file`, and the token.
  func apiUpload(_ name: String, _ bytes: [UInt8], token: String) async throws -> TestResponse {
    let boundary = "----kartlaggapi7MA4YWxkTrZu0gW"
    var body = Array(
      "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: text/csv\r\n\r\n"
        .utf8)
    body += bytes
    body += Array("\r\n--\(boundary)--\r\n".utf8)
    let headers: HTTPFields = [
      .authorization: "Bearer " + token, .contentType: "multipart/form-data; boundary=\(boundary)",
    ]
    return try await execute(uri: "/api/v1/uploads", method: .post, headers: headers, body: ByteBuffer(bytes: body))
  }
}
