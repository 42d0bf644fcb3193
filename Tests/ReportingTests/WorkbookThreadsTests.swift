import Foundation
import Testing

@testable import Reporting

/// The workbook's sheets written two at a time on two threads (`ExcelSummaries.filled()`)
/// are the bytes of the same sheets written one after the other, on the golden fixture's
/// results; and so is a workbook filled on one thread and compressed on another, as a
/// report does (`FilledWorkbook` crosses between them).
@Suite struct WorkbookThreadsTests {
  @Test(.tags(.threads)) func twoThreadsWriteTheBytesOfOne() async throws {
    let (results, files) = try await goldenRun()
    let excel = ExcelSummaries(summaries: CSVSummaries(results: results, files: files), title: "Golden")
    let one = try excel.filled(threads: 1).bytes()
    #expect(one.starts(with: Array("PK".utf8)) && one.count > 10_000)
    for _ in 0..<3 {
      #expect(try excel.filled(threads: 2).bytes() == one)
    }
    let filled = try excel.filled()
    let handed = try await Task.detached { try filled.bytes() }.value
    #expect(handed == one)
  }
}
