import LibCSV
import SeededRandom
import SurveyModel

/// The synthetic exports in `Surveys/examples/`: the county survey answered in all 12
/// municipalities and county-wide, each file written the way a real tool would write it.
///
/// The answers carry patterns a reader can find again in the reports:
/// - Torsås is far behind the rest of the county on meeting places (section
///   `motesplatser`: current state about 1.5 scale points lower);
/// - in Emmaboda and Västervik, region and municipality respondents see the home-care
///   agreement (`hsv_*`) differently: the region rates the current state high, the
///   municipality low — an organisational gap (*mellanrum*);
/// - county-wide respondents (region and municipal leadership) answer in their own file.
///
/// And the variety of real exports: a Swedish Excel file (`;`, Windows-1252, CRLF, a title
/// line), a UTF-8 file with BOM and CRLF and every field quoted, a Google Forms file
/// (question texts, label answers), a Qualtrics file (three header rows, codes, -99), and
/// a few bad rows (see `badRows`). Everything comes from one seeded generator that uses no
/// floating-point library function, so the bytes are the same on every machine.
struct ExampleExports {
  enum Layout {
    /// kartlagg's own template columns.
    case template
    /// Google Forms: a timestamp, then question texts; grid rows as "Text [Nuläge]".
    case googleForms
    /// Qualtrics: export tags, question texts and `{"ImportId":…}` rows.
    case qualtrics
  }

  enum Answers {
    case codes
    case labels
    /// "3.0", as statistics packages write numbers.
    case decimals
  }

  struct Format {
    var layout = Layout.template
    var answers = Answers.codes
    var noAnswer = "Vet ej"
    var delimiter = ","
    var lineEnd = "\n"
    var byteOrderMark = false
    var windows1252 = false
    var quoteAll = false
    /// Lines written before the header (a title, then an empty line).
    var preamble: [String] = []
  }

  struct File {
    var slug: String
    /// Index into `county.municipalities`, nil for the county-wide file.
    var municipality: Int?
    var respondents: Int
    /// How the municipality is written in this file.
    var municipalityText: String
    var format: Format
  }

  let survey: Survey
  /// 1: the examples of `Surveys/examples/`. 2 and 3: the same county a round and two
  /// rounds later (`Surveys/rounds/`), with the shifts of `AnswerModel.shift`.
  var round = 1
  let seed: UInt64 = 20_261_123

  /// A later round's files: every municipality used the county's template this time
  /// (UTF-8, kartlagg's own columns, codes), none has a bad row, and a few more answered.
  var files: [File] {
    guard round > 1 else { return firstRoundFiles }
    return firstRoundFiles.map { file in
      File(
        slug: file.slug, municipality: file.municipality, respondents: file.respondents + file.respondents * round / 8,
        municipalityText: file.municipality.map { survey.county.municipalities[$0].name } ?? file.municipalityText,
        format: Format())
    }
  }

  /// The files, in the order they are generated (each uses the same generator in turn).
  var firstRoundFiles: [File] {
    func m(_ name: String) -> Int { survey.county.municipalities.firstIndex { $0.name == name }! }
    return [
      File(
        slug: "borgholm", municipality: m("Borgholm"), respondents: 18, municipalityText: "Borgholm", format: Format()),
      File(
        slug: "emmaboda", municipality: m("Emmaboda"), respondents: 28, municipalityText: "Emmaboda kommun",
        format: Format()),
      File(
        slug: "hultsfred", municipality: m("Hultsfred"), respondents: 21, municipalityText: "Hultsfred",
        format: Format()),
      File(slug: "hogsby", municipality: m("Högsby"), respondents: 14, municipalityText: "Högsby kn", format: Format()),
      File(slug: "kalmar", municipality: m("Kalmar"), respondents: 64, municipalityText: "Kalmar", format: Format()),
      File(
        slug: "monsteras", municipality: m("Mönsterås"), respondents: 20, municipalityText: "MÖNSTERÅS",
        format: Format(answers: .decimals, noAnswer: "-1")),
      File(
        slug: "morbylanga", municipality: m("Mörbylånga"), respondents: 22, municipalityText: "Morbylanga",
        format: Format()),
      File(
        slug: "nybro", municipality: m("Nybro"), respondents: 27, municipalityText: "Nybro kommun",
        format: Format(
          delimiter: ";", lineEnd: "\r\n", windows1252: true,
          preamble: ["GAP-analys primärvård – Nybro kommun;;;", ";;;"])),
      File(
        slug: "oskarshamn", municipality: m("Oskarshamn"), respondents: 32, municipalityText: "Oskarshamns kommun",
        format: Format(noAnswer: "", lineEnd: "\r\n", byteOrderMark: true, quoteAll: true)),
      File(slug: "torsas", municipality: m("Torsås"), respondents: 15, municipalityText: "0834", format: Format()),
      File(
        slug: "vastervik", municipality: m("Västervik"), respondents: 38, municipalityText: "Västervik",
        format: Format(layout: .googleForms, answers: .labels)),
      File(
        slug: "vimmerby", municipality: m("Vimmerby"), respondents: 24, municipalityText: "Vimmerby",
        format: Format(layout: .qualtrics, noAnswer: "-99")),
      File(
        slug: "lansovergripande", municipality: nil, respondents: 16, municipalityText: "Hela länet", format: Format()),
    ]
  }

