import ArgumentParser
import DossierExchange
#if canImport(Glibc)
import Glibc
#endif

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic world of any size as files to import (calls and transactions CSV with specs, FtM entities).")

    @Option(help: ArgumentHelp("The directory to write into (created if missing).", valueName: "dir"))
    var out: String

    @Option(help: "Number of people.")
    var people: Int = 1000

    @Option(help: "Number of events (4/5 calls, 1/5 transactions).")
    var events: Int = 10_000

    @Option(help: "Seed: the same seed writes the same files.")
    var seed: UInt64 = 1

    func validate() throws {
        guard people >= 2 && people <= 50_000_000 else { throw ValidationError("--people must be between 2 and 50000000") }
        guard events >= 0 && events <= 100_000_000 else { throw ValidationError("--events must be between 0 and 100000000") }
    }

    func run() throws {
        if mkdir(out, 0o755) != 0 && errno != EEXIST { throw CLIFailure("cannot create directory \(out)") }
        do {
            let summary = try WorldGenerator(people: people, events: events, seed: seed).write(to: out)
            for line in summary.lines { print(line) }
        } catch let e as ExchangeError {
            throw CLIFailure(e.description)
        }
    }
}
