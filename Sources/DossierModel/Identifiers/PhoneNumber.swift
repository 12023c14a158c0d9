/// E.164 normalisation of phone numbers as partners write them: "+44 20 7946 0958", "0044 20...", "(020) 7946-0958".
public enum PhoneNumber {
    /// The E.164 form ("+442079460958"). National numbers take `defaultCountry`'s calling code after dropping its
    /// trunk prefix. Throws when the result cannot be a phone number (too short, too long, letters).
    public static func e164(_ raw: String, defaultCountry: String = "GB") throws -> String {
        func fail(_ reason: String) -> NormalizationError { NormalizationError(scheme: .phone, input: raw, reason: reason) }
        var digits: [UInt8] = []
        digits.reserveCapacity(16)
        var international = false
        var seenDigit = false
        for (index, byte) in raw.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits.append(byte)
                seenDigit = true
            case UInt8(ascii: "+"):
                guard !seenDigit && !international else { throw fail("'+' inside the number") }
                international = true
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "/"), 9:
                continue
            default:
                // "ext" or "x" suffixes end the number.
                if byte == UInt8(ascii: "x") || byte == UInt8(ascii: "e") {
                    let rest = raw.utf8.dropFirst(index)
                    if rest.starts(with: "x".utf8) || rest.starts(with: "ext".utf8) { break }
                }
                throw fail("unexpected character")
            }
        }
        guard !digits.isEmpty else { throw fail("no digits") }
        if !international {
            if digits.starts(with: [48, 48]) {  // "00" international prefix
                digits.removeFirst(2)
                international = true
            } else if digits.starts(with: [48, 49, 49]) && digits.count > 11 {  // "011" North American prefix
                digits.removeFirst(3)
                international = true
            }
        }
        if !international {
            guard let country = Country.find(defaultCountry), country.callingCode > 0 else {
                throw fail("no calling code for default country \(defaultCountry)")
            }
            let trunk = Array(country.trunkPrefix.utf8)
            if !trunk.isEmpty && digits.starts(with: trunk) { digits.removeFirst(trunk.count) }
            digits = Array(String(country.callingCode).utf8) + digits
        } else {
            // Some numbers are written "+44 (0)20 ...": drop a trunk 0 right after the country code.
            for length in 1...3 where digits.count > length {
                let code = Int(String(decoding: digits[0..<length], as: UTF8.self))!
                if Country.callingCodes.contains(code) {
                    if digits[length] == 48, code != 39 {  // Italy keeps its leading 0
                        digits.remove(at: length)
                    }
                    break
                }
            }
        }
        guard digits.count >= 7 else { throw fail("too short for a phone number") }
        guard digits.count <= 15 else { throw fail("longer than the 15 digits E.164 allows") }
        return "+" + String(decoding: digits, as: UTF8.self)
    }
}
