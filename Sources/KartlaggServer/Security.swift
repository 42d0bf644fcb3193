import Foundation
import HummingbirdBcrypt
import KartlaggRun
import RoundStore
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Tokens, password hashes and login throttling (docs/server.md, "Security").
public enum Secrets {
  /// 32 random bytes from the system's generator, as URL-safe base64 without padding.
  public static func token() -> String {
    var bytes = [UInt8](repeating: 0, count: 32)
    var generator = SystemRandomNumberGenerator()
    for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &generator) }
    return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
  }

  /// What the store keeps of a token: its SHA-256, so that a copy of the store opens no session.
  public static func hash(token: String) -> String { RoundStore.sha256(Array(token.utf8)) }

  /// bcrypt, at cost 12 unless a test asks for less.
  public static func hash(password: String, cost: UInt8 = 12) -> String { Bcrypt.hash(password, cost: cost) }

  public static func verify(password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

  /// `verify` off the threads that serve requests, on the password threads
  /// (`EngineExecutor.passwords`): bcrypt takes a quarter of a second on purpose, and on
  /// Dispatch's global queue it held the threads that serve every page (on Linux the same).
  /// With no hash (no such account, or one disabled or without a password) the password is
  /// checked against `absentAccount` and refused: a wrong name takes as long as a wrong
  /// password, so the time of the answer does not tell which names have accounts.
  /// `checked` is told the cost of every hash bcrypt checked (`PasswordChecks`).
  public static func verifyAside(
    password: String, hash: String?, checked: PasswordChecks? = nil
  ) async -> Bool {
    await withTaskExecutorPreference(EngineExecutor.passwords) {
      let against = hash ?? absentAccount
      checked?.note(against)
      let matches = Bcrypt.verify(password, hash: against)
      return hash != nil && matches
    }
  }

  /// A bcrypt hash at the accounts' cost (12) of a random password that is kept nowhere,
  /// made once per process, on the password threads, at the first login with a wrong name.
  static let absentAccount = hash(password: token())

  public static func hashAside(password: String, cost: UInt8 = 12) async -> String {
    await withTaskExecutorPreference(EngineExecutor.passwords) { Bcrypt.hash(password, cost: cost) }
  }

  /// Compares two strings in time that does not depend on where they differ.
  public static func same(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for i in x.indices { difference |= x[i] ^ y[i] }
    return difference == 0
  }

  /// The shortest password an account may have.
  public static let minimumPasswordLength = 12
}

/// The bcrypt costs of the hashes a server's logins checked, in order: what tells that a
/// wrong name costs the same work as a wrong password, without timing it (timing under a
/// loaded machine's other work told nothing reliable).
/// Also how many logins wait for their check or are being checked (`enter`, `leave`).
public final class PasswordChecks: Sendable {
  private let costs = Mutex<[Int]>([])
  private let waiting = Mutex(0)

  public init() {}

  /// The cost a modular-crypt bcrypt hash names (`$2b$12$…` is 12), or -1 for another text.
  static func cost(of hash: String) -> Int {
    let parts = hash.split(separator: "$", omittingEmptySubsequences: false)
    guard parts.count >= 4, parts[1].hasPrefix("2"), let cost = Int(parts[2]) else { return -1 }
    return cost
  }

  func note(_ hash: String) { costs.withLock { $0.append(Self.cost(of: hash)) } }

  /// Every check's cost since the server started.
  public var checked: [Int] { costs.withLock { $0 } }

  /// Counts one more login waiting for its check, unless `limit` wait already: then false,
  /// and nothing is counted.
  public func enter(limit: Int) -> Bool {
    waiting.withLock {
      guard $0 < limit else { return false }
      $0 += 1
      return true
    }
  }

  /// A login counted by `enter` has had its check.
  public func leave() { waiting.withLock { $0 -= 1 } }

  /// The logins waiting for their check or being checked.
  public var inProgress: Int { waiting.withLock { $0 } }
}

