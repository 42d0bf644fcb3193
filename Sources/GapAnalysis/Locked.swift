import Foundation

/// A value behind a POSIX mutex (`NSLock`), for what the analysis' own threads share (the
/// quantiles computed so far; `concurrentMap`'s results), and for what reports run at once
/// share in `KartlaggRun` (the parsed survey definitions). Not `Synchronization.Mutex`: on
/// Linux that is a futex in the standard library, which Thread Sanitizer cannot see, so it
/// reported the quantiles' cache as a race between two of `concurrentMap`'s threads (a
/// false report, but one that fails `make test-thread`); a pthread mutex it can.
///
/// `@unchecked Sendable`: `value` is read and written only inside `withLock`, with `lock` held.
package final class Locked<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value

  package init(_ value: Value) { self.value = value }

  package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
    lock.lock()
    defer { lock.unlock() }
    return try body(&value)
  }
}
