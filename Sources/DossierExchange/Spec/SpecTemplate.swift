import DossierModel

/// Writes a starting import spec for a file from its header and a sample of rows: guesses which columns are phones,
/// e-mail addresses, IBANs, times (with their format), durations, amounts, currencies, coordinates and names.
public enum SpecTemplate {
    enum Guess: Equatable { case phone, email, iban, time(TimeFormat), duration, amount, currency, latitude, longitude, name, text }

    public static func make(path: String, sampleRows: Int = 200) throws -> String {
        let csv = try CSVReader(path: path)
        var sample: [[String]] = []
        while sample.count < sampleRows, let row = try csv.next() { if row.problem == nil { sample.append(row.fields) } }
        let header = csv.header ?? (0..<csv.columnCount).map { "column\($0 + 1)" }
        let guesses = header.indices.map { i in guess(name: header[i], values: sample.map { i < $0.count ? $0[i] : "" }) }
        func col(_ i: Int) -> String { csv.header == nil ? "\(i + 1)" : "\"\(header[i])\"" }
        func role(_ i: Int) -> String {
            let r = header[i].lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }
            return String(r).isEmpty ? "column\(i + 1)" : String(r)
        }
        var out = "# Dossier import specification for \(csv.fileName), guessed from its header and \(sample.count) rows.\n"
        out += "# Check every entry, then: dossier import \(csv.fileName) --case CASE --spec THIS_FILE\n\n"
        out += "[input]\n"
        out += "delimiter = \"\(csv.delimiter == 9 ? "\\t" : String(UnicodeScalar(csv.delimiter)))\"\n"
        out += "header = \(csv.header != nil)\n"
        out += "encoding = \"\(csv.encoding == .utf8BOM ? "utf-8" : csv.encoding.rawValue)\"\n"
        out += "default_country = \"GB\"        # calling code for numbers written without one\n\n"
        out += "[source]\nprovider = \"\"\nreference = \"\"\ngrading = \"F6\"               # Admiralty: A-F reliability, 1-6 credibility\n"
        out += "handling = \"H0\"              # Europol H0-H3, TLP:..., or 3x5x2:P/C\nlegal_basis = \"\"\npurpose = \"\"\n\n"
        var entityRoles: [(role: String, kind: String, column: Int)] = []
        for (i, g) in guesses.enumerated() {
            let kind: String, scheme: String?
            switch g {
            case .phone: kind = "phone"; scheme = nil
            case .email: kind = "email"; scheme = nil
            case .iban: kind = "bank-account"; scheme = "iban"
            case .name: kind = "person"; scheme = nil
            default: continue
            }
            let r = role(i)
            entityRoles.append((r, kind, i))
            out += "[entities.\(r)]\nkind = \"\(kind)\"\n"
            if g == .name { out += "name = \(col(i))\n" } else { out += "identifier = \(col(i))\n" }
            if let scheme { out += "scheme = \"\(scheme)\"\n" }
            out += "\n"
        }
        if let t = guesses.firstIndex(where: { if case .time = $0 { true } else { false } }), case .time(let format) = guesses[t] {
            let isMoney = guesses.contains(.amount)
            out += "[[events]]\nkind = \"\(isMoney ? "transaction" : entityRoles.contains { $0.kind == "phone" } ? "call" : "event")\"\n"
            out += "start = \(col(t))\nformat = \"\(format)\"\ntime_zone = \"UTC\"\n"
            if let d = guesses.firstIndex(of: .duration) { out += "duration = \(col(d))\n" }
            if let a = guesses.firstIndex(of: .amount) {
                out += "amount = \(col(a))\n"
                if let c = guesses.firstIndex(of: .currency) { out += "currency = \(col(c))\n" } else { out += "currency_code = \"EUR\"\n" }
            }
            if entityRoles.count >= 2 {
                let (o, d): (String, String) = isMoney ? ("payer", "payee") : ("caller", "receiver")
                out += "participants = { \(o) = \"\(entityRoles[0].role)\", \(d) = \"\(entityRoles[1].role)\" }\n"
                out += "link = \"\(isMoney ? "paid" : "called")\"\n"
            } else if let only = entityRoles.first {
                out += "participants = { subject = \"\(only.role)\" }\n"
            }
            out += "\n"
        } else if entityRoles.count >= 2 {
            out += "[[links]]\nfrom = \"\(entityRoles[0].role)\"\nto = \"\(entityRoles[1].role)\"\ntype = \"related\"\n\n"
        }
        let unused = header.indices.filter { i in guesses[i] == .text }
        if !unused.isEmpty { out += "# Not mapped: \(unused.map { header[$0] }.joined(separator: ", "))\n" }
        return out
    }

    static let patterns = ["%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M",
                           "%m/%d/%Y %H:%M:%S", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d %H:%M:%S"]

    static func guess(name: String, values: [String]) -> Guess {
        let v = values.map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
        let n = name.lowercased()
        guard !v.isEmpty else { return .text }
        func all(_ f: (String) -> Bool) -> Bool { v.allSatisfy(f) }
        if n.contains("lat") && all({ Double($0).map { abs($0) <= 90 } ?? false }) { return .latitude }
        if (n.contains("lon") || n.contains("lng")) && all({ Double($0).map { abs($0) <= 180 } ?? false }) { return .longitude }
        if all({ $0.contains("@") && (try? IdentifierNormalizer.normalize($0, scheme: .email)) != nil }) { return .email }
        if all({ (try? IBAN.normalize($0)) != nil }) { return .iban }
        if all({ TimePoint.parse($0).map { $0.precision >= .day } ?? false }) { return .time(.iso8601) }
        for p in patterns where all({ TimeFormat.parsePattern(Array(p.utf8), Array($0.utf8), zone: .fixed(minutes: 0)) != nil }) {
            return .time(.pattern(p))
        }
        if n.contains("dur") && all({ parseDurationSeconds($0) != nil }) { return .duration }
        if all({ $0.count == 3 && $0.allSatisfy { $0.isUppercase && $0.isASCII } }) { return .currency }
        if (n.contains("amount") || n.contains("sum") || n.contains("value")) && all({ Money($0, currency: "X") != nil }) { return .amount }
        let phoneLike = all { s in
            let digits = s.filter(\.isNumber).count
            return digits >= 7 && s.allSatisfy { $0.isNumber || " +-()./".contains($0) } && (try? PhoneNumber.e164(s)) != nil
        }
        if phoneLike && !n.contains("id") { return .phone }
        if n.contains("name") || n == "person" || n == "source" || n == "target" { return .name }
        return .text
    }
}
