/// Fitting text into a number of columns by display width.
public enum TextFit {
    /// `text` cut to at most `width` columns; when cut, the end is replaced by `ellipsis` (which must fit).
    /// Never splits a grapheme cluster; a wide character that would straddle the limit is dropped.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        let ew = DisplayWidth.of(ellipsis)
        guard ew <= width else { return prefix(text, width: width) }
        return prefix(text, width: width - ew) + ellipsis
    }

    /// The longest prefix of `text` that fits in `width` columns.
    public static func prefix(_ text: String, width: Int) -> String {
        var used = 0
        var out = ""
        for c in text {
            let w = DisplayWidth.of(c)
            if used + w > width { break }
            used += w
            out.append(c)
        }
        return out
    }

    /// `text` truncated to `width` and padded with spaces to exactly `width` columns.
    public static func pad(_ text: String, to width: Int, alignRight: Bool = false, ellipsis: String = "…") -> String {
        let t = truncate(text, to: width, ellipsis: ellipsis)
        let gap = String(repeating: " ", count: max(0, width - DisplayWidth.of(t)))
        return alignRight ? gap + t : t + gap
    }
}
