import ArgumentParser
import DossierModel
import DossierRender
import Foundation

/// Options shared by the drawing commands: output width, ASCII glyphs, display time zone.
struct DrawingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Output width in columns (default: $COLUMNS, else 100).", valueName: "n"))
    var width: Int?

    @Flag(help: "ASCII only (+ - | and > arrows) for terminals and files without UTF-8.")
    var ascii = false

    @Option(help: ArgumentHelp("Time zone for the time axis: UTC, +02:00, -05:30 (default UTC).", valueName: "offset"))
    var tz: String?

    var glyphs: GlyphSet { ascii ? .ascii : .unicode }

    func resolvedWidth() throws -> Int {
        if let width {
            guard (20...1000).contains(width) else { throw CLIFailure("--width \(width): must be 20-1000", exitCode: 2) }
            return width
        }
        if let env = ProcessInfo.processInfo.environment["COLUMNS"], let w = Int(env), (20...1000).contains(w) { return w }
        return 100
    }

    func offsetMinutes() throws -> Int {
        guard let tz, !tz.isEmpty, tz.uppercased() != "UTC", tz.uppercased() != "Z" else { return 0 }
        var s = Substring(tz.uppercased().hasPrefix("UTC") ? String(tz.dropFirst(3)) : tz)
        guard let sign = s.first, sign == "+" || sign == "-" else { throw badTZ() }
        s = s.dropFirst()
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let h = Int(parts[0]), h >= 0, h <= 14 else { throw badTZ() }
        var m = 0
        if parts.count == 2 {
            guard let mm = Int(parts[1]), (0..<60).contains(mm) else { throw badTZ() }
            m = mm
        }
        return (sign == "-" ? -1 : 1) * (h * 60 + m)
    }

    private func badTZ() -> CLIFailure {
        CLIFailure("--tz \"\(tz ?? "")\": expected UTC or an offset such as +02:00 or -05:30", exitCode: 2)
    }
}
