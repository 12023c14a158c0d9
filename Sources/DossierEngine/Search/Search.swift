import DossierModel

/// How a query word matched an indexed word.
struct WordMatch {
    enum How: UInt8 { case exact, prefix, typo, sound }
    var doc: Int32
    var score: Double
    var token: Int32
    var field: UInt8
    var how: How
    var edits: UInt8
}

extension SearchIndex {
    /// Runs a query. Every free word must match (exactly, as a prefix, within one or two edits, or by sound; a word
    /// with digits only exactly or as a prefix);
    /// identifiers typed in any format match their normalised form. Each result's score is the mean of its words'
    /// match scores (1 = an exact name word); a name equal to the whole query ranks first among equal scores.
    /// The best `limit` are chosen by score (ties: older items first) and listed by score, then name, then id.
    public func search(_ query: SearchQuery, limit: Int = 20, progress: AnalysisProgress? = nil) throws -> [SearchHit] {
        let filter = try DocFilter(query: query, index: self)
        let limit = max(0, limit)
        let idHits = identifierMatches(query.text).filter { filter.accepts(Int($0.0)) }
        if !idHits.isEmpty {
            return Array(idHits.prefix(limit).map { doc, reason in
                SearchHit(id: ids[Int(doc)], name: names[Int(doc)], kind: kindNames[Int(kindOfDoc[Int(doc)])], score: 1,
                          reasons: [reason])
            }.sorted { $0.name != $1.name ? $0.name < $1.name : $0.id < $1.id })
        }
        let words = TextFold.tokens(query.text)
        if words.isEmpty {
            guard query.hasFilters else { return [] }
            var docs: [Int] = []
            for d in 0..<ids.count where filter.accepts(d) { docs.append(d) }
            return present(docs.map { ($0, 1.0) }, limit: limit) { _ in filter.reasons }
        }
        // Each word's matches sorted by document; intersect them, summing scores.
        var perWord: [[WordMatch]] = []
        for w in words {
            try progress.check()
            let m = wordMatches(w, filter: filter)
            if m.isEmpty { return [] }
            perWord.append(m)
        }
        var cursor = [Int](repeating: 0, count: perWord.count)
        var scored: [(Int, Double)] = []
        let shortest = perWord.indices.min { perWord[$0].count < perWord[$1].count }!
        outer: for m in perWord[shortest] {
            var total = 0.0
            var exactName = true
            for k in perWord.indices {
                let list = perWord[k]
                var c = cursor[k]
                while c < list.count && list[c].doc < m.doc { c += 1 }
                cursor[k] = c
                guard c < list.count && list[c].doc == m.doc else { continue outer }
                total += list[c].score
                if list[c].how != .exact || list[c].field != 0 { exactName = false }
            }
            var score = total / Double(words.count)
            if !(exactName && Int(nameWords[Int(m.doc)]) == words.count) { score -= 0.001 }
            scored.append((Int(m.doc), score))
        }
        return present(scored, limit: limit) { doc in
            perWord.indices.map { k in
                let list = perWord[k]
                var lo = 0, hi = list.count
                while lo < hi { let mid = (lo + hi) / 2; if list[mid].doc < Int32(doc) { lo = mid + 1 } else { hi = mid } }
                return describe(list[lo], word: words[k])
            }
        }
    }

    /// Convenience: parse and run.
    public func search(_ text: String, limit: Int = 20) throws -> [SearchHit] {
        try search(SearchQuery.parse(text), limit: limit)
    }

    /// The best `limit` (score desc, then doc order), listed by score, name and id, with reasons.
    private func present(_ scored: [(Int, Double)], limit: Int, reasons: (Int) -> [String]) -> [SearchHit] {
        guard limit > 0 else { return [] }
        var best: [(Int, Double)] = []
        best.reserveCapacity(limit + 1)
        for s in scored {
            if best.count == limit, let last = best.last, s.1 <= last.1 { continue }
            var i = best.count
            while i > 0 && (best[i - 1].1 < s.1) { i -= 1 }
            best.insert(s, at: i)
            if best.count > limit { best.removeLast() }
        }
        var hits = best.map { doc, score in
            SearchHit(id: ids[doc], name: names[doc], kind: kindNames[Int(kindOfDoc[doc])],
                      score: max(0, (min(1, score) * 1000).rounded() / 1000), reasons: reasons(doc))
        }
        hits.sort { $0.score != $1.score ? $0.score > $1.score : ($0.name != $1.name ? $0.name < $1.name : $0.id < $1.id) }
        return hits
    }

