import ArgumentParser
import DossierStore

struct FsckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fsck", abstract: "Check every record and index of the workspace (exit 0 clean, 1 damaged).")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let ws: Workspace
        do {
            ws = try global.openWorkspace(.readOnly)
        } catch let f as CLIFailure {
            print("DAMAGED: \(f.message)")
            throw ExitCode(1)
        }
        defer { ws.close() }
        let report = ws.fsck()
        for n in report.notes { print(n) }
        for p in report.problems { print("DAMAGED: \(p)") }
        if report.isClean {
            print("clean")
        } else {
            throw ExitCode(1)
        }
    }
}

struct CompactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact", abstract: "Rewrite the live data into a new segment and drop replaced and deleted records.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let ws = try global.openWorkspace()
        defer { ws.close() }
        do {
            let r = try ws.compact()
            print("compacted \(r.liveItems) live items: \(r.bytesBefore) -> \(r.bytesAfter) bytes, \(r.segmentsRemoved) old segment(s) removed")
        } catch let e as StoreError {
            throw CLIFailure(e.description)
        }
    }
}
