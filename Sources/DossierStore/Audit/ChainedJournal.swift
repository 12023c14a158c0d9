import Crypto
import DossierModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An append-only file of hash-chained, framed entries: the format of the audit trail and the request register.
///
/// File layout (all integers little-endian):
///
///     header (32 bytes): "DOSSJRNL" | kind (8 bytes, ASCII, zero-padded) | u32 format version (1) | u32 flags | 8 zero bytes
///                        flags bit 0: payloads are sealed (see `JournalSealing`)
///     frame:             u32 magic "JFRM" | u32 payload length | u64 index | previous hash (32) | payload | entry hash (32)
///                        | u32 payload length | u32 magic "JEND"
///
///     entry hash = SHA-256("dossier-journal-v1" | kind | u64 index | previous hash | stored payload)
///     previous hash of entry 0 = SHA-256(header)
///
/// Each frame carries its own index and the hash of the entry before it, and its own hash doubles as the checksum, so
/// an edited entry fails its own hash, a deleted entry or swapped entries fail at the position where the index or the
/// previous hash stops matching, and the first bad entry can be named with its offset. The trailer repeats the
/// length so that opening for append finds and checks the last entry from the end of the file, however long the
/// trail has grown.
///
/// Crash safety: an append writes one whole frame at the end and fsyncs before returning. A crash can leave only an
/// incomplete last frame (shorter than its length says, or zero-filled by the file system): that torn tail is cut off
/// when the journal is next opened for writing, and reported. A complete frame that fails its checks is damage, never
/// cut. Opening for append checks the last entry only (so it stays fast however long the trail is): damage found
/// there refuses appends; damage further back is found by `read` (`dossier audit verify`), and entries appended after
/// it never hide it, since verification stops at the first bad entry and names it.
public final class ChainedJournal: @unchecked Sendable {
    public static let headerSize = 32
    static let frameOverhead = 88  // magic 4 + length 4 + index 8 + previous 32 + entry hash 32 + length 4 + end 4
    static let frameMagic: [UInt8] = Array("JFRM".utf8)
    static let endMagic: [UInt8] = Array("JEND".utf8)
    static let fileMagic: [UInt8] = Array("DOSSJRNL".utf8)
    /// Larger payloads are taken as damage rather than allocated.
    static let maxPayload = 1 << 30

    public let path: String
    public let kind: String
    public private(set) var isSealed: Bool
    private let sealing: (any JournalSealing)?
    private let kindTag: [UInt8]
    private var fd: Int32 = -1
    private var endOffset: Int64
    private var headHash: [UInt8]
    private var nextIndex: UInt64
    private var broken: String?
    private let lock = JournalLock()
    /// What opening found and did (a torn tail cut, damage found).
    public private(set) var openReport: [String] = []

