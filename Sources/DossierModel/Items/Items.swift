/// What every item carries: identity, case membership, provenance and review state.
public struct ItemMeta: Hashable, Sendable, Codable {
    public var id: ItemID
    /// Ids of the cases this item belongs to (an item can be in several cases).
    public var cases: [ItemID]
    /// The source it came from, if any.
    public var source: ItemID?
    public var createdBy: String
    public var createdAt: TimePoint
    public var modifiedBy: String
    public var modifiedAt: TimePoint
    public var tags: [String]
    /// The item's own grade where it differs from its source's.
    public var grading: Grading?
    /// The item's own handling where it differs from its source's.
    public var handling: HandlingCode?
    public var reviewed: Bool
    public var flagged: Bool

    public init(id: ItemID, cases: [ItemID] = [], source: ItemID? = nil, analyst: String, at time: TimePoint,
                tags: [String] = [], grading: Grading? = nil, handling: HandlingCode? = nil,
                reviewed: Bool = false, flagged: Bool = false) {
        self.id = id
        self.cases = cases
        self.source = source
        self.createdBy = analyst
        self.createdAt = time
        self.modifiedBy = analyst
        self.modifiedAt = time
        self.tags = tags
        self.grading = grading
        self.handling = handling
        self.reviewed = reviewed
        self.flagged = flagged
    }

    /// Records that `analyst` changed the item at `time`.
    public mutating func touch(by analyst: String, at time: TimePoint) {
        modifiedBy = analyst
        modifiedAt = time
    }
}

/// A free attribute: an ordered key/value pair (order is kept as the partner sent it).
public struct Attribute: Hashable, Sendable, Codable {
    public var key: String
    public var value: String
    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

/// A point on the earth, WGS 84 degrees.
public struct GeoPoint: Hashable, Sendable, Codable {
    public var latitude: Double
    public var longitude: Double
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }
}

/// An amount in a currency, as a fixed-point number with four decimals so sums stay exact.
public struct Money: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The amount in ten-thousandths of the currency unit.
    public var tenThousandths: Int64
    /// ISO 4217 code (or a crypto asset symbol), upper case.
    public var currency: String

    public init(tenThousandths: Int64, currency: String) {
        self.tenThousandths = tenThousandths
        self.currency = currency.uppercased()
    }

    /// Parses "1234.56", "-10", "1 234,56" is not accepted: amounts must use '.' as the decimal mark.
    public init?(_ text: String, currency: String) {
        var s = Substring(text.trimmingSpaces)
        var negative = false
        if s.first == "-" { negative = true; s.removeFirst() } else if s.first == "+" { s.removeFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int64(parts[0].isEmpty ? "0" : String(parts[0])), whole >= 0 else { return nil }
        var frac: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy(\.isASCII), let f = Int64(digits) else { return nil }
            frac = f * Int64([1, 1000, 100, 10, 1][digits.count])
        }
        let (product, overflow) = whole.multipliedReportingOverflow(by: 10_000)
        guard !overflow else { return nil }
        self.init(tenThousandths: (product + frac) * (negative ? -1 : 1), currency: currency)
    }

    public var amount: Double { Double(tenThousandths) / 10_000 }

    /// "1234.56 EUR" with at least two decimals.
    public var description: String {
        let sign = tenThousandths < 0 ? "-" : ""
        let v = tenThousandths.magnitude
        var frac = String(v % 10_000)
        frac = String(repeating: "0", count: 4 - frac.count) + frac
        while frac.count > 2 && frac.hasSuffix("0") { frac.removeLast() }
        return "\(sign)\(v / 10_000).\(frac) \(currency)"
    }
}

/// A case: a named investigation that groups items. Cases can be restricted to named analysts.
public struct Case: Hashable, Sendable, Codable {
    public var meta: ItemMeta
    /// Short unique name used on the command line ("trafficking").
    public var name: String
    public var title: String
    public var summary: String
    public var status: String
    /// Analysts allowed to see the case; empty means everyone with access to the workspace.
    public var restrictedTo: [String]

    public init(meta: ItemMeta, name: String, title: String = "", summary: String = "", status: String = "open",
                restrictedTo: [String] = []) {
        self.meta = meta
        self.name = name
        self.title = title
        self.summary = summary
        self.status = status
        self.restrictedTo = restrictedTo
    }
}

/// A person, organisation, phone, account, ... anything that can be charted.
public struct Entity: Hashable, Sendable, Codable {
    public var meta: ItemMeta
    public var kind: EntityKind
    public var name: String
    public var aliases: [String]
    /// Normalised identifiers (phone numbers, e-mail addresses, IBANs, passport numbers ...).
    public var identifiers: [Identifier]
    public var attributes: [Attribute]
    public var coordinates: GeoPoint?

    public init(meta: ItemMeta, kind: EntityKind, name: String, aliases: [String] = [], identifiers: [Identifier] = [],
                attributes: [Attribute] = [], coordinates: GeoPoint? = nil) {
        self.meta = meta
        self.kind = kind
        self.name = name
        self.aliases = aliases
        self.identifiers = identifiers
        self.attributes = attributes
        self.coordinates = coordinates
    }

    public func attribute(_ key: String) -> String? { attributes.first { $0.key == key }?.value }
}

