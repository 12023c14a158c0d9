/// The kinds of identifier Dossier normalises and matches on.
public enum IdentifierScheme: String, Sendable, Codable, CaseIterable, Comparable {
    case phone, email, iban, account, passport, nationalID = "national-id", wallet, ip, domain, url
    case imei, imsi, plate, vin, imo, username, other

    public static func < (a: IdentifierScheme, b: IdentifierScheme) -> Bool { a.rawValue < b.rawValue }
}

/// A normalised identifier: two entities with an equal identifier are one real-world thing.
public struct Identifier: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var scheme: IdentifierScheme
    /// The normalised value (E.164 phone, lower-case e-mail, compact upper-case IBAN, ...).
    public var value: String

    /// Wraps an already-normalised value.
    public init(scheme: IdentifierScheme, normalized value: String) {
        self.scheme = scheme
        self.value = value
    }

    /// Normalises `raw` for `scheme`; throws a `NormalizationError` that says what is wrong with it.
    public init(scheme: IdentifierScheme, raw: String, defaultCountry: String = "GB") throws {
        self.scheme = scheme
        self.value = try IdentifierNormalizer.normalize(raw, scheme: scheme, defaultCountry: defaultCountry)
    }

    public var description: String { "\(scheme.rawValue):\(value)" }

    public static func < (a: Identifier, b: Identifier) -> Bool {
        a.scheme != b.scheme ? a.scheme < b.scheme : a.value < b.value
    }
}

public struct NormalizationError: Error, Equatable, Sendable, CustomStringConvertible {
    public var scheme: IdentifierScheme
    public var input: String
    public var reason: String
    public var description: String { "\(scheme.rawValue) \"\(input)\": \(reason)" }
}

/// Normalisation where a standard exists: E.164 phones, lower-case e-mail, IBAN with check digits, ...
public enum IdentifierNormalizer {
    public static func normalize(_ raw: String, scheme: IdentifierScheme, defaultCountry: String = "GB") throws -> String {
        let trimmed = raw.trimmingSpaces
        func fail(_ reason: String) -> NormalizationError { NormalizationError(scheme: scheme, input: raw, reason: reason) }
        guard !trimmed.isEmpty else { throw fail("empty") }
        switch scheme {
        case .phone:
            return try PhoneNumber.e164(trimmed, defaultCountry: defaultCountry)
        case .email:
            let lower = trimmed.lowercased()
            let parts = lower.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
                  !parts[1].hasSuffix("."), !lower.contains(" ") else { throw fail("not an e-mail address") }
            return lower
        case .iban:
            return try IBAN.normalize(trimmed)
        case .domain:
            var d = trimmed.lowercased()
            if d.hasSuffix(".") { d.removeLast() }
            guard d.contains("."), !d.contains(" "), !d.contains("/") else { throw fail("not a domain name") }
            return d
        case .ip:
            return try IPAddress.normalize(trimmed)
        case .wallet, .url:
            return trimmed
        case .imei, .imsi:
            let digits = trimmed.filter(\.isNumber)
            guard digits.count >= 14 && digits.count <= 16 else { throw fail("expected 14 to 16 digits") }
            return String(digits)
        case .passport, .nationalID, .plate, .vin, .imo, .account:
            let compact = trimmed.uppercased().filter { $0.isLetter || $0.isNumber }
            guard !compact.isEmpty else { throw fail("no letters or digits") }
            return String(compact)
        case .username, .other:
            return trimmed.lowercased()
        }
    }
}

/// IPv4 and IPv6 addresses in canonical text form.
public enum IPAddress {
    public static func normalize(_ text: String) throws -> String {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4 {
            var octets: [Int] = []
            for p in parts {
                guard !p.isEmpty, p.count <= 3, p.allSatisfy(\.isASCII), let v = Int(p), v <= 255 else {
                    throw NormalizationError(scheme: .ip, input: text, reason: "not an IPv4 address")
                }
                octets.append(v)
            }
            return octets.map(String.init).joined(separator: ".")
        }
        let lower = text.lowercased()
        guard lower.contains(":"), lower.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
            throw NormalizationError(scheme: .ip, input: text, reason: "not an IP address")
        }
        return lower
    }
}
