import Foundation

/// The registry's timestamps: RFC 3339 in UTC, to the second, in exactly one
/// spelling (`2016-12-09T10:00:00Z`), so that times compare as text and a
/// signed time has only one encoding.
public enum Timestamp {
    /// Checks that `text` is a valid timestamp in the registry's form.
    public static func check(_ text: String, field: String) throws(FieldError) {
        guard let parsed = try? RFC3339.parse(text), RFC3339.format(parsed) == text else {
            throw FieldError(field: field, problem: .malformed(expected: "an RFC 3339 UTC time such as 2016-12-09T10:00:00Z",
                                                               found: Statement.quoted(text)))
        }
    }

    /// The registry's spelling of `date`, truncated to the second.
    public static func string(from date: Date) -> String {
        RFC3339.format(date)
    }
}
