import DossierModel

/// An inverted index over entities' names, aliases, identifiers and attribute values, built once per workspace
/// version. Words are folded (`TextFold`); each word has trigram and phonetic-key entries so a query word finds
/// exact words, words it begins, words within one or two edits and sound-alike words. Identifiers are matched in
/// normalised form, so a phone typed in any format finds its entity.
public struct SearchIndex: Sendable {
    enum Field: UInt32, CaseIterable {
        case name = 0, alias = 1, attribute = 2, identifier = 3
        var label: String { ["name", "alias", "attribute", "identifier"][Int(rawValue)] }
        var weight: Double { [1.0, 0.9, 0.6, 0.7][Int(rawValue)] }
    }

    // Documents.
    let ids: [ItemID]
    let names: [String]
    /// Number of folded words in each document's name (for exact-name ranking).
    let nameWords: [UInt8]
    let kindOfDoc: [UInt16]
    let kindNames: [String]
    let caseOffsets: [Int32]
    let caseOfDoc: [UInt16]
    let caseIDs: [ItemID]
    let caseNames: [String]
    /// Every case name of the workspace, lower case (a case without entities is still a known case).
    let knownCaseNames: Set<String>
    let tagOffsets: [Int32]
    let tagOfDoc: [Int32]
    let tagNames: [String: Int32]
    let firstSeen: [Int64]
    let lastSeen: [Int64]
    // Words.
    let tokens: [String]
    let tokenLength: [UInt8]
    let tokenIndex: [String: Int32]
    let sortedTokens: [Int32]
    let postingOffsets: [Int]
    let postings: [UInt32]  // doc << 2 | field
    let trigrams: [UInt32: [Int32]]
    let phonetic: [String: [Int32]]
    let identifiers: [String: [Int32]]

    public var documentCount: Int { ids.count }
    public var wordCount: Int { tokens.count }

    /// The index of `reader`, built once per version and kept in `cache`.
    public static func cached(_ reader: any ItemReader, cache: ResultCache,
                              progress: AnalysisProgress? = nil) throws -> SearchIndex {
        if let hit: SearchIndex = cache.lookup("search-index", version: reader.version) { return hit }
        let index = try SearchIndex(reader: reader, progress: progress)
        return cache.value("search-index", version: reader.version) { index }
    }

    public init(reader: any ItemReader, progress: AnalysisProgress? = nil) throws {
        var b = SearchIndexBuilder()
        progress.begin("indexing", total: reader.count(.entity, inCase: nil))
        var cancelled = false
        var n = 0
        reader.forEach(.entity, inCase: nil) { item in
            n += 1
            if n & 8191 == 0 {
                progress.advance(by: 8192)
                if progress?.isCancelled == true { cancelled = true; return false }
            }
            if let e = item.entity { b.add(e) }
            return true
        }
        if cancelled { throw AnalysisCancelled() }
        for c in reader.cases { b.caseNamed[c.meta.id] = c.name }
        reader.forEach(.event, inCase: nil) { item in
            if let e = item.event { b.seen(e) }
            return true
        }
        self = b.finish()
    }

    /// An index over explicit entities (and the events that date them), for data not in a workspace.
    public init(entities: [Entity], events: [Event] = [], cases: [Case] = []) {
        var b = SearchIndexBuilder()
        for e in entities { b.add(e) }
        for c in cases { b.caseNamed[c.meta.id] = c.name }
        for e in events { b.seen(e) }
        self = b.finish()
    }

    init(ids: [ItemID], names: [String], nameWords: [UInt8], kindOfDoc: [UInt16], kindNames: [String], caseOffsets: [Int32],
         caseOfDoc: [UInt16], caseIDs: [ItemID], caseNames: [String], knownCaseNames: Set<String>, tagOffsets: [Int32], tagOfDoc: [Int32],
         tagNames: [String: Int32], firstSeen: [Int64], lastSeen: [Int64], tokens: [String], tokenLength: [UInt8], tokenIndex: [String: Int32],
         sortedTokens: [Int32], postingOffsets: [Int], postings: [UInt32], trigrams: [UInt32: [Int32]],
         phonetic: [String: [Int32]], identifiers: [String: [Int32]]) {
        self.ids = ids; self.names = names; self.nameWords = nameWords; self.kindOfDoc = kindOfDoc; self.kindNames = kindNames
        self.caseOffsets = caseOffsets; self.caseOfDoc = caseOfDoc; self.caseIDs = caseIDs; self.caseNames = caseNames; self.knownCaseNames = knownCaseNames
        self.tagOffsets = tagOffsets; self.tagOfDoc = tagOfDoc; self.tagNames = tagNames
        self.firstSeen = firstSeen; self.lastSeen = lastSeen; self.tokens = tokens; self.tokenLength = tokenLength; self.tokenIndex = tokenIndex
        self.sortedTokens = sortedTokens; self.postingOffsets = postingOffsets; self.postings = postings
        self.trigrams = trigrams; self.phonetic = phonetic; self.identifiers = identifiers
    }

    static func packTrigrams(_ word: String) -> [UInt32] {
        let bytes = [UInt8(32)] + Array(word.utf8) + [UInt8(32)]
        guard bytes.count >= 3 else { return [] }
        var out: [UInt32] = []
        out.reserveCapacity(bytes.count - 2)
        for i in 0...(bytes.count - 3) {
            out.append(UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]))
        }
        return out
    }
}

