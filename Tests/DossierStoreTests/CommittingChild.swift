import Foundation
import Testing
import DossierStore
#if canImport(Glibc)
import Glibc
#endif

/// The bench's hidden `crash-child` (commits numbered transactions, printing "committed N" after each) or
/// `stream-child` (streams them, printing "streamed N" mid-stream and "committed N" after each).
///
/// Started with posix_spawn (nothing blocked, default signal dispositions) and reaped with waitpid: Foundation's
/// `Process.waitUntilExit` was seen to hang for good under parallel Swift Testing runs, which would stall CI.
enum CommittingChild {
    /// The bench binary that plays the child, and a new empty workspace `ws` in `dir` for it to commit to; nil, with
    /// an issue recorded, when the bench is not built next to the tests.
    static func withNewWorkspace(in dir: TempDir) throws -> (child: String, path: String)? {
        guard let child = builtProduct("dossier-bench") else {
            Issue.record("dossier-bench is not built next to the tests")
            return nil
        }
        let path = dir.sub("ws")
        try Workspace.create(at: path).close()
        return (child, path)
    }

    /// Starts the child, waits until it has printed `marker` (its first commit by default; start-up time varies a lot
    /// on a loaded machine), waits `delayMicros` more, kills it with SIGKILL and returns everything it printed.
    static func killMidStream(_ executable: String, workspace: String, first: Int, delayMicros: UInt32,
                              command: String = "crash-child", waitFor marker: String = "committed ") -> String {
        var pipeFDs: [Int32] = [0, 0]
        guard pipe(&pipeFDs) == 0 else { return "" }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, pipeFDs[0])
        posix_spawn_file_actions_addclose(&actions, pipeFDs[1])
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let args = [executable, command, "--workspace", workspace, "--first", String(first)]
        let argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(pipeFDs[1])
        defer { close(pipeFDs[0]) }
        guard spawned == 0 else { return "" }

        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        func readChunk(timeoutMillis: Int32) -> Bool {
            var fd = pollfd(fd: pipeFDs[0], events: Int16(POLLIN), revents: 0)
            guard poll(&fd, 1, timeoutMillis) > 0 else { return false }
            let n = buffer.withUnsafeMutableBytes { read(pipeFDs[0], $0.baseAddress, $0.count) }
            guard n > 0 else { return false }
            output += buffer[0..<n]
            return true
        }
        let deadline = Date().addingTimeInterval(30)
        while !String(decoding: output, as: UTF8.self).contains(marker), Date() < deadline {
            if !readChunk(timeoutMillis: 1000) && kill(pid, 0) != 0 { break }
        }
        usleep(delayMicros)
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        while readChunk(timeoutMillis: 0) {}
        return String(decoding: output, as: UTF8.self)
    }
}
