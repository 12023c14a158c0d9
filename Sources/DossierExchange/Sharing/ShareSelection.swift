import DossierModel

/// An item left out of a share, and why. Goes to the sender's local report only, never into the package.
public struct WithheldItem: Sendable, Equatable {
    public var id: ItemID
    public var kind: String
    public var name: String
    public var handling: String
    public var reason: String
}

/// What a share of one case sends and what it leaves out.
public struct ShareSelection: Sendable {
    /// The items to send, sanitised: case memberships reduced to the shared case, references to withheld items removed.
    public var items: [Item]
    public var withheld: [WithheldItem]
    /// Events and links that were sent with some references removed (a participant or place that was withheld).
    public var redacted: [ItemID]

    /// Selects the items of `caseID` that `terms` allow.
    ///
    /// An item goes when its effective handling (its own, else its source's) allows the recipient and purpose *and* its
    /// source, if any, may go too (an item never travels without its provenance). Sources referenced by sent items are
    /// sent with them even when they are not in the case. A link goes only with both its ends; a note only with every
    /// item it is about; a judgement only with both entities it judges. An event whose participant or place is withheld
    /// goes without that reference. Analysts are never shared; the case goes without its list of analysts.
    public static func select(from reader: any ItemReader, caseID: ItemID, terms: ShareTerms) -> ShareSelection {
        var decided: [ItemID: SharingDecision] = [:]
        var withheld: [WithheldItem] = []
        var sendable: [ItemID: Item] = [:]

        func handlingText(_ h: HandlingCode?) -> String { h.map(\.description) ?? "-" }

        func withhold(_ item: Item, _ reason: String) {
            withheld.append(WithheldItem(id: item.id, kind: item.subkind, name: item.displayName,
                                         handling: handlingText(reader.effectiveHandling(of: item.meta)), reason: reason))
        }

        /// The decision on a source (by its own handling and provider), cached.
        func sourceDecision(_ id: ItemID) -> SharingDecision {
            if let d = decided[id] { return d }
            let d: SharingDecision
            if let s = reader.item(id)?.source {
                d = SharingRules.decide(handling: s.handling ?? s.meta.handling, provider: s.provider, terms: terms)
            } else {
                d = .refused("its source \(id) is not in the workspace")
            }
            decided[id] = d
            return d
        }

        func decide(_ item: Item) -> SharingDecision {
            if case .source(let s) = item { return sourceDecision(s.meta.id) }
            let provider = item.meta.source.flatMap { reader.item($0)?.source?.provider }
            let own = SharingRules.decide(handling: reader.effectiveHandling(of: item.meta), provider: provider, terms: terms)
            guard own.isAllowed else { return own }
            if let sid = item.meta.source, case .refused(let why) = sourceDecision(sid) {
                return .refused("its source may not go: \(why)")
            }
            return .allowed
        }

        // 1. Every item of the case, decided on its own handling.
        var inCase: [Item] = []
        for kind in ItemKind.allCases where kind != .analyst && kind != .case {
            reader.forEach(kind, inCase: caseID) { inCase.append($0); return true }
        }
        for item in inCase {
            switch decide(item) {
            case .allowed: sendable[item.id] = item
            case .refused(let why): withhold(item, why)
            }
        }
        // 2. References: links need both ends, notes and judgements everything they are about.
        var changed = true
        while changed {
            changed = false
            for (id, item) in sendable {
                var missing: ItemID?
                switch item {
                case .link(let l): missing = [l.from, l.to].first { sendable[$0] == nil }
                case .note(let n): missing = n.about.first { sendable[$0] == nil }
                case .judgement(let j): missing = [j.a, j.b].first { sendable[$0] == nil }
                default: break
                }
                if let m = missing {
                    sendable[id] = nil
                    withhold(item, "it refers to \(m), which is not sent")
                    changed = true
                }
            }
        }
        // 3. Provenance: the sources of sent items go with them.
        for item in Array(sendable.values) {
            if let sid = item.meta.source, sendable[sid] == nil, let source = reader.item(sid) {
                sendable[sid] = source
            }
        }
        // 4. Sanitise: case memberships reduced to the shared case; withheld participants and places removed.
        var redacted: [ItemID] = []
        var out: [Item] = []
        if var c = reader.item(caseID)?.caseValue {
            c.restrictedTo = []
            out.append(.case(c))
        }
        for id in sendable.keys.sorted() {
            var item = sendable[id]!
            item.meta.cases = item.meta.cases.filter { $0 == caseID }
            if case .event(var e) = item {
                let before = e.participants.count
                e.participants.removeAll { sendable[$0.entity] == nil }
                var cut = e.participants.count != before
                if let p = e.place, sendable[p] == nil { e.place = nil; cut = true }
                if cut {
                    redacted.append(id)
                    item = .event(e)
                }
            }
            out.append(item)
        }
        withheld.sort { $0.id < $1.id }
        return ShareSelection(items: out, withheld: withheld, redacted: redacted)
    }
}
