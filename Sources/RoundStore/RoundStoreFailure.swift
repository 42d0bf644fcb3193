import SourceDiagnostics

extension RoundStore {
  /// Why the store refused or failed: a kind with what it needs to be said, in Swedish and
  /// English (`Localized`); `description` is the English. Each message starts with the
  /// store's path and says what would fix it.
  public struct Failure: Error, CustomStringConvertible, Localized {
    public enum Kind: Sendable, Equatable {
      /// A value of a row is not one kartlagg writes there (another program changed it).
      case damaged(Damage)
      /// The schema is not one that kartlagg's migrations made: objects it did not make
      /// (a trigger, a view, a table, an index, a column), or of its own that are gone.
      case foreign([SchemaDifference])
      /// An empty file (0 bytes), or an SQLite database with nothing in it, as a store to open.
      case empty
      /// A symbolic link where the store is to be made.
      case symbolicLink
      /// Something is where the store is to be made.
      case exists
      /// The store's file could not be made (the system's reason).
      case cannotCreate(reason: String)
      /// No file where the store is to be opened.
      case missing
      /// SQLite could not open the file as a database (its reason).
      case unopenable(reason: String)
      /// An SQLite database of other tables.
      case notAStore
      /// A store of a later format than this kartlagg reads.
      case newer(format: Int64)
      /// A round's name that `RoundStore.problem(roundName:)` refuses.
      case badRoundName(String, NameProblem)
      /// A round imported with a definition whose figures differ.
      case otherDefinition(round: String)
      /// The round's stored tallies do not make figures of the definition it is imported with.
      case figuresDoNotFit(round: String)
      /// An import's transaction failed (SQLite's reason); nothing of it was stored.
      case notStored(reason: String)
      /// A publication's transaction failed (SQLite's reason); nothing of it was recorded.
      case publicationNotRecorded(reason: String)
      /// A publication of a round the store does not hold.
      case noRound(String)
      /// Reading or changing the store failed (SQLite's reason); nothing was changed.
      case database(reason: String)
    }

    public var kind: Kind
    /// The store's path, for the words.
    public var path: String

    public init(_ kind: Kind, path: String) {
      self.kind = kind
      self.path = path
    }

    public var description: String { english }

    public var english: String {
      switch kind {
      case .damaged(let damage):
        return
          "\(path): the store is damaged: table \(damage.table), row \(damage.row), column \(damage.column) \(damage.flaw.english); kartlagg did not write that, and changed nothing: restore the store from a backup, or import the rounds again into a new store"
      case .foreign(let differences):
        return
          "\(path): the store's schema is not one that kartlagg made (\(differences.map(\.english).joined(separator: "; "))); it is left untouched: restore the store from a backup, or remove what another program added"
      case .empty:
        return "\(path) is empty, not a store; give the path of a store that `kartlagg init` made, or remove the file"
      case .symbolicLink:
        return
          "\(path) is a symbolic link; kartlagg makes the store itself and follows no link there: remove the link, or choose another directory"
      case .exists:
        return "\(path) exists already; a workspace has one store"
      case .cannotCreate(let reason):
        return "\(path): cannot make the store: \(reason)"
      case .missing:
        return "\(path): no store here; create one with `kartlagg init`"
      case .unopenable(let reason):
        return "\(path) cannot be opened as a store: \(reason)"
      case .notAStore:
        return "\(path) is an SQLite file, but not a kartlagg store"
      case .newer(let format):
        return
          "\(path) was written by a newer kartlagg (store format \(format), this one reads \(RoundStore.format)); update kartlagg"
      case .badRoundName(let round, let problem):
        return
          "the round name '\(round)' will not do (\(problem.english)); give a name without control characters"
      case .otherDefinition(let round):
        return
          "round \(round) was imported with another survey definition; import into a new round, or delete this one first (`kartlagg delete --round \(round)`)"
      case .figuresDoNotFit(let round):
        return "a stored tally of round \(round) does not fit its definition"
      case .notStored(let reason):
        return "\(path): the import was not stored: \(reason)"
      case .publicationNotRecorded(let reason):
        return "\(path): the publication was not recorded: \(reason)"
      case .noRound(let round):
        return "\(path): no round \(round)"
      case .database(let reason):
        return "\(path): \(reason)"
      }
    }

