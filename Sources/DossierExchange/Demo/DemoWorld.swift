import DossierModel

/// The demo world: three cases that share entities, as in real international cooperation.
///
/// - `trafficking` (Operation Danube): a ring moving people from Moldova and Romania through Hungary and Austria to
///   Germany, the Netherlands and the UK: people, phones, calls, money transfers, travel and sightings at border crossings.
/// - `cyber` (Operation Nightjar): phishing and ransomware: e-mail addresses, domains, IPs, crypto wallets, logins.
/// - `art` (Operation Vermeer): a series of art thefts whose works surface through the same dealers and accounts.
///
/// Hidden connections for the engine's correlations: a phone used by a trafficking lieutenant and an art dealer; an IBAN
/// that receives both ring money and art-sale proceeds; a wallet fed from ring accounts and paid by ransomware victims;
/// near-duplicate people across cases ("Ionuț Popescu"/"Ionut Popescu", "Дмитрий Волков"/"Dmitri Volkov",
/// "王伟"/"Wang Wei", "László Kovács"/"Laszlo Kovacs"). Deterministic: fixed seed and fixed timestamps.
public struct DemoWorld {
    public static let seed: UInt64 = 20_260_301
    public static let analyst = "demo"
    /// All items are dated relative to this moment (2025-01-06T08:00:00Z).
    public static let epoch = TimePoint.parse("2025-01-06T08:00:00Z")!

    public private(set) var batches: [ChangeBatch] = []
    private var rng = SeededGenerator(seed: DemoWorld.seed)
    private var items: [Item] = []
    private var caseIDs: [String: ItemID] = [:]
    private var sources: [String: ItemID] = [:]
    private var people: [String: ItemID] = [:]
    private var phones: [String: ItemID] = [:]
    private var accounts: [String: ItemID] = [:]
    private var places: [String: ItemID] = [:]
    private var misc: [String: ItemID] = [:]

    public init() { build() }

    /// Every item of the world as one batch (what `dossier demo` commits).
    public var batch: ChangeBatch {
        var b = ChangeBatch(analyst: DemoWorld.analyst, time: DemoWorld.epoch, action: "build demo world",
                            reason: "demonstration data (fictitious)")
        b.changes = items.map { .put($0) }
        return b
    }

    public var allItems: [Item] { items }

    // MARK: building blocks

    private mutating func id(_ t: TimePoint = DemoWorld.epoch) -> ItemID {
        ItemID(millisecondsSinceEpoch: UInt64(max(0, t.utcMicros / 1000)), using: &rng)
    }

    private mutating func meta(_ cases: [String], source: String?, at t: TimePoint = DemoWorld.epoch) -> ItemMeta {
        ItemMeta(id: id(t), cases: cases.compactMap { caseIDs[$0] }, source: source.flatMap { sources[$0] },
                 analyst: DemoWorld.analyst, at: t)
    }

    private func day(_ d: Int, _ h: Int = 0, _ m: Int = 0, offset: Int16 = 0) -> TimePoint {
        TimePoint(utcMicros: DemoWorld.epoch.utcMicros + Int64(d) * 86_400_000_000 + Int64(h) * 3_600_000_000
                  + Int64(m) * 60_000_000 - Int64(offset) * 60_000_000, offsetMinutes: offset)
    }

    private mutating func addCase(_ name: String, _ title: String, _ summary: String) {
        let i = id()
        caseIDs[name] = i
        items.append(.case(Case(meta: ItemMeta(id: i, analyst: DemoWorld.analyst, at: DemoWorld.epoch), name: name, title: title,
                                summary: summary)))
    }

    private mutating func addSource(_ key: String, cases: [String], provider: String, reference: String, grading: String,
                                    handling: String, conditions: String = "", legalBasis: String, purpose: String, received: Int) {
        var m = meta(cases, source: nil)
        m.grading = Grading(grading)
        sources[key] = m.id
        items.append(.source(Source(meta: m, provider: provider, reference: reference, received: day(received),
                                    grading: Grading(grading)!, handling: HandlingCode(handling, conditions: conditions),
                                    legalBasis: legalBasis, purpose: purpose)))
    }

