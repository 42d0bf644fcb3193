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
    let fixture = try ServerFixture("own")
    try await fixture.server.application().test(.router) { client in
      let coordinator = try await client.signIn("samordnare")
      #expect(try await client.post("/tavla/oppna", ["omgang": "2026"], coordinator).status == .seeOther)
      let torsas = try await client.signIn("torsas")
      let kalmar = try await client.signIn("kalmar")
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: ServerFixture.example("torsas.csv"))))
      let checked = try await client.upload("torsas.csv", bytes, torsas)
      #expect(checked.status == .ok)
      let page = String(buffer: checked.body)
      let id = try #require(page.range(of: "/uppladdning/").map { String(page[$0.upperBound...].prefix(43)) })
      // Kalmar's page does not list it; its import and discard are "gone" for Kalmar.
      let kalmarPage = String(
        buffer: try await client.execute(uri: "/ladda-upp", method: .get, headers: kalmar.headers).body)
      #expect(!kalmarPage.contains("torsas.csv") && !kalmarPage.contains(id))
      #expect(try await client.post("/uppladdning/\(id)/importera", [:], kalmar).status == .notFound)
      #expect(try await client.post("/uppladdning/\(id)/slang", [:], kalmar).status == .notFound)
      // Torsås's own page does.
      let torsasPage = String(
        buffer: try await client.execute(uri: "/ladda-upp", method: .get, headers: torsas.headers).body)
      #expect(torsasPage.contains("torsas.csv") && torsasPage.contains(id))
      // The import lands, and Kalmar still sees nothing of it; the board is the coordinator's.
      let imported = try await client.post("/uppladdning/\(id)/importera", [:], torsas)
      #expect(String(buffer: imported.body).contains("torsas.csv är importerad till omgång 2026"))
      let after = String(
        buffer: try await client.execute(uri: "/ladda-upp", method: .get, headers: kalmar.headers).body)
      #expect(!after.contains("torsas.csv"))
      #expect(try await client.execute(uri: "/tavla", method: .get, headers: kalmar.headers).status == .forbidden)
      let board = String(
        buffer: try await client.execute(uri: "/tavla", method: .get, headers: coordinator.headers).body)
      #expect(board.contains("torsas.csv") && board.contains("Torsås"))
      // A reader cannot upload.
      let reader = try await client.signIn("lasare")
      #expect(try await client.upload("x.csv", bytes, reader).status == .forbidden)
    }
  }
}
