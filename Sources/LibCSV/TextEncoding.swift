/// The text encodings that survey exports arrive in.
///
/// Excel's "CSV UTF-8" writes UTF-8 with a byte-order mark, its plain "CSV" in a Swedish
/// locale writes Windows-1252, and its "Unicode text" writes UTF-16 little-endian with a
/// byte-order mark. Everything is decoded to UTF-8 before libcsv sees it.
public enum TextEncoding: String, Sendable, CaseIterable, CustomStringConvertible {
  case utf8 = "UTF-8"
  case utf16LittleEndian = "UTF-16LE"
  case utf16BigEndian = "UTF-16BE"
  case windows1252 = "Windows-1252"

  public var description: String { rawValue }
}

/// What the reader found out about a file's encoding.
public struct DetectedEncoding: Sendable, Equatable, CustomStringConvertible {
  public var encoding: TextEncoding
  /// Whether the file started with a byte-order mark (which never reaches a field).
  public var hadByteOrderMark: Bool

  public init(encoding: TextEncoding, hadByteOrderMark: Bool) {
    self.encoding = encoding
    self.hadByteOrderMark = hadByteOrderMark
  }

  public var description: String {
    hadByteOrderMark ? "\(encoding) med BOM" : encoding.description
  }

  var byteOrderMarkLength: Int {
    guard hadByteOrderMark else { return 0 }
    return encoding == .utf8 ? 3 : 2
  }

  /// Decides the encoding from the first bytes of a file.
  ///
  /// - Parameters:
  ///   - prefix: the first bytes of the file (the reader uses up to its sniffing window).
  ///   - isWholeFile: whether `prefix` is the entire file, so that a multi-byte sequence cut
  ///     at its end is an error rather than a sequence continued in the next chunk.
  static func detect(_ prefix: UnsafeRawBufferPointer, isWholeFile: Bool) -> DetectedEncoding {
    let b = prefix
    if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF {
      return DetectedEncoding(encoding: .utf8, hadByteOrderMark: true)
    }
    if b.count >= 2, b[0] == 0xFF, b[1] == 0xFE {
      return DetectedEncoding(encoding: .utf16LittleEndian, hadByteOrderMark: true)
    }
    if b.count >= 2, b[0] == 0xFE, b[1] == 0xFF {
      return DetectedEncoding(encoding: .utf16BigEndian, hadByteOrderMark: true)
    }
    // UTF-16 without a BOM: text that is mostly ASCII has a zero in every other byte.
    let pairs = min(b.count, 1024) / 2
    if pairs >= 2 {
      var zeroEven = 0
      var zeroOdd = 0
      for i in 0..<pairs {
        if b[2 * i] == 0 { zeroEven += 1 }
        if b[2 * i + 1] == 0 { zeroOdd += 1 }
      }
      if zeroOdd * 10 >= pairs * 4 && zeroEven * 10 < pairs {
        return DetectedEncoding(encoding: .utf16LittleEndian, hadByteOrderMark: false)
      }
      if zeroEven * 10 >= pairs * 4 && zeroOdd * 10 < pairs {
        return DetectedEncoding(encoding: .utf16BigEndian, hadByteOrderMark: false)
      }
    }
    let valid = UTF8Validation.validPrefixLength(b)
    let tail = b.count - valid
    // A sequence cut by the end of the window is fine if the file goes on after it.
    if tail == 0 || (!isWholeFile && tail < 4 && UTF8Validation.isIncompleteSequence(b, from: valid)) {
      return DetectedEncoding(encoding: .utf8, hadByteOrderMark: false)
    }
    return DetectedEncoding(encoding: .windows1252, hadByteOrderMark: false)
  }
}

/// Strict UTF-8 validation (no overlong forms, no surrogates, nothing above U+10FFFF).
enum UTF8Validation {
  /// The length of the longest prefix of `b` that is valid, complete UTF-8.
  static func validPrefixLength(_ b: UnsafeRawBufferPointer) -> Int {
    var i = 0
    let n = b.count
    while i < n {
      let c = b[i]
      if c < 0x80 {
        i += 1
        continue
      }
      let length = sequenceLength(b, at: i)
      if length == 0 { return i }
      i += length
    }
    return i
  }

  /// The length of the valid sequence starting at `i`, or 0 if it is invalid or cut off.
  static func sequenceLength(_ b: UnsafeRawBufferPointer, at i: Int) -> Int {
    let n = b.count
    let c = b[i]
    func cont(_ k: Int) -> Bool { i + k < n && b[i + k] & 0xC0 == 0x80 }
    switch c {
    case 0xC2...0xDF:
      return cont(1) ? 2 : 0
    case 0xE0:
      return i + 1 < n && (0xA0...0xBF).contains(b[i + 1]) && cont(2) ? 3 : 0
    case 0xE1...0xEC, 0xEE...0xEF:
      return cont(1) && cont(2) ? 3 : 0
    case 0xED:
      return i + 1 < n && (0x80...0x9F).contains(b[i + 1]) && cont(2) ? 3 : 0
    case 0xF0:
      return i + 1 < n && (0x90...0xBF).contains(b[i + 1]) && cont(2) && cont(3) ? 4 : 0
    case 0xF1...0xF3:
      return cont(1) && cont(2) && cont(3) ? 4 : 0
    case 0xF4:
      return i + 1 < n && (0x80...0x8F).contains(b[i + 1]) && cont(2) && cont(3) ? 4 : 0
    default:
      return 0
    }
  }

