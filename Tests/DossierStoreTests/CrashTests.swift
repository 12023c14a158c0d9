import DossierModel
@testable import DossierStore
import Foundation
import Testing

/// Finds an executable built next to the tests (`.build/<config>/NAME`).
func builtProduct(_ name: String) -> String? {
    var dirs: [String] = []
    if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        var d = URL(fileURLWithPath: exe).deletingLastPathComponent()
        for _ in 0..<4 {
            dirs.append(d.path)
            d = d.deletingLastPathComponent()
        }
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    dirs += [root.appendingPathComponent(".build/debug").path, root.appendingPathComponent(".build/release").path]
    return dirs.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

@Suite struct CrashTests {
    /// A child process commits transactions; it is killed with SIGKILL at random moments, 60 times. After each kill
    /// the workspace opens, fsck is clean, every transaction the child reported is there, and no transaction is
    /// there in part.
    @Test func killedWritersLoseNothingTheyReportedCommitted() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        guard let (child, path) = try CommittingChild.withNewWorkspace(in: dir) else { return }
        var rng = SeededGenerator(seed: 2024)
        var next = 1
        var reported = 0
        var cutTails = 0
        for round in 0..<60 {
            let text = CommittingChild.killMidStream(child, workspace: path, first: next,
                                                     delayMicros: UInt32(rng.next() % 40_000))
            for line in text.split(separator: "\n") where line.hasPrefix("committed ") {
                if let n = Int(line.dropFirst(10)) { reported = max(reported, n) }
            }
            let ws = try Workspace.open(at: path)
            #expect(!ws.isReadOnly, "round \(round): \(ws.openReport)")
            if !ws.openReport.isEmpty { cutTails += 1 }
            let report = ws.fsck()
            #expect(report.isClean, "round \(round): \(report.problems)")
            // Every reported transaction is complete; anything after it is complete or absent.
            var n = 1
            while true {
                let parts = (0..<(n % 3 + 1)).map { ws.resolve("tx-\(n)-\($0)") != nil }
                if n <= reported { #expect(parts.allSatisfy { $0 }, "round \(round): transaction \(n) lost") }
                if !parts.contains(true) { break }
                #expect(parts.allSatisfy { $0 }, "round \(round): transaction \(n) is there only in part")
                n += 1
            }
            next = n
            ws.close()
        }
        #expect(reported > 60)
    }
}
