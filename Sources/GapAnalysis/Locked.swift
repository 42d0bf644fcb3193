import Foundation

/// A value behind a POSIX mutex (`NSLock`), for what the analysis' own threads share (the
/// quantiles computed so far; `concurrentMap`'s results). Not `Synchronization.Mutex`: on
/// Linux that is a futex in the standard library, which Thread Sanitizer cannot see, so it
/// reported the quantiles' cache as a race between two of `concurrentMap`'s threads (a
/// false report, but one that fails `make test-thread`); a pthread mutex it can.
///
/// `@unchecked Sendable`: `value` is read and written only inside `withLock`, with `lock` held.
final class Locked<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value

  init(_ value: Value) { self.value = value }

  func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
    lock.lock()
    defer { lock.unlock() }
    return try body(&value)
  }
}
