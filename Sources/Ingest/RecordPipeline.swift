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
/// The batches go round between two `BoundedQueue`s: filled ones to this thread in
/// `full`, emptied ones back to the reader in `free`.
///
/// `@unchecked Sendable`: every stored property is a `let`; the queues are `Sendable`, and
/// the reader is used by the reading thread alone, from its start until it closes `full`
/// (the caller waits for that before it returns). Checked by `make test-thread` (Thread
/// Sanitizer on the pipelined read).
final class RecordPipeline: @unchecked Sendable {
  /// Records per batch, by default: large enough that handing over costs nothing per
  /// record, small enough (≈ 1 MB of survey rows) to stay in cache.
  static let defaultBatchRecords = 2048
  static let depth = 3

  /// What the reader hands over: a batch, or, last, what stopped it.
  private enum Handed: Sendable {
    case batch(CSVRecordBatch)
    case failed(any Error)
  }

  private let full = BoundedQueue<Handed>(capacity: depth)
  private let free = BoundedQueue(capacity: depth, holding: (0..<depth).map { _ in CSVRecordBatch() })
  private let reader: CSVReader
  private let batchRecords: Int

  private init(reader: CSVReader, batchRecords: Int) {
    self.reader = reader
    self.batchRecords = max(1, batchRecords)
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
      while let handed = pipeline.full.pull() {
        switch handed {
        case .batch(let batch):
          try batch.forEach(body)
          batch.removeAll()
          pipeline.free.push(batch)
        case .failed(let error):
          throw error
        }
      }
    } catch {
      // Stop the reader and wait for it, so that nothing outlives the call.
      pipeline.free.cancel()
      pipeline.full.cancel()
      pipeline.full.waitUntilClosed()
      throw error
    }
  }

  private func produce() {
    defer { full.close() }
    // The batch being filled, in plain memory: a captured `var` would be checked for
    // exclusive access on every record.
    let batch = UnsafeMutablePointer<CSVRecordBatch?>.allocate(capacity: 1)
    batch.initialize(to: free.pull())
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
          guard full.push(.batch(current)) else { throw Cancelled() }
          batch.pointee = free.pull()
        }
      }
      if let last = batch.pointee, last.count > 0 { full.push(.batch(last)) }
    } catch is Cancelled {
      // The caller stopped reading.
    } catch {
      if let last = batch.pointee, last.count > 0 { full.push(.batch(last)) }
      full.push(.failed(error))
    }
  }
}
