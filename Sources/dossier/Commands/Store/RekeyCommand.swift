import ArgumentParser
import DossierStore

struct RekeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rekey", abstract: "Change the passphrase of an encrypted workspace (the data is not rewritten).")
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The current passphrase's file (or $DOSSIER_PASSPHRASE_FILE).", valueName: "file"))
    var passphraseFile: String?
    @Option(help: ArgumentHelp("The new passphrase's file (else asked for on the terminal).", valueName: "file"))
    var newPassphraseFile: String?

    func run() throws {
        let ws = try global.openWorkspace(.readWrite, passphraseFile: passphraseFile)
        defer { ws.close() }
        guard ws.isEncrypted else { throw CLIFailure("workspace \(ws.path) is not encrypted; nothing to rekey") }
        let new: String
        if let newPassphraseFile {
            new = try Passphrase.obtain(file: newPassphraseFile, prompt: "")
        } else {
            new = try Passphrase.readTwiceFromTerminal("New passphrase: ")
        }
        do {
            try ws.rekey(newPassphrase: new)
        } catch let e as StoreError {
            throw CLIFailure(e.description)
        }
        print("Passphrase changed for \(ws.path)")
    }
}

extension Passphrase {
    static func readTwiceFromTerminal(_ prompt: String) throws -> String {
        let first = try readFromTerminal(prompt)
        guard try readFromTerminal("Repeat the new passphrase: ") == first else { throw CLIFailure("the passphrases do not match") }
        guard !first.isEmpty else { throw CLIFailure("empty passphrase") }
        return first
    }
}
