import DossierModel
@testable import DossierExchange
#if canImport(Glibc)
import Glibc
#endif

/// A fresh temporary directory, removed by `cleanup()`.
final class TempDir {
    let path: String
    init() {
        var template = Array("/tmp/dossier-exchange-test-XXXXXX".utf8CString)
        let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = String(cString: p!)
    }
    func file(_ name: String) -> String { path + "/" + name }
    func write(_ name: String, _ text: String) -> String { write(name, bytes: Array(text.utf8)) }
    @discardableResult
    func write(_ name: String, bytes: [UInt8]) -> String {
        let p = file(name)
        let f = fopen(p, "wb")!
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        fclose(f)
        return p
    }
    func read(_ name: String) -> String {
        guard let f = fopen(file(name), "rb") else { return "" }
        defer { fclose(f) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buf, 1, buf.count, f)
            if n <= 0 { break }
            out.append(contentsOf: buf[0..<n])
        }
        return String(decoding: out, as: UTF8.self)
    }
    func exists(_ name: String) -> Bool { access(file(name), F_OK) == 0 }
    func cleanup() { _ = system("rm -rf '\(path)'") }
}

let fixedTime = TimePoint.parse("2026-03-01T09:00:00Z")!

func context(_ caseName: String = "op-test", provenance: ImportProvenance = ImportProvenance()) -> ImportContext {
    ImportContext(caseName: caseName, analyst: "tester", time: fixedTime, provenance: provenance)
}
