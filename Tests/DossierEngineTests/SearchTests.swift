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
    }

    @Test func phoneticKeys() {
        #expect(PhoneticKey.key("jon") == PhoneticKey.key("john"))
        #expect(PhoneticKey.key("stephen") == "STFN")
        #expect(PhoneticKey.key("steven") == "STFN")
        #expect(PhoneticKey.key("catherine") == PhoneticKey.key("kathryn"))
        #expect(PhoneticKey.key("ivanov") == PhoneticKey.key("ivanoff"))
        #expect(PhoneticKey.key("smith") != PhoneticKey.key("jones"))
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
        var ops: ItemID
        init() {
            ops = f.caseNamed("ops")
            muller = f.entity("Hans Müller", cases: [ops], attributes: [Attribute("nationality", "DE")], tags: ["suspect"])
            ivanov = f.entity("Иван Иванов", aliases: ["Vanya"])
            thenardier = f.entity("Thénardier")
            john = f.entity("John Smith")
            phone = f.entity("Burner", kind: .phone, cases: [ops], identifiers: [f.phone("+44 7700 900123")])
            other = f.entity("Maria Lopez")
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
