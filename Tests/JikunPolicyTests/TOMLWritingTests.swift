import Testing
@testable import JikunPolicy

/// `ConfigTable.tomlText`, the text of scenario.resolved.toml and of every provenance hash: its
/// exact bytes (a change would change every run's hash) and that it reads back as the same table.
/// An array of tables is written as `[[key]]` sections; only tables inside other arrays stay inline.
@Suite struct TOMLWritingTests {
    static let source = #"""
    name = "a \"quoted\" name\twith tab"
    count = 3
    ratio = 1e-7
    big = 2.5e20
    whole = 2.0
    flag = true
    start = 2020-10-01
    "key with space" = 1
    "区县" = "渝中"
    empty = []
    mixed = [{ b = 1, a = "x" }, { c = [1, 2] }]
    grid = [[{ b = 2, a = 1 }], [3]]

    [table]
    z = 1
    a = 2

    [table.inner]
    x = nan
    y = inf
    w = -inf

    [[items]]
    n = 1

    [[items]]
    n = 2
    [items.sub]
    k = "v"
    """#

    @Test func writesSortedKeysQuotedWhereNeededAndEachTableUnderItsDottedHeader() throws {
        let table = try ConfigFile.parse(Self.source, file: "source.toml")
        #expect(table.tomlText == #"""
        big = 2.5e+20
        count = 3
        empty = []
        flag = true
        grid = [[{ a = 1, b = 2 }], [3]]
        "key with space" = 1
        name = "a \"quoted\" name\twith tab"
        ratio = 1e-07
        start = 2020-10-01
        whole = 2.0
        "区县" = "渝中"

        [table]
        a = 2
        z = 1

        [table.inner]
        w = -inf
        x = nan
        y = inf

        [[items]]
        n = 1

        [[items]]
        n = 2

        [items.sub]
        k = "v"

        [[mixed]]
        a = "x"
        b = 1

        [[mixed]]
        c = [1, 2]

        """#)
    }

    @Test func readsBackAsTheSameTable() throws {
        let table = try ConfigFile.parse(Self.source, file: "source.toml")
        let again = try ConfigFile.parse(table.tomlText, file: "source.toml")
        // NaN is not equal to itself: compare the texts, then the table without it.
        #expect(again.tomlText == table.tomlText)
        var withoutNaN = table, againWithoutNaN = again
        withoutNaN.set(.float(0), at: ["table", "inner", "x"], file: "source.toml")
        againWithoutNaN.set(.float(0), at: ["table", "inner", "x"], file: "source.toml")
        #expect(againWithoutNaN == withoutNaN)
    }
}
