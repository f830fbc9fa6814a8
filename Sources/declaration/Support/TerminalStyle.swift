import Glibc

/// Whether standard error is a terminal a person watches, and whether it
/// may be coloured: the one place that decides both.
///
/// Colour follows no-color.org: never when `NO_COLOR` is set to anything
/// but the empty string, never on a `TERM=dumb` terminal, and never on a
/// stream that is not a terminal (a file, a pipe, a log).
enum TerminalStyle {
    /// Whether standard error is a terminal, where progress may be shown.
    static var standardErrorIsTerminal: Bool {
        isatty(STDERR_FILENO) == 1
    }

    /// Whether the terminal understands cursor controls (carriage return
    /// and erase-line), which a `TERM=dumb` one does not.
    static var isCapable: Bool {
        guard let term = environment("TERM") else { return true }
        return term != "dumb"
    }

    /// Whether lines written to standard error may carry colour.
    static var colouredStandardError: Bool {
        standardErrorIsTerminal && isCapable && environment("NO_COLOR").map(\.isEmpty) ?? true
    }

    /// `"error:"`, in bold red where standard error may be coloured.
    static var errorLabel: String {
        label("error:")
    }

    /// `text` (an error label in some language) in bold red where standard
    /// error may be coloured.
    static func label(_ text: String) -> String {
        colouredStandardError ? "\u{1B}[1;31m" + text + "\u{1B}[0m" : text
    }

    private static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
