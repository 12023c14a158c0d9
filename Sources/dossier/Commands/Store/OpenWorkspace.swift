import ArgumentParser
import DossierModel
import DossierStore
#if canImport(Glibc)
import Glibc
#endif

/// Opening the workspace for a command: the path from the global options, the passphrase (for an encrypted
/// workspace) from `--passphrase-file`, `DOSSIER_PASSPHRASE_FILE`, or the terminal without echo.
extension GlobalOptions {
    func openWorkspace(_ mode: AccessMode = .readWrite, passphraseFile: String? = nil) throws -> Workspace {
        let path = try workspacePath()
        do {
            var passphrase: String?
            if try Workspace.isEncrypted(at: path) {
                passphrase = try Passphrase.obtain(file: passphraseFile, prompt: "Passphrase for \(path): ")
            }
            let ws = try Workspace.open(at: path, mode: mode, passphrase: passphrase)
            for line in ws.openReport { writeStandardError("dossier: \(line)\n") }
            try Trust.admit(ws, analyst: analystName)  // trust: refuses unregistered analysts, sets who reads
            return ws
        } catch let e as StoreError {
            throw CLIFailure(e.description)
        }
    }

    /// A change batch stamped with the acting analyst and the current time.
    func batch(_ action: String, reason: String = "") -> ChangeBatch {
        ChangeBatch(analyst: analystName, time: .now(), action: action, reason: reason)
    }
}

enum Passphrase {
    /// From `file`, else DOSSIER_PASSPHRASE_FILE, else the terminal (no echo). The file's first line is used.
    static func obtain(file: String?, prompt: String, confirm: Bool = false) throws -> String {
        var path = file
        if path == nil, let env = getenv("DOSSIER_PASSPHRASE_FILE"), let p = String(validatingCString: env), !p.isEmpty {
            path = p
        }
        if let path {
            guard let bytes = readFile(path) else { throw CLIFailure("cannot read passphrase file \(path)") }
            let text = String(decoding: bytes, as: UTF8.self)
            let line = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let trimmed = line.hasSuffix("\r") ? String(line.dropLast()) : line
            guard !trimmed.isEmpty else { throw CLIFailure("passphrase file \(path) is empty") }
            return trimmed
        }
        let first = try readFromTerminal(prompt)
        if confirm {
            let second = try readFromTerminal("Repeat the passphrase: ")
            guard first == second else { throw CLIFailure("the passphrases do not match") }
        }
        guard !first.isEmpty else { throw CLIFailure("empty passphrase") }
        return first
    }

    static func readFile(_ path: String) -> [UInt8]? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buf, 1, buf.count, f)
            if n <= 0 { break }
            out += buf[0..<n]
        }
        return out
    }

    /// Reads a line from /dev/tty with echo switched off.
    static func readFromTerminal(_ prompt: String) throws -> String {
        let fd = open("/dev/tty", O_RDWR)
        guard fd >= 0 else {
            throw CLIFailure("a passphrase is needed: no terminal to ask on; use --passphrase-file or DOSSIER_PASSPHRASE_FILE")
        }
        defer { close(fd) }
        _ = prompt.withCString { write(fd, $0, strlen($0)) }
        var old = termios()
        tcgetattr(fd, &old)
        var quiet = old
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(fd, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(fd, TCSAFLUSH, &old)
            _ = write(fd, "\n", 1)
        }
        var bytes: [UInt8] = []
        var c: UInt8 = 0
        while read(fd, &c, 1) == 1 && c != 10 && c != 13 { bytes.append(c) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Resolving what the analyst typed (id, id prefix, or name) to an item, with clear errors.
extension Workspace {
    func require(_ text: String, what: String = "item") throws -> ItemID {
        let found = Trust.visibleOnly(candidates(for: text), self)  // trust: restricted cases stay hidden
        if found.count == 1 { return found[0] }
        if found.isEmpty { throw CLIFailure("no \(what) \"\(text)\" (give an id, an id prefix of 4+ characters, or an exact name)") }
        let shown = found.prefix(5).map(\.description).joined(separator: ", ")
        throw CLIFailure("\"\(text)\" is ambiguous: \(found.count) matches (\(shown)\(found.count > 5 ? ", ..." : ""))")
    }

    func requireCase(_ text: String) throws -> Case {
        let visible = Trust.visible(self)  // trust: restricted cases stay hidden
        if let c = visible.caseNamed(text) { return c }
        if let id = resolve(text), let c = visible.item(id)?.caseValue { return c }
        throw CLIFailure("no case \"\(text)\" (see `dossier case list`)")
    }
}

/// Parses "key=value".
func parseAttribute(_ text: String) throws -> Attribute {
    guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
        throw CLIFailure("--attr \"\(text)\": expected key=value", exitCode: 2)
    }
    return Attribute(String(text[..<eq]), String(text[text.index(after: eq)...]))
}

func parseTime(_ text: String, option: String) throws -> TimePoint {
    guard let t = TimePoint.parse(text) else {
        throw CLIFailure("\(option) \"\(text)\": not an ISO 8601 time (e.g. 2024-03-01T14:05:00Z, 2024-03-01, 2024)", exitCode: 2)
    }
    return t
}

func commitOrFail(_ ws: Workspace, _ batch: ChangeBatch) throws {
    do {
        try ws.commit(batch)
    } catch let e as StoreError {
        throw CLIFailure(e.description)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmedForCLI: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
