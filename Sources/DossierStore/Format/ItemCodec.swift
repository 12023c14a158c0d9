import DossierModel

/// The binary record format of every item type: varints, fixed 16-byte ids, length-prefixed UTF-8.
///
/// The layout is versioned by the segment header's format version; fields are written in declaration
/// order so a later version can append fields at the end of each item.
public enum ItemCodec {
    static let tags: [ItemKind] = [.case, .entity, .link, .event, .source, .note, .judgement, .analyst]

    public static func encode(_ item: Item) -> [UInt8] {
        var w = ByteWriter(capacity: 192)
        encode(item, into: &w)
        return w.bytes
    }

    public static func decode(_ bytes: [UInt8]) throws -> Item {
        try bytes.withUnsafeBytes { try decode($0) }
    }

    static func decode(_ buffer: UnsafeRawBufferPointer) throws -> Item {
        var r = ByteReader(buffer)
        let item = try decode(from: &r)
        guard r.atEnd else { throw CodecError("\(r.remaining) unexpected bytes after the item") }
        return item
    }

    static func encode(_ item: Item, into w: inout ByteWriter) {
        switch item {
        case .case(let c):
            w.u8(0); meta(c.meta, &w)
            w.string(c.name); w.string(c.title); w.string(c.summary); w.string(c.status); strings(c.restrictedTo, &w)
        case .entity(let e):
            w.u8(1); meta(e.meta, &w)
            w.string(e.kind.rawValue); w.string(e.name); strings(e.aliases, &w)
            w.varint(e.identifiers.count)
            for i in e.identifiers { w.string(i.scheme.rawValue); w.string(i.value) }
            attributes(e.attributes, &w)
            if let g = e.coordinates { w.u8(1); w.double(g.latitude); w.double(g.longitude) } else { w.u8(0) }
        case .link(let l):
            w.u8(2); meta(l.meta, &w)
            w.string(l.type.rawValue); w.id(l.from); w.id(l.to); w.bool(l.directed)
            optionalTime(l.start, &w); optionalTime(l.end, &w)
            w.double(l.weight); w.string(l.label); attributes(l.attributes, &w)
        case .event(let e):
            // `EventRecordEncoder` writes the same layout from `EventRows`: a change here is a change there.
            w.u8(eventTag); meta(e.meta, &w)
            w.string(e.kind.rawValue); time(e.start, &w); optionalTime(e.end, &w)
            w.varint(e.participants.count)
            for p in e.participants { w.id(p.entity); w.string(p.role.rawValue) }
            optionalID(e.place, &w)
            eventExtras(amount: e.amount, summary: e.summary, attributes: e.attributes, &w)
        case .source(let s):
            w.u8(4); meta(s.meta, &w)
            w.string(s.provider); w.string(s.reference); optionalTime(s.received, &w)
            grading(s.grading, &w); handling(s.handling, &w)
            w.string(s.legalBasis); w.string(s.purpose); w.string(s.fileName); w.string(s.sha256); w.string(s.description)
        case .note(let n):
            w.u8(5); meta(n.meta, &w)
            ids(n.about, &w); w.string(n.text)
        case .judgement(let j):
            w.u8(6); meta(j.meta, &w)
            w.id(j.a); w.id(j.b); w.string(j.verdict.rawValue); w.string(j.reason)
            w.string(j.fingerprintA); w.string(j.fingerprintB); w.bool(j.withdrawn)
        case .analyst(let a):
            w.u8(7); meta(a.meta, &w)
            w.string(a.name); w.string(a.role.rawValue); w.bool(a.active)
        }
    }

