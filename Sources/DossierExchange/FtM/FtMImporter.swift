import DossierModel
import Foundation

/// Imports FollowTheMoney JSON lines. Two streaming passes: parties and things first (so references resolve in any
/// order), then relationships (as links), calls, payments with a date and events (as events). Phone and e-mail
/// properties become phone and e-mail entities linked to their owner. Unknown schemata and broken lines are rejects
/// with their line numbers.
public enum FtMImporter {
    /// Lines of the second pass between hand-overs of what they made to a stream.
    public static let streamEvery = 16_384

    struct Line {
        var id: String
        var schema: String
        var properties: [String: [String]]
    }

    static func parse(_ bytes: [UInt8]) -> Result<Line, RejectReason> {
        guard let json = try? JSONSerialization.jsonObject(with: Data(bytes)), let obj = json as? [String: Any] else {
            return .failure(RejectReason("not valid JSON"))
        }
        guard let id = obj["id"] as? String, !id.isEmpty else { return .failure(RejectReason("missing \"id\"")) }
        guard let schema = obj["schema"] as? String else { return .failure(RejectReason("missing \"schema\"")) }
        var props: [String: [String]] = [:]
        if let p = obj["properties"] {
            guard let dict = p as? [String: Any] else { return .failure(RejectReason("\"properties\" is not an object")) }
            for (k, v) in dict {
                if let list = v as? [Any] {
                    props[k] = list.compactMap { ($0 as? String) ?? ($0 as? NSNumber).map { "\($0)" } }
                } else if let s = v as? String {
                    props[k] = [s]
                } else {
                    return .failure(RejectReason("property \"\(k)\" is not a list of strings"))
                }
            }
        }
        return .success(Line(id: id, schema: schema, properties: props))
    }

    static func isInterval(_ l: Line) -> Bool {
        FtMSchemaTable.edges[l.schema] != nil || l.schema == "Call" || l.schema == "Event"
    }

    /// Reads the file into items. Without `stream` every item ends up in the result's batch. With `stream`, what the
    /// second pass makes (relationships as links, calls, payments and events) is handed to it every `handOverEvery`
    /// lines as it is made; the entities and the links that repeated lines may add weight to follow at the end, in
    /// chunks, and the batch holds the rest (case, source, existing entities it touched), to be added after them:
    /// memory grows with the file's parties and things, not with its interval lines. With `streamEvents` too the
    /// events go to it as `EventRows` (no `Event` is built) and the links to `stream`; a store then gets the links out
    /// of id order with the events and holds an index op for each until the commit, so `dossier import` passes
    /// `stream` alone (the events and links then come in the order their ids were made). A throw from either ends the
    /// import.
    public static func run(path: String, reader: any ItemReader, context: ImportContext, rejects: RejectWriter? = nil,
                           progress: ((ImportProgress) -> Void)? = nil,
                           stream: (([Change]) throws -> Void)? = nil,
                           streamEvents: ((EventRows) throws -> Void)? = nil,
                           handOverEvery: Int = FtMImporter.streamEvery) throws -> ImportResult {
        let name = baseName(path)
        var seed: UInt64 = 0xF7F7
        for b in name.utf8 { seed = (seed ^ UInt64(b)) &* 0x100_0000_01B3 }
        let builder = ImportBuilder(reader: reader, context: context, fileName: name, seed: seed,
                                    rejectSink: rejects.map { r in { r.write($0, fields: $1) } })
        if stream != nil { builder.streamsSingleLinks() }
        var ids: [String: ItemID] = [:]
        // Pass 1: parties and things.
        let first = try LineReader(path: path)
        var lineNo = 0
        while let bytes = try first.next() {
            lineNo = first.line
            if bytes.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
            switch parse(bytes) {
            case .failure(let reason):
                builder.reject(line: lineNo, reason: reason.text, fields: [String(decoding: bytes, as: UTF8.self)])
            case .success(let l):
                if isInterval(l) { continue }
                guard FtMMapping.entitySchemata[l.schema] != nil else {
                    builder.reject(line: lineNo, reason: "unknown schema \"\(l.schema)\"", fields: [String(decoding: bytes, as: UTF8.self)])
                    continue
                }
                if let reason = importEntity(l, builder: builder, ids: &ids) {
                    builder.reject(line: lineNo, reason: reason, fields: [String(decoding: bytes, as: UTF8.self)])
                }
            }
            if lineNo & 0xFFF == 0 { progress?(ImportProgress(rows: lineNo, bytesRead: first.file.totalBytes / 2, totalBytes: first.file.fileSize)) }
        }
        // Entity-valued properties of things (a passport's holder, a vehicle's owner) become links.
        let second = try LineReader(path: path)
        while let bytes = try second.next() {
            guard case .success(let l) = parse(bytes) else { continue }
            if isInterval(l) {
                if let reason = importInterval(l, builder: builder, ids: ids) {
                    builder.reject(line: second.line, reason: reason, fields: [String(decoding: bytes, as: UTF8.self)])
                }
            } else if FtMMapping.entitySchemata[l.schema] != nil, let from = ids[l.id] {
                let types = FtMSchemaTable.properties[l.schema] ?? [:]
                for (prop, values) in l.properties.sorted(by: { $0.key < $1.key }) where types[prop] == "entity" {
                    for v in values { if let to = ids[v] { builder.link(type: LinkType(rawValue: prop), from: from, to: to, directed: true) } }
                }
            }
            if second.line & 0xFFF == 0 {
                progress?(ImportProgress(rows: second.line, bytesRead: (first.file.totalBytes + second.file.totalBytes) / 2,
                                         totalBytes: first.file.fileSize))
            }
            if second.line % max(1, handOverEvery) == 0 { try builder.handOver(stream: stream, streamEvents: streamEvents) }
        }
        try builder.handOver(stream: stream, streamEvents: streamEvents)
        if let stream {
            // No line is left to enrich the entities or add to a link's weight: they go too, rather than being copied
            // into the batch while the builder still holds them.
            ids = [:]
            try builder.handOverKept(to: stream, chunk: min(handOverEvery, CSVImporter.streamableChangesEvery))
        }
        return builder.finish(sha256: first.file.sha256Hex, format: "ftm")
    }