    @discardableResult
    private mutating func person(_ key: String, _ name: String, cases: [String], source: String, born: String? = nil,
                                 nationality: String? = nil, aliases: [String] = [], passport: String? = nil,
                                 role: String? = nil) -> ItemID {
        var attributes: [Attribute] = []
        if let born { attributes.append(Attribute("birthDate", born)) }
        if let nationality { attributes.append(Attribute("nationality", nationality)) }
        if let role { attributes.append(Attribute("role", role)) }
        var identifiers: [Identifier] = []
        if let passport { identifiers.append(Identifier(scheme: .passport, normalized: passport)) }
        let e = Entity(meta: meta(cases, source: source), kind: .person, name: name, aliases: aliases, identifiers: identifiers,
                       attributes: attributes)
        people[key] = e.meta.id
        items.append(.entity(e))
        return e.meta.id
    }

    @discardableResult
    private mutating func thing(_ key: String, _ kind: EntityKind, _ name: String, cases: [String], source: String,
                                identifier: Identifier? = nil, attributes: [Attribute] = [], at: GeoPoint? = nil) -> ItemID {
        let e = Entity(meta: meta(cases, source: source), kind: kind, name: name, identifiers: identifier.map { [$0] } ?? [],
                       attributes: attributes, coordinates: at)
        switch kind {
        case .phone: phones[key] = e.meta.id
        case .bankAccount, .cryptoWallet: accounts[key] = e.meta.id
        case .location, .address, .cellSite: places[key] = e.meta.id
        default: misc[key] = e.meta.id
        }
        items.append(.entity(e))
        return e.meta.id
    }

    private mutating func phone(_ key: String, _ number: String, cases: [String], source: String) {
        thing(key, .phone, number, cases: cases, source: source, identifier: Identifier(scheme: .phone, normalized: number))
    }

    private mutating func iban(_ key: String, _ country: String, _ bban: String, holder: String, cases: [String], source: String) {
        let v = IBAN.make(country: country, bban: bban)
        thing(key, .bankAccount, v, cases: cases, source: source, identifier: Identifier(scheme: .iban, normalized: v),
              attributes: [Attribute("holder", holder)])
    }

    private mutating func link(_ type: LinkType, _ a: ItemID?, _ b: ItemID?, cases: [String], source: String,
                               directed: Bool = true, weight: Double = 1, from: Int? = nil, label: String = "") {
        guard let a, let b else { return }
        items.append(.link(Link(meta: meta(cases, source: source), type: type, from: a, to: b, directed: directed,
                                start: from.map { day($0) }, weight: weight, label: label)))
    }

    private mutating func event(_ kind: EventKind, _ t: TimePoint, end: TimePoint? = nil, _ parts: [(ItemID?, ParticipantRole)],
                                place: ItemID? = nil, amount: Money? = nil, summary: String = "", cases: [String], source: String,
                                attributes: [Attribute] = []) {
        let ps = parts.compactMap { p in p.0.map { Participant($0, role: p.1) } }
        items.append(.event(Event(meta: meta(cases, source: source, at: DemoWorld.epoch), kind: kind, start: t, end: end,
                                  participants: ps, place: place, amount: amount, summary: summary, attributes: attributes)))
    }

    private mutating func pick<T>(_ list: [T]) -> T { list[Int(rng.next() % UInt64(list.count))] }
    private mutating func below(_ n: Int) -> Int { Int(rng.next() % UInt64(max(1, n))) }

    // MARK: the world

