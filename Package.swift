// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "kartlagg",
  platforms: [.macOS(.v15)],
  products: [
    .library(name: "LibCSV", targets: ["LibCSV"]),
    .library(name: "SurveyModel", targets: ["SurveyModel"]),
    .library(name: "Ingest", targets: ["Ingest"]),
    .library(name: "GapAnalysis", targets: ["GapAnalysis"]),
    .executable(name: "kartlagg", targets: ["kartlagg"]),
  ],
  dependencies: [
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  ],
  targets: [
    // Debian's libcsv-dev has no pkg-config file; the module map links "csv" directly.
    .systemLibrary(
      name: "CLibCSV",
      path: "Sources/CLibCSV",
      providers: [.apt(["libcsv-dev"])]
    ),
    // Debian's libexpat1-dev: the streaming XML parser of the spreadsheet reader.
    .systemLibrary(
      name: "CExpat",
      path: "Sources/CExpat",
      providers: [.apt(["libexpat1-dev"])]
    ),
    // .xlsx workbooks and SPSS files read as CSV streams (ZIPFoundation for the archive,
    // expat for the XML, ReadStat for .sav and .zsav).
    .target(
      name: "Spreadsheet",
      dependencies: ["LibCSV", "CExpat", "CReadStat", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
    ),
    // Debian's libreadstat-dev: SPSS .sav and .zsav files.
    .systemLibrary(
      name: "CReadStat",
      path: "Sources/CReadStat",
      providers: [.apt(["libreadstat-dev"])]
    ),
    // Debian's libxlsxwriter-dev: the Excel workbook of the summaries.
    .systemLibrary(
      name: "CXlsxWriter",
      path: "Sources/CXlsxWriter",
      providers: [.apt(["libxlsxwriter-dev"])]
    ),
    // Debian's libssl-dev: OpenSSL's libcrypto, for SHA-256.
    .systemLibrary(
      name: "CLibCrypto",
      path: "Sources/CLibCrypto",
      providers: [.apt(["libssl-dev"])]
    ),
    // The store of survey rounds: one SQLite file through GRDB (docs/store.md).
    .target(
      name: "RoundStore",
      dependencies: [.product(name: "GRDB", package: "GRDB.swift"), "CLibCrypto"]
    ),
    // The compiler-style message every stage prints about its input.
    .target(name: "SourceDiagnostics"),
    .target(name: "LibCSV", dependencies: ["CLibCSV", "SourceDiagnostics"]),
    .target(
      name: "SurveyModel", dependencies: ["SourceDiagnostics", "CLibCrypto", .product(name: "Yams", package: "Yams")]),
    // Ingest's answer-scanning loop, in C (see its header).
    .target(name: "CIngestScan"),
    .target(name: "Ingest", dependencies: ["LibCSV", "SurveyModel", "SourceDiagnostics", "CIngestScan", "Spreadsheet"]),
    .target(name: "GapAnalysis", dependencies: ["SurveyModel"]),
    // Every subcommand as a library call; the executable only parses arguments and prints.
    .target(
      name: "KartlaggCLI",
      dependencies: [
        "SurveyModel", "LibCSV", "Ingest", "GapAnalysis", "Reporting", "SourceDiagnostics", "RoundStore",
      ],
      resources: [.copy("Resources/kalmar-primarvard.yaml")]
    ),
    .executableTarget(
      name: "kartlagg",
      dependencies: ["KartlaggCLI", "LibCSV", "SurveyModel", .product(name: "ArgumentParser", package: "swift-argument-parser")]
    ),
    // The one seeded generator, shared by the benchmark, the example generator and tests.
    .target(name: "SeededRandom"),
    // Documents made from a survey definition (the export template, the codebook) and
    // from a run's results (the CSV summaries and the HTML reports).
    .target(
      name: "Reporting",
      dependencies: ["SurveyModel", "LibCSV", "GapAnalysis", "Ingest", "SourceDiagnostics", "CXlsxWriter"],
      resources: [.embedInCode("Resources/report.css")]
    ),
    .executableTarget(
      name: "kartlagg-bench",
      dependencies: ["LibCSV", "SurveyModel", "Ingest", "GapAnalysis", "KartlaggCLI", "SeededRandom"],
      path: "Benchmarks/Sources/kartlagg-bench"
    ),
    // Writes Surveys/examples/ (`make examples`).
    .executableTarget(
      name: "kartlagg-examples",
      dependencies: ["LibCSV", "SurveyModel", "SeededRandom"],
      path: "Tools/kartlagg-examples"
    ),
    // The survey definitions the test targets share (not a test target: others depend on it).
    .target(name: "TestSurveys", path: "Tests/TestSurveys"),
    .testTarget(
      name: "LibCSVTests",
      dependencies: ["LibCSV", "SeededRandom"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "IngestTests",
      dependencies: ["Ingest", "LibCSV", "SurveyModel", "SeededRandom", "TestSurveys", "Spreadsheet", "SourceDiagnostics"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "GapAnalysisTests",
      dependencies: ["GapAnalysis", "SurveyModel", "Ingest", "SeededRandom", "TestSurveys"],
      exclude: ["reference.py"]
    ),
    .testTarget(
      name: "ReportingTests",
      dependencies: ["Reporting", "GapAnalysis", "Ingest", "SurveyModel", "LibCSV", "TestSurveys"],
      exclude: ["check_html.py", "check_layout.py", "check_a11y.py", "check_print.py", "check_xlsx.py"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "KartlaggCLITests",
      dependencies: ["KartlaggCLI", "kartlagg", "LibCSV", "SeededRandom", "RoundStore", "SurveyModel", "TestSurveys"],
      // Read from the repository by path, like the examples they are computed from.
      exclude: ["rounds_reference.py", "mellanrum_reference.py", "Fixtures"]
    ),
    .testTarget(
      name: "SurveyModelTests",
      dependencies: ["SurveyModel", .product(name: "Yams", package: "Yams")],
      exclude: ["compare_yaml.py"],
      resources: [.copy("Fixtures")]
    ),
  ],
  swiftLanguageModes: [.v6]
)
