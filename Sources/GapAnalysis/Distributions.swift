import Foundation

/// The distributions the tests need, computed to about 1e-14: the standard normal (from
/// the C library's `erfc`) and Student's t (from the regularised incomplete beta function,
/// evaluated by its continued fraction with the modified Lentz method).
public enum Distributions {
  /// P(Z > z) for a standard normal Z.
  public static func normalSurvival(_ z: Double) -> Double { 0.5 * erfc(z / 2.0.squareRoot()) }

  /// The regularised incomplete beta function I_x(a, b).
  public static func incompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    return incompleteBeta(x, a, b, logX: log(x), log1mX: log1p(-x))
  }

  /// The same with log x and log(1 − x) given, so that callers who know them more
  /// precisely than `log(x)` can (Student's t with many degrees of freedom, where x is a
  /// hair below 1).
  static func incompleteBeta(_ x: Double, _ a: Double, _ b: Double, logX: Double, log1mX: Double) -> Double {
    let logFront = a * logX + b * log1mX - logBeta(a, b)
    // The continued fraction converges fast for x < (a+1)/(a+b+2); use the symmetry
    // I_x(a, b) = 1 − I_{1−x}(b, a) otherwise.
    if x < (a + 1) / (a + b + 2) {
      return exp(logFront) * continuedFraction(x, a, b) / a
    }
    return 1 - exp(logFront) * continuedFraction(1 - x, b, a) / b
  }

  /// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b). For a large argument the two big
  /// log Γ terms nearly cancel and `lgamma`'s rounding (≈ 1e-16 of 5·10⁶ at a = 10⁶)
  /// would swamp the result, so their difference is taken from Stirling's series instead.
  static func logBeta(_ a: Double, _ b: Double) -> Double {
    let big = max(a, b)
    let small = min(a, b)
    guard big > 50 else { return lgamma(a) + lgamma(b) - lgamma(a + b) }
    // log Γ(big + small) − log Γ(big), Stirling: (x − ½)log x − x + ½log 2π + Σ B₂ₖ/(2k(2k−1)x²ᵏ⁻¹).
    func series(_ x: Double) -> Double {
      let x2 = x * x
      return 1 / (12 * x) - 1 / (360 * x * x2) + 1 / (1260 * x * x2 * x2) - 1 / (1680 * x * x2 * x2 * x2)
    }
    let c = big + small
    let difference =
      (big - 0.5) * log1p(small / big) + small * log(c) - small + series(c) - series(big)
    return lgamma(small) - difference
  }

  private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
    let tiny = 1e-300
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1...10_000 {
      let m = Double(m)
      let m2 = 2 * m
      var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      h *= d * c
      aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-16 { break }
    }
    return h
  }

  /// P(|T| > |t|) for Student's t: I_x(df/2, ½) with x = df / (df + t²).
  private static func tTails(_ t: Double, df: Double) -> Double {
    let t2 = t * t
    guard t2 > 0 else { return 1 }
    let x = df / (df + t2)
    return incompleteBeta(x, df / 2, 0.5, logX: -log1p(t2 / df), log1mX: log(t2) - log(df + t2))
  }

  /// P(T > t) for Student's t with `df` degrees of freedom.
  public static func tSurvival(_ t: Double, df: Double) -> Double {
    let tail = 0.5 * tTails(t, df: df)
    return t >= 0 ? tail : 1 - tail
  }

  /// The two-sided p-value of a t statistic.
  public static func tTwoSided(_ t: Double, df: Double) -> Double { min(1, tTails(t, df: df)) }

  /// The density of Student's t.
  public static func tDensity(_ t: Double, df: Double) -> Double {
    // 1 / (√df · B(df/2, ½)) · (1 + t²/df)^(−(df+1)/2)
    exp(-0.5 * log(df) - logBeta(df / 2, 0.5) - (df + 1) / 2 * log1p(t * t / df))
  }

  /// The quantile t such that P(T ≤ t) = p, for p in (0.5, 1): Newton's method on the
  /// distribution function from the normal quantile, then bisection if Newton strays.
  public static func tQuantile(_ p: Double, df: Double) -> Double {
    let key = QuantileKey(p: p.bitPattern, df: df.bitPattern)
    if let known = quantiles.withLock({ $0[key] }) { return known }
    let t = computeTQuantile(p, df: df)
    quantiles.withLock { known in
      // Bounded, for a process that runs many reports (Welch's df differ test by test).
      if known.count >= 4096 { known.removeAll(keepingCapacity: true) }
      known[key] = t
    }
    return t
  }

  private struct QuantileKey: Hashable {
    var p: UInt64
    var df: UInt64
  }

  /// The quantiles computed so far, by their exact arguments: the reports ask for the
  /// same few (a 95 % interval for n respondents) thousands of times, and each costs some
  /// thirty incomplete beta functions. The answer is the computed one, bit for bit; at
  /// most 4 096 are kept.
  private static let quantiles = Locked<[QuantileKey: Double]>([:])

  private static func computeTQuantile(_ p: Double, df: Double) -> Double {
    let target = 1 - p
    var t = p == 0.975 ? z975 : 2.0
    for _ in 0..<30 {
      let step = (tSurvival(t, df: df) - target) / tDensity(t, df: df)
      guard step.isFinite, t + step > 0 else { break }
      t += step
      // Converged to rounding noise (Newton's steps shrink quadratically until then).
      if abs(step) <= 1e-13 * t { return t }
    }
    // Fallback: bisection to full precision.
    var low = 0.0
    var high = 1.0
    while tSurvival(high, df: df) > target { high *= 2 }
    for _ in 0..<200 {
      let mid = (low + high) / 2
      if mid == low || mid == high { break }
      if tSurvival(mid, df: df) > target { low = mid } else { high = mid }
    }
    return (low + high) / 2
  }

  /// The standard normal quantile for 0.975, as scipy's `norm.ppf(0.975)` gives it.
  public static let z975 = 1.959963984540054
}