  /// The bad rows, by file: what a test expects to be rejected or reported.
  /// - kalmar: one row with municipality "Kalmr" (rejected: unknown municipality), and one
  ///   row repeating the respondent id of the file's 5th respondent (rejected: duplicate);
  /// - hultsfred: one row with no municipality (okänd kommun; rejected with --strict);
  /// - morbylanga: two answers outside the scale, 7 and 0 (problems; the rows count);
  /// - nybro: one organisation written "Landstinget" (a problem: organisation unknown).
  static let badRowsNote = "see ExampleExports.files"

  func generate() -> [(name: String, bytes: [UInt8])] {
    // Every round shares round 1's typical answers; a later round's respondents are
    // drawn from a generator of their own.
    var rng = SplitMix64(seed: seed)
    var model = AnswerModel(survey: survey, rng: &rng)
    model.round = round
    if round > 1 { rng = SplitMix64(seed: seed + UInt64(round - 1) * 7_919) }
    return files.map { file in (file.slug + ".csv", render(file, model: model, rng: &rng)) }
  }

  // MARK: Rows

  private func render(_ file: File, model: AnswerModel, rng: inout SplitMix64) -> [UInt8] {
    let slots = survey.slots
    var rows: [[String]] = header(file)
    let prefix = String(file.slug.prefix(3)).uppercased()
    var kept: [[String]] = []
    for r in 0..<file.respondents {
      let organisation = pickOrganisation(file, &rng)
      let level = pick([(0, 50), (1, 35), (2, 15)], &rng)
      var cells: [String] = []
      let id = "\(prefix)-\(1001 + r)"
      var municipality = file.municipalityText
      var organisationText = organisationSpelling(organisation, file, &rng)
      let firstRound = round == 1
      if firstRound && file.slug == "kalmar" && r == 40 { municipality = "Kalmr" }
      if firstRound && file.slug == "hultsfred" && r == 11 { municipality = "" }
      if firstRound && file.slug == "nybro" && r == 8 { organisationText = "Landstinget" }
      switch file.format.layout {
      case .template:
        cells = [id, municipality, organisationText, ["Mikro", "Meso", "Makro"][level]]
      case .googleForms:
        cells = [timestamp(r), municipality, organisationText, ["Mikro", "Meso", "Makro"][level]]
      case .qualtrics:
        let minute = 10 + r
        cells = [
          "2026-10-06 09:\(minute):00", "2026-10-06 09:\(minute + 7):12", "0", "100", "\(412 + r * 7)", "1",
          "2026-10-06 09:\(minute + 7):12", "R_\(prefix)\(String(r, radix: 16))x7Kq", municipality, organisationText,
          ["Mikro", "Meso", "Makro"][level],
        ]
      }
      for (k, slot) in slots.enumerated() {
        let item = survey.sections[slot.section].items[slot.item]
        var value = model.answer(
          slot: k, item: item, section: survey.sections[slot.section].id, municipality: file.municipality,
          organisation: organisation, rng: &rng)
        if firstRound && file.slug == "morbylanga" && ((r == 3 && k == 6) || (r == 17 && k == 21)) {
          value = r == 3 ? "7" : "0"
        }
        cells.append(write(value, item: item, format: file.format))
      }
      rows.append(cells)
      kept.append(cells)
    }
    if round == 1 && file.slug == "kalmar" {
      // A second submission under the 5th respondent's id, with other answers.
      var again = kept[21]
      again[0] = kept[4][0]
      rows.append(again)
    }
    return encode(rows, file.format)
  }

