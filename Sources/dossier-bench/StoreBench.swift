import DossierModel
import DossierStore
import Foundation

/// Deterministic call-record data for the store cases: phones (entities with E.164 identifiers) and calls between
/// them, one every 30 seconds from 2024-01-01.
struct StoreBenchData {
    var phones: [Entity]
    var events: [Event]
    var caseItem: Case
    static let startSeconds: Int64 = 1_704_067_200

    init(events count: Int, seed: UInt64 = 42) {
        var rng = SeededGenerator(seed: seed)
        let t0 = TimePoint(unixSeconds: StoreBenchData.startSeconds)
        let caseID = ItemID(millisecondsSinceEpoch: 1_704_067_200_000, using: &rng)
        caseItem = Case(meta: ItemMeta(id: caseID, analyst: "bench", at: t0), name: "bench", title: "Benchmark")
        let phoneCount = max(1000, count / 20)
        phones = (0..<phoneCount).map { i in
            let id = ItemID(millisecondsSinceEpoch: 1_704_067_200_001 + UInt64(i), using: &rng)
            let number = "+4477009" + String(10_000_000 + i).suffix(5) + String(i / 100_000)
            return Entity(meta: ItemMeta(id: id, cases: [caseID], analyst: "bench", at: t0), kind: .phone, name: number,
                          identifiers: [Identifier(scheme: .phone, normalized: number)])
        }
        var evs: [Event] = []
        evs.reserveCapacity(count)
        for i in 0..<count {
            let seconds = StoreBenchData.startSeconds + Int64(i) * 30
            let id = ItemID(millisecondsSinceEpoch: UInt64(seconds) * 1000 + 500, using: &rng)
            let a = Int(rng.next() % UInt64(phoneCount)), b = Int(rng.next() % UInt64(phoneCount))
            let start = TimePoint(unixSeconds: seconds)
            evs.append(Event(meta: ItemMeta(id: id, cases: [caseID], analyst: "bench", at: start), kind: .call, start: start,
                             end: TimePoint(unixSeconds: seconds + Int64(rng.next() % 600)),
                             participants: [Participant(phones[a].meta.id, role: .caller), Participant(phones[b].meta.id, role: .receiver)]))
        }
        events = evs
    }

    func setupBatch() -> ChangeBatch {
        var b = ChangeBatch(analyst: "bench", time: TimePoint(unixSeconds: StoreBenchData.startSeconds), action: "bench setup")
        b.put(.case(caseItem))
        for p in phones { b.put(.entity(p)) }
        return b
    }

    func eventBatch() -> ChangeBatch {
        ChangeBatch(changes: events.map { .put(.event($0)) }, analyst: "bench", time: TimePoint(unixSeconds: StoreBenchData.startSeconds),
                    action: "bench events")
    }

