import DossierRender
import Testing
@testable import DossierTUI

@Suite struct KeyTests {
    @Test func specsParseAndPrint() {
        #expect(Key(spec: "q") == .char("q"))
        #expect(Key(spec: "Q") == .char("Q"))
        #expect(Key(spec: "ctrl-P") == .ctrl("p"))
        #expect(Key(spec: "^x") == .ctrl("x"))
        #expect(Key(spec: "shift-tab") == .backTab)
        #expect(Key(spec: "space") == .char(" "))
        #expect(Key(spec: "F12") == .function(12))
        #expect(Key(spec: "pgdn") == .pageDown)
        #expect(Key(spec: "ctrl-1") == nil)
        #expect(Key(spec: "f99") == nil)
        #expect(Key(spec: "") == nil)
        for key: Key in [.char("a"), .ctrl("p"), .backTab, .enter, .escape, .function(3), .pageUp, .char(" ")] {
            #expect(Key(spec: key.description) == key)
        }
    }

    @Test func ncursesCodesDecode() {
        #expect(KeyDecoder.decode(character: 27) == .escape)
        #expect(KeyDecoder.decode(character: 13) == .enter)
        #expect(KeyDecoder.decode(character: 127) == .backspace)
        #expect(KeyDecoder.decode(character: 16) == .ctrl("p"))
        #expect(KeyDecoder.decode(character: 0x738B) == .char("王"))
        #expect(KeyDecoder.decode(character: 0xD800) == nil)
    }
}

@Suite struct ConfigTests {
    static let known: Set<String> = ["app.quit", "timeline.zoomIn", "app.help"]

    @Test func themeAndKeys() throws {
        let config = try UserConfig.parse("""
            theme = "light"
            [keys]
            "app.quit" = "ctrl-q"
            "app.help" = ["?", "f1", "h"]
            """, file: "config.toml", knownCommands: Self.known)
        #expect(config.theme == "light")
        #expect(config.keys["app.quit"] == [.ctrl("q")])
        #expect(config.keys["app.help"] == [.char("?"), .function(1), .char("h")])
    }

    @Test func errorsNameFileLineAndField() {
        #expect(throws: ConfigError(file: "c.toml", line: nil, message: "[keys] \"app.qiut\": no such command (see ? in the workbench)")) {
            try UserConfig.parse("[keys]\n\"app.qiut\" = \"q\"", file: "c.toml", knownCommands: Self.known)
        }
        #expect(throws: ConfigError(file: "c.toml", line: nil, message: "[keys] \"app.quit\": \"hyper-q\" is not a key")) {
            try UserConfig.parse("[keys]\n\"app.quit\" = \"hyper-q\"", file: "c.toml", knownCommands: Self.known)
        }
        #expect(throws: ConfigError(file: "c.toml", line: nil, message: "unknown setting \"colour\" (known: theme, [keys])")) {
            try UserConfig.parse("colour = 1", file: "c.toml", knownCommands: Self.known)
        }
        do {
            _ = try UserConfig.parse("theme = \"dark\"\ntheme = = 3", file: "c.toml", knownCommands: Self.known)
            Issue.record("a TOML syntax error must fail")
        } catch let error as ConfigError {
            #expect(error.file == "c.toml" && error.line == 2)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func overridesReplaceTheDefaultKeys() throws {
        let config = UserConfig(theme: "light", keys: ["app.quit": [.ctrl("q")]])
        let (w, _) = Fixture.workbench(config: config)
        #expect(w.styles == .light)
        w.handle(.char("q"))
        #expect(!w.quitRequested)
        w.handle(.ctrl("q"))
        #expect(w.quitRequested)
        #expect(w.footerHints().first?.0 == "^Q")
    }

    @Test func defaultPathFollowsXDG() {
        #expect(UserConfig.defaultPath(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/dossier/config.toml")
        #expect(UserConfig.defaultPath(environment: ["HOME": "/h"]) == "/h/.config/dossier/config.toml")
        #expect(UserConfig.defaultPath(environment: [:]) == nil)
    }
}

