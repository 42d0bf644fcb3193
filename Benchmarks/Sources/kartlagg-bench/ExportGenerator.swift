import LibCSV
import SeededRandom
import SurveyModel

/// Writes a deterministic export of a survey for benchmarks: N respondents in the
/// county's municipalities, weighted roughly by population, in kartlagg's template
/// layout; organisation and level; every rated answer 1–5 with about 5 % blank or
/// "Vet ej"; choice answers; free text in about one answer in eight, sometimes with
/// commas, quotes and line breaks. The same survey, N and seed always give the same bytes.
///
/// With `splitDirectory`, the same rows are also written to one file per municipality,
/// for the parallel ingest stage.
struct ExportGenerator {
  var survey: Survey
  var respondents: Int
  var seed: UInt64

  /// Population in thousands (SCB, 2023, rounded), by municipality name: the weights.
  static let population: [String: Int] = [
    "Kalmar": 72, "Västervik": 36, "Oskarshamn": 27, "Nybro": 20, "Vimmerby": 16, "Mörbylånga": 15,
    "Hultsfred": 14, "Mönsterås": 13, "Borgholm": 11, "Emmaboda": 9, "Torsås": 7, "Högsby": 6,
  ]
  static let comments = [
    "Vi behöver fler gemensamma mötesplatser",
    "SIP fungerar, men kallelserna kommer sent",
    "Oklart vem som har ansvaret när patienten skrivs ut, \"det är ingens\"",
    "Bra samarbete med vårdcentralen; sämre med psykiatrin",
    "Läkarmedverkan saknas ofta på helger.\nHemsjukvården får ta allt",
  ]

  func write(to path: String, splitDirectory: String? = nil) throws {
    let municipalities = survey.county.municipalities
    let writer = try CSVWriter(path: path, format: .rfc4180)
    let header = survey.templateColumns
    try writer.write(texts: header)
    var parts: [CSVWriter] = []
    if let splitDirectory {
      for m in municipalities {
        let part = try CSVWriter(path: "\(splitDirectory)/\(m.code).csv", format: .rfc4180)
        try part.write(texts: header)
        parts.append(part)
      }
    }
    let weights = municipalities.map { Self.population[$0.name] ?? 1 }
    let totalWeight = weights.reduce(0, +)
    let slots = survey.slots
    let options: [[String]] = slots.map { slot in
      let item = survey.sections[slot.section].items[slot.item]
      if case .choice(let options, _, _) = item.kind { return options.map(\.label) }
      return []
    }
    var rng = SplitMix64(seed: seed)
    var row: [CSVCell] = []
    row.reserveCapacity(header.count)
    for id in stride(from: 1, through: respondents, by: 1) {
      row.removeAll(keepingCapacity: true)
      var pick = Int(rng.next() % UInt64(totalWeight))
      var m = 0
      while pick >= weights[m] {
        pick -= weights[m]
        m += 1
      }
      if survey.respondentIDColumn != nil { row.append(.integer(id)) }
      row.append(.text(municipalities[m].name))
      for dimension in survey.dimensions {
        row.append(.text(dimension.values[Int(rng.next() % UInt64(dimension.values.count))].label))
      }
      var current = 3
      for (k, slot) in slots.enumerated() {
        switch slot.role {
        case .current, .desired, .rating:
          let value: Int
          if slot.role == .desired {
            value = min(5, current + Int(rng.next() % 3))
          } else {
            value = 1 + Int(rng.next() % 5)
            current = value
          }
          switch rng.next() % 40 {
          case 0: row.append(.empty)
          case 1: row.append(.text("Vet ej"))
          default: row.append(.integer(value))
          }
        case .choice:
          row.append(.text(options[k][Int(rng.next() % UInt64(options[k].count))]))
        case .text:
          let draw = Int(rng.next() % 40)
          row.append(draw < Self.comments.count ? .text(Self.comments[draw]) : .empty)
        }
      }
      try writer.write(row: row)
      if !parts.isEmpty { try parts[m].write(row: row) }
    }
    try writer.commit()
    for part in parts { try part.commit() }
  }
}
