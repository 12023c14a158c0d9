import ArgumentParser
import DossierEngine
import DossierModel

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search names, aliases, identifiers and attributes (typos, accents, other scripts, sound-alikes).",
        discussion: "Filters: kind:phone case:NAME tag:X after:2024-01-01 before:2024-02-01.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Words, an identifier in any format, and/or filters.") var query: [String]
    @Option(name: .customLong("case"), help: "Only this case.") var caseName: String?
    @Option(help: "At most this many results.") var limit = 20
    @Flag(help: "Print a JSON array of objects with id, name, kind and score.") var json = false

    func run() throws {
        let ctx = try AnalysisContext(global, caseName: nil)
        defer { ctx.close() }
        var text = query.joined(separator: " ")
        if let caseName { _ = try ctx.ws.requireCase(caseName); text += " case:\(caseName)" }
        guard limit > 0 else { throw CLIFailure("--limit must be at least 1", exitCode: 2) }
        let parsed: SearchQuery
        do { parsed = try SearchQuery.parse(text) } catch let e as SearchQueryError { throw CLIFailure(e.description, exitCode: 2) }
        let index = try SearchIndex.cached(ctx.ws, cache: ResultCache.shared)
        let hits: [SearchHit]
        do { hits = try index.search(parsed, limit: limit) } catch let e as SearchQueryError { throw CLIFailure(e.description) }
        if json {
            print(StoreJSON.array(hits.map {
                .object([("id", .string($0.id.description)), ("name", .string($0.name)), ("kind", .string($0.kind)),
                         ("score", .double($0.score))])
            }).rendered())
            return
        }
        if hits.isEmpty { print("No matches."); return }
        var t = StoreTable(["ID", "KIND", "NAME", "SCORE", "WHY"])
        for h in hits { t.add([h.id.description, h.kind, h.name, scoreText(h.score), h.reasons.joined(separator: "; ")]) }
        print(t.rendered())
    }
}
