import DossierExchange
import DossierModel
import DossierStore
import Foundation

/// Trust cases: what the access check and the audit trail add to a commit, verifying a long trail, and building and
/// verifying a share package.
extension BenchRegistry {
    static var trustCases: [BenchCase] {
        [
            // The access check plus the audit entry (1M item ids, fsynced) that precede the store's bulk commit.
            BenchCase(area: "trust", name: "check + audit entry of a 1M-event batch", scale: "1M events", runs: 3) { ctx, run in
                let data = ctx.shared("store-data-1000000") { StoreBenchData(events: 1_000_000) }
                let events = data.eventBatch()
                for r in 0..<3 {
                    let path = ctx.scratch + "/trust-audit-\(r)"
                    let ws = try Workspace.create(at: path)
                    try ws.commit(data.setupBatch())
                    // A trail of its own beside the workspace's, so only this batch's check and entry are timed.
                    try FileManager.default.createDirectory(atPath: path + "/bench-trail", withIntermediateDirectories: true)
                    let trail = try AuditTrail(workspace: path + "/bench-trail")
                    let auditor = try CommitAuditor(trail: trail, storeVersion: ws.version)
                    try run.time { try auditor.beforeCommit(events, sequence: ws.version + 1, reader: ws) }
                    trail.close()
                    ws.close()
                    try? FileManager.default.removeItem(atPath: path)
                }
            },
            // The fixed cost of opening an encrypted workspace: the passphrase key. The store's scrypt and
            // swift-crypto's give the same bytes (ScryptTests); the two cases show what the vector core saves.
            BenchCase(area: "trust", name: "scrypt N=2^15 r=8 p=1, store's vector core", scale: "1 key") { _, run in
                for _ in 0..<7 {
                    try run.time { _ = try Scrypt.deriveKey(passphrase: Array("bench".utf8), salt: Array(repeating: 7, count: 16),
                                                            logN: 15, r: 8, p: 1) }
                }
            },
            BenchCase(area: "trust", name: "scrypt N=2^15 r=8 p=1, swift-crypto", scale: "1 key") { _, run in
                for _ in 0..<7 {
                    try run.time { _ = try Scrypt.reference(passphrase: Array("bench".utf8), salt: Array(repeating: 7, count: 16),
                                                            logN: 15, r: 8, p: 1) }
                }
            },
            BenchCase(area: "trust", name: "audit verify, 100k entries", scale: "100k entries", runs: 5) { ctx, run in
                let path = ctx.scratch + "/trust-verify"
                try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
                if !FileManager.default.fileExists(atPath: AuditTrail.path(in: path)) {
                    // An fsync per entry, as in real use, would take minutes here: append in batches of 10,000.
                    let trail = try AuditTrail(workspace: path)
                    var rng = SeededGenerator(seed: 3)
                    for chunk in 0..<10 {
                        let entries = (0..<10_000).map { k -> AuditEntry in
                            let i = chunk * 10_000 + k
                            let id = ItemID(millisecondsSinceEpoch: 1_704_067_200_000 + UInt64(i), using: &rng)
                            return AuditEntry(time: TimePoint(unixSeconds: 1_704_067_200 + Int64(i)), analyst: "bench",
                                              action: .change, items: [id], detail: "add entity", commit: UInt64(i + 1))
                        }
                        try trail.append(contentsOf: entries)
                    }
                    trail.close()
                }
                for _ in 0..<5 {
                    var n = 0
                    try run.time { n = try AuditTrail.read(workspace: path).records.count }
                    guard n == 100_000 else { throw StoreError("read \(n) entries") }
                }
            },
            BenchCase(area: "trust", name: "share package build + verify, 100k events", scale: "100k events", runs: 3) { ctx, run in
                let data = ctx.shared("store-data-100000") { StoreBenchData(events: 100_000) }
                var items = InMemoryItems([.case(data.caseItem)])
                for p in data.phones { items.put(.entity(p)) }
                for e in data.events { items.put(.event(e)) }
                let terms = ShareTerms(recipient: "Partner", purpose: "bench", purposeKind: .crime, legalBasis: "bench")
                let request = InformationRequest(id: ItemID(high: 1, low: 1), direction: .spontaneous, partner: "Partner",
                                                 purpose: "bench", legalBasis: "bench", analyst: "bench", at: data.caseItem.meta.createdAt)
                let signer = PackageSigningKey()
                let opener = PackageOpeningKey()
                for r in 0..<3 {
                    let path = ctx.scratch + "/trust-share-\(r)"
                    try run.time {
                        let selection = ShareSelection.select(from: items, caseID: data.caseItem.meta.id, terms: terms)
                        let draft = ShareDraft(packageID: "bench-\(r)", created: data.caseItem.meta.createdAt, senderName: "bench",
                                               terms: terms, request: request, caseItem: data.caseItem, selection: selection)
                        _ = try PackageWriter.write(draft, to: path, signingKey: signer, recipientKey: opener.publicKeyText)
                        let received = try PackageReader.open(path, expectedSender: signer.publicKeyText, openingKey: opener)
                        guard received.items.count == selection.items.count else { throw StoreError("package lost items") }
                    }
                    try? FileManager.default.removeItem(atPath: path)
                }
            },
        ]
    }
}
