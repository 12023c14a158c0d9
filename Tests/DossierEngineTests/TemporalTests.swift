import Testing
import DossierModel
@testable import DossierEngine

@Suite struct TemporalTests {
    @Test func activityBucketsAndMatrix() throws {
        var f = Fixture()
        let a = f.entity("A"), b = f.entity("B"), c = f.entity("C")
        // 2024-01-15 is a Monday.
        f.event(.call, at: "2024-01-15T10:05:00Z", [Participant(a, role: .caller), Participant(b, role: .receiver)])
        f.event(.call, at: "2024-01-15T10:55:00Z", [Participant(a, role: .caller), Participant(b, role: .receiver)])
        f.event(.call, at: "2024-01-17T23:30:00Z", [Participant(b, role: .caller), Participant(a, role: .receiver)])
        f.event(.call, at: "2024-02-03T08:00:00Z", [Participant(c, role: .caller), Participant(b, role: .receiver)])
        let days = try Activity.report(f.items, entity: a, bucket: .day)
        #expect(days.total == 3)
        #expect(days.buckets.map(\.label) == ["2024-01-15", "2024-01-16", "2024-01-17"])
        #expect(days.buckets.map(\.count) == [2, 0, 1])
        #expect(days.matrix[0][10] == 2 && days.matrix[2][23] == 1)
        let months = try Activity.report(f.items, bucket: .month)
        #expect(months.buckets.map(\.label) == ["2024-01", "2024-02"])
        #expect(months.buckets.map(\.count) == [3, 1])
        let weeks = try Activity.report(f.items, bucket: .week)
        #expect(weeks.buckets.map(\.label) == ["2024-01-15", "2024-01-22", "2024-01-29"])
        #expect(weeks.buckets.map(\.count) == [3, 0, 1])
        // In UTC+01:00 the 23:30 call falls on Thursday 00:30.
        let local = try Activity.report(f.items, entity: a, bucket: .hour, offsetMinutes: 60)
        #expect(local.matrix[3][0] == 1)
        #expect(local.buckets.first?.label == "2024-01-15T11")
    }

    @Test func contactsOfAPhone() throws {
        var f = Fixture()
        let p = f.entity("Phone P", kind: .phone), q = f.entity("Phone Q", kind: .phone), r = f.entity("Phone R", kind: .phone)
        f.event(.call, at: "2024-01-01T10:00:00Z", [Participant(p, role: .caller), Participant(q, role: .receiver)], seconds: 60)
        f.event(.call, at: "2024-01-02T10:00:00Z", [Participant(q, role: .caller), Participant(p, role: .receiver)], seconds: 120)
        f.event(.call, at: "2024-01-03T10:00:00Z", [Participant(p, role: .caller), Participant(q, role: .receiver)])
        f.event(.call, at: "2024-01-04T10:00:00Z", [Participant(p, role: .caller), Participant(r, role: .receiver)], seconds: 30)
        f.event(.call, at: "2024-01-05T10:00:00Z", [Participant(q, role: .caller), Participant(r, role: .receiver)], seconds: 30)
        let c = try Contacts.of(p, in: f.items)
        #expect(c.map(\.id) == [q, r])
        #expect(c[0].total == 3 && c[0].outgoing == 2 && c[0].incoming == 1)
        #expect(c[0].totalSeconds == 180 && c[0].meanSeconds == 90)
        #expect(c[0].outgoingSeconds == 60 && c[0].incomingSeconds == 120)
        #expect(c[0].first == TimePoint.parse("2024-01-01T10:00:00Z") && c[0].last == TimePoint.parse("2024-01-03T10:00:00Z"))
        #expect(try Contacts.of(p, in: f.items, top: 1).count == 1)
    }

    @Test func colocationWithinWindow() throws {
        var f = Fixture()
        let a = f.entity("A"), b = f.entity("B"), c = f.entity("C")
        let cell1 = f.entity("Cell 1", kind: .cellSite), cell2 = f.entity("Cell 2", kind: .cellSite)
        let home = f.entity("12 High St", kind: .address)
        f.event(.sighting, at: "2024-01-01T10:00:00Z", [Participant(a)], place: cell1)
        f.event(.sighting, at: "2024-01-01T10:10:00Z", [Participant(b)], place: cell1)   // 10 min: together
        f.event(.sighting, at: "2024-01-01T10:30:00Z", [Participant(c)], place: cell1)   // 20 min after B: not
        f.event(.sighting, at: "2024-01-01T10:00:00Z", [Participant(c)], place: cell2)   // other place
        f.event(.sighting, at: "2024-01-02T09:00:00Z", [Participant(a)], place: home)
        f.event(.sighting, at: "2024-01-02T09:14:00Z", [Participant(b)], place: home)
        let any = try Colocator.find(f.items, windowSeconds: 15 * 60)
        #expect(any.count == 1)
        #expect(any[0].a == a && any[0].b == b && any[0].count == 2 && any[0].places == 2)
        #expect(any[0].occasions.map(\.place) == [cell1, home])
        let cells = try Colocator.find(f.items, windowSeconds: 15 * 60, places: .cell)
        #expect(cells.map(\.count) == [1])
        let wide = try Colocator.find(f.items, windowSeconds: 30 * 60, places: .cell)
        #expect(wide.map { [$0.a, $0.b] } == [[a, b], [a, c], [b, c]])
    }

    @Test func moneyFlows() throws {
        var f = Fixture()
        let boss = f.entity("Boss")
        let acc1 = f.entity("Acct 1", kind: .bankAccount), acc2 = f.entity("Acct 2", kind: .bankAccount)
        let acc3 = f.entity("Acct 3", kind: .bankAccount), acc4 = f.entity("Acct 4", kind: .bankAccount)
        f.link(boss, acc1, type: .owns)
        func pay(_ a: ItemID, _ b: ItemID, _ amount: String, _ t: String) {
            f.event(.transaction, at: t, [Participant(a, role: .payer), Participant(b, role: .payee)],
                    amount: Money(amount, currency: "EUR"))
        }
        pay(acc1, acc2, "1000", "2024-01-01T10:00:00Z")
        pay(acc1, acc2, "500", "2024-01-02T10:00:00Z")
        pay(acc2, acc3, "900", "2024-01-03T10:00:00Z")
        pay(acc3, acc4, "100", "2023-12-01T10:00:00Z")  // before money reached acc3: not part of the flow
        let r = try Flows.trace(f.items, from: boss)
        #expect(r.origins == [boss, acc1])
        #expect(r.paths.map(\.nodes) == [[acc1, acc2], [acc1, acc2, acc3]])
        #expect(r.paths[1].carried.description == "900.00 EUR")
        #expect(r.paths[0].hops[0].transfers == 2)
        #expect(r.destinations.map(\.id) == [acc2, acc3])
        #expect(r.destinations.map(\.received.description) == ["1500.00 EUR", "900.00 EUR"])
        let to3 = try Flows.trace(f.items, from: acc1, to: acc3)
        #expect(to3.paths.map(\.nodes) == [[acc1, acc2, acc3]])
        let window = try Flows.trace(f.items, from: acc1, after: TimePoint.parse("2024-01-02")!.utcMicros)
        #expect(window.paths.first?.hops.first?.amount.description == "500.00 EUR")
        let short = try Flows.trace(f.items, from: acc1, maxHops: 1)
        #expect(short.paths.count == 1)
    }
}
