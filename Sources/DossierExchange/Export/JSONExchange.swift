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
///
/// Two streaming passes, one element in memory at a time: the first checks the whole file and makes the entities
/// (links, events and notes may come before the entities they refer to, as the exporter's sorted keys put them); the
/// second makes the links, events and notes. With `stream`, what the second pass makes (the part that grows with the
/// file) is handed to it every `handOverEvery` elements, and the result's batch holds the rest (case, source,
/// entities), to be added after them. A throw from `stream` ends the import.
public enum JSONImporter {
    /// The document's arrays, in the order `DossierDocument` declares them.
    static let arrays = ["cases", "sources", "entities", "links", "events", "notes"]

    public static func run(path: String, reader: any ItemReader, context: ImportContext, rejects: RejectWriter? = nil,
                           progress: ((ImportProgress) -> Void)? = nil, stream: (([Change]) throws -> Void)? = nil,
                           handOverEvery: Int = CSVImporter.streamableChangesEvery) throws -> ImportResult {
        let name = baseName(path)
        let decoder = JSONDecoder()
        let passes = JSONPasses(path: path, arrays: Set(arrays), shapeError: "not a Dossier JSON document (not a JSON object)",
                                count: 2, progress: progress)
        var seed: UInt64 = 0x150
        for b in name.utf8 { seed = (seed ^ UInt64(b)) &* 0x100_0000_01B3 }
        let builder = ImportBuilder(reader: reader, context: context, fileName: name, seed: seed,
                                    rejectSink: rejects.map { r in { r.write($0, fields: $1) } })
        // Relationships and links are never merged with another: they go out with the events as they are made.
        builder.streamsSingleLinks()
        // Pass 1: the whole file checked, the document's scalars, and its entities (cases and sources are checked).
        let first = try passes.next()
        var format: JSONScalar?, version: JSONScalar?
        var map: [ItemID: ItemID] = [:]
        while let item = try first.next() {
            switch item {
            case .scalar(let key, let value, _):
                if key == "format" { format = value } else if key == "version" { version = value }
            case .element(let e):
                passes.report(first, e)
                switch e.array {
                case "cases": _ = try decode(Case.self, e, decoder, file: name)
                case "sources": _ = try decode(Source.self, e, decoder, file: name)
                case "entities":
                    let entity = try decode(Entity.self, e, decoder, file: name)
                    builder.beginRow()
                    var copy = entity
                    copy.meta = builder.meta(created: entity.meta.createdAt, modified: entity.meta.modifiedAt)
                    copy.meta.grading = entity.meta.grading
                    copy.meta.handling = entity.meta.handling
                    copy.meta.tags = entity.meta.tags
                    map[entity.meta.id] = builder.add(entity: copy)
                    builder.endRow()
                default: continue
                }
            }
        }
        for key in ["format", "version"] + arrays where !first.members.contains(key) {
            throw ExchangeError(file: name, "missing \"\(key)\"")
        }
        for key in arrays where !first.arraysRead.contains(key) { throw ExchangeError(file: name, "wrong type at \(key)") }
        guard let formatName = format?.string else { throw ExchangeError(file: name, "wrong type at format") }
        guard version?.int != nil else { throw ExchangeError(file: name, "wrong type at version") }
        guard formatName == "dossier" else { throw ExchangeError(file: name, "not a Dossier JSON document (format \"\(formatName)\")") }
        // Pass 2: links, events and notes, rewired to the entities the first pass resolved.
        func rewire(_ id: ItemID) -> ItemID? { map[id] }
        let second = try passes.next()
        var made = 0
        while let item = try second.next() {
            guard case .element(let e) = item else { continue }
            passes.report(second, e)
            switch e.array {
            case "links":
                let l = try decode(Link.self, e, decoder, file: name)
                guard let a = rewire(l.from), let b = rewire(l.to) else {
                    builder.reject(line: e.line, reason: "link \(l.meta.id) refers to an entity not in the file", fields: [e.text])
                    continue
                }
                builder.beginRow()
                // Never merged with another link: streamed as it is made.
                builder.link(type: l.type, from: a, to: b, directed: l.directed, weight: l.weight, start: l.start, end: l.end,
                             label: l.label, attributes: l.attributes, aggregate: false)
                builder.endRow()
            case "events":
                let ev = try decode(Event.self, e, decoder, file: name)
                var copy = ev
                copy.meta = builder.meta(created: ev.meta.createdAt, modified: ev.meta.modifiedAt)
                copy.meta.grading = ev.meta.grading
                copy.meta.handling = ev.meta.handling
                copy.participants = ev.participants.compactMap { p in rewire(p.entity).map { Participant($0, role: p.role) } }
                copy.place = ev.place.flatMap(rewire)
                builder.beginRow()
                builder.add(event: copy)
                builder.endRow()
            case "notes":
                let n = try decode(Note.self, e, decoder, file: name)
                var copy = n
                copy.meta = builder.meta(created: n.meta.createdAt, modified: n.meta.modifiedAt)
                copy.about = n.about.compactMap(rewire)
                builder.beginRow()
                builder.add(note: copy)
                builder.endRow()
            default:
                continue
            }
            made += 1
            if made % max(1, handOverEvery) == 0 { try builder.handOver(stream: stream, streamEvents: nil) }
        }
        try builder.handOver(stream: stream, streamEvents: nil)
        return builder.finish(sha256: first.file.sha256Hex, format: "json")
    }

    /// One element decoded on its own; a value the model does not accept names the element's line and path.
    static func decode<T: Decodable>(_ type: T.Type, _ e: JSONElement, _ decoder: JSONDecoder, file: String) throws -> T {
        do {
            return try decoder.decode(T.self, from: Data(e.bytes))
        } catch let DecodingError.dataCorrupted(c) {
            let why = c.debugDescription.isEmpty ? "" : ": " + c.debugDescription
            throw ExchangeError(file: file, line: e.line, "bad value at \(codingPath(e, c))\(why)")
        } catch let DecodingError.keyNotFound(k, c) {
            throw ExchangeError(file: file, line: e.line, "missing \"\(k.stringValue)\" at \(codingPath(e, c))")
        } catch let DecodingError.typeMismatch(_, c) {
            throw ExchangeError(file: file, line: e.line, "wrong type at \(codingPath(e, c))")
        } catch let DecodingError.valueNotFound(_, c) {
            throw ExchangeError(file: file, line: e.line, "missing value at \(codingPath(e, c))")
        } catch {
            throw ExchangeError(file: file, line: e.line, "not valid JSON: \(e.array)[\(e.index)] cannot be read")
        }
    }

    /// Where in the document a decoding error is: "entities[3].meta.createdAt".
    static func codingPath(_ e: JSONElement, _ c: DecodingError.Context) -> String {
        "\(e.array)[\(e.index)]" + c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
    }
}
