import ArgumentParser
import DossierEngine
import DossierModel

struct ActivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activity", abstract: "Events per hour/day/week/month and a day-of-week × hour matrix.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only events of this entity.") var entity: String?
    @Option(name: .customLong("case"), help: "Only this case.") var caseName: String?
    @Option(help: "hour, day, week or month (default day).") var bucket = "day"
    @Flag(help: "Print JSON: buckets (start, label, count), matrix [weekday][hour] (Monday first), total.") var json = false

    func run() throws {
        guard let b = ActivityBucket(rawValue: bucket.lowercased()) else {
            throw CLIFailure("--bucket \"\(bucket)\": expected hour, day, week or month", exitCode: 2)
        }
        let ctx = try AnalysisContext(global, caseName: caseName)
        defer { ctx.close() }
        let who = try entity.map { try ctx.entity($0) }
        let r = try Activity.report(ctx.ws, entity: who, caseID: ctx.caseID, bucket: b, resolution: ctx.resolution)
        if json {
            print(StoreJSON.object([
                ("bucket", .string(b.rawValue)),
                ("buckets", .array(r.buckets.map { .object([("start", .string(timeText($0.start))), ("label", .string($0.label)),
                                                            ("count", .int(Int64($0.count)))]) })),
                ("matrix", .array(r.matrix.map { .array($0.map { .int(Int64($0)) }) })),
                ("total", .int(Int64(r.total))),
            ]).rendered())
            return
        }
        print("\(r.total) event\(r.total == 1 ? "" : "s")")
        guard r.total > 0 else { return }
        let peak = max(1, r.buckets.map(\.count).max() ?? 1)
        for x in r.buckets { print("\(x.label)  \(String(repeating: " ", count: max(0, 6 - String(x.count).count)))\(x.count)  \(String(repeating: "#", count: x.count * 40 / peak))") }
        print("")
        print("     " + (0..<24).map { $0 < 10 ? " \($0)" : "\($0)" }.joined(separator: " "))
        for (d, name) in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].enumerated() {
            print(name + "  " + r.matrix[d].map { String(repeating: " ", count: max(0, 2 - String($0).count)) + String($0) }.joined(separator: " "))
        }
    }
}

struct ContactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contacts", abstract: "Who a phone (or any entity) deals with most: counts, first/last, durations, by direction.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A phone number in any format, an id or a name.") var phone: String
    @Option(help: "Show the top N (default 20).") var top = 20
    @Option(name: .customLong("case"), help: "Only this case.") var caseName: String?
    @Flag(help: "Print a JSON array.") var json = false

    func run() throws {
        guard top > 0 else { throw CLIFailure("--top must be at least 1", exitCode: 2) }
        let ctx = try AnalysisContext(global, caseName: caseName)
        defer { ctx.close() }
        let subject = try ctx.entity(phone)
        let list = try Contacts.of(subject, in: ctx.ws, top: top, caseID: ctx.caseID, resolution: ctx.resolution)
        if json {
            print(StoreJSON.array(list.map { c in
                .object([("id", .string(c.id.description)), ("name", .string(c.name)), ("kind", .string(c.kind)),
                         ("total", .int(Int64(c.total))), ("outgoing", .int(Int64(c.outgoing))), ("incoming", .int(Int64(c.incoming))),
                         ("undirected", .int(Int64(c.undirected))), ("first", .string(c.first.utcISO8601)),
                         ("last", .string(c.last.utcISO8601)), ("totalSeconds", .int(c.totalSeconds)),
                         ("meanSeconds", .double(c.meanSeconds)), ("outgoingSeconds", .int(c.outgoingSeconds)),
                         ("incomingSeconds", .int(c.incomingSeconds))])
            }).rendered())
            return
        }
        if list.isEmpty { print("No contacts."); return }
        var t = StoreTable(["NAME", "TOTAL", "OUT", "IN", "FIRST", "LAST", "TOTAL S", "MEAN S"])
        for c in list {
            t.add([c.name, String(c.total), String(c.outgoing), String(c.incoming), c.first.utcISO8601, c.last.utcISO8601,
                   String(c.totalSeconds), String(Int(c.meanSeconds.rounded()))])
        }
        print(t.rendered())
    }
}

