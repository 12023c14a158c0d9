import ArgumentParser
import DossierModel
import DossierStore

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case", abstract: "Create, list and show cases.",
        subcommands: [New.self, List.self, Show.self, CaseRestrictCommand.self])

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a case; prints its id.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Short unique name, e.g. trafficking.", valueName: "name")) var name: String
        @Option(help: "A longer title.") var title: String = ""
        @Option(help: "A summary.") var summary: String = ""

        func run() throws {
            let trimmed = name.trimmedForCLI
            guard !trimmed.isEmpty else { throw CLIFailure("a case needs a name", exitCode: 2) }
            let ws = try global.openWorkspace()
            defer { ws.close() }
            if ws.cases.contains(where: { $0.name.lowercased() == trimmed.lowercased() }) {
                throw CLIFailure("a case named \"\(trimmed)\" already exists")
            }
            var batch = global.batch("create case \(trimmed)")
            let c = Case(meta: ItemMeta(id: .generate(now: batch.time), analyst: batch.analyst, at: batch.time),
                         name: trimmed, title: title, summary: summary)
            batch.put(.case(c))
            try commitOrFail(ws, batch)
            print(c.meta.id)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the cases.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print a JSON array.") var json = false

        func run() throws {
            let ws = try global.openWorkspace(.readOnly)
            defer { ws.close() }
            let cases = Trust.visible(ws).cases  // trust: restricted cases stay hidden
            if json {
                print(StoreJSON.array(cases.map { c in
                    .object([("id", .string(c.meta.id.description)), ("kind", .string("case")), ("name", .string(c.name)),
                             ("title", .string(c.title)), ("status", .string(c.status)),
                             ("entities", .int(Int64(ws.count(.entity, inCase: c.meta.id)))),
                             ("links", .int(Int64(ws.count(.link, inCase: c.meta.id)))),
                             ("events", .int(Int64(ws.count(.event, inCase: c.meta.id))))])
                }).rendered())
                return
            }
            if cases.isEmpty { print("No cases. Create one with `dossier case new NAME`."); return }
            var t = StoreTable(["NAME", "TITLE", "STATUS", "ENTITIES", "LINKS", "EVENTS", "ID"])
            for c in cases {
                t.add([c.name, c.title, c.status, String(ws.count(.entity, inCase: c.meta.id)),
                       String(ws.count(.link, inCase: c.meta.id)), String(ws.count(.event, inCase: c.meta.id)), c.meta.id.description])
            }
            print(t.rendered())
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a case and what it holds.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Case name or id.", valueName: "name")) var name: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let ws = try global.openWorkspace(.readOnly)
            defer { ws.close() }
            let c = try Trust.open(ws.requireCase(name), ws, how: "show")  // trust: audited when restricted
            let kinds: [ItemKind] = [.entity, .link, .event, .source, .note, .judgement]
            if json {
                guard case .object(var fields) = ItemPresentation.fullJSON(.case(c), ws) else { return }
                fields.append(("counts", .object(kinds.map { ($0.rawValue, .int(Int64(ws.count($0, inCase: c.meta.id)))) })))
                print(StoreJSON.object(fields).rendered())
                return
            }
            print(ItemPresentation.card(.case(c), ws))
            var t = StoreTable(["ITEMS", "COUNT"])
            for k in kinds { t.add([k.rawValue, String(ws.count(k, inCase: c.meta.id))]) }
            print("")
            print(t.rendered())
        }
    }
}
