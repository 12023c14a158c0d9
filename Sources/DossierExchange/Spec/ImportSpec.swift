import DossierModel
import TOMLKit

/// A column named by header text, or by 1-based position for files without a header.
public enum ColumnRef: Sendable, Equatable, CustomStringConvertible {
    case name(String)
    case position(Int)
    public var description: String {
        switch self {
        case .name(let n): "\"\(n)\""
        case .position(let p): "#\(p)"
        }
    }
}

/// Which entity a column (or columns) make: a phone from "caller", a person from "name" + "dob", ...
public struct EntitySpec: Sendable, Equatable {
    /// The name the links and events of the spec use for it ("caller").
    public var role: String
    public var kind: EntityKind
    /// Column holding the identifier; its scheme is `scheme` or the kind's natural identifier.
    public var identifier: ColumnRef?
    public var scheme: IdentifierScheme?
    public var name: ColumnRef?
    public var attributes: [(key: String, column: ColumnRef)]
    public var latitude: ColumnRef?
    public var longitude: ColumnRef?
    /// When true, an empty cell means "no such entity in this row" rather than a reject.
    public var optional: Bool

    public init(role: String, kind: EntityKind, identifier: ColumnRef? = nil, scheme: IdentifierScheme? = nil,
                name: ColumnRef? = nil, attributes: [(key: String, column: ColumnRef)] = [], latitude: ColumnRef? = nil,
                longitude: ColumnRef? = nil, optional: Bool = false) {
        self.role = role
        self.kind = kind
        self.identifier = identifier
        self.scheme = scheme
        self.name = name
        self.attributes = attributes
        self.latitude = latitude
        self.longitude = longitude
        self.optional = optional
    }

    public static func == (a: EntitySpec, b: EntitySpec) -> Bool {
        a.role == b.role && a.kind == b.kind && a.identifier == b.identifier && a.scheme == b.scheme && a.name == b.name
            && a.attributes.map(\.key) == b.attributes.map(\.key) && a.attributes.map(\.column) == b.attributes.map(\.column)
            && a.latitude == b.latitude && a.longitude == b.longitude && a.optional == b.optional
    }
}

/// A link between two of the spec's entities per row; repeated pairs add weight.
public struct LinkSpec: Sendable, Equatable {
    public var from: String
    public var to: String
    public var type: LinkType
    /// Column whose value is the link type, overriding `type` where not empty.
    public var typeColumn: ColumnRef?
    public var weight: ColumnRef?
    public var directed: Bool

    public init(from: String, to: String, type: LinkType, typeColumn: ColumnRef? = nil, weight: ColumnRef? = nil,
                directed: Bool = false) {
        self.from = from
        self.to = to
        self.type = type
        self.typeColumn = typeColumn
        self.weight = weight
        self.directed = directed
    }
}

/// An event per row: a call, a payment, a border crossing ...
public struct EventSpec: Sendable, Equatable {
    public var kind: EventKind
    public var start: ColumnRef
    public var format: TimeFormat
    public var timeZone: TimeZoneSpec
    public var end: ColumnRef?
    public var duration: ColumnRef?
    public var amount: ColumnRef?
    public var currency: ColumnRef?
    /// A fixed currency when the file has no currency column.
    public var currencyCode: String?
    /// The entity (role) where it happened.
    public var place: String?
    public var participants: [(role: ParticipantRole, entity: String)]
    public var summary: ColumnRef?
    public var attributes: [(key: String, column: ColumnRef)]
    /// Also keep one link of this type per origin-destination pair (weight = number of events).
    public var link: LinkType?

    public init(kind: EventKind, start: ColumnRef, format: TimeFormat = .iso8601, timeZone: TimeZoneSpec = .fixed(minutes: 0),
                end: ColumnRef? = nil, duration: ColumnRef? = nil, amount: ColumnRef? = nil, currency: ColumnRef? = nil,
                currencyCode: String? = nil, place: String? = nil, participants: [(role: ParticipantRole, entity: String)] = [],
                summary: ColumnRef? = nil, attributes: [(key: String, column: ColumnRef)] = [], link: LinkType? = nil) {
        self.kind = kind
        self.start = start
        self.format = format
        self.timeZone = timeZone
        self.end = end
        self.duration = duration
        self.amount = amount
        self.currency = currency
        self.currencyCode = currencyCode
        self.place = place
        self.participants = participants
        self.summary = summary
        self.attributes = attributes
        self.link = link
    }

