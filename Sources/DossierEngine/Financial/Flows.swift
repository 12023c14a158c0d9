import DossierModel

/// Where money went from an account or person.
public struct FlowReport: Sendable, Equatable {
    public struct Hop: Sendable, Equatable {
        public var from: ItemID
        public var to: ItemID
        /// Sum of the transfers from→to in the window.
        public var amount: Money
        public var transfers: Int
        public var first: Int64
        public var last: Int64
    }
    public struct Path: Sendable, Equatable {
        public var hops: [Hop]
        /// The most that can have travelled the whole path: the smallest hop total.
        public var carried: Money
        public var nodes: [ItemID] { hops.isEmpty ? [] : [hops[0].from] + hops.map(\.to) }
    }
    public struct Destination: Sendable, Equatable {
        public var id: ItemID
        /// Sum of the transfers it received from the flow (from the origin or entities the flow reached first).
        public var received: Money
        /// Hops from the origin on the shortest flow path.
        public var hops: Int
    }
    /// The starting points: the origin and the accounts and wallets it owns or uses.
    public var origins: [ItemID]
    public var paths: [Path]
    public var destinations: [Destination]
    /// True when more paths existed than `pathLimit`.
    public var truncated: Bool
}

/// Money flows over payer → payee transactions. Transfers are summed per (payer, payee, currency); a path only
/// continues through an entity when some onward transfer is no earlier than the first transfer that reached it,
/// so money does not flow back in time. Currencies are never added together.
public enum Flows {
    public static func trace(_ reader: any ItemReader, from origin: ItemID, to target: ItemID? = nil,
                             after: Int64? = nil, before: Int64? = nil, maxHops: Int = 4, pathLimit: Int = 1000,
                             caseID: ItemID? = nil, resolution: Resolution? = nil,
                             progress: AnalysisProgress? = nil) throws -> FlowReport {
        func canon(_ id: ItemID) -> ItemID { resolution?.canonical(id) ?? id }
        struct Key: Hashable { var from: ItemID; var to: ItemID; var currency: String }
        var edges: [Key: FlowReport.Hop] = [:]
        var n = 0
        var cancelled = false
        reader.forEach(.event, inCase: caseID) { item in
            n += 1
            if n & 8191 == 0, progress?.isCancelled == true { cancelled = true; return false }
            guard let e = item.event, let money = e.amount, money.tenThousandths > 0 else { return true }
            let t = e.start.utcMicros
            if let after, t < after { return true }
            if let before, t >= before { return true }
            let payers = e.participants.filter { $0.role.isOrigin }.map { canon($0.entity) }
            let payees = e.participants.filter { $0.role.isDestination }.map { canon($0.entity) }
            for p in payers {
                for q in payees where p != q {
                    let k = Key(from: p, to: q, currency: money.currency)
                    if var h = edges[k] {
                        let (sum, overflow) = h.amount.tenThousandths.addingReportingOverflow(money.tenThousandths)
                        h.amount.tenThousandths = overflow ? .max : sum
                        h.transfers += 1; h.first = min(h.first, t); h.last = max(h.last, t)
                        edges[k] = h
                    } else {
                        edges[k] = FlowReport.Hop(from: p, to: q, amount: money, transfers: 1, first: t, last: t)
                    }
                }
            }
            return true
        }
        if cancelled { throw AnalysisCancelled() }
        var out: [ItemID: [FlowReport.Hop]] = [:]
        for h in edges.values { out[h.from, default: []].append(h) }
        for k in out.keys {
            out[k]!.sort { $0.amount.tenThousandths != $1.amount.tenThousandths ? $0.amount.tenThousandths > $1.amount.tenThousandths
                          : ($0.to != $1.to ? $0.to < $1.to : $0.amount.currency < $1.amount.currency) }
        }
        // Origins: the entity and the accounts/wallets linked to it by owns/uses/holds links.
        let start = canon(origin)
        var origins: [ItemID] = [start]
        reader.forEach(.link, inCase: nil) { item in
            guard let l = item.link, [.owns, .uses, LinkType(rawValue: "holds")].contains(l.type) else { return true }
            let a = canon(l.from), b = canon(l.to)
            let other = a == start ? b : (b == start ? a : nil)
            if let other, let k = reader.entity(other)?.kind, k == .bankAccount || k == .cryptoWallet,
               !origins.contains(other) { origins.append(other) }
            return true
        }
        let originSet = Set(origins)
        var paths: [FlowReport.Path] = []
        var truncated = false
        var received: [ItemID: (Money, Int)] = [:]
        var hopsTo: [ItemID: Int] = [:]
        var onPath = Set<ItemID>()
        var current: [FlowReport.Hop] = []
        var seenHop = Set<String>()
        func walk(_ v: ItemID, arrived: Int64, currency: String?) throws {
            if paths.count >= pathLimit { truncated = true; return }
            for h in out[v] ?? [] {
                if let currency, h.amount.currency != currency { continue }
                if h.last < arrived || onPath.contains(h.to) || originSet.contains(h.to) { continue }
                current.append(h)
                let hopKey = "\(h.from)>\(h.to)>\(h.amount.currency)"
                if seenHop.insert(hopKey).inserted {
                    var r = received[h.to] ?? (Money(tenThousandths: 0, currency: h.amount.currency), 0)
                    if r.0.currency == h.amount.currency {
                        r.0.tenThousandths = r.0.tenThousandths.addingReportingOverflow(h.amount.tenThousandths).overflow
                            ? .max : r.0.tenThousandths + h.amount.tenThousandths
                    }
                    received[h.to] = r
                }
                hopsTo[h.to] = min(hopsTo[h.to] ?? .max, current.count)
                if target == nil || h.to == target {
                    let carried = current.map(\.amount.tenThousandths).min() ?? 0
                    paths.append(FlowReport.Path(hops: current, carried: Money(tenThousandths: carried, currency: h.amount.currency)))
                }
                if current.count < maxHops && h.to != target {
                    onPath.insert(h.to)
                    try walk(h.to, arrived: h.first, currency: h.amount.currency)
                    onPath.remove(h.to)
                }
                current.removeLast()
                if paths.count >= pathLimit { truncated = true; return }
            }
            try progress.check()
        }
        for o in origins {
            onPath = [o]
            try walk(o, arrived: .min, currency: nil)
        }
        paths.sort {
            $0.hops.count != $1.hops.count ? $0.hops.count < $1.hops.count
                : ($0.carried.tenThousandths != $1.carried.tenThousandths ? $0.carried.tenThousandths > $1.carried.tenThousandths
                   : $0.nodes.lexicographicallyPrecedes($1.nodes))
        }
        var destinations = received.map { FlowReport.Destination(id: $0.key, received: $0.value.0, hops: hopsTo[$0.key] ?? 0) }
        if let target { destinations = destinations.filter { $0.id == target } }
        destinations.sort { $0.received.tenThousandths != $1.received.tenThousandths
            ? $0.received.tenThousandths > $1.received.tenThousandths : $0.id < $1.id }
        return FlowReport(origins: origins, paths: paths, destinations: destinations, truncated: truncated)
    }
}
