import DossierModel
import Foundation

/// Imports a STIX 2.1 bundle: domain objects and cyber observables become entities, relationships links, sightings
/// events; observed-data and reports become events and notes. `created`/`modified`, `created_by_ref`, confidence and
/// external references are kept on each item; TLP marking definitions (1.0 ids, 2.0 extension, or `definition.tlp`)
/// become the items' handling codes. Objects that cannot be read are rejects naming their line, index and id.
public enum STIXImporter {
    static let domainKinds: [String: EntityKind] = [
        "attack-pattern": "attack-pattern", "campaign": "campaign", "course-of-action": "course-of-action",
        "identity": .organization, "indicator": .indicator, "infrastructure": "infrastructure", "intrusion-set": "intrusion-set",
        "location": .location, "malware": .malware, "threat-actor": "threat-actor", "tool": "tool", "vulnerability": "vulnerability",
    ]
    static let observableKinds: [String: (EntityKind, IdentifierScheme?, String)] = [
        "ipv4-addr": (.ipAddress, .ip, "value"), "ipv6-addr": (.ipAddress, .ip, "value"), "domain-name": (.domain, .domain, "value"),
        "url": (.url, .url, "value"), "email-addr": (.email, .email, "value"), "mac-addr": ("mac-address", .other, "value"),
        "user-account": (.userAccount, .username, "account_login"), "file": ("file", nil, "name"),
        "autonomous-system": ("autonomous-system", .other, "number"), "directory": ("directory", nil, "path"),
        "mutex": ("mutex", nil, "name"), "software": ("software", nil, "name"), "process": ("process", nil, "command_line"),
        "windows-registry-key": ("registry-key", nil, "key"), "x509-certificate": ("x509-certificate", nil, "serial_number"),
        "artifact": (.artifact, nil, "url"), "network-traffic": ("network-traffic", nil, "dst_port"),
        "email-message": ("email-message", nil, "subject"),
    ]
    static let tlp1: [String: String] = [
        "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9": "CLEAR",
        "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da": "GREEN",
        "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82": "AMBER",
        "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed": "RED",
        // TLP 2.0 standard marking definitions.
        "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487": "CLEAR",
        "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb": "GREEN",
        "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421": "AMBER",
        "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003": "AMBER+STRICT",
        "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1": "RED",
    ]

    /// Object types that are read for what they say about others, not imported as items.
    static let ignoredTypes: Set<String> = ["marking-definition", "extension-definition", "language-content"]
    /// Object types that refer to others: imported after every entity-like object is known.
    static let relationTypes: Set<String> = ["relationship", "sighting", "note", "report", "observed-data", "opinion", "grouping"]
    static let shapeError = "not a STIX 2.1 bundle (expected {\"type\": \"bundle\", \"objects\": [...]})"

