import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KartlaggServer
import RoundStore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// What one client can make the server hold (the outside attack's findings 5, 6, 7 and 10):
/// idle connections, logins waiting for bcrypt, uploads waiting for their import, and the
/// audit log's pages.
@Suite struct ServerBoundsTests {
  /// A request whose header never ends is closed after the idle timeout (1 s here): read
  /// from a raw socket, the server's end closes (0 bytes) long before the 10 s this test
  /// waits. Without the timeout the connection stayed open for as long as the client liked.
  @Test func aHalfSentRequestIsClosed() async throws {
    let fixture = try ServerFixture("idle") {
      $0.port = 0
      $0.idleTimeout = .seconds(1)
    }
    try await fixture.server.application().test(.live) { client in
      let port = try #require(client.port)
      let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      try #require(socket >= 0)
      defer { close(socket) }
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_port = in_port_t(UInt16(port).bigEndian)
      address.sin_addr.s_addr = inet_addr("127.0.0.1")
      let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
      try #require(connected == 0)
      let half = Array("GET /logga-in HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".utf8)
      #expect(send(socket, half, half.count, 0) == half.count)
      var poll = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
      let ready = Glibc.poll(&poll, 1, 10_000)
      #expect(ready == 1, "the half-sent request's connection was still open after 10 s")
      var buffer = [UInt8](repeating: 0, count: 512)
      let read = ready == 1 ? recv(socket, &buffer, buffer.count, 0) : -1
      #expect(read == 0, "the server sent \(read) bytes instead of closing")
    }
  }

  /// With no room for a login waiting for its password check (`passwordChecksWaiting` 0),
  /// a login is answered at once, 503 with Retry-After and the page's words, and no
  /// password is checked; with room (the default), the same login gets in and leaves
  /// no count behind.
  @Test func aLoginBeyondTheWaitingChecksIsToldToComeBack() async throws {
    let full = try ServerFixture("busy") { $0.passwordChecksWaiting = 0 }
    try await full.server.application().test(.router) { client in
      let answer = try await client.post(
        "/logga-in", ["namn": "lasare", "losenord": ServerFixture.password], Browser())
      #expect(answer.status == .serviceUnavailable)
      #expect(answer.headers[.retryAfter] == "30")
      #expect(String(buffer: answer.body).contains("Många loggar in just nu. Försök igen om en halv minut."))
    }
    #expect(full.server.passwordChecks.checked.isEmpty)
    #expect(full.server.passwordChecks.inProgress == 0)
    let room = try ServerFixture("not-busy")
    try await room.server.application().test(.router) { client in
      _ = try await client.signIn("lasare")
    }
    #expect(room.server.passwordChecks.checked.count == 1)
    #expect(room.server.passwordChecks.inProgress == 0)
  }

  /// An organisation's uploads waiting for their import are bounded: with room for two
  /// files, Torsås's third is refused (429, the form says why and what to do) while a new
  /// upload of a waiting name replaces it; with room for one file's bytes, a second file
  /// is refused. Before, an uploader kept 4 × 44 MB waiting for an hour, and could keep more.
  @Test func waitingUploadsAreBounded() async throws {
    let bytes = try ServerLimitsTests.bytes(ServerFixture.example("torsas.csv"))
    let files = try ServerFixture("waiting-files") { $0.waitingFiles = 2 }
    try await files.server.application().test(.router) { client in
      let coordinator = try await client.signIn("samordnare")
      _ = try await client.post("/tavla/oppna", ["omgang": "2026"], coordinator)
      let torsas = try await client.signIn("torsas")
      for name in ["a.csv", "b.csv"] {
        #expect(try await client.upload(name, bytes, torsas).status == .ok)
      }
      let third = try await client.upload("c.csv", bytes, torsas)
      #expect(third.status == .tooManyRequests)
      let page = String(buffer: third.body)
      #expect(page.contains("Er organisation har redan 2 filer som väntar på import i omgång 2026"), "\(page)")
      #expect(page.contains("Importera eller ta bort någon av de väntande först"))
      #expect(try await client.upload("a.csv", bytes, torsas).status == .ok)
      // Another organisation has room of its own.
      let kalmar = try await client.signIn("kalmar")
      let theirs = try ServerLimitsTests.bytes(ServerFixture.example("kalmar.csv"))
      #expect(try await client.upload("kalmar.csv", theirs, kalmar).status == .ok)
    }
    let waiting = try RoundStore.open(at: files.workspace + "/kartlagg.sqlite").uploads(organisation: nil)
    #expect(waiting.map(\.name).sorted() == ["kalmar.csv", "torsas-a.csv", "torsas-b.csv"])
    let room = try ServerFixture("waiting-bytes") { $0.waitingBytes = bytes.count + 100 }
    try await room.server.application().test(.router) { client in
      let coordinator = try await client.signIn("samordnare")
      _ = try await client.post("/tavla/oppna", ["omgang": "2026"], coordinator)
      let torsas = try await client.signIn("torsas")
      #expect(try await client.upload("a.csv", bytes, torsas).status == .ok)
      #expect(try await client.upload("b.csv", bytes, torsas).status == .tooManyRequests)
    }
  }