@Suite struct ColorTests {
    @Test func depthFromTerminfoAndEnvironment() {
        #expect(ColorDepth.detect(hasColors: true, colors: 256, environment: [:]) == .indexed256)
        #expect(ColorDepth.detect(hasColors: true, colors: 8, environment: [:]) == .eight)
        #expect(ColorDepth.detect(hasColors: true, colors: 16, environment: [:]) == .sixteen)
        #expect(ColorDepth.detect(hasColors: true, colors: 0x100_0000, environment: [:]) == .direct)
        #expect(ColorDepth.detect(hasColors: true, colors: 256, environment: ["NO_COLOR": "1"]) == ColorDepth.none)
        #expect(ColorDepth.detect(hasColors: false, colors: 0, environment: [:]) == ColorDepth.none)
    }

    @Test func nearestColours() {
        #expect(ColorMapper.mapRGB(r: 255, g: 0, b: 0, depth: .indexed256) == 196)
        #expect(ColorMapper.mapRGB(r: 128, g: 128, b: 128, depth: .indexed256) == 244)
        #expect(ColorMapper.mapRGB(r: 255, g: 0, b: 0, depth: .sixteen) == 9)
        #expect(ColorMapper.mapRGB(r: 255, g: 0, b: 0, depth: .eight) == 1)
        #expect(ColorMapper.mapRGB(r: 0x12, g: 0x34, b: 0x56, depth: .direct) == 0x123456)
        #expect(ColorMapper.mapIndex(75, depth: .indexed256) == 75)
        #expect(ColorMapper.mapIndex(196, depth: .eight) == 1)
        #expect(ColorMapper.mapIndex(231, depth: .sixteen) == 15)
        #expect(ColorMapper.mapIndex(4, depth: .direct) == 4)
        #expect(ColorMapper.mapIndex(196, depth: .direct) == 0xFF0000)
    }
}

@Suite struct LayoutTests {
    @Test func mainLayoutAt80x24() {
        let l = Layout.compute(width: 80, height: 24, available: [.cases, .items, .detail], focus: .items, zoomed: false)
        #expect(l.titleBar == Rect(x: 0, y: 0, width: 80, height: 1))
        #expect(l.statusLine == Rect(x: 0, y: 22, width: 80, height: 1))
        #expect(l.footer == Rect(x: 0, y: 23, width: 80, height: 1))
        #expect(l.panes[.cases] == Rect(x: 0, y: 1, width: 16, height: 21))
        #expect(l.panes[.items] == Rect(x: 16, y: 1, width: 39, height: 21))
        #expect(l.panes[.detail] == Rect(x: 55, y: 1, width: 25, height: 21))
    }

    @Test func lowerRowWhenTallEnough() {
        let l = Layout.compute(width: 120, height: 40, available: [.cases, .items, .detail, .results], focus: .items, zoomed: false)
        #expect(l.panes[.results] == Rect(x: 0, y: 21, width: 120, height: 17))
        let short = Layout.compute(width: 120, height: 18, available: [.cases, .items, .detail, .results], focus: .results,
                                   zoomed: false)
        #expect(short.panes[.results] == Rect(x: 24, y: 1, width: 58, height: 15))
        #expect(short.panes[.items] == nil)
    }

    @Test func narrowAndZoomedShowTheFocusedPane() {
        let narrow = Layout.compute(width: 40, height: 12, available: [.cases, .items, .detail], focus: .detail, zoomed: false)
        #expect(narrow.panes == [.detail: Rect(x: 0, y: 1, width: 40, height: 9)])
        let zoomed = Layout.compute(width: 300, height: 100, available: [.cases, .items, .detail], focus: .cases, zoomed: true)
        #expect(zoomed.panes == [.cases: Rect(x: 0, y: 1, width: 300, height: 97)])
    }

