import Foundation

/// Counts of integer values (answers on a scale, or per-respondent gaps): every statistic
/// of the reports comes exactly from one of these, without the respondents themselves.
public struct Histogram: Sendable, Equatable {
  /// The values, ascending, and how many times each occurs.
  public var values: [Int]
  public var counts: [Int]

  public init(values: [Int], counts: [Int]) {
    precondition(values.count == counts.count)
    self.values = values
    self.counts = counts
  }

  /// A histogram of the given observations (for tests and small inputs).
  public init(observations: [Int]) {
    let distinct = Array(Set(observations)).sorted()
    values = distinct
    counts = distinct.map { v in observations.reduce(0) { $0 + ($1 == v ? 1 : 0) } }
  }

  public var n: Int { counts.reduce(0, +) }

  public var sum: Double { zip(values, counts).reduce(0) { $0 + Double($1.0) * Double($1.1) } }

  public var mean: Double? {
    let n = self.n
    return n > 0 ? sum / Double(n) : nil
  }

  /// The sample variance (n − 1 in the denominator), nil below two observations.
  public var variance: Double? {
    let n = self.n
    guard n >= 2, let mean else { return nil }
    var squares = 0.0
    for (v, c) in zip(values, counts) where c > 0 {
      let d = Double(v) - mean
      squares += Double(c) * d * d
    }
    return squares / Double(n - 1)
  }

  public var standardDeviation: Double? { variance.map { $0.squareRoot() } }

  /// The p-quantile by linear interpolation between order statistics (Hyndman and Fan's
  /// type 7, numpy's default): position (n − 1)·p in the sorted observations.
  public func quantile(_ p: Double) -> Double? {
    let n = self.n
    guard n > 0 else { return nil }
    let position = Double(n - 1) * p
    let below = Int(position.rounded(.down))
    let fraction = position - Double(below)
    let a = Double(value(atRank: below))
    if fraction == 0 { return a }
    let b = Double(value(atRank: min(below + 1, n - 1)))
    return a + fraction * (b - a)
  }

  /// The value of the observation at 0-based rank `rank` in ascending order.
  public func value(atRank rank: Int) -> Int {
    var seen = 0
    for (v, c) in zip(values, counts) {
      seen += c
      if rank < seen { return v }
    }
    return values.last ?? 0
  }

  /// How many observations are at least `value`.
  public func count(atLeast value: Int) -> Int {
    zip(values, counts).reduce(0) { $0 + ($1.0 >= value ? $1.1 : 0) }
  }

  /// Adds another histogram's counts (the values are merged).
  public static func + (a: Histogram, b: Histogram) -> Histogram {
    var merged: [Int: Int] = [:]
    for (v, c) in zip(a.values, a.counts) { merged[v, default: 0] += c }
    for (v, c) in zip(b.values, b.counts) { merged[v, default: 0] += c }
    let values = merged.keys.sorted()
    return Histogram(values: values, counts: values.map { merged[$0]! })
  }
}
