import DossierModel

public struct CorrelationOptions: Sendable {
    /// One case: pairs with at least one side in it. Two cases: one side in each. None: every pair.
    public var caseA: ItemID?
    public var caseB: ItemID?
    /// A blocking value shared by more entities than this is reported as over-common and not expanded into pairs.
    public var overCommonLimit: Int
    /// Candidates scoring below this are not listed.
    public var minimumScore: Double
    public init(caseA: ItemID? = nil, caseB: ItemID? = nil, overCommonLimit: Int = 50, minimumScore: Double = 0.5) {
        self.caseA = caseA
        self.caseB = caseB
        self.overCommonLimit = overCommonLimit
        self.minimumScore = minimumScore
    }
}

/// A pair of entities that are probably the same real-world thing, with what agreed and what did not.
public struct CorrelationCandidate: Sendable, Equatable {
    public enum Strength: String, Sendable { case strong, possible }
    public var a: ItemID
    public var b: ItemID
    public var nameA: String
    public var nameB: String
    public var kind: String
    public var score: Double
    public var strength: Strength
    public var agreed: [String]
    public var disagreed: [String]
    /// Whether the two sit in different cases.
    public var crossCase: Bool
}

/// A value shared by so many entities that it says little (a switchboard number, a very common name).
public struct OverCommonValue: Sendable, Equatable {
    public var value: String
    public var entities: Int
}

public struct CorrelationReport: Sendable {
    public var candidates: [CorrelationCandidate]
    public var overCommon: [OverCommonValue]
    /// Pairs whose names were alike but nothing else agreed: not proposed (a name alone is never enough).
    public var nameOnlyHeldBack: Int
    /// Pairs compared after blocking (each pair once, however many blocks it is met in).
    public var comparisons: Int
    /// Of those, pairs ruled out on per-record numbers before any string work: no shared identifier, and names
    /// surely too unlike or a certain disagreement keeping the score under the minimum (see `NameScreen`).
    public var screenedOut: Int
    /// Pairs skipped because an analyst judged them different (or already merged them).
    public var judgedSkipped: Int
}

/// Entity resolution and cross-case correlation.
///
/// Blocking keeps the work near-linear: entities are only compared when they share a block key — a normalised
/// identifier, a pair of name-word primary Double Metaphone keys (word order free, after transliteration), or a
/// pair of primary or alternate keys, or one word's key, with the date of birth (Smith and Schmidt born the same day
/// meet on their shared key XMT). Keys shared by more than `overCommonLimit` entities are reported and not expanded;
/// in a crowded name block people born in different years are not paired (see `crowdedNameBlock`).
/// Scoring: a shared identifier is strong evidence; similar names (Jaro–Winkler over folded words, order free)
/// count only when another attribute agrees (date of birth, nationality, address, a shared neighbour such as a
/// common phone, account or contact). Disagreeing dates of birth or nationalities weigh against.
public enum Correlator {
    struct Features {
        /// The kind class's number (`DescribeMemo.kindNames`).
        var kind: Int32
        var words: [String]
        /// The numbers of the Double Metaphone keys (two letters or more) of the name's words, ascending.
        var wordKeys: [Int32]
        /// `NameKey`s of the name and its aliases.
        var nameKeys: [UInt64]
        /// Name keys from primary sound keys only: the blocks without a date of birth, which grow with the data
        /// (alternate keys there join e.g. every John, Jean and Anna of a surname: JN/AN).
        var primaryNameKeys: [UInt64]
        /// Sorted, without repeats; `identifierNumbers` holds their numbers in the same order.
        var identifiers: [Identifier]
        var identifierNumbers: [Int32]
        var dob: String?
        /// The date of birth's and its year's numbers, 0 when there is none.
        var birth: Int32
        var birthYear: Int32
        var nationality: String?
        var nationalityNumber: Int32
        var address: String?
        var inA: Bool
        var inB: Bool
        var cases: [ItemID]
    }

    /// A name block (a sound key alone, no date of birth) with more members than this is crowded: these blocks grow
    /// with the data, and comparing every pair in them would make the cost quadratic. In a crowded block two members
    /// that both have a date of birth are compared only when born the same year (a typo in day or month is still
    /// caught; different years already weigh against a match); a member without one still meets every other member.
    static let crowdedNameBlock = 12

