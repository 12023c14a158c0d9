import DossierModel

/// Where rejected rows go: a CSV with the location and reason first, then the row as it was.
public final class RejectWriter {
    public let path: String
    private var out: OutputFile?
    private var wroteHeader = false
    private let header: () -> [String]

    public init(path: String, header: @escaping () -> [String] = { [] }) {
        self.path = path
        self.header = header
    }

    public func write(_ row: RejectedRow, fields: [String]) {
        do {
            if out == nil { out = try OutputFile(path: path) }
            if !wroteHeader {
                wroteHeader = true
                try out!.write(CSVWriter.line(["location", "reason"] + header()))
            }
            try out!.write(CSVWriter.line(["\(row.file):\(row.line)", row.reason] + fields))
        } catch {
            // The summary still lists the rejects; a reject file that cannot be written must not hide them.
        }
    }

    public func close() throws { try out?.close() }
    public var wroteAny: Bool { wroteHeader }
}

/// Imports a delimited file with a spec into a batch, streaming row by row.
public enum CSVImporter {
    /// Rows between hand-overs of their events (as rows: each hand-over is one chunk the store writes).
    public static let streamEvery = 32_768
    /// Changes (streamed entities) handed on once this many wait (a change is a whole item; a store writes a chunk
    /// of about this many at once).
    public static let streamableChangesEvery = 8192

    /// Reads the file into items. Without `stream` every item ends up in the result's batch. With `stream`, the
    /// events (the part that grows with the file) are handed to it every few thousand rows as they are made, and the
    /// batch holds the rest (case, source, entities, links), to be added after them: memory stays flat however large
    /// the file. With `streamEvents` the events go as `EventRows` instead (no `Event` is built for a row: what a store
    /// writes straight into its records). With `stream`, entities also go as they are made when the spec makes them
    /// complete at once (identifiers only, see `CompiledSpec.completeWhenMade`), and the import keeps none of them. A
    /// throw from either ends the import.
    public static func run(path: String, spec: ImportSpec, specName: String = "spec", reader: any ItemReader,
                           context: ImportContext, rejects: RejectWriter? = nil,
                           progress: ((ImportProgress) -> Void)? = nil,
                           stream: (([Change]) throws -> Void)? = nil,
                           streamEvents: ((EventRows) throws -> Void)? = nil,
                           handOverEvery: Int = CSVImporter.streamEvery) throws -> ImportResult {
        let csv = try CSVReader(path: path, options: spec.csvOptions)
        var ctx = context
        ctx.provenance = context.provenance.over(spec.provenance)
        let compiled = try CompiledSpec(spec, header: csv.header, columnCount: csv.columnCount, fileName: csv.fileName,
                                        specName: specName, defaultCountry: spec.defaultCountry ?? context.defaultCountry)
        var seed: UInt64 = 0xD055_1E12
        for b in csv.fileName.utf8 { seed = (seed ^ UInt64(b)) &* 0x100_0000_01B3 }
        let builder = ImportBuilder(reader: reader, context: ctx, fileName: csv.fileName, seed: seed,
                                    rejectSink: rejects.map { r in { r.write($0, fields: $1) } })
        builder.streamsCompleteEntities = stream != nil
        var rows = 0
        let fileSize = csv.fileSize
        // Records are parsed on another thread while this one turns the previous ones into items.
        let pipe = RecordPipe(csv)
        var pipeOpen = true
        defer { if pipeOpen { pipe.close() } }
        while let batch = pipe.next() {
            // Cells are read where they lie in the batch's buffer; strings are made only for what is kept or reported.
            try batch.rows.forEachRecord { line, problem, cells in
                rows += 1
                if let problem {
                    builder.reject(line: line, reason: problem, fields: cells.fields)
                } else if let reason = compiled.apply(cells, builder: builder) {
                    builder.reject(line: line, reason: reason, fields: cells.fields)
                }
                if rows & 0x3FFF == 0, let progress {
                    progress(ImportProgress(rows: rows, bytesRead: batch.bytesRead, totalBytes: fileSize))
                }
                if rows % max(1, handOverEvery) == 0 || builder.streamableCount >= CSVImporter.streamableChangesEvery {
                    try builder.handOver(stream: stream, streamEvents: streamEvents)
                }
                return true
            }
            if let error = batch.error { throw error }
            pipe.recycle(batch)
        }
        pipe.close()
        pipeOpen = false
        try builder.handOver(stream: stream, streamEvents: streamEvents)
        progress?(ImportProgress(rows: rows, bytesRead: csv.bytesRead, totalBytes: csv.fileSize))
        return builder.finish(sha256: csv.sha256, format: csv.delimiter == 9 ? "tsv" : "csv", encoding: csv.encoding.rawValue,
                              notices: csv.notices)
    }
}
