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

/// The respondent ids seen in a file, with the line of each: an open-addressing table
/// (linear probing, at most half full) keyed by `IDKey`, which is already a well-mixed
/// hash, so no further hashing is needed (`Dictionary` hashed each key again with SipHash,
/// a tenth of the import's time). 12 bytes a slot: about 25 MB for a million ids.
struct IDTable {
  private var keys: [UInt64] = Array(repeating: 0, count: 1024)
  private var lines: [Int32] = Array(repeating: 0, count: 1024)
  private var count = 0

  /// Records `key` at `line` and returns nil; or, if `key` was seen, returns its line.
  mutating func insert(_ key: IDKey, line: Int) -> Int? {
    if 2 * (count + 1) > keys.count { grow() }
    let mask = keys.count - 1
    var i = Int(truncatingIfNeeded: key.value) & mask
    while keys[i] != 0 {
      if keys[i] == key.value { return Int(lines[i]) }
      i = (i + 1) & mask
    }
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
      var i = Int(truncatingIfNeeded: oldKeys[j]) & mask
      while keys[i] != 0 { i = (i + 1) & mask }
      keys[i] = oldKeys[j]
      lines[i] = oldLines[j]
    }
  }
}