    /// Opens the journal at `path` for appending, creating it when missing.
    /// `sealing` seals new payloads; a journal created sealed cannot be appended to or read without it.
    ///
    /// Several processes may hold a journal open for appending (the workspace's writer, and readers recording that a
    /// restricted case was opened): every append takes an exclusive `flock` on the file and first catches up with
    /// entries other processes appended, so the chain stays one chain.
    public init(appendingTo path: String, kind: String, sealing: (any JournalSealing)?) throws {
        self.path = path
        self.kind = kind
        self.kindTag = ChainedJournal.tag(for: kind)
        self.sealing = sealing
        self.isSealed = sealing != nil
        self.headHash = []
        self.endOffset = 0
        self.nextIndex = 0
        fd = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw JournalError.system("cannot open \(path)", errno) }
        do {
            try withFileLock { try catchUp() }
        } catch {
            Glibc.close(fd)
            fd = -1
            throw error
        }
    }

    /// Runs `body` holding the exclusive file lock.
    private func withFileLock<T>(_ body: () throws -> T) throws -> T {
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw JournalError.system("cannot lock \(path)", errno) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Brings the position, index and head up to the file's end (creating the header of a new file, cutting a torn
    /// tail). Called holding the file lock.
    private func catchUp() throws {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw JournalError.system("cannot stat \(path)", errno) }
        let size = Int64(st.st_size)
        if size == endOffset && endOffset > 0 { return }
        if size < Int64(ChainedJournal.headerSize) {
            // New (or cut short before its header was durable, which only a crash during creation can do).
            let header = ChainedJournal.header(kindTag: kindTag, sealed: sealing != nil)
            try JournalIO.writeAll(fd, header, at: 0, path: path)
            if ftruncate(fd, off_t(header.count)) != 0 { throw JournalError.system("cannot truncate \(path)", errno) }
            guard fsync(fd) == 0 else { throw JournalError.system("cannot fsync \(path)", errno) }
            try JournalIO.syncDirectory(of: path)
            isSealed = sealing != nil
            headHash = Array(SHA256.hash(data: header))
            endOffset = Int64(header.count)
            nextIndex = 0
            return
        }
        let header = try JournalIO.read(fd, count: ChainedJournal.headerSize, at: 0, path: path)
        isSealed = try ChainedJournal.checkHeader(header, kindTag: kindTag, kind: kind, path: path)
        if isSealed && sealing == nil {
            throw JournalError.invalid("\(path): the \(kind) journal is encrypted; the workspace key is needed")
        }
        if !isSealed && sealing != nil {
            throw JournalError.invalid("\(path): the \(kind) journal is not encrypted but the workspace is")
        }
        let tail = try ChainedJournal.walkToEnd(fd: fd, fileSize: size, kindTag: kindTag, header: header, path: path)
        headHash = tail.headHash
        endOffset = tail.endOffset
        nextIndex = tail.count
        broken = nil
        if let problem = tail.problem {
            if problem.isTornTail {
                guard ftruncate(fd, off_t(problem.offset)) == 0, fsync(fd) == 0 else {
                    throw JournalError.system("cannot cut the torn tail of \(path)", errno)
                }
                openReport.append("\(path): cut a torn last \(kind) entry at offset \(problem.offset) (\(problem.reason))")
            } else {
                broken = problem.description
                openReport.append("\(path): \(problem.description); appends refused")
            }
        }
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    /// Number of entries; the index the next entry gets.
    public var count: UInt64 { lock.with { nextIndex } }

    /// Hex SHA-256 of the last entry (of the header when empty): note it down to detect a later rewrite of the file.
    public var head: String { lock.with { journalHex(headHash) } }

    /// Appends one entry and makes it durable before returning; returns its index.
    @discardableResult
    public func append(_ plaintext: [UInt8]) throws -> UInt64 {
        try append(contentsOf: [plaintext])
    }

    /// Appends entries in one write and one fsync (all or, after a crash, a prefix of them); returns the first index.
    @discardableResult
    public func append(contentsOf plaintexts: [[UInt8]]) throws -> UInt64 {
        try lock.with {
            guard fd >= 0 else { throw JournalError.invalid("\(path): closed") }
            return try withFileLock { try appendLocked(plaintexts) }
        }
    }

    private func appendLocked(_ plaintexts: [[UInt8]]) throws -> UInt64 {
        try catchUp()
        if let broken { throw JournalError.invalid("\(path): \(broken); nothing more is appended") }
        let first = nextIndex
        // Each frame is written as its head, its payload and its tail, the payload where it lies: a bulk import's
        // entry (16 bytes per item) is not copied into a frame and a batch of frames first.
        var parts: [[UInt8]] = []
        var index = nextIndex
        var head = headHash
        for plaintext in plaintexts {
            let f = try frame(plaintext, index: index, previous: head, hash: &head)
            parts += [f.head, f.payload, f.tail]
            index += 1
        }
        var at = endOffset
        do {
            for part in parts {
                try JournalIO.writeAll(fd, part, at: at, path: path)
                at += Int64(part.count)
            }
            guard fsync(fd) == 0 else { throw JournalError.system("cannot fsync \(path)", errno) }
        } catch {
            // Leave no partial frame behind; if even that fails the next open cuts it as a torn tail.
            _ = ftruncate(fd, off_t(endOffset))
            throw error
        }
        endOffset = at
        headHash = head
        nextIndex = index
        return first
    }

    /// One frame; `hash` goes in as the previous entry's hash and comes out as this one's.
    private func frame(_ plaintext: [UInt8], index: UInt64, previous: [UInt8],
                       hash: inout [UInt8]) throws -> (head: [UInt8], payload: [UInt8], tail: [UInt8]) {
        let headHash = previous
        let stored = try sealing.map { try $0.seal(plaintext, associatedData: ChainedJournal.associatedData(kindTag, index)) } ?? plaintext
        guard stored.count <= ChainedJournal.maxPayload else {
            throw JournalError.invalid("\(path): entry of \(stored.count) bytes is too large")
        }
        let entryHash = ChainedJournal.entryHash(kindTag: kindTag, index: index, previous: headHash, payload: stored)
        var front = ChainedJournal.frameMagic
        var w = JournalWriter(capacity: 12)
        w.u32(UInt32(stored.count))
        w.u64(index)
        front += w.bytes
        front += headHash
        var trailer = JournalWriter(capacity: 8)
        trailer.u32(UInt32(stored.count))
        trailer.raw(ChainedJournal.endMagic)
        hash = entryHash
        return (front, stored, entryHash + trailer.bytes)
    }

    /// The last entry's index and plaintext payload; nil when the journal is empty (or sealed and it does not open).
    public func lastEntry() throws -> (index: UInt64, payload: [UInt8])? {
        try lock.with {
            guard fd >= 0, nextIndex > 0, broken == nil else { return nil }
            let end = try JournalIO.read(fd, count: 8, at: endOffset - 8, path: path)
            guard end.count == 8, Array(end[4..<8]) == ChainedJournal.endMagic else { return nil }
            let length = Int(end[0]) | Int(end[1]) << 8 | Int(end[2]) << 16 | Int(end[3]) << 24
            let start = endOffset - Int64(ChainedJournal.frameOverhead + length)
            let bytes = try JournalIO.read(fd, count: length, at: start + 48, path: path)
            let index = nextIndex - 1
            if let sealing {
                guard let plain = try? sealing.open(bytes, associatedData: ChainedJournal.associatedData(kindTag, index)) else { return nil }
                return (index, plain)
            }
            return (index, bytes)
        }
    }

    public func close() {
        lock.with {
            if fd >= 0 { Glibc.close(fd) }
            fd = -1
        }
    }

    // MARK: Reading and verifying

    /// Reads and checks every entry of the journal file at `path`; payloads are opened with `sealing` when sealed
    /// (and left nil without it). Never modifies the file.
    public static func read(path: String, kind: String, sealing: (any JournalSealing)?) throws -> JournalContents {
        let tag = tag(for: kind)
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw JournalError.system("cannot open \(path)", errno) }
        defer { Glibc.close(fd) }
        var st = stat()
        fstat(fd, &st)
        let size = Int(st.st_size)
        let bytes = try JournalIO.read(fd, count: size, at: 0, path: path)
        guard bytes.count >= headerSize else {
            throw JournalError.invalid("\(path): \(bytes.count) bytes, shorter than a journal header")
        }
        let header = Array(bytes[0..<headerSize])
        let sealed = try checkHeader(header, kindTag: tag, kind: kind, path: path)
        var contents = JournalContents(isSealed: sealed)
        var previous = Array(SHA256.hash(data: header))
        var offset = headerSize
        var index: UInt64 = 0
        while offset < bytes.count {
            switch checkFrame(bytes, at: offset, expectedIndex: index, previous: previous, kindTag: tag) {
            case .problem(let reason, let torn):
                contents.problem = JournalProblem(index: index, offset: Int64(offset), reason: reason, isTornTail: torn)
                contents.head = journalHex(previous)
                return contents
            case .ok(let payloadRange, let hash):
                let stored = Array(bytes[payloadRange])
                var payload: [UInt8]? = stored
                if sealed {
                    payload = try sealing.map {
                        do { return try $0.open(stored, associatedData: associatedData(tag, index)) } catch {
                            throw JournalError.invalid("\(path): \(kind) entry \(index) at offset \(offset) does not open with the workspace key")
                        }
                    }
                }
                contents.entries.append(JournalEntry(index: index, offset: Int64(offset), payload: payload, hash: journalHex(hash)))
                previous = hash
                offset = payloadRange.upperBound + 40
                index += 1
            }
        }
        contents.head = journalHex(previous)
        return contents
    }

    enum FrameCheck {
        case ok(Range<Int>, [UInt8])
        case problem(String, torn: Bool)
    }

    /// Checks the frame at `offset` of a whole file's bytes.
    static func checkFrame(_ bytes: [UInt8], at offset: Int, expectedIndex: UInt64, previous: [UInt8], kindTag: [UInt8]) -> FrameCheck {
        let available = bytes.count - offset
        let hasMagic = available >= 4 && Array(bytes[offset..<(offset + 4)]) == frameMagic
        // (Only a frame without its marker can be a zero-filled tail; checking that for every frame would be quadratic.)
        if !hasMagic && bytes[offset...].allSatisfy({ $0 == 0 }) {
            return .problem("\(available) zero bytes where an entry should start (an interrupted append)", torn: true)
        }
        guard available >= 16 else {
            return .problem("only \(available) bytes of an entry's frame (an interrupted append)", torn: true)
        }
        guard hasMagic else {
            return .problem("no entry frame marker", torn: false)
        }
        var r = JournalReader(bytes, at: offset + 4)
        let length = Int((try? r.u32("length")) ?? 0)
        let index = (try? r.u64("index")) ?? 0
        guard length <= maxPayload else { return .problem("implausible entry length \(length)", torn: false) }
        guard available >= frameOverhead + length else {
            // A damaged length in the middle also runs past the end: only call it torn when no later entry follows.
            if laterFrameFollows(bytes, after: offset, index: expectedIndex + 1) {
                return .problem("has a damaged length (\(length)): later entries follow it", torn: false)
            }
            return .problem("entry of \(frameOverhead + length) bytes but only \(available) left (an interrupted append)", torn: true)
        }
        let payloadStart = offset + 48
        let payloadRange = payloadStart..<(payloadStart + length)
        let storedHash = Array(bytes[payloadRange.upperBound..<(payloadRange.upperBound + 32)])
        let recordedPrevious = Array(bytes[(offset + 16)..<(offset + 48)])
        let hash = entryHash(kindTag: kindTag, index: index, previous: recordedPrevious, payload: bytes[payloadRange])
        guard hash == storedHash else {
            return .problem("content does not match its hash (the entry was altered)", torn: false)
        }
        var trailer = JournalReader(bytes, at: payloadRange.upperBound + 32)
        guard (try? trailer.u32("length")) == UInt32(length), (try? trailer.raw(4, "end")) == endMagic else {
            return .problem("has a damaged end marker", torn: false)
        }
        guard index == expectedIndex else {
            return .problem("holds entry number \(index) where \(expectedIndex) belongs (an entry was removed, inserted or moved)", torn: false)
        }
        guard recordedPrevious == previous else {
            return .problem("does not chain to the entry before it (an entry before it was altered, removed or moved)", torn: false)
        }
        return .ok(payloadRange, hash)
    }

    /// True when a frame marker carrying `index` starts somewhere after `offset`.
    static func laterFrameFollows(_ bytes: [UInt8], after offset: Int, index: UInt64) -> Bool {
        var i = offset + 1
        while i + 16 <= bytes.count {
            if bytes[i] == frameMagic[0], bytes[i + 1] == frameMagic[1], bytes[i + 2] == frameMagic[2], bytes[i + 3] == frameMagic[3] {
                var r = JournalReader(bytes, at: i + 8)
                if (try? r.u64("index")) == index { return true }
            }
            i += 1
        }
        return false
    }

    struct Tail {
        var count: UInt64
        var endOffset: Int64
        var headHash: [UInt8]
        var problem: JournalProblem?
    }

    /// Finds the end of the journal by walking the frame headers, checking the last frame in full
    /// (a whole-file verification is `read`; opening for append must stay fast however long the trail is).
    static func walkToEnd(fd: Int32, fileSize: Int64, kindTag: [UInt8], header: [UInt8], path: String) throws -> Tail {
        if fileSize == Int64(headerSize) {
            return Tail(count: 0, endOffset: fileSize, headHash: Array(SHA256.hash(data: header)), problem: nil)
        }
        // Fast path: the trailer of an intact last frame gives its start; check that frame in full.
        if fileSize >= Int64(headerSize + frameOverhead) {
            let end = try JournalIO.read(fd, count: 8, at: fileSize - 8, path: path)
            if end.count == 8, Array(end[4..<8]) == endMagic {
                let length = Int(end[0]) | Int(end[1]) << 8 | Int(end[2]) << 16 | Int(end[3]) << 24
                let start = fileSize - Int64(frameOverhead + length)
                if length <= maxPayload, start >= Int64(headerSize) {
                    let bytes = try JournalIO.read(fd, count: frameOverhead + length, at: start, path: path)
                    var r = JournalReader(bytes, at: 8)
                    let index = (try? r.u64("index")) ?? 0
                    let recordedPrevious = bytes.count >= 48 ? Array(bytes[16..<48]) : []
                    if index < UInt64(Int64.max),
                       case .ok(_, let hash) = checkFrame(bytes, at: 0, expectedIndex: index, previous: recordedPrevious, kindTag: kindTag) {
                        return Tail(count: index + 1, endOffset: fileSize, headHash: hash, problem: nil)
                    }
                }
            }
        }
        var offset = Int64(headerSize)
        var index: UInt64 = 0
        var lastFrame: (offset: Int64, length: Int)?
        while offset < fileSize {
            let available = fileSize - offset
            let head = try JournalIO.read(fd, count: Int(min(available, 16)), at: offset, path: path)
            let length = head.count >= 8 ? Int(head[4]) | Int(head[5]) << 8 | Int(head[6]) << 16 | Int(head[7]) << 24 : -1
            if head.count < 16 || Array(head[0..<4]) != frameMagic || length > maxPayload
                || Int64(frameOverhead + length) > available {
                break  // the rest is checked in full below
            }
            lastFrame = (offset, length)
            offset += Int64(frameOverhead + length)
            index += 1
        }
        // Check the last complete frame fully (its hash is the head), then classify whatever follows it.
        var previous = Array(SHA256.hash(data: header))
        if let last = lastFrame {
            let bytes = try JournalIO.read(fd, count: frameOverhead + last.length, at: last.offset, path: path)
            let recordedPrevious = Array(bytes[16..<48])
            switch checkFrame(bytes, at: 0, expectedIndex: index - 1, previous: recordedPrevious, kindTag: kindTag) {
            case .ok(_, let hash): previous = hash
            case .problem(let reason, _):
                return Tail(count: index - 1, endOffset: last.offset, headHash: recordedPrevious,
                            problem: JournalProblem(index: index - 1, offset: last.offset, reason: reason, isTornTail: false))
            }
        }
        if offset < fileSize {
            let rest = try JournalIO.read(fd, count: Int(min(fileSize - offset, Int64(frameOverhead + maxPayload))), at: offset, path: path)
            var problem = JournalProblem(index: index, offset: offset, reason: "", isTornTail: false)
            if case .problem(let reason, let torn) = checkFrame(rest, at: 0, expectedIndex: index, previous: previous, kindTag: kindTag) {
                problem.reason = reason
                problem.isTornTail = torn
            } else {
                problem.reason = "unreadable entry"
            }
            return Tail(count: index, endOffset: offset, headHash: previous, problem: problem)
        }
        return Tail(count: index, endOffset: offset, headHash: previous, problem: nil)
    }

    // MARK: Format helpers

    static func tag(for kind: String) -> [UInt8] {
        var t = Array(kind.utf8.prefix(8))
        while t.count < 8 { t.append(0) }
        return t
    }

    static func header(kindTag: [UInt8], sealed: Bool) -> [UInt8] {
        var w = JournalWriter(capacity: headerSize)
        w.raw(fileMagic)
        w.raw(kindTag)
        w.u32(1)
        w.u32(sealed ? 1 : 0)
        w.u64(0)
        return w.bytes
    }

    /// Checks magic, kind and version; returns whether payloads are sealed.
    static func checkHeader(_ header: [UInt8], kindTag: [UInt8], kind: String, path: String) throws -> Bool {
        guard Array(header[0..<8]) == fileMagic else { throw JournalError.invalid("\(path): not a Dossier journal (bad magic)") }
        guard Array(header[8..<16]) == kindTag else { throw JournalError.invalid("\(path): not a \(kind) journal") }
        var r = JournalReader(header, at: 16)
        let version = try r.u32("version")
        guard version == 1 else { throw JournalError.invalid("\(path): journal format version \(version) is not supported (1 is)") }
        let flags = try r.u32("flags")
        guard flags & ~1 == 0 else { throw JournalError.invalid("\(path): unknown journal flags \(flags)") }
        return flags & 1 == 1
    }

    static func entryHash<C: Collection>(kindTag: [UInt8], index: UInt64, previous: [UInt8], payload: C) -> [UInt8] where C.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(data: Array("dossier-journal-v1".utf8))
        hasher.update(data: kindTag)
        var w = JournalWriter(capacity: 8)
        w.u64(index)
        hasher.update(data: w.bytes)
        hasher.update(data: previous)
        hasher.update(data: Array(payload))
        return Array(hasher.finalize())
    }

    static func associatedData(_ kindTag: [UInt8], _ index: UInt64) -> [UInt8] {
        var w = JournalWriter(capacity: 16)
        w.raw(kindTag)
        w.u64(index)
        return w.bytes
    }
}

