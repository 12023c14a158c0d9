import CDossierGCM
import Crypto
import Foundation
@testable import DossierStore
import Testing

/// The store's own AES-256-GCM opener (`CDossierGCM`, used for small records) must agree byte for byte with
/// swift-crypto's AES.GCM in both directions, and refuse any change to ciphertext, tag, nonce or associated data.
struct GCMTests {
    private struct Sample {
        var key: [UInt8], nonce: [UInt8], ad: [UInt8], plain: [UInt8]
    }

    /// Deterministic inputs covering empty, partial, whole and multi-group (4 x 16 bytes) lengths.
    private static func samples() -> [Sample] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func bytes(_ n: Int) -> [UInt8] {
            (0..<n).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
        }
        let lengths = [0, 1, 15, 16, 17, 63, 64, 65, 127, 128, 129, 170, 255, 256, 257, 496, 600]
        let adLengths = [0, 1, 13, 16, 17, 32, 64, 65, 70]
        return lengths.enumerated().map { i, n in
            Sample(key: bytes(32), nonce: bytes(12), ad: bytes(adLengths[i % adLengths.count]), plain: bytes(n))
        }
    }

    private func expanded(_ raw: [UInt8]) -> UnsafeMutablePointer<dossier_gcm_key> {
        let k = UnsafeMutableRawPointer.allocate(byteCount: MemoryLayout<dossier_gcm_key>.size, alignment: 16)
            .bindMemory(to: dossier_gcm_key.self, capacity: 1)
        dossier_gcm_init(k, raw)
        return k
    }

    private func hex(_ b: [UInt8]) -> String { b.map { String(format: "%02x", $0) }.joined() }

    @Test func gcmSpecificationVectors() throws {
        try #require(dossier_gcm_available() == 1)
        let key = expanded([UInt8](repeating: 0, count: 32))
        defer { UnsafeMutableRawPointer(key).deallocate() }
        let nonce = [UInt8](repeating: 0, count: 12)
        var tag = [UInt8](repeating: 0, count: 16)
        var out = [UInt8](repeating: 0, count: 16)
        // Test case 13 of the GCM specification: empty text.
        dossier_gcm_seal(key, nonce, nil, 0, nil, 0, &out, &tag)
        #expect(hex(tag) == "530f8afbc74536b9a963b4f1c4cb738b")
        // Test case 14: one zero block.
        dossier_gcm_seal(key, nonce, nil, 0, [UInt8](repeating: 0, count: 16), 16, &out, &tag)
        #expect(hex(out) == "cea7403d4d606b6e074ec5d3baf39d18")
        #expect(hex(tag) == "d0d1c8a799996bf0265b98b5d48ab919")
        var back = [UInt8](repeating: 0xAA, count: 16)
        #expect(dossier_gcm_open(key, nonce, nil, 0, out, 16, tag, &back) == 1)
        #expect(back == [UInt8](repeating: 0, count: 16))
    }

    @Test func sameBytesAsSwiftCryptoBothWays() throws {
        try #require(dossier_gcm_available() == 1)
        for s in Self.samples() {
            let key = expanded(s.key)
            defer { UnsafeMutableRawPointer(key).deallocate() }
            let box = try AES.GCM.seal(s.plain, using: SymmetricKey(data: s.key), nonce: AES.GCM.Nonce(data: s.nonce),
                                       authenticating: s.ad)
            let cipher = [UInt8](box.ciphertext), tag = [UInt8](box.tag)
            var out = [UInt8](repeating: 0, count: s.plain.count)
            var ours = [UInt8](repeating: 0, count: 16)
            dossier_gcm_seal(key, s.nonce, s.ad, s.ad.count, s.plain, s.plain.count, &out, &ours)
            #expect(out == cipher, "length \(s.plain.count)")
            #expect(ours == tag, "length \(s.plain.count)")
            var back = [UInt8](repeating: 0, count: s.plain.count)
            #expect(dossier_gcm_open(key, s.nonce, s.ad, s.ad.count, cipher, cipher.count, tag, &back) == 1)
            #expect(back == s.plain, "length \(s.plain.count)")
        }
    }

    @Test func anyChangedByteIsRefusedAndNothingIsLeftInTheOutput() throws {
        try #require(dossier_gcm_available() == 1)
        let s = Self.samples()[11]  // 170 bytes, a typical record
        let key = expanded(s.key)
        defer { UnsafeMutableRawPointer(key).deallocate() }
        let box = try AES.GCM.seal(s.plain, using: SymmetricKey(data: s.key), nonce: AES.GCM.Nonce(data: s.nonce),
                                   authenticating: s.ad)
        let cipher = [UInt8](box.ciphertext), tag = [UInt8](box.tag)
        func opens(_ c: [UInt8], _ t: [UInt8], _ n: [UInt8], _ a: [UInt8]) -> (Bool, [UInt8]) {
            var out = [UInt8](repeating: 0xAA, count: c.count)
            let ok = dossier_gcm_open(key, n, a, a.count, c, c.count, t, &out) == 1
            return (ok, out)
        }
        #expect(opens(cipher, tag, s.nonce, s.ad).0)
        let zero = [UInt8](repeating: 0, count: cipher.count)
        for i in cipher.indices {
            var c = cipher
            c[i] ^= 0x01
            let (ok, out) = opens(c, tag, s.nonce, s.ad)
            #expect(!ok && out == zero, "ciphertext byte \(i)")
        }
        for i in tag.indices {
            var t = tag
            t[i] ^= 0x80
            #expect(!opens(cipher, t, s.nonce, s.ad).0, "tag byte \(i)")
        }
        for i in s.nonce.indices {
            var n = s.nonce
            n[i] ^= 0x10
            #expect(!opens(cipher, tag, n, s.ad).0, "nonce byte \(i)")
        }
        for i in s.ad.indices {
            var a = s.ad
            a[i] ^= 0x04
            #expect(!opens(cipher, tag, s.nonce, a).0, "associated byte \(i)")
        }
        #expect(!opens(cipher, tag, s.nonce, s.ad + [0]).0)
    }

    /// The store's context picks the small-record path or BoringSSL by length; both must open what swift-crypto sealed.
    @Test func theStoreContextOpensBothShortAndLongRecords() throws {
        for s in Self.samples() {
            let key = SymmetricKey(data: s.key)
            let context = try GCMContext(key: key)
            let box = try AES.GCM.seal(s.plain, using: key, nonce: AES.GCM.Nonce(data: s.nonce), authenticating: s.ad)
            let sealed = [UInt8](box.ciphertext) + [UInt8](box.tag)
            var out = [UInt8](repeating: 0, count: s.plain.count + 1)
            let ok = sealed.withUnsafeBytes { sb in
                s.nonce.withUnsafeBytes { nb in
                    s.ad.withUnsafeBytes { ab in out.withUnsafeMutableBytes { context.open(sb, nonce: nb, authenticating: ab, into: $0.baseAddress!) } }
                }
            }
            #expect(ok, "length \(s.plain.count)")
            #expect(Array(out.prefix(s.plain.count)) == s.plain, "length \(s.plain.count)")
        }
    }
}
