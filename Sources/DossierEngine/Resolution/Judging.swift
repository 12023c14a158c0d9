import DossierModel

/// Making and withdrawing judgements, and the merged view of entities judged the same.
public enum Judging {
    /// A new judgement on a and b, with fingerprints of both sides so it still applies after a re-import.
    public static func judge(_ a: ItemID, _ b: ItemID, verdict: Judgement.Verdict, reason: String = "",
                             reader: any ItemReader, id: ItemID, analyst: String, at time: TimePoint) throws -> Judgement {
        guard let ea = reader.entity(a) else { throw JudgingError("\(a) is not an entity") }
        guard let eb = reader.entity(b) else { throw JudgingError("\(b) is not an entity") }
        guard a != b else { throw JudgingError("an entity cannot be judged against itself") }
        let cases = Array(Set(ea.meta.cases + eb.meta.cases)).sorted()
        return Judgement(meta: ItemMeta(id: id, cases: cases, analyst: analyst, at: time), a: a, b: b, verdict: verdict,
                         reason: reason, fingerprintA: EntityFingerprint.of(ea), fingerprintB: EntityFingerprint.of(eb))
    }

    /// The withdrawn copies of the standing "same" judgements that put `a` (and `b`, when given) in a merge.
    /// Committing them undoes the merge; the judgements stay in the record, marked withdrawn.
    public static func unmerge(_ a: ItemID, _ b: ItemID? = nil, reader: any ItemReader, analyst: String,
                               at time: TimePoint) -> [Judgement] {
        let resolution = Resolution.build(from: reader, cache: nil)
        let group = Set(resolution.members(of: a))
        if let b, !group.contains(b) { return [] }
        var out: [Judgement] = []
        reader.forEach(.judgement, inCase: nil) { item in
            guard var j = item.judgement, j.verdict == .same, !j.withdrawn else { return true }
            let sides = resolvedSides(j, reader: reader)
            let touchesA = sides.contains(a) || (b == nil && !sides.isDisjoint(with: group))
            let touchesB = b.map { sides.contains($0) } ?? true
            if touchesA && touchesB {
                j.withdrawn = true
                j.meta.touch(by: analyst, at: time)
                out.append(j)
            }
            return true
        }
        return out
    }

    /// The ids a judgement applies to: its own ids where they exist, plus entities matching its fingerprints.
    static func resolvedSides(_ j: Judgement, reader: any ItemReader) -> Set<ItemID> {
        var out: Set<ItemID> = []
        for (id, fp) in [(j.a, j.fingerprintA), (j.b, j.fingerprintB)] {
            if reader.entity(id) != nil { out.insert(id) }
            if !fp.isEmpty {
                for other in Resolution.entities(withFingerprint: fp, reader: reader) { out.insert(other) }
            }
        }
        return out
    }
}

extension Resolution {
    /// Entities whose fingerprint is `fp` (through their identifiers when it is an identifier fingerprint).
    static func entities(withFingerprint fp: String, reader: any ItemReader) -> [ItemID] {
        if fp.hasPrefix("ids:") {
            let first = fp.dropFirst(4).split(separator: ",").first.map(String.init) ?? ""
            guard let colon = first.firstIndex(of: ":"),
                  let scheme = IdentifierScheme(rawValue: String(first[..<colon])) else { return [] }
            let id = Identifier(scheme: scheme, normalized: String(first[first.index(after: colon)...]))
            return reader.entities(withIdentifier: id).filter { reader.entity($0).map(EntityFingerprint.of) == fp }
        }
        var out: [ItemID] = []
        reader.forEach(.entity, inCase: nil) { item in
            if let e = item.entity, EntityFingerprint.of(e) == fp { out.append(e.meta.id) }
            return true
        }
        return out
    }

    /// The merged view of an entity: every original record kept, with names, identifiers and attributes unioned,
    /// each value saying which record (and source) it came from.
    public func merged(_ id: ItemID, reader: any ItemReader) -> MergedEntity? {
        let members = self.members(of: id).compactMap { reader.entity($0) }
        guard let first = members.first else { return nil }
        var names: [String] = [], identifiers: [Identifier] = []
        var attributes: [MergedEntity.Value] = []
        for e in members {
            for n in [e.name] + e.aliases where !names.contains(n) { names.append(n) }
            for i in e.identifiers where !identifiers.contains(i) { identifiers.append(i) }
            for a in e.attributes {
                attributes.append(MergedEntity.Value(key: a.key, value: a.value, record: e.meta.id, source: e.meta.source))
            }
        }
        return MergedEntity(canonical: canonical(id), name: first.name, kind: first.kind, names: names,
                            identifiers: identifiers.sorted(), attributes: attributes, records: members)
    }
}

/// Several records judged to be one real-world entity.
public struct MergedEntity: Sendable, Equatable {
    public struct Value: Sendable, Equatable {
        public var key: String
        public var value: String
        public var record: ItemID
        public var source: ItemID?
    }
    public var canonical: ItemID
    public var name: String
    public var kind: EntityKind
    /// Every name and alias of every record, first record first.
    public var names: [String]
    public var identifiers: [Identifier]
    public var attributes: [Value]
    /// The original records, unchanged, canonical first.
    public var records: [Entity]
}

public struct JudgingError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
