/// The language a run speaks: its pages, its tables, its messages and its errors. Defined
/// once, here, in the module every stage depends on, so that no stage can default to a
/// language of its own.
///
/// The one default is the survey's language (`Survey.language`): a run that is not told
/// `--language` speaks the language its survey is written in, and a survey whose
/// `language:` is neither `sv` nor `en` is read as Swedish (`Language.fallback`), the
/// language of the county's surveys.
public enum Language: String, Sendable, Hashable, CaseIterable {
  case sv
  case en

  /// The language whose code is `code` (`sv`, `en`), or nil for any other code.
  public init?(code: String) { self.init(rawValue: code) }

  /// The language's code, as in `--language` and in an HTML page's `lang`.
  public var code: String { rawValue }

  /// The language of a survey that names neither of kartlagg's languages.
  public static let fallback = Language.sv
}

/// A message kartlagg can say in both of its languages: a catalogue (`Phrase`,
/// `IngestPhrase`, `SheetPhrase`, `SavPhrase`, the CLI's `Said`) or an error a user reads.
/// Each catalogue writes its Swedish and its English as an exhaustive switch of its own;
/// `text(_:)` is the one way to say it in a run's language.
public protocol Localized {
  var swedish: String { get }
  var english: String { get }
}

extension Localized {
  /// The message in `language`.
  public func text(_ language: Language) -> String {
    switch language {
    case .sv: swedish
    case .en: english
    }
  }
}
