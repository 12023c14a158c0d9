import DossierExchange
#if canImport(Glibc)
import Glibc
#endif

/// The import progress line on stderr (only on a terminal): rows, rows per second and time left.
final class ProgressLine {
    private let enabled: Bool
    private let start: Double
    private var last: Double = 0
    private var shown = false

    init() {
        enabled = isatty(2) == 1
        start = ProgressLine.now()
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    func update(_ p: ImportProgress) {
        guard enabled else { return }
        let t = ProgressLine.now()
        guard t - last >= 0.2 else { return }
        last = t
        let elapsed = max(t - start, 1e-3)
        let rate = Double(p.rows) / elapsed
        var left = ""
        if p.totalBytes > 0, p.bytesRead > 0 {
            let remaining = elapsed * Double(p.totalBytes - min(p.bytesRead, p.totalBytes)) / Double(p.bytesRead)
            left = ", \(Int(remaining / 60)):\(pad(Int(remaining) % 60)) left"
        }
        writeStandardError("\r\u{1B}[K\(p.rows) rows, \(Int(rate)) rows/s\(left)")
        shown = true
    }

    func finish() {
        if shown { writeStandardError("\r\u{1B}[K") }
    }

    private func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
