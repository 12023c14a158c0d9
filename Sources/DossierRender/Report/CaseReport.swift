import DossierEngine
import DossierModel

/// Builds the report analysts hand on for one case: summary, handling, key entities ranked with the engine's
/// measures, links, the timeline drawn in text, every statement with its source, grading and handling, and the
/// sources themselves.
public struct CaseReport {
    public var reader: any ItemReader
    public var caseItem: Case
    /// When the report was made (shown in it; passed in so output is reproducible).
    public var generatedAt: TimePoint
    public var generatedBy: String
    /// Width of the text drawings.
    public var width: Int
    public var glyphs: GlyphSet
    /// How many entities the ranking lists.
    public var topEntities: Int
    /// A link chart drawn by the caller (the chart module), included verbatim when given.
    public var chartText: String?

    public init(reader: any ItemReader, caseItem: Case, generatedAt: TimePoint, generatedBy: String, width: Int = 100,
                glyphs: GlyphSet = .unicode, topEntities: Int = 15, chartText: String? = nil) {
        self.reader = reader
        self.caseItem = caseItem
        self.generatedAt = generatedAt
        self.generatedBy = generatedBy
        self.width = width
        self.glyphs = glyphs
        self.topEntities = topEntities
        self.chartText = chartText
    }

    public func document() -> ReportDocument {
        let caseID = caseItem.meta.id
        let entities = reader.allEntities(inCase: caseID)
        let links = reader.allLinks(inCase: caseID)
        let events = reader.allEvents(inCase: caseID).sorted { ($0.start.utcMicros, $0.meta.id) < ($1.start.utcMicros, $1.meta.id) }
        let notes = reader.allItems(.note, inCase: caseID).compactMap(\.note)
        let sources = reader.allItems(.source, inCase: caseID).compactMap(\.source)
        let title = caseItem.title.isEmpty ? "Case \(caseItem.name)" : "\(caseItem.title) (\(caseItem.name))"
        var doc = ReportDocument(title: "Case report: " + title)

        // Handling first: the reader must know how the report may be shared before reading on.
        let allMetas = entities.map(\.meta) + links.map(\.meta) + events.map(\.meta) + notes.map(\.meta)
        var handlings = Set<String>()
        for m in allMetas { if let h = reader.effectiveHandling(of: m) { handlings.insert(h.description) } }
        for s in sources { if let h = s.handling { handlings.insert(h.description) } }
        doc.blocks.append(.paragraph("Handling: " + (handlings.isEmpty ? "none recorded" : handlings.sorted().joined(separator: ", "))
            + ". Each statement below carries its own handling; the most restrictive applies to the whole report."))

        doc.blocks.append(.heading(level: 2, text: "Summary"))
        var facts = [ReportDocument.Fact("Case", caseItem.name), .init("Id", caseID.description),
                     .init("Status", caseItem.status)]
        if !caseItem.summary.isEmpty { facts.append(.init("Summary", caseItem.summary)) }
        if !caseItem.restrictedTo.isEmpty { facts.append(.init("Restricted to", caseItem.restrictedTo.joined(separator: ", "))) }
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) " + (n == 1 ? one : many) }
        facts.append(.init("Contents", [count(entities.count, "entity", "entities"), count(links.count, "link", "links"),
                                        count(events.count, "event", "events"), count(notes.count, "note", "notes"),
                                        count(sources.count, "source", "sources")].joined(separator: ", ")))
        if let first = events.first, let last = events.last {
            facts.append(.init("Period", "\(first.start.utcISO8601) to \((last.end ?? last.start).utcISO8601)"))
        }
        facts.append(.init("Generated", "\(generatedAt.utcISO8601) by \(generatedBy)"))
        doc.blocks.append(.facts(facts))

        doc.blocks.append(.heading(level: 2, text: "Key entities"))
        doc.blocks += keyEntities(caseID: caseID, entityCount: entities.count)

        doc.blocks.append(.heading(level: 2, text: "Link chart"))
        if let chartText {
            doc.blocks.append(.preformatted(chartText))
        } else if links.isEmpty {
            doc.blocks.append(.paragraph("No links recorded."))
        }
        if !links.isEmpty {
            doc.blocks.append(.table(header: ["From", "Link", "To", "When"], rows: links.map { l in
                [name(l.from), l.label.isEmpty ? l.type.rawValue : "\(l.type.rawValue): \(l.label)",
                 (l.directed ? "→ " : "— ") + name(l.to), span(l.start, l.end)]
            }))
        }

        doc.blocks.append(.heading(level: 2, text: "Timeline"))
        if events.isEmpty {
            doc.blocks.append(.paragraph("No events recorded."))
        } else {
            let data = TimelineData.build(from: reader, caseID: caseID)
            let view = TimelineView(data: data, title: "Timeline of \(caseItem.name)")
            let canvas = view.rendered(width: width, height: view.preferredHeight,
                                       context: RenderContext(theme: .plain, glyphs: glyphs))
            doc.blocks.append(.preformatted(canvas.text()))
        }

        doc.blocks.append(.heading(level: 2, text: "Statements"))
        doc.blocks.append(.paragraph("Every entity, link, event and note of the case with where it came from, its grading "
            + "(Admiralty: source reliability A-F, information credibility 1-6) and its handling."))
        var rows: [[String]] = []
        for e in entities { rows.append(statementRow(e.meta, "entity", entityText(e))) }
        for l in links { rows.append(statementRow(l.meta, "link", linkText(l))) }
        for e in events { rows.append(statementRow(e.meta, "event", eventText(e))) }
        for n in notes { rows.append(statementRow(n.meta, "note", noteText(n))) }
        doc.blocks.append(.table(header: ["Id", "Type", "Statement", "Source", "Grading", "Handling"], rows: rows))

