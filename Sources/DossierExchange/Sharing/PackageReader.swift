import Crypto
import DossierModel
import Foundation

/// A package that passed every check, decrypted and decoded.
public struct ReceivedPackage: Sendable {
    public var manifest: PackageManifest
    public var terms: PackageTerms
    public var items: [Item]
    /// Hex SHA-256 of manifest.json.
    public var manifestSHA256: String
    /// False when no sender key was given: the signature then proves only that the package is intact, not who sent it.
    public var senderAuthenticated: Bool
}

/// Verifies and reads share packages. Nothing in the package is decrypted or decoded before the manifest's signature
/// and the hash and size of every file have been checked, and a package with any file the manifest does not list is
/// refused. Every failure is a `PackageError` naming the reason.
public enum PackageReader {
    /// `expectedSender` is the sender's "ed25519:..." key text; `openingKey` opens packages encrypted to this workspace.
    public static func open(_ path: String, expectedSender expectedSenderText: String?,
                            openingKey: PackageOpeningKey?) throws -> ReceivedPackage {
        let fm = FileManager.default
        let expectedSender = try expectedSenderText.map { try PackageCrypto.signingKey($0) }
        let recipientKey = openingKey?.key
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { throw PackageError("\(path) does not exist") }
        guard isDirectory.boolValue else { throw PackageError("\(path) is not a package directory") }

        // 1. The manifest and its signature.
        let manifestData = try readFile(path, PackageFormat.manifestName)
        // Exactly base64 and an optional final newline: nothing in a package may change without being refused.
        var signatureText = String(decoding: try readFile(path, PackageFormat.signatureName), as: UTF8.self)
        if signatureText.hasSuffix("\n") { signatureText.removeLast() }
        guard let signature = Data(base64Encoded: signatureText) else {
            throw PackageError("\(PackageFormat.signatureName) is not a base64 signature")
        }
        let manifest: PackageManifest
        do { manifest = try JSONDecoder().decode(PackageManifest.self, from: manifestData) } catch {
            throw PackageError("\(PackageFormat.manifestName) is not a valid manifest: \(error)")
        }
        guard manifest.format == PackageFormat.format else {
            throw PackageError("package format \(manifest.format) is not supported (\(PackageFormat.format) is)")
        }
        guard let senderKeyText = manifest.sender.signingKey else { throw PackageError("the manifest names no sender key") }
        let embeddedKey = try PackageCrypto.signingKey(senderKeyText)
        if let expected = expectedSender, expected.rawRepresentation != embeddedKey.rawRepresentation {
            throw PackageError("signed with \(senderKeyText), not with the expected sender key \(PackageCrypto.text(expected))")
        }
        guard embeddedKey.isValidSignature(signature, for: manifestData) else {
            throw PackageError("the manifest's signature does not verify: the manifest was changed or not signed by \(senderKeyText)")
        }

        // 2. Every file listed, intact, and nothing else.
        var listed = Set<String>()
        for file in manifest.files {
            guard !file.path.isEmpty, !file.path.contains("/"), file.path != ".", file.path != "..",
                  file.path != PackageFormat.manifestName, file.path != PackageFormat.signatureName,
                  listed.insert(file.path).inserted else {
                throw PackageError("the manifest lists an invalid or repeated file name \"\(file.path)\"")
            }
        }
        let present: [String]
        do { present = try fm.contentsOfDirectory(atPath: path) } catch { throw PackageError("cannot list \(path): \(error.localizedDescription)") }
        for name in present.sorted() where name != PackageFormat.manifestName && name != PackageFormat.signatureName {
            guard listed.contains(name) else { throw PackageError("\(name) is not listed in the manifest") }
        }
        var contents: [String: Data] = [:]
        for file in manifest.files {
            let data = try readFile(path, file.path)
            guard data.count == file.bytes else {
                throw PackageError("\(file.path) has \(data.count) bytes, the manifest says \(file.bytes)")
            }
            let hash = PackageCrypto.sha256Hex(data)
            guard hash == file.sha256 else {
                throw PackageError("\(file.path) does not match its SHA-256 in the manifest (\(hash) ≠ \(file.sha256))")
            }
            contents[file.path] = data
        }

        // 3. Decrypt when sealed.
        var termsData: Data
        var itemsData: Data
        if let enc = manifest.encryption {
            guard enc.scheme == PackageFormat.encryptionScheme else { throw PackageError("unknown encryption scheme \(enc.scheme)") }
            guard let recipientKey else { throw PackageError("the package is encrypted and no key to open it was given") }
            guard PackageCrypto.text(recipientKey.publicKey) == enc.recipientKey.shareTrimmed else {
                throw PackageError("the package is encrypted to \(enc.recipientKey), not to this workspace's key \(PackageCrypto.text(recipientKey.publicKey))")
            }
            let ephemeral = try PackageCrypto.agreementKey(enc.ephemeralKey)
            guard let salt = Data(base64Encoded: enc.salt) else { throw PackageError("the encryption salt is not base64") }
            let shared: SharedSecret
            do { shared = try recipientKey.sharedSecretFromKeyAgreement(with: ephemeral) } catch {
                throw PackageError("key agreement failed: \(error)")
            }
            let key = PackageCrypto.derivedKey(shared: shared, salt: salt, packageID: manifest.packageID)
            func unseal(_ name: String) throws -> Data {
                let sealedName = name + PackageFormat.sealedSuffix
                guard let data = contents[sealedName] else { throw PackageError("\(sealedName) is missing") }
                do {
                    return try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: key,
                                            authenticating: PackageCrypto.associatedData(path: sealedName, packageID: manifest.packageID))
                } catch {
                    throw PackageError("\(sealedName) does not decrypt with this workspace's key")
                }
            }
            termsData = try unseal(PackageFormat.termsName)
            itemsData = try unseal(PackageFormat.itemsName)
        } else {
            guard let t = contents[PackageFormat.termsName] else { throw PackageError("\(PackageFormat.termsName) is missing") }
            guard let i = contents[PackageFormat.itemsName] else { throw PackageError("\(PackageFormat.itemsName) is missing") }
            termsData = t
            itemsData = i
        }

