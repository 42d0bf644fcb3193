import Foundation
import GapAnalysis
import Testing

/// Every figure is checked against numpy and scipy, computed independently by
/// `Tests/GapAnalysisTests/reference.py` (numpy 2.4.6, scipy 1.17.1), whose output is:
///
///     a.currentMean = 2.608695652173913
///     a.desiredMean = 3.869565217391304
///     a.gapMean = 1.2608695652173914
///     a.gapSD = 1.0961665145715702
///     a.t = 5.516422849331946
///     a.tP = 1.5234721213816096e-05
///     a.ciLow = 0.786851618286279
///     a.ciHigh = 1.7348875121485037
///     a.current.q0.25 = 2.0
///     b.desired.q0.25 = 4.0
///     a.current.q0.5 = 3.0
///     b.desired.q0.5 = 4.0
///     a.current.q0.75 = 3.0
///     b.desired.q0.75 = 5.0
///     a.wilcoxonStatistic = 16.0
///     a.wilcoxonP = 0.00023597558226216028
///     b.wilcoxonStatistic = 42.0
///     b.wilcoxonP = 0.0002075015940618338
///     welch.t = 2.798916673729227
///     welch.p = 0.00855923632273723
///     mw.U = 514.5
///     mw.p = 0.0031323571214465305
///     wilson.7of23.low = 0.15604024453214022
///     wilson.7of23.high = 0.508657562687592
///     wilson.0of5.low = 0.0
///     wilson.0of5.high = 0.43448246478317476
///     wilson.5of5.low = 0.5655175352168251
///     wilson.5of5.high = 1.0
///     wilson.1of3.low = 0.06149194472039626
///     wilson.1of3.high = 0.7923403991979523
///     wilson.180of400.low = 0.40195222801404185
///     wilson.180of400.high = 0.4989990014193878
///     bh = [0.035, 0.055999999999999994, 0.055999999999999994, 0.035, 0.23333333333333336, 0.055999999999999994, 0.8]
///     tq.975.df22 = 2.0738730679040254
///     tq.975.df3 = 3.1824463052837078
///     tq.975.df500 = 1.9647198374673676
///     percentile.desired_a.30 = 3.5999999999999996
///     percentile.ga.90 = 2.0
///     percentile.current_b.10 = 3.0
///     percentile.gb.65 = 1.0
///     tq.975.df1e5 = 1.9599877075346095
///     tq.975.df9e5 = 1.959966620400461
///     t2sided.2.5.df2e5 = 0.01242012491236212
///     t2sided.0.3.df7 = 0.7728900504021342
@Suite struct StatisticsTests {
  static let currentA = [2, 3, 3, 1, 2, 4, 3, 2, 2, 5, 3, 1, 2, 3, 4, 2, 3, 3, 2, 1, 4, 3, 2]
  static let desiredA = [4, 5, 4, 3, 4, 4, 5, 4, 3, 5, 5, 2, 4, 4, 5, 3, 4, 3, 5, 4, 3, 5, 1]
  static let currentB = [3, 4, 3, 4, 5, 3, 4, 2, 3, 4, 4, 3, 5, 4, 3, 2, 4, 3, 4, 5, 3, 3, 4, 4, 2, 3, 4, 5, 3, 4, 4]
  static let desiredB = [4, 4, 4, 5, 5, 4, 4, 3, 4, 5, 4, 4, 4, 5, 4, 3, 4, 4, 5, 5, 3, 4, 5, 4, 3, 4, 4, 5, 4, 5, 3]
  static let gapA = Histogram(observations: zip(desiredA, currentA).map { $0 - $1 })
  static let gapB = Histogram(observations: zip(desiredB, currentB).map { $0 - $1 })

