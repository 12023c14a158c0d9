/// Runs a program to completion for the tmux tests: stdout and stderr together, or nothing when not captured.
/// (The spawning itself is `runSubprocess`, shared by every CLI test.)
enum TUISpawn {
    static func run(_ path: String, _ arguments: [String], environment: [String: String]? = nil,
                    captureOutput: Bool = true) -> (status: Int32, output: String) {
        let result = runSubprocess(path, arguments, environment: environment)
        return (result.status, captureOutput ? result.stdout + result.stderr : "")
    }
}
