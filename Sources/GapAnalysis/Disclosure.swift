/// Complementary suppression, solved for everything a run publishes about one measure.
///
/// A measure is a count per tally cell (respondents; an item's complete pairs; …). Every
/// published figure of a scope is a sum over the scope's cells, so an attacker holding all
/// the published figures can compute exactly the linear combinations of the shown scopes'
/// cell indicators: their row space. A group of respondents is disclosed when its
/// indicator lies in that row space and it holds more than none but fewer than the
/// minimum. The attacker is assumed to know which cells are empty (stronger than the
/// published figures allow), so empty cells are left out of the algebra.
///
/// `DisclosureControl.protect` starts from the scopes under the minimum and hides more
/// until no hidden scope and no small union of cells lies in the row space of the shown
/// scopes. What to hide next is chosen from the derivation itself: a shown scope without
/// which the disclosed group can no longer be derived, the most detailed such scope and, of
/// those, the one with the fewest respondents. The rules are in docs/statistics.md.
///
/// The algebra is exact arithmetic modulo the prime 2³¹ − 1. A rational combination of
/// 0/1 rows reduces modulo p unless p divides one of the matrix's minors; at these sizes
/// that is a chance of about one in two billion, and it could only ever make kartlagg hide
/// more.
enum DisclosureControl {
  /// - Parameters:
  ///   - scopes: each scope's tally cells.
  ///   - measures: per measure, a count per tally cell. All measures share one
  ///     publication: a scope is shown or hidden for all of them.
  ///   - minimum: the smallest group that may be shown.
  ///   - detail: per scope, how detailed it is; among the scopes that would stop a
  ///     disclosure, the most detailed is hidden first, and of those the one with the fewest
  ///     respondents, so that totals (a municipality, the county) stay shown when they can.
  ///   - splits: totals that are the sum of parts (and of cells no scope shows on its own,
  ///     `remainder`); they let the common cases be settled before the algebra runs.
  ///   - earlier: the earlier publications of the same round (`Publication`), each with its
  ///     counts per cell for every one of `measures` and the scopes it showed. Nothing this
  ///     publication shows may, together with them, give away a group of 1 … m − 1, where m
  ///     is the smallest minimum of them all (docs/statistics.md, "Two publications of one
  ///     round").
  ///   - budget: the most steps one component's search may take (`Audit.unionBudget`).
  /// - Returns: the indices of the scopes to hide. The search for small unions is exhaustive
  ///   within `budget`; where it would take more, a shown scope is hidden instead
  ///   (`Audit.scopeToSplit`), so that nothing is shown that the search did not clear.
  static func protect(
    scopes: [[Int]], measures: [[Int]], minimum: Int, detail: [Int], splits: [Split] = [], earlier: [Earlier] = [],
    budget: Int = Audit.unionBudget
  ) -> Set<Int> {
    let totals = measures.map { counts in scopes.map { $0.reduce(0) { $0 + counts[$1] } } }
    var hidden = Set(scopes.indices.filter { s in totals.contains { $0[s] < minimum } })
    settle(&hidden, splits, measures, totals, minimum)
    // Nothing small anywhere: no union of cells can be small, and no scope is hidden.
    let anySmallCell = measures.contains { $0.contains { $0 > 0 && $0 < minimum } }
    if earlier.isEmpty && hidden.allSatisfy({ s in totals.allSatisfy { $0[s] == 0 } }) && !anySmallCell {
      return hidden
    }
    let jointMinimum = earlier.map(\.minimum).reduce(minimum, min)
    let layers = measures.indices.map { m in
      earlier.isEmpty
        ? nil : Layers(scopes: scopes, counts: measures[m], earlier: earlier.map { ($0.counts[m], $0.shown) })
    }
    while true {
      var leak: (measure: Int, audit: Audit, finding: Audit.Finding)?
      search: for m in measures.indices {
        let audit = Audit(scopes: scopes, counts: measures[m], hidden: hidden, minimum: minimum, budget: budget)
        let found = audit.firstLeak()
        if found != .none {
          leak = (m, audit, found)
          break
        }
        // This publication beside the earlier ones: each cell's respondents in layers. When
        // the counts have not changed and the earlier ones showed nothing this one hides,
        // they add nothing to what this one shows.
        if let layered = layers[m],
          !(layered.unchanged && jointMinimum == minimum && layered.earlierShown.isDisjoint(with: hidden))
        {
          let joint = Audit(
            scopes: layered.scopes, counts: layered.weights, hidden: hidden, minimum: jointMinimum,
            fixed: layered.fixed, budget: budget)
          let found = joint.firstLeak()
          if found != .none {
            leak = (m, joint, found)
            break search
          }
        }
      }
      guard let leak else { return hidden }
      let order = { (s: Int) in (-detail[s], totals[leak.measure][s], s) }
      let chosen: Int?
      switch leak.finding {
      case .none: return hidden
      case .leak(let atoms): chosen = leak.audit.scopeToHide(against: atoms, order: order)
      case .tooMany(let part): chosen = leak.audit.scopeToSplit(part, order: order)
      }
      guard let next = chosen else {
        // Only the earlier publications give it away (they were made by other rules):
        // nothing of this one is shown.
        return Set(scopes.indices)
      }
      hidden.insert(next)
    }
  }

