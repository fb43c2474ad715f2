import Foundation
import Testing
@testable import JikunCLI

/// `jikun notebook`: the Markdown format, the command-line tokenizer, output normalisation, and
/// `notebook run` / `notebook check` end to end on a notebook in a temporary repository.
@Suite struct NotebookTests {}

// MARK: - Tokenizer

extension NotebookTests {
    @Suite struct ShellWordsTests {
        @Test(arguments: [
            ("jikun simulate scenarios/test-small.toml --trials 200", ["jikun", "simulate", "scenarios/test-small.toml", "--trials", "200"]),
            ("  jikun\tbenefit   x  ", ["jikun", "benefit", "x"]),
            ("jikun x 'a b' \"c d\"", ["jikun", "x", "a b", "c d"]),
            ("jikun x a\\ b", ["jikun", "x", "a b"]),
            ("jikun x 'it'\\''s'", ["jikun", "x", "it's"]),
            ("jikun x \"say \\\"hi\\\" \\\\ \\$5 \\n\"", ["jikun", "x", "say \"hi\" \\ $5 \\n"]),
            ("jikun x '' \"\"", ["jikun", "x", "", ""]),
            ("jikun x 'a|b' \"c>d\" 'e;f' \"g && h\" '$HOME'", ["jikun", "x", "a|b", "c>d", "e;f", "g && h", "$HOME"]),
            ("jikun x a\\|b", ["jikun", "x", "a|b"]),
            ("jikun x # a comment | >", ["jikun", "x"]),
            ("jikun x a#b", ["jikun", "x", "a#b"]),
            ("jikun x results/*.csv ~/y", ["jikun", "x", "results/*.csv", "~/y"]),
            ("jikun x 'a'\"b\"c", ["jikun", "x", "abc"]),
        ])
        func splitsLikeAShell(line: String, words: [String]) throws {
            #expect(try ShellWords.split(line) == words)
        }

        @Test(arguments: [
            ("jikun simulate | head", "pipes (`|`) are not supported: a notebook runs one jikun command per `$ ` line, not a shell"),
            ("jikun simulate > out.txt", "redirection (`>`) is not supported: write files with the command's own options (e.g. --out notebooks-md/out/…)"),
            ("jikun simulate < in.txt", "redirection (`<`) is not supported: write files with the command's own options (e.g. --out notebooks-md/out/…)"),
            ("jikun simulate 2>&1", "redirection (`>`) is not supported: write files with the command's own options (e.g. --out notebooks-md/out/…)"),
            ("jikun a; jikun b", "`;` is not supported: put each command on its own `$ ` line"),
            ("jikun a && jikun b", "`&&` is not supported: put each command on its own `$ ` line"),
            ("jikun a &", "`&` is not supported: put each command on its own `$ ` line"),
            ("jikun simulate $SCENARIO", "`$` is not supported (no variables or command substitution): quote it with '…' if it is meant literally"),
            ("jikun simulate `ls`", "a backquote (`) is not supported (no variables or command substitution): quote it with '…' if it is meant literally"),
            ("jikun simulate \"$SCENARIO\"", "`$` inside double quotes is not supported (no variables or command substitution): write \\$ or use single quotes"),
            ("jikun x \"`ls`\"", "a backquote (`) inside double quotes is not supported (no variables or command substitution): write \\` or use single quotes"),
            ("jikun x (y)", "`(` is not supported: quote it with '…' if it is meant literally"),
            ("jikun x 'open", "a single quote (') is never closed"),
            ("jikun x \"open", "a double quote (\") is never closed"),
            ("jikun x \\", "the command ends with a lone backslash"),
        ])
        func refusesShellSyntax(line: String, message: String) throws {
            #expect(throws: ShellWords.Failure(message: message)) { try ShellWords.split(line) }
        }
    }
}

// MARK: - Markdown format

extension NotebookTests {
    @Suite struct NotebookDocumentTests {
        /// Lines numbered for the expectations below.
        static let notebook = """
            # Budget, small run
            Text with trailing spaces  \u{20}
            ```console
            $ jikun benefit critical-illness 20000
            $ jikun simulate 'scenarios/a b.toml' \\
                --trials 200
            ```

            ```output
            old output
            ```
            ```sh
            $ jikun premium --roster notebooks-md/out/r.csv
            ```
            ````markdown
            ```console
            $ not run: inside another block
            ```
            ````
            ```bash
            echo left alone
            ```
            ~~~
            tilde block
            ~~~
            Last line without a newline
            """

