/// The kinds of item a workspace holds.
public enum ItemKind: String, Sendable, Codable, CaseIterable {
    case `case`, entity, link, event, source, note, judgement, analyst
}

/// Any item of a workspace.
public enum Item: Hashable, Sendable {
    case `case`(Case)
    case entity(Entity)
    case link(Link)
    case event(Event)
    case source(Source)
    case note(Note)
    case judgement(Judgement)
    case analyst(Analyst)

    public var meta: ItemMeta {
        get {
            switch self {
            case .case(let x): x.meta
            case .entity(let x): x.meta
            case .link(let x): x.meta
            case .event(let x): x.meta
            case .source(let x): x.meta
            case .note(let x): x.meta
            case .judgement(let x): x.meta
            case .analyst(let x): x.meta
            }
        }
        set {
            switch self {
            case .case(var x): x.meta = newValue; self = .case(x)
            case .entity(var x): x.meta = newValue; self = .entity(x)
            case .link(var x): x.meta = newValue; self = .link(x)
            case .event(var x): x.meta = newValue; self = .event(x)
            case .source(var x): x.meta = newValue; self = .source(x)
            case .note(var x): x.meta = newValue; self = .note(x)
            case .judgement(var x): x.meta = newValue; self = .judgement(x)
            case .analyst(var x): x.meta = newValue; self = .analyst(x)
            }
        }
    }

    public var id: ItemID { meta.id }

    public var kind: ItemKind {
        switch self {
        case .case: .case
        case .entity: .entity
        case .link: .link
        case .event: .event
        case .source: .source
        case .note: .note
        case .judgement: .judgement
        case .analyst: .analyst
        }
    }

    /// A one-line name for lists: an entity's name, a case's name, an event's kind and time, ...
    public var displayName: String {
        switch self {
        case .case(let c): c.name
        case .entity(let e): e.name
        case .link(let l): l.label.isEmpty ? l.type.rawValue : l.label
        case .event(let e): e.summary.isEmpty ? "\(e.kind.rawValue) \(e.start)" : e.summary
        case .source(let s): s.reference.isEmpty ? s.provider : "\(s.provider) \(s.reference)"
        case .note(let n): String(n.text.prefix(60))
        case .judgement(let j): "\(j.verdict.rawValue) \(j.a)~\(j.b)"
        case .analyst(let a): a.name
        }
    }

    /// The finer kind shown in listings: an entity's kind, an event's kind, a link's type, else the item kind.
    public var subkind: String {
        switch self {
        case .entity(let e): e.kind.rawValue
        case .event(let e): e.kind.rawValue
        case .link(let l): l.type.rawValue
        default: kind.rawValue
        }
    }

    public var entity: Entity? { if case .entity(let e) = self { e } else { nil } }
    public var link: Link? { if case .link(let l) = self { l } else { nil } }
    public var event: Event? { if case .event(let e) = self { e } else { nil } }
    public var source: Source? { if case .source(let s) = self { s } else { nil } }
    public var caseValue: Case? { if case .case(let c) = self { c } else { nil } }
    public var note: Note? { if case .note(let n) = self { n } else { nil } }
    public var judgement: Judgement? { if case .judgement(let j) = self { j } else { nil } }
    public var analyst: Analyst? { if case .analyst(let a) = self { a } else { nil } }
}

/// One change in a transaction.
public enum Change: Hashable, Sendable {
    /// Insert the item, or replace the whole item with the same id.
    case put(Item)
    /// Remove the item; the reason is kept in the audit trail.
    case delete(ItemID, reason: String)
}

/// A batch of changes committed all-or-nothing, with who made it and why (for the audit trail).
public struct ChangeBatch: Hashable, Sendable {
    public var changes: [Change]
    public var analyst: String
    public var time: TimePoint
    /// What the analyst did, in a few words ("import calls.csv", "add entity", "judge same").
    public var action: String
    public var reason: String

    public init(changes: [Change] = [], analyst: String, time: TimePoint = .now(), action: String, reason: String = "") {
        self.changes = changes
        self.analyst = analyst
        self.time = time
        self.action = action
        self.reason = reason
    }

    public mutating func put(_ item: Item) { changes.append(.put(item)) }
    public mutating func delete(_ id: ItemID, reason: String) { changes.append(.delete(id, reason: reason)) }
    public var isEmpty: Bool { changes.isEmpty }
}
