import DossierModel

/// The terms of one dissemination: to whom, for what, on which legal basis, under which request.
public struct ShareTerms: Sendable, Equatable {
    public var recipient: String
    public var purpose: String
    public var purposeKind: InformationRequest.PurposeKind
    public var legalBasis: String
    /// Providers whose permission to disseminate is recorded in the request.
    public var permissions: [String]
    /// Whether the recipient accepted the providers' stated conditions (recorded in the request).
    public var conditionsAccepted: Bool

    public init(recipient: String, purpose: String, purposeKind: InformationRequest.PurposeKind, legalBasis: String,
                permissions: [String] = [], conditionsAccepted: Bool = false) {
        self.recipient = recipient
        self.purpose = purpose
        self.purposeKind = purposeKind
        self.legalBasis = legalBasis
        self.permissions = permissions
        self.conditionsAccepted = conditionsAccepted
    }

    /// The terms of a share answering (or recorded as) `request`.
    public init(request: InformationRequest) {
        self.init(recipient: request.partner, purpose: request.purpose, purposeKind: request.purposeKind,
                  legalBasis: request.legalBasis, permissions: request.permissions,
                  conditionsAccepted: request.conditionsAccepted)
    }

    /// What is missing for any share at all; nil when the terms are complete.
    public var missing: String? {
        if recipient.allSatisfy(\.isWhitespace) { return "recipient" }
        if purpose.allSatisfy(\.isWhitespace) { return "purpose" }
        if legalBasis.allSatisfy(\.isWhitespace) { return "legal basis" }
        return nil
    }

    func hasPermission(from provider: String?) -> Bool {
        guard let p = provider?.lowercased().shareTrimmed, !p.isEmpty else { return false }
        return permissions.contains { $0.lowercased().shareTrimmed == p }
    }
}

/// Whether an item may go to a recipient.
public enum SharingDecision: Sendable, Equatable {
    case allowed
    case refused(String)

    public var isAllowed: Bool { self == .allowed }
}

/// The sharing rules per handling code. Every share needs a recipient, a purpose and a legal basis; then:
///
/// | handling            | may be shared when                                                                  |
/// |---------------------|-------------------------------------------------------------------------------------|
/// | none                | always (the workspace's own information; the legal basis is recorded)               |
/// | Europol H0          | the purpose is preventing and combating crime (purpose kind `crime` or `judicial`) |
/// | Europol H1          | as H0; for use in judicial proceedings only with the provider's permission          |
/// | Europol H2          | as H0, and only with the provider's permission recorded in the request              |
/// | Europol H3          | as H0, and only when the recipient accepted the provider's stated conditions       |
/// | UK 3x5x2 P          | always (lawful sharing permitted)                                                   |
/// | UK 3x5x2 C          | only when the recipient accepted the stated conditions                              |
/// | TLP:CLEAR, GREEN    | always (GREEN: to the community, which a partner agency is)                          |
/// | TLP:AMBER(+STRICT)  | only with the provider's permission (the recipient is another organisation)         |
/// | TLP:RED             | never: it is for its named recipients only, never another organisation              |
///
/// "The provider" is the provider of the item's source. Conditions travel with the items in the package.
public enum SharingRules {
    public static func decide(handling: HandlingCode?, provider: String?, terms: ShareTerms) -> SharingDecision {
        if let missing = terms.missing { return .refused("the share names no \(missing)") }
        guard let h = handling else { return .allowed }
        let providerName = provider.map { "provider \($0)" } ?? "the provider (unknown: the item has no source)"
        let crimePurpose = terms.purposeKind == .crime || terms.purposeKind == .judicial
        switch (h.scheme, h.code) {
        case (.europol, let code):
            guard crimePurpose else {
                return .refused("\(code): only for preventing and combating crime, and the purpose is \(terms.purposeKind.rawValue)")
            }
            switch code {
            case "H1" where terms.purposeKind == .judicial && !terms.hasPermission(from: provider):
                return .refused("H1: use in judicial proceedings needs the permission of \(providerName), not recorded in the request")
            case "H2" where !terms.hasPermission(from: provider):
                return .refused("H2: dissemination needs the permission of \(providerName), not recorded in the request")
            case "H3" where !terms.conditionsAccepted:
                return .refused("H3: the recipient has not accepted the conditions (\(h.conditions.isEmpty ? "none stated" : h.conditions))")
            default:
                return .allowed
            }
        case (.uk3x5x2, "C"):
            return terms.conditionsAccepted ? .allowed
                : .refused("3x5x2:C: the recipient has not accepted the conditions (\(h.conditions.isEmpty ? "none stated" : h.conditions))")
        case (.uk3x5x2, _):
            return .allowed
        case (.tlp, "RED"):
            return .refused("TLP:RED: for its named recipients only, never to another organisation")
        case (.tlp, "AMBER"), (.tlp, "AMBER+STRICT"):
            return terms.hasPermission(from: provider) ? .allowed
                : .refused("TLP:\(h.code): beyond the recipient's organisation only with the permission of \(providerName)")
        case (.tlp, _):
            return .allowed
        }
    }
}

extension String {
    var shareTrimmed: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
