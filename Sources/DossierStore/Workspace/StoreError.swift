/// A store failure described for a person: it names the file and, for damage, the byte offset.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// How a workspace is opened.
public enum AccessMode: Sendable {
    /// The single writer (holds the workspace lock).
    case readWrite
    /// A reader: sees committed data as of opening, never changes files, may open while a writer works.
    case readOnly
}

/// What `Workspace.create` sets up.
public struct WorkspaceOptions: Sendable {
    /// Seal every record and index file with AES-256-GCM under a data key wrapped by the passphrase.
    public var encrypted: Bool
    public var passphrase: String?
    /// scrypt cost as log2(N); 15 (N = 32768, r = 8, p = 1: 32 MiB) unless a test asks for less.
    public var scryptLogN: UInt8

    public init(encrypted: Bool = false, passphrase: String? = nil, scryptLogN: UInt8 = 15) {
        self.encrypted = encrypted
        self.passphrase = passphrase
        self.scryptLogN = scryptLogN
    }
}
