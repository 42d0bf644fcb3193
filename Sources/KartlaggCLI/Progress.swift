import Foundation
import KartlaggRun
import SourceDiagnostics
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Progress on a terminal: per file and overall, with rows per second, rewritten in
/// place on standard error. Silent when standard error is not a terminal, or when asked.
public final class Progress: Sendable {
  private let enabled: Bool
  private let started = Date()
  private let total: Int
  private let language: Language
  private let state = Mutex(State())

  private struct State {
    var done = 0
    var rows: [String: Int] = [:]
    var lastDraw = Date.distantPast
  }

  public init(files: Int, quiet: Bool, language: Language = .en) {
    total = files
    self.language = language
    enabled = !quiet && isatty(2) == 1
  }

  /// For `IngestOptions.progress`.
  public func update(file: String, rows count: Int, finished: Bool) {
    guard enabled else { return }
    let line: String? = state.withLock { state in
      state.rows[file] = count
      if finished { state.done += 1 }
      let now = Date()
      guard finished || now.timeIntervalSince(state.lastDraw) > 0.2 else { return nil }
      state.lastDraw = now
      let all = state.rows.values.reduce(0, +)
      let rate = Double(all) / max(0.001, now.timeIntervalSince(started))
      let name = Terminal.visible((file as NSString).lastPathComponent)
      return Said.progress(done: state.done, total: total, file: name, rows: count, all: all, rate: Int(rate)).text(
        language)
    }
    if let line { FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8)) }
  }

  /// Clears the progress line before the summary is printed.
  public func finish() {
    guard enabled else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
  }
}
