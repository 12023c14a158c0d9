import Foundation
import Testing

/// Drives the real `dossier` binary inside a private tmux server (one per test, killed at the end).
final class TUITmux {
    static let tmuxPath: String? = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(dir)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    static var available: Bool { tmuxPath != nil }

    /// The package root, from this file's place in Tests/DossierCLITests/.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `dossier` binary `swift test` built next to the tests.
    static var binary: String {
        let bundle = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("dossier").path
        if FileManager.default.isExecutableFile(atPath: bundle) { return bundle }
        return packageRoot.appendingPathComponent(".build/debug/dossier").path
    }

    let socket: String
    private var started = false

    init(name: String) {
        socket = "dossier-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    deinit { kill() }

    @discardableResult
    func tmux(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TUITmux.tmuxPath ?? "/usr/bin/tmux")
        process.arguments = ["-L", socket] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Starts `command` in a detached session of the given size, under a shell that stays after it ends and prints
    /// its exit status as "[exit N]", so the test can read what the program left behind on a live terminal.
    func start(_ command: String, width: Int = 100, height: Int = 30, environment: [String: String] = [:]) {
        var env = ""
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) { env += "\(k)=\(shellQuote(v)) " }
        let script = "\(env)\(command); echo \"[exit $?]\"; sleep 600"
        tmux(["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", "t", "sh -c \(shellQuote(script))"])
        started = true
    }

    /// The pid of the program started in the pane (the shell's child).
    func programPID(timeout: Double = 10) -> Int32? {
        guard let shell = Int32(display("#{pane_pid}")) else { return nil }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/pgrep")
            p.arguments = ["-P", "\(shell)", "dossier"]
            let pipe = Pipe()
            p.standardOutput = pipe
            try? p.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            if let pid = Int32(String(decoding: data, as: UTF8.self).split(separator: "\n").first ?? "") { return pid }
            usleep(50_000)
        }
        return nil
    }

    func capture() -> String { tmux(["capture-pane", "-p", "-t", "t"]).output }

    func display(_ format: String) -> String {
        var out = tmux(["display-message", "-p", "-t", "t", format]).output
        while out.last == "\n" { out.removeLast() }
        return out
    }

    /// Polls the screen until `text` appears; false after `timeout` seconds.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if capture().contains(text) { return true }
            usleep(50_000)
        }
        return false
    }

    /// Polls until `condition` holds on the screen text.
    @discardableResult
    func waitUntil(timeout: Double = 20, _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(capture()) { return true }
            usleep(50_000)
        }
        return false
    }

    func send(_ keys: String...) { tmux(["send-keys", "-t", "t"] + keys) }
    func type(_ text: String) { tmux(["send-keys", "-t", "t", "-l", text]) }

    func resize(width: Int, height: Int) {
        tmux(["resize-window", "-t", "t", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The program's exit status once the shell printed it.
    func waitForExit(timeout: Double = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let screen = capture()
            if let range = screen.range(of: "[exit ") {
                let rest = screen[range.upperBound...]
                return Int32(rest.prefix { $0.isNumber })
            }
            usleep(50_000)
        }
        return nil
    }

    /// Whether the terminal is back to normal: alternate screen off, cursor visible.
    var terminalRestored: Bool { display("#{alternate_on} #{cursor_flag}") == "0 1" }

    func kill() {
        guard started else { return }
        started = false
        tmux(["kill-server"])
    }
}

func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