/// One entry as read back.
public struct JournalEntry: Sendable {
    public var index: UInt64
    public var offset: Int64
    /// The plaintext payload; nil when the journal is sealed and no key was given.
    public var payload: [UInt8]?
    /// Hex SHA-256 of the entry.
    public var hash: String
}

/// The first entry that failed its checks.
public struct JournalProblem: Sendable, Equatable, CustomStringConvertible {
    public var index: UInt64
    public var offset: Int64
    public var reason: String
    /// True for an incomplete last entry, which only an interrupted append leaves.
    public var isTornTail: Bool

    public var description: String {
        isTornTail ? "entry \(index) at offset \(offset) is incomplete: \(reason)"
            : "entry \(index) at offset \(offset) \(reason)"
    }
}

/// Everything read from a journal file, up to its first problem.
public struct JournalContents: Sendable {
    public var isSealed: Bool
    public var entries: [JournalEntry] = []
    /// Hex hash of the last good entry.
    public var head: String = ""
    public var problem: JournalProblem?

    init(isSealed: Bool) { self.isSealed = isSealed }
}

public enum JournalError: Error, CustomStringConvertible {
    case system(String, Int32)
    case invalid(String)

    public var description: String {
        switch self {
        case .system(let what, let code): "\(what): \(String(cString: strerror(code)))"
        case .invalid(let what): what
        }
    }
}

