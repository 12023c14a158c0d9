import DossierModel
import DossierStore
import Synchronization

extension Workspace: WorkbenchStore {
    public var displayName: String { path }
}

/// The workspace as one analyst may see it in the workbench: restricted cases they are not named on, and the items
/// only in those cases, never reach a pane. Commits go to the workspace itself, whose access check applies.
public final class AnalystWorkspace: WorkbenchStore, @unchecked Sendable {
    public let workspace: Workspace
    public let analyst: String
    /// The visible view for the workspace version it was built at (the hidden set changes only when data does).
    private let view: Mutex<(version: UInt64, items: VisibleItems)?> = Mutex(nil)
    /// Restricted cases whose opening this session has already written to the audit trail.
    private let auditedOpenings: Mutex<Set<ItemID>> = Mutex([])

    public init(_ workspace: Workspace, analyst: String) {
        self.workspace = workspace
        self.analyst = analyst
    }

    private var visible: VisibleItems {
        let version = workspace.version
        return view.withLock { cached in
            if let c = cached, c.version == version { return c.items }
            let items = workspace.visibleItems(for: analyst)
            cached = (version, items)
            return items
        }
    }

    public var displayName: String { workspace.path }
    public var isReadOnly: Bool { workspace.isReadOnly }
    @discardableResult public func commit(_ batch: ChangeBatch) throws -> UInt64 { try workspace.commit(batch) }
    public func close() { workspace.close() }

    /// Every opening of a restricted case is audited, once per case per workbench session.
    public func caseShown(_ c: Case, to analyst: String) throws {
        guard !c.restrictedTo.isEmpty, !auditedOpenings.withLock({ $0.contains(c.meta.id) }) else { return }
        try workspace.recordOpening(of: c, by: analyst, how: "workbench")
        auditedOpenings.withLock { _ = $0.insert(c.meta.id) }
    }

    public var version: UInt64 { workspace.version }
    public var cases: [Case] { visible.cases }
    public func item(_ id: ItemID) -> Item? { visible.item(id) }
    public func entities(withIdentifier identifier: Identifier) -> [ItemID] { visible.entities(withIdentifier: identifier) }
    public func forEach(_ kind: ItemKind, inCase caseID: ItemID?, _ body: (Item) -> Bool) {
        visible.forEach(kind, inCase: caseID, body)
    }
    public func events(inTime range: ClosedRange<Int64>, inCase caseID: ItemID?) -> [Event] {
        visible.events(inTime: range, inCase: caseID)
    }
    public func count(_ kind: ItemKind, inCase caseID: ItemID?) -> Int { visible.count(kind, inCase: caseID) }
}
