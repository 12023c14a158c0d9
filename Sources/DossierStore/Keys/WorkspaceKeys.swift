import Crypto
import DossierModel

/// The workspace's own key pairs, generated on first use and kept in `keys.bin` in the workspace directory (mode 0600):
/// an Ed25519 key that signs the manifests of shared packages, and an X25519 key partners encrypt packages to.
///
/// File layout: "DOSSKEYS" | u32 version (1) | u32 flags (bit 0: sealed) | payload, where the payload is the two 32-byte
/// raw private keys (Ed25519 then X25519), sealed with the workspace's `JournalSealing` when the workspace is encrypted.
/// The file is written atomically (temp file, fsync, rename, fsync of the directory).
public struct WorkspaceKeys: Sendable {
    public static let fileName = "keys.bin"
    static let magic: [UInt8] = Array("DOSSKEYS".utf8)

    /// The raw 32-byte Ed25519 private key (DossierExchange's `PackageSigningKey` takes it).
    public let signingKey: [UInt8]
    /// The raw 32-byte X25519 private key (DossierExchange's `PackageOpeningKey` takes it).
    public let agreementKey: [UInt8]

    init(signing: Curve25519.Signing.PrivateKey, agreement: Curve25519.KeyAgreement.PrivateKey) {
        self.signingKey = Array(signing.rawRepresentation)
        self.agreementKey = Array(agreement.rawRepresentation)
    }

    public static func path(in directory: String) -> String {
        directory.hasSuffix("/") ? directory + fileName : directory + "/" + fileName
    }

    /// The keys of the workspace at `directory`, or nil when none were generated yet.
    public static func load(workspace directory: String, sealing: (any JournalSealing)? = nil) throws -> WorkspaceKeys? {
        let path = path(in: directory)
        guard JournalIO.exists(path) else { return nil }
        let bytes = try JournalIO.readFile(path)
        guard bytes.count >= 16, Array(bytes[0..<8]) == magic else {
            throw JournalError.invalid("\(path): not a Dossier key file")
        }
        var r = JournalReader(bytes, at: 8)
        let version = try r.u32("version")
        guard version == 1 else { throw JournalError.invalid("\(path): key file version \(version) is not supported") }
        let sealed = try r.u32("flags") & 1 == 1
        var payload = try r.raw(r.remaining, "keys")
        if sealed {
            guard let sealing else { throw JournalError.invalid("\(path): the keys are encrypted; the workspace key is needed") }
            do { payload = try sealing.open(payload, associatedData: magic) } catch {
                throw JournalError.invalid("\(path): the keys do not open with the workspace key")
            }
        }
        guard payload.count == 64 else { throw JournalError.invalid("\(path): damaged (\(payload.count) key bytes, 64 expected)") }
        do {
            return WorkspaceKeys(signing: try Curve25519.Signing.PrivateKey(rawRepresentation: payload[0..<32]),
                                 agreement: try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: payload[32..<64]))
        } catch {
            throw JournalError.invalid("\(path): damaged key material")
        }
    }

    /// The workspace's keys, generated and stored when missing. `created` tells whether they were just made.
    public static func loadOrCreate(workspace directory: String, sealing: (any JournalSealing)? = nil) throws -> (keys: WorkspaceKeys, created: Bool) {
        if let keys = try load(workspace: directory, sealing: sealing) { return (keys, false) }
        let keys = WorkspaceKeys(signing: Curve25519.Signing.PrivateKey(), agreement: Curve25519.KeyAgreement.PrivateKey())
        var payload = keys.signingKey + keys.agreementKey
        if let sealing { payload = try sealing.seal(payload, associatedData: magic) }
        var w = JournalWriter()
        w.raw(magic)
        w.u32(1)
        w.u32(sealing == nil ? 0 : 1)
        w.raw(payload)
        try JournalIO.writeAtomically(w.bytes, to: path(in: directory))
        return (keys, true)
    }
}
