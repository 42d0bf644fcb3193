internal import CExpat

/// A push parser over expat: bytes go in as they come out of the archive, and the
/// handler hears each element's start (its local name and attributes), its text and its
/// end. Nothing is kept but the element currently open, so a sheet of any size streams.
///
/// Expat refuses what would blow up (its billion-laughs protection, since 2.4) and any
/// XML that is not well formed; the error names the line in the part.
final class XMLStream {
  /// What a parse hears. Names are local (any `x:` prefix dropped); attribute values are
  /// looked up by local name.
  protocol Handler: AnyObject {
    func start(_ name: ElementName, _ attributes: Attributes)
    func text(_ bytes: UnsafeBufferPointer<UInt8>)
    func end(_ name: ElementName)
  }

  /// An element's local name, compared without making a String.
  struct ElementName {
    let pointer: UnsafePointer<CChar>

    init(_ raw: UnsafePointer<CChar>) {
      // Drop a namespace prefix ("x:row" → "row").
      var p = raw
      var local = raw
      while p.pointee != 0 {
        if p.pointee == 0x3A { local = p + 1 }
        p += 1
      }
      pointer = local
    }

    func `is`(_ name: StaticString) -> Bool {
      name.withUTF8Buffer { bytes in
        for (i, b) in bytes.enumerated() where UInt8(bitPattern: pointer[i]) != b { return false }
        return pointer[bytes.count] == 0
      }
    }
  }

  /// The attributes of a start tag: expat's name/value pairs, ended by a null.
  struct Attributes {
    let pairs: UnsafeMutablePointer<UnsafePointer<CChar>?>?

    /// The value of the attribute with local name `name`, as bytes without a copy.
    func value(_ name: StaticString) -> UnsafePointer<CChar>? {
      guard var p = pairs else { return nil }
      while let key = p.pointee {
        if ElementName(key).is(name) { return p[1] }
        p += 2
      }
      return nil
    }

    func string(_ name: StaticString) -> String? { value(name).map { String(cString: $0) } }
  }

  struct Failure: Error {
    var message: String
    var line: Int
  }

  private let parser: XML_Parser
  private let box: Box

  private final class Box {
    unowned let handler: Handler
    init(_ handler: Handler) { self.handler = handler }
  }

  init(handler: Handler) {
    parser = XML_ParserCreate(nil)
    box = Box(handler)
    XML_SetUserData(parser, Unmanaged.passUnretained(box).toOpaque())
    XML_SetElementHandler(
      parser,
      { user, name, attributes in
        guard let user, let name else { return }
        Unmanaged<Box>.fromOpaque(user).takeUnretainedValue().handler.start(
          ElementName(name), Attributes(pairs: attributes))
      },
      { user, name in
        guard let user, let name else { return }
        Unmanaged<Box>.fromOpaque(user).takeUnretainedValue().handler.end(ElementName(name))
      })
    XML_SetCharacterDataHandler(parser) { user, text, length in
      guard let user, let text, length > 0 else { return }
      text.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
        Unmanaged<Box>.fromOpaque(user).takeUnretainedValue().handler.text(
          UnsafeBufferPointer(start: $0, count: Int(length)))
      }
    }
  }

  deinit { XML_ParserFree(parser) }

  /// Parses the next bytes; `final` for the last (possibly empty) piece.
  func parse(_ bytes: UnsafeRawBufferPointer, final: Bool = false) throws(Failure) {
    let status = XML_Parse(
      parser, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), final ? 1 : 0)
    guard status == XML_STATUS_OK else {
      let code = XML_GetErrorCode(parser)
      let text = XML_ErrorString(code).map { String(cString: $0) } ?? "error \(code.rawValue)"
      throw Failure(message: text, line: Int(XML_GetCurrentLineNumber(parser)))
    }
  }
}
