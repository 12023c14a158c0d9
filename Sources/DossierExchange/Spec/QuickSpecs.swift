import DossierModel

/// The specs behind `--calls`, `--transactions` and `--edges`: fixed column names, no spec file needed.
public enum QuickSpecs {
    /// caller, callee, start, duration[, cell[, cell_lat, cell_lon]]: phones and a call event per row (the engine's graph
    /// joins each call's participants, so no separate links are needed).
    public static func calls(header: [String]) -> ImportSpec {
        let h = Set(header.map { $0.lowercased() })
        var entities = [
            EntitySpec(role: "caller", kind: .phone, identifier: .name("caller"), scheme: .phone),
            EntitySpec(role: "callee", kind: .phone, identifier: .name("callee"), scheme: .phone),
        ]
        var event = EventSpec(kind: .call, start: .name("start"), duration: h.contains("duration") ? .name("duration") : nil,
                              participants: [(.caller, "caller"), (.receiver, "callee")])
        if h.contains("cell") {
            var cell = EntitySpec(role: "cell", kind: .cellSite, identifier: .name("cell"), scheme: .other, optional: true)
            if h.contains("cell_lat") && h.contains("cell_lon") { cell.latitude = .name("cell_lat"); cell.longitude = .name("cell_lon") }
            entities.append(cell)
            event.place = "cell"
        }
        return ImportSpec(entities: entities, events: [event])
    }

    /// from_account, to_account, date, amount, currency: accounts (IBAN when the columns say so), a transaction per row.
    public static func transactions(header: [String]) -> ImportSpec {
        let scheme: IdentifierScheme = header.contains { $0.lowercased().contains("iban") } ? .iban : .account
        let from = header.first { $0.lowercased().hasPrefix("from") } ?? "from_account"
        let to = header.first { $0.lowercased().hasPrefix("to") } ?? "to_account"
        return ImportSpec(
            entities: [
                EntitySpec(role: "from", kind: .bankAccount, identifier: .name(from), scheme: scheme),
                EntitySpec(role: "to", kind: .bankAccount, identifier: .name(to), scheme: scheme),
            ],
            events: [EventSpec(kind: .transaction, start: .name("date"), amount: .name("amount"), currency: .name("currency"),
                               participants: [(.payer, "from"), (.payee, "to")])])
    }

    /// source, target[, type][, weight]: entities by name, one link per row, repeated pairs adding weight.
    public static func edges(header: [String], kind: EntityKind = .person) -> ImportSpec {
        let h = header.map { $0.lowercased() }
        return ImportSpec(
            hasHeader: true,
            entities: [
                EntitySpec(role: "source", kind: kind, name: .position(1)),
                EntitySpec(role: "target", kind: kind, name: .position(2)),
            ],
            links: [LinkSpec(from: "source", to: "target", type: .related,
                             typeColumn: h.firstIndex(of: "type").map { .position($0 + 1) },
                             weight: h.firstIndex(of: "weight").map { .position($0 + 1) })])
    }

    /// The calls spec as a TOML file, as `dossier generate` writes it next to calls.csv.
    public static let callsTOML = """
    # Dossier import specification: call detail records.
    [input]
    delimiter = ","
    header = true
    default_country = "GB"

    [source]
    provider = "Telecom operator"
    grading = "B2"
    handling = "H1"
    legal_basis = "Production order"
    purpose = "Criminal investigation"

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
    optional = true

    [[events]]
    kind = "call"
    start = "start"
    format = "iso8601"
    time_zone = "UTC"
    duration = "duration"
    place = "cell"
    participants = { caller = "caller", receiver = "callee" }
    # link = "called"   # uncomment to also keep one link per caller-receiver pair (weight = number of calls)

    """

    /// The transactions spec as a TOML file.
    public static let transactionsTOML = """
    # Dossier import specification: bank transfers.
    [input]
    delimiter = ","
    header = true

    [source]
    provider = "Financial intelligence unit"
    grading = "A2"
    handling = "H2"
    legal_basis = "Disclosure under AML rules"
    purpose = "Criminal investigation"

    [entities.from]
    kind = "bank-account"
    identifier = "from_account"
    scheme = "iban"

    [entities.to]
    kind = "bank-account"
    identifier = "to_account"
    scheme = "iban"

    [[events]]
    kind = "transaction"
    start = "date"
    format = "iso8601"
    amount = "amount"
    currency = "currency"
    participants = { payer = "from", payee = "to" }

    """
}
