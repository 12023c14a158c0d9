import DossierModel
@testable import DossierStore
import Foundation
import Testing

/// The sealed index snapshot mapped, and its plaintext memory faulted in, while an encrypted open derives its key:
/// used only when it is of the snapshot file the loader then finds, and giving exactly what reading without it gives.
@Suite struct SnapshotPreloadTests {
    func cipher(_ path: String) throws -> RecordCipher {
        let key = try WorkspaceMeta.read(directory: path).unwrapDataKey(passphrase: SnapshotTests.passphrase, directory: path)
        return RecordCipher(dataKey: key)
    }

    @Test func thePreloadedSnapshotGivesTheSameIndex() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        try SnapshotTests().build(path, encrypted: true)
        let snap = path + "/index/" + IndexSnapshot.fileName
        let cipher = try cipher(path)
        guard case .success(let read) = IndexSnapshot.read(from: snap, cipher: cipher) else {
            Issue.record("the snapshot does not read")
            return
        }
        let preload = SnapshotPreload.start(path: snap)
        let sealed = Disk.read(snap)
        let plainSize = sealed.withUnsafeBytes { SealedSnapshot.plaintextSize(header: $0) }
        #expect(plainSize == sealed.count - SealedSnapshot.headerSize - 28)  // one chunk: nonce and tag
        guard case .success(let preloaded) = IndexSnapshot.read(from: snap, cipher: cipher, preload: preload) else {
            Issue.record("the preloaded snapshot does not read")
            return
        }
        #expect(preloaded.sequence == read.sequence)
        #expect(preloaded.index.sameEntries(as: read.index))
        #expect(preloaded.index.times.count == 300)
        let again = SnapshotPreload.start(path: snap).take(path: snap)
        #expect(again?.file.count == sealed.count)
        #expect(again?.buffer?.count == plainSize)
        // The whole open goes through the preload and sees everything.
        let ws = try Workspace.open(at: path, mode: .readOnly, passphrase: SnapshotTests.passphrase)
        #expect(ws.openReport == [])
        SnapshotTests().expectContent(ws, "opened with the preload")
        ws.close()
    }

    @Test func aSnapshotReplacedAfterPreloadingIsReadAfresh() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        try SnapshotTests().build(path, encrypted: true)
        let snap = path + "/index/" + IndexSnapshot.fileName
        let cipher = try cipher(path)
        let preload = SnapshotPreload.start(path: snap)
        #expect(preload.take(path: snap) != nil)  // done, and of the file there now
        // A writer commits one more event and writes a new snapshot (renamed over the old file) on close.
        let ws = try Workspace.open(at: path, passphrase: SnapshotTests.passphrase)
        try ws.commit(Fixture.batch([Fixture.event(5000, at: 1_800_000_000, cases: [], participants: [Fixture.id(100)])]))
        let version = ws.version
        ws.close()
        #expect(preload.take(path: snap) == nil)
        guard case .success(let read) = IndexSnapshot.read(from: snap, cipher: cipher, preload: preload) else {
            Issue.record("the new snapshot does not read")
            return
        }
        #expect(read.sequence == version)
        #expect(read.index.times.count == 301)
    }

    @Test func nothingIsPreloadedWithoutASealedSnapshot() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        #expect(SnapshotPreload.start(path: dir.sub("missing.idx")).take(path: dir.sub("missing.idx")) == nil)
        let path = dir.sub("plain")
        try SnapshotTests().build(path, encrypted: false)
        let snap = path + "/index/" + IndexSnapshot.fileName
        // A plain snapshot is mapped, but its header is not a sealed one: no plaintext buffer is made.
        let taken = SnapshotPreload.start(path: snap).take(path: snap)
        #expect(taken?.file.count == Disk.read(snap).count)
        #expect(taken != nil && taken?.buffer == nil)
    }
}
