/// The schemes of handling codes in use in international police and cyber cooperation.
public enum HandlingScheme: String, Sendable, Codable, CaseIterable {
    /// Europol 4x4 handling codes H0-H3.
    case europol
    /// UK 3x5x2 handling: P (lawful sharing permitted) or C (permitted with conditions).
    case uk3x5x2
    /// Traffic Light Protocol 2.0.
    case tlp
}

/// A handling code with the conditions its provider attached, e.g. Europol H2 or TLP:AMBER+STRICT.
public struct HandlingCode: Hashable, Sendable, CustomStringConvertible {
    public var scheme: HandlingScheme
    /// The code within its scheme: "H0"..."H3", "P"/"C", "CLEAR"/"GREEN"/"AMBER"/"AMBER+STRICT"/"RED".
    public var code: String
    /// Conditions in the provider's words (required for H3 and 3x5x2 C).
    public var conditions: String

    public static let validCodes: [HandlingScheme: [String]] = [
        .europol: ["H0", "H1", "H2", "H3"],
        .uk3x5x2: ["P", "C"],
        .tlp: ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"],
    ]

    public init?(scheme: HandlingScheme, code: String, conditions: String = "") {
        let upper = code.uppercased()
        guard HandlingCode.validCodes[scheme]?.contains(upper) == true else { return nil }
        self.scheme = scheme
        self.code = upper
        self.conditions = conditions
    }

    /// Parses the forms analysts write: "H2", "europol:H2", "TLP:AMBER", "tlp:amber+strict", "3x5x2:C", "P", "C".
    public init?(_ text: String, conditions: String = "") {
        let t = text.trimmingSpaces.uppercased()
        if let colon = t.firstIndex(of: ":") {
            let prefix = String(t[..<colon]), rest = String(t[t.index(after: colon)...])
            let scheme: HandlingScheme?
            switch prefix {
            case "EUROPOL", "H": scheme = .europol
            case "TLP": scheme = .tlp
            case "3X5X2", "UK", "UK3X5X2": scheme = .uk3x5x2
            default: scheme = nil
            }
            guard let s = scheme else { return nil }
            self.init(scheme: s, code: rest, conditions: conditions)
            return
        }
        for scheme in HandlingScheme.allCases where HandlingCode.validCodes[scheme]!.contains(t) {
            self.init(scheme: scheme, code: t, conditions: conditions)
            return
        }
        return nil
    }

    public var description: String {
        switch scheme {
        case .europol: code
        case .uk3x5x2: "3x5x2:\(code)"
        case .tlp: "TLP:\(code)"
        }
    }

    /// What the code means, in the standard's words.
    public var meaning: String {
        switch (scheme, code) {
        case (.europol, "H0"): "only for the purpose of preventing and combating crime"
        case (.europol, "H1"): "not to be disclosed in judicial proceedings without the provider's permission"
        case (.europol, "H2"): "not to be disseminated without the provider's permission"
        case (.europol, "H3"): "other restrictions apply, as stated"
        case (.uk3x5x2, "P"): "lawful sharing permitted"
        case (.uk3x5x2, "C"): "lawful sharing permitted with conditions, as stated"
        case (.tlp, "CLEAR"): "disclosure is not limited"
        case (.tlp, "GREEN"): "limited disclosure: the community, not publicly"
        case (.tlp, "AMBER"): "limited disclosure: the recipient's organisation and its clients on a need-to-know basis"
        case (.tlp, "AMBER+STRICT"): "limited disclosure: the recipient's organisation only"
        case (.tlp, "RED"): "for the eyes and ears of individual recipients only, no further disclosure"
        default: ""
        }
    }
}

extension HandlingCode: Codable {
    enum CodingKeys: String, CodingKey { case scheme, code, conditions }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let scheme = try c.decode(HandlingScheme.self, forKey: .scheme)
        let code = try c.decode(String.self, forKey: .code)
        let conditions = try c.decodeIfPresent(String.self, forKey: .conditions) ?? ""
        guard let h = HandlingCode(scheme: scheme, code: code, conditions: conditions) else {
            throw DecodingError.dataCorruptedError(forKey: .code, in: c, debugDescription: "\(code) is not a \(scheme.rawValue) handling code")
        }
        self = h
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
