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

    /// How far, in seconds, a statement's `signed_at` may be after the
    /// `appended_at` of the entry that records it: ten minutes, for a
    /// signatory's clock that runs a little fast. A statement dated later
    /// would sort after everything its key signs until then, so that key
    /// could never withdraw it (its withdrawal would be "older").
    public static let maximumClockSkew = 600

    /// Checks that `signedAt` is at most `maximumClockSkew` seconds after
    /// `appendedAt`; both are valid timestamps.
    /// - Throws: `FieldError` on `field` (`signed_at` of the statement),
    ///   saying by how much it is too late.
    package static func checkSigningTime(signedAt: String, appendedAt: String, field: String) throws(FieldError) {
        guard !isWithinSkew(signedAt: signedAt, appendedAt: appendedAt) else { return }
        throw FieldError(field: field, problem: .signedAfterRecording(signedAt: signedAt, appendedAt: appendedAt,
                                                                      skew: maximumClockSkew))
    }

    /// Whether `signedAt` is at most `maximumClockSkew` seconds after
    /// `appendedAt` (both valid timestamps; false if either is not).
    /// Allocation-free, for the verifier's fast path.
    package static func isWithinSkew(signedAt: String, appendedAt: String) -> Bool {
        // One spelling per instant: byte order is time order, and a
        // statement signed before it was recorded, the usual case, needs
        // no arithmetic.
        if signedAt.utf8.lexicographicallyPrecedes(appendedAt.utf8) || signedAt.utf8.elementsEqual(appendedAt.utf8) {
            return true
        }
        guard let signed = try? RFC3339.parse(signedAt), let appended = try? RFC3339.parse(appendedAt) else {
            return false
        }
        func seconds(_ fields: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)) -> Int {
            CivilDate.days(year: fields.year, month: fields.month, day: fields.day) * 86_400
                + fields.hour * 3_600 + fields.minute * 60 + fields.second
        }
        return seconds(signed) - seconds(appended) <= maximumClockSkew
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
