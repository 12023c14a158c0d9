import Testing
import DossierModel
@testable import DossierExchange

@Suite struct CSVReaderTests {
    func readAll(_ path: String, _ options: CSVOptions = CSVOptions()) throws -> (CSVReader, [CSVRow]) {
        let r = try CSVReader(path: path, options: options)
        var rows: [CSVRow] = []
        while let row = try r.next() { rows.append(row) }
        return (r, rows)
    }

    @Test func quotedFieldsWithDelimitersNewlinesAndQuotes() throws {
        let d = TempDir(); defer { d.cleanup() }
        let p = d.write("a.csv", "name,note,amount\r\n\"Müller, Jörg\",\"said \"\"hi\"\"\nthen left\",12.5\r\n\r\nplain,,3\n")
        let (r, rows) = try readAll(p)
        #expect(r.header == ["name", "note", "amount"])
        #expect(r.delimiter == 44)
        #expect(rows.count == 2)
        #expect(rows[0].fields == ["Müller, Jörg", "said \"hi\"\nthen left", "12.5"])
        #expect(rows[0].line == 2)
        #expect(rows[1].fields == ["plain", "", "3"])
        #expect(rows[1].line == 5)
        #expect(r.encoding == .utf8)
    }

    @Test func detectsSemicolonTabAndHeaderlessFiles() throws {
        let d = TempDir(); defer { d.cleanup() }
        let (r1, rows1) = try readAll(d.write("s.csv", "a;b;c\n1;2;3\n4;5;6\n"))
        #expect(r1.delimiter == 59)
        #expect(rows1.map(\.fields) == [["1", "2", "3"], ["4", "5", "6"]])
        let (r2, rows2) = try readAll(d.write("t.tsv", "+441234567890\t+33123456789\t2024-01-01\n+441234567891\t+33123456788\t2024-01-02\n"))
        #expect(r2.delimiter == 9)
        #expect(r2.header == nil)
        #expect(rows2.count == 2)
        #expect(rows2[0].line == 1)
    }

    @Test func bomAndUTF16() throws {
        let d = TempDir(); defer { d.cleanup() }
        let (r1, rows1) = try readAll(d.write("bom.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("name,city\nZoë,Kraków\n".utf8)))
        #expect(r1.encoding == .utf8BOM)
        #expect(r1.header == ["name", "city"])
        #expect(rows1[0].fields == ["Zoë", "Kraków"])
        var le: [UInt8] = [0xFF, 0xFE]
        for u in "name,city\n王伟,北京 😀\n".utf16 { le.append(UInt8(u & 0xFF)); le.append(UInt8(u >> 8)) }
        let (r2, rows2) = try readAll(d.write("le.csv", bytes: le))
        #expect(r2.encoding == .utf16LE)
        #expect(rows2[0].fields == ["王伟", "北京 😀"])
        var be: [UInt8] = [0xFE, 0xFF]
        for u in "name,city\nАнна,Москва\n".utf16 { be.append(UInt8(u >> 8)); be.append(UInt8(u & 0xFF)) }
        let (r3, rows3) = try readAll(d.write("be.csv", bytes: be))
        #expect(r3.encoding == .utf16BE)
        #expect(rows3[0].fields == ["Анна", "Москва"])
    }

    @Test func latin1FallbackIsReported() throws {
        let d = TempDir(); defer { d.cleanup() }
        let bytes = Array("name,city\nJose,Madrid\n".utf8) + [0x4A, 0xF6, 0x72, 0x67, 0x2C, 0x4D, 0xFC, 0x6E, 0x63, 0x68, 0x65, 0x6E, 0x0A]
        let (r, rows) = try readAll(d.write("l1.csv", bytes: bytes))
        #expect(r.encoding == .latin1)
        #expect(r.notices == ["l1.csv:3: not UTF-8; read as Latin-1 (ISO 8859-1)"])
        #expect(rows[1].fields == ["Jörg", "München"])
    }

    @Test func invalidUTF8InAUTF8FileNamesTheRow() throws {
        let d = TempDir(); defer { d.cleanup() }
        let bytes = Array("name,city\nZoë,Kraków\n".utf8) + [0x42, 0xFF, 0x2C, 0x43, 0x0A] + Array("Ann,Oslo\n".utf8)
        let (_, rows) = try readAll(d.write("bad.csv", bytes: bytes))
        #expect(rows.count == 3)
        #expect(rows[1].line == 3)
        #expect(rows[1].problem == "invalid UTF-8")
        #expect(rows[2].fields == ["Ann", "Oslo"])
    }

    @Test func unclosedQuoteIsAnErrorWithItsLine() throws {
        let d = TempDir(); defer { d.cleanup() }
        let p = d.write("q.csv", "a,b\n1,2\n3,\"open\n5,6\n")
        #expect(throws: ExchangeError(file: "q.csv", line: 3, "unclosed quote")) { try readAll(p) }
    }

    @Test func wrongColumnCountIsARowProblem() throws {
        let d = TempDir(); defer { d.cleanup() }
        let (_, rows) = try readAll(d.write("w.csv", "a,b,c\n1,2,3\n4,5\n6,7,8,9\n"))
        #expect(rows.map(\.problem) == [nil, "expected 3 fields, found 2", "expected 3 fields, found 4"])
    }

    @Test func largeFileAcrossChunksKeepsLineNumbersAndHash() throws {
        let d = TempDir(); defer { d.cleanup() }
        var text = "id,text\n"
        for i in 0..<30_000 { text += "\(i),\"row \(i) with, comma\nand a break\"\n" }
        let p = d.write("big.csv", text)
        let (r, rows) = try readAll(p)
        #expect(rows.count == 30_000)
        #expect(rows[29_999].line == 2 + 29_999 * 2)
        #expect(rows[29_999].fields == ["29999", "row 29999 with, comma\nand a break"])
        #expect(r.sha256 == (try sha256OfFile(p)))
        #expect(r.sha256.count == 64)
    }
}
