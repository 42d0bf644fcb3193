import Foundation
import TestSurveys

/// A small survey and two exports of it, for the tests of what a run does with its folders,
/// its store and its processes rather than of what the county's report says:
/// `TestSurveys.mini` (Kalmar, Högsby and Mörbylånga; two paired items a and b, a choice c
/// and a free text d; minimum group 5) and 15 respondents in each of two files, 5 a
/// municipality. A report of it costs about 0.1 s of CPU in a debug build, where one of
/// Torsås's 15 respondents on the county survey costs 2.2 s: the pages, the workbook and the
/// disclosure search grow with the survey, not with the rows.
struct MiniSurvey {
  /// The definition (`mini.yaml`) and the two exports (`mini-a.csv`, `mini-b.csv`).
  var survey: String
  var a: String
  var b: String

  /// The municipalities in the order the rows cycle through them.
  static let municipalities = ["Kalmar", "Högsby", "Mörbylånga"]

  /// The export of respondents `first ..< first + 15` (`TestSurveys.miniExport`, which
  /// says what each respondent answers).
  static func export(from first: Int) -> String { TestSurveys.miniExport(from: first) }

  /// A replacement whose text the survey does not hold.
  struct Unchanged: Error, CustomStringConvertible {
    var text: String
    var description: String { "the mini survey has no '\(text)'" }
  }

  /// Writes the survey (with `replacing` applied to its text) and the two exports
  /// (respondents 0–14 and 15–29) into `folder`.
  init(in folder: String, replacing: [(String, String)] = []) throws {
    var yaml = TestSurveys.mini
    for (old, new) in replacing {
      guard yaml.contains(old) else { throw Unchanged(text: old) }
      yaml = yaml.replacingOccurrences(of: old, with: new)
    }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    survey = folder + "/mini.yaml"
    a = folder + "/mini-a.csv"
    b = folder + "/mini-b.csv"
    try yaml.write(toFile: survey, atomically: true, encoding: .utf8)
    try Self.export(from: 0).write(toFile: a, atomically: true, encoding: .utf8)
    try Self.export(from: 15).write(toFile: b, atomically: true, encoding: .utf8)
  }
}
