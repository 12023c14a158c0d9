import Crypto
import Foundation

/// Key texts and the cryptography of share packages.
///
/// Public keys are written "ed25519:<base64 of the 32 raw bytes>" (signing) and "x25519:<base64>" (encryption), so a
/// key pasted into the wrong option is recognised. Encryption to a recipient: a fresh X25519 key pair per package,
/// key agreement with the recipient's public key, HKDF-SHA256 (random 32-byte salt, info naming the scheme and the
/// package id) to a 256-bit key, and AES-GCM per file with a random nonce and the file's name and the package id as
/// associated data (so sealed files cannot be swapped between names or packages).
public enum PackageCrypto {
    public static func text(_ key: Curve25519.Signing.PublicKey) -> String {
        "ed25519:" + key.rawRepresentation.base64EncodedString()
    }

    public static func text(_ key: Curve25519.KeyAgreement.PublicKey) -> String {
        "x25519:" + key.rawRepresentation.base64EncodedString()
    }

    public static func signingKey(_ text: String) throws -> Curve25519.Signing.PublicKey {
        let raw = try keyBytes(text, prefix: "ed25519:", what: "an Ed25519 signing key")
        do { return try Curve25519.Signing.PublicKey(rawRepresentation: raw) } catch {
            throw PackageError("not a valid Ed25519 public key: \(text)")
        }
    }

    public static func agreementKey(_ text: String) throws -> Curve25519.KeyAgreement.PublicKey {
        let raw = try keyBytes(text, prefix: "x25519:", what: "an X25519 encryption key")
        do { return try Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw) } catch {
            throw PackageError("not a valid X25519 public key: \(text)")
        }
    }

    private static func keyBytes(_ text: String, prefix: String, what: String) throws -> Data {
        let t = text.shareTrimmed
        guard t.lowercased().hasPrefix(prefix) else {
            throw PackageError("expected \(what) written \"\(prefix)<base64>\", got \"\(t.prefix(20))\"")
        }
        guard let raw = Data(base64Encoded: String(t.dropFirst(prefix.count))), raw.count == 32 else {
            throw PackageError("\(what) must be 32 bytes in base64 after \"\(prefix)\"")
        }
        return raw
    }

    static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    static func derivedKey(shared: SharedSecret, salt: Data, packageID: String) -> SymmetricKey {
        shared.hkdfDerivedSymmetricKey(using: SHA256.self, salt: salt,
                                       sharedInfo: Data("\(PackageFormat.encryptionScheme) \(packageID)".utf8),
                                       outputByteCount: 32)
    }

    static func associatedData(path: String, packageID: String) -> Data {
        Data("\(packageID)/\(path)".utf8)
    }
}

/// The sender's private signing key (Ed25519), from the workspace's key file.
public struct PackageSigningKey: @unchecked Sendable {  // wraps an immutable key value
    let key: Curve25519.Signing.PrivateKey

    /// A new random key (tests, and workspaces generating theirs).
    public init() { key = Curve25519.Signing.PrivateKey() }

    public init(rawRepresentation raw: [UInt8]) throws {
        do { key = try Curve25519.Signing.PrivateKey(rawRepresentation: raw) } catch {
            throw PackageError("not a valid Ed25519 private key")
        }
    }

    /// "ed25519:<base64>": what `dossier keys show` prints and receivers pass as --sender-key.
    public var publicKeyText: String { PackageCrypto.text(key.publicKey) }
}

/// The recipient's private key (X25519) that opens packages encrypted to it.
public struct PackageOpeningKey: @unchecked Sendable {  // wraps an immutable key value
    let key: Curve25519.KeyAgreement.PrivateKey

    public init() { key = Curve25519.KeyAgreement.PrivateKey() }

    public init(rawRepresentation raw: [UInt8]) throws {
        do { key = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw) } catch {
            throw PackageError("not a valid X25519 private key")
        }
    }

    /// "x25519:<base64>": what senders pass as --recipient-key.
    public var publicKeyText: String { PackageCrypto.text(key.publicKey) }
}
