import ArgumentParser
import KartlaggServer

/// `kartlagg-server token add|list|remove`: API tokens for scripts (docs/server.md, "The API").
struct Token: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Manage API tokens for scripts: add, list, remove.",
    subcommands: [Add.self, List.self, Remove.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Make an API token for an account; it is printed once, the store keeps only its SHA-256.")
    @OptionGroup var workspace: WorkspaceOption
    @Argument(help: "The account the token acts as, with its role.") var name: String
    @Option(name: .long, help: "How many days the token is valid.") var days = 90
    func run() throws { try User.finish(APITokens.add(workspace: workspace.workspace, name: name, days: days)) }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the API tokens (id, account, made, expires); never a token itself.")
    @OptionGroup var workspace: WorkspaceOption
    @Argument(help: "Only this account's.") var name: String?
    func run() throws { try User.finish(APITokens.list(workspace: workspace.workspace, name: name)) }
  }

  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Remove an account's API token by its id, or all of them.")
    @OptionGroup var workspace: WorkspaceOption
    @Argument var name: String
    @Argument(help: "The token's id as `token list` shows it; without it, every token of the account.") var id: String?
    func run() throws { try User.finish(APITokens.remove(workspace: workspace.workspace, name: name, id: id)) }
  }
}
