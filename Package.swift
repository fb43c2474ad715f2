// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "jikun",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "jikun", targets: ["jikun"]),
        .library(name: "JikunPolicy", targets: ["JikunPolicy"]),
        .library(name: "JikunSampling", targets: ["JikunSampling"]),
        .library(name: "JikunSimulation", targets: ["JikunSimulation"]),
        .library(name: "JikunAnalysis", targets: ["JikunAnalysis"]),
        .library(name: "JikunReports", targets: ["JikunReports"]),
        .library(name: "JikunLinearAlgebra", targets: ["JikunLinearAlgebra"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // MARK: - Public modules

        /// The programme's exact rules: money in fen, the policy edition, roster, adjudication,
        /// premium and the risk-sharing settlement. Pure Swift: no C, no Dispatch.
        .target(
            name: "JikunPolicy",
            dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]
        ),
        /// Seeded random streams and exact samplers.
        .target(name: "JikunSampling"),
        /// Scenarios, population cells and the Monte Carlo engine.
        .target(
            name: "JikunSimulation",
            dependencies: ["JikunPolicy", "JikunSampling", "JikunLinearAlgebra", "JikunBuildInfo"]
        ),
        /// The users' questions: budget, bid pricing, compare, sweep, sensitivity.
        .target(
            name: "JikunAnalysis",
            dependencies: ["JikunPolicy", "JikunSampling", "JikunSimulation", "JikunLinearAlgebra"]
        ),
        /// Report documents rendered as self-contained HTML with inline SVG charts, or Markdown.
        .target(name: "JikunReports"),
        /// The command tree (kept in a library so tests can drive it in-process).
        .target(
            name: "JikunCLI",
            dependencies: [
                "JikunPolicy", "JikunSimulation", "JikunAnalysis", "JikunReports", "JikunBuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "jikun", dependencies: ["JikunCLI"]),

        // MARK: - Implementation details

        /// The only module that sees C: OpenBLAS `cblas.h` and `lapacke.h`.
        .systemLibrary(
            name: "_CBLAS",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        /// A small Swift API over BLAS/LAPACK (matrix product, Cholesky factor).
        .target(name: "JikunLinearAlgebra", dependencies: ["_CBLAS"]),
        /// The version and commit of this build, stamped from git by the VersionStamp plugin.
        .target(name: "JikunBuildInfo", plugins: ["VersionStamp"]),
        .plugin(name: "VersionStamp", capability: .buildTool()),

        // MARK: - Tests

        // yaslab/CSV.swift is the reference our own CSV reader is checked against.
        .testTarget(
            name: "JikunPolicyTests",
            dependencies: ["JikunPolicy", .product(name: "CSV", package: "CSV.swift")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "JikunSamplingTests", dependencies: ["JikunSampling"]),
        .testTarget(name: "JikunLinearAlgebraTests", dependencies: ["JikunLinearAlgebra"]),
        .testTarget(name: "JikunSimulationTests", dependencies: ["JikunSimulation"]),
        .testTarget(name: "JikunAnalysisTests", dependencies: ["JikunAnalysis"]),
        .testTarget(name: "JikunReportsTests", dependencies: ["JikunReports"]),
        .testTarget(name: "JikunCLITests", dependencies: ["JikunCLI", "jikun"]),
    ]
)
