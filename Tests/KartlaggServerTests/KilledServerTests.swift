import Foundation
import KartlaggServer
import RoundStore
import Testing

/// The server killed with SIGKILL in the middle of an import (`KARTLAGG_TEST_STOP_AT`,
/// the import's rows written and its transaction not committed) leaves the store as it was,
/// and restarts with its users and sessions.
@Suite struct KilledServerTests {
  /// Signs in (or reuses `cookie`), uploads Torsås's export and imports it; prints the
  /// cookie, then what the import answered (nothing, when the server died).
  static let client = """
    import http.cookiejar, re, sys, urllib.request, uuid
    base, cookie, path = sys.argv[1], sys.argv[2], sys.argv[3]
    opener = urllib.request.build_opener()
    headers = {"Origin": base}
    def call(url, data=None, extra={}):
        h = dict(headers, **extra)
        if cookie: h["Cookie"] = cookie
        return opener.open(urllib.request.Request(base + url, data=data, headers=h), timeout=60)
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a): return None
    if not cookie:
        o = urllib.request.build_opener(NoRedirect)
        try:
            o.open(urllib.request.Request(base + "/logga-in", data=b"namn=torsas&losenord=ett-langt-losenord", headers=headers))
        except urllib.error.HTTPError as e:
            cookie = e.headers["Set-Cookie"].split(";")[0]
    print(cookie, flush=True)
    page = call("/ladda-upp").read().decode()
    print("OPEN" if "Öppen omgång: 2026" in page else "NOT-OPEN", flush=True)
    if path == "-": sys.exit(0)
    csrf = re.search(r'name="csrf" value="([^"]*)"', page).group(1)
    b = uuid.uuid4().hex
    body = (f"--{b}\\r\\nContent-Disposition: form-data; name=\\"csrf\\"\\r\\n\\r\\n{csrf}\\r\\n"
            f"--{b}\\r\\nContent-Disposition: form-data; name=\\"file\\"; filename=\\"torsas.csv\\"\\r\\n\\r\\n").encode()
    body += open(path, "rb").read() + f"\\r\\n--{b}--\\r\\n".encode()
    checked = call("/ladda-upp", body, {"Content-Type": "multipart/form-data; boundary=" + b}).read().decode()
    upload = re.search(r"/uppladdning/([^/]*)/importera", checked).group(1)
    try:
        print(call(f"/uppladdning/{upload}/importera", f"csrf={csrf}".encode()).read().decode()[:100])
    except Exception as e:
        print("DIED", type(e).__name__)
    """

  static func waitForServer(_ port: Int) throws {
    for _ in 0..<300 {
      let probe = try python(
        "import urllib.request, sys\ntry:\n urllib.request.urlopen(sys.argv[1], timeout=1); print('up')\nexcept Exception as e: print('down' if 'refused' in str(e) or 'timed' in str(e) else 'up')",
        ["http://127.0.0.1:\(port)/logga-in"])
      if probe.output.hasPrefix("up") { return }
      Thread.sleep(forTimeInterval: 0.1)
    }
    throw ServerFixture.FixtureError(description: "the server did not start on port \(port)")
  }

  /// Stopped by SIGTERM (as systemd stops it), the server removes its uploads' temporary
  /// folder: the server's own, `kartlagg-server-*` in its `TMPDIR` (a folder of this test's).
  @Test func stoppedItLeavesNoUploadFolder() async throws {
    let fixture = try ServerFixture("stopped")
    let temporary = fixture.workspace + "/tmp"
    try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
    let server = try builtProgram("kartlagg-server")
    let port = 20000 + Int((getpid() + 7) % 20000)
    let running = try startProgram(
      server, ["--workspace", fixture.workspace, "--port", "\(port)"], environment: ["TMPDIR": temporary])
    try Self.waitForServer(port)
    let made = try FileManager.default.contentsOfDirectory(atPath: temporary)
    #expect(made.count == 1 && made.first?.hasPrefix("kartlagg-server-") == true, "\(made)")
    running.terminate()
    running.waitUntilExit()
    #expect(running.terminationReason == .exit)
    #expect(try FileManager.default.contentsOfDirectory(atPath: temporary) == [])
  }

  @Test func killedInAnImport() async throws {
    let fixture = try ServerFixture("killed")
    let storePath = fixture.workspace + "/kartlagg.sqlite"
    try RoundStore.open(at: storePath).setOpenRound("2026")
    let server = try builtProgram("kartlagg-server")
    let port = 20000 + Int(getpid() % 20000)
    let base = "http://127.0.0.1:\(port)"
    let before = snapshot(fixture.workspace).filter { !$0.key.hasPrefix("kartlagg.sqlite") }
    let dying = try startProgram(
      server, ["--workspace", fixture.workspace, "--port", "\(port)"],
      environment: ["KARTLAGG_TEST_STOP_AT": "store-in-transaction"])
    try Self.waitForServer(port)
    let first = try python(Self.client, [base, "", ServerFixture.example("torsas.csv")])
    dying.waitUntilExit()
    #expect(dying.terminationReason == .uncaughtSignal && dying.terminationStatus == SIGKILL)
    let lines = first.output.split(separator: "\n").map(String.init)
    #expect(lines.count >= 3 && lines[1] == "OPEN" && lines.last?.hasPrefix("DIED") == true, "\(first.output)")
    let cookie = try #require(lines.first)
    // The store as before: no round was made, no file; the accounts and the session are there.
    let store = try RoundStore.open(at: storePath)
    #expect(try store.round("2026") == nil)
    #expect(try store.accounts().count == 4)
    #expect(
      try store.session(tokenHash: Secrets.hash(token: String(cookie.dropFirst("kartlagg_session=".count)))) != nil)
    #expect(snapshot(fixture.workspace).filter { !$0.key.hasPrefix("kartlagg.sqlite") } == before)
    // Restarted, the same browser is still signed in and the round still open.
    let restarted = try startProgram(server, ["--workspace", fixture.workspace, "--port", "\(port)"])
    defer {
      restarted.terminate()
      restarted.waitUntilExit()
    }
    try Self.waitForServer(port)
    let again = try python(Self.client, [base, cookie, "-"])
    #expect(again.output == cookie + "\nOPEN\n", "\(again.output)")
  }
}
