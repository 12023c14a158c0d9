import Crypto
import DossierModel
import Foundation

/// Everything a package is built from.
public struct ShareDraft: Sendable {
    public var packageID: String
    public var created: TimePoint
    public var senderName: String
    public var terms: ShareTerms
    public var request: InformationRequest
    public var caseItem: Case
    public var selection: ShareSelection

    public init(packageID: String, created: TimePoint, senderName: String, terms: ShareTerms, request: InformationRequest,
                caseItem: Case, selection: ShareSelection) {
        self.packageID = packageID
        self.created = created
        self.senderName = senderName
        self.terms = terms
        self.request = request
        self.caseItem = caseItem
        self.selection = selection
    }
}

/// What was written.
public struct WrittenPackage: Sendable {
    public var path: String
    public var manifest: PackageManifest
    /// Hex SHA-256 of manifest.json: the package's fingerprint for the audit trail.
    public var manifestSHA256: String
}

/// A package assembled in memory, signed, not yet on disk: so the share can be audited (with its manifest's hash)
/// before the package exists anywhere.
public struct BuiltPackage: Sendable {
    public var manifest: PackageManifest
    /// Hex SHA-256 of manifest.json: the package's fingerprint for the audit trail.
    public var manifestSHA256: String
    var files: [(name: String, data: Data)]
    var manifestData: Data
    var signature: Data

    /// Writes the package directory at `path`, which must not exist. It is assembled in a temporary directory beside
    /// it and renamed into place, so a half-written package never appears under `path`.
    public func write(to path: String) throws -> WrittenPackage {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: path) else { throw PackageError("\(path) already exists; choose a new package name") }
        let temp = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        try? fm.removeItem(atPath: temp)
        do {
            try fm.createDirectory(atPath: temp, withIntermediateDirectories: false)
            for file in files {
                try file.data.write(to: URL(fileURLWithPath: temp + "/" + file.name))
            }
            try manifestData.write(to: URL(fileURLWithPath: temp + "/" + PackageFormat.manifestName))
            try Data((signature.base64EncodedString() + "\n").utf8).write(to: URL(fileURLWithPath: temp + "/" + PackageFormat.signatureName))
            try fm.moveItem(atPath: temp, toPath: path)
        } catch {
            try? fm.removeItem(atPath: temp)
            throw PackageError("cannot write the package \(path): \(error.localizedDescription)")
        }
        return WrittenPackage(path: path, manifest: manifest, manifestSHA256: manifestSHA256)
    }
}

/// Builds and writes share packages (see `PackageFormat`).
public enum PackageWriter {
    /// Builds and writes the package at `path` (see `build` and `BuiltPackage.write`).
    public static func write(_ draft: ShareDraft, to path: String, signingKey: PackageSigningKey,
                             recipientKey: String?) throws -> WrittenPackage {
        guard !FileManager.default.fileExists(atPath: path) else { throw PackageError("\(path) already exists; choose a new package name") }
        return try build(draft, signingKey: signingKey, recipientKey: recipientKey).write(to: path)
    }

    /// Encodes, encrypts (when `recipientKey`, an "x25519:..." key text, is given) and signs the package in memory.
    public static func build(_ draft: ShareDraft, signingKey signer: PackageSigningKey, recipientKey recipientKeyText: String?) throws -> BuiltPackage {
        let signingKey = signer.key
        let recipientKey = try recipientKeyText.map { try PackageCrypto.agreementKey($0) }
        let terms = packageTerms(draft)
        let encoder = PackageJSON.encoder()
        var files: [(name: String, data: Data)] = []
        do {
            files.append((PackageFormat.termsName, try encoder.encode(terms)))
            var lines = Data()
            for item in draft.selection.items {
                lines.append(try encoder.encode(PackagedItem(item)))
                lines.append(0x0A)
            }
            files.append((PackageFormat.itemsName, lines))
        } catch {
            throw PackageError("cannot encode the package: \(error)")
        }

        var encryption: PackageManifest.Encryption?
        if let recipientKey {
            let ephemeral = Curve25519.KeyAgreement.PrivateKey()
            var salt = Data(count: 32)
            var rng = SystemRandomNumberGenerator()
            for i in 0..<32 { salt[i] = UInt8.random(in: 0...255, using: &rng) }
            let shared = try ephemeral.sharedSecretFromKeyAgreement(with: recipientKey)
            let key = PackageCrypto.derivedKey(shared: shared, salt: salt, packageID: draft.packageID)
            files = try files.map { file in
                let name = file.name + PackageFormat.sealedSuffix
                let box = try AES.GCM.seal(file.data, using: key,
                                           authenticating: PackageCrypto.associatedData(path: name, packageID: draft.packageID))
                guard let combined = box.combined else { throw PackageError("AES-GCM gave no combined form") }
                return (name, combined)
            }
            encryption = PackageManifest.Encryption(scheme: PackageFormat.encryptionScheme,
                                                    recipientKey: PackageCrypto.text(recipientKey),
                                                    ephemeralKey: PackageCrypto.text(ephemeral.publicKey),
                                                    salt: salt.base64EncodedString())
        }

        let manifest = PackageManifest(
            format: PackageFormat.format, packageID: draft.packageID, created: draft.created.utcISO8601,
            sender: .init(name: draft.senderName, signingKey: PackageCrypto.text(signingKey.publicKey)),
            recipient: .init(name: draft.terms.recipient, signingKey: nil),
            encryption: encryption,
            files: files.map { .init(path: $0.name, sha256: PackageCrypto.sha256Hex($0.data), bytes: $0.data.count) })
        let manifestData: Data
        do { manifestData = try encoder.encode(manifest) } catch { throw PackageError("cannot encode the manifest: \(error)") }
        let signature = try signingKey.signature(for: manifestData)
        return BuiltPackage(manifest: manifest, manifestSHA256: PackageCrypto.sha256Hex(manifestData), files: files,
                            manifestData: manifestData, signature: signature)
    }

    static func packageTerms(_ draft: ShareDraft) -> PackageTerms {
        var notices: [String: PackageTerms.Notice] = [:]
        var sources: [ItemID: Source] = [:]
        for item in draft.selection.items { if let s = item.source { sources[s.meta.id] = s } }
        for item in draft.selection.items {
            let h = item.meta.handling ?? item.meta.source.flatMap { sources[$0]?.handling } ?? item.source?.handling
            guard let h else { continue }
            let key = h.description + "\u{0}" + h.conditions
            notices[key, default: .init(handling: h.description, meaning: h.meaning, conditions: h.conditions, items: 0)].items += 1
        }
        let r = draft.request
        return PackageTerms(
            purpose: draft.terms.purpose, purposeKind: draft.terms.purposeKind.rawValue, legalBasis: draft.terms.legalBasis,
            request: .init(id: r.id.description, direction: r.direction.rawValue, partner: r.partner, reference: r.reference, scope: r.scope),
            caseRef: .init(id: draft.caseItem.meta.id.description, name: draft.caseItem.name, title: draft.caseItem.title),
            itemCount: draft.selection.items.count,
            handling: notices.values.sorted { ($0.handling, $0.conditions) < ($1.handling, $1.conditions) })
    }
}