  /// An earlier publication of the same round, for one call's measures.
  struct Earlier: Sendable {
    /// counts[measure][cell], in the order of the call's measures.
    var counts: [[Int]]
    var shown: Set<Int>
    var minimum: Int
  }

  /// One measure's cells split in layers, so that publications of different counts can be
  /// put side by side: a cell counted e₁ < e₂ < n in three publications holds the layers
  /// e₁, e₂ − e₁ and n − e₂, and a publication that counted e covers the layers below it.
  /// The layers are the attacker's finest groups: a late respondent is a layer of one. Who
  /// was replaced by whom within a cell is not known; a corrected file that leaves a cell's
  /// count as it was leaves its layers as they were (docs/statistics.md).
  struct Layers {
    /// Per scope, its layers in this publication.
    var scopes: [[Int]]
    var weights: [Int]
    /// Per scope shown by an earlier publication, its layers in that one.
    var fixed: [[Int]]
    /// Whether every earlier publication counted every cell as this one does.
    var unchanged: Bool
    /// The scopes any earlier publication showed.
    var earlierShown: Set<Int>

    init(scopes cellsOf: [[Int]], counts: [Int], earlier: [(counts: [Int], shown: Set<Int>)]) {
      var weights: [Int] = []
      // Per cell, its levels (ascending, from 0) and the first layer's index.
      var levels: [[Int]] = []
      var first: [Int] = []
      for c in counts.indices {
        let values = Set([0, counts[c]] + earlier.map { c < $0.counts.count ? $0.counts[c] : 0 }).sorted()
        levels.append(values)
        first.append(weights.count)
        for j in 1..<max(1, values.count) { weights.append(values[j] - values[j - 1]) }
      }
      func covered(_ cells: [Int], _ count: (Int) -> Int) -> [Int] {
        cells.flatMap { c -> [Int] in
          let upTo = levels[c].firstIndex(of: count(c)) ?? 0
          return (0..<upTo).map { first[c] + $0 }
        }
      }
      self.weights = weights
      unchanged = earlier.allSatisfy { $0.counts == counts }
      earlierShown = earlier.reduce(into: Set<Int>()) { $0.formUnion($1.shown) }
      scopes = cellsOf.map { covered($0) { counts[$0] } }
      fixed = earlier.flatMap { publication in
        publication.shown.sorted().map { s in
          covered(cellsOf[s]) { c in c < publication.counts.count ? publication.counts[c] : 0 }
        }
      }
    }
  }

  /// A total, the scopes it is the sum of, and its cells that no part covers.
  struct Split: Sendable {
    var total: Int
    var parts: [Int]
    var remainder: [Int]
  }

