import Foundation
import LibCSV

/// Parses a file on a thread of its own while the caller's thread decodes the records.
///
/// libcsv's parsing is about two thirds of an import's work and decoding the answers the
/// rest; on a large file read alone, the two overlap on two cores. The reader hands over
/// each parsed chunk's records in the buffers it parsed them into (`CSVChunk`, one
/// `csv_parse` call's worth: about a thousand survey rows), so no record is copied; at
/// most `depth` chunks are in flight, so memory stays bounded whatever the file's size.
/// The records arrive in file order, so the result is the same as reading in one thread.
///
/// The chunks go round between two `BoundedQueue`s: filled ones to this thread in
/// `full`, emptied ones back to the reader in `free`.
///
/// `@unchecked Sendable`: every stored property is a `let`; the queues are `Sendable`, and
/// the reader is used by the reading thread alone, from its start until it closes `full`
/// (the caller waits for that before it returns). Checked by `make test-thread` (Thread
/// Sanitizer on the pipelined read).
final class RecordPipeline: @unchecked Sendable {
  static let depth = 3

  /// What the reader hands over: a chunk, or, last, what stopped it.
  private enum Handed: Sendable {
    case chunk(CSVChunk)
    case failed(any Error)
  }

  private let full = BoundedQueue<Handed>(capacity: depth)
  private let free = BoundedQueue(capacity: depth, holding: (0..<depth).map { _ in CSVChunk() })
  private let reader: CSVReader

  private init(reader: CSVReader) {
    self.reader = reader
  }

  private struct Cancelled: Error {}

  /// Reads every record of `reader` on a new thread and hands each, in order, to `body`
  /// on this one. Throws what the reader threw (after `body` has seen every record read
  /// before it) or what `body` threw (the reader then stops).
  static func forEachRecord(of reader: CSVReader, _ body: (CSVRecord) throws -> Void) throws {
    let pipeline = RecordPipeline(reader: reader)
    let thread = Thread { pipeline.produce() }
    thread.stackSize = 1 << 20
    thread.start()
    do {
      while let handed = pipeline.full.pull() {
        switch handed {
        case .chunk(let chunk):
          try chunk.forEach(body)
          pipeline.free.push(chunk)
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
    do {
      try reader.forEachChunk(next: { () throws -> CSVChunk in
        guard let chunk = free.pull() else { throw Cancelled() }
        return chunk
      }) { chunk in
        guard full.push(.chunk(chunk)) else { throw Cancelled() }
      }
    } catch is Cancelled {
      // The caller stopped reading.
    } catch {
      full.push(.failed(error))
    }
  }
}
