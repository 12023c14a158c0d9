import Crypto
import Foundation

/// Seals and opens record payloads: plain (identity) or AES-256-GCM with the workspace's data key.
///
/// Segment frames use `seal(_:segment:offset:type:)`: the 96-bit nonce is (segment number, byte offset of the
/// frame), and segment numbers are never reused and a cut tail is never rewritten in place (the writer moves to a
/// fresh segment), so a nonce never repeats under one key. Other files (index snapshots, and e.g. an audit trail)
/// use `sealFile`, with a random nonce stored in front of the ciphertext.
public struct RecordCipher: @unchecked Sendable {  // SymmetricKey is immutable but not marked Sendable
    public enum Mode: Sendable { case plain, aesGCM }
    public let mode: Mode
    let key: SymmetricKey?
    /// The same key in one BoringSSL context, for opening records and snapshot chunks without per-call set-up.
    let gcm: GCMContext?

    public static let plain = RecordCipher(mode: .plain, key: nil)

    init(mode: Mode, key: SymmetricKey?) {
        self.mode = mode
        self.key = key
        self.gcm = key.flatMap { try? GCMContext(key: $0) }
    }

    /// A cipher sealing with this 256-bit data key.
    public init(dataKey: SymmetricKey) {
        self.init(mode: .aesGCM, key: dataKey)
    }

    public var isEncrypted: Bool { mode == .aesGCM }

    /// Bytes a sealed payload adds to its plaintext.
    public var overhead: Int { mode == .plain ? 0 : 16 }

    static func nonce(segment: UInt32, offset: UInt64) -> [UInt8] {
        var n = [UInt8](repeating: 0, count: 12)
        withUnsafeBytes(of: segment.bigEndian) { for i in 0..<4 { n[i] = $0[i] } }
        withUnsafeBytes(of: offset.bigEndian) { for i in 0..<8 { n[4 + i] = $0[i] } }
        return n
    }

    /// Appends the sealed form of `plaintext` (ciphertext then tag) to `out`.
    func seal(_ plaintext: [UInt8], segment: UInt32, offset: UInt64, type: UInt8, into out: inout [UInt8]) throws {
        guard let key else { out.append(contentsOf: plaintext); return }
        let nonce = try AES.GCM.Nonce(data: RecordCipher.nonce(segment: segment, offset: offset))
        let box = try AES.GCM.seal(plaintext, using: key, nonce: nonce, authenticating: [type])
        out.append(contentsOf: box.ciphertext)
        out.append(contentsOf: box.tag)
    }

    /// Calls `body` with the plaintext of a sealed payload; throws when the tag does not verify.
    /// The plaintext lives in a temporary buffer (on the stack for ordinary records) for the duration of `body`.
    func open<R>(_ sealed: UnsafeRawBufferPointer, segment: UInt32, offset: UInt64, type: UInt8,
                 _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        guard let key else { return try body(sealed) }
        guard sealed.count >= 16 else { throw StoreError("sealed record shorter than its tag") }
        if let gcm {
            let plainCount = sealed.count - 16
            return try withUnsafeTemporaryAllocation(byteCount: max(1, plainCount), alignment: 8) { out in
                let ok = RecordCipher.openRecord(sealed, gcm: gcm, segment: segment, offset: offset, type: type, into: out.baseAddress!)
                guard ok else { throw StoreError("record does not decrypt (wrong key or damaged ciphertext)") }
                return try body(UnsafeRawBufferPointer(start: out.baseAddress, count: plainCount))
            }
        }
        let nonce = try AES.GCM.Nonce(data: RecordCipher.nonce(segment: segment, offset: offset))
        let box = try AES.GCM.SealedBox(nonce: nonce, ciphertext: sealed[..<(sealed.count - 16)], tag: sealed[(sealed.count - 16)...])
        let plain: Data
        do {
            plain = try AES.GCM.open(box, using: key, authenticating: [type])
        } catch {
            throw StoreError("record does not decrypt (wrong key or damaged ciphertext)")
        }
        return try plain.withUnsafeBytes { try body($0) }
    }

    /// Opens a sealed segment record through the shared BoringSSL context into `out` (room for `sealed.count - 16`
    /// bytes); false when the tag does not verify. Nonce (segment, offset) big-endian, as `seal` builds it; the
    /// frame type is the associated data.
    static func openRecord(_ sealed: UnsafeRawBufferPointer, gcm: GCMContext, segment: UInt32, offset: UInt64, type: UInt8,
                           into out: UnsafeMutableRawPointer) -> Bool {
        var nonce: (UInt32, UInt32, UInt32) = (segment.bigEndian, UInt32(truncatingIfNeeded: offset >> 32).bigEndian,
                                               UInt32(truncatingIfNeeded: offset).bigEndian)
        var ad = type
        return withUnsafeBytes(of: &nonce) { n in
            withUnsafeBytes(of: &ad) { a in gcm.open(sealed, nonce: n, authenticating: a, into: out) }
        }
    }

    /// Seals a whole auxiliary file's content (random nonce in front); identity when plain.
    /// `context` names what the bytes are ("index", "audit"), so a file cannot be swapped for another kind.
    public func sealFile(_ plaintext: [UInt8], context: String) throws -> [UInt8] {
        guard let key else { return plaintext }
        let box = try AES.GCM.seal(plaintext, using: key, nonce: AES.GCM.Nonce(), authenticating: Array(context.utf8))
        guard let combined = box.combined else { throw StoreError("cannot seal \(context)") }
        return Array(combined)
    }

    /// Opens what `sealFile` produced; throws when the key is wrong or the bytes were changed.
    public func openFile(_ sealed: [UInt8], context: String) throws -> [UInt8] {
        guard let key else { return sealed }
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            return Array(try AES.GCM.open(box, using: key, authenticating: Array(context.utf8)))
        } catch {
            throw StoreError("\(context) does not decrypt (wrong key or damaged file)")
        }
    }

    /// A 256-bit key for another purpose (e.g. an audit MAC), derived from the data key with HKDF; nil when plain.
    public func derivedKey(purpose: String) -> SymmetricKey? {
        guard let key else { return nil }
        return HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Array(purpose.utf8), outputByteCount: 32)
    }
}

/// One thread's plaintext buffer for opening many sealed records in a row (the time-range scan): allocated once,
/// grown when a record is larger, so opening a record allocates nothing. Not shared between threads.
struct PlaintextBuffer {
    private var base: UnsafeMutableRawPointer?
    private var capacity = 0

    /// The plaintext of the sealed segment record at (`segment`, `offset`) with frame type `type`, valid until the
    /// next call; nil when its tag does not verify (wrong key or damaged bytes) or it is shorter than a tag.
    mutating func open(_ sealed: UnsafeRawBufferPointer, gcm: GCMContext, segment: UInt32, offset: UInt64,
                       type: UInt8) -> UnsafeRawBufferPointer? {
        guard sealed.count >= GCMContext.tagSize else { return nil }
        let plainCount = sealed.count - GCMContext.tagSize
        if capacity < max(1, plainCount) {
            base?.deallocate()
            capacity = max(4096, plainCount)
            base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        }
        guard let out = base,
              RecordCipher.openRecord(sealed, gcm: gcm, segment: segment, offset: offset, type: type, into: out) else { return nil }
        return UnsafeRawBufferPointer(start: out, count: plainCount)
    }

    mutating func release() {
        base?.deallocate()
        base = nil
        capacity = 0
    }
}