  /// The one-table rule, quickly: where a shown total has exactly one hidden part with
  /// anyone in it, or hidden parts (and uncovered cells) that together hold fewer than the
  /// minimum, subtraction would give them away, so the smallest shown part is hidden too
  /// (the total, when no part is left). The algebra then checks the whole.
  static func settle(
    _ hidden: inout Set<Int>, _ splits: [Split], _ measures: [[Int]], _ totals: [[Int]], _ minimum: Int
  ) {
    var changed = true
    while changed {
      changed = false
      for split in splits where !hidden.contains(split.total) {
        for (m, counts) in measures.enumerated() {
          let remainder = split.remainder.reduce(0) { $0 + counts[$1] }
          let unseen = split.parts.filter { hidden.contains($0) && totals[m][$0] > 0 }
          let sum = unseen.reduce(remainder) { $0 + totals[m][$1] }
          let groups = unseen.count + (remainder > 0 ? 1 : 0)
          guard (groups == 1 && unseen.count == 1) || (sum > 0 && sum < minimum) else { continue }
          let candidates = split.parts.filter { !hidden.contains($0) && totals[m][$0] > 0 }
          let next = candidates.min { (totals[m][$0], $0) < (totals[m][$1], $1) } ?? split.total
          hidden.insert(next)
          changed = true
          break
        }
      }
    }
  }

  /// The algebra of one measure under one choice of hidden scopes.
  struct Audit {
    let scopes: [[Int]]
    let counts: [Int]
    let hidden: Set<Int>
    let minimum: Int
    /// Tally cell → atom, −1 for an empty cell.
    let atomOf: [Int]
    let weights: [Int]
    /// Shown scopes with at least one non-empty cell, and their atoms.
    let shown: [Int]
    let rows: [[Int]]
    let space: RowSpace

    /// Rows that are always shown (earlier publications'), and their span alone: what they
    /// give away was given away before this publication, so it is no leak of this one.
    let fixedSpace: RowSpace?

    /// The most steps one component's search may take (`unionBudget`).
    let budget: Int

    init(
      scopes: [[Int]], counts: [Int], hidden: Set<Int>, minimum: Int, fixed: [[Int]] = [], budget: Int = unionBudget
    ) {
      self.budget = budget
      self.scopes = scopes
      self.counts = counts
      self.hidden = hidden
      self.minimum = minimum
      var atomOf = [Int](repeating: -1, count: counts.count)
      var weights: [Int] = []
      for (cell, n) in counts.enumerated() where n > 0 {
        atomOf[cell] = weights.count
        weights.append(n)
      }
      self.atomOf = atomOf
      self.weights = weights
      var shown: [Int] = []
      var rows: [[Int]] = []
      for s in scopes.indices where !hidden.contains(s) {
        let atoms = scopes[s].compactMap { atomOf[$0] < 0 ? nil : atomOf[$0] }
        if !atoms.isEmpty {
          shown.append(s)
          rows.append(atoms)
        }
      }
      let fixedRows = fixed.map { $0.compactMap { atomOf[$0] < 0 ? nil : atomOf[$0] } }.filter { !$0.isEmpty }
      fixedSpace = fixed.isEmpty ? nil : RowSpace(rows: fixedRows, width: weights.count)
      self.shown = shown + Array(repeating: -1, count: fixedRows.count)
      self.rows = rows + fixedRows
      // Pivots on the atoms of `minimum` or more first: no union of small atoms holds one,
      // so the basis search below chooses only among the small pivots.
      let order = weights.indices.filter { weights[$0] >= minimum } + weights.indices.filter { weights[$0] < minimum }
      space = RowSpace(rows: self.rows, width: weights.count, order: order)
    }

    /// Whether the shown rows give `atoms` away, and the earlier publications alone do not.
    func leaks(_ atoms: [Int]) -> Bool {
      space.contains(atoms) && !(fixedSpace?.contains(atoms) ?? false)
    }

    func atoms(of scope: Int) -> [Int] { scopes[scope].compactMap { atomOf[$0] < 0 ? nil : atomOf[$0] } }

