import Foundation
import Testing

/// `dossier chart` end to end on a small workspace.
@Suite struct ChartCLITests {
    @Test func chartOfACase() throws {
        let dir = NSTemporaryDirectory() + "/dossier-chart-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = dir + "/ws"
        #expect(try runDossier(["init", ws]).status == 0)
        #expect(try runDossier(["case", "new", "nord"], workspace: ws).status == 0)
        func add(_ kind: String, _ name: String) throws -> String {
            let r = try runDossier(["add", "entity", "--case", "nord", "--kind", kind, "--name", name], workspace: ws)
            return r.stdout.split(separator: "\n").last.map(String.init) ?? ""
        }
        let ana = try add("person", "Ana"), phone = try add("phone", "07700 900123"), car = try add("vehicle", "車")
        #expect(try runDossier(["add", "link", ana, phone, "--type", "uses"], workspace: ws).status == 0)
        #expect(try runDossier(["add", "link", ana, car, "--type", "owns", "--directed"], workspace: ws).status == 0)

        let run = try runDossier(["chart", "--case", "nord", "--layout", "hierarchical", "--width", "60", "--ascii",
                                  "--stats"], workspace: ws)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains { $0.contains("|P Ana") })
        #expect(lines.contains { $0.contains("|T 07700 900123|") })
        #expect(lines.contains { $0.contains("|V 車|") })
        #expect(lines.contains("crossings 0, bends 1, size 25x8"))
        #expect(lines.contains("entities 3 shown, 0 left out; links 2 routed, 0 unrouted (0 drawn dotted)"))
        #expect(run.stdout.unicodeScalars.allSatisfy { $0.isASCII || $0 == "車" })

        let bad = try runDossier(["chart", "--layout", "spiral"], workspace: ws)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--layout \"spiral\": expected hierarchical, force, circular, radial or grouped"))
        let missing = try runDossier(["chart", "--focus", "Nobody"], workspace: ws)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no entity \"Nobody\""))
        let focused = try runDossier(["chart", "--focus", "Ana", "--depth", "1", "--layout", "radial", "--width", "80"],
                                     workspace: ws)
        #expect(focused.status == 0)
        #expect(focused.stdout.contains("☺ Ana"))
    }
}
