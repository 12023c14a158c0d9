#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered output file written with `write(2)`; `close()` flushes. Large exports and generated files stream
/// through a 1 MiB buffer, so memory stays flat.
public final class OutputFile {
    public let path: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private let limit = 1 << 20

    public init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw ExchangeError(file: path, "cannot write: \(String(cString: strerror(errno)))") }
        buffer.reserveCapacity(limit + 4096)
    }

    deinit { if fd >= 0 { _ = try? flush(); Glibc.close(fd) } }

    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= limit { try flush() }
    }

    public func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= limit { try flush() }
    }

    public func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ExchangeError(file: path, "write failed: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    public func close() throws {
        guard fd >= 0 else { return }
        try flush()
        Glibc.close(fd)
        fd = -1
    }
}

/// RFC 4180 output: quotes a field only when it holds a comma, quote or line break.
public enum CSVWriter {
    public static func field(_ s: String, delimiter: Character = ",") -> String {
        var needs = false
        for u in s.utf8 where u == 44 || u == 34 || u == 10 || u == 13 || u == 9 && delimiter == "\t" { needs = true; break }
        if delimiter == ";" && s.contains(";") { needs = true }
        guard needs else { return s }
        return "\"" + s.replacingQuotes + "\""
    }

    public static func line(_ fields: [String], delimiter: Character = ",") -> String {
        fields.map { field($0, delimiter: delimiter) }.joined(separator: String(delimiter)) + "\n"
    }
}

extension String {
    var replacingQuotes: String {
        guard contains("\"") else { return self }
        var out = ""
        for c in self { if c == "\"" { out += "\"\"" } else { out.append(c) } }
        return out
    }
}
