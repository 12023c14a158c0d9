import ArgumentParser
import DossierEngine
import DossierModel
import DossierStore

/// What the analysis commands share: a read-only workspace, entity lookup by id or name (or a phone/e-mail in any
/// format), the case filter, the resolution layer, and JSON for nodes.
struct AnalysisContext {
    let ws: Workspace
    let caseID: ItemID?
    let resolution: Resolution

    init(_ global: GlobalOptions, caseName: String?) throws {
        let ws = try global.openWorkspace(.readOnly)
        self.ws = ws
        caseID = try caseName.map { try ws.requireCase($0).meta.id }
        resolution = Resolution.build(from: ws, cache: ResultCache.shared)
    }

    func close() { ws.close() }

    /// An entity from an id, id prefix, exact name, or an identifier typed in any format; merged records give
    /// their canonical id.
    func entity(_ text: String) throws -> ItemID {
        if let id = ws.resolve(text), ws.entity(id) != nil { return resolution.canonical(id) }
        for scheme: IdentifierScheme in [.phone, .email, .iban, .ip] {
            guard let v = try? IdentifierNormalizer.normalize(text, scheme: scheme) else { continue }
            let found = ws.entities(withIdentifier: Identifier(scheme: scheme, normalized: v))
            if found.count == 1 { return resolution.canonical(found[0]) }
            if found.count > 1 {
                throw CLIFailure("\"\(text)\" is ambiguous: \(found.count) entities carry \(scheme.rawValue) \(v)")
            }
        }
        let id = try ws.require(text, what: "entity")
        guard ws.entity(id) != nil else { throw CLIFailure("\"\(text)\" is not an entity") }
        return resolution.canonical(id)
    }

    func graph(progress: AnalysisProgress? = nil) throws -> GraphView {
        try GraphView.build(from: ws, options: GraphOptions(caseID: caseID), resolution: resolution.isEmpty ? nil : resolution,
                            cache: ResultCache.shared, progress: progress)
    }

    func node(_ id: ItemID, in view: GraphView) throws -> Int {
        guard let n = view.node(id) else {
            throw CLIFailure("\(name(id)) is not in the graph\(caseID == nil ? "" : " of this case")")
        }
        return n
    }

    func name(_ id: ItemID) -> String { ws.item(id)?.displayName ?? id.description }
    func kind(_ id: ItemID) -> String { ws.item(id)?.subkind ?? "" }

    func nodeJSON(_ id: ItemID) -> StoreJSON {
        .object([("id", .string(id.description)), ("name", .string(name(id))), ("kind", .string(kind(id)))])
    }
}

/// Scores printed with up to 6 decimals in text (JSON keeps full precision).
func scoreText(_ v: Double) -> String {
    let scaled = (v * 1_000_000).rounded() / 1_000_000
    var s = String(scaled)
    if s.contains("e") { s = "0" }
    return s
}

/// "15m", "90s", "2h", "1d" or plain seconds.
func parseDuration(_ text: String, option: String) throws -> Int64 {
    let t = text.trimmedForCLI.lowercased()
    let units: [(String, Int64)] = [("ms", 0), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]
    for (suffix, factor) in units where t.hasSuffix(suffix) && factor > 0 {
        if let v = Int64(t.dropLast(suffix.count)), v >= 0, v <= 10_000_000 { return v * factor }
    }
    if let v = Int64(t), v >= 0, v <= 1_000_000_000 { return v }
    throw CLIFailure("\(option) \"\(text)\": expected a duration like 15m, 90s, 2h or 1d", exitCode: 2)
}

func timeText(_ micros: Int64) -> String { TimePoint(utcMicros: micros).utcISO8601 }