/// A typed relation between two entities, directed or not, with an optional time span and a strength.
public struct Link: Hashable, Sendable, Codable {
    public var meta: ItemMeta
    public var type: LinkType
    public var from: ItemID
    public var to: ItemID
    public var directed: Bool
    public var start: TimePoint?
    public var end: TimePoint?
    /// Strength or count; repeated links between one pair add weight.
    public var weight: Double
    public var label: String
    public var attributes: [Attribute]

    public init(meta: ItemMeta, type: LinkType, from: ItemID, to: ItemID, directed: Bool = false,
                start: TimePoint? = nil, end: TimePoint? = nil, weight: Double = 1, label: String = "",
                attributes: [Attribute] = []) {
        self.meta = meta
        self.type = type
        self.from = from
        self.to = to
        self.directed = directed
        self.start = start
        self.end = end
        self.weight = weight
        self.label = label
        self.attributes = attributes
    }
}

/// An entity taking part in an event in a role (caller, payee, ...).
public struct Participant: Hashable, Sendable, Codable {
    public var entity: ItemID
    public var role: ParticipantRole
    public init(_ entity: ItemID, role: ParticipantRole = .participant) {
        self.entity = entity
        self.role = role
    }
}

/// Something that happened at a time: a call, a payment, a border crossing, a seizure.
public struct Event: Hashable, Sendable, Codable {
    public var meta: ItemMeta
    public var kind: EventKind
    public var start: TimePoint
    public var end: TimePoint?
    public var participants: [Participant]
    /// The place: a location, cell-site or address entity.
    public var place: ItemID?
    public var amount: Money?
    public var summary: String
    public var attributes: [Attribute]

    public init(meta: ItemMeta, kind: EventKind, start: TimePoint, end: TimePoint? = nil, participants: [Participant] = [],
                place: ItemID? = nil, amount: Money? = nil, summary: String = "", attributes: [Attribute] = []) {
        self.meta = meta
        self.kind = kind
        self.start = start
        self.end = end
        self.participants = participants
        self.place = place
        self.amount = amount
        self.summary = summary
        self.attributes = attributes
    }

    /// Duration in seconds when the end is known.
    public var durationSeconds: Int64? { end.map { ($0.utcMicros - start.utcMicros) / 1_000_000 } }
}

/// Where information came from, how far it can be trusted and how it may be handled.
public struct Source: Hashable, Sendable, Codable {
    public var meta: ItemMeta
    /// The partner that provided it ("Europol", "NCA", "bank X").
    public var provider: String
    /// The provider's own reference for the information.
    public var reference: String
    public var received: TimePoint?
    public var grading: Grading
    public var handling: HandlingCode?
    public var legalBasis: String
    public var purpose: String
    /// For imports: the file name and the SHA-256 of its bytes (lower-case hex).
    public var fileName: String
    public var sha256: String
    public var description: String

    public init(meta: ItemMeta, provider: String, reference: String = "", received: TimePoint? = nil,
                grading: Grading = .unknown, handling: HandlingCode? = nil, legalBasis: String = "", purpose: String = "",
                fileName: String = "", sha256: String = "", description: String = "") {
        self.meta = meta
        self.provider = provider
        self.reference = reference
        self.received = received
        self.grading = grading
        self.handling = handling
        self.legalBasis = legalBasis
        self.purpose = purpose
        self.fileName = fileName
        self.sha256 = sha256
        self.description = description
    }
}

/// An analyst's note about one or more items.
public struct Note: Hashable, Sendable, Codable {
    public var meta: ItemMeta
    public var about: [ItemID]
    public var text: String

    public init(meta: ItemMeta, about: [ItemID], text: String) {
        self.meta = meta
        self.about = about
        self.text = text
    }
}

/// An analyst's decision on whether two entities are the same real-world thing.
public struct Judgement: Hashable, Sendable, Codable {
    public enum Verdict: String, Sendable, Codable, CaseIterable { case same, different, unsure }
    public var meta: ItemMeta
    public var a: ItemID
    public var b: ItemID
    public var verdict: Verdict
    public var reason: String
    /// Identifiers or names of both sides when judged, so the judgement can be re-applied after a re-import
    /// gives the same real-world records new ids.
    public var fingerprintA: String
    public var fingerprintB: String
    /// Set when the judgement has been withdrawn (e.g. by `dossier unmerge`).
    public var withdrawn: Bool

    public init(meta: ItemMeta, a: ItemID, b: ItemID, verdict: Verdict, reason: String = "",
                fingerprintA: String = "", fingerprintB: String = "", withdrawn: Bool = false) {
        self.meta = meta
        self.a = a
        self.b = b
        self.verdict = verdict
        self.reason = reason
        self.fingerprintA = fingerprintA
        self.fingerprintB = fingerprintB
        self.withdrawn = withdrawn
    }
}

/// A person allowed to work in the workspace, and what they may do.
public struct Analyst: Hashable, Sendable, Codable {
    public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
        case viewer, analyst, supervisor
        public static func < (a: Role, b: Role) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }
    public var meta: ItemMeta
    public var name: String
    public var role: Role
    public var active: Bool

    public init(meta: ItemMeta, name: String, role: Role, active: Bool = true) {
        self.meta = meta
        self.name = name
        self.role = role
        self.active = active
    }
}
