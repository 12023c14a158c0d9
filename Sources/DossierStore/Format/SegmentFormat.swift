import DossierModel

/// The layout of segment files `segments/NNNNNNNN.seg`.
///
/// Header (32 bytes): magic "DSEG", format version u16, flags u16 (bit 0: a compacted base segment that
/// supersedes every lower-numbered one), segment number u32, workspace id (16 bytes), CRC-32C of the 28 bytes before.
/// Then frames: payload length u32, CRC-32C u32 of (type byte + payload), type u8, payload (sealed by the cipher).
/// A transaction is its data frames followed by one commit frame; anything after the last commit frame is unfinished.
enum SegmentFormat {
    static let magic: [UInt8] = Array("DSEG".utf8)
    static let version: UInt16 = 1
    static let headerSize = 32
    static let frameHeaderSize = 9
    static let baseFlag: UInt16 = 1
    /// A segment is closed and a new one started once it holds this much (a single batch may exceed it).
    static let softCapacity = 1 << 30
    static let hardCapacity = Int(UInt32.max) - 1

    enum FrameType: UInt8 {
        case put = 1, delete = 2, commit = 3
    }

    static func fileName(_ number: UInt32) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits + ".seg"
    }

    static func number(ofFileName name: String) -> UInt32? {
        guard name.hasSuffix(".seg"), name.count == 12 else { return nil }
        return UInt32(name.prefix(8))
    }

    static func header(number: UInt32, base: Bool, workspaceID: ItemID) -> [UInt8] {
        var w = ByteWriter(capacity: headerSize)
        w.raw(magic)
        w.u16(version)
        w.u16(base ? baseFlag : 0)
        w.u32(number)
        w.id(workspaceID)
        w.u32(CRC32C.checksum(w.bytes))
        return w.bytes
    }

    struct Header {
        var number: UInt32
        var isBase: Bool
        var workspaceID: ItemID
    }

    static func readHeader(_ bytes: UnsafeRawBufferPointer) -> Result<Header, StoreError> {
        guard bytes.count >= headerSize else { return .failure(StoreError("header is cut short (\(bytes.count) bytes)")) }
        guard bytes[0] == magic[0], bytes[1] == magic[1], bytes[2] == magic[2], bytes[3] == magic[3] else {
            return .failure(StoreError("not a segment file (bad magic)"))
        }
        var r = ByteReader(UnsafeRawBufferPointer(rebasing: bytes[0..<headerSize]))
        do {
            _ = try r.u32()
            let v = try r.u16()
            let flags = try r.u16()
            let number = try r.u32()
            let id = try r.id()
            let crc = try r.u32()
            guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<28])) == crc else {
                return .failure(StoreError("header checksum mismatch"))
            }
            guard v == version else { return .failure(StoreError("format version \(v) not supported")) }
            return .success(Header(number: number, isBase: flags & baseFlag != 0, workspaceID: id))
        } catch {
            return .failure(StoreError("header unreadable"))
        }
    }

    /// One frame found in a segment.
    struct Frame {
        var type: FrameType
        var offset: Int
        var totalLength: Int
        var payload: UnsafeRawBufferPointer
    }

    enum FrameRead {
        case frame(Frame)
        case end
        case bad(String)
    }

    /// The frame starting at `offset` of `file`, checked (length, type, and the checksum unless `checksum` is false:
    /// reads of sealed records skip it, as their GCM tag covers the type and payload and fails on any change).
    static func frame(at offset: Int, in file: UnsafeRawBufferPointer, checksum: Bool = true) -> FrameRead {
        let remaining = file.count - offset
        if remaining == 0 { return .end }
        guard remaining >= frameHeaderSize else { return .bad("frame header cut short") }
        let base = file.baseAddress! + offset
        let length = Int(UInt32(littleEndian: base.loadUnaligned(as: UInt32.self)))
        guard length <= remaining - frameHeaderSize else { return .bad("frame runs past the end of the file") }
        guard let type = FrameType(rawValue: base.load(fromByteOffset: 8, as: UInt8.self)) else {
            return .bad("unknown frame type")
        }
        let stored = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
        guard !checksum || CRC32C.checksum(UnsafeRawBufferPointer(start: base + 8, count: length + 1)) == stored else {
            return .bad("checksum mismatch")
        }
        return .frame(Frame(type: type, offset: offset, totalLength: length + frameHeaderSize,
                            payload: UnsafeRawBufferPointer(start: base + frameHeaderSize, count: length)))
    }

    /// Whether a well-formed commit frame starts anywhere after `offset`: then the bad bytes at `offset` are
    /// damage to committed data, not an unfinished transaction at the end.
    static func hasCommitFrame(after offset: Int, in file: UnsafeRawBufferPointer) -> Bool {
        var p = offset + 1
        while p + frameHeaderSize <= file.count {
            if file[p + 8] == FrameType.commit.rawValue, case .frame = frame(at: p, in: file) { return true }
            p += 1
        }
        return false
    }

    /// Appends one frame (header, then the payload sealed for this position) to `out`, which will be written at
    /// byte `fileOffset` of segment `segment`.
    static func appendFrame(_ type: FrameType, plaintext: [UInt8], segment: UInt32, fileOffset: Int, cipher: RecordCipher,
                            into out: inout [UInt8]) throws {
        let start = out.count
        out.append(contentsOf: [0, 0, 0, 0, 0, 0, 0, 0, type.rawValue])
        try cipher.seal(plaintext, segment: segment, offset: UInt64(fileOffset), type: type.rawValue, into: &out)
        let length = out.count - start - frameHeaderSize
        guard length <= hardCapacity else { throw StoreError("record of \(length) bytes is too large") }
        let crc = out.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[(start + 8)...])) }
        withUnsafeBytes(of: UInt32(length).littleEndian) { for i in 0..<4 { out[start + i] = $0[i] } }
        withUnsafeBytes(of: crc.littleEndian) { for i in 0..<4 { out[start + 4 + i] = $0[i] } }
    }
}

