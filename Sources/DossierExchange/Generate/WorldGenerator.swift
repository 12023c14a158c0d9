import DossierModel

/// Writes the demo world's kind of data at any scale as files to import: `calls.csv` + `calls.toml`,
/// `transactions.csv` + `transactions.toml` and `entities.ftm.json` (people with their phones and accounts).
/// Deterministic for a seed; rows are streamed through 1 MiB buffers, so 10M events need no more memory than 10k.
public struct WorldGenerator {
    public var people: Int
    public var events: Int
    public var seed: UInt64
    /// The first call's time; events spread over 90 days from here.
    public var start = TimePoint.parse("2025-01-01T00:00:00Z")!

    public init(people: Int, events: Int, seed: UInt64) {
        self.people = max(2, people)
        self.events = max(0, events)
        self.seed = seed
    }

    public struct Summary: Sendable, Equatable {
        public var files: [String] = []
        public var people = 0
        public var phones = 0
        public var accounts = 0
        public var calls = 0
        public var transactions = 0
        public var lines: [String] {
            ["wrote " + files.joined(separator: ", "),
             "\(people) people, \(phones) phones, \(accounts) accounts, \(calls) calls, \(transactions) transactions"]
        }
    }

    /// Given names and family names per script, so a generated name never mixes scripts.
    static let names: [(first: [String], last: [String], familyFirst: Bool)] = [
        (["Ionuț", "Andrei", "Natalia", "László", "Zsófia", "Matthias", "Emre", "Pieter", "Elena", "Cristina", "Amélie",
          "François", "Jürgen", "Søren", "Agnieszka", "Tomáš", "José", "Núria", "Mehmet", "Aylin", "Joana", "Björn", "Małgorzata"],
         ["Popescu", "Rusu", "Ceban", "Kovács", "Nagy", "Gruber", "Yılmaz", "de Vries", "Moraru", "Lungu", "Leclerc", "Müller",
          "Søndergaard", "Nowak", "Dvořák", "García", "Puig", "Demir", "Santos", "Lindqvist", "Wiśniewska", "Öztürk", "Horváth"], false),
        (["Дмитрий", "Анна", "Сергей", "Ольга", "Иван", "Наталья", "Алексей", "Мария"],
         ["Волков", "Иванова", "Петров", "Смирнова", "Кузнецов", "Попова", "Соколов", "Морозова"], false),
        (["伟", "静", "磊", "芳", "强", "敏", "洋", "娜"], ["王", "陈", "李", "张", "刘", "杨", "黄", "赵"], true),
    ]

    /// Mobile prefixes with the number of digits that follow them (valid lengths for libphonenumber and `ftm validate`).
    static let prefixes: [(String, Int)] = [("+447712", 6), ("+40722", 6), ("+3630", 7), ("+49151", 8), ("+31612", 6),
                                            ("+37369", 6), ("+3367", 7)]
    static let ibanCountries: [(String, Int)] = [("DE", 18), ("NL", 14), ("GB", 18), ("RO", 20), ("AT", 16)]

    /// Phone `i` in E.164: a mobile prefix and a unique digit block (an odd multiplier coprime to 10 keeps it one-to-one
    /// within a prefix's 10^digits numbers, i.e. at least 7 million distinct phones).
    static func phone(_ i: Int) -> [UInt8] {
        let (prefix, digits) = prefixes[i % prefixes.count]
        var modulus: UInt64 = 1
        for _ in 0..<digits { modulus *= 10 }
        let v = (UInt64(i / prefixes.count) &* 7_919 &+ 123_457) % modulus
        var s = String(v)
        s = String(repeating: "0", count: digits - s.count) + s
        return Array((prefix + s).utf8)
    }

    static func iban(_ i: Int) -> String {
        let (country, length) = ibanCountries[i % ibanCountries.count]
        var digits = String(UInt64(i) &* 104_729 &+ 10_000_019)
        if country == "NL" || country == "GB" || country == "RO" {
            let bank = country == "NL" ? "ABNA" : country == "GB" ? "NWBK" : "BTRL"
            digits = String(repeating: "0", count: max(0, length - 4 - digits.count)) + digits
            return IBAN.make(country: country, bban: bank + String(digits.suffix(length - 4)))
        }
        digits = String(repeating: "0", count: max(0, length - digits.count)) + digits
        return IBAN.make(country: country, bban: String(digits.suffix(length)))
    }

    static func appendTime(_ micros: Int64, to out: inout [UInt8]) {
        let c = CivilTime(localMicros: micros)
        func two(_ v: Int) { out.append(UInt8(48 + v / 10)); out.append(UInt8(48 + v % 10)) }
        let y = c.year
        out.append(UInt8(48 + y / 1000 % 10)); out.append(UInt8(48 + y / 100 % 10)); two(y % 100)
        out.append(45); two(c.month); out.append(45); two(c.day)
        out.append(84); two(c.hour); out.append(58); two(c.minute); out.append(58); two(c.second); out.append(90)
    }

    static func appendInt(_ v: Int, to out: inout [UInt8]) {
        if v == 0 { out.append(48); return }
        var n = v, tmp: [UInt8] = []
        while n > 0 { tmp.append(UInt8(48 + n % 10)); n /= 10 }
        out.append(contentsOf: tmp.reversed())
    }

