import Foundation
import Hummingbird
import MultipartKit

/// A browser's file upload (`multipart/form-data`), streamed to a file in the server's
/// private folder as it arrives, never held whole in memory. MultipartKit (Vapor's, in the
/// package mirror) parses the parts as a stream: its parser is small, maintained and
/// tested against the browsers' forms, where a hand-written one would be a new place for
/// boundary bugs.
enum Uploads {
  /// The file types the pipeline reads.
  static let extensions: Set<String> = ["csv", "txt", "tsv", "xlsx", "sav", "zsav"]

  /// Whether `id` is one the server made (`Secrets.token()`): so that it can name a folder.
  static func isID(_ id: String) -> Bool {
    id.count == 43
      && id.unicodeScalars.allSatisfy {
        $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_")
      }
  }

  /// A file name as the browser sent it, made safe to be a file's name: the last path
  /// component, letters, digits, spaces, `.`, `-` and `_` only, no leading dot, at most
  /// 100 characters; nil when nothing usable is left.
  static func safeName(_ sent: String) -> String? {
    let last = sent.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
    var out = ""
    for c in last {
      if c.isLetter || c.isNumber || c == "." || c == "-" || c == "_" || c == " " {
        out.append(c)
      } else {
        out.append("_")
      }
    }
    while out.hasPrefix(".") || out.hasPrefix(" ") { out.removeFirst() }
    out = out.trimmingCharacters(in: .whitespaces)
    guard !out.isEmpty, out.count <= 100, out.contains(".") else { return nil }
    return out
  }

  enum Failure: Error, Equatable {
    case tooLarge
    /// Not a multipart form, a malformed one, or one that broke off.
    case broken
    case noFile
    case badName
    case wrongType(String)
  }

  struct Received {
    var fields: [String: String] = [:]
    /// The name the browser sent, made safe.
    var sentName: String?
    /// Where the bytes are.
    var path: String?
    var size = 0
  }

  /// The multipart boundary of a `Content-Type`, or nil when it is no multipart form.
  static func boundary(_ contentType: String?) -> String? {
    guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
    for part in contentType.split(separator: ";") {
      let pair = part.trimmingCharacters(in: .whitespaces)
      if pair.lowercased().hasPrefix("boundary=") {
        var value = String(pair.dropFirst("boundary=".count))
        if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
          value = String(value.dropFirst().dropLast())
        }
        return value.isEmpty || value.count > 200 ? nil : value
      }
    }
    return nil
  }

  /// A `Content-Disposition` parameter (`name`, `filename`), unquoted.
  static func parameter(_ name: String, in header: String) -> String? {
    for part in header.split(separator: ";") {
      let pair = part.trimmingCharacters(in: .whitespaces)
      guard pair.lowercased().hasPrefix(name + "=") else { continue }
      var value = String(pair.dropFirst(name.count + 1))
      if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
      return value
    }
    return nil
  }

  /// The parser's state, shared with its callbacks.
  final class State {
    var disposition = ""
    var received = Received()
    var handle: FileHandle?
    var fieldBytes: [UInt8] = []
    var failure: Failure?
    var fileSeen = false
    /// The file part's closing boundary arrived: the file is whole.
    var fileComplete = false
  }

  /// Reads the form: its small fields (at most 1 KiB each) and one file part `file`,
  /// written to `folder/<name(sent name)>`. Over `maximum` bytes of file, or a body that
  /// breaks off or is no form, is a failure, and nothing is left in `folder`. The form is
  /// parsed on the engine's threads (`EngineExecutor`), never on the threads that serve
  /// requests: parsing a large form there kept every other page waiting.
  static func receive(
    _ request: Request, into folder: String, maximum: Int, name: @escaping @Sendable (String) -> String
  ) async -> Result<Received, Failure> {
    await onEngineThreads { await receiveHere(request, into: folder, maximum: maximum, name: name) }
  }

  static func receiveHere(
    _ request: Request, into folder: String, maximum: Int, name: @escaping @Sendable (String) -> String
  ) async -> Result<Received, Failure> {
    guard let boundary = boundary(request.headers[.contentType]) else { return .failure(.broken) }
    if let length = request.headers[.contentLength].flatMap(Int.init), length > maximum + 65536 {
      return .failure(.tooLarge)
    }
    let parser = MultipartParser(boundary: boundary)
    let state = State()
    parser.onHeader = { field, value in
      if field.lowercased() == "content-disposition" { state.disposition = value }
    }
    parser.onBody = { buffer in
      guard state.failure == nil else { return }
      let field = parameter("name", in: state.disposition) ?? ""
      if field == "file" {
        if state.handle == nil && !state.fileSeen {
          state.fileSeen = true
          let sent = parameter("filename", in: state.disposition) ?? ""
          guard let safe = safeName(sent) else {
            state.failure = sent.isEmpty ? .noFile : .badName
            return
          }
          let ext = (safe as NSString).pathExtension.lowercased()
          guard extensions.contains(ext) else {
            state.failure = .wrongType(safe)
            return
          }
          let path = folder + "/" + name(safe)
          guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: path)
          else {
            state.failure = .broken
            return
          }
          state.handle = handle
          state.received.sentName = safe
          state.received.path = path
        }
        guard let handle = state.handle else { return }
        state.received.size += buffer.readableBytes
        if state.received.size > maximum {
          state.failure = .tooLarge
          return
        }
        if let bytes = buffer.readBytes(length: buffer.readableBytes) {
          do { try handle.write(contentsOf: bytes) } catch { state.failure = .broken }
        }
      } else if state.fieldBytes.count + buffer.readableBytes <= 1024 {
        state.fieldBytes += buffer.readBytes(length: buffer.readableBytes) ?? []
      } else {
        state.failure = .broken
      }
    }
    parser.onPartComplete = {
      let field = parameter("name", in: state.disposition) ?? ""
      if field == "file" { state.fileComplete = true }
      if field != "file" && !field.isEmpty {
        state.received.fields[field] = String(decoding: state.fieldBytes, as: UTF8.self)
      }
      state.fieldBytes = []
      state.disposition = ""
    }
    var total = 0
    var finished = false
    do {
      for try await chunk in request.body {
        total += chunk.readableBytes
        if state.failure == nil {
          try parser.execute(chunk)
        }
        // A refused upload is read on to a bound, so that the browser gets the page.
        if state.failure != nil && total > 2 * maximum + 65536 { break }
      }
      finished = true
    } catch {
      state.failure = state.failure ?? .broken
    }
    try? state.handle?.close()
    if state.failure == nil {
      if !finished || (state.received.path != nil && !state.fileComplete) {
        // The body ended before the file part's closing boundary: a half-sent request.
        state.failure = .broken
      } else if state.received.path == nil {
        state.failure = .noFile
      }
    }
    if let failure = state.failure {
      if let path = state.received.path { try? FileManager.default.removeItem(atPath: path) }
      return .failure(failure)
    }
    return .success(state.received)
  }
}
