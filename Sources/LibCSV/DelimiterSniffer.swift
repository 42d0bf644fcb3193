internal import CLibCSV
internal import CLibCSVCallbacks

/// Picks the delimiter by parsing the first records with libcsv once per candidate.
///
/// Each candidate's most common field count (of at least two) is found, and the candidate
/// whose records of that count hold the most fields in all wins: consistent records, and
/// many fields in them. A comma file whose comment fields hold `|` and line breaks
/// splits into many short `|` records, but its two records of 128 fields hold more; a
/// semicolon file with decimal commas is still read with `;`. Between equals, the one
/// giving more fields wins. Lines before the header (titles, "Statistik från …") weigh
/// little because they are few.
enum DelimiterSniffer {
  struct Result {
    var delimiter: CSVDelimiter
    var typicalFieldCount: Int
  }

  static let maxRecords = 200

  static func sniff(_ sample: UnsafeRawBufferPointer, complete: Bool, forced: CSVDelimiter?) -> Result {
    let candidates = forced.map { [$0] } ?? CSVDelimiter.allCases
    var best = Result(delimiter: forced ?? .comma, typicalFieldCount: 0)
    var bestScore = (-1, -1)
    for candidate in candidates {
      let counts = fieldCounts(sample, delimiter: candidate, complete: complete)
      var frequency: [Int: Int] = [:]
      for c in counts { frequency[c, default: 0] += 1 }
      // The most frequent count; among equals, the larger.
      guard let (mode, times) = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else {
        continue
      }
      let score = mode >= 2 ? (times * mode, mode) : (0, mode)
      if score > bestScore {
        bestScore = score
        best = Result(delimiter: candidate, typicalFieldCount: mode)
      }
    }
    return best
  }

  private struct Counter {
    var fields = 0
    var counts: [Int] = []
    var done: Bool { counts.count >= DelimiterSniffer.maxRecords }
  }

  /// Field counts of the first records (the last one left out if the sample cut it).
  static func fieldCounts(_ sample: UnsafeRawBufferPointer, delimiter: CSVDelimiter, complete: Bool) -> [Int] {
    var parser = csv_parser()
    guard csv_init(&parser, 0) == 0 else { return [] }
    defer { csv_free(&parser) }
    csv_set_delim(&parser, delimiter.rawValue)
    csv_set_space_func(&parser, kartlagg_no_space)
    var counter = Counter()
    withUnsafeMutablePointer(to: &counter) { ctx in
      _ = csv_parse(&parser, sample.baseAddress, sample.count, countField, countRow, ctx)
      if complete { _ = csv_fini(&parser, countField, countRow, ctx) }
    }
    return counter.counts
  }

  private static let countField: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = {
    _, _, data in
    data.unsafelyUnwrapped.assumingMemoryBound(to: Counter.self).pointee.fields += 1
  }

  private static let countRow: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, data in
    let c = data.unsafelyUnwrapped.assumingMemoryBound(to: Counter.self)
    if c.pointee.fields > 0, !c.pointee.done { c.pointee.counts.append(c.pointee.fields) }
    c.pointee.fields = 0
  }
}
