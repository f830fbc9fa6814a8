import Foundation

/// The registry's timestamps: RFC 3339 in UTC, to the second, in exactly one
/// spelling (`2016-12-09T10:00:00Z`), so that times compare as text and a
/// signed time has only one encoding.
public enum Timestamp {
    /// Checks that `text` is a valid timestamp in the registry's form.
    public static func check(_ text: String, field: String) throws(FieldError) {
        do {
            _ = try RFC3339.date(from: text)
        } catch {
            throw FieldError(field: field, problem: .malformed(expected: "an RFC 3339 UTC time such as 2016-12-09T10:00:00Z",
                                                               found: Statement.quoted(text)))
        }
    }

    /// The registry's spelling of `date`, truncated to the second. Dates
    /// outside the years 0000–9999 are clamped to the nearest one in range,
    /// since the clock that gives them is the machine's own.
    public static func string(from date: Date) -> String {
        if let text = try? RFC3339.string(from: date) { return text }
        return date.timeIntervalSince1970 < 0 ? "0000-01-01T00:00:00Z" : "9999-12-31T23:59:59Z"
    }
}
