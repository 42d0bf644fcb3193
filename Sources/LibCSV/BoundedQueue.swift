#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A first-in, first-out queue of at most `capacity` elements between a thread that
/// produces and a thread that consumes, each blocking while it has to wait: the one
/// bounded queue of the readers that work on a thread of their own (a large CSV file's
/// parsing, `Ingest`'s `RecordPipeline`; a sheet or an SPSS file written out as CSV,
/// `Spreadsheet`'s `StreamedSource`). Memory stays bounded whatever the input's size.
///
/// The producer `push`es and finally `close`s; the consumer `pull`s until it gets nil, or
/// `cancel`s when it stops early, after which `push` returns false at once so that the
/// producer stops too. Both sides block in the kernel, never on Swift's cooperative pool:
/// call it from threads of one's own or from work that may block.
///
/// `@unchecked Sendable`: every stored `var` (the elements, `closed`, `cancelled`) is read
/// and written only with `mutex` locked; `mutex` and `changed` are allocated once, never
/// move, and are destroyed only in `deinit`, when no thread can hold the queue. Covered by
/// the `.threads`-tagged tests under Thread Sanitizer (`make test-thread`).
public final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
  public let capacity: Int
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  /// Signalled on every change: an element in or out, closed, cancelled.
  private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  /// The elements in order (a handful: `removeFirst` costs nothing to speak of).
  private var elements: [Element] = []
  private var closed = false
  private var cancelled = false

  /// A queue of at most `capacity` elements (at least 1), holding `initial` already
  /// (at most `capacity` of them).
  public init(capacity: Int, holding initial: [Element] = []) {
    self.capacity = max(1, capacity, initial.count)
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(changed, nil)
    elements = initial
    elements.reserveCapacity(self.capacity)
  }

  deinit {
    pthread_cond_destroy(changed)
    pthread_mutex_destroy(mutex)
    changed.deallocate()
    mutex.deallocate()
  }

  /// Adds `element` at the end, waiting while the queue is full. Returns false, dropping
  /// the element, once the consumer has cancelled: the producer should stop.
  @discardableResult
  public func push(_ element: Element) -> Bool {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    while elements.count >= capacity && !cancelled { pthread_cond_wait(changed, mutex) }
    if cancelled { return false }
    elements.append(element)
    pthread_cond_broadcast(changed)
    return true
  }

  /// The first element, waiting while the queue is empty and open; nil once it is closed
  /// and empty, or cancelled.
  public func pull() -> Element? {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    while elements.isEmpty && !closed && !cancelled { pthread_cond_wait(changed, mutex) }
    if cancelled || elements.isEmpty { return nil }
    let element = elements.removeFirst()
    pthread_cond_broadcast(changed)
    return element
  }

  /// The producer is done: `pull` returns what is left, then nil.
  public func close() {
    pthread_mutex_lock(mutex)
    closed = true
    pthread_cond_broadcast(changed)
    pthread_mutex_unlock(mutex)
  }

  /// The consumer is done: what is queued is dropped, `push` returns false from now on
  /// and `pull` nil.
  public func cancel() {
    pthread_mutex_lock(mutex)
    cancelled = true
    elements.removeAll()
    pthread_cond_broadcast(changed)
    pthread_mutex_unlock(mutex)
  }

  /// Waits until the producer has closed the queue (after a `cancel`, so that nothing the
  /// producer uses outlives the consumer's call).
  public func waitUntilClosed() {
    pthread_mutex_lock(mutex)
    while !closed { pthread_cond_wait(changed, mutex) }
    pthread_mutex_unlock(mutex)
  }
}
