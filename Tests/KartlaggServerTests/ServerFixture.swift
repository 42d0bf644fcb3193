import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KartlaggCLI
import KartlaggServer
import RoundStore
@_exported import TestSupport
@_exported import TestSurveys

/// A workspace made by `kartlagg init`, with a coordinator, Torsås's and Kalmar's uploaders
/// and a reader (bcrypt at its lowest cost, for speed), and a server on it.
///
/// `survey`, when given, is the workspace's one survey definition (`Surveys/test.yaml`)
/// instead of the county's: a test of what the server does with uploads, rounds and
/// accounts rather than of what the county's report says uses `TestSurveys.mini`, whose
/// import and report cost a fraction of the county's (each import makes the round's
/// figures, and they grow with the survey, not with the rows).
struct ServerFixture {
  static let password = "ett-langt-losenord"
  let workspace: String
  let server: KartlaggServer

  init(
    _ name: String,
    survey: String? = nil,
    accounts: [(name: String, role: RoundStore.Role, municipality: String?)] = [
      ("samordnare", .coordinator, nil), ("torsas", .uploader, "Torsås"), ("kalmar", .uploader, "Kalmar"),
      ("lasare", .reader, nil),
    ],
    organisations: [String] = [],
    configure: (inout ServerConfiguration) -> Void = { _ in }
  ) throws {
    workspace = try temporaryDirectory("server-" + name)
    let made = Runs.initialize(workspace)
    guard made.exitCode == 0 else { throw FixtureError(description: made.lines.joined(separator: "\n")) }
    if let survey {
      let folder = workspace + "/Surveys"
      for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".yaml") {
        try FileManager.default.removeItem(atPath: folder + "/" + file)
      }
      try survey.write(toFile: folder + "/test.yaml", atomically: true, encoding: .utf8)
    }
    for (user, role, municipality) in accounts {
      let added = Accounts.add(
        workspace: workspace, name: user, role: role, municipality: municipality, organisation: nil,
        password: Self.password, baseURL: "http://localhost", cost: 4)
      guard added.exitCode == 0 else { throw FixtureError(description: added.lines.joined(separator: "\n")) }
    }
    // Uploaders of organisations whose files' municipality column decides.
    for organisation in organisations {
      let added = Accounts.add(
        workspace: workspace, name: organisation, role: .uploader, municipality: nil, organisation: organisation,
        password: Self.password, baseURL: "http://localhost", cost: 4)
      guard added.exitCode == 0 else { throw FixtureError(description: added.lines.joined(separator: "\n")) }
    }
    var configuration = ServerConfiguration(workspace: workspace)
    configuration.port = 0
    configure(&configuration)
    server = try KartlaggServer(configuration)
  }

  struct FixtureError: Error, CustomStringConvertible { var description: String }

  /// `TestSurveys.mini` with Torsås (0834) among its municipalities, for the tests whose
  /// accounts are the default ones (Torsås's and Kalmar's uploaders).
  static let miniWithTorsas: String = {
    let kalmar = "    - { code: \"0880\", name: Kalmar }\n"
    precondition(TestSurveys.mini.contains(kalmar))
    return TestSurveys.mini.replacingOccurrences(of: kalmar, with: kalmar + "    - { code: \"0834\", name: Torsås }\n")
  }()

  /// The mini survey's first export (`TestSurveys.miniExport(from: 0)`, 15 respondents
  /// M-0 … M-14, 9 fields a row) as Torsås's: every respondent's municipality Torsås, as
  /// its uploader's files say.
  static func torsasExport() -> String {
    var text = TestSurveys.miniExport(from: 0)
    for name in ["Kalmar", "Högsby", "Mörbylånga"] {
      text = text.replacingOccurrences(of: "," + name + ",", with: ",Torsås,")
    }
    return text
  }

  /// `torsasExport` with line 2 (M-0) a field short (its free text d left out) and, on
  /// line 3 (M-1), column 5 (`a_onskat`, a 1–5 scale) 9 instead of 4: 15 rows read, 14
  /// accepted, 1 rejected at line 2 (8 fields of 9), one problem at line 3, column 5.
  static func badTorsasExport() -> [UInt8] {
    var lines = torsasExport().components(separatedBy: "\n")
    precondition(lines[1].hasPrefix("M-0,") && lines[2].hasPrefix("M-1,Torsås,Kommun,2,4,"))
    lines[1] = String(lines[1][..<lines[1].range(of: ",\"Fritext")!.lowerBound])
    lines[2] = lines[2].replacingOccurrences(of: "M-1,Torsås,Kommun,2,4,", with: "M-1,Torsås,Kommun,2,9,")
    return Array(lines.joined(separator: "\n").utf8)
  }

  static func example(_ name: String) -> String { repositoryRoot + "/Surveys/examples/" + name }
}

