import DossierModel

/// One line of an item's detail card.
public struct CardLine: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case heading, field, text }
    public var kind: Kind
    public var label: String
    public var value: String
    /// The item this line names (a participant, a linked entity), for following it.
    public var item: ItemID?

    public static func heading(_ s: String) -> CardLine { CardLine(kind: .heading, label: s, value: "") }
    public static func field(_ label: String, _ value: String, item: ItemID? = nil) -> CardLine {
        CardLine(kind: .field, label: label, value: value, item: item)
    }
    public static func text(_ s: String, item: ItemID? = nil) -> CardLine { CardLine(kind: .text, label: "", value: s, item: item) }
}

/// The detail card of an item (the detail pane and the entity view): its attributes, provenance, grading, handling, review state, notes and linked items.
public enum ItemCard {
    /// At most this many linked items are listed; the rest are counted.
    static let linkedLimit = 50

    public static func lines(for item: Item, reader: any ItemReader) -> [CardLine] {
        var out: [CardLine] = []
        func name(_ id: ItemID) -> String { reader.item(id)?.displayName ?? id.description }
        switch item {
        case .case(let c):
            out.append(.heading("Case \(c.name)"))
            if !c.title.isEmpty { out.append(.field("Title", c.title)) }
            out.append(.field("Status", c.status))
            if !c.summary.isEmpty { out.append(.text(c.summary)) }
            if !c.restrictedTo.isEmpty { out.append(.field("Restricted", c.restrictedTo.joined(separator: ", "))) }
            for tab in ItemTab.allCases {
                out.append(.field(tab.rawValue.capitalized, String(reader.count(tab.kind, inCase: c.meta.id))))
            }
        case .entity(let e):
            out.append(.heading("\(e.kind.rawValue.capitalized) \(e.name)"))
            if !e.aliases.isEmpty { out.append(.field("Aliases", e.aliases.joined(separator: ", "))) }
            for identifier in e.identifiers { out.append(.field(identifier.scheme.rawValue, identifier.value)) }
            for a in e.attributes { out.append(.field(a.key, a.value)) }
            if let g = e.coordinates { out.append(.field("Position", "\(g.latitude), \(g.longitude)")) }
        case .link(let l):
            out.append(.heading("Link \(l.type.rawValue)\(l.label.isEmpty ? "" : " " + l.label)"))
            out.append(.field("From", name(l.from), item: l.from))
            out.append(.field("To", name(l.to), item: l.to))
            out.append(.field("Directed", l.directed ? "yes" : "no"))
            if let s = l.start { out.append(.field("From time", s.description)) }
            if let e = l.end { out.append(.field("To time", e.description)) }
            out.append(.field("Weight", formatWeight(l.weight)))
            for a in l.attributes { out.append(.field(a.key, a.value)) }
        case .event(let e):
            out.append(.heading("Event \(e.kind.rawValue)"))
            out.append(.field("Start", e.start.description))
            if let end = e.end { out.append(.field("End", end.description)) }
            if let d = e.durationSeconds { out.append(.field("Duration", "\(d) s")) }
            for p in e.participants { out.append(.field(p.role.rawValue, name(p.entity), item: p.entity)) }
            if let place = e.place { out.append(.field("Place", name(place), item: place)) }
            if let amount = e.amount { out.append(.field("Amount", amount.description)) }
            if !e.summary.isEmpty { out.append(.text(e.summary)) }
            for a in e.attributes { out.append(.field(a.key, a.value)) }
        case .source(let s):
            out.append(.heading("Source \(s.provider)"))
            if !s.reference.isEmpty { out.append(.field("Reference", s.reference)) }
            if let r = s.received { out.append(.field("Received", r.description)) }
            if !s.legalBasis.isEmpty { out.append(.field("Legal basis", s.legalBasis)) }
            if !s.purpose.isEmpty { out.append(.field("Purpose", s.purpose)) }
            if !s.fileName.isEmpty { out.append(.field("File", s.fileName)) }
            if !s.sha256.isEmpty { out.append(.field("SHA-256", s.sha256)) }
            if !s.description.isEmpty { out.append(.text(s.description)) }
        case .note(let n):
            out.append(.heading("Note"))
            out.append(.text(n.text))
            for id in n.about { out.append(.field("About", name(id), item: id)) }
        case .judgement(let j):
            out.append(.heading("Judgement \(j.verdict.rawValue)"))
            out.append(.field("A", name(j.a), item: j.a))
            out.append(.field("B", name(j.b), item: j.b))
            if !j.reason.isEmpty { out.append(.field("Reason", j.reason)) }
        case .analyst(let a):
            out.append(.heading("Analyst \(a.name)"))
            out.append(.field("Role", a.role.rawValue))
        }

        let meta = item.meta
        out.append(.heading("Grading and handling"))
        let grading: Grading? = item.source?.grading ?? reader.effectiveGrading(of: meta)
        out.append(.field("Grade", grading.map { "\($0) (\($0.meaning))" } ?? "not graded"))
        let handling: HandlingCode? = item.source?.handling ?? reader.effectiveHandling(of: meta)
        if let h = handling {
            out.append(.field("Handling", "\(h) (\(h.meaning))"))
            if !h.conditions.isEmpty { out.append(.field("Conditions", h.conditions)) }
        } else {
            out.append(.field("Handling", "none"))
        }

        out.append(.heading("Provenance"))
        if let s = meta.source, let source = reader.item(s)?.source {
            out.append(.field("Source", "\(source.provider) \(source.reference)".trimmedSpaces, item: s))
            if !source.fileName.isEmpty { out.append(.field("File", source.fileName)) }
        }
        out.append(.field("Created", "\(meta.createdAt) by \(meta.createdBy)"))
        if meta.modifiedAt != meta.createdAt || meta.modifiedBy != meta.createdBy {
            out.append(.field("Modified", "\(meta.modifiedAt) by \(meta.modifiedBy)"))
        }
        out.append(.field("Id", meta.id.description))

        out.append(.heading("Review"))
        out.append(.field("Reviewed", meta.reviewed ? "yes" : "no"))
        out.append(.field("Flagged", meta.flagged ? "yes" : "no"))
        if !meta.tags.isEmpty { out.append(.field("Tags", meta.tags.joined(separator: ", "))) }

        var notes: [Note] = []
        reader.forEach(.note, inCase: nil) { n in
            if let note = n.note, note.about.contains(meta.id) { notes.append(note) }
            return true
        }
        if !notes.isEmpty {
            out.append(.heading("Notes"))
            for n in notes.sorted(by: { $0.meta.createdAt < $1.meta.createdAt }) {
                out.append(.text("\(n.meta.createdBy), \(n.meta.createdAt): \(n.text)"))
            }
        }

        if item.kind == .entity {
            var linked: [CardLine] = []
            var more = 0
            reader.forEach(.link, inCase: nil) { i in
                guard let l = i.link, l.from == meta.id || l.to == meta.id else { return true }
                if linked.count < linkedLimit {
                    let other = l.from == meta.id ? l.to : l.from
                    let arrow = l.directed ? (l.from == meta.id ? "→" : "←") : "—"
                    linked.append(.text("\(l.type.rawValue) \(arrow) \(name(other))", item: other))
                } else {
                    more += 1
                }
                return true
            }
            if !linked.isEmpty {
                out.append(.heading("Linked"))
                out += linked
                if more > 0 { out.append(.text("and \(more) more")) }
            }
        }
        return out
    }
}