    public func write(to dir: String) throws -> Summary {
        var summary = Summary()
        var rng = SeededGenerator(seed: seed)
        let phoneCount = people + people / 3
        let accountCount = people
        let cells = max(10, people / 10)
        summary.people = people
        summary.phones = phoneCount
        summary.accounts = accountCount
        let callCount = events - events / 5
        let transactionCount = events / 5
        let span: Int64 = 90 * 86_400_000_000
        let group = 25

        // Calls.
        let calls = try OutputFile(path: dir + "/calls.csv")
        try calls.write("caller,callee,start,duration,cell\n")
        var line: [UInt8] = []
        line.reserveCapacity(128)
        let step = callCount > 0 ? span / Int64(callCount) : 0
        for k in 0..<callCount {
            line.removeAll(keepingCapacity: true)
            // Callers skew towards a core of busy phones; most calls stay inside a group of 25.
            let a = Int(min(rng.next() % UInt64(phoneCount), rng.next() % UInt64(phoneCount)))
            var b: Int
            if rng.next() % 100 < 85 {
                let base = a / group * group
                b = base + Int(rng.next() % UInt64(group))
                if b >= phoneCount { b = Int(rng.next() % UInt64(phoneCount)) }
            } else {
                b = Int(rng.next() % UInt64(phoneCount))
            }
            if b == a { b = (a + 1) % phoneCount }
            line.append(contentsOf: WorldGenerator.phone(a)); line.append(44)
            line.append(contentsOf: WorldGenerator.phone(b)); line.append(44)
            let t = start.utcMicros + Int64(k) * step + Int64(rng.next() % UInt64(max(1, step)))
            WorldGenerator.appendTime(t - t % 1_000_000, to: &line); line.append(44)
            WorldGenerator.appendInt(5 + Int(rng.next() % 1200), to: &line); line.append(44)
            line.append(67)  // "C"
            WorldGenerator.appendInt(10_000 + Int(rng.next() % UInt64(cells)), to: &line)
            line.append(10)
            try calls.write(bytes: line)
        }
        try calls.close()
        summary.calls = callCount
        try writeText(dir + "/calls.toml", QuickSpecs.callsTOML)

        // Transactions.
        let ibans = (0..<accountCount).map { Array(WorldGenerator.iban($0).utf8) }
        let tx = try OutputFile(path: dir + "/transactions.csv")
        try tx.write("from_account,to_account,date,amount,currency\n")
        let txStep = transactionCount > 0 ? span / Int64(transactionCount) : 0
        let currencies: [[UInt8]] = [Array("EUR".utf8), Array("EUR".utf8), Array("EUR".utf8), Array("GBP".utf8), Array("RON".utf8)]
        for k in 0..<transactionCount {
            line.removeAll(keepingCapacity: true)
            let a = Int(min(rng.next() % UInt64(accountCount), rng.next() % UInt64(accountCount)))
            var b = rng.next() % 100 < 80 ? a / group * group + Int(rng.next() % UInt64(group)) : Int(rng.next() % UInt64(accountCount))
            if b >= accountCount || b == a { b = (a + 7) % accountCount }
            line.append(contentsOf: ibans[a]); line.append(44)
            line.append(contentsOf: ibans[b]); line.append(44)
            let t = start.utcMicros + Int64(k) * txStep + Int64(rng.next() % UInt64(max(1, txStep)))
            WorldGenerator.appendTime(t - t % 1_000_000, to: &line); line.append(44)
            WorldGenerator.appendInt(10 + Int(rng.next() % 9_990), to: &line)
            line.append(46)
            let cents = Int(rng.next() % 100)
            line.append(UInt8(48 + cents / 10)); line.append(UInt8(48 + cents % 10)); line.append(44)
            line.append(contentsOf: currencies[Int(rng.next() % UInt64(currencies.count))])
            line.append(10)
            try tx.write(bytes: line)
        }
        try tx.close()
        summary.transactions = transactionCount
        try writeText(dir + "/transactions.toml", QuickSpecs.transactionsTOML)

        // FtM: people with their phones; accounts and who owns them.
        let ftm = try OutputFile(path: dir + "/entities.ftm.json")
        for i in 0..<people {
            let roll = rng.next() % 100
            let script = WorldGenerator.names[roll < 70 ? 0 : roll < 85 ? 1 : 2]
            let first = script.first[Int(rng.next() % UInt64(script.first.count))]
            let last = script.last[Int(rng.next() % UInt64(script.last.count))]
            let name = script.familyFirst ? last + first : first + " " + last
            var phonesOf = ["\"" + String(decoding: WorldGenerator.phone(i), as: UTF8.self) + "\""]
            if i < people / 3 { phonesOf.append("\"" + String(decoding: WorldGenerator.phone(people + i), as: UTF8.self) + "\"") }
            let year = 1960 + Int(rng.next() % 45), month = 1 + Int(rng.next() % 12), day = 1 + Int(rng.next() % 28)
            let born = "\(year)-\(pad2(month))-\(pad2(day))"
            try ftm.write("{\"id\":\"p\(i)\",\"schema\":\"Person\",\"properties\":{\"name\":[\(jsonString(name))],\"birthDate\":[\"\(born)\"],\"phone\":[\(phonesOf.joined(separator: ","))]}}\n")
            try ftm.write("{\"id\":\"a\(i)\",\"schema\":\"BankAccount\",\"properties\":{\"iban\":[\"\(String(decoding: ibans[i], as: UTF8.self))\"]}}\n")
            try ftm.write("{\"id\":\"o\(i)\",\"schema\":\"Ownership\",\"properties\":{\"owner\":[\"p\(i)\"],\"asset\":[\"a\(i)\"]}}\n")
        }
        try ftm.close()
        summary.files = ["calls.csv", "calls.toml", "transactions.csv", "transactions.toml", "entities.ftm.json"].map { dir + "/" + $0 }
        return summary
    }

    private func writeText(_ path: String, _ text: String) throws {
        let f = try OutputFile(path: path)
        try f.write(text)
        try f.close()
    }
}

/// A JSON string literal.
func jsonString(_ s: String) -> String { JSONString.quoted(s) }
