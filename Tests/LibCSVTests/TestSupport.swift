import Foundation
import LibCSV
import SeededRandom
// The helpers every test target shares (repositoryRoot, processes, golden files), for every
// file of this target.
@_exported import TestSupport

/// A record copied out of the reader, for comparing in tests.
struct ReadRecord: Equatable, CustomStringConvertible {
  var line: Int
  var fields: [String]
  var description: String { "\(line): \(fields)" }
}

func fixturePath(_ relative: String) -> String {
  Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(relative).path
}

func readAll(path: String, options: CSVReadOptions = CSVReadOptions()) throws -> (CSVDialect, [ReadRecord]) {
  let reader = try CSVReader(path: path, options: options)
  var records: [ReadRecord] = []
  try reader.forEachRecord { records.append(ReadRecord(line: $0.line, fields: $0.strings())) }
  return (reader.dialect, records)
}

func readAll(bytes: [UInt8], options: CSVReadOptions = CSVReadOptions()) throws -> (CSVDialect, [ReadRecord]) {
  let reader = try CSVReader(bytes: bytes, name: "test.csv", options: options)
  var records: [ReadRecord] = []
  try reader.forEachRecord { records.append(ReadRecord(line: $0.line, fields: $0.strings())) }
  return (reader.dialect, records)
}

func readAll(_ text: String, options: CSVReadOptions = CSVReadOptions()) throws -> (CSVDialect, [ReadRecord]) {
  try readAll(bytes: Array(text.utf8), options: options)
}

/// Reads, catching the error so that a test can look at what came before it too.
func readUntilError(bytes: [UInt8], options: CSVReadOptions = CSVReadOptions()) -> ([ReadRecord], CSVError?) {
  var records: [ReadRecord] = []
  do {
    let reader = try CSVReader(bytes: bytes, name: "test.csv", options: options)
    try reader.forEachRecord { records.append(ReadRecord(line: $0.line, fields: $0.strings())) }
    return (records, nil)
  } catch let error as CSVError {
    return (records, error)
  } catch {
    fatalError("unexpected error \(error)")
  }
}

func bytes(hex: String) -> [UInt8] {
  var out: [UInt8] = []
  var chars = Array(hex)
  while chars.count >= 2 {
    out.append(UInt8(String(chars[0...1]), radix: 16)!)
    chars.removeFirst(2)
  }
  return out
}
