import Foundation
import LibCSV

/// Parses a file on a thread of its own while the caller's thread decodes the records.
///
/// libcsv's parsing is about two thirds of an import's work and decoding the answers the
/// rest; on a large file read alone, the two overlap on two cores. The reader fills
/// batches of copied records (`CSVRecordBatch`) and hands them over; at most
/// `depth` batches are in flight, so memory stays bounded whatever the file's size. The
/// records arrive in file order, so the result is the same as reading in one thread.
///
/// `@unchecked Sendable`: every stored `var` is written only with `condition` locked, and
/// read under it too, or (`failure`) after `finished` was seen under it; the reader and the
/// batch size are `let`. Checked by `make test-thread`
/// (Thread Sanitizer on the pipelined read).
final class RecordPipeline: @unchecked Sendable {
  /// Records per batch, by default: large enough that handing over costs nothing per
  /// record, small enough (≈ 1 MB of survey rows) to stay in cache.
  static let defaultBatchRecords = 2048
  static let depth = 3

  private let condition = NSCondition()
  private var full: [CSVRecordBatch] = []
  private var free: [CSVRecordBatch]
  private var finished = false
  private var cancelled = false
  private var failure: (any Error)?
  private let reader: CSVReader
  private let batchRecords: Int

  private init(reader: CSVReader, batchRecords: Int) {
    self.reader = reader
    self.batchRecords = max(1, batchRecords)
    free = (0..<Self.depth).map { _ in CSVRecordBatch() }
  }

  private struct Cancelled: Error {}

  /// Reads every record of `reader` on a new thread and hands each, in order, to `body`
  /// on this one. Throws what the reader threw (after `body` has seen every record read
  /// before it) or what `body` threw (the reader then stops).
  static func forEachRecord(
    of reader: CSVReader, batchRecords: Int = defaultBatchRecords, _ body: (CSVRecord) throws -> Void
  ) throws {
    let pipeline = RecordPipeline(reader: reader, batchRecords: batchRecords)
    let thread = Thread { pipeline.produce() }
    thread.stackSize = 1 << 20
    thread.start()
    do {
      while let batch = pipeline.next() {
        try batch.forEach(body)
        pipeline.recycle(batch)
      }
    } catch {
      pipeline.cancel()
      throw error
    }
    if let failure = pipeline.failure { throw failure }
  }

  private func produce() {
    // The batch being filled, in plain memory: a captured `var` would be checked for
    // exclusive access on every record.
    let batch = UnsafeMutablePointer<CSVRecordBatch?>.allocate(capacity: 1)
    batch.initialize(to: takeFree())
    defer {
      batch.deinitialize(count: 1)
      batch.deallocate()
    }
    let limit = batchRecords
    do {
      try reader.forEachRecord { record in
        guard let current = batch.pointee else { throw Cancelled() }
        current.append(record)
        if current.count >= limit {
          hand(current)
          batch.pointee = takeFree()
        }
      }
      if let last = batch.pointee, last.count > 0 { hand(last) }
      finish(nil)
    } catch is Cancelled {
      finish(nil)
    } catch {
      if let last = batch.pointee, last.count > 0 { hand(last) }
      finish(error)
    }
  }

  private func takeFree() -> CSVRecordBatch? {
    condition.lock()
    defer { condition.unlock() }
    while free.isEmpty && !cancelled { condition.wait() }
    return cancelled ? nil : free.removeLast()
  }

  private func hand(_ batch: CSVRecordBatch) {
    condition.lock()
    full.append(batch)
    condition.broadcast()
    condition.unlock()
  }

  private func finish(_ error: (any Error)?) {
    condition.lock()
    failure = error
    finished = true
    condition.broadcast()
    condition.unlock()
  }

  private func next() -> CSVRecordBatch? {
    condition.lock()
    defer { condition.unlock() }
    while full.isEmpty && !finished { condition.wait() }
    return full.isEmpty ? nil : full.removeFirst()
  }

  private func recycle(_ batch: CSVRecordBatch) {
    batch.removeAll()
    condition.lock()
    free.append(batch)
    condition.broadcast()
    condition.unlock()
  }

  private func cancel() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    // Wait for the reader to stop, so that nothing outlives the call.
    while !finished { condition.wait() }
    condition.unlock()
  }
}