  private func header(_ file: File) -> [[String]] {
    let slots = survey.slots
    switch file.format.layout {
    case .template:
      return [survey.templateColumns]
    case .googleForms:
      var row = [
        "Tidstämpel", survey.municipalityColumn.question ?? "Kommun",
      ]
      row += survey.dimensions.map { $0.location.question ?? $0.label }
      for slot in slots {
        let item = survey.sections[slot.section].items[slot.item]
        switch slot.role {
        case .current: row.append("\(item.text) [Nuläge]")
        case .desired: row.append("\(item.text) [Önskat läge]")
        default: row.append(slot.location.question ?? item.text)
        }
      }
      return [row]
    case .qualtrics:
      let meta = [
        "StartDate", "EndDate", "Status", "Progress", "Duration (in seconds)", "Finished", "RecordedDate", "ResponseId",
      ]
      let metaText = [
        "Start Date", "End Date", "Response Type", "Progress", "Duration (in seconds)", "Finished", "Recorded Date",
        "Response ID",
      ]
      let metaImport = [
        "startDate", "endDate", "status", "progress", "duration", "finished", "recordedDate", "_recordId",
      ]
      var tags = meta + ["Q1", "Q2", "Q3"]
      var texts =
        metaText + [survey.municipalityColumn.question ?? "Kommun"]
        + survey.dimensions.map { $0.location.question ?? $0.label }
      var imports = metaImport.map { "{\"ImportId\":\"\($0)\"}" } + (1...3).map { "{\"ImportId\":\"QID\($0)\"}" }
      var question = 3
      var sub = 0
      var lastItem = ""
      for slot in slots {
        let item = survey.sections[slot.section].items[slot.item]
        if item.id != lastItem {
          question += 1
          sub = 0
          lastItem = item.id
        }
        sub += 1
        switch slot.role {
        case .current, .desired:
          tags.append("Q\(question)_\(sub)")
          texts.append("\(item.text) - \(slot.role == .current ? "Nuläge" : "Önskat läge")")
          imports.append("{\"ImportId\":\"QID\(question)_\(sub)\"}")
        case .text:
          tags.append("Q\(question)")
          texts.append(slot.location.question ?? item.text)
          imports.append("{\"ImportId\":\"QID\(question)_TEXT\"}")
        default:
          tags.append("Q\(question)")
          texts.append(slot.location.question ?? item.text)
          imports.append("{\"ImportId\":\"QID\(question)\"}")
        }
      }
      return [tags, texts, imports]
    }
  }

  private func write(_ value: String, item: Item, format: Format) -> String {
    guard let v = Int(value) else { return value == "" ? "" : value }
    switch item.kind {
    case .paired(let scaleID, _, _), .rating(let scaleID, _):
      if v < 0 { return format.noAnswer }
      let scale = survey.scale(id: scaleID)!
      switch format.answers {
      case .codes: return value
      case .decimals: return "\(v).0"
      case .labels: return scale.points.first { $0.value == v }?.label ?? value
      }
    default:
      return value
    }
  }

  private func timestamp(_ r: Int) -> String {
    let day = 5 + r / 10
    let hour = 8 + (r * 7) % 9
    let minute = (r * 13) % 60
    return
      "2026-10-\(day < 10 ? "0" : "")\(day) \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute):\(10 + r % 50)"
  }

  private func pickOrganisation(_ file: File, _ rng: inout SplitMix64) -> Int {
    // County-wide respondents are the region's and the municipalities' leadership.
    if file.municipality == nil { return pick([(0, 50), (1, 50)], &rng) }
    return pick([(0, 35), (1, 45), (2, 12), (3, 8)], &rng)
  }

  private func organisationSpelling(_ organisation: Int, _ file: File, _ rng: inout SplitMix64) -> String {
    let dimension = survey.dimensions[0]
    let value = dimension.values[organisation]
    if file.format.layout == .googleForms { return value.label }
    // Hand-filled files use the short forms people write.
    let forms = [value.label] + value.spellings
    return forms[Int(rng.next() % UInt64(min(2, forms.count)))]
  }

  // MARK: Bytes

  private func encode(_ rows: [[String]], _ format: Format) -> [UInt8] {
    var text = ""
    for line in format.preamble { text += line + format.lineEnd }
    for row in rows {
      text += row.map { quote($0, format) }.joined(separator: format.delimiter) + format.lineEnd
    }
    var bytes: [UInt8] = format.byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
    if format.windows1252 {
      guard let encoded = TextEncoding.windows1252Bytes(text) else { fatalError("text not in Windows-1252") }
      bytes += encoded
    } else {
      bytes += Array(text.utf8)
    }
    return bytes
  }

