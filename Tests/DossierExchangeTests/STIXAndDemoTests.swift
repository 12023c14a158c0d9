import Testing
import DossierModel
@testable import DossierExchange

@Suite struct STIXImportTests {
    static let bundle = """
    {"type": "bundle", "id": "bundle--1", "objects": [
      {"type": "marking-definition", "spec_version": "2.1", "id": "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
       "created": "2017-01-20T00:00:00.000Z", "definition_type": "tlp", "definition": {"tlp": "amber"}},
      {"type": "identity", "spec_version": "2.1", "id": "identity--a1", "created": "2025-01-02T10:00:00Z", "modified": "2025-01-03T10:00:00Z",
       "name": "CERT-EU", "identity_class": "organization"},
      {"type": "threat-actor", "spec_version": "2.1", "id": "threat-actor--t1", "created": "2025-01-02T10:00:00Z", "modified": "2025-01-02T10:00:00Z",
       "name": "Nightjar", "aliases": ["NJ-Group"], "created_by_ref": "identity--a1", "confidence": 70,
       "object_marking_refs": ["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"],
       "external_references": [{"source_name": "mitre-attack", "external_id": "G9999", "url": "https://example.org/g9999"}]},
      {"type": "malware", "spec_version": "2.1", "id": "malware--m1", "created": "2025-01-02T10:00:00Z", "modified": "2025-01-02T10:00:00Z",
       "name": "NightjarLocker", "is_family": true, "malware_types": ["ransomware"]},
      {"type": "ipv4-addr", "spec_version": "2.1", "id": "ipv4-addr--i1", "value": "185.220.101.47"},
      {"type": "domain-name", "spec_version": "2.1", "id": "domain-name--d1", "value": "Nightjar-Panel.example."},
      {"type": "indicator", "spec_version": "2.1", "id": "indicator--x1", "created": "2025-01-04T00:00:00Z", "modified": "2025-01-04T00:00:00Z",
       "pattern": "[ipv4-addr:value = '185.220.101.47']", "pattern_type": "stix", "valid_from": "2025-01-04T00:00:00Z"},
      {"type": "relationship", "spec_version": "2.1", "id": "relationship--r1", "created": "2025-01-05T00:00:00Z", "modified": "2025-01-05T00:00:00Z",
       "relationship_type": "uses", "source_ref": "threat-actor--t1", "target_ref": "malware--m1"},
      {"type": "relationship", "spec_version": "2.1", "id": "relationship--r2", "created": "2025-01-05T00:00:00Z", "modified": "2025-01-05T00:00:00Z",
       "relationship_type": "indicates", "source_ref": "indicator--x1", "target_ref": "ghost--g1"},
      {"type": "sighting", "spec_version": "2.1", "id": "sighting--s1", "created": "2025-01-06T00:00:00Z", "modified": "2025-01-06T00:00:00Z",
       "first_seen": "2025-01-06T08:30:00Z", "last_seen": "2025-01-06T09:00:00Z", "count": 3, "sighting_of_ref": "indicator--x1",
       "where_sighted_refs": ["identity--a1"]},
      {"type": "spaceship", "id": "spaceship--z1"}
    ]}
    """

    @Test func importsBundleWithProvenanceAndHandling() throws {
        let d = TempDir(); defer { d.cleanup() }
        let p = d.write("feed.stix.json", STIXImportTests.bundle)
        let r = try STIXImporter.run(path: p, reader: InMemoryItems(), context: context("cyber"))
        #expect(r.summary.rejects.map(\.description) == [
            "feed.stix.json:23: object 11 (spaceship--z1): unknown STIX type \"spaceship\"",
            "feed.stix.json:18: object 9 (relationship--r2): unknown or missing \"target_ref\" ghost--g1",
        ])
        var items = InMemoryItems()
        items.apply(r.batch)
        let entities = Dictionary(uniqueKeysWithValues: items.allEntities().map { ($0.name, $0) })
        #expect(entities.keys.sorted() == ["185.220.101.47", "CERT-EU", "Nightjar", "NightjarLocker", "[ipv4-addr:value = '185.220.101.47']", "nightjar-panel.example"])
        let actor = entities["Nightjar"]!
        #expect(actor.kind == "threat-actor")
        #expect(actor.aliases == ["NJ-Group"])
        #expect(actor.meta.handling?.description == "TLP:AMBER")
        #expect(actor.meta.grading?.credibility == .probablyTrue)
        #expect(actor.meta.createdAt.description == "2025-01-02T10:00:00Z")
        #expect(actor.attribute("external_reference") == "mitre-attack G9999 https://example.org/g9999")
        #expect(actor.attribute("created_by_ref") == "identity--a1")
        #expect(entities["nightjar-panel.example"]!.identifiers == [Identifier(scheme: .domain, normalized: "nightjar-panel.example")])
        #expect(entities["185.220.101.47"]!.kind == .ipAddress)
        let links = items.allLinks()
        #expect(links.map(\.type) == ["uses"])
        #expect(links[0].from == actor.meta.id)
        let sightings = items.allEvents()
        #expect(sightings.count == 1)
        #expect(sightings[0].kind == .sighting)
        #expect(sightings[0].start.description == "2025-01-06T08:30:00Z")
        #expect(sightings[0].durationSeconds == 1800)
        #expect(sightings[0].participants.map(\.role) == [.subject, .location])
    }

    @Test func brokenJSONNamesTheLine() throws {
        let d = TempDir(); defer { d.cleanup() }
        let p = d.write("bad.stix.json", "{\"type\": \"bundle\",\n \"objects\": [\n {\"type\": \"ipv4-addr\" \"id\": \"x\"}\n]}\n")
        #expect(throws: ExchangeError(file: "bad.stix.json", line: 3, "not valid JSON: expected \",\" or \"}\"")) {
            try STIXImporter.run(path: p, reader: InMemoryItems(), context: context())
        }
    }
}

