import ArgumentParser
import DossierModel
#if canImport(Glibc)
import Glibc
#endif

/// Options every command that touches a workspace takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The workspace directory (default: $DOSSIER_WORKSPACE).", valueName: "path"))
    var workspace: String?

    @Option(name: .long, help: ArgumentHelp("Who is acting (default: $DOSSIER_ANALYST, else the OS user).", valueName: "name"))
    var analyst: String?

    /// The workspace path from --workspace or DOSSIER_WORKSPACE; a usage failure when neither is given.
    func workspacePath() throws -> String {
        if let w = workspace, !w.isEmpty { return w }
        if let env = getenv("DOSSIER_WORKSPACE"), let w = String(validatingCString: env), !w.isEmpty { return w }
        throw CLIFailure("no workspace: pass --workspace PATH or set DOSSIER_WORKSPACE", exitCode: 2)
    }

    /// The acting analyst: --analyst, DOSSIER_ANALYST, else the OS user name.
    var analystName: String {
        if let a = analyst, !a.isEmpty { return a }
        if let env = getenv("DOSSIER_ANALYST"), let a = String(validatingCString: env), !a.isEmpty { return a }
        if let pw = getpwuid(geteuid()), let name = String(validatingCString: pw.pointee.pw_name) { return name }
        if let env = getenv("USER"), let u = String(validatingCString: env) { return u }
        return "unknown"
    }
}
