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

    /// The timestamp whose digits make `digits` (20161209100000 for
    /// 2016-12-09T10:00:00Z), as `SignedMoment` reads them.
    package static func string(digits: UInt64) -> String {
        let text = String(digits)
        let padded = Array(String(repeating: "0", count: max(0, 14 - text.count)) + text)
        guard padded.count == 14 else { return text }
        return String(padded[0..<4]) + "-" + String(padded[4..<6]) + "-" + String(padded[6..<8]) + "T"
            + String(padded[8..<10]) + ":" + String(padded[10..<12]) + ":" + String(padded[12..<14]) + "Z"
    }

    /// The registry's spelling of `date`, truncated to the second. Dates
    /// outside the years 0000–9999 are clamped to the nearest one in range,
    /// since the clock that gives them is the machine's own.
    public static func string(from date: Date) -> String {
        if let text = try? RFC3339.string(from: date) { return text }
        return date.timeIntervalSince1970 < 0 ? "0000-01-01T00:00:00Z" : "9999-12-31T23:59:59Z"
    }
}
