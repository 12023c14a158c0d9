extension Correlator {
    /// The per-record values the pair loops read, computed once per record: small numbers and byte arrays, so a
    /// pair that cannot match (most pairs from the name blocks are strangers sharing a common name word and a date
    /// of birth) costs a few comparisons instead of string work, entity copies and reference counting.
    struct PairFields {
        /// The kind class, numbered (records of different classes are never paired).
        var kind: [Int32]
        /// The year of birth (the date of birth's first four characters), numbered; 0 when there is none.
        var birthYear: [Int32]
        /// The folded name words' UTF-8 bytes.
        var words: [[[UInt8]]]

        init(_ features: [Features]) {
            var kinds: [String: Int32] = [:]
            var years: [Substring: Int32] = [:]
            kind = []
            birthYear = []
            words = []
            kind.reserveCapacity(features.count)
            birthYear.reserveCapacity(features.count)
            words.reserveCapacity(features.count)
            for f in features {
                if let k = kinds[f.kindClass] { kind.append(k) } else {
                    let k = Int32(kinds.count)
                    kinds[f.kindClass] = k
                    kind.append(k)
                }
                if let year = f.dob?.prefix(4) {
                    if let y = years[year] { birthYear.append(y) } else {
                        let y = Int32(years.count + 1)
                        years[year] = y
                        birthYear.append(y)
                    }
                } else {
                    birthYear.append(0)
                }
                words.append(f.words.map { Array($0.utf8) })
            }
        }
    }
}
