import DossierModel

/// A JSON value with ordered object keys, rendered deterministically (the store commands' `--json`).
enum StoreJSON {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case null
    case array([StoreJSON])
    case object([(String, StoreJSON)])

    static func optional(_ s: String?) -> StoreJSON { s.map { .string($0) } ?? .null }

    func rendered(indent: Int = 0, pretty: Bool = true) -> String {
        var out = ""
        render(into: &out, indent: indent, pretty: pretty)
        return out
    }

    private func render(into out: inout String, indent: Int, pretty: Bool) {
        let pad = pretty ? String(repeating: "  ", count: indent + 1) : ""
        let close = pretty ? String(repeating: "  ", count: indent) : ""
        let nl = pretty ? "\n" : ""
        switch self {
        case .string(let s): StoreJSON.quote(s, into: &out)
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)) : "null"
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let a):
            if a.isEmpty { out += "[]"; return }
            out += "[" + nl
            for (i, v) in a.enumerated() {
                out += pad
                v.render(into: &out, indent: indent + 1, pretty: pretty)
                out += (i + 1 < a.count ? "," : "") + nl
            }
            out += close + "]"
        case .object(let o):
            if o.isEmpty { out += "{}"; return }
            out += "{" + nl
            for (i, (k, v)) in o.enumerated() {
                out += pad
                StoreJSON.quote(k, into: &out)
                out += pretty ? ": " : ":"
                v.render(into: &out, indent: indent + 1, pretty: pretty)
                out += (i + 1 < o.count ? "," : "") + nl
            }
            out += close + "}"
        }
    }

    static func quote(_ s: String, into out: inout String) { JSONString.quote(s, into: &out) }
}

/// A plain text table with columns aligned by display width (wide CJK and emoji count as two columns).
struct StoreTable {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: [String]) { self.headers = headers }

    mutating func add(_ row: [String]) { rows.append(row) }

    func rendered() -> String {
        var widths = headers.map(StoreTable.width)
        for r in rows {
            for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], StoreTable.width(c)) }
        }
        func line(_ cells: [String]) -> String {
            var s = ""
            for (i, c) in cells.enumerated() {
                let last = i == cells.count - 1
                s += last ? c : c + String(repeating: " ", count: widths[i] - StoreTable.width(c) + 2)
            }
            return s
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n")
    }

    /// Terminal columns of `s`: 2 for East Asian wide and emoji, 0 for combining marks, else 1.
    static func width(_ s: String) -> Int {
        var w = 0
        for ch in s {
            guard let u = ch.unicodeScalars.first else { continue }
            let v = u.value
            if ch.unicodeScalars.count == 1 && u.properties.generalCategory == .nonspacingMark { continue }
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
                || u.properties.isEmojiPresentation
            w += wide ? 2 : 1
        }
        return w
    }
}

/// How items are shown by the store commands: one-line rows for lists, full records for `show`.
enum ItemPresentation {
    static func caseNames(_ ids: [ItemID], _ reader: any ItemReader) -> [String] {
        let cases = reader.cases
        return ids.map { id in cases.first { $0.meta.id == id }?.name ?? id.description }
    }

    static func summaryJSON(_ item: Item, _ reader: any ItemReader) -> StoreJSON {
        .object([
            ("id", .string(item.id.description)),
            ("kind", .string(item.subkind)),
            ("name", .string(item.displayName)),
            ("type", .string(item.kind.rawValue)),
            ("cases", .array(caseNames(item.meta.cases, reader).map { .string($0) })),
        ])
    }

    static func attributes(_ a: [Attribute]) -> StoreJSON {
        .object(a.map { ($0.key, .string($0.value)) })
    }

    static func time(_ t: TimePoint?) -> StoreJSON { t.map { .string($0.description) } ?? .null }

    static func ref(_ id: ItemID?, _ reader: any ItemReader) -> StoreJSON {
        guard let id else { return .null }
        return .string(id.description)
    }