        doc.blocks.append(.heading(level: 2, text: "Sources"))
        if sources.isEmpty {
            doc.blocks.append(.paragraph("No sources recorded."))
        } else {
            doc.blocks.append(.table(header: ["Id", "Provider", "Reference", "Received", "Grading", "Handling", "Legal basis", "File"],
                                     rows: sources.map { s in
                [s.meta.id.description, s.provider, s.reference, s.received?.utcISO8601 ?? "",
                 "\(s.grading) (\(s.grading.meaning))", s.handling.map { "\($0) (\($0.meaning))" } ?? "",
                 s.legalBasis, s.fileName.isEmpty ? "" : "\(s.fileName) sha256:\(s.sha256)"]
            }))
        }
        return doc
    }

    // MARK: Parts

    private func keyEntities(caseID: ItemID, entityCount: Int) -> [ReportDocument.Block] {
        guard entityCount > 0 else { return [.paragraph("No entities recorded.")] }
        guard let graph = try? GraphView.build(from: reader, options: GraphOptions(caseID: caseID), cache: nil),
              graph.nodeCount > 0 else {
            return [.paragraph("No links or events connect the entities.")]
        }
        let g = graph.graph(directed: false, weighted: false)
        let degree = Centrality.degree(g)
        // Exact betweenness is cubic-ish; sample pivots on big cases so the report stays quick.
        let sample = graph.nodeCount > 2000 ? 500 : nil
        let betweenness = (try? Centrality.compute(.betweenness, graph: g, sample: sample))?.scores
        let pagerank = (try? Centrality.compute(.pagerank, graph: graph.graph(directed: true, weighted: true)))?.scores
        let order = (0..<graph.nodeCount).sorted { a, b in
            let ka = (g.outDegree(a), betweenness?[a] ?? 0), kb = (g.outDegree(b), betweenness?[b] ?? 0)
            return ka != kb ? ka > kb : graph.ids[a] < graph.ids[b]
        }
        var rows: [[String]] = []
        for (rank, v) in order.prefix(topEntities).enumerated() {
            rows.append(["\(rank + 1)", graph.names[v], graph.kinds[v], "\(g.outDegree(v))", fmt(degree[v]),
                         betweenness.map { fmt($0[v]) } ?? "", pagerank.map { fmt($0[v]) } ?? ""])
        }
        return [
            .paragraph("Ranked by the number of distinct neighbours (through links and events), then betweenness. "
                + "Degree, betweenness and PageRank as computed by the Dossier engine (networkx conventions)"
                + (sample != nil ? "; betweenness sampled with \(sample ?? 0) pivots." : ".")),
            .table(header: ["Rank", "Entity", "Kind", "Neighbours", "Degree", "Betweenness", "PageRank"], rows: rows),
        ]
    }

    private func statementRow(_ meta: ItemMeta, _ type: String, _ text: String) -> [String] {
        var source = "none recorded"
        if let sid = meta.source {
            if let s = reader.item(sid)?.source {
                source = s.reference.isEmpty ? s.provider : "\(s.provider) \(s.reference)"
            } else {
                source = "missing source \(sid)"
            }
        }
        let grading = reader.effectiveGrading(of: meta).map(\.description) ?? "ungraded"
        let handling = reader.effectiveHandling(of: meta).map(\.description) ?? "none"
        return [meta.id.description, type, text, source, grading, handling]
    }

    private func name(_ id: ItemID) -> String { reader.item(id)?.displayName ?? id.description }

    private func entityText(_ e: Entity) -> String {
        var s = "\(e.kind.rawValue) \(e.name)"
        if !e.aliases.isEmpty { s += "; aliases: " + e.aliases.joined(separator: ", ") }
        if !e.identifiers.isEmpty { s += "; identifiers: " + e.identifiers.map { "\($0)" }.joined(separator: ", ") }
        for a in e.attributes { s += "; \(a.key): \(a.value)" }
        return s
    }

    private func linkText(_ l: Link) -> String {
        var s = "\(name(l.from)) \(l.type.rawValue) \(name(l.to))"
        if !l.label.isEmpty { s += " (\(l.label))" }
        let when = span(l.start, l.end)
        if !when.isEmpty { s += ", \(when)" }
        return s
    }

    private func eventText(_ e: Event) -> String {
        var s = "\(e.start) \(e.kind.rawValue)"
        if let end = e.end { s += " until \(end)" }
        let parts = e.participants.map { "\(name($0.entity)) (\($0.role.rawValue))" }
        if !parts.isEmpty { s += ": " + parts.joined(separator: ", ") }
        if let place = e.place { s += " at \(name(place))" }
        if let amount = e.amount { s += "; \(amount)" }
        if !e.summary.isEmpty { s += "; \(e.summary)" }
        return s
    }

    private func noteText(_ n: Note) -> String {
        let about = n.about.map(name).joined(separator: ", ")
        return about.isEmpty ? n.text : "about \(about): \(n.text)"
    }

    private func span(_ a: TimePoint?, _ b: TimePoint?) -> String {
        switch (a, b) {
        case (nil, nil): return ""
        case (let a?, nil): return "from \(a)"
        case (nil, let b?): return "until \(b)"
        case (let a?, let b?): return "\(a) to \(b)"
        }
    }

    private func fmt(_ v: Double) -> String {
        guard v.isFinite else { return "" }
        let scaled = (v * 10_000).rounded()
        let whole = Int(scaled) / 10_000, frac = abs(Int(scaled)) % 10_000
        let f = String(frac)
        return "\(whole).\(String(repeating: "0", count: 4 - f.count))\(f)"
    }
}
