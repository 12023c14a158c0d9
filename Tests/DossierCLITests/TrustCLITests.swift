import Foundation
import Testing

/// End-to-end tests of the trust commands through the built `dossier` binary.
@Suite struct TrustCLITests {
    let dir: String = {
        let d = NSTemporaryDirectory() + "/dossier-trust-cli-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }()

    func run(_ args: [String], _ ws: String, as analyst: String = "anna") throws -> DossierRun {
        try runDossier(args, workspace: ws, env: ["DOSSIER_ANALYST": analyst])
    }

    func lastLine(_ r: DossierRun) -> String { r.stdout.split(separator: "\n").last.map(String.init) ?? "" }

    /// Byte offsets of the audit trail's entries (header 32 bytes; frame = 88 bytes + payload length at +4).
    func entryOffsets(_ path: String) -> [Int] {
        let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
        var offsets: [Int] = []
        var o = 32
        while o + 8 <= bytes.count {
            offsets.append(o)
            let length = Int(bytes[o + 4]) | Int(bytes[o + 5]) << 8 | Int(bytes[o + 6]) << 16 | Int(bytes[o + 7]) << 24
            o += 88 + length
        }
        return offsets
    }

    @Test func rolesRestrictedCasesAndTheAuditTrail() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = dir + "/ws"
        #expect(try run(["init", ws], ws).status == 0)
        #expect(try run(["case", "new", "op"], ws).status == 0)
        #expect(try run(["case", "new", "secret"], ws).status == 0)
        let secretPhone = lastLine(try run(["add", "entity", "--case", "secret", "--kind", "person", "--name", "Hidden Person"], ws))
        #expect(secretPhone.count == 26)

        // Bootstrap: the first registration makes the acting analyst the supervisor.
        let addBob = try run(["analyst", "add", "bob", "--role", "analyst"], ws)
        #expect(addBob.stdout == "anna registered as supervisor: the first analyst of a workspace manages it\nbob registered as analyst\n")
        #expect(try run(["analyst", "add", "vera", "--role", "viewer"], ws).status == 0)
        let list = try run(["analyst", "list", "--json"], ws)
        #expect(list.stdout.contains("\"name\": \"anna\""))
        #expect(list.stdout.contains("\"role\": \"viewer\""))

        // A viewer cannot change anything; an unregistered analyst cannot even read.
        let viewerAdd = try run(["add", "entity", "--case", "op", "--kind", "person", "--name", "X"], ws, as: "vera")
        #expect(viewerAdd.status == 1)
        #expect(viewerAdd.stderr == "dossier: access denied: vera is a viewer and cannot change anything\n")
        let viewerCase = try run(["case", "new", "mine"], ws, as: "vera")
        #expect(viewerCase.status == 1)
        let stranger = try run(["case", "list"], ws, as: "mallory")
        #expect(stranger.status == 1)
        #expect(stranger.stderr.contains("mallory is not an active analyst of this workspace"))
        // Only supervisors change handling codes, and only with a reason.
        let analystHandling = try run(["handling", "Hidden Person", "--code", "H2", "--reason", "asked"], ws, as: "bob")
        #expect(analystHandling.status == 1)
        #expect(try run(["handling", "Hidden Person", "--code", "H2", "--reason", "provider asked"], ws).status == 0)

        // A restricted case is invisible to others.
        let restrict = try run(["case", "restrict", "secret", "--to", "anna"], ws)
        #expect(restrict.stdout == "case secret restricted to anna\n")
        let bobCases = try run(["case", "list", "--json"], ws, as: "bob")
        #expect(bobCases.status == 0)
        #expect(!bobCases.stdout.contains("secret"))
        #expect(try run(["case", "show", "secret"], ws, as: "bob").stderr == "dossier: no case \"secret\" (see `dossier case list`)\n")
        let bobList = try run(["list", "--json"], ws, as: "bob")
        #expect(!bobList.stdout.contains("Hidden Person"))
        #expect(try run(["show", secretPhone], ws, as: "bob").status == 1)
        #expect(try run(["case", "show", "secret"], ws).status == 0)

        // The trail: every change, the refusals and the opening of the restricted case.
        let log = try run(["audit", "log", "--json"], ws)
        let actions = log.stdout.components(separatedBy: "\"action\": \"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(actions == ["change", "change", "change", "analyst", "analyst", "denied", "denied", "handling", "restrict",
                            "open-restricted-case"])
        let bobLog = try run(["audit", "log"], ws, as: "bob")
        #expect(!bobLog.stdout.contains("secret"))
        let byVera = try run(["audit", "log", "--analyst", "vera", "--json"], ws)
        #expect(byVera.stdout.components(separatedBy: "\"analyst\": \"vera\"").count == 3)