    /// A hidden scope, or a union of cells holding 1 … minimum − 1, that the shown scopes
    /// give away (or a part of the row space too large to search).
    func firstLeak() -> Finding {
      for s in hidden.sorted() {
        let atoms = atoms(of: s)
        if !atoms.isEmpty && leaks(atoms) { return .leak(atoms) }
      }
      return smallUnionLeak()
    }

    /// What the search for a small union found.
    enum Finding: Equatable {
      /// No union of 1 … minimum − 1 is given away.
      case none
      /// The atoms of a union that is given away.
      case leak([Int])
      /// The atoms of a part of the row space whose unions are too many to search
      /// (`unionBudget`): nothing is known of them, so the caller hides more.
      case tooMany([Int])
    }

    /// The most steps one component's search may take: halves the meet in the middle holds
    /// (about 40 bytes each), or sets the basis search tries.
    static let unionBudget = 1 << 20

    /// Which search a component gets: the one of fewer steps, or (for tests) one of them.
    enum Method { case cheaper, basis, halves }

    /// A union of cells of weight < minimum that the shown scopes give away.
    ///
    /// A union given away lies in the row space, so each of its parts in the space's
    /// connected components does too (the space is the direct sum of its parts), and the
    /// earlier publications cannot hold all of those parts when they do not hold the union:
    /// a smallest union given away lies within one component. A component is the atoms
    /// linked through the reduced rows' non-zero entries (the fundamental graph of a basis,
    /// connected exactly when the column matroid is); an atom in no reduced row is in no
    /// union given away. Each component is searched on its own, by whichever of two
    /// exhaustive searches has fewer steps:
    /// - its basis (`basisSearch`): a vector of the row space is the sum of the reduced
    ///   rows at whose pivots it is 1, so a union is named by the small pivots it holds;
    ///   every set of them weighing less than `minimum` is tried;
    /// - meet in the middle (`meetInTheMiddle`) over all its small atoms.
    /// A component where both would take more than `unionBudget` steps is not searched but
    /// returned, when no other component gives a union away, and the caller hides more.
    func smallUnionLeak(_ method: Method = .cheaper) -> Finding {
      guard weights.contains(where: { $0 < minimum }) else { return .none }
      var parent = Array(weights.indices)
      func root(_ a: Int) -> Int {
        var a = a
        while parent[a] != a {
          parent[a] = parent[parent[a]]
          a = parent[a]
        }
        return a
      }
      var inSpace = [Bool](repeating: false, count: weights.count)
      var pivotRow = [Int](repeating: -1, count: weights.count)
      for (i, (row, pivot)) in zip(space.reduced, space.pivots).enumerated() {
        pivotRow[pivot] = i
        for c in row.indices where row[c] != 0 {
          inSpace[c] = true
          let (a, b) = (root(c), root(pivot))
          if a != b { parent[max(a, b)] = min(a, b) }
        }
      }
      // Each component's atoms, ascending, grouped once.
      var components: [Int: [Int]] = [:]
      for atom in weights.indices where inSpace[atom] { components[root(atom), default: []].append(atom) }
      var signatures: ([UInt64], [UInt64])?
      var tooMany: [Int]?
      for key in components.keys.sorted() {
        let members = components[key]!
        let atoms = members.filter { weights[$0] < minimum }
        guard !atoms.isEmpty else { continue }
        let pivots = atoms.filter { pivotRow[$0] >= 0 }
        let basisSteps = Self.sets(pivots.map { weights[$0] }, below: minimum, size: minimum - 1)
        let halves = Self.sets(atoms.map { weights[$0] }, below: minimum, size: max(1, minimum / 2))
        let byBasis = method == .basis || (method == .cheaper && basisSteps <= min(halves, budget))
        if byBasis {
          let others = members.filter { pivotRow[$0] < 0 }
          if let union = basisSearch(pivots.map { pivotRow[$0] }, others: others) { return .leak(union) }
        } else if method == .halves || halves <= budget {
          if signatures == nil {
            signatures = (space.orthogonalVector(seed: 0x9E37_79B9), space.orthogonalVector(seed: 0x85EB_CA6B))
          }
          if let union = meetInTheMiddle(atoms, signatures!.0, signatures!.1) { return .leak(union) }
        } else if tooMany == nil {
          tooMany = members
        }
      }
      return tooMany.map { .tooMany($0) } ?? .none
    }

