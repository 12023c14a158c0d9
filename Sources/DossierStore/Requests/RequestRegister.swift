import DossierModel

/// The register of requests for information: `requests.log` in the workspace directory, a `ChainedJournal` in which
/// every version of a request is appended (so a request's history — opened, permission recorded, answered, closed —
/// stays visible and cannot be rewritten silently). The latest version of each request is its state.
public final class RequestRegister: @unchecked Sendable {
    public static let fileName = "requests.log"
    static let journalKind = "requests"

    private let journal: ChainedJournal
    private let directory: String
    private let sealing: (any JournalSealing)?

    /// Opens (creating when missing) the register of the workspace at `directory` for appending.
    public init(workspace directory: String, sealing: (any JournalSealing)? = nil) throws {
        self.directory = directory
        self.sealing = sealing
        journal = try ChainedJournal(appendingTo: RequestRegister.path(in: directory), kind: RequestRegister.journalKind, sealing: sealing)
    }

    public static func path(in directory: String) -> String {
        directory.hasSuffix("/") ? directory + fileName : directory + "/" + fileName
    }

    public var openReport: [String] { journal.openReport }
    public func close() { journal.close() }

    /// Records a new request or a new version of one.
    public func save(_ request: InformationRequest) throws {
        try journal.append(RequestRegister.encode(request))
    }

    /// The current version of every request, oldest first; empty when the register does not exist yet.
    public static func read(workspace directory: String, sealing: (any JournalSealing)? = nil) throws -> [InformationRequest] {
        try history(workspace: directory, sealing: sealing).current
    }

    /// Every version of every request, in the order they were recorded.
    public static func history(workspace directory: String, sealing: (any JournalSealing)? = nil) throws -> RequestHistory {
        let path = path(in: directory)
        guard JournalIO.exists(path) else { return RequestHistory(versions: []) }
        let contents = try ChainedJournal.read(path: path, kind: journalKind, sealing: sealing)
        if let problem = contents.problem, !problem.isTornTail {
            throw JournalError.invalid("\(path): \(problem.description)")
        }
        var versions: [InformationRequest] = []
        for entry in contents.entries {
            guard let payload = entry.payload else {
                throw JournalError.invalid("\(path): the register is encrypted; the workspace key is needed")
            }
            do { versions.append(try decode(payload)) } catch {
                throw JournalError.invalid("\(path): request entry \(entry.index) at offset \(entry.offset): \(error)")
            }
        }
        return RequestHistory(versions: versions)
    }

    /// The current versions, read from this register's file.
    public func all() throws -> [InformationRequest] {
        try RequestRegister.read(workspace: directory, sealing: sealing)
    }

    static let encodingVersion: UInt8 = 1

    static func encode(_ r: InformationRequest) -> [UInt8] {
        var w = JournalWriter()
        w.u8(encodingVersion)
        w.id(r.id)
        w.string(r.direction.rawValue)
        w.string(r.partner)
        w.string(r.purpose)
        w.string(r.purposeKind.rawValue)
        w.string(r.scope)
        w.string(r.legalBasis)
        w.string(r.status.rawValue)
        w.optionalTime(r.deadline)
        w.string(r.reference)
        w.strings(r.permissions)
        w.u8(r.conditionsAccepted ? 1 : 0)
        w.string(r.createdBy)
        w.time(r.createdAt)
        w.string(r.modifiedBy)
        w.time(r.modifiedAt)
        w.string(r.remarks)
        return w.bytes
    }

    static func decode(_ bytes: [UInt8]) throws -> InformationRequest {
        var r = JournalReader(bytes)
        let version = try r.u8("version")
        guard version == encodingVersion else { throw JournalDecodingError(description: "request version \(version) is not supported") }
        let id = try r.id("id")
        let directionText = try r.string("direction")
        guard let direction = InformationRequest.Direction(rawValue: directionText) else {
            throw JournalDecodingError(description: "direction: unknown value \(directionText)")
        }
        let partner = try r.string("partner")
        let purpose = try r.string("purpose")
        let kindText = try r.string("purposeKind")
        guard let purposeKind = InformationRequest.PurposeKind(rawValue: kindText) else {
            throw JournalDecodingError(description: "purposeKind: unknown value \(kindText)")
        }
        let scope = try r.string("scope")
        let legalBasis = try r.string("legalBasis")
        let statusText = try r.string("status")
        guard let status = InformationRequest.Status(rawValue: statusText) else {
            throw JournalDecodingError(description: "status: unknown value \(statusText)")
        }
        let deadline = try r.optionalTime("deadline")
        let reference = try r.string("reference")
        let permissions = try r.strings("permissions")
        let accepted = try r.u8("conditionsAccepted") == 1
        let createdBy = try r.string("createdBy")
        let createdAt = try r.time("createdAt")
        let modifiedBy = try r.string("modifiedBy")
        let modifiedAt = try r.time("modifiedAt")
        let remarks = try r.string("remarks")
        guard r.atEnd else { throw JournalDecodingError(description: "\(r.remaining) unexpected bytes after the request") }
        var request = InformationRequest(id: id, direction: direction, partner: partner, purpose: purpose, purposeKind: purposeKind,
                                         scope: scope, legalBasis: legalBasis, status: status, deadline: deadline,
                                         reference: reference, permissions: permissions, conditionsAccepted: accepted,
                                         analyst: createdBy, at: createdAt, remarks: remarks)
        request.modifiedBy = modifiedBy
        request.modifiedAt = modifiedAt
        return request
    }
}

/// Every recorded version of the requests.
public struct RequestHistory: Sendable {
    public var versions: [InformationRequest]

    /// The latest version of each request, in the order the requests were first recorded.
    public var current: [InformationRequest] {
        var order: [ItemID] = []
        var latest: [ItemID: InformationRequest] = [:]
        for v in versions {
            if latest[v.id] == nil { order.append(v.id) }
            latest[v.id] = v
        }
        return order.compactMap { latest[$0] }
    }

    /// The versions of one request, oldest first.
    public func versions(of id: ItemID) -> [InformationRequest] { versions.filter { $0.id == id } }
}
