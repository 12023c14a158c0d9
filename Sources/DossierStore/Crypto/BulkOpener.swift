import CCryptoBoringSSL
import CDossierGCM
import Crypto

/// AES-256-GCM through one BoringSSL context set up once per key, for the store's bulk work: opening every record
/// of a scan and the chunks of an index snapshot. swift-crypto's `AES.GCM` builds a new context (key schedule and
/// GHASH tables) and allocates `Data` for every call, which costs more than decrypting a 150-byte record; this uses
/// the same BoringSSL that swift-crypto ships, so the bytes are exactly those `AES.GCM.seal` produces and opens.
/// Records up to `smallLimit` bytes open through `CDossierGCM` when the CPU has AES-NI and PCLMULQDQ: BoringSSL's
/// per-call set-up costs more than a small record's decryption (a 170-byte record: ~1,870 instructions in BoringSSL),
/// while its stitched AVX code is faster on long inputs such as snapshot chunks. Both give the same bytes (tests
/// check against swift-crypto in both directions).
/// The context is read-only after set-up: any number of threads may open and seal with it at once.
final class GCMContext: @unchecked Sendable {
    static let tagSize = 16
    static let nonceSize = 12
    /// The longest sealed input (ciphertext and tag) opened by `CDossierGCM` rather than BoringSSL.
    static let smallLimit = 512
    private let ctx: UnsafeMutablePointer<EVP_AEAD_CTX>
    /// The expanded key for `CDossierGCM`, or nil when this CPU cannot run it.
    private let small: UnsafeMutablePointer<dossier_gcm_key>?

    init(key: SymmetricKey) throws {
        let made = key.withUnsafeBytes { k -> UnsafeMutablePointer<EVP_AEAD_CTX>? in
            guard let base = k.baseAddress else { return nil }
            return CCryptoBoringSSL_EVP_AEAD_CTX_new(CCryptoBoringSSL_EVP_aead_aes_256_gcm(), base.assumingMemoryBound(to: UInt8.self),
                                                     k.count, GCMContext.tagSize)
        }
        guard let made, key.bitCount == 256 else { throw StoreError("cannot set up AES-256-GCM with this key") }
        ctx = made
        if dossier_gcm_available() == 1 {
            let expanded = UnsafeMutableRawPointer.allocate(byteCount: MemoryLayout<dossier_gcm_key>.size,
                                                            alignment: 16).bindMemory(to: dossier_gcm_key.self, capacity: 1)
            key.withUnsafeBytes { k in
                if let base = k.baseAddress { dossier_gcm_init(expanded, base.assumingMemoryBound(to: UInt8.self)) }
            }
            small = expanded
        } else {
            small = nil
        }
    }

    deinit {
        CCryptoBoringSSL_EVP_AEAD_CTX_free(ctx)
        if let small {
            dossier_gcm_wipe(small)
            UnsafeMutableRawPointer(small).deallocate()
        }
    }

    /// Decrypts `sealed` (ciphertext then tag) into `out`, which must hold `sealed.count - 16` bytes; false when the
    /// tag does not verify.
    func open(_ sealed: UnsafeRawBufferPointer, nonce: UnsafeRawBufferPointer, authenticating ad: UnsafeRawBufferPointer,
              into out: UnsafeMutableRawPointer) -> Bool {
        guard sealed.count >= GCMContext.tagSize, nonce.count == GCMContext.nonceSize else { return false }
        if let small, sealed.count <= GCMContext.smallLimit, let s = sealed.baseAddress, let n = nonce.baseAddress {
            let length = sealed.count - GCMContext.tagSize
            let bytes = s.assumingMemoryBound(to: UInt8.self)
            return dossier_gcm_open(small, n.assumingMemoryBound(to: UInt8.self),
                                    ad.baseAddress?.assumingMemoryBound(to: UInt8.self), ad.count, bytes, length,
                                    bytes + length, out.assumingMemoryBound(to: UInt8.self)) == 1
        }
        var written = 0
        let ok = CCryptoBoringSSL_EVP_AEAD_CTX_open(
            ctx, out.assumingMemoryBound(to: UInt8.self), &written, sealed.count - GCMContext.tagSize,
            nonce.baseAddress?.assumingMemoryBound(to: UInt8.self), nonce.count,
            sealed.baseAddress?.assumingMemoryBound(to: UInt8.self), sealed.count,
            ad.baseAddress?.assumingMemoryBound(to: UInt8.self), ad.count)
        return ok == 1 && written == sealed.count - GCMContext.tagSize
    }

    /// Encrypts `plain` into `out` (which must hold `plain.count + 16` bytes: ciphertext then tag).
    func seal(_ plain: UnsafeRawBufferPointer, nonce: UnsafeRawBufferPointer, authenticating ad: UnsafeRawBufferPointer,
              into out: UnsafeMutableRawPointer) throws {
        var written = 0
        let ok = CCryptoBoringSSL_EVP_AEAD_CTX_seal(
            ctx, out.assumingMemoryBound(to: UInt8.self), &written, plain.count + GCMContext.tagSize,
            nonce.baseAddress?.assumingMemoryBound(to: UInt8.self), nonce.count,
            plain.baseAddress?.assumingMemoryBound(to: UInt8.self), plain.count,
            ad.baseAddress?.assumingMemoryBound(to: UInt8.self), ad.count)
        guard ok == 1, written == plain.count + GCMContext.tagSize else { throw StoreError("AES-GCM sealing failed") }
    }
}
