/// Every command of the workbench with its action. The order of registration is the order of help and palette.
public struct CommandRegistry<Context> {
    public typealias Action = (Context, [String]) throws -> Void

    public private(set) var specs: [CommandSpec] = []
    private var actions: [String: Action] = [:]
    private var byVerb: [String: String] = [:]

    public init() {}

    /// Registers a command; a second registration of the same id is a programming error caught by the tests.
    public mutating func register(_ spec: CommandSpec, _ action: @escaping Action) {
        precondition(actions[spec.id] == nil, "command \(spec.id) registered twice")
        specs.append(spec)
        actions[spec.id] = action
        for verb in spec.verbs { byVerb[verb] = spec.id }
    }

    public func spec(_ id: String) -> CommandSpec? { specs.first { $0.id == id } }

    public func action(_ id: String) -> Action? { actions[id] }

    /// The command a `:` word names: an id (`chart.zoomIn`) or a CLI verb (`path`).
    public func resolve(_ word: String) -> CommandSpec? {
        if let id = byVerb[word] ?? (actions[word] != nil ? word : nil) { return spec(id) }
        return nil
    }

    /// Words that complete `prefix` on the command line: verbs first, then ids, each once, sorted.
    public func completions(_ prefix: String) -> [String] {
        let verbs = byVerb.keys.filter { $0.hasPrefix(prefix) }.sorted()
        let ids = specs.map(\.id).filter { $0.hasPrefix(prefix) }.sorted()
        var seen = Set<String>()
        return (verbs + ids).filter { seen.insert($0).inserted }
    }

    /// Commands whose id, title or verbs contain every word of `query` (the palette's fuzzy-enough match).
    public func matching(_ query: String) -> [CommandSpec] {
        let words = query.lowercased().split(separator: " ").map(String.init)
        guard !words.isEmpty else { return specs }
        return specs.filter { spec in
            let hay = ([spec.id, spec.title] + spec.verbs).joined(separator: " ").lowercased()
            return words.allSatisfy { hay.contains($0) }
        }
    }
}
