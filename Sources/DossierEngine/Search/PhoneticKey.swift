/// Lawrence Philips' Double Metaphone (C/C++ Users Journal, June 2000): a primary and an alternate sound key for a
/// word, so that spellings of one name from different traditions meet: Smith = SM0/XMT and Schmidt = XMT/SMT share
/// XMT; Jean, John and Jon are all JN/AN; Catherine = Kathryn = K0RN/KTRN; Ivanov = Ivanoff = AFNF.
///
/// A faithful port of the published rules (the same codes as the reference implementation), applied to words already
/// folded by `TextFold` (lower case, no diacritics, Cyrillic/Greek/Chinese transliterated). Keys are cut at
/// `maxLength` codes (6 by default, longer than the classic 4 so that long surnames stay apart in a large index).
/// `0` stands for "th", `X` for "sh"/"ch".
public struct DoubleMetaphone: Sendable, Equatable {
    public var primary: String
    public var alternate: String

    /// The keys to look a word up by: the primary, and the alternate when it differs.
    public var keys: [String] { alternate == primary || alternate.isEmpty ? [primary] : [primary, alternate] }

    public init(primary: String, alternate: String) {
        self.primary = primary
        self.alternate = alternate
    }

    public init(_ word: String, maxLength: Int = 6) {
        var e = DoubleMetaphoneEncoder(word: word, maxLength: max(1, maxLength))
        e.encode()
        primary = String(decoding: e.primary, as: UTF8.self)
        alternate = String(decoding: e.alternate, as: UTF8.self)
    }
}

/// Sound keys for search and entity resolution.
public enum PhoneticKey {
    /// The primary Double Metaphone key of a folded word.
    public static func key(_ word: String) -> String { DoubleMetaphone(word).primary }

    /// The Double Metaphone keys of a folded word (primary, then the alternate when it differs).
    public static func keys(_ word: String) -> [String] { DoubleMetaphone(word).keys }
}

/// The rules, letter by letter. Positions outside the word read as 0 and match nothing.
struct DoubleMetaphoneEncoder {
    let v: [UInt8]
    let maxLength: Int
    var primary: [UInt8] = []
    var alternate: [UInt8] = []
    let slavoGermanic: Bool

