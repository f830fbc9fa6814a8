import Foundation

/// Reads and writes UTC times in the one RFC 3339 form the registry uses:
/// `YYYY-MM-DDTHH:MM:SSZ`, such as "2016-12-09T10:00:00Z".
///
/// The form is strict so that every instant has exactly one spelling, which
/// matters because these strings are signed and hashed:
/// - UTC only, written "Z" (uppercase); numeric offsets are refused;
/// - whole seconds only; fractional seconds are refused, and `string(from:)`
///   drops any fraction of a second a `Date` carries (rounding towards the past);
/// - uppercase "T" between date and time; no lowercase, no space;
/// - years 0000 to 9999 of the proleptic Gregorian calendar, months and days
///   checked against the calendar (29 February in leap years only);
/// - no leap second (":60"), since `Date` counts seconds without them.
public enum RFC3339 {
    /// The instant `text` names.
    /// - Throws: `RFC3339Error` naming what is wrong and what was expected.
    public static func date(from text: String) throws(RFC3339Error) -> Date {
        let fields = try parse(text)
        let days = CivilDate.days(year: fields.year, month: fields.month, day: fields.day)
        let seconds = days * 86_400 + fields.hour * 3_600 + fields.minute * 60 + fields.second
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The RFC 3339 UTC spelling of `date`, to the second.
    /// - Throws: `RFC3339Error.unrepresentable` for dates outside years 0000–9999.
    public static func string(from date: Date) throws(RFC3339Error) -> String {
        let (days, secondOfDay) = try daysAndSeconds(of: date)
        let civil = CivilDate.date(days: days)
        return pad(civil.year, 4) + "-" + pad(civil.month, 2) + "-" + pad(civil.day, 2) + "T"
            + pad(secondOfDay / 3_600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2) + "Z"
    }

    /// The fields of a well-formed timestamp, range-checked.
    static func parse(_ text: String) throws(RFC3339Error)
        -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)
    {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20 else { throw RFC3339Error.malformed(found: text) }
        for position in 0..<19 {
            let valid = separator(at: position).map { bytes[position] == $0 } ?? CodeCharacters.isDigit(bytes[position])
            guard valid else { throw RFC3339Error.malformed(found: text) }
        }
        guard bytes.count == 20, bytes[19] == UInt8(ascii: "Z") else {
            switch bytes[19] {
            case UInt8(ascii: "."): throw RFC3339Error.fractionalSeconds(found: text)
            case UInt8(ascii: "+"), UInt8(ascii: "-"): throw RFC3339Error.notUTC(found: text)
            default: throw RFC3339Error.malformed(found: text)
            }
        }
        func number(_ range: Range<Int>) -> Int {
            bytes[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        func check(_ field: String, _ value: Int, _ expected: ClosedRange<Int>) throws(RFC3339Error) {
            guard expected.contains(value) else {
                throw RFC3339Error.outOfRange(found: text, field: field, value: value, expected: expected)
            }
        }
        let (year, month, day) = (number(0..<4), number(5..<7), number(8..<10))
        let (hour, minute, second) = (number(11..<13), number(14..<16), number(17..<19))
        try check("month", month, 1...12)
        try check("day", day, 1...CivilDate.daysInMonth(month, of: year))
        try check("hour", hour, 0...23)
        try check("minute", minute, 0...59)
        if second == 60 { throw RFC3339Error.leapSecond(found: text) }
        try check("second", second, 0...59)
        return (year, month, day, hour, minute, second)
    }

    /// The separator at `position` of "YYYY-MM-DDTHH:MM:SS"; nil where a
    /// digit belongs.
    private static func separator(at position: Int) -> UInt8? {
        switch position {
        case 4, 7: return UInt8(ascii: "-")
        case 10: return UInt8(ascii: "T")
        case 13, 16: return UInt8(ascii: ":")
        default: return nil
        }
    }

    /// Whether `bytes` are a timestamp `date(from:)` accepts, judged without
    /// making a `String` or an error: the verifier's fast path.
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == 20, bytes[19] == UInt8(ascii: "Z") else { return false }
        for position in 0..<19 {
            let valid = separator(at: position).map { bytes[position] == $0 } ?? CodeCharacters.isDigit(bytes[position])
            guard valid else { return false }
        }
        func number(_ range: Range<Int>) -> Int {
            bytes[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        let (year, month, day) = (number(0..<4), number(5..<7), number(8..<10))
        return (1...12).contains(month) && (1...CivilDate.daysInMonth(month, of: year)).contains(day)
            && number(11..<13) <= 23 && number(14..<16) <= 59 && number(17..<19) <= 59
    }

    /// Whole days since 1970-01-01 and the second within the day, flooring.
    static func daysAndSeconds(of date: Date) throws(RFC3339Error) -> (days: Int, secondOfDay: Int) {
        let interval = date.timeIntervalSince1970
        let earliest = TimeInterval(CivilDate.days(year: 0, month: 1, day: 1) * 86_400)
        let latest = TimeInterval(CivilDate.days(year: 10_000, month: 1, day: 1) * 86_400)
        // The comparisons are false for NaN, so it is refused here too.
        guard interval >= earliest, interval < latest else {
            throw RFC3339Error.unrepresentable(secondsSince1970: interval)
        }
        let seconds = Int(interval.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return (days, seconds - days * 86_400)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
