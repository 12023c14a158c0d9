/// How many colours the terminal can show, decided once at start-up from terminfo, COLORTERM and NO_COLOR.
public enum ColorDepth: Sendable, Equatable, CustomStringConvertible {
    case none, eight, sixteen, indexed256
    /// 24-bit colour numbers (terminfo with direct colour, e.g. TERM=xterm-direct).
    case direct

    /// Chooses the depth: NO_COLOR wins; then what terminfo says the terminal has.
    public static func detect(hasColors: Bool, colors: Int, environment: [String: String]) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        guard hasColors else { return .none }
        if colors >= 0x100_0000 { return .direct }
        if colors >= 256 { return .indexed256 }
        if colors >= 16 { return .sixteen }
        if colors >= 8 { return .eight }
        return .none
    }

    public var description: String {
        switch self {
        case .none: "no colour"
        case .eight: "8 colours"
        case .sixteen: "16 colours"
        case .indexed256: "256 colours"
        case .direct: "true colour"
        }
    }

    var paletteSize: Int {
        switch self {
        case .none: 0
        case .eight: 8
        case .sixteen: 16
        case .indexed256: 256
        case .direct: 256
        }
    }
}

/// Maps colours to what the terminal has: an indexed colour it lacks, or an RGB colour on a terminal without direct
/// colour, becomes the nearest colour of its palette (xterm's default palette values).
public enum ColorMapper {
    /// The RGB value of an xterm palette index.
    public static func rgb(ofIndex index: Int) -> (Int, Int, Int) {
        let base: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
            (255, 255, 255),
        ]
        if index < 16 { return base[max(0, index)] }
        if index < 232 {
            let levels = [0, 95, 135, 175, 215, 255]
            let i = index - 16
            return (levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
        }
        let gray = 8 + 10 * (min(index, 255) - 232)
        return (gray, gray, gray)
    }

    /// The nearest palette index among the first `paletteSize` colours (squared distance weighted for the eye).
    public static func nearestIndex(r: Int, g: Int, b: Int, paletteSize: Int) -> Int {
        if paletteSize >= 256 {
            // Cube and grey ramp cover 16...255; computing both candidates beats scanning 256 entries.
            func level(_ v: Int) -> Int { v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40 }
            let cube = 16 + 36 * level(r) + 6 * level(g) + level(b)
            let average = (r + g + b) / 3
            let grayIndex = average > 238 ? 255 : 232 + max(0, (average - 3) / 10)
            return distance(rgb(ofIndex: cube), (r, g, b)) <= distance(rgb(ofIndex: min(grayIndex, 255)), (r, g, b))
                ? cube : min(grayIndex, 255)
        }
        var best = 0
        var bestDistance = Int.max
        for index in 0..<max(1, min(paletteSize, 16)) {
            let d = distance(rgb(ofIndex: index), (r, g, b))
            if d < bestDistance { best = index; bestDistance = d }
        }
        return best
    }

    /// The colour number to give ncurses for an indexed colour: itself when the terminal has it, else the nearest.
    public static func mapIndex(_ index: Int, depth: ColorDepth) -> Int {
        let (r, g, b) = rgb(ofIndex: index)
        // Direct-colour terminfo reads numbers from 8 up as 24-bit values, so palette colours go as RGB.
        if depth == .direct { return index < 8 ? index : (r << 16) | (g << 8) | b }
        if index < depth.paletteSize { return index }
        return nearestIndex(r: r, g: g, b: b, paletteSize: depth.paletteSize)
    }

    /// The colour number for an RGB colour: the direct value on direct-colour terminals, else the nearest index.
    public static func mapRGB(r: Int, g: Int, b: Int, depth: ColorDepth) -> Int {
        if depth == .direct { return (r << 16) | (g << 8) | b }
        return nearestIndex(r: r, g: g, b: b, paletteSize: depth.paletteSize)
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return 3 * dr * dr + 4 * dg * dg + 2 * db * db
    }
}
