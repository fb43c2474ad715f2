// swift-tools-version: 6.1
// Benchmarks for jikun, kept in their own package so the main build and `swift test`
// never fetch or compile the benchmark tooling.
//
//     cd Benchmarks && swift package benchmark
import PackageDescription

let package = Package(
    name: "JikunBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "jikun", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "LinearAlgebraBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "JikunLinearAlgebra", package: "jikun"),
            ],
            path: "Benchmarks/LinearAlgebraBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
        .executableTarget(
            name: "AdjudicationBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "JikunPolicy", package: "jikun"),
            ],
            path: "Benchmarks/AdjudicationBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
        .executableTarget(
            name: "CalibrationBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "JikunCalibration", package: "jikun"),
            ],
            path: "Benchmarks/CalibrationBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
        .executableTarget(
            name: "SimulationBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "JikunPolicy", package: "jikun"),
                .product(name: "JikunSimulation", package: "jikun"),
            ],
            path: "Benchmarks/SimulationBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
    ]
)
