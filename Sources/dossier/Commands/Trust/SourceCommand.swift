import ArgumentParser
import DossierModel
import DossierStore

/// `dossier source add|attach`: provenance by hand (importers create sources for the files they read).
struct SourceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source", abstract: "Record where information came from, its grade and handling, and attach items to it.",
        subcommands: [Add.self, Attach.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a source in a case; prints its id.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case"), help: "Case name or id.") var caseName: String
        @Option(help: "Who provided the information (a partner agency, a bank, ...).") var provider: String
        @Option(help: "The provider's reference.") var reference: String = ""
        @Option(help: ArgumentHelp("When it was received (ISO 8601).", valueName: "time")) var received: String?
        @Option(help: "Admiralty grade, e.g. B2 (default F6: cannot be judged).") var grading: String = "F6"
        @Option(help: "Handling code: H0-H3, 3x5x2:P or 3x5x2:C, TLP:CLEAR ... TLP:RED.") var handling: String?
        @Option(help: "The provider's handling conditions (required for H3 and 3x5x2:C).") var conditions: String = ""
        @Option(help: "The legal basis it was received under.") var legalBasis: String = ""
        @Option(help: "The purpose it was provided for.") var purpose: String = ""
        @Option(help: "A description.") var description: String = ""

        func run() throws {
            guard !provider.allSatisfy(\.isWhitespace) else { throw CLIFailure("--provider must not be empty", exitCode: 2) }
            guard let grade = Grading(grading) else {
                throw CLIFailure("--grading \"\(grading)\": not an Admiralty grade (A-F then 1-6, e.g. B2)", exitCode: 2)
            }
            let code = try handling.map { try Trust.handling($0, conditions: conditions, option: "--handling") }
            let when = try received.map { try parseTime($0, option: "--received") }
            let ws = try global.openWorkspace()
            defer { ws.close() }
            let me = global.analystName
            let c = try Trust.visibleCase(caseName, ws, me)
            var batch = global.batch("add source \(provider)")
            let source = Source(meta: ItemMeta(id: .generate(now: batch.time), cases: [c.meta.id], analyst: me, at: batch.time),
                                provider: provider.trimmedForCLI, reference: reference, received: when, grading: grade,
                                handling: code, legalBasis: legalBasis, purpose: purpose, description: description)
            batch.put(.source(source))
            try commitOrFail(ws, batch)
            print(source.meta.id)
        }
    }

    struct Attach: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a source the provenance of items (their handling becomes the source's unless they have their own).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The source's id or id prefix.", valueName: "source")) var source: String
        @Argument(help: ArgumentHelp("Items (ids, id prefixes or names).", valueName: "item")) var items: [String]
        @Option(help: "Why (needed when the handling that applies changes; supervisors only then).") var reason: String = ""

        func run() throws {
            guard !items.isEmpty else { throw CLIFailure("name at least one item to attach", exitCode: 2) }
            let ws = try global.openWorkspace()
            defer { ws.close() }
            let me = global.analystName
            guard case .source(let src) = try Trust.visibleItem(source, ws, me) else {
                throw CLIFailure("\(source) is not a source (see `dossier list --kind source`)")
            }
            var batch = global.batch("attach source \(src.provider) \(src.reference)", reason: reason)
            let now = TimePoint.now()
            for text in items {
                var item = try Trust.visibleItem(text, ws, me)
                guard item.kind != .source, item.kind != .analyst, item.kind != .case else {
                    throw CLIFailure("\(text) is a \(item.kind.rawValue); sources are attached to entities, links, events and notes")
                }
                item.meta.source = src.meta.id
                item.meta.touch(by: me, at: now)
                batch.put(item)
            }
            try commitOrFail(ws, batch)
            print("\(items.count) item(s) attached to \(src.provider)\(src.reference.isEmpty ? "" : " " + src.reference) (\(src.grading)\(src.handling.map { ", " + $0.description } ?? ""))")
        }
    }
}
