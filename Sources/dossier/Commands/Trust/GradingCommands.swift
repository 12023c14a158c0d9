import ArgumentParser
import DossierModel
import DossierStore

/// `dossier grade ITEM B2`: the Admiralty grade of a source, or an item's own grade where it differs from its source's.
struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade a source (or an item) on the Admiralty scale: reliability A-F, credibility 1-6, e.g. B2.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("Source (or other item) id, id prefix or name.", valueName: "id")) var id: String
    @Argument(help: ArgumentHelp("The grade, e.g. B2 (B-2 and b/2 are accepted).", valueName: "grade")) var grade: String
    @Option(help: "Why (kept in the audit trail).") var reason: String = ""

    func run() throws {
        guard let g = Grading(grade) else {
            throw CLIFailure("\"\(grade)\" is not an Admiralty grade: a letter A-F (source reliability) and a digit 1-6 (information credibility), e.g. B2", exitCode: 2)
        }
        let ws = try global.openWorkspace()
        defer { ws.close() }
        let me = global.analystName
        try Trust.require(.analyst, ws, me, to: "grading")
        var item = try Trust.visibleItem(id, ws, me)
        let before: String
        switch item {
        case .source(var s):
            before = s.grading.description
            s.grading = g
            item = .source(s)
        default:
            before = item.meta.grading?.description ?? "-"
            item.meta.grading = g
        }
        item.meta.touch(by: me, at: .now())
        var batch = global.batch("grade \(item.id) \(before) -> \(g)", reason: reason)
        batch.put(item)
        try commitOrFail(ws, batch)
        print("\(item.kind.rawValue) \(item.displayName): \(g) (\(g.meaning))")
    }
}

/// `dossier handling ITEM --code H2 --conditions ... --reason ...`: supervisors only, with a reason, audited.
struct HandlingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handling",
        abstract: "Set the handling code of a source or item (supervisors only; a reason is required).",
        discussion: """
            Codes: Europol H0 (only for preventing and combating crime), H1 (not in judicial proceedings without the \
            provider's permission), H2 (not to be disseminated without permission), H3 (other restrictions: give them \
            with --conditions); UK 3x5x2:P (lawful sharing permitted) or 3x5x2:C (with conditions: --conditions); \
            TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED. `--code none` removes an item's own code so its \
            source's applies.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("Source or item id, id prefix or name.", valueName: "id")) var id: String
    @Option(help: "The handling code, e.g. H2, 3x5x2:C, TLP:AMBER; none to remove.") var code: String
    @Option(help: "The provider's conditions, in their words (required for H3 and 3x5x2:C).") var conditions: String = ""
    @Option(help: "Why the code changes (required; kept in the audit trail).") var reason: String

    func run() throws {
        guard !reason.allSatisfy(\.isWhitespace) else { throw CLIFailure("changing a handling code needs --reason", exitCode: 2) }
        let newCode: HandlingCode? = code.lowercased() == "none" ? nil : try Trust.handling(code, conditions: conditions, option: "--code")
        let ws = try global.openWorkspace()
        defer { ws.close() }
        let me = global.analystName
        try Trust.require(.supervisor, ws, me, to: "changing a handling code")
        var item = try Trust.visibleItem(id, ws, me)
        let before: HandlingCode?
        switch item {
        case .source(var s):
            before = s.handling
            s.handling = newCode
            item = .source(s)
        default:
            before = item.meta.handling
            item.meta.handling = newCode
        }
        guard before != newCode else { print("\(item.displayName) already has handling \(newCode?.description ?? "none")"); return }
        item.meta.touch(by: me, at: .now())
        var batch = global.batch("handling \(item.id) \(before?.description ?? "none") -> \(newCode?.description ?? "none")", reason: reason)
        batch.put(item)
        try commitOrFail(ws, batch)
        if let h = newCode {
            print("\(item.kind.rawValue) \(item.displayName): \(h) (\(h.meaning))\(h.conditions.isEmpty ? "" : "; conditions: \(h.conditions)")")
        } else {
            let inherited = ws.effectiveHandling(of: item.meta)
            print("\(item.kind.rawValue) \(item.displayName): own handling removed\(inherited.map { "; its source's \($0) applies" } ?? "")")
        }
    }
}