    /// Reads the bundle in three streaming passes, one object in memory at a time: the first checks the whole file
    /// and collects the marking definitions (an object may come before the marking it references), the second makes
    /// the entity-like objects, the third the relationships, sightings, notes and reports, which may refer to objects
    /// anywhere in the bundle. With `stream`, what the third pass makes (links, events, notes: the part that grows with
    /// the file) is handed to it every `handOverEvery` objects, and the result's batch holds the rest (case, source,
    /// entities), to be added after them; without it everything ends up in the batch. A throw from `stream` ends the
    /// import.
    public static func run(path: String, reader: any ItemReader, context: ImportContext, rejects: RejectWriter? = nil,
                           progress: ((ImportProgress) -> Void)? = nil, stream: (([Change]) throws -> Void)? = nil,
                           handOverEvery: Int = CSVImporter.streamableChangesEvery) throws -> ImportResult {
        let name = baseName(path)
        let passes = JSONPasses(path: path, arrays: ["objects"], shapeError: shapeError, count: 3, progress: progress)
        // Pass 1: the whole file checked; markings (they apply to every object that references them) and the bundle's id.
        let first = try passes.next()
        // The standard TLP marking definitions apply even when the bundle does not repeat them.
        var markings = tlp1.compactMapValues { HandlingCode(scheme: .tlp, code: $0) }
        var bundleType: String?, bundleID: String?
        while let item = try first.next() {
            switch item {
            case .scalar(let key, let value, _):
                if key == "type" { bundleType = value.string } else if key == "id" { bundleID = value.string }
            case .element(let e):
                passes.report(first, e)
                guard JSONObjectPeek.strings(["type"], in: e.bytes)?[0] == "marking-definition",
                      let o = try parse(e, file: name) as? [String: Any], let id = o["id"] as? String else { continue }
                readMarking(o, id: id, into: &markings)
            }
        }
        guard bundleType == "bundle", first.arraysRead.contains("objects") else { throw ExchangeError(file: name, shapeError) }
        var seed: UInt64 = 0x5715
        for b in name.utf8 { seed = (seed ^ UInt64(b)) &* 0x100_0000_01B3 }
        let builder = ImportBuilder(reader: reader, context: context, fileName: name, seed: seed,
                                    rejectSink: rejects.map { r in { r.write($0, fields: $1) } })
        // Relationships and links are never merged with another: they go out with the events as they are made.
        builder.streamsSingleLinks()
        func reject(_ e: JSONElement, _ reason: String) { builder.reject(line: e.line, reason: reason, fields: [e.text]) }
        // Pass 2: domain objects and observables.
        var ids: [String: ItemID] = [:]
        let second = try passes.next()
        while let item = try second.next() {
            guard case .element(let e) = item else { continue }
            passes.report(second, e)
            guard let head = JSONObjectPeek.strings(["type", "id"], in: e.bytes) else {
                reject(e, "object \(e.index + 1) is not a JSON object"); continue
            }
            guard let type = head[0], let id = head[1] else { reject(e, "object \(e.index + 1) has no \"type\" or \"id\""); continue }
            if ignoredTypes.contains(type) || relationTypes.contains(type) { continue }
            guard let o = try parse(e, file: name) as? [String: Any] else { continue }
            switch entity(o, type: type, id: id, builder: builder, markings: markings) {
            case .success(let itemID): ids[id] = itemID
            case .failure(let r): reject(e, "object \(e.index + 1) (\(id)): \(r.text)")
            }
        }
        // Pass 3: what refers to them.
        let third = try passes.next()
        var made = 0
        while let item = try third.next() {
            guard case .element(let e) = item else { continue }
            passes.report(third, e)
            guard let head = JSONObjectPeek.strings(["type", "id"], in: e.bytes), let type = head[0], let id = head[1],
                  relationTypes.contains(type), let o = try parse(e, file: name) as? [String: Any] else { continue }
            if let reason = relation(o, type: type, ids: ids, builder: builder, markings: markings) {
                reject(e, "object \(e.index + 1) (\(id)): \(reason)")
            }
            made += 1
            if made % max(1, handOverEvery) == 0 { try builder.handOver(stream: stream, streamEvents: nil) }
        }
        try builder.handOver(stream: stream, streamEvents: nil)
        builder.setSourceDetails { s in
            if s.provider.isEmpty { s.provider = "STIX bundle \(bundleID ?? name)" }
        }
        return builder.finish(sha256: first.file.sha256Hex, format: "stix")
    }

    /// One object of the bundle, parsed on its own (the stream has checked its syntax).
    static func parse(_ e: JSONElement, file: String) throws -> Any {
        do { return try JSONSerialization.jsonObject(with: Data(e.bytes), options: [.fragmentsAllowed]) } catch {
            throw ExchangeError(file: file, line: e.line, "not valid JSON: object \(e.index + 1) cannot be read")
        }
    }

    /// The handling code a marking definition stands for: a standard TLP 1.0/2.0 id, `definition.tlp`, the TLP 2.0
    /// extension's `tlp_2_0`, or a name "TLP:...".
    static func readMarking(_ o: [String: Any], id: String, into markings: inout [String: HandlingCode]) {
        if let code = tlp1[id] { markings[id] = HandlingCode(scheme: .tlp, code: code); return }
        if let def = o["definition"] as? [String: Any], let tlp = def["tlp"] as? String {
            markings[id] = HandlingCode(scheme: .tlp, code: tlp == "white" ? "CLEAR" : tlp)
        }
        if let ext = o["extensions"] as? [String: Any] {
            for case let v as [String: Any] in ext.values { if let t = v["tlp_2_0"] as? String { markings[id] = HandlingCode(scheme: .tlp, code: t) } }
        }
        if let name = o["name"] as? String, name.uppercased().hasPrefix("TLP:"), markings[id] == nil {
            markings[id] = HandlingCode(name)
        }
    }

    static func time(_ o: [String: Any], _ key: String) -> TimePoint? { (o[key] as? String).flatMap { TimePoint.parse($0) } }

