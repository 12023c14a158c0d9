/// One key press, decoded from the terminal (or written in a key binding such as "ctrl-p" or "shift-tab").
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character, as typed (upper case keeps its case).
    case char(Character)
    /// Control plus a letter ("ctrl-p"); the character is lower case.
    case ctrl(Character)
    case enter, escape, tab, backTab, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
    /// The terminal changed size.
    case resize

    /// The canonical spelling used in config files, help and the footer: "a", "A", "?", "space", "ctrl-p", "shift-tab".
    public var description: String {
        switch self {
        case .char(" "): "space"
        case .char(let c): String(c)
        case .ctrl(let c): "ctrl-\(c)"
        case .enter: "enter"
        case .escape: "esc"
        case .tab: "tab"
        case .backTab: "shift-tab"
        case .backspace: "backspace"
        case .delete: "delete"
        case .insert: "insert"
        case .up: "up"
        case .down: "down"
        case .left: "left"
        case .right: "right"
        case .home: "home"
        case .end: "end"
        case .pageUp: "pgup"
        case .pageDown: "pgdn"
        case .function(let n): "f\(n)"
        case .resize: "resize"
        }
    }

    /// A short label for the footer: arrows and enter as glyphs where that reads better.
    public var label: String {
        switch self {
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .ctrl(let c): "^\(c.uppercased())"
        case .enter: "⏎"
        default: description
        }
    }

    /// An ASCII-only label for terminals without UTF-8.
    public var asciiLabel: String {
        switch self {
        case .ctrl(let c): "^\(c.uppercased())"
        default: description
        }
    }

    /// Parses a binding as written in config.toml; nil when it names no key.
    public init?(spec raw: String) {
        let spec = raw.trimmedSpaces
        guard !spec.isEmpty else { return nil }
        if spec.count == 1, let c = spec.first {
            self = .char(c)
            return
        }
        let lower = spec.lowercased()
        let named: [String: Key] = [
            "space": .char(" "), "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape, "tab": .tab,
            "shift-tab": .backTab, "s-tab": .backTab, "backtab": .backTab, "backspace": .backspace, "bs": .backspace,
            "delete": .delete, "del": .delete, "insert": .insert, "ins": .insert, "up": .up, "down": .down,
            "left": .left, "right": .right, "home": .home, "end": .end, "pgup": .pageUp, "pageup": .pageUp,
            "pgdn": .pageDown, "pagedown": .pageDown, "minus": .char("-"), "plus": .char("+"),
        ]
        if let key = named[lower] {
            self = key
            return
        }
        for prefix in ["ctrl-", "c-", "^"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            if rest.count == 1, let c = rest.first, c.isASCII, c.isLetter {
                self = .ctrl(c)
                return
            }
            return nil
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n) {
            self = .function(n)
            return
        }
        return nil
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    var trimmedSpaces: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}
