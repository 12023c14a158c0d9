import Foundation
import Testing

/// The engine on the demo world (`dossier demo --build-only`): the connections DemoWorld plants between its three
/// cases — trafficking (Operation Danube), cyber (Operation Nightjar) and art (Operation Vermeer) — are found.
///
/// Planted: the organiser's burner phone +40744555666 is also the art courier's; the account DE89…3000 receives ring
/// money and art-sale proceeds; the wallet bc1q… is fed from the financier's account and owned by the cyber suspect;
/// near-duplicate people across spellings and scripts (Ionuț/Ionut Popescu, Zsófia/Zsofia Nagy, László Kovács/Laszlo
/// Kovacs, Дмитрий Волков/Dmitri Volkov, 王伟/Wang Wei).
@Suite(.serialized) struct EngineDemoWorldTests {
    let dir: String = {
        let d = NSTemporaryDirectory() + "/dossier-engine-demo-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }()

    func json(_ args: [String], _ ws: String) throws -> Any {
        let r = try runDossier(args + ["--json"], workspace: ws)
        #expect(r.status == 0, "\(args): \(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    struct Candidate: Equatable, CustomStringConvertible {
        var names: String, score: Double, strength: String, crossCase: Bool, agreed: [String], disagreed: [String]
        var description: String { "\(names) \(score) \(strength) cross=\(crossCase) \(agreed) \(disagreed)" }
    }

    func candidates(_ object: Any?) -> [Candidate] {
        ((object as? [String: Any])?["candidates"] as? [[String: Any]] ?? []).map { c in
            Candidate(names: "\(c["nameA"] as? String ?? "?") ~ \(c["nameB"] as? String ?? "?")", score: c["score"] as? Double ?? -1,
                      strength: c["strength"] as? String ?? "", crossCase: c["crossCase"] as? Bool ?? false,
                      agreed: c["agreed"] as? [String] ?? [], disagreed: c["disagreed"] as? [String] ?? [])
        }
    }

    /// (hops, names along the path) of a `path --json` answer.
    func path(_ object: Any?) -> (Int, [String]) {
        let o = object as? [String: Any]
        return (o?["hops"] as? Int ?? -1, (o?["path"] as? [[String: Any]] ?? []).map { $0["name"] as? String ?? "?" })
    }

    @Test func connectionsBetweenTheThreeCases() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = dir + "/demo"
        let built = try runDossier(["demo", "--path", ws, "--build-only"])
        #expect(built.status == 0, "\(built.stderr)")

        // Entity resolution over the whole world: every planted near-duplicate, with what agreed. The spellings
        // across scripts (Cyrillic, Chinese) are compared after transliteration; birthDate is read as a date of birth.
        let all = try json(["correlate"], ws)
        let volkovT = "names alike (99%): \"Dmitri Volkov\" / \"Дмитрий Волков\""
        #expect(candidates(all) == [
            Candidate(names: "Ionut Popescu ~ Ionuț Popescu", score: 0.95, strength: "strong", crossCase: false,
                      agreed: ["names alike (100%): \"Ionut Popescu\" / \"Ionuț Popescu\"", "same date of birth 1984-03-12",
                               "same nationality RO", "shared contact: +40722123456 (phone)"], disagreed: []),
            Candidate(names: "Zsófia Nagy ~ Zsofia Nagy", score: 0.95, strength: "strong", crossCase: false,
                      agreed: ["names alike (100%): \"Zsófia Nagy\" / \"Zsofia Nagy\"", "same date of birth 1988-06-15",
                               "same nationality HU",
                               "shared contacts: Nădlac II border crossing (RO/HU) (location), Hegyeshalom border crossing (HU/AT) (location), +36209876543 (phone)"],
                      disagreed: []),
            Candidate(names: "László Kovács ~ Laszlo Kovacs", score: 0.925, strength: "strong", crossCase: true,
                      agreed: ["names alike (100%): \"László Kovács\" / \"Laszlo Kovacs\"", "same date of birth 1979-02-02",
                               "same nationality HU"], disagreed: []),
            Candidate(names: "Dmitri Volkov ~ Дмитрий Волков", score: 0.918, strength: "strong", crossCase: true,
                      agreed: [volkovT, "same date of birth 1981-01-17", "same nationality UA"], disagreed: []),
            Candidate(names: "王伟 ~ Wang Wei", score: 0.775, strength: "possible", crossCase: false,
                      agreed: ["names alike (100%): \"王伟\" / \"Wang Wei\"", "same nationality CN"], disagreed: []),
            Candidate(names: "Дмитрий Волков ~ Дмитрий Волков", score: 0.775, strength: "possible", crossCase: true,
                      agreed: ["names alike (100%): \"Дмитрий Волков\" / \"Дмитрий Волков\"", "same date of birth 1981-01-17"],
                      disagreed: []),
            Candidate(names: "Dmitri Volkov ~ Дмитрий Волков", score: 0.768, strength: "possible", crossCase: true,
                      agreed: [volkovT, "same date of birth 1981-01-17"], disagreed: []),
        ])
        #expect((all as? [String: Any])?["nameOnlyHeldBack"] as? Int == 0)

        // The three Volkov records: trafficking's financier (UA), cyber's suspect (UA), art's buyer (no nationality).
        let list = (all as? [String: Any])?["candidates"] as? [[String: Any]] ?? []
        let volkovCyber = list[3]["a"] as? String ?? "", volkovTrafficking = list[3]["b"] as? String ?? ""
        let volkovArt = list[6]["b"] as? String ?? ""
        #expect(list[6]["a"] as? String == volkovCyber)
        #expect(Set([list[5]["a"] as? String, list[5]["b"] as? String]) == Set([volkovArt, volkovTrafficking]))

        // Two cases at a time: correlate keeps only pairs with one side in each.
        let ta = try json(["correlate", "--case", "trafficking", "--case", "art"], ws)
        #expect(candidates(ta).map(\.names) == ["László Kovács ~ Laszlo Kovacs", "Дмитрий Волков ~ Дмитрий Волков"])
        let tc = try json(["correlate", "--case", "trafficking", "--case", "cyber"], ws)
        #expect(candidates(tc).map(\.names) == ["Dmitri Volkov ~ Дмитрий Волков"])
        #expect(candidates(tc).first?.score == 0.918)
        let ca = try json(["correlate", "--case", "cyber", "--case", "art"], ws)
        #expect(candidates(ca).map(\.names) == ["Dmitri Volkov ~ Дмитрий Волков"])
        #expect(candidates(ca).first?.score == 0.768)

        // links --between: the shared burner phone and account, the likely-same people, and short paths.
        func between(_ a: String, _ b: String) throws -> (shared: [String], candidates: [[String]], paths: [(Int, [String])]) {
            let o = try json(["links", "--between", a, b], ws) as? [String: Any]
            let shared = (o?["sharedEntities"] as? [[String: Any]] ?? []).map { $0["name"] as? String ?? "?" }
            #expect((o?["sharedIdentifiers"] as? [Any])?.isEmpty == true)
            let cands = (o?["candidates"] as? [[String: Any]] ?? []).map { [$0["a"] as? String ?? "", $0["b"] as? String ?? ""] }
            let paths = (o?["paths"] as? [Any] ?? []).map(path)
            return (shared, cands, paths)
        }
        let traffickingArt = try between("trafficking", "art")
        #expect(traffickingArt.shared == ["+40744555666", "DE89370400440532013000"])
        #expect(traffickingArt.candidates.count == 2)
        #expect(traffickingArt.candidates.last.map(Set.init) == Set([volkovArt, volkovTrafficking]))
        #expect(traffickingArt.paths.map(\.0) == [2, 2, 2])
        #expect(traffickingArt.paths.map(\.1) == [
            ["+380501234567", "+40744555666", "Laszlo Kovacs"],
            ["+380501234567", "+40744555666", "+4915112345678"],
            ["RO65BTRLRONCRT0123456789", "DE89370400440532013000", "Köhler Handelsgesellschaft mbH"],
        ])
        let traffickingCyber = try between("trafficking", "cyber")
        #expect(traffickingCyber.shared == ["bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"])
        #expect(traffickingCyber.candidates == [[volkovCyber, volkovTrafficking]])
        #expect(traffickingCyber.paths.map(\.1) == [
            ["AT611904300234573201", "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh", "Dmitri Volkov"],
            ["AT611904300234573201", "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh", "0x52908400098527886E0F7030069857D2E4169EE7"],
        ])
        // Cyber and art share nothing directly; the money trail joins them in three hops.
        let cyberArt = try between("cyber", "art")
        #expect(cyberArt.shared == [])
        #expect(cyberArt.candidates == [[volkovCyber, volkovArt]])
        #expect(cyberArt.paths.map(\.0) == [3])
        #expect(cyberArt.paths.first?.1 == ["bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh", "AT611904300234573201",
                                              "RO65BTRLRONCRT0123456789", "DE89370400440532013000"])

        // Paths between the principal figures.
        // The ring's organiser reaches the art dealer through the burner phone, which calls the dealer's phone.
        let organiserDealer = path(try json(["path", "Ionuț Popescu", "Friedrich Köhler"], ws))
        #expect(organiserDealer.0 == 3)
        #expect(organiserDealer.1 == ["Ionuț Popescu", "+40744555666", "+4915112345678", "Friedrich Köhler"])
        #expect((try json(["path", "Ionuț Popescu", "Friedrich Köhler", "--all"], ws) as? [Any])?.count == 1)
        // ... and the art courier in two hops: both use the burner.
        #expect(path(try json(["path", "Ionuț Popescu", "Laszlo Kovacs"], ws)) ==
                (2, ["Ionuț Popescu", "+40744555666", "Laszlo Kovacs"]))
        // The ring's financier pays the wallet the cyber suspect owns.
        #expect(path(try json(["path", volkovTrafficking, volkovCyber], ws)) ==
                (3, ["Дмитрий Волков", "AT611904300234573201", "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh", "Dmitri Volkov"]))
        // The organiser's own account feeds the financier's, and on to that wallet.
        #expect(path(try json(["path", "Ionuț Popescu", "Dmitri Volkov"], ws)) ==
                (4, ["Ionuț Popescu", "RO65BTRLRONCRT0123456789", "AT611904300234573201",
                     "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh", "Dmitri Volkov"]))
        // The cyber suspect and the art dealer: six hops along the money, ending at the dealer's company account.
        #expect(path(try json(["path", "Dmitri Volkov", "Friedrich Köhler"], ws)) ==
                (6, ["Dmitri Volkov", "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh", "AT611904300234573201",
                     "RO65BTRLRONCRT0123456789", "DE89370400440532013000", "Köhler Handelsgesellschaft mbH", "Friedrich Köhler"]))
        // A painting sold by each dealer to the same collector joins the two dealers in two hops.
        #expect(path(try json(["path", "Amélie Leclerc", "Friedrich Köhler"], ws)).0 == 2)

        // Search finds the cross-script spellings.
        let wang = try json(["search", "Wang Wei"], ws) as? [[String: Any]]
        #expect(Set(wang?.compactMap { $0["name"] as? String } ?? []) == ["Wang Wei", "王伟"])
    }
}
