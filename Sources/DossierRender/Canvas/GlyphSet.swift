/// The characters used for lines, boxes, arrows and bars: Unicode box drawing, or plain ASCII for terminals
/// without UTF-8. Widgets, charts and timelines take a `GlyphSet` and never hard-code line characters.
public struct GlyphSet: Hashable, Sendable {
    /// Box corners and sides.
    public struct Box: Hashable, Sendable {
        public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String
        public init(horizontal: String, vertical: String, topLeft: String, topRight: String, bottomLeft: String,
                    bottomRight: String) {
            self.horizontal = horizontal
            self.vertical = vertical
            self.topLeft = topLeft
            self.topRight = topRight
            self.bottomLeft = bottomLeft
            self.bottomRight = bottomRight
        }
    }

    public var isASCII: Bool
    /// Normal pane and node boxes.
    public var box: Box
    /// The focused pane's box (heavy lines in Unicode, same as `box` in ASCII).
    public var focusedBox: Box
    /// Arrowheads pointing right, left, up and down.
    public var arrowRight, arrowLeft, arrowUp, arrowDown: String
    /// Ellipsis marking truncated text.
    public var ellipsis: String
    /// Eight bar heights for sparklines and histograms, lowest first.
    public var bars: [String]
    /// A full block for horizontal bars.
    public var fullBlock: String
    /// Marks a point event and a dense cluster on a timeline.
    public var eventMark, denseMark: String
    /// Light shade for density bands (low, medium, high).
    public var shades: [String]
    /// Sort indicators for table headers (ascending, descending).
    public var sortAscending, sortDescending: String
    /// The selection marker in lists.
    public var selectionMarker: String
    /// Whether braille dots (U+2800...) can be used for dense plots.
    public var hasBraille: Bool
    /// A time span on a timeline lane: its first cell, the cells between, its last cell.
    public var spanStart, spanFill, spanEnd: String

    /// Junction glyph where lines meet from the given directions (junctions[mask], mask bits: up 1, down 2,
    /// left 4, right 8). Index 0 is a space.
    public var junctions: [String]

    public func junction(up: Bool, down: Bool, left: Bool, right: Bool) -> String {
        junctions[(up ? 1 : 0) | (down ? 2 : 0) | (left ? 4 : 0) | (right ? 8 : 0)]
    }

    public static let unicode = GlyphSet(
        isASCII: false,
        box: Box(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘"),
        focusedBox: Box(horizontal: "━", vertical: "┃", topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛"),
        arrowRight: "▶", arrowLeft: "◀", arrowUp: "▲", arrowDown: "▼",
        ellipsis: "…",
        bars: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        fullBlock: "█",
        eventMark: "●", denseMark: "◆",
        shades: ["░", "▒", "▓"],
        sortAscending: "▲", sortDescending: "▼",
        selectionMarker: "▌",
        hasBraille: true,
        spanStart: "┣", spanFill: "━", spanEnd: "┫",
        //          none up   down  u+d  left  l+u  l+d  l+u+d right r+u  r+d  r+u+d l+r  l+r+u l+r+d all
        junctions: [" ", "│", "│", "│", "─", "┘", "┐", "┤", "─", "└", "┌", "├", "─", "┴", "┬", "┼"]
    )

    public static let ascii = GlyphSet(
        isASCII: true,
        box: Box(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+"),
        focusedBox: Box(horizontal: "=", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+"),
        arrowRight: ">", arrowLeft: "<", arrowUp: "^", arrowDown: "v",
        ellipsis: "~",
        bars: [".", ".", ":", ":", "|", "|", "#", "#"],
        fullBlock: "#",
        eventMark: "o", denseMark: "*",
        shades: [".", ":", "#"],
        sortAscending: "^", sortDescending: "v",
        selectionMarker: ">",
        hasBraille: false,
        spanStart: "[", spanFill: "=", spanEnd: "]",
        junctions: [" ", "|", "|", "|", "-", "+", "+", "+", "-", "+", "+", "+", "-", "+", "+", "+"]
    )
}
