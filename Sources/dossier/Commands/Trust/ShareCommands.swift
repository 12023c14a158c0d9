import ArgumentParser
import DossierExchange
import DossierModel
import DossierStore
#if canImport(Glibc)
import Glibc
#endif

/// Reads a key given on the command line: the key text itself, or a file holding it (e.g. saved `dossier keys show`).
func keyText(_ value: String, prefix: String, option: String) throws -> String {
    if value.lowercased().hasPrefix(prefix) { return value.trimmedForCLI }
    guard let bytes = Passphrase.readFile(value) else {
        throw CLIFailure("\(option) \"\(value)\": neither a \(prefix)... key nor a readable file holding one", exitCode: 2)
    }
    // The first word starting with the prefix: a bare key, or the output of `dossier keys show` saved to a file.
    let words = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0.isWhitespace }).map(String.init)
    guard let key = words.first(where: { $0.lowercased().hasPrefix(prefix) }) else {
        throw CLIFailure("\(option): \(value) holds no \(prefix)... key", exitCode: 2)
    }
    return key
}

/// `dossier share`: a signed (optionally encrypted) package of what a case's handling allows for a recipient.
struct ShareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "share",
        abstract: "Package the items of a case that their handling allows for a recipient and purpose; sign it, encrypt it if a key is given.",
        discussion: """
            Rules per handling code: none, 3x5x2:P, TLP:CLEAR and TLP:GREEN go; Europol H0-H3 only for crime or \
            judicial purposes, H1 in judicial proceedings and H2 only with the provider's permission recorded in the \
            request, H3 and 3x5x2:C only with the conditions accepted; TLP:AMBER(+STRICT) only with the provider's \
            permission; TLP:RED never. Items left out are listed here (and in --report), never in the package. \
            Every share is linked to a request (a spontaneous one is registered when --request is not given) and audited.
            """)
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("case"), help: "The case to share from.") var caseName: String
    @Option(help: "The receiving organisation.") var to: String
    @Option(help: "What the recipient will use it for (default: the request's).") var purpose: String?
    @Option(help: "crime, judicial or other (default: the request's, else crime).") var purposeKind: InformationRequest.PurposeKind?
    @Option(help: "The legal basis of the transfer (default: the request's).") var legalBasis: String?
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The package directory to create.", valueName: "package"))
    var output: String
    @Option(help: ArgumentHelp("The recipient's x25519:... key (or a file holding it): encrypt the package to it.", valueName: "key"))
    var recipientKey: String?
    @Option(help: ArgumentHelp("The request this share answers (id or prefix).", valueName: "id")) var request: String?
    @Option(name: .customLong("permission"), help: ArgumentHelp("Record a provider's permission to disseminate (repeatable).", valueName: "provider"))
    var permissions: [String] = []
    @Flag(help: "Record that the recipient accepted the providers' conditions.") var conditionsAccepted = false
    @Option(help: ArgumentHelp("Also write the local report of what was left out to this file.", valueName: "file")) var report: String?
    @Flag(help: "Show what would be sent and left out; write and record nothing.") var dryRun = false

    func run() throws {
        let recipient = to.trimmedForCLI
        guard !recipient.isEmpty else { throw CLIFailure("--to must name the recipient", exitCode: 2) }
        let recipientKeyText = try recipientKey.map { try keyText($0, prefix: "x25519:", option: "--recipient-key") }
        let ws = try global.openWorkspace(dryRun ? .readOnly : .readWrite)
        defer { ws.close() }
        let me = global.analystName
        try Trust.require(.analyst, ws, me, to: "sharing")
        let c = try Trust.visibleCase(caseName, ws, me)
        let now = TimePoint.now()

        // The request: the one named, or a spontaneous one registered for this share.
        var req: InformationRequest
        if let request {
            req = try Trust.request(request, in: try RequestsCommand.current(ws))
            guard req.status != .closed else { throw CLIFailure("request \(req.id) is closed") }
            guard req.partner.lowercased() == recipient.lowercased() else {
                throw CLIFailure("request \(req.id) is with \(req.partner), not \(recipient)")
            }
        } else {
            guard let purpose, let legalBasis else {
                throw CLIFailure("a share without --request needs --purpose and --legal-basis", exitCode: 2)
            }
            req = InformationRequest(id: .generate(now: now), direction: .spontaneous, partner: recipient, purpose: purpose,
                                     purposeKind: purposeKind ?? .crime, scope: "case \(c.name)", legalBasis: legalBasis,
                                     analyst: me, at: now)
        }
        for p in permissions where !req.hasPermission(from: p) { req.permissions.append(p.trimmedForCLI) }
        if conditionsAccepted { req.conditionsAccepted = true }
        var terms = ShareTerms(request: req)
        if let purpose { terms.purpose = purpose }
        if let purposeKind { terms.purposeKind = purposeKind }
        if let legalBasis { terms.legalBasis = legalBasis }
        if let missing = terms.missing { throw CLIFailure("the share names no \(missing)", exitCode: 2) }

        let selection = ShareSelection.select(from: ws.visibleItems(for: me), caseID: c.meta.id, terms: terms)
        let localReport = Self.report(selection, case: c, recipient: recipient)
        if dryRun {
            print("would send \(selection.items.count) items of case \(c.name) to \(recipient)")
            print(localReport)
            return
        }

        let keys = try { () throws -> WorkspaceKeys in
            do { return try ws.keys(analyst: me) } catch let e as StoreError { throw CLIFailure(e.description) }
        }()
        let signer = try PackageSigningKey(rawRepresentation: keys.signingKey)
        let packageID = ItemID.generate(now: now).description
        let draft = ShareDraft(packageID: packageID, created: now, senderName: me, terms: terms, request: req, caseItem: c,
                               selection: selection)
        let built: BuiltPackage
        do { built = try PackageWriter.build(draft, signingKey: signer, recipientKey: recipientKeyText) } catch let e as PackageError {
            throw CLIFailure(e.description)
        }
        // Audited before the package exists: a share can never leave without its entry.
        let detail = "to \(recipient); request \(req.id); package \(packageID) at \(output); manifest sha256 \(built.manifestSHA256); "
            + "\(selection.items.count) sent, \(selection.withheld.count) withheld\(recipientKeyText == nil ? "" : "; encrypted to \(recipientKeyText!)")"
        try Trust.storeFailure {
            try ws.recordAudit(AuditEntry(time: now, analyst: me, action: .share, items: ItemIDRuns(selection.items.map(\.id)), cases: [c.meta.id],
                                          reason: "\(terms.purpose) (legal basis: \(terms.legalBasis))", detail: detail))
        }
        do { _ = try built.write(to: output) } catch let e as PackageError {
            _ = try? ws.recordAudit(AuditEntry(time: .now(), analyst: me, action: .share, cases: [c.meta.id],
                                           detail: "package \(packageID) NOT written: \(e.description)"))
            throw CLIFailure(e.description)
        }
        req.status = req.direction == .outgoing ? req.status : .answered
        req.remarks = "shared package \(packageID) (\(selection.items.count) items of case \(c.name))"
        req.modifiedBy = me
        req.modifiedAt = .now()
        try RequestsCommand.save(req, ws, action: "shared under")

        if let report {
            guard let f = fopen(report, "w") else { throw CLIFailure("cannot write the report \(report)") }
            fputs(localReport + "\n", f)
            fclose(f)
        }
        print(localReport)
        print("sent \(selection.items.count) items of case \(c.name) to \(recipient) under request \(req.id); signed by \(signer.publicKeyText)")
        print(output)
    }

    /// The local report: what was left out and why (never written into the package).
    static func report(_ s: ShareSelection, case c: Case, recipient: String) -> String {
        var lines: [String] = []
        if s.withheld.isEmpty {
            lines.append("nothing withheld")
        } else {
            lines.append("withheld from \(recipient) (local report; not in the package): \(s.withheld.count) items")
            var t = StoreTable(["ID", "KIND", "NAME", "HANDLING", "WHY"])
            for w in s.withheld { t.add([w.id.description, w.kind, w.name, w.handling, w.reason]) }
            lines.append(t.rendered())
        }
        if !s.redacted.isEmpty {
            lines.append("sent without a withheld participant or place: \(s.redacted.map(\.description).joined(separator: ", "))")
        }
        return lines.joined(separator: "\n")
    }
}

