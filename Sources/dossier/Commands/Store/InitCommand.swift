import ArgumentParser
import DossierStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create a new workspace directory.")

    @Argument(help: ArgumentHelp("The directory to create.", valueName: "path"))
    var path: String

    @Flag(help: "Encrypt everything at rest (AES-256-GCM; the passphrase is asked for without echo).")
    var encrypt = false

    @Option(help: ArgumentHelp("Read the passphrase from the first line of this file (or $DOSSIER_PASSPHRASE_FILE).", valueName: "file"))
    var passphraseFile: String?

    func run() throws {
        var options = WorkspaceOptions()
        if encrypt {
            options.encrypted = true
            options.passphrase = try Passphrase.obtain(file: passphraseFile, prompt: "New passphrase for \(path): ", confirm: true)
        }
        do {
            let ws = try Workspace.create(at: path, options: options)
            ws.close()
        } catch let e as StoreError {
            throw CLIFailure(e.description)
        }
        print("Created workspace \(path)\(encrypt ? " (encrypted)" : "")")
    }
}
