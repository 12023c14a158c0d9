/// Guesses a delimited file's delimiter and whether its first record is a header.
public enum CSVSniffer {
    static let candidates: [UInt8] = [44, 59, 9, 124]  // , ; TAB |

    /// The candidate that splits the first lines into the same, largest number of fields; ',' when nothing does.
    public static func delimiter<C: Collection>(in sample: C) -> UInt8 where C.Element == UInt8 {
        var lines: [[UInt8: Int]] = [[:]]
        var inQuotes = false
        for b in sample {
            if b == 34 { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if b == 10 {
                if lines.count >= 20 { break }
                lines.append([:])
                continue
            }
            if candidates.contains(b) { lines[lines.count - 1][b, default: 0] += 1 }
        }
        if lines.count > 1 && lines.last!.isEmpty { lines.removeLast() }
        var best: UInt8 = 44
        var bestScore = (0, 0)  // (consistent, fields)
        for c in candidates {
            let counts = lines.map { $0[c] ?? 0 }
            guard let lo = counts.min(), let hi = counts.max(), hi > 0 else { continue }
            let score = (lo == hi ? 1 : 0, lo == hi ? lo : lo)
            if score > bestScore { bestScore = score; best = c }
        }
        return best
    }

    /// A first row is a header when its cells are distinct, non-empty words without values in them (no digits-only,
    /// dates, phone numbers or amounts), while the rows after it do hold such values or differ in shape.
    public static func looksLikeHeader(_ first: [String], rest: [[String]]) -> Bool {
        guard !first.isEmpty, Set(first).count == first.count else { return false }
        for cell in first {
            let t = cell.trimmingCharacters(in: " \t")
            if t.isEmpty || isValueLike(t) { return false }
        }
        if rest.isEmpty { return true }
        // A column whose later cells look like values while the first cell does not.
        for row in rest.prefix(20) {
            for cell in row where isValueLike(cell) { return true }
        }
        // All text: a header when its names are known column words.
        let known: Set<String> = ["source", "target", "type", "weight", "from", "to", "name", "id", "label", "kind",
                                  "caller", "callee", "receiver", "date", "time", "start", "amount", "currency"]
        if first.allSatisfy({ known.contains($0.lowercased().trimmingCharacters(in: " \t")) }) { return true }
        // Lower-case column words over rows with capitals or non-ASCII text ("name,city" over "Zoë,Kraków").
        func isColumnWord(_ s: String) -> Bool {
            s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 || $0 == 32 || $0 == 45 || $0 == 46 }
        }
        guard first.allSatisfy(isColumnWord) else { return false }
        return rest.prefix(20).contains { row in row.contains { !$0.isEmpty && !isColumnWord($0) } }
    }

    static func isValueLike(_ s: String) -> Bool {
        var digits = 0, others = 0
        for u in s.utf8 {
            if u >= 48 && u <= 57 { digits += 1 } else if u != 32 && u != 45 && u != 43 && u != 46 && u != 58 && u != 47 { others += 1 }
        }
        return digits > 0 && digits >= others
    }
}
