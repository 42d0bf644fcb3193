import Foundation
import Testing

@testable import Reporting

/// The workbook's scratch folders in $TMPDIR (issue 21, point 13): a new one removes those
/// of runs that are gone, and never one that a live run holds or is still making.
@Suite struct ScratchFolderTests {
  @Test func leftoversOfRunsThatAreGoneAreRemoved() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("kartlagg-scratch-\(getpid())").path
    try? FileManager.default.removeItem(atPath: base)
    defer { try? FileManager.default.removeItem(atPath: base) }
    // A process that has ended: its pid names no process (until the system reuses it).
    let ended = try startProgram("/bin/true", [])
    ended.waitUntilExit()
    let gone = ended.processIdentifier
    let folders = [
      "kartlagg-workbook-\(gone)-unlocked", "kartlagg-workbook-\(getpid())-held",
      ".kartlagg-workbook-new-\(gone)-killed", ".kartlagg-workbook-new-\(getpid())-making", "kartlagg-ids-other",
    ]
    for folder in folders {
      try FileManager.default.createDirectory(atPath: base + "/" + folder, withIntermediateDirectories: true)
      try #require(
        FileManager.default.createFile(atPath: base + "/" + folder + "/tmp.leftover", contents: Data("x".utf8)))
    }
    for folder in folders where folder.hasPrefix("kartlagg-workbook-") {
      try #require(FileManager.default.createFile(atPath: base + "/" + folder + "/lock", contents: nil))
    }
    let held = open(base + "/kartlagg-workbook-\(getpid())-held/lock", O_RDWR)
    #expect(held >= 0 && flock(held, LOCK_EX) == 0)
    defer { close(held) }
    ScratchFolder.removeLeftovers(in: base)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: base).sorted() == [
        ".kartlagg-workbook-new-\(getpid())-making", "kartlagg-ids-other", "kartlagg-workbook-\(getpid())-held",
      ])
  }
}
