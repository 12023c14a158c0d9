import Testing
import DossierModel
@testable import DossierExchange

/// Records as bytes: cells read where they lie, trimmed as the text would be, and turned back into the fields a
/// reject file shows.
@Suite struct RawRecordsTests {
    @Test func cellsAreTrimmedAsTheirTextWouldBe() {
        var records = RawRecords()
        let fields = ["  +447700900123 ", "\t2025-01-01T00:00:05Z", "", " \u{301}x ", "é ", "plain"]
        records.append(CSVRow(line: 7, fields: fields))
        records.append(line: 8, bytes: Array("ab".utf8), ends: [1, 2], problem: "expected 6 fields, found 2")
        #expect(records.count == 2)
        #expect(records[0].fields == fields)
        #expect(records[1].line == 8 && records[1].fields == ["a", "b"] && records[1].problem == "expected 6 fields, found 2")
        var seen: [(Int, String?, [String], [String])] = []
        records.forEachRecord { line, problem, cells in
            seen.append((line, problem, cells.fields, (0..<cells.count).map { cells.string($0) }))
            return true
        }
        #expect(seen.count == 2)
        #expect(seen[0].0 == 7 && seen[0].1 == nil && seen[0].2 == fields)
        // Each cell trimmed exactly as `trimmingCharacters(in: " \t")` trims its text (a space before a combining
        // accent belongs to that accent's character and stays).
        #expect(seen[0].3 == fields.map { $0.trimmingCharacters(in: " \t") })
        #expect(seen[0].3 == ["+447700900123", "2025-01-01T00:00:05Z", "", " \u{301}x", "é", "plain"])
        #expect(seen[1].3 == ["a", "b"])
        records.forEachRecord { _, _, cells in
            #expect(cells.trimmedBytes(0).map { Array($0) } == Array("+447700900123".utf8))
            #expect(cells.trimmedBytes(3) == nil)  // not ASCII beside the spaces: the caller trims the text
            #expect(cells.bytes(9).isEmpty)
            return false
        }
    }
}
