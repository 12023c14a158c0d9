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
    var entities: [Entity] = []
    var links: [Link] = []
    var events: [EventPlan] = []
    let defaultCountry: String
    /// What a raw identifier cell came to: its normalised identifier and, for entities that take nothing else from the
    /// row, the entity it resolved to.
    private struct Resolved {
        var identifier: Identifier
        var entity: ItemID?
    }
    /// Per entity: raw cell to what it came to (a calls file has few distinct phones, each seen often).
    private var cellCaches: [CellCache<Resolved>] = []

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
        cellCaches = entities.map { _ in CellCache() }
    }

    private func columnName(_ i: Int) -> String {
        if let header, i < header.count { return "column \"\(header[i])\"" }
        return "column \(i + 1)"
    }

    private struct Planned {
        var identifier: Identifier?
        var raw: String?
        /// The entity the raw cell resolved to before (bare entities only).
        var known: ItemID?
        var name: String
        var attributes: [Attribute]
        var coordinates: GeoPoint?
    }

    private struct PlannedEvent {
        var start: TimePoint
        var end: TimePoint?
        var amount: Money?
        var summary: String
        var attributes: [Attribute]
    }

    /// Turns one row into items; returns the reason when the row must be rejected (then nothing was added).
    func apply(_ fields: [String], builder: ImportBuilder) -> String? {
        @inline(__always) func cell(_ i: Int) -> String {
            guard i < fields.count else { return "" }
            let s = fields[i]
            if let f = s.utf8.first, let l = s.utf8.last, f != 32 && l != 32 && f != 9 && l != 9 { return s }
            return s.trimmingCharacters(in: " \t")
        }
        // Local copies: the plans are read for every cell, and reading them through `self` costs a copy each time.
        let entities = self.entities, events = self.events, links = self.links
        // Phase 1: parse everything.
        var planned: [Planned?] = []
        planned.reserveCapacity(entities.count)
        for k in entities.indices {
            let e = entities[k].spec
            var identifier: Identifier?
            var rawValue: String?
            var known: ItemID?
            if let col = entities[k].identifier {
                let raw = cell(col)
                rawValue = raw
                if raw.isEmpty {
                    if e.optional { planned.append(nil); continue }
                    return "empty \(columnName(col)) (\(e.role))"
                }
                if let cached = cellCaches[k].value(for: raw) {
                    identifier = cached.identifier
                    known = cached.entity
                } else {
                    do {
                        let id: Identifier
                        // An "account" column that holds IBANs matches IBANs from other sources.
                        if e.scheme == .account, let iban = try? IBAN.normalize(raw) {
                            id = Identifier(scheme: .iban, normalized: iban)
                        } else {
                            id = try Identifier(scheme: e.scheme ?? .other, raw: raw, defaultCountry: defaultCountry)
                        }
                        if cellCaches[k].count > 500_000 { cellCaches[k].removeAll() }
                        cellCaches[k].set(Resolved(identifier: id, entity: nil), for: raw)
                        identifier = id
                    } catch let error as NormalizationError {
                        return "bad \(error.scheme.rawValue) in \(columnName(col)): \"\(raw)\": \(error.reason)"
                    } catch {
                        return "bad value in \(columnName(col)): \"\(raw)\""
                    }
                }
            }
            var name = identifier?.value ?? ""
            if let col = entities[k].name {
                let n = cell(col)
                if n.isEmpty && identifier == nil {
                    if e.optional { planned.append(nil); continue }
                    return "empty \(columnName(col)) (\(e.role))"
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
            planned.append(Planned(identifier: identifier, raw: rawValue, known: known, name: name, attributes: attributes, coordinates: coordinates))
        }
        var plannedEvents: [PlannedEvent] = []
        for ev in events {
            let s = ev.spec
            let raw = cell(ev.start)
            guard !raw.isEmpty else { return "empty \(columnName(ev.start)) (event time)" }
            guard let start = s.format.parse(raw, zone: s.timeZone) else {
                return "bad date in \(columnName(ev.start)): \"\(raw)\" (expected \(s.format))"
            }
            var end: TimePoint?
            if let c = ev.end {
                let r = cell(c)
                if !r.isEmpty {
                    guard let t = s.format.parse(r, zone: s.timeZone) else { return "bad date in \(columnName(c)): \"\(r)\" (expected \(s.format))" }
                    end = t
                }
            }
            if end == nil, let c = ev.duration {
                let r = cell(c)
                if !r.isEmpty {
                    guard let secs = parseDurationSeconds(r) else { return "bad duration in \(columnName(c)): \"\(r)\"" }
                    end = TimePoint(utcMicros: start.utcMicros + Int64(secs * 1_000_000), offsetMinutes: start.offsetMinutes,
                                    precision: secs == secs.rounded() ? start.precision : .microsecond)
                }
            }
            var amount: Money?
            if let c = ev.amount {
                let r = cell(c)
                if !r.isEmpty {
                    var currency = s.currencyCode ?? ""
                    if let cc = ev.currency {
                        let v = cell(cc)
                        if !v.isEmpty { currency = v }
                    }
                    guard !currency.isEmpty else { return "empty currency for amount \"\(r)\"" }
                    guard let m = Money(r, currency: currency) else { return "bad amount in \(columnName(c)): \"\(r)\"" }
                    amount = m
                }
            }
            var attributes: [Attribute] = []
            for (key, col) in ev.attributes {
                let v = cell(col)
                if !v.isEmpty { attributes.append(Attribute(key, v)) }
            }
            plannedEvents.append(PlannedEvent(start: start, end: end, amount: amount, summary: ev.summary.map(cell) ?? "",
                                              attributes: attributes))
        }
        var linkWeights: [Double] = []
        for l in links {
            var w = 1.0
            if let c = l.weight {
                let r = cell(c)
                if !r.isEmpty {
                    guard let v = Double(r), v.isFinite else { return "bad weight in \(columnName(c)): \"\(r)\"" }
                    w = v
                }
            }
            linkWeights.append(w)
        }
        // Phase 2: add.
        builder.beginRow()
        var ids: [ItemID?] = []
        ids.reserveCapacity(planned.count)
        for (k, p) in planned.enumerated() {
            guard let p else { ids.append(nil); continue }
            let kind = entities[k].spec.kind
            if let identifier = p.identifier {
                let bare = entities[k].name == nil && p.attributes.isEmpty && p.coordinates == nil
                if bare, let known = p.known {
                    ids.append(known)
                    continue
                }
                let id = builder.entity(kind: kind, identifier: identifier, name: entities[k].name == nil ? nil : p.name,
                                        attributes: p.attributes, coordinates: p.coordinates)
                if bare, let raw = p.raw {
                    cellCaches[k].set(Resolved(identifier: identifier, entity: id), for: raw)
                }
                ids.append(id)
            } else {
                ids.append(builder.entity(kind: kind, name: p.name, attributes: p.attributes, coordinates: p.coordinates))
            }
        }
        for (n, l) in links.enumerated() {
            guard let a = ids[l.from], let b = ids[l.to] else { continue }
            var type = l.spec.type
            if let c = l.typeColumn { let v = cell(c); if !v.isEmpty { type = LinkType(rawValue: v) } }
            builder.link(type: type, from: a, to: b, directed: l.spec.directed, weight: linkWeights[n])
        }
        for (n, ev) in events.enumerated() {
            let p = plannedEvents[n]
            var participants: [Participant] = []
            participants.reserveCapacity(ev.participants.count)
            for (role, k) in ev.participants { if let id = ids[k] { participants.append(Participant(id, role: role)) } }
            let place = ev.place.flatMap { ids[$0] }
            builder.add(event: Event(meta: builder.meta(), kind: ev.spec.kind, start: p.start, end: p.end,
                                     participants: participants, place: place, amount: p.amount, summary: p.summary,
                                     attributes: p.attributes))
            if let type = ev.spec.link {
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
