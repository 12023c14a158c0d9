/// Replays a session headlessly (VisiData's command logs): one step per line, then the screen as text.
///
///     items.nextTab              a command id, optionally with arguments: `review.tag urgent`
///     :path "Ivan Petrov" 王小明  a command line, exactly as typed after `:`
///     key j                      a key press, as written in config.toml (`key ctrl-p`, `key enter`)
///     type Ivan                  typed text, one key per character (into search, prompts, the palette)
///     resize 40x12               a new terminal size
///     screen                     record the screen at this point
///     # a comment
public struct Replay {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Runs `script` against `workbench`; returns the screens recorded by `screen` steps, plus the final one.
    public static func run(_ script: String, on workbench: Workbench) throws -> [[String]] {
        var screens: [[String]] = []
        for (index, raw) in script.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmedSpaces
            let number = index + 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix(":") {
                workbench.runLine(String(line.dropFirst()))
            } else if line.hasPrefix("key ") {
                let spec = String(line.dropFirst(4))
                guard let key = Key(spec: spec) else { throw Failure(line: number, message: "\"\(spec)\" is not a key") }
                workbench.handle(key)
            } else if line.hasPrefix("type ") {
                for c in line.dropFirst(5) { workbench.handle(.char(c)) }
            } else if line.hasPrefix("resize ") {
                let parts = line.dropFirst(7).split(separator: "x").compactMap { Int($0) }
                guard parts.count == 2, parts[0] > 0, parts[1] > 0, parts[0] <= 1000, parts[1] <= 1000 else {
                    throw Failure(line: number, message: "resize wants WIDTHxHEIGHT, e.g. resize 80x24")
                }
                workbench.resize(width: parts[0], height: parts[1])
            } else if line == "screen" {
                screens.append(settledScreen(workbench))
                continue
            } else {
                let words = CommandLineWords.split(line)
                guard workbench.registry.action(words[0]) != nil else {
                    throw Failure(line: number, message: "no command \(words[0])")
                }
                workbench.run(words[0], Array(words.dropFirst()))
            }
            // As the app loop does: a frame after every step, with the background work it started finished.
            _ = settledScreen(workbench)
            if workbench.quitRequested { break }
        }
        screens.append(settledScreen(workbench))
        return screens
    }

    /// The screen once the work a frame asks for (a list or the timeline built in the background) has finished.
    static func settledScreen(_ workbench: Workbench) -> [String] {
        workbench.settle()
        _ = workbench.render()
        workbench.settle()
        return workbench.render().lines()
    }
}
