import DossierExchange
import DossierModel
import Foundation
import Testing

/// A case with items under every kind of handling.
struct SharingFixture {
    let t = TimePoint(unixSeconds: 1_700_000_000)
    var rng = SeededGenerator(seed: 5)
    var items = InMemoryItems()
    var op: Case!
    var own: Source!, nca: Source!, bka: Source!, cert: Source!
    var alice: Entity!, carlos: Entity!, bob: Entity!, redPhone: Entity!, conditional: Entity!
    var aliceBob: Link!, aliceCarlos: Link!
    var call: Event!
    var noteOnBob: Note!

    init() {
        op = Case(meta: meta([]), name: "op", title: "Operation Kite", restrictedTo: ["anna"])
        let c = [op.meta.id]
        own = Source(meta: meta(c), provider: "own", reference: "OWN-1")
        nca = Source(meta: meta(c), provider: "NCA", reference: "NCA-7", grading: Grading("B2")!, handling: HandlingCode("H0"))
        bka = Source(meta: meta(c), provider: "BKA", reference: "BKA-3", handling: HandlingCode("H2"))
        cert = Source(meta: meta(c), provider: "CERT-X", handling: HandlingCode("TLP:RED"))
        alice = Entity(meta: meta(c, source: own.meta.id), kind: .person, name: "Alice Example")
        carlos = Entity(meta: meta(c, source: nca.meta.id), kind: .person, name: "Carlos Ñúñez")
        bob = Entity(meta: meta(c, source: bka.meta.id), kind: .person, name: "Bob Secret")
        redPhone = Entity(meta: meta(c, source: cert.meta.id), kind: .phone, name: "RedPhone 447700900999")
        var condMeta = meta(c, source: own.meta.id)
        condMeta.handling = HandlingCode("3x5x2:C", conditions: "not for court without consent")
        conditional = Entity(meta: condMeta, kind: .vehicle, name: "Conditional Van")
        aliceBob = Link(meta: meta(c, source: own.meta.id), type: .associate, from: alice.meta.id, to: bob.meta.id)
        aliceCarlos = Link(meta: meta(c, source: own.meta.id), type: .knows, from: alice.meta.id, to: carlos.meta.id)
        call = Event(meta: meta(c, source: own.meta.id), kind: .call, start: t,
                     participants: [Participant(alice.meta.id, role: .caller), Participant(redPhone.meta.id, role: .receiver)])
        noteOnBob = Note(meta: meta(c), about: [bob.meta.id], text: "Bob meets Alice weekly")
        let all: [Item] = [.case(op), .source(own), .source(nca), .source(bka), .source(cert), .entity(alice), .entity(carlos),
                           .entity(bob), .entity(redPhone), .entity(conditional), .link(aliceBob), .link(aliceCarlos),
                           .event(call), .note(noteOnBob)]
        for item in all { items.put(item) }
    }

    mutating func meta(_ cases: [ItemID], source: ItemID? = nil) -> ItemMeta {
        ItemMeta(id: ItemID(millisecondsSinceEpoch: 1_700_000_000_000, using: &rng), cases: cases, source: source, analyst: "anna", at: t)
    }

    func terms(permissions: [String] = [], accepted: Bool = false) -> ShareTerms {
        ShareTerms(recipient: "Guardia Civil", purpose: "trafficking investigation", purposeKind: .crime,
                   legalBasis: "Council Framework Decision 2006/960/JHA", permissions: permissions, conditionsAccepted: accepted)
    }

    var request: InformationRequest {
        var r = InformationRequest(id: ItemID(high: 1, low: 2), direction: .incoming, partner: "Guardia Civil",
                                   purpose: "trafficking investigation", scope: "associates of Alice",
                                   legalBasis: "Council Framework Decision 2006/960/JHA", analyst: "anna", at: t)
        r.reference = "GC-2024-17"
        return r
    }

    func draft(_ selection: ShareSelection) -> ShareDraft {
        ShareDraft(packageID: "pkg-0001", created: t, senderName: "NCA Liaison", terms: terms(), request: request,
                   caseItem: op, selection: selection)
    }
}

