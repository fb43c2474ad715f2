import Foundation
import Testing
import JikunPolicy

/// Table headers that toml++ (under TOMLKit) would trap on, found by `scripts/fuzz.sh`
/// (fuzz-edition, fuzz-scenario): each must be a clean error naming the line and column.
@Suite struct TOMLHeaderTests {
    @Test(arguments: [
        ("[ +x]\n", 1, 3, "+"),
        ("a = 1\n[[ §]]\n", 2, 4, "§"),
        ("[!x]\n", 1, 2, "!"),
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

    /// An array opened at a terminator (`age_shares = [}`, found by fuzz-scenario), comments and
    /// line ends skipped, and a value date whose `T` has no time after it (`end = 2021-10-31t:`,
    /// found by fuzz-edition): toml++ traps on both.
    @Test(arguments: [
        ("age_shares = [}\n", 1, 15, "}", "a value or ']' must follow '['"),
        ("a = [ # first\n  , 1]\n", 2, 3, ",", "a value or ']' must follow '['"),
        ("a = [1, # c\n ,2]\n", 2, 2, ",", "a value must follow ','"),
        ("end = 2021-10-31t:\n", 1, 18, ":", "a date's 'T' must be followed by a time HH:MM:SS"),
        ("d = [2021-01-01T]\n", 1, 17, "]", "a date's 'T' must be followed by a time HH:MM:SS"),
        ("x = { b = 2021-01-01t }\n", 1, 22, " ", "a date's 'T' must be followed by a time HH:MM:SS"),
    ])
    func valuesTomlPlusPlusTrapsOnAreErrors(toml: String, line: Int, column: Int, character: String, rule: String) throws {
        let error = #expect(throws: PolicyInputError.self) { try ConfigFile.parse(toml, file: "bad.toml") }
        #expect(error == .config(file: "bad.toml", keyPath: "line \(line), column \(column)",
                                 message: "not valid TOML: \(rule), saw '\(character)'"))
    }

    /// Dates that are values, date-shaped bare keys and arrays opened at a comment parse as
    /// before; a full date-time passes the check and meets jikun's own rule (dates only).
    @Test func datesDateShapedKeysAndCommentedArraysStillParse() throws {
        let table = try ConfigFile.parse("""
            a = 2021-10-31
            c = [2021-01-01, 2021-01-02]
            2021-10-31t = 1
            d = [] # empty
            e = [ # a comment
              1 ]
            """, file: "ok.toml")
        #expect(table.entries.keys.sorted() == ["2021-10-31t", "a", "c", "d", "e"])
        let error = #expect(throws: PolicyInputError.self) { try ConfigFile.parse("b = 1979-05-27T07:32:00Z\n", file: "t.toml") }
        #expect("\(error!)".contains("expected a date (YYYY-MM-DD) without a time of day"), "\(error!)")
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
