import Foundation
import LibCSV
import Testing

/// Real files nobody here wrote (see Fixtures/peers/SOURCES.md), against expected rows that
/// come from outside kartlagg: csv-spectrum's own JSON, and Python's csv module.
@Suite("Conformance with real CSV files")
struct PeerConformanceTests {
  static let spectrumCases = [
    "comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "newlines", "newlines_crlf",
    "quotes_and_newlines", "simple", "simple_crlf", "utf8",
  ]

  @Test("csv-spectrum case parses to its expected rows", arguments: spectrumCases)
  func spectrum(name: String) throws {
    let (_, records) = try readAll(path: fixturePath("peers/csv-spectrum/csvs/\(name).csv"))
    let json = try Data(contentsOf: URL(fileURLWithPath: fixturePath("peers/csv-spectrum/json/\(name).json")))
    let expected = try #require(try JSONSerialization.jsonObject(with: json) as? [[String: String]])
    let header = try #require(records.first).fields
    #expect(Set(header) == Set(expected[0].keys))
    #expect(records.count - 1 == expected.count)
    for (record, object) in zip(records.dropFirst(), expected) {
      #expect(record.fields.count == header.count)
      for (column, value) in zip(header, record.fields) {
        #expect(value == object[column], "\(name) line \(record.line) column \(column)")
      }
    }
  }

