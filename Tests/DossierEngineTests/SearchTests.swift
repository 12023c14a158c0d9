import Testing
import DossierModel
@testable import DossierEngine

@Suite struct TextTests {
    @Test func foldingRemovesCaseDiacriticsAndTransliterates() {
        #expect(TextFold.fold("Müller") == "muller")
        #expect(TextFold.fold("MÜLLER") == "muller")
        #expect(TextFold.fold("Thénardier") == "thenardier")
        #expect(TextFold.fold("Иванов Пётр") == "ivanov petr")
        #expect(TextFold.fold("Παπαδόπουλος") == "papadopoylos")
        #expect(TextFold.fold("O'Brien-Smith") == "obrien smith")
        #expect(TextFold.fold("Straße Łódź") == "strasse lodz")
        // Chinese: one pinyin syllable per character, as the name is written in Latin script.
        #expect(TextFold.fold("王伟") == "wang wei")
        #expect(TextFold.fold("陈静 (Chen Jing)") == "chen jing chen jing")
        #expect(TextFold.fold("李小龍") == "li xiao long")
    }

    /// Double Metaphone codes worked out by hand from Philips' rules (primary / alternate).
    @Test func doubleMetaphoneVectors() {
        let vectors: [(String, String, String)] = [
            ("smith", "SM0", "XMT"),          // initial S before M may be Germanic SCHM; TH is 0 or T
            ("schmidt", "XMT", "SMT"),        // SCH before a consonant at the start; DT is one T
            ("jean", "JN", "AN"),             // initial J is J or (Spanish/German) a vowel
            ("john", "JN", "AN"),             // H after a vowel and before a consonant is silent
            ("jon", "JN", "AN"),
            ("catherine", "K0RN", "KTRN"),
            ("kathryn", "K0RN", "KTRN"),
            ("stephen", "STFN", "STFN"),      // PH is F
            ("steven", "STFN", "STFN"),
            ("thomas", "TMS", "TMS"),         // TH before OM/AM is T
            ("tomas", "TMS", "TMS"),
            ("thompson", "TMPSN", "TMPSN"),   // the P stays: Thompson and Tomson do not sound alike to Metaphone
            ("tomson", "TMSN", "TMSN"),
            ("jose", "HS", "HS"),             // Spanish J
            ("ivanov", "AFNF", "AFNF"),
            ("ivanoff", "AFNF", "AFNF"),
            ("muller", "MLR", "MLR"),
            ("mueller", "MLR", "MLR"),
            ("wasserman", "ASRMN", "FSRMN"),  // initial W before a vowel: A or F (Vasserman)
            ("filipowicz", "FLPTS", "FLPFX"), // Polish -wicz
            ("xavier", "SF", "SFR"),          // initial X is S; French final -ier has a silent R in the primary
            ("zhang", "JNK", "JNK"),
            ("richard", "RXRT", "RKRT"),      // CH inside a word: X or K
            ("geoff", "JF", "KF"),
            ("pennsylvania", "PNSLFN", "PNSLFN"),
            ("thumbail", "0MPL", "TMPL"),
            ("", "", ""),
        ]
        for (word, primary, alternate) in vectors {
            #expect(DoubleMetaphone(word) == DoubleMetaphone(primary: primary, alternate: alternate), "\(word)")
        }
        #expect(DoubleMetaphone("pennsylvania", maxLength: 4).primary == "PNSL")
        // Sound-alike pairs meet on at least one key.
        for (a, b) in [("smith", "schmidt"), ("jean", "john"), ("catherine", "kathryn"), ("wasserman", "vasserman")] {
            #expect(!Set(PhoneticKey.keys(a)).isDisjoint(with: PhoneticKey.keys(b)), "\(a) / \(b)")
        }
        #expect(Set(PhoneticKey.keys("smith")).isDisjoint(with: PhoneticKey.keys("jones")))
    }

    @Test func distances() {
        #expect(StringDistance.editDistance("muller", "mueller") == 1)
        #expect(StringDistance.editDistance("ivanov", "ivnaov") == 1)  // transposition
        #expect(StringDistance.editDistance("kitten", "sitting") == 3)
        #expect(StringDistance.editDistance("kitten", "sitting", limit: 1) == 2)
        #expect(abs(StringDistance.jaroWinkler("martha", "marhta") - 0.9611111111111111) < 1e-12)
        #expect(abs(StringDistance.jaroWinkler("dwayne", "duane") - 0.84) < 1e-12)
        #expect(StringDistance.jaroWinkler("abc", "xyz") == 0)
    }
}

@Suite struct SearchTests {
    struct World {
        var f = Fixture()
        var muller: ItemID, ivanov: ItemID, thenardier: ItemID, john: ItemID, phone: ItemID, other: ItemID
        var ops: ItemID, van: ItemID
        init() {
            ops = f.caseNamed("ops")
            muller = f.entity("Hans Müller", cases: [ops], attributes: [Attribute("nationality", "DE")], tags: ["suspect"])
            ivanov = f.entity("Иван Иванов", aliases: ["Vanya"])
            thenardier = f.entity("Thénardier")
            john = f.entity("John Smith")
            phone = f.entity("Burner", kind: .phone, cases: [ops], identifiers: [f.phone("+44 7700 900123")])
            other = f.entity("Maria Lopez")
            van = f.entity("Ford Transit", kind: .vehicle,
                           attributes: [Attribute("colour", "crimson"), Attribute("garage", "Favoritenstraße 112, Wien")])
            f.event(.call, at: "2024-01-15T10:00:00Z", [Participant(phone, role: .caller), Participant(john, role: .receiver)])
        }
    }

