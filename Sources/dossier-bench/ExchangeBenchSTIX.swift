import DossierExchange
import DossierModel
import DossierStore
import Foundation

/// Import of STIX 2.1 bundles: a fixed set of identities and indicators (with TLP markings) and a growing number of
/// relationships and sightings between them, the shape of a threat-intelligence feed that grows with time.
extension BenchRegistry {
    static let stixSizes = [100_000, 200_000, 400_000]

    static var stixImportCases: [BenchCase] {
        [
            stixMemoryBySize,
            BenchCase(area: "exchange", name: "import STIX bundle", scale: "400k objects", runs: 3) { ctx, run in
                let n = stixSizes.last ?? 0
                let file = try stixBundleFile(ctx, n)
                for r in 0..<3 {
                    let path = ctx.scratch + "/stix-import-\(n)-\(r)"
                    let ws = try Workspace.create(at: path)
                    var items = 0
                    try run.time { items = try stixImport(file, into: ws) }
                    guard items == n - stixMarkings else { throw StoreError("imported \(items) of \(n - stixMarkings) objects") }
                    ws.close()
                    try? FileManager.default.removeItem(atPath: path)
                }
                run.note = "file \(fileSizeMiB(file)) MiB"
            },
        ]
    }

    /// Whether a STIX import's memory stays flat as relationships and sightings grow (the same identities and
    /// indicators).
    static var stixMemoryBySize: BenchCase {
        memoryBySize(name: "import STIX memory by size (peak - open)", scale: "400k objects", sizes: stixSizes, per: "object") { ctx, n in
            BenchCommand.ImportMemoryChild.Job(format: "stix", file: try stixBundleFile(ctx, n), count: n)
        }
    }

    /// What `dossier import FILE --format stix` does: relationships and sightings stream into one open transaction as
    /// they are read, the rest (case, source, entities) follows at the end, then one durable commit. Returns the
    /// objects imported (created or merged).
    static func stixImport(_ file: String, into ws: Workspace) throws -> Int {
        let summary = try importStreamed(into: ws, rejects: "objects") { context, changes, _ in
            try STIXImporter.run(path: file, reader: ws, context: context, stream: changes)
        }
        return summary.imported + summary.merged
    }

    /// The bundle's marking definitions (not imported as items).
    static let stixMarkings = 2

    /// A generated bundle of `n` objects, written once per size: two TLP markings, 200 identities, 2,000 indicators
    /// (IPs and domains, some under TLP:AMBER), then relationships and sightings alternating, their times spread over
    /// a year.
    static func stixBundleFile(_ ctx: BenchContext, _ n: Int) throws -> String {
        try ctx.shared("stix-bundle-\(n)") { () throws -> String in
            let path = ctx.scratch + "/bundle-\(n).stix.json"
            let out = try OutputFile(path: path)
            let amber = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
            let green = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"
            let identities = 200, indicators = 2000
            var text = "{\"type\": \"bundle\", \"id\": \"bundle--bench-\(n)\", \"objects\": [\n"
            text += "  {\"type\": \"marking-definition\", \"spec_version\": \"2.1\", \"id\": \"\(amber)\", "
                + "\"created\": \"2017-01-20T00:00:00.000Z\", \"definition_type\": \"tlp\", \"definition\": {\"tlp\": \"amber\"}},\n"
            text += "  {\"type\": \"marking-definition\", \"spec_version\": \"2.1\", \"id\": \"\(green)\", "
                + "\"created\": \"2017-01-20T00:00:00.000Z\", \"definition_type\": \"tlp\", \"definition\": {\"tlp\": \"green\"}}"
            func uuid(_ kind: Int, _ i: Int) -> String { String(format: "%08lx-0000-4000-8000-%012lx", kind, i) }
            var rng: UInt64 = 0x5715_BE4C
            func next(_ bound: Int) -> Int {
                rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int((rng >> 33) % UInt64(bound))
            }
            func stamp(_ seconds: Int) -> String {
                let t = TimePoint(unixSeconds: 1_704_067_200 + Int64(seconds))
                return t.description
            }
            for i in 0..<min(identities, n) {
                text += ",\n  {\"type\": \"identity\", \"spec_version\": \"2.1\", \"id\": \"identity--\(uuid(1, i))\", "
                    + "\"created\": \"2024-01-01T00:00:00Z\", \"modified\": \"2024-01-01T00:00:00Z\", "
                    + "\"name\": \"Sector organisation \(i)\", \"identity_class\": \"organization\", \"sectors\": [\"financial-services\"]}"
            }
            for i in 0..<indicators {
                let ip = "10.\(i / 65536 % 256).\(i / 256 % 256).\(i % 256)"
                let pattern = i % 2 == 0 ? "[ipv4-addr:value = '\(ip)']" : "[domain-name:value = 'c2-\(i).example.org']"
                let marking = i % 3 == 0 ? amber : green
                text += ",\n  {\"type\": \"indicator\", \"spec_version\": \"2.1\", \"id\": \"indicator--\(uuid(2, i))\", "
                    + "\"created\": \"2024-01-02T00:00:00Z\", \"modified\": \"2024-01-02T00:00:00Z\", \"name\": \"C2 \(i)\", "
                    + "\"pattern\": \"\(pattern)\", \"pattern_type\": \"stix\", \"valid_from\": \"2024-01-02T00:00:00Z\", "
                    + "\"confidence\": \(50 + i % 50), \"object_marking_refs\": [\"\(marking)\"]}"
            }
            try out.write(text)
            text = ""
            let fixedObjects = stixMarkings + min(identities, n) + indicators
            for i in 0..<max(0, n - fixedObjects) {
                let indicator = "indicator--\(uuid(2, next(indicators)))"
                let identity = "identity--\(uuid(1, next(identities)))"
                let at = next(365 * 86_400)
                if i % 2 == 0 {
                    text += ",\n  {\"type\": \"relationship\", \"spec_version\": \"2.1\", \"id\": \"relationship--\(uuid(3, i))\", "
                        + "\"created\": \"\(stamp(at))\", \"modified\": \"\(stamp(at))\", \"relationship_type\": \"targets\", "
                        + "\"source_ref\": \"\(indicator)\", \"target_ref\": \"\(identity)\", "
                        + "\"description\": \"Seen in campaign traffic \\\"wave \(i % 97)\\\"\", \"start_time\": \"\(stamp(at))\"}"
                } else {
                    text += ",\n  {\"type\": \"sighting\", \"spec_version\": \"2.1\", \"id\": \"sighting--\(uuid(4, i))\", "
                        + "\"created\": \"\(stamp(at))\", \"modified\": \"\(stamp(at))\", \"first_seen\": \"\(stamp(at))\", "
                        + "\"last_seen\": \"\(stamp(at + 600 + next(3600)))\", \"count\": \(1 + next(20)), "
                        + "\"sighting_of_ref\": \"\(indicator)\", \"where_sighted_refs\": [\"\(identity)\"], "
                        + "\"object_marking_refs\": [\"\(green)\"]}"
                }
                if text.utf8.count > 1 << 20 { try out.write(text); text = "" }
            }
            try out.write(text + "\n]}\n")
            try out.close()
            return path
        }
    }
}