    /// Provenance and handling every STIX object carries.
    static func meta(_ o: [String: Any], builder: ImportBuilder, markings: [String: HandlingCode]) -> (ItemMeta, [Attribute]) {
        var m = builder.meta(created: time(o, "created"), modified: time(o, "modified"))
        var attrs: [Attribute] = [Attribute("stix_id", o["id"] as? String ?? "")]
        for case let ref as String in (o["object_marking_refs"] as? [Any]) ?? [] {
            if let h = markings[ref] { m.handling = h }
        }
        if let by = o["created_by_ref"] as? String { attrs.append(Attribute("created_by_ref", by)) }
        if let c = o["confidence"] as? Int {
            attrs.append(Attribute("confidence", String(c)))
            // STIX confidence to Admiralty credibility: 90->1, 70->2, 50->3, 30->4, 10->5.
            let cred: InformationCredibility = c >= 80 ? .confirmed : c >= 60 ? .probablyTrue : c >= 40 ? .possiblyTrue : c >= 20 ? .doubtful : .improbable
            m.grading = Grading(.f, cred)
        }
        for case let r as [String: Any] in (o["external_references"] as? [Any]) ?? [] {
            let parts = [r["source_name"] as? String, r["external_id"] as? String, r["url"] as? String].compactMap { $0 }
            attrs.append(Attribute("external_reference", parts.joined(separator: " ")))
        }
        for case let l as String in (o["labels"] as? [Any]) ?? [] { m.tags.append(l) }
        return (m, attrs)
    }

    static func entity(_ o: [String: Any], type: String, id: String, builder: ImportBuilder,
                       markings: [String: HandlingCode]) -> Result<ItemID, RejectReason> {
        var (m, attrs) = meta(o, builder: builder, markings: markings)
        var kind: EntityKind
        var name = o["name"] as? String ?? ""
        var identifiers: [Identifier] = []
        var coordinates: GeoPoint?
        if let k = domainKinds[type] {
            kind = k
            if type == "identity" {
                let cls = o["identity_class"] as? String ?? "organization"
                kind = cls == "individual" ? .person : cls == "system" ? "system" : .organization
            }
            if type == "indicator", let pattern = o["pattern"] as? String {
                attrs.append(Attribute("pattern", pattern))
                if name.isEmpty { name = pattern }
            }
            if type == "location" {
                if let la = o["latitude"] as? Double, let lo = o["longitude"] as? Double {
                    guard abs(la) <= 90, abs(lo) <= 180 else { return .failure(RejectReason("bad coordinates")) }
                    coordinates = GeoPoint(latitude: la, longitude: lo)
                }
                if name.isEmpty { name = [o["city"], o["region"], o["country"]].compactMap { $0 as? String }.joined(separator: ", ") }
                if let c = o["country"] as? String { attrs.append(Attribute("country", c)) }
            }
            if type == "vulnerability" {
                for case let r as [String: Any] in (o["external_references"] as? [Any]) ?? [] where r["source_name"] as? String == "cve" {
                    if let cve = r["external_id"] as? String { identifiers.append(Identifier(scheme: .other, normalized: cve.lowercased())) }
                }
            }
            for key in ["description", "aliases", "first_seen", "last_seen", "valid_from", "valid_until", "indicator_types",
                        "malware_types", "threat_actor_types", "tool_types", "infrastructure_types", "sophistication",
                        "resource_level", "primary_motivation", "objective", "is_family", "roles", "sectors", "contact_information"] {
                if let s = o[key] as? String { attrs.append(Attribute(key, s)) } else if let list = o[key] as? [Any] {
                    for case let s as String in list { attrs.append(Attribute(key, s)) }
                } else if let b = o[key] as? Bool { attrs.append(Attribute(key, b ? "true" : "false")) }
            }
        } else if let (k, scheme, valueKey) = observableKinds[type] {
            kind = k
            let raw: String? = (o[valueKey] as? String) ?? (o[valueKey] as? Int).map(String.init)
            if let raw {
                name = raw
                if let scheme {
                    do {
                        let identifier = try Identifier(scheme: scheme, raw: raw)
                        identifiers.append(identifier)
                        name = identifier.value
                    } catch let e as NormalizationError {
                        return .failure(RejectReason("bad \(scheme.rawValue) \"\(raw)\": \(e.reason)"))
                    } catch { return .failure(RejectReason("bad value")) }
                }
            }
            if let hashes = o["hashes"] as? [String: Any] {
                for (alg, v) in hashes.sorted(by: { $0.key < $1.key }) {
                    if let s = v as? String {
                        attrs.append(Attribute("hash:" + alg, s))
                        identifiers.append(Identifier(scheme: .other, normalized: alg.lowercased() + ":" + s.lowercased()))
                    }
                }
                if name.isEmpty, let first = identifiers.first { name = first.value }
            }
            if name.isEmpty { name = type }
            if type == "user-account", let d = o["display_name"] as? String { attrs.append(Attribute("display_name", d)) }
            if type == "email-addr", let d = o["display_name"] as? String { attrs.append(Attribute("display_name", d)) }
        } else if type.hasPrefix("x-") {
            kind = EntityKind(rawValue: type)
        } else {
            return .failure(RejectReason("unknown STIX type \"\(type)\""))
        }
        if name.isEmpty { name = id }
        m.tags.append("stix:" + type)
        builder.beginRow()
        let itemID = builder.add(entity: Entity(meta: m, kind: kind, name: name, aliases: (o["aliases"] as? [String]) ?? [],
                                                identifiers: identifiers, attributes: attrs, coordinates: coordinates))
        builder.endRow()
        return .success(itemID)
    }

