/// Kinds, types and roles are open vocabularies: the well-known values are constants,
/// and a partner's own terms are kept as they come rather than forced into a closed enum.
public protocol OpenVocabulary: RawRepresentable, Hashable, Sendable, Codable, Comparable,
    ExpressibleByStringLiteral, CustomStringConvertible where RawValue == String {
    init(rawValue: String)
}

extension OpenVocabulary {
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

public struct EntityKind: OpenVocabulary {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue.lowercased() }

    public static let person: EntityKind = "person"
    public static let organization: EntityKind = "organization"
    public static let company: EntityKind = "company"
    public static let phone: EntityKind = "phone"
    public static let email: EntityKind = "email"
    public static let bankAccount: EntityKind = "bank-account"
    public static let cryptoWallet: EntityKind = "crypto-wallet"
    public static let vehicle: EntityKind = "vehicle"
    public static let vessel: EntityKind = "vessel"
    public static let airplane: EntityKind = "airplane"
    public static let address: EntityKind = "address"
    public static let location: EntityKind = "location"
    public static let cellSite: EntityKind = "cell-site"
    public static let document: EntityKind = "document"
    public static let ipAddress: EntityKind = "ip-address"
    public static let domain: EntityKind = "domain"
    public static let url: EntityKind = "url"
    public static let artifact: EntityKind = "artifact"
    public static let userAccount: EntityKind = "user-account"
    public static let malware: EntityKind = "malware"
    public static let indicator: EntityKind = "indicator"

    public static let wellKnown: [EntityKind] = [
        .person, .organization, .company, .phone, .email, .bankAccount, .cryptoWallet, .vehicle, .vessel, .airplane,
        .address, .location, .cellSite, .document, .ipAddress, .domain, .url, .artifact, .userAccount, .malware, .indicator,
    ]

    /// The identifier scheme that makes two entities of this kind the same thing, if any.
    public var naturalIdentifier: IdentifierScheme? {
        switch self {
        case .phone: .phone
        case .email: .email
        case .bankAccount: .iban
        case .cryptoWallet: .wallet
        case .ipAddress: .ip
        case .domain: .domain
        case .url: .url
        default: nil
        }
    }
}

public struct LinkType: OpenVocabulary {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue.lowercased() }

    public static let knows: LinkType = "knows"
    public static let owns: LinkType = "owns"
    public static let memberOf: LinkType = "member-of"
    public static let directorOf: LinkType = "director-of"
    public static let employedBy: LinkType = "employed-by"
    public static let family: LinkType = "family"
    public static let associate: LinkType = "associate"
    public static let paid: LinkType = "paid"
    public static let called: LinkType = "called"
    public static let uses: LinkType = "uses"
    public static let locatedAt: LinkType = "located-at"
    public static let represents: LinkType = "represents"
    public static let owes: LinkType = "owes"
    public static let related: LinkType = "related"
}

public struct EventKind: OpenVocabulary {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue.lowercased() }

    public static let call: EventKind = "call"
    public static let message: EventKind = "message"
    public static let transaction: EventKind = "transaction"
    public static let travel: EventKind = "travel"
    public static let sighting: EventKind = "sighting"
    public static let seizure: EventKind = "seizure"
    public static let arrest: EventKind = "arrest"
    public static let login: EventKind = "login"
    public static let meeting: EventKind = "meeting"
    public static let theft: EventKind = "theft"
    public static let sale: EventKind = "sale"
    public static let other: EventKind = "event"
}

public struct ParticipantRole: OpenVocabulary {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue.lowercased() }

    public static let caller: ParticipantRole = "caller"
    public static let receiver: ParticipantRole = "receiver"
    public static let payer: ParticipantRole = "payer"
    public static let payee: ParticipantRole = "payee"
    public static let sender: ParticipantRole = "sender"
    public static let recipient: ParticipantRole = "recipient"
    public static let traveller: ParticipantRole = "traveller"
    public static let subject: ParticipantRole = "subject"
    public static let participant: ParticipantRole = "participant"
    public static let location: ParticipantRole = "location"

    /// Whether this role starts a directed interaction (caller, payer, sender).
    public var isOrigin: Bool { self == .caller || self == .payer || self == .sender }
    /// Whether this role ends a directed interaction (receiver, payee, recipient).
    public var isDestination: Bool { self == .receiver || self == .payee || self == .recipient }
}
