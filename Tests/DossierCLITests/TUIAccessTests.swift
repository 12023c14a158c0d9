import Foundation
import Testing

/// The workbench shows each analyst only what the access policy lets them see.
@Suite struct TUIAccessTests {
    @Test func restrictedCaseNeverReachesAnotherAnalystsScreen() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-tui-access-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = dir + "/ws"
        #expect(try runDossier(["init", ws]).status == 0)
        #expect(try runDossier(["case", "new", "harbour", "--title", "Open case"], workspace: ws).status == 0)
        #expect(try runDossier(["case", "new", "informant", "--title", "Covert source"], workspace: ws).status == 0)
        #expect(try runDossier(["analyst", "add", "bob", "--role", "analyst"], workspace: ws).status == 0)
        #expect(try runDossier(["case", "restrict", "informant", "--to", "anna"], workspace: ws).status == 0)
        let script = dir + "/session.txt"
        try "pane.cases\nlist.down\n".write(toFile: script, atomically: true, encoding: .utf8)

        let bob = try runDossier(["open", ws, "--replay", script, "--size", "80x24"], workspace: ws, env: ["DOSSIER_ANALYST": "bob"])
        #expect(bob.status == 0, "\(bob.stderr)")
        #expect(bob.stdout.contains("harbour"))
        #expect(!bob.stdout.contains("informant"), "\(bob.stdout)")
        #expect(bob.stdout.contains("1 Cases (1)"))

        let anna = try runDossier(["open", ws, "--replay", script, "--size", "80x24"], workspace: ws)
        #expect(anna.status == 0, "\(anna.stderr)")
        #expect(anna.stdout.contains("informant"))
        #expect(anna.stdout.contains("1 Cases (2)"))

        // Anna's workbench showed the restricted case: that opening is in the audit trail, once; Bob's never was.
        let log = try runDossier(["audit", "log", "--json"], workspace: ws)
        #expect(log.status == 0, "\(log.stderr)")
        #expect(log.stdout.components(separatedBy: "workbench informant").count - 1 == 1, "\(log.stdout)")
    }
}