    static func time(_ s: String?) -> TimePoint? { s.flatMap { TimePoint.parse($0) } }

    /// Adds one party or thing; nil on success, else the reason to reject the line.
    static func importEntity(_ l: Line, builder: ImportBuilder, ids: inout [String: ItemID]) -> String? {
        let kind = FtMMapping.entitySchemata[l.schema]!
        let types = FtMSchemaTable.properties[l.schema] ?? [:]
        var identifiers: [Identifier] = []
        var used: Set<String> = ["name", "alias", "phone", "email", "latitude", "longitude", "notes"]
        for (prop, scheme) in FtMMapping.identifierProperties[l.schema] ?? [] {
            used.insert(prop)
            for v in l.properties[prop] ?? [] {
                do { identifiers.append(try Identifier(scheme: scheme, raw: v, defaultCountry: builder.context.defaultCountry)) } catch let e as NormalizationError {
                    return "bad \(scheme.rawValue) in property \"\(prop)\": \"\(v)\": \(e.reason)"
                } catch { return "bad value in property \"\(prop)\"" }
            }
        }
        var phones: [Identifier] = [], emails: [Identifier] = []
        for v in l.properties["phone"] ?? [] {
            do { phones.append(try Identifier(scheme: .phone, raw: v, defaultCountry: builder.context.defaultCountry)) } catch let e as NormalizationError {
                return "bad phone in property \"phone\": \"\(v)\": \(e.reason)"
            } catch { return "bad phone" }
        }
        for v in l.properties["email"] ?? [] {
            do { emails.append(try Identifier(scheme: .email, raw: v)) } catch let e as NormalizationError {
                return "bad email in property \"email\": \"\(v)\": \(e.reason)"
            } catch { return "bad e-mail" }
        }
        var coordinates: GeoPoint?
        if let la = l.properties["latitude"]?.first, let lo = l.properties["longitude"]?.first {
            guard let lat = Double(la), let lon = Double(lo), abs(lat) <= 90, abs(lon) <= 180 else {
                return "bad coordinates \"\(la)\", \"\(lo)\""
            }
            coordinates = GeoPoint(latitude: lat, longitude: lon)
        }
        let names = (l.properties["name"] ?? []) + (l.properties["full"] ?? [])
        let name = names.first ?? identifiers.first?.value ?? l.id
        var aliases = Array(names.dropFirst()) + (l.properties["alias"] ?? [])
        aliases.removeAll { $0 == name }
        var attributes: [Attribute] = []
        for (prop, values) in l.properties.sorted(by: { $0.key < $1.key }) where !used.contains(prop) && types[prop] != "entity" {
            if types[prop] == nil { return "unknown property \"\(prop)\" for schema \(l.schema)" }
            if prop == "full" && names.first == values.first { continue }
            for v in values { attributes.append(Attribute(prop, v)) }
        }
        for note in l.properties["notes"] ?? [] {
            if note.hasPrefix("dossier:identifier="), let colon = note.dropFirst(19).firstIndex(of: ":"),
               let scheme = IdentifierScheme(rawValue: String(note[note.index(note.startIndex, offsetBy: 19)..<colon])) {
                identifiers.append(Identifier(scheme: scheme, normalized: String(note[note.index(after: colon)...])))
            } else if note.hasPrefix("dossier:"), let eq = note.firstIndex(of: "=") {
                attributes.append(Attribute(String(note[note.index(note.startIndex, offsetBy: 8)..<eq]), String(note[note.index(after: eq)...])))
            } else {
                attributes.append(Attribute("notes", note))
            }
        }
        builder.beginRow()
        let id = builder.add(entity: Entity(meta: builder.meta(), kind: kind, name: name, aliases: aliases,
                                            identifiers: identifiers, attributes: attributes, coordinates: coordinates))
        ids[l.id] = id
        for p in phones {
            let phone = builder.entity(kind: .phone, identifier: p)
            builder.link(type: .uses, from: id, to: phone, directed: true)
        }
        for e in emails {
            let mail = builder.entity(kind: .email, identifier: e)
            builder.link(type: .uses, from: id, to: mail, directed: true)
        }
        builder.endRow()
        return nil
    }

