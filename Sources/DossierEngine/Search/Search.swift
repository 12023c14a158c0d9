import DossierModel

extension SearchIndex {
    /// Runs a query. Every free word must match (exactly, as a prefix, within one or two edits, or by sound);
    /// identifiers typed in any format match their normalised form. Results are ranked by score (1 is an exact
    /// name match), then name, then id; each says why it matched.
    public func search(_ query: SearchQuery, limit: Int = 20, progress: AnalysisProgress? = nil) throws -> [SearchHit] {
        let filter = try DocFilter(query: query, index: self)
        var scores: [Int32: (score: Double, reasons: [String])] = [:]
        var words = TextFold.tokens(query.text)
        // Identifiers: the whole text, and each word, in normalised form.
        let idHits = identifierMatches(query.text)
        if !idHits.isEmpty {
            for (doc, reason) in idHits where filter.accepts(Int(doc)) { scores[doc] = (1.0, [reason]) }
            // Words that are part of the identifier do not have to match names too.
            words = []
        }
        if !words.isEmpty {
            var result: [Int32: (Double, [String])]? = nil
            for word in words {
                try progress.check()
                let matches = wordMatches(word, filter: filter)
                if var acc = result {
                    var merged: [Int32: (Double, [String])] = [:]
                    merged.reserveCapacity(min(acc.count, matches.count))
                    for (doc, m) in matches { if let a = acc[doc] { merged[doc] = (a.0 + m.0, a.1 + [m.1]) } }
                    acc = merged
                    result = acc
                } else {
                    result = matches.mapValues { ($0.0, [$0.1]) }
                }
                if result?.isEmpty == true { break }
            }
            for (doc, value) in result ?? [:] {
                let score = value.0 / Double(words.count)
                if let old = scores[doc], old.score >= score { continue }
                scores[doc] = (score, value.1)
            }
        }
        if query.text.allSatisfy({ $0 == " " }) && query.hasFilters {
            // Filters alone: everything that passes them.
            for doc in 0..<ids.count where filter.accepts(doc) { scores[Int32(doc)] = (1.0, filter.reasons) }
        }
        let folded = TextFold.fold(query.text)
        var hits: [SearchHit] = scores.map { doc, v in
            let d = Int(doc)
            // A name equal to the whole query outranks one that merely contains every word.
            let exactBonus = !folded.isEmpty && TextFold.fold(names[d]) == folded ? 0.0 : -0.001
            return SearchHit(id: ids[d], name: names[d], kind: kindNames[Int(kindOfDoc[d])],
                             score: min(1, v.score) + exactBonus, reasons: v.reasons)
        }
        hits.sort { $0.score != $1.score ? $0.score > $1.score : ($0.name != $1.name ? $0.name < $1.name : $0.id < $1.id) }
        for i in hits.indices { hits[i].score = max(0, (hits[i].score * 1000).rounded() / 1000) }
        return Array(hits.prefix(max(0, limit)))
    }

    /// Convenience: parse and run.
    public func search(_ text: String, limit: Int = 20) throws -> [SearchHit] {
        try search(SearchQuery.parse(text), limit: limit)
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

    /// Documents matching one folded word, with the best score and reason per document.
    func wordMatches(_ word: String, filter: DocFilter) -> [Int32: (Double, String)] {
        var out: [Int32: (Double, String)] = [:]
        func post(_ token: Int32, _ base: Double, _ why: (SearchIndex.Field) -> String) {
            let t = Int(token)
            for k in postingOffsets[t]..<postingOffsets[t + 1] {
                let packed = postings[k]
                let doc = Int32(packed >> 2)
                guard filter.accepts(Int(doc)) else { continue }
                let field = SearchIndex.Field(rawValue: packed & 3)!
                let s = base * field.weight
                if let old = out[doc], old.0 >= s { continue }
                out[doc] = (s, why(field))
            }
        }
        var done = Set<Int32>()
        if let t = tokenIndex[word] {
            done.insert(t)
            post(t, 1.0) { "\($0.label) \"\(word)\"" }
        }
        // Words that begin with it (type-ahead), at most 64 of them.
        if word.utf8.count >= 2 {
            var lo = 0, hi = sortedTokens.count
            while lo < hi { let mid = (lo + hi) / 2; if tokens[Int(sortedTokens[mid])] < word { lo = mid + 1 } else { hi = mid } }
            var k = lo, taken = 0
            while k < sortedTokens.count && taken < 64 {
                let t = sortedTokens[k]
                let text = tokens[Int(t)]
                guard text.hasPrefix(word) else { break }
                if done.insert(t).inserted {
                    post(t, 0.8) { "\($0.label) \"\(text)\" begins with \"\(word)\"" }
                    taken += 1
                }
                k += 1
            }
        }
        // Typos: words sharing enough trigrams, within 1 edit (up to 5 letters) or 2 edits.
        let length = word.utf8.count
        if length >= 3 {
            let maxEdits = length <= 5 ? 1 : 2
            let grams = Array(Set(SearchIndex.packTrigrams(word)))
            var shared: [Int32: Int] = [:]
            for g in grams { for t in trigrams[g] ?? [] { shared[t, default: 0] += 1 } }
            let needed = max(1, grams.count - 3 * maxEdits)
            let query = Array(word.utf8)
            let candidates = shared.filter { $0.value >= needed && !done.contains($0.key) }
                .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(300)
            for (t, _) in candidates {
                let text = tokens[Int(t)]
                if abs(text.utf8.count - length) > maxEdits { continue }
                let d = StringDistance.editDistance(query, Array(text.utf8), limit: maxEdits)
                if d <= maxEdits {
                    done.insert(t)
                    post(t, 0.85 - 0.1 * Double(d)) { "\($0.label) \"\(text)\" ~ \"\(word)\" (\(d) edit\(d == 1 ? "" : "s"))" }
                }
            }
        }
        // Sound-alikes.
        let key = PhoneticKey.key(word)
        if key.count >= 2 {
            for t in (phonetic[key] ?? []).prefix(300) where done.insert(t).inserted {
                let text = tokens[Int(t)]
                post(t, 0.6) { "\($0.label) \"\(text)\" sounds like \"\(word)\"" }
            }
        }
        return out
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
                if matches.isEmpty { throw SearchQueryError("case: no case named \"\(name)\"") }
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

    @inline(__always) func accepts(_ d: Int) -> Bool {
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
