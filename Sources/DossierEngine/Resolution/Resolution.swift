import DossierModel

/// A stable description of a real-world record that survives re-import under new ids: its normalised identifiers,
/// sorted, else its folded name and date of birth.
public enum EntityFingerprint {
    public static func of(_ e: Entity) -> String {
        if !e.identifiers.isEmpty {
            return "ids:" + Set(e.identifiers).sorted().map(\.description).joined(separator: ",")
        }
        let dob = PersonFacts.dateOfBirth(e) ?? ""
        return "name:\(e.kind.rawValue):\(TextFold.fold(e.name))|dob:\(dob.trimmingCharacters())"
    }
}

/// Attributes that describe a person, under the names importers give them: `dob`, `date_of_birth`, `birth_date`,
/// FtM's `birthDate`, `born` (compared without case, `_`, `-` or spaces); `nationality`, `citizenship`, `country`.
public enum PersonFacts {
    /// Whether `key` spells `wanted` (lower case ASCII) ignoring case, `_`, `-` and spaces; no allocation.
    static func matches(_ key: String, _ wanted: String) -> Bool {
        var w = wanted.utf8.makeIterator()
        for c in key.utf8 where c != 95 && c != 45 && c != 32 {
            guard let x = w.next(), x == (c >= 65 && c <= 90 ? c + 32 : c) else { return false }
        }
        return w.next() == nil
    }

    static func value(_ e: Entity, keys: [String]) -> String? {
        for k in keys {
            // A value of spaces only counts as absent (checked without building the trimmed copy).
            if let a = e.attributes.first(where: { matches($0.key, k) && $0.value.contains { !$0.isWhitespace } }) {
                return a.value
            }
        }
        return nil
    }

    /// The date of birth as written.
    public static func dateOfBirth(_ e: Entity) -> String? {
        value(e, keys: ["dob", "dateofbirth", "birthdate", "born"])
    }

    public static func nationality(_ e: Entity) -> String? {
        value(e, keys: ["nationality", "citizenship", "country"])
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}

/// An unordered pair of entity ids.
public struct EntityPair: Hashable, Sendable, Comparable {
    public let a: ItemID
    public let b: ItemID
    public init(_ x: ItemID, _ y: ItemID) { if x < y { a = x; b = y } else { a = y; b = x } }
    public static func < (l: EntityPair, r: EntityPair) -> Bool { l.a != r.a ? l.a < r.a : l.b < r.b }
}

/// The resolution layer: analysts' "same" judgements map entity ids to one canonical id (the smallest id of the
/// group) while every original record stays stored with its provenance; "different" judgements are remembered so
/// those pairs are never proposed again. Withdrawn judgements (`dossier unmerge`) count for nothing.
///
/// A judgement applies to the ids it names and, through its fingerprints, to records re-imported under new ids.
/// When several judgements concern the same pair, the most recent (by modification time, then id) wins.
public struct Resolution: Sendable {
    private var canonicalOf: [ItemID: ItemID] = [:]
    /// Canonical id → every member id (sorted, canonical first).
    public private(set) var groups: [ItemID: [ItemID]] = [:]
    public private(set) var different: Set<EntityPair> = []
    public private(set) var unsure: Set<EntityPair> = []
    /// A short stable digest of the mapping, for cache keys.
    public private(set) var signature: String = ""

    public init() {}

    public func canonical(_ id: ItemID) -> ItemID { canonicalOf[id] ?? id }
    public func members(of id: ItemID) -> [ItemID] { groups[canonical(id)] ?? [id] }
    public var isEmpty: Bool { canonicalOf.isEmpty && different.isEmpty }

    /// Whether the pair was judged different (directly, or through the groups they were merged into).
    public func judgedDifferent(_ x: ItemID, _ y: ItemID) -> Bool {
        different.contains(EntityPair(x, y)) || different.contains(EntityPair(canonical(x), canonical(y)))
    }

