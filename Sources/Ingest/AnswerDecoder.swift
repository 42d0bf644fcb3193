import SurveyModel

/// What one cell said.
enum Decoded: Equatable, Sendable {
  case value(Int16)
  /// Blank, a no-answer label ("Vet ej") or a no-answer code (-99, "..").
  case missing
  case problem(AnswerProblem.Reason)
}

/// ASCII whitespace and the no-break space some spreadsheets write, trimmed from both ends.
@inline(__always)
func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
  var start = 0
  var end = bytes.count
  while start < end, isSpace(bytes, start, forward: true) { start += bytes[start] == 0xC2 ? 2 : 1 }
  while end > start, isSpace(bytes, end - 1, forward: false) {
    end -= bytes[end - 1] == 0xA0 && end - start >= 2 && bytes[end - 2] == 0xC2 ? 2 : 1
  }
  return UnsafeBufferPointer(rebasing: bytes[start..<end])
}

@inline(__always)
private func isSpace(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, forward: Bool) -> Bool {
  switch b[i] {
  case 0x20, 0x09, 0x0A, 0x0D: return true
  case 0xC2: return forward && i + 1 < b.count && b[i + 1] == 0xA0
  case 0xA0: return !forward && i >= 1 && b[i - 1] == 0xC2
  default: return false
  }
}

/// A number as export tools write one: `3`, `-99`, `3.0`, `3,0`, `3.0000000000`.
/// Returns the value and whether it is whole; nil for anything else.
@inline(__always)
func parseNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> (value: Int, whole: Bool)? {
  var i = 0
  let n = bytes.count
  guard n > 0 else { return nil }
  var negative = false
  if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
    negative = bytes[0] == UInt8(ascii: "-")
    i = 1
  }
  var value = 0
  let digitsStart = i
  while i < n, bytes[i] &- 48 < 10, i - digitsStart < 9 {
    value = value * 10 + Int(bytes[i] &- 48)
    i += 1
  }
  guard i > digitsStart else { return nil }
  var whole = true
  if i < n, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ",") {
    i += 1
    let fractionStart = i
    while i < n, bytes[i] &- 48 < 10 {
      if bytes[i] != UInt8(ascii: "0") { whole = false }
      i += 1
    }
    guard i > fractionStart else { return nil }
  }
  guard i == n else { return nil }
  return (negative ? -value : value, whole)
}

/// Reads answers on one scale: numbers, labels, "3 - Stämmer delvis", no-answer labels
/// and codes. Texts that are not plain numbers are looked up once per file and cached.
struct ScaleDecoder: Sendable {
  let minimum: Int
  let maximum: Int
  /// `valid[v - minimum]` says whether `v` is a point of the scale.
  private let valid: [Bool]
  private let numericNoAnswer: Set<Int>
  private let textNoAnswer: Set<String>
  private let labelKeys: [String: Int]
  private let labels: [Int: String]
  private var cache: [String: Decoded] = [:]
  private var recent = ByteCache<Decoded>()

  init(scale: Scale) {
    minimum = scale.minimum
    maximum = scale.maximum
    var valid = Array(repeating: false, count: max(0, maximum - minimum + 1))
    for p in scale.points { valid[p.value - minimum] = true }
    self.valid = valid
    numericNoAnswer = Set(scale.noAnswerCodes.compactMap { Int($0) })
    textNoAnswer = Set(scale.noAnswerLabels.map(HeaderKey.normalize) + scale.noAnswerCodes.map { $0.trimmingSpaces })
    var keys: [String: Int] = [:]
    for p in scale.points { keys[HeaderKey.normalize(p.label)] = p.value }
    labelKeys = keys
    labels = Dictionary(uniqueKeysWithValues: scale.points.map { ($0.value, $0.label) })
  }

  @inline(__always)
  func isPoint(_ v: Int) -> Bool { v >= minimum && v <= maximum && valid[v - minimum] }

  @inline(__always)
  mutating func decode(_ raw: UnsafeBufferPointer<UInt8>) -> Decoded {
    // The hot path: one digit.
    if raw.count == 1 {
      let v = Int(raw[0] &- 48)
      if v < 10 {
        if isPoint(v) { return .value(Int16(v)) }
        if numericNoAnswer.contains(v) { return .missing }
        return .problem(.outsideScale(minimum: minimum, maximum: maximum))
      }
    }
    let field = trimmed(raw)
    if field.isEmpty { return .missing }
    if let (v, whole) = parseNumber(field) {
      if whole, isPoint(v) { return .value(Int16(v)) }
      if whole, numericNoAnswer.contains(v) { return .missing }
      return .problem(
        whole ? .outsideScale(minimum: minimum, maximum: maximum) : .notOnScale(minimum: minimum, maximum: maximum))
    }
    // Texts ("Vet ej", labels) repeat: the few most common are found by their bytes.
    if let hit = recent.value(for: field) { return hit }
    let text = String(decoding: field, as: UTF8.self)
    let result: Decoded
    if let hit = cache[text] {
      result = hit
    } else {
      result = lookUp(text)
      if cache.count < 4096 { cache[text] = result }
    }
    recent.insert(result, for: field)
    return result
  }