    /// The same events as CSV, for the SQLite peer (`peers.py sqlite FILE --index id,caller`).
    func writeCSV(to path: String) throws {
        var out = "id,kind,start,end,caller,receiver\n"
        out.reserveCapacity(events.count * 120)
        let byID = Dictionary(uniqueKeysWithValues: phones.map { ($0.meta.id, $0.name) })
        for e in events {
            out += "\(e.meta.id),\(e.kind.rawValue),\(e.start.utcISO8601),\(e.end?.utcISO8601 ?? ""),"
            out += "\(byID[e.participants[0].entity] ?? ""),\(byID[e.participants[1].entity] ?? "")\n"
        }
        try out.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

extension BenchRegistry {
    static var storeCases: [BenchCase] {
        [100_000, 1_000_000].flatMap { n -> [BenchCase] in
            let big = n == 1_000_000
            let scale = big ? "1M events" : "100k events"
            return [
                BenchCase(area: "store", name: "bulk commit", scale: scale, target: big ? 1.5 : nil, runs: 3) { ctx, run in
                    let data = ctx.shared("store-data-\(n)") { StoreBenchData(events: n) }
                    let events = data.eventBatch()
                    for r in 0..<3 {
                        let path = ctx.scratch + "/bulk-\(n)-\(r)"
                        let ws = try Workspace.create(at: path)
                        try ws.commit(data.setupBatch())
                        try run.time { try ws.commit(events) }
                        ws.close()
                        try? FileManager.default.removeItem(atPath: path)
                    }
                },
                BenchCase(area: "store", name: "open to ready", scale: scale, target: big ? 0.2 : nil) { ctx, run in
                    let path = try storeWorkspace(ctx, n)
                    for _ in 0..<5 {
                        var ws: Workspace?
                        run.time { ws = try? Workspace.open(at: path, mode: .readOnly) }
                        guard let w = ws, w.count(.event, inCase: nil) == n else { throw StoreError("open failed") }
                        w.close()
                    }
                },
                BenchCase(area: "store", name: "lookup by id p50", scale: scale) { ctx, run in
                    let path = try storeWorkspace(ctx, n)
                    let data = ctx.shared("store-data-\(n)") { StoreBenchData(events: n) }
                    let ws = try Workspace.open(at: path, mode: .readOnly)
                    defer { ws.close() }
                    var rng = SeededGenerator(seed: 7)
                    for _ in 0..<5 {
                        var lat: [Double] = []
                        for _ in 0..<10_000 {
                            let id = data.events[Int(rng.next() % UInt64(n))].meta.id
                            let t = Clock.now()
                            guard ws.item(id) != nil else { throw StoreError("missing \(id)") }
                            lat.append(Clock.now() - t)
                        }
                        run.sample(quantile(lat, 0.5))
                    }
                },
                BenchCase(area: "store", name: "lookup by identifier p50", scale: scale, target: big ? 10e-6 : nil) { ctx, run in
                    let path = try storeWorkspace(ctx, n)
                    let data = ctx.shared("store-data-\(n)") { StoreBenchData(events: n) }
                    let ws = try Workspace.open(at: path, mode: .readOnly)
                    defer { ws.close() }
                    var rng = SeededGenerator(seed: 8)
                    for _ in 0..<5 {
                        var lat: [Double] = []
                        for _ in 0..<10_000 {
                            let phone = data.phones[Int(rng.next() % UInt64(data.phones.count))]
                            let t = Clock.now()
                            guard ws.entities(withIdentifier: phone.identifiers[0]).count == 1 else { throw StoreError("missing phone") }
                            lat.append(Clock.now() - t)
                        }
                        run.sample(quantile(lat, 0.5))
                    }
                },
                BenchCase(area: "store", name: "1% time-range scan", scale: scale, target: big ? 0.002 : nil) { ctx, run in
                    let path = try storeWorkspace(ctx, n)
                    let ws = try Workspace.open(at: path, mode: .readOnly)
                    defer { ws.close() }
                    let span = Int64(n) * 30_000_000
                    var rng = SeededGenerator(seed: 9)
                    for _ in 0..<7 {
                        let from = StoreBenchData.startSeconds * 1_000_000 + Int64(rng.next() % UInt64(span - span / 100))
                        var got = 0
                        run.time { got = ws.events(inTime: from...(from + span / 100 - 1), inCase: nil).count }
                        guard got >= n / 100 - 1 else { throw StoreError("scan found \(got)") }
                    }
                },
                BenchCase(area: "store", name: "open to ready, encrypted (scrypt 2^15 incl.)", scale: scale) { ctx, run in
                    let path = try storeWorkspace(ctx, n, encrypted: true)
                    for _ in 0..<5 {
                        var ws: Workspace?
                        run.time { ws = try? Workspace.open(at: path, mode: .readOnly, passphrase: benchPassphrase) }
                        guard let w = ws, w.count(.event, inCase: nil) == n else { throw StoreError("open failed") }
                        w.close()
                    }
                },
                BenchCase(area: "store", name: "1% time-range scan, encrypted", scale: scale) { ctx, run in
                    let path = try storeWorkspace(ctx, n, encrypted: true)
                    let ws = try Workspace.open(at: path, mode: .readOnly, passphrase: benchPassphrase)
                    defer { ws.close() }
                    let span = Int64(n) * 30_000_000
                    var rng = SeededGenerator(seed: 9)
                    for _ in 0..<7 {
                        let from = StoreBenchData.startSeconds * 1_000_000 + Int64(rng.next() % UInt64(span - span / 100))
                        var got = 0
                        run.time { got = ws.events(inTime: from...(from + span / 100 - 1), inCase: nil).count }
                        guard got >= n / 100 - 1 else { throw StoreError("scan found \(got)") }
                    }
                },
                BenchCase(area: "store", name: "RSS with workspace open", scale: scale, unit: .mebibytes, target: big ? 1024 : nil,
                          runs: 1) { ctx, run in
                    let path = try storeWorkspace(ctx, n)
                    ctx.drop("store-data-\(n)")
                    let ws = try Workspace.open(at: path, mode: .readOnly)
                    _ = ws.events(inTime: Int64.min...Int64.max, inCase: nil).count
                    run.sample(Memory.status("VmRSS"))
                    run.note = "after a full scan"
                    ws.close()
                },
                BenchCase(area: "store", name: "open + read all events", scale: scale) { ctx, run in
                    let path = try storeWorkspace(ctx, n)
                    for _ in 0..<5 { try run.time { try openAndReadAll(path, n, passphrase: nil) } }
                },
                BenchCase(area: "store", name: "open + read all events, encrypted (scrypt 2^15 incl.)", scale: scale) { ctx, run in
                    let path = try storeWorkspace(ctx, n, encrypted: true)
                    for _ in 0..<5 { try run.time { try openAndReadAll(path, n, passphrase: benchPassphrase) } }
                },
                // Issue #7: encrypted vs plain on identical data, timed in alternating pairs so that load drift on a
                // shared machine hits both sides alike. Each sample is one pair's ratio.
                BenchCase(area: "store", name: "encrypted/plain: open + read all events", scale: scale, unit: .ratio,
                          target: big ? 1.5 : nil) { ctx, run in
                    let plain = try storeWorkspace(ctx, n), sealed = try storeWorkspace(ctx, n, encrypted: true)
                    for _ in 0..<5 {
                        let t0 = Clock.now()
                        try openAndReadAll(plain, n, passphrase: nil)
                        let t1 = Clock.now()
                        try openAndReadAll(sealed, n, passphrase: benchPassphrase)
                        run.sample((Clock.now() - t1) / (t1 - t0))
                    }
                    run.note = "scrypt N=2^15 r=8 p=1 included"
                },
                BenchCase(area: "store", name: "encrypted/plain: open + 1% scan", scale: scale, unit: .ratio) { ctx, run in
                    let plain = try storeWorkspace(ctx, n), sealed = try storeWorkspace(ctx, n, encrypted: true)
                    let span = Int64(n) * 30_000_000
                    let from = StoreBenchData.startSeconds * 1_000_000 + span / 2
                    func once(_ path: String, _ passphrase: String?) throws {
                        let ws = try Workspace.open(at: path, mode: .readOnly, passphrase: passphrase)
                        defer { ws.close() }
                        guard ws.events(inTime: from...(from + span / 100 - 1), inCase: nil).count >= n / 100 - 1 else {
                            throw StoreError("scan incomplete")
                        }
                    }
                    for _ in 0..<5 {
                        let t0 = Clock.now()
                        try once(plain, nil)
                        let t1 = Clock.now()
                        try once(sealed, benchPassphrase)
                        run.sample((Clock.now() - t1) / (t1 - t0))
                    }
                    run.note = "scrypt N=2^15 r=8 p=1 included"
                },
            ]
        }
    }

    static let benchPassphrase = "bench passphrase"

    /// Opens the workspace read-only and decodes every event (what reading the whole workspace costs).
    static func openAndReadAll(_ path: String, _ n: Int, passphrase: String?) throws {
        let ws = try Workspace.open(at: path, mode: .readOnly, passphrase: passphrase)
        defer { ws.close() }
        let all = ws.events(inTime: Int64.min...Int64.max, inCase: nil)
        guard all.count == n else { throw StoreError("read \(all.count) of \(n) events") }
    }

    /// A closed workspace holding the data of scale `n` (built once per run of the harness).
    static func storeWorkspace(_ ctx: BenchContext, _ n: Int, encrypted: Bool = false) throws -> String {
        try ctx.shared("store-ws-\(n)-\(encrypted)") { () throws -> String in
            let data = ctx.shared("store-data-\(n)") { StoreBenchData(events: n) }
            let path = ctx.scratch + "/ws-\(n)\(encrypted ? "-encrypted" : "")"
            // A workspace left in an explicit --scratch by an earlier run is reused once it opens (for writing, so
            // its index snapshot is brought up to date) with the expected content.
            if FileManager.default.fileExists(atPath: path + "/dossier.meta"),
               let ws = try? Workspace.open(at: path, passphrase: encrypted ? benchPassphrase : nil) {
                let ok = ws.count(.event, inCase: nil) == n
                try ws.checkpoint()
                ws.close()
                if ok { return path }
                throw StoreError("\(path) holds other data; remove it or choose another --scratch")
            }
            let ws = try Workspace.create(at: path, options: WorkspaceOptions(encrypted: encrypted, passphrase: benchPassphrase))
            try ws.commit(data.setupBatch())
            try ws.commit(data.eventBatch())
            ws.close()
            return path
        }
    }
}
