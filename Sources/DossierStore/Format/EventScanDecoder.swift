import DossierModel

/// Decodes event records for the time-range scan, one thread's share at a time: every field is read into a local
/// and then moved into the `Event`'s slot of the result (no intermediate `Item`, no copies of the large struct). The short strings that repeat from record to record come from a `DecodeCache`, and a record whose
/// case list is the same as the previous record's shares that list's storage instead of allocating its own.
///
/// Produces exactly what `ItemCodec.decode` produces for the same bytes (the codec tests compare the two).
struct EventScanDecoder {
    private var cache = DecodeCache(enabled: true)
    private var lastCases: [ItemID] = []

    /// Decodes the event record `buffer` (type tag, then the event) and initialises `slot` with it. Throws, leaving
    /// `slot` uninitialised, when the record is not a well-formed event.
    mutating func decode(_ buffer: UnsafeRawBufferPointer, into slot: UnsafeMutablePointer<Event>) throws {
        var r = ByteReader(buffer)
        guard try r.u8() == 3 else { throw CodecError("not an event") }
        // Meta, in `ItemCodec.meta` order.
        let id = try r.id()
        let cases = try caseList(&r)
        let source = try ItemCodec.optionalID(&r)
        let createdBy = cache.strings.value(try r.stringBytes(), true) { $0 }
        let createdAt = try ItemCodec.time(&r)
        let modifiedBy = cache.strings.value(try r.stringBytes(), true) { $0 }
        let modifiedAt = try ItemCodec.time(&r)
        let tags = try ItemCodec.strings(&r)
        let grading = try ItemCodec.grading(&r)
        let handling = try ItemCodec.handling(&r)
        let flags = try r.u8()
        guard flags < 4 else { throw CodecError("bad item flags \(flags)") }
        // The event's own fields, in `ItemCodec.encode` order.
        let kind = cache.kinds.value(try r.stringBytes(), true) { EventKind(rawValue: $0) }
        let start = try ItemCodec.time(&r)
        let end = try ItemCodec.optionalTime(&r)
        let participants = try participantList(&r)
        let place = try ItemCodec.optionalID(&r)
        var amount: Money?
        if try r.bool() {
            let v = try r.signed()
            amount = Money(tenThousandths: v, currency: cache.strings.value(try r.stringBytes(), true) { $0 })
        }
        let summary = try r.string()
        let attributes = try ItemCodec.attributes(&r)
        guard r.atEnd else { throw CodecError("\(r.remaining) unexpected bytes after the item") }

        // The slot starts as a copy of the prototype (cheap: its strings are small and its arrays empty), then each
        // decoded field is moved into place; fields left at their empty value are not touched. Building the event
        // with its initialisers instead copies and destroys the whole struct twice over (~300 bytes, a dozen
        // reference counts), which costs more than decoding the record.
        slot.initialize(to: prototype)
        slot.pointee.meta.id = id
        if !cases.isEmpty { slot.pointee.meta.cases = cases }
        if let source { slot.pointee.meta.source = source }
        slot.pointee.meta.createdBy = createdBy
        slot.pointee.meta.createdAt = createdAt
        slot.pointee.meta.modifiedBy = modifiedBy
        slot.pointee.meta.modifiedAt = modifiedAt
        if !tags.isEmpty { slot.pointee.meta.tags = tags }
        if let grading { slot.pointee.meta.grading = grading }
        if let handling { slot.pointee.meta.handling = handling }
        if flags & 1 != 0 { slot.pointee.meta.reviewed = true }
        if flags & 2 != 0 { slot.pointee.meta.flagged = true }
        slot.pointee.kind = kind
        slot.pointee.start = start
        if let end { slot.pointee.end = end }
        if !participants.isEmpty { slot.pointee.participants = participants }
        if let place { slot.pointee.place = place }
        if let amount { slot.pointee.amount = amount }
        if !summary.isEmpty { slot.pointee.summary = summary }
        if !attributes.isEmpty { slot.pointee.attributes = attributes }
    }

    /// What every decoded event starts from: the values a record's absent or empty fields decode to.
    private let prototype = Event(meta: ItemMeta(id: ItemID(high: 0, low: 0), analyst: "", at: TimePoint(utcMicros: 0)),
                                  kind: EventKind(rawValue: ""), start: TimePoint(utcMicros: 0))

    /// The record's case ids; the previous record's array (shared, not copied) when they are the same ids.
    private mutating func caseList(_ r: inout ByteReader) throws -> [ItemID] {
        let n = try r.count(max: r.remaining / 16)
        if n == 0 { return [] }
        if n == lastCases.count {
            var probe = r
            var same = true
            for i in 0..<n where try probe.id() != lastCases[i] {
                same = false
                break
            }
            if same {
                r = probe
                return lastCases
            }
        }
        var ids: [ItemID] = []
        ids.reserveCapacity(n)
        for _ in 0..<n { ids.append(try r.id()) }
        lastCases = ids
        return ids
    }

    /// The participants, in one allocation.
    private mutating func participantList(_ r: inout ByteReader) throws -> [Participant] {
        let n = try r.count(max: r.remaining / 17)
        if n == 0 { return [] }
        var out: [Participant] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            let entity = try r.id()
            out.append(Participant(entity, role: cache.roles.value(try r.stringBytes(), true) { ParticipantRole(rawValue: $0) }))
        }
        return out
    }
}