    public var swedish: String {
      switch kind {
      case .damaged(let d):
        return
          "\(path): lagret är skadat: tabellen \(d.table), rad \(d.row), kolumnen \(d.column) \(d.flaw.swedish); kartlagg skrev inte det och har inte ändrat något: återställ lagret från en säkerhetskopia, eller importera omgångarna igen till ett nytt lager"
      case .foreign(let differences):
        return
          "\(path): lagrets schema är inte ett som kartlagg gjort (\(differences.map(\.swedish).joined(separator: "; "))); det lämnas orört: återställ lagret från en säkerhetskopia, eller ta bort det ett annat program lagt till"
      case .empty:
        return
          "\(path) är tom, inget lager; ange sökvägen till ett lager som `kartlagg init` gjort, eller ta bort filen"
      case .symbolicLink:
        return
          "\(path) är en symbolisk länk; kartlagg gör lagret själv och följer ingen länk dit: ta bort länken, eller välj en annan mapp"
      case .exists:
        return "\(path) finns redan; en arbetsmapp har ett lager"
      case .cannotCreate(let reason):
        return "\(path): lagret kan inte skapas: \(reason)"
      case .missing:
        return "\(path): inget lager här; skapa ett med `kartlagg init`"
      case .unopenable(let reason):
        return "\(path) kan inte öppnas som lager: \(reason)"
      case .notAStore:
        return "\(path) är en SQLite-fil, men inget kartlagg-lager"
      case .newer(let format):
        return
          "\(path) skrevs av en nyare kartlagg (lagerformat \(format), den här läser \(RoundStore.format)); uppdatera kartlagg"
      case .badRoundName(let round, let problem):
        return
          "omgångsnamnet '\(round)' duger inte (\(problem.swedish)); ge ett namn utan styrtecken"
      case .otherDefinition(let round):
        return
          "omgång \(round) importerades med en annan enkätdefinition; importera till en ny omgång, eller ta först bort den här (`kartlagg delete --round \(round)`)"
      case .figuresDoNotFit(let round):
        return "en sparad sammanräkning av omgång \(round) passar inte dess definition"
      case .notStored(let reason):
        return "\(path): importen sparades inte: \(reason)"
      case .publicationNotRecorded(let reason):
        return "\(path): publiceringen registrerades inte: \(reason)"
      case .noRound(let round):
        return "\(path): ingen omgång \(round)"
      case .database(let reason):
        return "\(path): \(reason)"
      }
    }
  }

  /// Where a store's value is not what kartlagg wrote: the table, the row (its `id`, or
  /// its rowid), the column and what is wrong.
  public struct Damage: Sendable, Equatable {
    public var table: String
    public var row: Int64
    public var column: String
    public var flaw: Flaw

    public init(table: String, row: Int64, column: String, flaw: Flaw) {
      self.table = table
      self.row = row
      self.column = column
      self.flaw = flaw
    }

    public enum Flaw: Sendable, Equatable, Localized {
      case notText
      case notInteger
      case notBytes
      /// An integer outside the range kartlagg writes.
      case outOfRange(ClosedRange<Int64>)
      /// Not JSON of counts by reason (`{"unknown_municipality":1}`).
      case notCountsByReason
      /// Not JSON of counts by name (`{"county":337}`).
      case notCountsByName
      /// Not a JSON list of counts (`[3,0,5]`).
      case notCountList
      /// Not comma-separated line numbers (`1,2,3`).
      case notLineNumbers
      /// Not JSON of invited counts by municipality code (`{"0880":{"total":120}}`).
      case notInvitedCounts
      /// A count, or a list's total, is not what the row's other counts make it
      /// (`read = accepted + rejected`, rejected by reason, accepted per municipality).
      case doesNotAddUp(expected: Int)
      /// A list of counts per place whose length is not the round's places'.
      case notItsLength(expected: Int)
      /// The table has other than one row.
      case rows(Int)
      /// The store format is not the one of its migrations.
      case notItsFormat(Int)

