import DossierModel
import Foundation

/// Dossier's own JSON document: every case, source, entity, link, event and note with all their fields.
public struct DossierDocument: Codable, Sendable {
    public var format = "dossier"
    public var version = 1
    public var cases: [Case] = []
    public var sources: [Source] = []
    public var entities: [Entity] = []
    public var links: [Link] = []
    public var events: [Event] = []
    public var notes: [Note] = []
    public init() {}
}

public enum JSONExporter {
    public static func write(_ scope: ExportScope, to out: OutputFile) throws -> ExportReport {
        var doc = DossierDocument()
        doc.cases = scope.cases
        doc.sources = scope.sources
        doc.entities = scope.entities
        doc.links = scope.links
        doc.events = scope.events
        doc.notes = scope.notes
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try out.write(bytes: Array(try encoder.encode(doc)) + [10])
        var report = ExportReport()
        report.files = [out.path]
        report.counts = ["cases": doc.cases.count, "sources": doc.sources.count, "entities": doc.entities.count,
                         "links": doc.links.count, "events": doc.events.count, "notes": doc.notes.count]
        return report
    }
}

/// Imports a Dossier JSON document into a case: entities resolve by identifier like every import, references are
/// rewired to the resolved ids, and the file becomes the source of what it adds.
public enum JSONImporter {
    public static func run(path: String, reader: any ItemReader, context: ImportContext) throws -> ImportResult {
        let name = baseName(path)
        let file = try FileBytes(path: path)
        var bytes: [UInt8] = []
        while try file.read(into: &bytes, max: 1 << 20) > 0 {}
        let doc: DossierDocument
        do {
            doc = try JSONDecoder().decode(DossierDocument.self, from: Data(bytes))
        } catch let DecodingError.dataCorrupted(c) {
            throw ExchangeError(file: name, line: lineOf(c, in: bytes), "not valid JSON" + detail(c))
        } catch let DecodingError.keyNotFound(k, c) {
            throw ExchangeError(file: name, "missing \"\(k.stringValue)\" at \(codingPath(c))")
        } catch let DecodingError.typeMismatch(_, c) {
            throw ExchangeError(file: name, "wrong type at \(codingPath(c))\(detail(c))")
        } catch let DecodingError.valueNotFound(_, c) {
            throw ExchangeError(file: name, "missing value at \(codingPath(c))")
        }
        guard doc.format == "dossier" else { throw ExchangeError(file: name, "not a Dossier JSON document (format \"\(doc.format)\")") }
        var seed: UInt64 = 0x150
        for b in name.utf8 { seed = (seed ^ UInt64(b)) &* 0x100_0000_01B3 }
        let builder = ImportBuilder(reader: reader, context: context, fileName: name, seed: seed)
        var map: [ItemID: ItemID] = [:]
        for e in doc.entities {
            builder.beginRow()
            var copy = e
            copy.meta = builder.meta(created: e.meta.createdAt, modified: e.meta.modifiedAt)
            copy.meta.grading = e.meta.grading
            copy.meta.handling = e.meta.handling
            copy.meta.tags = e.meta.tags
            map[e.meta.id] = builder.add(entity: copy)
            builder.endRow()
        }
        func rewire(_ id: ItemID) -> ItemID? { map[id] }
        for l in doc.links {
            guard let a = rewire(l.from), let b = rewire(l.to) else {
                builder.reject(line: 0, reason: "link \(l.meta.id) refers to an entity not in the file"); continue
            }
            builder.beginRow()
            builder.link(type: l.type, from: a, to: b, directed: l.directed, weight: l.weight, start: l.start, end: l.end,
                         label: l.label, attributes: l.attributes, aggregate: false)
            builder.endRow()
        }
        for ev in doc.events {
            var copy = ev
            copy.meta = builder.meta(created: ev.meta.createdAt, modified: ev.meta.modifiedAt)
            copy.meta.grading = ev.meta.grading
            copy.meta.handling = ev.meta.handling
            copy.participants = ev.participants.compactMap { p in rewire(p.entity).map { Participant($0, role: p.role) } }
            copy.place = ev.place.flatMap(rewire)
            builder.beginRow()
            builder.add(event: copy)
            builder.endRow()
        }
        for n in doc.notes {
            var copy = n
            copy.meta = builder.meta(created: n.meta.createdAt, modified: n.meta.modifiedAt)
            copy.about = n.about.compactMap(rewire)
            builder.beginRow()
            builder.add(note: copy)
            builder.endRow()
        }
        return builder.finish(sha256: file.sha256Hex, format: "json")
    }

    static func codingPath(_ c: DecodingError.Context) -> String {
        c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().trimmingCharacters(in: ".")
    }

    static func detail(_ c: DecodingError.Context) -> String {
        c.codingPath.isEmpty ? "" : " at \(codingPath(c))"
    }

    /// JSONSerialization reports byte offsets in its underlying error; turn one into a line number when present.
    static func lineOf(_ c: DecodingError.Context, in bytes: [UInt8]) -> Int? {
        c.underlyingError.flatMap { jsonErrorLine($0, bytes: bytes) }
    }
}
