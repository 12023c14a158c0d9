import DossierModel

extension Correlator {
    /// The pure per-word and per-value work of `describe`, remembered for one run: names and dates of birth repeat
    /// across records (a few thousand distinct surnames, given names and birth dates among hundreds of thousands of
    /// people), so each distinct word's Double Metaphone keys and each distinct date's parse are computed once.
    struct DescribeMemo {
        private var soundKeys: [String: [String]] = [:]
        private var dates: [String: String?] = [:]

        /// The word's Double Metaphone keys of two letters or more (`PhoneticKey.keys`, filtered).
        mutating func keys(_ word: String) -> [String] {
            if let hit = soundKeys[word] { return hit }
            let keys = PhoneticKey.keys(word).filter { $0.count >= 2 }
            soundKeys[word] = keys
            return keys
        }

        /// A recorded date of birth as ISO 8601 in its original offset, or nil when it does not parse.
        mutating func dateOfBirth(_ raw: String) -> String? {
            if let hit = dates[raw] { return hit }
            let date = TimePoint.parse(raw.trimmingCharacters()).map { $0.iso8601(inOriginalOffset: true) }
            dates[raw] = .some(date)
            return date
        }
    }
}
