import DossierModel

/// GraphML that Gephi, yEd and networkx read: entities as nodes (label, kind, case), links and two-sided events
/// (caller -> receiver, payer -> payee) as edges (type, weight, time).
public enum GraphMLExporter {
    public static func write(_ scope: ExportScope, to out: OutputFile) throws -> ExportReport {
        var report = ExportReport()
        report.files = [out.path]
        try out.write("""
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
        xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
          <key id="label" for="node" attr.name="label" attr.type="string"/>
          <key id="kind" for="node" attr.name="kind" attr.type="string"/>
          <key id="case" for="node" attr.name="case" attr.type="string"/>
          <key id="type" for="edge" attr.name="type" attr.type="string"/>
          <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
          <key id="time" for="edge" attr.name="time" attr.type="string"/>
          <graph id="dossier" edgedefault="directed">

        """)
        var nodes: Set<ItemID> = []
        for e in scope.entities {
            nodes.insert(e.meta.id)
            try out.write("    <node id=\"\(e.meta.id)\"><data key=\"label\">\(xml(e.name))</data><data key=\"kind\">\(xml(e.kind.rawValue))</data>"
                + "<data key=\"case\">\(xml(scope.caseNames(e.meta)))</data></node>\n")
        }
        var edges = 0
        func edge(_ id: String, _ from: ItemID, _ to: ItemID, type: String, weight: Double, time: TimePoint?, directed: Bool) throws {
            guard nodes.contains(from), nodes.contains(to) else { return }
            edges += 1
            try out.write("    <edge id=\"\(id)\" source=\"\(from)\" target=\"\(to)\"\(directed ? "" : " directed=\"false\"")>"
                + "<data key=\"type\">\(xml(type))</data><data key=\"weight\">\(formatNumber(weight))</data>"
                + (time.map { "<data key=\"time\">\($0.utcISO8601)</data>" } ?? "") + "</edge>\n")
        }
        for l in scope.links {
            try edge(l.meta.id.description, l.from, l.to, type: l.type.rawValue, weight: l.weight, time: l.start, directed: l.directed)
        }
        for ev in scope.events {
            let origins = ev.participants.filter { $0.role.isOrigin }
            let destinations = ev.participants.filter { $0.role.isDestination }
            for (i, o) in origins.enumerated() {
                for (j, d) in destinations.enumerated() {
                    try edge("\(ev.meta.id)-\(i)-\(j)", o.entity, d.entity, type: ev.kind.rawValue, weight: 1, time: ev.start, directed: true)
                }
            }
        }
        try out.write("  </graph>\n</graphml>\n")
        report.counts = ["nodes": nodes.count, "edges": edges]
        return report
    }

    static func xml(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                // XML 1.0 forbids most control characters.
                if c.value < 0x20 && c != "\n" && c != "\t" && c != "\r" { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
