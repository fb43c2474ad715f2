// swift-tools-version: 6.1
// libFuzzer harnesses for jikun's input readers, kept in their own package so that the main
// build never compiles them with the fuzzer's instrumentation. Build and run them with
// `scripts/fuzz.sh [seconds]` from the repository root (see docs/fuzzing.md).
import PackageDescription

/// One executable per input reader. Each has its own `main`, which hands libFuzzer's driver
/// (`LLVMFuzzerRunDriver`) the reader's driver: SwiftPM renames an executable's entry point,
/// so libFuzzer's own `main` (`-sanitize=fuzzer`) cannot take its place. scripts/fuzz.sh
/// instruments the code with `-sanitize=address -sanitize-coverage=…` and links libFuzzer's
/// `fuzzer_no_main` runtime.
let harnesses = ["csv", "roster", "claims", "edition", "scenario", "settlement"]

let package = Package(
    name: "JikunFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "jikun", path: ".."),
    ],
    targets: [
        /// Calls `LLVMFuzzerRunDriver`, which Swift cannot declare with a C calling convention.
        .target(name: "FuzzShim"),
        /// The drivers: each feeds bytes to a reader and checks what it returns.
        .target(
            name: "FuzzDrivers",
            dependencies: [
                .product(name: "JikunPolicy", package: "jikun"),
                .product(name: "JikunSimulation", package: "jikun"),
                .product(name: "JikunTables", package: "jikun"),
            ]
        ),
    ] + harnesses.map { name in
        .executableTarget(name: "fuzz-\(name)", dependencies: ["FuzzDrivers", "FuzzShim"], path: "Sources/Harnesses/\(name)")
    }
)