    @Test func belowTheMinimumIsTooSmall() {
        #expect(Layout.compute(width: 39, height: 24, available: [.cases], focus: .cases, zoomed: false).tooSmall)
        #expect(Layout.compute(width: 80, height: 11, available: [.cases], focus: .cases, zoomed: false).tooSmall)
        #expect(!Layout.compute(width: 40, height: 12, available: [.cases], focus: .cases, zoomed: false).tooSmall)
    }

    @Test func everySizeFromTheMinimumToTheMaximumDraws() throws {
        let (w, _) = Fixture.workbench()
        _ = try Replay.run("case.select trafficking\npane.items\nitem.open", on: w)
        for (width, height) in [(40, 12), (41, 13), (69, 20), (70, 17), (99, 30), (200, 60), (300, 100), (10, 3), (1, 1)] {
            w.resize(width: width, height: height)
            let lines = w.render().lines()
            #expect(lines.count == height)
            #expect(lines.allSatisfy { DisplayWidth.of($0) == width })
        }
    }
}

@Suite struct BackendTests {
    @Test func diffSendsOnlyChangedCellsAndWholeWideCharacters() {
        var a = Canvas(width: 10, height: 2)
        a.put("ab王c", at: 0, y: 0)
        var b = a
        b.put("X", at: 1, y: 1)
        #expect(FrameDiff.changedCells(from: a, to: b) == [11])
        var c = a
        c.put("李", at: 2, y: 0)  // same place, other wide character: its left cell is sent once
        #expect(FrameDiff.changedCells(from: a, to: c) == [2])
        var d = a
        d.put("x", at: 3, y: 0)  // overwrites the right half: the left half is blanked, both cells sent
        #expect(FrameDiff.changedCells(from: a, to: d) == [2, 3])
    }

    @Test func testBackendKeepsTheFrame() {
        let backend = TestBackend(width: 80, height: 24)
        let (w, _) = Fixture.workbench()
        backend.draw(w.render())
        #expect(backend.lines[0].hasPrefix(" Dossier › fraud › Cases"))
        #expect(backend.frames == 1)
        w.handle(.char("j"))
        backend.draw(w.render())
        #expect(backend.frames == 2)
        #expect(backend.changedCells > 0 && backend.changedCells < 80 * 24 / 2)
    }
}

@Suite struct RegistryTests {
    @Test func helpAndFooterComeFromTheRegistry() {
        let (w, _) = Fixture.workbench()
        let help = w.helpLines()
        for spec in w.registry.specs {
            #expect(help.contains { $0.1.contains("[\(spec.id)]") }, "help lists \(spec.id)")
        }
        #expect(w.footerHints().map(\.1).prefix(4) == ["quit", "help", "command", "next pane"])
        w.run("pane.items")
        #expect(w.footerHints().map(\.1).prefix(3) == ["next list", "sort", "filter"])
    }

    @Test func completionAndVerbs() {
        let (w, _) = Fixture.workbench()
        #expect(w.registry.resolve("path")?.id == "analysis.path")
        #expect(w.registry.resolve("app.zoom")?.id == "app.zoom")
        #expect(w.registry.completions("ce") == ["centrality"])
        #expect(w.registry.matching("zoom").map(\.id) == ["app.zoom", "timeline.zoomIn", "timeline.zoomOut", "chart.zoomIn", "chart.zoomOut"])
        #expect(w.registry.matching("later").map(\.id) == ["timeline.panRight"])
    }

    @Test func wordsKeepQuotedSpaces() {
        #expect(CommandLineWords.split("path \"Ivan Petrov\" 王小明") == ["path", "Ivan Petrov", "王小明"])
        #expect(CommandLineWords.split("  note  a  b ") == ["note", "a", "b"])
        #expect(CommandLineWords.split("tag \"\"") == ["tag", ""])
    }
}
