import Testing
import DossierModel
import DossierStore
@testable import DossierExchange

/// FtM imports streaming their second pass (relationships, calls, payments, events) into an open commit: the same
/// items as one batch, and nothing at all when the import is abandoned.
@Suite struct StreamedFtMImportTests {
    /// 24 people (phones, some e-mails), 12 bank accounts, passports held by people (entity-valued property: a link made
    /// in the second pass), then `intervals` interval lines: calls between the people's numbers and numbers nobody
    /// holds (new phones made in the second pass), dated payments, undated payments (links), associates, family, events.
    static func file(intervals: Int, brokenAt broken: Int? = nil) -> String {
        var out = ""
        for p in 0..<24 {
            let mail = p % 3 == 0 ? ",\"email\":[\"person\(p)@example.org\"]" : ""
            out += "{\"id\":\"p\(p)\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Person \(p)\"],\"phone\":[\"+447700\(900_100 + p)\"]\(mail)}}\n"
        }
        for a in 0..<12 {
            out += "{\"id\":\"a\(a)\",\"schema\":\"BankAccount\",\"properties\":{\"accountNumber\":[\"\(40_000_000 + a)\"]}}\n"
        }
        for d in 0..<6 {
            out += "{\"id\":\"d\(d)\",\"schema\":\"Passport\",\"properties\":{\"passportNumber\":[\"X\(700_000 + d)\"],\"holder\":[\"p\(d * 2)\"]}}\n"
        }
        for i in 0..<intervals {
            let when = TimePoint(unixSeconds: 1_772_355_600 + Int64(i) * 61).description
            if i == broken {
                out += "{\"id\":\"c\(i)\",\"schema\":\"Call\",\"properties\":{\"callerNumber\":[\"+447700900100\"],\"startDate\":[\"2026-13-45\"]}}\n"
                continue
            }
            switch i % 7 {
            case 0, 1:
                // Every tenth call reaches one of 20 numbers no person holds: phone entities made in the second pass.
                let callee = i % 70 == 0 ? "+447700\(901_000 + (i / 70) % 20)" : "+447700\(900_100 + (i * 5) % 24)"
                out += "{\"id\":\"c\(i)\",\"schema\":\"Call\",\"properties\":{\"callerNumber\":[\"+447700\(900_100 + i % 24)\"],"
                    + "\"receiverNumber\":[\"\(callee)\"],\"startDate\":[\"\(when)\"],\"duration\":[\"\(i % 300)\"]}}\n"
            case 2:
                out += "{\"id\":\"t\(i)\",\"schema\":\"Payment\",\"properties\":{\"payerAccount\":[\"a\(i % 12)\"],\"beneficiaryAccount\":[\"a\((i + 5) % 12)\"],"
                    + "\"date\":[\"\(when)\"],\"amount\":[\"\(100 + i).25\"],\"currency\":[\"EUR\"],\"purpose\":[\"rent \(i % 4)\"]}}\n"
            case 3:
                out += "{\"id\":\"u\(i)\",\"schema\":\"Payment\",\"properties\":{\"payer\":[\"p\(i % 24)\"],\"beneficiary\":[\"p\((i + 1) % 24)\"],"
                    + "\"amount\":[\"\(i)\"],\"currency\":[\"GBP\"]}}\n"
            case 4:
                out += "{\"id\":\"r\(i)\",\"schema\":\"Associate\",\"properties\":{\"person\":[\"p\(i % 24)\"],\"associate\":[\"p\((i * 7) % 24)\"],"
                    + "\"startDate\":[\"\(when)\"],\"summary\":[\"met \(i)\"]}}\n"
            case 5:
                out += "{\"id\":\"f\(i)\",\"schema\":\"Family\",\"properties\":{\"person\":[\"p\(i % 24)\"],\"relative\":[\"p\((i + 2) % 24)\"]}}\n"
            default:
                out += "{\"id\":\"e\(i)\",\"schema\":\"Event\",\"properties\":{\"name\":[\"meeting\"],\"involved\":[\"p\(i % 24)\",\"p\((i + 3) % 24)\"],"
                    + "\"startDate\":[\"\(when)\"]}}\n"
            }
        }
        return out
    }

