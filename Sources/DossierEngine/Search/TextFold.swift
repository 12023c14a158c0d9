/// Folding of names and text for matching: lower case, diacritics removed (Müller = Muller = MÜLLER,
/// Thénardier = Thenardier), Cyrillic and Greek transliterated to Latin (Иванов = ivanov), Chinese characters
/// transliterated to toneless pinyin one syllable per word (王伟 = wang wei, as the name is written in Latin script;
/// Japanese and Korean readings of the same characters are not known), apostrophes dropped (O'Brien = obrien), every
/// other non-alphanumeric character a word break.
public enum TextFold {
    /// The folded text, words separated by single spaces.
    public static func fold(_ text: String) -> String { tokens(text).joined(separator: " ") }

    /// The folded words of `text`.
    public static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var current: [UInt8] = []
        current.reserveCapacity(16)
        func flush() {
            if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 128 {
                switch v {
                case 0x41...0x5A: current.append(UInt8(v + 32))
                case 0x61...0x7A, 0x30...0x39: current.append(UInt8(v))
                case 0x27: continue  // apostrophe
                default: flush()
                }
                continue
            }
            if (0x300...0x36F).contains(v) || v == 0x2019 || v == 0x02BC { continue }  // combining marks, ’ ʼ
            if v >= hanFirst && v - hanFirst < UInt32(hanCount) {
                // Each ideograph is a syllable: its own word ("王伟" → "wang", "wei").
                flush()
                let reading = hanSyllables[Int(hanReadings[Int(v - hanFirst)])]
                out.append(reading.isEmpty ? String(scalar) : reading)
                continue
            }
            if let folded = foldTable[v] {
                current.append(contentsOf: folded.utf8)
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.append(contentsOf: String(scalar).lowercased().utf8)
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    /// Overlapping three-letter grams of a word padded with one space each side ("ivan" → " iv", "iva", "van", "an ").
    public static func trigrams(_ word: String) -> [String] {
        let chars = [" "] + word.map(String.init) + [" "]
        guard chars.count >= 3 else { return [] }
        var grams: [String] = []
        grams.reserveCapacity(chars.count - 2)
        for i in 0...(chars.count - 3) { grams.append(chars[i] + chars[i + 1] + chars[i + 2]) }
        return grams
    }
}

/// `hanPacked` decoded once: the syllable index of each ideograph from `hanFirst`.
let hanReadings: [UInt16] = {
    func digit(_ c: UInt8) -> UInt16 {
        switch c {
        case 48...57: return UInt16(c - 48)
        case 65...90: return UInt16(c - 65 + 10)
        case 97...122: return UInt16(c - 97 + 36)
        case 43: return 62
        default: return 63
        }
    }
    let bytes = Array(hanPacked.utf8)
    var out = [UInt16](repeating: 0, count: hanCount)
    for i in 0..<min(hanCount, bytes.count / 2) { out[i] = digit(bytes[2 * i]) * 64 + digit(bytes[2 * i + 1]) }
    return out
}()

/// String distances used by search and entity resolution.
public enum StringDistance {
    /// Damerau–Levenshtein (optimal string alignment) distance, giving up above `limit` (returns limit + 1).
    public static func editDistance(_ a: String, _ b: String, limit: Int = .max) -> Int {
        let x = Array(a.utf8), y = Array(b.utf8)
        return editDistance(x, y, limit: limit)
    }

    static func editDistance(_ x: [UInt8], _ y: [UInt8], limit: Int = .max) -> Int {
        let n = x.count, m = y.count
        if abs(n - m) > limit { return limit == .max ? abs(n - m) : limit + 1 }
        if n == 0 { return m }
        if m == 0 { return n }
        var prev2 = [Int](repeating: 0, count: m + 1)
        var prev = Array(0...m)
        var cur = [Int](repeating: 0, count: m + 1)
        for i in 1...n {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...m {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var d = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] { d = min(d, prev2[j - 2] + 1) }
                cur[j] = d
                rowMin = min(rowMin, d)
            }
            if limit != .max && rowMin > limit { return limit + 1 }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[m]
    }

    /// Jaro–Winkler similarity (prefix scale 0.1, up to 4 characters), 0...1.
    public static func jaroWinkler(_ a: String, _ b: String) -> Double {
        // Over the strings' own UTF-8 storage with the match flags on the stack: entity resolution calls this for
        // every word pair of every candidate pair, where four array allocations per call cost more than the work.
        var a = a, b = b
        return a.withUTF8 { s in b.withUTF8 { t in jaroWinkler(s, t) } }
    }

    static func jaroWinkler(_ s: UnsafeBufferPointer<UInt8>, _ t: UnsafeBufferPointer<UInt8>) -> Double {
        if s.isEmpty && t.isEmpty { return 1 }
        if s.isEmpty || t.isEmpty { return 0 }
        let window = max(0, max(s.count, t.count) / 2 - 1)
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: s.count + t.count) { flags in
            flags.initialize(repeating: false)
            let tBase = s.count  // s's flags first, then t's
            var matches = 0
            for i in 0..<s.count {
                let lo = max(0, i - window), hi = min(t.count - 1, i + window)
                if lo > hi { continue }
                for j in lo...hi where !flags[tBase + j] && s[i] == t[j] {
                    flags[i] = true; flags[tBase + j] = true; matches += 1
                    break
                }
            }
            if matches == 0 { return 0 }
            var transpositions = 0
            var k = 0
            for i in 0..<s.count where flags[i] {
                while !flags[tBase + k] { k += 1 }
                if s[i] != t[k] { transpositions += 1 }
                k += 1
            }
            let m = Double(matches)
            let jaro = (m / Double(s.count) + m / Double(t.count) + (m - Double(transpositions / 2)) / m) / 3
            var prefix = 0
            while prefix < min(4, s.count, t.count) && s[prefix] == t[prefix] { prefix += 1 }
            return jaro + Double(prefix) * 0.1 * (1 - jaro)
        }
    }
}
