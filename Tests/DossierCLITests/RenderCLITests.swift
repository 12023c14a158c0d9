import Foundation
import Testing

/// The render commands through the real binary: timeline, report, theme.
@Suite struct RenderCLITests {
    /// A workspace with one case, three entities and four events, built through the CLI.
    static func makeWorkspace() throws -> (dir: String, ws: String) {
        let dir = NSTemporaryDirectory() + "/dossier-render-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let ws = dir + "/ws"
        func run(_ args: [String]) throws -> String {
            let r = try runDossier(args, workspace: ws)
            guard r.status == 0 else { throw CocoaError(.featureUnsupported, userInfo: ["args": args, "err": r.stderr]) }
            return r.stdout.split(separator: "\n").last.map(String.init) ?? ""
        }
        _ = try run(["init", ws])
        _ = try run(["case", "new", "harbour", "--title", "Operation Harbour"])
        let lee = try run(["add", "entity", "--case", "harbour", "--kind", "person", "--name", "李小龍"])
        let ana = try run(["add", "entity", "--case", "harbour", "--kind", "phone", "--name", "+447700900123"])
        _ = try run(["add", "event", "--case", "harbour", "--kind", "call", "--time", "2024-03-01T09:00:00Z",
                     "--participant", "\(lee):caller", "--participant", "\(ana):receiver", "--summary", "call 2m"])
        _ = try run(["add", "event", "--case", "harbour", "--kind", "call", "--time", "2024-03-02T14:30:00Z",
                     "--participant", "\(ana):caller", "--participant", "\(lee):receiver"])
        _ = try run(["add", "event", "--case", "harbour", "--kind", "seizure", "--time", "2024-03-04",
                     "--participant", "\(lee):subject", "--summary", "<script>"])
        return (dir, ws)
    }

    @Test func timelineReportAndErrors() throws {
        let (dir, ws) = try Self.makeWorkspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }

        let t = try runDossier(["timeline", "--case", "harbour", "--width", "60", "--ascii"], workspace: ws)
        #expect(t.status == 0)
        let lines = t.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Timeline of harbour  2024-03-01 -> 2024-03-04 UTC | 3 events")
        #expect(lines.contains { $0.hasPrefix("李小龍") && $0.contains("[") && $0.contains("]") })
        #expect(lines.allSatisfy { $0.unicodeScalars.allSatisfy { $0.isASCII } || $0.contains("李小龍") })

        let bad = try runDossier(["timeline", "--from", "yesterday"], workspace: ws)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--from \"yesterday\": not an ISO 8601 time"))
        let noCase = try runDossier(["timeline", "--case", "nope"], workspace: ws)
        #expect(noCase.status == 1 && noCase.stderr.contains("no case \"nope\""))

        let out = dir + "/report.html"
        let r = try runDossier(["report", "--case", "harbour", "-o", out], workspace: ws)
        #expect(r.status == 0)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("&lt;script&gt;") && !html.contains("<script>"))
        let md = try runDossier(["report", "--case", "harbour", "--format", "md"], workspace: ws)
        #expect(md.status == 0 && md.stdout.hasPrefix("# Case report: Operation Harbour (harbour)\n"))
        #expect(md.stdout.contains("\\<script\\>"))
        let badFormat = try runDossier(["report", "--case", "harbour", "--format", "pdf"], workspace: ws)
        #expect(badFormat.status == 2)
    }

    @Test func themeListAndShow() throws {
        let dir = NSTemporaryDirectory() + "/dossier-theme-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/dossier/themes", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "name = \"mine\"\ntext = { fg = 300 }\n".write(toFile: dir + "/dossier/themes/mine.toml", atomically: true, encoding: .utf8)
        let env = ["XDG_CONFIG_HOME": dir]
        let list = try runDossier(["theme", "list"], env: env)
        #expect(list.status == 0)
        for name in ["default", "light", "high-contrast", "monochrome", "mine"] { #expect(list.stdout.contains(name)) }
        #expect(list.stdout.contains("BROKEN: \(dir)/dossier/themes/mine.toml:2: text: fg: colour index 300 is not 0-255"))
        let show = try runDossier(["theme", "show", "default", "--colors", "256"], env: env)
        #expect(show.status == 0)
        #expect(show.stdout.contains("\ntext                  fg 254, bg 235\n"))
        let toml = try runDossier(["theme", "show", "light", "--toml"], env: env)
        #expect(toml.stdout.hasPrefix("# Dossier theme \"light\""))
        let broken = try runDossier(["theme", "show", "mine"], env: env)
        #expect(broken.status == 1 && broken.stderr.contains("mine.toml:2: text: fg: colour index 300 is not 0-255"))
    }
}
