import Foundation
import LibCSV
import SeededRandom
import Testing

@Suite("Writing CSV")
struct WriterTests {
  /// Expected bytes written out by hand from RFC 4180 §2 and the Swedish Excel dialect.
  @Test func rfc4180QuotesOnlyWhereNeeded() {
    var encoder = CSVEncoder(format: .rfc4180)
    encoder.append(row: [
      "kommun", "a,b", "say \"hi\"", "två\nrader", " kant", "", .integer(12), .number(3.14159, fractionDigits: 2),
    ])
    let expected = "kommun,\"a,b\",\"say \"\"hi\"\"\",\"två\nrader\",\" kant\",,12,3.14\r\n"
    #expect(encoder.bytes == Array(expected.utf8))
  }

  @Test func swedishExcelDialect() {
    var encoder = CSVEncoder(format: .excelSwedish)
    encoder.append(row: ["Kommun", "Snitt"])
    encoder.append(row: ["Högsby; Kalmar", .number(-0.5, fractionDigits: 3)])
    let expected: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Kommun;Snitt\r\n\"Högsby; Kalmar\";-0,500\r\n".utf8)
    #expect(encoder.bytes == expected)
    #expect(!String(decoding: encoder.bytes, as: UTF8.self).contains("sep="))
  }

  @Test func formulaGuardOnTextOffOnNumbers() {
    var encoder = CSVEncoder(format: .rfc4180)
    encoder.append(row: [
      "=HYPERLINK(\"http://x\",\"y\")", "+1", "-2", "@SUM(A1)", "\tx", "ok", "＝1", .number(-2, fractionDigits: 0),
    ])
    // The first cell holds quotes, so it is also quoted (and its quotes doubled).
    let expected = #""'=HYPERLINK(""http://x"",""y"")",'+1,'-2,'@SUM(A1),'"# + "\tx,ok,'＝1,-2\r\n"
    #expect(String(decoding: encoder.bytes, as: UTF8.self) == expected)
  }

  @Test func loneEmptyFieldIsQuotedSoTheRowSurvives() throws {
    var encoder = CSVEncoder(format: .rfc4180)
    encoder.append(row: ["h"])
    encoder.append(row: [""])
    encoder.append(row: [.empty])
    #expect(encoder.bytes == Array("h\r\n\"\"\r\n\"\"\r\n".utf8))
    #expect(try readAll(bytes: encoder.bytes).1.map(\.fields) == [["h"], [""], [""]])
  }

  @Test(arguments: [
    (0.0, 3, "0.000"), (-0.0004, 3, "0.000"), (2.5, 0, "3"), (-2.5, 0, "-3"), (0.125, 2, "0.13"),
    (1234.5678, 1, "1234.6"), (-0.05, 1, "-0.1"), (7, 0, "7"), (0.001, 3, "0.001"),
  ])
  func numberFormatting(value: Double, digits: Int, text: String) {
    #expect(CSVEncoder.formatNumber(value, fractionDigits: digits) == text)
  }

  @Test func nonFiniteNumbersAreEmptyCells() {
    #expect(CSVEncoder.formatNumber(.nan, fractionDigits: 2) == nil)
    var encoder = CSVEncoder(format: .rfc4180)
    encoder.append(row: [.number(.infinity, fractionDigits: 1), "x"])
    #expect(encoder.bytes == Array(",x\r\n".utf8))
  }

  @Test func atomicWriteLeavesThePreviousFileWhenNotCommitted() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kartlagg-atomic-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("items.csv").path
    try AtomicFile.write(Array("old\n".utf8), to: path)
    do {
      let writer = try CSVWriter(path: path, format: .rfc4180)
      try writer.write(texts: ["new", "half"])
      // Dropped without commit, as when a run fails half-way.
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["items.csv"])
    let writer = try CSVWriter(path: path, format: .rfc4180)
    try writer.write(texts: ["new"])
    try writer.commit()
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\r\n")
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o644)
  }

  @Test func writingIntoAMissingFolderSaysWhich() {
    #expect(throws: FileWriteError.self) { try AtomicFile.write([1], to: "/nonexistent-kartlagg/x.csv") }
  }
}

@Suite("Round trip: writer then reader")
struct RoundTripTests {
  static let alphabet: [String] = [
    "a", "b", "Å", "ä", "ö", "é", "😀", "👩‍⚕️", ",", ";", "\t", "|", "\"", "\"\"", "\r", "\n", "\r\n", " ", "  ", "=", "-",
    "'",
    "x", "1", "0,5", "sep=;",
  ]