struct ColocateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "colocate", abstract: "Pairs of entities seen at the same place within a time window.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The window, e.g. 15m, 90s, 2h (default 15m).") var window = "15m"
    @Option(help: "cell, address or any (default any).") var place = "any"
    @Option(name: .customLong("case"), help: "Only this case.") var caseName: String?
    @Option(help: "Show the top N pairs (default 50).") var top = 50
    @Flag(help: "Print a JSON array.") var json = false

    func run() throws {
        let seconds = try parseDuration(window, option: "--window")
        guard let mode = PlaceMode(rawValue: place.lowercased()) else {
            throw CLIFailure("--place \"\(place)\": expected cell, address or any", exitCode: 2)
        }
        guard top > 0 else { throw CLIFailure("--top must be at least 1", exitCode: 2) }
        let ctx = try AnalysisContext(global, caseName: caseName)
        defer { ctx.close() }
        let pairs = Array(try Colocator.find(ctx.ws, windowSeconds: seconds, places: mode, caseID: ctx.caseID,
                                             resolution: ctx.resolution).prefix(top))
        if json {
            print(StoreJSON.array(pairs.map { p in
                .object([("a", ctx.nodeJSON(p.a)), ("b", ctx.nodeJSON(p.b)), ("count", .int(Int64(p.count))),
                         ("places", .int(Int64(p.places))), ("first", .string(timeText(p.first))), ("last", .string(timeText(p.last))),
                         ("occasions", .array(p.occasions.map { o in
                             .object([("place", ctx.nodeJSON(o.place)), ("timeA", .string(timeText(o.timeA))), ("timeB", .string(timeText(o.timeB)))])
                         }))])
            }).rendered())
            return
        }
        if pairs.isEmpty { print("No co-locations within \(window)."); return }
        var t = StoreTable(["A", "B", "TIMES", "PLACES", "FIRST", "LAST"])
        for p in pairs { t.add([ctx.name(p.a), ctx.name(p.b), String(p.count), String(p.places), timeText(p.first), timeText(p.last)]) }
        print(t.rendered())
    }
}

struct FlowsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flows", abstract: "Where money went from an account or person: paths with amounts, totals per destination.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The account or person (id, name, IBAN ...).") var from: String
    @Option(help: "Only paths ending here.") var to: String?
    @Option(help: "Only transfers at or after this time.") var after: String?
    @Option(help: "Only transfers before this time.") var before: String?
    @Option(name: .customLong("max-hops"), help: "Longest path (default 4).") var maxHops = 4
    @Option(name: .customLong("case"), help: "Only this case.") var caseName: String?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        guard maxHops >= 1 else { throw CLIFailure("--max-hops must be at least 1", exitCode: 2) }
        let a = try after.map { try parseTime($0, option: "--after").interval.lowerBound }
        let b = try before.map { try parseTime($0, option: "--before").interval.lowerBound }
        let ctx = try AnalysisContext(global, caseName: caseName)
        defer { ctx.close() }
        let origin = try ctx.entity(from)
        let target = try to.map { try ctx.entity($0) }
        let r = try Flows.trace(ctx.ws, from: origin, to: target, after: a, before: b, maxHops: maxHops, caseID: ctx.caseID,
                                resolution: ctx.resolution)
        if json {
            print(StoreJSON.object([
                ("origins", .array(r.origins.map(ctx.nodeJSON))),
                ("paths", .array(r.paths.map { p in
                    .object([("carried", .string(p.carried.description)),
                             ("hops", .array(p.hops.map { h in
                                 .object([("from", ctx.nodeJSON(h.from)), ("to", ctx.nodeJSON(h.to)), ("amount", .string(h.amount.description)),
                                          ("transfers", .int(Int64(h.transfers))), ("first", .string(timeText(h.first))),
                                          ("last", .string(timeText(h.last)))])
                             }))])
                })),
                ("destinations", .array(r.destinations.map { d in
                    .object([("entity", ctx.nodeJSON(d.id)), ("received", .string(d.received.description)), ("hops", .int(Int64(d.hops)))])
                })),
                ("truncated", .bool(r.truncated)),
            ]).rendered())
            return
        }
        if r.paths.isEmpty { print("No money flows from \(ctx.name(origin))."); return }
        print("Paths:")
        for p in r.paths.prefix(50) {
            var line = ctx.name(p.hops[0].from)
            for h in p.hops { line += " —[\(h.amount)]→ \(ctx.name(h.to))" }
            print("  " + line)
        }
        if r.truncated { print("  (more paths not shown; narrow with --to, --max-hops or a time window)") }
        print("Totals per destination:")
        var t = StoreTable(["DESTINATION", "RECEIVED", "HOPS"])
        for d in r.destinations { t.add([ctx.name(d.id), d.received.description, String(d.hops)]) }
        print(t.rendered())
    }
}
