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
        .library(name: "JikunOutputs", targets: ["JikunOutputs"]),
        .library(name: "JikunTables", targets: ["JikunTables"]),
        .library(name: "JikunLinearAlgebra", targets: ["JikunLinearAlgebra"]),
        .library(name: "JikunCalibration", targets: ["JikunCalibration"]),
        .library(name: "JikunReserving", targets: ["JikunReserving"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // MARK: - Public modules

        /// The programme's exact rules: money in fen, the policy edition, roster, adjudication,
        /// premium and the risk-sharing settlement. Pure Swift: no C, no Dispatch.
        .target(
            name: "JikunPolicy",
            dependencies: ["JikunTables", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        /// Plain-text tables and CSV writing, the output primitives every module's files use.
        /// Pure Swift, no dependencies (so the policy module can write CSV without the reports).
        .target(name: "JikunTables"),
        /// Seeded random streams and exact samplers.
        .target(name: "JikunSampling"),
        /// Scenarios, population cells and the Monte Carlo engine.
        .target(
            name: "JikunSimulation",
            dependencies: ["JikunPolicy", "JikunSampling", "JikunLinearAlgebra", "JikunBuildInfo", "JikunTables"]
        ),
        /// The users' questions: budget, bid pricing, compare, sweep, sensitivity.
        .target(
            name: "JikunAnalysis",
            dependencies: ["JikunPolicy", "JikunSampling", "JikunSimulation", "JikunLinearAlgebra", "JikunTables"]
        ),
        /// Fitting the scenario to a roster and claims history: exposure, frequencies with exact
        /// intervals, severities by maximum likelihood, Bühlmann–Straub unit multipliers.
        .target(
            name: "JikunCalibration",
            dependencies: ["JikunPolicy", "JikunSampling", "JikunSimulation", "JikunTables"]
        ),
        /// Run-off triangles: chain ladder, Mack, Bornhuetter–Ferguson, Cape Cod, ODP bootstrap.
        .target(name: "JikunReserving", dependencies: ["JikunPolicy", "JikunSampling"]),
        /// Report documents rendered as self-contained HTML with inline SVG charts, or Markdown;
        /// spreadsheet workbooks written as .xlsx.
        .target(name: "JikunReports", dependencies: ["_CXLSXWriter"]),
        /// Every command's output built from typed results: its text, its report document (HTML,
        /// Markdown) and its workbook (.xlsx). Kept apart from JikunReports, which renders and
        /// knows no domain type.
        .target(
            name: "JikunOutputs",
            dependencies: ["JikunPolicy", "JikunSampling", "JikunSimulation", "JikunAnalysis", "JikunCalibration",
                           "JikunReserving", "JikunReports", "JikunTables", "JikunBuildInfo"]
        ),
        /// The command tree (kept in a library so tests can drive it in-process).
        .target(
            name: "JikunCLI",
            dependencies: [
                "JikunPolicy", "JikunSimulation", "JikunAnalysis", "JikunReports", "JikunCalibration", "JikunReserving", "JikunBuildInfo", "JikunTables",
                "JikunOutputs",
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
        /// libxlsxwriter's `xlsxwriter.h`; only JikunReports' XLSXWriter.swift imports it.
        .systemLibrary(name: "_CXLSXWriter", providers: [.apt(["libxlsxwriter-dev"])]),
        /// A small Swift API over BLAS/LAPACK (matrix product, cross product, Cholesky factor, least squares).
        .target(name: "JikunLinearAlgebra", dependencies: ["_CBLAS"]),
        /// The version and commit of this build, stamped from git by the VersionStamp plugin.
        .target(name: "JikunBuildInfo", plugins: ["VersionStamp"]),
        .plugin(name: "VersionStamp", capability: .buildTool()),

        // MARK: - Tests

        // yaslab/CSV.swift is the reference our own CSV reader is checked against.
        .testTarget(
            name: "JikunPolicyTests",
            dependencies: ["JikunPolicy", "JikunTables", .product(name: "CSV", package: "CSV.swift")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "JikunSamplingTests", dependencies: ["JikunSampling"]),
        .testTarget(name: "JikunLinearAlgebraTests", dependencies: ["JikunLinearAlgebra"]),
        .testTarget(name: "JikunSimulationTests", dependencies: ["JikunSimulation"]),
        .testTarget(name: "JikunAnalysisTests", dependencies: ["JikunAnalysis"]),
        .testTarget(name: "JikunReportsTests", dependencies: ["JikunReports"]),
        .testTarget(name: "JikunCalibrationTests", dependencies: ["JikunCalibration"]),
        .testTarget(name: "JikunReservingTests", dependencies: ["JikunReserving", "JikunPolicy"]),
        // weichsel/ZIPFoundation opens the .xlsx workbooks (zip archives) the tests read back.
        .testTarget(
            name: "JikunCLITests",
            dependencies: ["JikunCLI", "JikunReports", "jikun", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
    ]
)
