import DossierModel

/// An `ImportSpec` bound to one file's columns: names resolved to positions, ready to turn rows into items.
/// Each row is first parsed completely (identifiers normalised, times, amounts); only a row without problems
/// touches the builder, so a rejected row leaves nothing behind.
final class CompiledSpec {
    struct Entity {
        var spec: EntitySpec
        var identifier: Int?
        var name: Int?
        var attributes: [(String, Int)]
        var latitude: Int?
        var longitude: Int?
    }
    struct Link {
        var spec: LinkSpec
        var from: Int
        var to: Int
        var typeColumn: Int?
        var weight: Int?
    }
    struct EventPlan {
        var spec: EventSpec
        var start: Int
        var end: Int?
        var duration: Int?
        var amount: Int?
        var currency: Int?
        var place: Int?
        var participants: [(ParticipantRole, Int)]
        var summary: Int?
        var attributes: [(String, Int)]
    }

    let header: [String]?
    /// Per entity: whether what it makes is complete when made, so no later row can add to it: it is found by an
    /// identifier and takes nothing else from the row (no name, attributes or coordinates), and no entity that does
    /// take more can share its identifiers (their schemes differ). A calls file's phones, beside cells with
    /// coordinates.
    private(set) var completeWhenMade: [Bool] = []
    @exclusivity(unchecked) var entities: [Entity] = []
    @exclusivity(unchecked) var links: [Link] = []
    @exclusivity(unchecked) var events: [EventPlan] = []
    let defaultCountry: String
    /// Per entity: raw cell to its normalised identifier and, for entities that take nothing else from the row, the
    /// entity it resolved to (a calls file has few distinct phones, each seen often). Shared by columns of one scheme.
    @exclusivity(unchecked) private var cellCaches: [CellCache<Identifier>] = []

    init(_ spec: ImportSpec, header: [String]?, columnCount: Int, fileName: String, specName: String,
         defaultCountry: String) throws {
        self.header = header
        self.defaultCountry = defaultCountry
        func index(_ ref: ColumnRef?, _ key: String) throws -> Int? {
            guard let ref else { return nil }
            switch ref {
            case .position(let p):
                guard p <= max(columnCount, header?.count ?? 0) else {
                    throw ExchangeError(file: specName, "\(key): column \(p) does not exist (\(fileName) has \(columnCount) columns)")
                }
                return p - 1
            case .name(let n):
                guard let header else {
                    throw ExchangeError(file: specName, "\(key): \(fileName) has no header; name columns by number (1, 2, ...)")
                }
                if let i = header.firstIndex(of: n) ?? header.firstIndex(where: { $0.lowercased() == n.lowercased() }) { return i }
                throw ExchangeError(file: specName, "\(key): no column \"\(n)\" in \(fileName) (columns: \(header.joined(separator: ", ")))")
            }
        }
        let roles = spec.entities.map(\.role)
        for e in spec.entities {
            let p = "entities.\(e.role)."
            entities.append(Entity(spec: e, identifier: try index(e.identifier, p + "identifier"), name: try index(e.name, p + "name"),
                                   attributes: try e.attributes.map { ($0.key, try index($0.column, p + "attributes." + $0.key)!) },
                                   latitude: try index(e.latitude, p + "latitude"), longitude: try index(e.longitude, p + "longitude")))
        }
        for (i, l) in spec.links.enumerated() {
            let p = "links[\(i)]."
            links.append(Link(spec: l, from: roles.firstIndex(of: l.from)!, to: roles.firstIndex(of: l.to)!,
                              typeColumn: try index(l.typeColumn, p + "type_column"), weight: try index(l.weight, p + "weight")))
        }
        for (i, e) in spec.events.enumerated() {
            let p = "events[\(i)]."
            events.append(EventPlan(spec: e, start: try index(e.start, p + "start")!, end: try index(e.end, p + "end"),
                                    duration: try index(e.duration, p + "duration"), amount: try index(e.amount, p + "amount"),
                                    currency: try index(e.currency, p + "currency"),
                                    place: e.place.map { roles.firstIndex(of: $0)! },
                                    participants: e.participants.map { ($0.role, roles.firstIndex(of: $0.entity)!) },
                                    summary: try index(e.summary, p + "summary"),
                                    attributes: try e.attributes.map { ($0.key, try index($0.column, p + "attributes." + $0.key)!) }))
        }
        // Columns of one scheme share a cache (a calls file's caller and callee hold the same phones): a raw cell
        // means the same identifier, and so the same entity, in either (the builder resolves by identifier alone).
        // One table instead of two stays in the processor's cache, where the lookups, which land at random, are fast.
        var byScheme: [IdentifierScheme: CellCache<Identifier>] = [:]
        cellCaches = entities.map { e in
            let scheme = e.spec.scheme ?? .other
            if let shared = byScheme[scheme] { return shared }
            let cache = CellCache<Identifier>()
            byScheme[scheme] = cache
            return cache
        }
        // The schemes an entity's identifiers can have (an account column may hold IBANs).
        func schemes(_ e: Entity) -> Set<IdentifierScheme> {
            let scheme = e.spec.scheme ?? .other
            return scheme == .account ? [scheme, .iban] : [scheme]
        }
        let bare = entities.map { $0.identifier != nil && $0.name == nil && $0.attributes.isEmpty && $0.latitude == nil && $0.longitude == nil }
        let enrichedSchemes = entities.indices.filter { !bare[$0] }.reduce(into: Set<IdentifierScheme>()) { $0.formUnion(schemes(entities[$1])) }
        completeWhenMade = entities.indices.map { bare[$0] && schemes(entities[$0]).isDisjoint(with: enrichedSchemes) }
    }

