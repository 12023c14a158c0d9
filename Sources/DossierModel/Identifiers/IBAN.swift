/// International Bank Account Numbers (ISO 13616): compact upper-case form with validated check digits.
public enum IBAN {
    /// Lengths per country from the SWIFT IBAN registry.
    static let lengths: [String: Int] = [
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29, "BY": 28,
        "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18,
        "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22,
        "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20,
        "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
        "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SC": 31, "SE": 24,
        "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24,
        "XK": 20,
    ]

    public static func normalize(_ raw: String) throws -> String {
        func fail(_ reason: String) -> NormalizationError { NormalizationError(scheme: .iban, input: raw, reason: reason) }
        var compact = raw.uppercased().filter { $0 != " " && $0 != "-" }
        if compact.hasPrefix("IBAN") { compact.removeFirst(4) }
        guard compact.count >= 15, compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw fail("not an IBAN")
        }
        let country = String(compact.prefix(2))
        guard let expected = lengths[country] else { throw fail("unknown IBAN country \(country)") }
        guard compact.count == expected else { throw fail("\(country) IBANs have \(expected) characters, not \(compact.count)") }
        guard isValidChecksum(compact) else { throw fail("check digits do not match") }
        return compact
    }

    /// ISO 7064 mod 97-10 over the rearranged IBAN.
    public static func isValidChecksum(_ compact: String) -> Bool {
        let rearranged = compact.dropFirst(4) + compact.prefix(4)
        var remainder = 0
        for ch in rearranged {
            guard let ascii = ch.asciiValue else { return false }
            if ch.isNumber {
                remainder = (remainder * 10 + Int(ascii - 48)) % 97
            } else {
                remainder = (remainder * 100 + Int(ascii - 55)) % 97
            }
        }
        return remainder == 1
    }

    /// Computes the check digits for a country and basic bank account number (for generated test data).
    public static func make(country: String, bban: String) -> String {
        let provisional = country + "00" + bban
        let rearranged = provisional.dropFirst(4) + provisional.prefix(4)
        var remainder = 0
        for ch in rearranged {
            let ascii = Int(ch.asciiValue!)
            remainder = ch.isNumber ? (remainder * 10 + ascii - 48) % 97 : (remainder * 100 + ascii - 55) % 97
        }
        let check = 98 - remainder
        return country + (check < 10 ? "0" : "") + String(check) + bban
    }
}