struct PackageDir {
    let root: String
    init() {
        root = NSTemporaryDirectory() + "dossier-share-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }
    var package: String { root + "/kite.dpkg" }
    func cleanup() { try? FileManager.default.removeItem(atPath: root) }
    func files() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: package).sorted() }
    func bytes(_ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: package + "/" + name)) }
    func write(_ data: Data, _ name: String) throws { try data.write(to: URL(fileURLWithPath: package + "/" + name)) }
}

@Suite struct SharingRulesTests {
    @Test func decisionsPerHandlingCode() {
        func decide(_ code: String?, _ kind: InformationRequest.PurposeKind = .crime, permissions: [String] = [],
                    accepted: Bool = false, provider: String? = "BKA") -> SharingDecision {
            let terms = ShareTerms(recipient: "GC", purpose: "p", purposeKind: kind, legalBasis: "lb",
                                   permissions: permissions, conditionsAccepted: accepted)
            return SharingRules.decide(handling: code.flatMap { HandlingCode($0, conditions: "only for analysis") }, provider: provider, terms: terms)
        }
        #expect(decide(nil) == .allowed)
        #expect(decide("H0") == .allowed)
        #expect(decide("H0", .judicial) == .allowed)
        #expect(decide("H0", .other) == .refused("H0: only for preventing and combating crime, and the purpose is other"))
        #expect(decide("H1") == .allowed)
        #expect(decide("H1", .judicial) == .refused("H1: use in judicial proceedings needs the permission of provider BKA, not recorded in the request"))
        #expect(decide("H1", .judicial, permissions: ["bka "]) == .allowed)
        #expect(decide("H2") == .refused("H2: dissemination needs the permission of provider BKA, not recorded in the request"))
        #expect(decide("H2", permissions: ["NCA"]) == decide("H2"))
        #expect(decide("H2", permissions: ["BKA"]) == .allowed)
        #expect(decide("H2", provider: nil) == .refused("H2: dissemination needs the permission of the provider (unknown: the item has no source), not recorded in the request"))
        #expect(decide("H3") == .refused("H3: the recipient has not accepted the conditions (only for analysis)"))
        #expect(decide("H3", accepted: true) == .allowed)
        #expect(decide("3x5x2:P") == .allowed)
        #expect(decide("3x5x2:C") == .refused("3x5x2:C: the recipient has not accepted the conditions (only for analysis)"))
        #expect(decide("3x5x2:C", accepted: true) == .allowed)
        #expect(decide("TLP:CLEAR", .other) == .allowed)
        #expect(decide("TLP:GREEN") == .allowed)
        #expect(decide("TLP:AMBER") == .refused("TLP:AMBER: beyond the recipient's organisation only with the permission of provider BKA"))
        #expect(decide("TLP:AMBER+STRICT", permissions: ["BKA"]) == .allowed)
        #expect(decide("TLP:RED", permissions: ["BKA"], accepted: true) == .refused("TLP:RED: for its named recipients only, never to another organisation"))
        let noBasis = ShareTerms(recipient: "GC", purpose: "p", purposeKind: .crime, legalBasis: " ")
        #expect(SharingRules.decide(handling: nil, provider: nil, terms: noBasis) == .refused("the share names no legal basis"))
    }

    @Test func selectionLeavesOutWhatHandlingForbids() {
        let f = SharingFixture()
        let s = ShareSelection.select(from: f.items, caseID: f.op.meta.id, terms: f.terms())
        let sent = Set(s.items.map(\.id))
        #expect(sent == Set([f.op.meta.id, f.own.meta.id, f.nca.meta.id, f.alice.meta.id, f.carlos.meta.id,
                             f.aliceCarlos.meta.id, f.call.meta.id]))
        let withheld = Dictionary(uniqueKeysWithValues: s.withheld.map { ($0.id, $0.reason) })
        #expect(withheld[f.bob.meta.id] == "H2: dissemination needs the permission of provider BKA, not recorded in the request")
        #expect(withheld[f.bka.meta.id] == withheld[f.bob.meta.id])
        #expect(withheld[f.redPhone.meta.id] == "TLP:RED: for its named recipients only, never to another organisation")
        #expect(withheld[f.cert.meta.id] == withheld[f.redPhone.meta.id])
        #expect(withheld[f.conditional.meta.id] == "3x5x2:C: the recipient has not accepted the conditions (not for court without consent)")
        #expect(withheld[f.aliceBob.meta.id] == "it refers to \(f.bob.meta.id), which is not sent")
        #expect(withheld[f.noteOnBob.meta.id] == "H2: dissemination needs the permission of provider BKA, not recorded in the request"
                || withheld[f.noteOnBob.meta.id] == "it refers to \(f.bob.meta.id), which is not sent")
        #expect(s.withheld.count == 7)
        // The call goes without its withheld participant; the case goes without its list of analysts.
        #expect(s.redacted == [f.call.meta.id])
        #expect(s.items.first { $0.id == f.call.meta.id }?.event?.participants == [Participant(f.alice.meta.id, role: .caller)])
        #expect(s.items.first?.caseValue?.restrictedTo == [])

        // With BKA's permission and the conditions accepted, only TLP:RED stays out.
        let s2 = ShareSelection.select(from: f.items, caseID: f.op.meta.id, terms: f.terms(permissions: ["BKA"], accepted: true))
        #expect(Set(s2.withheld.map(\.id)) == Set([f.redPhone.meta.id, f.cert.meta.id]))
        #expect(s2.items.count == 12)
    }
}