    public static func == (a: EventSpec, b: EventSpec) -> Bool {
        a.kind == b.kind && a.start == b.start && a.format == b.format && a.timeZone == b.timeZone && a.end == b.end
            && a.duration == b.duration && a.amount == b.amount && a.currency == b.currency && a.currencyCode == b.currencyCode
            && a.place == b.place && a.participants.map(\.role) == b.participants.map(\.role)
            && a.participants.map(\.entity) == b.participants.map(\.entity) && a.summary == b.summary
            && a.attributes.map(\.key) == b.attributes.map(\.key) && a.link == b.link
    }
}

/// An import specification: how a delimited file's columns become entities, links and events, plus the file's
/// reading options and provenance. Saved as TOML and reused, like i2's import specifications.
public struct ImportSpec: Sendable, Equatable {
    public var delimiter: UInt8?
    public var hasHeader: Bool?
    public var encoding: TextEncoding?
    public var defaultCountry: String?
    public var provenance: ImportProvenance
    public var entities: [EntitySpec]
    public var links: [LinkSpec]
    public var events: [EventSpec]

    public init(delimiter: UInt8? = nil, hasHeader: Bool? = nil, encoding: TextEncoding? = nil, defaultCountry: String? = nil,
                provenance: ImportProvenance = ImportProvenance(), entities: [EntitySpec] = [], links: [LinkSpec] = [],
                events: [EventSpec] = []) {
        self.delimiter = delimiter
        self.hasHeader = hasHeader
        self.encoding = encoding
        self.defaultCountry = defaultCountry
        self.provenance = provenance
        self.entities = entities
        self.links = links
        self.events = events
    }

    public var csvOptions: CSVOptions { CSVOptions(delimiter: delimiter, hasHeader: hasHeader, encoding: encoding) }

    /// Reads a spec file; errors name the file and the key.
    public static func load(path: String) throws -> ImportSpec {
        let name = baseName(path)
        let f = try FileBytes(path: path)
        var bytes: [UInt8] = []
        while try f.read(into: &bytes, max: 1 << 16) > 0 {}
        guard let text = String(validating: bytes, as: UTF8.self) else { throw ExchangeError(file: name, "invalid UTF-8") }
        return try parse(text, file: name)
    }

    public static func parse(_ text: String, file: String) throws -> ImportSpec {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw ExchangeError(file: file, line: e.source.begin.line, "TOML: \(e.description)")
        }
        return try SpecReader(file: file).read(root)
    }
}

/// Turns a TOML table into an `ImportSpec`, naming the key of anything wrong.
struct SpecReader {
    let file: String

    func fail(_ key: String, _ message: String) -> ExchangeError { ExchangeError(file: file, "\(key): \(message)") }

    func string(_ t: TOMLTable, _ k: String, at path: String) throws -> String? {
        guard let v = t[k] else { return nil }
        guard let s = v.string else { throw fail(path + k, "expected a string") }
        return s
    }

    func bool(_ t: TOMLTable, _ k: String, at path: String) throws -> Bool? {
        guard let v = t[k] else { return nil }
        guard let b = v.bool else { throw fail(path + k, "expected true or false") }
        return b
    }

    func column(_ t: TOMLTable, _ k: String, at path: String) throws -> ColumnRef? {
        guard let v = t[k] else { return nil }
        if let s = v.string {
            guard !s.isEmpty else { throw fail(path + k, "empty column name") }
            return .name(s)
        }
        if let i = v.int {
            guard i >= 1 else { throw fail(path + k, "column positions start at 1") }
            return .position(i)
        }
        throw fail(path + k, "expected a column name or a 1-based column number")
    }

    func columnMap(_ t: TOMLTable, _ k: String, at path: String) throws -> [(key: String, column: ColumnRef)] {
        guard let v = t[k] else { return [] }
        guard let table = v.table else { throw fail(path + k, "expected a table of attribute = column") }
        return try table.keys.sorted().map { key in (key, try column(table, key, at: path + k + ".")!) }
    }

