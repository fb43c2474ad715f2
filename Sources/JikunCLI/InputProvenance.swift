import Foundation
import JikunBuildInfo
import JikunPolicy
import JikunSimulation

/// Where the outputs of a command on input files came from (`adjudicate`, `settle`, `premium`,
/// `sample-data`): the build, the edition, each input file's SHA-256, the files written and the
/// command line. It goes to `NAME.provenance.json` beside a CSV (`ProvenanceSidecar.path`), or
/// `provenance.json` in an output folder, so the CSV itself stays plain.
struct InputProvenance: Codable, Equatable {
    struct Input: Codable, Equatable {
        /// The option that named the file (`--roster`, `--edition`, …).
        var option: String
        var path: String
        /// `sha256:` and the SHA-256 of the file's bytes (`sha256sum FILE` shows the same digits).
        var sha256: String
    }

    var version: String
    var commit: String
    /// The policy edition's `[edition] name`.
    var edition: String
    var inputs: [Input]
    var outputs: [String]
    /// The generator's seed, for outputs drawn at random (`sample-data`).
    var seed: UInt64?
    var command: [String]

    /// Hashes each named input (a nil path is an option not given).
    init(edition: Edition, inputs: [(option: String, path: String?)], outputs: [String], seed: UInt64? = nil) throws {
        version = BuildInfo.version
        commit = BuildInfo.commit
        self.edition = edition.name
        self.inputs = try inputs.compactMap { option, path in
            try path.map { try Input(option: option, path: $0, sha256: "sha256:" + SHA256.hex(InputFile.bytes($0))) }
        }
        self.outputs = outputs
        self.seed = seed
        command = CommandLine.arguments
    }

    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try OutputFile.write(encoder.encode(self), to: path)
    }
}

extension EditionOptions {
    /// The edition file that `load()` reads: --edition, else the shipped default.
    func resolvedPath() throws -> String {
        try edition ?? ScenarioLocator.defaultEditionPath()
    }
}
