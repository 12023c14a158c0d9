/// A sound-alike key for folded Latin words, after Lawrence Philips' Metaphone (the primary-key rules most names
/// need, plus Double Metaphone's Germanic "sch" and Slavic "cz"/"ts"/"kh"): Jon = John = JN, Stephen = Steven = STFN,
/// Catherine = Kathryn = K0RN, Ivanov = Ivanoff = IFNF. Vowels count only at the start. Keys are at most 6 codes.
public enum PhoneticKey {
    public static func key(_ word: String) -> String {
        let w = Array(word.utf8).filter { ($0 >= 97 && $0 <= 122) }
        guard !w.isEmpty else { return "" }
        var out: [UInt8] = []
        func at(_ i: Int) -> UInt8 { i >= 0 && i < w.count ? w[i] : 0 }
        func isVowel(_ c: UInt8) -> Bool { c == 97 || c == 101 || c == 105 || c == 111 || c == 117 || c == 121 }
        func ch(_ s: String) -> UInt8 { s.utf8.first! }
        func emit(_ s: String) {
            for c in s.utf8 where out.last != c { out.append(c) }
        }
        var i = 0
        // Silent or special starts.
        let start2 = String(decoding: w.prefix(2), as: UTF8.self)
        if ["kn", "gn", "pn", "wr", "ps"].contains(start2) { i = 1 }
        if at(0) == ch("x") { emit("S"); i = 1 }
        if start2 == "wh" { emit("W"); i = 2 }
        while i < w.count && out.count < 6 {
            let c = w[i]
            let next = at(i + 1)
            let prev = at(i - 1)
            if c == prev && c != ch("c") { i += 1; continue }
            switch c {
            case 97, 101, 105, 111, 117:
                if i == 0 { emit("A") }
            case ch("b"):
                if !(prev == ch("m") && i == w.count - 1) { emit("P") }
            case ch("c"):
                if next == ch("i") && at(i + 2) == ch("a") { emit("X") }
                else if next == ch("h") { emit(prev == ch("s") ? "K" : "X"); i += 1 }
                else if next == ch("z") { emit("X"); i += 1 }
                else if next == ch("i") || next == ch("e") || next == ch("y") { emit("S") }
                else if next == ch("k") { emit("K"); i += 1 }
                else { emit("K") }
            case ch("d"):
                if next == ch("g") && [ch("e"), ch("i"), ch("y")].contains(at(i + 2)) { emit("J"); i += 2 }
                else { emit("T") }
            case ch("f"), ch("v"): emit("F")
            case ch("g"):
                if next == ch("h") {
                    if i + 2 < w.count && !isVowel(at(i + 2)) { i += 1 }  // "gh" before a consonant is silent
                    else if i == 0 { emit("K"); i += 1 }
                    else { emit("F"); i += 1 }  // tough, Hough
                } else if next == ch("n") && (i + 2 == w.count || (at(i + 2) == ch("e") && at(i + 3) == ch("d"))) {
                    // silent in "-gn", "-gned"
                } else if next == ch("e") || next == ch("i") || next == ch("y") { emit("J") }
                else { emit("K") }
            case ch("h"):
                if isVowel(next) && ![ch("c"), ch("s"), ch("p"), ch("t"), ch("g"), ch("k"), ch("z")].contains(prev) { emit("H") }
            case ch("j"): emit("J")
            case ch("k"):
                if next == ch("h") { emit("K"); i += 1 }  // Slavic "kh" as in Khrushchev
                else if prev != ch("c") { emit("K") }
            case ch("l"): emit("L")
            case ch("m"): emit("M")
            case ch("n"): emit("N")
            case ch("p"):
                if next == ch("h") { emit("F"); i += 1 } else { emit("P") }
            case ch("q"): emit("K")
            case ch("r"): emit("R")
            case ch("s"):
                if next == ch("h") { emit("X"); i += 1 }
                else if next == ch("c") && at(i + 2) == ch("h") { emit("X"); i += 2 }
                else if next == ch("i") && (at(i + 2) == ch("o") || at(i + 2) == ch("a")) { emit("X") }
                else if next == ch("z") { emit("S"); i += 1 }
                else { emit("S") }
            case ch("t"):
                if next == ch("i") && (at(i + 2) == ch("o") || at(i + 2) == ch("a")) { emit("X") }
                else if next == ch("h") { emit("0"); i += 1 }
                else if next == ch("c") && at(i + 2) == ch("h") { /* "tch": the "ch" speaks */ }
                else if next == ch("s") || next == ch("z") { emit("S"); i += 1 }
                else { emit("T") }
            case ch("w"):
                if isVowel(next) { emit(i == 0 ? "W" : "F") }  // Slavic/German w between vowels ~ v
            case ch("x"): emit("KS")
            case ch("y"):
                if isVowel(next) && i == 0 { emit("Y") }
            case ch("z"): emit("S")
            default: break
            }
            i += 1
        }
        return String(decoding: out.prefix(6), as: UTF8.self)
    }
}
