import Foundation

/// A problem with a user's file: names the file, the line (when there is one) and what is wrong.
/// `description` is the exact text the CLI prints and the tests assert: "calls.csv:3: unclosed quote".
public struct ExchangeError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return file.isEmpty ? message : "\(file): \(message)"
    }
}

/// The last path component, as errors and sources name files.
func baseName(_ path: String) -> String {
    if let slash = path.lastIndex(of: "/") { return String(path[path.index(after: slash)...]) }
    return path
}

/// Why a line or row is rejected, as a typed error for `Result`.
struct RejectReason: Error { var text: String; init(_ t: String) { text = t } }