        // 4. Decode, all or nothing.
        let terms: PackageTerms
        do { terms = try JSONDecoder().decode(PackageTerms.self, from: termsData) } catch {
            throw PackageError("\(PackageFormat.termsName) is not valid: \(error)")
        }
        var items: [Item] = []
        var seen = Set<ItemID>()
        let decoder = JSONDecoder()
        var lineNumber = 0
        for line in itemsData.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty { continue }
            let item: Item
            do { item = try decoder.decode(PackagedItem.self, from: Data(line)).item } catch {
                throw PackageError("\(PackageFormat.itemsName) line \(lineNumber): \(error)")
            }
            guard item.kind != .analyst else { throw PackageError("\(PackageFormat.itemsName) line \(lineNumber): a package never carries analysts") }
            guard seen.insert(item.id).inserted else { throw PackageError("\(PackageFormat.itemsName) line \(lineNumber): item \(item.id) appears twice") }
            items.append(item)
        }
        guard items.count == terms.itemCount else {
            throw PackageError("\(PackageFormat.itemsName) holds \(items.count) items, \(PackageFormat.termsName) says \(terms.itemCount)")
        }
        return ReceivedPackage(manifest: manifest, terms: terms, items: items,
                               manifestSHA256: PackageCrypto.sha256Hex(manifestData), senderAuthenticated: expectedSender != nil)
    }

    private static func readFile(_ directory: String, _ name: String) throws -> Data {
        let p = directory + "/" + name
        guard FileManager.default.fileExists(atPath: p) else { throw PackageError("\(name) is missing from the package") }
        do { return try Data(contentsOf: URL(fileURLWithPath: p)) } catch {
            throw PackageError("cannot read \(name): \(error.localizedDescription)")
        }
    }
}
