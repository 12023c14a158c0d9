import DossierModel

/// A semantic role a theme gives a style to: "text", "pane-border", "entity.person", "grade.A", "timeline.lane".
/// Code asks for roles, never for colours; themes decide what each role looks like.
public struct ThemeRole: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: ThemeRole, b: ThemeRole) -> Bool { a.rawValue < b.rawValue }

    // Panes and text. `text` also carries the background colour every other role is drawn on.
    public static let text = ThemeRole("text")
    public static let muted = ThemeRole("muted")
    public static let title = ThemeRole("title")
    public static let paneBorder = ThemeRole("pane-border")
    public static let focusedBorder = ThemeRole("focused-border")
    public static let selection = ThemeRole("selection")
    public static let header = ThemeRole("header")
    public static let statusLine = ThemeRole("status-line")
    public static let key = ThemeRole("key")
    public static let tab = ThemeRole("tab")
    public static let tabActive = ThemeRole("tab-active")
    public static let warning = ThemeRole("warning")
    public static let alert = ThemeRole("alert")
    public static let ok = ThemeRole("ok")

    // Timelines.
    public static let timelineAxis = ThemeRole("timeline.axis")
    public static let timelineLane = ThemeRole("timeline.lane")
    public static let timelineLaneRule = ThemeRole("timeline.lane-rule")
    public static let timelineLabel = ThemeRole("timeline.label")
    public static let timelineEvent = ThemeRole("timeline.event")
    public static let timelineSpan = ThemeRole("timeline.span")
    public static let timelineConnector = ThemeRole("timeline.connector")
    public static let timelineDensity = ThemeRole("timeline.density")
    public static let timelineHistogram = ThemeRole("timeline.histogram")

    // Link charts.
    public static let chartNode = ThemeRole("chart.node")
    public static let chartEdge = ThemeRole("chart.edge")
    public static let chartEdgeLabel = ThemeRole("chart.edge-label")
    public static let chartFocus = ThemeRole("chart.focus")

    /// The role for entities of `kind` ("entity.person"); kinds a theme does not name fall back to "entity.other".
    public static func entity(_ kind: EntityKind) -> ThemeRole { ThemeRole("entity." + kind.rawValue) }
    public static let entityOther = ThemeRole("entity.other")

    /// The role for Admiralty source reliability A-F ("grade.A").
    public static func grade(_ reliability: SourceReliability) -> ThemeRole {
        ThemeRole("grade." + reliability.rawValue.uppercased())
    }

    static let plainRoles: [ThemeRole] = [
        .text, .muted, .title, .paneBorder, .focusedBorder, .selection, .header, .statusLine, .key, .tab, .tabActive,
        .warning, .alert, .ok,
    ]
    /// Keys allowed in each `[table]` of a theme file (entity kinds are open: any key is accepted).
    static let tableKeys: [String: Set<String>] = [
        "grade": ["A", "B", "C", "D", "E", "F"],
        "timeline": ["axis", "lane", "lane-rule", "label", "event", "span", "connector", "density", "histogram"],
        "chart": ["node", "edge", "edge-label", "focus"],
    ]

    /// Where to look when a theme does not define this role.
    var fallback: ThemeRole? {
        switch rawValue {
        case "text": return nil
        case "focused-border": return .paneBorder
        case "tab-active": return .title
        case "entity.other": return .text
        case "timeline.span": return .timelineEvent
        case "timeline.lane-rule", "timeline.axis", "timeline.label", "chart.edge", "chart.edge-label": return .muted
        default:
            if rawValue.hasPrefix("entity.") { return .entityOther }
            return .text
        }
    }
}
