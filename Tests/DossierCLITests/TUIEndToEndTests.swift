import Foundation
import Testing

/// End-to-end runs of the real `dossier` binary in tmux: a private tmux server per test, killed at the end.
@Suite(.serialized, .enabled(if: TUITmux.available, "tmux is not installed: the terminal end-to-end tests are skipped"))
struct TUIEndToEndTests {
    /// Runs `dossier` with arguments (no terminal); returns status and standard output.
    @discardableResult
    static func dossier(_ arguments: [String], workspace: String? = nil) throws -> (Int32, String) {
        var env = ProcessInfo.processInfo.environment
        if let workspace { env["DOSSIER_WORKSPACE"] = workspace }
        env["DOSSIER_ANALYST"] = "setup"
        let (status, out) = TUISpawn.run(TUITmux.binary, arguments, environment: env)
        return (status, out)
    }

    /// A fresh workspace with one case, three entities (one with a CJK name), a link and a call.
    static func makeWorkspace() throws -> (dir: String, path: String, wang: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-tui-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let ws = dir + "/ws"
        func run(_ args: [String]) throws -> String {
            let (status, out) = try dossier(args, workspace: ws)
            guard status == 0 else { throw CLIError(message: "dossier \(args.joined(separator: " ")) exited \(status)") }
            return out.split(separator: "\n").last.map(String.init) ?? ""
        }
        _ = try run(["init", ws])
        _ = try run(["case", "new", "trafficking", "--title", "Operation Lantern"])
        let ivan = try run(["add", "entity", "--case", "trafficking", "--kind", "person", "--name", "Ivan Petrov"])
        let wang = try run(["add", "entity", "--case", "trafficking", "--kind", "person", "--name", "王小明"])
        let phone = try run(["add", "entity", "--case", "trafficking", "--kind", "phone", "--name", "+44 7700 900123"])
        _ = try run(["add", "link", ivan, phone, "--type", "uses", "--directed"])
        _ = try run(["add", "event", "--case", "trafficking", "--kind", "call", "--time", "2024-02-10T21:15:00+01:00",
                     "--participant", "\(ivan):caller", "--participant", "\(wang):receiver"])
        return (dir, ws, wang)
    }

    struct CLIError: Error { var message: String }

    static func environment(_ dir: String) -> [String: String] {
        ["LANG": "C.UTF-8", "DOSSIER_ANALYST": "tester", "XDG_CONFIG_HOME": dir + "/config", "TERM": "tmux-256color"]
    }

