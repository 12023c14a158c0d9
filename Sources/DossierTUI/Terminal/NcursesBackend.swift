@preconcurrency import CNcursesw
import DossierRender

/// Draws canvases through ncurses, sending only the cells that changed since the previous frame.
public final class NcursesBackend: Backend {
    private let terminal: NcursesTerminal
    private var previous: Canvas?
    private var pairs: [PairKey: Int32] = [:]
    private var nextPair: Int32 = 1
    private let maxPairs: Int32

    private struct PairKey: Hashable { var fg: Int32; var bg: Int32 }

    public init(terminal: NcursesTerminal) {
        self.terminal = terminal
        maxPairs = terminal.depth == .none ? 0 : dossier_color_pairs()
    }

    public var size: (width: Int, height: Int) { terminal.size }

    /// Forgets the last frame (after a resize or when the screen may have been disturbed): the next draw sends all.
    public func invalidate() {
        previous = nil
        clearok(dossier_stdscr(), true)
    }

    public func draw(_ canvas: Canvas) {
        let window = dossier_stdscr()
        let indices: [Int]
        if let old = previous, old.width == canvas.width, old.height == canvas.height {
            indices = FrameDiff.changedCells(from: old, to: canvas)
        } else {
            werase(window)
            indices = Array(canvas.cells.indices)
        }
        var points = [UInt32](repeating: 0, count: 8)
        for index in indices {
            let cell = canvas.cells[index]
            if cell.isContinuation { continue }
            let y = Int32(index / canvas.width), x = Int32(index % canvas.width)
            var count = 0
            for scalar in cell.grapheme.unicodeScalars.prefix(5) {
                points[count] = scalar.value
                count += 1
            }
            if count == 0 { points[0] = 32; count = 1 }
            let glyphCount = Int32(count)
            let attributes = attributes(of: cell.style)
            let pair = pair(for: cell.style)
            _ = points.withUnsafeBufferPointer { buffer in
                dossier_put_cell(window, y, x, buffer.baseAddress, glyphCount, attributes, pair)
            }
        }
        wnoutrefresh(window)
        doupdate()
        previous = canvas
    }

    private func attributes(of style: CellStyle) -> attr_t {
        var a = dossier_a_normal()
        if style.bold { a |= dossier_a_bold() }
        if style.dim { a |= dossier_a_dim() }
        if style.underline { a |= dossier_a_underline() }
        if style.reverse { a |= dossier_a_reverse() }
        return a
    }

    private func number(for color: TerminalColor) -> Int32 {
        switch color {
        case .default:
            return -1
        case .indexed(let i):
            return Int32(ColorMapper.mapIndex(Int(i), depth: terminal.depth))
        case .rgb(let r, let g, let b):
            return Int32(ColorMapper.mapRGB(r: Int(r), g: Int(g), b: Int(b), depth: terminal.depth))
        }
    }

    /// An extended colour pair for the style's colours, allocated on first use (COLOR_PAIR truncates above 255).
    private func pair(for style: CellStyle) -> Int32 {
        guard maxPairs > 0, style.fg != .default || style.bg != .default else { return 0 }
        let key = PairKey(fg: number(for: style.fg), bg: number(for: style.bg))
        if let p = pairs[key] { return p }
        guard nextPair < maxPairs else { return 0 }
        let p = nextPair
        guard init_extended_pair(p, key.fg, key.bg) != dossier_err() else { return 0 }
        nextPair += 1
        pairs[key] = p
        return p
    }
}
