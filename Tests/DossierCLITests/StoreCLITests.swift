import Foundation
import Testing

/// Runs the built `dossier` binary.
struct DossierRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

func dossierBinary() -> String? {
    var dirs: [String] = []
    if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        var d = URL(fileURLWithPath: exe).deletingLastPathComponent()
        for _ in 0..<4 {
            dirs.append(d.path)
            d = d.deletingLastPathComponent()
        }
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    dirs += [root.appendingPathComponent(".build/debug").path]
    return dirs.map { $0 + "/dossier" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

func runDossier(_ args: [String], workspace: String? = nil, env: [String: String] = [:]) throws -> DossierRun {
    guard let exe = dossierBinary() else { throw CocoaError(.fileNoSuchFile) }
    var environment = ProcessInfo.processInfo.environment
    environment["DOSSIER_ANALYST"] = "anna"
    environment["DOSSIER_WORKSPACE"] = workspace
    for (k, v) in env { environment[k] = v }
    let result = runSubprocess(exe, args, environment: environment)
    return DossierRun(status: result.status, stdout: result.stdout, stderr: result.stderr)
}

@Suite struct StoreCLITests {
    let dir: String = {
        let d = NSTemporaryDirectory() + "/dossier-cli-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }()

    @Test func globalOptionsMayComeBeforeTheSubcommand() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = dir + "/ws"
        #expect(try runDossier(["init", ws]).status == 0)
        let made = try runDossier(["--workspace", ws, "--analyst", "bob", "case", "new", "nord"])
        #expect(made.status == 0, "\(made.stderr)")
        let listed = try runDossier(["--workspace=\(ws)", "case", "list", "--json"])
        #expect(listed.status == 0)
        #expect(listed.stdout.contains("\"name\": \"nord\""))
        // A command without the option still refuses it, naming it.
        let refused = try runDossier(["--workspace", ws, "init", dir + "/other"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("Unknown option '--workspace'"))
    }

    @Test func initCaseAddListShowEndToEnd() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = dir + "/ws"
        let created = try runDossier(["init", ws])
        #expect(created.status == 0)
        #expect(created.stdout == "Created workspace \(ws)\n")

        let caseRun = try runDossier(["case", "new", "op-nord", "--title", "Operation Nord"], workspace: ws)
        #expect(caseRun.status == 0)
        let caseID = caseRun.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(caseID.count == 26)

        let person = try runDossier(["add", "entity", "--case", "op-nord", "--kind", "person", "--name", "Иван Петров",
                                     "--attr", "nationality=RU", "--identifier", "passport:ab 123-456"], workspace: ws)
        #expect(person.status == 0, "\(person.stderr)")
        let personID = person.stdout.split(separator: "\n").last.map(String.init) ?? ""
        let phone = try runDossier(["add", "entity", "--case", "op-nord", "--kind", "phone", "--name", "07700 900123"], workspace: ws)
        let phoneID = phone.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(phone.status == 0)

        let link = try runDossier(["add", "link", personID, phoneID, "--type", "uses", "--directed"], workspace: ws)
        #expect(link.status == 0)
        let linkID = link.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let event = try runDossier(["add", "event", "--case", "op-nord", "--kind", "call", "--time", "2024-03-01T10:20:00+01:00",
                                    "--participant", "\(phoneID):caller"], workspace: ws)
        #expect(event.status == 0)
        let eventID = event.stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let list = try runDossier(["list", "--kind", "entity", "--json"], workspace: ws)
        #expect(list.status == 0)
        let sorted = [(personID, "person", "Иван Петров"), (phoneID, "phone", "07700 900123")].sorted { $0.0 < $1.0 }
        let objects = sorted.map { id, kind, name in
            "  {\n    \"id\": \"\(id)\",\n    \"kind\": \"\(kind)\",\n    \"name\": \"\(name)\",\n    \"type\": \"entity\",\n    \"cases\": [\n      \"op-nord\"\n    ]\n  }"
        }
        #expect(list.stdout == "[\n" + objects.joined(separator: ",\n") + "\n]\n")

        let show = try runDossier(["show", phoneID, "--json"], workspace: ws)
        #expect(show.status == 0)
        #expect(show.stdout.contains("\"identifiers\": [\n    \"phone:+447700900123\"\n  ]"))
        #expect(show.stdout.contains("\"createdBy\": \"anna\""))

        let eventShow = try runDossier(["show", eventID], workspace: ws)
        #expect(eventShow.stdout.contains("start         2024-03-01T10:20:00+01:00\n"))

        let table = try runDossier(["list", "--case", "op-nord"], workspace: ws)
        let rows = table.stdout.split(separator: "\n").map(String.init)
        #expect(rows.count == 5)
        #expect(rows[0].hasPrefix("ID                          KIND    NAME"))
        // NAME is as wide as the event's "call 2024-03-01T10:20:00+01:00" (30 columns).
        #expect(rows.contains("\(linkID)  uses    uses" + String(repeating: " ", count: 28) + "op-nord"))

        let cases = try runDossier(["case", "list"], workspace: ws)
        #expect(cases.stdout == """
            NAME     TITLE           STATUS  ENTITIES  LINKS  EVENTS  ID
            op-nord  Operation Nord  open    2         1      1       \(caseID)

            """)
        let fsck = try runDossier(["fsck"], workspace: ws)
        #expect(fsck.status == 0)
        #expect(fsck.stdout.hasSuffix("clean\n"))
    }

    @Test func errorsGoToStandardErrorWithExitCodes() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = dir + "/ws"
        _ = try runDossier(["init", ws])
        let noCase = try runDossier(["add", "entity", "--case", "nope", "--kind", "person", "--name", "X"], workspace: ws)
        #expect(noCase.status == 1)
        #expect(noCase.stdout == "")
        #expect(noCase.stderr == "dossier: no case \"nope\" (see `dossier case list`)\n")
        let usage = try runDossier(["add", "entity", "--kind", "person"], workspace: ws)
        #expect(usage.status == 2)
        let badTime = try runDossier(["case", "new", "c"], workspace: ws)
        #expect(badTime.status == 0)
        let t = try runDossier(["add", "event", "--case", "c", "--kind", "call", "--time", "yesterday"], workspace: ws)
        #expect(t.status == 2)
        #expect(t.stderr.contains("--time \"yesterday\": not an ISO 8601 time"))
        let again = try runDossier(["init", ws])
        #expect(again.status == 1)
        #expect(again.stderr == "dossier: \(ws) already exists; choose a new directory for the workspace\n")
    }

    @Test func encryptedWorkspaceWithPassphraseFile() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = dir + "/ws"
        let good = dir + "/pass", bad = dir + "/wrong"
        try "s3cret phrase\n".write(toFile: good, atomically: true, encoding: .utf8)
        try "not it\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let created = try runDossier(["init", ws, "--encrypt", "--passphrase-file", good])
        #expect(created.status == 0)
        #expect(created.stdout == "Created workspace \(ws) (encrypted)\n")
        let env = ["DOSSIER_PASSPHRASE_FILE": good]
        #expect(try runDossier(["case", "new", "nord"], workspace: ws, env: env).status == 0)
        let added = try runDossier(["add", "entity", "--case", "nord", "--kind", "email", "--name", "Hidden@Example.ORG"],
                                   workspace: ws, env: env)
        #expect(added.status == 0)
        let id = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let list = try runDossier(["list", "--json"], workspace: ws, env: env)
        #expect(list.stdout.contains("\"id\": \"\(id)\""))
        let wrong = try runDossier(["list"], workspace: ws, env: ["DOSSIER_PASSPHRASE_FILE": bad])
        #expect(wrong.status == 1)
        #expect(wrong.stderr == "dossier: wrong passphrase for \(ws)\n")
        let rekey = try runDossier(["rekey", "--new-passphrase-file", bad], workspace: ws, env: env)
        #expect(rekey.status == 0)
        #expect(try runDossier(["show", id], workspace: ws, env: ["DOSSIER_PASSPHRASE_FILE": bad]).stdout.contains("email:hidden@example.org"))
        #expect(try runDossier(["fsck"], workspace: ws, env: ["DOSSIER_PASSPHRASE_FILE": bad]).status == 0)
    }
}