    static let intervals = 2_100
    /// Small, so the test's second pass crosses several hand-overs.
    static let every = 300

    static func kind(_ change: Change) -> ItemKind? { if case .put(let item) = change { item.kind } else { nil } }

    /// Every item of the workspace, by kind, in id order.
    static func items(_ ws: Workspace) -> [ItemKind: [Item]] {
        var out: [ItemKind: [Item]] = [:]
        for kind in ItemKind.allCases {
            var list: [Item] = []
            ws.forEach(kind, inCase: nil) { list.append($0); return true }
            out[kind] = list
        }
        return out
    }

    /// Imports `path` as `dossier import --format ftm` does: streamed into an open commit, the rest added at the end,
    /// committed unless there were rejects. Returns the result and the number of hand-overs.
    static func streamedImport(_ path: String, into ws: Workspace, every: Int = every,
                               failAfter: Int? = nil) throws -> (ImportResult, Int) {
        let stream = try ws.beginCommitStream(analyst: "tester", time: fixedTime, action: "import")
        defer { stream.abandon() }
        var handOvers = 0
        let result = try FtMImporter.run(path: path, reader: ws, context: context(), stream: { changes in
            handOvers += 1
            if let failAfter, handOvers > failAfter { throw ExchangeError(file: "test", "stream refused") }
            try stream.add(contentsOf: changes)
        }, streamEvents: { rows in
            handOvers += 1
            try stream.add(rows)
        }, handOverEvery: every)
        if result.summary.rejected == 0 {
            stream.action = result.batch.action
            try stream.add(contentsOf: result.batch.changes)
            try stream.finish()
        }
        return (result, handOvers)
    }

