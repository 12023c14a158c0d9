import DossierModel

/// Who may see and change what in a workspace. Pure: built from the workspace's `Analyst` items, it decides on
/// batches and visibility without touching any file.
///
/// Roles: a viewer reads; an analyst reads and changes (and may record a handling code where none applied); a
/// supervisor also deletes, changes or removes the handling code that applies to an item (its own or, through its
/// source, inherited), manages analysts and restricts cases.
///
/// Bootstrap rule: a workspace without an active supervisor registered is *open*: whoever acts is treated as a
/// supervisor, so a single analyst's workspace needs no set-up (analyst records without an active supervisor, e.g.
/// imported ones, leave it open). The batch that registers the first active supervisor closes it, and must leave the
/// acting analyst among the active supervisors (`dossier analyst add` registers the acting analyst as supervisor in
/// the same batch when they are not the one being added), so a workspace can never be closed against the person who
/// closed it. From then on an unregistered or deactivated analyst may do nothing, and at least one active supervisor
/// must remain.
///
/// Restricted cases: a case whose `restrictedTo` names analysts is visible only to them, whatever their role; an item
/// is visible when it belongs to no case or to at least one visible case. Changing a restricted case or its items is
/// refused to others; a supervisor may still change the case's list of analysts (and nothing else of it), which is
/// how a case is handed over, and is audited.
public struct AccessPolicy: Sendable {
    private let analysts: [String: Analyst]

    public init(analysts: [Analyst]) {
        var byName: [String: Analyst] = [:]
        for a in analysts { byName[AccessPolicy.key(a.name)] = a }
        self.analysts = byName
    }

    /// The policy of the workspace `reader` reads.
    public init(reading reader: any ItemReader) {
        // Counting is an index lookup; listing scans, so skip it when there is nothing to list.
        self.init(analysts: reader.count(.analyst, inCase: nil) == 0 ? [] : reader.allItems(.analyst).compactMap(\.analyst))
    }

    static func key(_ name: String) -> String {
        var s = Substring(name)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return s.lowercased()
    }

    /// False while no active supervisor is registered (the bootstrap state, where everyone acts as supervisor).
    public var isManaged: Bool { analysts.values.contains { $0.role == .supervisor && $0.active } }

    public var registered: [Analyst] { analysts.values.sorted { $0.name < $1.name } }

    public func analyst(named name: String) -> Analyst? { analysts[AccessPolicy.key(name)] }

    /// The role `name` acts with; nil when they may not use the workspace at all.
    public func role(of name: String) -> Analyst.Role? {
        guard isManaged else { return .supervisor }
        guard let a = analysts[AccessPolicy.key(name)], a.active else { return nil }
        return a.role
    }

    /// Throws unless `name` holds at least `role`; `what` names the action in the message.
    public func require(_ needed: Analyst.Role, _ name: String, to what: String) throws(AccessDenied) {
        guard let actual = role(of: name) else { throw AccessDenied.notRegistered(name) }
        guard actual >= needed else {
            throw AccessDenied(message: "\(name) is a\(actual == .analyst ? "n" : "") \(actual.rawValue); \(what) needs a\(needed == .analyst ? "n" : "") \(needed.rawValue)")
        }
    }

    // MARK: Visibility

    public static func canSee(_ c: Case, analyst name: String) -> Bool {
        c.restrictedTo.isEmpty || c.restrictedTo.contains { key($0) == key(name) }
    }

    /// The ids of the cases `name` may not see.
    public func hiddenCases(for name: String, in reader: any ItemReader) -> Set<ItemID> {
        Set(reader.cases.filter { !AccessPolicy.canSee($0, analyst: name) }.map(\.meta.id))
    }

    /// Whether an item is visible given the hidden cases: analysts are always visible; a case when not hidden;
    /// anything else when it belongs to no case or to a visible one.
    public static func isVisible(_ item: Item, hidden: Set<ItemID>) -> Bool {
        if hidden.isEmpty { return true }
        switch item {
        case .analyst: return true
        case .case(let c): return !hidden.contains(c.meta.id)
        default: return item.meta.cases.isEmpty || item.meta.cases.contains { !hidden.contains($0) }
        }
    }

    /// The workspace as `name` may see it.
    public func visibleItems(_ reader: any ItemReader, for name: String) -> VisibleItems {
        VisibleItems(reader, hiding: hiddenCases(for: name, in: reader))
    }

    // MARK: Changes

