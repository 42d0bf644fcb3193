/// Whole numbers as a Swedish message writes them.
enum WholeNumber {
  /// `n` with a space between each group of three digits when it has five digits or more,
  /// as Swedish writes numbers ("10 000 000", "-12 500"); a four-digit number stays whole
  /// ("2048"), as Språkrådet's rules allow. The space is an ordinary one, as in the run's
  /// other messages (`Said`'s "10 000 000").
  static func swedish(_ n: Int) -> String {
    let digits = String(n.magnitude)
    guard digits.count >= 5 else { return String(n) }
    var grouped = ""
    for (i, digit) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { grouped.append(" ") }
      grouped.append(digit)
    }
    return n < 0 ? "-" + grouped : grouped
  }
}
