import Foundation
import LibCSV
import SourceDiagnostics

/// One sheet of a workbook as CSV bytes, for `CSVReader`: the sheet is read on a thread of
/// its own (archive → expat → rows) and written as RFC 4180 CSV, one line per sheet row,
/// into a bounded queue that the reader pulls from. So libcsv parses every byte kartlagg
/// reads, an xlsx file takes the same path as a CSV file from the header search to the
/// rejected rows, and memory stays flat in the number of rows.
///
/// Line *n* of the CSV is row *n* of the sheet: skipped rows are empty lines, and a line
/// break inside a cell is written as a space (a cell of several lines would otherwise
/// shift every later row's number in the messages). Writers leave a row's trailing empty
/// cells out; each row is padded to the widest row before it (the header, in an export),
/// as the CSV of the same sheet would have it.
public final class SheetSource: StreamedSource {
  public let sheetName: String
  /// Chunks of about `chunkBytes` each, at most `Channel.maxQueued` waiting.
  static let chunkBytes = 256 << 10

  /// Opens `path` and starts reading sheet `sheet` (its name; nil: the first). Problems
  /// with the workbook as a whole (not a workbook, encrypted, damaged, no such sheet) are
  /// thrown here; later ones by `read`.
  public init(
    path: String, sheet: String? = nil, language: Language, limits: SpreadsheetLimits = SpreadsheetLimits()
  ) throws(SpreadsheetError) {
    let workbook = try Workbook(path: path, language: language, limits: limits)
    let index = try workbook.sheet(named: sheet)
    sheetName = workbook.sheetNames[index]
    super.init(label: "\(path)[\(sheetName)]")
    let box = UncheckedBox(workbook)
    let channel = channel
    // The thread holds the channel, not the source: when the reader lets go of the
    // source, `deinit` cancels and the thread stops at its next chunk.
    let thread = Thread { Self.produce(box.value, index, channel) }
    thread.stackSize = 1 << 20
    thread.start()
  }

  private static func produce(_ workbook: Workbook, _ index: Int, _ channel: Channel) {
    var out: [UInt8] = []
    out.reserveCapacity(chunkBytes + 4096)
    var line = 0
    var width = 0
    let reader = SheetReader(workbook: workbook) { row, cells, arena in
      // Empty lines for the rows the writer skipped, so that line n is row n.
      while line < row - 1 {
        out.append(0x0A)
        line += 1
      }
      var column = 0
      for (k, cell) in cells.enumerated() {
        if k > 0 || cell.column > 0 {
          while column < cell.column {
            out.append(0x2C)
            column += 1
          }
        }
        appendField(arena[cell.start..<cell.end], to: &out)
      }
      let fields = (cells.last?.column ?? -1) + 1
      if fields > 0 {
        while column < width - 1 {
          out.append(0x2C)
          column += 1
        }
      }
      width = max(width, fields)
      out.append(0x0A)
      line = row
      if out.count >= chunkBytes {
        try channel.push(out)
        out.removeAll(keepingCapacity: true)
      }
    }
    do {
      try reader.read(sheet: index)
      try channel.push(out)
      channel.finish(nil)
    } catch let error as SpreadsheetError {
      channel.finish(error)
    } catch {
      channel.finish(nil)  // stopped: the reader is gone
    }
  }

  /// A field as RFC 4180 writes it: quoted when it holds a delimiter, a quote or a line
  /// break (written as a space, see above).
  static func appendField(_ text: ArraySlice<UInt8>, to out: inout [UInt8]) {
    let needsQuotes = text.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
    if !needsQuotes {
      out.append(contentsOf: text)
      return
    }
    out.append(0x22)
    var previousCR = false
    for b in text {
      switch b {
      case 0x22: out.append(contentsOf: [0x22, 0x22])
      case 0x0D: out.append(0x20)
      case 0x0A: if !previousCR { out.append(0x20) }
      default: out.append(b)
      }
      previousCR = b == 0x0D
    }
    out.append(0x22)
  }

}

/// CSV bytes made on another thread (a sheet, an SPSS file) for `CSVReader`, pulled from
/// a bounded queue; letting go of the source stops the thread at its next chunk.
public class StreamedSource: ByteSource {
  /// The label that names the input in every message (`file.xlsx[Sheet1]`, `file.sav`).
  public let label: String
  let channel = Channel()
  private var current: [UInt8] = []
  private var offset = 0
  private var said: [String] = []
  private var failed: SpreadsheetError?

  init(label: String) { self.label = label }

  deinit { channel.cancel() }

  /// What the reading found worth saying about the whole file (in the run's language),
  /// complete once `read` has returned 0.
  public var warnings: [String] { said }

  /// What stopped the reading, once `read` has thrown it (its cell's row and column).
  public var failure: SpreadsheetError? { failed }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    guard buffer.count > 0 else { return 0 }
    while offset >= current.count {
      switch channel.queue.pull() {
      case .chunk(let chunk)?:
        current = chunk
        offset = 0
      case .warning(let message)?:
        said.append(message)
      case .failed(let failure)?:
        failed = failure
        // Line n is row n of the sheet: a cell's fault is said at its row.
        throw CSVError(
          kind: .io(failure.message), path: label, line: failure.row, fieldStartLine: failure.row, byteOffset: 0)
      case nil:
        return 0
      }
    }
    let n = min(buffer.count, current.count - offset)
    current.withUnsafeBytes { bytes in
      buffer.baseAddress!.copyMemory(from: bytes.baseAddress! + offset, byteCount: n)
    }
    offset += n
    return n
  }
}

/// The producing thread's side of a `StreamedSource`: CSV chunks, findings and the end
/// (or what stopped it), in order, through the one bounded queue type (`BoundedQueue`).
struct Channel: Sendable {
  static let maxQueued = 8

  enum Piece: Sendable {
    case chunk([UInt8])
    /// A finding about the whole file, said before the end.
    case warning(String)
    case failed(SpreadsheetError)
  }

  let queue = BoundedQueue<Piece>(capacity: maxQueued)

  /// Queues a chunk, waiting while the queue is full; throws `SheetReader.Stop` once the
  /// reader has let go of the source.
  func push(_ chunk: [UInt8]) throws {
    guard !chunk.isEmpty else { return }
    guard queue.push(.chunk(chunk)) else { throw SheetReader.Stop() }
  }

  /// A finding about the whole file, said before `finish`.
  func warn(_ message: String) { queue.push(.warning(message)) }

  /// The end of the input, or what stopped it.
  func finish(_ error: SpreadsheetError?) {
    if let error { queue.push(.failed(error)) }
    queue.close()
  }

  func cancel() { queue.cancel() }
}

/// Hands a value that is used by one thread at a time to another thread.
struct UncheckedBox<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}
