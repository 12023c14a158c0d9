import DossierModel
import DossierStore
import Testing

/// A small workspace: an open case and a case restricted to anna, with items in each and one in both.
struct AccessFixture {
    let t = TimePoint(unixSeconds: 1_700_000_000)
    var rng = SeededGenerator(seed: 11)
    var items = InMemoryItems()
    var openCase: Case!
    var secretCase: Case!
    var openEntity: Entity!
    var secretEntity: Entity!
    var sharedEntity: Entity!
    var secretEvent: Event!
    let phone = Identifier(scheme: .phone, normalized: "+447700900123")

    init(analysts: [(String, Analyst.Role)] = [("anna", .supervisor), ("bob", .analyst), ("vera", .viewer), ("sam", .supervisor)]) {
        for (name, role) in analysts {
            items.put(.analyst(Analyst(meta: meta(), name: name, role: role)))
        }
        openCase = Case(meta: meta(), name: "open")
        secretCase = Case(meta: meta(), name: "secret", restrictedTo: ["anna"])
        openEntity = Entity(meta: meta([openCase.meta.id]), kind: .person, name: "Open Person")
        secretEntity = Entity(meta: meta([secretCase.meta.id]), kind: .phone, name: "Secret Phone", identifiers: [phone])
        sharedEntity = Entity(meta: meta([openCase.meta.id, secretCase.meta.id]), kind: .person, name: "Both", identifiers: [phone])
        secretEvent = Event(meta: meta([secretCase.meta.id]), kind: .call, start: t, participants: [Participant(secretEntity.meta.id)])
        for item: Item in [.case(openCase), .case(secretCase), .entity(openEntity), .entity(secretEntity), .entity(sharedEntity), .event(secretEvent)] {
            items.put(item)
        }
    }

    mutating func meta(_ cases: [ItemID] = []) -> ItemMeta {
        ItemMeta(id: ItemID(millisecondsSinceEpoch: 1_700_000_000_000, using: &rng), cases: cases, analyst: "anna", at: t)
    }

    var policy: AccessPolicy { AccessPolicy(reading: items) }

    func batch(_ analyst: String, reason: String = "", _ changes: [Change]) -> ChangeBatch {
        ChangeBatch(changes: changes, analyst: analyst, time: t, action: "test", reason: reason)
    }

    func denial(_ batch: ChangeBatch) -> String? {
        do { try policy.check(batch, before: items); return nil } catch { return error.message }
    }
}

@Suite struct AccessPolicyTests {
    @Test func viewerCannotChangeAnything() {
        var f = AccessFixture()
        var renamed = f.openEntity!
        renamed.name = "Renamed"
        let newEntity = Entity(meta: f.meta([f.openCase.meta.id]), kind: .person, name: "New")
        let attempts: [[Change]] = [
            [.put(.entity(renamed))],
            [.put(.entity(newEntity))],
            [.delete(f.openEntity.meta.id, reason: "wrong")],
            [.put(.analyst(Analyst(meta: f.meta(), name: "vera", role: .supervisor)))],
            [.put(.case(Case(meta: f.meta(), name: "mine")))],
        ]
        for changes in attempts {
            #expect(f.denial(f.batch("vera", reason: "because", changes)) == "vera is a viewer and cannot change anything")
        }
        #expect(f.policy.role(of: "Vera") == .viewer)
    }

