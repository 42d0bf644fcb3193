import SurveyModel

/// Receives the accepted respondents of one file, one at a time.
///
/// The `Response` passed in is reused for the next row: keep what you need of it (a
/// `Tally` adds it to its histograms; storing it makes a copy).
public protocol ResponseConsumer {
  mutating func consume(_ response: Response)
}

/// A consumer that keeps nothing, for benchmarks and `validate`.
public struct DiscardingConsumer: ResponseConsumer, Sendable {
  public private(set) var count = 0
  public init() {}
  public mutating func consume(_ response: Response) { count += 1 }
}

/// A consumer that keeps every response, for tests and small files.
public struct CollectingConsumer: ResponseConsumer, Sendable {
  public private(set) var responses: [Response] = []
  public init() {}
  public mutating func consume(_ response: Response) { responses.append(response) }
}
