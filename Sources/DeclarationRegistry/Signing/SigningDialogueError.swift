/// Why a signing dialogue ended without a signatory.
package enum SigningDialogueError: Error, Sendable, Equatable {
    /// Input ended before every detail was given.
    case inputEnded
    /// Required details are missing and cannot be asked for: the options to add.
    case missing(options: [String])
    /// An option's value was refused where it cannot be asked again: the
    /// option, such as `--jurisdiction`, and why.
    case option(String, AnswerRefusal)
}