    public static func run(_ reader: any ItemReader, options: CorrelationOptions = CorrelationOptions(),
                           resolution: Resolution? = nil, cache: ResultCache? = nil,
                           progress: AnalysisProgress? = nil) throws -> CorrelationReport {
        try run(reader, options: options, resolution: resolution, cache: cache, progress: progress, screening: true)
    }

    /// `screening: false` compares every pair blocking meets in full (tests check the screen changes no result).
    static func run(_ reader: any ItemReader, options: CorrelationOptions, resolution: Resolution?,
                    cache: ResultCache?, progress: AnalysisProgress?, screening: Bool) throws -> CorrelationReport {
        let resolution = resolution ?? Resolution.build(from: reader, cache: cache)
        let entities = reader.allEntities()
        progress.begin("correlate", total: entities.count)
        var features: [Features] = []
        features.reserveCapacity(entities.count)
        var memo = DescribeMemo()
        for (i, e) in entities.enumerated() {
            if i & 4095 == 0 { try progress.check(); progress.advance(by: min(4096, entities.count - i)) }
            features.append(describe(e, options, memo: &memo))
        }
        // Blocks, keyed by numbers (see `BlockTable`).
        var table = BlockTable(expectedEntries: features.reduce(0) { n, f in
            n + f.identifiers.count + (f.nameKeys.isEmpty ? 0 : f.primaryNameKeys.count
                + (f.birth == 0 ? 0 : f.nameKeys.count + f.wordKeys.count))
        })
        // How many records hold each identifier (a shared identifier counts as evidence unless over-common).
        var idCounts = [Int32](repeating: 0, count: memo.identifiers.count)
        for (i, f) in features.enumerated() {
            let r = Int32(i)
            for n in f.identifierNumbers {
                table.add(BlockKey(.identifier, value: UInt64(UInt32(n))), record: r)
                idCounts[Int(n)] += 1
            }
            guard !f.nameKeys.isEmpty else { continue }
            for k in f.primaryNameKeys { table.add(BlockKey(.name, kind: f.kind, value: k), record: r) }
            guard f.birth != 0 else { continue }
            for k in f.nameKeys { table.add(BlockKey(.nameAndBirth, kind: f.kind, value: k, birth: f.birth), record: r) }
            // One name word with the date of birth catches "H. Mueller" / "Hans Müller" born the same day.
            for k in f.wordKeys {
                table.add(BlockKey(.wordAndBirth, kind: f.kind, value: UInt64(UInt32(k)), birth: f.birth), record: r)
            }
        }
        let (memberStart, members) = table.grouped()
        let hot = PairFields(features)
        let screen = NameScreen(words: hot.words)
        let scopedRun = options.caseA != nil || options.caseB != nil
        // Records named in a judgement keep every pair (so skipped pairs are counted as before).
        let judged = judgedRecords(entities, resolution)
        var overCommon: [OverCommonValue] = []
        // The blocks that pair their members (2 up to the over-common limit), numbered, and each record's blocks.
        var expanding: [Int32] = []
        for (b, key) in table.keys.enumerated() {
            let count = Int(memberStart[b + 1] - memberStart[b])
            guard count > 1 else { continue }
            if count > options.overCommonLimit {
                overCommon.append(OverCommonValue(value: spelled(key, memo), entities: count))
            } else {
                expanding.append(Int32(b))
            }
        }
        let shared = SharedBlocks(
            numbers: expanding, memberStart: memberStart, members: members, records: features.count,
            crowded: expanding.map {
                memberStart[Int($0) + 1] - memberStart[Int($0)] > crowdedNameBlock && table.keys[Int($0)].sort == .name
            },
            identifier: expanding.map { table.keys[Int($0)].sort == .identifier })
        // Every pair of every block, each counted and kept once (in the first block that pairs it); pairs that share
        // no identifier are screened on numbers first (see `NameScreen`), and only the rest are stored and compared.
        var pairs: [UInt64] = []
        var met = 0, screenedOut = 0
        var crowd = CrowdOrder()
        for (b, number) in expanding.enumerated() {
            let blockMembers = members[Int(memberStart[Int(number)])..<Int(memberStart[Int(number) + 1])]
            func consider(_ i: Int, _ j: Int) {
                guard hot.kind[j] == hot.kind[i] else { return }
                if scopedRun { guard scoped(features[i], features[j], options) else { return } }
                let (lo, hi) = (min(i, j), max(i, j))
                let first = shared.first(lo, hi, birthYear: hot.birthYear)
                guard first.block == b else { return }
                met += 1
                if screening && !first.identifier && !judged[lo] && !judged[hi]
                    && (hot.cannotReach(options.minimumScore, lo, hi, sim: 1)
                        || screen.surelyUnder(namesAlikeThreshold, lo, hi)) { screenedOut += 1; return }
                pairs.append(UInt64(UInt32(lo)) << 32 | UInt64(UInt32(hi)))
            }
            if shared.crowded[b] {
                // Only the pairs the block may make: the undated members with everyone, the dated ones within
                // their birth year (walking the block once, grouped by year, not every pair of it).
                crowd.group(blockMembers, birthYear: hot.birthYear)
                let sorted = crowd.sorted
                var x = 0
                while x < sorted.count {
                    let yearX = hot.birthYear[Int(sorted[x])]
                    var y = x + 1
                    while y < sorted.count && (yearX == 0 || hot.birthYear[Int(sorted[y])] == yearX) {
                        consider(Int(sorted[x]), Int(sorted[y]))
                        y += 1
                    }
                    x += 1
                }
            } else {
                var x = blockMembers.startIndex
                while x < blockMembers.endIndex {
                    let i = Int(blockMembers[x])
                    var y = x + 1
                    while y < blockMembers.endIndex {
                        consider(i, Int(blockMembers[y]))
                        y += 1
                    }
                    x += 1
                }
            }
        }
        pairs.sort()
        try progress.check()
        // The graph (for shared contacts) is built when the first pair survives the cheap test below.
        var graph: GraphView?
        var graphBuilt = false
        var candidates: [CorrelationCandidate] = []
        var heldBack = 0, skipped = 0
        var n = 0
        for packed in pairs {
            n += 1
            if n & 1023 == 0 { try progress.check() }
            let i = Int(packed >> 32), j = Int(packed & 0xFFFF_FFFF)
            if !resolution.isEmpty {
                let ida = entities[i].meta.id, idb = entities[j].meta.id
                if resolution.canonical(ida) == resolution.canonical(idb) || resolution.judgedDifferent(ida, idb) {
                    skipped += 1
                    continue
                }
            }
            // `compare` ends without a result for a pair that shares no identifier when the names are unlike or a
            // certain disagreement (date of birth, nationality) keeps the best possible score under the minimum; the
            // same tests here, on per-record numbers and bytes, spare most pairs the entity copies and explanations.
            let sim: Double
            if !sharesIdentifier(features[i].identifierNumbers, features[i].identifiers, features[j].identifierNumbers,
                                 features[j].identifiers, idCounts: idCounts, limit: options.overCommonLimit) {
                if hot.cannotReach(options.minimumScore, i, j, sim: 1) { continue }
                // With a floor the result is exact unless under it (then the pair ends here).
                sim = nameSimilarity(bytes: hot.words[i], hot.words[j], floor: namesAlikeThreshold)
                if sim < namesAlikeThreshold || hot.cannotReach(options.minimumScore, i, j, sim: sim) { continue }
            } else {
                sim = nameSimilarity(bytes: hot.words[i], hot.words[j])
            }
            if !graphBuilt {
                graph = try GraphView.build(from: reader, entities: entities, cache: cache)
                graphBuilt = true
            }
            let ea = entities[i], eb = entities[j]
            let verdict = compare(ea, eb, features[i], features[j], similarity: sim, idCounts: idCounts,
                                  limit: options.overCommonLimit, graph: graph)
            switch verdict {
            case .nameOnly: heldBack += 1
            case .none: break
            case .candidate(let score, let agreed, let disagreed):
                guard score >= options.minimumScore else { continue }
                let cross = Set(features[i].cases) != Set(features[j].cases)
                let (x, y) = ea.meta.id < eb.meta.id ? (ea, eb) : (eb, ea)
                candidates.append(CorrelationCandidate(
                    a: x.meta.id, b: y.meta.id, nameA: x.name, nameB: y.name, kind: ea.kind.rawValue,
                    score: (score * 1000).rounded() / 1000, strength: score >= 0.8 ? .strong : .possible,
                    agreed: agreed, disagreed: disagreed, crossCase: cross))
            }
        }
        candidates.sort { $0.score != $1.score ? $0.score > $1.score : ($0.a != $1.a ? $0.a < $1.a : $0.b < $1.b) }
        overCommon.sort { $0.entities != $1.entities ? $0.entities > $1.entities : $0.value < $1.value }
        return CorrelationReport(candidates: candidates, overCommon: overCommon, nameOnlyHeldBack: heldBack,
                                 comparisons: met, screenedOut: screenedOut,
                                 judgedSkipped: skipped)
    }

