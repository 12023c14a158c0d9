/// The passes an importer makes over one JSON document (objects refer to each other in any order): each reads the
/// file again as a new element stream, only the first hashes it, and progress counts the bytes of every pass against
/// all of them.
final class JSONPasses {
    private let path: String
    private let arrays: Set<String>
    private let shapeError: String
    private let count: Int
    private let progress: ((ImportProgress) -> Void)?
    private var opened = 0

    init(path: String, arrays: Set<String>, shapeError: String, count: Int, progress: ((ImportProgress) -> Void)?) {
        self.path = path
        self.arrays = arrays
        self.shapeError = shapeError
        self.count = max(1, count)
        self.progress = progress
    }

    /// The next pass over the file.
    func next() throws -> JSONArrayStream {
        let s = try JSONArrayStream(path: path, arrays: arrays, shapeError: shapeError)
        s.file.hashes = opened == 0
        opened += 1
        return s
    }

    /// Reports progress every 4,096 elements of the current pass `s`.
    func report(_ s: JSONArrayStream, _ e: JSONElement) {
        guard let progress, e.index & 0xFFF == 0 else { return }
        let size = max(1, s.file.fileSize)
        progress(ImportProgress(rows: e.index, bytesRead: ((opened - 1) * size + s.file.totalBytes) / count, totalBytes: size))
    }
}
