import ArgumentParser
import DossierExchange
import DossierModel
import DossierStore
#if canImport(Glibc)
import Glibc
#endif

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build the demo workspace (three linked cases) if it is missing, and open it.")

    @Option(help: ArgumentHelp("Where the demo workspace lives (default: $XDG_DATA_HOME/dossier/demo).", valueName: "path"))
    var path: String?

    @Flag(help: "Only build it and print a summary.")
    var buildOnly = false

    @Option(help: ArgumentHelp("Colour theme for the workbench (a built-in name or a theme file).", valueName: "name|path"))
    var theme: String?

    static func defaultPath() -> String {
        if let x = getenv("XDG_DATA_HOME"), let s = String(validatingCString: x), !s.isEmpty { return s + "/dossier/demo" }
        let home = getenv("HOME").flatMap { String(validatingCString: $0) } ?? "."
        return home + "/.local/share/dossier/demo"
    }

    /// mkdir -p for the parent directories.
    static func makeParents(of path: String) throws {
        var prefix = path.hasPrefix("/") ? "" : "."
        let parts = path.split(separator: "/").dropLast()
        for p in parts {
            prefix += "/" + p
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { throw CLIFailure("cannot create directory \(prefix)") }
        }
    }

    func run() throws {
        let target = path ?? DemoCommand.defaultPath()
        let world = DemoWorld()
        var built = false
        do {
            if access(target, F_OK) != 0 {
                try DemoCommand.makeParents(of: target)
                let ws = try Workspace.create(at: target)
                try ws.commit(world.batch)
                ws.close()
                built = true
            } else {
                let ws = try Workspace.open(at: target, mode: .readOnly)
                ws.close()
            }
        } catch let e as StoreError {
            throw CLIFailure(e.description)
        }
        print(built ? "Built the demo workspace \(target)" : "Demo workspace \(target) (already built)")
        for line in world.summaryLines { print(line) }
        if !buildOnly {
            if isatty(0) == 1 && isatty(1) == 1 {
                try OpenCommand.openInteractive(target, global: try GlobalOptions.parse([]), theme: theme)
            } else {
                print("Explore it with: dossier open \(target)  (or dossier list --workspace \(target))")
            }
        }
    }
}