  /// 450 entries: the page shows 200 at a time, the newest first, linked to the next 200
  /// and back to the newest; the API answers them in pages, the oldest first, with `next`
  /// until the last, every entry once; a bad `limit` or `after` is 400 `bad_query`.
  @Test func theAuditLogIsPaged() async throws {
    let fixture = try ServerFixture("audit-pages")
    let store = try RoundStore.open(at: fixture.workspace + "/kartlagg.sqlite")
    for i in 0..<450 { try store.audit(RoundStore.AuditEntry(user: "u\(i)", action: "test", detail: "nr \(i)")) }
    #expect(try store.auditLog().count >= 450)
    let token = try fixture.token("samordnare")
    try await fixture.server.application().test(.router) { client in
      let coordinator = try await client.signIn("samordnare")
      var uri = "/logg"
      var pages: [[String]] = []
      while pages.count < 10 {
        let page = String(buffer: try await client.execute(uri: uri, method: .get, headers: coordinator.headers).body)
        // Each row's first cell, its time.
        pages.append(
          page.components(separatedBy: "<tr><td>").dropFirst().map { $0.components(separatedBy: "</td>")[0] })
        #expect(page.contains("Här visas 200 poster åt gången, de nyaste först."))
        #expect(page.contains("<a href=\"/logg\">Till de nyaste posterna</a>") == (pages.count > 1))
        guard let link = page.range(of: #"/logg\?fore=[0-9]+"#, options: .regularExpression) else { break }
        #expect(page.contains("Nästa 200 äldre poster"))
        uri = String(page[link])
      }
      // Every entry once, the newest first, over three pages: 200, 200 and the rest (the
      // 450 and the sign-in's and the token's own).
      let now = try store.auditLog()
      #expect(pages.map(\.count) == [200, 200, now.count - 400])
      #expect(Array(pages.joined()) == now.reversed().map(\.at))

      var after: Int64? = nil
      var ids: [Int64] = []
      var answers = 0
      repeat {
        let answer = try await client.api(
          .get, "/api/v1/audit?limit=100" + (after.map { "&after=\($0)" } ?? ""), token: token)
        #expect(answer.status == .ok)
        let page = try JSONDecoder().decode(AuditPage.self, from: Data(answer.body.readableBytesView))
        ids += page.entries.map(\.id)
        after = page.next
        answers += 1
      } while after != nil && answers < 20
      let all = try store.auditLog().map(\.id)
      #expect(ids == all)
      #expect(answers == all.count / 100 + 1)
      for bad in ["limit=0", "limit=1001", "limit=x", "after=-1", "after=y"] {
        let answer = try await client.api(.get, "/api/v1/audit?" + bad, token: token)
        #expect(answer.status == .badRequest, "\(bad)")
        #expect(String(buffer: answer.body).contains("\"error\":\"bad_query\""), "\(bad)")
      }
    }
  }

  struct AuditPage: Decodable {
    struct Entry: Decodable { var id: Int64 }
    var entries: [Entry]
    var next: Int64?
  }
}
