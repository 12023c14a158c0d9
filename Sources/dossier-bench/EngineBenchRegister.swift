import DossierModel
import Foundation

/// A generated person register shaped like a real one, for the entity-resolution cases (issue #4: twice the data
/// should cost at most about 2.2 times the time).
///
/// The older bench people (`EngineBenchData.people`) draw given names from 20 and surname stems from 20 words and
/// dates of birth from 4,050 days, whatever the population: every doubling doubles every name block, so the pairs
/// that share a name word and a birth date, and the candidates among them, grow with the square of the data. A real
/// register does not look like that. Its model here:
/// - Names: surnames and given names are words made of syllables (onset, vowel, sometimes a final consonant), one
///   fixed word per rank of a vocabulary that grows with the population (a quarter as many surnames as people, one
///   fiftieth as many given names). Ranks are drawn Zipf–Mandelbrot (`p(r) ∝ 1 / (r + q)`): a flat head (the commonest
///   surname about 1% of people, the commonest given name a few percent, as in European and American registers) and a
///   long tail of rare names, so a larger register has more distinct names rather than larger blocks of the same few.
/// - Very common names: three fixed names ("John Smith", "Maria Garcia", "Mohamed Ahmed") each held by one person in a
///   thousand (100 at 100k: over the over-common limit of 50 at every scale), so over-common names are reported.
/// - A switchboard: one person in a thousand gives the same office number as their phone (over-common identifier).
/// - Dates of birth spread over every day of 1940-2005; 8% of people have none. Half have a nationality (Zipf over
///   40 countries). 40% carry a passport number and 25% a mobile number of their own.
/// - Planted duplicates, 4% of the records: an earlier person recorded again with a typo in a name, the words
///   reordered ("NOWAK, Anna"), the given name as an initial, the name in Cyrillic, or a spelling with diacritics.
///   About two in three share the date of birth; the rest share a passport or phone number with the date of birth
///   mistyped or missing (falling back to the same date when the original has no number).
/// Seeded and deterministic: the same `n` and `seed` give the same records, in the same order, with the same ids.
struct PersonRegister {
    var people: [Entity] = []
    /// Each planted duplicate with the record it copies (ids).
    var planted: [(ItemID, ItemID)] = []

    static let commonNames = [("John", "Smith"), ("Maria", "Garcia"), ("Mohamed", "Ahmed")]
    static let switchboard = "+442079460000"
    static let countries = ["DE", "FR", "GB", "IT", "ES", "PL", "RO", "NL", "BE", "GR", "PT", "CZ", "HU", "SE", "AT",
                            "BG", "DK", "FI", "SK", "IE", "HR", "LT", "SI", "LV", "EE", "CY", "LU", "MT", "UA", "TR",
                            "RU", "RS", "AL", "MA", "DZ", "NG", "CN", "IN", "BR", "US"]

