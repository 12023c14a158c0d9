import Foundation
import Testing

/// The engine commands end to end on a small workspace built with `dossier init/case new/add`:
///   nord: Anna — Ben — Cara (knows), Anna uses phone +44 7700 900111, which calls phone 07700 900222 twice;
///   sud:  Dora — Cara (knows), Dora uses 07700 900222; "A. Schmidt" (sud) and "Anna Schmidt" (nord) share a birth date.
@Suite(.serialized) struct EngineCLITests {
    let dir: String = {
        let d = NSTemporaryDirectory() + "/dossier-engine-cli-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }()

    func run(_ args: [String], _ ws: String) throws -> DossierRun { try runDossier(args, workspace: ws) }

    func json(_ r: DossierRun) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    func makeWorkspace() throws -> String {
        let ws = dir + "/ws"
        #expect(try runDossier(["init", ws]).status == 0)
        let steps: [[String]] = [
            ["case", "new", "nord"], ["case", "new", "sud"],
            ["add", "entity", "--case", "nord", "--kind", "person", "--name", "Anna Schmidt", "--attr", "dob=1980-05-06"],
            ["add", "entity", "--case", "nord", "--kind", "person", "--name", "Ben Müller"],
            ["add", "entity", "--case", "nord", "--kind", "person", "--name", "Cara Иванова"],
            ["add", "entity", "--case", "sud", "--kind", "person", "--name", "Dora Lopez"],
            ["add", "entity", "--case", "sud", "--kind", "person", "--name", "A. Schmidt", "--attr", "dob=1980-05-06"],
            ["add", "entity", "--case", "nord", "--kind", "phone", "--name", "+44 7700 900111"],
            ["add", "entity", "--case", "sud", "--kind", "phone", "--name", "07700 900222"],
            ["add", "link", "Anna Schmidt", "Ben Müller", "--type", "knows"],
            ["add", "link", "Ben Müller", "Cara Иванова", "--type", "knows"],
            ["add", "link", "Dora Lopez", "Cara Иванова", "--type", "knows", "--case", "sud"],
            ["add", "link", "Anna Schmidt", "+44 7700 900111", "--type", "uses"],
            ["add", "link", "Dora Lopez", "07700 900222", "--type", "uses"],
            ["add", "event", "--case", "nord", "--kind", "call", "--time", "2024-01-15T10:00:00Z", "--end", "2024-01-15T10:01:00Z",
             "--participant", "+44 7700 900111:caller", "--participant", "07700 900222:receiver"],
            ["add", "event", "--case", "nord", "--kind", "call", "--time", "2024-01-16T22:00:00Z", "--end", "2024-01-16T22:03:00Z",
             "--participant", "07700 900222:caller", "--participant", "+44 7700 900111:receiver"],
        ]
        for s in steps {
            let r = try run(s, ws)
            #expect(r.status == 0, "\(s): \(r.stderr)")
        }
        return ws
    }

    @Test func analysisCommands() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = try makeWorkspace()

        // path: {"hops": N, "path": [{id, name, kind}]}
        let path = try json(try run(["path", "Anna Schmidt", "Dora Lopez", "--json"], ws)) as? [String: Any]
        #expect(path?["hops"] as? Int == 3)
        let names = (path?["path"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        // Two 3-hop paths tie; the one through the older entities (Ben, Cara) comes first.
        #expect(names == ["Anna Schmidt", "Ben Müller", "Cara Иванова", "Dora Lopez"])
        let all = try json(try run(["path", "Anna Schmidt", "Dora Lopez", "--all", "--json"], ws)) as? [[String: Any]]
        #expect(all?.count == 2)
        let tooFar = try run(["path", "Anna Schmidt", "Dora Lopez", "--max-hops", "2"], ws)
        #expect(tooFar.status == 1 && tooFar.stderr == "dossier: no path from Anna Schmidt to Dora Lopez within 2 hops\n")

        // centrality: degree on 7 nodes, (n-1) = 6; Cara and Dora and the phones have 2 neighbours... Ben 2, Anna 2.
        let deg = try json(try run(["centrality", "--measure", "degree", "--top", "2", "--json"], ws)) as? [[String: Any]]
        #expect(deg?.count == 2)
        #expect(deg?.first?.keys.sorted() == ["id", "kind", "name", "score"])
        #expect(abs((deg?.first?["score"] as? Double ?? 0) - 2.0 / 6.0) < 1e-12)
        let bad = try run(["centrality", "--measure", "fame"], ws)
        #expect(bad.status == 2)

        // communities: one object per entity.
        let comm = try json(try run(["communities", "--json"], ws)) as? [[String: Any]]
        #expect(comm?.count == 7)
        #expect(comm?.first?.keys.sorted() == ["community", "id", "name"])

        // search: transliteration, diacritics, phone in another format.
        let s1 = try json(try run(["search", "ivanova", "--json"], ws)) as? [[String: Any]]
        #expect(s1?.first?["name"] as? String == "Cara Иванова")
        let s2 = try json(try run(["search", "muller", "--json"], ws)) as? [[String: Any]]
        #expect(s2?.first?["name"] as? String == "Ben Müller")
        let s3 = try json(try run(["search", "0044 7700 900 111", "--json"], ws)) as? [[String: Any]]
        #expect(s3?.map { $0["name"] as? String } == ["+44 7700 900111"])
        #expect(s3?.first?["score"] as? Double == 1)
        let s4 = try json(try run(["search", "kind:phone", "case:sud", "--json"], ws)) as? [[String: Any]]
        #expect(s4?.map { $0["name"] as? String } == ["07700 900222"])

        // contacts of a phone typed in another format.
        let contacts = try json(try run(["contacts", "07700900111", "--json"], ws)) as? [[String: Any]]
        #expect(contacts?.count == 1)
        #expect(contacts?.first?["total"] as? Int == 2 && contacts?.first?["outgoing"] as? Int == 1)
        #expect(contacts?.first?["totalSeconds"] as? Int == 240)

        // links between the cases: Cara—Dora and the phones join them.
        let links = try json(try run(["links", "--between", "nord", "sud", "--json"], ws)) as? [String: Any]
        #expect((links?["paths"] as? [Any])?.count == 2)

        // neighbours and components.
        let nb = try json(try run(["neighbours", "Anna Schmidt", "--depth", "1", "--json"], ws)) as? [[String: Any]]
        #expect(Set(nb?.compactMap { $0["name"] as? String } ?? []) == ["Ben Müller", "+44 7700 900111"])
        let comps = try run(["components"], ws)
        #expect(comps.stdout.hasPrefix("2 components over 7 entities\n"))
    }

    @Test func correlateJudgeUnmerge() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = try makeWorkspace()
        let c = try json(try run(["correlate", "--json"], ws)) as? [String: Any]
        let cands = c?["candidates"] as? [[String: Any]]
        #expect(cands?.count == 1)
        #expect(Set([cands?.first?["nameA"] as? String, cands?.first?["nameB"] as? String]) == ["Anna Schmidt", "A. Schmidt"])
        #expect(cands?.first?["strength"] as? String == "possible")

        let judged = try run(["judge", "Anna Schmidt", "A. Schmidt", "different", "--reason", "other person"], ws)
        #expect(judged.status == 0, "\(judged.stderr)")
        let after = try json(try run(["correlate", "--json"], ws)) as? [String: Any]
        #expect((after?["candidates"] as? [Any])?.isEmpty == true)

        #expect(try run(["judge", "Anna Schmidt", "A. Schmidt", "same"], ws).status == 0)
        // Merged: the path from A. Schmidt now runs through Anna's links.
        let merged = try json(try run(["path", "A. Schmidt", "Ben Müller", "--json"], ws)) as? [String: Any]
        #expect(merged?["hops"] as? Int == 1)
        let un = try run(["unmerge", "A. Schmidt"], ws)
        #expect(un.status == 0 && un.stdout == "Withdrew 1 'same' judgement; the records are separate again.\n")
        let separate = try run(["path", "A. Schmidt", "Ben Müller"], ws)
        #expect(separate.status == 1)
        #expect(try run(["unmerge", "A. Schmidt"], ws).status == 1)
        #expect(try run(["judge", "Anna Schmidt", "A. Schmidt", "maybe"], ws).status == 2)
    }

    @Test func temporalCommands() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = try makeWorkspace()
        let act = try json(try run(["activity", "--bucket", "day", "--json"], ws)) as? [String: Any]
        let buckets = act?["buckets"] as? [[String: Any]]
        #expect(buckets?.compactMap { $0["label"] as? String } == ["2024-01-15", "2024-01-16"])
        #expect((act?["matrix"] as? [[Int]])?[0][10] == 1)  // Monday 10:00
        #expect((act?["matrix"] as? [[Int]])?[1][22] == 1)  // Tuesday 22:00
        #expect(try run(["colocate", "--window", "soon"], ws).status == 2)
        #expect(try run(["colocate", "--window", "15m"], ws).stdout == "No co-locations within 15m.\n")
        #expect(try run(["flows", "Anna Schmidt"], ws).stdout == "No money flows from Anna Schmidt.\n")
    }
}