    /// Unions within one component by its basis: `rows`, the reduced rows of its small
    /// pivots; `others`, its atoms that are no pivot. Each set of the rows weighing less
    /// than `minimum`, depth first, is summed; the sum is a union when it is 0 or 1 at
    /// every other atom, and weighs its pivots and the other atoms at 1. The other atoms
    /// are checked in the order the rows stop touching them, so that a set whose sum is
    /// already no union there is not grown further.
    private func basisSearch(_ rows: [Int], others: [Int]) -> [Int]? {
      var walk = BasisWalk(audit: self, rows: rows, others: others)
      return walk.search(0, 0, 0)
    }

    /// The basis search's state, a value of its own so that its arrays are changed in
    /// place, without the run-time exclusivity checks of a closure's captured variables.
    private struct BasisWalk {
      let audit: Audit
      /// Per row, its pivot, its weight and its non-zero entries at the other atoms (their
      /// positions in `columns`).
      let pivots: [Int]
      let entries: [[(Int, UInt64)]]
      /// The other atoms, in the order the rows stop touching them; columns[..<settled[r]]
      /// are touched by no row after r.
      let columns: [Int]
      let settled: [Int]
      var sum: [UInt64]
      var chosen: [Int] = []

      init(audit: Audit, rows: [Int], others: [Int]) {
        self.audit = audit
        let reduced = audit.space.reduced
        var lastTouch = [Int](repeating: -1, count: audit.weights.count)
        for (r, row) in rows.enumerated() { for c in others where reduced[row][c] != 0 { lastTouch[c] = r } }
        let columns = others.sorted { (lastTouch[$0], $0) < (lastTouch[$1], $1) }
        self.columns = columns
        pivots = rows.map { audit.space.pivots[$0] }
        entries = rows.map { row in
          columns.indices.compactMap { k in reduced[row][columns[k]] == 0 ? nil : (k, reduced[row][columns[k]]) }
        }
        settled = rows.indices.map { r in columns.firstIndex { lastTouch[$0] > r } ?? columns.count }
        sum = [UInt64](repeating: 0, count: columns.count)
      }

      /// The columns whose sum is neither 0 nor 1, and the weight of those at 1.
      var off = 0
      var onesWeight = 0

      mutating func add(_ r: Int, _ sign: Bool) {
        for (k, v) in entries[r] {
          let before = sum[k]
          let after = sign ? ModPrime.add(before, v) : ModPrime.subtract(before, v)
          sum[k] = after
          if before > 1 { off -= 1 } else if before == 1 { onesWeight -= audit.weights[columns[k]] }
          if after > 1 { off += 1 } else if after == 1 { onesWeight += audit.weights[columns[k]] }
        }
      }

      /// Sets of the rows from `from` on, beside those chosen (whose pivots weigh
      /// `pivotWeight`, and with the settled columns before `done` at 1, `weight` in all),
      /// that make a union given away.
      mutating func search(_ from: Int, _ done: Int, _ weight: Int, _ pivotWeight: Int = 0) -> [Int]? {
        let weights = audit.weights
        let minimum = audit.minimum
        for r in from..<pivots.count {
          var w = weight + weights[pivots[r]]
          guard w < minimum else { continue }
          add(r, true)
          defer { add(r, false) }
          // The columns settled now: no later row changes them.
          var union = true
          for k in done..<settled[r] where sum[k] != 0 {
            w += weights[columns[k]]
            if sum[k] != 1 || w >= minimum {
              union = false
              break
            }
          }
          guard union else { continue }
          chosen.append(pivots[r])
          defer { chosen.removeLast() }
          // This set alone, every later row left out: its pivots and the columns at 1.
          let pivots = pivotWeight + weights[self.pivots[r]]
          if off == 0 && pivots + onesWeight < minimum {
            let union = (chosen + columns.indices.filter { sum[$0] == 1 }.map { columns[$0] }).sorted()
            if audit.leaks(union) { return union }
          }
          if let found = search(r + 1, settled[r], w, pivots) { return found }
        }
        return nil
      }
    }