    @Test func streamedIntoAWorkspaceGivesTheSameItemsAsOneBatch() throws {
        let d = TempDir(); defer { d.cleanup() }
        let path = d.write("world.ftm.json", Self.file(intervals: Self.intervals))
        let whole = try Workspace.create(at: d.file("whole"))
        defer { whole.close() }
        let batch = try FtMImporter.run(path: path, reader: whole, context: context())
        #expect(batch.summary.rejected == 0)
        try whole.commit(batch.batch)

        let streamed = try Workspace.create(at: d.file("streamed"))
        defer { streamed.close() }
        let (result, handOvers) = try Self.streamedImport(path, into: streamed)
        // Events and links both go out after each 300 lines of the second pass (2,142 lines: 7 hand-overs and the
        // remainder's), as rows and as changes; then the entities and aggregated links, in one chunk of 132.
        #expect(handOvers == 17)
        #expect(result.summary == batch.summary)
        // What stayed for the end: the case and the source. The aggregated links (phones, e-mails, passport holders)
        // went with the entities after the second pass.
        #expect(result.batch.changes.map(Self.kind) == [.case, .source])
        #expect(batch.summary.linksCreated == 24 + 8 + 6 + 3 * 300)
        #expect(batch.summary.eventsCreated == 1_200)  // calls, dated payments and events: 4 of every 7 lines

        // The same seed and workspace version give the same ids: the two workspaces hold exactly the same items.
        let a = Self.items(whole), b = Self.items(streamed)
        // People, their phones and e-mails, accounts, passports, and the 20 numbers only calls name.
        let entities = 24 + 24 + 8 + 12 + 6 + 20
        #expect(a[.entity]?.count == entities)
        #expect(a[.link]?.count == batch.summary.linksCreated)
        #expect(a[.event]?.count == 1_200)
        for kind in ItemKind.allCases { #expect(a[kind] == b[kind], "\(kind)") }
        #expect(whole.count(.event, inCase: nil) == streamed.count(.event, inCase: nil))
        let all = Int64.min...Int64.max
        let timeline = whole.events(inTime: all, inCase: nil)
        #expect(timeline.count == 1_200)
        #expect(streamed.events(inTime: all, inCase: nil) == timeline)
    }

    /// Without a store: the stream's changes plus the batch are exactly the unstreamed batch's changes.
    @Test func streamedChangesPlusTheBatchAreTheWholeImport() throws {
        let d = TempDir(); defer { d.cleanup() }
        let path = d.write("world.ftm.json", Self.file(intervals: Self.intervals))
        let whole = try FtMImporter.run(path: path, reader: InMemoryItems(), context: context())
        var streamed: [[Change]] = []
        let rest = try FtMImporter.run(path: path, reader: InMemoryItems(), context: context(),
                                       stream: { streamed.append($0) }, handOverEvery: Self.every)
        // 8 hand-overs of the second pass's events and relationships, then one of the 94 entities and 38 other links.
        #expect(streamed.map(\.count).last == 94 + 38)
        #expect(streamed.count == 9)
        let out = streamed.flatMap { $0 }
        #expect(out.count == 1_200 + 3 * 300 + 94 + 38)
        #expect(rest.batch.changes.count == 2)
        #expect(Set(out + rest.batch.changes) == Set(whole.batch.changes))
        #expect(out.count + rest.batch.changes.count == whole.batch.changes.count)
        #expect(rest.summary == whole.summary)
    }

    /// A broken line late in the second pass, after several hand-overs: the streamed import is abandoned and the
    /// workspace (version, every item, and after reopening) is exactly as it was.
    @Test func brokenSecondPassLineLeavesTheWorkspaceUnchanged() throws {
        let d = TempDir(); defer { d.cleanup() }
        let ws = try Workspace.create(at: d.file("ws"))
        let (first, _) = try Self.streamedImport(d.write("first.ftm.json", Self.file(intervals: 140)), into: ws)
        #expect(first.summary.rejected == 0)
        let version = ws.version
        let before = Self.items(ws)
        #expect(before[.event]?.count == 80)

        let broken = d.write("broken.ftm.json", Self.file(intervals: Self.intervals, brokenAt: 2_000))
        let (result, handOvers) = try Self.streamedImport(broken, into: ws)
        #expect(handOvers == 17)
        #expect(result.summary.rejected == 1)
        #expect(result.summary.rejects.map(\.description) == ["broken.ftm.json:2043: bad date in property \"startDate\": \"2026-13-45\""])
        #expect(ws.version == version)
        #expect(Self.items(ws) == before)

        // A stream that fails part way (a full disk, Ctrl-C's cancellation) ends the import and changes nothing.
        #expect(throws: ExchangeError.self) {
            _ = try Self.streamedImport(d.write("fails.ftm.json", Self.file(intervals: Self.intervals)), into: ws, failAfter: 3)
        }
        #expect(ws.version == version)
        #expect(Self.items(ws) == before)
        ws.close()
        let reopened = try Workspace.open(at: d.file("ws"))
        defer { reopened.close() }
        #expect(reopened.version == version)
        #expect(Self.items(reopened) == before)
    }

    /// A streamed import that hands everything over (calls between phones and cells already in the case, no links)
    /// still commits its source with the streamed events, so nothing it reports as created is dropped.
    @Test func everythingHandedOverStillCommitsTheSource() throws {
        let d = TempDir(); defer { d.cleanup() }
        let ws = try Workspace.create(at: d.file("ws"))
        defer { ws.close() }
        let eventsOnly = CSVImportTests.spec.split(separator: "\n").filter { !$0.hasPrefix("link =") }.joined(separator: "\n")
        let spec = try ImportSpec.parse(eventsOnly, file: "calls.toml")
        let csv = d.write("calls.csv", StreamedImportTests.calls())
        for round in 1...2 {
            let stream = try ws.beginCommitStream(analyst: "tester", time: fixedTime, action: "import")
            let result = try CSVImporter.run(path: csv, spec: spec, reader: ws, context: context(),
                                             streamEvents: { try stream.add($0) }, handOverEvery: 4096)
            #expect(result.summary.eventsCreated == 9000)
            #expect(result.summary.entitiesCreated == (round == 1 ? 45 : 0))
            #expect(result.shouldCommit(acceptPartial: false, dryRun: false))
            #expect(result.batch.changes.map(Self.kind) == [round == 1 ? .case : nil, .source].compactMap { $0 }
                    + Array(repeating: .entity, count: round == 1 ? 45 : 0))
            try stream.add(contentsOf: result.batch.changes)
            try stream.finish()
            #expect(ws.count(.event, inCase: nil) == 9000 * round)
            #expect(ws.count(.source, inCase: nil) == round)
        }
    }
}
