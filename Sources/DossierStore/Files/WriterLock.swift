#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The single-writer lock: an exclusive `flock` on the workspace's `lock` file, which holds the writer's pid.
/// The OS drops the lock when the process dies, so a killed writer never leaves the workspace locked.
final class WriterLock {
    let path: String
    private var fd: Int32

    init(path: String) throws {
        self.path = path
        fd = try Files.open(path, O_RDWR | O_CREAT)
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = (try? Files.readAll(path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let pid = holder.split(whereSeparator: { $0 == "\n" || $0 == " " }).first.map(String.init) ?? "unknown"
            close(fd)
            throw StoreError("workspace \(Files.directory(of: path)) is being changed by another writer (pid \(pid)); try again when it has finished, or open it read-only")
        }
        let text = Array("\(getpid())\n".utf8)
        ftruncate(fd, 0)
        try text.withUnsafeBytes { try Files.writeAll(fd, $0, at: 0, path: path) }
    }

    func release() {
        guard fd >= 0 else { return }
        ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