        let verify = try run(["audit", "verify"], ws)
        #expect(verify.status == 0)
        #expect(verify.stdout.hasPrefix("audit trail intact: 10 entries, head "))
        let head = String(verify.stdout.split(separator: " ").last?.prefix(16) ?? "")
        #expect(try run(["audit", "verify", "--expect-head", head], ws).status == 0)

        // Editing one entry makes verify fail at that entry.
        let path = ws + "/audit.log"
        let original = FileManager.default.contents(atPath: path) ?? Data()
        let offsets = entryOffsets(path)
        #expect(offsets.count == 10)
        var edited = original
        edited[offsets[4] + 64] ^= 0x01
        _ = FileManager.default.createFile(atPath: path, contents: edited)
        let broken = try run(["audit", "verify"], ws)
        #expect(broken.status == 1)
        #expect(broken.stdout.hasPrefix("audit trail BROKEN at entry 4 (byte offset \(offsets[4]) of audit.log): content does not match its hash"))
        // Cutting entries off the end is caught against a head noted earlier.
        _ = FileManager.default.createFile(atPath: path, contents: original.prefix(offsets[9]))
        #expect(try run(["audit", "verify"], ws).status == 0)
        let cut = try run(["audit", "verify", "--expect-head", head], ws)
        #expect(cut.status == 1)
        #expect(cut.stdout.contains("does NOT contain the expected head"))
    }

    @Test func shareLeavesOutForbiddenItemsAndReceiveRefusesTampering() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sender = dir + "/sender", receiver = dir + "/receiver"
        #expect(try run(["init", sender], sender).status == 0)
        #expect(try run(["init", receiver], receiver).status == 0)
        #expect(try run(["case", "new", "kite"], sender).status == 0)
        let open = lastLine(try run(["add", "entity", "--case", "kite", "--kind", "person", "--name", "Open Person"], sender))
        let guarded = lastLine(try run(["add", "entity", "--case", "kite", "--kind", "person", "--name", "Guarded Person"], sender))
        let red = lastLine(try run(["add", "entity", "--case", "kite", "--kind", "person", "--name", "Red Person"], sender))
        #expect(try run(["handling", guarded, "--code", "H2", "--reason", "provider's condition"], sender).status == 0)
        #expect(try run(["handling", red, "--code", "TLP:RED", "--reason", "CERT marking"], sender).status == 0)
        #expect(try run(["grade", open, "B2"], sender).stdout == "entity Open Person: B2 (source usually reliable, information probably true)\n")

        let senderKeys = dir + "/sender.keys", receiverKeys = dir + "/receiver.keys"
        let sk = try run(["keys", "show"], sender)
        #expect(sk.stdout.hasPrefix("signing     ed25519:"))
        _ = FileManager.default.createFile(atPath: senderKeys, contents: Data(sk.stdout.utf8))
        _ = FileManager.default.createFile(atPath: receiverKeys, contents: Data(try run(["keys", "show"], receiver).stdout.utf8))

        // A request with the recipient; the share answers it.
        let request = lastLine(try run(["requests", "add", "--direction", "incoming", "--partner", "Guardia Civil",
                                        "--purpose", "trafficking investigation", "--legal-basis", "FD 2006/960/JHA",
                                        "--scope", "associates"], sender))
        #expect(request.count == 26)
        let pkg = dir + "/kite.pkg"
        let share = try run(["share", "--case", "kite", "--to", "Guardia Civil", "--request", String(request.prefix(10)),
                             "-o", pkg, "--report", dir + "/withheld.txt"], sender)
        #expect(share.status == 0, "\(share.stderr)")
        #expect(lastLine(share) == pkg)
        #expect(share.stdout.contains("withheld from Guardia Civil (local report; not in the package): 2 items"))
        let report = String(decoding: FileManager.default.contents(atPath: dir + "/withheld.txt") ?? Data(), as: UTF8.self)
        #expect(report.contains("Guarded Person") && report.contains("Red Person"))
        // The withheld items never appear in the package.
        var packageText = ""
        for f in try FileManager.default.contentsOfDirectory(atPath: pkg) {
            packageText += String(decoding: FileManager.default.contents(atPath: pkg + "/" + f) ?? Data(), as: UTF8.self)
        }
        #expect(packageText.contains("Open Person"))
        for secret in ["Guarded Person", "Red Person", guarded, red] { #expect(!packageText.contains(secret)) }
        let shown = try run(["requests", "show", request, "--json"], sender)
        #expect(shown.stdout.contains("\"status\": \"answered\""))
        let senderLog = try run(["audit", "log", "--json"], sender)
        #expect(senderLog.stdout.contains("\"action\": \"share\""))
        #expect(senderLog.stdout.contains("to Guardia Civil; request \(request)"))

        // One changed byte: refused, nothing imported.
        let tampered = dir + "/tampered.pkg"
        try FileManager.default.copyItem(atPath: pkg, toPath: tampered)
        var items = FileManager.default.contents(atPath: tampered + "/items.jsonl") ?? Data()
        items[items.count / 2] ^= 0x01
        _ = FileManager.default.createFile(atPath: tampered + "/items.jsonl", contents: items)
        let refused = try run(["receive", tampered, "--sender-key", senderKeys], receiver)
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("dossier: package \(tampered) refused, nothing imported: items.jsonl does not match its SHA-256 in the manifest"))
        #expect(try run(["list", "--json"], receiver).stdout == "[]\n")
        // A package signed by another key than the expected sender's: refused.
        let wrongKey = try run(["receive", pkg, "--sender-key", receiverKeys], receiver)
        #expect(wrongKey.status == 1)
        #expect(wrongKey.stderr.contains("not with the expected sender key"))
        #expect(try run(["list", "--json"], receiver).stdout == "[]\n")

        // The intact package with the right key: imported with the sender's grading.
        let received = try run(["receive", pkg, "--sender-key", senderKeys], receiver)
        #expect(received.status == 0, "\(received.stderr)")
        #expect(received.stdout.contains("imported 2 items"))
        let shownOpen = try run(["show", open, "--json"], receiver)
        #expect(shownOpen.stdout.contains("\"grading\": \"B2\""))
        #expect(shownOpen.stdout.contains("\"createdBy\": \"anna\""))
        let receiverLog = try run(["audit", "log", "--json"], receiver)
        #expect(receiverLog.stdout.contains("\"action\": \"receive-refused\""))
        #expect(receiverLog.stdout.contains("\"action\": \"receive\""))

        // With the provider's permission recorded (no source: the item's provider is unknown, so H2 stays out),
        // an encrypted share to the receiver's key opens only there.
        let sealed = dir + "/sealed.pkg"
        let sealedShare = try run(["share", "--case", "kite", "--to", "Guardia Civil", "--purpose", "p", "--legal-basis", "lb",
                                   "-o", sealed, "--recipient-key", receiverKeys], sender)
        #expect(sealedShare.status == 0)
        #expect(try run(["receive", sealed, "--sender-key", senderKeys], sender).status == 1)  // not for the sender
        let again = try run(["receive", sealed, "--sender-key", senderKeys, "--case", "kite-in"], receiver)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("imported 0 items, 2 already present"))
    }

    @Test func aProvidersPermissionRecordedInTheRequestLetsH2Go() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = dir + "/ws"
        #expect(try run(["init", ws], ws).status == 0)
        #expect(try run(["case", "new", "kite"], ws).status == 0)
        let source = lastLine(try run(["source", "add", "--case", "kite", "--provider", "BKA", "--reference", "BKA-77",
                                       "--grading", "B2", "--handling", "H2", "--legal-basis", "Art. 7"], ws))
        #expect(source.count == 26)
        let missingConditions = try run(["source", "add", "--case", "kite", "--provider", "NCA", "--handling", "H3"], ws)
        #expect(missingConditions.status == 2)
        #expect(missingConditions.stderr == "dossier: H3 needs its conditions: pass --conditions \"...\"\n")
        let person = lastLine(try run(["add", "entity", "--case", "kite", "--kind", "person", "--name", "Provided Person"], ws))
        #expect(try run(["source", "attach", source, person], ws).stdout == "1 item(s) attached to BKA BKA-77 (B2, H2)\n")

        let request = lastLine(try run(["requests", "add", "--direction", "incoming", "--partner", "Policía Nacional",
                                        "--purpose", "fraud investigation", "--legal-basis", "Art. 39 CISA",
                                        "--deadline", "2026-12-31"], ws))
        let pkg1 = dir + "/without.pkg"
        let without = try run(["share", "--case", "kite", "--to", "Policía Nacional", "--request", request, "-o", pkg1], ws)
        #expect(without.status == 0)
        #expect(without.stdout.contains("H2: dissemination needs the permission of provider BKA, not recorded in the request"))
        #expect(!String(decoding: FileManager.default.contents(atPath: pkg1 + "/items.jsonl") ?? Data(), as: UTF8.self).contains("Provided Person"))

        let updated = try run(["requests", "update", request, "--permission", "BKA", "--remarks", "BKA agreed by phone"], ws)
        #expect(updated.stdout == "request \(request): answered; permissions: BKA; conditions accepted: no\n")
        let pkg2 = dir + "/with.pkg"
        let with = try run(["share", "--case", "kite", "--to", "Policía Nacional", "--request", request, "-o", pkg2], ws)
        #expect(with.status == 0)
        #expect(with.stdout.hasPrefix("nothing withheld\n"))
        let items = String(decoding: FileManager.default.contents(atPath: pkg2 + "/items.jsonl") ?? Data(), as: UTF8.self)
        #expect(items.contains("Provided Person"))
        #expect(items.contains("\"code\":\"H2\""))
        let terms = String(decoding: FileManager.default.contents(atPath: pkg2 + "/share.json") ?? Data(), as: UTF8.self)
        #expect(terms.contains("\"legalBasis\":\"Art. 39 CISA\""))
        #expect(terms.contains("\"handling\":\"H2\""))

        #expect(try run(["requests", "close", request, "--reason", "answered in full"], ws).status == 0)
        let closed = try run(["share", "--case", "kite", "--to", "Policía Nacional", "--request", request, "-o", dir + "/late.pkg"], ws)
        #expect(closed.status == 1)
        #expect(closed.stderr == "dossier: request \(request) is closed\n")
        let history = try run(["requests", "show", request, "--json"], ws)
        #expect(history.stdout.components(separatedBy: "\"status\": \"").count == 7)  // current + 5 versions, + 1
        let list = try run(["requests", "--json"], ws)
        #expect(list.stdout.contains("\"status\": \"closed\""))
        let exported = try run(["export", "--format", "json", "--case", "kite", "-o", dir + "/kite.json"], ws)
        #expect(exported.status == 0, "\(exported.stderr)")
        let log = try run(["audit", "log", "--json"], ws)
        #expect(log.stdout.contains("\"detail\": \"export json of case kite to \(dir)/kite.json\""))
        #expect(log.stdout.components(separatedBy: "\"action\": \"share\"").count == 3)
        #expect(log.stdout.components(separatedBy: "\"action\": \"request\"").count == 6)
    }

    @Test func keysShowWorksWhileAnotherWriterHoldsTheWorkspace() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = dir + "/ws"
        #expect(try run(["init", ws], ws).status == 0)
        let first = try run(["keys", "show"], ws)
        #expect(first.status == 0)
        #expect(first.stdout.hasPrefix("signing     "))
        // Another writer (here: this test) holds the workspace's lock, as a running workbench would.
        let fd = open(ws + "/lock", O_RDWR)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let add = try run(["case", "new", "op"], ws)
        #expect(add.status == 1)
        #expect(add.stderr.contains("is being changed by another writer"))
        let again = try run(["keys", "show"], ws)
        #expect(again.status == 0)
        #expect(again.stderr == "")
        #expect(again.stdout == first.stdout)
    }
}