  /// Whether the bytes from `i` to the end are the valid beginning of a sequence that the
  /// next chunk could complete.
  static func isIncompleteSequence(_ b: UnsafeRawBufferPointer, from i: Int) -> Bool {
    let c = b[i]
    let needed: Int
    switch c {
    case 0xC2...0xDF: needed = 2
    case 0xE0...0xEF: needed = 3
    case 0xF0...0xF4: needed = 4
    default: return false
    }
    let have = b.count - i
    guard have < needed else { return false }
    for k in 1..<have where b[i + k] & 0xC0 != 0x80 { return false }
    return true
  }
}

/// Streams bytes in a non-UTF-8 encoding to UTF-8, carrying partial sequences from one
/// chunk to the next. Invalid input becomes U+FFFD; nothing here can trap.
struct Transcoder {
  let encoding: TextEncoding
  /// Bytes of a UTF-16 code unit cut by the chunk boundary.
  private var pendingByte: UInt8?
  /// A high surrogate waiting for its low half.
  private var pendingHighSurrogate: UInt16?

  init(encoding: TextEncoding) {
    self.encoding = encoding
  }

  mutating func transcode(_ input: UnsafeRawBufferPointer, into out: inout [UInt8], final: Bool) {
    switch encoding {
    case .utf8:
      out.append(contentsOf: input)
    case .windows1252:
      out.reserveCapacity(out.count + input.count + input.count / 4)
      for byte in input {
        if byte < 0x80 {
          out.append(byte)
        } else {
          Transcoder.appendUTF8(Transcoder.windows1252Scalar(byte), to: &out)
        }
      }
    case .utf16LittleEndian, .utf16BigEndian:
      transcodeUTF16(input, into: &out, final: final)
    }
  }

  private mutating func transcodeUTF16(
    _ input: UnsafeRawBufferPointer, into out: inout [UInt8], final: Bool
  ) {
    out.reserveCapacity(out.count + input.count)
    let littleEndian = encoding == .utf16LittleEndian
    var i = 0
    func unit(_ a: UInt8, _ b: UInt8) -> UInt16 {
      littleEndian ? UInt16(a) | UInt16(b) << 8 : UInt16(a) << 8 | UInt16(b)
    }
    var units: [UInt16] = []
    units.reserveCapacity(input.count / 2 + 1)
    if let first = pendingByte, input.count > 0 {
      units.append(unit(first, input[0]))
      pendingByte = nil
      i = 1
    }
    while i + 1 < input.count {
      units.append(unit(input[i], input[i + 1]))
      i += 2
    }
    if i < input.count { pendingByte = input[i] }
    for u in units {
      if let high = pendingHighSurrogate {
        pendingHighSurrogate = nil
        if (0xDC00...0xDFFF).contains(u) {
          let scalar = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(u) - 0xDC00)
          Transcoder.appendUTF8(scalar, to: &out)
          continue
        }
        Transcoder.appendUTF8(0xFFFD, to: &out)
      }
      switch u {
      case 0xD800...0xDBFF: pendingHighSurrogate = u
      case 0xDC00...0xDFFF: Transcoder.appendUTF8(0xFFFD, to: &out)
      default: Transcoder.appendUTF8(UInt32(u), to: &out)
      }
    }
    if final {
      if pendingHighSurrogate != nil || pendingByte != nil {
        Transcoder.appendUTF8(0xFFFD, to: &out)
      }
      pendingHighSurrogate = nil
      pendingByte = nil
    }
  }

  /// Windows-1252 as the WHATWG Encoding Standard maps it: 0x80–0x9F are the typographic
  /// characters (0x92 is ’, 0x96 is –), the five unassigned bytes map to C1 controls.
  static func windows1252Scalar(_ byte: UInt8) -> UInt32 {
    guard (0x80...0x9F).contains(byte) else { return UInt32(byte) }
    return windows1252High[Int(byte) - 0x80]
  }

  private static let windows1252High: [UInt32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
  ]

  static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
      out.append(UInt8(scalar))
    case 0x80..<0x800:
      out.append(UInt8(0xC0 | scalar >> 6))
      out.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
      out.append(UInt8(0xE0 | scalar >> 12))
      out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      out.append(UInt8(0x80 | scalar & 0x3F))
    default:
      out.append(UInt8(0xF0 | scalar >> 18))
      out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
      out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      out.append(UInt8(0x80 | scalar & 0x3F))
    }
  }

  /// How many bytes of the source produced the first `decodedLength` bytes of `decoded`,
  /// so that an error found in decoded text can name its offset in the file.
  static func sourceLength(
    of decoded: UnsafeRawBufferPointer, decodedLength: Int, encoding: TextEncoding
  ) -> Int {
    switch encoding {
    case .utf8:
      return decodedLength
    case .windows1252, .utf16LittleEndian, .utf16BigEndian:
      var scalars = 0
      var astral = 0
      for i in 0..<min(decodedLength, decoded.count) {
        let c = decoded[i]
        if c & 0xC0 != 0x80 { scalars += 1 }
        if c >= 0xF0 { astral += 1 }
      }
      return encoding == .windows1252 ? scalars : 2 * (scalars + astral)
    }
  }
}

extension TextEncoding {
  /// Encodes text as Windows-1252 (the inverse of the reader's decoding), or nil if a
  /// character has no Windows-1252 byte. Used to write test data as a Swedish Excel does.
  public static func windows1252Bytes(_ text: String) -> [UInt8]? {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      let v = scalar.value
      if v < 0x80 || (0xA0...0xFF).contains(v) {
        out.append(UInt8(v))
      } else if let byte = (0x80...0x9F).first(where: { Transcoder.windows1252Scalar(UInt8($0)) == v }) {
        out.append(UInt8(byte))
      } else {
        return nil
      }
    }
    return out
  }
}
