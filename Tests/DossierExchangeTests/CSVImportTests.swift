import Testing
import DossierModel
@testable import DossierExchange

@Suite struct CSVImportTests {
    static let spec = """
    [input]
    default_country = "GB"

    [source]
    provider = "Vodafone UK"
    reference = "PO-2026-17"
    grading = "B2"
    handling = "H1"
    legal_basis = "Production order 17"
    purpose = "Operation Lantern"

    [entities.caller]
    kind = "phone"
    identifier = "caller"

    [entities.callee]
    kind = "phone"
    identifier = "callee"

    [entities.cell]
    kind = "cell-site"
    identifier = "cell"
    scheme = "other"
    latitude = "lat"
    longitude = "lon"
    optional = true

    [[events]]
    kind = "call"
    start = "start"
    format = "%d/%m/%Y %H:%M:%S"
    time_zone = "+01:00"
    duration = "duration"
    place = "cell"
    participants = { caller = "caller", receiver = "callee" }
    link = "called"
    """

    static let good = """
    caller,callee,start,duration,cell,lat,lon
    07700 900123,+33 6 12 34 56 78,01/03/2026 10:00:00,75,C-1,51.5,-0.12
    +447700900123,0033612345678,01/03/2026 11:30:00,1:05,C-1,51.5,-0.12
    +44 7700 900999,+447700900123,02/03/2026 08:15:00,12,,,

    """

    func run(_ csv: String, spec: String = CSVImportTests.spec, reader: InMemoryItems = InMemoryItems(),
             ctx: ImportContext = context(), rejects: String? = nil) throws -> ImportResult {
        let d = TempDir(); defer { d.cleanup() }
        let p = d.write("calls.csv", csv)
        let s = try ImportSpec.parse(spec, file: "calls.toml")
        return try CSVImporter.run(path: p, spec: s, specName: "calls.toml", reader: reader, context: ctx,
                                   rejects: rejects.map { RejectWriter(path: $0) })
    }

    @Test func importsCallsWithSpec() throws {
        let r = try run(CSVImportTests.good)
        #expect(r.summary.rows == 3)
        #expect(r.summary.imported == 3)
        #expect(r.summary.rejected == 0)
        #expect(r.summary.entitiesCreated == 4)  // 2 phones + 1 more phone + 1 cell
        #expect(r.summary.eventsCreated == 3)
        var items = InMemoryItems()
        items.apply(r.batch)
        let phones = items.allEntities().filter { $0.kind == .phone }.map { $0.identifiers[0].value }.sorted()
        #expect(phones == ["+33612345678", "+447700900123", "+447700900999"])
        let calls = items.allEvents().sorted { $0.start < $1.start }
        #expect(calls[0].start.description == "2026-03-01T10:00:00+01:00")
        #expect(calls[0].start.utcISO8601 == "2026-03-01T09:00:00Z")
        #expect(calls[0].durationSeconds == 75)
        #expect(calls[1].durationSeconds == 65)
        #expect(calls[0].participants.map(\.role) == [.caller, .receiver])
        let cell = items.allEntities().first { $0.kind == .cellSite }!
        #expect(cell.coordinates == GeoPoint(latitude: 51.5, longitude: -0.12))
        #expect(calls[0].place == cell.meta.id)
        #expect(calls[2].place == nil)
        // One source, referenced by every created item, with the spec's provenance and the file's hash.
        let sources = items.allItems(.source).compactMap(\.source)
        #expect(sources.count == 1)
        let s = sources[0]
        #expect(s.provider == "Vodafone UK")
        #expect(s.grading.description == "B2")
        #expect(s.handling?.description == "H1")
        #expect(s.legalBasis == "Production order 17")
        #expect(s.purpose == "Operation Lantern")
        #expect(s.fileName == "calls.csv")
        #expect(s.sha256 == r.summary.sha256)
        for item in r.batch.changes.compactMap({ if case .put(let i) = $0 { i } else { nil } }) where item.kind != .case && item.kind != .source {
            #expect(item.meta.source == s.meta.id)
        }
        // The aggregated called link: +447700900123 -> +33612345678 twice.
        let links = items.allLinks()
        let pair = links.first { $0.weight == 2 }
        #expect(pair?.type == .called)
        #expect(links.count == 2)
    }

    @Test func flagsOverrideSpecProvenance() throws {
        let r = try run(CSVImportTests.good, ctx: context(provenance: ImportProvenance(provider: "NCA", grading: Grading("A1"))))
        var items = InMemoryItems()
        items.apply(r.batch)
        let s = items.allItems(.source).compactMap(\.source)[0]
        #expect(s.provider == "NCA")
        #expect(s.grading.description == "A1")
        #expect(s.reference == "PO-2026-17")
    }

