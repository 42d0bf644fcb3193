import LibCSV

/// Writes a deterministic survey export for benchmarks: N respondents in the 12
/// municipalities of Kalmar län, weighted roughly by population; organisation and level;
/// 40 items rated today (`_nu`) and desired (`_onskat`) on 1–5 with about 5 % blank or
/// "Vet ej"; two free-text columns whose values sometimes hold commas, quotes and line
/// breaks. The same N and seed always give the same bytes.
struct ExportGenerator {
  var respondents: Int
  var seed: UInt64

  /// Municipalities with population in thousands (SCB, 2023, rounded), the weights.
  static let municipalities: [(String, Int)] = [
    ("Kalmar", 72), ("Västervik", 36), ("Oskarshamn", 27), ("Nybro", 20), ("Vimmerby", 16), ("Mörbylånga", 15),
    ("Hultsfred", 14), ("Mönsterås", 13), ("Borgholm", 11), ("Emmaboda", 9), ("Torsås", 7), ("Högsby", 6),
  ]
  static let organisations = ["Region", "Kommun", "Privat utförare", "Brukarrepresentant"]
  static let levels = ["Mikro", "Meso", "Makro"]
  static let comments = [
    "Vi behöver fler gemensamma mötesplatser",
    "SIP fungerar, men kallelserna kommer sent",
    "Oklart vem som har ansvaret när patienten skrivs ut, \"det är ingens\"",
    "Bra samarbete med vårdcentralen; sämre med psykiatrin",
    "Läkarmedverkan saknas ofta på helger.\nHemsjukvården får ta allt",
    "",
  ]

  static let itemCount = 40

  static var header: [String] {
    var h = ["respondent_id", "kommun", "organisation", "niva"]
    for i in 1...itemCount {
      let stem = i < 10 ? "q0\(i)" : "q\(i)"
      h.append(stem + "_nu")
      h.append(stem + "_onskat")
    }
    h.append(contentsOf: ["fritext_behov", "fritext_samverkan"])
    return h
  }

  func write(to path: String) throws {
    let writer = try CSVWriter(path: path, format: .rfc4180)
    try writer.write(texts: Self.header)
    var rng = SplitMix64(seed: seed)
    let totalWeight = Self.municipalities.reduce(0) { $0 + $1.1 }
    var row: [CSVCell] = []
    row.reserveCapacity(Self.header.count)
    for id in stride(from: 1, through: respondents, by: 1) {
      row.removeAll(keepingCapacity: true)
      var pick = Int(rng.next() % UInt64(totalWeight))
      var municipality = Self.municipalities[0].0
      for (name, weight) in Self.municipalities {
        if pick < weight {
          municipality = name
          break
        }
        pick -= weight
      }
      row.append(.integer(id))
      row.append(.text(municipality))
      row.append(.text(Self.organisations[Int(rng.next() % 4)]))
      row.append(.text(Self.levels[Int(rng.next() % 3)]))
      for _ in 0..<Self.itemCount {
        let current = 1 + Int(rng.next() % 4)
        let desired = min(5, current + Int(rng.next() % 3))
        for value in [current, desired] {
          switch rng.next() % 40 {
          case 0: row.append(.empty)
          case 1: row.append(.text("Vet ej"))
          default: row.append(.integer(value))
          }
        }
      }
      row.append(.text(Self.comments[Int(rng.next() % UInt64(Self.comments.count))]))
      row.append(.text(Self.comments[Int(rng.next() % UInt64(Self.comments.count))]))
      try writer.write(row: row)
    }
    try writer.commit()
  }
}

/// SplitMix64, the generator's only source of randomness.
struct SplitMix64 {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
