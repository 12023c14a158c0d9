import ArgumentParser
import DossierModel
import DossierStore

struct AnalystCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyst", abstract: "Register analysts and their roles (viewer, analyst, supervisor).",
        discussion: """
            A workspace with no analysts registered is open: whoever acts is treated as a supervisor. The first \
            `analyst add` closes it, and registers the acting analyst as supervisor in the same step (when adding \
            someone else, or themselves with a lower role), so the workspace is never closed against the person who \
            closed it. From then on only registered, active analysts may use it, and only supervisors manage analysts.
            """,
        subcommands: [Add.self, List.self, Set.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register an analyst.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The analyst's name as they act (--analyst, DOSSIER_ANALYST or OS user).", valueName: "name"))
        var name: String
        @Option(help: "viewer (reads), analyst (reads and changes) or supervisor (also deletes, handling codes, analysts).")
        var role: Analyst.Role

        func run() throws {
            let who = name.trimmedForCLI
            guard !who.isEmpty, !who.contains(",") else { throw CLIFailure("an analyst needs a name without commas", exitCode: 2) }
            let ws = try global.openWorkspace()
            defer { ws.close() }
            let policy = ws.accessPolicy
            let me = global.analystName
            if policy.analyst(named: who) != nil {
                throw CLIFailure("\(who) is already registered; change them with `dossier analyst set`")
            }
            var batch = global.batch("analyst add \(who) as \(role.rawValue)")
            func make(_ n: String, _ r: Analyst.Role) -> Analyst {
                // An analyst already on record (e.g. imported) is updated rather than registered twice.
                if var existing = policy.analyst(named: n) {
                    existing.role = r
                    existing.active = true
                    existing.meta.touch(by: me, at: batch.time)
                    return existing
                }
                return Analyst(meta: ItemMeta(id: .generate(now: batch.time), analyst: me, at: batch.time), name: n, role: r)
            }
            var notes: [String] = []
            if !policy.isManaged {
                // Bootstrap: the first registration makes the acting analyst the workspace's supervisor.
                if who.lowercased() == me.lowercased() {
                    if role != .supervisor { notes.append("\(who) is registered as supervisor: the first analyst of a workspace manages it") }
                    batch.put(.analyst(make(who, .supervisor)))
                } else {
                    batch.put(.analyst(make(me, .supervisor)))
                    batch.put(.analyst(make(who, role)))
                    notes.append("\(me) registered as supervisor: the first analyst of a workspace manages it")
                }
            } else {
                batch.put(.analyst(make(who, role)))
            }
            try commitOrFail(ws, batch)
            for n in notes { print(n) }
            print("\(who) registered as \(policy.isManaged || who.lowercased() != me.lowercased() ? role.rawValue : "supervisor")")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the registered analysts.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print a JSON array.") var json = false

        func run() throws {
            let ws = try global.openWorkspace(.readOnly)
            defer { ws.close() }
            let policy = ws.accessPolicy
            let analysts = policy.registered
            if json {
                print(StoreJSON.array(analysts.map { a in
                    .object([("id", .string(a.meta.id.description)), ("kind", .string("analyst")), ("name", .string(a.name)),
                             ("role", .string(a.role.rawValue)), ("active", .bool(a.active)),
                             ("since", .string(a.meta.createdAt.utcISO8601)), ("addedBy", .string(a.meta.createdBy))])
                }).rendered())
                return
            }
            if analysts.isEmpty {
                print("No analysts registered: the workspace is open (everyone acts as supervisor). Register the first with `dossier analyst add NAME --role supervisor`.")
                return
            }
            var t = StoreTable(["NAME", "ROLE", "ACTIVE", "SINCE", "ADDED BY"])
            for a in analysts {
                t.add([a.name, a.role.rawValue, a.active ? "yes" : "no", a.meta.createdAt.utcISO8601, a.meta.createdBy])
            }
            print(t.rendered())
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change an analyst's role, or deactivate/reactivate them.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The analyst's name.", valueName: "name")) var name: String
        @Option(help: "The new role.") var role: Analyst.Role?
        @Flag(inversion: .prefixedEnableDisable, help: "Enable or disable the analyst (a disabled analyst can do nothing).")
        var active: Bool?

        func run() throws {
            guard role != nil || active != nil else { throw CLIFailure("nothing to change: pass --role and/or --enable-active/--disable-active", exitCode: 2) }
            let ws = try global.openWorkspace()
            defer { ws.close() }
            guard var a = ws.accessPolicy.analyst(named: name) else { throw CLIFailure("\(name) is not registered (see `dossier analyst list`)") }
            let batchTime = TimePoint.now()
            if let role { a.role = role }
            if let active { a.active = active }
            a.meta.touch(by: global.analystName, at: batchTime)
            var batch = global.batch("analyst set \(a.name): \(a.role.rawValue)\(a.active ? "" : ", disabled")")
            batch.put(.analyst(a))
            try commitOrFail(ws, batch)
            print("\(a.name): \(a.role.rawValue), \(a.active ? "active" : "disabled")")
        }
    }
}

/// `dossier case restrict NAME --to A,B`: only the named analysts see the case (registered under `case`).
struct CaseRestrictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restrict", abstract: "Restrict a case to named analysts (others do not see it), or lift it with --everyone.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("Case name or id.", valueName: "name")) var name: String
    @Option(help: ArgumentHelp("Comma-separated analysts who may see the case.", valueName: "a,b")) var to: String?
    @Flag(help: "Lift the restriction: everyone with access to the workspace sees the case.") var everyone = false

    func run() throws {
        guard (to != nil) != everyone else { throw CLIFailure("pass either --to A,B or --everyone", exitCode: 2) }
        let names = (to ?? "").split(separator: ",").map { String($0).trimmedForCLI }.filter { !$0.isEmpty }
        if to != nil && names.isEmpty { throw CLIFailure("--to names no analyst", exitCode: 2) }
        let ws = try global.openWorkspace()
        defer { ws.close() }
        let me = global.analystName
        // A supervisor may restrict or hand over any case, even one restricted to others; members may change their own.
        let target: Case
        if let c = ws.caseNamed(name) ?? ws.resolve(name).flatMap({ ws.item($0)?.caseValue }),
           AccessPolicy.canSee(c, analyst: me) || ws.accessPolicy.role(of: me) == .supervisor {
            target = c
        } else {
            throw CLIFailure("no case \"\(name)\" (see `dossier case list`)")
        }
        let policy = ws.accessPolicy
        if policy.isManaged {
            for n in names where policy.analyst(named: n) == nil {
                throw CLIFailure("\(n) is not a registered analyst (see `dossier analyst list`)")
            }
        }
        var c = target
        c.restrictedTo = names.map { policy.analyst(named: $0)?.name ?? $0 }
        let now = TimePoint.now()
        c.meta.touch(by: me, at: now)
        var batch = global.batch(everyone ? "restrict case \(c.name): lifted" : "restrict case \(c.name) to \(c.restrictedTo.joined(separator: ","))")
        batch.put(.case(c))
        try commitOrFail(ws, batch)
        if everyone {
            print("case \(c.name) is visible to everyone")
        } else {
            print("case \(c.name) restricted to \(c.restrictedTo.joined(separator: ", "))")
            if !AccessPolicy.canSee(c, analyst: me) { print("note: \(me) is not among them and no longer sees the case") }
        }
    }
}
