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
        // The spec maps identifiers only, so the entities streamed as they were made; the audit entry names every
        // item the import stored (case, source, 3 phones, 2 calls) and the trail verifies.
        let audit = try runDossier(["audit", "log", "--json"], workspace: ws)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        let imported = try #require(entries.last(where: { $0["action"] as? String == "import" }))
        let items = try #require(imported["items"] as? [String])
        #expect(items.count == 7)
        #expect(items == items.sorted())
        #expect(items.allSatisfy { before.contains("\"id\" : \"\($0)\"") })
        #expect(try runDossier(["audit", "verify"], workspace: ws).status == 0)
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

    /// STIX and Dossier JSON stream into one open transaction: rejects or broken JSON leave the workspace (and its log)
    /// as it was; a re-import whose entities all exist still commits what it streamed.
    @Test func stixAndJSONImportsStreamIntoOneCommit() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = dir + "/ws"
        #expect(try runDossier(["init", ws]).status == 0)
        func logBytes(_ ws: String) -> Int {
            let segments = (try? FileManager.default.contentsOfDirectory(atPath: ws + "/segments")) ?? []
            return segments.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: ws + "/segments/" + $1)[.size] as? Int) ?? 0) }
        }
        let objects = [
            #"{"type": "ipv4-addr", "id": "ipv4-addr--1", "value": "185.220.101.47"}"#,
            #"{"type": "domain-name", "id": "domain-name--1", "value": "Evil.example"}"#,
            #"{"type": "relationship", "id": "relationship--1", "relationship_type": "resolves-to", "source_ref": "domain-name--1", "target_ref": "ipv4-addr--1"}"#,
            #"{"type": "sighting", "id": "sighting--1", "first_seen": "2026-03-01T10:00:00Z", "sighting_of_ref": "ipv4-addr--1"}"#,
        ]
        func bundle(_ objects: [String]) -> [UInt8] {
            Array(("{\"type\": \"bundle\", \"id\": \"bundle--cli\", \"objects\": [\n" + objects.joined(separator: ",\n") + "\n]}\n").utf8)
        }
        // A first import (CSV) gives the log its segment.
        let spec = write("calls.toml", Array(ExchangeCLITests.spec.utf8))
        let calls = write("calls.csv", Array(ExchangeCLITests.good.utf8))
        #expect(try runDossier(["import", calls, "--case", "op-lantern", "--spec", spec], workspace: ws).status == 0)
        let before = try snapshot(ws)
        let bytesBefore = logBytes(ws)
        #expect(bytesBefore > 0)
        let bad = write("feed.stix.json", bundle(objects + [
            #"{"type": "relationship", "id": "relationship--bad", "relationship_type": "uses", "source_ref": "ipv4-addr--1", "target_ref": "malware--gone"}"#,
        ]))
        let r = try runDossier(["import", bad, "--case", "cyber"], workspace: ws)
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("dossier: rejected feed.stix.json:6: object 5 (relationship--bad): unknown or missing \"target_ref\" malware--gone\n"))
        #expect(r.stderr.hasSuffix("dossier: nothing committed: 1 row rejected; fix them or pass --accept-partial\n"))
        let rejects = (try? String(contentsOfFile: bad + ".rejects.csv", encoding: .utf8)) ?? ""
        #expect(rejects.hasPrefix("location,reason,object\nfeed.stix.json:6,"))
        #expect(rejects.contains("\"malware--gone\"\"}\"\n"))
        #expect(try snapshot(ws) == before)
        #expect(logBytes(ws) == bytesBefore)

        let broken = write("broken.stix.json", Array("{\"type\": \"bundle\",\n \"objects\": [\n {\"type\": \"ipv4-addr\" \"id\": \"x\"}\n]}\n".utf8))
        let b = try runDossier(["import", broken, "--case", "cyber"], workspace: ws)
        #expect(b.status == 1)
        #expect(b.stderr == "dossier: broken.stix.json:3: not valid JSON: expected \",\" or \"}\"\n")
        #expect(try snapshot(ws) == before)
        #expect(logBytes(ws) == bytesBefore)

        let partial = try runDossier(["import", bad, "--case", "cyber", "--accept-partial"], workspace: ws)
        #expect(partial.status == 0)
        let lines = partial.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "feed.stix.json: 5 rows: 4 imported, 0 merged, 1 rejected")
        #expect(lines.dropFirst().first == "created 2 entities (0 matched existing), 1 links, 1 events")
        #expect(lines.last == "committed 6 changes")
        // Every entity exists already: only the source, the link and the sighting are new, and they are committed.
        let again = try runDossier(["import", write("again.stix.json", bundle(objects)), "--case", "cyber"], workspace: ws)
        #expect(again.status == 0)
        let againLines = again.stdout.split(separator: "\n").map(String.init)
        #expect(againLines.first == "again.stix.json: 4 rows: 2 imported, 2 merged, 0 rejected")
        #expect(againLines.dropFirst().first == "created 0 entities (2 matched existing), 1 links, 1 events")
        #expect(againLines.last == "committed 3 changes")
        let exported = try snapshot(ws)
        #expect(exported.components(separatedBy: "\"type\" : \"resolves-to\"").count == 3)

        // The whole workspace (the calls and the feed) as Dossier JSON, into another one; then a broken copy of it.
        let copy = dir + "/copy"
        #expect(try runDossier(["init", copy]).status == 0)
        let doc = write("cyber.json", Array(exported.utf8))
        let j = try runDossier(["import", doc, "--case", "copy"], workspace: copy)
        #expect(j.status == 0)
        let jLines = j.stdout.split(separator: "\n").map(String.init)
        #expect(jLines.first == "cyber.json: 11 rows: 11 imported, 0 merged, 0 rejected")
        #expect(jLines.dropFirst().first == "created 5 entities (0 matched existing), 2 links, 4 events")
        #expect(jLines.last == "committed 13 changes")
        let copied = try snapshot(copy)
        // Cut after a line end, 40 bytes or more before the end.
        let cut = Array(exported.utf8.prefix(exported.utf8.count - 40))
        let kept = Array(cut.prefix((cut.lastIndex(of: 10) ?? 0) + 1))
        let t = try runDossier(["import", write("cut.json", kept), "--case", "copy"], workspace: copy)
        #expect(t.status == 1)
        let lastLine = kept.filter { $0 == 10 }.count + 1
        #expect(t.stderr == "dossier: cut.json:\(lastLine): not valid JSON: the file ends in the middle of the document\n")
        #expect(try snapshot(copy) == copied)

        // CSV too: a second file over the same phones commits its events.
        let second = try runDossier(["import", calls, "--case", "op-lantern", "--spec", spec], workspace: ws)
        #expect(second.status == 0)
        let secondLines = second.stdout.split(separator: "\n").map(String.init)
        #expect(secondLines.dropFirst().first == "created 0 entities (3 matched existing), 0 links, 2 events")
        #expect(secondLines.last == "committed 3 changes")
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