/// A signed-in browser: its session cookie and the CSRF token its pages carry.
struct Browser {
  var cookie: String?
  var csrf: String?

  static let origin: HTTPFields = [.origin: "http://localhost"]

  var headers: HTTPFields {
    var h = Browser.origin
    if let cookie { h[.cookie] = cookie }
    return h
  }
}

extension TestClientProtocol {
  /// Signs in and reads the CSRF token from the first page.
  func signIn(_ name: String, password: String = ServerFixture.password) async throws -> Browser {
    let response = try await post("/logga-in", ["namn": name, "losenord": password], Browser())
    guard response.status == .seeOther, let set = response.headers[.setCookie],
      let cookie = set.split(separator: ";").first.map(String.init)
    else { throw ServerFixture.FixtureError(description: "\(name) could not sign in: \(response.status)") }
    var browser = Browser(cookie: cookie)
    let page = try await execute(uri: "/rapporter", method: .get, headers: browser.headers)
    browser.csrf = csrf(in: String(buffer: page.body))
    return browser
  }

  func csrf(in page: String) -> String? {
    guard let range = page.range(of: "name=\"csrf\" value=\"") else { return nil }
    return String(page[range.upperBound...].prefix { $0 != "\"" })
  }

  /// A form post from the site's own pages (the Origin is this host), with the browser's token.
  func post(_ uri: String, _ fields: [String: String], _ browser: Browser, withToken: Bool = true) async throws
    -> TestResponse
  {
    var fields = fields
    if withToken, let csrf = browser.csrf { fields["csrf"] = csrf }
    var headers = browser.headers
    headers[.contentType] = "application/x-www-form-urlencoded"
    let body = fields.map { key, value in
      key + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }.joined(separator: "&")
    return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
  }

  /// A browser's file upload: multipart/form-data with the token and the file.
  func upload(_ name: String, _ bytes: [UInt8], _ browser: Browser, closing: Bool = true) async throws -> TestResponse {
    let boundary = "----kartlaggtest7MA4YWxkTrZu0gW"
    var body = Array(
      "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(browser.csrf ?? "")\r\n".utf8)
    body += Array(
      "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: text/csv\r\n\r\n"
        .utf8)
    body += bytes
    if closing { body += Array("\r\n--\(boundary)--\r\n".utf8) }
    var headers = browser.headers
    headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
    return try await execute(uri: "/ladda-upp", method: .post, headers: headers, body: ByteBuffer(bytes: body))
  }

  /// Uploads a file and imports it: the import's page.
  func uploadAndImport(_ name: String, _ bytes: [UInt8], _ browser: Browser) async throws -> String {
    let checked = try await upload(name, bytes, browser)
    let page = String(buffer: checked.body)
    guard let range = page.range(of: "/uppladdning/"), let end = page[range.upperBound...].firstIndex(of: "/") else {
      throw ServerFixture.FixtureError(description: "no import form: \(page)")
    }
    let id = String(page[range.upperBound..<end])
    return String(buffer: try await post("/uppladdning/\(id)/importera", [:], browser).body)
  }
}
