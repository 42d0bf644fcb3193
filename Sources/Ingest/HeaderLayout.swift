/// The header of an export: which records form it, and what each column means.
struct HeaderLayout {
  /// Index (in the searched records) of the header's rows.
  var rows: Range<Int>
  /// Number of columns the header defines (a trailing empty column not counted).
  var width: Int
  /// The target of each column, nil for columns that match nothing.
  var targets: [ColumnTarget?]
  /// A readable name per column (its first non-empty header text).
  var names: [String]
  var diagnostics: [IngestDiagnostic]
  /// A finding that stops the file.
  var fatal: String?
}
