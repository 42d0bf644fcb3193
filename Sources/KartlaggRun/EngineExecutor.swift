import Foundation

/// Where a server runs the engine's work: a fixed number of threads of its own, never the
/// cooperative pool whose few threads (one per core) serve every request, nor SwiftNIO's
/// event loops. `kartlagg-server` reads an upload's form (MultipartKit's parser) and checks,
/// imports or publishes a file here, so that however many uploads arrive at once, a page's
/// request finds a free thread at once; the engine's threads share the cores with it, and
/// no page waits in a queue behind an upload (an outside test saw a signed-out page wait
/// 23 s behind six 5 MB uploads that were parsed on the cooperative pool:
/// Benchmarks/RESULTS-server.md). Its threads live as long as the process. It is in the run
/// library, beside `offPool`, so that the Thread Sanitizer run (which builds no server)
/// covers it (`EngineExecutorTests`).
///
/// `@unchecked Sendable`: `jobs` and `next` are read and written only with `condition` held
/// (a `Mutex` has no wait for a signal, which the threads need).
public final class EngineExecutor: TaskExecutor, @unchecked Sendable {
  private let condition = NSCondition()
  private var jobs: [UnownedJob] = []
  private var next = 0

  /// `niceness`: how much the threads' niceness is above the requests' (0 unless the server
  /// is started with `nice`). Where both want a core, the kernel gives the request's thread
  /// about ten times the engine's share (Linux's weights for nice 0 and 10), so a page is
  /// answered at once while a check or an import runs, and they take the rest. The threads
  /// that the engine's work starts (the analysis on every core, `concurrentMap`; the
  /// report's writers) inherit it.
  public init(threads: Int, name: String, niceness: Int32) {
    for index in 0..<threads {
      let thread = Thread { [self] in
        Self.name(thisThread: "\(name)-\(index)")
        Self.lowerPriority(by: niceness)
        work()
      }
      thread.stackSize = 8 << 20
      thread.start()
    }
  }

  /// Names the calling thread, as `top -H`, `ps -L` and gdb show it: at most 15 bytes on
  /// Linux (pthread_setname_np(3)), so `name` is cut there. Foundation's `Thread.name`, set
  /// before the thread starts, names no system thread on Linux: the thread keeps the name
  /// of the one that made it (a cooperative pool's "…default-qos"). `pthread_setname_np`
  /// is looked up by name, as `ProcessTuning` looks up `mallopt`: Swift's Glibc module
  /// does not declare it.
  static func name(thisThread name: String) {
    #if os(Linux)
      guard let symbol = dlsym(nil, "pthread_setname_np") else { return }
      typealias SetName = @convention(c) (pthread_t, UnsafePointer<CChar>) -> Int32
      let setName = unsafeBitCast(symbol, to: SetName.self)
      _ = setName(pthread_self(), String(decoding: name.utf8.prefix(15), as: UTF8.self))
    #endif
  }

  /// Raises this thread's niceness by `niceness` over the one it started with (the
  /// process's: 0, or more when the server is started with `nice`), at most 19. On Linux
  /// niceness is a thread's, and `who` 0 is the calling thread (setpriority(2), "Bugs");
  /// elsewhere nothing is changed. An unprivileged process may raise it, never lower it again.
  public static func lowerPriority(by niceness: Int32) {
    #if os(Linux)
      let which = __priority_which_t(PRIO_PROCESS.rawValue)
      // -1 is a niceness too: errno tells a failure apart.
      errno = 0
      let own = getpriority(which, 0)
      guard errno == 0 else { return }
      _ = setpriority(which, 0, min(19, own + niceness))
    #endif
  }

  public func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    condition.lock()
    jobs.append(job)
    condition.signal()
    condition.unlock()
  }

  private func work() {
    let executor = asUnownedTaskExecutor()
    while true {
      condition.lock()
      while next == jobs.count { condition.wait() }
      let job = jobs[next]
      next += 1
      if next == jobs.count || next > 1024 {
        jobs.removeFirst(next)
        next = 0
      }
      condition.unlock()
      job.runSynchronously(on: executor)
    }
  }
}
