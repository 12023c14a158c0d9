/// How to read a delimited file; nil fields are detected from the file.
public struct CSVOptions: Sendable {
    public var delimiter: UInt8?
    public var hasHeader: Bool?
    public var encoding: TextEncoding?

    public init(delimiter: UInt8? = nil, hasHeader: Bool? = nil, encoding: TextEncoding? = nil) {
        self.delimiter = delimiter
        self.hasHeader = hasHeader
        self.encoding = encoding
    }
}

/// One record of a delimited file with the line it starts on.
/// `problem` names what is wrong with a record the reader could still delimit (invalid UTF-8, wrong field count);
/// such a record is a reject, while a defect that makes the rest unreadable (an unclosed quote) is thrown.
public struct CSVRow: Sendable {
    public var line: Int
    public var fields: [String]
    public var problem: String?

    public subscript(_ i: Int) -> String { i < fields.count ? fields[i] : "" }
}

/// A streaming RFC 4180 reader: works on bytes in 1 MiB chunks, so memory stays flat however large the file.
/// Quoted fields may hold delimiters, doubled quotes and line breaks; CRLF, LF and lone CR end records; blank lines are
/// skipped. Every record knows the line it starts on.
public final class CSVReader {
    public let fileName: String
    public private(set) var delimiter: UInt8
    /// The header's column names, or nil when the file has none.
    public private(set) var header: [String]?
    /// Fields every record must have (the header's count, else the first record's).
    public private(set) var columnCount: Int = 0
    /// Things the user should know that are not errors (the Latin-1 fallback).
    public private(set) var notices: [String] = []

    private let file: FileBytes
    private let chunks: UTF8Chunks
    @exclusivity(unchecked) private var buf: [UInt8] = []
    @exclusivity(unchecked) private var pos = 0
    @exclusivity(unchecked) private var atEOF = false
    @exclusivity(unchecked) private var line = 1
    private var lookahead: [CSVRow] = []
    private var lookaheadIndex = 0

    // Record assembly.
    @exclusivity(unchecked) private var storage: [UInt8] = []
    @exclusivity(unchecked) private var ends: [Int] = []
    @exclusivity(unchecked) private var highBytes: UInt8 = 0

    public var encoding: TextEncoding { chunks.encoding }
    public var bytesRead: Int { file.totalBytes }
    public var fileSize: Int { file.fileSize }
    /// SHA-256 of the file's bytes; complete once `next()` has returned nil.
    public var sha256: String { file.sha256Hex }

    public init(path: String, options: CSVOptions = CSVOptions()) throws {
        file = try FileBytes(path: path)
        fileName = file.name
        chunks = try UTF8Chunks(file: file, forced: options.encoding)
        if let n = chunks.latin1Notice { notices.append(n) }
        if let first = try chunks.next() { buf = first } else { atEOF = true }
        delimiter = options.delimiter ?? CSVSniffer.delimiter(in: buf.prefix(1 << 16))
        storage.reserveCapacity(1024)
        // Read a few records ahead to decide whether the first one is a header.
        var sample: [CSVRow] = []
        while sample.count < 50, let row = try readRecord() { sample.append(row) }
        let isHeader = options.hasHeader ?? (sample.count > 0 && sample[0].problem == nil
            && CSVSniffer.looksLikeHeader(sample[0].fields, rest: sample.dropFirst().map(\.fields)))
        if isHeader, let first = sample.first {
            if let p = first.problem { throw ExchangeError(file: fileName, line: first.line, p) }
            header = first.fields.map { $0.trimmingCharacters(in: " \t") }
            sample.removeFirst()
            columnCount = header!.count
        } else {
            columnCount = sample.first?.fields.count ?? 0
        }
        lookahead = sample
        for i in lookahead.indices { check(&lookahead[i]) }
    }

    /// The next record, or nil at the end of the file. Throws for an unclosed quote (the rest cannot be delimited).
    public func next() throws -> CSVRow? {
        if lookaheadIndex < lookahead.count {
            defer { lookaheadIndex += 1; if lookaheadIndex == lookahead.count { lookahead = []; lookaheadIndex = 0 } }
            return lookahead[lookaheadIndex]
        }
        guard var row = try readRecord() else { return nil }
        check(&row)
        return row
    }

    /// Reads the rest of the file so `sha256` covers all of it (used when a run stops early).
    public func finishHashing() throws { try file.drain() }