    static func importInterval(_ l: Line, builder: ImportBuilder, ids: [String: ItemID]) -> String? {
        let types = FtMSchemaTable.properties[l.schema] ?? [:]
        for prop in l.properties.keys.sorted() where types[prop] == nil {
            return "unknown property \"\(prop)\" for schema \(l.schema)"
        }
        func ref(_ prop: String) -> Result<[ItemID], RejectReason> {
            var out: [ItemID] = []
            for v in l.properties[prop] ?? [] {
                guard let id = ids[v] else { return .failure(RejectReason("unknown entity \"\(v)\" in property \"\(prop)\"")) }
                out.append(id)
            }
            return .success(out)
        }
        func dateProp(_ p: String) -> Result<TimePoint?, RejectReason> {
            guard let v = l.properties[p]?.first else { return .success(nil) }
            guard let t = TimePoint.parse(v) else { return .failure(RejectReason("bad date in property \"\(p)\": \"\(v)\"")) }
            return .success(t)
        }
        var start: TimePoint?, end: TimePoint?, date: TimePoint?
        switch (dateProp("startDate"), dateProp("endDate"), dateProp("date")) {
        case (.success(let s), .success(let e), .success(let d)): (start, end, date) = (s, e, d)
        case (.failure(let r), _, _), (_, .failure(let r), _), (_, _, .failure(let r)): return r.text
        }
        var attributes: [Attribute] = []
        var weight = 1.0
        var summary = l.properties["summary"]?.first ?? ""
        for d in l.properties["description"] ?? [] {
            if d.hasPrefix("dossier:weight="), let w = Double(d.dropFirst(15)) { weight = w } else { attributes.append(Attribute("description", d)) }
        }
        let skip: Set<String> = ["startDate", "endDate", "date", "summary", "description"]

        if l.schema == "Call" || l.schema == "Event" || (l.schema == "Payment" && date != nil) {
            var participants: [Participant] = []
            var place: ItemID?
            var amount: Money?
            var kind: EventKind
            var handled: Set<String> = skip
            switch l.schema {
            case "Call":
                kind = .call
                handled.formUnion(["callerNumber", "receiverNumber", "caller", "receiver", "duration"])
                for (prop, role) in [("callerNumber", ParticipantRole.caller), ("receiverNumber", .receiver)] {
                    for v in l.properties[prop] ?? [] {
                        do {
                            let p = try Identifier(scheme: .phone, raw: v, defaultCountry: builder.context.defaultCountry)
                            participants.append(Participant(builder.entity(kind: .phone, identifier: p), role: role))
                        } catch let e as NormalizationError { return "bad phone in property \"\(prop)\": \"\(v)\": \(e.reason)" } catch { return "bad phone" }
                    }
                }
                for (prop, role) in [("caller", ParticipantRole.caller), ("receiver", .receiver)] {
                    switch ref(prop) {
                    case .success(let list): participants += list.map { Participant($0, role: role) }
                    case .failure(let r): return r.text
                    }
                }
                if end == nil, let d = l.properties["duration"]?.first, let secs = Double(d), let s = start ?? date {
                    end = TimePoint(utcMicros: s.utcMicros + Int64(secs * 1_000_000), offsetMinutes: s.offsetMinutes, precision: s.precision)
                }
            case "Payment":
                kind = .transaction
                handled.formUnion(["payer", "beneficiary", "payerAccount", "beneficiaryAccount", "amount", "currency"])
                for (prop, role) in [("payerAccount", ParticipantRole.payer), ("payer", .payer), ("beneficiaryAccount", .payee), ("beneficiary", .payee)] {
                    switch ref(prop) {
                    case .success(let list): participants += list.map { Participant($0, role: role) }
                    case .failure(let r): return r.text
                    }
                }
                if let a = l.properties["amount"]?.first {
                    guard let m = Money(a, currency: l.properties["currency"]?.first ?? "XXX") else { return "bad amount \"\(a)\"" }
                    amount = m
                }
            default:
                let n = l.properties["name"]?.first ?? ""
                kind = !n.isEmpty && !n.contains(" ") ? EventKind(rawValue: n) : .other
                if kind == .other, !n.isEmpty { summary = summary.isEmpty ? n : summary }
                handled.formUnion(["name", "involved", "addressEntity", "organizer"])
                for (prop, role) in [("organizer", ParticipantRole(rawValue: "organizer")), ("involved", .participant)] {
                    switch ref(prop) {
                    case .success(let list): participants += list.map { Participant($0, role: role) }
                    case .failure(let r): return r.text
                    }
                }
                if case .success(let list) = ref("addressEntity") { place = list.first } else { return "unknown entity in property \"addressEntity\"" }
            }
            guard let s = start ?? date else { return "no date: an event needs \"startDate\" or \"date\"" }
            if start != nil, let d = date, d != s { attributes.append(Attribute("date", d.description)) }
            for (prop, values) in l.properties.sorted(by: { $0.key < $1.key }) where !handled.contains(prop) {
                if types[prop] == "entity" { continue }
                for v in values { attributes.append(Attribute(prop, v)) }
            }
            builder.beginRow()
            // Kept as a row (the same event `add(event:)` would add, with the same meta): nothing per event is built
            // until a reader asks for it, and a store can write it straight from the row.
            for p in participants { builder.addParticipant(p.entity, role: builder.roleIndex(p.role)) }
            builder.addEvent(kind: builder.eventKindIndex(kind), start: s, end: end, place: place, amount: amount,
                             summary: summary, attributes: attributes)
            builder.endRow()
            return nil
        }

        // A relationship: a link.
        guard let (srcProp, dstProp, directed) = FtMSchemaTable.edges[l.schema] else { return "unknown schema \"\(l.schema)\"" }
        let froms: [ItemID], tos: [ItemID]
        switch (ref(srcProp), ref(dstProp)) {
        case (.success(let a), .success(let b)): (froms, tos) = (a, b)
        case (.failure(let r), _), (_, .failure(let r)): return r.text
        }
        guard !froms.isEmpty, !tos.isEmpty else { return "a \(l.schema) needs \"\(srcProp)\" and \"\(dstProp)\"" }
        var type = FtMMapping.linkSchemata[l.schema] ?? .related
        var label = ""
        if l.schema == "UnknownLink", let role = l.properties["role"]?.first, !role.isEmpty {
            if role.hasPrefix("dossier:") { type = LinkType(rawValue: String(role.dropFirst(8))) } else { label = role }
        }
        for (prop, values) in l.properties.sorted(by: { $0.key < $1.key }) where !skip.contains(prop) && prop != srcProp && prop != dstProp {
            if types[prop] == "entity" || (prop == "role" && l.schema == "UnknownLink") { continue }
            for v in values { attributes.append(Attribute(prop, v)) }
        }
        if !summary.isEmpty && label.isEmpty { label = summary }
        builder.beginRow()
        for a in froms {
            for b in tos {
                builder.link(type: type, from: a, to: b, directed: directed, weight: weight, start: start ?? date, end: end,
                             label: label, attributes: attributes, aggregate: false)
            }
        }
        builder.endRow()
        return nil
    }
}