    private func columnName(_ i: Int) -> String {
        if let header, i < header.count { return "column \"\(header[i])\"" }
        return "column \(i + 1)"
    }

    private struct Planned {
        var identifier: Identifier?
        var raw: String?
        var name: String
        var attributes: [Attribute]
        var coordinates: GeoPoint?
    }

    /// What phase 1 made of one entity column of a row.
    private enum RowEntity {
        /// An optional entity the row leaves empty.
        case absent
        /// A bare identifier whose raw cell resolved to this entity before: nothing more to do.
        case known(ItemID)
        case planned(Planned)
    }

    private struct PlannedEvent {
        var start: TimePoint
        var end: TimePoint?
        var amount: Money?
        var summary: String
        var attributes: [Attribute]
    }

    /// Per-row working space, kept between rows so a row allocates only what its items keep.
    private struct Scratch {
        var entities: [RowEntity] = []
        var events: [PlannedEvent] = []
        var weights: [Double] = []
        var ids: [ItemID?] = []
        /// Empties the arrays, keeping their memory; one element at a time (a row has a few), which is much cheaper
        /// than `removeAll(keepingCapacity:)`'s general range replacement.
        mutating func clear() {
            while !entities.isEmpty { entities.removeLast() }
            while !events.isEmpty { events.removeLast() }
            while !weights.isEmpty { weights.removeLast() }
            while !ids.isEmpty { ids.removeLast() }
        }
    }
    @exclusivity(unchecked) private var scratch = Scratch()

    /// Each event plan's kind and participant roles as the builder's numbers for them (asked once).
    @exclusivity(unchecked) private var numbers: (kinds: [UInt32], roles: [[UInt32]])?

    private func eventNumbers(_ builder: ImportBuilder) -> (kinds: [UInt32], roles: [[UInt32]]) {
        if let numbers { return numbers }
        let made = (kinds: events.map { builder.eventKindIndex($0.spec.kind) },
                    roles: events.map { $0.participants.map { builder.roleIndex($0.0) } })
        numbers = made
        return made
    }

    /// Turns one row into items; returns the reason when the row must be rejected (then nothing was added).
    func apply(_ cells: RawCells, builder: ImportBuilder) -> String? {
        // Taken out of `self` for the row (one exclusive access instead of one per cell) and put back cleared.
        var work = Scratch()
        swap(&work, &scratch)
        defer {
            work.clear()
            swap(&work, &scratch)
        }
        return apply(cells, builder: builder, work: &work)
    }