  func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(
      a != nil && abs(a! - b) <= tolerance * max(1, abs(b)), "\(String(describing: a)) vs \(b)",
      sourceLocation: sourceLocation)
  }

  @Test func meansSpreadAndInterval() throws {
    close(Histogram(observations: Self.currentA).mean, 2.608695652173913)
    close(Histogram(observations: Self.desiredA).mean, 3.869565217391304)
    close(Self.gapA.mean, 1.2608695652173914)
    close(Self.gapA.standardDeviation, 1.0961665145715702)
    let t = try #require(StatisticalTests.oneSampleT(Self.gapA))
    close(t.test.statistic, 5.516422849331946)
    close(t.test.p, 1.5234721213816096e-05)
    close(t.low, 0.786851618286279)
    close(t.high, 1.7348875121485037)
  }

  @Test func quantiles() {
    let current = Histogram(observations: Self.currentA)
    close(current.quantile(0.25), 2.0)
    close(current.quantile(0.5), 3.0)
    close(current.quantile(0.75), 3.0)
    let desiredB = Histogram(observations: Self.desiredB)
    close(desiredB.quantile(0.25), 4.0)
    close(desiredB.quantile(0.75), 5.0)
    close(Histogram(observations: Self.desiredA).quantile(0.30), 3.5999999999999996)
    close(Self.gapA.quantile(0.90), 2.0)
    close(Histogram(observations: Self.currentB).quantile(0.10), 3.0)
    close(Self.gapB.quantile(0.65), 1.0)
  }

  @Test func wilcoxonSignedRankPratt() throws {
    let a = try #require(StatisticalTests.wilcoxonPratt(Self.gapA))
    close(a.statistic, 16.0)
    close(a.p, 0.00023597558226216028)
    let b = try #require(StatisticalTests.wilcoxonPratt(Self.gapB))
    close(b.statistic, 42.0)
    close(b.p, 0.0002075015940618338)
  }

  @Test func welchAndMannWhitney() throws {
    let welch = try #require(StatisticalTests.welch(Self.gapA, Self.gapB))
    close(welch.statistic, 2.798916673729227)
    close(welch.p, 0.00855923632273723)
    let mw = try #require(StatisticalTests.mannWhitney(Self.gapA, Self.gapB))
    close(mw.test.statistic, 514.5)
    close(mw.test.p, 0.0031323571214465305)
    // Rank-biserial by hand: 2 · 514.5 / (23 · 31) − 1.
    close(mw.rankBiserial, 2 * 514.5 / (23 * 31) - 1)
  }

  @Test(arguments: [
    (7, 23, 0.15604024453214022, 0.508657562687592), (0, 5, 0.0, 0.43448246478317476),
    (5, 5, 0.5655175352168251, 1.0), (1, 3, 0.06149194472039626, 0.7923403991979523),
    (180, 400, 0.40195222801404185, 0.4989990014193878),
  ])
  func wilsonInterval(count: Int, n: Int, low: Double, high: Double) throws {
    let p = try #require(StatisticalTests.wilson(count, of: n))
    close(p.low, low)
    close(p.high, high)
  }

  @Test func benjaminiHochberg() {
    let adjusted = StatisticalTests.benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.8])
    let scipy = [
      0.035, 0.055999999999999994, 0.055999999999999994, 0.035, 0.23333333333333336, 0.055999999999999994, 0.8,
    ]
    for (a, b) in zip(adjusted, scipy) { close(a, b) }
    #expect(StatisticalTests.benjaminiHochberg([nil, 0.02]) == [nil, 0.02])
  }

  @Test func tQuantiles() {
    close(Distributions.tQuantile(0.975, df: 22), 2.0738730679040254)
    close(Distributions.tQuantile(0.975, df: 3), 3.1824463052837078)
    close(Distributions.tQuantile(0.975, df: 500), 1.9647198374673676)
    // Many degrees of freedom (a county's thousands of respondents), where log Γ's
    // rounding once cost precision.
    close(Distributions.tQuantile(0.975, df: 1e5), 1.9599877075346095)
    close(Distributions.tQuantile(0.975, df: 9e5), 1.959966620400461)
    close(Distributions.tTwoSided(2.5, df: 2e5), 0.01242012491236212)
    close(Distributions.tTwoSided(0.3, df: 7), 0.7728900504021342)
  }
}