    /// How many sets of 1 … `size` of atoms of these weights weigh less than `minimum`:
    /// the halves the meet in the middle makes (size ⌈(minimum − 1)/2⌉), or the most steps
    /// of the basis search (size minimum − 1). Capped far below overflow.
    static func sets(_ weights: [Int], below minimum: Int, size halfSize: Int) -> Int {
      // ways[k][w]: sets of k atoms of weight w, among the atoms seen so far.
      var ways = [[Int]](repeating: [Int](repeating: 0, count: max(1, minimum)), count: halfSize + 1)
      ways[0][0] = 1
      for weight in weights where weight < minimum {
        for k in stride(from: halfSize, through: 1, by: -1) {
          for w in stride(from: minimum - 1, through: weight, by: -1) {
            ways[k][w] = min(ways[k][w] &+ ways[k - 1][w - weight], Int.max / 4)
          }
        }
      }
      return ways.dropFirst().reduce(0) { total, row in min(Int.max / 4, row.reduce(total, +)) }
    }

    /// A union of `small` (ascending atoms) weighing 1 … minimum − 1 that the shown scopes
    /// give away, by meet in the middle on the signatures `first` and `second`.
    private func meetInTheMiddle(_ small: [Int], _ first: [UInt64], _ second: [UInt64]) -> [Int]? {
      // The halves, flat: half h has the atoms atoms[start[h] ..< start[h + 1]] (ascending),
      // its weight and its signature. A chain per signature (head, next) finds the halves
      // that complete it; nothing is allocated per half.
      let halfSize = max(1, minimum / 2)
      var atoms: [Int32] = []
      var start: [Int32] = [0]
      var weight: [UInt8] = []
      var key: [UInt64] = []
      var path = [Int32](repeating: 0, count: halfSize)
      func grow(_ from: Int, _ depth: Int, _ w0: Int, _ a: UInt64, _ b: UInt64) {
        for i in from..<small.count {
          let atom = small[i]
          let w = w0 + weights[atom]
          guard w < minimum else { continue }
          let x = ModPrime.add(a, first[atom])
          let y = ModPrime.add(b, second[atom])
          path[depth] = Int32(atom)
          atoms.append(contentsOf: path[0...depth])
          start.append(Int32(atoms.count))
          weight.append(UInt8(w))
          key.append(x << 32 | y)
          if depth + 1 < halfSize { grow(i + 1, depth + 1, w, x, y) }
        }
      }
      grow(0, 0, 0, 0, 0)
      // Open addressing on the signature: slot → first half, then `next` along equals.
      var capacity = 16
      while capacity < 2 * key.count { capacity <<= 1 }
      let mask = capacity - 1
      var slotKey = [UInt64](repeating: 0, count: capacity)
      var slotHead = [Int32](repeating: -1, count: capacity)
      var next = [Int32](repeating: -1, count: key.count)
      func slot(_ k: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        while slotHead[i] >= 0 && slotKey[i] != k { i = (i + 1) & mask }
        return i
      }
      for h in key.indices.reversed() {
        let i = slot(key[h])
        next[h] = slotHead[i]
        slotKey[i] = key[h]
        slotHead[i] = Int32(h)
      }
      func members(_ h: Int) -> [Int] { atoms[Int(start[h])..<Int(start[h + 1])].map { Int($0) } }
      for h in key.indices {
        if key[h] == 0, leaks(members(h)) { return members(h) }
        let x = key[h] >> 32
        let y = key[h] & 0xFFFF_FFFF
        var j = Int(slotHead[slot(ModPrime.negate(x) << 32 | ModPrime.negate(y))])
        let last = atoms[Int(start[h + 1]) - 1]
        while j >= 0 {
          if last < atoms[Int(start[j])], Int(weight[h]) + Int(weight[j]) < minimum {
            let union = members(h) + members(j)
            if leaks(union) { return union }
          }
          j = Int(next[j])
        }
      }
      return nil
    }

