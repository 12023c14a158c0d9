import DossierModel
@testable import DossierRender

/// Small fixed worlds for timeline and report tests: ids, times and names are all fixed.
enum Fixtures {
    static let analyst = "tester"
    static let t0 = TimePoint(utcMicros: 1_710_000_000_000_000)  // 2024-03-09T16:00:00Z

    static func id(_ n: UInt64) -> ItemID { ItemID(high: 0x0190_0000_0000_0000 | n, low: n) }

    static func meta(_ n: UInt64, cases: [ItemID] = [], source: ItemID? = nil, grading: Grading? = nil,
                     handling: HandlingCode? = nil) -> ItemMeta {
        ItemMeta(id: id(n), cases: cases, source: source, analyst: analyst, at: t0, grading: grading, handling: handling)
    }

    static func time(_ text: String) -> TimePoint { TimePoint.parse(text) ?? t0 }

    static let caseID = id(1)
    static let lee = id(10), ana = id(11), bank = id(12), boat = id(13)

    /// Three entities (CJK, emoji), calls both ways, a transfer, a day-precision seizure and a month-known meeting.
    static func smallWorld() -> InMemoryItems {
        var items = InMemoryItems()
        items.put(.case(Case(meta: meta(1), name: "harbour", title: "Operation Harbour", summary: "Cocaine via Rotterdam")))
        items.put(.entity(Entity(meta: meta(10, cases: [caseID]), kind: .person, name: "李小龍")))
        items.put(.entity(Entity(meta: meta(11, cases: [caseID]), kind: .phone, name: "Ana 📱")))
        items.put(.entity(Entity(meta: meta(12, cases: [caseID]), kind: .bankAccount, name: "NL91 ABNA")))
        func event(_ n: UInt64, _ kind: EventKind, _ at: String, _ parts: [Participant], summary: String = "",
                   amount: Money? = nil) {
            items.put(.event(Event(meta: meta(n, cases: [caseID]), kind: kind, start: time(at), participants: parts,
                                   amount: amount, summary: summary)))
        }
        event(100, .call, "2024-03-01T09:00:00Z", [Participant(lee, role: .caller), Participant(ana, role: .receiver)],
              summary: "call 2m")
        event(101, .call, "2024-03-02T14:30:00Z", [Participant(ana, role: .caller), Participant(lee, role: .receiver)])
        event(102, .transaction, "2024-03-03T10:00:00Z", [Participant(bank, role: .payer), Participant(lee, role: .payee)],
              summary: "wire", amount: Money("9500", currency: "EUR"))
        event(103, .seizure, "2024-03-04", [Participant(lee, role: .subject)], summary: "押収 🚢")
        return items
    }
}