/// Accumulates documents and words, then compresses them into a `SearchIndex`.
struct SearchIndexBuilder {
    var ids: [ItemID] = []
    var docOf: [ItemID: Int32] = [:]
    var names: [String] = []
    var nameWords: [UInt8] = []
    var kindOfDoc: [UInt16] = []
    var kindIndex: [String: UInt16] = [:]
    var kindNames: [String] = []
    var caseOffsets: [Int32] = [0]
    var caseOfDoc: [UInt16] = []
    var caseIndex: [ItemID: UInt16] = [:]
    var caseIDs: [ItemID] = []
    var caseNamed: [ItemID: String] = [:]
    var tagOffsets: [Int32] = [0]
    var tagOfDoc: [Int32] = []
    var tagIndex: [String: Int32] = [:]
    var firstSeen: [Int64] = []
    var lastSeen: [Int64] = []
    var tokens: [String] = []
    var tokenIndex: [String: Int32] = [:]
    var pairToken: [Int32] = []
    var pairDoc: [UInt32] = []
    var identifiers: [String: [Int32]] = [:]

    mutating func token(_ t: String) -> Int32 {
        if let i = tokenIndex[t] { return i }
        let i = Int32(tokens.count)
        tokens.append(t)
        tokenIndex[t] = i
        return i
    }

    mutating func add(_ e: Entity) {
        let doc = Int32(ids.count)
        ids.append(e.meta.id)
        docOf[e.meta.id] = doc
        names.append(e.name)
        let kind = e.kind.rawValue
        if kindIndex[kind] == nil { kindIndex[kind] = UInt16(truncatingIfNeeded: kindNames.count); kindNames.append(kind) }
        kindOfDoc.append(kindIndex[kind]!)
        for c in e.meta.cases {
            if caseIndex[c] == nil { caseIndex[c] = UInt16(truncatingIfNeeded: caseIDs.count); caseIDs.append(c) }
            caseOfDoc.append(caseIndex[c]!)
        }
        caseOffsets.append(Int32(caseOfDoc.count))
        for t in e.meta.tags {
            let key = t.lowercased()
            if tagIndex[key] == nil { tagIndex[key] = Int32(tagIndex.count) }
            tagOfDoc.append(tagIndex[key]!)
        }
        tagOffsets.append(Int32(tagOfDoc.count))
        firstSeen.append(.max)
        lastSeen.append(.min)
        var best: [Int32: UInt32] = [:]
        func words(_ text: String, _ field: SearchIndex.Field) {
            for w in TextFold.tokens(text) {
                let t = token(w)
                if let f = best[t], f <= field.rawValue { continue }
                best[t] = field.rawValue
            }
        }
        let nameTokens = TextFold.tokens(e.name)
        nameWords.append(UInt8(clamping: nameTokens.count))
        for w in nameTokens {
            let t = token(w)
            best[t] = SearchIndex.Field.name.rawValue
        }
        for a in e.aliases { words(a, .alias) }
        for a in e.attributes { words(a.value, .attribute) }
        for i in e.identifiers {
            identifiers[i.value, default: []].append(doc)
            words(i.value, .identifier)
        }
        for (t, f) in best.sorted(by: { $0.key < $1.key }) {
            pairToken.append(t)
            pairDoc.append(UInt32(doc) << 2 | f)
        }
    }

    mutating func seen(_ e: Event) {
        let t = e.start.utcMicros
        func mark(_ id: ItemID) {
            guard let d = docOf[id].map(Int.init) else { return }
            if t < firstSeen[d] { firstSeen[d] = t }
            if t > lastSeen[d] { lastSeen[d] = t }
        }
        for p in e.participants { mark(p.entity) }
        if let place = e.place { mark(place) }
    }

    func finish() -> SearchIndex {
        let nt = tokens.count
        var offsets = [Int](repeating: 0, count: nt + 1)
        for t in pairToken { offsets[Int(t) + 1] += 1 }
        for i in 0..<nt { offsets[i + 1] += offsets[i] }
        var cursor = offsets
        var postings = [UInt32](repeating: 0, count: pairToken.count)
        for i in 0..<pairToken.count {  // docs were added in order, so each list is sorted by doc
            let t = Int(pairToken[i])
            postings[cursor[t]] = pairDoc[i]
            cursor[t] += 1
        }
        let sorted = (0..<Int32(nt)).sorted { tokens[Int($0)] < tokens[Int($1)] }
        var trigrams: [UInt32: [Int32]] = [:]
        var phonetic: [String: [Int32]] = [:]
        for (i, t) in tokens.enumerated() {
            for g in Set(SearchIndex.packTrigrams(t)) { trigrams[g, default: []].append(Int32(i)) }
            for k in PhoneticKey.keys(t) where k.count >= 2 { phonetic[k, default: []].append(Int32(i)) }
        }
        return SearchIndex(ids: ids, names: names, nameWords: nameWords, kindOfDoc: kindOfDoc, kindNames: kindNames, caseOffsets: caseOffsets,
                           caseOfDoc: caseOfDoc, caseIDs: caseIDs, caseNames: caseIDs.map { caseNamed[$0] ?? $0.description },
                           knownCaseNames: Set(caseNamed.values.map { $0.lowercased() }),
                           tagOffsets: tagOffsets, tagOfDoc: tagOfDoc, tagNames: tagIndex, firstSeen: firstSeen,
                           lastSeen: lastSeen, tokens: tokens, tokenLength: tokens.map { UInt8(clamping: $0.utf8.count) }, tokenIndex: tokenIndex, sortedTokens: sorted,
                           postingOffsets: offsets, postings: postings, trigrams: trigrams, phonetic: phonetic,
                           identifiers: identifiers)
    }
}
