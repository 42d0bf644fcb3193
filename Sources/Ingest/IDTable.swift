import CIngestScan
import Foundation

/// A respondent id, kept as a 64-bit hash of its bytes rather than as text, so that a file
/// of a million respondents holds no million strings.
///
/// Two 64-bit lanes of multiply–xorshift mixing (MurmurHash3's finaliser constants) over
/// 8-byte words, with the length mixed in, folded into one. Not cryptographic: for ids
/// that tools hand out (sequence numbers, Qualtrics' R_…), two distinct ids in a file of a
/// million collide with a probability of about 1 in 37 million (n² / 2⁶⁵); the rejected
/// row then names both its id and the line it was taken to repeat, so it can be checked.
struct IDKey: Hashable {
  let value: UInt64

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    var h1: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    var h2: UInt64 = 0xC2B2_AE3D_27D4_EB4F &+ UInt64(bytes.count)
    var i = 0
    while i < bytes.count {
      var word: UInt64 = 0
      let end = min(i + 8, bytes.count)
      for k in i..<end { word |= UInt64(bytes[k]) << (8 * UInt64(k - i)) }
      h1 = IDKey.mix(h1 ^ word)
      h2 = IDKey.mix((h2 ^ word) &* 0x9E37_79B9_7F4A_7C15 &+ 0x632B_E59B_D9B4_E019)
      i = end
    }
    // 0 marks an empty slot in `IDTable`.
    value = max(1, IDKey.mix(h1 ^ (h2 >> 1)))
  }

  @inline(__always)
  private static func mix(_ x: UInt64) -> UInt64 {
    var z = x
    z = (z ^ (z >> 33)) &* 0xFF51_AFD7_ED55_8CCD
    z = (z ^ (z >> 33)) &* 0xC4CE_B9FE_1A85_EC53
    return z ^ (z >> 33)
  }
}

/// The respondent ids seen in a file, with the line of each, in memory bounded whatever
/// the file's size.
///
/// The recent ids are in an open-addressing table (linear probing, at most half full)
/// keyed by `IDKey`, which is already a well-mixed hash, so no further hashing is needed
/// (`Dictionary` hashed each key again with SipHash, a tenth of the import's time). When
/// it holds `memoryLimit` ids, the table is written as it is, slots and all, to a run in a
/// temporary file (unlinked at once, so nothing is left behind even by a killed run), its
/// keys are added to a Bloom filter of fixed size, and the table starts empty. An id the
/// table does not hold is looked up in the runs only when the filter says it may be there
/// (about 1 in 4 000 ids at a million): in each run by the same probing as in memory, a
/// few slots read by one `pread`. Nothing is sorted. So memory stays at the table (12
/// bytes a slot, 6 MB) and the filter (4 MB) from a thousand respondents to millions, and
/// every duplicate is still found, with the line it repeats. If no temporary file can be
/// made, the table simply grows.
struct IDTable {
  private var keys: [UInt64] = Array(repeating: 0, count: 1024)
  private var lines: [Int32] = Array(repeating: 0, count: 1024)
  private var count = 0
  private let memoryLimit: Int
  private var spill: Spill?
  private var spillFailed = false

  init(memoryLimit: Int = 1 << 18) {
    self.memoryLimit = max(16, memoryLimit)
  }

  /// The ids held in memory now (at most `memoryLimit`, unless spilling failed).
  var inMemory: Int { count }
  /// The runs written so far.
  var runs: Int { spill?.runs.count ?? 0 }

  /// Where `key`'s probing starts in a table of `slots` slots (a power of two), in memory
  /// and in a run written from it alike.
  @inline(__always)
  static func home(_ key: UInt64, slots: Int) -> Int { Int(truncatingIfNeeded: key) & (slots - 1) }

  /// Starts fetching the memory `insert(key, …)` reads first, the table's slot and the
  /// filter's word, so that the row's other work can go on meanwhile: with a million ids
  /// both are outside the processor's caches, and the wait for the slot was nearly all of
  /// the insert's time (perf).
  func prefetch(_ key: IDKey) {
    keys.withUnsafeBufferPointer { keys in
      kartlagg_prefetch(keys.baseAddress! + IDTable.home(key.value, slots: keys.count))
    }
    spill?.prefetch(key.value)
  }

  /// Records `key` at `line` and returns nil; or, if `key` was seen, returns its line.
  mutating func insert(_ key: IDKey, line: Int) -> Int? {
    if count >= memoryLimit && !spillFailed { spillToDisk() }
    if 2 * (count + 1) > keys.count { grow() }
    let mask = keys.count - 1
    var i = IDTable.home(key.value, slots: keys.count)
    while keys[i] != 0 {
      if keys[i] == key.value { return Int(lines[i]) }
      i = (i + 1) & mask
    }
    if let spill, let first = spill.line(of: key.value) { return first }
    keys[i] = key.value
    lines[i] = Int32(truncatingIfNeeded: line)
    count += 1
    return nil
  }

