import Crypto
import DossierModel
@testable import DossierStore
import Testing

/// The store's scrypt (vector core + swift-crypto's PBKDF2) must give exactly scrypt's bytes: the RFC 7914 test
/// vectors, and swift-crypto's own scrypt on other inputs, so workspaces made before and after open alike.
struct ScryptTests {
    private func hex(_ key: SymmetricKey) -> String {
        key.withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
    }

    /// Every core this machine can run (the machines CI runs on are x86-64: SSE2 always, AVX-512 on some).
    static let cores = Scrypt.Core.allCases.filter(\.isAvailable)

    @Test(arguments: cores) func rfc7914Vectors(core: Scrypt.Core) throws {
        let empty = try Scrypt.deriveKey(passphrase: [], salt: [], logN: 4, r: 1, p: 1, outputByteCount: 64, core: core)
        #expect(hex(empty) == "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                            + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906")
        let nacl = try Scrypt.deriveKey(passphrase: Array("password".utf8), salt: Array("NaCl".utf8), logN: 10, r: 8, p: 16,
                                        outputByteCount: 64, core: core)
        #expect(hex(nacl) == "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                           + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")
        let sodium = try Scrypt.deriveKey(passphrase: Array("pleaseletmein".utf8), salt: Array("SodiumChloride".utf8),
                                          logN: 14, r: 8, p: 1, outputByteCount: 64, core: core)
        #expect(hex(sodium) == "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
                             + "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887")
    }

    @Test(arguments: cores) func sameBytesAsSwiftCryptoOnOtherInputs(core: Scrypt.Core) throws {
        var rng = SeededGenerator(seed: 11)
        func bytes(_ n: Int) -> [UInt8] { (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) } }
        // Block sizes 1-3 (odd r exercises the BlockMix reordering), parallelism 1-3, non-ASCII passphrases.
        for (logN, r, p) in [(UInt8(1), UInt32(1), UInt32(1)), (5, 2, 1), (6, 3, 2), (8, 1, 3), (10, 8, 1)] {
            let passphrase = Array("пароль 密码 \(logN)".utf8) + bytes(Int(r) * 5)
            let salt = bytes(16)
            let ours = try Scrypt.deriveKey(passphrase: passphrase, salt: salt, logN: logN, r: r, p: p, core: core)
            let theirs = try Scrypt.reference(passphrase: passphrase, salt: salt, logN: logN, r: r, p: p)
            #expect(hex(ours) == hex(theirs), "N=2^\(logN) r=\(r) p=\(p)")
        }
    }

    @Test func unusableParametersAreAClearError() {
        #expect(throws: StoreError.self) { try Scrypt.deriveKey(passphrase: [1], salt: [2], logN: 0, r: 8, p: 1) }
        #expect(throws: StoreError.self) { try Scrypt.deriveKey(passphrase: [1], salt: [2], logN: 10, r: 0, p: 1) }
    }
}
