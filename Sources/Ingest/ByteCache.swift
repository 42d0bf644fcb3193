import Foundation

/// What a few distinct cell texts map to, found by comparing bytes: a file writes its
/// municipality and organisations in a handful of ways, and hashing a string per row
/// costs more than comparing a few short byte runs. Holds at most 64 texts.
struct ByteCache<Value> {
  private var keys: [[UInt8]] = []
  private var values: [Value] = []

  func value(for bytes: UnsafeBufferPointer<UInt8>) -> Value? {
    for (i, key) in keys.enumerated() where key.count == bytes.count {
      if key.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) {
        return values[i]
      }
    }
    return nil
  }

  mutating func insert(_ value: Value, for bytes: UnsafeBufferPointer<UInt8>) {
    guard keys.count < 64 else { return }
    keys.append(Array(bytes))
    values.append(value)
  }
}

extension ByteCache: Sendable where Value: Sendable {}
