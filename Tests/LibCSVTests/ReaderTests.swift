import Foundation
import LibCSV
import SeededRandom
import Testing

@Suite("Reading: lines, dialects and malformed input")
struct ReaderTests {
  // Physical lines counted by hand: every LF, CRLF and lone CR ends a line, also inside
  // quotes and on blank lines.
  @Test func lineNumbersCountEveryPhysicalLine() throws {
    let text = "a,b\r\n\r\n1,\"x\r\ny\"\n\n2,\"p\rq\"\r3,4\n5,6"
    let (_, records) = try readAll(text)
    #expect(
      records == [
        ReadRecord(line: 1, fields: ["a", "b"]),
        ReadRecord(line: 3, fields: ["1", "x\r\ny"]),
        ReadRecord(line: 6, fields: ["2", "p\rq"]),
        ReadRecord(line: 8, fields: ["3", "4"]),
        ReadRecord(line: 9, fields: ["5", "6"]),
      ])
  }

  // Counted by hand: a quoted field that is one line break alone (LF on line 1, a lone CR
  // on line 3) ends a physical line like any other.
  @Test func aFieldThatIsOneLineBreakCountsALine() throws {
    let (_, records) = try readAll("a,\"\n\"\n\"\r\",b\nc,d")
    #expect(
      records == [
        ReadRecord(line: 1, fields: ["a", "\n"]),
        ReadRecord(line: 3, fields: ["\r", "b"]),
        ReadRecord(line: 5, fields: ["c", "d"]),
      ])
  }

  // The record starts on line 2; its first field runs to line 3, where the unterminated
  // one starts; that one's own line break puts the end of the data on line 4.
  @Test func anUnterminatedQuoteAfterAMultilineFieldOfItsRecord() {
    let (records, error) = readUntilError(bytes: Array("h\n\"p\nq\",\"open\nmore".utf8))
    #expect(records.map(\.line) == [1])
    #expect(error?.kind == .unterminatedQuote)
    #expect(error?.fieldStartLine == 3)
    #expect(error?.line == 4)
  }

  @Test func lastRowWithoutNewlineIsKept() throws {
    #expect(try readAll("a,b\n1,2").1.last == ReadRecord(line: 2, fields: ["1", "2"]))
    #expect(try readAll("a,b\n1,\"2\"").1.last == ReadRecord(line: 2, fields: ["1", "2"]))
  }

  @Test func spacesAreKeptExactly() throws {
    #expect(try readAll(" a , b \n").1 == [ReadRecord(line: 1, fields: [" a ", " b "])])
  }

  @Test func fieldCountsAreReportedNotHidden() throws {
    let (dialect, records) = try readAll("a,b,c\n1,2\n1,2,3,4\n1,2,3\n")
    #expect(dialect.typicalFieldCount == 3)
    #expect(records.map(\.fields.count) == [3, 2, 4, 3])
  }

  @Test func unterminatedQuoteNamesWhereTheFieldStarts() {
    let (records, error) = readUntilError(bytes: Array("a,b\n1,2\n3,\"open\nmore\nstill\n".utf8))
    #expect(records.map(\.line) == [1, 2])
    #expect(error?.kind == .unterminatedQuote)
    #expect(error?.fieldStartLine == 3)
    #expect(error?.description.hasPrefix("test.csv:") == true)
    #expect(error?.reason.hasPrefix("unterminated quoted field starting at line 3") == true)
  }

  @Test func characterAfterClosingQuote() {
    let (records, error) = readUntilError(bytes: Array("h1,h2\n\"ok\",1\n\"bad\"x,2\n".utf8))
    #expect(records.count == 2)
    #expect(error?.kind == .characterAfterClosingQuote("'x'"))
    #expect(error?.line == 3)
    #expect(error?.byteOffset == 18)  // "h1,h2\n" 6 + "\"ok\",1\n" 7 + "\"bad\"" 5
  }

  @Test func quoteInsideUnquotedFieldOnALaterLineOfAMultilineRecord() {
    let (_, error) = readUntilError(bytes: Array("a,b\n\"x\ny\",z\"w\n".utf8))
    #expect(error?.kind == .quoteInUnquotedField)
    #expect(error?.line == 3)
  }

  @Test func emptyFileAndLoneQuote() throws {
    #expect(try readAll("").1.isEmpty)
    #expect(try readAll("\n\r\n\r").1.isEmpty)
    let (_, error) = readUntilError(bytes: [0x22])
    #expect(error?.kind == .unterminatedQuote)
  }

  /// The field quoted by repeating its piece with each quote doubled (CSV's escaping by
  /// hand), not by Foundation's `replacingOccurrences` over the 14 MB, which took 85 % of
  /// the test's 4 s of CPU in a debug build (perf).
  @Test func tenMegabyteFieldIsRead() throws {
    let count = 1_000_000 / 9 * 10
    let big = String(repeating: "åäö, \"x\"\n", count: count)
    let text = "id,text\n1,\"" + String(repeating: "åäö, \"\"x\"\"\n", count: count) + "\"\n2,end\n"
    let (_, records) = try readAll(text)
    #expect(records.count == 3)
    #expect(records[1].fields[1] == big)
    #expect(records[2].line == 2 + 1_111_110 + 1)
  }

  @Test func fieldLargerThanTheLimitStopsWithAClearError() {
    let text = "a\n\"" + String(repeating: "x", count: 300_000)
    let (_, error) = readUntilError(
      bytes: Array(text.utf8), options: CSVReadOptions(chunkSize: 4096, maxFieldBytes: 100_000))
    #expect(error?.kind == .fieldTooLarge(limit: 100_000))
    #expect(error?.fieldStartLine == 2)
  }

  /// Random bytes must give rows or an error, never a crash or a hang.
  @Test func randomBytesNeverCrash() {
    var rng = SplitMix64(seed: 2026)
    for round in 0..<300 {
      let length = Int.random(in: 0...4096, using: &rng)
      let data = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
      let (records, error) = readUntilError(bytes: data, options: CSVReadOptions(chunkSize: 1 + round % 97))
      #expect(records.count <= length + 1)
      if let error { #expect(!error.reason.isEmpty) }
    }
  }

  @Test func missingFileIsAClearError() {
    do {
      _ = try CSVReader(path: "/nonexistent/kommun.csv")
      Issue.record("opened a file that does not exist")
    } catch {
      // No line: the file was never read.
      #expect(
        "\(error)" == "/nonexistent/kommun.csv: error: cannot open '/nonexistent/kommun.csv': No such file or directory"
      )
    }
  }

  // MARK: dialect

  @Test func semicolonWithDecimalCommasIsSniffed() throws {
    let (dialect, records) = try readAll("Kommun;Snitt;Andel\nKalmar;3,5;0,25\nNybro;2,75;0,5\n")
    #expect(dialect.delimiter == .semicolon)
    #expect(records[1].fields == ["Kalmar", "3,5", "0,25"])
  }

  @Test func delimitersInsideQuotesDoNotCount() throws {
    let (dialect, _) = try readAll("a,b\n\"x;y;z;w\",1\n\"p;q;r;s\",2\n")
    #expect(dialect.delimiter == .comma)
  }

  /// A comma file of 128 columns whose comment cells hold `|` and line breaks. Python's
  /// csv module reads it as 2 records of 128 fields:
  ///
  ///     rows = list(csv.reader(io.StringIO(text, newline="")))
  ///     print(len(rows), [len(r) for r in rows])   # 2 [128, 128]
  @Test func pipesAndLineBreaksInCommentsDoNotMakeAPipeFile() throws {
    let header = (0..<128).map { "q\($0)" }.joined(separator: ",")
    let cells = (0..<128).map { i in
      i % 16 == 5 ? "\"Kommentar | med streck\nrad två | och | fler\nrad tre | slut\"" : String(1 + i % 5)
    }
    let (dialect, records) = try readAll(header + "\r\n" + cells.joined(separator: ",") + "\r\n")
    #expect(dialect.delimiter == .comma)
    #expect(records.map(\.fields.count) == [128, 128])
  }

  @Test func tabAndPipe() throws {
    #expect(try readAll("a\tb\tc\n1\t2\t3\n").0.delimiter == .tab)
    #expect(try readAll("a|b|c\n1|2|3\n").1[1].fields == ["1", "2", "3"])
  }

  @Test func excelSepLineIsHonouredAndSkipped() throws {
    let (dialect, records) = try readAll("sep=;\r\na,b;c\r\n1,5;2\r\n")
    #expect(dialect.delimiter == .semicolon)
    #expect(dialect.declaredBySepLine)
    #expect(records == [ReadRecord(line: 2, fields: ["a,b", "c"]), ReadRecord(line: 3, fields: ["1,5", "2"])])
  }

  @Test func forcedDelimiterWins() throws {
    let (dialect, records) = try readAll("a;b,c\n1;2,3\n", options: CSVReadOptions(delimiter: .comma))
    #expect(dialect.delimiter == .comma && dialect.forced)
    #expect(records[1].fields == ["1;2", "3"])
  }

  @Test func preambleLinesDoNotDecideTheDelimiter() throws {
    let text =
      "Statistik från Region Kalmar län, 2026\n\nKommun;Svar;Antal\n"
      + (1...20).map { "K\($0);Ja;\($0)" }.joined(separator: "\n")
    let (dialect, records) = try readAll(text)
    #expect(dialect.delimiter == .semicolon)
    #expect(records[1].line == 3)
  }

  // MARK: encodings

  /// Bytes from Python: `'Högsby;Stämmer delvis ’bra’ – Åå €'.encode('cp1252').hex()`.
  @Test func windows1252IsDetectedAndDecoded() throws {
    let line = bytes(hex: "48f6677362793b5374e46d6d65722064656c766973209262726192209620c5e52080")
    let (dialect, records) = try readAll(bytes: Array("Kommun;Svar\n".utf8) + line + [0x0A])
    #expect(dialect.encoding == DetectedEncoding(encoding: .windows1252, hadByteOrderMark: false))
    #expect(records[1].fields == ["Högsby", "Stämmer delvis ’bra’ – Åå €"])
  }

  /// The encoder gives Python's bytes for the same text, and refuses what Windows-1252
  /// cannot hold.
  @Test func windows1252Encoding() throws {
    let expected = bytes(hex: "48f6677362793b5374e46d6d65722064656c766973209262726192209620c5e52080")
    #expect(TextEncoding.windows1252Bytes("Högsby;Stämmer delvis ’bra’ – Åå €") == expected)
    #expect(TextEncoding.windows1252Bytes("😀") == nil)
    #expect(TextEncoding.windows1252Bytes("ő") == nil)
  }

  /// Python: `[hex(ord(bytes([b]).decode('cp1252'))) for b in range(0x80, 0xA0)]`, with the
  /// five bytes Python leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) mapped to the C1 control
  /// of the same number, as the WHATWG Encoding Standard does.
  @Test func windows1252HighRangeMatchesPython() throws {
    let python: [UInt32] = [
      0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
      0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
      0x0153, 0x9D, 0x017E, 0x0178,
    ]
    let data: [UInt8] = [0x61, 0x0A] + Array(0x80...0xFF).map { UInt8($0) } + [0x0A]
    let (dialect, records) = try readAll(bytes: data, options: CSVReadOptions(delimiter: .pipe))
    #expect(dialect.encoding.encoding == .windows1252)
    let scalars = records[1].fields[0].unicodeScalars.map(\.value)
    #expect(Array(scalars.prefix(32)) == python)
    #expect(Array(scalars.dropFirst(32)) == Array(0xA0...0xFF).map { UInt32($0) })
  }

  /// Bytes from Python: `'Högsby;Stämmer 😀'.encode('utf-16-le').hex()` (the emoji is a
  /// surrogate pair), read in chunks of 1, 2, 3 and 5 bytes so that code units and the
  /// pair are cut.
  @Test func utf16LittleEndianWithBOM() throws {
    let body = bytes(hex: "4800f60067007300620079003b0053007400e4006d006d006500720020003dd800de")
    let header = Array("Kommun;Svar\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let data = [0xFF, 0xFE] + header + body
    for chunk in [1, 2, 3, 5, 4096] {
      // A window of 27 bytes holds the BOM, the header and a cut code unit.
      let (dialect, records) = try readAll(bytes: data, options: CSVReadOptions(chunkSize: chunk, sniffWindow: 27))
      #expect(dialect.encoding == DetectedEncoding(encoding: .utf16LittleEndian, hadByteOrderMark: true))
      #expect(
        records == [
          ReadRecord(line: 1, fields: ["Kommun", "Svar"]), ReadRecord(line: 2, fields: ["Högsby", "Stämmer 😀"]),
        ])
    }
  }

  @Test func utf16BigEndianWithAndWithoutBOM() throws {
    let text = "Kommun\tSvar\r\nMörbylånga\t5\r\n"
    let be = Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    for data in [[0xFE, 0xFF] + be, be] {
      let (dialect, records) = try readAll(bytes: data)
      #expect(dialect.encoding.encoding == .utf16BigEndian)
      #expect(dialect.delimiter == .tab)
      #expect(records[1].fields == ["Mörbylånga", "5"])
    }
  }

  @Test func byteOrderMarkNeverReachesAField() throws {
    let (dialect, records) = try readAll(bytes: [0xEF, 0xBB, 0xBF] + Array("kommun,svar\r\nKalmar,3\r\n".utf8))
    #expect(dialect.encoding.hadByteOrderMark)
    #expect(records[0].fields[0] == "kommun")
  }

  @Test func invalidUTF8AfterTheSniffWindowIsRepairedNotFatal() throws {
    // Valid UTF-8 for the whole window, then a stray Windows-1252 byte.
    let text =
      Array("a,b\n".utf8) + Array(repeating: Array("ö,1\n".utf8), count: 100).flatMap { $0 } + [
        0x78, 0xE5, 0x2C, 0x32, 0x0A,
      ]
    let (dialect, records) = try readAll(bytes: text, options: CSVReadOptions(sniffWindow: 64))
    #expect(dialect.encoding.encoding == .utf8)
    #expect(records.last?.fields == ["x\u{FFFD}", "2"])
  }

  @Test func forcedEncoding() throws {
    let (dialect, records) = try readAll(
      bytes: [0x61, 0x2C, 0x62, 0x0A, 0xE5, 0x2C, 0x31, 0x0A], options: CSVReadOptions(encoding: .windows1252))
    #expect(dialect.encoding.encoding == .windows1252)
    #expect(records[1].fields == ["å", "1"])
  }
}

