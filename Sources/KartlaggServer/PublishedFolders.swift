import Foundation
import Hummingbird
import Reporting
import RoundStore

/// One published folder per round: a round's report set is served from
/// `publicerat/<folderName(round)>`, and two names whose folder names are one ("C21" and
/// "c21", "2026/1" and "2026-1") would write over each other's pages. So a round is neither
/// opened nor published while another round of the store (imported, opened by the server,
/// or published) has its folder name (docs/server.md).
extension KartlaggServer {
  /// The other round whose published folder is `round`'s, if there is one.
  func roundSharingFolder(with round: String) throws -> String? {
    let folder = Self.folderName(round)
    var known = Set(try reading.roundNames())
    known.formUnion(try store.serverRounds())
    return known.sorted().first { $0 != round && Self.folderName($0) == folder }
  }

  /// Refuses `round` (409, `shared_folder`) when it would share another round's published
  /// folder.
  func requireOwnFolder(_ round: String) throws {
    guard let other = try roundSharingFolder(with: round) else { return }
    throw PageError(
      status: .conflict, message: say(.sharedFolder(round, other, "publicerat/" + Self.folderName(round))),
      code: "shared_folder")
  }
}
