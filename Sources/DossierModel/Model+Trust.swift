/// A request for information in the register of requests (`dossier requests`): what a partner asked us for, what we
/// asked a partner for, or a spontaneous dissemination. Every share is linked to one, so each dissemination can be
/// traced to a partner, a purpose and a legal basis.
///
/// Requests are not items: they are kept in the workspace's request register (DossierStore), which stores every
/// version of a request so its history stays visible.
public struct InformationRequest: Hashable, Sendable, Codable {
    public enum Direction: String, Sendable, Codable, CaseIterable {
        /// A partner asked us for information.
        case incoming
        /// We asked a partner for information.
        case outgoing
        /// We share without having been asked.
        case spontaneous
    }

    public enum Status: String, Sendable, Codable, CaseIterable {
        case open, answered, closed
    }

    /// What the information will be used for; the sharing rules depend on it (Europol H0 only for crime purposes).
    public enum PurposeKind: String, Sendable, Codable, CaseIterable {
        /// Preventing and combating crime (criminal intelligence, investigation).
        case crime
        /// Use as evidence in judicial proceedings.
        case judicial
        /// Anything else (administrative, research, journalism, ...).
        case other
    }

    public var id: ItemID
    public var direction: Direction
    /// The other party: the requesting or requested organisation.
    public var partner: String
    public var purpose: String
    public var purposeKind: PurposeKind
    /// What is asked for, in words ("subscriber and call records for +44 7700 900123, May 2024").
    public var scope: String
    public var legalBasis: String
    public var status: Status
    public var deadline: TimePoint?
    /// The partner's own reference, if any.
    public var reference: String
    /// Providers whose permission to disseminate (Europol H1/H2) has been obtained and recorded for this request.
    public var permissions: [String]
    /// True when the recipient has accepted the providers' handling conditions (Europol H3, 3x5x2 C).
    public var conditionsAccepted: Bool
    public var createdBy: String
    public var createdAt: TimePoint
    public var modifiedBy: String
    public var modifiedAt: TimePoint
    /// Why the request was closed, or other remarks.
    public var remarks: String

    public init(id: ItemID, direction: Direction, partner: String, purpose: String, purposeKind: PurposeKind = .crime,
                scope: String = "", legalBasis: String, status: Status = .open, deadline: TimePoint? = nil,
                reference: String = "", permissions: [String] = [], conditionsAccepted: Bool = false,
                analyst: String, at time: TimePoint, remarks: String = "") {
        self.id = id
        self.direction = direction
        self.partner = partner
        self.purpose = purpose
        self.purposeKind = purposeKind
        self.scope = scope
        self.legalBasis = legalBasis
        self.status = status
        self.deadline = deadline
        self.reference = reference
        self.permissions = permissions
        self.conditionsAccepted = conditionsAccepted
        self.createdBy = analyst
        self.createdAt = time
        self.modifiedBy = analyst
        self.modifiedAt = time
        self.remarks = remarks
    }

    /// True when `provider`'s permission is recorded (compared without regard to case and surrounding spaces).
    public func hasPermission(from provider: String) -> Bool {
        let p = provider.trimmingSpaces.lowercased()
        return !p.isEmpty && permissions.contains { $0.trimmingSpaces.lowercased() == p }
    }
}
