/// Where a dialogue asks and tells: the terminal for the tool, a script of
/// answers in tests.
package protocol DialogueTerminal {
    /// Shows `prompt` and reads one answer; nil when input has ended.
    mutating func ask(_ prompt: String) -> String?
    /// Shows one line.
    mutating func say(_ line: String)
}
