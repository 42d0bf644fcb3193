import Foundation
import Testing

@testable import Reporting

/// The workbook's sheets written at once on every core (`ExcelSummaries.filled()`) are the
/// bytes of the same sheets written one after the other, on the golden fixture's results;
/// and so is a workbook filled on one thread and compressed on another, as a report does
/// (`FilledWorkbook` crosses between them). Thread Sanitizer sees the Swift side only:
/// libxlsxwriter is Debian's uninstrumented library, whose sharing was checked by reading
/// its source and with helgrind (`SheetWriting`). On one core there is nothing to compare.
@Suite struct WorkbookThreadsTests {
  @Test(.tags(.threads), .enabled(if: ProcessInfo.processInfo.activeProcessorCount > 1))
  func twoThreadsWriteTheBytesOfOne() async throws {
    let (results, files) = try await goldenRun()
    let excel = ExcelSummaries(summaries: CSVSummaries(results: results, files: files), title: "Golden")
    let one = try excel.filled(concurrently: false).bytes()
    #expect(one.starts(with: Array("PK".utf8)) && one.count > 10_000)
    for _ in 0..<3 {
      #expect(try excel.filled(concurrently: true).bytes() == one)
    }
    let filled = try excel.filled()
    let handed = try await Task.detached { try filled.bytes() }.value
    #expect(handed == one)
  }
}
