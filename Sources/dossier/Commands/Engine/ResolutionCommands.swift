import ArgumentParser
import DossierEngine
import DossierModel

struct CorrelateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correlate",
        abstract: "Entities that are probably the same real-world thing, within and across cases, with the evidence.",
        discussion: "One --case: pairs touching that case. Two: one side in each. A name alone never makes a candidate.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("case"), help: "A case (give twice to compare two cases).") var cases: [String] = []
    @Option(name: .customLong("over-common"), help: "Values shared by more entities than this are reported, not expanded.")
    var overCommon = 50
    @Flag(help: "Print JSON: candidates (a, b, names, kind, score, strength, agreed, disagreed) and over-common values.")
    var json = false

    func run() throws {
        guard cases.count <= 2 else { throw CLIFailure("--case can be given at most twice", exitCode: 2) }
        guard overCommon >= 2 else { throw CLIFailure("--over-common must be at least 2", exitCode: 2) }
        let ctx = try AnalysisContext(global, caseName: nil)
        defer { ctx.close() }
        let ids = try cases.map { try ctx.ws.requireCase($0).meta.id }
        let options = CorrelationOptions(caseA: ids.first, caseB: ids.count > 1 ? ids[1] : nil, overCommonLimit: overCommon)
        let r = try Correlator.run(ctx.ws, options: options, resolution: ctx.resolution, cache: ResultCache.shared)
        if json {
            print(StoreJSON.object([
                ("candidates", .array(r.candidates.map { c in
                    .object([("a", .string(c.a.description)), ("b", .string(c.b.description)), ("nameA", .string(c.nameA)),
                             ("nameB", .string(c.nameB)), ("kind", .string(c.kind)), ("score", .double(c.score)),
                             ("strength", .string(c.strength.rawValue)), ("crossCase", .bool(c.crossCase)),
                             ("agreed", .array(c.agreed.map { .string($0) })), ("disagreed", .array(c.disagreed.map { .string($0) }))])
                })),
                ("overCommon", .array(r.overCommon.map { .object([("value", .string($0.value)), ("entities", .int(Int64($0.entities)))]) })),
                ("nameOnlyHeldBack", .int(Int64(r.nameOnlyHeldBack))),
                ("comparisons", .int(Int64(r.comparisons))),
            ]).rendered())
            return
        }
        if r.candidates.isEmpty { print("No candidates.") }
        for c in r.candidates {
            print("\(scoreText(c.score))  \(c.strength.rawValue)\(c.crossCase ? ", across cases" : "")  \(c.nameA) (\(c.a))  ~  \(c.nameB) (\(c.b))")
            for a in c.agreed { print("    + \(a)") }
            for d in c.disagreed { print("    - \(d)") }
        }
        if r.nameOnlyHeldBack > 0 {
            print("\(r.nameOnlyHeldBack) pair\(r.nameOnlyHeldBack == 1 ? "" : "s") with alike names but nothing else agreeing held back.")
        }
        if !r.overCommon.isEmpty {
            print("Over-common values (not expanded into pairs):")
            for o in r.overCommon.prefix(20) { print("    \(o.value): \(o.entities) entities") }
        }
    }
}

struct JudgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "judge", abstract: "Record that two entities are the same, different, or that you are unsure.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "First entity.") var a: String
    @Argument(help: "Second entity.") var b: String
    @Argument(help: "same, different or unsure.") var verdict: String
    @Option(help: "Why.") var reason = ""

    func run() throws {
        guard let v = Judgement.Verdict(rawValue: verdict.lowercased()) else {
            throw CLIFailure("verdict \"\(verdict)\": expected same, different or unsure", exitCode: 2)
        }
        let ws = try global.openWorkspace()
        defer { ws.close() }
        let x = try ws.require(a, what: "entity"), y = try ws.require(b, what: "entity")
        let j: Judgement
        do {
            j = try Judging.judge(x, y, verdict: v, reason: reason, reader: ws, id: .generate(), analyst: global.analystName, at: .now())
        } catch let e as JudgingError { throw CLIFailure(e.description) }
        var batch = global.batch("judge \(v.rawValue)", reason: reason)
        batch.put(.judgement(j))
        try commitOrFail(ws, batch)
        let names = [x, y].map { ws.item($0)?.displayName ?? $0.description }
        print("Judged \(names[0]) and \(names[1]): \(v.rawValue) (\(j.meta.id))")
    }
}

