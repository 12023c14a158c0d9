import Crypto
import DossierModel
import Foundation

/// The workspace's small header file `dossier.meta`: magic, format version, workspace id and, when encrypted,
/// the scrypt parameters, the salt and the data key wrapped (AES-GCM) by the key derived from the passphrase.
struct WorkspaceMeta {
    static let fileName = "dossier.meta"
    static let magic: [UInt8] = Array("DOSSIERW".utf8)
    static let formatVersion: UInt16 = 1

    var workspaceID: ItemID
    var createdMicros: Int64
    var encryption: Encryption?

    struct Encryption {
        var logN: UInt8
        var r: UInt32
        var p: UInt32
        var salt: [UInt8]
        /// nonce + ciphertext + tag of the 32-byte data key.
        var wrappedKey: [UInt8]
    }

    func encoded() -> [UInt8] {
        var w = ByteWriter(capacity: 160)
        w.raw(WorkspaceMeta.magic)
        w.u16(WorkspaceMeta.formatVersion)
        w.u8(encryption == nil ? 0 : 1)
        w.id(workspaceID)
        w.u64(UInt64(bitPattern: createdMicros))
        if let e = encryption {
            w.u8(1)  // KDF: scrypt
            w.u8(e.logN); w.u32(e.r); w.u32(e.p)
            w.varint(e.salt.count); w.raw(e.salt)
            w.varint(e.wrappedKey.count); w.raw(e.wrappedKey)
        }
        w.u32(CRC32C.checksum(w.bytes))
        return w.bytes
    }

    static func read(directory: String) throws -> WorkspaceMeta {
        let path = directory + "/" + fileName
        guard Files.exists(path) else {
            throw StoreError("\(directory) is not a Dossier workspace (no \(fileName)); create one with `dossier init \(directory)`")
        }
        let bytes = try Files.readAll(path)
        guard bytes.count >= 12, Array(bytes[0..<8]) == magic else { throw StoreError("\(path): not a Dossier workspace header") }
        let body = Array(bytes[0..<(bytes.count - 4)])
        let stored = bytes[(bytes.count - 4)...].withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
        guard CRC32C.checksum(body) == stored else { throw StoreError("\(path): header checksum does not match (damaged)") }
        do {
            return try body.withUnsafeBytes { raw -> WorkspaceMeta in
                var r = ByteReader(raw)
                _ = try r.bytes(8)
                let version = try r.u16()
                guard version == formatVersion else {
                    throw StoreError("\(path): format version \(version) is not supported (this dossier reads \(formatVersion))")
                }
                let cipher = try r.u8()
                let id = try r.id()
                let created = Int64(bitPattern: try r.u64())
                var meta = WorkspaceMeta(workspaceID: id, createdMicros: created, encryption: nil)
                if cipher == 1 {
                    guard try r.u8() == 1 else { throw StoreError("\(path): unknown key derivation") }
                    let logN = try r.u8(), rr = try r.u32(), p = try r.u32()
                    let salt = try r.bytes(try r.count())
                    let wrapped = try r.bytes(try r.count())
                    meta.encryption = Encryption(logN: logN, r: rr, p: p, salt: salt, wrappedKey: wrapped)
                } else if cipher != 0 {
                    throw StoreError("\(path): unknown cipher \(cipher)")
                }
                return meta
            }
        } catch let e as CodecError {
            throw StoreError("\(path): \(e.description)")
        }
    }

    // MARK: - Keys

    static func deriveKEK(passphrase: String, salt: [UInt8], logN: UInt8, r: UInt32, p: UInt32) throws -> SymmetricKey {
        guard logN >= 10, logN <= 22 else { throw StoreError("scrypt cost 2^\(logN) outside 2^10...2^22") }
        return try Scrypt.deriveKey(passphrase: Array(passphrase.utf8), salt: salt, logN: logN, r: r, p: p)
    }

    /// Wraps `dataKey` under a fresh salt and the passphrase.
    static func wrap(dataKey: SymmetricKey, passphrase: String, workspaceID: ItemID, logN: UInt8) throws -> Encryption {
        var rng = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let kek = try deriveKEK(passphrase: passphrase, salt: salt, logN: logN, r: 8, p: 1)
        let raw = dataKey.withUnsafeBytes { Array($0) }
        let box = try AES.GCM.seal(raw, using: kek, nonce: AES.GCM.Nonce(), authenticating: idBytes(workspaceID))
        guard let combined = box.combined else { throw StoreError("cannot wrap the data key") }
        return Encryption(logN: logN, r: 8, p: 1, salt: salt, wrappedKey: Array(combined))
    }

    /// The data key, or a clear error when the passphrase is wrong.
    func unwrapDataKey(passphrase: String, directory: String) throws -> SymmetricKey {
        guard let e = encryption else { throw StoreError("\(directory) is not encrypted") }
        let kek = try WorkspaceMeta.deriveKEK(passphrase: passphrase, salt: e.salt, logN: e.logN, r: e.r, p: e.p)
        do {
            let box = try AES.GCM.SealedBox(combined: e.wrappedKey)
            let raw = try AES.GCM.open(box, using: kek, authenticating: WorkspaceMeta.idBytes(workspaceID))
            return SymmetricKey(data: raw)
        } catch {
            throw StoreError("wrong passphrase for \(directory)")
        }
    }

    static func idBytes(_ id: ItemID) -> [UInt8] {
        var w = ByteWriter(capacity: 16)
        w.id(id)
        return w.bytes
    }
}
