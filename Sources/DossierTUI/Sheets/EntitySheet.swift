import DossierModel

/// Someone or something the drilled-into entity deals with: through links, and through events they share.
public struct Contact: Sendable, Equatable {
    public var entity: ItemID
    public var name: String
    public var kind: String
    public var linkTypes: [String] = []
    public var events = 0
    /// Amounts of shared events by currency, in ten-thousandths.
    public var amounts: [String: Int64] = [:]
    public var first: TimePoint?
    public var last: TimePoint?

    /// "3 calls, 1200.00 EUR" style summary of what they share.
    public var flows: String {
        var parts: [String] = []
        if !linkTypes.isEmpty { parts.append(linkTypes.joined(separator: ",")) }
        if events > 0 { parts.append("\(events) ev") }
        for (currency, amount) in amounts.sorted(by: { $0.key < $1.key }) {
            parts.append(Money(tenThousandths: amount, currency: currency).description)
        }
        return parts.joined(separator: " · ")
    }
}

/// The view of one entity pushed onto the drill-down stack: its contacts and flows, and its events in time order.
public struct EntitySheet: Sendable {
    public enum Section: Sendable, Equatable { case contacts, events, chart }

    public let entity: ItemID
    public let title: String
    public let caseID: ItemID?
    public private(set) var section: Section = .contacts
    public private(set) var contacts: [Contact] = []
    public private(set) var events: [ItemID] = []
    /// False until the background scan of events has finished.
    public private(set) var eventsLoaded = false
    var contactCursor = ListCursor()
    var eventCursor = ListCursor()
    /// The entity's neighbourhood chart.
    public internal(set) var chart = ChartPaneState()
    private var linkContacts: [ItemID: Contact] = [:]

    init(entity: Entity, reader: any ItemReader, caseID: ItemID?) {
        self.entity = entity.meta.id
        self.title = entity.name
        self.caseID = caseID
        var byOther: [ItemID: Contact] = [:]
        reader.forEach(.link, inCase: caseID) { item in
            guard let l = item.link, l.from == entity.meta.id || l.to == entity.meta.id else { return true }
            let other = l.from == entity.meta.id ? l.to : l.from
            var c = byOther[other] ?? EntitySheet.contact(other, reader)
            if !c.linkTypes.contains(l.type.rawValue) { c.linkTypes.append(l.type.rawValue) }
            byOther[other] = c
            return true
        }
        linkContacts = byOther
        contacts = EntitySheet.sorted(byOther)
    }

    static func contact(_ id: ItemID, _ reader: any ItemReader) -> Contact {
        let item = reader.item(id)
        return Contact(entity: id, name: item?.displayName ?? id.description, kind: item?.subkind ?? "")
    }

    static func sorted(_ contacts: [ItemID: Contact]) -> [Contact] {
        contacts.values.sorted { a, b in
            let wa = a.events + a.linkTypes.count, wb = b.events + b.linkTypes.count
            return wa != wb ? wa > wb : (a.name != b.name ? a.name < b.name : a.entity < b.entity)
        }
    }

    /// Scans the case's events for this entity (run in the background: a case can hold millions).
    static func scanEvents(entity: ItemID, caseID: ItemID?, reader: any ItemReader, job: JobHandle) -> [ItemID] {
        var found: [(Int64, ItemID)] = []
        let total = reader.count(.event, inCase: caseID)
        var seen = 0
        reader.forEach(.event, inCase: caseID) { item in
            seen += 1
            if seen & 8191 == 0 {
                if job.isCancelled { return false }
                job.progress(seen, of: total)
            }
            if let e = item.event, e.participants.contains(where: { $0.entity == entity }) || e.place == entity {
                found.append((e.start.utcMicros, e.meta.id))
            }
            return true
        }
        return found.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map(\.1)
    }

    /// Takes the scanned events and folds them into the contacts.
    mutating func setEvents(_ ids: [ItemID], reader: any ItemReader) {
        events = ids
        eventsLoaded = true
        var byOther = linkContacts
        for id in ids {
            guard let e = reader.item(id)?.event else { continue }
            for p in e.participants where p.entity != entity {
                var c = byOther[p.entity] ?? EntitySheet.contact(p.entity, reader)
                c.events += 1
                if let a = e.amount { c.amounts[a.currency, default: 0] &+= a.tenThousandths }
                if c.first == nil || e.start < c.first! { c.first = e.start }
                if c.last == nil || c.last! < e.start { c.last = e.start }
                byOther[p.entity] = c
            }
        }
        contacts = EntitySheet.sorted(byOther)
        contactCursor.clamp(count: contacts.count)
    }

    var scope: CommandScope { section == .chart ? .chart : .entity }

    /// Tab order: contacts, events, the neighbourhood chart.
    mutating func nextSection() {
        switch section {
        case .contacts: section = .events
        case .events: section = .chart
        case .chart: section = .contacts
        }
    }

    mutating func showChart() { section = .chart }

    mutating func move(_ delta: Int) {
        switch section {
        case .contacts: contactCursor.move(delta, count: contacts.count)
        case .events: eventCursor.move(delta, count: events.count)
        case .chart: _ = chart.moveSelection(dx: 0, dy: delta > 0 ? 1 : -1)
        }
    }

    func selectedItem(_ reader: any ItemReader) -> Item? {
        switch section {
        case .contacts:
            return contacts.indices.contains(contactCursor.selected) ? reader.item(contacts[contactCursor.selected].entity) : nil
        case .events:
            return events.indices.contains(eventCursor.selected) ? reader.item(events[eventCursor.selected]) : nil
        case .chart:
            return chart.selected.flatMap { reader.item($0) }
        }
    }

    /// The entity Enter follows: the selected contact, or the first other participant of the selected event.
    func selectedEntityID(_ reader: any ItemReader) -> ItemID? {
        switch section {
        case .contacts:
            return contacts.indices.contains(contactCursor.selected) ? contacts[contactCursor.selected].entity : nil
        case .events:
            guard events.indices.contains(eventCursor.selected), let e = reader.item(events[eventCursor.selected])?.event else {
                return nil
            }
            return e.participants.first { $0.entity != entity }?.entity
        case .chart:
            return chart.selected
        }
    }
}
