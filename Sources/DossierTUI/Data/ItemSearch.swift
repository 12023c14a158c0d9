import DossierModel

/// Finds items whose name, aliases, identifiers or summary contain the query (case-insensitive), in list order:
/// entities, links, events, sources. Links and events also match through a matching entity they involve, as the
/// lists show them by their entities' names. Checks for cancellation as it goes, so typing ahead never waits for it.
public enum ItemSearch {
    public static let kinds: [ItemKind] = [.entity, .link, .event, .source]

    public static func run(_ query: String, in reader: any ItemReader, caseID: ItemID?, job: JobHandle? = nil,
                           limit: Int = 10_000) -> [ItemID] {
        let needle = query.lowercased()
        guard !needle.isEmpty else { return [] }
        let total = kinds.reduce(0) { $0 + reader.count($1, inCase: caseID) }
        var seen = 0
        var found: [ItemID] = []
        var matchedEntities = Set<ItemID>()
        for kind in kinds {
            reader.forEach(kind, inCase: caseID) { item in
                seen += 1
                if seen & 4095 == 0 {
                    if job?.isCancelled == true { return false }
                    job?.progress(seen, of: total)
                }
                if matches(item, needle, matchedEntities) {
                    found.append(item.id)
                    if item.kind == .entity { matchedEntities.insert(item.id) }
                }
                return found.count < limit
            }
            if job?.isCancelled == true || found.count >= limit { break }
        }
        return found
    }

    static func matches(_ item: Item, _ needle: String, _ entities: Set<ItemID>) -> Bool {
        if item.displayName.lowercased().contains(needle) { return true }
        switch item {
        case .link(let l):
            return entities.contains(l.from) || entities.contains(l.to)
        case .event(let e):
            return e.participants.contains { entities.contains($0.entity) } || e.place.map(entities.contains) == true
        case .entity(let e):
            return e.aliases.contains { $0.lowercased().contains(needle) }
                || e.identifiers.contains { $0.value.lowercased().contains(needle) }
        case .source(let s):
            return s.reference.lowercased().contains(needle) || s.fileName.lowercased().contains(needle)
        default:
            return false
        }
    }
}
