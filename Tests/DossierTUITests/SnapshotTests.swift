import DossierRender
import Testing
@testable import DossierTUI

/// Whole-screen snapshots of every pane and the main layout, at 80x24 and 120x40, with CJK names.
@Suite struct SnapshotTests {
    static func screen(_ script: String, width: Int, height: Int) throws -> [String] {
        let (w, _) = Fixture.workbench(width: width, height: height)
        _ = try Replay.run(script, on: w)
        _ = w.render()
        w.settle()
        return w.render().lines(trimmingTrailingSpaces: true)
    }

    static func expected(_ golden: String) -> [String] {
        golden.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var s = String(line)
            while s.last == " " { s.removeLast() }
            return s
        }
    }

    @Test(arguments: GoldenScripts.all.map(\.0))
    func screenMatchesGolden(_ name: String) throws {
        let (_, width, height, script) = GoldenScripts.all.first { $0.0 == name }!
        guard let golden = Golden.byName[name] else {
            Issue.record("no golden for \(name)")
            return
        }
        let actual = try Self.screen(script, width: width, height: height)
        let wanted = Self.expected(golden)
        #expect(actual.count == height)
        for (i, line) in actual.enumerated() where i < wanted.count {
            #expect(line == wanted[i], "row \(i)")
        }
        #expect(actual == wanted)
    }

    @Test func everyRowHasTheScreenWidthIncludingWideCharacters() throws {
        for (_, width, height, script) in GoldenScripts.all {
            let (w, _) = Fixture.workbench(width: width, height: height)
            _ = try Replay.run(script, on: w)
            for line in w.render().lines() { #expect(DisplayWidth.of(line) == width) }
        }
    }

    @Test func selectedRowIsHighlightedOnlyInTheFocusedPane() throws {
        let (w, _) = Fixture.workbench(width: 80, height: 24)
        _ = try Replay.run("case.select trafficking\npane.items\nlist.down", on: w)
        let canvas = w.render()
        // Items row 2 (王小明) is the selection: rows start at y = 4 (title bar, border, tab strip, header).
        #expect(canvas[28, 5].grapheme == "王")
        #expect(canvas[28, 5].style == Styles.dark.text.patched(with: Styles.dark.selection))
        #expect(canvas[28, 4].style == Styles.dark.text)
        // The cases pane keeps its selection, shown without the focus colour.
        #expect(canvas[1, 3].style == Styles.dark.text.patched(with: Styles.dark.inactiveSelection))
    }

    @Test func asciiGlyphsWhenTheLocaleIsNotUTF8() throws {
        let store = MemoryStore(Fixture.items(), name: "/cases/lantern")
        let w = Workbench(store: store, analyst: "alice", width: 80, height: 24, unicode: false)
        let lines = w.render().lines()
        #expect(lines[1].hasPrefix("+ 1 Cases (2) =+"))
        #expect(lines.allSatisfy { line in !line.contains("┌") && !line.contains("━") && !line.contains("›") })
        #expect(lines[0].hasPrefix(" Dossier > fraud > Cases"))
    }
}
