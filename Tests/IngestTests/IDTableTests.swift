import SeededRandom
import Testing

@testable import Ingest

/// The duplicate finder keeps at most its limit of ids in memory, spilling the rest to
/// runs on disk (the table written as it is), and still finds every duplicate with the
/// line it repeats.
@Suite struct IDTableTests {
  @Test func everyDuplicateIsFoundAcrossSpills() {
    var table = IDTable(memoryLimit: 64)
    var reference: [UInt64: Int] = [:]  // key → first line, kept by the test itself
    var random = SplitMix64(seed: 42)
    for line in 1...5_000 {
      // A quarter of the rows repeat an earlier id.
      let id = random.next() % 4 == 0 && line > 1 ? String(random.next() % UInt64(line)) : "r\(line)"
      let key = Array(id.utf8).withUnsafeBufferPointer { IDKey($0) }
      let found = table.insert(key, line: line)
      if let first = reference[key.value] {
        #expect(found == first, "line \(line): id \(id) first on line \(first)")
      } else {
        #expect(found == nil, "line \(line): id \(id) is new")
        reference[key.value] = line
      }
      #expect(table.inMemory <= 64)
    }
    #expect(table.runs > 10)
  }
}
