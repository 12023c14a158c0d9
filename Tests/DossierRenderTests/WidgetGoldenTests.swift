import Testing
@testable import DossierRender

/// Golden screens: whole `lines()` compared exactly, with CJK, emoji and the ASCII glyph set.
@Suite struct WidgetGoldenTests {
    let table = Table(columns: [.init("Name", width: .flex(min: 4, weight: 1)), .init("Kind", width: .fit(max: 8)),
                                    .init("Deg", width: .fixed(4), alignRight: true)],
                          rows: [["李小龍", "person", "12"], ["Ana María Gómez-Pérez", "person", "7"],
                                 ["📞 +49 30 1234567", "phone", "123"], ["ACME Holdings Ltd", "company", "3"]],
                          sort: (column: 2, order: .descending), selected: 2)

    @Test func tableUnicode() {
        #expect(table.rendered(width: 30, height: 4).lines() == [
            " Name             Kind    D… ▼",
            " 李小龍           person    12",
            " Ana María Gómez… person     7",
            "▌📞 +49 30 12345… phone    123",
        ])
    }

    @Test func tableAscii() {
        #expect(table.rendered(width: 24, height: 5, context: .ascii).lines() == [
            " Name       Kind    D~ v",
            " 李小龍     person    12",
            " Ana María~ person     7",
            ">📞 +49 30~ phone    123",
            " ACME Hold~ company    3",
        ])
    }

    @Test func list() {
        #expect(ListView(items: ["alpha", "李小龍 and friends", "gamma 🚗", "delta"], selected: 1).rendered(width: 12, height: 3).lines() == [
            "  alpha     ",
            "▌ 李小龍 an…",
            "  gamma 🚗  ",
        ])
    }

    @Test func para() {
        #expect(Paragraph("The suspect 李小龍 met Ana in Zürich on 3 May; 東京での会議は延期された. Verylongwordthatdoesnotfit end").rendered(width: 16, height: 6).lines() == [
            "The suspect 李小",
            "龍 met Ana in   ",
            "Zürich on 3 May;",
            "東京での会議は延",
            "期された.       ",
            "Verylongwordtha…",
        ])
    }

    @Test func status() {
        #expect(StatusLine(left: "case trafficking · 128 entities", right: "14:02 UTC").rendered(width: 30, height: 1).lines() == [
            "case trafficking · … 14:02 UTC",
        ])
    }

    @Test func hints() {
        #expect(KeyHints([("q", "quit"), ("/", "search"), ("?", "help"), ("⏎", "open")]).rendered(width: 26, height: 1).lines() == [
            "q quit  / search  ? help  ",
        ])
    }

    @Test func tabs() {
        #expect(Tabs(["Entities", "時間", "Chart"], selected: 1).rendered(width: 30, height: 1).lines() == [
            " Entities │[時間]│ Chart      ",
        ])
    }

    @Test func tabsAscii() {
        #expect(Tabs(["Entities", "時間", "Chart"], selected: 1).rendered(width: 30, height: 1, context: .ascii).lines() == [
            " Entities |[時間]| Chart      ",
        ])
    }

    @Test func spark() {
        #expect(Sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 4]).rendered(width: 11, height: 1).lines() == [
            " ▁▂▃▄▅▆▇█ ▄",
        ])
    }

    @Test func sparkAscii() {
        #expect(Sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 4]).rendered(width: 11, height: 1, context: .ascii).lines() == [
            " ..::||## :",
        ])
    }

    @Test func hist() {
        #expect(Histogram([1, 3, 8, 16, 0, 5, 12, 2]).rendered(width: 8, height: 3).lines() == [
            "   █  ▂ ",
            "  ▄█  █ ",
            "▂▅██ ██▃",
        ])
    }

    @Test func braille() {
        #expect(BraillePlot((0..<40).map { Double(($0 * 7) % 11) }).rendered(width: 10, height: 2).lines() == [
            "⢠⣴⡆⣸⣇⣤⣤⣶⢀⣿",
            "⠚⠛⢹⡇⠸⠟⠛⠋⣿ ",
        ])
    }

    @Test func brailleAscii() {
        #expect(BraillePlot((0..<40).map { Double(($0 * 7) % 11) }).rendered(width: 10, height: 2, context: .ascii).lines() == [
            "***** ****",
            "  ***** **",
        ])
    }

    @Test func pane() {
        #expect(Pane(title: "Notes 📝", focused: true, content: Paragraph("hello 世界")).rendered(width: 14, height: 3).lines() == [
            "┏ Notes 📝 ━━┓",
            "┃hello 世界  ┃",
            "┗━━━━━━━━━━━━┛",
        ])
    }

    @Test func tableScrollsToKeepTheSelectionVisible() {
        let t = Table(columns: [.init("N", width: .fixed(3))], rows: (0..<10).map { ["r\($0)"] }, selected: 7)
        #expect(t.rendered(width: 5, height: 3).lines() == [" N   ", " r6  ", "▌r7  "])
    }

    @Test func tableColumnWidthsShareTheSpace() {
        let t = Table(columns: [.init("a", width: .fixed(5)), .init("b", width: .flex(min: 2, weight: 1)),
                                .init("c", width: .flex(min: 2, weight: 3))], rows: [])
        #expect(t.columnWidths(total: 30) == [5, 6, 17])  // 19 spare split 1:3, remainder to the last
        #expect(t.columnWidths(total: 8) == [2, 2, 2])
    }

    @Test func selectionAndRolesUseTheTheme() {
        let ctx = RenderContext(theme: .default, glyphs: .unicode)
        let c = ListView(items: ["a", "b"], selected: 1, itemRoles: [.entity("phone"), nil]).rendered(width: 4, height: 2, context: ctx)
        #expect(c[2, 1].style == Theme.default.style(.selection))
        #expect(c[2, 0].style == Theme.default.entity("phone"))
    }

    @Test func wrapping() {
        #expect(TextWrap.wrap("aa bb cc", width: 5) == ["aa bb", "cc"])
        #expect(TextWrap.wrap("一二三四五", width: 5) == ["一二", "三四", "五"])
        #expect(TextWrap.wrap("abcdefgh", width: 3) == ["abc", "def", "gh"])
        #expect(TextWrap.wrap("one\n\ntwo", width: 9) == ["one", "", "two"])
        #expect(TextWrap.wrap("x 👩‍👩‍👧 y", width: 4) == ["x 👩‍👩‍👧", "y"])
    }
}