      public var english: String {
        switch self {
        case .notText: return "is not text"
        case .notInteger: return "is not an integer"
        case .notBytes: return "is not bytes (a BLOB)"
        case .outOfRange(let range): return "is outside \(range.lowerBound)…\(range.upperBound)"
        case .notCountsByReason: return "is not JSON of counts by reason"
        case .notCountsByName: return "is not JSON of counts by name"
        case .notCountList: return "is not a JSON list of counts"
        case .notLineNumbers: return "is not comma-separated line numbers"
        case .notInvitedCounts: return "is not JSON of invited counts by municipality code"
        case .doesNotAddUp(let expected): return "does not add up: the row's other counts make it \(expected)"
        case .notItsLength(let expected):
          return "does not have \(expected) entries, one per place of the round's definition and the county-wide"
        case .rows(let n): return "is in \(n) rows; kartlagg writes one"
        case .notItsFormat(let format): return "is not \(format), the format of the store's migrations"
        }
      }

      public var swedish: String {
        switch self {
        case .notText: return "är inte text"
        case .notInteger: return "är inte ett heltal"
        case .notBytes: return "är inte bytes (en BLOB)"
        case .outOfRange(let range): return "ligger utanför \(range.lowerBound)…\(range.upperBound)"
        case .notCountsByReason: return "är inte JSON med antal per orsak"
        case .notCountsByName: return "är inte JSON med antal per namn"
        case .notCountList: return "är inte en JSON-lista med antal"
        case .notLineNumbers: return "är inte kommaseparerade radnummer"
        case .notInvitedCounts: return "är inte JSON med antal inbjudna per kommunkod"
        case .doesNotAddUp(let expected): return "går inte ihop: radens andra antal ger \(expected)"
        case .notItsLength(let expected):
          return "har inte \(expected) poster, en per plats i omgångens definition och länsövergripande"
        case .rows(let n): return "finns på \(n) rader; kartlagg skriver en"
        case .notItsFormat(let format): return "är inte \(format), formatet för lagrets migreringar"
        }
      }
    }
  }

  /// How a store's schema differs from the one kartlagg's migrations made: an object
  /// (`table`, `index`, `view`, `trigger`) it did not make, one of its own that is missing,
  /// or one whose SQL is not what kartlagg wrote; or migrations this kartlagg does not know.
  public struct SchemaDifference: Sendable, Equatable, Localized {
    public enum Kind: Sendable, Equatable { case extra, missing, changed, unknownMigrations }
    public var kind: Kind
    public var type: String
    public var name: String
    public var table: String

    public init(kind: Kind, type: String, name: String, table: String) {
      self.kind = kind
      self.type = type
      self.name = name
      self.table = table
    }

    public var english: String {
      switch kind {
      case .extra: return "\(type) \(name)\(name == table ? "" : " on \(table)") was not made by kartlagg"
      case .missing: return "\(type) \(name) is missing"
      case .changed: return "\(type) \(name) is not as kartlagg made it"
      case .unknownMigrations: return "its migrations \(name) are not this kartlagg's"
      }
    }

    public var swedish: String {
      switch kind {
      case .extra: return "\(type) \(name)\(name == table ? "" : " på \(table)") gjordes inte av kartlagg"
      case .missing: return "\(type) \(name) saknas"
      case .changed: return "\(type) \(name) är inte som kartlagg gjorde den"
      case .unknownMigrations: return "dess migreringar \(name) är inte den här kartlaggs"
      }
    }
  }
}

extension RoundStore.NameProblem: Localized {
  public var english: String {
    switch self {
    case .empty: return "it is blank"
    case .control(let scalar): return "it holds the control character U+\(Self.hex(scalar))"
    case .direction(let scalar): return "it holds the direction mark U+\(Self.hex(scalar))"
    }
  }

  public var swedish: String {
    switch self {
    case .empty: return "det är tomt"
    case .control(let scalar): return "det innehåller styrtecknet U+\(Self.hex(scalar))"
    case .direction(let scalar): return "det innehåller riktningstecknet U+\(Self.hex(scalar))"
    }
  }

  private static func hex(_ scalar: Unicode.Scalar) -> String {
    let digits = String(scalar.value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