struct UnmergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unmerge", abstract: "Withdraw the 'same' judgements that merged an entity (with one other, or with all).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The entity.") var a: String
    @Argument(help: "Only undo its merge with this entity.") var b: String?
    @Option(help: "Why.") var reason = ""

    func run() throws {
        let ws = try global.openWorkspace()
        defer { ws.close() }
        let x = try ws.require(a, what: "entity")
        let y = try b.map { try ws.require($0, what: "entity") }
        let withdrawn = Judging.unmerge(x, y, reader: ws, analyst: global.analystName, at: .now())
        guard !withdrawn.isEmpty else { throw CLIFailure("\(ws.item(x)?.displayName ?? a) is not merged\(y == nil ? "" : " with \(b ?? "")")") }
        var batch = global.batch("unmerge", reason: reason)
        for j in withdrawn { batch.put(.judgement(j)) }
        try commitOrFail(ws, batch)
        print("Withdrew \(withdrawn.count) 'same' judgement\(withdrawn.count == 1 ? "" : "s"); the records are separate again.")
    }
}

struct LinksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links", abstract: "What connects two cases: shared entities and identifiers, likely matches, short paths.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("between"), parsing: .upToNextOption, help: "Two cases.") var between: [String] = []
    @Option(name: .customLong("max-hops"), help: "Longest path to report (default 3).") var maxHops = 3
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        guard between.count == 2 else { throw CLIFailure("--between needs two cases", exitCode: 2) }
        guard maxHops >= 1 else { throw CLIFailure("--max-hops must be at least 1", exitCode: 2) }
        let ctx = try AnalysisContext(global, caseName: nil)
        defer { ctx.close() }
        let a = try ctx.ws.requireCase(between[0]), b = try ctx.ws.requireCase(between[1])
        let r = try CaseConnections.find(ctx.ws, caseA: a.meta.id, caseB: b.meta.id, maxHops: maxHops, cache: ResultCache.shared)
        if json {
            print(StoreJSON.object([
                ("sharedEntities", .array(r.sharedEntities.map(ctx.nodeJSON))),
                ("sharedIdentifiers", .array(r.sharedIdentifiers.map { s in
                    .object([("identifier", .string(s.identifier.description)), ("inA", .array(s.inA.map(ctx.nodeJSON))),
                             ("inB", .array(s.inB.map(ctx.nodeJSON)))])
                })),
                ("candidates", .array(r.candidates.map { c in
                    .object([("a", .string(c.a.description)), ("b", .string(c.b.description)), ("score", .double(c.score)),
                             ("agreed", .array(c.agreed.map { .string($0) }))])
                })),
                ("paths", .array(r.paths.map { p in .object([("hops", .int(Int64(p.count - 1))), ("path", .array(p.map(ctx.nodeJSON)))]) })),
            ]).rendered())
            return
        }
        print("Between \(a.name) and \(b.name):")
        print("Shared entities: \(r.sharedEntities.isEmpty ? "none" : r.sharedEntities.map(ctx.name).joined(separator: ", "))")
        for s in r.sharedIdentifiers {
            print("Shared \(s.identifier): \(s.inA.map(ctx.name).joined(separator: ", ")) / \(s.inB.map(ctx.name).joined(separator: ", "))")
        }
        for c in r.candidates { print("Likely same (\(scoreText(c.score))): \(c.nameA) / \(c.nameB) — \(c.agreed.joined(separator: "; "))") }
        if r.paths.isEmpty { print("No paths within \(maxHops) hops.") }
        for p in r.paths { print("Path (\(p.count - 1) hops): " + p.map(ctx.name).joined(separator: " — ")) }
    }
}
