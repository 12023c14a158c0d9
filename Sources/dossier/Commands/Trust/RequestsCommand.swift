import ArgumentParser
import DossierModel
import DossierStore

struct RequestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requests",
        abstract: "The register of requests for information: incoming, outgoing and spontaneous; every share links to one.",
        subcommands: [Add.self, List.self, Show.self, Update.self, Close.self], defaultSubcommand: List.self)

    static func save(_ r: InformationRequest, _ ws: Workspace, action: String, reason: String = "") throws {
        try Trust.storeFailure {
            let register = try ws.requestRegister()
            defer { register.close() }
            do { try register.save(r) } catch let e as JournalError { throw StoreError(e.description) }
            try ws.recordAudit(AuditEntry(time: r.modifiedAt, analyst: r.modifiedBy, action: .request, reason: reason,
                                          detail: "\(action) \(r.id): \(r.direction.rawValue) \(r.partner), \(r.status.rawValue)"))
        }
    }

    static func current(_ ws: Workspace) throws -> [InformationRequest] {
        do { return try ws.requests().current } catch let e as StoreError { throw CLIFailure(e.description) }
    }

    static func json(_ r: InformationRequest) -> StoreJSON {
        .object([
            ("id", .string(r.id.description)), ("kind", .string("request")), ("name", .string("\(r.direction.rawValue) \(r.partner)")),
            ("direction", .string(r.direction.rawValue)), ("partner", .string(r.partner)), ("reference", .string(r.reference)),
            ("purpose", .string(r.purpose)), ("purposeKind", .string(r.purposeKind.rawValue)), ("scope", .string(r.scope)),
            ("legalBasis", .string(r.legalBasis)), ("status", .string(r.status.rawValue)),
            ("deadline", r.deadline.map { .string($0.description) } ?? .null),
            ("permissions", .array(r.permissions.map { .string($0) })), ("conditionsAccepted", .bool(r.conditionsAccepted)),
            ("createdBy", .string(r.createdBy)), ("createdAt", .string(r.createdAt.utcISO8601)),
            ("modifiedBy", .string(r.modifiedBy)), ("modifiedAt", .string(r.modifiedAt.utcISO8601)), ("remarks", .string(r.remarks)),
        ])
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a request; prints its id.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "incoming (a partner asks us), outgoing (we ask a partner) or spontaneous.") var direction: InformationRequest.Direction
        @Option(help: "The other organisation.") var partner: String
        @Option(help: "What the information is for.") var purpose: String
        @Option(help: "crime (preventing and combating crime), judicial (evidence in proceedings) or other.")
        var purposeKind: InformationRequest.PurposeKind = .crime
        @Option(help: "The legal basis of the exchange.") var legalBasis: String
        @Option(help: "What is asked for.") var scope: String = ""
        @Option(help: ArgumentHelp("When an answer is due (ISO 8601).", valueName: "time")) var deadline: String?
        @Option(help: "The partner's own reference.") var reference: String = ""
        @Option(name: .customLong("permission"), help: ArgumentHelp("A provider whose permission to disseminate was obtained (repeatable).", valueName: "provider"))
        var permissions: [String] = []
        @Flag(help: "The recipient accepted the providers' handling conditions (H3, 3x5x2:C).") var conditionsAccepted = false

        func run() throws {
            for (value, option) in [(partner, "--partner"), (purpose, "--purpose"), (legalBasis, "--legal-basis")]
            where value.allSatisfy(\.isWhitespace) {
                throw CLIFailure("\(option) must not be empty", exitCode: 2)
            }
            let due = try deadline.map { try parseTime($0, option: "--deadline") }
            let ws = try global.openWorkspace()
            defer { ws.close() }
            let me = global.analystName
            try Trust.require(.analyst, ws, me, to: "registering a request")
            let now = TimePoint.now()
            let r = InformationRequest(id: .generate(now: now), direction: direction, partner: partner.trimmedForCLI, purpose: purpose,
                                       purposeKind: purposeKind, scope: scope, legalBasis: legalBasis, deadline: due,
                                       reference: reference, permissions: permissions, conditionsAccepted: conditionsAccepted,
                                       analyst: me, at: now)
            try RequestsCommand.save(r, ws, action: "registered")
            print(r.id)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the requests.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only requests with this status (open, answered, closed).") var status: InformationRequest.Status?
        @Flag(help: "Print a JSON array.") var json = false

        func run() throws {
            let ws = try global.openWorkspace(.readOnly)
            defer { ws.close() }
            try Trust.require(.viewer, ws, global.analystName, to: "reading requests")
            let all = try RequestsCommand.current(ws).filter { status == nil || $0.status == status }
            if json { print(StoreJSON.array(all.map(RequestsCommand.json)).rendered()); return }
            if all.isEmpty { print("No requests. Register one with `dossier requests add`."); return }
            var t = StoreTable(["ID", "DIRECTION", "PARTNER", "STATUS", "DEADLINE", "PURPOSE", "LEGAL BASIS"])
            for r in all {
                t.add([r.id.description, r.direction.rawValue, r.partner, r.status.rawValue, r.deadline?.description ?? "-",
                       r.purpose, r.legalBasis])
            }
            print(t.rendered())
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a request and its history.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Request id or id prefix (4+ characters).", valueName: "id")) var id: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let ws = try global.openWorkspace(.readOnly)
            defer { ws.close() }
            try Trust.require(.viewer, ws, global.analystName, to: "reading requests")
            let history: RequestHistory
            do { history = try ws.requests() } catch let e as StoreError { throw CLIFailure(e.description) }
            let r = try Trust.request(id, in: history.current)
            let versions = history.versions(of: r.id)
            if json {
                guard case .object(var fields) = RequestsCommand.json(r) else { return }
                fields.append(("history", .array(versions.map { v in
                    .object([("time", .string(v.modifiedAt.utcISO8601)), ("analyst", .string(v.modifiedBy)),
                             ("status", .string(v.status.rawValue)), ("remarks", .string(v.remarks))])
                })))
                print(StoreJSON.object(fields).rendered())
                return
            }
            var t = StoreTable(["FIELD", "VALUE"])
            let rows: [(String, String)] = [
                ("id", r.id.description), ("direction", r.direction.rawValue), ("partner", r.partner), ("reference", r.reference),
                ("purpose", "\(r.purpose) (\(r.purposeKind.rawValue))"), ("scope", r.scope), ("legal basis", r.legalBasis),
                ("status", r.status.rawValue), ("deadline", r.deadline?.description ?? "-"),
                ("permissions", r.permissions.isEmpty ? "-" : r.permissions.joined(separator: ", ")),
                ("conditions accepted", r.conditionsAccepted ? "yes" : "no"),
                ("created", "\(r.createdAt.utcISO8601) by \(r.createdBy)"), ("remarks", r.remarks),
            ]
            for (k, v) in rows { t.add([k, v]) }
            print(t.rendered())
            print("")
            var h = StoreTable(["TIME (UTC)", "ANALYST", "STATUS", "REMARKS"])
            for v in versions { h.add([v.modifiedAt.utcISO8601, v.modifiedBy, v.status.rawValue, v.remarks]) }
            print(h.rendered())
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a permission, accepted conditions, a status or a deadline.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Request id or id prefix.", valueName: "id")) var id: String
        @Option(name: .customLong("permission"), help: ArgumentHelp("A provider whose permission was obtained (repeatable).", valueName: "provider"))
        var permissions: [String] = []
        @Flag(help: "The recipient accepted the providers' handling conditions.") var conditionsAccepted = false
        @Option(help: "open or answered (use `requests close` to close).") var status: InformationRequest.Status?
        @Option(help: ArgumentHelp("A new deadline (ISO 8601).", valueName: "time")) var deadline: String?
        @Option(help: "A remark for the history.") var remarks: String = ""

        func run() throws {
            if status == .closed { throw CLIFailure("close a request with `dossier requests close ID --reason ...`", exitCode: 2) }
            let due = try deadline.map { try parseTime($0, option: "--deadline") }
            let ws = try global.openWorkspace()
            defer { ws.close() }
            let me = global.analystName
            try Trust.require(.analyst, ws, me, to: "updating a request")
            var r = try Trust.request(id, in: try RequestsCommand.current(ws))
            guard r.status != .closed else { throw CLIFailure("request \(r.id) is closed") }
            for p in permissions where !r.hasPermission(from: p) { r.permissions.append(p.trimmedForCLI) }
            if conditionsAccepted { r.conditionsAccepted = true }
            if let status { r.status = status }
            if let due { r.deadline = due }
            r.remarks = remarks.isEmpty ? "updated" : remarks
            r.modifiedBy = me
            r.modifiedAt = .now()
            try RequestsCommand.save(r, ws, action: "updated")
            print("request \(r.id): \(r.status.rawValue); permissions: \(r.permissions.isEmpty ? "none" : r.permissions.joined(separator: ", ")); conditions accepted: \(r.conditionsAccepted ? "yes" : "no")")
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a request.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Request id or id prefix.", valueName: "id")) var id: String
        @Option(help: "Why it is closed (answered, withdrawn, refused, ...).") var reason: String

        func run() throws {
            guard !reason.allSatisfy(\.isWhitespace) else { throw CLIFailure("closing a request needs --reason", exitCode: 2) }
            let ws = try global.openWorkspace()
            defer { ws.close() }
            let me = global.analystName
            try Trust.require(.analyst, ws, me, to: "closing a request")
            var r = try Trust.request(id, in: try RequestsCommand.current(ws))
            guard r.status != .closed else { throw CLIFailure("request \(r.id) is already closed") }
            r.status = .closed
            r.remarks = reason
            r.modifiedBy = me
            r.modifiedAt = .now()
            try RequestsCommand.save(r, ws, action: "closed", reason: reason)
            print("request \(r.id) closed")
        }
    }
}