    @Test func openMoveSearchDrillHelpResizeReviewAndQuit() throws {
        let (dir, ws, wang) = try Self.makeWorkspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = TUITmux(name: "tour")
        defer { t.kill() }
        t.start("\(shellQuote(TUITmux.binary)) open \(shellQuote(ws))", width: 100, height: 30, environment: Self.environment(dir))
        #expect(t.waitFor("┏ 1 Cases (1)"), "the workbench opens with the cases pane focused:\n\(t.capture())")
        #expect(t.capture().contains("trafficking"))
        #expect(t.display("#{alternate_on}") == "1")

        t.send("Tab")
        #expect(t.waitFor("┏ 2 Items (3 entities)"), "Tab moves the focus to the items:\n\(t.capture())")
        t.send("3")
        #expect(t.waitFor("┏ 3 Detail"))
        t.send("2")

        t.send("/")
        t.type("王")
        // The entity and the call it took part in.
        #expect(t.waitFor("2 matches"), "search shows results as you type:\n\(t.capture())")
        t.send("Enter")
        #expect(t.waitFor("Person 王小明"), "the match is selected and its card shown:\n\(t.capture())")

        t.send("Enter")
        #expect(t.waitFor("Contacts and flows"), "Enter drills into the entity:\n\(t.capture())")
        #expect(t.waitFor("Dossier › trafficking › 王小明"))
        #expect(t.waitFor("Ivan Petrov              person       1 ev"))
        t.send("Escape")
        #expect(t.waitFor("┏ 2 Items (3 entities)"), "Esc goes back:\n\(t.capture())")

        t.send("?")
        #expect(t.waitFor("Help: keys and commands"))
        t.send("Escape")
        #expect(t.waitUntil { !$0.contains("Help: keys and commands") && $0.contains("2 Items") })

        t.resize(width: 40, height: 12)
        #expect(t.waitUntil { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count >= 12 && lines[1].hasPrefix("┏ 2 Items") && !screen.contains("3 Detail")
        }, "at 40x12 only the focused pane is shown:\n\(t.capture())")
        t.resize(width: 30, height: 10)
        #expect(t.waitFor("terminal too small"))
        t.resize(width: 200, height: 60)
        #expect(t.waitUntil { $0.contains("3 Detail") && $0.contains("1 Cases (1)") && $0.contains("entities 3  links 1") },
                "at 200x60 every pane is back:\n\(t.capture())")

        t.send("t")
        t.type("checked")
        t.send("Enter")
        #expect(t.waitFor("tag checked: 王小明"))

        t.send("q")
        #expect(t.waitForExit() == 0)
        #expect(t.terminalRestored)

        let (_, json) = try Self.dossier(["show", wang, "--json"], workspace: ws)
        #expect(json.contains("\"checked\""))
        #expect(json.contains("\"modifiedBy\": \"tester\""))
    }

    @Test func linkChartPaneMarksAPathDrillsInAndSwitchesTheme() throws {
        let (dir, ws, _) = try Self.makeWorkspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = TUITmux(name: "chart")
        defer { t.kill() }
        var env = Self.environment(dir)
        env["NO_COLOR"] = ""  // colours on, whatever the test runner's environment says
        t.start("\(shellQuote(TUITmux.binary)) open \(shellQuote(ws))", width: 120, height: 40, environment: env)
        #expect(t.waitFor("┏ 1 Cases (1)"), "\(t.capture())")
        t.send("5")
        #expect(t.waitFor("┏ 5 Link chart (3)"), "5 focuses the link chart pane:\n\(t.capture())")
        #expect(t.waitUntil { $0.contains("☺ Ivan Petrov") && $0.contains("☺ 王小明") && $0.contains("hierarchical · full labels") },
                "the case's entities are drawn as a chart:\n\(t.capture())")
        t.send("m")
        #expect(t.waitFor("marked Ivan Petrov (1 marked)"))
        t.send(":")
        t.type("node 王小明")
        t.send("Enter")
        t.send("m")
        #expect(t.waitFor("marked 王小明 (2 marked: p connects them)"), "\(t.capture())")
        t.send("p")
        #expect(t.waitFor("path Ivan Petrov – 王小明: 1 hop"), "p shows the path between the two marks:\n\(t.capture())")
        t.send("-")
        #expect(t.waitFor("hierarchical · short labels"), "\(t.capture())")
        t.send("v")
        #expect(t.waitFor("chart layout: force"))
        t.send("Enter")
        #expect(t.waitFor("Dossier › trafficking › 王小明"), "Enter drills into the selected entity:\n\(t.capture())")
        #expect(t.waitFor("Neighbourhood (2)"), "\(t.capture())")
        t.send("Escape")
        #expect(t.waitFor("┏ 5 Link chart (3)"), "Esc comes back to the chart:\n\(t.capture())")
        t.send("z")
        #expect(t.waitUntil { $0.contains("┏ 5 Link chart (3)") && !$0.contains("1 Cases") }, "z zooms the chart:\n\(t.capture())")
        t.resize(width: 40, height: 12)
        #expect(t.waitUntil { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count >= 12 && lines[1].hasPrefix("┏ 5 Link chart")
        }, "at 40x12 the focused chart pane stays:\n\(t.capture())")
        t.resize(width: 120, height: 40)
        t.send(":")
        t.type("theme light")
        t.send("Enter")
        #expect(t.waitFor("theme light (built-in light, "), "\(t.capture())")
        t.send("q")
        #expect(t.waitForExit() == 0)
        #expect(t.terminalRestored)
    }

    @Test func noColorKeepsTheWorkbenchMonochrome() throws {
        let (dir, ws, _) = try Self.makeWorkspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = TUITmux(name: "nocolor")
        defer { t.kill() }
        var env = Self.environment(dir)
        env["NO_COLOR"] = "1"
        t.start("\(shellQuote(TUITmux.binary)) open --theme light \(shellQuote(ws))", environment: env)
        #expect(t.waitFor("NO_COLOR is set: no colours"), "\(t.capture())")
        t.send(":")
        t.type("theme light")
        t.send("Enter")
        #expect(t.waitFor("NO_COLOR is set: staying monochrome"), "\(t.capture())")
        t.send("q")
        #expect(t.waitForExit() == 0)
        #expect(t.terminalRestored)
    }

    @Test(arguments: [("TERM", 143), ("HUP", 129), ("SEGV", 139)])
    func signalsRestoreTheTerminal(_ signal: String, _ status: Int32) throws {
        let (dir, ws, _) = try Self.makeWorkspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = TUITmux(name: "sig\(signal)")
        defer { t.kill() }
        t.start("\(shellQuote(TUITmux.binary)) open \(shellQuote(ws))", environment: Self.environment(dir))
        #expect(t.waitFor("1 Cases (1)"))
        let pid = try #require(t.programPID())
        _ = TUISpawn.run("/bin/kill", ["-\(signal)", "\(pid)"])
        #expect(t.waitForExit() == status)
        #expect(t.terminalRestored, "after SIG\(signal):\n\(t.capture())")
        // The store is intact and opens again.
        #expect(try Self.dossier(["fsck"], workspace: ws).0 == 0)
    }

    @Test func demoBuildsAndOpensTheWorkbench() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-tui-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = TUITmux(name: "demo")
        defer { t.kill() }
        t.start("\(shellQuote(TUITmux.binary)) demo --path \(shellQuote(dir + "/demo"))", width: 120, height: 40,
                environment: Self.environment(dir))
        #expect(t.waitFor("┏ 1 Cases (3)", timeout: 60), "\(t.capture())")
        #expect(t.waitFor("4 Timeline"))
        t.send("E")
        #expect(t.waitFor("Candidate 1 of"), "entity resolution opens on the demo's near-duplicates:\n\(t.capture())")
        t.send("Escape")
        t.send("q")
        #expect(t.waitForExit() == 0)
        #expect(t.terminalRestored)
    }

    @Test func ctrlCQuitsCleanly() throws {
        let (dir, ws, _) = try Self.makeWorkspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = TUITmux(name: "ctrlc")
        defer { t.kill() }
        t.start("\(shellQuote(TUITmux.binary)) open \(shellQuote(ws))", environment: Self.environment(dir))
        #expect(t.waitFor("1 Cases (1)"))
        t.send("C-c")
        #expect(t.waitForExit() == 130)
        #expect(t.terminalRestored)
    }

    @Test func unknownTermFallsBackAndSaysSo() throws {
        let (dir, ws, _) = try Self.makeWorkspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = TUITmux(name: "term")
        defer { t.kill() }
        var env = Self.environment(dir)
        env["TERM"] = "no-such-terminal"
        t.start("\(shellQuote(TUITmux.binary)) open \(shellQuote(ws))", environment: env)
        #expect(t.waitFor("unknown TERM no-such-terminal: using xterm-256color"), "\(t.capture())")
        t.send("q")
        #expect(t.waitForExit() == 0)
        #expect(t.capture().contains("dossier: unknown TERM no-such-terminal: using xterm-256color"))
    }

    @Test func asciiGlyphsWithoutAUTF8Locale() throws {
        let (dir, ws, _) = try Self.makeWorkspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = TUITmux(name: "ascii")
        defer { t.kill() }
        var env = Self.environment(dir)
        env["LANG"] = "C"
        env["LC_ALL"] = "C"
        // With C.UTF-8 available the workbench switches LC_CTYPE to it; only a missing UTF-8 locale gives ASCII.
        t.start("\(shellQuote(TUITmux.binary)) open \(shellQuote(ws))", environment: env)
        #expect(t.waitFor("1 Cases (1)"))
        t.send("q")
        #expect(t.waitForExit() == 0)
        #expect(t.terminalRestored)
    }
}

@Suite struct TUIRefusalTests {
    @Test func refusesWithoutATerminal() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-tui-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (status, output) = TUISpawn.run(TUITmux.binary, ["open", dir])
        #expect(status == 2)
        #expect(output
            == "dossier: the workbench needs a terminal: standard input and output must be a TTY (use --replay, or the dossier subcommands, for scripts and pipes)\n")
    }

    @Test func replayPrintsTheScreenWithoutATerminal() throws {
        let (dir, ws, _) = try TUIEndToEndTests.makeWorkspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let script = dir + "/session.txt"
        try "pane.items\n:search 王\n".write(toFile: script, atomically: true, encoding: .utf8)
        let (status, out) = try TUIEndToEndTests.dossier(["open", ws, "--replay", script, "--size", "80x24"])
        #expect(status == 0)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 25)
        #expect(lines[0].hasPrefix(" Dossier › trafficking › Items (entitie"))
        #expect(lines[22] == "match 1/2 for 王")
    }
}