@Suite("Excel's sep= line")
struct SepLineTests {
  @Test func sepCutByTheWindowIsNotASepLine() throws {
    let (dialect, records) = try readAll("sep=;x,y\n1,2\n", options: CSVReadOptions(sniffWindow: 5))
    #expect(!dialect.declaredBySepLine)
    #expect(records.first?.fields.first == "sep=;x")
  }

  @Test func aFileThatIsOnlyASepLineHasNoRecords() throws {
    #expect(try readAll("sep=;").1.isEmpty)
  }

  @Test func writerQuotesACellThatLooksLikeASepLine() throws {
    var encoder = CSVEncoder(format: .excelSwedish)
    encoder.append(texts: ["sep=,"])
    encoder.append(texts: ["a", "b"])
    let (dialect, records) = try readAll(bytes: encoder.bytes)
    #expect(!dialect.declaredBySepLine)
    #expect(records.map(\.fields) == [["sep=,"], ["a", "b"]])
  }
}

@Suite("Reading in chunks: the records in the parser's own buffers")
struct ChunkTests {
  /// What `forEachChunk` hands over, chunk by chunk, equals what `forEachRecord` lends one
  /// record at a time: fields and lines, for random tables (quotes, delimiters and line
  /// breaks in fields) cut into chunks of 1 to 61 bytes (after a sniffed prefix of 1 to 31),
  /// with the chunks recycled from a pool of two and each read only after the next has
  /// been parsed into.
  @Test func chunksHoldWhatRecordsGive() throws {
    var rng = SplitMix64(seed: 2412)
    for round in 0..<1500 {
      let table = RoundTripTests.randomTable(&rng)
      var encoder = CSVEncoder(format: .rfc4180, guardsFormulas: false)
      for row in table { encoder.append(texts: row) }
      let options = CSVReadOptions(delimiter: .comma, chunkSize: 1 + round % 61, sniffWindow: 1 + round % 31)
      let (_, expected) = try readAll(bytes: encoder.bytes, options: options)
      #expect(expected.map(\.fields) == table, "round \(round)")
      #expect(try readChunked(bytes: encoder.bytes, options: options).records == expected, "round \(round)")
    }
  }

