import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KartlaggCLI
import KartlaggServer
import RoundStore
import Testing

/// The server's limits and housekeeping (issue 26's open findings): checks that wait their
/// turn, published folders of one name, the audit log's retention, organisations'
/// municipalities.
@Suite struct ServerLimitsTests {
  static func bytes(_ path: String) throws -> [UInt8] { try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) }

  /// Six organisations upload at once with `--checks 1`: every upload is checked and shown,
  /// and never more than one check ran at once.
  @Test func checksWaitTheirTurn() async throws {
    let names = ["torsas", "kalmar", "nybro", "borgholm", "emmaboda", "hogsby"]
    let fixture = try ServerFixture(
      "checks", accounts: [("samordnare", .coordinator, nil)], organisations: names.map { "org-" + $0 }
    ) { $0.checks = 1 }
    try await fixture.server.application().test(.router) { client in
      let coordinator = try await client.signIn("samordnare")
      _ = try await client.post("/tavla/oppna", ["omgang": "2026"], coordinator)
      try await withThrowingTaskGroup(of: (String, String).self) { group in
        for name in names {
          group.addTask {
            let browser = try await client.signIn("org-" + name)
            let page = try await client.upload(
              name + ".csv", try Self.bytes(ServerFixture.example(name + ".csv")), browser)
            return (name, String(buffer: page.body))
          }
        }
        for try await (name, page) in group {
          #expect(page.contains("rader lästa") && page.contains("/importera"), "\(name): \(page)")
        }
      }
    }
    #expect(fixture.server.checksAtOnce == 1)
  }
}
