extension Correlator {
    /// A numeric screen for the pairs that blocking meets: an upper bound of `nameSimilarity` from per-word numbers
    /// computed once per record (length, first four bytes, a 32-bucket byte mask), held in flat arrays.
    ///
    /// Blocks of a fixed key space (a first name's sound key and a date of birth) fill up as the data grows, so the
    /// pairs they meet grow faster than the data until the over-common limit caps them. Nearly all of those pairs are
    /// strangers whose names are clearly unlike; this bound rules them out in a few nanoseconds without storing,
    /// sorting or comparing them, so what grows faster than the data costs almost nothing. It never rules out a pair
    /// the full comparison would keep: it only drops a pair when even the bound stays under the threshold.
    struct NameScreen {
        /// Record `r`'s words are `firstWord[r]..<firstWord[r + 1]`.
        private var firstWord: [Int32]
        private var length: [Int32]
        /// The word's first four bytes, little-endian (zero past its end).
        private var head: [UInt32]
        /// Bit `byte & 31` is set for every byte of the word.
        private var mask: [UInt32]

        init(words: [[[UInt8]]]) {
            firstWord = [0]
            firstWord.reserveCapacity(words.count + 1)
            length = []; head = []; mask = []
            let total = words.reduce(0) { $0 + $1.count }
            length.reserveCapacity(total); head.reserveCapacity(total); mask.reserveCapacity(total)
            for record in words {
                for w in record {
                    var h: UInt32 = 0, m: UInt32 = 0
                    for (k, c) in w.enumerated() {
                        if k < 4 { h |= UInt32(c) << (8 * UInt32(k)) }
                        m |= 1 << UInt32(c & 31)
                    }
                    length.append(Int32(clamping: w.count)); head.append(h); mask.append(m)
                }
                firstWord.append(Int32(length.count))
            }
        }

        /// Whether `nameSimilarity(bytes: words[a], words[b])` is surely under `threshold` (same argument order).
        func surelyUnder(_ threshold: Double, _ a: Int, _ b: Int) -> Bool {
            let a0 = Int(firstWord[a]), a1 = Int(firstWord[a + 1]), b0 = Int(firstWord[b]), b1 = Int(firstWord[b + 1])
            guard a1 > a0, b1 > b0 else { return true }  // nameSimilarity is 0 for a name without words
            let (s0, s1, l0, l1) = a1 - a0 <= b1 - b0 ? (a0, a1, b0, b1) : (b0, b1, a0, a1)
            let count = Double(s1 - s0)
            var total = 0.0
            for w in s0..<s1 {
                var best = 0.0
                for x in l0..<l1 {
                    best = max(best, bound(w, x))
                    if best >= 1 { break }
                }
                total += best
                if (total + Double(s1 - w - 1)) / count < threshold - 1e-9 { return true }
            }
            return false
        }

        /// An upper bound of the words' similarity as `nameSimilarity` scores it: 0.9 for an initial and a word it
        /// begins, else Jaro–Winkler with every possible match counted and no transpositions. A byte of one word
        /// whose bucket is missing from the other word's mask can match nothing there.
        private func bound(_ x: Int, _ y: Int) -> Double {
            let lx = Int(length[x]), ly = Int(length[y])
            guard lx > 0, ly > 0 else { return 1 }
            let hx = head[x], hy = head[y]
            if (lx == 1 || ly == 1) && hx & 0xFF == hy & 0xFF { return 0.9 }
            let mx = mask[x], my = mask[y]
            let matches = min(lx - (mx & ~my).nonzeroBitCount, ly - (my & ~mx).nonzeroBitCount)
            guard matches > 0 else { return 0 }
            let m = Double(matches)
            let jaro = (m / Double(lx) + m / Double(ly) + 1) / 3
            let prefix = min(4, lx, ly, (hx ^ hy).trailingZeroBitCount / 8)
            return jaro + Double(prefix) * 0.1 * (1 - jaro)
        }
    }
}
