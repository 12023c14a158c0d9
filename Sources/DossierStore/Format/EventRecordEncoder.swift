import DossierModel

/// Writes the records of `EventRows` straight from their rows, without building an `Event`: byte for byte what
/// `ItemCodec.encode(.event(rows.event(at: i)))` writes (tests hold the two to that). It goes through the same
/// `ItemCodec` pieces; what every row of a batch shares (the meta after the id, each kind's and role's string, the
/// empty amount-summary-attributes tail) is encoded once, by `ItemCodec` itself, and copied in.
struct EventRecordEncoder {
    /// `ItemCodec.meta` of the rows' meta, after the id it starts with.
    private let metaTail: [UInt8]
    /// Each kind and role as `ItemCodec` writes the string.
    private let kinds: [[UInt8]]
    private let roles: [[UInt8]]
    /// `ItemCodec.eventExtras` of no amount, no summary and no attributes.
    private let emptyExtras: [UInt8]

    init(_ rows: EventRows) {
        var w = ByteWriter(capacity: 128)
        ItemCodec.meta(rows.meta, &w)
        metaTail = Array(w.bytes[ItemCodec.idSize...])
        func string(_ s: String) -> [UInt8] {
            var w = ByteWriter(capacity: s.utf8.count + 2)
            w.string(s)
            return w.bytes
        }
        kinds = rows.kinds.map { string($0.rawValue) }
        roles = rows.roles.map { string($0.rawValue) }
        var e = ByteWriter(capacity: 8)
        ItemCodec.eventExtras(amount: nil, summary: "", attributes: [], &e)
        emptyExtras = e.bytes
    }

    /// Appends row `i`'s record (the item, without a frame).
    func encode(_ rows: EventRows, _ i: Int, into w: inout ByteWriter) {
        let r = rows.rows[i]
        w.u8(ItemCodec.eventTag)
        w.id(r.id)
        w.bytes.append(contentsOf: metaTail)
        w.bytes.append(contentsOf: kinds[Int(r.kind)])
        ItemCodec.time(r.start, &w)
        ItemCodec.optionalTime(r.end, &w)
        w.varint(Int(r.participantCount))
        for p in rows.participants(of: i) {
            w.id(p.entity)
            w.bytes.append(contentsOf: roles[Int(p.role)])
        }
        ItemCodec.optionalID(r.place, &w)
        if r.extra >= 0 {
            let x = rows.extras[Int(r.extra)]
            ItemCodec.eventExtras(amount: x.amount, summary: x.summary, attributes: x.attributes, &w)
        } else {
            w.bytes.append(contentsOf: emptyExtras)
        }
    }
}
