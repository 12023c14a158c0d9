import Crypto

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


/// Seals with AES-256-GCM under a 32-byte key, a fresh random 96-bit nonce per payload (stored in front of the
/// ciphertext with the 16-byte tag after it). Random nonces never repeat in practice for the number of entries a
/// journal holds (the bound for 2^-32 collision probability is 2^32 seals per key).
public struct AESGCMSealing: JournalSealing {
    private let keyBytes: [UInt8]  // SymmetricKey is not Sendable; one is made per call
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// `key` must be 32 bytes (the workspace's data key, or a key derived from it).
    public init(key bytes: [UInt8]) throws {
        guard bytes.count == 32 else { throw JournalError.invalid("an AES-256 key is 32 bytes, not \(bytes.count)") }
        keyBytes = bytes
    }

    public func seal(_ plaintext: [UInt8], associatedData: [UInt8]) throws -> [UInt8] {
        let box = try AES.GCM.seal(plaintext, using: key, authenticating: associatedData)
        guard let combined = box.combined else { throw JournalError.invalid("AES-GCM gave no combined form") }
        return Array(combined)
    }

    public func open(_ sealed: [UInt8], associatedData: [UInt8]) throws -> [UInt8] {
        Array(try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: key, authenticating: associatedData))
    }
}