    @Test func rolesDecideWhatAnAnalystMayChange() {
        var f = AccessFixture()
        var renamed = f.openEntity!
        renamed.name = "Renamed"
        #expect(f.denial(f.batch("bob", [.put(.entity(renamed))])) == nil)
        #expect(f.denial(f.batch("bob", reason: "dup", [.delete(f.openEntity.meta.id, reason: "dup")]))
                == "bob is an analyst; deleting \(f.openEntity.meta.id) needs a supervisor")
        var handled = f.openEntity!
        handled.meta.handling = HandlingCode("H2")
        #expect(f.denial(f.batch("bob", [.put(.entity(handled))])) == nil)  // recording a code where none applied
        f.items.put(.entity(handled))
        var lowered = handled
        lowered.meta.handling = HandlingCode("H0")
        #expect(f.denial(f.batch("bob", reason: "provider asked", [.put(.entity(lowered))]))
                == "bob is an analyst; changing the handling code of \(f.openEntity.meta.id) needs a supervisor")
        var removed = handled
        removed.meta.handling = nil
        #expect(f.denial(f.batch("bob", reason: "provider asked", [.put(.entity(removed))]))
                == "bob is an analyst; changing the handling code of \(f.openEntity.meta.id) needs a supervisor")
        f.items.put(.entity(f.openEntity))
        #expect(f.denial(f.batch("bob", [.put(.analyst(Analyst(meta: f.meta(), name: "eve", role: .viewer)))]))
                == "bob is an analyst; managing analysts needs a supervisor")
        // Supervisors may, with a reason.
        #expect(f.denial(f.batch("sam", [.delete(f.openEntity.meta.id, reason: "")])) == "deleting \(f.openEntity.meta.id) needs a reason")
        #expect(f.denial(f.batch("sam", [.delete(f.openEntity.meta.id, reason: "duplicate")])) == nil)
        f.items.put(.entity(handled))
        #expect(f.denial(f.batch("sam", [.put(.entity(lowered))])) == "changing the handling code of \(f.openEntity.meta.id) needs a reason")
        #expect(f.denial(f.batch("sam", reason: "provider asked", [.put(.entity(lowered))])) == nil)
        f.items.put(.entity(f.openEntity))
        // Moving an item to a source with another handling changes its handling too.
        let h2Source = Source(meta: f.meta(), provider: "BKA", handling: HandlingCode("H2"))
        let openSource = Source(meta: f.meta(), provider: "own")
        f.items.put(.source(h2Source))
        f.items.put(.source(openSource))
        var underH2 = f.openEntity!
        underH2.meta.source = h2Source.meta.id
        f.items.put(.entity(underH2))
        var moved = underH2
        moved.meta.source = openSource.meta.id
        #expect(f.denial(f.batch("bob", [.put(.entity(moved))]))
                == "bob is an analyst; changing the handling code of \(moved.meta.id) needs a supervisor")
        let alsoH2 = Source(meta: f.meta(), provider: "BKA", reference: "2", handling: HandlingCode("H2"))
        var movedAlike = underH2
        movedAlike.meta.source = alsoH2.meta.id
        #expect(f.denial(f.batch("bob", [.put(.source(alsoH2)), .put(.entity(movedAlike))])) == nil)
        f.items.put(.entity(f.openEntity))
        // Unknown and deactivated analysts may do nothing.
        #expect(f.denial(f.batch("mallory", [.put(.entity(renamed))]))?.hasPrefix("mallory is not an active analyst") == true)
        #expect(f.policy.role(of: "mallory") == nil)
        var retired = f.policy.analyst(named: "bob")!
        retired.active = false
        f.items.put(.analyst(retired))
        #expect(f.denial(f.batch("bob", [.put(.entity(renamed))]))?.hasPrefix("bob is not an active analyst") == true)
    }

    @Test func theLastSupervisorCannotBeRemoved() {
        var f = AccessFixture(analysts: [("anna", .supervisor), ("bob", .analyst)])
        var demoted = f.policy.analyst(named: "anna")!
        demoted.role = .analyst
        #expect(f.denial(f.batch("anna", [.put(.analyst(demoted))])) == "at least one active supervisor must remain")
        var promoted = f.policy.analyst(named: "bob")!
        promoted.role = .supervisor
        #expect(f.denial(f.batch("anna", [.put(.analyst(promoted)), .put(.analyst(demoted))])) == nil)
        _ = f.meta()
    }

    @Test func bootstrapMakesTheFirstRegistrarASupervisor() {
        var f = AccessFixture(analysts: [])
        #expect(!f.policy.isManaged)
        #expect(f.policy.role(of: "anyone") == .supervisor)
        let bob = Analyst(meta: f.meta(), name: "bob", role: .analyst)
        let bobBoss = Analyst(meta: f.meta(), name: "bob", role: .supervisor)
        let me = Analyst(meta: f.meta(), name: "Carol", role: .supervisor)
        // Analysts without an active supervisor leave the workspace open.
        #expect(f.denial(f.batch("carol", [.put(.analyst(bob))])) == nil)
        #expect(!AccessPolicy(analysts: [bob, Analyst(meta: f.meta(), name: "zoe", role: .supervisor, active: false)]).isManaged)
        // The first active supervisor closes it, and must leave the actor an active supervisor.
        #expect(f.denial(f.batch("carol", [.put(.analyst(bobBoss))]))
                == "registering the first supervisor must include carol as an active supervisor (bootstrap rule)")
        #expect(f.denial(f.batch("carol", [.put(.analyst(bobBoss)), .put(.analyst(Analyst(meta: f.meta(), name: "carol", role: .analyst)))]))
                == "registering the first supervisor must include carol as an active supervisor (bootstrap rule)")
        #expect(f.denial(f.batch("carol", [.put(.analyst(me)), .put(.analyst(bob))])) == nil)
        // Open workspaces still need reasons.
        #expect(f.denial(f.batch("carol", [.delete(f.openEntity.meta.id, reason: " ")])) == "deleting \(f.openEntity.meta.id) needs a reason")
    }

    @Test func aRestrictedCaseIsInvisibleToOthers() {
        let f = AccessFixture()
        let forBob = f.policy.visibleItems(f.items, for: "bob")
        #expect(forBob.cases.map(\.name) == ["open"])
        #expect(forBob.caseNamed("secret") == nil)
        #expect(forBob.item(f.secretCase.meta.id) == nil)
        #expect(forBob.item(f.secretEntity.meta.id) == nil)
        #expect(forBob.item(f.secretEvent.meta.id) == nil)
        #expect(forBob.item(f.sharedEntity.meta.id) != nil)  // also in a visible case
        #expect(forBob.entities(withIdentifier: f.phone) == [f.sharedEntity.meta.id])
        #expect(forBob.allEntities().map(\.name).sorted() == ["Both", "Open Person"])
        #expect(forBob.allEntities(inCase: f.secretCase.meta.id).isEmpty)
        #expect(forBob.count(.event, inCase: nil) == 0)
        #expect(forBob.events(inTime: 0...Int64.max, inCase: nil).isEmpty)
        #expect(forBob.count(.analyst, inCase: nil) == 4)

        // A supervisor not named on the case does not see it either; anna does, case-insensitively.
        #expect(f.policy.visibleItems(f.items, for: "sam").cases.map(\.name) == ["open"])
        let forAnna = f.policy.visibleItems(f.items, for: "ANNA")
        #expect(forAnna.cases.map(\.name) == ["open", "secret"])
        #expect(forAnna.count(.event, inCase: f.secretCase.meta.id) == 1)
        #expect(forAnna.entities(withIdentifier: f.phone).sorted() == [f.secretEntity.meta.id, f.sharedEntity.meta.id].sorted())
    }

    @Test func othersCannotChangeARestrictedCase() {
        var f = AccessFixture()
        var secret = f.secretEntity!
        secret.name = "Changed"
        #expect(f.denial(f.batch("bob", [.put(.entity(secret))]))
                == "\(secret.meta.id) belongs to a restricted case and bob is not among its analysts")
        let sneaked = Entity(meta: f.meta([f.secretCase.meta.id]), kind: .person, name: "Sneaked")
        #expect(f.denial(f.batch("bob", [.put(.entity(sneaked))])) == "case secret is restricted and bob is not among its analysts")
        #expect(f.denial(f.batch("anna", [.put(.entity(secret))])) == nil)
        // A supervisor outside the case may hand it over (change its analysts) but not change anything else.
        var handedOver = f.secretCase!
        handedOver.restrictedTo = ["anna", "sam"]
        #expect(f.denial(f.batch("sam", [.put(.case(handedOver))])) == nil)
        #expect(f.denial(f.batch("bob", [.put(.case(handedOver))])) == "case secret is restricted and bob is not among its analysts")
        var retitled = handedOver
        retitled.title = "New title"
        #expect(f.denial(f.batch("sam", [.put(.case(retitled))])) == "case secret is restricted and sam is not among its analysts")
    }
}