    /// A shown scope to hide when `part`, a component of the row space, is too large to
    /// search: of the shown scopes that touch it, the smallest by `order`, as for a union
    /// found. Each such step hides one more scope, so the search ends, at worst with every
    /// scope that touches the part hidden. Nil when only earlier publications' rows touch it.
    func scopeToSplit(_ part: [Int], order: (Int) -> (Int, Int, Int)) -> Int? {
      let inPart = Set(part)
      let touching = rows.indices.filter { shown[$0] >= 0 && rows[$0].contains { inPart.contains($0) } }
      return touching.map { shown[$0] }.min { order($0) < order($1) }
    }

    /// A shown scope without which `target` can no longer be derived, the smallest by
    /// `order`; when every derivation survives the loss of any one scope, the smallest scope
    /// that one derivation uses (a later round hides the next).
    /// An earlier publication's row is never chosen; nil when a derivation uses only those.
    func scopeToHide(against target: [Int], order: (Int) -> (Int, Int, Int)) -> Int? {
      let (coefficients, dependent) = RowSpace.representation(rows: rows, width: weights.count, target: target)
      let used = rows.indices.filter { coefficients[$0] != 0 && shown[$0] >= 0 }
      let essential = used.filter { !dependent[$0] }
      let pool = essential.isEmpty ? used : essential
      return pool.map { shown[$0] }.min { order($0) < order($1) }
    }
  }
}

/// Arithmetic modulo the Mersenne prime 2³¹ − 1.
enum ModPrime {
  static let p: UInt64 = 0x7FFF_FFFF

  @inline(__always) static func add(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let s = a &+ b
    return s >= p ? s &- p : s
  }

  @inline(__always) static func negate(_ a: UInt64) -> UInt64 { a == 0 ? 0 : p &- a }

  @inline(__always) static func subtract(_ a: UInt64, _ b: UInt64) -> UInt64 { add(a, negate(b)) }

  @inline(__always) static func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let x = a &* b
    let r = (x & p) &+ (x >> 31)
    return r >= p ? r &- p : r
  }

  static func inverse(_ a: UInt64) -> UInt64 {
    var result: UInt64 = 1
    var base = a
    var e = p - 2
    while e > 0 {
      if e & 1 == 1 { result = multiply(result, base) }
      base = multiply(base, base)
      e >>= 1
    }
    return result
  }
}

/// The row space of 0/1 rows (each given by its non-zero columns), in reduced row echelon
/// form modulo `ModPrime.p`, its pivots chosen in `order` (by default the columns' own).
struct RowSpace {
  let width: Int
  /// Reduced rows, dense, each with a 1 at `pivots[i]` and 0 at every other pivot.
  private(set) var reduced: [[UInt64]] = []
  private(set) var pivots: [Int] = []

  init(rows: [[Int]], width: Int, order: [Int]? = nil) {
    self.width = width
    var matrix = rows.map { row -> [UInt64] in
      var dense = [UInt64](repeating: 0, count: width)
      for c in row { dense[c] = ModPrime.add(dense[c], 1) }
      return dense
    }
    var rank = 0
    for column in order ?? Array(0..<width) where rank < matrix.count {
      guard let pivot = (rank..<matrix.count).first(where: { matrix[$0][column] != 0 }) else { continue }
      matrix.swapAt(rank, pivot)
      // The pivot row is 0 at every column before this one in `order`; with the columns'
      // own order, that is every column to the left.
      let from = order == nil ? column : 0
      let inverse = ModPrime.inverse(matrix[rank][column])
      if inverse != 1 { for k in from..<width { matrix[rank][k] = ModPrime.multiply(matrix[rank][k], inverse) } }
      let pivotRow = matrix[rank]
      for r in matrix.indices where r != rank && matrix[r][column] != 0 {
        let factor = matrix[r][column]
        for k in from..<width where pivotRow[k] != 0 {
          matrix[r][k] = ModPrime.subtract(matrix[r][k], ModPrime.multiply(factor, pivotRow[k]))
        }
      }
      pivots.append(column)
      rank += 1
    }
    reduced = Array(matrix.prefix(rank))
  }

