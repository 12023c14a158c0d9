import Foundation
import Testing
@testable import DossierRender

/// The repository's themes/ directory, found from this file's path.
private let themesDirectory: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("themes").path
}()

private func withTempDirectory(_ body: (String) throws -> Void) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-theme-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try body(dir)
}

@Suite struct ThemeTests {
    @Test func shippedThemesAreBuiltInByteForByte() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: themesDirectory).filter { $0.hasSuffix(".toml") }
        #expect(files.map { String($0.dropLast(5)) }.sorted() == Theme.builtInNames)
        for name in Theme.builtInNames {
            let onDisk = try String(contentsOfFile: themesDirectory + "/" + name + ".toml", encoding: .utf8)
            #expect(Theme.builtInSource(name) == onDisk, "rerun .tools/gen_builtin_themes.py for \(name)")
        }
        #expect(Theme.builtInNames.contains("default") && Theme.builtInNames.contains("light")
            && Theme.builtInNames.contains("high-contrast") && Theme.builtInNames.contains("monochrome"))
    }

    @Test(arguments: ["default", "light", "high-contrast", "monochrome"])
    func everyShippedThemeParsesAndDefinesEveryRole(name: String) throws {
        let spec = try ThemeSpec.parse(try #require(Theme.builtInSource(name)), file: name)
        #expect(spec.name == name)
        for role in ThemeRole.plainRoles { #expect(spec.roles[role] != nil, "\(name) lacks \(role)") }
        for grade in ["A", "B", "C", "D", "E", "F"] { #expect(spec.roles[ThemeRole("grade." + grade)] != nil) }
        for kind in ["person", "phone", "bank-account", "other"] { #expect(spec.roles[ThemeRole("entity." + kind)] != nil) }
        for role in [ThemeRole.timelineLane, .timelineEvent, .timelineConnector, .chartEdge, .chartNode] {
            #expect(spec.roles[role] != nil)
        }
    }

    @Test(arguments: ["default", "light", "high-contrast"])
    func mainTextMeetsWCAGContrast(name: String) throws {
        let spec = try ThemeSpec.parse(try #require(Theme.builtInSource(name)), file: name)
        #expect(spec.hasColors)
        let text = try #require(spec.roles[.text])
        // Every entry of the fallback lists must keep the contrast (truecolor, 256-colour and 8-colour terminals).
        for (fg, bg) in zip(text.fg, text.bg) {
            let ratio = Contrast.ratio(fg.rgb, bg.rgb)
            #expect(ratio >= 4.5, "\(name): \(fg) on \(bg) has contrast \(ratio)")
        }
        #expect(text.fg.count == 3 && text.bg.count == 3)
    }

    @Test func contrastFormula() {
        #expect(abs(Contrast.ratio((0, 0, 0), (255, 255, 255)) - 21) < 1e-9)
        #expect(Contrast.ratio((119, 119, 119), (255, 255, 255)) > 4.47)
        #expect(Contrast.ratio((119, 119, 119), (255, 255, 255)) < 4.49)
    }

    @Test func monochromeUsesOnlyBoldReverseUnderline() throws {
        let spec = try ThemeSpec.parse(try #require(Theme.builtInSource("monochrome")), file: "monochrome")
        #expect(!spec.hasColors)
        #expect(!spec.roles.values.contains { $0.dim })
        #expect(Theme.monochrome.style(.selection) == CellStyle(reverse: true))
        #expect(Theme.monochrome.style(.paneBorder) == .plain)
    }

    @Test func resolvesEachCapability() {
        let text = ThemeRole.text
        #expect(Theme.builtIn("default", capability: .truecolor)?.style(text).fg == .rgb(0xD8, 0xDE, 0xE9))
        #expect(Theme.builtIn("default", capability: .palette256)?.style(text).fg == .indexed(254))
        #expect(Theme.builtIn("default", capability: .ansi8)?.style(text).fg == .indexed(7))
        #expect(Theme.builtIn("default", capability: .ansi8)?.style(text).bg == .indexed(0))
        #expect(Theme.builtIn("default", capability: .none)?.style(text) == CellStyle())
        // A role without a background is drawn on the text background.
        #expect(Theme.default.style(.muted).bg == .rgb(0x1C, 0x20, 0x28))
    }

    @Test func colourApproximationWhenOnlyHexIsGiven() throws {
        let spec = try ThemeSpec.parse("text = { fg = \"#ff0000\", bg = \"#000000\" }\n", file: "t")
        #expect(spec.resolved(for: .palette256).style(.text).fg == .indexed(196))
        #expect(spec.resolved(for: .ansi16).style(.text).fg == .indexed(9))
        #expect(spec.resolved(for: .ansi8).style(.text).fg == .indexed(1))
        #expect(spec.resolved(for: .ansi8).style(.text).bg == .indexed(0))
    }

    @Test func rolesFallBack() {
        let t = Theme.default
        #expect(t.entity("some-partner-kind") == t.style(.entityOther))
        #expect(t.style(ThemeRole("timeline.unknown")) == t.style(.text))
        #expect(t.grade(.a) == t.style(ThemeRole("grade.A")))
    }

    @Test func brokenThemeFileIsReportedWithLineAndKeyAndDefaultIsUsed() throws {
        try withTempDirectory { dir in
            let path = dir + "/broken.toml"
            let text = """
                name = "broken"
                text = { fg = ["#d8dee9"], bg = ["#1c2028"] }

                [entity]
                person = { fg = ["#12345"] }

                """
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let result = ThemeLoader.load(requested: path, environment: [:], capability: .truecolor)
            #expect(result.theme == Theme.default)
            #expect(result.warnings == [
                "\(path):5: entity.person: fg: \"#12345\" is not a colour (use \"#RRGGBB\", a 256-colour index 0-255, "
                    + "or a name such as \"red\" or \"bright-red\"); using the default theme",
            ])
        }
    }

    @Test func syntaxErrorAndUnknownRoleNameTheLine() {
        do {
            _ = try ThemeSpec.parse("name = \"x\"\n\ntext = { fg = [\"#ffffff\" }\n", file: "a.toml")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.file == "a.toml" && error.line == 3)
        }
        do {
            _ = try ThemeSpec.parse("name = \"x\"\npane-boder = { bold = true }\n", file: "b.toml")
            Issue.record("expected an unknown-role error")
        } catch {
            #expect(error.line == 2 && error.key == "pane-boder")
            #expect(error.description.hasPrefix("b.toml:2: pane-boder: unknown role"))
        }
        do {
            _ = try ThemeSpec.parse("[grade]\nB = { fg = 300 }\n", file: "c.toml")
            Issue.record("expected a range error")
        } catch {
            #expect(error.description == "c.toml:2: grade.B: fg: colour index 300 is not 0-255")
        }
    }

    @Test func lookupOrder() throws {
        try withTempDirectory { dir in
            try FileManager.default.createDirectory(atPath: dir + "/dossier/themes", withIntermediateDirectories: true)
            try "name = \"mine\"\ntext = { fg = 15, bg = 0 }\n"
                .write(toFile: dir + "/dossier/themes/mine.toml", atomically: true, encoding: .utf8)
            let env = ["XDG_CONFIG_HOME": dir, "DOSSIER_THEME": "mine"]
            let fromEnv = ThemeLoader.load(requested: nil, environment: env, capability: .palette256)
            #expect(fromEnv.theme.name == "mine" && fromEnv.origin == dir + "/dossier/themes/mine.toml")
            #expect(fromEnv.theme.style(.text).fg == .indexed(15))
            let flagWins = ThemeLoader.load(requested: "light", environment: env, capability: .palette256)
            #expect(flagWins.theme.name == "light" && flagWins.origin == "built-in light")
            let noColor = ThemeLoader.load(requested: "light", environment: env.merging(["NO_COLOR": "1"]) { $1 },
                                           capability: .truecolor)
            #expect(noColor.theme == Theme.monochrome)
            let unknown = ThemeLoader.load(requested: "nope", environment: env, capability: .truecolor)
            #expect(unknown.theme == Theme.default)
            #expect(unknown.warnings.count == 1 && unknown.warnings[0].hasPrefix("no theme named \"nope\""))
        }
    }

    @Test func capabilityDetection() {
        #expect(ColorCapability.detect(environment: ["COLORTERM": "truecolor", "TERM": "xterm"]) == .truecolor)
        #expect(ColorCapability.detect(environment: ["TERM": "xterm-256color"]) == .palette256)
        #expect(ColorCapability.detect(environment: ["TERM": "linux"]) == .ansi8)
        #expect(ColorCapability.detect(environment: ["TERM": "dumb"]) == .none)
        #expect(ColorCapability(colorCount: 256) == .palette256)
        #expect(ColorCapability(colorCount: 8) == .ansi8)
    }
}
