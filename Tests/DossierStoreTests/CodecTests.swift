import DossierModel
@testable import DossierStore
import Testing

@Suite struct CodecTests {
    @Test func crc32cMatchesRFC3720Vectors() {
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).reversed().map { UInt8($0) }) == 0x113F_DB5C)
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        // Continuing over a split gives the same as one pass (the slice-by-8 and byte loops agree).
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(CRC32C.checksum(Array(data[333...]), continuing: CRC32C.checksum(Array(data[..<333]))) == CRC32C.checksum(data))
    }

    @Test func everyItemTypeRoundTrips() throws {
        let items = Fixture.everyType()
        #expect(Set(items.map(\.kind)) == Set(ItemKind.allCases))
        for item in items {
            let bytes = ItemCodec.encode(item)
            #expect(try ItemCodec.decode(bytes) == item)
        }
    }

    @Test func varintsAndSignedValuesRoundTrip() throws {
        let values: [Int64] = [0, 1, -1, 63, -64, 64, 300, -300, .max, .min, 1_700_000_000_000_000]
        var w = ByteWriter()
        for v in values { w.signed(v) }
        w.varint(UInt64.max)
        let (decoded, last, atEnd) = try w.bytes.withUnsafeBytes { raw throws -> ([Int64], UInt64, Bool) in
            var r = ByteReader(raw)
            let d = try values.map { _ in try r.signed() }
            return (d, try r.varint(), r.atEnd)
        }
        #expect(decoded == values)
        #expect(last == UInt64.max)
        #expect(atEnd)
    }

    @Test func varintsDecodeTheSameWithAndWithoutTenBytesLeft() throws {
        // With 10 or more bytes left the reader takes its unchecked fast path; near the end the checked one.
        for v: UInt64 in [0, 127, 128, 1 << 35, 3_400_000_000_000_000, UInt64.max] {
            var w = ByteWriter()
            w.varint(v)
            let exact = w.bytes, padded = w.bytes + [UInt8](repeating: 0xFF, count: 10)
            for bytes in [exact, padded] {
                let got = try bytes.withUnsafeBytes { raw throws -> (UInt64, Int) in
                    var r = ByteReader(raw)
                    return (try r.varint(), r.position)
                }
                #expect(got.0 == v)
                #expect(got.1 == exact.count)
            }
        }
        // Eleven bytes is too long on either path, with the same message.
        for extra in [0, 10] {
            let bytes = [UInt8](repeating: 0x80, count: 10) + [0x01] + [UInt8](repeating: 0, count: extra)
            #expect(throws: CodecError.self) {
                try bytes.withUnsafeBytes { raw in
                    var r = ByteReader(raw)
                    _ = try r.varint()
                }
            }
        }
    }

    @Test func damagedRecordsThrowInsteadOfTrapping() {
        let bytes = ItemCodec.encode(Fixture.everyType()[1])
        for cut in [0, 1, 17, bytes.count / 2, bytes.count - 1] {
            #expect(throws: (any Error).self) { try ItemCodec.decode(Array(bytes[..<cut])) }
        }
        var unknown = bytes
        unknown[0] = 99
        #expect(throws: (any Error).self) { try ItemCodec.decode(unknown) }
        #expect(throws: (any Error).self) { try ItemCodec.decode(bytes + [0]) }
    }
}
