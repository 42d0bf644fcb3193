internal import CLibCrypto

extension Survey {
  /// What a stored round's figures depend on, as one SHA-256 (lower-case hex): the
  /// survey's id, its minimum group size, the scales (values, labels, no-answer labels and
  /// codes), the tag vocabularies' and values' ids and each item's tags (a tally counts the
  /// respondents per tag value), the answer locations, the dimensions and their values,
  /// the municipalities and their codes and spellings, and every section's items in order
  /// with their kinds and options.
  ///
  /// What only the reports show is left out, so that it may change between rounds and
  /// after an import: the title, the language, `period`, `invited`, `report:` (mellanrum,
  /// heat map, grids), section titles and descriptions, item texts, the labels of
  /// dimensions, tags and the county, and the vocabularies a grid names and the items'
  /// values of them (a tally does not count by them).
  public var figureIdentity: String {
    var canonical = CanonicalText()
    canonical.add("kartlagg figure identity 1")
    canonical.add(id)
    canonical.add(minimumGroupSize)
    canonical.add(scales.count)
    for scale in scales {
      canonical.add(scale.id)
      canonical.add(scale.points.count)
      for point in scale.points {
        canonical.add(point.value)
        canonical.add(point.label)
      }
      canonical.add(scale.noAnswerLabels)
      canonical.add(scale.noAnswerCodes)
    }
    canonical.add(tagVocabularies.count)
    for vocabulary in tagVocabularies {
      canonical.add(vocabulary.id)
      canonical.add(vocabulary.values.map(\.id))
    }
    canonical.add(municipalityColumn)
    // Whether a blank municipality is a rejected row or the group "okänd kommun"; added
    // only when required, so that a definition without the key keeps its identity.
    if municipalityRequired { canonical.add("municipality required") }
    canonical.add(respondentIDColumn != nil ? 1 : 0)
    if let respondentIDColumn { canonical.add(respondentIDColumn) }
    canonical.add(dimensions.count)
    for dimension in dimensions {
      canonical.add(dimension.id)
      canonical.add(dimension.location)
      canonical.add(dimension.required ? 1 : 0)
      canonical.add(dimension.values.count)
      for value in dimension.values {
        canonical.add(value.id)
        canonical.add(value.spellings)
      }
    }
    canonical.add(county.municipalities.count)
    for municipality in county.municipalities + [county.countyWide] {
      canonical.add(municipality.code)
      canonical.add(municipality.name)
      canonical.add(municipality.spellings)
    }
    canonical.add(sections.count)
    for section in sections {
      canonical.add(section.id)
      canonical.add(section.items.count)
      for item in section.items {
        canonical.add(item.id)
        canonical.add(item.kindName)
        canonical.add(item.scaleID ?? "")
        for location in item.locations { canonical.add(location) }
        if case .choice(let options, let noAnswerLabels, _) = item.kind {
          canonical.add(options.count)
          for option in options {
            canonical.add(option.id)
            canonical.add(option.label)
            canonical.add(option.spellings)
          }
          canonical.add(noAnswerLabels)
        }
        // A grid's vocabularies only label the grid (`Survey.gridVocabularies`): left out.
        let tags = item.tags.filter { tag in !tag.value.isEmpty && tagVocabularies.contains { $0.id == tag.key } }
          .sorted { $0.key < $1.key }
        canonical.add(tags.count)
        for (vocabulary, values) in tags {
          canonical.add(vocabulary)
          canonical.add(values)
        }
      }
    }
    return canonical.sha256()
  }
}

/// Values written one after another so that no two different sequences give the same
/// bytes: every string with its length in bytes before it.
struct CanonicalText {
  private(set) var bytes: [UInt8] = []

  mutating func add(_ text: String) {
    let utf8 = Array(text.utf8)
    bytes += Array("\(utf8.count):".utf8) + utf8
  }

  mutating func add(_ number: Int) { add("#\(number)") }

  mutating func add(_ texts: [String]) {
    add(texts.count)
    for text in texts { add(text) }
  }

  mutating func add(_ location: AnswerLocation) {
    add(location.column)
    add(location.aliases)
    add(location.question.map { [$0] } ?? [])
  }

  /// SHA-256 of the bytes, as lower-case hex, through libcrypto. Every EVP call is
  /// checked: a libcrypto that cannot compute it stops the run with OpenSSL's reason,
  /// rather than give every definition the same empty identity.
  func sha256() -> String {
    guard let context = EVP_MD_CTX_new() else { Self.fail("EVP_MD_CTX_new") }
    defer { EVP_MD_CTX_free(context) }
    guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else { Self.fail("EVP_DigestInit_ex") }
    let updated = bytes.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
    guard updated == 1 else { Self.fail("EVP_DigestUpdate") }
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    guard EVP_DigestFinal_ex(context, &digest, &length) == 1, length == 32 else { Self.fail("EVP_DigestFinal_ex") }
    let hex = Array("0123456789abcdef".utf8)
    return String(
      decoding: digest.prefix(Int(length)).flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 15)]] }, as: UTF8.self)
  }

  /// Stops the run: libcrypto failed, and an empty identity would make every definition
  /// look the same to the store.
  private static func fail(_ call: String) -> Never {
    var buffer = [CChar](repeating: 0, count: 256)
    ERR_error_string_n(ERR_get_error(), &buffer, buffer.count)
    let reason = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    fatalError("libcrypto cannot compute SHA-256 (\(call) failed: \(reason)); check OPENSSL_CONF")
  }
}