        @Test func findsBlocksWithTheirLineNumbers() throws {
            let document = try NotebookDocument(text: Self.notebook, path: "x.md")
            #expect(document.cells.count == 2)
            let first = document.cells[0], second = document.cells[1]
            #expect(first.line == 3)
            #expect(first.commands == [
                .init(line: 4, text: "jikun benefit critical-illness 20000", arguments: ["benefit", "critical-illness", "20000"]),
                .init(line: 5, text: "jikun simulate 'scenarios/a b.toml'     --trials 200",
                      arguments: ["simulate", "scenarios/a b.toml", "--trials", "200"]),
            ])
            #expect(first.output?.open == 8)            // line 9
            #expect(first.output?.close == 10)          // line 11
            #expect(first.output?.content == "old output\n")
            #expect(first.label == "the 2 commands at lines 4–5")
            #expect(second.line == 12)
            #expect(second.commands.map(\.line) == [13])
            #expect(second.output == nil)
            #expect(second.label == "`jikun premium --roster notebooks-md/out/r.csv` (line 13)")
        }

        @Test func keepsTheTextByteForByte() throws {
            for text in [Self.notebook, Self.notebook + "\n", Self.notebook.replacingOccurrences(of: "\n", with: "\r\n"), ""] {
                let document = try NotebookDocument(text: text, path: "x.md")
                #expect(Data(document.text.utf8) == Data(text.utf8))
                let outputs = document.cells.map { $0.output?.content ?? "" }
                if document.cells.allSatisfy({ $0.output != nil }) {
                    #expect(Data(document.rewritten(outputs: outputs).text.utf8) == Data(text.utf8))
                }
            }
        }

        @Test func rewritesOnlyTheOutputBlocksAndInsertsAMissingOne() throws {
            let document = try NotebookDocument(text: Self.notebook, path: "x.md")
            let (text, changes) = document.rewritten(outputs: ["new 1\n\nnew 2\n", "premium\n"])
            let expected = Self.notebook
                .replacingOccurrences(of: "```output\nold output\n```\n", with: "```output\nnew 1\n\nnew 2\n```\n")
                .replacingOccurrences(of: "$ jikun premium --roster notebooks-md/out/r.csv\n```\n",
                                      with: "$ jikun premium --roster notebooks-md/out/r.csv\n```\n```output\npremium\n```\n")
            #expect(text == expected)
            #expect(changes.map(\.line) == [9, 17])
            #expect(changes.map(\.inserted) == [false, true])
            // Everything outside output blocks is untouched: parsing the result finds the same commands.
            let again = try NotebookDocument(text: text, path: "x.md")
            #expect(again.cells.map { $0.commands.map(\.arguments) } == document.cells.map { $0.commands.map(\.arguments) })
            #expect(again.cells.map { $0.commands.map(\.line) } == [[4, 5], [15]])
            #expect(again.cells.map { $0.output?.content } == ["new 1\n\nnew 2\n", "premium\n"])
        }

        @Test func unchangedOutputsLeaveTheFileAlone() throws {
            let text = "```console\n$ jikun x\n```\n\n\n```output\nsame\n```\n"
            let document = try NotebookDocument(text: text, path: "x.md")
            let result = document.rewritten(outputs: ["same\n"])
            #expect(result.text == text)
            #expect(result.changes.isEmpty)
        }

        @Test func insertsAfterALastLineWithoutNewlineAndKeepsCRLF() throws {
            let bare = try NotebookDocument(text: "```console\n$ jikun x\n```", path: "x.md")
            #expect(bare.rewritten(outputs: ["a\n"]).text == "```console\n$ jikun x\n```\n```output\na\n```\n")
            let crlf = try NotebookDocument(text: "```console\r\n$ jikun x\r\n```\r\n```output\r\nold\r\n```\r\nend\r\n", path: "x.md")
            #expect(crlf.cells[0].output?.content == "old\n")
            #expect(crlf.rewritten(outputs: ["a\n\nb\n"]).text == "```console\r\n$ jikun x\r\n```\r\n```output\r\na\r\n\r\nb\r\n```\r\nend\r\n")
        }

        @Test func emptyOutputIsAnEmptyBlock() throws {
            let document = try NotebookDocument(text: "```console\n$ jikun x\n```\n", path: "x.md")
            #expect(document.rewritten(outputs: [""]).text == "```console\n$ jikun x\n```\n```output\n```\n")
            let again = try NotebookDocument(text: "```console\n$ jikun x\n```\n```output\n```\n", path: "x.md")
            #expect(again.cells[0].output?.content == "")
        }

        @Test func indentedBlocksKeepTheirIndentation() throws {
            let text = "  ```console\n  $ jikun x\n  ```\n  ```output\n  old\n  ```\n"
            let document = try NotebookDocument(text: text, path: "x.md")
            #expect(document.cells[0].output?.content == "old\n")
            #expect(document.rewritten(outputs: ["a\n\nb\n"]).text == "  ```console\n  $ jikun x\n  ```\n  ```output\n  a\n\n  b\n  ```\n")
        }

        @Test func outputHoldingAFenceGetsALongerFence() throws {
            let document = try NotebookDocument(text: "```console\n$ jikun x\n```\n```output\nold\n```\n", path: "x.md")
            let output = "# Report\n```text\nbody\n```\n"
            let text = document.rewritten(outputs: [output]).text
            #expect(text == "```console\n$ jikun x\n```\n````output\n# Report\n```text\nbody\n```\n````\n")
            #expect(try NotebookDocument(text: text, path: "x.md").cells[0].output?.content == output)
        }

        @Test(arguments: [
            ("```console\n$ ls -l\n```\n", 2,
             "notebooks run only `jikun …` commands, not `ls -l` (a notebook is not a general shell)"),
            ("text\n```sh\n$ ./jikun simulate\n```\n", 3,
             "notebooks run only `jikun …` commands, not `./jikun simulate` (a notebook is not a general shell)"),
            ("```console\n$ jikun simulate | tee x\n```\n", 2,
             "pipes (`|`) are not supported: a notebook runs one jikun command per `$ ` line, not a shell in `jikun simulate | tee x`"),
            ("```console\n$ jikun simulate\n\n$ jikun a && jikun b\n```\n", 4,
             "`&&` is not supported: put each command on its own `$ ` line in `jikun a && jikun b`"),
            ("```console\n$ jikun simulate\ntrial output\n```\n", 3,
             "a console block holds only commands, each on a line starting with `$ ` (got \"trial output\"); the output goes in an ```output block below it"),
            ("```console\njikun simulate\n```\n", 2,
             "a console block holds only commands, each on a line starting with `$ ` (got \"jikun simulate\"); the output goes in an ```output block below it"),
            ("```console\n$ jikun notebook check\n```\n", 2,
             "a notebook cannot run `jikun notebook` (it would run notebooks from inside a notebook)"),
            ("```console\n$ jikun simulate \\\n```\n", 2,
             "the command ends with a continuation `\\` but the console block ends"),
            ("intro\n```console\n\n```\n", 2, "the console block has no `$ jikun …` command"),
            ("intro\n\n```console\n$ jikun x\n", 3, "the console block is never closed"),
            ("```console\n$ jikun x\n```\n```output\nx\n", 4, "the output block is never closed"),
            ("```console\n$ jikun x\n```\nprose\n```output\nx\n```\n", 5,
             "an output block must come right after a console block (only blank lines between)"),
        ])
        func refusesWhatIsNotANotebookNamingTheLine(text: String, line: Int, message: String) throws {
            #expect(throws: NotebookError.syntax(path: "notebooks-md/x.md", line: line, message: message)) {
                try NotebookDocument(text: text, path: "notebooks-md/x.md")
            }
            let error = NotebookError.syntax(path: "notebooks-md/x.md", line: line, message: message)
            #expect(error.description == "notebooks-md/x.md:\(line): \(message)")
        }
    }
}

