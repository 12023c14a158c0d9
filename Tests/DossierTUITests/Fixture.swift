import DossierModel
@testable import DossierTUI

/// A small case with CJK names, calls, a payment, links and a graded source, with fixed ids and times.
enum Fixture {
    static func id(_ n: UInt64) -> ItemID { ItemID(high: 0x0190_0000_0000_0000 | n, low: n) }
    static let time = TimePoint.parse("2024-03-01T09:00:00Z")!
    static func at(_ text: String) -> TimePoint { TimePoint.parse(text)! }

    static let caseID = id(1)
    static let otherCaseID = id(2)
    static let source = id(10)
    static let ivan = id(20)
    static let wang = id(21)
    static let phone = id(22)
    static let account = id(23)
    static let link1 = id(30)
    static let link2 = id(31)
    static let call1 = id(40)
    static let call2 = id(41)
    static let payment = id(42)

    static func meta(_ id: ItemID, cases: [ItemID] = [caseID], source: ItemID? = Fixture.source) -> ItemMeta {
        ItemMeta(id: id, cases: cases, source: source, analyst: "importer", at: time)
    }

    static func items() -> InMemoryItems {
        var items = InMemoryItems()
        items.put(.case(Case(meta: meta(caseID, cases: [], source: nil), name: "trafficking", title: "Operation Lantern",
                             summary: "Calls and payments between a courier and a money mule.")))
        items.put(.case(Case(meta: meta(otherCaseID, cases: [], source: nil), name: "fraud", title: "Invoice fraud")))
        items.put(.source(Source(meta: meta(source, source: nil), provider: "Europol", reference: "SIENA-4711",
                                 grading: Grading(.b, .probablyTrue), handling: HandlingCode("H2"),
                                 fileName: "calls.csv")))
        items.put(.entity(Entity(meta: meta(ivan), kind: .person, name: "Ivan Petrov", aliases: ["Vanya"],
                                 attributes: [Attribute("nationality", "RU")])))
        items.put(.entity(Entity(meta: meta(wang), kind: .person, name: "王小明", attributes: [Attribute("city", "上海")])))
        items.put(.entity(Entity(meta: meta(phone), kind: .phone, name: "+44 7700 900123",
                                 identifiers: [Identifier(scheme: .phone, normalized: "+447700900123")])))
        items.put(.entity(Entity(meta: meta(account), kind: .bankAccount, name: "GB82 WEST 1234 5698 7654 32",
                                 identifiers: [Identifier(scheme: .iban, normalized: "GB82WEST12345698765432")])))
        items.put(.link(Link(meta: meta(link1), type: .uses, from: ivan, to: phone, directed: true)))
        items.put(.link(Link(meta: meta(link2), type: .owns, from: wang, to: account, directed: true)))
        items.put(.event(Event(meta: meta(call1), kind: .call, start: at("2024-02-10T21:15:00+01:00"),
                               end: at("2024-02-10T21:19:30+01:00"),
                               participants: [Participant(ivan, role: .caller), Participant(wang, role: .receiver)])))
        items.put(.event(Event(meta: meta(call2), kind: .call, start: at("2024-02-11T08:02:00Z"),
                               participants: [Participant(wang, role: .caller), Participant(ivan, role: .receiver)],
                               summary: "短信 about the pickup")))
        items.put(.event(Event(meta: meta(payment), kind: .transaction, start: at("2024-02-12T10:00:00Z"),
                               participants: [Participant(ivan, role: .payer), Participant(wang, role: .payee)],
                               amount: Money("2500.00", currency: "EUR"))))
        return items
    }

    static func workbench(width: Int = 80, height: Int = 24, config: UserConfig = UserConfig()) -> (Workbench, MemoryStore) {
        let store = MemoryStore(items(), name: "/cases/lantern")
        let w = Workbench(store: store, analyst: "alice", width: width, height: height, config: config,
                          now: { at("2024-03-02T12:00:00Z") })
        return (w, store)
    }
}
