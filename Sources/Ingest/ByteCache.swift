import Foundation

/// What a few distinct cell texts map to, found by comparing bytes: a file writes its
/// municipality and organisations in a handful of ways, and hashing a string per row
/// costs more than comparing a few short byte runs. Holds at most 64 texts.
///
/// The texts are kept back to back in one buffer: an array of arrays was retained and
/// released element by element in the lookup, which runs for every municipality and
/// group cell and every answer that is not a lone digit ("Vet ej").
struct ByteCache<Value> {
  private var bytes: [UInt8] = []
  /// `ends[i]`: where text `i` ends in `bytes` (it starts where text `i − 1` ends).
  private var ends: [Int] = []
  private var values: [Value] = []

  func value(for field: UnsafeBufferPointer<UInt8>) -> Value? {
    let found = bytes.withUnsafeBufferPointer { keys -> Int? in
      var start = 0
      for (i, end) in ends.enumerated() {
        if end - start == field.count
          && (field.count == 0 || memcmp(keys.baseAddress! + start, field.baseAddress!, field.count) == 0)
        {
          return i
        }
        start = end
      }
      return nil
    }
    return found.map { values[$0] }
  }

  mutating func insert(_ value: Value, for field: UnsafeBufferPointer<UInt8>) {
    guard ends.count < 64 else { return }
    bytes.append(contentsOf: field)
    ends.append(bytes.count)
    values.append(value)
  }
}

extension ByteCache: Sendable where Value: Sendable {}
