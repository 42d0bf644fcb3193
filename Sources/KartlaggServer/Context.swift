import Foundation
import Hummingbird
import RoundStore

/// A request's context: who is signed in (from the session cookie), the session's CSRF
/// token, and the address the connection came from.
public struct ServerContext: RequestContext {
  public var coreContext: CoreRequestContextStorage
  /// The connection's peer address (the proxy's, behind one).
  public var peer: String?
  public var account: RoundStore.Account?
  public var csrf: String?
  /// The session token's hash, for logout.
  var sessionHash: String?

  public init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    peer = source.channel.remoteAddress?.ipAddress
  }
}

/// A page to answer with instead of what was asked: a refusal or a message, with its status.
/// The API answers it as `{"error": code, "message": message}`; an empty code is said by
/// the status (`API.code(for:)`).
struct PageError: Error {
  var status: HTTPResponse.Status
  var message: String
  var code: String = ""
}

/// The header names HTTPTypes does not name.
enum Header {
  typealias Name = HTTPFields.Element.Name
  static let forwardedFor = Name("X-Forwarded-For")!
  static let forwardedProto = Name("X-Forwarded-Proto")!
  static let csrfToken = Name("X-CSRF-Token")!
  static let permissionsPolicy = Name("Permissions-Policy")!
  static let crossOriginOpenerPolicy = Name("Cross-Origin-Opener-Policy")!
  static let referrerPolicy = Name("Referrer-Policy")!
  static let xFrameOptions = Name("X-Frame-Options")!
}

/// The security headers of every answer (docs/server.md): a Content-Security-Policy that
/// allows the pages' own inline style and nothing else (no script, no other host, no
/// framing), `nosniff`, no referrer, no caching of pages that hold a person's data.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
  static var policy: String {
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
      + "frame-ancestors 'none'; base-uri 'none'"
  }

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    var response = try await next(request, context)
    response.headers[.contentSecurityPolicy] = Self.policy
    response.headers[.xContentTypeOptions] = "nosniff"
    response.headers[Header.referrerPolicy] = "same-origin"
    response.headers[Header.xFrameOptions] = "DENY"
    response.headers[Header.crossOriginOpenerPolicy] = "same-origin"
    response.headers[Header.permissionsPolicy] = "camera=(), microphone=(), geolocation=()"
    if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
    return response
  }
}