  /// csv-spectrum's `location_coordinates.json` is wrong upstream (another phone number, an
  /// object instead of an array), so this case is checked against the CSV's real bytes:
  /// `od -c` shows `2095257564,37\357\277\27536'37.8"N 121\357\277\2752'17.9"W,Modesto,Stanislaus`,
  /// where EF BF BD is U+FFFD and the `"` stand inside an unquoted field. RFC 4180 forbids a
  /// quote in an unquoted field, and libcsv's strict mode (which kartlagg uses) refuses it, so
  /// the real content reads as: the header, then an error on line 2 at the first `"`.
  @Test func locationCoordinatesIsReportedAsMalformed() throws {
    let data = try Array(
      Data(contentsOf: URL(fileURLWithPath: fixturePath("peers/csv-spectrum/csvs/location_coordinates.csv"))))
    let (records, error) = readUntilError(bytes: data)
    #expect(
      records == [ReadRecord(line: 1, fields: ["Contact Phone Number", "Location Coordinates", "Cities", "Counties"])])
    let e = try #require(error)
    #expect(e.kind == .quoteInUnquotedField)
    #expect(e.line == 2)
    // Offset of the first `"`: header (58 bytes incl. LF) + `2095257564,37\u{FFFD}36'37.8` (11 + 2 + 3 + 7 = 23 bytes).
    #expect(e.byteOffset == 58 + 23)
  }

  /// Reference (Python 3.11, csv module, strict=True, newline=''):
  ///   rows 302 fieldcounts [8, 11] chars 79102; last ['test308', 'invalid datatype string', …] 11 fields;
  ///   start lines: first record 1, second 2, last 302.
  @Test func w3cManifestWithCROnlyLineEnds() throws {
    let (dialect, records) = try readAll(path: fixturePath("peers/w3c-csvw/manifest-cr-only.csv"))
    #expect(dialect.delimiter == .comma)
    #expect(records.count == 302)
    #expect(Set(records.map(\.fields.count)) == [8, 11])
    #expect(records.reduce(0) { $0 + $1.fields.reduce(0) { $0 + $1.unicodeScalars.count } } == 79102)
    #expect(records[1].line == 2)
    #expect(records.last?.line == 302)
    #expect(records.last?.fields.prefix(2) == ["test308", "invalid datatype string"])
  }

  /// Reference (Python csv): rows 4, all 20 fields, 1293 characters; the third header row
  /// is `{"ImportId":"startDate"}` …; the data row starts `2017-07-18 08:28:09`.
  @Test func qualtricsThreeHeaderRows() throws {
    let (_, records) = try readAll(path: fixturePath("peers/survey-exports/qualtrics/sample.csv"))
    #expect(records.count == 4)
    #expect(records.allSatisfy { $0.fields.count == 20 })
    #expect(records.reduce(0) { $0 + $1.fields.reduce(0) { $0 + $1.unicodeScalars.count } } == 1293)
    #expect(records[2].fields[0] == #"{"ImportId":"startDate"}"#)
    #expect(records[1].fields[9] == "Nachname des Empfängers")
    #expect(records[3].fields[17] == "2")
    #expect(records[3].fields[18] == "Hello World!")
  }

  /// Reference (Python csv, encoding utf-8-sig): rows 3, all 16 fields (the trailing comma
  /// gives an empty 16th), 424 characters; BOM not in the first field.
  @Test func qualtricsLegacyWithBOMAndTrailingComma() throws {
    let (dialect, records) = try readAll(path: fixturePath("peers/survey-exports/qualtrics/sample_legacy.csv"))
    #expect(dialect.encoding == DetectedEncoding(encoding: .utf8, hadByteOrderMark: true))
    #expect(records.count == 3)
    #expect(records.allSatisfy { $0.fields.count == 16 && $0.fields[15] == "" })
    #expect(records[0].fields[0] == "V1")
    #expect(records.reduce(0) { $0 + $1.fields.reduce(0) { $0 + $1.unicodeScalars.count } } == 424)
    #expect(records[2].fields[14] == "-1")
  }

  /// Reference (Python csv): sp24 rows 92 × 7 fields, 13262 characters, last record on line 92;
  /// fa23 rows 159 × 4 fields, 12557 characters.
  @Test func googleFormsExports() throws {
    let (_, sp24) = try readAll(
      path: fixturePath("peers/survey-exports/google-forms/googleforms_DS-4002-sp24-survey-results.csv"))
    #expect(sp24.count == 92)
    #expect(sp24.allSatisfy { $0.fields.count == 7 })
    #expect(sp24.reduce(0) { $0 + $1.fields.reduce(0) { $0 + $1.unicodeScalars.count } } == 13262)
    #expect(sp24[0].fields[5] == "If you are an undergraduate, what is your current academic year?")
    #expect(sp24.last?.line == 92)
    let (_, fa23) = try readAll(
      path: fixturePath("peers/survey-exports/google-forms/unknown-tool_DS-4002-fa23-survey-results.csv"))
    #expect(fa23.count == 159)
    #expect(fa23.allSatisfy { $0.fields.count == 4 })
    #expect(fa23.reduce(0) { $0 + $1.fields.reduce(0) { $0 + $1.unicodeScalars.count } } == 12557)
  }

  /// Reference (Python csv, utf-8-sig, delimiter ';'): 4693 non-blank records of 1 or 23
  /// fields, 490023 characters; record start lines 1, 3, 4, 6 (header), … 4696, 4697, 4698
  /// (footnotes and a line holding one space).
  @Test func skolverketAgencyFile() throws {
    let (dialect, records) = try readAll(
      path: fixturePath("peers/swedish-agency-csv/Grundskolan_Antal_elever_per_arskurs_2023_Skolenhet.csv"))
    #expect(dialect.delimiter == .semicolon)
    #expect(dialect.encoding == DetectedEncoding(encoding: .utf8, hadByteOrderMark: true))
    #expect(dialect.typicalFieldCount == 23)
    #expect(records.count == 4693)
    #expect(Set(records.map(\.fields.count)) == [1, 23])
    #expect(records.reduce(0) { $0 + $1.fields.reduce(0) { $0 + $1.unicodeScalars.count } } == 490023)
    #expect(records.prefix(4).map(\.line) == [1, 3, 4, 6])
    #expect(records.suffix(3).map(\.line) == [4696, 4697, 4698])
    #expect(records[0].fields == ["Statistik från Skolverket, https://www.skolverket.se"])
    #expect(records[3].fields[0] == "Skola")
    #expect(records[4].fields[8] == "..")
  }

  @Test("every peer file reads the same in tiny chunks", arguments: [1, 2, 3, 7, 64])
  func chunkBoundariesDoNotMatter(chunkSize: Int) throws {
    let files =
      Self.spectrumCases.map { "peers/csv-spectrum/csvs/\($0).csv" } + [
        "peers/survey-exports/qualtrics/sample.csv", "peers/survey-exports/qualtrics/sample_legacy.csv",
        "peers/w3c-csvw/manifest-cr-only.csv",
      ]
    for file in files {
      let whole = try readAll(path: fixturePath(file)).1
      let small = try readAll(
        path: fixturePath(file), options: CSVReadOptions(chunkSize: chunkSize, sniffWindow: chunkSize)
      ).1
      #expect(small == whole, "\(file) with chunks of \(chunkSize)")
    }
  }
}
