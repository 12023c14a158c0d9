import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// Runs the command line with Dossier's exit codes: 0 ok, 1 failure, 2 usage.
/// (ArgumentParser's own usage code is 64; scripts and the issue tracker expect 2.)
@main
enum Entry {
    static func main() {
        do {
            var command = try DossierCommand.parseAsRoot(LeadingGlobalOptions.moved(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch let failure as CLIFailure {
            writeStandardError("dossier: \(failure.message)\n")
            exit(failure.exitCode)
        } catch {
            let code = DossierCommand.exitCode(for: error)
            if code == .success {
                print(DossierCommand.fullMessage(for: error))  // --help, --version
                exit(0)
            }
            let message = DossierCommand.fullMessage(for: error)
            if error is CleanExit || code == .validationFailure || error is ValidationError {
                writeStandardError(message + "\n")
                exit(2)
            }
            writeStandardError("dossier: \(message)\n")
            exit(1)
        }
    }
}

/// A failure the user should see as one clear line; exit code 1 unless said otherwise.
struct CLIFailure: Error {
    var message: String
    var exitCode: Int32 = 1
    init(_ message: String, exitCode: Int32 = 1) {
        self.message = message
        self.exitCode = exitCode
    }
}

/// Writes to file descriptor 2 directly (the C `stderr` global is not concurrency-safe in Swift 6).
func writeStandardError(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + offset, $0.count - offset) }
        if n <= 0 { return }
        offset += n
    }
}
