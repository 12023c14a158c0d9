import Foundation
import Testing
import DossierModel
import DossierStore
@testable import DossierExchange

/// STIX and Dossier JSON imports streamed into a real workspace's open transaction, a few elements per hand-over.
@Suite struct StreamedSTIXJSONTests {
    static let amber = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"

    static func time(_ i: Int) -> String { "2025-02-\(10 + i % 18)T\(10 + i % 12):00:00Z" }

    /// One object a line (object k on line k + 1): relationships and sightings before and after what they refer to,
    /// an identity whose marking is defined at the very end, and a note.
    static func bundle(pairs: Int, defect: Bool = false) -> String {
        var objects = [
            #"{"type": "relationship", "id": "relationship--early", "relationship_type": "uses", "source_ref": "threat-actor--late", "target_ref": "indicator--1"}"#,
            #"{"type": "identity", "id": "identity--org", "name": "CERT-EU", "identity_class": "organization", "object_marking_refs": ["marking-definition--custom"]}"#,
            #"{"type": "ipv4-addr", "id": "ipv4-addr--1", "value": "185.220.101.47"}"#,
            #"{"type": "indicator", "id": "indicator--1", "created": "2025-01-04T00:00:00Z", "pattern": "[ipv4-addr:value = '185.220.101.47']", "object_marking_refs": ["\#(amber)"]}"#,
        ]
        for i in 0..<pairs {
            let at = time(i)
            objects.append(#"{"type": "relationship", "id": "relationship--\#(i)", "relationship_type": "based-on", "source_ref": "indicator--1", "target_ref": "ipv4-addr--1", "start_time": "\#(at)"}"#)
            objects.append(#"{"type": "sighting", "id": "sighting--\#(i)", "first_seen": "\#(at)", "count": \#(i + 1), "sighting_of_ref": "indicator--1", "where_sighted_refs": ["identity--org"], "object_marking_refs": ["\#(amber)"]}"#)
        }
        if defect {
            objects.append(#"{"type": "relationship", "id": "relationship--bad", "relationship_type": "uses", "source_ref": "indicator--1", "target_ref": "malware--nowhere"}"#)
        }
        objects.append(#"{"type": "note", "id": "note--1", "content": "Seen at the border", "object_refs": ["identity--org"]}"#)
        objects.append(#"{"type": "threat-actor", "id": "threat-actor--late", "name": "Nightjar"}"#)
        objects.append(#"{"type": "marking-definition", "id": "marking-definition--custom", "definition_type": "tlp", "definition": {"tlp": "red"}}"#)
        return "{\"type\": \"bundle\", \"id\": \"bundle--t\", \"objects\": [\n" + objects.joined(separator: ",\n") + "\n]}\n"
    }

    /// The sizes of the hand-overs an import made.
    final class HandOvers { var sizes: [Int] = []; var changes: [Change] = [] }

    /// What the CLI does: the hand-overs go into an open transaction, the batch follows, then one commit; with
    /// rejects or an error the transaction is abandoned.
    func streamedImport(_ ws: Workspace, _ handOvers: HandOvers,
                        run: ((([Change]) throws -> Void)?) throws -> ImportResult) throws -> ImportResult {
        let stream = try ws.beginCommitStream(analyst: "tester", time: fixedTime, action: "import", chunkSize: 5)
        defer { stream.abandon() }
        handOvers.sizes = []
        handOvers.changes = []
        let result = try run { changes in
            handOvers.sizes.append(changes.count)
            handOvers.changes += changes
            try stream.add(contentsOf: changes)
        }
        guard result.summary.rejected == 0 else { return result }
        try stream.add(contentsOf: result.batch.changes)
        try stream.finish()
        return result
    }

    func items(_ r: any ItemReader) -> Set<Item> {
        Set([ItemKind.case, .source, .entity, .link, .event, .note].flatMap { r.allItems($0) })
    }

    @Test func streamedSTIXGivesTheSameItemsAsOneBatch() throws {
        let d = TempDir(); defer { d.cleanup() }
        let p = d.write("feed.stix.json", Self.bundle(pairs: 20))
        let whole = try STIXImporter.run(path: p, reader: InMemoryItems(), context: context("cyber"))
        #expect(whole.summary.rejects == [])
        var expected = InMemoryItems()
        expected.apply(whole.batch)

        let ws = try Workspace.create(at: d.file("ws"))
        defer { ws.close() }
        let handOvers = HandOvers()
        let streamed = try streamedImport(ws, handOvers) { stream in
            try STIXImporter.run(path: p, reader: ws, context: context("cyber"), stream: stream, handOverEvery: 7)
        }
        // 42 links, events and notes: six hand-overs of seven; the batch keeps the case, source and entities.
        #expect(handOvers.sizes == [7, 7, 7, 7, 7, 7])
        #expect(handOvers.changes.allSatisfy { if case .put(let i) = $0 { [.link, .event, .note].contains(i.kind) } else { false } })
        #expect(streamed.batch.changes.allSatisfy { if case .put(let i) = $0 { [.case, .source, .entity].contains(i.kind) } else { false } })
        #expect(streamed.summary == whole.summary)
        #expect(items(ws) == items(expected))
        #expect(ws.count(.entity, inCase: nil) == 4)
        #expect(ws.count(.link, inCase: nil) == 21)
        #expect(ws.count(.event, inCase: nil) == 20)
        #expect(ws.count(.note, inCase: nil) == 1)

        let entities = Dictionary(uniqueKeysWithValues: ws.allEntities().map { ($0.name, $0) })
        #expect(entities.keys.sorted() == ["185.220.101.47", "CERT-EU", "Nightjar", "[ipv4-addr:value = '185.220.101.47']"])
        let org = try #require(entities["CERT-EU"])
        let indicator = try #require(entities["[ipv4-addr:value = '185.220.101.47']"])
        let ip = try #require(entities["185.220.101.47"])
        let actor = try #require(entities["Nightjar"])
        // The marking defined after the identity still applies to it.
        #expect(org.meta.handling?.description == "TLP:RED")
        #expect(indicator.meta.handling?.description == "TLP:AMBER")
        #expect(indicator.kind == .indicator)
        #expect(indicator.meta.createdAt.description == "2025-01-04T00:00:00Z")
        #expect(ip.identifiers == [Identifier(scheme: .ip, normalized: "185.220.101.47")])
        let links = ws.allLinks()
        // The relationship that came before both its ends.
        #expect(links.filter { $0.type == "uses" }.map { [$0.from, $0.to] } == [[actor.meta.id, indicator.meta.id]])
        let basedOn = links.filter { $0.type == "based-on" }
        #expect(basedOn.count == 20)
        #expect(basedOn.allSatisfy { $0.from == indicator.meta.id && $0.to == ip.meta.id && $0.directed })
        #expect(Set(basedOn.compactMap { $0.start?.description }) == Set((0..<20).map(Self.time)))
        let sightings = ws.allEvents()
        #expect(sightings.allSatisfy { $0.kind == .sighting && $0.meta.handling?.description == "TLP:AMBER" })
        #expect(sightings.allSatisfy { $0.participants == [Participant(indicator.meta.id, role: .subject), Participant(org.meta.id, role: .location)] })
        #expect(sightings.map { Int($0.attributes.first { $0.key == "count" }?.value ?? "") ?? 0 }.sorted() == Array(1...20))
        #expect(ws.allItems(.note).compactMap(\.note).map(\.about) == [[org.meta.id]])
    }

    @Test func aRejectInTheLastPassAbandonsTheStreamedItems() throws {
        let d = TempDir(); defer { d.cleanup() }
        let ws = try Workspace.create(at: d.file("ws"))
        defer { ws.close() }
        let handOvers = HandOvers()
        let good = d.write("good.stix.json", Self.bundle(pairs: 3))
        _ = try streamedImport(ws, handOvers) { stream in
            try STIXImporter.run(path: good, reader: ws, context: context("cyber"), stream: stream, handOverEvery: 4)
        }
        let version = ws.version
        let before = items(ws)
        #expect(before.count == 1 + 1 + 4 + 4 + 3 + 1)

        // The bad relationship comes after many streamed ones: they were written to the log, and are cut off again.
        let bad = d.write("bad.stix.json", Self.bundle(pairs: 30, defect: true))
        let r = try streamedImport(ws, handOvers) { stream in
            try STIXImporter.run(path: bad, reader: ws, context: context("cyber"), stream: stream, handOverEvery: 4)
        }
        #expect(r.summary.rejects.map(\.description)
                == ["bad.stix.json:66: object 65 (relationship--bad): unknown or missing \"target_ref\" malware--nowhere"])
        #expect(handOvers.sizes.count == 16)
        #expect(ws.version == version)
        #expect(items(ws) == before)
    }

    @Test func streamedJSONGivesTheSameItemsAsOneBatch() throws {
        let d = TempDir(); defer { d.cleanup() }
        let world = sampleWorld()
        let out = try OutputFile(path: d.file("w.json"))
        _ = try JSONExporter.write(ExportScope(reader: world), to: out)
        try out.close()
        let whole = try JSONImporter.run(path: d.file("w.json"), reader: InMemoryItems(), context: context("danube"))
        var expected = InMemoryItems()
        expected.apply(whole.batch)

        let ws = try Workspace.create(at: d.file("ws"))
        defer { ws.close() }
        let handOvers = HandOvers()
        let streamed = try streamedImport(ws, handOvers) { stream in
            try JSONImporter.run(path: d.file("w.json"), reader: ws, context: context("danube"), stream: stream, handOverEvery: 3)
        }
        // 7 links and 3 events: hand-overs of 3, 3, 3 and the last one.
        #expect(handOvers.sizes == [3, 3, 3, 1])
        #expect(streamed.summary == whole.summary)
        #expect(items(ws) == items(expected))
        #expect(digest(ws) == digest(world))
        #expect(ws.count(.entity, inCase: nil) == 10)
        #expect(ws.count(.link, inCase: nil) == 7)
        #expect(ws.count(.event, inCase: nil) == 3)
    }

    @Test func aBrokenElementInTheSecondPassAbandonsTheStreamedItems() throws {
        let d = TempDir(); defer { d.cleanup() }
        let ws = try Workspace.create(at: d.file("ws"))
        defer { ws.close() }
        let out = try OutputFile(path: d.file("w.json"))
        _ = try JSONExporter.write(ExportScope(reader: sampleWorld()), to: out)
        try out.close()
        let handOvers = HandOvers()
        _ = try streamedImport(ws, handOvers) { stream in
            try JSONImporter.run(path: d.file("w.json"), reader: ws, context: context("danube"), stream: stream, handOverEvery: 2)
        }
        let version = ws.version
        let before = items(ws)
        #expect(before.count == 1 + 1 + 10 + 7 + 3)

        // The last event's time is broken: the links and events before it were streamed, then the import fails.
        let text = d.read("w.json")
        // The last event's start: events come before "format" and "links" in the exporter's sorted keys.
        let format = try #require(text.range(of: "\"format\" : "))
        let key = try #require(text.range(of: "\"start\" : \"", options: .backwards, range: text.startIndex..<format.lowerBound))
        let close = try #require(text.range(of: "\"", range: key.upperBound..<text.endIndex))
        let broken = key.lowerBound..<close.upperBound
        let bad = d.write("bad.json", text.replacingCharacters(in: broken, with: "\"start\" : \"2026-02-31T04:15:00Z\""))
        let line = text[..<broken.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).count
        let eventLine = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(line)
            .lastIndex { $0 == "    {" }.map { $0 + 1 } ?? 0
        #expect(throws: ExchangeError(file: "bad.json", line: eventLine,
                                      "bad value at events[2].start: not an ISO 8601 time: 2026-02-31T04:15:00Z")) {
            _ = try streamedImport(ws, handOvers) { stream in
                try JSONImporter.run(path: bad, reader: ws, context: context("danube"), stream: stream, handOverEvery: 2)
            }
        }
        #expect(handOvers.sizes == [2])
        #expect(ws.version == version)
        #expect(items(ws) == before)
    }

    @Test func jsonDocumentDefectsNameTheirLineOrMember() throws {
        let d = TempDir(); defer { d.cleanup() }
        func run(_ text: String) -> String {
            do {
                _ = try JSONImporter.run(path: d.write("doc.json", text), reader: InMemoryItems(), context: context())
                return "no error"
            } catch { return "\(error)" }
        }
        let empty = #""cases": [], "sources": [], "entities": [], "links": [], "events": [], "notes": []"#
        #expect(run("{\"format\": \"dossier\", \"version\": 1, \(empty)}") == "no error")
        #expect(run("{\"format\": \"ftm\", \"version\": 1, \(empty)}") == "doc.json: not a Dossier JSON document (format \"ftm\")")
        #expect(run("{\"version\": 1, \(empty)}") == "doc.json: missing \"format\"")
        #expect(run("{\"format\": \"dossier\", \"version\": \"1\", \(empty)}") == "doc.json: wrong type at version")
        #expect(run("{\"format\": \"dossier\", \"version\": 1, \(empty.replacingOccurrences(of: "\"links\": []", with: "\"links\": {}"))}")
                == "doc.json: wrong type at links")
        #expect(run("[]") == "doc.json: not a Dossier JSON document (not a JSON object)")
        #expect(run("{\"format\": \"dossier\", \"version\": 1,\n \"entities\": [")
                == "doc.json:2: not valid JSON: the file ends in the middle of the document")
        #expect(run("{\"format\": \"dossier\", \"version\": 1, \(empty.replacingOccurrences(of: "\"entities\": []", with: "\"entities\": [\n{},\n{\"kind\": 3}]"))}")
                == "doc.json:2: missing \"meta\" at entities[0]")
    }
}
