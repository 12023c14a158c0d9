import Testing
import DossierModel
@testable import DossierRender

/// Building chart graphs from items: links, events joining participants, merging, cases and neighbourhoods.
@Suite struct ChartBuilderTests {
    static let t0 = TimePoint(unixSeconds: 1_709_287_200)
    static func meta(_ n: Int, cases: [ItemID] = []) -> ItemMeta {
        ItemMeta(id: ChartFixtures.id(n), cases: cases, analyst: "anna", at: t0)
    }

    /// Case "nord": Ana, Ben, Phone, Car; case "sud": Dan (reached by Ben's link only), Eve (unlinked).
    static var items: InMemoryItems {
        let nord = ChartFixtures.id(100), sud = ChartFixtures.id(101)
        var items: [Item] = [
            .case(Case(meta: meta(100), name: "nord")), .case(Case(meta: meta(101), name: "sud")),
            .entity(Entity(meta: meta(1, cases: [nord]), kind: .person, name: "Ana")),
            .entity(Entity(meta: meta(2, cases: [nord]), kind: .person, name: "Ben")),
            .entity(Entity(meta: meta(3, cases: [nord]), kind: .phone, name: "+447700900123")),
            .entity(Entity(meta: meta(4, cases: [nord]), kind: .vehicle, name: "AB12 CDE")),
            .entity(Entity(meta: meta(5, cases: [sud]), kind: .person, name: "Dan")),
            .entity(Entity(meta: meta(6, cases: [sud]), kind: .person, name: "Eve")),
            .link(Link(meta: meta(10, cases: [nord]), type: .uses, from: ChartFixtures.id(1), to: ChartFixtures.id(3))),
            .link(Link(meta: meta(11, cases: [nord]), type: .owns, from: ChartFixtures.id(2), to: ChartFixtures.id(4), directed: true)),
            .link(Link(meta: meta(12, cases: [nord]), type: .knows, from: ChartFixtures.id(2), to: ChartFixtures.id(5))),
        ]
        // Ben called the phone three times; Ana, Ben and Dan met once.
        for k in 0..<3 {
            items.append(.event(Event(meta: meta(20 + k, cases: [nord]), kind: .call, start: t0,
                                      participants: [Participant(ChartFixtures.id(2), role: .caller),
                                                     Participant(ChartFixtures.id(3), role: .receiver)])))
        }
        items.append(.event(Event(meta: meta(30, cases: [sud]), kind: .meeting, start: t0,
                                  participants: [Participant(ChartFixtures.id(1)), Participant(ChartFixtures.id(2)),
                                                 Participant(ChartFixtures.id(5))])))
        return InMemoryItems(items)
    }

    func labels(_ g: ChartGraph) -> [String] { g.nodes.map(\.label) }
    func edges(_ g: ChartGraph) -> [String] {
        g.edges.map { e in
            let arrow = e.arrow == .none ? "--" : (e.arrow == .both ? "<->" : "->")
            return "\(g.node(e.from)!.label) \(arrow) \(g.node(e.to)!.label) \(e.label) x\(e.count)"
        }.sorted()
    }

    @Test func wholeWorkspace() {
        let g = ChartGraphBuilder(reader: ChartBuilderTests.items).build()
        #expect(labels(g) == ["Ana", "Ben", "+447700900123", "AB12 CDE", "Dan", "Eve"])
        #expect(g.nodes.map(\.group) == ["nord", "nord", "nord", "nord", "sud", "sud"])
        #expect(edges(g) == [
            "Ana -- +447700900123 uses x1", "Ana -- Ben meeting x1", "Ana -- Dan meeting x1",
            "Ben -- Dan knows/meeting x2", "Ben -> +447700900123 call x3", "Ben -> AB12 CDE owns x1",
        ])
    }

    @Test func caseKeepsEntitiesItsLinksReach() {
        let items = ChartBuilderTests.items
        let g = ChartGraphBuilder(reader: items).build(caseID: items.caseNamed("nord")?.meta.id)
        // Dan is in "sud" but Ben's link in "nord" reaches him; Eve is not reached; the meeting is in "sud".
        #expect(labels(g) == ["Ana", "Ben", "+447700900123", "AB12 CDE", "Dan"])
        #expect(edges(g) == ["Ana -- +447700900123 uses x1", "Ben -- Dan knows x1", "Ben -> +447700900123 call x3",
                             "Ben -> AB12 CDE owns x1"])
    }

    @Test func focusAndDepth() {
        let items = ChartBuilderTests.items
        let builder = ChartGraphBuilder(reader: items)
        let car = ChartFixtures.id(4)
        #expect(labels(builder.build(focus: car, depth: 0)) == ["AB12 CDE"])
        #expect(labels(builder.build(focus: car, depth: 1)) == ["Ben", "AB12 CDE"])
        #expect(labels(builder.build(focus: car, depth: 2)) == ["Ana", "Ben", "+447700900123", "AB12 CDE", "Dan"])
        #expect(builder.build(focus: ChartFixtures.id(99), depth: 2).nodes.isEmpty)
    }

    @Test func resolvesIdsPrefixesAndNames() {
        let items = ChartBuilderTests.items
        let ben = ChartFixtures.id(2)
        #expect(ChartGraphBuilder.resolveEntity(ben.description, in: items) == ben)
        #expect(ChartGraphBuilder.resolveEntity("Ben", in: items) == ben)
        #expect(ChartGraphBuilder.resolveEntity("ben", in: items) == ben)
        #expect(ChartGraphBuilder.resolveEntity("Nobody", in: items) == nil)
    }

    @Test func communitiesGroupTheGraph() {
        // Two triangles joined by one link: two communities.
        let nodes = (0..<6).map { ChartFixtures.node($0, "N\($0)") }
        let e = [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)].map { ChartFixtures.edge($0.0, $0.1) }
        let g = ChartGraph(nodes: nodes, edges: e).groupedByCommunity()
        let groups = g.nodes.map(\.group)
        #expect(Set(groups).count == 2)
        #expect(groups[0] == groups[1] && groups[1] == groups[2] && groups[3] == groups[4] && groups[4] == groups[5])
        #expect(groups[0] != groups[3])
    }
}