  /// Whether the indicator of `columns` is a combination of the rows.
  func contains(_ columns: [Int]) -> Bool {
    var v = [UInt64](repeating: 0, count: width)
    for c in columns { v[c] = ModPrime.add(v[c], 1) }
    for (i, row) in reduced.enumerated() {
      let factor = v[pivots[i]]
      guard factor != 0 else { continue }
      for k in 0..<width where row[k] != 0 { v[k] = ModPrime.subtract(v[k], ModPrime.multiply(factor, row[k])) }
    }
    return v.allSatisfy { $0 == 0 }
  }

  /// A pseudo-random vector orthogonal to every row (a random combination of the null
  /// space's basis), the same for the same seed.
  func orthogonalVector(seed: UInt64) -> [UInt64] {
    var state = seed
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return (state >> 33) % ModPrime.p
    }
    var isPivot = [Bool](repeating: false, count: width)
    for c in pivots { isPivot[c] = true }
    var w = [UInt64](repeating: 0, count: width)
    for c in 0..<width where !isPivot[c] { w[c] = next() }
    // Row i reads w[pivot] + Σ_free row[f]·w[f] = 0.
    for (i, row) in reduced.enumerated() {
      var sum: UInt64 = 0
      for c in 0..<width where row[c] != 0 && !isPivot[c] {
        sum = ModPrime.add(sum, ModPrime.multiply(row[c], w[c]))
      }
      w[pivots[i]] = ModPrime.negate(sum)
    }
    return w
  }

  /// One way to write `target` as a combination of `rows` (its coefficients), and which
  /// rows take part in some dependency among the rows (those can be replaced by others).
  static func representation(rows: [[Int]], width: Int, target: [Int]) -> (coefficients: [UInt64], dependent: [Bool]) {
    let r = rows.count
    // [rows | identity]: the right part records which original rows each reduced row is.
    var matrix = rows.enumerated().map { i, row -> [UInt64] in
      var dense = [UInt64](repeating: 0, count: width + r)
      for c in row { dense[c] = ModPrime.add(dense[c], 1) }
      dense[width + i] = 1
      return dense
    }
    var rank = 0
    var pivots: [Int] = []
    for column in 0..<width where rank < r {
      guard let pivot = (rank..<r).first(where: { matrix[$0][column] != 0 }) else { continue }
      matrix.swapAt(rank, pivot)
      let inverse = ModPrime.inverse(matrix[rank][column])
      for k in column..<(width + r) { matrix[rank][k] = ModPrime.multiply(matrix[rank][k], inverse) }
      let pivotRow = matrix[rank]
      for i in 0..<r where i != rank && matrix[i][column] != 0 {
        let factor = matrix[i][column]
        for k in column..<(width + r) where pivotRow[k] != 0 {
          matrix[i][k] = ModPrime.subtract(matrix[i][k], ModPrime.multiply(factor, pivotRow[k]))
        }
      }
      pivots.append(column)
      rank += 1
    }
    var dependent = [Bool](repeating: false, count: r)
    for i in rank..<r {
      for j in 0..<r where matrix[i][width + j] != 0 { dependent[j] = true }
    }
    var v = [UInt64](repeating: 0, count: width)
    for c in target { v[c] = ModPrime.add(v[c], 1) }
    var coefficients = [UInt64](repeating: 0, count: r)
    for (i, column) in pivots.enumerated() {
      let factor = v[column]
      guard factor != 0 else { continue }
      for k in column..<width where matrix[i][k] != 0 {
        v[k] = ModPrime.subtract(v[k], ModPrime.multiply(factor, matrix[i][k]))
      }
      for j in 0..<r where matrix[i][width + j] != 0 {
        coefficients[j] = ModPrime.add(coefficients[j], ModPrime.multiply(factor, matrix[i][width + j]))
      }
    }
    return (coefficients, dependent)
  }
}
