import DossierModel
@testable import DossierStore
import Foundation
import Testing

@Suite struct AuditWorkspaceTests {
    let t = TimePoint(unixSeconds: 1_700_000_000)

    func person(_ name: String, _ seed: UInt64, cases: [ItemID] = []) -> Item {
        var rng = SeededGenerator(seed: seed)
        return .entity(Entity(meta: ItemMeta(id: ItemID(millisecondsSinceEpoch: 1_700_000_000_000, using: &rng), cases: cases,
                                             analyst: "anna", at: t), kind: .person, name: name))
    }

    /// A child committing transactions is killed at random moments: after each kill the trail verifies, and every
    /// commit the store holds has exactly one audit entry announcing it (an announced commit that never reached the
    /// store is followed by a `change-not-stored` entry).
    @Test func killedWritersNeverLeaveACommitUnaudited() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        guard let (child, path) = try CommittingChild.withNewWorkspace(in: dir) else { return }
        var rng = SeededGenerator(seed: 77)
        var next = 1
        for round in 0..<20 {
            _ = CommittingChild.killMidStream(child, workspace: path, first: next, delayMicros: UInt32(rng.next() % 30_000))
            let ws = try Workspace.open(at: path)  // reconciles
            let reading = try AuditTrail.read(workspace: path)
            #expect(reading.problem == nil, "round \(round): \(String(describing: reading.problem))")
            let entries = reading.records.compactMap(\.entry)
            let announced = entries.filter { $0.action == .change }
            let notStored = entries.filter { $0.action == .changeNotStored }
            #expect(announced.count - notStored.count == Int(ws.version), "round \(round)")
            let stored = Set(announced.map(\.commit))
            #expect((1...max(1, ws.version)).allSatisfy { ws.version == 0 || stored.contains($0) }, "round \(round)")
            next = Int(ws.version) + 1
            ws.close()
        }
        #expect(next > 20)
    }

    @Test func commitsAreAuditedAndViewersRefusedThroughTheWorkspace() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let ws = try Workspace.create(at: dir.sub("ws"))
        var rng = SeededGenerator(seed: 1)
        func meta() -> ItemMeta { ItemMeta(id: ItemID(millisecondsSinceEpoch: 1, using: &rng), analyst: "anna", at: t) }
        let anna = Analyst(meta: meta(), name: "anna", role: .supervisor)
        let vera = Analyst(meta: meta(), name: "vera", role: .viewer)
        try ws.commit(ChangeBatch(changes: [.put(.analyst(anna)), .put(.analyst(vera))], analyst: "anna", time: t, action: "analyst add"))
        try ws.commit(ChangeBatch(changes: [.put(person("Alice", 1))], analyst: "anna", time: t, action: "add entity"))
        #expect(throws: StoreError.self) {
            try ws.commit(ChangeBatch(changes: [.put(person("Bob", 2))], analyst: "vera", time: t, action: "add entity"))
        }
        #expect(throws: StoreError.self) {
            try ws.commit(ChangeBatch(changes: [.put(person("Eve", 3))], analyst: "mallory", time: t, action: "add entity"))
        }
        #expect(ws.version == 2)
        #expect(ws.resolve("Bob") == nil)
        try ws.recordAudit(AuditEntry(time: t, analyst: "anna", action: .export, detail: "export op.csv"))
        let reading = try ws.readAudit()
        #expect(reading.problem == nil)
        let entries = reading.records.compactMap(\.entry)
        #expect(entries.map(\.action) == [.analyst, .change, .denied, .denied, .export])
        #expect(entries.map(\.commit) == [1, 2, 0, 0, 0])
        #expect(entries.map(\.analyst) == ["anna", "anna", "vera", "mallory", "anna"])
        ws.close()
    }

    @Test func anEncryptedWorkspaceSealsItsTrustFiles() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        var options = WorkspaceOptions()
        options.encrypted = true
        options.passphrase = "correct horse"
        options.scryptLogN = 10
        let ws = try Workspace.create(at: path, options: options)
        try ws.commit(ChangeBatch(changes: [.put(person("Zanzibar Quux", 9))], analyst: "analyst-Ωmega", time: t, action: "add entity"))
        let register = try ws.requestRegister()
        try register.save(InformationRequest(id: ItemID(high: 5, low: 6), direction: .incoming, partner: "Partner-Kestrel",
                                             purpose: "purpose-Heron", legalBasis: "basis-Plover", analyst: "anna", at: t))
        register.close()
        let keys = try ws.keys(analyst: "anna")
        ws.close()
        for file in ["audit.log", "requests.log", "keys.bin"] {
            let text = String(decoding: Disk.read(path + "/" + file), as: UTF8.self)
            #expect(!text.contains("Zanzibar"), "\(file)")
            #expect(!text.contains("Ωmega"), "\(file)")
            #expect(!text.contains("Kestrel") && !text.contains("Heron") && !text.contains("Plover"), "\(file)")
        }
        let reopened = try Workspace.open(at: path, passphrase: "correct horse")
        #expect(try reopened.readAudit().records.compactMap(\.entry).map(\.analyst) == ["analyst-Ωmega", "anna"])
        #expect(try reopened.requests().current.map(\.partner) == ["Partner-Kestrel"])
        #expect(try reopened.keys(analyst: "anna").signingKey == keys.signingKey)
        reopened.close()
        // Without the key the chain still verifies, but nothing can be read.
        let plain = try AuditTrail.read(workspace: path)
        #expect(plain.problem == nil)
        #expect(plain.records.allSatisfy { $0.entry == nil })
    }
}
