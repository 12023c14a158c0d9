import DossierModel

/// The kinds of event a timeline tells apart, each with its own glyph on the lanes (and in the legend).
/// Other event kinds of the open vocabulary are drawn as `.other` (the plain event mark).
public enum TimelineEventKind: UInt8, CaseIterable, Sendable {
    case other, call, message, transaction, travel, sighting, seizure, arrest, login, meeting

    public init(_ kind: EventKind) {
        switch kind {
        case .call: self = .call
        case .message: self = .message
        case .transaction, .sale: self = .transaction
        case .travel: self = .travel
        case .sighting: self = .sighting
        case .seizure: self = .seizure
        case .arrest: self = .arrest
        case .login: self = .login
        case .meeting: self = .meeting
        default: self = .other
        }
    }

    /// The legend's word for the kind.
    public var name: String {
        switch self {
        case .other: "event"
        case .call: "call"
        case .message: "message"
        case .transaction: "transaction"
        case .travel: "travel"
        case .sighting: "sighting"
        case .seizure: "seizure"
        case .arrest: "arrest"
        case .login: "login"
        case .meeting: "meeting"
        }
    }

    /// One column wide in both sets. Unicode glyphs are text-presentation symbols; ASCII glyphs avoid the characters
    /// the lanes already use (`o` event, digits for counts, `. : #` shades, `[ = ]` spans, `v ^ | - +` lines).
    public func glyph(_ glyphs: GlyphSet) -> String {
        if self == .other { return glyphs.eventMark }
        let pair: (String, String)
        switch self {
        case .other: pair = ("●", "o")
        case .call: pair = ("☎", "c")
        case .message: pair = ("✉", "m")
        case .transaction: pair = ("¤", "$")
        case .travel: pair = ("✈", "t")
        case .sighting: pair = ("◉", "s")
        case .seizure: pair = ("⊗", "x")
        case .arrest: pair = ("⊠", "a")
        case .login: pair = ("⌨", "l")
        case .meeting: pair = ("⋈", "&")
        }
        return glyphs.isASCII ? pair.1 : pair.0
    }
}