    /// Every field of the item, for `show --json`.
    static func fullJSON(_ item: Item, _ reader: any ItemReader) -> StoreJSON {
        let m = item.meta
        var fields: [(String, StoreJSON)] = [
            ("id", .string(m.id.description)),
            ("kind", .string(item.subkind)),
            ("name", .string(item.displayName)),
            ("type", .string(item.kind.rawValue)),
            ("cases", .array(caseNames(m.cases, reader).map { .string($0) })),
        ]
        switch item {
        case .case(let c):
            fields += [("title", .string(c.title)), ("summary", .string(c.summary)), ("status", .string(c.status)),
                       ("restrictedTo", .array(c.restrictedTo.map { .string($0) }))]
        case .entity(let e):
            fields += [("aliases", .array(e.aliases.map { .string($0) })),
                       ("identifiers", .array(e.identifiers.map { .string($0.description) })),
                       ("attributes", attributes(e.attributes))]
            if let g = e.coordinates {
                fields.append(("coordinates", .object([("latitude", .double(g.latitude)), ("longitude", .double(g.longitude))])))
            }
        case .link(let l):
            fields += [("from", .string(l.from.description)), ("to", .string(l.to.description)), ("directed", .bool(l.directed)),
                       ("start", time(l.start)), ("end", time(l.end)), ("weight", .double(l.weight)),
                       ("attributes", attributes(l.attributes))]
        case .event(let e):
            fields += [("start", time(e.start)), ("end", time(e.end)),
                       ("participants", .array(e.participants.map {
                           .object([("id", .string($0.entity.description)), ("role", .string($0.role.rawValue)),
                                    ("name", .optional(reader.item($0.entity)?.displayName))])
                       })),
                       ("place", ref(e.place, reader)),
                       ("amount", e.amount.map { .string($0.description) } ?? .null),
                       ("summary", .string(e.summary)), ("attributes", attributes(e.attributes))]
        case .source(let s):
            fields += [("provider", .string(s.provider)), ("reference", .string(s.reference)), ("received", time(s.received)),
                       ("grading", .string(s.grading.description)), ("handling", .optional(s.handling?.description)),
                       ("legalBasis", .string(s.legalBasis)), ("purpose", .string(s.purpose)),
                       ("fileName", .string(s.fileName)), ("sha256", .string(s.sha256))]
        case .note(let n):
            fields += [("about", .array(n.about.map { .string($0.description) })), ("text", .string(n.text))]
        case .judgement(let j):
            fields += [("a", .string(j.a.description)), ("b", .string(j.b.description)), ("verdict", .string(j.verdict.rawValue)),
                       ("reason", .string(j.reason)), ("withdrawn", .bool(j.withdrawn))]
        case .analyst(let a):
            fields += [("role", .string(a.role.rawValue)), ("active", .bool(a.active))]
        }
        fields += [
            ("source", ref(m.source, reader)),
            ("tags", .array(m.tags.map { .string($0) })),
            ("grading", .optional(m.grading?.description)),
            ("handling", .optional(m.handling?.description)),
            ("createdBy", .string(m.createdBy)), ("createdAt", .string(m.createdAt.description)),
            ("modifiedBy", .string(m.modifiedBy)), ("modifiedAt", .string(m.modifiedAt.description)),
        ]
        return .object(fields)
    }

    /// The human-readable card for `show`: "field  value" lines.
    static func card(_ item: Item, _ reader: any ItemReader) -> String {
        guard case .object(let fields) = fullJSON(item, reader) else { return "" }
        var table = StoreTable(["", ""])
        for (k, v) in fields {
            let text: String
            switch v {
            case .string(let s): text = s
            case .null: continue
            case .array(let a):
                if a.isEmpty { continue }
                text = a.map { el -> String in
                    if case .string(let s) = el { return s }
                    if case .object(let o) = el {
                        return o.compactMap { kv -> String? in if case .string(let s) = kv.1 { return s } else { return nil } }
                            .joined(separator: " ")
                    }
                    return el.rendered(pretty: false)
                }.joined(separator: ", ")
            case .object(let o):
                if o.isEmpty { continue }
                text = o.map { kv in
                    if case .string(let s) = kv.1 { return "\(kv.0)=\(s)" }
                    return "\(kv.0)=\(kv.1.rendered(pretty: false))"
                }.joined(separator: ", ")
            default: text = v.rendered(pretty: false)
            }
            table.add([k, text])
        }
        return table.rows.isEmpty ? "" : StoreTable(["field", "value"]).renderedRows(table.rows)
    }
}

extension StoreTable {
    /// Just the aligned rows (no header line).
    func renderedRows(_ rows: [[String]]) -> String {
        var t = StoreTable(headers)
        t.rows = rows
        let all = t.rendered().split(separator: "\n", omittingEmptySubsequences: false)
        return all.dropFirst().joined(separator: "\n")
    }
}