    static func decode(from r: inout ByteReader) throws -> Item {
        let tag = try r.u8()
        switch tag {
        case 0:
            let m = try meta(&r)
            return .case(Case(meta: m, name: try r.string(), title: try r.string(), summary: try r.string(),
                              status: try r.string(), restrictedTo: try strings(&r)))
        case 1:
            let m = try meta(&r)
            let kind = EntityKind(rawValue: try r.string())
            let name = try r.string()
            let aliases = try strings(&r)
            let n = try r.count()
            var identifiers: [Identifier] = []
            identifiers.reserveCapacity(n)
            for _ in 0..<n {
                let schemeText = try r.string()
                guard let scheme = IdentifierScheme(rawValue: schemeText) else { throw CodecError("unknown identifier scheme \(schemeText)") }
                identifiers.append(Identifier(scheme: scheme, normalized: try r.string()))
            }
            let attrs = try attributes(&r)
            var coordinates: GeoPoint?
            if try r.bool() { coordinates = GeoPoint(latitude: try r.double(), longitude: try r.double()) }
            return .entity(Entity(meta: m, kind: kind, name: name, aliases: aliases, identifiers: identifiers,
                                  attributes: attrs, coordinates: coordinates))
        case 2:
            let m = try meta(&r)
            let type = LinkType(rawValue: try r.string())
            let from = try r.id(), to = try r.id()
            let directed = try r.bool()
            let start = try optionalTime(&r), end = try optionalTime(&r)
            return .link(Link(meta: m, type: type, from: from, to: to, directed: directed, start: start, end: end,
                              weight: try r.double(), label: try r.string(), attributes: try attributes(&r)))
        case 3:
            return .event(try eventBody(&r))
        case 4:
            let m = try meta(&r)
            let provider = try r.string(), reference = try r.string()
            let received = try optionalTime(&r)
            let g = try grading(&r) ?? .unknown
            let h = try handling(&r)
            return .source(Source(meta: m, provider: provider, reference: reference, received: received, grading: g,
                                  handling: h, legalBasis: try r.string(), purpose: try r.string(),
                                  fileName: try r.string(), sha256: try r.string(), description: try r.string()))
        case 5:
            let m = try meta(&r)
            return .note(Note(meta: m, about: try ids(&r), text: try r.string()))
        case 6:
            let m = try meta(&r)
            let a = try r.id(), b = try r.id()
            let verdictText = try r.string()
            guard let verdict = Judgement.Verdict(rawValue: verdictText) else { throw CodecError("unknown verdict \(verdictText)") }
            return .judgement(Judgement(meta: m, a: a, b: b, verdict: verdict, reason: try r.string(),
                                        fingerprintA: try r.string(), fingerprintB: try r.string(), withdrawn: try r.bool()))
        case 7:
            let m = try meta(&r)
            let name = try r.string()
            let roleText = try r.string()
            guard let role = Analyst.Role(rawValue: roleText) else { throw CodecError("unknown role \(roleText)") }
            return .analyst(Analyst(meta: m, name: name, role: role, active: try r.bool()))
        default:
            throw CodecError("unknown item type \(tag)")
        }
    }

    /// An event's fields after its type tag.
    static func eventBody(_ r: inout ByteReader) throws -> Event {
        var cache = DecodeCache(enabled: false)
        return try eventBody(&r, &cache)
    }

    /// An event's fields, taking repeated short strings (kind, roles, analysts) from `cache`.
    static func eventBody(_ r: inout ByteReader, _ cache: inout DecodeCache) throws -> Event {
        let m = try meta(&r, &cache)
        let kind = cache.kinds.value(try r.stringBytes(), cache.enabled) { EventKind(rawValue: $0) }
        let start = try time(&r)
        let end = try optionalTime(&r)
        let n = try r.count()
        var participants: [Participant] = []
        participants.reserveCapacity(n)
        for _ in 0..<n {
            let id = try r.id()
            participants.append(Participant(id, role: cache.roles.value(try r.stringBytes(), cache.enabled) { ParticipantRole(rawValue: $0) }))
        }
        let place = try optionalID(&r)
        var amount: Money?
        if try r.bool() {
            let v = try r.signed()
            amount = Money(tenThousandths: v, currency: cache.strings.value(try r.stringBytes(), cache.enabled) { $0 })
        }
        return Event(meta: m, kind: kind, start: start, end: end, participants: participants, place: place,
                     amount: amount, summary: try r.string(), attributes: try attributes(&r))
    }

    /// Decodes a record that must hold an event (throws when it holds another item type), without going through
    /// `Item`: the time-range scan's hot path.
    static func decodeEventRecord(_ buffer: UnsafeRawBufferPointer, _ cache: inout DecodeCache) throws -> Event {
        var r = ByteReader(buffer)
        guard try r.u8() == 3 else { throw CodecError("not an event") }
        let e = try eventBody(&r, &cache)
        guard r.atEnd else { throw CodecError("\(r.remaining) unexpected bytes after the item") }
        return e
    }

    // MARK: - Shared parts

    /// The type tag of an event record.
    static let eventTag: UInt8 = 3
    /// Bytes of an id as `ByteWriter.id` writes it (the first field of every meta).
    static let idSize = 16