    private func check(_ row: inout CSVRow) {
        if row.problem == nil, columnCount > 0, row.fields.count != columnCount {
            row.problem = "expected \(columnCount) fields, found \(row.fields.count)"
        }
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    private func refill() throws -> Bool {
        if atEOF { return false }
        while let chunk = try chunks.next() {
            if chunk.isEmpty { continue }
            buf = chunk
            pos = 0
            return true
        }
        atEOF = true
        buf = []
        pos = 0
        return false
    }

    private func finishRecord(line start: Int) -> CSVRow {
        var fields: [String] = []
        fields.reserveCapacity(ends.count)
        if highBytes >= 0x80 && chunks.encoding == .utf8 || highBytes >= 0x80 && chunks.encoding == .utf8BOM {
            if String(validating: storage, as: UTF8.self) == nil {
                return CSVRow(line: start, fields: [], problem: "invalid UTF-8")
            }
        }
        storage.withUnsafeBufferPointer { p in
            var from = 0
            for e in ends {
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: p[from..<e]), as: UTF8.self))
                from = e
            }
        }
        return CSVRow(line: start, fields: fields)
    }

    /// Reads up to `max` records into `batch` (after what it holds): the fields' bytes back to back rather than a
    /// `String` each, for a reader that looks at most cells once (an import). Returns false once the file has ended.
    /// Records are checked as by `next()`: invalid UTF-8 or a wrong field count becomes the record's problem.
    func readRecords(into batch: inout RawRecords, max: Int) throws -> Bool {
        var n = 0
        while n < max && lookaheadIndex < lookahead.count {
            batch.append(lookahead[lookaheadIndex])
            lookaheadIndex += 1
            n += 1
            if lookaheadIndex == lookahead.count { lookahead = []; lookaheadIndex = 0 }
        }
        while n < max {
            guard let start = try readFields() else { return false }
            var problem: String?
            if highBytes >= 0x80 && (chunks.encoding == .utf8 || chunks.encoding == .utf8BOM)
                && String(validating: storage, as: UTF8.self) == nil {
                problem = "invalid UTF-8"
                batch.appendProblem(line: start, problem: "invalid UTF-8")
            } else {
                if columnCount > 0, ends.count != columnCount { problem = "expected \(columnCount) fields, found \(ends.count)" }
                batch.append(line: start, bytes: storage, ends: ends, problem: problem)
            }
            n += 1
        }
        return true
    }

    private func readRecord() throws -> CSVRow? {
        guard let start = try readFields() else { return nil }
        return finishRecord(line: start)
    }

    /// Parses one record into `storage`/`ends`; returns the line it starts on, nil at the end of the file.
    private func readFields() throws -> Int? {
        storage.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        highBytes = 0
        var state = State.fieldStart
        var startLine = line
        var started = false
        var quoteLine = line
        let delim = delimiter
        while true {
            if pos >= buf.count {
                if try !refill() {
                    switch state {
                    case .quoted:
                        throw ExchangeError(file: fileName, line: quoteLine, "unclosed quote")
                    case .fieldStart:
                        if !started { return nil }
                        ends.append(storage.count)
                    case .unquoted, .quoteInQuoted:
                        ends.append(storage.count)
                    }
                    return startLine
                }
            }
            // Scan the current chunk.
            var done = false
            var hb = highBytes
            buf.withUnsafeBufferPointer { p in
                let n = p.count
                var i = pos
                while i < n {
                    let b = p[i]
                    switch state {
                    case .fieldStart:
                        if !started {
                            if b == 10 { line += 1; i += 1; continue }  // blank line
                            if b == 13 { i += 1; if i < n && p[i] == 10 { i += 1 }; line += 1; continue }
                            started = true
                            startLine = line
                        }
                        if b == 34 {
                            state = .quoted; quoteLine = line; i += 1
                        } else if b == delim {
                            ends.append(storage.count); i += 1
                        } else if b == 10 || b == 13 {
                            ends.append(storage.count)
                            i += 1
                            if b == 13 && i < n && p[i] == 10 { i += 1 }
                            line += 1
                            done = true
                        } else {
                            state = .unquoted
                        }
                    case .unquoted:
                        // Fast path: copy the run of ordinary bytes at once.
                        var j = i
                        while j < n {
                            let c = p[j]
                            if c == delim || c == 10 || c == 13 { break }
                            hb |= c
                            j += 1
                        }
                        if j > i { storage.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<j])) }
                        i = j
                        if i < n {
                            let c = p[i]
                            ends.append(storage.count)
                            i += 1
                            state = .fieldStart
                            if c != delim {
                                if c == 13 && i < n && p[i] == 10 { i += 1 }
                                line += 1
                                done = true
                            }
                        }
                    case .quoted:
                        var j = i
                        while j < n {
                            let c = p[j]
                            if c == 34 { break }
                            if c == 10 { line += 1 } else if c == 13 && (j + 1 >= n || p[j + 1] != 10) { line += 1 }
                            hb |= c
                            j += 1
                        }
                        if j > i { storage.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<j])) }
                        i = j
                        if i < n { state = .quoteInQuoted; i += 1 }
                    case .quoteInQuoted:
                        if b == 34 {
                            storage.append(34); state = .quoted; i += 1
                        } else if b == delim {
                            ends.append(storage.count); state = .fieldStart; i += 1
                        } else if b == 10 || b == 13 {
                            ends.append(storage.count)
                            i += 1
                            if b == 13 && i < n && p[i] == 10 { i += 1 }
                            line += 1
                            state = .fieldStart
                            done = true
                        } else {
                            // Text after a closing quote ("ab"c): keep it, as spreadsheets do.
                            state = .unquoted
                        }
                    }
                    if done { break }
                }
                pos = i
            }
            highBytes = hb
            if done { return startLine }
        }
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
