// swift-tools-version:6.0
import Foundation
import PackageDescription

// The targets by layer, each layer depending only on those above it (docs/ARCHITECTURE.md):
// the C modules, the core (CSV, the survey model, diagnostics), the readers, the analysis,
// the reporting, the store, the commands, then the tools and the tests.

var targets: [Target] = []

// MARK: - C modules
//
// Debian's packages, each installed by `make deps` (the `providers` name them for SwiftPM's
// hint), and Ingest's hot loop in C.
targets += [
  // Debian's libcsv-dev has no pkg-config file; the module map links "csv" directly.
  .systemLibrary(name: "CLibCSV", path: "Sources/CLibCSV", providers: [.apt(["libcsv-dev"])]),
  // Debian's libexpat1-dev: the streaming XML parser of the spreadsheet reader.
  .systemLibrary(name: "CExpat", path: "Sources/CExpat", providers: [.apt(["libexpat1-dev"])]),
  // Debian's libreadstat-dev: SPSS .sav and .zsav files.
  .systemLibrary(name: "CReadStat", path: "Sources/CReadStat", providers: [.apt(["libreadstat-dev"])]),
  // Debian's libxlsxwriter-dev: the Excel workbook of the summaries.
  .systemLibrary(name: "CXlsxWriter", path: "Sources/CXlsxWriter", providers: [.apt(["libxlsxwriter-dev"])]),
  // Debian's libssl-dev: OpenSSL's libcrypto, for SHA-256.
  .systemLibrary(name: "CLibCrypto", path: "Sources/CLibCrypto", providers: [.apt(["libssl-dev"])]),
  // libcsv's field and row-end callbacks, in C (see its header).
  .target(name: "CLibCSVCallbacks", dependencies: ["CLibCSV"]),
  // Ingest's answer-scanning loop, in C (see its header).
  .target(name: "CIngestScan"),
]

// MARK: - Core
targets += [
  // The compiler-style message every stage prints about its input.
  .target(name: "SourceDiagnostics"),
  .target(name: "LibCSV", dependencies: ["CLibCSV", "CLibCSVCallbacks", "SourceDiagnostics"]),
  .target(
    name: "SurveyModel",
    dependencies: ["SourceDiagnostics", "CLibCrypto", .product(name: "Yams", package: "Yams")]),
  // The one seeded generator, shared by the benchmark, the example generator and tests.
  .target(name: "SeededRandom"),
  // Named points where a test may kill a run (KARTLAGG_TEST_STOP_AT; see its one file).
  .target(name: "TestStops"),
]

// MARK: - Readers
targets += [
  // .xlsx workbooks and SPSS files read as CSV streams (ZIPFoundation for the archive,
  // expat for the XML, ReadStat for .sav and .zsav).
  .target(
    name: "Spreadsheet",
    dependencies: [
      "LibCSV", "SourceDiagnostics", "CExpat", "CReadStat",
      .product(name: "ZIPFoundation", package: "ZIPFoundation"),
    ]),
  .target(name: "Ingest", dependencies: ["LibCSV", "SurveyModel", "SourceDiagnostics", "CIngestScan", "Spreadsheet"]),
]

// MARK: - Analysis
targets += [
  // Ingest only for `ResponseConsumer`: a `Tally` receives the responses Ingest reads.
  .target(name: "GapAnalysis", dependencies: ["SurveyModel", "Ingest", "SourceDiagnostics"])
]

// MARK: - Reporting
targets += [
  // Documents made from a survey definition (the export template, the codebook) and
  // from a run's results (the CSV summaries and the HTML reports).
  .target(
    name: "Reporting",
    dependencies: ["SurveyModel", "LibCSV", "GapAnalysis", "Ingest", "SourceDiagnostics", "CXlsxWriter"],
    // The map's geometry (Tools/project-geo, `make geo`) compiled in like the style sheet.
    exclude: ["Resources/kommuner-SOURCES.md"],
    resources: [.embedInCode("Resources/report.css"), .embedInCode("Resources/kommuner.txt")])
]

// MARK: - Store
targets += [
  // The store of survey rounds: one SQLite file through GRDB (docs/store.md).
  .target(
    name: "RoundStore",
    dependencies: [.product(name: "GRDB", package: "GRDB.swift"), "CLibCrypto", "SourceDiagnostics", "TestStops"])
]

// MARK: - The run
targets += [
  // The run as a library, with no printing and no terminal: requests in, typed results out
  // (validate, import, report, the store's rounds, the documents). The command line and
  // the web service call it.
  .target(
    name: "KartlaggRun",
    dependencies: [
      "SurveyModel", "LibCSV", "Ingest", "GapAnalysis", "Reporting", "SourceDiagnostics", "RoundStore", "TestStops",
    ])
]

// MARK: - Commands
targets += [
  // Every subcommand as a library call; the executable only parses arguments and prints.
  .target(
    name: "KartlaggCLI",
    dependencies: [
      "KartlaggRun", "SurveyModel", "LibCSV", "Ingest", "GapAnalysis", "Reporting", "SourceDiagnostics", "RoundStore",
    ],
    resources: [.copy("Resources/kalmar-primarvard.yaml")]),
  .executableTarget(
    name: "kartlagg",
    dependencies: [
      "KartlaggCLI", "KartlaggRun", "LibCSV", "SourceDiagnostics", "SurveyModel",
      .product(name: "ArgumentParser", package: "swift-argument-parser"),
    ]),
]