@Suite struct SharingPackageTests {
    @Test func aWithheldItemNeverAppearsInThePackage() throws {
        let dir = PackageDir()
        defer { dir.cleanup() }
        let f = SharingFixture()
        let selection = ShareSelection.select(from: f.items, caseID: f.op.meta.id, terms: f.terms())
        let signer = PackageSigningKey()
        let written = try PackageWriter.write(f.draft(selection), to: dir.package, signingKey: signer, recipientKey: nil)
        #expect(try dir.files() == ["items.jsonl", "manifest.json", "manifest.sig", "share.json"])
        var all = Data()
        for name in try dir.files() { all.append(try dir.bytes(name)) }
        let text = String(decoding: all, as: UTF8.self)
        for w in selection.withheld { #expect(!text.contains(w.id.description)) }
        for name in [f.bob.name, f.redPhone.name, f.conditional.name, f.noteOnBob.text, "BKA-3", "CERT-X"] {
            #expect(!text.contains(name))
        }
        #expect(!text.contains("Bob"))
        #expect(!text.contains("RedPhone"))
        #expect(text.contains("Carlos Ñúñez"))

        let received = try PackageReader.open(dir.package, expectedSender: signer.publicKeyText, openingKey: nil)
        #expect(received.items == selection.items)
        #expect(received.senderAuthenticated)
        #expect(received.manifestSHA256 == written.manifestSHA256)
        #expect(received.terms.request.reference == "GC-2024-17")
        #expect(received.terms.legalBasis == "Council Framework Decision 2006/960/JHA")
        #expect(received.terms.handling.map(\.handling) == ["H0"])
        #expect(received.manifest.files.map(\.path) == ["share.json", "items.jsonl"])
        // Provenance and handling travel: Carlos keeps his NCA source, graded B2 under H0.
        let carlos = try #require(received.items.first { $0.id == f.carlos.meta.id })
        #expect(carlos.meta.source == f.nca.meta.id)
        #expect(received.items.first { $0.id == f.nca.meta.id }?.source?.handling == HandlingCode("H0"))
        #expect(received.items.first { $0.id == f.nca.meta.id }?.source?.grading == Grading("B2"))
    }

    @Test func aPackageWithOneChangedByteIsRefused() throws {
        let dir = PackageDir()
        defer { dir.cleanup() }
        let f = SharingFixture()
        let selection = ShareSelection.select(from: f.items, caseID: f.op.meta.id, terms: f.terms())
        let signer = PackageSigningKey()
        _ = try PackageWriter.write(f.draft(selection), to: dir.package, signingKey: signer, recipientKey: nil)
        var refusals = 0
        for name in try dir.files() {
            let original = try dir.bytes(name)
            // Every byte of the manifest and its signature; a spread of bytes through the data files (each file
            // is checked by its hash as a whole, so a sample of positions exercises the same path).
            let step = name.hasPrefix("manifest") ? 1 : max(1, original.count / 97)
            for offset in stride(from: 0, to: original.count, by: step) {
                var changed = original
                changed[offset] ^= 0x01
                try dir.write(changed, name)
                #expect(throws: PackageError.self) {
                    _ = try PackageReader.open(dir.package, expectedSender: signer.publicKeyText, openingKey: nil)
                }
                refusals += 1
            }
            try dir.write(original, name)
        }
        #expect(refusals > 500)
        #expect(try PackageReader.open(dir.package, expectedSender: signer.publicKeyText, openingKey: nil).items.count == selection.items.count)
    }

