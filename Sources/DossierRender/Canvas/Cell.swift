/// One terminal cell: a grapheme cluster, the columns it takes, and its style.
///
/// A wide grapheme (CJK, emoji) occupies its cell with `width == 2`; the cell to its right is a
/// *continuation* cell (`width == 0`, empty grapheme) that terminal backends skip when flushing.
public struct Cell: Hashable, Sendable {
    /// The grapheme cluster drawn here; "" for a continuation cell.
    public var grapheme: String
    /// 1 for a normal cell, 2 for the left half of a wide grapheme, 0 for a continuation cell.
    public var width: UInt8
    public var style: CellStyle

    public init(_ grapheme: String, width: UInt8 = 1, style: CellStyle = .plain) {
        self.grapheme = grapheme
        self.width = width
        self.style = style
    }

    public static let blank = Cell(" ")

    /// The right half of a wide grapheme.
    public static func continuation(style: CellStyle) -> Cell { Cell("", width: 0, style: style) }

    public var isContinuation: Bool { width == 0 }
}
