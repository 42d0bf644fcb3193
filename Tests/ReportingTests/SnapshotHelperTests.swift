import Foundation
import Testing

/// Golden files are read beside the test's source (`#filePath`), not from the bundle's
/// build-time copy: a golden file changed in the source tree, as a record run changes it,
/// is what the next compare reads, without a rebuild.
@Suite(.serialized) struct SnapshotHelperTests {
  @Test func theSourceTreesGoldenFileIsCompared() throws {
    let name = "probe-\(getpid()).txt"
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "Fixtures/golden/" + name
    ).path
    #expect(Golden.path(name) == path)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(Golden.difference(Array("a".utf8), name)?.hasPrefix("no golden file ") == true)
    try Data("first\n".utf8).write(to: URL(fileURLWithPath: path))
    #expect(Golden.difference(Array("first\n".utf8), name) == nil)
    #expect(
      Golden.difference(Array("firsT\n".utf8), name)?.hasPrefix(
        "\(name) differs from its golden file \(path) from byte 4")
        == true)
    // Changed in the source tree after the build: the new bytes are the golden ones.
    try Data("second\n".utf8).write(to: URL(fileURLWithPath: path))
    #expect(Golden.difference(Array("second\n".utf8), name) == nil)
    #expect(Golden.difference(Array("first\n".utf8), name) != nil)
  }

  /// The compare of the summaries reads the source tree's items.csv: the bytes there are
  /// the ones the CSV golden test passes with.
  @Test func theSummariesGoldenIsTheSourceTreesFile() throws {
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "Fixtures/golden/items.csv"
    ).path
    let bytes = try #require(FileManager.default.contents(atPath: source))
    #expect(Golden.difference(Array(bytes), "items.csv") == nil)
    #expect(Golden.difference(Array(bytes) + [0x0A], "items.csv") != nil)
  }
}
