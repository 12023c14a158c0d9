/// Seals the payload of journal entries (audit entries, request records, the workspace's private keys) when the
/// workspace is encrypted.
///
/// This is the seam to the store's record cipher: an encrypted workspace passes an adapter over its data key, a plain
/// workspace passes nothing. The hash chain of a journal is computed over the *stored* bytes (the ciphertext when
/// sealed), so `dossier audit verify` checks the chain without the key, and AES-GCM's tag additionally proves each
/// entry's plaintext once it is opened. `associatedData` binds a sealed payload to its journal and position, so a
/// sealed entry cannot be moved elsewhere without failing to open.
public protocol JournalSealing: Sendable {
    func seal(_ plaintext: [UInt8], associatedData: [UInt8]) throws -> [UInt8]
    func open(_ sealed: [UInt8], associatedData: [UInt8]) throws -> [UInt8]
}
