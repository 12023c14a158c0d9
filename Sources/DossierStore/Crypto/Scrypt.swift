import CDossierScrypt
import Crypto
import _CryptoExtras

/// scrypt (RFC 7914) for the key that wraps a workspace's data key.
///
/// Opening an encrypted workspace spends most of its fixed cost here. swift-crypto's scrypt computes Salsa20/8 one
/// word at a time; `CDossierScrypt` keeps each Salsa block in SSE2 registers and is about a third faster for the
/// same bytes. The PBKDF2-HMAC-SHA256 steps around the core come from swift-crypto. Where no vector core is
/// built (not x86-64), swift-crypto's scrypt is used; the tests check every core against the RFC and swift-crypto.
public enum Scrypt {
    /// The Salsa20/8 core to run; `.best` everywhere but in tests.
    public enum Core: Int32, Sendable, CaseIterable {
        case best = 0, sse2 = 1, avx512 = 2
        /// Whether this core can run on this machine.
        public var isAvailable: Bool { dossier_scrypt_core_available(rawValue) == 1 }
    }

    /// The scrypt of `passphrase` and `salt` with cost N = 2^`logN`, block size `r`, parallelism `p`.
    public static func deriveKey(passphrase: [UInt8], salt: [UInt8], logN: UInt8, r: UInt32, p: UInt32,
                                 outputByteCount: Int = 32, core: Core = .best) throws -> SymmetricKey {
        guard core.isAvailable else {
            return try reference(passphrase: passphrase, salt: salt, logN: logN, r: r, p: p, outputByteCount: outputByteCount)
        }
        guard logN >= 1, logN < 64, r > 0, p > 0, UInt64(r) * UInt64(p) < 1 << 30 else {
            throw StoreError("scrypt parameters N=2^\(logN) r=\(r) p=\(p) are not usable")
        }
        let blockBytes = 128 * Int(r) * Int(p)
        var blocks = try KDF.Insecure.PBKDF2.deriveKey(from: passphrase, salt: salt, using: .sha256,
                                                      outputByteCount: blockBytes, unsafeUncheckedRounds: 1)
            .withUnsafeBytes { Array($0) }
        defer { wipe(&blocks) }
        let status = blocks.withUnsafeMutableBufferPointer { dossier_scrypt_romix($0.baseAddress, r, UInt64(1) << UInt64(logN), p, core.rawValue) }
        guard status == 0 else {
            let mebibytes = (Double(128 * Int(r)) * Double(UInt64(1) << UInt64(logN))) / 1_048_576
            throw StoreError("scrypt N=2^\(logN) r=\(r) needs \(Int(mebibytes.rounded(.up))) MiB of memory, which could not be allocated")
        }
        return try KDF.Insecure.PBKDF2.deriveKey(from: passphrase, salt: blocks, using: .sha256,
                                                 outputByteCount: outputByteCount, unsafeUncheckedRounds: 1)
    }

    /// swift-crypto's scrypt: the same function, computed by BoringSSL.
    public static func reference(passphrase: [UInt8], salt: [UInt8], logN: UInt8, r: UInt32, p: UInt32,
                          outputByteCount: Int = 32) throws -> SymmetricKey {
        try KDF.Scrypt.deriveKey(from: passphrase, salt: salt, outputByteCount: outputByteCount,
                                 rounds: 1 << Int(logN), blockSize: Int(r), parallelism: Int(p))
    }

    /// Zeroes bytes derived from the passphrase in a way the optimiser cannot drop.
    private static func wipe(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { dossier_scrypt_wipe($0.baseAddress, $0.count) }
    }
}