  static func randomTable(_ rng: inout SplitMix64) -> [[String]] {
    let columns = Int.random(in: 1...6, using: &rng)
    let rows = Int.random(in: 1...8, using: &rng)
    return (0..<rows).map { _ in
      (0..<columns).map { _ in
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: return ""
        case 1: return String(repeating: " ", count: Int.random(in: 1...3, using: &rng))
        default:
          return (0..<Int.random(in: 1...8, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
        }
      }
    }
  }

  @Test("seeded random tables survive a round trip", arguments: CSVOutputFormat.allCases)
  func roundTrip(format: CSVOutputFormat) throws {
    var rng = SplitMix64(seed: format == .rfc4180 ? 4180 : 46)
    for round in 0..<2500 {
      let table = Self.randomTable(&rng)
      var encoder = CSVEncoder(format: format, guardsFormulas: false)
      for row in table { encoder.append(texts: row) }
      // Force the delimiter: a one-column table has none to sniff.
      let options = CSVReadOptions(
        delimiter: format == .rfc4180 ? .comma : .semicolon, chunkSize: 1 + round % 61, sniffWindow: 1 + round % 31)
      let (dialect, records) = try readAll(bytes: encoder.bytes, options: options)
      #expect(records.map(\.fields) == table, "round \(round)")
      #expect(dialect.encoding.hadByteOrderMark == (format == .excelSwedish))
    }
  }

  @Test func guardedCellsReadBackWithTheirApostrophe() throws {
    var rng = SplitMix64(seed: 7)
    for _ in 0..<500 {
      let table = Self.randomTable(&rng)
      var encoder = CSVEncoder(format: .rfc4180)
      for row in table { encoder.append(texts: row) }
      let records = try readAll(bytes: encoder.bytes, options: CSVReadOptions(delimiter: .comma)).1
      #expect(records.map(\.fields) == table.map { $0.map(FormulaGuard.neutralise) })
    }
  }

  @Test func sniffedRoundTripOfAWideTable() throws {
    var rng = SplitMix64(seed: 99)
    for format in CSVOutputFormat.allCases {
      var table = [(0..<5).map { "kolumn \($0)" }]
      for _ in 0..<30 { table.append((0..<5).map { _ in Self.alphabet.randomElement(using: &rng)! + "x" }) }
      var encoder = CSVEncoder(format: format, guardsFormulas: false)
      for row in table { encoder.append(texts: row) }
      let (dialect, records) = try readAll(bytes: encoder.bytes)
      #expect(dialect.delimiter == (format == .rfc4180 ? .comma : .semicolon))
      #expect(records.map(\.fields) == table)
    }
  }
}

/// Figures in the two dialects: for machines every double reads back the same; for
/// people 4 decimals and p-values to 2 significant digits, never 0.
@Suite struct FigureCellTests {
  func row(_ cells: [CSVCell], _ format: CSVOutputFormat) -> String {
    var encoder = CSVEncoder(format: format, writeByteOrderMark: false)
    encoder.append(row: cells)
    return String(decoding: encoder.bytes, as: UTF8.self)
  }

  /// Expected texts are Python's `repr` of the same doubles: repr(2/3) '0.6666666666666666',
  /// repr(1e-7) '1e-07', repr(3.2e-9) '3.2e-09'.
  @Test func rfc4180WritesEveryDoubleSoThatItReadsBack() {
    #expect(
      row([.measure(2.0 / 3), .probability(1e-7), .probability(3.2e-9), .measure(0)], .rfc4180)
        == "0.6666666666666666,1e-07,3.2e-09,0\r\n")
    var random = SplitMix64(seed: 99)
    for _ in 0..<2000 {
      let value = Double(bitPattern: random.next() >> 2) * (random.next() % 2 == 0 ? 1 : -1)
      guard value.isFinite else { continue }
      let text = row([.measure(value)], .rfc4180).dropLast()  // "\r\n" is one Character
      #expect(Double(String(text)) == value, "\(value) wrote \(text)")
    }
  }

  /// By hand: 0.0123 → 0,012; 0.5 → 0,50; 0.000123 → 0,00012; 4.56e-7 → 4,6E-07;
  /// 9.96e-5 → 1,0E-04 (rounding carries); 1 → 1,0; 0 stays 0 (an exact p of 0).
  @Test func swedishExcelRoundsForPeople() {
    #expect(row([.measure(2.0 / 3), .measure(-1.23456)], .excelSwedish) == "0,6667;-1,2346\r\n")
    #expect(
      row([.probability(0.0123), .probability(0.5), .probability(0.000123), .probability(4.56e-7)], .excelSwedish)
        == "0,012;0,50;0,00012;4,6E-07\r\n")
    #expect(row([.probability(9.96e-5), .probability(1), .probability(0)], .excelSwedish) == "1,0E-04;1,0;0\r\n")
  }
}
