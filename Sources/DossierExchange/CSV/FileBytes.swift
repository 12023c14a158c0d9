#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto

/// Reads a file in large chunks with plain `read(2)` and hashes every byte on the way (SHA-256 for provenance),
/// so a file of any size is read once with a fixed amount of memory.
final class FileBytes {
    let path: String
    let name: String
    private let fd: Int32
    private var hasher = SHA256()
    private(set) var totalBytes: Int = 0
    private(set) var fileSize: Int = 0
    private var finishedDigest: String?
    /// False for a reader that reads a file again after another has hashed it (a second pass of an import).
    var hashes = true

    init(path: String) throws {
        self.path = path
        self.name = baseName(path)
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ExchangeError(file: baseName(path), "cannot open: \(String(cString: strerror(errno)))") }
        var st = stat()
        if fstat(fd, &st) == 0 { fileSize = Int(st.st_size) }
    }

    deinit { close(fd) }

    /// Appends up to `max` bytes to `buffer`; returns the number read (0 at the end of the file).
    func read(into buffer: inout [UInt8], max: Int) throws -> Int {
        let start = buffer.count
        buffer.reserveCapacity(start + max)
        var got = 0
        buffer.append(contentsOf: repeatElement(0, count: max))
        while true {
            got = buffer.withUnsafeMutableBytes { raw in Glibc.read(fd, raw.baseAddress! + start, max) }
            if got < 0 && errno == EINTR { continue }
            break
        }
        if got < 0 {
            buffer.removeLast(max)
            throw ExchangeError(file: name, "read failed: \(String(cString: strerror(errno)))")
        }
        buffer.removeLast(max - got)
        if got > 0 && hashes {
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[start..<(start + got)])) }
        }
        totalBytes += got
        return got
    }

    /// The SHA-256 of everything read so far (lower-case hex); call after reading to the end.
    var sha256Hex: String {
        if let d = finishedDigest { return d }
        let digest = hasher.finalize()
        let hex = digest.map { byte -> String in
            let s = String(byte, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
        finishedDigest = hex
        return hex
    }

    /// Reads the rest of the file (for hashing when a parser stopped early).
    func drain() throws {
        var scratch: [UInt8] = []
        while try read(into: &scratch, max: 1 << 20) > 0 { scratch.removeAll(keepingCapacity: true) }
    }
}

/// SHA-256 of a whole file, streamed.
public func sha256OfFile(_ path: String) throws -> String {
    let f = try FileBytes(path: path)
    try f.drain()
    return f.sha256Hex
}