  private func lookUp(_ text: String) -> Decoded {
    if textNoAnswer.contains(text) { return .missing }
    let key = HeaderKey.normalize(text)
    if textNoAnswer.contains(key) { return .missing }
    if let v = labelKeys[key] { return .value(Int16(v)) }
    // "3 - Stämmer delvis", "3. Stämmer delvis", "3 Stämmer delvis": a point and its label.
    let digits = key.prefix { $0.isASCII && $0.isNumber }
    // A bare number with stray punctuation ("3..", "3)") is not guessed at.
    if !digits.isEmpty, digits.count < 9, let v = Int(digits), key.count > digits.count {
      let rest = String(key.dropFirst(digits.count).drop { $0 == " " })
      if !rest.isEmpty, textNoAnswer.contains(rest) { return .missing }
      if isPoint(v) {
        if labelKeys[rest] == v { return .value(Int16(v)) }
        return .problem(.labelMismatch(expected: "\(v) – \(labels[v] ?? "")"))
      }

      return .problem(.outsideScale(minimum: minimum, maximum: maximum))
    }
    return .problem(.notOnScale(minimum: minimum, maximum: maximum))
  }
}

/// Reads a choice item's answer: an option's id, label or spelling, or a no-answer label.
struct ChoiceDecoder: Sendable {
  private let keys: [String: Int]
  private let noAnswer: Set<String>
  private let optionLabels: [String]
  private var cache: [String: Decoded] = [:]
  private var recent = ByteCache<Decoded>()

  init(options: [ChoiceOption], noAnswerLabels: [String]) {
    var keys: [String: Int] = [:]
    for (i, option) in options.enumerated() {
      for text in [option.id, option.label] + option.spellings {
        let key = HeaderKey.normalize(text)
        if keys[key] == nil { keys[key] = i }
      }
    }
    self.keys = keys
    noAnswer = Set(noAnswerLabels.map(HeaderKey.normalize))
    optionLabels = options.map(\.label)
  }

  mutating func decode(_ raw: UnsafeBufferPointer<UInt8>) -> Decoded {
    let field = trimmed(raw)
    if field.isEmpty { return .missing }
    if let hit = recent.value(for: field) { return hit }
    let text = String(decoding: field, as: UTF8.self)
    if let hit = cache[text] {
      recent.insert(hit, for: field)
      return hit
    }
    let key = HeaderKey.normalize(text)
    let result: Decoded
    if let i = keys[key] {
      result = .value(Int16(i))
    } else if noAnswer.contains(key) {
      result = .missing
    } else {
      result = .problem(.unknownOption(suggestion: Suggestion.nearest(to: text, in: optionLabels)))
    }
    if cache.count < 4096 { cache[text] = result }
    recent.insert(result, for: field)
    return result
  }
}

/// Finds a value among declared spellings: a dimension's values, or the municipalities.
struct SpellingLookup: Sendable {
  enum Match: Equatable, Sendable {
    case index(Int)
    case countyWide
  }

  private var keys: [String: Match] = [:]
  /// What to suggest from, for an unknown value.
  let names: [String]

  /// A dimension's values, by id, label and spelling.
  init(dimension: Dimension) {
    names = dimension.values.map(\.label)
    for (i, value) in dimension.values.enumerated() {
      for text in [value.id, value.label] + value.spellings { add(text, .index(i)) }
    }
  }

  /// The county's municipalities by name, code (also without Excel's dropped leading
  /// zero), spelling and the forms "Kalmar kommun", "Högsby kn"; and the county-wide value.
  init(county: County) {
    names = county.municipalities.map(\.name) + [county.countyWide.name]
    var keys: [String: Match] = [:]
    func add(_ text: String, _ match: Match) {
      let key = HeaderKey.normalize(text)
      if !key.isEmpty, keys[key] == nil { keys[key] = match }
    }
    func addMunicipality(_ m: Municipality, _ match: Match) {
      for text in [m.name, m.code] + m.spellings { add(text, match) }
      let code = m.code.drop { $0 == "0" }
      if !code.isEmpty { add(String(code), match) }
      for suffix in ["kommun", "kommuns", "kn", "stad"] { add("\(m.name) \(suffix)", match) }
      add("\(m.name)s kommun", match)
    }
    for (i, m) in county.municipalities.enumerated() { addMunicipality(m, .index(i)) }
    addMunicipality(county.countyWide, .countyWide)
    self.keys = keys
  }

  private mutating func add(_ text: String, _ match: Match) {
    let key = HeaderKey.normalize(text)
    if !key.isEmpty, keys[key] == nil { keys[key] = match }
  }

  func match(_ text: String) -> Match? { keys[HeaderKey.normalize(text)] }

  func suggestion(for text: String) -> String? { Suggestion.nearest(to: text, in: names) }

  /// The name of a municipality match (the county-wide value's name last in `names`).
  func name(of match: Match) -> String {
    switch match {
    case .index(let m): names[m]
    case .countyWide: names[names.count - 1]
    }
  }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while let c = s.first, c.isWhitespace { s.removeFirst() }
    while let c = s.last, c.isWhitespace { s.removeLast() }
    return String(s)
  }
}