    /// An event's last fields: amount, summary, attributes.
    static func eventExtras(amount: Money?, summary: String, attributes a: [Attribute], _ w: inout ByteWriter) {
        if let m = amount { w.u8(1); w.signed(m.tenThousandths); w.string(m.currency) } else { w.u8(0) }
        w.string(summary); attributes(a, &w)
    }

    static func meta(_ m: ItemMeta, _ w: inout ByteWriter) {
        w.id(m.id)
        ids(m.cases, &w)
        optionalID(m.source, &w)
        w.string(m.createdBy); time(m.createdAt, &w)
        w.string(m.modifiedBy); time(m.modifiedAt, &w)
        strings(m.tags, &w)
        grading(m.grading, &w)
        handling(m.handling, &w)
        w.u8((m.reviewed ? 1 : 0) | (m.flagged ? 2 : 0))
    }

    static func meta(_ r: inout ByteReader) throws -> ItemMeta {
        var cache = DecodeCache(enabled: false)
        return try meta(&r, &cache)
    }

    static func meta(_ r: inout ByteReader, _ cache: inout DecodeCache) throws -> ItemMeta {
        let id = try r.id()
        let cases = try ids(&r)
        let source = try optionalID(&r)
        let createdBy = cache.strings.value(try r.stringBytes(), cache.enabled) { $0 }, createdAt = try time(&r)
        let modifiedBy = cache.strings.value(try r.stringBytes(), cache.enabled) { $0 }, modifiedAt = try time(&r)
        let tags = try strings(&r)
        let g = try grading(&r)
        let h = try handling(&r)
        let flags = try r.u8()
        guard flags < 4 else { throw CodecError("bad item flags \(flags)") }
        var m = ItemMeta(id: id, cases: cases, source: source, analyst: createdBy, at: createdAt, tags: tags,
                         grading: g, handling: h, reviewed: flags & 1 != 0, flagged: flags & 2 != 0)
        m.modifiedBy = modifiedBy
        m.modifiedAt = modifiedAt
        return m
    }

    static func time(_ t: TimePoint, _ w: inout ByteWriter) {
        w.signed(t.utcMicros)
        w.signed(Int64(t.offsetMinutes))
        w.u8(t.precision.rawValue)
    }

    @inline(__always) static func time(_ r: inout ByteReader) throws -> TimePoint {
        let micros = try r.signed()
        let offset = try r.signed()
        guard let o = Int16(exactly: offset) else { throw CodecError("time offset \(offset) out of range") }
        let p = try r.u8()
        guard let precision = TimePrecision(rawValue: p) else { throw CodecError("unknown time precision \(p)") }
        return TimePoint(utcMicros: micros, offsetMinutes: o, precision: precision)
    }

    static func optionalTime(_ t: TimePoint?, _ w: inout ByteWriter) {
        if let t { w.u8(1); time(t, &w) } else { w.u8(0) }
    }

    @inline(__always) static func optionalTime(_ r: inout ByteReader) throws -> TimePoint? {
        try r.bool() ? try time(&r) : nil
    }

    static func optionalID(_ id: ItemID?, _ w: inout ByteWriter) {
        if let id { w.u8(1); w.id(id) } else { w.u8(0) }
    }

    @inline(__always) static func optionalID(_ r: inout ByteReader) throws -> ItemID? {
        try r.bool() ? try r.id() : nil
    }

    static func ids(_ ids: [ItemID], _ w: inout ByteWriter) {
        w.varint(ids.count)
        for id in ids { w.id(id) }
    }

