import Foundation

/// Runs `work` on a thread of its own and returns its value: for blocking work (the
/// analysis on every core, the workbook's compression, the folders' writes, SQLite), which
/// must not hold one of the cooperative pool's few threads while it waits or spins. The
/// caller's task is suspended meanwhile; `work` takes only `Sendable` values, so that the
/// compiler checks what crosses to the thread.
func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
  await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
    let thread = Thread { continuation.resume(returning: work()) }
    // Large enough for the analysis' and the pages' recursion, like the main thread's.
    thread.stackSize = 8 << 20
    thread.start()
  }
}
