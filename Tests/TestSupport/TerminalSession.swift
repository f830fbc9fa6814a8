import Foundation

/// A program run on a real terminal, a tmux pane, driven as a person would:
/// it types answers and reads what the screen shows. Each session has its
/// own tmux server (its socket in the test's directory), so sessions of
/// tests running at once never meet, and the server ends with the session.
public final class TerminalSession {
    /// Why driving the terminal failed.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private let socket: String
    /// Held so that the folder, and the server's socket in it, outlive the
    /// session: a test drops its directory once it last uses it, which may
    /// come before the session ends, and a server whose socket is gone can
    /// no longer be told to stop.
    private let folder: TemporaryDirectory
    private static let tmux = "/usr/bin/tmux"

    /// Starts `arguments` (the program first) in `folder` on a new
    /// terminal of `width` columns, with only `environment` (plus PATH,
    /// HOME and TERM) in its environment, so the locale is the test's.
    public init(_ arguments: [String], directory folder: TemporaryDirectory, environment: [String: String] = [:],
                width: Int = 120, height: Int = 50) throws {
        self.folder = folder
        let directory = folder.url.path
        // One server a session, even for sessions in one folder, so that
        // ending one never ends another.
        socket = folder.path("tmux-\(UUID().uuidString.prefix(8)).socket")
        var variables = ["PATH": "/usr/bin:/bin", "HOME": directory, "TERM": "xterm-256color"]
        for (key, value) in environment { variables[key] = value }
        let assignments = variables.sorted { $0.key < $1.key }.map { Self.quoted("\($0.key)=\($0.value)") }
        let command = (["env", "-i"] + assignments + arguments.map(Self.quoted)).joined(separator: " ")
        // The exit status stays on screen for `waitForExit`; the pane
        // then waits, so its last lines can still be read.
        let script = "cd \(Self.quoted(directory)) && \(command); echo \"[exit $?]\"; sleep 600"
        try Self.run(capturing: false, ["-S", socket, "-u", "-f", "/dev/null", "new-session", "-d", "-x", String(width), "-y", String(height),
                      "sh", "-c", script])
        try Self.run(["-S", socket, "set-option", "-g", "history-limit", "20000"])
    }

    deinit {
        _ = try? Self.run(["-S", socket, "kill-server"])
    }

    /// Types `text` and presses Enter.
    public func type(_ text: String) throws {
        if !text.isEmpty { try Self.run(["-S", socket, "send-keys", "-l", text]) }
        try Self.run(["-S", socket, "send-keys", "Enter"])
    }

    /// Everything the terminal has shown, its scrollback included, with
    /// lines the terminal wrapped joined again.
    public func screen() throws -> String {
        try Self.run(["-S", socket, "capture-pane", "-p", "-J", "-S", "-", "-E", "-"])
    }

    /// Waits until the screen shows `text` `occurrence` times or more
    /// (counted from the start), and returns it; fails after `timeout`
    /// seconds with what the screen showed.
    @discardableResult
    public func waitFor(_ text: String, occurrence: Int = 1, timeout: Double = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var shown = ""
        while Date() < deadline {
            shown = try screen()
            if shown.components(separatedBy: text).count - 1 >= occurrence { return shown }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "the terminal did not show \"\(text)\" within \(timeout) s; it showed:\n\(shown)")
    }

    /// Waits for the program to end and returns its exit status and the screen.
    public func waitForExit(timeout: Double = 30) throws -> (status: Int32, screen: String) {
        let shown = try waitFor("[exit ", timeout: timeout)
        guard let range = shown.range(of: "[exit ", options: .backwards),
              let end = shown[range.upperBound...].firstIndex(of: "]"),
              let status = Int32(shown[range.upperBound..<end]) else {
            throw Failure(description: "no exit status on the terminal:\n\(shown)")
        }
        return (status, shown)
    }

    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    @discardableResult
    private static func run(capturing: Bool = true, _ arguments: [String]) throws -> String {
        guard capturing else {
            // The server this starts outlives the call, so it is started
            // with every signal unblocked (see `ChildProcess`), and with
            // every descriptor above 2 closed: one it inherited, such as
            // the pipe the test runner writes to, would stay open as long
            // as it runs.
            let closeAll = #"for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done 2>/dev/null; exec "$@""#
            let status = try ChildProcess("/bin/bash", arguments: ["-c", closeAll, "bash", tmux] + arguments).wait()
            guard status == 0 else {
                throw Failure(description: "tmux \(arguments.joined(separator: " ")) exited with \(status)")
            }
            return ""
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tmux)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