  private func quote(_ cell: String, _ format: Format) -> String {
    let special = cell.contains { $0 == "\"" || $0 == "\n" || $0 == "\r" || String($0) == format.delimiter }
    if format.quoteAll || special { return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    return cell
  }
}

/// How respondents answer: per item a typical current and desired state, shifted for the
/// patterns above, plus each respondent's own spread.
struct AnswerModel {
  let survey: Survey
  var round = 1
  /// Per slot: the typical value in tenths of a scale point.
  private var typical: [Int] = []

  static let comments = [
    "Vi behöver fler gemensamma mötesplatser mellan vårdcentral och hemsjukvård.",
    "SIP fungerar, men kallelserna kommer ofta för sent.",
    "Oklart vem som har ansvaret när patienten skrivs ut – \"det är ingens\".",
    "Bra samarbete med vårdcentralen; sämre med psykiatrin.",
    "Läkarmedverkan saknas ofta på helger,\nhemsjukvården får ta allt.",
    "Vi vet inte vad överenskommelsen säger om barn och unga.",
    "Fast vårdkontakt är ett begrepp, inte ett arbetssätt ännu.",
    "Det är svårt att få tid för samverkan i vardagen.",
  ]

  init(survey: Survey, rng: inout SplitMix64) {
    self.survey = survey
    for slot in survey.slots {
      switch slot.role {
      case .current: typical.append(20 + Int(rng.next() % 17))  // 2.0–3.6
      case .desired: typical.append(40 + Int(rng.next() % 9))  // 4.0–4.8
      case .rating: typical.append(40)
      default: typical.append(0)
      }
    }
  }

  func answer(
    slot k: Int, item: Item, section: String, municipality: Int?, organisation: Int, rng: inout SplitMix64
  ) -> String {
    let slot = survey.slots[k]
    switch slot.role {
    case .text:
      return rng.next() % 5 == 0 ? Self.comments[Int(rng.next() % UInt64(Self.comments.count))] : ""
    case .choice:
      return ["Ja", "Nej", "Vet ej", "Ja"][Int(rng.next() % 4)]
    default:
      break
    }
    // About 4 % "don't know" (-1) and 2 % left blank.
    let draw = rng.next() % 100
    if draw < 4 { return "-1" }
    if draw < 6 { return "" }
    var tenths = typical[k]
    let name = municipality.map { survey.county.municipalities[$0].name }
    if slot.role == .current {
      tenths += shift(item: item, section: section, municipality: name)
      if name == "Torsås" && section == "motesplatser" { tenths -= 15 }
      if (name == "Emmaboda" || name == "Västervik") && item.id.hasPrefix("hsv_") && round < 3 {
        if organisation == 0 { tenths += 12 }
        if organisation == 1 { tenths -= 12 }
      }
    }
    // Spread: the sum of four uniform draws (Irwin–Hall), about ±0.9 points.
    var noise = 0
    for _ in 0..<4 { noise += Int(rng.next() % 19) - 9 }
    tenths += noise
    let value = min(5, max(1, (tenths + 5) / 10))
    return String(value)
  }
}

extension AnswerModel {
  /// The known shifts of a later round, in tenths of a scale point of the current state
  /// against round 1 (the desired state stays where it was, so the gap moves the other
  /// way):
  /// - round 2: meeting places (section `motesplatser`) +8 everywhere and Torsås +15 more,
  ///   so that its lag of round 1 is gone; time for collaboration (`res_tid`) −6;
  /// - round 3: meeting places +12, Torsås +15 more; `res_tid` −6 as in round 2; the items
  ///   of the priority group citizens with complex needs (`prioriterad_grupp:
  ///   komplexa_behov`) +6; and the home-care agreement (`hsv_*`) seen alike by region and
  ///   municipality in Emmaboda and Västervik: the organisational gap of round 1 closed.
  func shift(item: Item, section: String, municipality name: String?) -> Int {
    guard round > 1 else { return 0 }
    var tenths = 0
    if section == "motesplatser" { tenths += (round == 2 ? 8 : 12) + (name == "Torsås" ? 15 : 0) }
    if item.id == "res_tid" { tenths -= 6 }
    if round == 3 && item.tags["prioriterad_grupp"]?.contains("komplexa_behov") == true { tenths += 6 }
    return tenths
  }
}

/// A weighted choice: `weights` pairs a value with its weight.
func pick(_ weights: [(Int, Int)], _ rng: inout SplitMix64) -> Int {
  let total = weights.reduce(0) { $0 + $1.1 }
  var draw = Int(rng.next() % UInt64(total))
  for (value, weight) in weights {
    if draw < weight { return value }
    draw -= weight
  }
  return weights[weights.count - 1].0
}
