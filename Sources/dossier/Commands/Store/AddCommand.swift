import ArgumentParser
import DossierModel
import DossierStore

struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add an entity, a link or an event; prints the new id as the last line.",
        subcommands: [AddEntity.self, AddLink.self, AddEvent.self])
}

struct AddEntity: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "entity", abstract: "Add an entity to a case.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("case"), help: "Case name or id.") var caseName: String
    @Option(help: "Entity kind: person, organization, company, phone, email, bank-account, vehicle, ...") var kind: String
    @Option(help: "Name (for a phone, e-mail, IBAN, IP, domain, URL or wallet: the identifier itself).") var name: String
    @Option(name: .customLong("attr"), help: ArgumentHelp("A free attribute.", valueName: "key=value")) var attrs: [String] = []
    @Option(name: .customLong("identifier"), help: ArgumentHelp("An identifier, normalised.", valueName: "scheme:value"))
    var identifiers: [String] = []
    @Option(name: .customLong("alias"), help: "Another name it goes by.") var aliases: [String] = []
    @Option(help: "Country for phone numbers without a country code (ISO 3166 alpha-2).") var country: String = "GB"

    func run() throws {
        let kind = EntityKind(rawValue: self.kind.trimmedForCLI)
        guard !kind.rawValue.isEmpty else { throw CLIFailure("--kind must not be empty", exitCode: 2) }
        let name = self.name.trimmedForCLI
        guard !name.isEmpty else { throw CLIFailure("--name must not be empty", exitCode: 2) }
        let attributes = try attrs.map(parseAttribute)
        var ids: [Identifier] = []
        for text in identifiers {
            guard let colon = text.firstIndex(of: ":"), let scheme = IdentifierScheme(rawValue: text[..<colon].lowercased()) else {
                let known = IdentifierScheme.allCases.map(\.rawValue).joined(separator: ", ")
                throw CLIFailure("--identifier \"\(text)\": expected scheme:value with a scheme among \(known)", exitCode: 2)
            }
            do {
                ids.append(try Identifier(scheme: scheme, raw: String(text[text.index(after: colon)...]), defaultCountry: country))
            } catch let e as NormalizationError {
                throw CLIFailure("--identifier \"\(text)\": \(e.reason)")
            }
        }
        if let natural = kind.naturalIdentifier, !ids.contains(where: { $0.scheme == natural }) {
            do {
                ids.insert(try Identifier(scheme: natural, raw: name, defaultCountry: country), at: 0)
            } catch let e as NormalizationError {
                throw CLIFailure("--name \"\(name)\" is not a valid \(natural.rawValue) (\(e.reason)); give the identifier with --identifier \(natural.rawValue):VALUE")
            }
        }
        var unique: [Identifier] = []
        for i in ids where !unique.contains(i) { unique.append(i) }

        let ws = try global.openWorkspace()
        defer { ws.close() }
        let c = try ws.requireCase(caseName)
        var batch = global.batch("add entity")
        let meta = ItemMeta(id: .generate(now: batch.time), cases: [c.meta.id], analyst: batch.analyst, at: batch.time)
        let entity = Entity(meta: meta, kind: kind, name: name, aliases: aliases, identifiers: unique, attributes: attributes)
        batch.put(.entity(entity))
        try commitOrFail(ws, batch)
        for other in unique.flatMap({ ws.entities(withIdentifier: $0) }) where other != meta.id {
            writeStandardError("dossier: note: \(other) carries an identifier of this entity too\n")
        }
        print(meta.id)
    }
}

