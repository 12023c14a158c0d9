import DossierModel
import Synchronization

/// What the workbench reads and writes: the store's `Workspace` in the app, `MemoryStore` in tests.
public protocol WorkbenchStore: ItemReader, AnyObject {
    /// A name for the title bar (the workspace path).
    var displayName: String { get }
    var isReadOnly: Bool { get }
    /// Commits all-or-nothing; durable when it returns.
    @discardableResult func commit(_ batch: ChangeBatch) throws -> UInt64
    func close()
    /// Called whenever a case's items are on screen; a store with an audit trail records a restricted case's opening.
    func caseShown(_ c: Case, to analyst: String) throws
}

extension WorkbenchStore {
    public func caseShown(_ c: Case, to analyst: String) throws {}
}

/// An in-memory store for tests and scripted sessions: every commit is applied at once and kept in `batches`.
public final class MemoryStore: WorkbenchStore, @unchecked Sendable {
    private let state: Mutex<(items: InMemoryItems, batches: [ChangeBatch])>
    public let displayName: String
    public let isReadOnly: Bool

    public init(_ items: InMemoryItems, name: String = "memory", readOnly: Bool = false) {
        state = Mutex((items, []))
        displayName = name
        isReadOnly = readOnly
    }

    /// Every batch committed so far, in order.
    public var batches: [ChangeBatch] { state.withLock { $0.batches } }

    @discardableResult public func commit(_ batch: ChangeBatch) throws -> UInt64 {
        guard !isReadOnly else { throw CommandError("the workspace is open read-only") }
        return state.withLock { s in
            s.items.apply(batch)
            s.batches.append(batch)
            return s.items.version
        }
    }

    public func close() {}

    private var items: InMemoryItems { state.withLock { $0.items } }
    public var version: UInt64 { items.version }
    public var cases: [Case] { items.cases }
    public func item(_ id: ItemID) -> Item? { items.item(id) }
    public func entities(withIdentifier identifier: Identifier) -> [ItemID] { items.entities(withIdentifier: identifier) }
    public func forEach(_ kind: ItemKind, inCase caseID: ItemID?, _ body: (Item) -> Bool) {
        items.forEach(kind, inCase: caseID, body)
    }
    public func events(inTime range: ClosedRange<Int64>, inCase caseID: ItemID?) -> [Event] {
        items.events(inTime: range, inCase: caseID)
    }
    public func count(_ kind: ItemKind, inCase caseID: ItemID?) -> Int { items.count(kind, inCase: caseID) }
}