    init(word: String, maxLength: Int) {
        v = word.utf8.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }
        self.maxLength = maxLength
        // W, K or CZ anywhere (WITZ contains W), read from the bytes: a Foundation substring search per word was a
        // tenth of entity resolution's time.
        var germanic = false
        for (i, c) in v.enumerated() where c == 87 || c == 75 || (c == 67 && i + 1 < v.count && v[i + 1] == 90) {
            germanic = true
            break
        }
        slavoGermanic = germanic
    }

    var last: Int { v.count - 1 }

    func at(_ i: Int) -> UInt8 { i >= 0 && i < v.count ? v[i] : 0 }

    func isVowel(_ i: Int) -> Bool {
        switch at(i) {
        case 65, 69, 73, 79, 85, 89: return true  // A E I O U Y
        default: return false
        }
    }

    /// Whether the `length` letters from `start` spell one of `options`.
    func has(_ start: Int, _ length: Int, _ options: String...) -> Bool {
        guard start >= 0, length > 0, start + length <= v.count else { return false }
        for o in options where o.utf8.count == length {
            var same = true
            var k = start
            for c in o.utf8 { if v[k] != c { same = false; break }; k += 1 }
            if same { return true }
        }
        return false
    }

    func letter(_ i: Int, is options: String) -> Bool {
        let c = at(i)
        return c != 0 && options.utf8.contains(c)
    }

    mutating func add(_ p: String, _ a: String? = nil) {
        for c in p.utf8 where primary.count < maxLength { primary.append(c) }
        for c in (a ?? p).utf8 where alternate.count < maxLength { alternate.append(c) }
    }

    mutating func addAlternate(_ a: String) {
        for c in a.utf8 where alternate.count < maxLength { alternate.append(c) }
    }

    mutating func addPrimary(_ p: String) {
        for c in p.utf8 where primary.count < maxLength { primary.append(c) }
    }

    var germanic: Bool { has(0, 4, "VAN ", "VON ") || has(0, 3, "SCH") }

    mutating func encode() {
        guard !v.isEmpty else { return }
        var i = 0
        if has(0, 2, "GN", "KN", "PN", "WR", "PS") { i = 1 }
        if at(0) == 88 { add("S"); i = 1 }  // initial X sounds S (Xavier)
        while i < v.count && (primary.count < maxLength || alternate.count < maxLength) {
            switch at(i) {
            case 65, 69, 73, 79, 85, 89:  // vowels count only at the start
                if i == 0 { add("A") }
                i += 1
            case 66:  // B
                add("P"); i += at(i + 1) == 66 ? 2 : 1
            case 67: i = c(i)
            case 68: i = d(i)
            case 70: add("F"); i += at(i + 1) == 70 ? 2 : 1
            case 71: i = g(i)
            case 72:  // H: only between vowels or at the start before a vowel
                if (i == 0 || isVowel(i - 1)) && isVowel(i + 1) { add("H"); i += 2 } else { i += 1 }
            case 74: i = j(i)
            case 75: add("K"); i += at(i + 1) == 75 ? 2 : 1
            case 76: i = l(i)
            case 77:
                add("M")
                i += (has(i - 1, 3, "UMB") && (i + 1 == last || has(i + 2, 2, "ER"))) || at(i + 1) == 77 ? 2 : 1
            case 78: add("N"); i += at(i + 1) == 78 ? 2 : 1
            case 80:
                if at(i + 1) == 72 { add("F"); i += 2 }
                else { add("P"); i += letter(i + 1, is: "PB") ? 2 : 1 }
            case 81: add("K"); i += at(i + 1) == 81 ? 2 : 1
            case 82:
                // French final -ier: silent R in the primary (Rogier).
                if i == last && !slavoGermanic && has(i - 2, 2, "IE") && !has(i - 4, 2, "ME", "MA") { addAlternate("R") }
                else { add("R") }
                i += at(i + 1) == 82 ? 2 : 1
            case 83: i = s(i)
            case 84: i = t(i)
            case 86: add("F"); i += at(i + 1) == 86 ? 2 : 1
            case 87: i = w(i)
            case 88:
                // French final -eau, -iau, -au, -ou: silent X.
                if !(i == last && (has(i - 3, 3, "IAU", "EAU") || has(i - 2, 2, "AU", "OU"))) { add("KS") }
                i += letter(i + 1, is: "CX") ? 2 : 1
            case 90: i = z(i)
            default: i += 1
            }
        }
    }

    mutating func c(_ i: Int) -> Int {
        // Germanic "ach" (Bacher, Macher) but not "ache"/"achi".
        if i > 1 && !isVowel(i - 2) && has(i - 1, 3, "ACH") && at(i + 2) != 73
            && (at(i + 2) != 69 || has(i - 2, 6, "BACHER", "MACHER")) {
            add("K"); return i + 2
        }
        if i == 0 && has(i, 6, "CAESAR") { add("S"); return i + 2 }
        if has(i, 4, "CHIA") { add("K"); return i + 2 }  // Italian Chianti
        if has(i, 2, "CH") { return ch(i) }
        if has(i, 2, "CZ") && !has(i - 2, 4, "WICZ") { add("S", "X"); return i + 2 }  // Czerny
        if has(i + 1, 3, "CIA") { add("X"); return i + 3 }  // Focaccia
        if has(i, 2, "CC") && !(i == 1 && at(0) == 77) {  // Bellocchio, but not McClellan
            if letter(i + 2, is: "IEH") && !has(i + 2, 2, "HU") {
                if (i == 1 && at(0) == 65) || has(i - 1, 5, "UCCEE", "UCCES") { add("KS") } else { add("X") }
                return i + 3
            }
            add("K"); return i + 2
        }
        if has(i, 2, "CK", "CG", "CQ") { add("K"); return i + 2 }
        if has(i, 2, "CI", "CE", "CY") {
            if has(i, 3, "CIO", "CIE", "CIA") { add("S", "X") } else { add("S") }
            return i + 2
        }
        add("K")
        if has(i + 1, 2, " C", " Q", " G") { return i + 3 }  // Mac Caffrey, Mac Gregor
        if letter(i + 1, is: "CKQ") && !has(i + 1, 2, "CE", "CI") { return i + 2 }
        return i + 1
    }

    mutating func ch(_ i: Int) -> Int {
        if i > 0 && has(i, 4, "CHAE") { add("K", "X"); return i + 2 }  // Michael
        // Greek roots at the start: Character, Charisma, Chorus, Chemistry, Chymia (but not Chore).
        if i == 0 && (has(i + 1, 5, "HARAC", "HARIS") || has(i + 1, 3, "HOR", "HYM", "HIA", "HEM")) && !has(0, 5, "CHORE") {
            add("K"); return i + 2
        }
        // Germanic and Greek "ch" sounding K: Bach, Orchestra, Architect, Orchid, "chl", "chr", "cht", ...
        if germanic || has(i - 2, 6, "ORCHES", "ARCHIT", "ORCHID") || letter(i + 2, is: "TS")
            || ((letter(i - 1, is: "AOUE") || i == 0) && (letter(i + 2, is: "LRNMBHFVW ") || i + 1 == last)) {
            add("K"); return i + 2
        }
        if i > 0 {
            if has(0, 2, "MC") { add("K") } else { add("X", "K") }  // McHugh; Church
        } else {
            add("X")
        }
        return i + 2
    }

    mutating func d(_ i: Int) -> Int {
        if has(i, 2, "DG") {
            if letter(i + 2, is: "IEY") { add("J"); return i + 3 }  // Edge
            add("TK"); return i + 2  // Edgar
        }
        if has(i, 2, "DT", "DD") { add("T"); return i + 2 }
        add("T"); return i + 1
    }

    mutating func g(_ i: Int) -> Int {
        if at(i + 1) == 72 { return gh(i) }
        if at(i + 1) == 78 {  // GN
            if i == 1 && isVowel(0) && !slavoGermanic { add("KN", "N") }
            else if !has(i + 2, 2, "EY") && at(i + 1) != 89 && !slavoGermanic { add("N", "KN") }
            else { add("KN") }
            return i + 2
        }
        if has(i + 1, 2, "LI") && !slavoGermanic { add("KL", "L"); return i + 2 }  // Tagliaro
        if i == 0 && (at(i + 1) == 89 || has(i + 1, 2, "ES", "EP", "EB", "EL", "EY", "IB", "IL", "IN", "IE", "EI", "ER")) {
            add("K", "J"); return i + 2
        }
        if (has(i + 1, 2, "ER") || at(i + 1) == 89) && !has(0, 6, "DANGER", "RANGER", "MANGER")
            && !letter(i - 1, is: "EI") && !has(i - 1, 3, "RGY", "OGY") {
            add("K", "J"); return i + 2
        }
        if letter(i + 1, is: "EIY") || has(i - 1, 4, "AGGI", "OGGI") {
            if germanic || has(i + 1, 2, "ET") { add("K") }
            else if has(i + 1, 3, "IER") { add("J") }
            else { add("J", "K") }
            return i + 2
        }
        add("K")
        return at(i + 1) == 71 ? i + 2 : i + 1
    }

    mutating func gh(_ i: Int) -> Int {
        if i > 0 && !isVowel(i - 1) { add("K"); return i + 2 }
        if i == 0 {
            if at(i + 2) == 73 { add("J") } else { add("K") }  // Ghislane; Ghana
            return i + 2
        }
        // Silent in Hugh, Bough, Broughton.
        if (i > 1 && letter(i - 2, is: "BHD")) || (i > 2 && letter(i - 3, is: "BHD")) || (i > 3 && letter(i - 4, is: "BH")) {
            return i + 2
        }
        // Laugh, McLaughlin, Cough, Gough, Rough, Tough sound F.
        if i > 2 && at(i - 1) == 85 && letter(i - 3, is: "CGLRT") { add("F") }
        else if i > 0 && at(i - 1) != 73 { add("K") }
        return i + 2
    }

    mutating func j(_ i: Int) -> Int {
        if has(i, 4, "JOSE") || has(0, 4, "SAN ") {  // Spanish J: Jose, San Jacinto
            if (i == 0 && at(i + 4) == 32) || v.count == 4 || has(0, 4, "SAN ") { add("H") } else { add("J", "H") }
            return i + 1
        }
        if i == 0 && !has(i, 4, "JOSE") { add("J", "A") }  // Yankelovich / Jankelowicz
        else if isVowel(i - 1) && !slavoGermanic && (at(i + 1) == 65 || at(i + 1) == 79) { add("J", "H") }  // Bajador
        else if i == last { add("J", "") }
        else if !letter(i + 1, is: "LTKSNMBZ") && !letter(i - 1, is: "SKL") { add("J") }
        return at(i + 1) == 74 ? i + 2 : i + 1
    }

    mutating func l(_ i: Int) -> Int {
        if at(i + 1) == 76 {
            // Spanish -illo, -illa, -alle: the L is silent in the alternate (Cabrillo, Gallegos).
            if (i == v.count - 3 && has(i - 1, 4, "ILLO", "ILLA", "ALLE"))
                || ((has(last - 1, 2, "AS", "OS") || letter(last, is: "AO")) && has(i - 1, 4, "ALLE")) {
                addPrimary("L")
            } else {
                add("L")
            }
            return i + 2
        }
        add("L"); return i + 1
    }

    mutating func s(_ i: Int) -> Int {
        if has(i - 1, 3, "ISL", "YSL") { return i + 1 }  // Island, Carlisle
        if i == 0 && has(i, 5, "SUGAR") { add("X", "S"); return i + 1 }
        if has(i, 2, "SH") {
            if has(i + 1, 4, "HEIM", "HOEK", "HOLM", "HOLZ") { add("S") } else { add("X") }  // Germanic
            return i + 2
        }
        if has(i, 3, "SIO", "SIA") || has(i, 4, "SIAN") {  // Italian and Armenian
            if slavoGermanic { add("S") } else { add("S", "X") }
            return i + 3
        }
        // German and anglicised Jewish names: Smith / Schmidt, Snider / Schneider; also -sz- (Polish).
        if (i == 0 && letter(i + 1, is: "MNLW")) || at(i + 1) == 90 {
            add("S", "X")
            return at(i + 1) == 90 ? i + 2 : i + 1
        }
        if has(i, 2, "SC") { return sc(i) }
        // French final -ais, -ois: silent S in the primary.
        if i == last && has(i - 2, 2, "AI", "OI") { addAlternate("S") } else { add("S") }
        return letter(i + 1, is: "SZ") ? i + 2 : i + 1
    }

    mutating func sc(_ i: Int) -> Int {
        if at(i + 2) == 72 {
            if has(i + 3, 2, "OO", "ER", "EN", "UY", "ED", "EM") {  // Dutch: Schooner, Schermerhorn
                if has(i + 3, 2, "ER", "EN") { add("X", "SK") } else { add("SK") }
            } else if i == 0 && !isVowel(3) && at(3) != 87 {
                add("X", "S")  // Schmidt, Schneider
            } else {
                add("X")
            }
        } else if letter(i + 2, is: "IEY") {
            add("S")
        } else {
            add("SK")
        }
        return i + 3
    }

    mutating func t(_ i: Int) -> Int {
        if has(i, 4, "TION") { add("X"); return i + 3 }
        if has(i, 3, "TIA", "TCH") { add("X"); return i + 3 }
        if has(i, 2, "TH") || has(i, 3, "TTH") {
            if has(i + 2, 2, "OM", "AM") || germanic { add("T") } else { add("0", "T") }  // Thomas, Thames
            return i + 2
        }
        add("T")
        return letter(i + 1, is: "TD") ? i + 2 : i + 1
    }

    mutating func w(_ i: Int) -> Int {
        if has(i, 2, "WR") { add("R"); return i + 2 }
        if i == 0 && (isVowel(i + 1) || has(i, 2, "WH")) {
            if isVowel(i + 1) { add("A", "F") } else { add("A") }  // Wasserman / Vasserman
            return i + 1
        }
        // Polish -ewski; Arnow: a W that may be F.
        if (i == last && isVowel(i - 1)) || has(i - 1, 5, "EWSKI", "EWSKY", "OWSKI", "OWSKY") || has(0, 3, "SCH") {
            addAlternate("F"); return i + 1
        }
        if has(i, 4, "WICZ", "WITZ") { add("TS", "FX"); return i + 4 }  // Polish -wicz
        return i + 1
    }

    mutating func z(_ i: Int) -> Int {
        if at(i + 1) == 72 { add("J"); return i + 2 }  // Chinese Zhao
        if has(i + 1, 2, "ZO", "ZI", "ZA") || (slavoGermanic && i > 0 && at(i - 1) != 84) { add("S", "TS") } else { add("S") }
        return at(i + 1) == 90 ? i + 2 : i + 1
    }
}
