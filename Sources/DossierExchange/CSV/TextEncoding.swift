/// The text encodings partner files arrive in.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf8BOM = "utf-8-bom"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    case latin1 = "latin-1"
}

/// Turns a file's bytes into UTF-8 chunks: strips a BOM, transcodes UTF-16 and Latin-1, passes UTF-8 through.
/// Detection looks at the first chunk: a BOM decides; otherwise bytes that are not UTF-8 and contain no valid multi-byte
/// UTF-8 sequence at all mean the file is Latin-1 (reported through `latin1Notice`); a file that mixes valid and invalid
/// UTF-8 stays UTF-8 so the bad rows are named.
final class UTF8Chunks {
    static let chunkSize = 1 << 20
    let file: FileBytes
    private(set) var encoding: TextEncoding = .utf8
    /// "calls.csv:4: not UTF-8; read as Latin-1 (ISO 8859-1)" when the fallback applied.
    private(set) var latin1Notice: String?
    private var raw: [UInt8] = []
    private var first = true
    private var pendingHighSurrogate: UInt16?

    init(file: FileBytes, forced: TextEncoding? = nil) throws {
        self.file = file
        _ = try file.read(into: &raw, max: UTF8Chunks.chunkSize)
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) {
            encoding = .utf8BOM
            raw.removeFirst(3)
        } else if raw.starts(with: [0xFF, 0xFE]) {
            encoding = .utf16LE
            raw.removeFirst(2)
        } else if raw.starts(with: [0xFE, 0xFF]) {
            encoding = .utf16BE
            raw.removeFirst(2)
        } else if let forced {
            encoding = forced
        } else {
            let scan = UTF8Scan(raw, atEndOfFile: raw.count < UTF8Chunks.chunkSize)
            if let bad = scan.firstInvalidOffset, !scan.sawValidMultibyte {
                encoding = .latin1
                let line = 1 + raw[..<bad].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
                latin1Notice = "\(file.name):\(line): not UTF-8; read as Latin-1 (ISO 8859-1)"
            }
        }
    }

    /// The next chunk of UTF-8 bytes, or nil at the end.
    func next() throws -> [UInt8]? {
        if first {
            first = false
        } else {
            raw.removeAll(keepingCapacity: true)
            // Keep an odd trailing byte of UTF-16 for the next chunk.
            _ = try file.read(into: &raw, max: UTF8Chunks.chunkSize)
        }
        if raw.isEmpty && !(encoding == .utf16BE || encoding == .utf16LE) { return nil }
        switch encoding {
        case .utf8, .utf8BOM:
            return raw.isEmpty ? nil : raw
        case .latin1:
            guard !raw.isEmpty else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(raw.count + raw.count / 8)
            for b in raw {
                if b < 0x80 { out.append(b) } else { out.append(0xC0 | (b >> 6)); out.append(0x80 | (b & 0x3F)) }
            }
            return out
        case .utf16LE, .utf16BE:
            return try transcodeUTF16()
        }
    }

    private var carry: [UInt8] = []

    private func transcodeUTF16() throws -> [UInt8]? {
        var bytes = carry + raw
        carry = []
        if bytes.isEmpty {
            if pendingHighSurrogate != nil { pendingHighSurrogate = nil; return [0xEF, 0xBF, 0xBD] }
            return nil
        }
        if bytes.count % 2 == 1 {
            carry = [bytes.removeLast()]
            if bytes.isEmpty { return [] }
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        let little = encoding == .utf16LE
        var i = 0
        while i < bytes.count {
            let unit = little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
            i += 2
            var scalar: UInt32
            if let high = pendingHighSurrogate {
                pendingHighSurrogate = nil
                if unit >= 0xDC00 && unit <= 0xDFFF {
                    scalar = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(unit) - 0xDC00)
                    appendUTF8(scalar, to: &out)
                    continue
                }
                appendUTF8(0xFFFD, to: &out)
            }
            if unit >= 0xD800 && unit <= 0xDBFF { pendingHighSurrogate = unit; continue }
            scalar = (unit >= 0xDC00 && unit <= 0xDFFF) ? 0xFFFD : UInt32(unit)
            appendUTF8(scalar, to: &out)
        }
        return out
    }
}

@inline(__always) func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
    if v < 0x80 {
        out.append(UInt8(v))
    } else if v < 0x800 {
        out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F)))
    } else if v < 0x10000 {
        out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
    } else {
        out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
        out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
    }
}

/// One pass over bytes: where the first invalid UTF-8 is and whether any valid multi-byte sequence occurs.
struct UTF8Scan {
    var firstInvalidOffset: Int?
    var sawValidMultibyte = false

    init<C: RandomAccessCollection>(_ bytes: C, atEndOfFile: Bool) where C.Element == UInt8, C.Index == Int {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let need: Int
            if b >= 0xC2 && b <= 0xDF { need = 1 } else if b >= 0xE0 && b <= 0xEF { need = 2 } else if b >= 0xF0 && b <= 0xF4 { need = 3 } else {
                if firstInvalidOffset == nil { firstInvalidOffset = i }
                i += 1; continue
            }
            if !atEndOfFile && i + need >= end { break }  // a sequence cut at the chunk's end
            var ok = i + need < end
            if ok {
                for k in 1...need where bytes[i + k] & 0xC0 != 0x80 { ok = false }
            }
            if ok {
                sawValidMultibyte = true
                i += need + 1
            } else {
                if firstInvalidOffset == nil { firstInvalidOffset = i }
                i += 1
            }
        }
    }
}
