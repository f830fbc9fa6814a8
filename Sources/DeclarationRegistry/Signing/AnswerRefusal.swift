import RegistryFormat

/// Why an answer or an option's value was not taken, said in the user's
/// language: the format's rule (a `FieldError`), or a jurisdiction that no
/// code or name matches.
package struct AnswerRefusal: Error, Sendable, Equatable {
    /// What was refused.
    package enum Cause: Sendable, Equatable {
        /// A detail the statement's rules refuse.
        case field(FieldError)
        /// A kind that is neither of the two.
        case kind
        /// What was typed names no listed jurisdiction; `suggestions` are
        /// what it may have meant.
        case jurisdiction(typed: String, suggestions: [Jurisdiction])
    }

    /// The cause.
    package let cause: Cause

    /// Creates a refusal.
    package init(_ cause: Cause) {
        self.cause = cause
    }

    /// The reason, in `language`, as a sentence.
    package func reason(in language: Language) -> String {
        switch cause {
        case .kind:
            return Message.retryKind.text(in: language)
        case .jurisdiction(let typed, let suggestions):
            guard !suggestions.isEmpty else { return Message.jurisdictionNoMatch.text(in: language, ["typed": typed]) }
            let base = Message.jurisdictionNotACode.text(in: language, ["typed": typed])
            let choices = suggestions.map { "\($0.code) (\($0.name(in: language)))" }.joined(separator: ", ")
            return base + " " + Message.didYouMean.text(in: language, ["choices": choices])
        case .field(let error):
            switch error.problem {
            case .empty, .missing:
                return Message.reasonEmpty.text(in: language)
            case .tooLong(let limit, let found):
                return Message.reasonTooLong.text(in: language, ["found": String(found), "limit": String(limit)])
            case .forbiddenCharacter(let scalar, _):
                return Message.reasonForbiddenCharacter.text(in: language, ["scalar": Self.hex(scalar)])
            case .unassignedCharacter(let scalar, _, let version):
                return Message.reasonUnassignedCharacter.text(in: language, ["scalar": Self.hex(scalar), "version": version])
            case .malformed where error.field == SignatoryField.website.path:
                return Message.reasonWebsite.text(in: language)
            default:
                return Message.reasonOther.text(in: language, ["reason": error.problemDescription])
            }
        }
    }

    private static func hex(_ scalar: UInt32) -> String {
        let digits = String(scalar, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