    /// Word pieces with their Cyrillic spelling (the transliteration `TextFold` undoes).
    static let onsets: [(String, String)] = [
        ("b", "б"), ("d", "д"), ("f", "ф"), ("g", "г"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("p", "п"),
        ("r", "р"), ("s", "с"), ("t", "т"), ("v", "в"), ("z", "з"), ("sh", "ш"), ("ch", "ч"), ("kh", "х"), ("zh", "ж"),
        ("ts", "ц"), ("", ""),
    ]
    static let vowels: [(String, String)] = [("a", "а"), ("e", "е"), ("i", "и"), ("o", "о"), ("u", "у")]
    static let codas: [(String, String)] = [("n", "н"), ("r", "р"), ("l", "л"), ("s", "с"), ("k", "к"), ("v", "в")]

    /// A word as its pieces' Latin and Cyrillic spellings.
    struct Word {
        var latin: String
        var cyrillic: String
        var capitalized: String { latin.prefix(1).uppercased() + latin.dropFirst() }
        var cyrillicCapitalized: String { cyrillic.prefix(1).uppercased() + cyrillic.dropFirst() }
    }

    /// The fixed word of vocabulary rank `rank` (2 to 3 syllables; `salt` keeps surnames and given names apart).
    static func word(rank: Int, salt: UInt64) -> Word {
        var rng = SeededGenerator(seed: salt &+ UInt64(rank) &* 0x9E37_79B9)
        var latin = "", cyrillic = ""
        let syllables = 2 + Int(rng.next() % 2)
        for s in 0..<syllables {
            var onset = onsets[Int(rng.next() % UInt64(onsets.count))]
            if s > 0 && onset.0.isEmpty { onset = onsets[Int(rng.next() % 14)] }  // no vowel runs inside a word
            let vowel = vowels[Int(rng.next() % UInt64(vowels.count))]
            latin += onset.0 + vowel.0
            cyrillic += onset.1 + vowel.1
            if rng.next() % 10 < 3 {
                let coda = codas[Int(rng.next() % UInt64(codas.count))]
                latin += coda.0
                cyrillic += coda.1
            }
        }
        return Word(latin: latin, cyrillic: cyrillic)
    }

    /// Zipf–Mandelbrot ranks over `size` words: `p(r) ∝ 1 / (r + shift)`, drawn by the inverse of the continuous
    /// distribution function (one `exp` per draw).
    struct ZipfRanks {
        let size: Int
        let shift: Double
        let logSpan: Double
        init(size: Int, shift: Double) {
            self.size = size
            self.shift = shift
            logSpan = log((Double(size) + shift) / (1 + shift))
        }
        func draw(_ rng: inout SeededGenerator) -> Int {
            let u = Double(rng.next() >> 11) / Double(1 << 53)
            let r = Int((1 + shift) * exp(u * logSpan) - shift)
            return min(max(r, 1), size)
        }
    }

    /// What is kept of an original record so that a duplicate can copy it.
    struct Original {
        var id: ItemID
        var given: Word
        var surname: Word
        var day: Int?
        var nationality: String?
        var identifiers: [Identifier]
    }

    init(_ n: Int, seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let surnames = ZipfRanks(size: max(1000, n / 4), shift: 10)
        let givenNames = ZipfRanks(size: max(200, n / 50), shift: 3)
        let nations = ZipfRanks(size: Self.countries.count, shift: 2)
        let days = Self.dayNumber(1940, 1, 1)..<(Self.dayNumber(2005, 12, 31) + 1)
        let t0 = TimePoint(unixSeconds: 1_704_067_200)
        var originals: [Original] = []
        originals.reserveCapacity(n)
        people.reserveCapacity(n)
        var serial = 0
        func chance(_ percent: UInt64, _ perMille: Bool = false) -> Bool { rng.next() % (perMille ? 1000 : 100) < percent }
        for i in 0..<n {
            let id = ItemID(millisecondsSinceEpoch: 1_704_067_200_000 + UInt64(i), using: &rng)
            let meta = ItemMeta(id: id, analyst: "bench", at: t0)
            if !originals.isEmpty && chance(4) {
                let o = originals[Int(rng.next() % UInt64(originals.count))]
                people.append(Self.duplicate(of: o, meta: meta, rng: &rng))
                planted.append((o.id, id))
                continue
            }
            let given: Word, surname: Word
            if chance(3, true) {
                let (g, s) = Self.commonNames[Int(rng.next() % 3)]
                given = Word(latin: g.lowercased(), cyrillic: g.lowercased())
                surname = Word(latin: s.lowercased(), cyrillic: s.lowercased())
            } else {
                given = Self.word(rank: givenNames.draw(&rng), salt: 0x6976_656E)
                surname = Self.word(rank: surnames.draw(&rng), salt: 0x7375_726E)
            }
            let day: Int? = chance(8) ? nil : days.lowerBound + Int(rng.next() % UInt64(days.count))
            let nationality: String? = chance(50) ? Self.countries[nations.draw(&rng) - 1] : nil
            var identifiers: [Identifier] = []
            serial += 1
            if chance(40) { identifiers.append(Identifier(scheme: .passport, normalized: "P" + String(10_000_000 + serial))) }
            if chance(25) { identifiers.append(Identifier(scheme: .phone, normalized: "+4477" + String(10_000_000 + serial))) }
            if chance(1, true) { identifiers.append(Identifier(scheme: .phone, normalized: Self.switchboard)) }
            let o = Original(id: id, given: given, surname: surname, day: day, nationality: nationality,
                             identifiers: identifiers)
            originals.append(o)
            people.append(Self.entity(meta, given.capitalized + " " + surname.capitalized, o.day, o.nationality,
                                      o.identifiers))
        }
    }

    /// The original recorded again: the name changed one way, with its date of birth or one of its numbers.
    static func duplicate(of o: Original, meta: ItemMeta, rng: inout SeededGenerator) -> Entity {
        let name: String
        switch rng.next() % 6 {
        case 0: name = o.given.capitalized + " " + Self.typo(o.surname.latin, &rng).capitalized
        case 1: name = Self.typo(o.given.latin, &rng).capitalized + " " + o.surname.capitalized
        case 2: name = o.surname.latin.uppercased() + ", " + o.given.capitalized
        case 3: name = o.given.capitalized.prefix(1) + ". " + o.surname.capitalized
        case 4: name = o.given.cyrillicCapitalized + " " + o.surname.cyrillicCapitalized
        default: name = o.given.capitalized + " " + Self.accented(o.surname.capitalized, &rng)
        }
        var day = o.day, identifiers: [Identifier] = []
        let numbers = o.identifiers.filter { $0.value != Self.switchboard }
        let evidence = rng.next() % 100
        if evidence >= 65, let shared = numbers.isEmpty ? nil : numbers[Int(rng.next() % UInt64(numbers.count))] {
            identifiers = [shared]
            if evidence >= 85 { day = nil } else if let d = day { day = d + 1 + Int(rng.next() % 27) }  // mistyped
        }
        let nationality = rng.next() % 2 == 0 ? o.nationality : nil
        return Self.entity(meta, name, day, nationality, identifiers)
    }

    static func entity(_ meta: ItemMeta, _ name: String, _ day: Int?, _ nationality: String?,
                       _ identifiers: [Identifier]) -> Entity {
        var attributes: [Attribute] = []
        if let day { attributes.append(Attribute("dob", isoDate(day))) }
        if let nationality { attributes.append(Attribute("nationality", nationality)) }
        return Entity(meta: meta, kind: .person, name: name, identifiers: identifiers, attributes: attributes)
    }

    /// One keying error: a letter replaced by a neighbouring vowel or consonant, dropped, doubled, or swapped with
    /// the next (never the first letter, which people rarely get wrong).
    static func typo(_ word: String, _ rng: inout SeededGenerator) -> String {
        var letters = Array(word)
        guard letters.count > 2 else { return word }
        let at = 1 + Int(rng.next() % UInt64(letters.count - 1))
        switch rng.next() % 4 {
        case 0:
            let swaps: [Character: Character] = ["a": "e", "e": "i", "i": "y", "o": "u", "u": "o", "k": "c", "s": "z",
                                                 "z": "s", "v": "w", "t": "d", "d": "t", "n": "m", "m": "n"]
            if let other = swaps[letters[at]] { letters[at] = other } else { letters.insert(letters[at], at: at) }
        case 1: letters.remove(at: at)
        case 2: letters.insert(letters[at], at: at)
        default:
            if at + 1 < letters.count { letters.swapAt(at, at + 1) } else { letters.remove(at: at) }
        }
        return String(letters)
    }

    /// The word with one vowel written with a diacritic (as a clerk copying a foreign passport might).
    static func accented(_ word: String, _ rng: inout SeededGenerator) -> String {
        let marks: [Character: Character] = ["a": "á", "e": "é", "i": "í", "o": "ö", "u": "ü"]
        var letters = Array(word)
        let vowels = letters.indices.filter { marks[letters[$0]] != nil }
        guard !vowels.isEmpty else { return word }
        let at = vowels[Int(rng.next() % UInt64(vowels.count))]
        if let marked = marks[letters[at]] { letters[at] = marked }
        return String(letters)
    }

    /// Days since 1970-01-01 of a civil date, and back (the model's proleptic Gregorian calendar).
    static func dayNumber(_ y: Int, _ m: Int, _ d: Int) -> Int {
        Int(CivilTime(year: y, month: m, day: d).localMicros / 86_400_000_000)
    }

    static func isoDate(_ days: Int) -> String {
        let c = CivilTime(localMicros: Int64(days) * 86_400_000_000)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year)-\(two(c.month))-\(two(c.day))"
    }
}
