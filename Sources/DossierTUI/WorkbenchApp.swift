import DossierModel
#if canImport(Glibc)
import Glibc
#endif

/// Runs the interactive workbench on the terminal until the analyst quits or a signal asks it to.
public enum WorkbenchApp {
    /// Opens the terminal, runs the loop, restores the terminal and closes the store. Returns the process exit code
    /// (0, or 128 + the signal that ended the session). Throws `TerminalStartError` (no TTY) or `ConfigError`.
    /// `theme` is `--theme` (a built-in name or a theme file); else DOSSIER_THEME, else config.toml's theme.
    public static func run(store: any WorkbenchStore, analyst: String, environment: [String: String],
                           theme: String? = nil, startupMessages: [String] = []) throws -> Int32 {
        let config = try loadConfig(environment: environment)
        let terminal = try NcursesTerminal(environment: environment)
        let backend = NcursesBackend(terminal: terminal)
        let size = terminal.size
        let workbench = Workbench(store: store, analyst: analyst, width: size.width, height: size.height,
                                  unicode: terminal.unicode, config: config, colors: terminal.depth != .none,
                                  capability: terminal.depth.capability, themeRequest: theme, environment: environment)
        let notes = terminal.notes + startupMessages
        if !notes.isEmpty && !workbench.statusIsError { workbench.say(notes.joined(separator: "; ")) }

        var signal: Int32 = 0
        var dirty = true
        while true {
            signal = terminal.takeQuitSignal()
            if signal != 0 || workbench.quitRequested { break }
            if workbench.poll() { dirty = true }
            if dirty || workbench.isBusy {
                backend.draw(workbench.render())
                dirty = false
            }
            guard let key = terminal.readKey(timeoutMilliseconds: workbench.isBusy ? 50 : 200) else { continue }
            if key == .resize || key == .ctrl("l") {
                let s = terminal.size
                workbench.resize(width: s.width, height: s.height)
                backend.invalidate()
            }
            workbench.handle(key)
            dirty = true
        }
        // Quit on the main loop, between commits: nothing is half-written, then the terminal comes back.
        workbench.cancelJobs()
        terminal.stop()
        store.close()
        for note in terminal.notes { writeError("dossier: \(note)\n") }
        return signal == 0 ? 0 : 128 + signal
    }

    /// The user's config.toml, or defaults when there is none.
    public static func loadConfig(environment: [String: String]) throws -> UserConfig {
        guard let path = UserConfig.defaultPath(environment: environment), let text = readFile(path) else { return UserConfig() }
        let probe = Workbench(store: MemoryStore(InMemoryItems()), analyst: "", width: 80, height: 24)
        return try UserConfig.parse(text, file: path, knownCommands: probe.commandIDs)
    }

    /// A text file's contents (nil when it cannot be read); used for config.toml and replay scripts.
    public static func readFile(_ path: String) -> String? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func writeError(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { return }
            offset += n
        }
    }
}
