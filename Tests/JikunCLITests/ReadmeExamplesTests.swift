import Foundation
import Testing
@testable import JikunCLI

/// Every command of README.md's ```sh blocks must run as written on a fresh clone, as the
/// notebook check does for notebooks-md/. The commands run in order, in a scratch folder laid
/// out like a clone (the shipped `scenarios/` linked in), so that a later example can read what
/// an earlier one wrote (`jikun sample-data … --out example/` first).
@Suite struct ReadmeExamplesTests {
    /// One command line of a README ```sh block.
    struct Example: Equatable, CustomStringConvertible {
        /// 1-based line in README.md.
        var line: Int
        /// The words, split as a shell would, comment removed.
        var words: [String]
        var description: String { "README.md:\(line): \(words.joined(separator: " "))" }
    }

    /// The commands of every ```sh block of `text`, blank and comment-only lines left out.
    static func examples(in text: String) throws -> [Example] {
        enum Place { case prose, shell(fence: String), otherBlock(fence: String) }
        var place = Place.prose
        var result: [Example] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            switch place {
            case .prose:
                guard line.hasPrefix("```") else { continue }
                let fence = String(line.prefix { $0 == "`" })
                let info = line.dropFirst(fence.count).trimmingCharacters(in: .whitespaces)
                place = info == "sh" ? .shell(fence: fence) : .otherBlock(fence: fence)
            case .shell(let fence):
                if line == fence { place = .prose; continue }
                let words = try ShellWords.split(line)
                if !words.isEmpty { result.append(Example(line: index + 1, words: words)) }
            case .otherBlock(let fence):
                if line == fence { place = .prose }
            }
        }
        return result
    }

    static let readme: String = (try? String(contentsOf: CLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    @Test func findsTheShellBlocksWithTheirLines() throws {
        let text = """
        # Title
        ```sh
        jikun simulate --trials 5   # a comment
          # only a comment

        make run
        ```
        ```toml
        jikun = "not a command"
        ```
        ```
        jikun not-run
        ```
        ```sh
        jikun benefit disability 8,8,10 3
        ```
        """
        #expect(try Self.examples(in: text) == [
            Example(line: 3, words: ["jikun", "simulate", "--trials", "5"]),
            Example(line: 6, words: ["make", "run"]),
            Example(line: 15, words: ["jikun", "benefit", "disability", "8,8,10", "3"]),
        ])
    }

    @Test func everyLineIsAJikunCommandOrAMakeTarget() throws {
        let examples = try Self.examples(in: Self.readme)
        let makefile = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Makefile"), encoding: .utf8)
        #expect(examples.count >= 20, "README.md has only \(examples.count) sh commands")
        for example in examples {
            switch example.words.first {
            case "jikun": continue
            case "make":
                for target in example.words.dropFirst() {
                    #expect(makefile.contains("\n\(target):"), "\(example): no target \(target) in the Makefile")
                }
            default:
                Issue.record("\(example): a README sh block holds only jikun and make commands")
            }
        }
    }

    /// A shipped scenario or notebook that a help text, the README or a doc names must exist:
    /// `jikun help notebook` once named a notebook that had been renamed.
    @Test func everyShippedFileNamedInHelpAndDocsExists() throws {
        let root = CLI.packageRoot
        let fm = FileManager.default
        var texts: [(name: String, text: String)] = [("README.md", Self.readme)]
        for folder in ["Sources/JikunCLI", "Sources/JikunCLI/Notebook", "docs", "notebooks-md"] {
            for file in try fm.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path).sorted()
            where file.hasSuffix(".swift") || file.hasSuffix(".md") {
                texts.append(("\(folder)/\(file)", try CLI.read(root.appendingPathComponent("\(folder)/\(file)").path)))
            }
        }
        let pattern = try Regex(#"(?:scenarios|notebooks-md)/[A-Za-z0-9_-]+\.(?:toml|md|csv)"#)
        var named = 0
        for (name, text) in texts {
            for match in text.matches(of: pattern) {
                named += 1
                let path = String(text[match.range])
                #expect(fm.fileExists(atPath: root.appendingPathComponent(path).path), "\(name) names \(path), which is not in the repository")
            }
        }
        #expect(named > 20)
    }

    /// The `make` lines are not run here (`make test` would run this test); every `jikun` line is,
    /// with the debug build, and must exit 0 without a crash.
    @Test(.timeLimit(.minutes(30)))
    func everyExampleRunsOnAFreshClone() throws {
        let clone = CLI.temporaryDirectory()
        try FileManager.default.createSymbolicLink(at: clone.appendingPathComponent("scenarios"),
                                                   withDestinationURL: CLI.packageRoot.appendingPathComponent("scenarios"))
        let commands = try Self.examples(in: Self.readme).filter { $0.words.first == "jikun" }
        #expect(commands.contains { $0.words.starts(with: ["jikun", "sample-data"]) })
        for (i, example) in commands.enumerated() {
            FileHandle.standardError.write(Data("ReadmeExamplesTests: \(i + 1) of \(commands.count): \(example)\n".utf8))
            let result = try CLI.run(Array(example.words.dropFirst()), in: clone)
            #expect(result.exited, "\(example) crashed:\n\(result.stderr)")
            #expect(result.status == 0, "\(example) exited \(result.status):\n\(result.stdout)\n\(result.stderr)")
        }
        // What the examples say they write is there.
        for file in ["example/roster.csv", "example/claims.csv", "example/payments.csv", "results/summary.json",
                     "budget.html", "bid.html", "sweep.csv", "sensitivity.html", "settlement.csv", "premium.csv",
                     "example/insurers.csv", "budget.xlsx", "run/merged/summary.json", "example/fitted-2022.toml",
                     "example-ibnr/ibnr.csv", "example-ibnr/develop.html"] {
            #expect(FileManager.default.fileExists(atPath: clone.appendingPathComponent(file).path), "no \(file) after the README's examples")
        }
    }
}