/// The few POSIX calls journals need, with short reads/writes and EINTR handled.
enum JournalIO {
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], at offset: Int64, path: String) throws {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress! + done, $0.count - done, off_t(offset) + off_t(done)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw JournalError.system("cannot write \(path)", errno)
            }
            done += n
        }
    }

    static func read(_ fd: Int32, count: Int, at offset: Int64, path: String) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset) + off_t(done)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw JournalError.system("cannot read \(path)", errno)
            }
            if n == 0 { break }
            done += n
        }
        if done < count { out.removeLast(count - done) }
        return out
    }

    /// Makes a file's creation or rename durable.
    static func syncDirectory(of path: String) throws {
        var dir = path
        if let slash = dir.lastIndex(of: "/") { dir = String(dir[..<slash]) } else { dir = "." }
        if dir.isEmpty { dir = "/" }
        let dfd = Glibc.open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dfd >= 0 else { throw JournalError.system("cannot open directory \(dir)", errno) }
        defer { Glibc.close(dfd) }
        guard fsync(dfd) == 0 else { throw JournalError.system("cannot fsync directory \(dir)", errno) }
    }

    /// Writes a small file atomically: temp file, fsync, rename, fsync of the directory.
    static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws {
        let temp = path + ".tmp"
        let fd = Glibc.open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw JournalError.system("cannot create \(temp)", errno) }
        do {
            try writeAll(fd, bytes, at: 0, path: temp)
            guard fsync(fd) == 0 else { throw JournalError.system("cannot fsync \(temp)", errno) }
        } catch {
            Glibc.close(fd)
            unlink(temp)
            throw error
        }
        Glibc.close(fd)
        guard rename(temp, path) == 0 else {
            let e = errno
            unlink(temp)
            throw JournalError.system("cannot rename \(temp) to \(path)", e)
        }
        try syncDirectory(of: path)
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw JournalError.system("cannot open \(path)", errno) }
        defer { Glibc.close(fd) }
        var st = stat()
        fstat(fd, &st)
        return try read(fd, count: Int(st.st_size), at: 0, path: path)
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
}

/// A pthread mutex (the journal is shared between the workspace's threads).
final class JournalLock: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func with<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }
}