// MARK: - Output normalisation

extension NotebookTests {
    @Suite struct NotebookOutputTests {
        @Test(arguments: [
            ("a  \nb\t\n\n\n", "a\nb\n"),
            ("", ""),
            ("\n\n  \n", ""),
            ("x", "x\n"),
            ("\n\nx \n", "\n\nx\n"),
            ("  indented  kept\n", "  indented  kept\n"),
            ("a\r\nb \r\n", "a\nb\n"),
        ])
        func normalisesTrailingBlanksOnly(raw: String, normalised: String) {
            #expect(NotebookOutput.normalised(raw) == normalised)
        }

        @Test func joinsTheOutputsOfABlocksCommands() {
            #expect(NotebookOutput.joined(["one", "", "two  \n\n"]) == "one\ntwo\n")
        }

        @Test func shortDiffShowsTheFirstDifferingLinesWithTheNotebooksLineNumbers() {
            let old = "head\nsame\nold 1\nold 2\ntail\n", new = "head\nsame\nnew 1\ntail\n"
            #expect(NotebookOutput.shortDiff(old: old, new: new, firstLine: 10) == """
                @@ -11,3 +11,2 @@
                 same
                -old 1
                -old 2
                +new 1
                """)
            let many = (1...8).map { "line \($0)\n" }.joined()
            #expect(NotebookOutput.shortDiff(old: many, new: "", firstLine: 1, limit: 2) == """
                @@ -1,8 +1,0 @@
                -line 1
                -line 2
                … 6 more removed lines
                """)
        }
    }
}

// MARK: - End to end

extension NotebookTests {
    /// A temporary repository: `notebooks-md/` and a `scenarios` link to the package's.
    @Suite struct NotebookCommandTests {
        static func repository() throws -> URL {
            let root = CLI.temporaryDirectory()
            try FileManager.default.createDirectory(at: root.appendingPathComponent("notebooks-md"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("scenarios"),
                                                       withDestinationURL: CLI.packageRoot.appendingPathComponent("scenarios"))
            return root
        }

        static let notebook = """
            # A critical-illness claim

            A stay with 20,000 yuan out of catalogue, under the 2020 edition.  \u{20}

            ```console
            $ jikun benefit critical-illness 20000
            ```

            Files go under notebooks-md/out/:

            ```console
            $ jikun sample-data --persons 10 --claims 20 --seed 7 \\
                --out notebooks-md/out/sample
            ```
            The end.

            """

        @Test func runInsertsTheOutputsThenCheckPassesThenFailsOnATamperedLine() throws {
            let root = try Self.repository()
            let path = CLI.write(Self.notebook, to: "notebooks-md/x.md", in: root)

            // The command's own standard output, normalised, goes in an output block right below it.
            let direct = try CLI.run(["benefit", "critical-illness", "20000"], in: root)
            #expect(direct.status == 0)
            #expect(direct.stdout.contains("B(X) = 4,600.00 → paid in the period: 4,600.00 yuan\n"))
            let directOutput = NotebookOutput.normalised(direct.stdout)
            let shift = NotebookOutput.splitLines(directOutput).count + 2

            let run = try CLI.run(["notebook", "run", "notebooks-md/x.md"], in: root)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout == """
                notebooks-md/x.md:8: inserted the output of `jikun benefit critical-illness 20000` (line 6)
                notebooks-md/x.md:\(15 + shift): inserted the output of `jikun sample-data --persons 10 --claims 20 --seed 7     --out notebooks-md/out/sample` (line 12)
                notebooks-md/x.md: 2 of 2 output blocks changed, rewritten

                """)
            #expect(run.stderr == "")

            let written = try CLI.read(path)
            let expected = Self.notebook
                .replacingOccurrences(of: "20000\n```\n", with: "20000\n```\n```output\n\(directOutput)```\n")
                .replacingOccurrences(of: "out/sample\n```\n", with: """
                    out/sample
                    ```
                    ```output
                    Wrote notebooks-md/out/sample/roster.csv (10 persons), notebooks-md/out/sample/claims.csv (20 claims) and notebooks-md/out/sample/insurers.csv (5 insurers)
                    ```

                    """)
            #expect(written == expected)
            // Commands ran in the repository root.
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("notebooks-md/out/sample/roster.csv").path))

            let again = try CLI.run(["notebook", "run", "notebooks-md/x.md"], in: root)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stdout == "notebooks-md/x.md: 2 commands, up to date\n")
            #expect(try CLI.read(path) == written)

            let check = try CLI.run(["notebook", "check"], in: root)
            #expect(check.status == 0, "\(check.stderr)")
            #expect(check.stdout == "1 notebook, 2 commands: up to date\n")

            // Tamper with one figure of the first output block.
            let tampered = written.replacingOccurrences(of: "paid in the period: 4,600.00", with: "paid in the period: 4,600.01")
            #expect(tampered != written)
            CLI.write(tampered, to: "notebooks-md/x.md", in: root)
            let lineNumber = try #require(tampered.split(separator: "\n", omittingEmptySubsequences: false)
                .firstIndex(where: { $0.contains("4,600.01") })) + 1
            let stale = try CLI.run(["notebook", "check", "notebooks-md/x.md"], in: root)
            #expect(stale.status == 1)
            #expect(stale.stdout == "")
            #expect(stale.stderr == """
                Error: 1 notebook block is stale or failed (update with `jikun notebook run FILE`):
                notebooks-md/x.md:8: the output of `jikun benefit critical-illness 20000` (line 6) is stale:
                    @@ -\(lineNumber - 1),2 +\(lineNumber - 1),2 @@
                     Sum of tiers: 4,600.00
                    -B(X) = 4,600.00 → paid in the period: 4,600.01 yuan
                    +B(X) = 4,600.00 → paid in the period: 4,600.00 yuan

                """)
            #expect(try CLI.read(path) == tampered, "check never writes")

            let fixed = try CLI.run(["notebook", "run", "notebooks-md/x.md"], in: root)
            #expect(fixed.status == 0, "\(fixed.stderr)")
            #expect(fixed.stdout.hasPrefix("notebooks-md/x.md:8: updated the output of `jikun benefit critical-illness 20000` (line 6)\n"))
            #expect(try CLI.read(path) == written)
        }

        @Test func checkFailsOnAMissingOutputBlock() throws {
            let root = try Self.repository()
            CLI.write("```console\n$ jikun benefit critical-illness 20000\n```\n", to: "notebooks-md/a.md", in: root)
            CLI.write("not a notebook", to: "notebooks-md/README.md", in: root)
            let check = try CLI.run(["notebook", "check"], in: root)
            #expect(check.status == 1)
            #expect(check.stderr == """
                Error: 1 notebook block is stale or failed (update with `jikun notebook run FILE`):
                notebooks-md/a.md:1: `jikun benefit critical-illness 20000` (line 2) has no output block below it

                """)
        }

        @Test func aFailingCommandStopsTheRunNamingLineCommandAndStandardError() throws {
            let root = try Self.repository()
            let text = "Intro\n\n```console\n$ jikun benefit critical-illness 100.125\n```\n"
            let path = CLI.write(text, to: "notebooks-md/y.md", in: root)
            let run = try CLI.run(["notebook", "run", "notebooks-md/y.md"], in: root)
            #expect(run.status == 1)
            #expect(run.stderr.hasPrefix("""
                Error: notebooks-md/y.md:4: `jikun benefit critical-illness 100.125` exited with status 64; standard error:
                    Error: expected an amount in yuan ≥ 0 with at most two decimals and 15 digits before the point, got "100.125"

                """), "\(run.stderr)")
            #expect(try CLI.read(path) == text)

            let check = try CLI.run(["notebook", "check", "notebooks-md/y.md"], in: root)
            #expect(check.status == 1)
            #expect(check.stderr.contains("\nnotebooks-md/y.md:4: `jikun benefit critical-illness 100.125` exited with status 64; standard error:\n"), "\(check.stderr)")
        }

        @Test func aNonJikunCommandIsRefusedBeforeAnythingRuns() throws {
            let root = try Self.repository()
            let text = "```console\n$ jikun sample-data --persons 3 --claims 3 --out notebooks-md/out/s\n```\n```console\n$ rm -rf notebooks-md\n```\n"
            let path = CLI.write(text, to: "notebooks-md/z.md", in: root)
            let run = try CLI.run(["notebook", "run", "notebooks-md/z.md"], in: root)
            #expect(run.status == 1)
            #expect(run.stderr == "Error: notebooks-md/z.md:5: notebooks run only `jikun …` commands, not `rm -rf notebooks-md` (a notebook is not a general shell)\n")
            #expect(try CLI.read(path) == text)
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("notebooks-md/out").path))
        }

        @Test func jikunOptionChoosesTheExecutable() throws {
            let root = try Self.repository()
            CLI.write("```console\n$ jikun benefit critical-illness 3000\n```\n", to: "notebooks-md/a.md", in: root)
            let binary = try #require(CLI.executable)
            let run = try CLI.run(["notebook", "run", "--jikun", binary.path, "notebooks-md/a.md"], in: root)
            #expect(run.status == 0, "\(run.stderr)")
            let missing = try CLI.run(["notebook", "check", "--jikun", "/nonexistent/jikun"], in: root)
            #expect(missing.status == 1)
            #expect(missing.stderr == "Error: --jikun /nonexistent/jikun: not an executable file\n")
        }

        @Test func aNotebookOutsideNotebooksMdIsRefused() throws {
            let root = try Self.repository()
            CLI.write("```console\n$ jikun benefit critical-illness 3000\n```\n", to: "loose.md", in: root)
            let run = try CLI.run(["notebook", "run", "loose.md"], in: root)
            #expect(run.status == 1)
            #expect(run.stderr == "Error: loose.md: a notebook must be inside a notebooks-md/ folder (its commands run from that folder's parent, the repository root)\n")
        }
    }
}
