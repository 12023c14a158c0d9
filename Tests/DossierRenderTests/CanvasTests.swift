import Testing
@testable import DossierRender

@Suite struct DisplayWidthTests {
    @Test func asciiAndLatin() {
        #expect(DisplayWidth.of("hello") == 5)
        #expect(DisplayWidth.of("Müller") == 6)
        #expect(DisplayWidth.of("") == 0)
    }

    @Test func eastAsianWideIsTwo() {
        #expect(DisplayWidth.of("李小龍") == 6)
        #expect(DisplayWidth.of("ｶﾀｶﾅ") == 4)       // halfwidth katakana stays narrow
        #expect(DisplayWidth.of("ＡＢ") == 4)        // fullwidth Latin
        #expect(DisplayWidth.of("한국") == 4)
    }

    @Test func combiningMarksAndJoinersAreZero() {
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("\u{1100}\u{1161}\u{11A8}") == 2)  // Hangul L+V+T as jamo: one syllable
        #expect(DisplayWidth.of(scalar: "\u{200D}") == 0)
        #expect(DisplayWidth.of(scalar: "\u{FE0F}") == 0)
        #expect(DisplayWidth.of(scalar: "\u{0301}") == 0)
    }

    @Test func emojiPresentation() {
        #expect(DisplayWidth.of("📞") == 2)
        #expect(DisplayWidth.of("👩‍👩‍👧") == 2)    // ZWJ family is one glyph
        #expect(DisplayWidth.of("🇩🇪") == 2)        // flag: regional-indicator pair
        #expect(DisplayWidth.of("❤") == 1)          // text presentation by default
        #expect(DisplayWidth.of("❤️") == 2)         // VS16 asks for emoji presentation
        #expect(DisplayWidth.of("👍🏽") == 2)        // skin-tone modifier
    }

    @Test func truncationNeverSplitsWideCharacters() {
        #expect(TextFit.truncate("李小龍", to: 5) == "李小…")
        #expect(TextFit.truncate("李小龍", to: 4) == "李…")
        #expect(TextFit.truncate("李小龍", to: 6) == "李小龍")
        #expect(TextFit.truncate("abcdef", to: 4, ellipsis: "~") == "abc~")
        #expect(TextFit.pad("李", to: 4) == "李  ")
        #expect(TextFit.pad("ab", to: 4, alignRight: true) == "  ab")
    }
}

@Suite struct CanvasTests {
    @Test func boxWithTitleAndWideText() {
        var c = Canvas(width: 20, height: 3)
        c.box(c.bounds, glyphs: .unicode, title: "Calls")
        let used = c.put("李小龍 📞", at: 1, y: 1)
        #expect(used == 9)
        #expect(c.lines() == [
            "┌Calls─────────────┐",
            "│李小龍 📞         │",
            "└──────────────────┘",
        ])
        #expect(c[1, 1].width == 2)
        #expect(c[2, 1].isContinuation)
    }

    @Test func asciiBox() {
        var c = Canvas(width: 6, height: 3)
        c.box(c.bounds, glyphs: .ascii, title: "Long title")
        #expect(c.lines() == ["+Lon~+", "|    |", "+----+"])
    }

    @Test func wideCharacterAtTheClipEdgeIsNotSplit() {
        var c = Canvas(width: 5, height: 1)
        let used = c.put("ab李小", at: 0, y: 0)
        #expect(used == 4)
        #expect(c.lines() == ["ab李 "])
        var d = Canvas(width: 6, height: 1)
        d.clipped(to: Rect(x: 1, y: 0, width: 3, height: 1)) { $0.put("李小龍", at: 0, y: 0) }
        // 李 straddles the clip's left edge and 龍 its right edge: only 小 is drawn.
        #expect(d.lines() == ["  小  "])
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var c = Canvas(width: 6, height: 1)
        c.put("李小龍", at: 0, y: 0)
        c.put("x", at: 3, y: 0)   // right half of 小
        #expect(c.lines() == ["李 x龍"])
        c.put("y", at: 4, y: 0)   // left half of 龍
        #expect(c.lines() == ["李 xy "])
        #expect(!c[5, 0].isContinuation)
    }

    @Test func controlCharactersAreNeutralised() {
        var c = Canvas(width: 8, height: 1)
        c.put("a\u{1B}[2Jb\tc", at: 0, y: 0)
        #expect(c.lines() == ["a?[2Jb c"])
    }

    @Test func putClipsAndFillRespectsClip() {
        var c = Canvas(width: 8, height: 2)
        c.fill(Rect(x: 2, y: 0, width: 10, height: 5), with: ".")
        c.put("hello world", at: 1, y: 1, clip: Rect(x: 0, y: 0, width: 5, height: 2))
        #expect(c.lines() == ["  ......", " hell..."])
    }

    @Test func alignedPutTruncatesWithEllipsis() {
        var c = Canvas(width: 10, height: 3)
        c.put("right", in: Rect(x: 0, y: 0, width: 10, height: 1), align: .right)
        c.put("mid", in: Rect(x: 0, y: 1, width: 10, height: 1), align: .center)
        c.put("李小龍李小龍", in: Rect(x: 0, y: 2, width: 7, height: 1))
        #expect(c.lines() == ["     right", "   mid    ", "李小龍…   "])
    }

    @Test func drawCopiesAnotherCanvas() {
        var small = Canvas(width: 3, height: 1)
        small.put("李x", at: 0, y: 0)
        var c = Canvas(width: 5, height: 2)
        c.draw(small, at: 1, y: 1)
        #expect(c.lines() == ["     ", " 李x "])
    }

    @Test func junctionGlyphs() {
        #expect(GlyphSet.unicode.junction(up: true, down: false, left: false, right: true) == "└")
        #expect(GlyphSet.unicode.junction(up: true, down: true, left: true, right: true) == "┼")
        #expect(GlyphSet.unicode.junction(up: false, down: true, left: true, right: true) == "┬")
        #expect(GlyphSet.ascii.junction(up: true, down: true, left: false, right: true) == "+")
    }
}
