import LibCSV
import SeededRandom

/// The export shape of issue 24, point 6, beside the county template's: 86 columns
/// (`respondent_id`, `kommun`, `organisation`, `niva`, 40 pairs `qNN_nu`/`qNN_onskat` of
/// "1"–"5" with about 5 % of answers "" or "Vet ej", and two free-text columns filled in
/// 30 % and 15 % of rows, with commas, doubled quotes and line breaks), and the survey
/// definition that reads it. The same N and seed always give the same bytes.
///
/// With `splitDirectory`, the same rows are also written to one file per municipality.
struct IssueShape {
  var respondents: Int
  var seed: UInt64

  static let pairs = 40
  /// Code and name of the county's municipalities, with their weights (population in
  /// thousands, as `ExportGenerator`'s).
  static let municipalities: [(code: String, name: String)] = [
    ("0880", "Kalmar"), ("0881", "Nybro"), ("0882", "Oskarshamn"), ("0883", "Västervik"), ("0884", "Vimmerby"),
    ("0885", "Borgholm"), ("0860", "Hultsfred"), ("0861", "Mönsterås"), ("0862", "Emmaboda"), ("0821", "Högsby"),
    ("0834", "Torsås"), ("0840", "Mörbylånga"),
  ]
  static let organisations = ["Region Kalmar län", "Kommun", "Privat utförare"]
  static let levels = ["Mikro", "Meso", "Makro"]
  /// Pieces of free text; a comment is one to three of them joined by a space.
  static let phrases = [
    "Vi behöver fler gemensamma mötesplatser.",
    "SIP fungerar, men kallelserna kommer sent.",
    "Oklart vem som har ansvaret när patienten skrivs ut, \"det är ingens\".",
    "Bra samarbete med vårdcentralen; sämre med psykiatrin.",
    "Läkarmedverkan saknas ofta på helger.\nHemsjukvården får ta allt.",
    "Fast vårdkontakt finns på pappret, inte i praktiken.",
    "\"Samverkan\" betyder olika saker för region och kommun,\r\nvi behöver ett gemensamt språk.",
    "Tiden räcker inte.",
  ]

  /// The survey definition for the export, as YAML.
  static func surveyYAML() -> String {
    var y = """
      # The export shape of issue 24, point 6 (written by kartlagg-bench generate-issue).
      kartlagg: 1
      id: bench-issue24
      title: Benchmark – 40 par och två fritextfrågor
      language: sv
      min_group_size: 5
      county:
        name: Kalmar län
        county_wide: { code: "0800", name: Hela länet }
        municipalities:

      """
    for m in municipalities { y += "    - { code: \"\(m.code)\", name: \(m.name) }\n" }
    y += """
      scales:
        - id: instamning
          points:
            - { value: 1, label: Stämmer inte alls }
            - { value: 2, label: Stämmer dåligt }
            - { value: 3, label: Stämmer delvis }
            - { value: 4, label: Stämmer ganska bra }
            - { value: 5, label: Stämmer helt }
          no_answer:
            labels: [Vet ej]
      respondents:
        id: { column: respondent_id }
        municipality: { column: kommun }
        dimensions:
          - id: organisation
            label: Organisation
            column: organisation
            values:
              - { id: region, label: Region Kalmar län }
              - { id: kommun, label: Kommun }
              - { id: privat, label: Privat utförare }
          - id: niva
            label: Nivå
            column: niva
            values:
              - { id: mikro, label: Mikro }
              - { id: meso, label: Meso }
              - { id: makro, label: Makro }
      report:
        mellanrum:
          - { dimension: organisation, between: [region, kommun] }
      sections:

      """
    for section in 0..<4 {
      y += "  - id: avsnitt\(section + 1)\n    title: Avsnitt \(section + 1)\n    items:\n"
      for k in 1...10 {
        let q = String(format2: section * 10 + k)
        y += """
              - id: q\(q)
                text: Påstående \(q)
                scale: instamning
                current: { column: q\(q)_nu }
                desired: { column: q\(q)_onskat }

          """
      }
    }
    y += """
        - id: fritext
          title: Fritext
          items:
            - id: fritext_1
              kind: text
              text: Vad fungerar inte i samverkan i dag?
              answer: { column: fritext_1 }
            - id: fritext_2
              kind: text
              text: Övriga synpunkter
              answer: { column: fritext_2 }

      """
    return y
  }

  static var header: [String] {
    ["respondent_id", "kommun", "organisation", "niva"]
      + (1...pairs).flatMap { k in ["q\(String(format2: k))_nu", "q\(String(format2: k))_onskat"] }
      + ["fritext_1", "fritext_2"]
  }

  func write(to path: String, splitDirectory: String? = nil) throws {
    let municipalities = Self.municipalities
    let writer = try CSVWriter(path: path, format: .rfc4180)
    try writer.write(texts: Self.header)
    var parts: [CSVWriter] = []
    if let splitDirectory {
      for m in municipalities {
        let part = try CSVWriter(path: "\(splitDirectory)/\(m.code).csv", format: .rfc4180)
        try part.write(texts: Self.header)
        parts.append(part)
      }
    }
    let weights = municipalities.map { ExportGenerator.population[$0.name] ?? 1 }
    let totalWeight = weights.reduce(0, +)
    var rng = SplitMix64(seed: seed)
    var row: [CSVCell] = []
    row.reserveCapacity(Self.header.count)
    func comment() -> String {
      let pieces = 1 + Int(rng.next() % 3)
      return (0..<pieces).map { _ in Self.phrases[Int(rng.next() % UInt64(Self.phrases.count))] }
        .joined(separator: " ")
    }
    for id in stride(from: 1, through: respondents, by: 1) {
      row.removeAll(keepingCapacity: true)
      var pick = Int(rng.next() % UInt64(totalWeight))
      var m = 0
      while pick >= weights[m] {
        pick -= weights[m]
        m += 1
      }
      row.append(.integer(id))
      row.append(.text(municipalities[m].name))
      row.append(.text(Self.organisations[Int(rng.next() % 3)]))
      row.append(.text(Self.levels[Int(rng.next() % 3)]))
      for _ in 0..<Self.pairs {
        let current = 1 + Int(rng.next() % 5)
        let desired = min(5, current + Int(rng.next() % 3))
        for value in [current, desired] {
          // 1 in 40 empty and 1 in 40 "Vet ej": 5 % of answers.
          switch rng.next() % 40 {
          case 0: row.append(.empty)
          case 1: row.append(.text("Vet ej"))
          default: row.append(.integer(value))
          }
        }
      }
      row.append(rng.next() % 100 < 30 ? .text(comment()) : .empty)
      row.append(rng.next() % 100 < 15 ? .text(comment()) : .empty)
      try writer.write(row: row)
      if !parts.isEmpty { try parts[m].write(row: row) }
    }
    try writer.commit()
    for part in parts { try part.commit() }
  }
}

extension String {
  /// `n` with at least two digits ("07").
  init(format2 n: Int) { self = n < 10 ? "0\(n)" : "\(n)" }
}
