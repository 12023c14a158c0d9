/// Records of a delimited file as bytes: every field's bytes back to back in one buffer, with where each field
/// ends, instead of a `String` per field and an array per record. An importer reads most cells once (a phone it has
/// seen, a time it parses), so it looks at the bytes and makes a `String` only for what it keeps or reports.
/// Filled by `CSVReader.readRecords(into:max:)`; cleared and refilled without giving its memory back.
struct RawRecords: RandomAccessCollection {
    struct Entry {
        var line: Int
        /// The index (in `ends`) of the record's first field, and how many it has.
        var firstField: Int
        var fieldCount: Int
        /// Index into `problems`, or -1.
        var problem: Int
    }

    private(set) var bytes: [UInt8] = []
    /// End of each field in `bytes`; a field starts where the one before it (of any record) ends.
    private(set) var ends: [Int] = []
    private(set) var entries: [Entry] = []
    private(set) var problems: [String] = []

    var startIndex: Int { 0 }
    var endIndex: Int { entries.count }

    /// Record `i` with its fields as strings (for tests and reports; the import reads `withCells`).
    subscript(i: Int) -> CSVRow {
        let e = entries[i]
        return CSVRow(line: e.line, fields: (0..<e.fieldCount).map { field(e.firstField + $0) },
                      problem: e.problem >= 0 ? problems[e.problem] : nil)
    }

    /// Field `k` (counted over all records) as a string.
    func field(_ k: Int) -> String {
        let from = k == 0 ? 0 : ends[k - 1]
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[from..<ends[k]]), as: UTF8.self) }
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        problems.removeAll()
    }

    mutating func reserve(records: Int, bytesPerRecord: Int, fieldsPerRecord: Int) {
        bytes.reserveCapacity(records * bytesPerRecord)
        ends.reserveCapacity(records * fieldsPerRecord)
        entries.reserveCapacity(records)
    }

    mutating func append(line: Int, bytes fieldBytes: [UInt8], ends fieldEnds: [Int], problem: String?) {
        let base = bytes.count
        bytes.append(contentsOf: fieldBytes)
        entries.append(Entry(line: line, firstField: ends.count, fieldCount: fieldEnds.count, problem: noteProblem(problem)))
        for e in fieldEnds { ends.append(base + e) }
    }

    /// A record that has only a problem (its fields could not be read as text).
    mutating func appendProblem(line: Int, problem: String) {
        entries.append(Entry(line: line, firstField: ends.count, fieldCount: 0, problem: noteProblem(problem)))
    }

    mutating func append(_ row: CSVRow) {
        entries.append(Entry(line: row.line, firstField: ends.count, fieldCount: row.fields.count, problem: noteProblem(row.problem)))
        for f in row.fields {
            bytes.append(contentsOf: f.utf8)
            ends.append(bytes.count)
        }
    }

    private mutating func noteProblem(_ problem: String?) -> Int {
        guard let problem else { return -1 }
        problems.append(problem)
        return problems.count - 1
    }

    /// Calls `body` with each record's line, problem and cells, in order; stops early when `body` returns false.
    func forEachRecord(_ body: (_ line: Int, _ problem: String?, _ cells: RawCells) throws -> Bool) rethrows {
        try bytes.withUnsafeBufferPointer { b in
            try ends.withUnsafeBufferPointer { e in
                for entry in entries {
                    let cells = RawCells(buffer: b, ends: e, first: entry.firstField, count: entry.fieldCount)
                    if try !body(entry.line, entry.problem >= 0 ? problems[entry.problem] : nil, cells) { return }
                }
            }
        }
    }
}

/// The cells of one record, where they lie in a `RawRecords`' buffer (valid inside `forEachRecord` only).
struct RawCells {
    let buffer: UnsafeBufferPointer<UInt8>
    let ends: UnsafeBufferPointer<Int>
    let first: Int
    let count: Int

    /// Cell `i`'s bytes as in the file (empty past the last cell).
    @inline(__always)
    func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        guard i < count else { return UnsafeBufferPointer(start: nil, count: 0) }
        let k = first + i
        let from = k == 0 ? 0 : ends[k - 1]
        return UnsafeBufferPointer(rebasing: buffer[from..<ends[k]])
    }

    /// Every cell as a string, as in the file (what a reject file shows).
    var fields: [String] { (0..<count).map { String(decoding: bytes($0), as: UTF8.self) } }

    /// Cell `i` without the spaces and tabs around it, as bytes. Trimmed byte-wise only where that is what trimming
    /// the text by characters does (an ASCII character beside the spaces); otherwise nil, and the caller trims the
    /// string.
    @inline(__always)
    func trimmedBytes(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
        let b = bytes(i)
        guard let f = b.first, let l = b.last else { return b }
        if f != 32 && f != 9 && l != 32 && l != 9 { return b }
        var lo = 0, hi = b.count
        while lo < hi && (b[lo] == 32 || b[lo] == 9) { lo += 1 }
        while hi > lo && (b[hi - 1] == 32 || b[hi - 1] == 9) { hi -= 1 }
        if lo < hi && (b[lo] >= 0x80 || b[hi - 1] >= 0x80) { return nil }
        return UnsafeBufferPointer(rebasing: b[lo..<hi])
    }

    /// Cell `i` without the spaces and tabs around it, as a string.
    func string(_ i: Int) -> String {
        if let t = trimmedBytes(i) { return String(decoding: t, as: UTF8.self) }
        return String(decoding: bytes(i), as: UTF8.self).trimmingCharacters(in: " \t")
    }
}
