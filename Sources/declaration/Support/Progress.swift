import ArgumentParser
import Foundation
import Synchronization

/// `--quiet`, for the commands whose work can take long enough to show
/// progress.
struct ProgressOption: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Show no progress on standard error (errors and notes still appear).")
    var quiet = false

    /// The progress line to use: silent with --quiet, or when standard
    /// error is not a terminal (a log, a pipe, a test), so nothing but the
    /// command's own lines ever reaches a file.
    var line: ProgressLine {
        ProgressLine(enabled: !quiet && TerminalStyle.standardErrorIsTerminal)
    }
}

/// One line of progress on standard error, on a terminal only: what is
/// being done and for how long, redrawn in place each second, then erased
/// when the work is done so the terminal keeps only the command's report.
/// Never on standard output, which is the report's alone.
final class ProgressLine: Sendable {
    private struct State {
        var text: String?
        var started = Date()
        var generation = 0
    }

    private let enabled: Bool
    /// Redrawing in place needs a terminal that understands carriage
    /// return and erase-line; on a `TERM=dumb` one, each step is a line.
    private let redraws: Bool
    private let state = Mutex(State())

    init(enabled: Bool) {
        self.enabled = enabled
        self.redraws = TerminalStyle.isCapable
    }

    /// Shows `text` ("Verifying 3,000 entries…") until the next step or
    /// `finish()`, with the seconds it has taken once it passes one.
    func step(_ text: String) {
        guard enabled else { return }
        let generation = state.withLock { state in
            state.text = text
            state.started = Date()
            state.generation += 1
            draw(text, seconds: 0)
            return state.generation
        }
        guard redraws else { return }
        // A ticker so that long work visibly moves; it stops at the next
        // step or at `finish()`, whichever comes first.
        Thread.detachNewThread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 1)
                let running = state.withLock { state -> Bool in
                    guard state.generation == generation, let text = state.text else { return false }
                    draw(text, seconds: Int(Date().timeIntervalSince(state.started)))
                    return true
                }
                if !running { return }
            }
        }
    }

    /// Erases the line, before the command's report or error is written.
    func finish() {
        guard enabled else { return }
        state.withLock { state in
            guard state.text != nil else { return }
            state.text = nil
            state.generation += 1
            if redraws { Terminal.writeToStandardError("\r\u{1B}[2K") }
        }
    }

    /// Runs `body` as one step, erasing the line whether it succeeds or
    /// throws.
    func run<T, E: Error>(_ text: String, _ body: () throws(E) -> T) throws(E) -> T {
        step(text)
        defer { finish() }
        return try body()
    }

    private func draw(_ text: String, seconds: Int) {
        let elapsed = seconds > 0 ? " \(seconds) s" : ""
        // A failure is ignored: progress is never worth failing a command for.
        Terminal.writeToStandardError(redraws ? "\r\u{1B}[2K" + text + elapsed : text + "\n")
    }
}