    /// For each record, whether a judgement names it (merged into a group, or judged different from another).
    static func judgedRecords(_ entities: [Entity], _ resolution: Resolution) -> [Bool] {
        guard !resolution.isEmpty else { return Array(repeating: false, count: entities.count) }
        var named = Set<ItemID>()
        for members in resolution.groups.values { named.formUnion(members) }
        for p in resolution.different { named.insert(p.a); named.insert(p.b) }
        return entities.map { named.contains($0.meta.id) }
    }

    /// Whether two records share an identifier that is not over-common (both lists sorted and without repeats).
    /// `a` and `b` are the identifiers' numbers, `ia` and `ib` the identifiers.
    static func sharesIdentifier(_ a: [Int32], _ ia: [Identifier], _ b: [Int32], _ ib: [Identifier], idCounts: [Int32],
                                 limit: Int) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return false }
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                if Int(idCounts[Int(a[i])]) <= limit { return true }
                i += 1; j += 1
            } else if ia[i] < ib[j] { i += 1 } else { j += 1 }
        }
        return false
    }

    /// An over-common block's key as the report names it ("phone +442079460000", "name person KRS|MR",
    /// "name+dob person AN|SM0 1970-01-01", "word+dob person SM0 1970-01-01").
    static func spelled(_ key: BlockKey, _ memo: DescribeMemo) -> String {
        switch key.sort {
        case .identifier:
            let id = memo.identifiers[Int(key.value)]
            return "\(id.scheme.rawValue) \(id.value)"
        case .name:
            return "name \(memo.kindNames[key.kind]) \(NameKey.spelled(key.value, memo.soundKeyNames))"
        case .nameAndBirth:
            return "name+dob \(memo.kindNames[key.kind]) \(NameKey.spelled(key.value, memo.soundKeyNames))"
                + " \(memo.dateNames[Int(key.birth)])"
        case .wordAndBirth:
            return "word+dob \(memo.kindNames[key.kind]) \(memo.soundKeyNames[Int(key.value)])"
                + " \(memo.dateNames[Int(key.birth)])"
        }
    }

    static func scoped(_ a: Features, _ b: Features, _ o: CorrelationOptions) -> Bool {
        switch (o.caseA, o.caseB) {
        case (nil, nil): return true
        case (.some, nil), (nil, .some): return a.inA || b.inA || a.inB || b.inB
        case (.some, .some): return (a.inA && b.inB) || (a.inB && b.inA)
        }
    }

    static func kindClass(_ k: EntityKind) -> String {
        switch k {
        case .organization, .company: return "organization"
        case .address, .location: return "place"
        default: return k.rawValue
        }
    }

    /// `memo` holds the sound keys and dates of birth earlier records of the run already worked out, and numbers
    /// values.
    static func describe(_ e: Entity, _ o: CorrelationOptions, memo: inout DescribeMemo) -> Features {
        let words = TextFold.tokens(e.name)
        let perWord = words.map { memo.keys($0) }
        var keys = nameKeys(perWord: perWord, names: memo.soundKeyNames)
        var primaryKeys = nameKeys(perWord: perWord.map { Array($0.prefix(1)) }, names: memo.soundKeyNames)
        for alias in e.aliases {
            let aliasKeys = TextFold.tokens(alias).map { memo.keys($0) }
            for k in nameKeys(perWord: aliasKeys, names: memo.soundKeyNames) where !keys.contains(k) { keys.append(k) }
            for k in nameKeys(perWord: aliasKeys.map { Array($0.prefix(1)) }, names: memo.soundKeyNames)
            where !primaryKeys.contains(k) { primaryKeys.append(k) }
        }
        var wordKeys: [Int32] = []
        for k in perWord.joined() where !wordKeys.contains(k) { wordKeys.append(k) }
        let dob = PersonFacts.dateOfBirth(e).flatMap { memo.dateOfBirth($0) }
        let nat = PersonFacts.nationality(e).map { memo.nationality($0) }
        let address = e.attribute("address").map(TextFold.fold).flatMap { $0.isEmpty ? nil : $0 }
        let inA = o.caseA.map { e.meta.cases.contains($0) } ?? false
        let inB = o.caseB.map { e.meta.cases.contains($0) } ?? false
        let identifiers = e.identifiers.count < 2 ? e.identifiers : Array(Set(e.identifiers)).sorted()
        return Features(kind: memo.kindNumber(kindClass(e.kind)), words: words, wordKeys: wordKeys.sorted(),
                        nameKeys: keys, primaryNameKeys: primaryKeys, identifiers: identifiers,
                        identifierNumbers: identifiers.map { memo.identifierNumber($0) }, dob: dob?.iso,
                        birth: dob?.number ?? 0, birthYear: dob?.year ?? 0, nationality: nat?.code,
                        nationalityNumber: nat?.number ?? 0, address: address, inA: inA, inB: inB, cases: e.meta.cases)
    }

    /// `NameKey`s of pairs of name words' sound keys (each pair unordered, so word order does not matter; every
    /// combination of the words' primary and alternate Double Metaphone keys, so Smith and Schmidt meet on XMT); a
    /// one-word name is its own keys. At most 12: the first in the order of their spelling (`NameKey.spelled`).
    static func nameKeys(perWord wordKeys: [[Int32]], names: [String]) -> [UInt64] {
        var perWord: [[Int32]] = []
        for keys in wordKeys where !keys.isEmpty && !perWord.contains(keys) { perWord.append(keys) }
        if perWord.count <= 1 { return (perWord.first ?? []).map(NameKey.one) }
        var out: [UInt64] = []
        for i in 0..<perWord.count {
            for j in (i + 1)..<perWord.count {
                for x in perWord[i] {
                    for y in perWord[j] where x != y {
                        let k = NameKey.pair(x, y)
                        if !out.contains(k) { out.append(k) }
                    }
                }
            }
        }
        guard out.count > 12 else { return out }
        return Array(out.map { (NameKey.spelled($0, names), $0) }.sorted { $0.0 < $1.0 }.prefix(12).map(\.1))
    }

    enum Verdict { case candidate(Double, [String], [String]), nameOnly, none }

    /// Name similarity in 0...1: each word of the shorter name matched to its best Jaro–Winkler partner
    /// (an initial counts 0.9 against a word it begins).
    static func nameSimilarity(_ a: [String], _ b: [String]) -> Double {
        nameSimilarity(bytes: a.map { Array($0.utf8) }, b.map { Array($0.utf8) })
    }

    /// Names at least this similar are alike.
    static let namesAlikeThreshold = 0.85

    /// `nameSimilarity` over the words' UTF-8 bytes (computed once per record for the pair loop). With a `floor`,
    /// it may stop as soon as the result must fall below it and return a value under `floor` (an upper bound).
    static func nameSimilarity(bytes a: [[UInt8]], _ b: [[UInt8]], floor: Double = 0) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        var total = 0.0
        func similarity(_ x: [UInt8], _ y: [UInt8]) -> Double {
            // An initial agrees with a word it begins ("H." / "Hans").
            if (x.count == 1 && y.first == x.first) || (y.count == 1 && x.first == y.first) { return 0.9 }
            if x == y { return 1 }
            return x.withUnsafeBufferPointer { s in y.withUnsafeBufferPointer { t in StringDistance.jaroWinkler(s, t) } }
        }
        for (done, w) in short.enumerated() {
            var best = 0.0
            for x in long {
                best = max(best, similarity(w, x))
                if best == 1 { break }  // nothing scores higher
            }
            total += best
            // Even if every word left matched perfectly, the mean would stay under the floor.
            let bound = (total + Double(short.count - done - 1)) / Double(short.count)
            if bound < floor - 1e-9 { return bound }
        }
        return total / Double(short.count)
    }

    /// `similarity` is `nameSimilarity(a.words, b.words)` (the pair loop has it already, from the words' bytes).
    static func compare(_ ea: Entity, _ eb: Entity, _ a: Features, _ b: Features, similarity sim: Double,
                        idCounts: [Int32], limit: Int, graph: GraphView?) -> Verdict {
        var agreed: [String] = [], disagreed: [String] = []
        // The identifiers both hold that are not over-common, in order (the lists are sorted).
        let shared = a.identifiers.indices.filter {
            b.identifierNumbers.contains(a.identifierNumbers[$0]) && Int(idCounts[Int(a.identifierNumbers[$0])]) <= limit
        }.map { a.identifiers[$0] }
        for id in shared { agreed.append("same \(id.scheme.rawValue) \(id.value)") }
        let namesAlike = sim >= namesAlikeThreshold
        // Without a shared identifier unlike names end it: skip building explanations nobody will read (most pairs
        // from the date-of-birth blocks end here).
        if shared.isEmpty && !namesAlike { return .none }
        if namesAlike { agreed.append("names alike (\(Int((sim * 100).rounded()))%): \"\(ea.name)\" / \"\(eb.name)\"") }
        var corroborations = 0
        if let x = a.dob, let y = b.dob {
            if x == y { agreed.append("same date of birth \(x)"); corroborations += 1 }
            else { disagreed.append("dates of birth differ: \(x) / \(y)") }
        }
        if let x = a.nationality, let y = b.nationality {
            if x == y { agreed.append("same nationality \(x)"); corroborations += 1 }
            else { disagreed.append("nationalities differ: \(x) / \(y)") }
        }
        if let x = a.address, let y = b.address {
            if x == y || StringDistance.jaroWinkler(x, y) >= 0.93 { agreed.append("same address"); corroborations += 1 }
            else { disagreed.append("addresses differ") }
        }
        if let g = graph, let u = g.node(ea.meta.id), let v = g.node(eb.meta.id) {
            let common = sortedIntersection(g.undirected.neighbours(u), g.undirected.neighbours(v))
            if !common.isEmpty {
                let names = common.prefix(3).map { "\(g.names[Int($0)]) (\(g.kinds[Int($0)]))" }
                agreed.append("shared contact\(common.count == 1 ? "" : "s"): " + names.joined(separator: ", ")
                              + (common.count > 3 ? " and \(common.count - 3) more" : ""))
                corroborations += 1
            }
        }
        let penalty = 0.35 * Double(disagreed.count)
        if !shared.isEmpty {
            var score = 0.9 + 0.03 * Double(shared.count - 1) + (namesAlike ? 0.05 : 0) + 0.02 * Double(corroborations)
            score = min(1, score) - penalty
            return .candidate(max(0, score), agreed, disagreed)
        }
        guard namesAlike else { return .none }
        if corroborations == 0 { return disagreed.isEmpty ? .nameOnly : .none }
        let score = min(0.95, 0.55 + 0.15 * Double(corroborations) + 0.5 * (sim - 0.85)) - penalty
        return .candidate(max(0, score), agreed, disagreed)
    }

    static func sortedIntersection(_ a: ArraySlice<Int32>, _ b: ArraySlice<Int32>) -> [Int32] {
        var out: [Int32] = []
        var i = a.startIndex, j = b.startIndex
        while i < a.endIndex && j < b.endIndex {
            if a[i] == b[j] { out.append(a[i]); i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return out
    }
}
