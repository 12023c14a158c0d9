import DossierModel
import Foundation

/// The layout of a share package: a directory
///
///     manifest.json   what the package holds: format, package id, sender and its Ed25519 public key, recipient,
///                     encryption parameters (if any) and the SHA-256 and size of every other file
///     manifest.sig    the Ed25519 signature of manifest.json's exact bytes, base64
///     share.json      the terms: purpose, legal basis, the request it answers, the case, the handling notice
///     items.jsonl     one item per line, as the sender holds it (provenance, grading, handling and conditions kept)
///
/// When the package is encrypted to a recipient, share.json and items.jsonl are stored sealed (`share.json.sealed`,
/// `items.jsonl.sealed`) and the manifest lists the hashes of the sealed bytes, so the signature and every hash are
/// verified before anything is decrypted or read.
public enum PackageFormat {
    public static let format = "dossier-share/1"
    public static let manifestName = "manifest.json"
    public static let signatureName = "manifest.sig"
    public static let termsName = "share.json"
    public static let itemsName = "items.jsonl"
    public static let sealedSuffix = ".sealed"
    public static let encryptionScheme = "x25519-hkdf-sha256-aes256gcm"
}

public struct PackageManifest: Codable, Sendable, Equatable {
    public struct Party: Codable, Sendable, Equatable {
        public var name: String
        /// "ed25519:<base64>" for the sender.
        public var signingKey: String?
    }

    public struct Encryption: Codable, Sendable, Equatable {
        public var scheme: String
        /// "x25519:<base64>": the recipient key the package is encrypted to.
        public var recipientKey: String
        /// "x25519:<base64>": the sender's one-time key for this package.
        public var ephemeralKey: String
        /// Base64 HKDF salt.
        public var salt: String
    }

    public struct File: Codable, Sendable, Equatable {
        public var path: String
        public var sha256: String
        public var bytes: Int
    }

    public var format: String
    public var packageID: String
    public var created: String
    public var sender: Party
    public var recipient: Party
    public var encryption: Encryption?
    public var files: [File]
}

/// What share.json holds.
public struct PackageTerms: Codable, Sendable, Equatable {
    public struct RequestRef: Codable, Sendable, Equatable {
        public var id: String
        public var direction: String
        public var partner: String
        public var reference: String
        public var scope: String
    }
    public struct CaseRef: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var title: String
    }
    public struct Notice: Codable, Sendable, Equatable {
        public var handling: String
        public var meaning: String
        public var conditions: String
        public var items: Int
    }

    public var purpose: String
    public var purposeKind: String
    public var legalBasis: String
    public var request: RequestRef
    public var caseRef: CaseRef
    public var itemCount: Int
    /// One line per handling code present: what it means and its conditions, which bind the recipient.
    public var handling: [Notice]

    enum CodingKeys: String, CodingKey {
        case purpose, purposeKind, legalBasis, request, caseRef = "case", itemCount, handling
    }
}

/// An item as one JSON line: {"kind": "entity", "item": {...}}.
public struct PackagedItem: Codable, Sendable, Equatable {
    public var item: Item

    public init(_ item: Item) { self.item = item }

    enum CodingKeys: String, CodingKey { case kind, item }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kindText = try c.decode(String.self, forKey: .kind)
        guard let kind = ItemKind(rawValue: kindText) else {
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown item kind \(kindText)")
        }
        switch kind {
        case .case: item = .case(try c.decode(Case.self, forKey: .item))
        case .entity: item = .entity(try c.decode(Entity.self, forKey: .item))
        case .link: item = .link(try c.decode(Link.self, forKey: .item))
        case .event: item = .event(try c.decode(Event.self, forKey: .item))
        case .source: item = .source(try c.decode(Source.self, forKey: .item))
        case .note: item = .note(try c.decode(Note.self, forKey: .item))
        case .judgement: item = .judgement(try c.decode(Judgement.self, forKey: .item))
        case .analyst: item = .analyst(try c.decode(Analyst.self, forKey: .item))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(item.kind.rawValue, forKey: .kind)
        switch item {
        case .case(let x): try c.encode(x, forKey: .item)
        case .entity(let x): try c.encode(x, forKey: .item)
        case .link(let x): try c.encode(x, forKey: .item)
        case .event(let x): try c.encode(x, forKey: .item)
        case .source(let x): try c.encode(x, forKey: .item)
        case .note(let x): try c.encode(x, forKey: .item)
        case .judgement(let x): try c.encode(x, forKey: .item)
        case .analyst(let x): try c.encode(x, forKey: .item)
        }
    }
}

/// A refused package or a package that cannot be written: the reason in one line.
public struct PackageError: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

enum PackageJSON {
    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
}
