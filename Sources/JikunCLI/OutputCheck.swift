import Foundation
import JikunPolicy
import JikunReports

/// What a command will write, checked before it reads or simulates anything: no output may be
/// one of its inputs, each output's folder must take a new file, and a report must name a
/// format. A long run then cannot end in a lost result.
struct OutputCheck {
    var inputs: [(option: String, path: String)] = []
    var outputs: [(option: String, path: String)] = []

    mutating func input(_ option: String, _ path: String?) {
        if let path { inputs.append((option, path)) }
    }

    mutating func output(_ option: String, _ path: String?) {
        if let path { outputs.append((option, path)) }
    }

    /// The files a command writes into the folder of `--out DIR`.
    mutating func outputFolder(_ option: String, _ folder: String?, files: [String]) {
        guard let folder else { return }
        for file in files { outputs.append((option, folder + "/" + file)) }
    }

    func check() throws {
        // A workbook is a report format too (the commands that cannot write one refuse it themselves).
        for (option, path) in outputs where option == "--report" && ReportFormat(path: path) == nil
            && !path.lowercased().hasSuffix(".xlsx") {
            throw ReportError.unsupportedExtension(path: path)
        }
        // A scenario or edition stands on the files it extends: they are inputs too.
        var chains: [(option: String, path: String)] = []
        for input in inputs {
            let isConfig = input.path.lowercased().hasSuffix(".toml") || input.option == "scenario" || input.option == "--edition"
            guard isConfig else { chains.append(input); continue }
            for file in ConfigFile.extendsChain(input.path) {
                chains.append((option: file == input.path ? input.option : input.option + "'s base", path: file))
                if let cells = Self.cellsFile(setBy: file) { chains.append((option: input.option + "'s population.cells_file", path: cells)) }
            }
        }
        try OutputFile.refuseOverwriting(inputs: chains, outputs: outputs)
        for (_, path) in outputs { try OutputFile.checkWritable(path) }
    }

    /// The cells file a scenario file names (`[population] cells_file`, relative to that file),
    /// as far as it can be read: loading reports whatever is wrong with it.
    static func cellsFile(setBy file: String) -> String? {
        guard let bytes = try? InputFile.bytes(file), InputFile.firstInvalidUTF8(bytes) == nil,
              let table = try? ConfigFile.parse(String(decoding: bytes, as: UTF8.self), file: file),
              case .table(let population)? = table["population"]?.value,
              case .string(let name)? = population["cells_file"]?.value else { return nil }
        return name.hasPrefix("/") ? name : URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(name).path
    }
}
