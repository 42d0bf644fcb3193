import ArgumentParser
import Foundation
import KartlaggRun
import KartlaggServer
import RoundStore

#if canImport(Glibc)
  import Glibc
#endif

/// `kartlagg-server`: serves a workspace (docs/server.md) and manages its accounts.
@main
struct KartlaggServerCommand: AsyncParsableCommand {
  /// Before the first thread: malloc's arenas limited to the cores (`ProcessTuning`).
  static func main() async {
    ProcessTuning.limitMallocArenas()
    await main(nil)
  }

  static let configuration = CommandConfiguration(
    commandName: "kartlagg-server",
    abstract: "The county's collection point: uploads checked and imported, the round's board, published reports.",
    discussion: """
      Serves one workspace made by `kartlagg init` (its store kartlagg.sqlite and its survey \
      definition). Without --local, accounts are made with `kartlagg-server user add`; put the \
      server behind a reverse proxy for TLS (docs/server.md).
      """,
    subcommands: [Serve.self, User.self, Token.self], defaultSubcommand: Serve.self)
}

struct WorkspaceOption: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("A workspace made by `kartlagg init`.", valueName: "DIR"))
  var workspace: String
}

struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Serve the workspace (the default).")

  @OptionGroup var workspace: WorkspaceOption
  @Option(name: .long, help: "The address to listen on.") var host = "127.0.0.1"
  @Option(name: .long, help: "The port to listen on.") var port = 8080
  @Flag(name: .long, help: "Loopback only, one coordinator, no login: a coordinator working alone.")
  var local = false
  @Option(name: .long, help: ArgumentHelp("The largest upload accepted, in MB.", valueName: "MB"))
  var maxUpload = 50
  @Option(
    name: .long,
    help: ArgumentHelp(
      "How many uploads are checked at once; the others wait their turn (default: one per core).", valueName: "N"))
  var checks = ServerConfiguration.defaultChecks
  @Option(
    name: .long,
    help: ArgumentHelp(
      "How many days the audit log keeps an entry of no round (sign-ins, sign-outs, account changes); a round's entries go with the round.",
      valueName: "DAYS"))
  var auditDays = 365
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The reverse proxy's address, whose X-Forwarded-For and X-Forwarded-Proto are believed.", valueName: "ADDRESS"))
  var trustedProxy: String?

  func run() async throws {
    var configuration = ServerConfiguration(workspace: workspace.workspace)
    configuration.host = host
    configuration.port = port
    configuration.local = local
    configuration.maximumUpload = max(1, maxUpload) << 20
    configuration.checks = max(1, checks)
    configuration.auditLifetime = TimeInterval(max(1, auditDays)) * 24 * 3600
    configuration.trustedProxy = trustedProxy
    let server: KartlaggServer
    do {
      server = try KartlaggServer(configuration)
    } catch {
      FileHandle.standardError.write(Data("kartlagg-server: \(error)\n".utf8))
      throw ExitCode(1)
    }
    // On standard error, with Hummingbird's log: a status, not a result, and unbuffered, so
    // that it is not held back until exit when standard output is a pipe (a systemd journal).
    FileHandle.standardError.write(
      Data(
        ("kartlagg-server: serving \(workspace.workspace) on http://\(host):\(port)/" + (local ? " (local mode)" : "")
          + "\n").utf8))
    try await server.run()
  }
}

extension RoundStore.Role: ExpressibleByArgument {}

struct User: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Manage accounts: add, invite, password, disable, remove, list.",
    subcommands: [Add.self, Invite.self, Password.self, Disable.self, Remove.self, List.self])

  /// What a command said: its results on standard output, its errors on standard error.
  static func finish(_ outcome: Accounts.Outcome) throws {
    for (index, line) in outcome.lines.enumerated() {
      if outcome.errorLines.contains(index) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
      } else {
        print(line)
      }
    }
    if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
  }

  /// A password typed at the terminal (not echoed), twice; from standard input when it is no terminal.
  static func readPassword(workspace: String) throws -> String {
    if isatty(0) == 1 {
      guard let first = getpass("Lösenord / password: ").map({ String(cString: $0) }),
        let second = getpass("Igen / again: ").map({ String(cString: $0) }), first == second
      else {
        FileHandle.standardError.write(Data((Accounts.passwordsDiffer(workspace: workspace) + "\n").utf8))
        throw ExitCode(1)
      }
      return first
    }
    return readLine(strippingNewline: true) ?? ""
  }

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add an account; its password is typed at the terminal, or with --invite set through a one-time link.")
    @OptionGroup var workspace: WorkspaceOption
    @Argument(help: "The user name (no spaces).") var name: String
    @Option(name: .long, help: "coordinator, uploader or reader.") var role: RoundStore.Role
    @Option(name: .long, help: "An uploader's municipality: every respondent of its files is that municipality's.")
    var municipality: String?
    @Option(name: .long, help: "An uploader's organisation whose files span several municipalities.")
    var organisation: String?
    @Option(
      name: .long,
      help: ArgumentHelp(
        "With --organisation: the municipalities it answers for, separated by commas (the county's name for county-wide respondents); its files' rows of others are rejected. Without it: every municipality.",
        valueName: "NAMES"))
    var municipalities: String?
    @Flag(name: .long, help: "Print a one-time invitation link instead of asking for a password.") var invite = false
    @Option(name: .long, help: "The server's address as users reach it, for the link.")
    var url = "http://127.0.0.1:8080"

    func run() throws {
      let password = invite ? nil : try User.readPassword(workspace: workspace.workspace)
      try User.finish(
        Accounts.add(
          workspace: workspace.workspace, name: name, role: role, municipality: municipality,
          organisation: organisation,
          municipalities: municipalities.map { $0.split(separator: ",").map(String.init) },
          password: password, baseURL: url))
    }
  }

  struct Invite: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "A new one-time invitation link for an account (a forgotten password).")
    @OptionGroup var workspace: WorkspaceOption
    @Argument var name: String
    @Option(name: .long, help: "The server's address as users reach it.") var url = "http://127.0.0.1:8080"
    func run() throws { try User.finish(Accounts.invite(workspace: workspace.workspace, name: name, baseURL: url)) }
  }

  struct Password: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Set an account's password (typed at the terminal).")
    @OptionGroup var workspace: WorkspaceOption
    @Argument var name: String
    func run() throws {
      try User.finish(
        Accounts.setPassword(
          workspace: workspace.workspace, name: name, password: try User.readPassword(workspace: workspace.workspace)))
    }
  }

  struct Disable: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Disable an account and end its sessions.")
    @OptionGroup var workspace: WorkspaceOption
    @Argument var name: String
    func run() throws { try User.finish(Accounts.disable(workspace: workspace.workspace, name: name)) }
  }

  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Remove an account (the audit log keeps its name).")
    @OptionGroup var workspace: WorkspaceOption
    @Argument var name: String
    func run() throws { try User.finish(Accounts.remove(workspace: workspace.workspace, name: name)) }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the accounts.")
    @OptionGroup var workspace: WorkspaceOption
    func run() throws { try User.finish(Accounts.list(workspace: workspace.workspace)) }
  }
}