    private func describe(_ m: WordMatch, word: String) -> String {
        let text = tokens[Int(m.token)]
        let label = SearchIndex.Field(rawValue: UInt32(m.field))!.label
        switch m.how {
        case .exact: return "\(label) \"\(text)\""
        case .prefix: return "\(label) \"\(text)\" begins with \"\(word)\""
        case .typo: return "\(label) \"\(text)\" ~ \"\(word)\" (\(m.edits) edit\(m.edits == 1 ? "" : "s"))"
        case .sound: return "\(label) \"\(text)\" sounds like \"\(word)\""
        }
    }

    /// Entities whose normalised identifiers equal `text` read as a phone, e-mail, IBAN, IP or document number.
    func identifierMatches(_ text: String) -> [(Int32, String)] {
        let trimmed = text.trimmingCharacters()
        guard !trimmed.isEmpty else { return [] }
        var candidates: [(IdentifierScheme, String)] = []
        let digits = trimmed.filter(\.isNumber).count
        for scheme: IdentifierScheme in [.phone, .email, .iban, .ip, .passport, .username] {
            if scheme == .phone && digits < 7 { continue }
            if scheme == .passport && (digits == 0 || trimmed.contains(" ")) { continue }
            if scheme == .username && trimmed.contains(" ") { continue }
            if let v = try? IdentifierNormalizer.normalize(trimmed, scheme: scheme) { candidates.append((scheme, v)) }
        }
        var out: [(Int32, String)] = []
        var seen = Set<Int32>()
        for (scheme, value) in candidates {
            for doc in identifiers[value] ?? [] where seen.insert(doc).inserted {
                out.append((doc, "identifier \(scheme == .passport ? "" : scheme.rawValue + " ")\(value)"))
            }
        }
        return out
    }

    /// Documents matching one folded word, sorted by document, with the best match per document.
    func wordMatches(_ word: String, filter: DocFilter) -> [WordMatch] {
        var expansions: [(token: Int32, base: Double, how: WordMatch.How, edits: UInt8)] = []
        var done = Set<Int32>()
        if let t = tokenIndex[word] { done.insert(t); expansions.append((t, 1.0, .exact, 0)) }
        // Words that begin with it (type-ahead), at most 64 of them.
        if word.utf8.count >= 2 {
            var lo = 0, hi = sortedTokens.count
            while lo < hi { let mid = (lo + hi) / 2; if tokens[Int(sortedTokens[mid])] < word { lo = mid + 1 } else { hi = mid } }
            var k = lo, taken = 0
            while k < sortedTokens.count && taken < 64 {
                let t = sortedTokens[k]
                guard tokens[Int(t)].hasPrefix(word) else { break }
                if done.insert(t).inserted { expansions.append((t, 0.8, .prefix, 0)); taken += 1 }
                k += 1
            }
        }
        // Typos: words of about the same length sharing enough trigrams, within 1 edit (up to 5 letters) or 2.
        // Not for words with digits: a number one digit off (a phone, an account, a plate) is another number, and
        // digit trigrams are shared by a large part of an index of phones and accounts.
        let length = word.utf8.count
        let hasDigits = word.utf8.contains { $0 >= 48 && $0 <= 57 }
        if length >= 3 && !hasDigits {
            let maxEdits = length <= 5 ? 1 : 2
            let grams = Array(Set(SearchIndex.packTrigrams(word)))
            var shared: [Int32: UInt16] = [:]
            for g in grams {
                for t in trigrams[g] ?? [] where abs(Int(tokenLength[Int(t)]) - length) <= maxEdits {
                    shared[t, default: 0] += 1
                }
            }
            let needed = max(1, grams.count - 3 * maxEdits)
            let query = Array(word.utf8)
            let candidates = shared.filter { Int($0.value) >= needed && !done.contains($0.key) }
                .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(300)
            for (t, _) in candidates {
                let d = StringDistance.editDistance(query, Array(tokens[Int(t)].utf8), limit: maxEdits)
                if d <= maxEdits { done.insert(t); expansions.append((t, 0.85 - 0.1 * Double(d), .typo, UInt8(d))) }
            }
        }
        // Sound-alikes.
        // Sound-alikes: words sharing the query word's primary or alternate Double Metaphone key.
        for key in PhoneticKey.keys(word) where key.count >= 2 {
            for t in (phonetic[key] ?? []).prefix(300) where done.insert(t).inserted { expansions.append((t, 0.6, .sound, 0)) }
        }
        var out: [WordMatch] = []
        for e in expansions {
            let t = Int(e.token)
            for k in postingOffsets[t]..<postingOffsets[t + 1] {
                let packed = postings[k]
                let doc = Int32(packed >> 2)
                guard filter.accepts(Int(doc)) else { continue }
                let field = UInt8(packed & 3)
                out.append(WordMatch(doc: doc, score: e.base * SearchIndex.Field(rawValue: UInt32(field))!.weight, token: e.token,
                                     field: field, how: e.how, edits: e.edits))
            }
        }
        guard expansions.count > 1 else { return out }  // one posting list is already sorted by document
        out.sort { $0.doc != $1.doc ? $0.doc < $1.doc : $0.score > $1.score }
        var unique: [WordMatch] = []
        unique.reserveCapacity(out.count)
        for m in out where unique.last?.doc != m.doc { unique.append(m) }
        return unique
    }
}

