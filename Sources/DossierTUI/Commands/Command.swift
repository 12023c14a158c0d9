/// Where a command applies: everywhere, or only while a pane (or sheet) has the focus.
public enum CommandScope: String, Hashable, Sendable, CaseIterable, Comparable {
    case global, cases, items, detail, timeline, chart, results, entity, review

    public static func < (a: CommandScope, b: CommandScope) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The heading of this scope in the help screen.
    public var title: String {
        switch self {
        case .global: "Everywhere"
        case .cases: "Cases pane"
        case .items: "Items pane"
        case .detail: "Detail pane"
        case .timeline: "Timeline pane"
        case .chart: "Link chart pane"
        case .results: "Results pane"
        case .entity: "Entity view"
        case .review: "Entity-resolution review"
        }
    }
}

/// A named action of the workbench (VisiData's addCommand): registered once, bound to keys separately, and listed by
/// the help screen, the footer, the `:` command line and the palette from this one declaration.
public struct CommandSpec: Sendable, Hashable {
    /// A stable id such as `timeline.zoomIn`; key bindings and scripted sessions name commands by it.
    public var id: String
    /// A few words for the footer and the palette ("zoom in").
    public var title: String
    /// One sentence for the help screen.
    public var help: String
    public var scope: CommandScope
    /// Whether the footer shows this command's key while its scope is active.
    public var inFooter: Bool
    /// The words the `:` command line also accepts for it, as on the CLI (`path`, `centrality`, `theme`).
    public var verbs: [String]
    /// How its arguments are written, for help and completion ("A B", "betweenness|degree").
    public var usage: String

    public init(_ id: String, _ title: String, help: String, scope: CommandScope, inFooter: Bool = false,
                verbs: [String] = [], usage: String = "") {
        self.id = id
        self.title = title
        self.help = help
        self.scope = scope
        self.inFooter = inFooter
        self.verbs = verbs
        self.usage = usage
    }
}

/// A failure of a command the analyst ran: shown in the status line, never a crash.
public struct CommandError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
