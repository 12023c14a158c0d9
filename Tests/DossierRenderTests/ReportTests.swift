import DossierModel
import Testing
@testable import DossierRender

@Suite struct ReportTests {
    static func world() -> (InMemoryItems, Case) {
        var items = Fixtures.smallWorld()
        let source = Source(meta: Fixtures.meta(300, cases: [Fixtures.caseID]), provider: "Europol", reference: "SIENA 123/24",
                            grading: Grading(.b, .probablyTrue), handling: HandlingCode("H2"), legalBasis: "Art. 18 ER")
        items.put(.source(source))
        items.put(.link(Link(meta: Fixtures.meta(301, cases: [Fixtures.caseID], source: source.meta.id), type: .owns,
                             from: Fixtures.lee, to: Fixtures.bank, directed: true, label: "<b>holder</b> | main")))
        items.put(.note(Note(meta: Fixtures.meta(302, cases: [Fixtures.caseID], grading: Grading(.c, .possiblyTrue)),
                             about: [Fixtures.lee], text: "Seen with Ana & \"friends\" at the port")))
        let c = items.cases[0]
        return (items, c)
    }

    static func report(_ format: ReportFormat) -> String {
        let (items, c) = world()
        let r = CaseReport(reader: items, caseItem: c, generatedAt: Fixtures.t0, generatedBy: "tester", width: 72)
        return ReportWriter.write(r.document(), as: format)
    }

    @Test func markdownHasEverySectionAndStatement() {
        let md = Self.report(.markdown)
        #expect(md.hasPrefix("# Case report: Operation Harbour (harbour)\n"))
        #expect(md.contains("\nHandling: H2. Each statement"))
        for heading in ["## Summary", "## Key entities", "## Link chart", "## Timeline", "## Statements", "## Sources"] {
            #expect(md.contains("\n" + heading + "\n"), "missing \(heading)")
        }
        #expect(md.contains("- **Generated:** 2024-03-09T16:00:00Z by tester\n"))
        #expect(md.contains("- **Contents:** 3 entities, 1 link, 4 events, 1 note, 1 source\n"))
        // The link carries its source's grading and handling; markup in data is escaped.
        #expect(md.contains("| link | 李小龍 owns NL91 ABNA (\\<b\\>holder\\</b\\> \\| main) | Europol SIENA 123/24 | B2 | H2 |"))
        // A note with its own grading and no source.
        #expect(md.contains("| note | about 李小龍: Seen with Ana & \"friends\" at the port | none recorded | C3 | none |"))
        #expect(md.contains("| event | 2024-03-04 seizure: 李小龍 (subject); 押収 🚢 | none recorded | ungraded | none |"))
        // The timeline is drawn verbatim in a fenced block.
        #expect(md.contains("```text\nTimeline of harbour  2024-03-01 09:00 → 2024-03-04 23:59 UTC · 4 events"))
        // Ranking: 李小龍 has the most neighbours.
        #expect(md.contains("| 1 | 李小龍 | person | 2 |"))
    }

    @Test func htmlCarriesTheSameContentEscaped() {
        let html = Self.report(.html)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<h1>Case report: Operation Harbour (harbour)</h1>"))
        #expect(html.contains("<td>李小龍 owns NL91 ABNA (&lt;b&gt;holder&lt;/b&gt; | main)</td>"))
        #expect(html.contains("<td>about 李小龍: Seen with Ana &amp; &quot;friends&quot; at the port</td>"))
        #expect(!html.contains("<b>holder"))
        #expect(html.contains("<pre>Timeline of harbour  2024-03-01 09:00 → 2024-03-04 23:59 UTC · 4 events"))
        for heading in ["Summary", "Key entities", "Link chart", "Timeline", "Statements", "Sources"] {
            #expect(html.contains("<h2>\(heading)</h2>"))
        }
    }

    @Test func markdownAndHTMLListTheSameStatements() {
        let (items, c) = Self.world()
        let doc = CaseReport(reader: items, caseItem: c, generatedAt: Fixtures.t0, generatedBy: "t").document()
        let statementTable = doc.blocks.compactMap { block -> [[String]]? in
            if case .table(let header, let rows) = block, header.first == "Id", header.contains("Statement") { return rows }
            return nil
        }.first ?? []
        #expect(statementTable.count == 3 + 1 + 4 + 1)
        let html = ReportWriter.html(doc)
        for row in statementTable { #expect(html.contains("<td>\(ReportWriter.escape(row[2]))</td>")) }
    }

    @Test func escaping() {
        #expect(ReportWriter.escape("<a href='x'>&</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;")
        #expect(ReportWriter.mdInline("# a*b_c|d\ne") == "\\# a\\*b\\_c\\|d e")
        let doc = ReportDocument(title: "t", blocks: [.preformatted("has ``` inside")])
        #expect(ReportWriter.markdown(doc) == "# t\n\n````text\nhas ``` inside\n````\n")
    }
}
