import Testing
import DossierModel
@testable import DossierEngine

/// Entity resolution in crowded data: a name shared by dozens of people, and one shared by more than the
/// over-common limit. The true duplicates planted among them must still be found, and nothing else proposed.
@Suite struct ResolutionCrowdTests {
    func person(_ f: inout Fixture, _ name: String, _ dob: String, _ extra: [Attribute] = []) -> ItemID {
        f.entity(name, attributes: [Attribute("dob", dob)] + extra)
    }

    @Test func crowdedNameBlockStillFindsItsDuplicates() throws {
        var f = Fixture()
        // 45 John Smiths, one per birth year: one crowded name block (over 12, under the limit of 50).
        var smiths: [Int: ItemID] = [:]
        for year in 1950..<1995 { smiths[year] = person(&f, "John Smith", "\(year)-01-01") }
        // Planted: the 1960 John Smith again, spelled "Jon Smith"; the 1970 one with a typo in the day of birth but
        // the same nationality and address (both given to him and his duplicate only).
        let jon = person(&f, "Jon Smith", "1960-01-01")
        let place = [Attribute("nationality", "GB"), Attribute("address", "1 High Street, Leeds")]
        f.items.delete(try #require(smiths[1970]))
        smiths[1970] = person(&f, "John Smith", "1970-01-01", place)
        let typo = person(&f, "John Smith", "1970-01-10", place)
        // The 1975 one again with another day of birth: only his address and a shared phone agree.
        f.items.delete(try #require(smiths[1975]))
        let lane = [Attribute("address", "7 Mill Lane")]
        smiths[1975] = person(&f, "John Smith", "1975-01-01", lane)
        let again = person(&f, "John Smith", "1975-02-01", lane)
        let phone = f.entity("Burner", kind: .phone)
        f.link(smiths[1975]!, phone, type: .uses)
        f.link(again, phone, type: .uses)
        // Not planted: a John Smith of 1980 with another nationality and date (two certain disagreements).
        _ = person(&f, "John Smith", "1980-05-05", [Attribute("nationality", "IE")])
        let r = try Correlator.run(f.items)
        let scores = Dictionary(uniqueKeysWithValues: r.candidates.map { ([$0.a, $0.b], $0.score) })
        #expect(scores == [[smiths[1960]!, jon].sorted(): 0.758, [smiths[1970]!, typo].sorted(): 0.575,
                           [smiths[1975]!, again].sorted(): 0.575])
        let typoPair = try #require(r.candidates.first { $0.b == typo || $0.a == typo })
        #expect(typoPair.disagreed == ["dates of birth differ: 1970-01-01 / 1970-01-10"])
        #expect(typoPair.agreed.suffix(2) == ["same nationality GB", "same address"])
        let againPair = try #require(r.candidates.first { $0.b == again || $0.a == again })
        #expect(againPair.agreed.suffix(2) == ["same address", "shared contact: Burner (phone)"])
        #expect(r.overCommon.isEmpty)
        // 49 people in the crowded block pair only within a birth year: 1960, 1970, 1975 and 1980 (2 people each).
        #expect(r.comparisons == 4)
    }

    @Test func overCommonNameIsReportedAndItsDuplicatesStillMeetByBirthDate() throws {
        var f = Fixture()
        var marias: [ItemID] = []
        for i in 0..<60 {
            marias.append(person(&f, "Maria Garcia", "19\(50 + i % 40)-0\(1 + i % 9)-1\(i % 7)"))
        }
        let twin = person(&f, "María García", "1955-06-15")  // the same as marias[5]: 1955-06-15
        let r = try Correlator.run(f.items, options: CorrelationOptions(overCommonLimit: 50))
        #expect(r.overCommon.map(\.entities) == [61])
        #expect(r.overCommon.map(\.value) == ["name person KRS|MR"])
        #expect(r.candidates.map { [$0.a, $0.b] } == [[marias[5], twin].sorted()])
        // Only the people born the same day meet: no thousands of pairs from the common name.
        #expect(r.comparisons == 1)
    }
}
