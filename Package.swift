// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "kartlagg",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "LibCSV", targets: ["LibCSV"]),
    .library(name: "SurveyModel", targets: ["SurveyModel"]),
  ],
  dependencies: [
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // Debian's libcsv-dev has no pkg-config file; the module map links "csv" directly.
    .systemLibrary(
      name: "CLibCSV",
      path: "Sources/CLibCSV",
      providers: [.apt(["libcsv-dev"])]
    ),
    .target(name: "LibCSV", dependencies: ["CLibCSV"]),
    .target(name: "SurveyModel", dependencies: [.product(name: "Yams", package: "Yams")]),
    // Documents made from a survey definition (the export template, the codebook); the
    // reports join this target with the reporting issue.
    .target(name: "Reporting", dependencies: ["SurveyModel", "LibCSV"]),
    .executableTarget(
      name: "kartlagg-bench",
      dependencies: ["LibCSV"],
      path: "Benchmarks/Sources/kartlagg-bench"
    ),
    .testTarget(
      name: "LibCSVTests",
      dependencies: ["LibCSV"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "SurveyModelTests",
      dependencies: ["SurveyModel", "Reporting", "LibCSV"],
      resources: [.copy("Fixtures")]
    ),
  ],
  swiftLanguageModes: [.v6]
)
