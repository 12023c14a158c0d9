import ArgumentParser
import DossierModel
import DossierStore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Read and verify the workspace's tamper-evident audit trail.",
        subcommands: [Log.self, Verify.self])

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show who did what, when, to which items and why.",
            discussion: "Here --analyst A selects the entries by analyst A; the reader is DOSSIER_ANALYST or the OS user.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case"), help: "Only entries about this case.") var caseName: String?
        @Option(help: ArgumentHelp("Only entries at or after this time (ISO 8601).", valueName: "time")) var since: String?
        @Flag(help: "Print a JSON array.") var json = false

        func run() throws {
            var reader = global
            reader.analyst = nil  // --analyst is the filter here
            let me = reader.analystName
            let ws = try reader.openWorkspace(.readOnly)
            defer { ws.close() }
            try Trust.require(.viewer, ws, me, to: "reading the audit trail")
            var filter = AuditFilter(analyst: global.analyst)
            if let since { filter.since = try parseTime(since, option: "--since") }
            if let caseName { filter.caseID = try Trust.visibleCase(caseName, ws, me).meta.id }
            let reading = try { () throws -> AuditReading in
                do { return try ws.readAudit() } catch let e as StoreError { throw CLIFailure(e.description) }
            }()
            // Entries only about cases hidden from the reader are left out, like the cases themselves.
            let hidden = ws.accessPolicy.hiddenCases(for: me, in: ws)
            let names = Dictionary(ws.cases.map { ($0.meta.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            var shown: [(AuditRecord, AuditEntry)] = []
            for r in reading.records {
                guard let e = r.entry, filter.matches(e) else { continue }
                if !e.cases.isEmpty && e.cases.allSatisfy({ hidden.contains($0) }) { continue }
                shown.append((r, e))
            }
            if json {
                print(StoreJSON.array(shown.map { r, e in
                    .object([
                        ("id", .string(String(r.index))), ("kind", .string("audit")), ("name", .string(e.action.rawValue)),
                        ("index", .int(Int64(r.index))), ("time", .string(e.time.utcISO8601)), ("analyst", .string(e.analyst)), ("osUser", .string(e.osUser)),
                        ("action", .string(e.action.rawValue)), ("detail", .string(e.detail)), ("reason", .string(e.reason)),
                        ("items", .array(e.items.map { .string($0.description) })),
                        ("deleted", .array(e.deleted.map { .string($0.description) })),
                        ("cases", .array(e.cases.filter { !hidden.contains($0) }.map { .string(names[$0] ?? $0.description) })),
                        ("commit", .int(Int64(e.commit))), ("hash", .string(r.hash)),
                    ])
                }).rendered())
            } else {
                var t = StoreTable(["#", "TIME (UTC)", "ANALYST", "ACTION", "ITEMS", "CASES", "DETAIL", "REASON"])
                for (r, e) in shown {
                    let count = e.items.count + e.deleted.count
                    let items = e.deleted.isEmpty ? String(count) : "\(count) (\(e.deleted.count) deleted)"
                    let cases = e.cases.filter { !hidden.contains($0) }.map { names[$0] ?? $0.description }.joined(separator: ",")
                    let who = e.osUser == e.analyst ? e.analyst : "\(e.analyst) (os: \(e.osUser))"
                    t.add([String(r.index), e.time.utcISO8601, who, e.action.rawValue, items, cases, e.detail, e.reason])
                }
                print(shown.isEmpty ? "No audit entries match." : t.rendered())
            }
            if reading.isSealed && reading.records.contains(where: { $0.entry == nil }) {
                writeStandardError("dossier: the audit trail is encrypted; open the workspace with its passphrase to read it\n")
            }
            if let p = reading.problem, !p.isTornTail {
                writeStandardError("dossier: the audit trail is broken at entry \(p.index) (offset \(p.offset)): \(p.reason); run `dossier audit verify`\n")
                throw ExitCode(1)
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every entry's hash and the chain; exit 1 naming the first bad entry.",
            discussion: """
                Prints the number of entries and the head hash. Note the head down outside the workspace: \
                `--expect-head HASH` later proves that no entry up to it was removed or rewritten, even by someone \
                who rewrote the whole file.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("A head hash noted earlier (8+ hex characters); it must still be in the chain.", valueName: "hash"))
        var expectHead: String?

        func run() throws {
            let ws = try global.openWorkspace(.readOnly)
            defer { ws.close() }
            let reading: AuditReading
            do { reading = try ws.readAudit() } catch let e as StoreError { throw CLIFailure(e.description) }
            if let p = reading.problem, !p.isTornTail {
                print("audit trail BROKEN at entry \(p.index) (byte offset \(p.offset) of \(AuditTrail.fileName)): \(p.reason)")
                print("\(reading.records.count) entries before it verified; last good head \(reading.head)")
                throw ExitCode(1)
            }
            if let expected = expectHead?.lowercased() {
                guard expected.count >= 8, reading.records.contains(where: { $0.hash.hasPrefix(expected) }) else {
                    print("audit trail does NOT contain the expected head \(expected): entries were removed or the trail was rewritten")
                    throw ExitCode(1)
                }
            }
            print("audit trail intact: \(reading.records.count) entries, head \(reading.head)")
            if let p = reading.problem {
                print("note: entry \(p.index) at offset \(p.offset) is incomplete (\(p.reason)); it was never committed and is cut when the workspace is next opened for writing")
            }
        }
    }
}
