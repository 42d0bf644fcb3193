/// A number as it is written into the CSV stream of a sheet or an SPSS file: a whole
/// number without decimals (`3.0` is `3`), any other in Swift's shortest form that reads
/// back as the same double (`2.5`); nil for NaN and the infinities, which the caller writes
/// as it found them.
enum CellNumber {
  static func text(_ value: Double) -> String? {
    guard value.isFinite else { return nil }
    guard value == value.rounded() && abs(value) < 1e15 else { return "\(value)" }
    // Answers are small whole numbers: their texts are made once.
    if value >= -128 && value < 1024 { return smallIntegers[Int(value) + 128] }
    return String(Int64(value))
  }

  private static let smallIntegers = (-128..<1024).map(String.init)
}
