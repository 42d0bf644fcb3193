extension RoundStore {
  /// What makes a round's name unusable. A name is printed on the terminal and shown in
  /// the pages of every later round's follow-up, so it holds no control character (C0,
  /// DEL, C1) and no direction mark or override (which would reorder what follows it),
  /// the same characters `Terminal.visible` shows as escapes; and it is not blank.
  public enum NameProblem: Sendable, Equatable {
    case empty
    case control(Unicode.Scalar)
    case direction(Unicode.Scalar)
  }

  /// The first problem of `name` as a round's name, or nil when it will do.
  public static func problem(roundName name: String) -> NameProblem? {
    for scalar in name.unicodeScalars {
      switch scalar.value {
      case 0x00..<0x20, 0x7F..<0xA0: return .control(scalar)
      case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return .direction(scalar)
      default: continue
      }
    }
    return name.allSatisfy(\.isWhitespace) ? .empty : nil
  }
}