  /// A malformed file: the chunks before the problem are handed over, and the error is the
  /// one the record-by-record reading throws.
  @Test func theChunksBeforeAProblemAreHandedOver() throws {
    let text = Array("a,b\n1,\"x\ny\"\n2,3\n\"bad\"x,4\n5,6\n".utf8)
    let options = CSVReadOptions(delimiter: .comma, chunkSize: 3, sniffWindow: 3)
    let (records, error) = readUntilError(bytes: text, options: options)
    let chunked = try readChunked(bytes: text, options: options)
    #expect(records.map(\.line) == [1, 2, 4])
    #expect(chunked.records == records)
    #expect(chunked.error?.kind == error?.kind && chunked.error?.line == error?.line)
    #expect(chunked.error?.byteOffset == error?.byteOffset)
  }

  private func readChunked(bytes: [UInt8], options: CSVReadOptions) throws -> (
    records: [ReadRecord], error: CSVError?
  ) {
    let reader = try CSVReader(bytes: bytes, name: "test.csv", options: options)
    var pool = [CSVChunk(), CSVChunk()]
    var held: CSVChunk?
    var records: [ReadRecord] = []
    func drain(_ chunk: CSVChunk) {
      #expect(chunk.count > 0)
      chunk.forEach { records.append(ReadRecord(line: $0.line, fields: $0.strings())) }
      pool.append(chunk)
    }
    do {
      try reader.forEachChunk(next: { pool.removeLast() }) { chunk in
        if let previous = held { drain(previous) }
        held = chunk
      }
    } catch let error as CSVError {
      if let held { drain(held) }
      return (records, error)
    }
    if let held { drain(held) }
    return (records, nil)
  }
}