    /// Throws when `batch.analyst` may not commit `batch` to the workspace `before` reads.
    /// One pass over the batch with one lookup per change (a bulk import may hold a million).
    public func check(_ batch: ChangeBatch, before reader: any ItemReader) throws(AccessDenied) {
        let actor = batch.analyst
        let role: Analyst.Role
        if isManaged {
            guard let r = self.role(of: actor) else { throw AccessDenied.notRegistered(actor) }
            guard r >= .analyst else { throw AccessDenied(message: "\(actor) is a viewer and cannot change anything") }
            role = r
        } else {
            role = .supervisor
        }
        let supervisor = role == .supervisor
        let hidden = hiddenCases(for: actor, in: reader)
        let batchHasReason = !batch.reason.trustIsBlank
        var registersAnalysts = false
        // Sources put by this batch, for the handling items will inherit from them.
        var batchSources: [ItemID: Source] = [:]
        for change in batch.changes { if case .put(.source(let src)) = change { batchSources[src.meta.id] = src } }
        func effectiveHandling(_ item: Item, inBatch: Bool) -> HandlingCode? {
            if let own = AccessPolicy.handling(of: item) { return own }
            guard let sid = item.meta.source else { return nil }
            if inBatch, let src = batchSources[sid] { return src.handling ?? src.meta.handling }
            return reader.item(sid)?.source.flatMap { $0.handling ?? $0.meta.handling }
        }
        for change in batch.changes {
            switch change {
            case .delete(let id, let reason):
                guard supervisor else { throw AccessDenied(message: "\(actor) is an analyst; deleting \(id) needs a supervisor") }
                if reason.trustIsBlank && !batchHasReason { throw AccessDenied(message: "deleting \(id) needs a reason") }
                if !hidden.isEmpty, let old = reader.item(id), !AccessPolicy.isVisible(old, hidden: hidden) {
                    throw AccessDenied(message: "\(id) belongs to a restricted case and \(actor) is not among its analysts")
                }
            case .put(let item):
                if item.kind == .analyst {
                    registersAnalysts = true
                    guard supervisor else { throw AccessDenied(message: "\(actor) is an analyst; managing analysts needs a supervisor") }
                }
                let old = reader.item(item.id)
                // Changing or removing the handling that applies (own, else the source's: re-attaching an item to
                // another source changes it too) is a supervisor's decision. Recording a code where none applied is not.
                if let old, let before = effectiveHandling(old, inBatch: false),
                   AccessPolicy.handling(of: old) != AccessPolicy.handling(of: item) || old.meta.source != item.meta.source,
                   before != effectiveHandling(item, inBatch: true) {
                    guard supervisor else {
                        throw AccessDenied(message: "\(actor) is an analyst; changing the handling code of \(item.id) needs a supervisor")
                    }
                    guard batchHasReason else { throw AccessDenied(message: "changing the handling code of \(item.id) needs a reason") }
                }
                if !hidden.isEmpty { try checkRestriction(item, old: old, hidden: hidden, actor: actor, supervisor: supervisor, reader) }
            }
        }
        if registersAnalysts {
            if isManaged { try checkSupervisorRemains(batch) } else { try checkBootstrap(batch) }
        }
    }

    /// The item's own handling (a source's handling for sources).
    static func handling(of item: Item) -> HandlingCode? {
        if let s = item.source { return s.handling ?? s.meta.handling }
        return item.meta.handling
    }

    /// Nothing in a case hidden from the actor may be changed; a supervisor may change only the analysts of such a case.
    private func checkRestriction(_ item: Item, old: Item?, hidden: Set<ItemID>, actor: String, supervisor: Bool,
                                  _ reader: any ItemReader) throws(AccessDenied) {
        if case .case(let newCase) = item, let oldCase = old?.caseValue, hidden.contains(item.id) {
            var sameOtherwise = newCase
            sameOtherwise.restrictedTo = oldCase.restrictedTo
            sameOtherwise.meta = oldCase.meta
            if supervisor && sameOtherwise == oldCase { return }
            throw AccessDenied(message: "case \(oldCase.name) is restricted and \(actor) is not among its analysts")
        }
        if let old, !AccessPolicy.isVisible(old, hidden: hidden) {
            throw AccessDenied(message: "\(item.id) belongs to a restricted case and \(actor) is not among its analysts")
        }
        if let c = item.meta.cases.first(where: { hidden.contains($0) }) {
            throw AccessDenied(message: "case \(reader.item(c)?.caseValue?.name ?? c.description) is restricted and \(actor) is not among its analysts")
        }
    }

    /// The batch that registers the first active supervisor must leave its author an active supervisor.
    private func checkBootstrap(_ batch: ChangeBatch) throws(AccessDenied) {
        var after = analysts
        for change in batch.changes {
            if case .put(.analyst(let a)) = change { after[AccessPolicy.key(a.name)] = a }
        }
        guard after.values.contains(where: { $0.role == .supervisor && $0.active }) else { return }  // still open
        guard let me = after[AccessPolicy.key(batch.analyst)], me.role == .supervisor, me.active else {
            throw AccessDenied(message: "registering the first supervisor must include \(batch.analyst) as an active supervisor (bootstrap rule)")
        }
    }

    private func checkSupervisorRemains(_ batch: ChangeBatch) throws(AccessDenied) {
        var after = analysts
        for change in batch.changes {
            if case .put(.analyst(let a)) = change { after[AccessPolicy.key(a.name)] = a }
        }
        guard after.values.contains(where: { $0.role == .supervisor && $0.active }) else {
            throw AccessDenied(message: "at least one active supervisor must remain")
        }
    }
}

/// A refusal by the access policy.
public struct AccessDenied: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { "access denied: \(message)" }

    static func notRegistered(_ name: String) -> AccessDenied {
        AccessDenied(message: "\(name) is not an active analyst of this workspace (a supervisor can add them with `dossier analyst add`)")
    }
}

extension String {
    var trustIsBlank: Bool { allSatisfy(\.isWhitespace) }
}
