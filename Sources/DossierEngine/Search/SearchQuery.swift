import DossierModel

/// A parsed search: free words plus field filters `kind:phone case:NAME after:2024-01-01 before:2024-02-01 tag:X`.
public struct SearchQuery: Sendable, Equatable {
    /// The free text (filters removed), as typed.
    public var text: String
    public var kinds: [String] = []
    public var caseNames: [String] = []
    public var tags: [String] = []
    /// Entities active (in an event) at or after this time (UTC microseconds).
    public var after: Int64?
    /// Entities active before this time (the end of the given day/month/... when it is a partial date).
    public var before: Int64?

    public var hasFilters: Bool { !kinds.isEmpty || !caseNames.isEmpty || !tags.isEmpty || after != nil || before != nil }

    public init(text: String) { self.text = text }

    /// Parses a query; a filter with a bad value (an unknown date) is an error naming it.
    public static func parse(_ input: String) throws -> SearchQuery {
        var words: [Substring] = []
        var q = SearchQuery(text: "")
        for word in input.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            guard let colon = word.firstIndex(of: ":"), colon != word.startIndex else { words.append(word); continue }
            let key = word[..<colon].lowercased()
            let value = String(word[word.index(after: colon)...])
            func time(_ end: Bool) throws -> Int64 {
                guard let t = TimePoint.parse(value) else {
                    throw SearchQueryError("\(key): \"\(value)\" is not a date (expected e.g. 2024-01-31)")
                }
                return end ? t.interval.upperBound + 1 : t.interval.lowerBound
            }
            switch key {
            case "kind": q.kinds.append(value.lowercased())
            case "case": q.caseNames.append(value)
            case "tag": q.tags.append(value.lowercased())
            case "after": q.after = try time(false)
            case "before": q.before = try time(false)
            default: words.append(word)  // "http://..." or "a:b" stays text
            }
            if value.isEmpty, ["kind", "case", "tag", "after", "before"].contains(key) {
                throw SearchQueryError("\(key): needs a value")
            }
        }
        q.text = words.joined(separator: " ")
        return q
    }
}

public struct SearchQueryError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// One search result with why it matched.
public struct SearchHit: Sendable, Equatable {
    public var id: ItemID
    public var name: String
    public var kind: String
    public var score: Double
    public var reasons: [String]
}
