import DossierModel
@testable import DossierStore
import Foundation
import Testing

@Suite struct EncryptionTests {
    static let options = WorkspaceOptions(encrypted: true, passphrase: "correct horse", scryptLogN: 10)

    func allFiles(_ root: String) -> [String] {
        let e = FileManager.default.enumerator(atPath: root)
        var out: [String] = []
        while let p = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + p, isDirectory: &isDir), !isDir.boolValue { out.append(root + "/" + p) }
        }
        return out.sorted()
    }

    func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= hay.count, !needle.isEmpty else { return false }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] {
            if Array(hay[i..<(i + needle.count)]) == needle { return true }
        }
        return false
    }

    @Test func noNameIdentifierOrNoteIsReadableInAnyFile() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        let ws = try Workspace.create(at: path, options: Self.options)
        let items = Fixture.everyType() + [
            Fixture.entity(20, "Zebediah Quartermaine", identifiers: [Identifier(scheme: .email, normalized: "zeb@quartermaine.example")]),
            .note(Note(meta: Fixture.meta(21), about: [Fixture.id(20)], text: "meets the courier at Ostkreuz")),
        ]
        try ws.commit(Fixture.batch(items))
        try ws.compact()
        try ws.commit(Fixture.batch([Fixture.entity(22, "Philippa Vantongeren")]))
        ws.close()
        let needles = ["Zebediah", "Quartermaine", "zeb@quartermaine", "courier at Ostkreuz", "Philippa", "Vantongeren",
                       "+447700900123", "Иван", "Европол", "anna", "REF-"]
        let files = allFiles(path)
        #expect(files.contains(path + "/index/snapshot.idx"))
        for file in files {
            let bytes = Disk.read(file)
            for n in needles { #expect(!contains(bytes, Array(n.utf8)), "\(n) readable in \(file)") }
        }
        let again = try Workspace.open(at: path, mode: .readOnly, passphrase: "correct horse")
        #expect(again.resolve("Zebediah Quartermaine") == Fixture.id(20))
        #expect(again.item(Fixture.id(21))?.note?.text == "meets the courier at Ostkreuz")
        for item in items where item.id != Fixture.id(20) && item.id != Fixture.id(21) { #expect(again.item(item.id) == item) }
        #expect(again.fsck().isClean)
        again.close()
    }

    @Test func aWrongPassphraseIsRefusedAndChangesNothing() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        let ws = try Workspace.create(at: path, options: Self.options)
        try ws.commit(Fixture.batch([Fixture.entity(1, "Secret")]))
        ws.close()
        let before = allFiles(path).map { ($0, Disk.read($0)) }
        #expect {
            try Workspace.open(at: path, passphrase: "wrong horse")
        } throws: { "\($0)" == "wrong passphrase for \(path)" }
        #expect {
            try Workspace.open(at: path)
        } throws: { "\($0)" == "workspace \(path) is encrypted: a passphrase is needed" }
        let after = allFiles(path).map { ($0, Disk.read($0)) }
        #expect(before.map(\.0) == after.map(\.0))
        #expect(before.map(\.1) == after.map(\.1))
    }

    @Test func rekeyChangesThePassphraseKeepingTheData() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        let ws = try Workspace.create(at: path, options: Self.options)
        try ws.commit(Fixture.batch([Fixture.entity(1, "Secret")]))
        try ws.rekey(newPassphrase: "battery staple", scryptLogN: 10)
        ws.close()
        #expect(throws: StoreError.self) { try Workspace.open(at: path, passphrase: "correct horse") }
        let again = try Workspace.open(at: path, passphrase: "battery staple")
        #expect(again.resolve("Secret") == Fixture.id(1))
        again.close()
    }

    @Test func aFlippedCiphertextByteIsDetected() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        let ws = try Workspace.create(at: path, options: Self.options)
        try ws.commit(Fixture.batch([Fixture.entity(1, "first")]))
        try ws.commit(Fixture.batch([Fixture.entity(2, "second")]))
        let offset = Int(ws.stateForMaintenance.index.entry(Fixture.id(1))!.offset)
        ws.close()
        let segment = Disk.segments(path)[0]
        var bytes = Disk.read(segment)
        // Flip a ciphertext byte and fix up the frame's CRC, so only the AES-GCM tag can catch it.
        bytes[offset + 9 + 30] ^= 0x80
        let length = Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16
        let crc = CRC32C.checksum(Array(bytes[(offset + 8)..<(offset + 9 + length)]))
        for i in 0..<4 { bytes[offset + 4 + i] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(i))) }
        Disk.write(segment, bytes)
        let opened = try Workspace.open(at: path, passphrase: "correct horse")
        #expect(opened.isReadOnly)
        #expect(opened.openReport.first == "segments/00000001.seg: record at byte \(offset) cannot be read (record does not decrypt (wrong key or damaged ciphertext))")
        #expect(!opened.fsck().isClean)
        opened.close()
    }
}
