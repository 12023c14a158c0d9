import DossierModel

/// The items an export covers: everything, or one case's items.
public struct ExportScope {
    public let reader: any ItemReader
    public let caseID: ItemID?

    public init(reader: any ItemReader, caseID: ItemID? = nil) {
        self.reader = reader
        self.caseID = caseID
    }

    public var entities: [Entity] { reader.allEntities(inCase: caseID) }
    public var links: [Link] { reader.allLinks(inCase: caseID) }
    public var events: [Event] { reader.allEvents(inCase: caseID) }
    public var sources: [Source] { reader.allItems(.source, inCase: caseID).compactMap(\.source) }
    public var notes: [Note] { reader.allItems(.note, inCase: caseID).compactMap(\.note) }
    public var cases: [Case] { caseID.map { id in reader.cases.filter { $0.meta.id == id } } ?? reader.cases }

    func caseNames(_ meta: ItemMeta) -> String {
        let names = Dictionary(reader.cases.map { ($0.meta.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return meta.cases.compactMap { names[$0] }.joined(separator: ";")
    }
}

/// What an export wrote and what the format could not express.
public struct ExportReport: Sendable, Equatable {
    public var files: [String] = []
    public var counts: [String: Int] = [:]
    public var skipped: [String] = []
    public init() {}

    public var lines: [String] {
        var out = ["wrote " + files.joined(separator: ", ") + ": "
            + counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")]
        out += skipped.map { "not exported: " + $0 }
        return out
    }
}