    let w = World()
    var index: SearchIndex { try! SearchIndex(reader: w.f.items) }

    @Test func exactAndCaseAndDiacritics() throws {
        for q in ["Müller", "muller", "MÜLLER", "hans muller"] {
            let hits = try index.search(q)
            #expect(hits.first?.id == w.muller, "query \(q)")
        }
        #expect(try index.search("Thenardier").first?.id == w.thenardier)
        #expect(try index.search("hans muller").first?.score == 1)
    }

    @Test func transliteration() throws {
        let hits = try index.search("Ivanov")
        #expect(hits.map(\.id) == [w.ivanov])
        #expect(hits[0].reasons == ["name \"ivanov\""])
        #expect(try index.search("Иванов").map(\.id) == [w.ivanov])
    }

    @Test func typosAndPhonetics() throws {
        let typo = try index.search("Mueller")
        #expect(typo.first?.id == w.muller)
        #expect(typo.first?.reasons == ["name \"muller\" ~ \"mueller\" (1 edit)"])
        #expect(try index.search("Ivnaov").first?.id == w.ivanov)
        let sound = try index.search("Jon Smyth")
        #expect(sound.first?.id == w.john)
        #expect(try index.search("Vanya").first?.reasons == ["alias \"vanya\""])
        #expect(try index.search("tenardier").first?.id == w.thenardier)
    }

    @Test func doubleMetaphoneSoundAlikes() throws {
        // Schmidt and Smith share no trigram: only their Double Metaphone keys (XMT) bring them together.
        let schmidt = try index.search("Schmidt")
        #expect(schmidt.map(\.id) == [w.john])
        #expect(schmidt.first?.reasons == ["name \"smith\" sounds like \"schmidt\""])
        #expect(schmidt.first?.score == 0.599)
        let jean = try index.search("Jean Smith")
        #expect(jean.first?.id == w.john)
        #expect(jean.first?.reasons == ["name \"john\" sounds like \"jean\"", "name \"smith\""])
    }

    @Test func attributesAreSearched() throws {
        let colour = try index.search("crimson")
        #expect(colour.map(\.id) == [w.van])
        #expect(colour.first?.reasons == ["attribute \"crimson\""])
        #expect(colour.first?.score == 0.599)  // attribute words weigh 0.6; not the whole name
        let street = try index.search("favoritenstrasse wien")
        #expect(street.map(\.id) == [w.van])
        #expect(street.first?.reasons == ["attribute \"favoritenstrasse\"", "attribute \"wien\""])
        #expect(try index.search("kind:vehicle crimson").map(\.id) == [w.van])
        #expect(try index.search("kind:person crimson").isEmpty)
    }

    @Test func prefixMatchesWhileTyping() throws {
        let hits = try index.search("Thén")
        #expect(hits.first?.id == w.thenardier)
        #expect(hits.first?.reasons == ["name \"thenardier\" begins with \"then\""])
    }

    @Test func identifiersInAnyFormat() throws {
        for q in ["+44 7700 900123", "07700900123", "(07700) 900-123", "0044 7700 900 123"] {
            let hits = try index.search(q)
            #expect(hits.map(\.id) == [w.phone], "query \(q)")
            #expect(hits.first?.reasons == ["identifier phone +447700900123"])
        }
        // A number one digit off is another number: no typo match for words with digits.
        #expect(try index.search("447700900124").isEmpty)
        #expect(try index.search("4477009001").map(\.id) == [w.phone])  // typing it: a prefix
    }

    @Test func fieldFilters() throws {
        #expect(try index.search("kind:phone").map(\.id) == [w.phone])
        #expect(try index.search("case:ops").map(\.id) == [w.phone, w.muller])  // by name: Burner, Hans Müller
        #expect(try index.search("tag:suspect").map(\.id) == [w.muller])
        #expect(try index.search("smith after:2024-01-01 before:2024-02-01").map(\.id) == [w.john])
        #expect(try index.search("smith after:2024-02-01").isEmpty)
        #expect(try index.search("muller kind:phone").isEmpty)
        #expect(throws: SearchQueryError.self) { try index.search("after:yesterday") }
        #expect(throws: SearchQueryError.self) { try index.search("case:nosuch") }
    }

    @Test func nothingForNonsense() throws {
        #expect(try index.search("qqqxxzz").isEmpty)
    }

    @Test func indexIsCachedPerVersion() throws {
        let cache = ResultCache()
        let a = try SearchIndex.cached(w.f.items, cache: cache)
        let b = try SearchIndex.cached(w.f.items, cache: cache)
        #expect(a.documentCount == b.documentCount && cache.count == 1)
    }
}
