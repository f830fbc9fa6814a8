/// Why a timestamp or a calendar date was refused.
public enum RFC3339Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not shaped like "YYYY-MM-DDTHH:MM:SSZ".
    case malformed(found: String)
    /// The text carries fractional seconds, which the registry does not write.
    case fractionalSeconds(found: String)
    /// The text carries a numeric UTC offset such as "+01:00" instead of "Z".
    case notUTC(found: String)
    /// A field is outside its range, such as month 13 or 29 February 2017.
    case outOfRange(found: String, field: String, value: Int, expected: ClosedRange<Int>)
    /// A leap second (":60"), which `Date` cannot represent.
    case leapSecond(found: String)
    /// A `Date` lies outside years 0000–9999 or is not a finite number of seconds.
    case unrepresentable(secondsSince1970: Double)

    public var description: String {
        let example = "expected a UTC time written as YYYY-MM-DDTHH:MM:SSZ, such as \"2016-12-09T10:00:00Z\""
        switch self {
        case .malformed(let found):
            return "\"\(found)\" is not an RFC 3339 UTC time; \(example)"
        case .fractionalSeconds(let found):
            return "\"\(found)\" has fractional seconds; the registry writes whole seconds only: \(example)"
        case .notUTC(let found):
            return "\"\(found)\" is not in UTC; convert it and write it with a final \"Z\": \(example)"
        case .outOfRange(let found, let field, let value, let expected):
            return "\"\(found)\" has \(field) \(value); expected \(expected.lowerBound) to \(expected.upperBound)"
        case .leapSecond(let found):
            return "\"\(found)\" is a leap second, which the registry cannot record; use the second before or after it"
        case .unrepresentable(let seconds):
            return "the time \(seconds) seconds from 1970-01-01T00:00:00Z is outside years 0000 to 9999"
        }
    }
}
