import Testing
import DossierModel
@testable import DossierExchange

/// A small world every export format can express completely.
func sampleWorld() -> InMemoryItems {
    var rng = SeededGenerator(seed: 7)
    let t = fixedTime
    var items = InMemoryItems()
    func meta() -> ItemMeta { ItemMeta(id: ItemID(millisecondsSinceEpoch: 1_700_000_000_000, using: &rng), analyst: "a", at: t) }
    let caseMeta = meta()
    items.put(.case(Case(meta: caseMeta, name: "danube", title: "Operation Danube")))
    func m() -> ItemMeta { var x = meta(); x.cases = [caseMeta.id]; return x }
    let anna = Entity(meta: m(), kind: .person, name: "Anna Kowalska", aliases: ["Ania"],
                      attributes: [Attribute("birthDate", "1990-04-01"), Attribute("nationality", "pl"), Attribute("eye_patch", "left")])
    let ivan = Entity(meta: m(), kind: .person, name: "Иван Петров", attributes: [Attribute("birthDate", "1985")])
    let wang = Entity(meta: m(), kind: .person, name: "王伟")
    let firm = Entity(meta: m(), kind: .company, name: "Köhler Handels GmbH", attributes: [Attribute("jurisdiction", "de")])
    let phoneA = Entity(meta: m(), kind: .phone, name: "+48601234567", identifiers: [Identifier(scheme: .phone, normalized: "+48601234567")])
    let phoneB = Entity(meta: m(), kind: .phone, name: "+79161234567", identifiers: [Identifier(scheme: .phone, normalized: "+79161234567")])
    let mail = Entity(meta: m(), kind: .email, name: "anna@example.pl", identifiers: [Identifier(scheme: .email, normalized: "anna@example.pl")])
    let ibanA = IBAN.make(country: "DE", bban: "370400440532013000")
    let ibanB = IBAN.make(country: "GB", bban: "NWBK60161331926819")
    let accA = Entity(meta: m(), kind: .bankAccount, name: ibanA, identifiers: [Identifier(scheme: .iban, normalized: ibanA)])
    let accB = Entity(meta: m(), kind: .bankAccount, name: ibanB, identifiers: [Identifier(scheme: .iban, normalized: ibanB)])
    let border = Entity(meta: m(), kind: .address, name: "Nădlac II border crossing", coordinates: GeoPoint(latitude: 46.1522, longitude: 20.7253))
    for e in [anna, ivan, wang, firm, phoneA, phoneB, mail, accA, accB, border] { items.put(.entity(e)) }
    let links: [Link] = [
        Link(meta: m(), type: .uses, from: anna.meta.id, to: phoneA.meta.id, directed: true),
        Link(meta: m(), type: .uses, from: ivan.meta.id, to: phoneB.meta.id, directed: true),
        Link(meta: m(), type: .uses, from: anna.meta.id, to: mail.meta.id, directed: true),
        Link(meta: m(), type: .family, from: anna.meta.id, to: ivan.meta.id, start: TimePoint.parse("2015-06"), label: "married"),
        Link(meta: m(), type: .owns, from: firm.meta.id, to: accA.meta.id, directed: true),
        Link(meta: m(), type: .directorOf, from: ivan.meta.id, to: firm.meta.id, directed: true, start: TimePoint.parse("2019-01-01")),
        Link(meta: m(), type: .knows, from: wang.meta.id, to: ivan.meta.id, weight: 3),
    ]
    for l in links { items.put(.link(l)) }
    let callStart = TimePoint.parse("2026-02-01T10:00:00+02:00")!
    items.put(.event(Event(meta: m(), kind: .call, start: callStart, end: TimePoint(utcMicros: callStart.utcMicros + 75_000_000, offsetMinutes: 120),
                           participants: [Participant(phoneA.meta.id, role: .caller), Participant(phoneB.meta.id, role: .receiver)])))
    items.put(.event(Event(meta: m(), kind: .transaction, start: TimePoint.parse("2026-02-02")!,
                           participants: [Participant(accA.meta.id, role: .payer), Participant(accB.meta.id, role: .payee)],
                           amount: Money("1500.25", currency: "EUR"), summary: "invoice 17")))
    items.put(.event(Event(meta: m(), kind: .travel, start: TimePoint.parse("2026-02-03T04:15:00Z")!,
                           participants: [Participant(anna.meta.id, role: .participant), Participant(wang.meta.id, role: .participant)],
                           place: border.meta.id, summary: "crossing into Hungary")))
    return items
}

/// A comparable digest of a world that ignores ids: entities by kind/name, links and events by their ends' names.
func digest(_ r: any ItemReader) -> [String] {
    func name(_ id: ItemID) -> String { r.entity(id).map { "\($0.kind.rawValue):\($0.name)" } ?? "?" }
    var out: [String] = []
    for e in r.allEntities() {
        out.append("E \(e.kind.rawValue) \(e.name) aliases=\(e.aliases.sorted()) ids=\(e.identifiers.map(\.description).sorted()) "
            + "attrs=\(e.attributes.map { "\($0.key)=\($0.value)" }.sorted()) at=\(e.coordinates.map { "\($0.latitude),\($0.longitude)" } ?? "-")")
    }
    for l in r.allLinks() {
        out.append("L \(l.type.rawValue) \(name(l.from)) -> \(name(l.to)) w=\(l.weight) start=\(l.start?.description ?? "-") label=\(l.label)")
    }
    for e in r.allEvents() {
        out.append("V \(e.kind.rawValue) \(e.start) end=\(e.end?.description ?? "-") "
            + "parts=\(e.participants.map { "\($0.role.rawValue):\(name($0.entity))" }.sorted()) place=\(e.place.map(name) ?? "-") "
            + "amount=\(e.amount?.description ?? "-") summary=\(e.summary)")
    }
    return out.sorted()
}