/// `dossier receive PACKAGE`: verify the signature and every hash before importing anything.
struct ReceiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive",
        abstract: "Verify a share package (signature, every file's hash) and import its items with the sender's provenance and handling.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The package directory.", valueName: "package")) var package: String
    @Option(help: ArgumentHelp("The sender's ed25519:... key (or a file holding it); without it the sender is not authenticated.", valueName: "key"))
    var senderKey: String?
    @Option(name: .customLong("case"), help: "Receive into this local case (created when missing) instead of the sender's case.")
    var caseName: String?
    @Option(help: ArgumentHelp("The request this package answers (id or prefix).", valueName: "id")) var request: String?

    func run() throws {
        let senderKeyText = try senderKey.map { try keyText($0, prefix: "ed25519:", option: "--sender-key") }
        let ws = try global.openWorkspace()
        defer { ws.close() }
        let me = global.analystName
        try Trust.require(.analyst, ws, me, to: "receiving a package")
        var req: InformationRequest?
        if let request { req = try Trust.request(request, in: try RequestsCommand.current(ws)) }
        let keys = try { () throws -> WorkspaceKeys in
            do { return try ws.keys(analyst: me) } catch let e as StoreError { throw CLIFailure(e.description) }
        }()
        let received: ReceivedPackage
        do {
            received = try PackageReader.open(package, expectedSender: senderKeyText,
                                              openingKey: try PackageOpeningKey(rawRepresentation: keys.agreementKey))
        } catch let e as PackageError {
            _ = try? ws.recordAudit(AuditEntry(time: .now(), analyst: me, action: .receiveRefused, detail: "\(package): \(e.description)"))
            throw CLIFailure("package \(package) refused, nothing imported: \(e.description)")
        }

        // Where the items go: the named local case, else the sender's case (refused if its name is taken locally).
        let now = TimePoint.now()
        var batch = global.batch("receive package \(received.manifest.packageID) from \(received.manifest.sender.name)",
                                 reason: "\(received.terms.purpose) (legal basis: \(received.terms.legalBasis))")
        let senderCaseID = ItemID(received.terms.caseRef.id)
        var targetCase: ItemID?
        if let caseName {
            if let local = try? Trust.visibleCase(caseName, ws, me) {
                targetCase = local.meta.id
            } else {
                let c = Case(meta: ItemMeta(id: .generate(now: now), analyst: me, at: now), name: caseName.trimmedForCLI,
                             title: received.terms.caseRef.title, summary: "received from \(received.manifest.sender.name)")
                batch.put(.case(c))
                targetCase = c.meta.id
            }
        } else if let sent = received.items.first(where: { $0.kind == .case })?.caseValue,
                  let clash = ws.caseNamed(sent.name), clash.meta.id != sent.meta.id {
            throw CLIFailure("a different case named \"\(clash.name)\" exists here; receive with --case NAME")
        }
        var imported = 0, present = 0
        for var item in received.items {
            if ws.item(item.id) != nil { present += 1; continue }
            if let target = targetCase {
                if item.kind == .case { continue }
                item.meta.cases = item.meta.cases.map { $0 == senderCaseID ? target : $0 }
                if item.meta.cases.isEmpty && item.kind != .source { item.meta.cases = [target] }
            }
            let tag = "received:\(received.manifest.packageID)"
            if !item.meta.tags.contains(tag) { item.meta.tags.append(tag) }
            batch.put(item)
            imported += 1
        }
        if !batch.isEmpty { try commitOrFail(ws, batch) }
        if var r = req {
            r.status = r.status == .closed ? .closed : .answered
            r.remarks = "received package \(received.manifest.packageID) (\(imported) items)"
            r.modifiedBy = me
            r.modifiedAt = .now()
            try RequestsCommand.save(r, ws, action: "answered by package")
        }
        print("verified package \(received.manifest.packageID) from \(received.manifest.sender.name): signature and \(received.manifest.files.count) file hashes good")
        if !received.senderAuthenticated {
            print("warning: no --sender-key given: the package is intact but its sender (\(received.manifest.sender.signingKey ?? "?")) is not authenticated")
        }
        for n in received.terms.handling {
            print("handling \(n.handling) on \(n.items) items: \(n.meaning)\(n.conditions.isEmpty ? "" : "; conditions: \(n.conditions)")")
        }
        print("imported \(imported) items\(present > 0 ? ", \(present) already present (kept as they are here)" : "")")
    }
}