    static func relation(_ o: [String: Any], type: String, ids: [String: ItemID], builder: ImportBuilder,
                         markings: [String: HandlingCode]) -> String? {
        var (m, attrs) = meta(o, builder: builder, markings: markings)
        func ref(_ key: String) -> Result<ItemID?, RejectReason> {
            guard let r = o[key] as? String else { return .success(nil) }
            guard let i = ids[r] else { return .failure(RejectReason("unknown object \"\(r)\" in \"\(key)\"")) }
            return .success(i)
        }
        func refs(_ key: String) -> [ItemID] { ((o[key] as? [Any]) ?? []).compactMap { ($0 as? String).flatMap { ids[$0] } } }
        switch type {
        case "relationship":
            guard case .success(let s?) = ref("source_ref") else { return "unknown or missing \"source_ref\" \(o["source_ref"] as? String ?? "")" }
            guard case .success(let t?) = ref("target_ref") else { return "unknown or missing \"target_ref\" \(o["target_ref"] as? String ?? "")" }
            let rel = o["relationship_type"] as? String ?? "related-to"
            if let d = o["description"] as? String { attrs.append(Attribute("description", d)) }
            builder.beginRow()
            // Never merged with another link: streamed as it is made.
            builder.link(type: LinkType(rawValue: rel), from: s, to: t, directed: true, start: time(o, "start_time"),
                         end: time(o, "stop_time"), attributes: attrs, id: m.id, aggregate: false)
            builder.endRow()
        case "sighting":
            guard case .success(let of?) = ref("sighting_of_ref") else { return "unknown or missing \"sighting_of_ref\"" }
            guard let start = time(o, "first_seen") ?? time(o, "created") else { return "no \"first_seen\" or \"created\" time" }
            var parts = [Participant(of, role: .subject)]
            parts += refs("where_sighted_refs").map { Participant($0, role: .location) }
            parts += refs("observed_data_refs").map { Participant($0, role: .participant) }
            if let c = o["count"] as? Int { attrs.append(Attribute("count", String(c))) }
            m.tags.append("stix:sighting")
            builder.beginRow()
            builder.add(event: Event(meta: m, kind: .sighting, start: start, end: time(o, "last_seen"), participants: parts,
                                     summary: o["description"] as? String ?? "", attributes: attrs))
            builder.endRow()
        case "observed-data":
            guard let start = time(o, "first_observed") else { return "no \"first_observed\" time" }
            let parts = refs("object_refs").map { Participant($0, role: .subject) }
            if let n = o["number_observed"] as? Int { attrs.append(Attribute("number_observed", String(n))) }
            builder.beginRow()
            builder.add(event: Event(meta: m, kind: "observation", start: start, end: time(o, "last_observed"), participants: parts,
                                     attributes: attrs))
            builder.endRow()
        case "note", "report", "opinion", "grouping":
            let about = refs("object_refs")
            var text = [o["name"] as? String, o["abstract"] as? String, o["content"] as? String, o["description"] as? String,
                        o["explanation"] as? String, (o["opinion"] as? String).map { "Opinion: \($0)" }]
                .compactMap { $0 }.joined(separator: "\n")
            if type == "report", let p = o["published"] as? String { text += "\nPublished \(p)" }
            for a in attrs where a.key == "external_reference" { text += "\nRef: \(a.value)" }
            builder.beginRow()
            builder.add(note: Note(meta: m, about: about, text: "[\(type)] " + text))
            builder.endRow()
        default:
            return "unknown STIX type \"\(type)\""
        }
        return nil
    }
}
