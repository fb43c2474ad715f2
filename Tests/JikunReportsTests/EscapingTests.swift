import Testing
@testable import JikunReports

@Suite("Escaping and text metrics")
struct EscapingTests {
    @Test func xmlEscapesAllFiveAndDropsControls() {
        #expect(TextEscaping.xml("a<b>&\"c\"'d'") == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;")
        #expect(TextEscaping.xml("x\u{01}y\u{0B}z\n") == "xyz\n")
        #expect(TextEscaping.xml("赔付率 ± 5%") == "赔付率 ± 5%")
    }

    @Test func markdownEscapesMarkupButKeepsPlainText() {
        #expect(TextEscaping.markdown("a*b_c`d[e]f<g>|h\\") == "a\\*b\\_c\\`d\\[e\\]f\\<g>\\|h\\\\")
        #expect(TextEscaping.markdown("R&D &amp; 5 & 6") == "R\\&D \\&amp; 5 & 6")
        #expect(TextEscaping.markdown("# not a heading") == "\\# not a heading")
        #expect(TextEscaping.markdown("- not a list\n1. nor this") == "\\- not a list\n1\\. nor this")
        #expect(TextEscaping.markdown("P(cost > x) 超支") == "P(cost > x) 超支")
        #expect(TextEscaping.markdownCell("two\nlines") == "two lines")
    }

    @Test func wrapBreaksAtSpacesAndBetweenScripts() {
        let lines = TextMetrics.wrap("Small accident 小额意外", maxWidth: 60, fontSize: 11)
        #expect(lines == ["Small", "accident", "小额意外"])
        #expect(TextMetrics.wrap("short", maxWidth: 100, fontSize: 11) == ["short"])
        // CJK is measured wider than Latin of the same length.
        #expect(TextMetrics.width("赔付率", fontSize: 10) > TextMetrics.width("abc", fontSize: 10))
    }
}
