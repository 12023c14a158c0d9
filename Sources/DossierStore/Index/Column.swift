#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Read-only bytes that index columns point into: a mapping of a plain snapshot file, or the anonymous mapping a
/// sealed snapshot was decrypted into. Freed when the last column using it goes.
final class ColumnBytes: @unchecked Sendable {
    /// The content.
    let base: UnsafeRawPointer
    let count: Int
    /// The whole mapping (it may start before `base`), unmapped when the last column using it goes.
    private let mapping: UnsafeRawPointer
    private let mappingSize: Int

    /// Takes ownership of a mapping made with `mmap` whose content starts `offset` bytes in.
    init(mapping: UnsafeRawPointer, size: Int, offset: Int = 0, count: Int? = nil) {
        self.mapping = mapping
        mappingSize = size
        base = mapping + offset
        self.count = count ?? size - offset
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: mapping), mappingSize) }
}

/// A sorted index array: either an ordinary Swift array or a read-only view into snapshot bytes, so that opening a
/// workspace uses the snapshot's arrays where they lie instead of copying them. The first change copies a view
/// into an array of its own (copy on write), so the code that updates the index works on arrays as before.
struct Column<Element>: RandomAccessCollection, @unchecked Sendable {
    private var array: [Element]
    private var view: UnsafeBufferPointer<Element>?
    private var owner: ColumnBytes?

    init(_ array: [Element] = []) {
        self.array = array
    }

    /// `count` elements at byte `offset` of `bytes` (aligned for `Element`, inside `bytes`: the caller checked).
    init(viewing bytes: ColumnBytes, offset: Int, count: Int) {
        array = []
        owner = bytes
        view = UnsafeBufferPointer(start: (bytes.base + offset).assumingMemoryBound(to: Element.self), count: count)
    }

    var startIndex: Int { 0 }
    var endIndex: Int { view?.count ?? array.count }

    subscript(i: Int) -> Element {
        get {
            if let view { return view[i] }
            return array[i]
        }
        set {
            materialise()
            array[i] = newValue
        }
    }

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        if let view { return try body(view) }
        return try array.withUnsafeBufferPointer(body)
    }

    /// The elements as an array (a copy when this is a view).
    var elements: [Element] { view.map { Array($0) } ?? array }

    mutating func removeAll(where shouldRemove: (Element) throws -> Bool) rethrows {
        materialise()
        try array.removeAll(where: shouldRemove)
    }

    private mutating func materialise() {
        guard let v = view else { return }
        array = Array(v)
        view = nil
        owner = nil
    }
}
