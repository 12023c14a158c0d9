import Testing
@testable import DossierModel

@Suite struct ValueTests {
    @Test func itemIDTextRoundTrip() throws {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<1000 {
            let id = ItemID(millisecondsSinceEpoch: rng.next() >> 16, using: &rng)
            let text = id.description
            #expect(text.count == 26)
            #expect(ItemID(text) == id)
            #expect(ItemID(text.uppercased()) == id)
        }
        #expect(ItemID(high: 0, low: 0).description == "00000000000000000000000000")
        #expect(ItemID(high: .max, low: .max).description == "7zzzzzzzzzzzzzzzzzzzzzzzzz")
        #expect(ItemID("8zzzzzzzzzzzzzzzzzzzzzzzzz") == nil)  // more than 128 bits
        #expect(ItemID("0000000000000000000000000u") == nil)  // not Crockford
        #expect(ItemID("short") == nil)
    }

    @Test func idsAreTimeOrdered() {
        var rng = SeededGenerator(seed: 1)
        let early = ItemID(millisecondsSinceEpoch: 1_000, using: &rng)
        let late = ItemID(millisecondsSinceEpoch: 2_000, using: &rng)
        #expect(early < late)
        #expect(late.milliseconds == 2_000)
    }

    @Test func seededGeneratorIsDeterministic() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        #expect(Set(first).count == 5)
    }

    @Test func moneyIsExact() throws {
        #expect(Money("1234.56", currency: "eur")?.description == "1234.56 EUR")
        #expect(Money("-0.0001", currency: "BTC")?.tenThousandths == -1)
        #expect(Money("10", currency: "USD")?.description == "10.00 USD")
        #expect(Money("1.23456", currency: "USD") == nil)
        #expect(Money("1,5", currency: "USD") == nil)
        #expect(Money("99999999999999999", currency: "USD") == nil)
    }

    @Test func gradingAndHandling() throws {
        #expect(Grading("b-2") == Grading(.b, .probablyTrue))
        #expect(Grading("G1") == nil)
        #expect(Grading("A7") == nil)
        #expect(Grading(.e, .improbable).meaning == "source unreliable, information improbable")
        #expect(InformationCredibility.possiblyTrue.stixConfidence == 50)
        #expect(HandlingCode("h2")?.description == "H2")
        #expect(HandlingCode("tlp:amber+strict")?.description == "TLP:AMBER+STRICT")
        #expect(HandlingCode("3x5x2:c", conditions: "no onward disclosure")?.conditions == "no onward disclosure")
        #expect(HandlingCode("TLP:PURPLE") == nil)
        #expect(HandlingCode("H4") == nil)
        #expect(HandlingCode("RED")?.scheme == .tlp)
    }

    @Test func inMemoryReaderIndexesIdentifiers() throws {
        var rng = SeededGenerator(seed: 3)
        let t = try #require(TimePoint.parse("2024-01-01T00:00:00Z"))
        let caseID = ItemID(millisecondsSinceEpoch: 1, using: &rng)
        let phone = Identifier(scheme: .phone, normalized: "+447700900123")
        let e = Entity(meta: ItemMeta(id: ItemID(millisecondsSinceEpoch: 2, using: &rng), cases: [caseID], analyst: "ana", at: t),
                       kind: .phone, name: "+44 7700 900123", identifiers: [phone])
        var items = InMemoryItems([.case(Case(meta: ItemMeta(id: caseID, analyst: "ana", at: t), name: "alpha")), .entity(e)])
        #expect(items.entities(withIdentifier: phone) == [e.meta.id])
        #expect(items.count(.entity, inCase: caseID) == 1)
        #expect(items.caseNamed("ALPHA")?.meta.id == caseID)
        items.delete(e.meta.id)
        #expect(items.entities(withIdentifier: phone).isEmpty)
    }
}

@Suite struct JSONStringTests {
    @Test func escapesQuotesBackslashesAndControlCharacters() {
        #expect(JSONString.quoted("a\"b\\c\nd\te\u{1}") == "\"a\\\"b\\\\c\\nd\\te\\u0001\"")
        #expect(JSONString.quoted("Иванов 王伟 🚗") == "\"Иванов 王伟 🚗\"")
    }
}
