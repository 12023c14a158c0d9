import DossierModel
@testable import DossierEngine

/// Builds small workspaces for tests with deterministic ids.
struct Fixture {
    var items = InMemoryItems()
    private var rng = SeededGenerator(seed: 42)
    private var tick: UInt64 = 1_700_000_000_000
    let at = TimePoint(unixSeconds: 1_700_000_000)

    mutating func newID() -> ItemID {
        tick += 1
        return ItemID(millisecondsSinceEpoch: tick, using: &rng)
    }

    func meta(_ id: ItemID, cases: [ItemID] = [], tags: [String] = []) -> ItemMeta {
        ItemMeta(id: id, cases: cases, analyst: "test", at: at, tags: tags)
    }

    @discardableResult
    mutating func caseNamed(_ name: String) -> ItemID {
        let id = newID()
        items.put(.case(Case(meta: meta(id), name: name)))
        return id
    }

    @discardableResult
    mutating func entity(_ name: String, kind: EntityKind = .person, cases: [ItemID] = [], aliases: [String] = [],
                         identifiers: [Identifier] = [], attributes: [Attribute] = [], tags: [String] = []) -> ItemID {
        let id = newID()
        items.put(.entity(Entity(meta: meta(id, cases: cases, tags: tags), kind: kind, name: name, aliases: aliases,
                                 identifiers: identifiers, attributes: attributes)))
        return id
    }

    @discardableResult
    mutating func link(_ a: ItemID, _ b: ItemID, type: LinkType = .knows, directed: Bool = false, weight: Double = 1,
                       cases: [ItemID] = []) -> ItemID {
        let id = newID()
        items.put(.link(Link(meta: meta(id, cases: cases), type: type, from: a, to: b, directed: directed, weight: weight)))
        return id
    }

    @discardableResult
    mutating func event(_ kind: EventKind, at time: String, _ participants: [Participant], place: ItemID? = nil,
                        seconds: Int64? = nil, amount: Money? = nil, cases: [ItemID] = []) -> ItemID {
        let id = newID()
        let start = TimePoint.parse(time)!
        let end = seconds.map { TimePoint(utcMicros: start.utcMicros + $0 * 1_000_000) }
        items.put(.event(Event(meta: meta(id, cases: cases), kind: kind, start: start, end: end, participants: participants,
                               place: place, amount: amount)))
        return id
    }

    func phone(_ raw: String) -> Identifier { try! Identifier(scheme: .phone, raw: raw) }
}

func close(_ a: [Double], _ b: [Double], tolerance: Double = 1e-9) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
}

func graph(_ n: Int, _ edges: [(Int, Int, Double)], directed: Bool) -> CSRGraph {
    CSRGraph(nodeCount: n, directed: directed, edges: EdgeList(edges))
}
