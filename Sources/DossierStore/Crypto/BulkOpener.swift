import CCryptoBoringSSL
import Crypto

/// AES-256-GCM through one BoringSSL context set up once per key, for the store's bulk work: opening every record
/// of a scan and the chunks of an index snapshot. swift-crypto's `AES.GCM` builds a new context (key schedule and
/// GHASH tables) and allocates `Data` for every call, which costs more than decrypting a 150-byte record; this uses
/// the same BoringSSL that swift-crypto ships, so the bytes are exactly those `AES.GCM.seal` produces and opens.
/// The context is read-only after set-up: any number of threads may open and seal with it at once.
final class GCMContext: @unchecked Sendable {
    static let tagSize = 16
    static let nonceSize = 12
    private let ctx: UnsafeMutablePointer<EVP_AEAD_CTX>

    init(key: SymmetricKey) throws {
        let made = key.withUnsafeBytes { k -> UnsafeMutablePointer<EVP_AEAD_CTX>? in
            guard let base = k.baseAddress else { return nil }
            return CCryptoBoringSSL_EVP_AEAD_CTX_new(CCryptoBoringSSL_EVP_aead_aes_256_gcm(), base.assumingMemoryBound(to: UInt8.self),
                                                     k.count, GCMContext.tagSize)
        }
        guard let made, key.bitCount == 256 else { throw StoreError("cannot set up AES-256-GCM with this key") }
        ctx = made
    }

    deinit { CCryptoBoringSSL_EVP_AEAD_CTX_free(ctx) }

    /// Decrypts `sealed` (ciphertext then tag) into `out`, which must hold `sealed.count - 16` bytes; false when the
    /// tag does not verify.
    func open(_ sealed: UnsafeRawBufferPointer, nonce: UnsafeRawBufferPointer, authenticating ad: UnsafeRawBufferPointer,
              into out: UnsafeMutableRawPointer) -> Bool {
        guard sealed.count >= GCMContext.tagSize, nonce.count == GCMContext.nonceSize else { return false }
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
