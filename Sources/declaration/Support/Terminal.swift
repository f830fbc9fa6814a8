import Foundation
import Glibc
import RegistryStorage

/// The terminal: standard streams, prompts, confirmations and passphrases
/// read without echo.
enum Terminal {
    /// Writes a line to standard output; a write that fails (a full disk,
    /// `/dev/full`, a closed pipe) throws `.output`, never crashes and is
    /// never lost, so the exit code says the report was not written.
    static func print(_ line: String = "") throws(CommandError) {
        try write(Array((line + "\n").utf8))
    }

    /// Writes bytes to standard output, unbuffered, as `print` does.
    static func write(_ bytes: [UInt8]) throws(CommandError) {
        do {
            try FileSystem.writeToStandardOutput(bytes)
        } catch {
            throw .output(error, done: nil)
        }
    }

    /// Runs `body`, which prints the report of something already done
    /// (`done`, such as "entries 5 to 7 are recorded"): if the report
    /// cannot be written, the error says that the effect happened anyway,
    /// so nobody repeats an append that succeeded.
    static func reporting(_ done: String, _ body: () throws(CommandError) -> Void) throws(CommandError) {
        do {
            try body()
        } catch {
            if case .output(let failure, nil) = error { throw .output(failure, done: done) }
            throw error
        }
    }

    /// Writes a line to standard error. A failure is ignored: there is
    /// nowhere left to report it, and the exit code still tells.
    static func standardError(_ line: String) {
        writeToStandardError(line + "\n")
    }

    /// Writes `text` as it is (no line break added) to standard error with
    /// write(2), ignoring a failure (Foundation's `FileHandle.write` would
    /// trap on it): used for prompts and progress too.
    static func writeToStandardError(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(STDERR_FILENO, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// The width lists are laid out to: `COLUMNS` when it is a positive
    /// number (the user's choice, also when not on a terminal), else the
    /// width of the terminal standard output is; nil when standard output
    /// is not a terminal, for plain lines.
    static var outputWidth: Int? {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"], let width = Int(columns), width > 0 {
            return width
        }
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// Whether standard input is an interactive terminal.
    static var isInteractive: Bool {
        isatty(STDIN_FILENO) == 1
    }

    /// Asks for a line of text; nil at end of input.
    static func ask(_ question: String) -> String? {
        writeToStandardError(question + " ")
        return readLine(strippingNewline: true)
    }

    /// Reads a passphrase from the controlling terminal with echo turned
    /// off, so it never appears on screen or in a scrollback.
    static func readPassphrase(prompt: String) -> [UInt8]? {
        let descriptor = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        _ = prompt.withCString { Glibc.write(descriptor, $0, strlen($0)) }
        var original = termios()
        let hasTerminal = tcgetattr(descriptor, &original) == 0
        if hasTerminal {
            var silent = original
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(descriptor, TCSAFLUSH, &silent)
        }
        defer {
            if hasTerminal { tcsetattr(descriptor, TCSAFLUSH, &original) }
            _ = Glibc.write(descriptor, "\n", 1)
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(descriptor, &byte, 1) == 1, byte != 0x0A, byte != 0x0D {
            bytes.append(byte)
        }
        return bytes
    }
}
