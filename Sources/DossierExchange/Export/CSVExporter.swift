import DossierModel

/// One CSV file per item kind in a directory: cases, sources, entities, links, events, notes.
public enum CSVExporter {
    public static func write(_ scope: ExportScope, toDirectory dir: String) throws -> ExportReport {
        var report = ExportReport()
        let caseName = { (m: ItemMeta) in scope.caseNames(m) }
        func grading(_ m: ItemMeta) -> String { m.grading?.description ?? "" }
        func handling(_ m: ItemMeta) -> String { m.handling?.description ?? "" }
        func file(_ name: String, _ header: [String], _ rows: [[String]]) throws {
            let out = try OutputFile(path: dir + "/" + name)
            try out.write(CSVWriter.line(header))
            for r in rows { try out.write(CSVWriter.line(r)) }
            try out.close()
            report.files.append(out.path)
            report.counts[String(name.dropLast(4)), default: 0] += rows.count
        }
        try file("cases.csv", ["id", "name", "title", "status", "summary"],
                 scope.cases.map { [$0.meta.id.description, $0.name, $0.title, $0.status, $0.summary] })
        try file("sources.csv", ["id", "provider", "reference", "received", "grading", "handling", "legal_basis", "purpose", "file", "sha256", "cases"],
                 scope.sources.map { s in
                     [s.meta.id.description, s.provider, s.reference, s.received?.description ?? "", s.grading.description,
                      s.handling?.description ?? "", s.legalBasis, s.purpose, s.fileName, s.sha256, caseName(s.meta)]
                 })
        try file("entities.csv", ["id", "kind", "name", "aliases", "identifiers", "latitude", "longitude", "attributes", "cases", "source", "grading", "handling"],
                 scope.entities.map { e in
                     [e.meta.id.description, e.kind.rawValue, e.name, e.aliases.joined(separator: "; "),
                      e.identifiers.map(\.description).joined(separator: "; "),
                      e.coordinates.map { String($0.latitude) } ?? "", e.coordinates.map { String($0.longitude) } ?? "",
                      e.attributes.map { "\($0.key)=\($0.value)" }.joined(separator: "; "), caseName(e.meta),
                      e.meta.source?.description ?? "", grading(e.meta), handling(e.meta)]
                 })
        try file("links.csv", ["id", "type", "from", "to", "directed", "weight", "start", "end", "label", "cases", "source"],
                 scope.links.map { l in
                     [l.meta.id.description, l.type.rawValue, l.from.description, l.to.description, l.directed ? "true" : "false",
                      formatNumber(l.weight), l.start?.description ?? "", l.end?.description ?? "", l.label, caseName(l.meta),
                      l.meta.source?.description ?? ""]
                 })
        try file("events.csv", ["id", "kind", "start", "end", "participants", "place", "amount", "currency", "summary", "cases", "source"],
                 scope.events.map { e in
                     [e.meta.id.description, e.kind.rawValue, e.start.description, e.end?.description ?? "",
                      e.participants.map { "\($0.role.rawValue)=\($0.entity)" }.joined(separator: "; "), e.place?.description ?? "",
                      e.amount.map { String(String(describing: $0).split(separator: " ")[0]) } ?? "", e.amount?.currency ?? "",
                      e.summary, caseName(e.meta), e.meta.source?.description ?? ""]
                 })
        try file("notes.csv", ["id", "about", "text", "cases"],
                 scope.notes.map { [$0.meta.id.description, $0.about.map(\.description).joined(separator: "; "), $0.text, caseName($0.meta)] })
        return report
    }
}