    @Test func refusalsNameTheirReason() throws {
        let dir = PackageDir()
        defer { dir.cleanup() }
        let f = SharingFixture()
        let selection = ShareSelection.select(from: f.items, caseID: f.op.meta.id, terms: f.terms())
        let signer = PackageSigningKey()
        _ = try PackageWriter.write(f.draft(selection), to: dir.package, signingKey: signer, recipientKey: nil)
        func refusal(_ sender: String?) -> String? {
            do { _ = try PackageReader.open(dir.package, expectedSender: sender, openingKey: nil); return nil } catch {
                return "\(error)"
            }
        }
        let stranger = PackageSigningKey()
        #expect(refusal(stranger.publicKeyText) == "signed with \(signer.publicKeyText), not with the expected sender key \(stranger.publicKeyText)")
        #expect(refusal(PackageOpeningKey().publicKeyText)?.hasPrefix("expected an Ed25519 signing key") == true)
        #expect(refusal(nil) == nil)  // intact, though the sender is not authenticated

        // A manifest re-signed by someone else with their own key embedded is refused against the expected key.
        let items = try dir.bytes("items.jsonl")
        try dir.write(items + Data("{}\n".utf8), "items.jsonl")
        #expect(refusal(signer.publicKeyText)?.hasPrefix("items.jsonl has \(items.count + 3) bytes, the manifest says \(items.count)") == true)
        try dir.write(items, "items.jsonl")

        try dir.write(Data("hello".utf8), "extra.txt")
        #expect(refusal(signer.publicKeyText) == "extra.txt is not listed in the manifest")
        try FileManager.default.removeItem(atPath: dir.package + "/extra.txt")
        try FileManager.default.removeItem(atPath: dir.package + "/share.json")
        #expect(refusal(signer.publicKeyText) == "share.json is missing from the package")
        #expect(refusal(signer.publicKeyText) != nil)
        #expect(throws: PackageError.self) {
            _ = try PackageWriter.write(f.draft(selection), to: dir.package, signingKey: signer, recipientKey: nil)
        }
    }

    @Test func encryptedPackageOpensOnlyForItsRecipient() throws {
        let dir = PackageDir()
        defer { dir.cleanup() }
        let f = SharingFixture()
        let selection = ShareSelection.select(from: f.items, caseID: f.op.meta.id, terms: f.terms())
        let signer = PackageSigningKey()
        let recipient = PackageOpeningKey()
        let written = try PackageWriter.write(f.draft(selection), to: dir.package, signingKey: signer, recipientKey: recipient.publicKeyText)
        #expect(written.manifest.encryption?.recipientKey == recipient.publicKeyText)
        #expect(try dir.files() == ["items.jsonl.sealed", "manifest.json", "manifest.sig", "share.json.sealed"])
        var all = Data()
        for name in try dir.files() { all.append(try dir.bytes(name)) }
        let text = String(decoding: all, as: UTF8.self)
        #expect(!text.contains("Alice"))
        #expect(!text.contains("trafficking"))
        #expect(!text.contains(f.alice.meta.id.description))

        let received = try PackageReader.open(dir.package, expectedSender: signer.publicKeyText, openingKey: recipient)
        #expect(received.items == selection.items)
        let other = PackageOpeningKey()
        #expect(throws: PackageError("the package is encrypted to \(recipient.publicKeyText), not to this workspace's key \(other.publicKeyText)")) {
            _ = try PackageReader.open(dir.package, expectedSender: signer.publicKeyText, openingKey: other)
        }
        #expect(throws: PackageError("the package is encrypted and no key to open it was given")) {
            _ = try PackageReader.open(dir.package, expectedSender: signer.publicKeyText, openingKey: nil)
        }
        let sealed = try dir.bytes("items.jsonl.sealed")
        var changed = sealed
        changed[changed.count / 2] ^= 0x80
        try dir.write(changed, "items.jsonl.sealed")
        #expect(throws: PackageError.self) {
            _ = try PackageReader.open(dir.package, expectedSender: signer.publicKeyText, openingKey: recipient)
        }
    }
}