    private mutating func build() {
        addCase("trafficking", "Operation Danube", "Human trafficking ring moving people from Moldova and Romania through Hungary and Austria to Germany, the Netherlands and the UK.")
        addCase("cyber", "Operation Nightjar", "Phishing and ransomware campaign against logistics firms; proceeds laundered through crypto wallets.")
        addCase("art", "Operation Vermeer", "Series of thefts of paintings and icons from regional museums and churches; works resurface through dealers.")

        addSource("siena", cases: ["trafficking"], provider: "Europol", reference: "SIENA 2025-114872", grading: "B2", handling: "H2",
                  legalBasis: "Europol Regulation Art. 18(2)(a)", purpose: "Operational analysis EMPACT THB", received: -20)
        addSource("igpr", cases: ["trafficking"], provider: "Poliția Română (IGPR)", reference: "DCCO 4471/2024", grading: "C3", handling: "H1",
                  legalBasis: "EU Council Framework Decision 2006/960/JHA", purpose: "Criminal investigation", received: -15)
        addSource("orfk", cases: ["trafficking"], provider: "Rendőrség (ORFK) border police", reference: "HB-2025-0031", grading: "B2", handling: "H0",
                  legalBasis: "Prüm Decision", purpose: "Border crossing checks", received: -12)
        addSource("nca", cases: ["trafficking", "art"], provider: "National Crime Agency", reference: "NCA/ML/2025/0091", grading: "A2",
                  handling: "3x5x2:P", legalBasis: "Crime and Courts Act 2013 s.7", purpose: "Money laundering investigation", received: -10)
        addSource("fiu", cases: ["trafficking", "art"], provider: "FIU Netherlands", reference: "FIU-NL 25/0772", grading: "A1", handling: "H2",
                  legalBasis: "Directive (EU) 2015/849 Art. 53", purpose: "Financial analysis", received: -8)
        addSource("cert", cases: ["cyber"], provider: "CERT-EU", reference: "CERT-EU-2025-0142", grading: "B3", handling: "TLP:AMBER",
                  legalBasis: "Information sharing agreement", purpose: "Incident response", received: -18)
        addSource("ec3", cases: ["cyber"], provider: "Europol EC3", reference: "SIENA 2025-120331", grading: "B2", handling: "H3",
                  conditions: "Not to be shared with private parties", legalBasis: "Europol Regulation Art. 18(2)(c)",
                  purpose: "Cybercrime investigation", received: -9)
        addSource("interpol", cases: ["art"], provider: "Interpol Stolen Works of Art", reference: "WOA 2025/3318", grading: "A1", handling: "H0",
                  legalBasis: "Interpol Rules on the Processing of Data", purpose: "Recovery of stolen cultural property", received: -25)
        addSource("informant", cases: ["art"], provider: "Carabinieri TPC informant", reference: "TPC-INF-77", grading: "D4", handling: "H3",
                  conditions: "Protect the source; no disclosure to defence without approval", legalBasis: "Mutual legal assistance",
                  purpose: "Criminal investigation", received: -5)

        // Trafficking ring.
        let T = ["trafficking"]
        person("popescu", "Ionuț Popescu", cases: T, source: "igpr", born: "1984-03-12", nationality: "RO", passport: "RO0571234", role: "organiser")
        person("popescu2", "Ionut Popescu", cases: T, source: "siena", born: "1984-03-12", nationality: "RO", role: "driver")
        person("rusu", "Andrei Rusu", cases: T, source: "igpr", born: "1990-07-01", nationality: "MD", passport: "MD1029384")
        person("ceban", "Natalia Ceban", cases: T, source: "siena", born: "1993-11-23", nationality: "MD")
        person("kovacs", "László Kovács", cases: T, source: "orfk", born: "1979-02-02", nationality: "HU", role: "transport")
        person("nagy", "Zsófia Nagy", cases: T, source: "orfk", born: "1988-06-15", nationality: "HU")
        person("nagy2", "Zsofia Nagy", cases: T, source: "siena", born: "1988-06-15", nationality: "HU")
        person("gruber", "Matthias Gruber", cases: T, source: "siena", born: "1975-09-30", nationality: "AT", role: "safe house")
        person("yilmaz", "Emre Yılmaz", cases: T, source: "nca", born: "1986-04-04", nationality: "TR", role: "money mule")
        person("de-vries", "Pieter de Vries", cases: T, source: "fiu", born: "1970-12-08", nationality: "NL", role: "employer")
        person("moraru", "Elena Moraru", cases: T, source: "igpr", born: "2001-05-19", nationality: "MD", role: "victim")
        person("lungu", "Cristina Lungu", cases: T, source: "igpr", born: "2002-08-09", nationality: "MD", role: "victim")
        person("volkov-t", "Дмитрий Волков", cases: T, source: "siena", born: "1981-01-17", nationality: "UA", aliases: ["Dima"], role: "financier")
        let ring = ["popescu", "rusu", "ceban", "kovacs", "nagy", "gruber", "yilmaz", "de-vries", "volkov-t"]
        let numbers = ["popescu": "+40722123456", "rusu": "+37369123456", "ceban": "+37379876543", "kovacs": "+36301234567",
                       "nagy": "+36209876543", "gruber": "+436641234567", "yilmaz": "+442079460321", "de-vries": "+31612345678",
                       "volkov-t": "+380501234567", "moraru": "+37368111222", "lungu": "+37368333444"]
        for key in numbers.keys.sorted() {
            phone("ph-" + key, numbers[key]!, cases: T, source: key == "yilmaz" ? "nca" : "igpr")
            link(.uses, people[key], phones["ph-" + key], cases: T, source: "igpr", from: -60)
        }
        // A burner phone the ring's organiser shares with the art dealer Kovács (hidden link, see the art case).
        phone("ph-burner", "+40744555666", cases: ["trafficking", "art"], source: "siena")
        link(.uses, people["popescu"], phones["ph-burner"], cases: T, source: "siena", from: -30)
        link(.uses, people["popescu2"], phones["ph-popescu"], cases: T, source: "siena", from: -40)
        link(.uses, people["nagy2"], phones["ph-nagy"], cases: T, source: "siena", from: -40)
        link(.associate, people["popescu"], people["rusu"], cases: T, source: "igpr", directed: false, from: -400)
        link(.associate, people["popescu"], people["kovacs"], cases: T, source: "orfk", directed: false, from: -300)
        link(.family, people["rusu"], people["ceban"], cases: T, source: "igpr", directed: false, label: "siblings")
        link(.employedBy, people["moraru"], people["de-vries"], cases: T, source: "fiu")

        // Border crossings and other places, with coordinates.
        let crossings: [(String, String, Double, Double)] = [
            ("nadlac", "Nădlac II border crossing (RO/HU)", 46.1522, 20.7253),
            ("hegyeshalom", "Hegyeshalom border crossing (HU/AT)", 47.9095, 17.1558),
            ("sculeni", "Sculeni border crossing (MD/RO)", 47.3320, 27.6240),
            ("calais", "Port of Calais (FR/UK)", 50.9671, 1.8620),
            ("venlo", "Venlo A67 (DE/NL)", 51.3700, 6.1720),
        ]
        for (k, n, la, lo) in crossings {
            thing(k, .location, n, cases: T, source: "orfk", at: GeoPoint(latitude: la, longitude: lo))
        }
        thing("safehouse", .address, "Favoritenstraße 112, 1100 Wien", cases: T, source: "siena", at: GeoPoint(latitude: 48.1786, longitude: 16.3760))
        thing("van", .vehicle, "Ford Transit B-123-XYZ", cases: T, source: "orfk", identifier: Identifier(scheme: .plate, normalized: "B123XYZ"))
        link(.owns, people["kovacs"], misc["van"], cases: T, source: "orfk", from: -200)

        // Calls among the ring over eight weeks: organiser-centred, denser before each journey.
        let journeys = [3, 17, 31, 45]
        for k in 0..<260 {
            let a = k % 3 == 0 ? "popescu" : pick(ring)
            var b = pick(ring)
            if a == b { b = a == "popescu" ? "rusu" : "popescu" }
            let near = pick(journeys) - below(3)
            let t = day(near, 6 + below(15), below(60), offset: 120)
            let dur = 10 + below(400)
            let caller = a == "popescu" && k % 5 == 0 ? phones["ph-burner"] : phones["ph-" + a]
            event(.call, t, end: TimePoint(utcMicros: t.utcMicros + Int64(dur) * 1_000_000, offsetMinutes: 120),
                  [(caller, .caller), (phones["ph-" + b], .receiver)], cases: T, source: "igpr")
        }
        // Victims call home rarely; the organiser calls them before each journey.
        for (n, j) in journeys.enumerated() {
            for v in ["moraru", "lungu"] {
                let t = day(j - 1, 19, 10 * n, offset: 120)
                event(.call, t, end: TimePoint(utcMicros: t.utcMicros + 95_000_000, offsetMinutes: 120),
                      [(phones["ph-popescu"], .caller), (phones["ph-" + v], .receiver)], cases: T, source: "igpr")
            }
        }
        // Travel and sightings at border crossings per journey.
        let route = ["sculeni", "nadlac", "hegyeshalom", "venlo"]
        for (n, j) in journeys.enumerated() {
            for (step, place) in route.enumerated() {
                let t = day(j + step / 2, 4 + step * 5, 15 + n, offset: 120)
                let travellers: [(ItemID?, ParticipantRole)] = [(people["kovacs"], .traveller), (people["moraru"], .traveller),
                                                                (people["lungu"], .traveller), (misc["van"], .participant)]
                event(.travel, t, travellers, place: places[place], summary: "Van crosses at \(place)", cases: T, source: "orfk")
                if step == 1 || step == 2 {
                    event(.sighting, TimePoint(utcMicros: t.utcMicros + 600_000_000, offsetMinutes: 120),
                          [(people["kovacs"], .subject), (people[n % 2 == 0 ? "nagy" : "nagy2"], .subject)], place: places[place],
                          summary: "ANPR and passport check", cases: T, source: "orfk")
                }
            }
        }
        event(.sighting, day(50, 22, 40), [(people["yilmaz"], .subject), (people["popescu"], .subject)], place: places["calais"],
              summary: "Seen together at the ferry terminal", cases: T, source: "nca")

        // Money: wages skimmed from victims' employer flow to mules, then to the financier and a wallet.
        iban("acc-devries", "NL", "ABNA0417164300", holder: "De Vries Uitzendbureau B.V.", cases: T, source: "fiu")
        iban("acc-yilmaz", "GB", "NWBK60161331926819", holder: "Emre Yilmaz", cases: T, source: "nca")
        iban("acc-popescu", "RO", "BTRLRONCRT0123456789", holder: "Ionut Popescu", cases: T, source: "fiu")
        iban("acc-volkov", "AT", "1904300234573201", holder: "D. Volkov", cases: T, source: "fiu")
        // The account that also receives art-sale money (hidden link to the art case).
        iban("acc-shared", "DE", "370400440532013000", holder: "Köhler Handelsgesellschaft mbH", cases: ["trafficking", "art"], source: "fiu")
        link(.owns, people["yilmaz"], accounts["acc-yilmaz"], cases: T, source: "nca")
        link(.owns, people["popescu"], accounts["acc-popescu"], cases: T, source: "fiu")
        link(.owns, people["volkov-t"], accounts["acc-volkov"], cases: T, source: "fiu")
        link(.owns, people["de-vries"], accounts["acc-devries"], cases: T, source: "fiu")
        for k in 0..<48 {
            let t = day(2 + k, 10, below(60), offset: 60)
            let from = ["acc-devries", "acc-devries", "acc-yilmaz", "acc-popescu"][k % 4]
            let to = ["acc-yilmaz", "acc-popescu", "acc-volkov", k % 3 == 0 ? "acc-shared" : "acc-volkov"][k % 4]
            let amount = Money(tenThousandths: Int64(900 + below(4200)) * 10_000 + Int64(below(100)) * 100, currency: k % 4 == 2 ? "GBP" : "EUR")
            event(.transaction, t, [(accounts[from], .payer), (accounts[to], .payee)], amount: amount,
                  summary: k % 4 == 0 ? "Wages" : "Transfer", cases: T, source: "fiu")
        }

        // Cybercrime.
        let C = ["cyber"]
        person("volkov-c", "Dmitri Volkov", cases: C, source: "ec3", born: "1981-01-17", nationality: "UA", aliases: ["d.volkov", "nightjar"])
        person("wang", "王伟", cases: C, source: "ec3", born: "1992-10-03", nationality: "CN", aliases: ["wei.w"])
        person("wang2", "Wang Wei", cases: C, source: "cert", nationality: "CN")
        person("fischer", "Lena Fischer", cases: C, source: "cert", nationality: "DE", role: "victim (CFO)")
        thing("mail-nightjar", .email, "nightjar@protonmail.example", cases: C, source: "ec3", identifier: Identifier(scheme: .email, normalized: "nightjar@protonmail.example"))
        thing("mail-wang", .email, "wei.w@mail.example.cn", cases: C, source: "ec3", identifier: Identifier(scheme: .email, normalized: "wei.w@mail.example.cn"))
        thing("mail-phish", .email, "invoice@dhl-tracking-secure.example", cases: C, source: "cert", identifier: Identifier(scheme: .email, normalized: "invoice@dhl-tracking-secure.example"))
        let domains = ["dhl-tracking-secure.example", "maersk-docs.example", "nightjar-panel.example"]
        for d in domains { thing(d, .domain, d, cases: C, source: "cert", identifier: Identifier(scheme: .domain, normalized: d)) }
        let ips = ["185.220.101.47", "45.137.21.9", "103.41.167.220", "91.243.44.18"]
        for ip in ips { thing(ip, .ipAddress, ip, cases: C, source: "cert", identifier: Identifier(scheme: .ip, normalized: ip)) }
        thing("wallet-1", .cryptoWallet, "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh", cases: ["cyber", "trafficking"], source: "ec3",
              identifier: Identifier(scheme: .wallet, normalized: "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"))
        thing("wallet-2", .cryptoWallet, "0x52908400098527886E0F7030069857D2E4169EE7", cases: C, source: "ec3",
              identifier: Identifier(scheme: .wallet, normalized: "0x52908400098527886E0F7030069857D2E4169EE7"))
        thing("acct-panel", .userAccount, "admin@nightjar-panel", cases: C, source: "ec3", identifier: Identifier(scheme: .username, normalized: "admin@nightjar-panel"))
        thing("acct-victim", .userAccount, "l.fischer@spedition-fischer.example", cases: C, source: "cert", identifier: Identifier(scheme: .username, normalized: "l.fischer@spedition-fischer.example"))
        thing("malware", .malware, "NightjarLocker", cases: C, source: "cert", attributes: [Attribute("family", "ransomware")])
        link(.uses, people["volkov-c"], misc["mail-nightjar"], cases: C, source: "ec3")
        link(.uses, people["wang"], misc["mail-wang"], cases: C, source: "ec3")
        link(.owns, people["volkov-c"], accounts["wallet-1"], cases: C, source: "ec3")
        link(.owns, people["wang"], accounts["wallet-2"], cases: C, source: "ec3")
        link(.uses, people["volkov-c"], misc["acct-panel"], cases: C, source: "ec3")
        link(.related, misc["mail-phish"], misc["dhl-tracking-secure.example"], cases: C, source: "cert", label: "sender domain")
        link(.related, misc["nightjar-panel.example"], misc["185.220.101.47"], cases: C, source: "cert", label: "resolves to")
        link(.related, misc["malware"], misc["nightjar-panel.example"], cases: C, source: "cert", label: "C2")
        // The financier's account pays the ring's wallet: the trafficking and cyber cases touch.
        for k in 0..<6 {
            event(.transaction, day(20 + 5 * k, 14), [(accounts["acc-volkov"], .payer), (accounts["wallet-1"], .payee)],
                  amount: Money(tenThousandths: Int64(2500 + 500 * k) * 10_000, currency: "EUR"), summary: "Crypto exchange deposit",
                  cases: ["trafficking", "cyber"], source: "fiu")
        }
        for k in 0..<60 {
            let ip = ips[k % 4 == 3 ? 3 : below(3)]
            let account = k % 6 == 0 ? "acct-victim" : "acct-panel"
            event(.login, day(5 + k / 2, 1 + below(20), below(60)), [(misc[account], .subject), (misc[ip], .participant)],
                  summary: account == "acct-victim" ? "Login from unusual IP" : "Panel login", cases: C, source: "cert")
        }
        for k in 0..<5 {
            event(.transaction, day(33 + k, 9), [(accounts["wallet-2"], .payer), (accounts["wallet-1"], .payee)],
                  amount: Money(tenThousandths: Int64(1_2000 + 3000 * k) * 100, currency: "BTC"), summary: "Ransom share", cases: C, source: "ec3")
        }
        event(.message, day(12, 8, 3), [(misc["mail-phish"], .sender), (people["fischer"], .recipient)],
              summary: "Phishing: 'Your DHL shipment is on hold'", cases: C, source: "cert")

        // Art thefts.
        let A = ["art"]
        person("koehler", "Friedrich Köhler", cases: A, source: "nca", born: "1962-05-27", nationality: "DE", role: "dealer")
        person("kovacs-art", "Laszlo Kovacs", cases: A, source: "informant", born: "1979-02-02", nationality: "HU", role: "courier")
        person("volkov-a", "Дмитрий Волков", cases: A, source: "informant", born: "1981-01-17", role: "buyer")
        person("leclerc", "Amélie Leclerc", cases: A, source: "interpol", nationality: "FR", role: "dealer")
        person("chen", "陈静", cases: A, source: "interpol", nationality: "TW", aliases: ["Chen Jing"], role: "collector")
        thing("galerie", .company, "Galerie Lumière SARL", cases: A, source: "interpol", attributes: [Attribute("country", "FR")])
        thing("koehler-co", .company, "Köhler Handelsgesellschaft mbH", cases: A, source: "nca", attributes: [Attribute("country", "DE")])
        link(.directorOf, people["koehler"], misc["koehler-co"], cases: A, source: "nca")
        link(.directorOf, people["leclerc"], misc["galerie"], cases: A, source: "interpol")
        link(.owns, misc["koehler-co"], accounts["acc-shared"], cases: A, source: "fiu")
        link(.uses, people["kovacs-art"], phones["ph-burner"], cases: A, source: "informant", from: -20)
        phone("ph-koehler", "+4915112345678", cases: A, source: "nca")
        link(.uses, people["koehler"], phones["ph-koehler"], cases: A, source: "nca")
        let works: [(String, String, String, Int)] = [
            ("w1", "Icon of St Nicholas, 17th c.", "Mănăstirea Putna", -120), ("w2", "River landscape, J. van Goyen (attr.)", "Museum Kampen", -95),
            ("w3", "Portrait of a Lady, Mihály Munkácsy", "Déri Múzeum", -70), ("w4", "Still life with lemons", "Musée de Cluny", -44),
            ("w5", "Madonna and Child, Lombard school", "Chiesa di San Fedele", -30), ("w6", "Икона Казанской Божией Матери", "Private chapel, Iași", -12),
        ]
        for (k, (key, title, museum, when)) in works.enumerated() {
            thing(key, .artifact, title, cases: A, source: "interpol", attributes: [Attribute("stolen_from", museum), Attribute("woa", "WOA-\(3300 + k)")])
            event(.theft, day(when, 2, 30), [(misc[key], .subject)], summary: "Theft from \(museum)", cases: A, source: "interpol")
            let dealer = k % 2 == 0 ? "koehler" : "leclerc"
            event(.sale, day(when + 20 + k, 15), [(misc[key], .subject), (people[dealer], .sender), (people[k == 5 ? "volkov-a" : "chen"], .recipient)],
                  amount: Money(tenThousandths: Int64(18_000 + 9_000 * k) * 10_000, currency: "EUR"), summary: "Offered via \(dealer == "koehler" ? "Köhler" : "Galerie Lumière")",
                  cases: A, source: "informant")
            event(.transaction, day(when + 22 + k, 11), [(accounts["acc-shared"], .payee)],
                  amount: Money(tenThousandths: Int64(17_500 + 9_000 * k) * 10_000, currency: "EUR"), summary: "Sale proceeds \(key)", cases: A, source: "fiu")
        }
        for k in 0..<24 {
            let t = day(-40 + 2 * k, 9 + below(10), below(60), offset: 60)
            event(.call, t, end: TimePoint(utcMicros: t.utcMicros + Int64(30 + below(300)) * 1_000_000, offsetMinutes: 60),
                  [(phones[k % 3 == 0 ? "ph-burner" : "ph-koehler"], .caller), (phones[k % 3 == 0 ? "ph-koehler" : "ph-burner"], .receiver)],
                  cases: A, source: "informant")
        }
        items.append(.note(Note(meta: meta(["art", "trafficking"], source: "informant"), about: [phones["ph-burner"]!, people["kovacs-art"]!],
                                text: "Informant: the courier 'Laci' uses the same Romanian number as the Danube organiser. Verify before dissemination (H3).")))
    }

    /// Counts for the summary `dossier demo --build-only` prints.
    public var summaryLines: [String] {
        var kinds: [ItemKind: Int] = [:]
        for i in items { kinds[i.kind, default: 0] += 1 }
        let cases = items.compactMap(\.caseValue).map { "\($0.name) (\($0.title))" }
        return ["cases: " + cases.joined(separator: ", "),
                "items: " + ItemKind.allCases.compactMap { k in kinds[k].map { "\($0) \(k == .entity ? "entities" : k.rawValue + "s")" } }.joined(separator: ", ")]
    }
}
