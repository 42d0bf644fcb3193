import Foundation

/// A test's statistic and two-sided p-value.
public struct TestResult: Sendable, Equatable {
  public var statistic: Double
  public var p: Double
}

/// A proportion with its 95 % Wilson score interval.
public struct Proportion: Sendable, Equatable {
  public var count: Int
  public var n: Int
  public var share: Double
  public var low: Double
  public var high: Double
}

/// The statistical tests of the reports, each computed exactly from histograms. The
/// definitions, and the scipy calls they agree with, are in docs/statistics.md.
public enum StatisticalTests {
  /// One-sample t-test of mean ≠ 0 (on per-respondent gaps, the paired t-test), with the
  /// 95 % t-interval of the mean. nil below two observations.
  public static func oneSampleT(_ h: Histogram) -> (test: TestResult, low: Double, high: Double)? {
    let n = h.n
    guard n >= 2, let mean = h.mean, let sd = h.standardDeviation else { return nil }
    let se = sd / Double(n).squareRoot()
    let df = Double(n - 1)
    let q = Distributions.tQuantile(0.975, df: df)
    if se == 0 {
      // Every gap the same: no spread to test against.
      return (TestResult(statistic: mean == 0 ? .nan : .infinity, p: mean == 0 ? 1 : 0), mean, mean)
    }
    let t = mean / se
    return (TestResult(statistic: t, p: Distributions.tTwoSided(t, df: df)), mean - q * se, mean + q * se)
  }

  /// Welch's two-sample t-test (unequal variances). nil when a group has fewer than two
  /// observations or both have no spread.
  public static func welch(_ a: Histogram, _ b: Histogram) -> TestResult? {
    guard a.n >= 2, b.n >= 2, let ma = a.mean, let mb = b.mean, let va = a.variance, let vb = b.variance else {
      return nil
    }
    let sa = va / Double(a.n)
    let sb = vb / Double(b.n)
    guard sa + sb > 0 else { return nil }
    let t = (ma - mb) / (sa + sb).squareRoot()
    let df = (sa + sb) * (sa + sb) / (sa * sa / Double(a.n - 1) + sb * sb / Double(b.n - 1))
    return TestResult(statistic: t, p: Distributions.tTwoSided(t, df: df))
  }

  /// The Mann–Whitney U test, normal approximation with tie correction and continuity
  /// correction (scipy's `mannwhitneyu(a, b, method="asymptotic")`). The statistic is U
  /// of `a`. Also the rank-biserial correlation 2U/(n₁n₂) − 1: positive when `a` tends
  /// to be larger.
  public static func mannWhitney(_ a: Histogram, _ b: Histogram) -> (test: TestResult, rankBiserial: Double)? {
    let n1 = a.n
    let n2 = b.n
    guard n1 > 0, n2 > 0 else { return nil }
    let pooled = a + b
    let n = Double(n1 + n2)
    // Mid-ranks per value over both groups.
    var rank: [Int: Double] = [:]
    var below = 0
    var ties = 0.0
    for (v, c) in zip(pooled.values, pooled.counts) where c > 0 {
      rank[v] = Double(below) + Double(c + 1) / 2
      below += c
      let t = Double(c)
      ties += t * t * t - t
    }
    var r1 = 0.0
    for (v, c) in zip(a.values, a.counts) where c > 0 { r1 += Double(c) * rank[v]! }
    let u1 = r1 - Double(n1) * Double(n1 + 1) / 2
    let u2 = Double(n1) * Double(n2) - u1
    let mu = Double(n1) * Double(n2) / 2
    let sigma = (Double(n1) * Double(n2) / 12 * ((n + 1) - ties / (n * (n - 1)))).squareRoot()
    let effect = 2 * u1 / (Double(n1) * Double(n2)) - 1
    guard sigma > 0 else { return (TestResult(statistic: u1, p: 1), effect) }
    let z = (max(u1, u2) - mu - 0.5) / sigma
    return (TestResult(statistic: u1, p: min(1, 2 * Distributions.normalSurvival(z))), effect)
  }

  /// The Wilcoxon signed-rank test of the differences in `d` (per-respondent gaps), with
  /// Pratt's treatment of zeros (ranked with the others, then left out of the sum) and the
  /// normal approximation without continuity correction (scipy's
  /// `wilcoxon(d, zero_method="pratt", correction=False, method="asymptotic")`). The
  /// statistic is, as scipy reports it, the smaller of the rank sums of the positive and
  /// of the negative differences.
  public static func wilcoxonPratt(_ d: Histogram) -> TestResult? {
    let n = Double(d.n)
    guard d.n > 0 else { return nil }
    // |d| grouped, with mid-ranks over all differences, zeros included.
    var magnitude: [Int: (positive: Int, negative: Int, zero: Int)] = [:]
    for (v, c) in zip(d.values, d.counts) where c > 0 {
      var entry = magnitude[abs(v)] ?? (0, 0, 0)
      if v > 0 { entry.positive += c } else if v < 0 { entry.negative += c } else { entry.zero += c }
      magnitude[abs(v)] = entry
    }
    var below = 0
    var rPlus = 0.0
    var rMinus = 0.0
    var ties = 0.0
    var zeros = 0.0
    for m in magnitude.keys.sorted() {
      let e = magnitude[m]!
      let size = e.positive + e.negative + e.zero
      let midRank = Double(below) + Double(size + 1) / 2
      rPlus += Double(e.positive) * midRank
      rMinus += Double(e.negative) * midRank
      below += size
      if m == 0 {
        zeros = Double(size)
      } else {
        let t = Double(size)
        ties += t * t * t - t
      }
    }
    let mean = n * (n + 1) / 4 - zeros * (zeros + 1) / 4
    let variance = (n * (n + 1) * (2 * n + 1) - zeros * (zeros + 1) * (2 * zeros + 1) - ties / 2) / 24
    guard variance > 0 else { return TestResult(statistic: min(rPlus, rMinus), p: 1) }
    let z = (rPlus - mean) / variance.squareRoot()
    return TestResult(statistic: min(rPlus, rMinus), p: min(1, 2 * Distributions.normalSurvival(abs(z))))
  }

  /// The 95 % Wilson score interval of `count` out of `n`.
  public static func wilson(_ count: Int, of n: Int) -> Proportion? {
    guard n > 0 else { return nil }
    let z = Distributions.z975
    let p = Double(count) / Double(n)
    let nn = Double(n)
    let denominator = 1 + z * z / nn
    let center = (p + z * z / (2 * nn)) / denominator
    let half = z / denominator * (p * (1 - p) / nn + z * z / (4 * nn * nn)).squareRoot()
    return Proportion(count: count, n: n, share: p, low: max(0, center - half), high: min(1, center + half))
  }

  /// Benjamini–Hochberg adjusted p-values, in the order given (nil stays nil and does not
  /// count towards the number of tests).
  public static func benjaminiHochberg(_ p: [Double?]) -> [Double?] {
    let present = p.indices.filter { p[$0] != nil }.sorted { p[$0]! < p[$1]! || (p[$0]! == p[$1]! && $0 < $1) }
    let m = Double(present.count)
    var adjusted = [Double?](repeating: nil, count: p.count)
    var running = 1.0
    for (rank, index) in present.enumerated().reversed() {
      running = min(running, p[index]! * m / Double(rank + 1))
      adjusted[index] = min(1, running)
    }
    return adjusted
  }
}
