import Foundation
import Glibc

/// A child process started with every signal unblocked and at its default
/// action. Foundation's `Process` passes on the calling thread's signal
/// mask, and the threads tests run on block most signals: nginx would
/// never see the SIGQUIT that stops it, nor a tmux server's panes the
/// SIGHUP that ends them (so the server, waiting for them, never exits).
final class ChildProcess: @unchecked Sendable {
    /// Why the child could not be started.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The child's process id.
    let pid: pid_t
    private let lock = NSLock()
    private var exited = false
    private var status: Int32 = 0

    init(_ executable: String, arguments: [String]) throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else {
            throw ChildProcess.Failure(description: "could not start \(executable): \(String(cString: strerror(result)))")
        }
        self.pid = pid
    }

    /// Sends `signal`, unless the process has been reaped.
    func kill(_ signal: Int32) {
        lock.withLock {
            if !exited { _ = Glibc.kill(pid, signal) }
        }
    }

    /// Whether the process has not exited; reaps it when it has.
    var isRunning: Bool {
        lock.withLock {
            guard !exited else { return false }
            if waitpid(pid, &status, WNOHANG) == pid { exited = true }
            return !exited
        }
    }

    /// Waits for the process to exit, reaps it, and returns its exit
    /// status (128 plus the signal's number when a signal ended it).
    @discardableResult
    func wait() -> Int32 {
        lock.withLock {
            if !exited {
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                exited = true
            }
            // The wait status's layout (glibc's WIFEXITED and friends,
            // macros Swift does not import).
            let signal = status & 0x7f
            return signal == 0 ? (status >> 8) & 0xff : 128 + signal
        }
    }
}
