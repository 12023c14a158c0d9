import DossierRender

/// Breaks text into lines of at most `width` display columns, at spaces where it can and inside a word only when a
/// word alone is too long; wide characters are never split.
enum WordWrap {
    static func lines(_ text: String, width: Int, maxLines: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        var current = ""
        var currentWidth = 0
        func flush() {
            out.append(current)
            current = ""
            currentWidth = 0
        }
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            var piece = String(word)
            var pieceWidth = DisplayWidth.of(piece)
            let gap = current.isEmpty ? 0 : 1
            if currentWidth + gap + pieceWidth <= width {
                current += (gap == 1 ? " " : "") + piece
                currentWidth += gap + pieceWidth
                continue
            }
            if !current.isEmpty { flush() }
            while pieceWidth > width {
                let head = TextFit.prefix(piece, width: width)
                guard !head.isEmpty else { break }
                out.append(head)
                piece = String(piece.dropFirst(head.count))
                pieceWidth = DisplayWidth.of(piece)
            }
            current = piece
            currentWidth = pieceWidth
            if out.count >= maxLines { break }
        }
        if !current.isEmpty || out.isEmpty { flush() }
        return Array(out.prefix(maxLines))
    }
}
