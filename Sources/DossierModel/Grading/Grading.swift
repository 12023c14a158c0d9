/// Admiralty (NATO) source reliability: A completely reliable ... F cannot be judged.
public enum SourceReliability: String, Sendable, Codable, CaseIterable, Comparable {
    case a = "A", b = "B", c = "C", d = "D", e = "E", f = "F"

    public var meaning: String {
        switch self {
        case .a: "completely reliable"
        case .b: "usually reliable"
        case .c: "fairly reliable"
        case .d: "not usually reliable"
        case .e: "unreliable"
        case .f: "reliability cannot be judged"
        }
    }

    public static func < (a: SourceReliability, b: SourceReliability) -> Bool { a.rawValue < b.rawValue }
}

/// Admiralty information credibility: 1 confirmed by other sources ... 6 cannot be judged.
public enum InformationCredibility: Int, Sendable, Codable, CaseIterable, Comparable {
    case confirmed = 1, probablyTrue, possiblyTrue, doubtful, improbable, cannotBeJudged

    public var meaning: String {
        switch self {
        case .confirmed: "confirmed by other sources"
        case .probablyTrue: "probably true"
        case .possiblyTrue: "possibly true"
        case .doubtful: "doubtful"
        case .improbable: "improbable"
        case .cannotBeJudged: "truth cannot be judged"
        }
    }

    /// The STIX 2.1 confidence this credibility maps to (1->90 ... 5->10; 6 has none).
    public var stixConfidence: Int? {
        switch self {
        case .confirmed: 90
        case .probablyTrue: 70
        case .possiblyTrue: 50
        case .doubtful: 30
        case .improbable: 10
        case .cannotBeJudged: nil
        }
    }

    public static func < (a: InformationCredibility, b: InformationCredibility) -> Bool { a.rawValue < b.rawValue }
}

/// An Admiralty grade such as "B2".
public struct Grading: Hashable, Sendable, CustomStringConvertible {
    public var reliability: SourceReliability
    public var credibility: InformationCredibility

    public init(_ reliability: SourceReliability, _ credibility: InformationCredibility) {
        self.reliability = reliability
        self.credibility = credibility
    }

    /// Parses "B2", "b2", "B-2" or "B/2".
    public init?(_ text: String) {
        let chars = text.filter { !"-/ ".contains($0) }.uppercased()
        guard chars.count == 2, let r = SourceReliability(rawValue: String(chars.first!)),
              let n = Int(String(chars.last!)), let c = InformationCredibility(rawValue: n) else { return nil }
        self.init(r, c)
    }

    public var description: String { "\(reliability.rawValue)\(credibility.rawValue)" }

    public var meaning: String { "source \(reliability.meaning), information \(credibility.meaning)" }

    /// The grade to use when nothing is known: F6.
    public static let unknown = Grading(.f, .cannotBeJudged)
}

extension Grading: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let g = Grading(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an Admiralty grade: \(text)"))
        }
        self = g
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
