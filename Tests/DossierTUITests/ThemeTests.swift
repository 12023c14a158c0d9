import DossierModel
import DossierRender
import Foundation
import Testing
@testable import DossierTUI

/// The workbench draws with DossierRender's themes, resolved for the terminal's colour depth.
@Suite struct ThemeTests {
    static func workbench(_ capability: ColorCapability = .palette256, colors: Bool = true, request: String? = nil,
                          config: UserConfig = UserConfig(), environment: [String: String] = [:]) -> Workbench {
        Workbench(store: MemoryStore(Fixture.items()), analyst: "alice", width: 80, height: 24, config: config,
                  colors: colors, capability: capability, themeRequest: request, environment: environment)
    }

    /// Every colour drawn on the screen.
    static func colours(_ w: Workbench) -> Set<TerminalColor> {
        var out = Set<TerminalColor>()
        for cell in w.render().cells { out.insert(cell.style.fg); out.insert(cell.style.bg) }
        return out
    }

    @Test func colourDepthPicksFromTheFallbackLists() {
        let eight = Self.colours(Self.workbench(.ansi8))
        #expect(eight.allSatisfy { if case .indexed(let i) = $0 { i < 8 } else { $0 == .default } })
        #expect(eight.contains(.indexed(0)))  // the default theme's background, "black"
        let sixteen = Self.colours(Self.workbench(.ansi16))
        #expect(sixteen.allSatisfy { if case .indexed(let i) = $0 { i < 16 } else { $0 == .default } })
        let indexed = Self.colours(Self.workbench(.palette256))
        #expect(indexed.contains(.indexed(235)))  // text background: 235 in the 256-colour list
        let direct = Self.colours(Self.workbench(.truecolor))
        #expect(direct.contains(.rgb(0x1c, 0x20, 0x28)))
        #expect(!direct.contains { if case .indexed = $0 { true } else { false } })
    }

    @Test func noColourGivesMonochromeAndStaysThere() {
        let w = Self.workbench(colors: false, environment: ["NO_COLOR": "1"])
        #expect(w.themeName == "monochrome" && w.styles == .monochrome)
        #expect(Self.colours(w) == [.default])
        w.runLine("theme light")
        #expect(w.status == "NO_COLOR is set: staying monochrome" && w.statusIsError)
        #expect(w.styles == .monochrome)
    }

    @Test func themeSwitchesLiveWithAliases() {
        let w = Self.workbench()
        #expect(w.themeName == "default" && w.styles == .dark)
        w.runLine("theme light")
        #expect(w.themeName == "light" && w.styles == .light)
        #expect(w.status == "theme light (built-in light, 256 colours)")
        #expect(Self.colours(w).contains(.indexed(231)))  // the light theme's background
        w.runLine("theme mono")
        #expect(w.themeName == "monochrome")
        w.runLine("theme dark")
        #expect(w.themeName == "default")
        w.runLine("theme sepia")
        #expect(w.status.hasPrefix("no theme sepia (built-in: dark, default, high-contrast, light, monochrome)"))
        #expect(w.themeName == "default")
    }

    @Test func requestThenEnvironmentThenConfig() {
        let config = UserConfig(theme: "high-contrast")
        #expect(Self.workbench(config: config).themeName == "high-contrast")
        #expect(Self.workbench(config: config, environment: ["DOSSIER_THEME": "light"]).themeName == "light")
        #expect(Self.workbench(request: "mono", config: config, environment: ["DOSSIER_THEME": "light"]).themeName == "monochrome")
        let unknown = Self.workbench(config: UserConfig(theme: "sepia"))
        #expect(unknown.themeName == "default" && unknown.statusIsError)
        #expect(unknown.status.hasPrefix("no theme named \"sepia\""))
    }

    @Test func userThemeFilesFromTheConfigDirectory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-theme-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/dossier/themes", withIntermediateDirectories: true)
        let toml = "name = \"night\"\ntext = { fg = [\"#c0c0c0\", 250, \"white\"], bg = [\"#000000\", 16, \"black\"] }\n"
            + "selection = { fg = [16], bg = [202] }\n"
        try toml.write(toFile: dir + "/dossier/themes/night.toml", atomically: true, encoding: .utf8)
        let w = Self.workbench(environment: ["XDG_CONFIG_HOME": dir])
        w.runLine("theme night")
        #expect(w.themeName == "night")
        #expect(w.styles.selection.bg == .indexed(202) && w.styles.text.bg == .indexed(16))
    }

    @Test func depthsMapToCapabilities() {
        #expect(ColorDepth.none.capability == .none && ColorDepth.eight.capability == .ansi8)
        #expect(ColorDepth.sixteen.capability == .ansi16 && ColorDepth.indexed256.capability == .palette256)
        #expect(ColorDepth.direct.capability == .truecolor)
    }
}