/// What a commit frame says about its transaction.
struct CommitRecord {
    var sequence: UInt64
    var frameCount: Int
    /// Byte offset of the transaction's first frame in the segment.
    var start: Int
    var analyst: String
    var time: TimePoint
    var action: String
    var reason: String

    func encoded() -> [UInt8] {
        var w = ByteWriter(capacity: 64)
        w.u64(sequence)
        w.varint(frameCount)
        w.varint(start)
        w.string(analyst)
        ItemCodec.time(time, &w)
        w.string(action)
        w.string(reason)
        return w.bytes
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> CommitRecord {
        var r = ByteReader(bytes)
        let seq = try r.u64()
        let count = try r.varint(), start = try r.varint()
        guard count < UInt64(Int32.max), start < UInt64(UInt32.max) else { throw CodecError("bad commit record") }
        return CommitRecord(sequence: seq, frameCount: Int(count), start: Int(start), analyst: try r.string(),
                            time: try ItemCodec.time(&r), action: try r.string(), reason: try r.string())
    }
}

/// A delete frame's content.
struct DeleteRecord {
    var id: ItemID
    var reason: String

    func encoded() -> [UInt8] {
        var w = ByteWriter(capacity: 32 + reason.utf8.count)
        w.id(id)
        w.string(reason)
        return w.bytes
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> DeleteRecord {
        var r = ByteReader(bytes)
        return DeleteRecord(id: try r.id(), reason: try r.string())
    }
}

extension SegmentFormat {
    /// Starts a frame in `w` (header with length and checksum to be filled by `endFrame`); returns its start.
    static func beginFrame(_ type: FrameType, _ w: inout ByteWriter) -> Int {
        let start = w.bytes.count
        w.bytes.append(contentsOf: [0, 0, 0, 0, 0, 0, 0, 0, type.rawValue])
        return start
    }

    /// Fills in the length and checksum of the frame begun at `start`.
    static func endFrame(_ start: Int, _ w: inout ByteWriter) throws {
        let length = w.bytes.count - start - frameHeaderSize
        guard length <= hardCapacity else { throw StoreError("record of \(length) bytes is too large") }
        w.bytes.withUnsafeMutableBytes { b in
            let crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: b[(start + 8)...]))
            b.storeBytes(of: UInt32(length).littleEndian, toByteOffset: start, as: UInt32.self)
            b.storeBytes(of: crc.littleEndian, toByteOffset: start + 4, as: UInt32.self)
        }
    }
}
