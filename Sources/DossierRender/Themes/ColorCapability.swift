import Foundation

/// What colours a terminal can show.
public enum ColorCapability: String, Sendable, CaseIterable, Comparable {
    case none, ansi8 = "8", ansi16 = "16", palette256 = "256", truecolor

    public static func < (a: ColorCapability, b: ColorCapability) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// From the number of colours the terminal reports (ncurses `COLORS`) and whether it takes 24-bit colour.
    public init(colorCount: Int, directColor: Bool = false) {
        if directColor { self = .truecolor } else if colorCount >= 256 { self = .palette256 } else if colorCount >= 16 {
            self = .ansi16
        } else if colorCount >= 8 { self = .ansi8 } else { self = .none }
    }

    /// A guess from the environment: COLORTERM=truecolor|24bit, TERM=*-256color, *-16color, dumb.
    public static func detect(environment env: [String: String]) -> ColorCapability {
        let colorTerm = (env["COLORTERM"] ?? "").lowercased()
        if colorTerm == "truecolor" || colorTerm == "24bit" { return .truecolor }
        let term = (env["TERM"] ?? "").lowercased()
        if term.isEmpty || term == "dumb" { return .none }
        if term.contains("256color") || term.contains("direct") { return .palette256 }
        if term.contains("16color") { return .ansi16 }
        return .ansi8
    }
}

/// One entry of a theme colour's fallback list.
public enum ColorValue: Hashable, Sendable, CustomStringConvertible {
    case rgb(UInt8, UInt8, UInt8)
    /// An xterm-256 palette index.
    case index(UInt8)
    /// One of the 16 named colours: 0-7 black...white, 8-15 bright-black...bright-white.
    case named(UInt8)

    public static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses "#RRGGBB", a colour name ("red", "bright-red"); integers are passed as `index`.
    public init?(parsing text: String) {
        let t = text.lowercased()
        if t.hasPrefix("#") {
            let hex = t.dropFirst()
            guard hex.count == 6, let v = UInt32(hex, radix: 16) else { return nil }
            self = .rgb(UInt8(v >> 16), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
        } else if let i = ColorValue.names.firstIndex(of: t) {
            self = .named(UInt8(i))
        } else if t.hasPrefix("bright-"), let i = ColorValue.names.firstIndex(of: String(t.dropFirst(7))) {
            self = .named(UInt8(i + 8))
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .rgb(let r, let g, let b):
            return "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        case .index(let i): return String(i)
        case .named(let n): return n < 8 ? ColorValue.names[Int(n)] : "bright-" + ColorValue.names[Int(n) - 8]
        }
    }

    /// Whether a terminal with `capability` shows this value as given.
    func isNative(for capability: ColorCapability) -> Bool {
        switch (self, capability) {
        case (_, .none): return false
        case (_, .truecolor): return true
        case (.rgb, _): return false
        case (.index, .palette256), (.named, .palette256): return true
        case (.index(let i), .ansi16), (.named(let i), .ansi16): return i < 16
        case (.index(let i), .ansi8), (.named(let i), .ansi8): return i < 8
        }
    }

    /// The terminal colour for `capability`: exact when native, else the nearest the terminal has.
    func terminalColor(for capability: ColorCapability) -> TerminalColor {
        switch self {
        case .rgb(let r, let g, let b):
            switch capability {
            case .none: return .default
            case .truecolor: return .rgb(r, g, b)
            case .palette256: return .indexed(XtermPalette.nearest(r, g, b, in: 16..<256))
            case .ansi16: return .indexed(XtermPalette.nearest(r, g, b, in: 0..<16))
            case .ansi8: return .indexed(XtermPalette.nearest(r, g, b, in: 0..<8))
            }
        case .index(let i), .named(let i):
            if isNative(for: capability) { return .indexed(i) }
            if capability == .none { return .default }
            let (r, g, b) = XtermPalette.rgb(i)
            return .indexed(XtermPalette.nearest(r, g, b, in: capability == .ansi16 ? 0..<16 : 0..<8))
        }
    }

    /// The 24-bit colour this value stands for (xterm's default palette for indices and names).
    public var rgb: (UInt8, UInt8, UInt8) {
        switch self {
        case .rgb(let r, let g, let b): return (r, g, b)
        case .index(let i), .named(let i): return XtermPalette.rgb(i)
        }
    }
}

/// xterm's default 256-colour palette.
enum XtermPalette {
    static let basic: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
        (255, 255, 255),
    ]
    static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    static func rgb(_ i: UInt8) -> (UInt8, UInt8, UInt8) {
        if i < 16 { return basic[Int(i)] }
        if i < 232 {
            let k = Int(i) - 16
            return (cubeLevels[k / 36], cubeLevels[(k / 6) % 6], cubeLevels[k % 6])
        }
        let v = UInt8(8 + 10 * (Int(i) - 232))
        return (v, v, v)
    }

    /// The palette index in `range` closest to (r, g, b) by squared RGB distance (lowest index on ties).
    static func nearest(_ r: UInt8, _ g: UInt8, _ b: UInt8, in range: Range<Int>) -> UInt8 {
        var best = range.lowerBound, bestD = Int.max
        for i in range {
            let (pr, pg, pb) = rgb(UInt8(i))
            let dr = Int(pr) - Int(r), dg = Int(pg) - Int(g), db = Int(pb) - Int(b)
            let d = dr * dr + dg * dg + db * db
            if d < bestD { best = i; bestD = d }
        }
        return UInt8(best)
    }
}

/// WCAG 2 relative luminance and contrast ratio.
public enum Contrast {
    public static func relativeLuminance(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Double {
        func channel(_ c: UInt8) -> Double {
            let s = Double(c) / 255
            return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    /// (L1 + 0.05) / (L2 + 0.05) with L1 the lighter colour: 1 ... 21.
    public static func ratio(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Double {
        let la = relativeLuminance(a.0, a.1, a.2), lb = relativeLuminance(b.0, b.1, b.2)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }
}
