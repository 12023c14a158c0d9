import DossierRender

/// Where finished frames go: the terminal, or memory in tests (ratatui's Backend).
public protocol Backend: AnyObject {
    /// The drawable size in cells.
    var size: (width: Int, height: Int) { get }
    /// Shows `canvas`; a backend may send only the cells that changed since the last frame.
    func draw(_ canvas: Canvas)
}

/// Keeps the last frame in memory so tests can assert whole screens line by line.
public final class TestBackend: Backend {
    public var size: (width: Int, height: Int)
    public private(set) var frame: Canvas
    /// How many frames were drawn and how many cells the last one changed (what a terminal backend would send).
    public private(set) var frames = 0
    public private(set) var changedCells = 0

    public init(width: Int, height: Int) {
        size = (width, height)
        frame = Canvas(width: width, height: height)
    }

    public func draw(_ canvas: Canvas) {
        changedCells = FrameDiff.changedCells(from: frame, to: canvas).count
        frame = canvas
        frames += 1
    }

    /// The screen as text, one string per row.
    public var lines: [String] { frame.lines() }
}

/// The cells to send for a new frame: only those that differ from the previous one. A wide grapheme is sent from its
/// left half, whichever half changed.
public enum FrameDiff {
    public static func changedCells(from old: Canvas, to new: Canvas) -> [Int] {
        guard old.width == new.width, old.height == new.height else { return Array(new.cells.indices) }
        var out: [Int] = []
        let width = new.width
        old.cells.withUnsafeBufferPointer { a in
            new.cells.withUnsafeBufferPointer { b in
                var i = 0
                while i < b.count {
                    if a[i] != b[i] {
                        if b[i].isContinuation, i % width > 0 {
                            if out.last != i - 1 { out.append(i - 1) }
                        } else {
                            out.append(i)
                            // The old wide grapheme that covered the next cell is gone: redraw that cell too.
                            if b[i].width == 2 { i += 1 }
                        }
                    }
                    i += 1
                }
            }
        }
        return out
    }
}
