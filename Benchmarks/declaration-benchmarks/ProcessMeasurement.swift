import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a command once and reports how long it took, process start to exit,
/// and its peak resident memory, as the kernel accounts them for that one
/// child (`wait4`), so the figures do not include the harness.
struct ProcessMeasurement {
    /// The command and its arguments; looked up on PATH.
    var command: [String]

    /// Wall-clock seconds, peak RSS in KiB.
    struct Result {
        var seconds: Double
        var peakKiB: Int
    }

    /// Runs the command with its output discarded; throws if it fails.
    func run() throws -> Result {
        guard let executable = command.first else { throw BenchmarkFailure("no command to measure") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        let arguments = command.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        let clock = ContinuousClock()
        let start = clock.now
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, executable, &actions, nil, arguments, environ)
        guard spawned == 0 else {
            throw BenchmarkFailure("cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchmarkFailure("waiting for \(executable): \(String(cString: strerror(errno)))") }
        }
        let elapsed = clock.now - start
        let signal = status & 0x7F
        let exitCode = (status >> 8) & 0xFF
        guard signal == 0, exitCode == 0 else {
            let how = signal != 0 ? "was killed by signal \(signal)" : "exited with status \(exitCode)"
            throw BenchmarkFailure("\(command.joined(separator: " ")) \(how)")
        }
        let (wholeSeconds, attoseconds) = elapsed.components
        return Result(seconds: Double(wholeSeconds) + Double(attoseconds) / 1e18, peakKiB: usage.ru_maxrss)
    }
}