    func checkKeys(_ t: TOMLTable, allowed: Set<String>, at path: String) throws {
        for k in t.keys.sorted() where !allowed.contains(k) {
            throw fail(path + k, "unknown key (expected one of: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    func read(_ root: TOMLTable) throws -> ImportSpec {
        var spec = ImportSpec()
        try checkKeys(root, allowed: ["input", "source", "entities", "links", "events"], at: "")
        if let v = root["input"] {
            guard let input = v.table else { throw fail("input", "expected a table") }
            try checkKeys(input, allowed: ["delimiter", "header", "encoding", "default_country"], at: "input.")
            if let d = try string(input, "delimiter", at: "input.") {
                let bytes = Array((d == "\\t" || d.lowercased() == "tab" ? "\t" : d).utf8)
                guard bytes.count == 1, bytes[0] != 34, bytes[0] != 10, bytes[0] != 13 else {
                    throw fail("input.delimiter", "expected one ASCII character such as \",\", \";\" or \"\\t\"")
                }
                spec.delimiter = bytes[0]
            }
            spec.hasHeader = try bool(input, "header", at: "input.")
            if let e = try string(input, "encoding", at: "input.") {
                guard let enc = TextEncoding(rawValue: e.lowercased()) ?? (e.lowercased() == "latin1" || e.lowercased() == "iso-8859-1" ? .latin1 : nil) else {
                    throw fail("input.encoding", "unknown encoding \"\(e)\" (utf-8, utf-16le, utf-16be, latin-1)")
                }
                spec.encoding = enc
            }
            if let c = try string(input, "default_country", at: "input.") {
                guard let country = Country.normalize(c) else { throw fail("input.default_country", "unknown country \"\(c)\"") }
                spec.defaultCountry = country
            }
        }
        if let v = root["source"] {
            guard let s = v.table else { throw fail("source", "expected a table") }
            spec.provenance = try readSource(s)
        }
        if let v = root["entities"] {
            guard let table = v.table else { throw fail("entities", "expected a table of [entities.NAME] tables") }
            for role in table.keys.sorted() {
                guard let e = table[role]?.table else { throw fail("entities.\(role)", "expected a table") }
                spec.entities.append(try readEntity(e, role: role))
            }
        }
        let roles = Set(spec.entities.map(\.role))
        func checkRole(_ r: String, _ key: String) throws {
            guard roles.contains(r) else {
                throw fail(key, "no entity \"\(r)\" (defined: \(roles.sorted().joined(separator: ", ")))")
            }
        }
        for (i, t) in try tables(root, "links").enumerated() {
            let p = "links[\(i)]."
            try checkKeys(t, allowed: ["from", "to", "type", "type_column", "weight", "directed"], at: p)
            guard let from = try string(t, "from", at: p) else { throw fail(p + "from", "missing") }
            guard let to = try string(t, "to", at: p) else { throw fail(p + "to", "missing") }
            try checkRole(from, p + "from")
            try checkRole(to, p + "to")
            spec.links.append(LinkSpec(from: from, to: to, type: LinkType(rawValue: try string(t, "type", at: p) ?? "related"),
                                       typeColumn: try column(t, "type_column", at: p), weight: try column(t, "weight", at: p),
                                       directed: try bool(t, "directed", at: p) ?? false))
        }
        for (i, t) in try tables(root, "events").enumerated() {
            let p = "events[\(i)]."
            try checkKeys(t, allowed: ["kind", "start", "format", "time_zone", "end", "duration", "amount", "currency",
                                       "currency_code", "place", "participants", "summary", "attributes", "link"], at: p)
            guard let start = try column(t, "start", at: p) else { throw fail(p + "start", "missing: the column with the event's time") }
            var e = EventSpec(kind: EventKind(rawValue: try string(t, "kind", at: p) ?? "event"), start: start)
            if let f = try string(t, "format", at: p) {
                guard let tf = TimeFormat(f) else {
                    throw fail(p + "format", "unknown time format \"\(f)\" (iso8601, unix, unix-ms or a pattern like \"%d/%m/%Y %H:%M\")")
                }
                e.format = tf
            }
            if let z = try string(t, "time_zone", at: p) {
                guard let tz = TimeZoneSpec(z) else { throw fail(p + "time_zone", "unknown time zone \"\(z)\"") }
                e.timeZone = tz
            }
            e.end = try column(t, "end", at: p)
            e.duration = try column(t, "duration", at: p)
            e.amount = try column(t, "amount", at: p)
            e.currency = try column(t, "currency", at: p)
            e.currencyCode = try string(t, "currency_code", at: p)?.uppercased()
            if let place = try string(t, "place", at: p) { try checkRole(place, p + "place"); e.place = place }
            if let v = t["participants"] {
                guard let pt = v.table else { throw fail(p + "participants", "expected a table of role = entity") }
                var list: [(ParticipantRole, String)] = []
                for role in pt.keys {
                    guard let ent = pt[role]?.string else { throw fail(p + "participants." + role, "expected an entity name") }
                    try checkRole(ent, p + "participants." + role)
                    list.append((ParticipantRole(rawValue: role), ent))
                }
                // Origins first, then destinations, then the rest: a stable, meaningful order.
                func rank(_ r: ParticipantRole) -> Int { r.isOrigin ? 0 : r.isDestination ? 1 : 2 }
                e.participants = list.sorted { (rank($0.0), $0.0.rawValue) < (rank($1.0), $1.0.rawValue) }.map { (role: $0.0, entity: $0.1) }
            }
            e.summary = try column(t, "summary", at: p)
            e.attributes = try columnMap(t, "attributes", at: p)
            if let l = try string(t, "link", at: p) { e.link = LinkType(rawValue: l) }
            if e.amount != nil && e.currency == nil && e.currencyCode == nil {
                throw fail(p + "currency", "an amount needs a currency column or currency_code")
            }
            spec.events.append(e)
        }
        if spec.entities.isEmpty && spec.events.isEmpty {
            throw fail("entities", "the spec defines no entities and no events")
        }
        return spec
    }

    func tables(_ root: TOMLTable, _ key: String) throws -> [TOMLTable] {
        guard let v = root[key] else { return [] }
        guard let a = v.array else { throw fail(key, "expected an array of tables ([[\(key)]])") }
        return try a.enumerated().map { i, x in
            guard let t = x.table else { throw fail("\(key)[\(i)]", "expected a table") }
            return t
        }
    }

    func readSource(_ s: TOMLTable) throws -> ImportProvenance {
        let p = "source."
        try checkKeys(s, allowed: ["provider", "reference", "received", "grading", "handling", "handling_conditions",
                                   "legal_basis", "purpose", "description"], at: p)
        var out = ImportProvenance()
        out.provider = try string(s, "provider", at: p)
        out.reference = try string(s, "reference", at: p)
        if let r = try string(s, "received", at: p) {
            guard let t = TimePoint.parse(r) else { throw fail(p + "received", "not an ISO 8601 date: \"\(r)\"") }
            out.received = t
        } else if let d = s["received"]?.date {
            out.received = TimePoint.parse(String(format4(d.year)) + "-" + pad2(d.month) + "-" + pad2(d.day))
        }
        if let g = try string(s, "grading", at: p) {
            guard let grade = Grading(g) else { throw fail(p + "grading", "not an Admiralty grade such as \"B2\": \"\(g)\"") }
            out.grading = grade
        }
        if let h = try string(s, "handling", at: p) {
            let conditions = try string(s, "handling_conditions", at: p) ?? ""
            guard let code = HandlingCode(h, conditions: conditions) else {
                throw fail(p + "handling", "not a handling code such as \"H2\", \"TLP:AMBER\" or \"3x5x2:P\": \"\(h)\"")
            }
            out.handling = code
        }
        out.legalBasis = try string(s, "legal_basis", at: p)
        out.purpose = try string(s, "purpose", at: p)
        out.description = try string(s, "description", at: p)
        return out
    }

    func readEntity(_ e: TOMLTable, role: String) throws -> EntitySpec {
        let p = "entities.\(role)."
        try checkKeys(e, allowed: ["kind", "identifier", "scheme", "name", "attributes", "latitude", "longitude", "optional"], at: p)
        guard let kindText = try string(e, "kind", at: p) else { throw fail(p + "kind", "missing (person, phone, bank-account, ...)") }
        let kind = EntityKind(rawValue: kindText)
        var spec = EntitySpec(role: role, kind: kind)
        spec.identifier = try column(e, "identifier", at: p)
        if let s = try string(e, "scheme", at: p) {
            guard let scheme = IdentifierScheme(rawValue: s.lowercased()) else {
                throw fail(p + "scheme", "unknown identifier scheme \"\(s)\" (\(IdentifierScheme.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            spec.scheme = scheme
        }
        if spec.identifier != nil && spec.scheme == nil {
            guard let natural = kind.naturalIdentifier else {
                throw fail(p + "scheme", "missing: kind \(kind.rawValue) has no standard identifier, name one (passport, account, ...)")
            }
            spec.scheme = natural
        }
        spec.name = try column(e, "name", at: p)
        if spec.identifier == nil && spec.name == nil {
            throw fail(p + "identifier", "missing: an entity needs an identifier or a name column")
        }
        spec.attributes = try columnMap(e, "attributes", at: p)
        spec.latitude = try column(e, "latitude", at: p)
        spec.longitude = try column(e, "longitude", at: p)
        if (spec.latitude == nil) != (spec.longitude == nil) {
            throw fail(p + (spec.latitude == nil ? "latitude" : "longitude"), "missing: coordinates need both latitude and longitude")
        }
        spec.optional = try bool(e, "optional", at: p) ?? false
        return spec
    }
}

func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
func format4(_ v: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, 4 - s.count)) + s }