    private func apply(_ cells: RawCells, builder: ImportBuilder, work: inout Scratch) -> String? {
        // A cell as text, trimmed of spaces and tabs; the hot cells (identifiers, times, durations) are read as bytes.
        func cell(_ i: Int) -> String { cells.string(i) }
        // Local copies: the plans are read for every cell, and reading them through `self` costs a copy each time.
        let entities = self.entities, events = self.events, links = self.links, cellCaches = self.cellCaches
        let completeWhenMade = self.completeWhenMade
        // Phase 1: parse everything.
        for k in entities.indices {
            var identifier: Identifier?
            var rawValue: String?
            var known: ItemID?
            let bareColumn = entities[k].name == nil && entities[k].attributes.isEmpty
            if let col = entities[k].identifier {
                let rawBytes = cells.trimmedBytes(col)
                if rawBytes?.isEmpty == true || (rawBytes == nil && cell(col).isEmpty) {
                    if entities[k].spec.optional { work.entities.append(.absent); continue }
                    return "empty \(columnName(col)) (\(entities[k].spec.role))"
                }
                // The common case of a calls file: an identifier-only column whose cell was resolved before.
                if bareColumn, entities[k].latitude == nil || entities[k].longitude == nil, let rawBytes,
                   let entity = cellCaches[k].id(forBytes: rawBytes) {
                    work.entities.append(.known(entity))
                    continue
                }
                let raw = rawBytes.map { String(decoding: $0, as: UTF8.self) } ?? cell(col)
                if let cached = cellCaches[k].value(for: raw) {
                    identifier = cached
                    known = cellCaches[k].id(for: raw)
                } else {
                    do {
                        let id: Identifier
                        let scheme = entities[k].spec.scheme
                        // An "account" column that holds IBANs matches IBANs from other sources.
                        if scheme == .account, let iban = try? IBAN.normalize(raw) {
                            id = Identifier(scheme: .iban, normalized: iban)
                        } else {
                            id = try Identifier(scheme: scheme ?? .other, raw: raw, defaultCountry: defaultCountry)
                        }
                        if cellCaches[k].count > 500_000 { cellCaches[k].removeAll() }
                        cellCaches[k].set(id, for: raw)
                        identifier = id
                    } catch let error as NormalizationError {
                        return "bad \(error.scheme.rawValue) in \(columnName(col)): \"\(raw)\": \(error.reason)"
                    } catch {
                        return "bad value in \(columnName(col)): \"\(raw)\""
                    }
                }
                rawValue = raw
            }
            var name = identifier?.value ?? ""
            if let col = entities[k].name {
                let n = cell(col)
                if n.isEmpty && identifier == nil {
                    if entities[k].spec.optional { work.entities.append(.absent); continue }
                    return "empty \(columnName(col)) (\(entities[k].spec.role))"
                }
                if !n.isEmpty { name = n }
            }
            var attributes: [Attribute] = []
            for (key, col) in entities[k].attributes {
                let v = cell(col)
                if !v.isEmpty { attributes.append(Attribute(key, v)) }
            }
            var coordinates: GeoPoint?
            if let la = entities[k].latitude, let lo = entities[k].longitude {
                let a = cell(la), b = cell(lo)
                if !a.isEmpty || !b.isEmpty {
                    guard let lat = Double(a), let lon = Double(b), abs(lat) <= 90, abs(lon) <= 180 else {
                        return "bad coordinates in \(columnName(la)), \(columnName(lo)): \"\(a)\", \"\(b)\""
                    }
                    coordinates = GeoPoint(latitude: lat, longitude: lon)
                }
            }
            if let known, entities[k].name == nil, attributes.isEmpty, coordinates == nil {
                // Nothing but the identifier, resolved before.
                work.entities.append(.known(known))
                continue
            }
            work.entities.append(.planned(Planned(identifier: identifier, raw: rawValue, name: name, attributes: attributes,
                                                  coordinates: coordinates)))
        }
        for ev in events.indices {
            let format = events[ev].spec.format, zone = events[ev].spec.timeZone
            let startColumn = events[ev].start
            let start: TimePoint
            if let raw = cells.trimmedBytes(startColumn) {
                guard !raw.isEmpty else { return "empty \(columnName(startColumn)) (event time)" }
                guard let t = format.parse(raw, zone: zone) else {
                    return "bad date in \(columnName(startColumn)): \"\(cell(startColumn))\" (expected \(format))"
                }
                start = t
            } else {
                let raw = cell(startColumn)
                guard !raw.isEmpty else { return "empty \(columnName(startColumn)) (event time)" }
                guard let t = format.parse(raw, zone: zone) else {
                    return "bad date in \(columnName(startColumn)): \"\(raw)\" (expected \(format))"
                }
                start = t
            }
            var end: TimePoint?
            if let c = events[ev].end {
                let r = cell(c)
                if !r.isEmpty {
                    guard let t = format.parse(r, zone: zone) else { return "bad date in \(columnName(c)): \"\(r)\" (expected \(format))" }
                    end = t
                }
            }
            if end == nil, let c = events[ev].duration {
                let rb = cells.trimmedBytes(c)
                if rb?.isEmpty == false || (rb == nil && !cell(c).isEmpty) {
                    guard let secs = rb.map(parseDurationSeconds) ?? parseDurationSeconds(cell(c)) else {
                        return "bad duration in \(columnName(c)): \"\(cell(c))\""
                    }
                    end = TimePoint(utcMicros: start.utcMicros + Int64(secs * 1_000_000), offsetMinutes: start.offsetMinutes,
                                    precision: secs == secs.rounded() ? start.precision : .microsecond)
                }
            }
            var amount: Money?
            if let c = events[ev].amount {
                let r = cell(c)
                if !r.isEmpty {
                    var currency = events[ev].spec.currencyCode ?? ""
                    if let cc = events[ev].currency {
                        let v = cell(cc)
                        if !v.isEmpty { currency = v }
                    }
                    guard !currency.isEmpty else { return "empty currency for amount \"\(r)\"" }
                    guard let m = Money(r, currency: currency) else { return "bad amount in \(columnName(c)): \"\(r)\"" }
                    amount = m
                }
            }
            var attributes: [Attribute] = []
            for (key, col) in events[ev].attributes {
                let v = cell(col)
                if !v.isEmpty { attributes.append(Attribute(key, v)) }
            }
            work.events.append(PlannedEvent(start: start, end: end, amount: amount,
                                            summary: events[ev].summary.map(cell) ?? "", attributes: attributes))
        }
        for l in links.indices {
            var w = 1.0
            if let c = links[l].weight {
                let r = cell(c)
                if !r.isEmpty {
                    guard let v = Double(r), v.isFinite else { return "bad weight in \(columnName(c)): \"\(r)\"" }
                    w = v
                }
            }
            work.weights.append(w)
        }
        // Phase 2: add.
        builder.beginRow()
        for k in work.entities.indices {
            switch work.entities[k] {
            case .absent:
                work.ids.append(nil)
            case .known(let id):
                work.ids.append(id)
            case .planned(let p):
                let kind = entities[k].spec.kind
                if let identifier = p.identifier {
                    let hasName = entities[k].name != nil
                    let id = builder.entity(kind: kind, identifier: identifier, name: hasName ? p.name : nil,
                                            attributes: p.attributes, coordinates: p.coordinates,
                                            completeWhenMade: completeWhenMade[k])
                    if !hasName && p.attributes.isEmpty && p.coordinates == nil, let raw = p.raw {
                        cellCaches[k].setID(id, for: raw)
                    }
                    work.ids.append(id)
                } else {
                    work.ids.append(builder.entity(kind: kind, name: p.name, attributes: p.attributes, coordinates: p.coordinates))
                }
            }
        }
        for l in links.indices {
            guard let a = work.ids[links[l].from], let b = work.ids[links[l].to] else { continue }
            var type = links[l].spec.type
            if let c = links[l].typeColumn { let v = cell(c); if !v.isEmpty { type = LinkType(rawValue: v) } }
            builder.link(type: type, from: a, to: b, directed: links[l].spec.directed, weight: work.weights[l])
        }
        let numbers = eventNumbers(builder)
        for ev in events.indices {
            let roleNumbers = numbers.roles[ev]
            for (n, (_, k)) in events[ev].participants.enumerated() {
                if let id = work.ids[k] { builder.addParticipant(id, role: roleNumbers[n]) }
            }
            let place = events[ev].place.flatMap { work.ids[$0] }
            let p = work.events[ev]
            // Kept as a row, not built as an `Event`: the store writes its record straight from the row.
            builder.addEvent(kind: numbers.kinds[ev], start: p.start, end: p.end, place: place, amount: p.amount,
                             summary: p.summary, attributes: p.attributes)
            if let type = events[ev].spec.link {
                var participants: [Participant] = []
                for (role, k) in events[ev].participants { if let id = work.ids[k] { participants.append(Participant(id, role: role)) } }
                let origins = participants.filter { $0.role.isOrigin }
                let destinations = participants.filter { $0.role.isDestination }
                for o in origins {
                    for d in destinations where o.entity != d.entity {
                        builder.link(type: type, from: o.entity, to: d.entity, directed: true, start: p.start)
                    }
                }
            }
        }
        builder.endRow()
        return nil
    }
}
