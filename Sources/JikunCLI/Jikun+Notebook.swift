import ArgumentParser
import Foundation
import JikunPolicy

extension Jikun {
    struct Notebook: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-run the commands of the Markdown notebooks in notebooks-md/ and keep their outputs current.",
            discussion: """
            A notebook is a Markdown file in notebooks-md/ (format: notebooks-md/README.md). Each \
            ```console (or ```sh) block holds `$ jikun …` commands; the ```output block right \
            below it holds their standard output. Commands run from the repository root (the \
            parent of notebooks-md/) with JIKUN_NOTEBOOK=1 set; they are split into words like a \
            shell would (quotes, backslashes) but pipes, redirection and `;` or `&&` are refused, \
            and only `jikun` commands run. Notebooks write their files under notebooks-md/out/.

            Examples:
              jikun notebook run notebooks-md/01-budget-2022.md
              jikun notebook check
            """,
            subcommands: [Run.self, Check.self])
    }
}

/// `--jikun PATH`, shared by `notebook run` and `notebook check`.
struct NotebookOptions: ParsableArguments {
    @Option(name: .customLong("jikun"), help: ArgumentHelp(
        "The jikun executable that runs the commands (default: this one).", valueName: "path"))
    var executable: String?

    func runner() throws -> NotebookRunner {
        NotebookRunner(executable: try NotebookRunner.executable(executable))
    }
}

extension Jikun.Notebook {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run each notebook's commands and rewrite its output blocks in place.",
            discussion: """
            Only output blocks change (a missing one is inserted below its console block); every \
            other byte of the file is kept. A file is written only when an output changed, and each \
            changed block is listed. A command that fails stops the run, naming the notebook, the \
            line and the command, and showing its standard error; that notebook is not rewritten.

            Example:
              jikun notebook run notebooks-md/01-budget-2022.md notebooks-md/02-bid-one-insurer.md
            """)

        @Argument(help: ArgumentHelp("Notebooks to run (Markdown files inside notebooks-md/).", valueName: "file"))
        var files: [String]

        @OptionGroup var options: NotebookOptions

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("name the notebooks to run, e.g. jikun notebook run notebooks-md/01-budget-2022.md") }
        }

        func run() throws {
            let runner = try options.runner()
            let notebooks = try files.map(LoadedNotebook.load)   // every notebook parses before any command runs
            for notebook in notebooks {
                let outputs = try runner.outputs(of: notebook)
                let (text, changes) = notebook.document.rewritten(outputs: outputs)
                let commands = notebook.document.cells.reduce(0) { $0 + $1.commands.count }
                guard !changes.isEmpty else {
                    print("\(notebook.path): \(counted(commands, "command")), up to date")
                    continue
                }
                try OutputFile.write(text, to: notebook.url.path)
                for change in changes {
                    print("\(notebook.path):\(change.line): \(change.inserted ? "inserted" : "updated") the output of \(change.cell.label)")
                }
                print("\(notebook.path): \(changes.count) of \(counted(notebook.document.cells.count, "output block")) changed, rewritten")
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fail when a notebook's output block no longer matches what its commands print.",
            discussion: """
            Re-runs every command and compares its standard output with the output block below it, \
            without writing anything. With no FILE, checks every *.md in notebooks-md/ except \
            README.md. Exits 0 when all are up to date; otherwise exits 1 listing each stale block \
            (notebook, line, and a short diff of the first differing lines), each missing block and \
            each failing command. CI runs this, so notebooks keep trial counts small.

            Examples:
              jikun notebook check
              jikun notebook check notebooks-md/01-budget-2022.md
            """)

        @Argument(help: ArgumentHelp("Notebooks to check (default: every notebook in notebooks-md/).", valueName: "file"))
        var files: [String] = []

        @OptionGroup var options: NotebookOptions

        func run() throws {
            let runner = try options.runner()
            let paths = files.isEmpty ? try LoadedNotebook.defaultPaths() : files
            let notebooks = try paths.map(LoadedNotebook.load)
            var problems: [String] = []
            for notebook in notebooks {
                problems += try runner.problems(in: notebook)
            }
            guard problems.isEmpty else { throw NotebookError.stale(problems: problems) }
            let commands = notebooks.reduce(0) { total, notebook in
                total + notebook.document.cells.reduce(0) { $0 + $1.commands.count }
            }
            print("\(counted(notebooks.count, "notebook")), \(counted(commands, "command")): up to date")
        }
    }
}

/// "1 command", "3 commands".
private func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