/// Repeated failed logins, per account and per client address: after `slowAfter` failures
/// within `window` each attempt waits a little longer, after `lockAfter` the account (or
/// address) is locked for `lockFor`, whatever the password. Kept in memory: a restart
/// forgets it (docs/server.md).
public actor LoginThrottle {
  public struct Policy: Sendable {
    public var slowAfter: Int
    public var lockAfter: Int
    public var window: TimeInterval
    public var lockFor: TimeInterval
    /// The wait per failure past `slowAfter` (at most five of them).
    public var step: Duration

    public static let account = Policy(slowAfter: 3, lockAfter: 10, window: 900, lockFor: 900, step: .seconds(1))
    public static let address = Policy(slowAfter: 10, lockAfter: 50, window: 900, lockFor: 900, step: .seconds(1))

    public init(slowAfter: Int, lockAfter: Int, window: TimeInterval, lockFor: TimeInterval, step: Duration) {
      self.slowAfter = slowAfter
      self.lockAfter = lockAfter
      self.window = window
      self.lockFor = lockFor
      self.step = step
    }
  }

  struct Record {
    var failures: [Date] = []
    var lockedUntil: Date?
  }

  let accountPolicy: Policy
  let addressPolicy: Policy
  var accounts: [String: Record] = [:]
  var addresses: [String: Record] = [:]
  /// When a locked (name, address) was last written to the audit log.
  var lockAudited: [String: Date] = [:]
  /// Attempts since the records were last swept of what has expired.
  var sinceSweep = 0

  public init(account: Policy = .account, address: Policy = .address) {
    accountPolicy = account
    addressPolicy = address
  }

  public enum Verdict: Sendable, Equatable {
    case go
    case wait(Duration)
    case locked
  }

  func verdict(_ record: Record?, _ policy: Policy, now: Date) -> Verdict {
    guard let record else { return .go }
    if let until = record.lockedUntil, until > now { return .locked }
    let recent = record.failures.filter { now.timeIntervalSince($0) < policy.window }.count
    guard recent >= policy.slowAfter else { return .go }
    return .wait(policy.step * min(recent - policy.slowAfter + 1, 5))
  }

  /// What a login attempt for `account` from `address` must do before its password is checked.
  public func before(account: String, address: String) -> Verdict {
    let now = Date()
    let verdicts = [
      verdict(accounts[account], accountPolicy, now: now), verdict(addresses[address], addressPolicy, now: now),
    ]
    if verdicts.contains(.locked) { return .locked }
    let waits = verdicts.compactMap { if case .wait(let d) = $0 { return d } else { return nil } }
    return waits.max().map { .wait($0) } ?? .go
  }

  /// What a password login for `account` from `address` must do before its password is
  /// checked, with the attempt counted at once as a failure: `succeeded` takes it back.
  /// Counted here, in the same step as the verdict, not after the check: a burst of logins
  /// sent at once all passed `before` while the first were still in bcrypt, so that an
  /// outside test made 149 guesses in one burst and signed in with the 150th (the account's
  /// limit is 10). A locked attempt is not counted.
  public func attempt(account: String, address: String) -> Verdict {
    let verdict = before(account: account, address: address)
    if verdict != .locked { failed(account: account, address: address) }
    return verdict
  }

  /// Whether a locked attempt of `account` from `address` is to be written to the audit
  /// log: the first of each lock period, not every one (an outside test grew the store by
  /// 61 MB in 5 s with locked attempts, each audited).
  public func auditsLock(account: String, address: String) -> Bool {
    let key = account + "\u{0}" + address
    let now = Date()
    if let last = lockAudited[key], now.timeIntervalSince(last) < max(accountPolicy.lockFor, addressPolicy.lockFor) {
      return false
    }
    lockAudited[key] = now
    return true
  }

  public func failed(account: String, address: String) {
    let now = Date()
    sweep(now)
    func add(_ record: inout Record, _ policy: Policy) {
      record.failures = record.failures.filter { now.timeIntervalSince($0) < policy.window } + [now]
      if record.failures.count >= policy.lockAfter {
        record.lockedUntil = now.addingTimeInterval(policy.lockFor)
        record.failures = []
      }
    }
    add(&accounts[account, default: Record()], accountPolicy)
    add(&addresses[address, default: Record()], addressPolicy)
  }

  /// Every 1 024 failures, forgets the records whose failures and lock have all expired, so
  /// that names and addresses tried once do not stay in memory for the server's life.
  func sweep(_ now: Date) {
    sinceSweep += 1
    guard sinceSweep >= 1024 else { return }
    sinceSweep = 0
    func live(_ record: Record, _ policy: Policy) -> Bool {
      if let until = record.lockedUntil, until > now { return true }
      return record.failures.contains { now.timeIntervalSince($0) < policy.window }
    }
    accounts = accounts.filter { live($0.value, accountPolicy) }
    addresses = addresses.filter { live($0.value, addressPolicy) }
    let lockFor = max(accountPolicy.lockFor, addressPolicy.lockFor)
    lockAudited = lockAudited.filter { now.timeIntervalSince($0.value) < lockFor }
  }

  /// A login that succeeded: the account's failures are forgotten; with `address`, the
  /// attempt `attempt` counted against the address is taken back, so that the people who
  /// sign in from one office's address do not add up to its limit.
  public func succeeded(account: String, address: String? = nil) {
    accounts[account] = nil
    if let address, var record = addresses[address], !record.failures.isEmpty {
      record.failures.removeLast()
      addresses[address] = record
    }
  }
}

/// One import (or publication, or deletion) at a time, in the order they came: the store
/// takes one writer anyway. An actor alone would not do it: its `run` lets the next caller
/// in at its first `await`, so that thirteen imports ran at once and waited for SQLite's
/// write lock instead, past its busy timeout on a loaded machine ("database is locked").
/// Each body runs after the one before it has finished.
actor ImportQueue {
  private var last: Task<Void, Never>?

  func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
    let previous = last
    let task = Task { () async -> T in
      await previous?.value
      return await body()
    }
    last = Task { _ = await task.value }
    return await task.value
  }
}