struct AddLink: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "link", abstract: "Link two entities.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The entity the link starts from (id, prefix or exact name).", valueName: "from")) var from: String
    @Argument(help: ArgumentHelp("The entity it goes to.", valueName: "to")) var to: String
    @Option(help: "Link type: knows, owns, member-of, director-of, employed-by, family, associate, paid, called, uses, ...")
    var type: String
    @Flag(help: "The link has a direction (from -> to).") var directed = false
    @Option(name: .customLong("case"), help: "Case (default: the cases both entities share, else the first's).")
    var caseName: String?
    @Option(help: "Strength or count.") var weight: Double = 1
    @Option(help: "A label shown on the chart.") var label: String = ""
    @Option(help: ArgumentHelp("Since when (ISO 8601).", valueName: "time")) var start: String?
    @Option(help: ArgumentHelp("Until when (ISO 8601).", valueName: "time")) var end: String?
    @Option(name: .customLong("attr"), help: ArgumentHelp("A free attribute.", valueName: "key=value")) var attrs: [String] = []

    func run() throws {
        let linkType = LinkType(rawValue: type.trimmedForCLI)
        guard !linkType.rawValue.isEmpty else { throw CLIFailure("--type must not be empty", exitCode: 2) }
        guard weight.isFinite else { throw CLIFailure("--weight must be a number", exitCode: 2) }
        let attributes = try attrs.map(parseAttribute)
        let startTime = try start.map { try parseTime($0, option: "--start") }
        let endTime = try end.map { try parseTime($0, option: "--end") }
        let ws = try global.openWorkspace()
        defer { ws.close() }
        let a = try ws.require(from, what: "entity")
        let b = try ws.require(to, what: "entity")
        guard let ea = ws.entity(a) else { throw CLIFailure("\(from) is not an entity") }
        guard let eb = ws.entity(b) else { throw CLIFailure("\(to) is not an entity") }
        var cases: [ItemID]
        if let caseName {
            cases = [try ws.requireCase(caseName).meta.id]
        } else {
            cases = ea.meta.cases.filter { eb.meta.cases.contains($0) }
            if cases.isEmpty { cases = ea.meta.cases }
        }
        var batch = global.batch("add link")
        let meta = ItemMeta(id: .generate(now: batch.time), cases: cases, analyst: batch.analyst, at: batch.time)
        batch.put(.link(Link(meta: meta, type: linkType, from: a, to: b, directed: directed, start: startTime, end: endTime,
                             weight: weight, label: label, attributes: attributes)))
        try commitOrFail(ws, batch)
        print(meta.id)
    }
}

struct AddEvent: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "event", abstract: "Add an event (call, payment, travel, ...).")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("case"), help: "Case name or id.") var caseName: String
    @Option(help: "Event kind: call, message, transaction, travel, sighting, seizure, arrest, login, meeting, ...") var kind: String
    @Option(help: ArgumentHelp("When it started (ISO 8601; '2019' means the year 2019).", valueName: "time")) var time: String
    @Option(help: ArgumentHelp("When it ended.", valueName: "time")) var end: String?
    @Option(name: .customLong("participant"), help: ArgumentHelp("A participant and its role.", valueName: "id[:role]"))
    var participants: [String] = []
    @Option(help: ArgumentHelp("The place (a location entity).", valueName: "id")) var place: String?
    @Option(help: "Amount, with '.' as decimal mark.") var amount: String?
    @Option(help: "Currency of the amount (ISO 4217).") var currency: String = "EUR"
    @Option(help: "A one-line summary.") var summary: String = ""
    @Option(name: .customLong("attr"), help: ArgumentHelp("A free attribute.", valueName: "key=value")) var attrs: [String] = []

    func run() throws {
        let eventKind = EventKind(rawValue: kind.trimmedForCLI)
        guard !eventKind.rawValue.isEmpty else { throw CLIFailure("--kind must not be empty", exitCode: 2) }
        let start = try parseTime(time, option: "--time")
        let endTime = try end.map { try parseTime($0, option: "--end") }
        if let endTime, endTime.utcMicros < start.utcMicros {
            throw CLIFailure("--end \(endTime) is before --time \(start)", exitCode: 2)
        }
        var money: Money?
        if let amount {
            guard let m = Money(amount, currency: currency) else {
                throw CLIFailure("--amount \"\(amount)\": not an amount (use '.' as the decimal mark, at most 4 decimals)", exitCode: 2)
            }
            money = m
        }
        let attributes = try attrs.map(parseAttribute)
        let ws = try global.openWorkspace()
        defer { ws.close() }
        let c = try ws.requireCase(caseName)
        var list: [Participant] = []
        for text in participants {
            if let id = ws.resolve(text) {
                list.append(Participant(id))
                continue
            }
            guard let colon = text.lastIndex(of: ":") else { _ = try ws.require(text, what: "participant"); continue }
            let id = try ws.require(String(text[..<colon]), what: "participant")
            let role = String(text[text.index(after: colon)...])
            list.append(Participant(id, role: role.isEmpty ? .participant : ParticipantRole(rawValue: role)))
        }
        let placeID = try place.map { try ws.require($0, what: "place") }
        var batch = global.batch("add event")
        let meta = ItemMeta(id: .generate(now: batch.time), cases: [c.meta.id], analyst: batch.analyst, at: batch.time)
        batch.put(.event(Event(meta: meta, kind: eventKind, start: start, end: endTime, participants: list, place: placeID,
                               amount: money, summary: summary, attributes: attributes)))
        try commitOrFail(ws, batch)
        print(meta.id)
    }
}
