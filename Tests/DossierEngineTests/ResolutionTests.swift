import Testing
import DossierModel
@testable import DossierEngine

@Suite struct ResolutionTests {
    func passport(_ v: String) -> Identifier { try! Identifier(scheme: .passport, raw: v) }

    @Test func sharedIdentifierIsStrong() throws {
        var f = Fixture()
        let c1 = f.caseNamed("one"), c2 = f.caseNamed("two")
        let a = f.entity("Pavel Novak", cases: [c1], identifiers: [passport("AB 123456")])
        let b = f.entity("P. Nowak", cases: [c2], identifiers: [passport("ab123456")])
        let r = try Correlator.run(f.items)
        #expect(r.candidates.count == 1)
        let c = try #require(r.candidates.first)
        #expect([c.a, c.b] == [a, b])
        #expect(c.strength == .strong && c.crossCase)
        #expect(c.agreed == ["same passport AB123456", "names alike (90%): \"Pavel Novak\" / \"P. Nowak\""])
        #expect(c.score == 0.95)
    }

    @Test func nameAloneIsHeldBack() throws {
        var f = Fixture()
        f.entity("John Smith")
        f.entity("Smyth, Jon")
        let r = try Correlator.run(f.items)
        #expect(r.candidates.isEmpty)
        #expect(r.nameOnlyHeldBack == 1)
    }

