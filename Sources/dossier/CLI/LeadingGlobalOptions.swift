/// Lets the global options come before the subcommand, as in `dossier --workspace ws case list`.
///
/// Each subcommand declares `--workspace` and `--analyst` itself (through `GlobalOptions`), so the argument parser
/// only takes them after the subcommand's name; written first, they went to the default `open` command, which then
/// refused the subcommand's words as "unexpected arguments". Options found before the first other word are moved
/// to the end (before a `--`, which ends the options), where every subcommand that has them takes them.
enum LeadingGlobalOptions {
    static let names: Set<String> = ["--workspace", "--analyst"]

    static func moved(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var i = 0
        while i < arguments.count {
            let word = arguments[i]
            if names.contains(word), i + 1 < arguments.count {
                leading += [word, arguments[i + 1]]
                i += 2
            } else if let eq = word.firstIndex(of: "="), names.contains(String(word[..<eq])) {
                leading.append(word)
                i += 1
            } else {
                break
            }
        }
        guard !leading.isEmpty, i < arguments.count else { return arguments }
        var rest = Array(arguments[i...])
        let end = rest.firstIndex(of: "--") ?? rest.count
        rest.insert(contentsOf: leading, at: end)
        return rest
    }
}
