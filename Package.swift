// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "kartlagg",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "LibCSV", targets: ["LibCSV"]),
  ],
  targets: [
    // Debian's libcsv-dev has no pkg-config file; the module map links "csv" directly.
    .systemLibrary(
      name: "CLibCSV",
      path: "Sources/CLibCSV",
      providers: [.apt(["libcsv-dev"])]
    ),
    .target(name: "LibCSV", dependencies: ["CLibCSV"]),
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
  ],
  swiftLanguageModes: [.v6]
)