// MARK: - Server
//
// kartlagg-server (docs/server.md): the county's collection point on Hummingbird 2. Its own
// library and executable, so that `swift build --product kartlagg` (and `make report`)
// builds no web framework. `KARTLAGG_WITHOUT_SERVER=1` leaves the server, its tests and its
// packages out of the package altogether: `make test-thread` builds everything again under
// Thread Sanitizer, and SwiftNIO and Hummingbird would take most of that build (the
// server's own concurrency is Hummingbird's, and its tests run in `make test`).
let withServer = ProcessInfo.processInfo.environment["KARTLAGG_WITHOUT_SERVER"] == nil
if withServer {
  targets += [
    .target(
      name: "KartlaggServer",
      dependencies: [
        "KartlaggRun", "RoundStore", "Reporting", "Ingest", "SurveyModel", "SourceDiagnostics", "LibCSV",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        // zlib's gzip for the published pages a browser reads (ReadCaches.swift).
        .product(name: "CompressNIO", package: "compress-nio"),
        // A browser's file upload is multipart/form-data; its streaming parser.
        .product(name: "MultipartKit", package: "multipart-kit"),
      ]),
    .executableTarget(
      name: "kartlagg-server",
      dependencies: [
        "KartlaggServer", "KartlaggRun", "RoundStore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
  ]
}

// MARK: - Tools
targets += [
  .executableTarget(
    name: "kartlagg-bench",
    dependencies: [
      "LibCSV", "SurveyModel", "Ingest", "GapAnalysis", "Reporting", "KartlaggCLI", "KartlaggRun", "SeededRandom",
    ],
    path: "Benchmarks/Sources/kartlagg-bench"),
  // Writes Surveys/examples/ (`make examples`).
  .executableTarget(
    name: "kartlagg-examples",
    dependencies: ["LibCSV", "SurveyModel", "SeededRandom"],
    path: "Tools/kartlagg-examples"),
]

// MARK: - Tests
//
// Two support targets the test targets share (not test targets, for others depend on
// them): TestSupport (the repository's root, processes, the built binary, golden files),
// re-exported by one file of each test target, and TestSurveys (small survey definitions).
targets += [
  .target(name: "TestSupport", path: "Tests/TestSupport"),
  .target(name: "TestSurveys", path: "Tests/TestSurveys"),
  .testTarget(
    name: "LibCSVTests",
    dependencies: ["LibCSV", "SeededRandom", "TestSupport"],
    resources: [.copy("Fixtures")]),
  .testTarget(
    name: "SurveyModelTests",
    dependencies: ["SurveyModel", "TestSupport", "CLibCrypto", .product(name: "Yams", package: "Yams")],
    exclude: ["compare_yaml.py"],
    resources: [.copy("Fixtures")]),
  .testTarget(
    name: "IngestTests",
    dependencies: [
      "Ingest", "LibCSV", "SurveyModel", "SeededRandom", "TestSurveys", "TestSupport", "Spreadsheet",
      "SourceDiagnostics",
    ],
    resources: [.copy("Fixtures")]),
  .testTarget(
    name: "GapAnalysisTests",
    dependencies: ["GapAnalysis", "SurveyModel", "Ingest", "SeededRandom", "TestSurveys", "TestSupport"],
    exclude: ["reference.py"]),
  .testTarget(
    name: "ReportingTests",
    dependencies: ["Reporting", "GapAnalysis", "Ingest", "SurveyModel", "LibCSV", "TestSurveys", "TestSupport"],
    exclude: ["check_html.py", "check_layout.py", "check_a11y.py", "check_print.py", "check_xlsx.py", "fill_template.py"],
    // Fixtures/golden is read from the source tree (TestSupport's `Golden`).
    resources: [.copy("Fixtures")]),
  .testTarget(
    name: "KartlaggCLITests",
    dependencies: [
      "KartlaggCLI", "KartlaggRun", "kartlagg", "LibCSV", "SeededRandom", "RoundStore", "SourceDiagnostics", "SurveyModel", "TestSurveys",
      "TestSupport",
    ],
    // Read from the repository by path, like the examples they are computed from.
    exclude: ["rounds_reference.py", "mellanrum_reference.py", "Fixtures"]),
]

if withServer {
  targets.append(
    .testTarget(
      name: "KartlaggServerTests",
      dependencies: [
        // kartlagg-server: built for the test that kills it in an import.
        "KartlaggServer", "kartlagg-server", "KartlaggCLI", "RoundStore", "TestSupport", "TestSurveys",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        // openapi.yaml read back, to compare with the routes.
        .product(name: "Yams", package: "Yams"),
      ],
      // The browser scenarios, run by `make check-server`; schemathesis by `make check-api`.
      exclude: ["browser_check.py", "api_check.py"]))
}

let package = Package(
  name: "kartlagg",
  platforms: [.macOS(.v15)],
  products: [
    .library(name: "LibCSV", targets: ["LibCSV"]),
    .library(name: "SurveyModel", targets: ["SurveyModel"]),
    .library(name: "Ingest", targets: ["Ingest"]),
    .library(name: "GapAnalysis", targets: ["GapAnalysis"]),
    .library(name: "KartlaggRun", targets: ["KartlaggRun"]),
    .executable(name: "kartlagg", targets: ["kartlagg"]),
  ] + (withServer ? [.executable(name: "kartlagg-server", targets: ["kartlagg-server"])] : []),
  dependencies: [
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  ]
    + (withServer
      ? [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
      ] : []),
  targets: targets,
  swiftLanguageModes: [.v6]
)
