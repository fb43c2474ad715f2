import Foundation
import Testing
import JikunPolicy

/// Table headers that toml++ (under TOMLKit) would trap on, found by `scripts/fuzz.sh`
/// (fuzz-edition, fuzz-scenario): each must be a clean error naming the line and column.
@Suite struct TOMLHeaderTests {
    @Test(arguments: [
        ("[ +x]\n", 1, 3, "+"),
        ("a = 1\n[[ §]]\n", 2, 4, "§"),
        ("[\u{01}x]\n", 1, 2, "\u{01}"),
        ("# [ {x]\n[ {x]\n", 2, 3, "{"),
        ("s = \"\"\"\n[ +in a string]\n\"\"\"\n  [ .x]\r\n", 4, 5, "."),
        ("[ 中]\n", 1, 3, "中"),
        ("x = 1\n[\n", 2, 2, "\n"),
        ("[[ \r\n", 1, 4, "\r\n"),
    ])
    func aHeaderKeyThatCannotStartIsAnError(toml: String, line: Int, column: Int, character: String) throws {
        let error = #expect(throws: PolicyInputError.self) { try ConfigFile.parse(toml, file: "bad.toml") }
        #expect(error == .config(file: "bad.toml", keyPath: "line \(line), column \(column)",
                                 message: "not valid TOML: a table header's key must start with a letter, digit, _, - or a quote, saw \(character.first!.isNewline ? "the end of the line" : "'\(character)'")"))
    }

    /// A comma with no value after it, which toml++ traps on (fuzz-scenario found
    /// `age_shares = [0.10, 0.70,}`); commas inside strings and comments are not looked at.
    @Test(arguments: [
        ("age_shares = [0.10, 0.70,}\n", 1, 26, "}"),
        ("a = [1,\n  ,2]\n", 2, 3, ","),
        ("t = { x = 1, }\n", 1, 14, "}"),
    ])
    func aCommaWithoutAValueIsAnError(toml: String, line: Int, column: Int, character: String) throws {
        let error = #expect(throws: PolicyInputError.self) { try ConfigFile.parse(toml, file: "bad.toml") }
        #expect(error == .config(file: "bad.toml", keyPath: "line \(line), column \(column)",
                                 message: "not valid TOML: a value must follow ',', saw '\(character)'"))
    }

    @Test func commasInStringsAndCommentsAndTrailingArrayCommasAreFine() throws {
        #expect(throws: Never.self) { try ConfigFile.parse("s = \",}\"\n# ,}\na = [1, 2,\n]\n", file: "ok.toml") }
    }

    /// Lines that start with `[` inside a value are not headers: no false alarm.
    @Test func valuesThatStartALineWithABracketStillParse() throws {
        let toml = """
            grid = [
              [ +1, 2 ],
              [ -3, 5.0e-1 ],
            ]
            inline = { a = [
              [ +4 ] ] }
            text = '''
            [ +not a header
            '''
            quoted = "a [ +b"  # [ +c
            [ "quoted key" ]
            x = 1
            [[ tables ]]
            y = 2
            """
        let table = try ConfigFile.parse(toml, file: "good.toml")
        #expect(table.entries.keys.sorted() == ["grid", "inline", "quoted", "quoted key", "tables", "text"])
    }
}