    @Test func dedupAcrossImports() throws {
        let first = try run(CSVImportTests.good)
        var items = InMemoryItems()
        items.apply(first.batch)
        let second = try run("caller,callee,start,duration,cell,lat,lon\n+44 7700 900 123,+447700900555,03/03/2026 09:00:00,5,C-1,51.5,-0.12\n",
                             reader: items, ctx: context("op-two"))
        #expect(second.summary.entitiesCreated == 1)  // only +447700900555
        #expect(second.summary.entitiesMatched == 2)  // the caller phone and cell C-1
        items.apply(second.batch)
        #expect(items.allEntities().filter { $0.kind == .phone }.count == 4)
        let caller = items.entities(withIdentifier: Identifier(scheme: .phone, normalized: "+447700900123"))
        #expect(caller.count == 1)
        // The shared phone now belongs to both cases.
        #expect(items.entity(caller[0])!.meta.cases.count == 2)
    }

    @Test func defectsAreRejectedWithLineAndReasonAndNothingIsCommitted() throws {
        let d = TempDir(); defer { d.cleanup() }
        let cases: [(String, [UInt8], String)] = [
            ("bad date", Array("caller,callee,start,duration,cell,lat,lon\n+447700900123,+447700900124,01/03/2026 10:00:00,5,,,\n+447700900123,+447700900124,31/02/2026 10:00:00,5,,,\n".utf8),
             "calls.csv:3: bad date in column \"start\": \"31/02/2026 10:00:00\" (expected %d/%m/%Y %H:%M:%S)"),
            ("wrong count", Array("caller,callee,start,duration,cell,lat,lon\n+447700900123,+447700900124,01/03/2026 10:00:00,5\n".utf8),
             "calls.csv:2: expected 7 fields, found 4"),
            ("invalid utf8", Array("caller,callee,start,duration,cell,lat,lon\n+447700900123,+447700900124,01/03/2026 10:00:00,5,Zoë,,\n".utf8)
                + Array("+447700900123,+447700900124,01/03/2026 10:00:00,5,".utf8) + [0xC3, 0x28] + Array(",,\n".utf8),
             "calls.csv:3: invalid UTF-8"),
            ("bad phone", Array("caller,callee,start,duration,cell,lat,lon\n+447700900123,12ab,01/03/2026 10:00:00,5,,,\n".utf8),
             "calls.csv:2: bad phone in column \"callee\": \"12ab\": unexpected character"),
        ]
        for (label, bytes, expected) in cases {
            let p = d.write("calls.csv", bytes: bytes)
            let s = try ImportSpec.parse(CSVImportTests.spec, file: "calls.toml")
            let rejectPath = d.file("rejects-\(label.replacingOccurrences(of: " ", with: "-")).csv")
            let writer = RejectWriter(path: rejectPath, header: { ["caller", "callee", "start", "duration", "cell", "lat", "lon"] })
            let r = try CSVImporter.run(path: p, spec: s, reader: InMemoryItems(), context: context(), rejects: writer)
            try writer.close()
            #expect(r.summary.rejected == 1, "\(label)")
            #expect(r.summary.rejects.map(\.description) == [expected], "\(label)")
            #expect(!r.shouldCommit(acceptPartial: false, dryRun: false), "\(label)")
            #expect(r.shouldCommit(acceptPartial: true, dryRun: true) == false)
            let rejectText = d.read(rejectPath.split(separator: "/").last.map(String.init)!)
            let loc = expected.split(separator: ":").prefix(2).joined(separator: ":")
            #expect(rejectText.hasPrefix("location,reason,caller,callee,start,duration,cell,lat,lon\n\(loc),"), "\(label)")
        }
        let p = d.write("calls.csv", "caller,callee,start,duration,cell,lat,lon\n+447700900123,\"+4477\n")
        let s = try ImportSpec.parse(CSVImportTests.spec, file: "calls.toml")
        #expect(throws: ExchangeError(file: "calls.csv", line: 2, "unclosed quote")) {
            try CSVImporter.run(path: p, spec: s, reader: InMemoryItems(), context: context())
        }
    }

    @Test func specErrorsNameTheKey() throws {
        #expect(throws: ExchangeError(file: "s.toml", "entities.a.kind: missing (person, phone, bank-account, ...)")) {
            try ImportSpec.parse("[entities.a]\nidentifier = \"x\"\n", file: "s.toml")
        }
        #expect(throws: ExchangeError(file: "s.toml", "events[0].participants.caller: no entity \"nobody\" (defined: a)")) {
            try ImportSpec.parse("[entities.a]\nkind = \"phone\"\nidentifier = \"x\"\n[[events]]\nstart = \"t\"\nparticipants = { caller = \"nobody\" }\n", file: "s.toml")
        }
        #expect(throws: ExchangeError(file: "s.toml", "source.grading: not an Admiralty grade such as \"B2\": \"Z9\"")) {
            try ImportSpec.parse("[source]\ngrading = \"Z9\"\n[entities.a]\nkind = \"phone\"\nidentifier = \"x\"\n", file: "s.toml")
        }
        #expect(throws: ExchangeError(file: "s.toml", "events[0].format: unknown time format \"dd/mm\" (iso8601, unix, unix-ms or a pattern like \"%d/%m/%Y %H:%M\")")) {
            try ImportSpec.parse("[entities.a]\nkind = \"phone\"\nidentifier = \"x\"\n[[events]]\nstart = \"t\"\nformat = \"dd/mm\"\n", file: "s.toml")
        }
        // A column the file lacks is named when the spec meets the file.
        let d = TempDir(); defer { d.cleanup() }
        let p = d.write("c.csv", "a,b\n+447700900123,x\n")
        let s = try ImportSpec.parse("[entities.a]\nkind = \"phone\"\nidentifier = \"caller\"\n", file: "s.toml")
        #expect(throws: ExchangeError(file: "s.toml", "entities.a.identifier: no column \"caller\" in c.csv (columns: a, b)")) {
            try CSVImporter.run(path: p, spec: s, specName: "s.toml", reader: InMemoryItems(), context: context())
        }
    }

    @Test func edgesQuickPathAddsWeight() throws {
        let d = TempDir(); defer { d.cleanup() }
        let p = d.write("e.csv", "source,target,type,weight\nAnna Kowalska,Иван Петров,associate,2\nИван Петров,Anna Kowalska,associate,1\n王伟,Anna Kowalska,,\n")
        let header = ["source", "target", "type", "weight"]
        let r = try CSVImporter.run(path: p, spec: QuickSpecs.edges(header: header), reader: InMemoryItems(), context: context())
        #expect(r.summary.imported == 2)
        #expect(r.summary.merged == 1)
        var items = InMemoryItems()
        items.apply(r.batch)
        #expect(items.allEntities().map(\.name).sorted() == ["Anna Kowalska", "Иван Петров", "王伟"])
        #expect(items.allEntities().allSatisfy { $0.kind == .person })
        let links = items.allLinks().sorted { $0.weight > $1.weight }
        #expect(links.map(\.weight) == [3, 1])
        #expect(links.map(\.type) == [.associate, .related])
    }

    @Test func transactionsQuickPath() throws {
        let d = TempDir(); defer { d.cleanup() }
        let a = IBAN.make(country: "DE", bban: "370400440532013000"), b = IBAN.make(country: "GB", bban: "NWBK60161331926819")
        let p = d.write("t.csv", "from_account,to_account,date,amount,currency\n\(a),\(b),2026-01-05,1500.50,EUR\n\(b),\(a),2026-01-06T10:00:00+01:00,20,GBP\n")
        let r = try CSVImporter.run(path: p, spec: QuickSpecs.transactions(header: ["from_account", "to_account", "date", "amount", "currency"]),
                                    reader: InMemoryItems(), context: context())
        #expect(r.summary.rejected == 0)
        var items = InMemoryItems()
        items.apply(r.batch)
        let ev = items.allEvents().sorted { $0.start < $1.start }
        #expect(ev.map { $0.amount!.description } == ["1500.50 EUR", "20.00 GBP"])
        #expect(ev[0].start.precision == .day)
        #expect(items.allEntities().filter { $0.kind == .bankAccount }.count == 2)
    }

    @Test func specTemplateGuessesColumns() throws {
        let d = TempDir(); defer { d.cleanup() }
        let p = d.write("cdr.csv", "a_number,b_number,when,duration,full_name\n+447700900123,+33612345678,01/03/2026 10:00:00,75,Anna\n+447700900124,+33612345679,02/03/2026 10:00:00,5,Jo\n")
        let text = try SpecTemplate.make(path: p)
        #expect(text.contains("[entities.a_number]\nkind = \"phone\"\nidentifier = \"a_number\""))
        #expect(text.contains("format = \"%d/%m/%Y %H:%M:%S\""))
        #expect(text.contains("duration = \"duration\""))
        #expect(text.contains("participants = { caller = \"a_number\", receiver = \"b_number\" }"))
        // The template is itself a valid spec for the file.
        let spec = try ImportSpec.parse(text, file: "cdr.toml")
        let r = try CSVImporter.run(path: p, spec: spec, reader: InMemoryItems(), context: context())
        #expect(r.summary.rejected == 0)
        #expect(r.summary.eventsCreated == 2)
    }
}
