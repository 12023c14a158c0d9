import DossierModel

extension Correlator {
    /// The pure per-word and per-value work of `describe`, remembered for one run, and the numbers it gives values:
    /// names and dates of birth repeat across records, so each distinct word's Double Metaphone keys and each
    /// distinct date's parse are computed once; and sound keys, dates, years, nationalities, kind classes and
    /// identifiers get small numbers once, so that blocking and the pair loops work on integers instead of building
    /// and hashing a key string per record and key.
    struct DescribeMemo {
        private var soundKeys: [String: [Int32]] = [:]
        private var soundKeyNumbering = Numbering<String>()
        private var dates: [String: (iso: String, number: Int32, year: Int32)?] = [:]
        /// Dates from number 1 (0 stands for none); years and nationalities likewise from 1.
        private var dateNumbering = Numbering<String>(first: "")
        private var yearNumbering = Numbering<Substring>(first: "")
        private var nationalities: [String: (code: String, number: Int32)] = [:]
        private var nationalityNumbering = Numbering<String>(first: "")
        private var kindNumbering = Numbering<String>()
        private var identifierNumbering = Numbering<Identifier>()

        /// Sound key number → its key.
        var soundKeyNames: [String] { soundKeyNumbering.values }
        /// Date number → the date (number 0 stands for none).
        var dateNames: [String] { dateNumbering.values }
        /// Kind class number → its name.
        var kindNames: [String] { kindNumbering.values }
        /// Identifier number → the identifier.
        var identifiers: [Identifier] { identifierNumbering.values }

        /// The numbers of the word's Double Metaphone keys of two letters or more (`PhoneticKey.keys`, filtered).
        mutating func keys(_ word: String) -> [Int32] {
            if let hit = soundKeys[word] { return hit }
            let keys = PhoneticKey.keys(word).filter { $0.count >= 2 }.map { soundKeyNumbering.number($0) }
            soundKeys[word] = keys
            return keys
        }

        /// A recorded date of birth as ISO 8601 in its original offset, with the date's and its year's numbers
        /// (from 1), or nil when it does not parse.
        mutating func dateOfBirth(_ raw: String) -> (iso: String, number: Int32, year: Int32)? {
            if let hit = dates[raw] { return hit }
            let date = TimePoint.parse(raw.trimmingCharacters()).map { $0.iso8601(inOriginalOffset: true) }
            let numbered = date.map { iso -> (iso: String, number: Int32, year: Int32) in
                (iso, dateNumbering.number(iso), yearNumbering.number(iso.prefix(4)))
            }
            dates[raw] = .some(numbered)
            return numbered
        }

        /// A recorded nationality as an ISO 3166 alpha-2 code (or as written, upper case), with its number (from 1).
        mutating func nationality(_ raw: String) -> (code: String, number: Int32) {
            if let hit = nationalities[raw] { return hit }
            let code = Country.normalize(raw) ?? raw.trimmingCharacters().uppercased()
            let number = nationalityNumbering.number(code)
            nationalities[raw] = (code, number)
            return (code, number)
        }

        mutating func kindNumber(_ kindClass: String) -> Int32 { kindNumbering.number(kindClass) }

        mutating func identifierNumber(_ id: Identifier) -> Int32 { identifierNumbering.number(id) }
    }
}

/// Small numbers for distinct values in the order they are first seen, with the values kept to spell them back.
struct Numbering<Value: Hashable> {
    private var numbers: [Value: Int32] = [:]
    private(set) var values: [Value] = []

    init() {}

    /// Numbering from 1: `placeholder` holds number 0 (it stands for "none") and is never given out by `number`.
    init(first placeholder: Value) { values = [placeholder] }

    mutating func number(_ value: Value) -> Int32 {
        if let n = numbers[value] { return n }
        let n = Int32(values.count)
        numbers[value] = n
        values.append(value)
        return n
    }
}