@Suite struct ExportRoundTripTests {
    @Test func ftmRoundTripKeepsEverything() throws {
        let d = TempDir(); defer { d.cleanup() }
        let world = sampleWorld()
        let out = try OutputFile(path: d.file("w.ftm.json"))
        let report = try FtMExporter.write(ExportScope(reader: world), to: out)
        try out.close()
        #expect(report.skipped == [])
        #expect(report.counts == ["Person": 3, "Company": 1, "BankAccount": 2, "Address": 1, "Family": 1, "Ownership": 1,
                                  "Directorship": 1, "UnknownLink": 1, "Call": 1, "Payment": 1, "Event": 1])
        let r = try FtMImporter.run(path: d.file("w.ftm.json"), reader: InMemoryItems(), context: context("danube"))
        #expect(r.summary.rejected == 0)
        var back = InMemoryItems()
        back.apply(r.batch)
        #expect(digest(back) == digest(world))
    }

    @Test func jsonRoundTripKeepsEverything() throws {
        let d = TempDir(); defer { d.cleanup() }
        let world = sampleWorld()
        let out = try OutputFile(path: d.file("w.json"))
        _ = try JSONExporter.write(ExportScope(reader: world), to: out)
        try out.close()
        let r = try JSONImporter.run(path: d.file("w.json"), reader: InMemoryItems(), context: context("danube"))
        var back = InMemoryItems()
        back.apply(r.batch)
        #expect(digest(back) == digest(world))
    }

    @Test func graphMLParsesBack() throws {
        let d = TempDir(); defer { d.cleanup() }
        let world = sampleWorld()
        let out = try OutputFile(path: d.file("w.graphml"))
        let report = try GraphMLExporter.write(ExportScope(reader: world), to: out)
        try out.close()
        #expect(report.counts == ["nodes": 10, "edges": 9])
        let g = try GraphMLReader.parse(d.read("w.graphml"))
        #expect(g.nodes.count == 10)
        #expect(g.edges.count == 9)
        let labels = Dictionary(uniqueKeysWithValues: g.nodes.map { ($0.id, $0.data["label"] ?? "") })
        #expect(labels.values.sorted().contains("Иван Петров"))
        #expect(g.nodes.allSatisfy { $0.data["case"] == "danube" })
        let knows = g.edges.first { $0.data["type"] == "knows" }!
        #expect(labels[knows.source] == "王伟")
        #expect(knows.data["weight"] == "3")
        let call = g.edges.first { $0.data["type"] == "call" }!
        #expect(labels[call.source] == "+48601234567")
        #expect(call.data["time"] == "2026-02-01T08:00:00Z")
    }

    @Test func csvExportWritesOneFilePerKind() throws {
        let d = TempDir(); defer { d.cleanup() }
        let report = try CSVExporter.write(ExportScope(reader: sampleWorld()), toDirectory: d.path)
        #expect(report.counts == ["cases": 1, "sources": 0, "entities": 10, "links": 7, "events": 3, "notes": 0])
        let entities = d.read("entities.csv").split(separator: "\n")
        #expect(entities[0] == "id,kind,name,aliases,identifiers,latitude,longitude,attributes,cases,source,grading,handling")
        #expect(entities.count == 11)
        #expect(d.read("events.csv").contains(",transaction,2026-02-02,,"))
    }

    @Test func ftmDefectsAreRejectedWithLineNumbers() throws {
        let d = TempDir(); defer { d.cleanup() }
        let text = """
        {"id":"p1","schema":"Person","properties":{"name":["Anna"],"phone":["+48601234567"]}}
        {"id":"x1","schema":"Spaceship","properties":{"name":["Nostromo"]}}
        {"id":"p2","schema":"Person","properties":{"name":["Ivan"]
        {"id":"c1","schema":"Call","properties":{"callerNumber":["+48601234567"],"startDate":["2026-13-01"]}}
        {"id":"f1","schema":"Family","properties":{"person":["p1"],"relative":["nobody"]}}

        """
        let p = d.write("bad.ftm.json", text)
        let r = try FtMImporter.run(path: p, reader: InMemoryItems(), context: context())
        #expect(r.summary.rejects.map(\.description) == [
            "bad.ftm.json:2: unknown schema \"Spaceship\"",
            "bad.ftm.json:3: not valid JSON",
            "bad.ftm.json:4: bad date in property \"startDate\": \"2026-13-01\"",
            "bad.ftm.json:5: unknown entity \"nobody\" in property \"relative\"",
        ])
        #expect(r.summary.imported == 1)
        #expect(!r.shouldCommit(acceptPartial: false, dryRun: false))
    }
}
