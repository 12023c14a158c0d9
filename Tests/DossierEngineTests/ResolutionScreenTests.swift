import Testing
import DossierModel
@testable import DossierEngine

/// The numeric screen that rules out pairs before any string work must never rule out a pair the full comparison
/// keeps, and a pair met in several blocks must be compared (and counted) once.
@Suite struct ResolutionScreenTests {
    /// Random words over a small alphabet (so many pairs are close), with multi-byte letters among them.
    static func words(_ rng: inout SeededGenerator, count: Int) -> [[[UInt8]]] {
        let letters = ["a", "e", "i", "o", "u", "b", "k", "l", "m", "n", "r", "s", "t", "h", "ü", "ж", "é", "z"]
        return (0..<count).map { _ in
            (0..<(1 + Int(rng.next() % 3))).map { _ in
                Array((0..<(1 + Int(rng.next() % 7))).map { _ in letters[Int(rng.next() % UInt64(letters.count))] }
                    .joined().utf8)
            }
        }
    }

    @Test func screenNeverRulesOutAPairTheComparisonKeeps() {
        var rng = SeededGenerator(seed: 7)
        let names = Self.words(&rng, count: 400)
        let screen = Correlator.NameScreen(words: names)
        var alike = 0, ruledOut = 0
        for a in 0..<names.count {
            for b in 0..<names.count where a != b {
                let sim = Correlator.nameSimilarity(bytes: names[a], names[b])
                for threshold in [0.7, 0.85, 0.95] where sim >= threshold {
                    #expect(!screen.surelyUnder(threshold, a, b), "\(names[a]) / \(names[b]) at \(threshold)")
                }
                if sim >= 0.85 { alike += 1 }
                if screen.surelyUnder(0.85, a, b) { ruledOut += 1 }
            }
        }
        // The data is dense enough to test the bound, and the screen rules out most unlike pairs.
        #expect(alike == 2664)
        #expect(ruledOut == 155_895)
    }

    @Test func screenOnNames() {
        let names = ["John Smith", "Olga Nowak", "H. Müller", "Hans Mueller", "Jon Smyth", "Smith John"]
            .map { TextFold.tokens($0).map { Array($0.utf8) } }
        let screen = Correlator.NameScreen(words: names)
        #expect(screen.surelyUnder(0.85, 0, 1))   // John Smith / Olga Nowak
        #expect(!screen.surelyUnder(0.85, 2, 3))  // an initial and a spelling of the same surname
        #expect(!screen.surelyUnder(0.85, 0, 4))  // typos
        #expect(!screen.surelyUnder(0.85, 0, 5))  // word order
        #expect(screen.surelyUnder(0.85, 1, 3))
    }

    /// People sharing a handful of birth dates and first names (dense blocks), with planted duplicates: every
    /// planted pair is proposed, and pairs met in several blocks (name, name and date, word and date) count once.
    @Test func denseBlocksKeepPlantedDuplicates() throws {
        var f = Fixture()
        var rng = SeededGenerator(seed: 11)
        let first = ["John", "Maria", "Hans", "Olga"], last = ["Smith", "Nowak", "Müller", "Rossi", "Dubois"]
        let syllables = ["ba", "ko", "ri", "ze", "mu", "ta"]
        for i in 0..<240 {
            let name = first[i % 4] + " " + last[Int(rng.next() % 5)] + syllables[Int(rng.next() % 6)]
                + syllables[Int(rng.next() % 6)]
            f.entity(name, attributes: [Attribute("dob", "1970-01-0\(1 + Int(rng.next() % 3))")])
        }
        let planted: [(String, String)] = [("Hans Müllerkoba", "H. Mullerkoba"), ("Olga Rossizemu", "Olga Rosizemu"),
                                           ("Pavel Dubois", "Dubois Pavel"), ("Maria Nowakrita", "Marya Nowakrita")]
        var want: [(String, [ItemID])] = []
        for (a, b) in planted {
            let x = f.entity(a, attributes: [Attribute("dob", "1970-01-04")])
            let y = f.entity(b, attributes: [Attribute("dob", "1970-01-04")])
            want.append((a + " / " + b, [x, y].sorted()))
        }
        let r = try Correlator.run(f.items)
        let full = try Correlator.run(f.items, options: CorrelationOptions(), resolution: nil, cache: nil, progress: nil,
                                      screening: false)
        #expect(r.candidates == full.candidates)
        #expect(r.nameOnlyHeldBack == full.nameOnlyHeldBack && r.comparisons == full.comparisons)
        #expect(full.screenedOut == 0)
        let proposed = Set(r.candidates.map { [$0.a, $0.b] })
        for (names, pair) in want {
 #expect(proposed.contains(pair), "\(names)") }
        #expect(r.comparisons == 2427)
        #expect(r.screenedOut == 1178)
        #expect(r.candidates.count == 496)
    }
}
