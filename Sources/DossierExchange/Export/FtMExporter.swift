import DossierModel
import Foundation

/// Writes FollowTheMoney JSON lines that `ftm validate` accepts. Parties and things become their schemata; phone and
/// e-mail entities become `phone`/`email` properties of the entities that use them (and call numbers); links become
/// relationship schemata (UnknownLink keeps Dossier's own type in `role`); calls, payments and other events become
/// Call, Payment and Event. Items FtM cannot express are counted in the report, not dropped silently.
public enum FtMExporter {
    public static func write(_ scope: ExportScope, to out: OutputFile) throws -> ExportReport {
        var report = ExportReport()
        report.files = [out.path]
        let entities = scope.entities
        let byID = Dictionary(entities.map { ($0.meta.id, $0) }, uniquingKeysWith: { a, _ in a })
        func entity(_ id: ItemID) -> Entity? { byID[id] ?? scope.reader.entity(id) }
        func isContact(_ e: Entity) -> Bool { e.kind == .phone || e.kind == .email }
        func schema(_ e: Entity) -> String? { FtMMapping.schemaForKind[e.kind] }
        func isA(_ e: Entity, _ group: String) -> Bool {
            guard let s = schema(e) else { return false }
            switch group {
            case "LegalEntity": return ["Person", "Organization", "Company", "LegalEntity", "PublicBody"].contains(s)
            case "Organization": return ["Organization", "Company", "PublicBody"].contains(s)
            case "Person": return s == "Person"
            case "Asset": return ["Company", "BankAccount", "Vehicle", "Vessel", "Airplane"].contains(s)
            case "Address": return s == "Address"
            case "BankAccount": return s == "BankAccount"
            default: return s != "Passport" && s != "Identification"  // Thing
            }
        }
        // Contacts per owner from `uses` links; links that became properties are not exported again.
        var contacts: [ItemID: [Entity]] = [:]
        var propertyLinks: Set<ItemID> = []
        var refLinks: [ItemID: [(String, ItemID)]] = [:]
        let links = scope.links
        for l in links {
            guard let a = entity(l.from), let b = entity(l.to) else { continue }
            if l.type == .uses, !isContact(a), isContact(b), schema(a) != nil {
                contacts[a.meta.id, default: []].append(b)
                propertyLinks.insert(l.meta.id)
            } else if let s = schema(a), FtMSchemaTable.properties[s]?[l.type.rawValue] == "entity", schema(b) != nil,
                      FtMMapping.linkSchemata.values.contains(l.type) == false, l.weight == 1, l.start == nil, l.attributes.isEmpty {
                refLinks[a.meta.id, default: []].append((l.type.rawValue, b.meta.id))
                propertyLinks.insert(l.meta.id)
            }
        }
        var skipped: [String: Int] = [:]
        func emit(_ id: String, _ schema: String, _ props: [String: [String]]) throws {
            let clean = props.filter { !$0.value.isEmpty }
            let obj: [String: Any] = ["id": id, "schema": schema, "properties": clean]
            let data = try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys, .withoutEscapingSlashes])
            try out.write(bytes: Array(data) + [10])
            report.counts[schema, default: 0] += 1
        }
        for e in entities {
            guard let s = schema(e) else {
                if !isContact(e) { skipped["\(e.kind.rawValue) entities", default: 0] += 1 }
                continue
            }
            let types = FtMSchemaTable.properties[s] ?? [:]
            var p: [String: [String]] = [:]
            let nameProp = s == "Address" ? "full" : "name"
            p[nameProp] = [e.name]
            if !e.aliases.isEmpty { p[types["alias"] != nil ? "alias" : nameProp, default: []] += e.aliases }
            for (prop, scheme) in FtMMapping.identifierProperties[s] ?? [] {
                let values = e.identifiers.filter { $0.scheme == scheme }.map(\.value)
                if !values.isEmpty { p[prop] = values }
            }
            var notes: [String] = []
            for i in e.identifiers where !(FtMMapping.identifierProperties[s] ?? []).contains(where: { $0.1 == i.scheme }) {
                notes.append("dossier:identifier=\(i.scheme.rawValue):\(i.value)")
            }
            if let c = e.coordinates, types["latitude"] != nil {
                p["latitude"] = [String(c.latitude)]
                p["longitude"] = [String(c.longitude)]
            }
            for c in contacts[e.meta.id] ?? [] {
                let prop = c.kind == .phone ? "phone" : "email"
                if types[prop] != nil, let v = c.identifiers.first?.value { p[prop, default: []].append(v) }
            }
            for (prop, target) in refLinks[e.meta.id] ?? [] { p[prop, default: []].append(target.description) }
            for a in e.attributes {
                if let t = types[a.key], FtMMapping.plainTypes.contains(t), valid(a.value, type: t), p[a.key] == nil || a.key != nameProp {
                    p[a.key, default: []].append(t == "country" ? (Country.normalize(a.value)?.lowercased() ?? a.value) : a.value)
                } else if a.key == "notes" {
                    notes.append(a.value)
                } else {
                    notes.append("dossier:\(a.key)=\(a.value)")
                }
            }
            if !notes.isEmpty, types["notes"] != nil { p["notes", default: []] += notes }
            try emit(e.meta.id.description, s, p)
        }
        for l in links where !propertyLinks.contains(l.meta.id) {
            guard let a = entity(l.from), let b = entity(l.to) else { continue }
            if isContact(a) || isContact(b) || schema(a) == nil || schema(b) == nil {
                skipped["\(l.type.rawValue) links to phones, e-mail addresses or kinds FtM lacks", default: 0] += 1
                continue
            }
            var s = "UnknownLink"
            let specific: [LinkType: (String, String, String)] = [
                .owns: ("Ownership", "LegalEntity", "Asset"), .directorOf: ("Directorship", "LegalEntity", "Organization"),
                .memberOf: ("Membership", "LegalEntity", "Organization"), .employedBy: ("Employment", "Person", "Organization"),
                .owes: ("Debt", "LegalEntity", "LegalEntity"), .represents: ("Representation", "LegalEntity", "LegalEntity"),
                .family: ("Family", "Person", "Person"), .associate: ("Associate", "Person", "Person"),
                .paid: ("Payment", "LegalEntity", "LegalEntity"),
            ]
            if let (schemaName, fromGroup, toGroup) = specific[l.type], isA(a, fromGroup), isA(b, toGroup) { s = schemaName }
            if !isA(a, "Thing") || !isA(b, "Thing") { skipped["links of passports or identifications", default: 0] += 1; continue }
            let (src, dst, _) = FtMSchemaTable.edges[s]!
            let types = FtMSchemaTable.properties[s] ?? [:]
            var p: [String: [String]] = [src: [a.meta.id.description], dst: [b.meta.id.description]]
            if s == "UnknownLink" { p["role"] = ["dossier:" + l.type.rawValue] }
            if let t = l.start { p["startDate"] = [t.description] }
            if let t = l.end { p["endDate"] = [t.description] }
            if !l.label.isEmpty { p["summary"] = [l.label] }
            if l.weight != 1 { p["description", default: []].append("dossier:weight=\(formatNumber(l.weight))") }
            for a in l.attributes where types[a.key] != nil && FtMMapping.plainTypes.contains(types[a.key]!) && valid(a.value, type: types[a.key]!) {
                p[a.key, default: []].append(a.value)
            }
            try emit(l.meta.id.description, s, p)
        }
        for ev in scope.events {
            var p: [String: [String]] = [:]
            let s: String
            func phoneOrRef(_ part: Participant, numberProp: String, refProp: String) {
                guard let e = entity(part.entity) else { return }
                if e.kind == .phone, let v = e.identifiers.first?.value { p[numberProp, default: []].append(v) } else if isA(e, "LegalEntity") {
                    p[refProp, default: []].append(e.meta.id.description)
                }
            }
            switch ev.kind {
            case .call:
                s = "Call"
                for part in ev.participants {
                    if part.role == .caller { phoneOrRef(part, numberProp: "callerNumber", refProp: "caller") }
                    if part.role == .receiver { phoneOrRef(part, numberProp: "receiverNumber", refProp: "receiver") }
                }
                p["startDate"] = [ev.start.description]
                if let end = ev.end { p["endDate"] = [end.description]; p["duration"] = [String((end.utcMicros - ev.start.utcMicros) / 1_000_000)] }
            case .transaction:
                s = "Payment"
                p["date"] = [ev.start.description]
                if let end = ev.end { p["endDate"] = [end.description] }
                for part in ev.participants {
                    guard let e = entity(part.entity) else { continue }
                    let side = part.role.isOrigin ? "payer" : part.role.isDestination ? "beneficiary" : nil
                    guard let side else { continue }
                    if isA(e, "BankAccount") { p[side + "Account", default: []].append(e.meta.id.description) } else if isA(e, "LegalEntity") {
                        p[side, default: []].append(e.meta.id.description)
                    }
                }
                if let m = ev.amount {
                    var amount = String(describing: m).split(separator: " ").first.map(String.init) ?? ""
                    if amount.hasSuffix(".00") { amount.removeLast(3) }
                    p["amount"] = [amount]
                    p["currency"] = [m.currency]
                }
            default:
                s = "Event"
                p["name"] = [ev.kind.rawValue]
                p["startDate"] = [ev.start.description]
                if let end = ev.end { p["endDate"] = [end.description] }
                for part in ev.participants {
                    guard let e = entity(part.entity) else { continue }
                    if isA(e, "LegalEntity") { p["involved", default: []].append(e.meta.id.description) } else {
                        skipped["event participants that are not parties", default: 0] += 1
                    }
                }
                if let place = ev.place, let e = entity(place), isA(e, "Address") { p["addressEntity"] = [e.meta.id.description] }
            }
            if !ev.summary.isEmpty { p["summary"] = [ev.summary] }
            let types = FtMSchemaTable.properties[s] ?? [:]
            for a in ev.attributes where types[a.key] != nil && p[a.key] == nil && FtMMapping.plainTypes.contains(types[a.key]!) && valid(a.value, type: types[a.key]!) {
                p[a.key, default: []].append(a.value)
            }
            try emit(ev.meta.id.description, s, p)
        }
        report.skipped = skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
        return report
    }

    static func valid(_ v: String, type: String) -> Bool {
        switch type {
        case "date": return TimePoint.parse(v) != nil
        case "number": return Double(v) != nil
        case "country": return Country.normalize(v) != nil
        default: return !v.isEmpty
        }
    }
}

func formatNumber(_ d: Double) -> String {
    d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
}