    /// Builds the layer from the reader's judgements (cached per version).
    public static func build(from reader: any ItemReader, cache: ResultCache? = nil) -> Resolution {
        if let cache, let hit: Resolution = cache.lookup("resolution", version: reader.version) { return hit }
        var judgements: [Judgement] = []
        reader.forEach(.judgement, inCase: nil) { if let j = $0.judgement { judgements.append(j) }; return true }
        let r = Resolution(judgements: judgements, reader: reader)
        _ = cache?.value("resolution", version: reader.version) { r }
        return r
    }

    /// The layer from explicit judgements.
    public init(judgements: [Judgement], reader: any ItemReader) {
        guard !judgements.isEmpty else { return }
        // Fingerprint index only over the fingerprints judgements mention.
        let wanted = Set(judgements.flatMap { [$0.fingerprintA, $0.fingerprintB] }.filter { !$0.isEmpty })
        var byFingerprint: [String: [ItemID]] = [:]
        if !wanted.isEmpty {
            reader.forEach(.entity, inCase: nil) { item in
                if let e = item.entity {
                    let f = EntityFingerprint.of(e)
                    if wanted.contains(f) { byFingerprint[f, default: []].append(e.meta.id) }
                }
                return true
            }
        }
        func side(_ id: ItemID, _ fingerprint: String) -> [ItemID] {
            var out: Set<ItemID> = []
            if reader.entity(id) != nil { out.insert(id) }
            if !fingerprint.isEmpty { out.formUnion((byFingerprint[fingerprint] ?? []).prefix(50)) }
            return out.sorted()
        }
        // Latest judgement per concrete pair.
        let ordered = judgements.sorted { ($0.meta.modifiedAt, $0.meta.id) < ($1.meta.modifiedAt, $1.meta.id) }
        var verdicts: [EntityPair: Judgement.Verdict?] = [:]
        for j in ordered {
            let xs = side(j.a, j.fingerprintA), ys = side(j.b, j.fingerprintB)
            for x in xs { for y in ys where x != y { verdicts[EntityPair(x, y)] = j.withdrawn ? .some(nil) : j.verdict } }
        }
        var uf = UnionFind<ItemID>()
        for (pair, verdict) in verdicts.sorted(by: { $0.key < $1.key }) {
            switch verdict {
            case .same?: uf.union(pair.a, pair.b)
            case .different?: different.insert(pair)
            case .unsure?: unsure.insert(pair)
            case nil: break
            }
        }
        for (root, members) in uf.groups() where members.count > 1 {
            let sorted = members.sorted()
            let canon = sorted[0]
            _ = root
            groups[canon] = sorted
            for m in sorted where m != canon { canonicalOf[m] = canon }
        }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ v: UInt64) { h = (h ^ v) &* 0x100_0000_01b3 }
        for (m, c) in canonicalOf.sorted(by: { $0.key < $1.key }) { mix(m.low); mix(m.high); mix(c.low) }
        for p in different.sorted() { mix(p.a.low); mix(p.b.low) }
        signature = String(h, radix: 16)
    }
}

/// Disjoint sets over hashable values (path compression, union by size).
struct UnionFind<T: Hashable> {
    private var parent: [T: T] = [:]
    private var size: [T: Int] = [:]

    mutating func find(_ x: T) -> T {
        var root = x
        while let p = parent[root], p != root { root = p }
        var node = x
        while let p = parent[node], p != root { parent[node] = root; node = p }
        if parent[x] == nil { parent[x] = x; size[x] = 1 }
        return root
    }

    mutating func union(_ x: T, _ y: T) {
        let rx = find(x), ry = find(y)
        guard rx != ry else { return }
        let (big, small) = size[rx, default: 1] >= size[ry, default: 1] ? (rx, ry) : (ry, rx)
        parent[small] = big
        size[big, default: 1] += size[small, default: 1]
    }

    mutating func groups() -> [T: [T]] {
        var out: [T: [T]] = [:]
        for x in Array(parent.keys) { out[find(x), default: []].append(x) }
        return out
    }
}
