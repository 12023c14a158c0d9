import DossierExchange
import DossierModel
import DossierStore
import Foundation

/// FollowTheMoney import: a fixed population of parties and things, and a growing number of interval lines (calls,
/// dated payments, relationships). Whether `dossier import FILE --format ftm` keeps its memory flat as the interval
/// lines grow, and how fast it is.
extension BenchRegistry {
    /// People (each with a phone) and bank accounts of every generated FtM file: the entity population stays fixed.
    static let ftmPeople = 2_000, ftmAccounts = 1_000
    static let ftmSizes = [250_000, 500_000, 1_000_000]

    static var ftmCases: [BenchCase] {
        let largest = ftmSizes.last ?? 0
        return [
            BenchCase(area: "exchange", name: "import FtM", scale: "\(largest / 1000)k interval lines", runs: 3) { ctx, run in
                let file = try ftmFile(ctx, largest)
                for r in 0..<3 {
                    let path = ctx.scratch + "/import-ftm-\(r)"
                    defer { try? FileManager.default.removeItem(atPath: path) }
                    let ws = try Workspace.create(at: path)
                    var made = 0
                    try run.time { made = try ftmImport(file, into: ws) }
                    guard made == largest else { throw StoreError("imported \(made) of \(largest) interval lines") }
                    ws.close()
                }
                run.note = "file \(fileSizeMiB(file)) MiB, \(ftmPeople) people with phones, \(ftmAccounts) accounts"
            },
            ftmMemoryBySize,
        ]
    }

    /// Whether an FtM import's memory stays flat as its interval lines grow (the entities stay the same).
    static var ftmMemoryBySize: BenchCase {
        memoryBySize(name: "import FtM memory by size (peak - open)", scale: "\((ftmSizes.last ?? 0) / 1000)k interval lines",
                     sizes: ftmSizes, per: "interval line") { ctx, n in
            BenchCommand.ImportMemoryChild.Job(format: "ftm", file: try ftmFile(ctx, n), count: n)
        }
    }

    /// What `dossier import FILE --format ftm --case C` does: the second pass streams its events and relationships into
    /// one open transaction, the rest (case, source, entities) follows at the end, then one durable commit. Returns
    /// the interval lines imported (the rows beyond the parties and things).
    static func ftmImport(_ file: String, into ws: Workspace) throws -> Int {
        try importStreamed(into: ws, rejects: "lines") { context, changes, _ in
            try FtMImporter.run(path: file, reader: ws, context: context, stream: changes)
        }.rows - ftmPeople - ftmAccounts
    }

    /// An FtM file of `ftmPeople` people with phones, `ftmAccounts` bank accounts and `lines` interval lines: 40% calls
    /// between the people's numbers, 40% dated payments between the accounts, 20% Associate relationships. Made once
    /// per size, deterministically.
    static func ftmFile(_ ctx: BenchContext, _ lines: Int) throws -> String {
        try ctx.shared("exchange-ftm-\(lines)") { () throws -> String in
            let path = ctx.scratch + "/generated-ftm-\(lines).ftm.json"
            let out = try OutputFile(path: path)
            for p in 0..<ftmPeople {
                try out.write("{\"id\":\"p\(p)\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Person \(p)\"],"
                    + "\"phone\":[\"+447700\(900_000 + p)\"],\"nationality\":[\"gb\"]}}\n")
            }
            for a in 0..<ftmAccounts {
                try out.write("{\"id\":\"a\(a)\",\"schema\":\"BankAccount\",\"properties\":{\"accountNumber\":[\"\(40_000_000 + a)\"]}}\n")
            }
            var state: UInt64 = 0x5EED_F7F7
            func next(_ bound: Int) -> Int {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int((state >> 33) % UInt64(bound))
            }
            for i in 0..<lines {
                let when = TimePoint(unixSeconds: 1_735_689_600 + Int64(i) * 29).description
                switch i % 5 {
                case 0, 1:
                    try out.write("{\"id\":\"c\(i)\",\"schema\":\"Call\",\"properties\":{\"callerNumber\":[\"+447700\(900_000 + next(ftmPeople))\"],"
                        + "\"receiverNumber\":[\"+447700\(900_000 + next(ftmPeople))\"],\"startDate\":[\"\(when)\"],\"duration\":[\"\(next(900))\"]}}\n")
                case 2, 3:
                    try out.write("{\"id\":\"t\(i)\",\"schema\":\"Payment\",\"properties\":{\"payerAccount\":[\"a\(next(ftmAccounts))\"],"
                        + "\"beneficiaryAccount\":[\"a\(next(ftmAccounts))\"],\"date\":[\"\(when)\"],\"amount\":[\"\(100 + next(90_000)).50\"],"
                        + "\"currency\":[\"EUR\"]}}\n")
                default:
                    try out.write("{\"id\":\"r\(i)\",\"schema\":\"Associate\",\"properties\":{\"person\":[\"p\(next(ftmPeople))\"],"
                        + "\"associate\":[\"p\(next(ftmPeople))\"],\"startDate\":[\"\(when)\"]}}\n")
                }
            }
            try out.close()
            return path
        }
    }
}
