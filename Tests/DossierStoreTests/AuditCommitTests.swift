import DossierModel
@testable import DossierStore
import Testing

@Suite struct AuditCommitTests {
    let t = TimePoint(unixSeconds: 1_700_000_000)

    func entity(_ name: String, _ seed: UInt64) -> Item {
        var rng = SeededGenerator(seed: seed)
        return .entity(Entity(meta: ItemMeta(id: ItemID(millisecondsSinceEpoch: 1_700_000_000_000, using: &rng), analyst: "anna", at: t),
                              kind: .person, name: name))
    }

    func batch(_ analyst: String, _ items: [Item], action: String = "add entity") -> ChangeBatch {
        ChangeBatch(changes: items.map { .put($0) }, analyst: analyst, time: t, action: action)
    }

    func entries(_ dir: AuditTempDir) throws -> [AuditEntry] {
        let reading = try AuditTrail.read(workspace: dir.path)
        #expect(reading.problem == nil)
        return reading.records.compactMap(\.entry)
    }

    @Test func everyCommitIsAuditedBeforeItIsStored() throws {
        let dir = AuditTempDir()
        defer { dir.cleanup() }
        var store = InMemoryItems()
        let auditor = try CommitAuditor(trail: try AuditTrail(workspace: dir.path), storeVersion: 0)
        for (i, name) in ["Alice", "Bob"].enumerated() {
            let b = batch("anna", [entity(name, UInt64(i))], action: "import people.csv")
            try auditor.beforeCommit(b, sequence: UInt64(i + 1), reader: store)
            store.apply(b)
            auditor.afterCommit(sequence: UInt64(i + 1))
        }
        let e = try entries(dir)
        #expect(e.map(\.commit) == [1, 2])
        #expect(e.map(\.action) == [.import, .import])
        #expect(e.map(\.items) == [[entity("Alice", 0).id], [entity("Bob", 1).id]])
        #expect(e.map(\.detail) == ["import people.csv", "import people.csv"])
    }

    @Test func aCommitInterruptedAfterItsEntryIsRecordedAsNotStored() throws {
        let dir = AuditTempDir()
        defer { dir.cleanup() }
        let first = try CommitAuditor(trail: try AuditTrail(workspace: dir.path), storeVersion: 0)
        try first.beforeCommit(batch("anna", [entity("Alice", 0)]), sequence: 1, reader: InMemoryItems())
        first.trail.close()  // "crash": the store never wrote commit 1

        let reopened = try CommitAuditor(trail: try AuditTrail(workspace: dir.path), storeVersion: 0)
        #expect(reopened.report == ["audit entry 0 announced commit 1, which the store does not hold (interrupted before it was stored); recorded as not stored"])
        let e = try entries(dir)
        #expect(e.count == 2)
        #expect(e[1].action == .changeNotStored)
        #expect(e[1].items == [entity("Alice", 0).id])
        #expect(e[1].detail == "entry 0 announced commit 1 (add entity); the store holds 0 commits")
        #expect(e[1].commit == 0)
        reopened.trail.close()
        // Reconciled once: opening again adds nothing; a store that did commit needs nothing.
        let again = try CommitAuditor(trail: try AuditTrail(workspace: dir.path), storeVersion: 0)
        #expect(again.report.isEmpty)
        #expect(try entries(dir).count == 2)
    }

    @Test func aCommitThatFailedInProcessIsRecordedBeforeTheNext() throws {
        let dir = AuditTempDir()
        defer { dir.cleanup() }
        let auditor = try CommitAuditor(trail: try AuditTrail(workspace: dir.path), storeVersion: 4)
        try auditor.beforeCommit(batch("anna", [entity("Alice", 0)]), sequence: 5, reader: InMemoryItems())
        // The store's write failed; the next batch gets the same sequence.
        try auditor.beforeCommit(batch("anna", [entity("Bob", 1)]), sequence: 5, reader: InMemoryItems())
        auditor.afterCommit(sequence: 5)
        let e = try entries(dir)
        #expect(e.map(\.action) == [.change, .changeNotStored, .change])
        #expect(e.map(\.commit) == [5, 0, 5])
    }

    @Test func refusedBatchesAreAuditedAndNotAnnounced() throws {
        let dir = AuditTempDir()
        defer { dir.cleanup() }
        var rng = SeededGenerator(seed: 99)
        let viewer = Analyst(meta: ItemMeta(id: ItemID(millisecondsSinceEpoch: 1, using: &rng), analyst: "anna", at: t), name: "vera", role: .viewer)
        let boss = Analyst(meta: ItemMeta(id: ItemID(millisecondsSinceEpoch: 1, using: &rng), analyst: "anna", at: t), name: "anna", role: .supervisor)
        let store = InMemoryItems([.analyst(viewer), .analyst(boss)])
        let auditor = try CommitAuditor(trail: try AuditTrail(workspace: dir.path), storeVersion: 1)
        #expect(throws: AccessDenied(message: "vera is a viewer and cannot change anything")) {
            try auditor.beforeCommit(batch("vera", [entity("Alice", 0)]), sequence: 2, reader: store)
        }
        let e = try entries(dir)
        #expect(e.count == 1)
        #expect(e[0].action == .denied)
        #expect(e[0].analyst == "vera")
        #expect(e[0].commit == 0)
        #expect(e[0].detail == "add entity: vera is a viewer and cannot change anything")
    }

    @Test func twoAppendersKeepOneChain() throws {
        let dir = AuditTempDir()
        defer { dir.cleanup() }
        let writer = try AuditTrail(workspace: dir.path)
        let reader = try AuditTrail(workspace: dir.path)
        let sample = sampleEntries()
        for (i, e) in sample.enumerated() { try (i % 2 == 0 ? writer : reader).append(e) }
        writer.close()
        reader.close()
        #expect(try entries(dir) == sample)
    }
}