@Suite struct DemoAndGeneratorTests {
    @Test func demoWorldIsDeterministicAndLinksTheCases() throws {
        let a = DemoWorld(), b = DemoWorld()
        #expect(a.allItems == b.allItems)
        var items = InMemoryItems()
        items.apply(a.batch)
        #expect(items.cases.map(\.name) == ["art", "cyber", "trafficking"])
        let byName = Dictionary(items.cases.map { ($0.name, $0.meta.id) }, uniquingKeysWith: { x, _ in x })
        // Shared entities: the burner phone, the shared account, the wallet.
        let shared = items.allEntities().filter { $0.meta.cases.count > 1 }.map(\.name).sorted()
        #expect(shared == ["+40744555666", "DE89370400440532013000", "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"])
        // Names in several scripts, and near-duplicate spellings of the same people.
        let people = items.allEntities().filter { $0.kind == .person }.map(\.name)
        #expect(people.contains("Дмитрий Волков") && people.contains("Dmitri Volkov"))
        #expect(people.contains("王伟") && people.contains("Wang Wei"))
        #expect(people.contains("Ionuț Popescu") && people.contains("Ionut Popescu"))
        // Every source carries a grading and a handling code; every item belongs to a case.
        let sources = items.allItems(.source).compactMap(\.source)
        #expect(sources.count == 9)
        #expect(sources.allSatisfy { $0.handling != nil })
        for kind in [ItemKind.entity, .link, .event] {
            for item in items.allItems(kind) { #expect(!item.meta.cases.isEmpty) }
        }
        #expect(items.count(.event, inCase: byName["trafficking"]) > 300)
        // Every referenced entity exists.
        for e in items.allEvents() { for p in e.participants { #expect(items.entity(p.entity) != nil) } }
        for l in items.allLinks() { #expect(items.entity(l.from) != nil && items.entity(l.to) != nil) }
    }

    @Test func generatorIsDeterministicAndImportable() throws {
        let d1 = TempDir(), d2 = TempDir()
        defer { d1.cleanup(); d2.cleanup() }
        let s = try WorldGenerator(people: 60, events: 500, seed: 9).write(to: d1.path)
        _ = try WorldGenerator(people: 60, events: 500, seed: 9).write(to: d2.path)
        #expect(s.calls == 400 && s.transactions == 100 && s.phones == 80)
        for f in ["calls.csv", "transactions.csv", "entities.ftm.json", "calls.toml"] {
            #expect(d1.read(f) == d2.read(f), "\(f)")
        }
        #expect(d1.read("calls.csv").hasPrefix("caller,callee,start,duration,cell\n"))
        var items = InMemoryItems()
        let calls = try CSVImporter.run(path: d1.file("calls.csv"), spec: try ImportSpec.load(path: d1.file("calls.toml")),
                                        reader: items, context: context("gen"))
        #expect(calls.summary.rejected == 0)
        #expect(calls.summary.eventsCreated == 400)
        items.apply(calls.batch)
        let tx = try CSVImporter.run(path: d1.file("transactions.csv"), spec: try ImportSpec.load(path: d1.file("transactions.toml")),
                                     reader: items, context: context("gen"))
        #expect(tx.summary.rejected == 0)
        items.apply(tx.batch)
        let ftm = try FtMImporter.run(path: d1.file("entities.ftm.json"), reader: items, context: context("gen"))
        #expect(ftm.summary.rejected == 0)
        // People resolve onto the phones and accounts the CSVs created: no new phones or accounts.
        items.apply(ftm.batch)
        #expect(items.allEntities().filter { $0.kind == .phone }.count == 80)
        #expect(items.allEntities().filter { $0.kind == .bankAccount }.count == 60)
        #expect(items.allEntities().filter { $0.kind == .person }.count == 60)
    }
}
