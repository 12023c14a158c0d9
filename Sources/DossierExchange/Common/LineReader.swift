/// Reads a file line by line as bytes, in 1 MiB chunks (JSON lines, FtM); line numbers start at 1.
final class LineReader {
    let file: FileBytes
    private var buf: [UInt8] = []
    private var pos = 0
    private var eof = false
    private(set) var line = 0

    init(path: String) throws { file = try FileBytes(path: path) }

    var name: String { file.name }

    /// The next line without its line break (a UTF-8 BOM on the first line is dropped), or nil at the end.
    func next() throws -> [UInt8]? {
        var out: [UInt8] = []
        while true {
            if pos >= buf.count {
                if eof { return out.isEmpty ? nil : finish(out) }
                buf.removeAll(keepingCapacity: true)
                pos = 0
                if try file.read(into: &buf, max: 1 << 20) == 0 { eof = true; continue }
            }
            if let nl = buf[pos...].firstIndex(of: 10) {
                out.append(contentsOf: buf[pos..<nl])
                pos = nl + 1
                return finish(out)
            }
            out.append(contentsOf: buf[pos...])
            pos = buf.count
        }
    }

    private func finish(_ bytes: [UInt8]) -> [UInt8] {
        line += 1
        var b = bytes
        if b.last == 13 { b.removeLast() }
        if line == 1 && b.starts(with: [0xEF, 0xBB, 0xBF]) { b.removeFirst(3) }
        return b
    }
}
