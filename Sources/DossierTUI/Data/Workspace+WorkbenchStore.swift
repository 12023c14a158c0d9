import DossierStore

/// The store's workspace is what the workbench reads and writes in the app.
extension Workspace: WorkbenchStore {
    public var displayName: String { path }
}