/// The filter part of a query resolved against an index.
struct DocFilter {
    let kinds: Set<UInt16>?
    let cases: Set<UInt16>?
    let tags: Set<Int32>?
    let after: Int64?
    let before: Int64?
    let index: SearchIndex
    var reasons: [String] = []

    init(query: SearchQuery, index: SearchIndex) throws {
        self.index = index
        if query.kinds.isEmpty { kinds = nil } else {
            kinds = Set(query.kinds.compactMap { k in index.kindNames.firstIndex(of: k).map { UInt16($0) } })
            reasons.append("kind " + query.kinds.joined(separator: ","))
        }
        if query.caseNames.isEmpty { cases = nil } else {
            var set = Set<UInt16>()
            for name in query.caseNames {
                let lower = name.lowercased()
                let matches = index.caseNames.indices.filter { index.caseNames[$0].lowercased() == lower }
                if matches.isEmpty && !index.knownCaseNames.contains(lower) {
                    throw SearchQueryError("case: no case named \"\(name)\"")
                }
                for m in matches { set.insert(UInt16(m)) }
            }
            cases = set
            reasons.append("case " + query.caseNames.joined(separator: ","))
        }
        if query.tags.isEmpty { tags = nil } else {
            tags = Set(query.tags.compactMap { index.tagNames[$0] })
            reasons.append("tag " + query.tags.joined(separator: ","))
        }
        after = query.after
        before = query.before
        if after != nil || before != nil { reasons.append("active in the time window") }
    }

    var isEmpty: Bool { kinds == nil && cases == nil && tags == nil && after == nil && before == nil }

    @inline(__always) func accepts(_ d: Int) -> Bool {
        if isEmpty { return true }
        if let kinds, !kinds.contains(index.kindOfDoc[d]) { return false }
        if let cases {
            var ok = false
            for k in Int(index.caseOffsets[d])..<Int(index.caseOffsets[d + 1]) where cases.contains(index.caseOfDoc[k]) { ok = true; break }
            if !ok { return false }
        }
        if let tags {
            var ok = false
            for k in Int(index.tagOffsets[d])..<Int(index.tagOffsets[d + 1]) where tags.contains(index.tagOfDoc[k]) { ok = true; break }
            if !ok { return false }
        }
        if after != nil || before != nil {
            let first = index.firstSeen[d], last = index.lastSeen[d]
            if first > last { return false }  // never seen in an event
            if let after, last < after { return false }
            if let before, first >= before { return false }
        }
        return true
    }
}
