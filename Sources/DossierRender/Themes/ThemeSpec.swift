import TOMLKit

/// A theme file as written: per role, colour fallback lists and attributes, before resolving for a terminal.
public struct ThemeSpec: Hashable, Sendable {
    public struct Style: Hashable, Sendable {
        public var fg: [ColorValue] = []
        public var bg: [ColorValue] = []
        public var bold = false, dim = false, underline = false, reverse = false
        public init() {}
    }

    public var name: String
    public var description: String
    public var roles: [ThemeRole: Style]

    /// Whether any role names a colour (the monochrome theme names none).
    public var hasColors: Bool { roles.values.contains { !$0.fg.isEmpty || !$0.bg.isEmpty } }

    /// Resolves every colour against what the terminal supports. Roles without a background get the `text`
    /// role's background so text drawn in any role sits on the theme's canvas colour.
    public func resolved(for capability: ColorCapability) -> Theme {
        func pick(_ list: [ColorValue]) -> TerminalColor {
            guard capability != .none, let first = list.first else { return .default }
            let chosen = list.first { $0.isNative(for: capability) } ?? first
            return chosen.terminalColor(for: capability)
        }
        let canvasBG = pick(roles[.text]?.bg ?? [])
        var styles: [ThemeRole: CellStyle] = [:]
        for (role, s) in roles {
            let bg = pick(s.bg)
            styles[role] = CellStyle(fg: pick(s.fg), bg: bg == .default ? canvasBG : bg, bold: s.bold, dim: s.dim,
                                     underline: s.underline, reverse: s.reverse)
        }
        return Theme(name: name, description: description, capability: capability, styles: styles)
    }

    /// Parses a theme file. Errors name the file, the line and the key.
    public static func parse(_ text: String, file: String) throws(ThemeError) -> ThemeSpec {
        let locator = LineLocator(text: text)
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw ThemeError(file: file, line: e.source.begin.line, key: nil, message: e.description)
        } catch {
            throw ThemeError(file: file, line: nil, key: nil, message: "\(error)")
        }
        func fail(_ section: String?, _ key: String, _ message: String) -> ThemeError {
            let full = section.map { "\($0).\(key)" } ?? key
            return ThemeError(file: file, line: locator.line(section: section, key: key), key: full, message: message)
        }
        var spec = ThemeSpec(name: "", description: "", roles: [:])
        for key in table.keys.sorted() {
            guard let value = table[key] else { continue }
            switch key {
            case "name", "description":
                guard let s = value.string else { throw fail(nil, key, "must be a string") }
                if key == "name" { spec.name = s } else { spec.description = s }
            case "entity", "grade", "timeline", "chart":
                guard let sub = value.table else { throw fail(nil, key, "must be a table of roles") }
                for subKey in sub.keys.sorted() {
                    let allowed = ThemeRole.tableKeys[key]
                    if let allowed, !allowed.contains(subKey) {
                        throw fail(key, subKey, "unknown role (known: \(allowed.sorted().joined(separator: ", ")))")
                    }
                    guard let v = sub[subKey] else { continue }
                    let roleKey = key == "entity" ? subKey.lowercased() : subKey
                    spec.roles[ThemeRole(key + "." + roleKey)] = try parseStyle(v, section: key, key: subKey, fail: fail)
                }
            default:
                guard ThemeRole.plainRoles.contains(ThemeRole(key)) else {
                    let known = ThemeRole.plainRoles.map(\.rawValue).joined(separator: ", ")
                    throw fail(nil, key, "unknown role (known: \(known); tables: entity, grade, timeline, chart)")
                }
                spec.roles[ThemeRole(key)] = try parseStyle(value, section: nil, key: key, fail: fail)
            }
        }
        if spec.name.isEmpty { spec.name = file }
        return spec
    }

    private static func parseStyle(_ value: any TOMLValueConvertible, section: String?, key: String,
                                   fail: (String?, String, String) -> ThemeError) throws(ThemeError) -> Style {
        guard let t = value.table else {
            throw fail(section, key, "must be a table such as { fg = [\"#d8dee9\", 253, \"white\"], bold = true }")
        }
        var s = Style()
        for field in t.keys.sorted() {
            guard let v = t[field] else { continue }
            switch field {
            case "fg", "bg":
                let list = try parseColors(v, section: section, key: key, field: field, fail: fail)
                if field == "fg" { s.fg = list } else { s.bg = list }
            case "bold", "dim", "underline", "reverse":
                guard let b = v.bool else { throw fail(section, key, "\(field) must be true or false") }
                switch field {
                case "bold": s.bold = b
                case "dim": s.dim = b
                case "underline": s.underline = b
                default: s.reverse = b
                }
            default:
                throw fail(section, key, "unknown field \"\(field)\" (use fg, bg, bold, dim, underline, reverse)")
            }
        }
        return s
    }

    private static func parseColors(_ value: any TOMLValueConvertible, section: String?, key: String, field: String,
                                    fail: (String?, String, String) -> ThemeError) throws(ThemeError) -> [ColorValue] {
        var items: [any TOMLValueConvertible] = []
        if let array = value.array {
            for element in array { items.append(element) }
        } else {
            items = [value]
        }
        var out: [ColorValue] = []
        for item in items {
            if let i = item.int {
                guard (0...255).contains(i) else { throw fail(section, key, "\(field): colour index \(i) is not 0-255") }
                out.append(.index(UInt8(i)))
            } else if let s = item.string, let c = ColorValue(parsing: s) {
                out.append(c)
            } else {
                throw fail(section, key, "\(field): \(item.debugDescription) is not a colour "
                    + "(use \"#RRGGBB\", a 256-colour index 0-255, or a name such as \"red\" or \"bright-red\")")
            }
        }
        return out
    }
}

/// A theme file that could not be used, with where the problem is.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var key: String?
    public var message: String

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let key { s += ": \(key)" }
        return s + ": " + message
    }
}

/// Finds the line of `key` within `[section]` (or the top level) of a TOML text, for error messages.
struct LineLocator {
    let lines: [Substring]
    init(text: String) { lines = text.split(separator: "\n", omittingEmptySubsequences: false) }

    func line(section: String?, key: String) -> Int? {
        var current: String? = nil
        var sectionLine: Int? = nil
        for (i, raw) in lines.enumerated() {
            let l = raw.drop { $0 == " " || $0 == "\t" }
            if l.hasPrefix("[") {
                current = String(l.dropFirst().prefix { $0 != "]" }).trimmedOf(" \t")
                if current == section { sectionLine = i + 1 }
                continue
            }
            guard current == section, l.hasPrefix(key) else { continue }
            let rest = l.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }
            if rest.hasPrefix("=") { return i + 1 }
        }
        return sectionLine
    }
}

private extension String {
    func trimmedOf(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
