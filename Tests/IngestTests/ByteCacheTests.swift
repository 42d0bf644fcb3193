import Testing

@testable import Ingest

/// The byte cache finds each text it holds, by its own bytes: texts of the same length,
/// one a prefix of another, the empty text, and none beyond the 64 it holds.
@Suite struct ByteCacheTests {
  private func look(_ cache: ByteCache<Int>, _ text: String) -> Int? {
    Array(text.utf8).withUnsafeBufferPointer { cache.value(for: $0) }
  }

  @Test func eachTextFindsItsOwnValue() {
    var cache = ByteCache<Int>()
    let texts = ["Kalmar", "Nybro", "Vet ej", "Kalm", "", "Borgholm", "Vet ek", "nybro", "Högsby"]
    for (i, text) in texts.enumerated() {
      Array(text.utf8).withUnsafeBufferPointer { cache.insert(i, for: $0) }
    }
    for (i, text) in texts.enumerated() { #expect(look(cache, text) == i, "\(text)") }
    for missing in ["Kalmar ", "Vet", "NYBRO", "Emmaboda", "x"] { #expect(look(cache, missing) == nil, "\(missing)") }
  }

  @Test func itHoldsAtMost64Texts() {
    var cache = ByteCache<Int>()
    for i in 0..<70 { Array("t\(i)".utf8).withUnsafeBufferPointer { cache.insert(i, for: $0) } }
    #expect(look(cache, "t63") == 63)
    #expect(look(cache, "t64") == nil)
  }
}
