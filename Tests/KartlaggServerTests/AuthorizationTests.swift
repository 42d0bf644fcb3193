import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KartlaggServer
import RoundStore
import Testing

/// Every route × every role (docs/server.md's table, `Routes.table`): a role the table
/// does not allow is refused (401 signed out, 403 signed in) even with a valid CSRF token,
/// and one it allows is not.
@Suite struct AuthorizationTests {
  static let roles: [RoundStore.Role?] = [nil, .coordinator, .uploader, .reader]

  static func allowed(_ access: Access, _ role: RoundStore.Role?) -> Bool {
    switch access {
    case .anyone: return true
    case .signedIn: return role != nil
    case .roles(let roles): return role.map { roles.contains($0) } ?? false
    }
  }

  @Test func everyRouteAndRole() async throws {
    let fixture = try ServerFixture("routes")
    try await fixture.server.application().test(.router) { client in
      var browsers: [RoundStore.Role: Browser] = [:]
      browsers[.coordinator] = try await client.signIn("samordnare")
      browsers[.uploader] = try await client.signIn("torsas")
      browsers[.reader] = try await client.signIn("lasare")
      for route in Routes.table {
        let uri = route.path.replacingOccurrences(of: "{token}", with: "x").replacingOccurrences(of: "{id}", with: "y")
          .replacingOccurrences(of: "{round}", with: "2026").replacingOccurrences(of: "{path...}", with: "index.html")
        // Signing out would end the browser's session for the routes after it. The API's
        // routes take API tokens, not cookies: APITests.everyAPIRouteAndRole has their cells.
        if route.path == "/logga-ut" || route.path.hasPrefix("/api/") { continue }
        for role in Self.roles {
          let browser = role.flatMap { browsers[$0] } ?? Browser()
          let response =
            route.method == "GET"
            ? try await client.execute(uri: uri, method: .get, headers: browser.headers)
            : try await client.post(uri, ["omgang": "2026", "fil": "x.csv"], browser)
          let refused =
            response.status == .forbidden || response.status == .unauthorized
            || (response.status == .seeOther && response.headers[.location] == "/logga-in")
          let expected = Self.allowed(route.access, role)
          // A failed login is its own 401: the anyone-routes are only checked for a 403.
          if route.access == .anyone {
            #expect(response.status != .forbidden, "\(route.method) \(route.path) as \(String(describing: role))")
          } else {
            #expect(
              refused == !expected,
              "\(route.method) \(route.path) as \(String(describing: role)): \(response.status)")
          }
        }
      }
      // Signing out: only with a session.
      let signedOut = try await client.post("/logga-ut", [:], Browser())
      #expect(signedOut.status == .unauthorized)
    }
  }

  /// An uploader never sees another organisation's upload or check: not on its page, not
  /// by its id (as if it did not exist), not on the board.
  @Test func uploadersSeeOnlyTheirOwn() async throws {
    // On the mini survey, Högsby's uploader in Torsås's place: what is tested is who sees an
    // upload, and Torsås's import on the county survey took most of the test's 2.2 s of CPU.
    let fixture = try ServerFixture(
      "own", survey: TestSurveys.mini,
      accounts: [
        ("samordnare", .coordinator, nil), ("hogsby", .uploader, "Högsby"), ("kalmar", .uploader, "Kalmar"),
        ("lasare", .reader, nil),
      ])
    try await fixture.server.application().test(.router) { client in
      let coordinator = try await client.signIn("samordnare")
      #expect(try await client.post("/tavla/oppna", ["omgang": "2026"], coordinator).status == .seeOther)
      let hogsby = try await client.signIn("hogsby")
      let kalmar = try await client.signIn("kalmar")
      let bytes = Array(TestSurveys.miniExport(from: 0).utf8)
      let checked = try await client.upload("hogsby.csv", bytes, hogsby)
      #expect(checked.status == .ok)
      let page = String(buffer: checked.body)
      let id = try #require(page.range(of: "/uppladdning/").map { String(page[$0.upperBound...].prefix(43)) })
      // Kalmar's page does not list it; its import and discard are "gone" for Kalmar.
      let kalmarPage = String(
        buffer: try await client.execute(uri: "/ladda-upp", method: .get, headers: kalmar.headers).body)
      #expect(!kalmarPage.contains("hogsby.csv") && !kalmarPage.contains(id))
      #expect(try await client.post("/uppladdning/\(id)/importera", [:], kalmar).status == .notFound)
      #expect(try await client.post("/uppladdning/\(id)/slang", [:], kalmar).status == .notFound)
      // Högsby's own page does.
      let ownPage = String(
        buffer: try await client.execute(uri: "/ladda-upp", method: .get, headers: hogsby.headers).body)
      #expect(ownPage.contains("hogsby.csv") && ownPage.contains(id))
      // The import lands, and Kalmar still sees nothing of it; the board is the coordinator's.
      let imported = try await client.post("/uppladdning/\(id)/importera", [:], hogsby)
      #expect(String(buffer: imported.body).contains("hogsby.csv är importerad till omgång 2026"))
      let after = String(
        buffer: try await client.execute(uri: "/ladda-upp", method: .get, headers: kalmar.headers).body)
      #expect(!after.contains("hogsby.csv"))
      #expect(try await client.execute(uri: "/tavla", method: .get, headers: kalmar.headers).status == .forbidden)
      let board = String(
        buffer: try await client.execute(uri: "/tavla", method: .get, headers: coordinator.headers).body)
      #expect(board.contains("hogsby.csv") && board.contains("Högsby"))
      // A reader cannot upload.
      let reader = try await client.signIn("lasare")
      #expect(try await client.upload("x.csv", bytes, reader).status == .forbidden)
    }
  }
}