/// `dossier keys show`: the workspace's public keys, generated on first use.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "The workspace's signing and encryption keys.", subcommands: [Show.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the public keys: give the signing key to recipients (--sender-key), the encryption key to senders (--recipient-key).")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            // Reading keys needs no writer: once they exist the workspace opens read-only (beside a running writer,
            // or when damage keeps it read-only); only generating them on first use takes the writer lock.
            let exists = access(WorkspaceKeys.path(in: try global.workspacePath()), F_OK) == 0
            let ws = try global.openWorkspace(exists ? .readOnly : .readWrite)
            defer { ws.close() }
            let found: WorkspaceKeys?
            do {
                found = exists ? try ws.existingKeys() : try ws.keys(analyst: global.analystName)
            } catch let e as StoreError { throw CLIFailure(e.description) }
            guard let keys = found else { throw CLIFailure("the workspace's keys could not be read") }
            let signing = try PackageSigningKey(rawRepresentation: keys.signingKey).publicKeyText
            let encryption = try PackageOpeningKey(rawRepresentation: keys.agreementKey).publicKeyText
            if json {
                print(StoreJSON.object([("signing", .string(signing)), ("encryption", .string(encryption))]).rendered())
            } else {
                print("signing     \(signing)")
                print("encryption  \(encryption)")
            }
        }
    }
}
