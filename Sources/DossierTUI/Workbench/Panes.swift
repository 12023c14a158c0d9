/// The panes of the main layout; number keys jump to them in this order.
public enum PaneID: String, CaseIterable, Sendable, Comparable {
    case cases, items, detail, timeline, chart, results

    public var number: Int { PaneID.allCases.firstIndex(of: self)! + 1 }

    public var title: String {
        switch self {
        case .cases: "Cases"
        case .items: "Items"
        case .detail: "Detail"
        case .timeline: "Timeline"
        case .chart: "Link chart"
        case .results: "Results"
        }
    }

    public var scope: CommandScope {
        switch self {
        case .cases: .cases
        case .items: .items
        case .detail: .detail
        case .timeline: .timeline
        case .chart: .chart
        case .results: .results
        }
    }

    public static func < (a: PaneID, b: PaneID) -> Bool { a.number < b.number }
}

/// A scrollable list position: the selected row and the first row shown.
public struct ListCursor: Sendable, Equatable {
    public var selected = 0
    public var top = 0

    public init() {}

    /// Moves the selection by `delta` rows, kept inside `count` rows.
    public mutating func move(_ delta: Int, count: Int) {
        guard count > 0 else { selected = 0; top = 0; return }
        selected = min(max(0, selected + delta), count - 1)
    }

    public mutating func clamp(count: Int) { move(0, count: count) }

    /// Scrolls so the selection is visible in `rows` rows.
    public mutating func scroll(rows: Int) {
        guard rows > 0 else { return }
        if selected < top { top = selected }
        if selected >= top + rows { top = selected - rows + 1 }
        top = max(0, top)
    }
}

/// A one-line text field for the command line, search, filter and prompts.
public struct TextField: Sendable, Equatable {
    public var text = ""
    public init(_ text: String = "") { self.text = text }

    /// Applies an editing key; false when the key is not an editing key.
    public mutating func edit(_ key: Key) -> Bool {
        switch key {
        case .char(let c):
            text.append(c)
        case .backspace:
            if !text.isEmpty { text.removeLast() }
        case .ctrl("u"):
            text = ""
        case .ctrl("w"):
            while text.last == " " { text.removeLast() }
            while let l = text.last, l != " " { text.removeLast() }
        default:
            return false
        }
        return true
    }
}
