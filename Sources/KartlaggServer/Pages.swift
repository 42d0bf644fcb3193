import Foundation
import Reporting
import RoundStore
import SourceDiagnostics

/// The server's pages: server-rendered through Reporting's `HTML` (every interpolated
/// string escaped), no script, the report's look, one column at 390 px.
enum Pages {
  /// The pages' own style: the only inline style the Content-Security-Policy allows.
  static let css: HTML = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#fff;margin:0;line-height:1.45}
    .skip{position:absolute;left:-9999px;top:0;background:#fff;padding:.5rem}
    .skip:focus{left:.5rem}
    header.site{background:#08519c;color:#fff;padding:.6rem 1.5rem}
    header.site a,header.site button{color:#fff}
    header.site p{margin:0}
    nav ul{list-style:none;padding:0;margin:.4rem 0 0;display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center}
    main{max-width:64rem;margin:0 auto;padding:1rem 1.5rem}
    h1{margin:.4rem 0 .8rem;font-size:1.8rem}
    h2{margin-top:2rem;border-bottom:2px solid #08519c;padding-bottom:.2rem}
    a{color:#0b4a8b}
    main li{margin:.35rem 0}
    main li a,nav a{display:inline-block;min-height:24px;padding:.1rem 0}
    a:focus,button:focus,input:focus,select:focus{outline:3px solid #f5a623;outline-offset:2px}
    table{border-collapse:collapse;margin:.8rem 0;font-size:.92rem;width:100%}
    caption{text-align:left;font-weight:600;padding:.3rem 0}
    th,td{border:1px solid #c8c8c8;padding:.3rem .45rem;vertical-align:top;text-align:left;overflow-wrap:break-word}
    thead th{background:#f0f0f0}
    td.num{text-align:right;white-space:nowrap}
    label{display:block;font-weight:600;margin:.8rem 0 .2rem}
    input[type=text],input[type=password]{font-size:1rem;padding:.4rem;width:100%;max-width:24rem;box-sizing:border-box}
    button{font-size:1rem;padding:.45rem .9rem;margin:.6rem .4rem .2rem 0;background:#08519c;color:#fff;border:0;border-radius:3px;cursor:pointer}
    button.link{background:none;border:0;padding:0;margin:0;text-decoration:underline;cursor:pointer;font-size:inherit}
    form.inline{display:inline}
    .note{background:#f7f7f7;border-left:4px solid #08519c;padding:.5rem .8rem}
    .error{background:#fdecea;border-left:4px solid #b00020;padding:.5rem .8rem}
    .ok{background:#e8f5e9;border-left:4px solid #1b5e20;padding:.5rem .8rem}
    .scroll{overflow-x:auto}
    .scroll>table{min-width:34rem}
    @media (max-width:40rem){main{padding:.8rem}header.site{padding:.6rem .8rem}h1{font-size:1.4rem}}
    """

  /// A whole page: skip link, the site header with its navigation (by role), the main landmark.
  static func page(
    title: String, language: Language, account: RoundStore.Account?, csrf: String?, local: Bool, body: HTML
  ) -> String {
    func say(_ s: Say) -> String { s.text(language) }
    var links: [HTML] = []
    if let account {
      links.append("<li><a href=\"/\">\(say(.start))</a></li>")
      switch account.role {
      case .coordinator:
        links.append("<li><a href=\"/tavla\">\(say(.board))</a></li>")
        links.append("<li><a href=\"/ladda-upp\">\(say(.upload))</a></li>")
        links.append("<li><a href=\"/logg\">\(say(.auditLog))</a></li>")
      case .uploader:
        links.append("<li><a href=\"/ladda-upp\">\(say(.upload))</a></li>")
      case .reader: break
      }
      links.append("<li><a href=\"/rapporter\">\(say(.reports))</a></li>")
      if !local, let csrf {
        links.append(
          """
          <li><form class="inline" method="post" action="/logga-ut"><input type="hidden" name="csrf" value="\(csrf)">\
          <button class="link" type="submit">\(say(.signOut))</button></form></li>
          """)
      }
    }
    let who: HTML =
      account.map {
        local
          ? "<p>\(say(.localMode))</p>"
          : "<p>\(say(.signedInAs($0.name, say(.roleName($0.role.rawValue)))))</p>"
      } ?? ""
    let nav: HTML = links.isEmpty ? "" : "<nav aria-label=\"\(say(.appName))\"><ul>\(links)</ul></nav>"
    let body: HTML = """
      <a class="skip" href="#innehall">\(say(.skipToContent))</a>
      <header class="site"><p><strong>\(say(.appName))</strong></p>\(who)\(nav)</header>
      <main id="innehall">
      <h1>\(title)</h1>
      \(body)
      </main>
      """
    return HTML.document(language: language, title: title + " – " + say(.appName), css: css, body: body)
  }

  static func csrfField(_ csrf: String?) -> HTML {
    "<input type=\"hidden\" name=\"csrf\" value=\"\(csrf ?? "")\">"
  }
}
