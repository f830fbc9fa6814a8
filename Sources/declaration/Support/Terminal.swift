import Foundation
import Glibc

/// The terminal: standard streams, prompts, confirmations and passphrases
/// read without echo.
enum Terminal {
    /// Writes a line to standard output.
    static func print(_ line: String = "") {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Writes a line to standard error.
    static func standardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Whether standard input is an interactive terminal.
    static var isInteractive: Bool {
        isatty(STDIN_FILENO) == 1
    }

    /// Asks for a line of text; nil at end of input.
    static func ask(_ question: String) -> String? {
        FileHandle.standardError.write(Data((question + " ").utf8))
        return readLine(strippingNewline: true)
    }

    /// Asks a yes/no question; only "y" or "yes" count as yes.
    static func confirm(_ question: String) -> Bool {
        guard let answer = ask(question + " [y/N]") else { return false }
        return ["y", "yes", "o", "oui", "s", "sí", "si"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// Reads a passphrase from the controlling terminal with echo turned
    /// off, so it never appears on screen or in a scrollback.
    static func readPassphrase(prompt: String) -> [UInt8]? {
        let descriptor = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        _ = prompt.withCString { write(descriptor, $0, strlen($0)) }
        var original = termios()
        let hasTerminal = tcgetattr(descriptor, &original) == 0
        if hasTerminal {
            var silent = original
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(descriptor, TCSAFLUSH, &silent)
        }
        defer {
            if hasTerminal { tcsetattr(descriptor, TCSAFLUSH, &original) }
            _ = write(descriptor, "\n", 1)
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(descriptor, &byte, 1) == 1, byte != 0x0A, byte != 0x0D {
            bytes.append(byte)
        }
        return bytes
    }
}
