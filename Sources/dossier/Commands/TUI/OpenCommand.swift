import ArgumentParser
import DossierStore
import DossierTUI
#if canImport(Glibc)
import Glibc
#endif

/// `dossier open [WORKSPACE]`: the interactive workbench (also what a bare `dossier` runs).
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open a workspace in the interactive workbench (the terminal UI).",
        discussion: """
            Keys: ? lists every command and its keys; : runs a command with arguments; q quits.
            With --replay, runs a script of command ids without a terminal and prints the final screen.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The workspace directory (default: --workspace or $DOSSIER_WORKSPACE).", valueName: "workspace"))
    var path: String?

    @Flag(name: .long, help: "Open the workspace read-only (review actions are refused).")
    var readOnly = false

    @Option(name: .long, help: ArgumentHelp("Read the passphrase of an encrypted workspace from this file.", valueName: "file"))
    var passphraseFile: String?

    @Option(name: .long, help: ArgumentHelp("Colour theme: a built-in name (dark, light, high-contrast, monochrome) or a theme file (default: $DOSSIER_THEME, else config.toml).", valueName: "name|path"))
    var theme: String?

    @Option(name: .long, help: ArgumentHelp("Replay a session script headlessly and print the screen.", valueName: "file"))
    var replay: String?

    @Option(name: .long, help: ArgumentHelp("The screen size for --replay.", valueName: "WIDTHxHEIGHT"))
    var size: String = "120x40"

    func run() throws {
        let location = try path.flatMap { $0.isEmpty ? nil : $0 } ?? global.workspacePath()
        if let script = replay {
            try runReplay(script, location: location)
            return
        }
        try OpenCommand.openInteractive(location, global: global, readOnly: readOnly, passphraseFile: passphraseFile,
                                        theme: theme)
    }

    /// Runs the workbench on the terminal for the workspace at `location` (also used by `dossier demo`).
    static func openInteractive(_ location: String, global: GlobalOptions, readOnly: Bool = false,
                                passphraseFile: String? = nil, theme: String? = nil) throws {
        guard isatty(0) == 1 && isatty(1) == 1 else {
            throw CLIFailure("the workbench needs a terminal: standard input and output must be a TTY "
                + "(use --replay, or the dossier subcommands, for scripts and pipes)", exitCode: 2)
        }
        let workspace = try openWorkspace(location, global: global, readOnly: readOnly, passphraseFile: passphraseFile)
        do {
            // Restricted cases the analyst is not named on never reach a pane.
            let code = try WorkbenchApp.run(store: AnalystWorkspace(workspace, analyst: global.analystName),
                                            analyst: global.analystName, environment: TUIEnvironment.current,
                                            theme: theme, startupMessages: workspace.openReport)
            // The store is closed and the terminal restored: end with the signal's status (130 for Ctrl-C).
            if code != 0 { Glibc.exit(code) }
        } catch let error as TerminalStartError {
            workspace.close()
            throw CLIFailure(error.message, exitCode: error.exitCode)
        } catch let error as ConfigError {
            workspace.close()
            throw CLIFailure(error.description)
        }
    }

    /// Opens through the store CLI's helper (passphrase from --passphrase-file, DOSSIER_PASSPHRASE_FILE or the terminal).
    static func openWorkspace(_ location: String, global: GlobalOptions, readOnly: Bool, passphraseFile: String?) throws -> Workspace {
        var options = global
        options.workspace = location
        return try options.openWorkspace(readOnly ? .readOnly : .readWrite, passphraseFile: passphraseFile)
    }

    func runReplay(_ scriptPath: String, location: String) throws {
        let dims = size.split(separator: "x").compactMap { Int($0) }
        guard dims.count == 2, (1...1000).contains(dims[0]), (1...1000).contains(dims[1]) else {
            throw CLIFailure("--size wants WIDTHxHEIGHT, e.g. 120x40", exitCode: 2)
        }
        guard let script = WorkbenchApp.readFile(scriptPath) else { throw CLIFailure("cannot read \(scriptPath)") }
        let workspace = try OpenCommand.openWorkspace(location, global: global, readOnly: readOnly, passphraseFile: passphraseFile)
        defer { workspace.close() }
        let config: UserConfig
        do {
            config = try WorkbenchApp.loadConfig(environment: TUIEnvironment.current)
        } catch let error as ConfigError {
            throw CLIFailure(error.description)
        }
        let workbench = Workbench(store: AnalystWorkspace(workspace, analyst: global.analystName), analyst: global.analystName,
                                  width: dims[0], height: dims[1],
                                  config: config, themeRequest: theme, environment: TUIEnvironment.current)
        do {
            let screens = try Replay.run(script, on: workbench)
            for (i, screen) in screens.enumerated() {
                if i > 0 { print("") }
                for line in screen {
                    var l = line
                    while l.last == " " { l.removeLast() }
                    print(l)
                }
            }
        } catch let failure as Replay.Failure {
            throw CLIFailure("\(scriptPath): \(failure)", exitCode: 2)
        }
    }
}

/// The process environment as a dictionary (the TUI takes it explicitly so tests can pass their own).
enum TUIEnvironment {
    static var current: [String: String] {
        var out: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let text = String(cString: entry)
            if let eq = text.firstIndex(of: "=") {
                out[String(text[..<eq])] = String(text[text.index(after: eq)...])
            }
            p += 1
        }
        return out
    }
}