    @Test func similarNamesNeedAnotherAgreeingAttribute() throws {
        var f = Fixture()
        let a = f.entity("Ivan Ivanov", attributes: [Attribute("dob", "1980-03-02"), Attribute("nationality", "RU")])
        let b = f.entity("Иванов Иван", attributes: [Attribute("dob", "1980-03-02"), Attribute("nationality", "RUS")])
        f.entity("Ivan Ivanov", attributes: [Attribute("dob", "1975-01-01")])  // disagrees on date of birth
        let r = try Correlator.run(f.items)
        #expect(r.candidates.map { [$0.a, $0.b] } == [[a, b]])
        let c = r.candidates[0]
        #expect(c.agreed == ["names alike (100%): \"Ivan Ivanov\" / \"Иванов Иван\"", "same date of birth 1980-03-02",
                             "same nationality RU"])
        #expect(c.score == 0.925 && c.strength == .strong)
    }

    @Test func sharedContactCorroboratesAName() throws {
        var f = Fixture()
        let a = f.entity("Maria Lopez"), b = f.entity("María López")
        let phone = f.entity("Burner", kind: .phone)
        f.link(a, phone, type: .uses)
        f.link(b, phone, type: .uses)
        let r = try Correlator.run(f.items)
        #expect(r.candidates.count == 1)
        #expect(r.candidates[0].agreed.last == "shared contact: Burner (phone)")
        #expect(r.candidates[0].strength == .possible)
    }

    @Test func overCommonValuesAreReportedNotExpanded() throws {
        var f = Fixture()
        let switchboard = f.phone("+44 20 7946 0000")
        for i in 0..<60 { f.entity("Employee \(i)", identifiers: [switchboard]) }
        let r = try Correlator.run(f.items, options: CorrelationOptions(overCommonLimit: 50))
        #expect(r.candidates.isEmpty)
        #expect(r.overCommon == [OverCommonValue(value: "name person AMPL", entities: 60),
                                 OverCommonValue(value: "phone +442079460000", entities: 60)])
        #expect(r.comparisons < 100)
    }

    /// A name block over `crowdedNameBlock` members pairs people with dates of birth only within a birth year;
    /// one without a date of birth still meets everyone. At the limit every pair is compared.
    @Test func crowdedNameBlocksSplitByBirthYear() throws {
        var f = Fixture()
        for year in 1950..<1962 { f.entity("John Smith", attributes: [Attribute("dob", "\(year)-01-01")]) }
        let atLimit = try Correlator.run(f.items)
        #expect(atLimit.comparisons == 66)
        f.entity("John Smith", attributes: [Attribute("dob", "1950-06-15")])
        f.entity("John Smith")
        let r = try Correlator.run(f.items)
        #expect(r.comparisons == 14)  // 13 with the undated one, 1 within 1950
        #expect(r.nameOnlyHeldBack == 13)
        #expect(r.candidates.isEmpty)
    }

    @Test func judgementsSurviveReimport() throws {
        var f = Fixture()
        let a = f.entity("Pavel Novak", identifiers: [passport("AB123456")])
        let b = f.entity("Pavel Novak", identifiers: [passport("AB123456"), f.phone("07700 900999")])
        #expect(try Correlator.run(f.items).candidates.count == 1)
        let j = try Judging.judge(a, b, verdict: .different, reason: "father and son", reader: f.items, id: f.newID(),
                                  analyst: "test", at: f.at)
        f.items.put(.judgement(j))
        var r = try Correlator.run(f.items)
        #expect(r.candidates.isEmpty && r.judgedSkipped == 1)
        // Re-import: the same records arrive again under new ids.
        f.items.delete(a); f.items.delete(b)
        f.entity("Pavel Novak", identifiers: [passport("AB123456")])
        f.entity("Pavel Novak", identifiers: [passport("AB123456"), f.phone("+447700900999")])
        r = try Correlator.run(f.items)
        #expect(r.candidates.isEmpty && r.judgedSkipped == 1)
    }

    @Test func sameMergesAndUnmergeUndoes() throws {
        var f = Fixture()
        let a = f.entity("Pavel Novak", identifiers: [passport("AB123456")], attributes: [Attribute("dob", "1970")])
        let b = f.entity("P Novak", identifiers: [passport("AB123456")], attributes: [Attribute("city", "Brno")])
        let x = f.entity("X")
        f.link(b, x)
        let j = try Judging.judge(a, b, verdict: .same, reader: f.items, id: f.newID(), analyst: "test", at: f.at)
        f.items.put(.judgement(j))
        let res = Resolution.build(from: f.items, cache: nil)
        #expect(res.canonical(b) == a)
        let m = try #require(res.merged(b, reader: f.items))
        #expect(m.records.map(\.meta.id) == [a, b])
        #expect(m.names == ["Pavel Novak", "P Novak"])
        #expect(m.attributes.map(\.record) == [a, b])
        #expect(try Correlator.run(f.items).candidates.isEmpty)
        // The merged view joins b's link to a.
        let view = try GraphView.build(from: f.items, resolution: res, cache: nil)
        #expect(view.ids == [a, x])
        #expect(view.undirected.weight(0, 1) == 1)
        // Unmerge withdraws the judgement.
        let withdrawn = Judging.unmerge(a, reader: f.items, analyst: "test", at: f.at)
        #expect(withdrawn.count == 1 && withdrawn[0].withdrawn)
        for w in withdrawn { f.items.put(.judgement(w)) }
        #expect(Resolution.build(from: f.items, cache: nil).canonical(b) == b)
        #expect(try Correlator.run(f.items).candidates.count == 1)
    }

    @Test func caseConnections() throws {
        var f = Fixture()
        let c1 = f.caseNamed("one"), c2 = f.caseNamed("two")
        let boss = f.entity("Boss", cases: [c1]), courier = f.entity("Courier", cases: [c1, c2])
        let buyer = f.entity("Buyer", cases: [c2])
        let p1 = f.entity("Phone A", kind: .phone, cases: [c1], identifiers: [f.phone("07700 900111")])
        let p2 = f.entity("Phone B", kind: .phone, cases: [c2], identifiers: [f.phone("+44 7700 900111")])
        f.link(boss, courier, cases: [c1])
        f.link(courier, buyer, cases: [c2])
        let links = try CaseConnections.find(f.items, caseA: c1, caseB: c2)
        #expect(links.sharedEntities == [courier])
        #expect(links.sharedIdentifiers.map(\.identifier.value) == ["+447700900111"])
        #expect(links.sharedIdentifiers.first?.inA == [p1] && links.sharedIdentifiers.first?.inB == [p2])
        #expect(links.candidates.map { [$0.a, $0.b] } == [[p1, p2]])
        #expect(links.paths == [[boss, courier, buyer]])
    }
}

@Suite struct ResolutionInitialTests {
    @Test func initialAndSurnameWithSameBirthDate() throws {
        var f = Fixture()
        let a = f.entity("Hans Müller", attributes: [Attribute("dob", "1970-02-03")])
        let b = f.entity("H. Mueller", attributes: [Attribute("dob", "1970-02-03")])
        let r = try Correlator.run(f.items)
        #expect(r.candidates.map { [$0.a, $0.b] } == [[a, b]])
        #expect(r.candidates.first?.strength == .possible)
    }
}
