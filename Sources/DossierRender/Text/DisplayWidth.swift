/// Terminal display width of text in columns, from Dossier's own Unicode tables (see WidthTables.swift).
///
/// Independent of the process locale: East Asian Wide/Fullwidth = 2, combining marks, ZWJ and variation
/// selectors = 0, emoji presentation = 2, ambiguous-width = 1. Measured per grapheme cluster (`Character`),
/// so "e\u{301}", "👩‍👩‍👧" and "🇩🇪" are one cell each and never split. Control characters count 1 because
/// `Canvas.put` draws them as a visible replacement (so untrusted text cannot inject escape sequences).
public enum DisplayWidth {
    /// Columns one grapheme cluster takes: 0, 1 or 2.
    @inlinable
    public static func of(_ c: Character) -> Int {
        if let a = c.asciiValue { return a >= 0x20 && a != 0x7F ? 1 : controlWidth }
        return clusterWidth(c.unicodeScalars)
    }

    /// Columns a string takes (sum over its grapheme clusters).
    public static func of(_ s: String) -> Int { of(Substring(s)) }

    public static func of(_ s: Substring) -> Int {
        var n = 0
        var allASCII = true
        for b in s.utf8 where b >= 0x80 || b < 0x20 || b == 0x7F {
            allASCII = false
            break
        }
        if allASCII { return s.utf8.count }
        for c in s { n += of(c) }
        return n
    }

    /// A control character is drawn as one replacement glyph.
    public static let controlWidth = 1

    /// Width of one scalar on its own: 0, 1 or 2.
    public static func of(scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v >= 0x20 ? 1 : controlWidth }
        if v < 0xA0 { return controlWidth }
        if v < 0x300 { return 1 }  // Latin-1 and Latin Extended: all narrow
        if isIn(v, WidthTables.zeroLow, WidthTables.zeroHigh) { return 0 }
        if isIn(v, WidthTables.wideLow, WidthTables.wideHigh) { return 2 }
        return 1
    }

    /// Whether the scalar is a control character that must not reach the terminal as is.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (v >= 0x7F && v < 0xA0)
    }

    @usableFromInline
    static func clusterWidth(_ scalars: Character.UnicodeScalarView) -> Int {
        var it = scalars.makeIterator()
        guard let first = it.next() else { return 0 }
        if isControl(first) { return controlWidth }
        var width = of(scalar: first)
        var hasZWJ = false
        var count = 1
        while let s = it.next() {
            count += 1
            switch s.value {
            case 0xFE0F:  // VS16 asks for emoji presentation: a narrow base such as "❤" becomes wide
                if count == 2 && isIn(first.value, WidthTables.vs16Low, WidthTables.vs16High) { width = 2 }
            case 0x200D:
                hasZWJ = true
            default:
                // A ZWJ sequence shows as one glyph as wide as its first part; otherwise marks add nothing
                // and Hangul L+V+T or regional-indicator pairs are capped at two columns below.
                if !hasZWJ { width += of(scalar: s) }
            }
        }
        return min(width, 2)
    }

    @usableFromInline
    static func isIn(_ v: UInt32, _ low: [UInt32], _ high: [UInt32]) -> Bool {
        var lo = 0, hi = low.count - 1
        if hi < 0 || v < low[0] || v > high[hi] { return false }
        while lo <= hi {
            let mid = (lo + hi) >> 1
            if v > high[mid] { lo = mid + 1 } else if v < low[mid] { hi = mid - 1 } else { return true }
        }
        return false
    }
}