    static func ids(_ r: inout ByteReader) throws -> [ItemID] {
        let n = try r.count(max: r.remaining / 16)
        if n == 0 { return [] }
        var out: [ItemID] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try r.id()) }
        return out
    }

    static func strings(_ s: [String], _ w: inout ByteWriter) {
        w.varint(s.count)
        for x in s { w.string(x) }
    }

    static func strings(_ r: inout ByteReader) throws -> [String] {
        let n = try r.count()
        if n == 0 { return [] }
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try r.string()) }
        return out
    }

    static func attributes(_ a: [Attribute], _ w: inout ByteWriter) {
        w.varint(a.count)
        for x in a { w.string(x.key); w.string(x.value) }
    }

    static func attributes(_ r: inout ByteReader) throws -> [Attribute] {
        let n = try r.count()
        if n == 0 { return [] }
        var out: [Attribute] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(Attribute(try r.string(), try r.string())) }
        return out
    }

    static func grading(_ g: Grading?, _ w: inout ByteWriter) {
        guard let g else { w.u8(0); return }
        let r = SourceReliability.allCases.firstIndex(of: g.reliability) ?? 5
        w.u8(UInt8(1 + r * 6 + (g.credibility.rawValue - 1)))
    }

    static func grading(_ r: inout ByteReader) throws -> Grading? {
        let b = Int(try r.u8())
        if b == 0 { return nil }
        guard b <= 36 else { throw CodecError("bad grading byte \(b)") }
        let rel = SourceReliability.allCases[(b - 1) / 6]
        guard let cred = InformationCredibility(rawValue: (b - 1) % 6 + 1) else { throw CodecError("bad grading byte \(b)") }
        return Grading(rel, cred)
    }

    static func handling(_ h: HandlingCode?, _ w: inout ByteWriter) {
        guard let h else { w.u8(0); return }
        w.u8(UInt8(1 + (HandlingScheme.allCases.firstIndex(of: h.scheme) ?? 0)))
        w.string(h.code)
        w.string(h.conditions)
    }

    static func handling(_ r: inout ByteReader) throws -> HandlingCode? {
        let b = Int(try r.u8())
        if b == 0 { return nil }
        guard b <= HandlingScheme.allCases.count else { throw CodecError("bad handling scheme \(b)") }
        let scheme = HandlingScheme.allCases[b - 1]
        let code = try r.string(), conditions = try r.string()
        guard let h = HandlingCode(scheme: scheme, code: code, conditions: conditions) else {
            throw CodecError("\(code) is not a \(scheme.rawValue) handling code")
        }
        return h
    }
}

/// Values of short strings seen before in one scan (event kinds, roles, analyst names, currencies), so that a scan
/// of many records neither rebuilds nor re-normalises the same few strings for every record.
struct DecodeCache {
    /// Off for single-record decoding: nothing is remembered.
    var enabled: Bool
    var kinds = SmallStringTable<EventKind>()
    var roles = SmallStringTable<ParticipantRole>()
    var strings = SmallStringTable<String>()
}

/// Up to 16 strings of at most 16 bytes, found by their bytes, with the value made from each.
struct SmallStringTable<Value> {
    private var keys: [SmallStringKey] = []
    private var values: [Value] = []
    /// `keys.count`, kept beside it: the lookups below check it on every record.
    private var known = 0
    /// Where the last two strings were found: runs of records repeat the same one or alternate between two
    /// (a call's caller and receiver), and these are checked inline before the others.
    private var last = 0, previous = 0

    @inline(__always)
    mutating func value(_ bytes: UnsafeRawBufferPointer, _ remember: Bool, _ make: (String) -> Value) -> Value {
        guard remember, bytes.count <= 16 else { return make(String(decoding: bytes, as: UTF8.self)) }
        let key = SmallStringKey(bytes)
        if last < known && keys[last] == key { return values[last] }
        if previous < known && keys[previous] == key {
            swap(&last, &previous)
            return values[last]
        }
        return lookUp(key, bytes, make)
    }

    private mutating func lookUp(_ key: SmallStringKey, _ bytes: UnsafeRawBufferPointer, _ make: (String) -> Value) -> Value {
        for i in keys.indices where keys[i] == key {
            previous = last
            last = i
            return values[i]
        }
        let v = make(String(decoding: bytes, as: UTF8.self))
        if keys.count < 16 {
            keys.append(key)
            values.append(v)
            known = keys.count
            previous = last
            last = keys.count - 1
        }
        return v
    }
}

/// The bytes of a string of at most 16 bytes, packed so that equal keys mean equal strings: every byte is in
/// `a` or `b` (two overlapping loads cover them), and the length tells how they overlap. Reads no byte outside.
struct SmallStringKey: Equatable {
    var a: UInt64 = 0
    var b: UInt64 = 0
    var count: Int

    @inline(__always) init(_ bytes: UnsafeRawBufferPointer) {
        count = bytes.count
        guard let p = bytes.baseAddress else { return }
        switch count {
        case 8...:
            a = p.loadUnaligned(as: UInt64.self)
            b = p.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        case 4..<8:
            a = UInt64(p.loadUnaligned(as: UInt32.self))
            b = UInt64(p.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
        case 1..<4:
            a = UInt64(p.load(as: UInt8.self)) | UInt64(p.load(fromByteOffset: count / 2, as: UInt8.self)) << 8
                | UInt64(p.load(fromByteOffset: count - 1, as: UInt8.self)) << 16
        default:
            break
        }
    }
}
