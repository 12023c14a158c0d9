import Foundation
import Testing

@Suite struct ExchangeCLITests {
    let dir: String = {
        let d = NSTemporaryDirectory() + "/dossier-exchange-cli-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }()

    static let spec = """
    [source]
    provider = "Vodafone UK"
    grading = "B2"
    handling = "H1"

    [entities.caller]
    kind = "phone"
    identifier = "caller"

    [entities.callee]
    kind = "phone"
    identifier = "callee"

    [[events]]
    kind = "call"
    start = "start"
    format = "%d/%m/%Y %H:%M"
    duration = "duration"
    participants = { caller = "caller", receiver = "callee" }
    """

    static let good = "caller,callee,start,duration\n+447700900123,+33612345678,01/03/2026 10:00,75\n+447700900124,+33612345678,01/03/2026 11:00,5\n"

    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let p = dir + "/" + name
        _ = FileManager.default.createFile(atPath: p, contents: Data(bytes))
        return p
    }

    func snapshot(_ ws: String) throws -> String {
        let out = dir + "/snapshot.json"
        let r = try runDossier(["export", "--format", "json", "-o", out], workspace: ws)
        #expect(r.status == 0)
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }

    @Test func importWithSpecThenDefectsLeaveTheWorkspaceUnchanged() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = dir + "/ws"
        #expect(try runDossier(["init", ws]).status == 0)
        let spec = write("calls.toml", Array(ExchangeCLITests.spec.utf8))
        let good = write("calls.csv", Array(ExchangeCLITests.good.utf8))
        let r = try runDossier(["import", good, "--case", "op-lantern", "--spec", spec], workspace: ws)
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "calls.csv: 2 rows: 2 imported, 0 merged, 0 rejected")
        #expect(lines.dropFirst().first == "created 3 entities (0 matched existing), 0 links, 2 events")
        #expect(lines.last == "committed 7 changes")
        let before = try snapshot(ws)
        #expect(before.contains("\"provider\" : \"Vodafone UK\""))
        // The log's bytes too: a refused import streamed its rows into a transaction that was cut off again.
        func logBytes() -> Int {
            let segments = (try? FileManager.default.contentsOfDirectory(atPath: ws + "/segments")) ?? []
            return segments.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: ws + "/segments/" + $1)[.size] as? Int) ?? 0) }
        }
        let bytesBefore = logBytes()

        let header = Array("caller,callee,start,duration\n+447700900125,+33612345678,01/03/2026 10:00,75\n".utf8)
        let defects: [(String, [UInt8], String)] = [
            ("invalid UTF-8", [0xEF, 0xBB, 0xBF] + header + Array("+447700900126,+3361234".utf8) + [0xFF, 0xFE] + Array(",01/03/2026 10:00,5\n".utf8),
             "dossier: rejected calls.csv:3: invalid UTF-8\n"),
            ("wrong column count", header + Array("+447700900126,+33612345678,01/03/2026 10:00\n".utf8),
             "dossier: rejected calls.csv:3: expected 4 fields, found 3\n"),
            ("bad date", header + Array("+447700900126,+33612345678,2026-03-01 10:00,5\n".utf8),
             "dossier: rejected calls.csv:3: bad date in column \"start\": \"2026-03-01 10:00\" (expected %d/%m/%Y %H:%M)\n"),
        ]
        for (label, bytes, message) in defects {
            let p = write("calls.csv", bytes)
            let bad = try runDossier(["import", p, "--case", "op-lantern", "--spec", spec], workspace: ws)
            #expect(bad.status == 1, "\(label)")
            #expect(bad.stderr.contains(message), "\(label): \(bad.stderr)")
            #expect(bad.stderr.hasSuffix("dossier: nothing committed: 1 row rejected; fix them or pass --accept-partial\n"), "\(label)")
            #expect(FileManager.default.fileExists(atPath: p + ".rejects.csv"), "\(label)")
            #expect(try snapshot(ws) == before, "\(label)")
            #expect(logBytes() == bytesBefore, "\(label)")
        }
        let unclosed = write("calls.csv", header + Array("+447700900126,\"+33612345678,01/03/2026 10:00,5\n".utf8))
        let u = try runDossier(["import", unclosed, "--case", "op-lantern", "--spec", spec], workspace: ws)
        #expect(u.status == 1)
        #expect(u.stderr == "dossier: calls.csv:3: unclosed quote\n")
        #expect(try snapshot(ws) == before)

        // --dry-run reports and commits nothing; --accept-partial commits the good rows.
        let partial = write("calls.csv", header + Array("+447700900126,+33612345678,01/03/2026 10:00\n".utf8))
        let dry = try runDossier(["import", partial, "--case", "op-lantern", "--spec", spec, "--dry-run"], workspace: ws)
        #expect(dry.status == 0)
        // Nothing is stored, so the counts are what the import "would create".
        let dryLines = dry.stdout.split(separator: "\n").map(String.init)
        #expect(dryLines.count == 4)
        #expect(dryLines.first == "calls.csv: 2 rows: 1 imported, 0 merged, 1 rejected")
        #expect(dryLines.dropFirst().first == "would create 1 entities (1 matched existing), 0 links, 1 events")
        #expect(dryLines.last == "dry run: nothing committed")
        #expect(try snapshot(ws) == before)
        let accepted = try runDossier(["import", partial, "--case", "op-lantern", "--spec", spec, "--accept-partial"], workspace: ws)
        #expect(accepted.status == 0)
        #expect(accepted.stdout.hasPrefix("calls.csv: 2 rows: 1 imported, 0 merged, 1 rejected\ncreated 1 entities (1 matched existing)"))
        #expect(try snapshot(ws) != before)
    }

    @Test func ftmDefectsAndRoundTrip() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = dir + "/ws"
        #expect(try runDossier(["init", ws]).status == 0)
        let lines = """
        {"id":"p1","schema":"Person","properties":{"name":["Anna Kowalska"],"phone":["+48601234567"],"birthDate":["1990-04-01"]}}
        {"id":"p2","schema":"Person","properties":{"name":["Иван Петров"]}}
        {"id":"f1","schema":"Family","properties":{"person":["p1"],"relative":["p2"],"startDate":["2015-06"]}}

        """
        let good = write("people.ftm.json", Array(lines.utf8))
        let bad = write("bad.ftm.json", Array((lines + "{\"id\":\"x\",\"schema\":\"Spaceship\",\"properties\":{}}\n{\"id\":\"y\",\"schema\":\"Person\"\n").utf8))
        let before = try snapshot(ws)
        let r = try runDossier(["import", bad, "--case", "c1"], workspace: ws)
        #expect(r.status == 1)
        #expect(r.stderr.contains("dossier: rejected bad.ftm.json:4: unknown schema \"Spaceship\"\ndossier: rejected bad.ftm.json:5: not valid JSON\n"))
        #expect(try snapshot(ws) == before)
        // A line only the second pass reads (a relationship to an unknown party): the streamed commit is abandoned.
        let late = write("late.ftm.json", Array((lines + "{\"id\":\"a1\",\"schema\":\"Associate\",\"properties\":{\"person\":[\"p1\"],\"associate\":[\"p9\"]}}\n").utf8))
        let l = try runDossier(["import", late, "--case", "c1"], workspace: ws)
        #expect(l.status == 1)
        #expect(l.stderr.contains("dossier: rejected late.ftm.json:4: unknown entity \"p9\" in property \"associate\"\n"))
        #expect(l.stdout.hasPrefix("late.ftm.json: 4 rows: 3 imported, 0 merged, 1 rejected\nwould create 3 entities (0 matched existing), 2 links, 0 events\n"))
        #expect(try snapshot(ws) == before)
        let ok = try runDossier(["import", good, "--case", "c1"], workspace: ws)
        #expect(ok.status == 0)
        #expect(ok.stdout.hasPrefix("people.ftm.json: 3 rows: 3 imported, 0 merged, 0 rejected\ncreated 3 entities (0 matched existing), 2 links, 0 events\n"))
        let out = dir + "/out.ftm.json"
        let e = try runDossier(["export", "--format", "ftm", "--case", "c1", "-o", out], workspace: ws)
        #expect(e.status == 0)
        #expect(e.stdout == "wrote \(out): 1 Family, 2 Person\n")
        let exported = try String(contentsOfFile: out, encoding: .utf8)
        #expect(exported.contains("\"phone\":[\"+48601234567\"]"))
        #expect(exported.contains("\"startDate\":[\"2015-06\"]"))
    }

    @Test func demoAndGenerate() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/data/dossier/demo"
        let r = try runDossier(["demo", "--path", path, "--build-only"])
        #expect(r.status == 0)
        #expect(r.stdout == """
        Built the demo workspace \(path)
        cases: trafficking (Operation Danube), cyber (Operation Nightjar), art (Operation Vermeer)
        items: 3 cases, 70 entities, 36 links, 455 events, 9 sources, 1 notes

        """)
        let again = try runDossier(["demo", "--build-only"], env: ["XDG_DATA_HOME": dir + "/data"])
        #expect(again.stdout.hasPrefix("Demo workspace \(path) (already built)\n"))
        let g = try runDossier(["generate", "--out", dir + "/gen", "--people", "40", "--events", "250", "--seed", "5"])
        #expect(g.status == 0)
        #expect(g.stdout.hasSuffix("40 people, 53 phones, 40 accounts, 200 calls, 50 transactions\n"))
        #expect(try runDossier(["import", dir + "/gen/calls.csv", "--case", "gen", "--spec", dir + "/gen/calls.toml"], workspace: path).status == 0)
        let graph = try runDossier(["export", "--format", "graphml", "--case", "gen", "-o", dir + "/g.graphml"], workspace: path)
        #expect(graph.status == 0)
        let text = try String(contentsOfFile: dir + "/g.graphml", encoding: .utf8)
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml"))
        #expect(text.components(separatedBy: "<edge ").count - 1 >= 200)
    }
}
