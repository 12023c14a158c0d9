/// A globally unique, time-ordered item id (ULID layout: 48-bit milliseconds, 80 random bits).
///
/// Ids are never per-workspace counters, so workspaces of several analysts can later be merged
/// without renumbering. The text form is 26 lower-case Crockford base-32 characters.
public struct ItemID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let high: UInt64
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// A fresh id for `millisecondsSinceEpoch`, with random bits from `generator`
    /// (a seeded generator gives the deterministic ids the demo world and tests need).
    public init<G: RandomNumberGenerator>(millisecondsSinceEpoch ms: UInt64, using generator: inout G) {
        let random = generator.next()
        let random16 = UInt64(truncatingIfNeeded: generator.next() & 0xFFFF)
        self.high = (ms << 16) | random16
        self.low = random
    }

    /// A fresh id for the current time from the system's cryptographic generator.
    public static func generate(now: TimePoint = .now()) -> ItemID {
        var rng = SystemRandomNumberGenerator()
        let ms = UInt64(max(0, now.utcMicros / 1000))
        return ItemID(millisecondsSinceEpoch: ms, using: &rng)
    }

    public static func < (a: ItemID, b: ItemID) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }

    private static let alphabet: [UInt8] = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)
    private static let decodeTable: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (i, c) in alphabet.enumerated() {
            table[Int(c)] = Int8(i)
            if c >= 97 && c <= 122 { table[Int(c) - 32] = Int8(i) }  // upper case accepted
        }
        // Crockford: i, l -> 1 and o -> 0 are accepted when reading.
        for (c, v) in [("i", 1), ("l", 1), ("o", 0), ("I", 1), ("L", 1), ("O", 0)] {
            table[Int(c.utf8.first!)] = Int8(v)
        }
        return table
    }()

    public var description: String {
        // 128 bits in 26 characters: the first character carries the top 3 bits.
        var chars = [UInt8](repeating: 0, count: 26)
        var hi = high
        var lo = low
        for i in stride(from: 25, through: 0, by: -1) {
            chars[i] = ItemID.alphabet[Int(lo & 31)]
            lo = (lo >> 5) | ((hi & 31) << 59)
            hi >>= 5
        }
        return String(decoding: chars, as: UTF8.self)
    }

    /// Parses the 26-character text form; nil when it is not one.
    public init?(_ text: String) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 26 else { return nil }
        var hi: UInt64 = 0
        var lo: UInt64 = 0
        for (i, c) in utf8.enumerated() {
            guard c < 128 else { return nil }
            let v = ItemID.decodeTable[Int(c)]
            guard v >= 0 else { return nil }
            if i == 0 && v > 7 { return nil }  // would overflow 128 bits
            hi = (hi << 5) | (lo >> 59)
            lo = (lo << 5) | UInt64(v)
        }
        self.high = hi
        self.low = lo
    }

    /// The millisecond timestamp the id was minted at.
    public var milliseconds: UInt64 { high >> 16 }
}

extension ItemID: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = ItemID(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an item id: \(text)"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// A small, fast, seedable generator (SplitMix64) for deterministic ids and data.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
