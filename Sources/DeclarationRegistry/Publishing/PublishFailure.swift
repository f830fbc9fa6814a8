/// Why a publish refused to write to its site: what is already there is
/// not what this registry would publish there. Nothing was published.
public struct PublishFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the site's files showed.
    public enum Reason: Sendable, Equatable {
        /// The site holds another registry: another header or declaration,
        /// or a checkpoint of another origin or key.
        case otherRegistry
        /// The site's checkpoint is not one of the registry's history: it
        /// covers more entries than the registry's, or as many with another
        /// root (the registry was rolled back, or the registrar signed two
        /// histories).
        case otherHistory
        /// A file on the site differs from what the registry gives for it:
        /// it was altered, or written by something else.
        case altered
        /// The site directory is the registry's own directory.
        case isTheRegistry
    }

    /// What the site's files showed.
    public var reason: Reason
    /// The site's file at fault.
    public var file: String
    /// What was found, and what to do.
    public var message: String

    /// A refusal for `reason`, at `file`.
    public init(_ reason: Reason, file: String, message: String) {
        self.reason = reason
        self.file = file
        self.message = message
    }

    /// `file: message`, and that nothing was published.
    public var description: String {
        "\(file): \(message); nothing was published"
    }
}
