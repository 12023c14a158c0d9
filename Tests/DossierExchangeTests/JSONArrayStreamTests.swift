import Testing
import DossierModel
@testable import DossierExchange

@Suite struct JSONArrayStreamTests {
    /// Everything a stream hands out, reading the file `readSize` bytes at a time.
    func items(_ bytes: [UInt8], arrays: Set<String> = ["objects"], readSize: Int = 1 << 20) throws -> [JSONStreamItem] {
        let d = TempDir(); defer { d.cleanup() }
        let s = try JSONArrayStream(path: d.write("doc.json", bytes: bytes), arrays: arrays, shapeError: "not a bundle",
                                    readSize: readSize)
        var out: [JSONStreamItem] = []
        while let item = try s.next() { out.append(item) }
        #expect(try s.next() == nil)
        return out
    }

    func items(_ text: String, arrays: Set<String> = ["objects"], readSize: Int = 1 << 20) throws -> [JSONStreamItem] {
        try items(Array(text.utf8), arrays: arrays, readSize: readSize)
    }

    func element(_ index: Int, line: Int, _ text: String, array: String = "objects") -> JSONStreamItem {
        .element(JSONElement(array: array, index: index, line: line, bytes: Array(text.utf8)))
    }

    /// A BOM, CRLF line ends, scalars of every kind, a skipped array holding brackets in strings, and elements with
    /// nested arrays and objects, strings full of brackets, braces, escaped quotes and backslashes, and \u escapes.
    static let document = Array("\u{FEFF}".utf8) + Array(#"""
    {"type": "bundle",
     "id": "b\"1", "n": -1.5e3, "ok": true, "no": false, "nil": null,
     "skip": [{"a": [1, {"b": "]}[{"}]}], "skip2": {"objects": [1]},
     "objects": [
     {"k": "}{][\"\\", "n": [[], {}, [1, [2]]]},
      "x\u00e9\ud83d\ude00", 3,

     {"deep": {"a": {"b": [true, false, null, -0.5E-2]}}}
     ],
     "tail": "é"}

    """#.replacingOccurrences(of: "\n", with: "\r\n").utf8)

    static let expected: [JSONStreamItem] = [
        .scalar(key: "type", value: .string("bundle"), line: 1),
        .scalar(key: "id", value: .string("b\"1"), line: 2),
        .scalar(key: "n", value: .number("-1.5e3"), line: 2),
        .scalar(key: "ok", value: .bool(true), line: 2),
        .scalar(key: "no", value: .bool(false), line: 2),
        .scalar(key: "nil", value: .null, line: 2),
        .element(JSONElement(array: "objects", index: 0, line: 5, bytes: Array(#"{"k": "}{][\"\\", "n": [[], {}, [1, [2]]]}"#.utf8))),
        .element(JSONElement(array: "objects", index: 1, line: 6, bytes: Array(#""x\u00e9\ud83d\ude00""#.utf8))),
        .element(JSONElement(array: "objects", index: 2, line: 6, bytes: Array("3".utf8))),
        .element(JSONElement(array: "objects", index: 3, line: 8,
                             bytes: Array(#"{"deep": {"a": {"b": [true, false, null, -0.5E-2]}}}"#.utf8))),
        .scalar(key: "tail", value: .string("é"), line: 10),
    ]

    @Test func yieldsScalarsAndElementsWithTheirLines() throws {
        let d = TempDir(); defer { d.cleanup() }
        let s = try JSONArrayStream(path: d.write("doc.json", bytes: Self.document), arrays: ["objects"], shapeError: "x")
        var got: [JSONStreamItem] = []
        while let item = try s.next() { got.append(item) }
        #expect(got == Self.expected)
        #expect(s.members == ["type", "id", "n", "ok", "no", "nil", "skip", "skip2", "objects", "tail"])
        #expect(s.arraysRead == ["objects"])
        #expect(s.file.totalBytes == Self.document.count)
        #expect(JSONArrayStream.decodeString(Array(#"x\u00e9\ud83d\ude00 \"q\" \\ \/ \b\f\n\r\t \ud800!"#.utf8)[...])
                == "xé😀 \"q\" \\ / \u{8}\u{C}\n\r\t \u{FFFD}!")
    }

    /// Whatever the read size, an element cut across reads comes out whole, with the same line.
    @Test func piecesOfAnySizeGiveTheSameYields() throws {
        for size in [1, 2, 3, 5, 7, 64] {
            #expect(try items(Self.document, readSize: size) == Self.expected, "read size \(size)")
        }
    }

    @Test func emptyArraysAndOtherArrays() throws {
        #expect(try items(#"{"objects": [ ], "type": "bundle"}"#) == [.scalar(key: "type", value: .string("bundle"), line: 1)])
        #expect(try items("{}") == [])
        // Two arrays asked for, in file order; one not asked for is skipped.
        #expect(try items("{\"links\": [1,\n2], \"skip\": [3], \"entities\": [\"e\"]}", arrays: ["entities", "links"]) == [
            element(0, line: 1, "1", array: "links"), element(1, line: 2, "2", array: "links"),
            element(0, line: 2, "\"e\"", array: "entities"),
        ])
        // An array asked for that holds something else is skipped too, and not counted as read.
        let d = TempDir(); defer { d.cleanup() }
        let s = try JSONArrayStream(path: d.write("o.json", #"{"objects": {"a": 1}}"#), arrays: ["objects"], shapeError: "x")
        try s.drain()
        #expect(s.members == ["objects"])
        #expect(s.arraysRead == [])
    }

    /// The line each element starts on, past other keys and nested arrays (what STIX rejects are named by).
    @Test func objectLinesSkipOtherKeysAndNestedArrays() throws {
        let text = "{\"id\": \"b\", \"x\": [{\"a\": [1,\n2]}],\n\"objects\": [{\"k\": \"}\\\"\"},\n\n  {\"n\": [\n{}]}, 3\n]}"
        #expect(try items(text).compactMap { if case .element(let e) = $0 { e.line } else { nil } } == [3, 5, 6])
    }

    func error(_ text: String, arrays: Set<String> = ["objects"]) -> String {
        do { _ = try items(text, arrays: arrays); return "no error" } catch { return "\(error)" }
    }

    func error(bytes: [UInt8]) -> String {
        do { _ = try items(bytes); return "no error" } catch { return "\(error)" }
    }

    @Test func brokenJSONNamesTheFileAndLine() {
        #expect(error("{\"objects\": [{\"a\": \"abc}]}\n") == "doc.json:1: not valid JSON: unclosed string")
        #expect(error("{\"objects\": [\n{\"a\": \"abc}]}") == "doc.json:2: not valid JSON: unclosed string")
        #expect(error("{\"objects\": [\n {\"a\": tru}\n]}") == "doc.json:2: not valid JSON: expected \"true\"")
        #expect(error("{\"objects\": [\n {\"a\": nul") == "doc.json:2: not valid JSON: the file ends in the middle of the document")
        #expect(error("{\"objects\": [\n {\"a\": 1} {\"b\": 2}\n]}") == "doc.json:2: not valid JSON: expected \",\" or \"]\"")
        #expect(error("{\"type\": \"bundle\",\n \"objects\": [\n {\"type\": \"ipv4-addr\" \"id\": \"x\"}\n]}\n")
                == "doc.json:3: not valid JSON: expected \",\" or \"}\"")
        #expect(error("{\"objects\": [\n {\"a\": 1},\n {\"b\": [1, 2") == "doc.json:3: not valid JSON: the file ends in the middle of the document")
        #expect(error("{\"objects\": [\n {\"a\": 1},\n") == "doc.json:3: not valid JSON: the file ends in the middle of the document")
        #expect(error("{\"objects\": [{\"a\": 1,}]}") == "doc.json:1: not valid JSON: a \",\" before \"}\"")
        #expect(error("{\"objects\": [1,]}") == "doc.json:1: not valid JSON: unexpected \"]\"")
        #expect(error("{\"objects\": [{\"a\" 1}]}") == "doc.json:1: not valid JSON: expected \":\" after a member name")
        #expect(error("{\"objects\": [{1: 1}]}") == "doc.json:1: not valid JSON: expected a member name")
        #expect(error("{\"a\": 1,\n}") == "doc.json:2: not valid JSON: expected a member name")
        #expect(error("{\"a\": 1 \"b\": 2}") == "doc.json:1: not valid JSON: expected \",\" or \"}\"")
        #expect(error("{\"objects\": [\"\\q\"]}") == "doc.json:1: not valid JSON: bad escape \"\\q\" in a string")
        #expect(error("{\"objects\": [\"\\u12G4\"]}") == "doc.json:1: not valid JSON: bad \\u escape in a string")
        #expect(error("{\"objects\": [\"a\tb\"]}") == "doc.json:1: not valid JSON: control character 0x09 in a string")
        #expect(error("{\"n\": -}") == "doc.json:1: not valid JSON: bad number")
        #expect(error("{\"n\": 1.}") == "doc.json:1: not valid JSON: bad number")
        #expect(error("{\"n\": 1e+}") == "doc.json:1: not valid JSON: bad number")
        #expect(error("{\"n\": 01}") == "doc.json:1: not valid JSON: expected \",\" or \"}\"")
        #expect(error("{\"n\": 'x'}") == "doc.json:1: not valid JSON: unexpected \"'\"")
        #expect(error("{\"objects\": []}\n x") == "doc.json:2: not valid JSON: unexpected text after the end of the document")
        #expect(error("") == "doc.json:1: not valid JSON: the file is empty")
        #expect(error(" \n ") == "doc.json:2: not valid JSON: the file is empty")
        #expect(error("{\"objects\": [" + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "]}")
                == "doc.json:1: not valid JSON: nested more than 512 levels deep")
        #expect(error(bytes: Array("{\"objects\": [\n\"a".utf8) + [0xC3, 0x28] + Array("\"]}".utf8))
                == "doc.json:2: not valid JSON: invalid UTF-8 in a string")
        #expect(error(bytes: Array("{\"objects\": [\"".utf8) + [0xED, 0xA0, 0x80] + Array("\"]}".utf8))
                == "doc.json:1: not valid JSON: invalid UTF-8 in a string")
        #expect(error(bytes: Array("{\"n\": ".utf8) + [0xFF] + Array("}".utf8)) == "doc.json:1: not valid JSON: unexpected byte 0xFF")
    }

    /// A top level that is valid JSON but not an object is the caller's shape error; a broken one is a syntax error.
    @Test func aTopLevelThatIsNotAnObject() {
        #expect(error("[{\"objects\": []}]\n") == "doc.json: not a bundle")
        #expect(error("\"bundle\"") == "doc.json: not a bundle")
        #expect(error("[1,\n") == "doc.json:2: not valid JSON: the file ends in the middle of the document")
        #expect(error("[1] [2]") == "doc.json:1: not valid JSON: unexpected text after the end of the document")
    }

    @Test func peekReadsStringMembersOnly() {
        let text = #"{"x": {"type": "no", "id": ["}"]}, "n": 1.5, "type": "relat\u0069onship", "id": 3, "z": "after"}"#
        #expect(JSONObjectPeek.strings(["type", "id"], in: Array(text.utf8)) == ["relationship", nil])
        #expect(JSONObjectPeek.strings(["z", "type"], in: Array(text.utf8)) == ["after", "relationship"])
        #expect(JSONObjectPeek.strings(["type"], in: Array(#" {"type" : "sighting"}"#.utf8)) == ["sighting"])
        #expect(JSONObjectPeek.strings(["type"], in: Array("{}".utf8)) == [nil])
        #expect(JSONObjectPeek.strings(["type"], in: Array("[{\"type\": \"x\"}]".utf8)) == nil)
        #expect(JSONObjectPeek.strings(["type"], in: Array("\"type\"".utf8)) == nil)
    }
}
