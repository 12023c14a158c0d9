#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// What opening an encrypted workspace can do before it has the key, on another core while the passphrase key is
/// derived (scrypt, one core for ~56 ms): map the sealed index snapshot and make the memory its plaintext will be
/// decrypted into, faulting that memory in. The kernel zeroing ~120 MB of fresh pages took the decrypting threads
/// longer than decrypting into them (perf, 1M-event workspace); here it happens before they start, on a core that
/// would otherwise wait for the key. (The scrypt thread's CPU time stays the same: the two do not slow each other.)
///
/// Nothing is read but the sealed file's own header (for the plaintext size); nothing is decrypted or trusted.
/// `take(path:)` hands the work over only when the file at `path` is still the one mapped (a writer may have
/// replaced the snapshot meanwhile); otherwise the snapshot is read as usual.
final class SnapshotPreload: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written by the preloading thread before it signals `done`, read only after waiting for it.
    private var file: ColumnBytes?
    private var stamp: Files.Stamp?
    private var buffer: SnapshotBuffer?

    /// Starts preloading the sealed snapshot at `path` on a helper thread.
    static func start(path: String) -> SnapshotPreload {
        let preload = SnapshotPreload()
        DispatchQueue.global().async {
            preload.load(path)
            preload.done.signal()
        }
        return preload
    }

    private func load(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size >= SealedSnapshot.headerSize else { return }
        let size = Int(st.st_size)
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), p != MAP_FAILED else { return }
        let mapped = ColumnBytes(mapping: UnsafeRawPointer(p), size: size)
        file = mapped
        stamp = Files.Stamp(size: UInt64(st.st_size), inode: UInt64(st.st_ino),
                            ctimeSeconds: Int64(st.st_ctim.tv_sec), ctimeNanos: Int64(st.st_ctim.tv_nsec))
        // The plaintext size as the header states it; `SealedSnapshot.open` checks it against the file again.
        let header = UnsafeRawBufferPointer(start: mapped.base, count: SealedSnapshot.headerSize)
        guard let plainSize = SealedSnapshot.plaintextSize(header: header), plainSize <= size,
              let made = SnapshotBuffer(count: plainSize) else { return }
        made.fault()
        buffer = made
    }

    /// The mapped sealed file and the faulted plaintext buffer, once preloading is over, when `path` still names
    /// the file that was mapped; nil otherwise (then nothing is used and the caller reads the file itself).
    func take(path: String) -> (file: ColumnBytes, buffer: SnapshotBuffer?)? {
        done.wait()
        done.signal()  // a second `take` (there is none today) must not block forever
        guard let file, let stamp, Files.stamp(path) == stamp else { return nil }
        return (file, buffer)
    }
}

/// Anonymous memory for a decrypted index snapshot; `owner` keeps it mapped. Plain 4 KiB pages: asked for 2 MiB pages
/// (MADV_HUGEPAGE), the kernel compacted memory inside the page faults whenever free memory was fragmented, and an
/// encrypted open took 64-135 ms instead of a steady 62-68 ms (1M events, one sitting).
struct SnapshotBuffer: @unchecked Sendable {
    let owner: ColumnBytes
    let base: UnsafeMutableRawPointer
    let count: Int

    init?(count: Int) {
        let size = max(count, 1)
        guard let p = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), p != MAP_FAILED else {
            return nil
        }
        base = p
        self.count = count
        owner = ColumnBytes(mapping: UnsafeRawPointer(p), size: size, offset: 0, count: count)
    }

    /// Touches every page, so that the kernel allocates (and zeroes) them now rather than when they are written.
    func fault() {
        var at = 0
        while at < count {
            base.storeBytes(of: 0, toByteOffset: at, as: UInt8.self)
            at += 4096
        }
    }
}
