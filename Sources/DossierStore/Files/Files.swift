#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin POSIX file helpers: every failure becomes a `StoreError` naming the file and the OS reason.
enum Files {
    static func osError(_ what: String, _ path: String) -> StoreError {
        StoreError("\(what) \(path): \(String(cString: strerror(errno)))")
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o700) != 0 && errno != EEXIST { throw osError("cannot create directory", path) }
    }

    static func list(_ dir: String) throws -> [String] {
        guard let d = opendir(dir) else { throw osError("cannot list", dir) }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o600) throws -> Int32 {
        #if canImport(Glibc)
        let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
        #else
        let fd = Darwin.open(path, flags | O_CLOEXEC, mode)
        #endif
        guard fd >= 0 else { throw osError("cannot open", path) }
        return fd
    }

    static func readAll(_ path: String) throws -> [UInt8] {
        let fd = try open(path, O_RDONLY)
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw osError("cannot stat", path) }
        let size = Int(st.st_size)
        var out = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, size - done, off_t(done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw osError("cannot read", path) }
            done += n
        }
        return out
    }

    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int, path: String) throws {
        var done = 0
        while done < bytes.count {
            let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw osError("cannot write", path) }
            done += n
        }
    }

    static func sync(_ fd: Int32, path: String) throws {
        guard fsync(fd) == 0 else { throw osError("cannot sync", path) }
    }

    static func syncDirectory(_ dir: String) throws {
        let fd = try open(dir, O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        try sync(fd, path: dir)
    }

    /// Replaces `path` with `bytes` so that a crash leaves the old or the new file: temp file, fsync, rename,
    /// fsync of the directory.
    static func writeAtomically(_ path: String, _ bytes: [UInt8]) throws {
        try writeAtomically(path) { fd, tmp in try bytes.withUnsafeBytes { try writeAll(fd, $0, at: 0, path: tmp) } }
    }

    /// The same, with the content written by `body` (given the temp file's descriptor and path), so a large file
    /// can be written in pieces rather than built whole in memory first.
    static func writeAtomically(_ path: String, _ body: (Int32, String) throws -> Void) throws {
        let tmp = path + ".tmp"
        let fd = try open(tmp, O_WRONLY | O_CREAT | O_TRUNC)
        do {
            try body(fd, tmp)
            try sync(fd, path: tmp)
            close(fd)
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
        guard rename(tmp, path) == 0 else { throw osError("cannot rename into place", path) }
        try syncDirectory(directory(of: path))
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func remove(_ path: String) throws {
        if unlink(path) != 0 && errno != ENOENT { throw osError("cannot remove", path) }
    }

    struct Stamp: Equatable {
        var size: UInt64, inode: UInt64, ctimeSeconds: Int64, ctimeNanos: Int64
    }

    static func stamp(_ path: String) -> Stamp? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Stamp(size: UInt64(st.st_size), inode: UInt64(st.st_ino),
                     ctimeSeconds: Int64(st.st_ctim.tv_sec), ctimeNanos: Int64(st.st_ctim.tv_nsec))
    }
}

/// A read-only shared mapping of a file. Mapped with room to grow: pages past the file's end are never touched,
/// and appends by this process become visible through the same mapping without remapping.
final class MappedFile: @unchecked Sendable {
    let path: String
    let base: UnsafeRawPointer?
    let capacity: Int

    init(path: String, fd: Int32, minimumCapacity: Int) throws {
        self.path = path
        let page = 1 << 20
        let cap = max(page, (minimumCapacity + minimumCapacity / 2 + page - 1) / page * page)
        capacity = cap
        let p = mmap(nil, cap, PROT_READ, MAP_SHARED, fd, 0)
        guard let p, p != MAP_FAILED else { throw Files.osError("cannot map", path) }
        base = UnsafeRawPointer(p)
    }

    /// The bytes [offset, offset + count); the caller guarantees they lie inside the file.
    @inline(__always) func bytes(_ offset: Int, _ count: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base! + offset, count: count)
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), capacity) }
    }
}

extension Files {
    /// The whole file mapped read-only and pre-faulted (nil when it is empty). The mapping stays valid while the
    /// returned object lives, even if the file is replaced by a rename meanwhile.
    static func mapReadOnly(_ path: String) throws -> ColumnBytes? {
        let fd = try open(path, O_RDONLY)
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw osError("cannot stat", path) }
        let size = Int(st.st_size)
        guard size > 0 else { return nil }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), p != MAP_FAILED else {
            throw osError("cannot map", path)
        }
        return ColumnBytes(mapping: UnsafeRawPointer(p), size: size)
    }
}
