import RegistryFormat

/// Why a registry does not verify: the place (file, line, entry, field),
/// what was expected and what was found.
public struct VerificationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// How serious the failure is, which decides the exit code.
    public enum Severity: Sendable, Equatable {
        /// The registry is not authentic, unaltered or complete.
        case invalid
        /// An append was interrupted: everything the registrar's checkpoint
        /// covers verifies, but an incomplete tail follows it.
        /// `declaration repair` removes it, keeping a backup.
        case interrupted
    }

    /// Invalid or interrupted.
    public var severity: Severity
    /// The file at fault.
    public var file: String
    /// The line in that file, from 1, when one line is at fault.
    public var line: Int?
    /// The ledger entry's sequence number, when one entry is at fault.
    public var sequence: Int64?
    /// The field at fault, such as `statement.signature`.
    public var field: String?
    /// What was expected there, when that can be said.
    public var expected: String?
    /// What was found there.
    public var found: String?
    /// The explanation, in a sentence.
    public var message: String

    /// Creates a failure.
    public init(
        _ severity: Severity = .invalid,
        file: String,
        line: Int? = nil,
        sequence: Int64? = nil,
        field: String? = nil,
        expected: String? = nil,
        found: String? = nil,
        message: String
    ) {
        self.severity = severity
        self.file = file
        // Lines and entries count from 1: a 0 (an empty ledger's "last
        // line") names no place, and `file:0` would send a reader looking
        // for one.
        self.line = line.flatMap { $0 > 0 ? $0 : nil }
        self.sequence = sequence.flatMap { $0 > 0 ? $0 : nil }
        self.field = field
        self.expected = expected
        self.found = found
        self.message = message
    }

    /// A failure built from a field problem at a place.
    init(file: String, line: Int?, sequence: Int64?, fieldError: FieldError, prefix: String = "") {
        var expected: String?
        var found: String?
        switch fieldError.problem {
        case .malformed(let wanted, let got), .mismatch(let wanted, let got):
            expected = wanted
            found = got
        default:
            break
        }
        let field = prefix.isEmpty ? fieldError.field : (fieldError.field.isEmpty ? prefix : prefix + "." + fieldError.field)
        var error = fieldError
        error.field = field
        self.init(file: file, line: line, sequence: sequence, field: field.isEmpty ? nil : field,
                  expected: expected, found: found, message: error.problemDescription)
    }

    /// `file:line: entry N: message`, the way compilers report places.
    public var description: String {
        var place = file
        // Also for a failure whose line was set to 0 after it was made.
        if let line, line > 0 { place += ":\(line)" }
        var text = place + ": "
        switch (sequence.flatMap { $0 > 0 ? $0 : nil }, field) {
        case let (sequence?, field?): text += "entry \(sequence), field \(field): "
        case let (sequence?, nil): text += "entry \(sequence): "
        case let (nil, field?): text += "field \(field): "
        case (nil, nil): break
        }
        text += message
        return text
    }
}