  private mutating func grow() {
    let oldKeys = keys
    let oldLines = lines
    keys = Array(repeating: 0, count: 2 * oldKeys.count)
    lines = Array(repeating: 0, count: 2 * oldKeys.count)
    let mask = keys.count - 1
    for j in oldKeys.indices where oldKeys[j] != 0 {
      var i = IDTable.home(oldKeys[j], slots: keys.count)
      while keys[i] != 0 { i = (i + 1) & mask }
      keys[i] = oldKeys[j]
      lines[i] = oldLines[j]
    }
  }

  private mutating func spillToDisk() {
    if spill == nil { spill = Spill() }
    guard let spill, spill.write(keys: keys, lines: lines) else {
      spillFailed = true
      return
    }
    for j in keys.indices {
      keys[j] = 0
      lines[j] = 0
    }
    count = 0
  }

  /// Tables written as they were, one run after another in one unlinked temporary file,
  /// and a Bloom filter over every key in them.
  final class Spill {
    let fd: Int32
    /// Each run's place in the file (its keys, then its lines) and its number of slots, a
    /// power of two.
    private(set) var runs: [(offset: Int, slots: Int)] = []
    private var end = 0
    /// 2¹⁹ words (4 MB); a key sets 4 bits of one word, all from the key's own bits.
    private var filter = [UInt64](repeating: 0, count: 1 << 19)

    init?() {
      var template = Array((NSTemporaryDirectory() + "/kartlagg-ids-XXXXXX").utf8CString)
      let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
      guard fd >= 0 else { return nil }
      template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
      self.fd = fd
    }

    deinit { close(fd) }

    /// The filter's word for `key` and the 4 bits it sets there (a Bloom filter blocked to
    /// one 64-bit word: one memory access a lookup).
    @inline(__always)
    private func slot(_ key: UInt64) -> (word: Int, bits: UInt64) {
      let word = Int(truncatingIfNeeded: key) & (filter.count - 1)
      let bits: UInt64 =
        1 << ((key >> 40) & 63) | 1 << ((key >> 46) & 63) | 1 << ((key >> 52) & 63) | 1 << ((key >> 58) & 63)
      return (word, bits)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
      var written = 0
      while written < bytes.count {
        let n = pwrite(fd, bytes.baseAddress! + written, bytes.count - written, off_t(offset + written))
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return false }
        written += n
      }
      return true
    }

    /// Writes a table's slots (0: empty) as they are, and adds its keys to the filter.
    func write(keys: [UInt64], lines: [Int32]) -> Bool {
      let slots = keys.count
      let linesAt = end + slots * 8
      guard keys.withUnsafeBytes({ writeAll($0, at: end) }), lines.withUnsafeBytes({ writeAll($0, at: linesAt) })
      else { return false }
      runs.append((end, slots))
      end = linesAt + slots * 4
      for key in keys where key != 0 {
        let (word, bits) = slot(key)
        filter[word] |= bits
      }
      return true
    }

    func prefetch(_ key: UInt64) {
      let word = slot(key).word
      filter.withUnsafeBufferPointer { kartlagg_prefetch($0.baseAddress! + word) }
    }

    /// The line of `key` in a run, or nil.
    func line(of key: UInt64) -> Int? {
      let (word, bits) = slot(key)
      guard filter[word] & bits == bits else { return nil }
      var block = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
      for run in runs {
        let mask = run.slots - 1
        var i = IDTable.home(key, slots: run.slots)
        // The slots from i on, up to 8 (not past the run's end) at a time, until the key
        // or an empty slot: a table at most half full has short probe sequences, and
        // always an empty slot.
        var probed = 0
        probing: while probed < run.slots {
          let n = min(8, run.slots - i)
          let read = withUnsafeMutableBytes(of: &block) { pread(fd, $0.baseAddress!, n * 8, off_t(run.offset + i * 8)) }
          guard read == n * 8 else { return nil }
          for j in 0..<n {
            let found = withUnsafeBytes(of: &block) { $0.load(fromByteOffset: j * 8, as: UInt64.self) }
            if found == 0 { break probing }
            if found == key {
              var line: Int32 = 0
              let at = run.offset + run.slots * 8 + (i + j) * 4
              guard withUnsafeMutableBytes(of: &line, { pread(fd, $0.baseAddress!, 4, off_t(at)) }) == 4 else {
                return nil
              }
              return Int(line)
            }
          }
          i = (i + n) & mask
          probed += n
        }
      }
      return nil
    }
  }
}
