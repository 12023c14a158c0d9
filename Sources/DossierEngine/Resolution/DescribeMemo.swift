import DossierModel

extension Correlator {
    /// The pure per-word and per-value work of `describe`, remembered for one run, and the numbers it gives values:
    /// names and dates of birth repeat across records, so each distinct word's Double Metaphone keys and each
    /// distinct date's parse are computed once; and sound keys, dates, years, nationalities, kind classes and
    /// identifiers get small numbers once, so that blocking and the pair loops work on integers instead of building
    /// and hashing a key string per record and key.
    struct DescribeMemo {
        private var soundKeys: [String: [Int32]] = [:]
        private var soundKeyNumbers: [String: Int32] = [:]
        /// Sound key number → its key.
        private(set) var soundKeyNames: [String] = []
        private var dates: [String: (iso: String, number: Int32, year: Int32)?] = [:]
        private var dateNumbers: [String: Int32] = [:]
        private var yearNumbers: [Substring: Int32] = [:]
        /// Date number → the date (number 0 stands for none).
        private(set) var dateNames: [String] = [""]
        private var nationalities: [String: (code: String, number: Int32)] = [:]
        private var nationalityNumbers: [String: Int32] = [:]
        private var kindNumbers: [String: Int32] = [:]
        /// Kind class number → its name.
        private(set) var kindNames: [String] = []
        private var identifierNumbers: [Identifier: Int32] = [:]
        /// Identifier number → the identifier.
        private(set) var identifiers: [Identifier] = []

        /// The numbers of the word's Double Metaphone keys of two letters or more (`PhoneticKey.keys`, filtered).
        mutating func keys(_ word: String) -> [Int32] {
            if let hit = soundKeys[word] { return hit }
            let keys = PhoneticKey.keys(word).filter { $0.count >= 2 }.map { key -> Int32 in
                if let n = soundKeyNumbers[key] { return n }
                let n = Int32(soundKeyNames.count)
                soundKeyNumbers[key] = n
                soundKeyNames.append(key)
                return n
            }
            soundKeys[word] = keys
            return keys
        }

        /// A recorded date of birth as ISO 8601 in its original offset, with the date's and its year's numbers
        /// (from 1), or nil when it does not parse.
        mutating func dateOfBirth(_ raw: String) -> (iso: String, number: Int32, year: Int32)? {
            if let hit = dates[raw] { return hit }
            let date = TimePoint.parse(raw.trimmingCharacters()).map { $0.iso8601(inOriginalOffset: true) }
            let numbered = date.map { iso -> (iso: String, number: Int32, year: Int32) in
                let number: Int32
                if let n = dateNumbers[iso] { number = n } else {
                    number = Int32(dateNames.count)
                    dateNumbers[iso] = number
                    dateNames.append(iso)
                }
                let year: Int32
                if let y = yearNumbers[iso.prefix(4)] { year = y } else {
                    year = Int32(yearNumbers.count + 1)
                    yearNumbers[iso.prefix(4)] = year
                }
                return (iso, number, year)
            }
            dates[raw] = .some(numbered)
            return numbered
        }

        /// A recorded nationality as an ISO 3166 alpha-2 code (or as written, upper case), with its number (from 1).
        mutating func nationality(_ raw: String) -> (code: String, number: Int32) {
            if let hit = nationalities[raw] { return hit }
            let code = Country.normalize(raw) ?? raw.trimmingCharacters().uppercased()
            let number: Int32
            if let n = nationalityNumbers[code] { number = n } else {
                number = Int32(nationalityNumbers.count + 1)
                nationalityNumbers[code] = number
            }
            nationalities[raw] = (code, number)
            return (code, number)
        }

        mutating func kindNumber(_ kindClass: String) -> Int32 {
            if let n = kindNumbers[kindClass] { return n }
            let n = Int32(kindNames.count)
            kindNumbers[kindClass] = n
            kindNames.append(kindClass)
            return n
        }

        mutating func identifierNumber(_ id: Identifier) -> Int32 {
            if let n = identifierNumbers[id] { return n }
            let n = Int32(identifiers.count)
            identifierNumbers[id] = n
            identifiers.append(id)
            return n
        }
    }
}
